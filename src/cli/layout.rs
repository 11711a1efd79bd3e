//! `stakemap layout FILE [--layout KIND] [--centre ID] [--output OUT] [--force]`: arrange a
//! map's stakeholders with the same layouts the window uses, and save the positions.

use super::output::{Printer, err, load_failure, save_failure, save_warnings, shown};
use crate::io::SaveOptions;
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

pub(super) fn run(
    file: &Path,
    kind: LayoutKind,
    centre: Option<u64>,
    output: Option<&Path>,
    force: bool,
) -> u8 {
    let mut out = Printer::new();
    let code = layout(file, kind, centre, output, force, &mut out);
    out.finish(code)
}

fn layout(
    file: &Path,
    kind: LayoutKind,
    centre: Option<u64>,
    output: Option<&Path>,
    force: bool,
    out: &mut Printer,
) -> u8 {
    let mut map = match crate::io::load(file) {
        Ok(map) => map,
        Err(e) => return load_failure(out, &e),
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
                    shown(file)
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
    let options = SaveOptions {
        overwrite_read_only: force,
        drop_comments: force,
        ..SaveOptions::default()
    };
    match crate::io::save_with(&map, target, &options) {
        Ok(saved) => {
            save_warnings(&saved);
            out.line(&format!(
                "laid out {} stakeholders in {}",
                map.stakeholder_count(),
                shown(target)
            ));
            super::EXIT_OK
        }
        Err(e) => save_failure(&e),
    }
}
