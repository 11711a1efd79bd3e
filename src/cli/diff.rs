//! `stakemap diff FILE --from DATE|BASELINE --to DATE|BASELINE [--format md|csv|json]`:
//! what changed on the map between two dates or baselines, as a change report.

use super::output::{err, load_failure, out};
use crate::analysis;
use crate::analysis::Moment;
use crate::model::Date;
use clap::ValueEnum;
use std::path::Path;

/// The change report's format.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ReportFormat {
    /// A readable Markdown report.
    #[default]
    Md,
    /// One row a change, for spreadsheets.
    Csv,
    /// For other programs.
    Json,
}

pub(super) fn run(file: &Path, from: &str, to: &str, format: ReportFormat) -> u8 {
    let map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(&e),
    };
    let today = Date::today();
    let (from, to) = (Moment::parse(from), Moment::parse(to));
    let (Some(before), Some(after)) = (from.map(&map, today), to.map(&map, today)) else {
        let names: Vec<&str> = map.baselines.iter().map(|b| b.name.as_str()).collect();
        err(&format!(
            "error: {}: --from and --to take a date (YYYY-MM-DD) or a baseline; its baselines are: {}",
            file.display(),
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        ));
        return super::EXIT_ERROR;
    };
    let changes = analysis::diff(&before, &after);
    let (from_label, to_label) = (from.label(&map), to.label(&map));
    let report = match format {
        ReportFormat::Md => Ok(analysis::to_markdown(
            &changes,
            &before,
            &after,
            &from_label,
            &to_label,
        )),
        ReportFormat::Csv => analysis::to_csv(&changes, &before, &after),
        ReportFormat::Json => analysis::to_json(&changes, &before, &after, &from_label, &to_label),
    };
    match report {
        Ok(text) => {
            out(text.trim_end());
            super::EXIT_OK
        }
        Err(e) => {
            err(&format!("error: cannot write the report: {e}"));
            super::EXIT_ERROR
        }
    }
}
