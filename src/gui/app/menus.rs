//! The menu bar, the toolbar and the status bar. They push commands; none acts itself.

use super::StakemapApp;
use crate::gui::command::Command;
use crate::layout::for_map::MapLayout;
use crate::model::StakeholderKind;
use crate::redaction::{ConfidentialAs, RedactionOptions, RedactionProfile};
use egui::Ui;

/// The redaction profiles, in the order offered, with what each leaves out.
const PROFILES: [(RedactionProfile, &str); 4] = [
    (RedactionProfile::Internal, "everything, editable"),
    (
        RedactionProfile::Partner,
        "no contact details, notes or recorded-by",
    ),
    (
        RedactionProfile::Public,
        "as partner, and no owners, descriptions of people or confidential stakeholders",
    ),
    (
        RedactionProfile::Workshop,
        "as public, for a projector in a room",
    ),
];

/// A profile's name as a menu shows it: "Partner".
fn profile_name(profile: RedactionProfile) -> &'static str {
    match profile {
        RedactionProfile::Internal => "Internal",
        RedactionProfile::Partner => "Partner",
        RedactionProfile::Public => "Public",
        RedactionProfile::Workshop => "Workshop",
    }
}

/// The most characters of an undo or redo label a menu shows.
const MENU_LABEL_CHARS: usize = 60;

/// `text` cut to at most `max` characters by an ellipsis in the middle, so that both ends
/// of a long label ("Edit relationship "Kestrel Park ... → City Police Service"") show.
fn elided(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= max {
        return text.into();
    }
    let head = (max - 1) / 2;
    let tail = max - 1 - head;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{}…{}", start.trim_end(), end.trim_start()).into()
}

/// How the View menu and the toolbar name a layout.
pub(super) fn layout_label(layout: MapLayout) -> &'static str {
    match layout {
        MapLayout::Network => "Network",
        MapLayout::CircularByKind => "Circle by kind",
        MapLayout::CircularBySector => "Circle by sector",
        // Short: the toolbar has no room for a longer name (it pushed Present against the
        // profile's button); the list says what it needs ("Select a stakeholder for rings
        // around it").
        MapLayout::Radial(_) => "Rings",
        MapLayout::PowerInterest => "Power/interest grid",
        MapLayout::Engagement => "Engagement",
    }
}

impl StakemapApp {
    /// A menu entry that pushes a command when clicked.
    fn item(&mut self, ui: &mut Ui, label: &str, command: Command) {
        if ui.button(label).clicked() {
            self.commands.push(command);
        }
    }

    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.item(ui, "New", Command::New);
                self.item(ui, "Open...", Command::Open);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.weak("No recent maps");
                    }
                    for path in self.prefs.recent.clone() {
                        self.item(ui, &path.display().to_string(), Command::OpenFile(path));
                    }
                });
                ui.separator();
                self.item(ui, "Save", Command::Save);
                self.item(ui, "Save as...", Command::SaveAs);
                ui.separator();
                self.item(ui, "Import as a new map...", Command::ImportAsNew);
                self.item(ui, "Import into this map...", Command::Import);
                self.item(ui, "Export for another tool...", Command::Export);
                self.item(
                    ui,
                    "Export picture of the whole map...",
                    Command::ExportPicture { whole: true },
                );
                self.item(
                    ui,
                    "Export picture of what is on screen...",
                    Command::ExportPicture { whole: false },
                );
                ui.separator();
                self.item(ui, "Quit", Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self
                    .doc
                    .undo_label()
                    .map(|l| format!("Undo: {}", elided(l, MENU_LABEL_CHARS)));
                if ui
                    .add_enabled(
                        undo.is_some() && !self.read_only,
                        egui::Button::new(undo.as_deref().unwrap_or("Undo")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::Undo);
                }
                let redo = self
                    .doc
                    .redo_label()
                    .map(|l| format!("Redo: {}", elided(l, MENU_LABEL_CHARS)));
                if ui
                    .add_enabled(
                        redo.is_some() && !self.read_only,
                        egui::Button::new(redo.as_deref().unwrap_or("Redo")),
                    )
                    .clicked()
                {
                    self.commands.push(Command::Redo);
                }
                ui.separator();
                self.item(ui, "Add stakeholder", Command::StartAdding);
                self.item(ui, "Connect", Command::StartConnecting);
                self.item(ui, "Duplicate", Command::DuplicateSelection);
                self.item(ui, "Delete", Command::DeleteSelection);
                self.item(ui, "Pin or unpin", Command::TogglePin);
                self.item(ui, "Log an interaction", Command::LogInteraction);
                ui.separator();
                self.item(ui, "Copy for partners (Ctrl+C)", Command::Copy);
                self.item(
                    ui,
                    "Copy everything (contact details and notes too)",
                    Command::CopyEverything,
                );
                ui.separator();
                self.item(ui, "Select all", Command::SelectAll);
            });
            ui.menu_button("View", |ui| {
                ui.menu_button("Show as", |ui| self.profile_menu_ui(ui));
                ui.separator();
                let table = self.view.table.open;
                let map_chosen = ui.radio(!table, "Map").clicked() && table;
                let table_chosen = ui.radio(table, "Table (Ctrl+T)").clicked() && !table;
                if map_chosen || table_chosen {
                    self.commands.push(Command::ToggleTable);
                }
                ui.separator();
                self.item(ui, "Present", Command::Present);
                let mut placeholders = self.prefs.workshop_placeholders;
                if ui
                    .checkbox(
                        &mut placeholders,
                        "Presenting: confidential stakeholders as anonymous placeholders",
                    )
                    .on_hover_text(
                        "Off: they are left out of the presentation, with their relationships",
                    )
                    .changed()
                {
                    self.commands
                        .push(Command::SetWorkshopPlaceholders(placeholders));
                }
                ui.separator();
                self.item(ui, "Zoom to fit", Command::ZoomToFit);
                self.item(ui, "Find...", Command::OpenFind);
                let mut legend = self.prefs.show_legend;
                if ui.checkbox(&mut legend, "Legend").changed() {
                    self.commands.push(Command::ToggleLegend);
                }
                let mut native = self.prefs.native_dialogs;
                if ui
                    .checkbox(&mut native, "Use the desktop's file dialog")
                    .changed()
                {
                    self.commands.push(Command::SetNativeDialogs(native));
                }
                ui.separator();
                let mut theme = self.prefs.theme;
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut theme, egui::ThemePreference::System, "System");
                    ui.selectable_value(&mut theme, egui::ThemePreference::Dark, "Dark");
                    ui.selectable_value(&mut theme, egui::ThemePreference::Light, "Light");
                });
                if theme != self.prefs.theme {
                    self.commands.push(Command::SetTheme(theme));
                }
            });
            ui.menu_button("Help", |ui| {
                self.item(ui, "Keyboard shortcuts", Command::ToggleShortcuts);
            });
        });
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.strong(&self.doc.map().title);
            ui.separator();
            let kind_label = ui.label("New");
            egui::ComboBox::from_id_salt("new_kind")
                .selected_text(self.view.new_kind.to_string())
                .show_ui(ui, |ui| {
                    for kind in StakeholderKind::ALL {
                        ui.selectable_value(&mut self.view.new_kind, kind, kind.to_string());
                    }
                })
                .response
                .labelled_by(kind_label.id);
            if ui
                .button("Add stakeholder")
                .on_hover_text("Add a stakeholder of this kind (N, or double-click the canvas)")
                .clicked()
            {
                self.commands.push(Command::StartAdding);
            }
            let two_selected = self.view.selection.stakeholders.len() == 2;
            let mut connect = self.view.canvas.connect_mode;
            let button = ui.toggle_value(&mut connect, "Connect").on_hover_text(
                "Connect the two selected; or, on, click one stakeholder then another (or drag \
                 from one to the other, or hold Alt)",
            );
            if button.clicked() {
                if two_selected {
                    // Two chosen already: connect them, as C and Edit > Connect do.
                    self.commands.push(Command::StartConnecting);
                } else {
                    self.view.canvas.connect_mode = connect;
                }
            }
            ui.separator();
            let mut table = self.view.table.open;
            if ui
                .toggle_value(&mut table, "Table")
                .on_hover_text(
                    "Stakeholders and relationships as rows, in place of the map (Ctrl+T)",
                )
                .changed()
            {
                self.commands.push(Command::ToggleTable);
            }
            ui.separator();
            self.layout_toolbar_ui(ui);
            ui.separator();
            if ui
                .button("Zoom to fit")
                .on_hover_text("Show the whole map (F)")
                .clicked()
            {
                self.commands.push(Command::ZoomToFit);
            }
            let mut legend = self.prefs.show_legend;
            if ui.toggle_value(&mut legend, "Legend").changed() {
                self.commands.push(Command::ToggleLegend);
            }
            ui.separator();
            if ui
                .button("Present")
                .on_hover_text(
                    "Project the map to a room: full screen, large names, the workshop profile \
                     (F5; Esc leaves)",
                )
                .clicked()
            {
                self.commands.push(Command::Present);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.profile_badge_ui(ui);
            });
        });
    }

    /// The profile in force, always in sight: who the map is shown as for, and what that
    /// leaves out (on hover). A click offers the other profiles.
    fn profile_badge_ui(&mut self, ui: &mut Ui) {
        let options = self.redaction();
        let internal = options.profile == RedactionProfile::Internal;
        let text = if internal {
            egui::RichText::new("Shown as: Internal")
        } else {
            // Read-only is said on hover and in the inspector: the toolbar has no room.
            egui::RichText::new(format!(
                "Shown as for {}",
                super::profile_audience(options.profile)
            ))
            .strong()
            .color(ui.visuals().warn_fg_color)
        };
        let left_out = self.left_out();
        ui.menu_button(text, |ui| self.profile_menu_ui(ui))
            .response
            .on_hover_text(format!(
                "{}.\nWhat is drawn, listed and shown in the inspector follows the profile{}.",
                left_out,
                if internal {
                    ""
                } else {
                    "; the map cannot be changed so (read-only)"
                }
            ));
    }

    /// The profiles to show the map under, each with what it leaves out.
    fn profile_menu_ui(&mut self, ui: &mut Ui) {
        let options = self.redaction();
        for (profile, what) in PROFILES {
            let label = format!("{}: {what}", profile_name(profile));
            if ui.radio(options.profile == profile, label).clicked() {
                self.commands.push(Command::ShowProfile(RedactionOptions {
                    profile,
                    ..options
                }));
            }
        }
        ui.separator();
        let mut placeholders = options.confidential_as == ConfidentialAs::Placeholder;
        if ui
            .checkbox(
                &mut placeholders,
                "Confidential stakeholders as placeholders (public and workshop)",
            )
            .changed()
        {
            self.commands.push(Command::ShowProfile(RedactionOptions {
                confidential_as: if placeholders {
                    ConfidentialAs::Placeholder
                } else {
                    ConfidentialAs::Omitted
                },
                ..options
            }));
        }
    }

    fn layout_toolbar_ui(&mut self, ui: &mut Ui) {
        let selected = self.view.selection.stakeholders.first().copied();
        let mut layout = self.view.layouts.layout;
        let view_label = ui.label("View");
        // As wide as the longest view's name whichever is chosen: the buttons after it stay
        // where the hand expects them (choosing rings once moved Zoom to fit under the
        // pointer's next click onto Re-run).
        let font = egui::TextStyle::Button.resolve(ui.style());
        let widest = [
            MapLayout::Network,
            MapLayout::CircularByKind,
            MapLayout::CircularBySector,
            MapLayout::Radial(crate::model::StakeholderId(0)),
            MapLayout::PowerInterest,
            MapLayout::Engagement,
        ]
        .into_iter()
        .map(|option| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap(
                    layout_label(option).to_owned(),
                    font.clone(),
                    egui::Color32::WHITE,
                )
                .size()
                .x
            })
        })
        .fold(0.0, f32::max);
        egui::ComboBox::from_id_salt("map_layout")
            .width(widest)
            .selected_text(layout_label(layout))
            .show_ui(ui, |ui| {
                for option in [
                    MapLayout::Network,
                    MapLayout::CircularByKind,
                    MapLayout::CircularBySector,
                    MapLayout::PowerInterest,
                    MapLayout::Engagement,
                ] {
                    ui.selectable_value(&mut layout, option, layout_label(option));
                }
                if let Some(centre) = selected {
                    let rings = MapLayout::Radial(centre);
                    ui.selectable_value(&mut layout, rings, layout_label(rings));
                } else {
                    ui.weak("Select a stakeholder for rings around it");
                }
            })
            .response
            .labelled_by(view_label.id);
        if layout != self.view.layouts.layout {
            self.commands.push(Command::ShowLayout(layout));
        }
        let (label, hover) = if self.view.layouts.is_running() {
            ("Pause layout", "Stop the force layout here (R)")
        } else {
            (
                "Run layout",
                "Let the force layout tidy the network from where it is (R)",
            )
        };
        if ui.button(label).on_hover_text(hover).clicked() {
            self.commands.push(Command::ToggleLayout);
        }
        if ui
            .button("Re-run")
            .on_hover_text("Lay the network out afresh; pinned stakeholders stay (Shift+R)")
            .clicked()
        {
            self.commands.push(Command::RerunLayout);
        }
    }

    pub(super) fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let file = match self.doc.path() {
                Some(path) => path.display().to_string(),
                None if self.doc.is_builtin() => "built-in map".to_owned(),
                None => "not saved to a file yet".to_owned(),
            };
            ui.label(file);
            if self.doc.is_dirty() {
                ui.label("unsaved changes");
            }
            ui.separator();
            // What is shown: under a profile, without what it leaves out.
            let map = self.displayed_map();
            ui.label(format!(
                "{} stakeholders · {} relationships · {} observations",
                map.stakeholder_count(),
                map.relationship_count(),
                map.observation_count()
            ));
            let hidden = self.doc.map().stakeholder_count()
                - map
                    .stakeholder_count()
                    .min(self.doc.map().stakeholder_count());
            if hidden > 0 {
                ui.label(format!("({hidden} left out by the profile)"));
            }
            if self.view.shown.is_busy() {
                ui.separator();
                ui.spinner();
                ui.label("Updating the map shown...");
            }
            // The view chosen is being made on a worker thread; the one before stays drawn.
            if self.view.layouts.is_arranging() {
                ui.separator();
                ui.spinner();
                ui.label(format!(
                    "Arranging the view: {}...",
                    layout_label(self.view.layouts.layout)
                ));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::elided;

    #[test]
    fn long_labels_keep_both_ends() {
        let label =
            "Edit relationship \"Kestrel Park Neighbourhood Resource Team → City Police Service\"";
        let short = elided(label, 60);
        assert!(short.chars().count() <= 60, "{short}");
        assert!(short.starts_with("Edit relationship \"Kestrel"), "{short}");
        assert!(short.ends_with("City Police Service\""), "{short}");
        assert!(short.contains('…'));
        assert_eq!(elided("Move Ana Ruiz", 60), "Move Ana Ruiz");
    }
}
