//! `stakemap diff FILE --from DATE|BASELINE --to DATE|BASELINE [--format md|csv|json]
//! [--profile P] [--placeholders]`: what changed on the map between two dates or
//! baselines, as a change report, after the redaction pass (partner by default: the
//! report leaves the machine). What the profile left out is said on standard error.

use super::output::{err, load_failure, out};
use crate::analysis;
use crate::analysis::{Comparison, Moment};
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

pub(super) fn run(
    file: &Path,
    (from, to): (&str, &str),
    format: ReportFormat,
    redaction: crate::io::RedactionOptions,
) -> u8 {
    let map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(&e),
    };
    // Redacting first and comparing after gives the same as comparing and redacting both
    // moments (the pass is per item), and names one set of what was left out.
    let shown = crate::io::redact(&map, redaction);
    let map = shown.map();
    let (from, to) = (Moment::parse(from), Moment::parse(to));
    let Some(comparison) = Comparison::of(map, &from, &to, Date::today()) else {
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
    let format = match format {
        ReportFormat::Md => analysis::ReportFormat::Markdown,
        ReportFormat::Csv => analysis::ReportFormat::Csv,
        ReportFormat::Json => analysis::ReportFormat::Json,
    };
    match comparison.report(format) {
        Ok(text) => {
            err(&shown.left_out().sentence());
            out(text.trim_end());
            super::EXIT_OK
        }
        Err(e) => {
            err(&format!("error: cannot write the report: {e}"));
            super::EXIT_ERROR
        }
    }
}
