//! The menu bar, the toolbar and the status bar.

use super::{StakemapApp, Then};
use crate::gui::shortcuts::Action;
use crate::layout::for_map::MapLayout;
use crate::model::StakeholderKind;
use egui::Ui;

impl StakemapApp {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New").clicked() {
                    self.perform(&ctx, Action::New);
                }
                if ui.button("Open...").clicked() {
                    self.perform(&ctx, Action::Open);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent.is_empty() {
                        ui.weak("No recent maps");
                    }
                    for path in self.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.guard(Then::Open(Some(path)));
                        }
                    }
                });
                ui.separator();
                if ui.button("Save").clicked() {
                    self.perform(&ctx, Action::Save);
                }
                if ui.button("Save as...").clicked() {
                    self.perform(&ctx, Action::SaveAs);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    self.perform(&ctx, Action::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.history.undo_label().map(|l| format!("Undo: {l}"));
                if ui
                    .add_enabled(
                        undo.is_some(),
                        egui::Button::new(undo.as_deref().unwrap_or("Undo")),
                    )
                    .clicked()
                {
                    self.undo();
                }
                let redo = self.history.redo_label().map(|l| format!("Redo: {l}"));
                if ui
                    .add_enabled(
                        redo.is_some(),
                        egui::Button::new(redo.as_deref().unwrap_or("Redo")),
                    )
                    .clicked()
                {
                    self.redo();
                }
                ui.separator();
                for (label, action) in [
                    ("Add stakeholder", Action::AddStakeholder),
                    ("Connect", Action::Connect),
                    ("Duplicate", Action::Duplicate),
                    ("Delete", Action::Delete),
                    ("Pin or unpin", Action::TogglePin),
                    ("Select all", Action::SelectAll),
                ] {
                    if ui.button(label).clicked() {
                        self.perform(&ctx, action);
                    }
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Zoom to fit").clicked() {
                    self.canvas.fit_requested = true;
                }
                if ui.button("Find...").clicked() {
                    self.find = Some(String::new());
                }
                ui.checkbox(&mut self.show_legend, "Legend");
                ui.checkbox(&mut self.files.native, "Use the desktop's file dialog");
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    self.show_shortcuts = true;
                }
            });
        });
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.strong(&self.map.title);
            ui.separator();
            egui::ComboBox::from_id_salt("new_kind")
                .selected_text(self.new_kind.to_string())
                .show_ui(ui, |ui| {
                    for kind in StakeholderKind::ALL {
                        ui.selectable_value(&mut self.new_kind, kind, kind.to_string());
                    }
                });
            if ui
                .button("Add stakeholder")
                .on_hover_text("Add a stakeholder of this kind (N, or double-click the canvas)")
                .clicked()
            {
                self.perform(&ui.ctx().clone(), Action::AddStakeholder);
            }
            ui.toggle_value(&mut self.canvas.connect_mode, "Connect")
                .on_hover_text(
                    "Drag from one stakeholder to another to connect them (or hold Alt)",
                );
            ui.separator();
            self.layout_toolbar_ui(ui);
            ui.separator();
            if ui
                .button("Zoom to fit")
                .on_hover_text("Show the whole map (F)")
                .clicked()
            {
                self.canvas.fit_requested = true;
            }
            ui.toggle_value(&mut self.show_legend, "Legend");
        });
    }

    pub(super) fn layout_toolbar_ui(&mut self, ui: &mut Ui) {
        let selected = self.selection.stakeholders.first().copied();
        let mut layout = self.layouts.layout;
        let label = |l: MapLayout| match l {
            MapLayout::Network => "Network",
            MapLayout::CircularByKind => "Circle by kind",
            MapLayout::CircularBySector => "Circle by sector",
            MapLayout::Radial(_) => "Rings around selected",
            MapLayout::PowerInterest => "Power/interest grid",
            MapLayout::Engagement => "Engagement",
        };
        let view_label = ui.label("View");
        egui::ComboBox::from_id_salt("map_layout")
            .selected_text(label(layout))
            .show_ui(ui, |ui| {
                for option in [
                    MapLayout::Network,
                    MapLayout::CircularByKind,
                    MapLayout::CircularBySector,
                    MapLayout::PowerInterest,
                    MapLayout::Engagement,
                ] {
                    ui.selectable_value(&mut layout, option, label(option));
                }
                if let Some(centre) = selected {
                    ui.selectable_value(
                        &mut layout,
                        MapLayout::Radial(centre),
                        label(MapLayout::Radial(centre)),
                    );
                } else {
                    ui.weak("Select a stakeholder for rings around it");
                }
            })
            .response
            .labelled_by(view_label.id);
        if layout != self.layouts.layout {
            self.show_layout(layout);
        }
        if self.layouts.is_running() {
            if ui
                .button("Pause layout")
                .on_hover_text("Stop the force layout here (R)")
                .clicked()
            {
                let reached = self.layouts.pause();
                self.store_layout(reached);
            }
        } else if ui
            .button("Run layout")
            .on_hover_text("Let the force layout tidy the network from where it is (R)")
            .clicked()
        {
            self.run_layout(false);
        }
        if ui
            .button("Re-run")
            .on_hover_text("Lay the network out afresh; pinned stakeholders stay (Shift+R)")
            .clicked()
        {
            self.run_layout(true);
        }
    }

    pub(super) fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let file = self
                .path
                .as_deref()
                .map_or_else(|| String::from("built-in map"), |p| p.display().to_string());
            ui.label(file);
            if self.is_dirty() {
                ui.label("unsaved changes");
            }
            ui.separator();
            ui.label(format!(
                "{} stakeholders · {} relationships · {} observations",
                self.map.stakeholder_count(),
                self.map.relationship_count(),
                self.map.observation_count()
            ));
        });
    }
}
