//! The "Needs attention" list: cooling and stale relationships and under-served issues,
//! most urgent first, each a click away on the canvas.

use crate::analysis::{AttentionItem, AttentionSubject, TrendSettings};
use crate::model::Map;
use egui::Ui;

/// How many items the list shows.
const SHOWN: usize = 50;

/// Shows the settings and the list; returns the item clicked.
pub fn attention_ui(
    ui: &mut Ui,
    map: &Map,
    items: &[AttentionItem],
    settings: &mut TrendSettings,
) -> (Option<AttentionSubject>, bool) {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label("Trend over");
        changed |= ui
            .add(
                egui::DragValue::new(&mut settings.window_days)
                    .range(7..=3650)
                    .suffix(" days"),
            )
            .changed();
    });
    ui.horizontal(|ui| {
        ui.label("Stale after");
        changed |= ui
            .add(
                egui::DragValue::new(&mut settings.stale_after_days)
                    .range(1..=3650)
                    .suffix(" days"),
            )
            .changed();
    });
    let mut picked = None;
    if items.is_empty() {
        ui.weak("Nothing is cooling or stale, and every issue is addressed.");
    }
    // The most urgent first; a long tail would only slow every frame down.
    for item in items.iter().take(SHOWN) {
        let name = crate::text::display_order(&item.subject.name(map)).into_owned();
        let response = ui
            .add(egui::Button::new(egui::RichText::new(&name).strong()).frame(false))
            .on_hover_text("Select it on the canvas");
        ui.add(egui::Label::new(egui::RichText::new(&item.reason).weak()).wrap());
        if response.clicked() {
            picked = Some(item.subject);
        }
        ui.add_space(2.0);
    }
    if items.len() > SHOWN {
        ui.weak(format!("and {} more, less urgent", items.len() - SHOWN));
    }
    (picked, changed)
}
