//! `stakemap validate FILE`: check a map and summarise it.

use super::output::{load_failure, out};
use crate::model::{Map, StakeholderKind};
use std::path::Path;

pub(super) fn run(file: &Path) -> u8 {
    match crate::io::load(file) {
        Ok(map) => {
            out(&summary(&map));
            super::EXIT_OK
        }
        Err(e) => load_failure(&e),
    }
}

/// `valid: 42 stakeholders (12 partners, ...), 63 relationships, 240 observations`
fn summary(map: &Map) -> String {
    let by_kind: Vec<String> = StakeholderKind::ALL
        .iter()
        .map(|&kind| {
            let n = map.stakeholders().filter(|s| s.kind == kind).count();
            format!("{n} {}", kind.plural())
        })
        .collect();
    format!(
        "valid: {} stakeholders ({}), {} relationships, {} observations",
        map.stakeholder_count(),
        by_kind.join(", "),
        map.relationship_count(),
        map.observation_count()
    )
}
