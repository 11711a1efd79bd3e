//! `stakemap validate FILE`: check a map and summarise it.

use super::output::{Printer, load_failure, shown};
use crate::model::{Date, Map, StakeholderKind};
use std::path::Path;

pub(super) fn run(file: &Path) -> u8 {
    let mut out = Printer::new();
    let code = validate(file, &mut out);
    out.finish(code)
}

/// Problems and warnings one a line, each starting with the file's name; then the summary
/// when the map is valid. Warnings (a planned interaction, a leftover temporary file) do
/// not change the exit code.
fn validate(file: &Path, out: &mut Printer) -> u8 {
    let origin = shown(file);
    for leftover in crate::io::leftovers(file) {
        let name = leftover
            .file_name()
            .map_or_else(|| shown(&leftover), |n| n.to_string_lossy().into_owned());
        out.line(&format!(
            "{origin}: warning: {name} beside it is a temporary file left by a save that was \
             interrupted (a crash or a kill); the next save removes it, or delete it"
        ));
    }
    match crate::io::load(file) {
        Ok(map) => {
            let warnings = map.warnings(Date::today());
            for warning in &warnings {
                out.line(&format!("{origin}: warning: {warning}"));
            }
            out.line(&summary(&map));
            super::EXIT_OK
        }
        Err(e) => load_failure(out, &e),
    }
}

/// `valid: 42 stakeholders (12 partners, ...), 63 relationships, 240 observations`, with
/// one of each said as one ("1 partner").
fn summary(map: &Map) -> String {
    let by_kind: Vec<String> = StakeholderKind::ALL
        .iter()
        .map(|&kind| {
            let n = map.stakeholders().filter(|s| s.kind == kind).count();
            let plural = kind.plural();
            let word = if n == 1 {
                plural.strip_suffix('s').unwrap_or(plural)
            } else {
                plural
            };
            format!("{n} {word}")
        })
        .collect();
    format!(
        "valid: {} ({}), {}, {}",
        counted(map.stakeholder_count(), "stakeholder"),
        by_kind.join(", "),
        counted(map.relationship_count(), "relationship"),
        counted(map.observation_count(), "observation")
    )
}

/// `n` things in words: "1 relationship", "3 relationships".
fn counted(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}
