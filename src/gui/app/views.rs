//! Saved views in the window: the Views section of the side panel (open, save what is on
//! screen, rename, reorder, delete), applying a view to the window's settings, and
//! stepping through them in a presentation. Views live in the map
//! ([`crate::model::SavedView`]), so every change to the list is one undoable edit.

use super::StakemapApp;
use crate::analysis::Moment;
use crate::edit::Edit;
use crate::filter::{Filter, FilterMode, Focus};
use crate::gui::command::Command;
use crate::gui::selection::Selection;
use crate::layout::for_map::MapLayout;
use crate::model::{SavedCamera, SavedFocus, SavedView};
use crate::style::encoding::Encoding;
use egui::Ui;

impl StakemapApp {
    /// The Views section: each saved view opens with a click; beside it, up, down, rename
    /// and delete. Below, a name and Save this view.
    pub(super) fn views_ui(&mut self, ui: &mut Ui) {
        let views = self.doc.map().views.clone();
        let count = views.len();
        egui::CollapsingHeader::new(format!("Views ({count})"))
            .id_salt("views")
            .default_open(false)
            .show(ui, |ui| {
                for (i, view) in views.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if self.view.renaming.as_ref().is_some_and(|(at, _)| *at == i) {
                            self.rename_field_ui(ui, i);
                            return;
                        }
                        let current = self.view.saved_view == Some(i);
                        if ui
                            .selectable_label(current, &view.name)
                            .on_hover_text("Show this view")
                            .clicked()
                        {
                            self.commands.push(Command::ApplyView(i));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .small_button("✕")
                                .on_hover_text("Delete this view")
                                .clicked()
                            {
                                self.commands.push(Command::DeleteView(i));
                            }
                            if ui.small_button("✏").on_hover_text("Rename").clicked() {
                                self.view.renaming = Some((i, view.name.clone()));
                                // The field shows at once, not at the next event.
                                ui.ctx().request_repaint();
                            }
                            if i + 1 < count
                                && ui.small_button("⏷").on_hover_text("Move down").clicked()
                            {
                                self.commands.push(Command::MoveView(i, i + 1));
                            }
                            if i > 0 && ui.small_button("⏶").on_hover_text("Move up").clicked() {
                                self.commands.push(Command::MoveView(i, i - 1));
                            }
                        });
                    });
                }
                if views.is_empty() {
                    ui.weak("No saved views yet.");
                }
                // Two rows: the side panel is narrow.
                let field = ui
                    .horizontal(|ui| {
                        let label = ui.label("New view");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.view.new_view_name)
                                .id_salt("new_view_name")
                                .hint_text("name")
                                .desired_width(120.0),
                        )
                        .labelled_by(label.id)
                    })
                    .inner;
                let named = !self.view.new_view_name.trim().is_empty();
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui
                    .add_enabled(named, egui::Button::new("Save this view"))
                    .on_hover_text(
                        "Keep the filter, day, focus, view, camera, size and colour shown now, \
                             in the map file",
                    )
                    .clicked()
                    || enter)
                    && named
                {
                    let name = std::mem::take(&mut self.view.new_view_name);
                    self.commands
                        .push(Command::SaveView(name.trim().to_owned()));
                }
            });
    }

    fn rename_field_ui(&mut self, ui: &mut Ui, i: usize) {
        let Some((_, text)) = self.view.renaming.as_mut() else {
            return;
        };
        let field = ui.add(
            egui::TextEdit::singleline(text)
                .id_salt("rename_view")
                .desired_width(160.0),
        );
        if !field.has_focus() && !field.lost_focus() {
            field.request_focus();
        }
        if field.lost_focus() {
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            if let Some((_, name)) = self.view.renaming.take()
                && !escape
                && !name.trim().is_empty()
            {
                self.commands
                    .push(Command::RenameView(i, name.trim().to_owned()));
            }
        }
    }

    /// What is on screen as a saved view named `name`.
    pub(super) fn view_on_screen(&self, ctx: &egui::Context, name: String) -> SavedView {
        let (size_by, colour_by) = self.view.encoding.keys();
        SavedView {
            name,
            layout: self.view.layouts.layout.into(),
            filter: self.view.filter.to_saved(),
            as_of: self.view.timeline.as_of,
            compare: self
                .view
                .timeline
                .compare
                .as_ref()
                .map(|(from, to)| (from.text(), to.text())),
            focus: self.view.focus.map(|f| SavedFocus {
                centre: f.centre,
                hops: f.hops,
                hide: f.mode == FilterMode::Hide,
            }),
            camera: self
                .view
                .canvas
                .camera(ctx)
                .map(|(centre, zoom)| SavedCamera { centre, zoom }),
            size_by,
            colour_by,
        }
    }

    /// Shows saved view number `index`: its filter, day or comparison, focus, size and
    /// colour, view and camera. A view whose stakeholder is gone opens without its focus.
    pub(super) fn apply_view(&mut self, index: usize) {
        let Some(view) = self.doc.map().views.get(index).cloned() else {
            return;
        };
        self.show_view(&view);
        self.view.saved_view = Some(index);
    }

    /// Shows what `view` keeps (a saved one, or the window as it was before a
    /// presentation).
    pub(super) fn show_view(&mut self, view: &SavedView) {
        self.view.saved_view = None;
        self.view.filter = Filter::from_saved(&view.filter);
        self.view.encoding =
            Encoding::from_keys(view.size_by.as_deref(), view.colour_by.as_deref());
        self.view.timeline.as_of = view.as_of;
        match &view.compare {
            Some((from, to)) => self
                .view
                .timeline
                .compare(Moment::parse(from), Moment::parse(to)),
            None => self.view.timeline.compare = None,
        }
        self.view.focus = view.focus.map(|f| Focus {
            centre: f.centre,
            hops: f.hops,
            mode: if f.hide {
                FilterMode::Hide
            } else {
                FilterMode::Fade
            },
        });
        if let Some(p) = self.view.presenting.as_mut() {
            // The spotlight, and the outline of its centre, belong to the view before.
            p.spotlight = None;
            self.view.selection = Selection::default();
        }
        let layout = MapLayout::from(view.layout);
        let camera = view.camera.map(|c| (c.centre, c.zoom));
        if layout == self.view.layouts.layout {
            match camera {
                Some(c) => self.view.canvas.look_at = Some(c),
                None => self.view.canvas.fit_requested = true,
            }
        } else {
            // The camera waits for the view to arrive, or it would look at where the
            // stakeholders were.
            self.view.camera_after_layout = camera;
            self.show_layout(layout);
        }
    }

    /// A change to the list of saved views, as one edit.
    pub(super) fn edit_views(&mut self, change: impl FnOnce(&mut Vec<SavedView>)) {
        let mut views = self.doc.map().views.clone();
        change(&mut views);
        if views != self.doc.map().views {
            self.apply(Edit::SetViews(views));
        }
    }

    /// In a presentation, the next saved view (`by` 1) or the one before (-1), wrapping;
    /// `false` when the map has none to step through.
    pub(super) fn step_saved_view(&mut self, by: isize) -> bool {
        let count = self.doc.map().views.len();
        if count == 0 {
            return false;
        }
        let next = match self.view.saved_view {
            Some(at) => (at as isize + by).rem_euclid(count as isize) as usize,
            None if by > 0 => 0,
            None => count - 1,
        };
        self.apply_view(next);
        true
    }
}
