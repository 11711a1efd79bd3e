//! `stakemap layout FILE [--layout KIND] [--centre ID] [--output OUT]`: arrange a map's
//! stakeholders with the same layouts the window uses, and save the positions.

use super::output::{err, load_failure, out};
use crate::layout::for_map::{self, MapLayout};
use crate::model::{Position, StakeholderId};
use clap::ValueEnum;
use std::path::Path;

/// The layouts the command line offers.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum LayoutKind {
    /// Force-directed (pinned stakeholders stay where they are).
    #[default]
    Force,
    /// On a circle, grouped by kind.
    CircularByKind,
    /// On a circle, grouped by sector.
    CircularBySector,
    /// In rings around --centre, by hops.
    Radial,
    /// The power/interest grid.
    Grid,
    /// Columns by current engagement.
    Engagement,
}

pub(super) fn run(file: &Path, kind: LayoutKind, centre: Option<u64>, output: Option<&Path>) -> u8 {
    let mut map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(&e),
    };
    let layout = match kind {
        LayoutKind::Force => None,
        LayoutKind::CircularByKind => Some(MapLayout::CircularByKind),
        LayoutKind::CircularBySector => Some(MapLayout::CircularBySector),
        LayoutKind::Radial => {
            let Some(centre) = centre
                .map(StakeholderId)
                .filter(|&id| map.stakeholder(id).is_some())
            else {
                err(&format!(
                    "error: {}: --layout radial needs --centre with the id of a stakeholder on the map",
                    file.display()
                ));
                return super::EXIT_ERROR;
            };
            Some(MapLayout::Radial(centre))
        }
        LayoutKind::Grid => Some(MapLayout::PowerInterest),
        LayoutKind::Engagement => Some(MapLayout::Engagement),
    };
    match layout {
        None => {
            for_map::force_layout(&mut map);
        }
        Some(layout) => {
            let arrangement = for_map::arrange(&map, layout);
            for (id, Position(x, y)) in arrangement.positions {
                if let Some(s) = map.stakeholder_mut(id) {
                    s.position = Some(Position(x, y));
                }
            }
        }
    }
    let target = output.unwrap_or(file);
    match crate::io::save(&map, target) {
        Ok(()) => {
            out(&format!(
                "laid out {} stakeholders in {}",
                map.stakeholder_count(),
                target.display()
            ));
            super::EXIT_OK
        }
        Err(e) => {
            err(&format!("error: {e}"));
            super::EXIT_ERROR
        }
    }
}
