//! `stakemap diff FILE --from DATE --to DATE [--format md|csv|json]`: what changed on the
//! map between two dates, as a change report.

use super::output::{err, load_failure, out};
use crate::analysis;
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

pub(super) fn run(file: &Path, from: Date, to: Date, format: ReportFormat) -> u8 {
    let map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(&e),
    };
    let today = Date::today();
    let before = analysis::map_as_of(&map, from, today);
    let after = analysis::map_as_of(&map, to, today);
    let changes = analysis::diff(&before, &after);
    let (from_label, to_label) = (from.to_string(), to.to_string());
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
