//! Size by and colour by, at the top of the legend: what stakeholders' size and fill show
//! ([`crate::style::encoding`]), changed through [`Command::SetEncoding`] like every other
//! view setting, so the canvas, the legend and an exported picture follow together.

use super::command::Command;
use crate::analysis::Metric;
use crate::style::encoding::{ColourBy, Encoding, SizeBy};
use egui::Ui;

/// The two choices, each a drop-down of the map's fields, then the network metrics.
pub fn encoding_ui(ui: &mut Ui, encoding: &Encoding, commands: &mut Vec<Command>) {
    let mut chosen = *encoding;
    egui::Grid::new("encoding").num_columns(2).show(ui, |ui| {
        let label = ui.label("Size by");
        egui::ComboBox::from_id_salt("size_by")
            .selected_text(chosen.size.to_string())
            .show_ui(ui, |ui| {
                for choice in SizeBy::all() {
                    if choice == SizeBy::Metric(Metric::ALL[0]) {
                        ui.separator();
                    }
                    option(ui, &mut chosen.size, choice, hint_size(choice));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Colour by");
        egui::ComboBox::from_id_salt("colour_by")
            .selected_text(chosen.colour.to_string())
            .show_ui(ui, |ui| {
                for choice in ColourBy::all() {
                    if choice == ColourBy::Metric(Metric::ALL[0]) {
                        ui.separator();
                    }
                    option(ui, &mut chosen.colour, choice, hint_colour(choice));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
    if chosen != *encoding {
        commands.push(Command::SetEncoding(chosen));
    }
}

fn option<T: PartialEq + ToString>(ui: &mut Ui, current: &mut T, choice: T, hint: &str) {
    let text = choice.to_string();
    ui.selectable_value(current, choice, text)
        .on_hover_text(hint);
}

fn hint_size(choice: SizeBy) -> &'static str {
    match choice {
        SizeBy::Influence => "The map's own: influence 1 to 5.",
        SizeBy::Interest => "Interest 1 to 5.",
        SizeBy::Metric(m) => m.description(),
    }
}

fn hint_colour(choice: ColourBy) -> &'static str {
    match choice {
        ColourBy::Kind => "The map's own: partner, organisation, issue, initiative.",
        ColourBy::Sector => "The seven largest sectors a colour each, the rest grey.",
        ColourBy::Area => "The seven largest areas a colour each, the rest grey.",
        ColourBy::Engagement => "Engagement now, from unaware (dark) to leading (light).",
        ColourBy::Metric(m) => m.description(),
    }
}
