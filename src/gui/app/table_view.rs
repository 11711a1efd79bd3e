//! The table's part of the window: it reads the shown map, its metrics and the selection,
//! and pushes commands like the inspector; under a profile it only shows.

use super::StakemapApp;
use crate::gui::table::TableInput;
use crate::redaction::RedactionProfile;
use egui::Ui;

impl StakemapApp {
    /// Whether the central area shows the table rather than the map.
    pub fn shows_table(&self) -> bool {
        self.view.table.open
    }

    /// How many times the table has sorted its stakeholders (a frame that changed nothing
    /// sorts nothing).
    pub fn table_sorts(&self) -> u64 {
        self.view.table.stakeholder_sorts()
    }

    pub(super) fn table_ui(&mut self, ui: &mut Ui) {
        let refused = self.edits_refused();
        let today = self.today();
        let Some(shown) = self.view.shown.get() else {
            return;
        };
        let generation = self.view.shown.generation;
        let input = TableInput {
            shown,
            generation,
            // As the inspector: fields show, and edits start from, the document's map; under
            // a profile, only what the profile shows.
            map: if self.view.redaction.profile == RedactionProfile::Internal {
                self.doc.map()
            } else {
                &shown.map
            },
            metrics: self.view.findings.metrics(generation).map(AsRef::as_ref),
            selection: &self.view.selection,
            refused,
            today,
            trend: &self.prefs.trend,
        };
        self.view.table.ui(ui, &input, &mut self.commands);
    }
}
