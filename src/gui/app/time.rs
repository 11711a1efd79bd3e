//! The time panel's part of the window: as-of, playing, baselines, comparison reports,
//! and what needs attention.

use super::StakemapApp;
use crate::analysis::{self, AttentionSubject, Comparison, ReportFormat};
use crate::edit::Edit;
use crate::gui::files::FilePurpose;
use crate::gui::selection::Selection;
use crate::gui::timeline::TimeAction;
use crate::model::{Date, Position};
use egui::Ui;
use std::path::Path;

impl StakemapApp {
    pub(super) fn pick_attention(&mut self, subject: AttentionSubject) {
        match subject {
            AttentionSubject::Relationship(id) => {
                self.select(Selection::relationship(id));
                let ends = self.map.relationship(id).map(|r| (r.from(), r.to()));
                if let Some((a, b)) = ends
                    && let (Some(p), Some(q)) = (self.view.position_of(a), self.view.position_of(b))
                {
                    self.canvas.centre_on = Some(Position((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0));
                }
            }
            AttentionSubject::Issue(id) | AttentionSubject::Stakeholder(id) => {
                self.select(Selection::stakeholder(id));
                self.canvas.centre_on = self.view.position_of(id);
            }
        }
    }

    pub(super) fn time_ui(&mut self, ui: &mut Ui) {
        let today = Date::today();
        let (actions, changed) = self
            .timeline
            .ui(ui, &self.map, self.first_observation, today);
        let dt = f64::from(ui.input(|i| i.stable_dt));
        let moved = self.timeline.tick(dt, today);
        if self.timeline.playing {
            ui.ctx().request_repaint();
        }
        if changed || moved {
            self.refresh();
        }
        for action in actions {
            match action {
                TimeAction::SaveBaseline { name, date } => {
                    let baseline = analysis::capture(&self.map, &name, date, today);
                    self.apply(Edit::AddBaseline(baseline));
                }
                TimeAction::SaveReport => {
                    self.files.request(FilePurpose::SaveReport, "changes.md");
                }
            }
        }
    }

    /// The change report of the comparison shown, as Markdown or (for `.csv`) CSV.
    pub(super) fn write_report(&mut self, path: &Path) {
        let Some((from, to)) = &self.timeline.compare else {
            return;
        };
        let Some(comparison) = Comparison::of(&self.map, from, to, Date::today()) else {
            return;
        };
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let format = match extension.as_deref() {
            Some("csv") => ReportFormat::Csv,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Markdown,
        };
        let written = comparison
            .report(format)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::io::write_atomically(path, |f| std::io::Write::write_all(f, text.as_bytes()))
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            self.message = Some(format!("The change report was not written: {e}"));
        }
    }
}
