//! The time panel's part of the window: as-of, playing, baselines and comparison. It pushes
//! commands; the timeline keeps only what is being typed and whether Play runs.

use super::StakemapApp;
use crate::gui::command::Command;
use crate::gui::timeline::TimeAction;
use egui::Ui;

impl StakemapApp {
    pub(super) fn time_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let actions = self.view.timeline.ui(
            ui,
            self.doc.map(),
            self.view.first_observation,
            today,
            self.redaction().profile,
        );
        let dt = f64::from(ui.input(|i| i.stable_dt));
        if let Some(date) = self.view.timeline.tick(dt, today) {
            self.commands.push(Command::ShowAsOf(date));
        }
        if self.view.timeline.playing {
            ui.ctx().request_repaint();
        }
        for action in actions {
            self.commands.push(match action {
                TimeAction::ShowAsOf(date) => Command::ShowAsOf(date),
                TimeAction::Compare(moments) => Command::Compare(moments),
                TimeAction::SaveBaseline { name, date } => Command::SaveBaseline { name, date },
                TimeAction::SaveReport(profile) => Command::SaveReport(profile),
                TimeAction::Say(message) => Command::Say(message),
            });
        }
    }
}
