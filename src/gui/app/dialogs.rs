//! The popups and questions of the window: adding and connecting stakeholders, find,
//! unsaved changes, recovery, a file changed on disk, messages and the shortcuts list.

use super::{Question, StakemapApp};
use crate::edit::Edit;
use crate::gui::files::FilePurpose;
use crate::gui::selection::Selection;
use crate::gui::shortcuts;
use crate::io::recovery::{self, DiskStamp};
use crate::model::{RelationshipKind, Stakeholder, StakeholderKind};

impl StakemapApp {
    pub(super) fn adding_ui(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self.adding.take() else {
            return;
        };
        let mut done = false;
        let mut cancel = false;
        egui::Area::new(egui::Id::new("add_stakeholder"))
            .fixed_pos(draft.screen)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for kind in StakeholderKind::ALL {
                            ui.selectable_value(&mut draft.kind, kind, kind.to_string());
                        }
                    });
                    let label = ui.label("Name of the new stakeholder");
                    let field = ui
                        .text_edit_singleline(&mut draft.name)
                        .labelled_by(label.id);
                    // Asked until it takes: a new popup's first frame only measures it.
                    if draft.focus {
                        field.request_focus();
                        draft.focus = !field.has_focus();
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        done = ui.button("Add").clicked() || enter;
                        cancel = ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape));
                    });
                });
            });
        if done && !draft.name.trim().is_empty() {
            let id = self.map.next_stakeholder_id();
            let mut stakeholder = Stakeholder::new(id, draft.kind, draft.name.trim());
            stakeholder.position = Some(draft.at);
            self.new_kind = draft.kind;
            self.apply(Edit::AddStakeholder(stakeholder));
            self.select(Selection::stakeholder(id));
        } else if !cancel && !done {
            self.adding = Some(draft);
        }
    }

    pub(super) fn connecting_ui(&mut self, ctx: &egui::Context) {
        let Some(draft) = self.connecting.take() else {
            return;
        };
        let name = |id| self.map.stakeholder(id).map_or("?", |s| s.name.as_str());
        let mut chosen = None;
        let mut cancel = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        egui::Area::new(egui::Id::new("connect"))
            .fixed_pos(draft.screen)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(format!(
                        "Connect {} and {} as",
                        name(draft.from),
                        name(draft.to)
                    ));
                    for kind in RelationshipKind::ALL {
                        if ui.button(kind.to_string()).clicked() {
                            chosen = Some(kind);
                        }
                    }
                    cancel |= ui.button("Cancel").clicked();
                });
            });
        match chosen {
            Some(kind) => self.connect(&draft, kind),
            None if !cancel => self.connecting = Some(draft),
            None => {}
        }
    }

    pub(super) fn find_ui(&mut self, ctx: &egui::Context) {
        let Some(mut query) = self.find.take() else {
            return;
        };
        let mut close = false;
        let mut pick = None;
        egui::Window::new("Find")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(ctx, |ui| {
                let label = ui.label("Name, tag, sector or area");
                let field = ui.text_edit_singleline(&mut query).labelled_by(label.id);
                if !field.has_focus() && query.is_empty() {
                    field.request_focus();
                }
                let results = crate::gui::find::find(&self.map, &query, 12);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if enter {
                    pick = results.first().copied();
                }
                for id in &results {
                    if let Some(s) = self.map.stakeholder(*id)
                        && ui.button(format!("{} · {}", s.name, s.kind)).clicked()
                    {
                        pick = Some(*id);
                    }
                }
                if !query.trim().is_empty() && results.is_empty() {
                    ui.weak("No stakeholder matches.");
                }
                close = ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        if let Some(id) = pick {
            self.select(Selection::stakeholder(id));
            self.canvas.centre_on = self.view.position_of(id);
        } else if !close {
            self.find = Some(query);
        }
    }

    pub(super) fn question_ui(&mut self, ctx: &egui::Context) {
        let Some(question) = self.question.take() else {
            return;
        };
        let mut answer: Option<&str> = None;
        let (title, text, buttons): (&str, String, &[&str]) = match &question {
            Question::Unsaved(_) => (
                "Unsaved changes",
                format!("Save the changes to {}?", self.suggested_name()),
                &["Save", "Discard", "Cancel"],
            ),
            Question::Recover(found, _) => (
                "Recover unsaved work",
                format!(
                    "stakemap did not close cleanly last time. Recover the unsaved work on \"{}\" ({} stakeholders)?",
                    found.map.title,
                    found.map.stakeholder_count()
                ),
                &["Recover", "Discard"],
            ),
            Question::ChangedOnDisk => (
                "Changed on disk",
                format!(
                    "{} was changed by someone else. Reload it, or keep the map on screen (the next save replaces the file)?",
                    self.suggested_name()
                ),
                &["Reload", "Keep mine"],
            ),
        };
        egui::Modal::new(egui::Id::new("question")).show(ctx, |ui| {
            ui.heading(title);
            ui.label(text);
            ui.horizontal(|ui| {
                for &button in buttons {
                    if ui.button(button).clicked() {
                        answer = Some(button);
                    }
                }
            });
        });
        match (question, answer) {
            (question, None) => self.question = Some(question),
            (Question::Unsaved(then), Some("Save")) => {
                if self.path.is_some() {
                    if self.save() {
                        self.proceed(then);
                    }
                } else {
                    self.after_save_as = Some(then);
                    self.files
                        .request(FilePurpose::SaveAs, &self.suggested_name());
                }
            }
            (Question::Unsaved(then), Some("Discard")) => self.proceed(then),
            (Question::Recover(found, _), Some("Recover")) => {
                let path = self.path.clone();
                self.replace_map(found.map, path);
                self.recovered_unsaved = true;
            }
            (Question::Recover(_, path), Some("Discard")) => recovery::remove_recovery(&path),
            (Question::ChangedOnDisk, Some("Reload")) => {
                if let Some(path) = self.path.clone() {
                    self.open(&path);
                }
            }
            (Question::ChangedOnDisk, Some(_)) => {
                self.disk = self.path.as_deref().and_then(DiskStamp::of);
            }
            (_, Some(_)) => {} // Cancel
        }
    }

    pub(super) fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (_, shortcut, what) in shortcuts::SHORTCUTS {
                        ui.monospace(shortcuts::describe(ctx, shortcut));
                        ui.label(*what);
                        ui.end_row();
                    }
                    for (keys, what) in shortcuts::CLIPBOARD_SHORTCUTS {
                        ui.monospace(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
    }

    pub(super) fn message_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = self.message.clone() else {
            return;
        };
        egui::Window::new("Message")
            .title_bar(false)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
            .show(ctx, |ui| {
                ui.label(message);
                if ui.button("OK").clicked() {
                    self.message = None;
                }
            });
    }
}
