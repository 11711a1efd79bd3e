//! The application state and its frame: toolbar, canvas, inspector, legend, status bar.

use super::Selection;
use super::inspector::inspector_ui;
use super::legend::legend_ui;
use super::still_layout::{Still, StillState};
use super::view_model::ViewModel;
use crate::model::Map;
use egui::{Panel, Ui};
use egui_graphs::{GraphChange, GraphView, SettingsInteraction, SettingsNavigation, SettingsStyle};
use std::path::{Path, PathBuf};

/// The key under which the last opened file is remembered between runs.
const LAST_FILE_KEY: &str = "last_file";

/// The id egui_graphs keeps the canvas's zoom and pan under.
const CANVAS_ID: &str = "map_canvas";

/// The stakemap window.
pub struct StakemapApp {
    map: Map,
    path: Option<PathBuf>,
    view: ViewModel,
    selection: Selection,
    fit_requested: bool,
    /// An error to show until dismissed (a file that would not open, say).
    message: Option<String>,
    show_legend: bool,
    /// Where the canvas was drawn last frame, in screen points.
    canvas_rect: egui::Rect,
}

impl StakemapApp {
    /// Opens on `file`; without one, on the last file opened (remembered by eframe's
    /// storage), or else on the built-in map. A file that will not open leaves the built-in
    /// map on screen and says why.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let remembered = || {
            cc.storage
                .and_then(|s| s.get_string(LAST_FILE_KEY))
                .map(PathBuf::from)
                .filter(|p| p.is_file())
        };
        match file.or_else(remembered) {
            Some(path) => match crate::io::load(&path) {
                Ok(map) => Self::with_map(map, Some(path)),
                Err(e) => {
                    let mut app = Self::with_map(crate::builtin::police_community(), None);
                    app.message = Some(format!("{e}\nShowing the built-in map instead."));
                    app
                }
            },
            None => Self::with_map(crate::builtin::police_community(), None),
        }
    }

    /// An app showing a map; `path` is where it was loaded from, if anywhere.
    pub fn with_map(mut map: Map, path: Option<PathBuf>) -> Self {
        crate::layout::for_map::place_unplaced(&mut map);
        let view = ViewModel::new(&map);
        Self {
            map,
            path,
            view,
            selection: Selection::None,
            fit_requested: true,
            message: None,
            show_legend: true,
            canvas_rect: egui::Rect::NOTHING,
        }
    }

    /// The map on screen.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// What the inspector shows.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// Where a stakeholder's centre is on screen now, if it is on the map.
    pub fn stakeholder_on_screen(
        &self,
        ctx: &egui::Context,
        id: crate::model::StakeholderId,
    ) -> Option<egui::Pos2> {
        let position = self.view.position_of(id)?;
        // egui_graphs stores its frame metadata under the hash of its own id.
        let key =
            egui::Id::new(egui_graphs::MetadataFrame::new(Some(CANVAS_ID.to_owned())).get_id());
        let meta = ctx.data_mut(|d| d.get_persisted::<egui_graphs::MetadataFrame>(key))?;
        let local = meta.canvas_to_screen_pos(egui::pos2(position.0, position.1));
        Some(local + self.canvas_rect.min.to_vec2())
    }

    /// Shows a stakeholder or relationship in the inspector and highlights it.
    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
        let (stakeholder, relationship) = match selection {
            Selection::None => (None, None),
            Selection::Stakeholder(id) => (Some(id), None),
            Selection::Relationship(id) => (None, Some(id)),
        };
        self.view.show_selection(stakeholder, relationship);
    }

    fn file_label(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| String::from("built-in map"), |p| p.display().to_string())
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.strong(&self.map.title);
            ui.separator();
            if ui
                .button("Zoom to fit")
                .on_hover_text("Show the whole map")
                .clicked()
            {
                self.fit_requested = true;
            }
            ui.toggle_value(&mut self.show_legend, "Legend");
        });
    }

    fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(self.file_label());
            ui.separator();
            ui.label(format!(
                "{} stakeholders · {} relationships · {} observations",
                self.map.stakeholder_count(),
                self.map.relationship_count(),
                self.map.observation_count()
            ));
        });
    }

    fn canvas_ui(&mut self, ui: &mut Ui) {
        let interaction = SettingsInteraction::new()
            .with_dragging_enabled(true)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_node_selection_enabled(true)
            .with_edge_clicking_enabled(true)
            .with_edge_selection_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(true)
            .with_fit_to_screen_enabled(self.fit_requested)
            .with_fit_to_screen_padding(0.1);
        self.fit_requested = false;
        let style = SettingsStyle::new().with_labels_always(true);
        let response = GraphView::<StillState, Still>::new()
            .with_id(Some(CANVAS_ID.to_owned()))
            .with_interactions(&interaction)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut self.view.graph);
        self.canvas_rect = response.response.rect;
        for change in response.changes {
            self.apply_canvas_change(&change);
        }
    }

    fn apply_canvas_change(&mut self, change: &GraphChange) {
        match *change {
            GraphChange::NodeClicked { node } => {
                if let Some(id) = self.view.stakeholder_at(node) {
                    self.select(Selection::Stakeholder(id));
                }
            }
            GraphChange::EdgeClicked { edge } => {
                if let Some(id) = self.view.relationship_at(edge) {
                    self.select(Selection::Relationship(id));
                }
            }
            GraphChange::NodeDragEnded { node } => {
                // Dragging moves the stakeholder in the map itself.
                if let Some(id) = self.view.stakeholder_at(node)
                    && let Some(position) = self.view.position_of(id)
                    && let Some(s) = self.map.stakeholder_mut(id)
                {
                    s.position = Some(position);
                }
            }
            GraphChange::NodeDeselected { .. } | GraphChange::EdgeDeselected { .. }
                if self.view.graph.selected_nodes().is_empty()
                    && self.view.graph.selected_edges().is_empty() =>
            {
                self.selection = Selection::None;
            }
            _ => {}
        }
    }
}

impl eframe::App for StakemapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .size_range(240.0..=640.0)
            .show(ui, |ui| {
                ui.heading("Inspector");
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if let Some(picked) = inspector_ui(ui, &self.map, self.selection) {
                        self.select(picked);
                    }
                });
            });
        // The legend has a panel of its own so that it never covers the map.
        Panel::left("legend")
            .resizable(false)
            .show_collapsible(ui, &mut self.show_legend, |ui| {
                ui.heading("Legend");
                ui.separator();
                egui::ScrollArea::vertical().show(ui, legend_ui);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.canvas_ui(ui);
            if let Some(message) = self.message.clone() {
                egui::Window::new("Could not open the map")
                    .collapsible(false)
                    .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
                    .show(ui.ctx(), |ui| {
                        ui.label(message);
                        if ui.button("OK").clicked() {
                            self.message = None;
                        }
                    });
            }
        });
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(path) = self.path.as_deref().and_then(Path::to_str) {
            storage.set_string(LAST_FILE_KEY, path.to_owned());
        }
    }
}
