//! `stakemap diff FILE --from MOMENT --to MOMENT [--format md|csv|json] [--profile P]
//! [--placeholders]`: what changed on the map between two dates or baselines, as a change
//! report, after the redaction pass (partner by default: the report leaves the machine).
//! What the profile left out is said on standard error.

use super::output::{Printer, err, load_failure, shown};
use crate::analysis::{Comparison, Moment};
use crate::errors::said;
use crate::io::RedactionOptions;
use crate::io::report;
use crate::model::{Date, Map};
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
    redaction: RedactionOptions,
) -> u8 {
    let mut out = Printer::new();
    let code = diff(file, (from, to), format, redaction, &mut out);
    out.finish(code)
}

fn diff(
    file: &Path,
    (from, to): (&str, &str),
    format: ReportFormat,
    redaction: RedactionOptions,
    out: &mut Printer,
) -> u8 {
    // The moments are checked before the file is read: a mistyped date is a mistake on
    // the command line, whatever the map holds.
    let moment = |flag: &str, text: &str| {
        Moment::read(text).map_err(|e| {
            err(&format!("error: {flag}: {e}"));
            super::EXIT_ERROR
        })
    };
    let (from, to) = match (moment("--from", from), moment("--to", to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(out, &e),
    };
    for (flag, moment) in [("--from", &from), ("--to", &to)] {
        if let Moment::Baseline(name) = moment
            && map.baseline(name).is_none()
        {
            err(&format!(
                "error: {flag}: {} has no baseline \"{name}\"; {}",
                shown(file),
                baselines_known(&map)
            ));
            return super::EXIT_ERROR;
        }
    }
    // Redacting first and comparing after gives the same as comparing and redacting both
    // moments (the pass is per item), and names one set of what was left out. Baselines
    // stay (only their confidential members go), so the moments checked above still hold.
    let redacted = crate::io::redact(&map, redaction);
    let Some(comparison) = Comparison::of(redacted.map(), &from, &to, Date::today()) else {
        return super::EXIT_ERROR; // every baseline was found just above
    };
    let format = match format {
        ReportFormat::Md => report::ReportFormat::Markdown,
        ReportFormat::Csv => report::ReportFormat::Csv,
        ReportFormat::Json => report::ReportFormat::Json,
    };
    match report::report_under(&comparison, format, redacted.left_out()) {
        Ok(text) => {
            err(&redacted.left_out().sentence());
            out.text(text.trim_end());
            super::EXIT_OK
        }
        Err(e) => {
            err(&format!("error: cannot write the report: {}", said(&e)));
            super::EXIT_ERROR
        }
    }
}

/// "its baselines are: A, baseline:2025-06-30", or "it has no baselines": each as it is
/// typed after --from or --to.
fn baselines_known(map: &Map) -> String {
    if map.baselines().is_empty() {
        return "it has no baselines (--from and --to take a date, YYYY-MM-DD, or a baseline's name)"
            .to_owned();
    }
    let names: Vec<String> = map
        .baselines()
        .iter()
        .map(|b| Moment::Baseline(b.name.clone()).text())
        .collect();
    format!("its baselines are: {}", names.join(", "))
}
