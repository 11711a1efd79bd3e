//! The dialogs' state and their drawing: adding and connecting stakeholders, find, the
//! questions (unsaved changes, recovery, a change on disk), messages, the shortcuts list
//! and the file dialogs. They push commands; none changes the document itself.

use super::StakemapApp;
use crate::gui::command::{Command, ExportChoice};
use crate::gui::files::{FileDialogs, FilePurpose};
use crate::gui::shortcuts;
use crate::io::SaveOptions;
use crate::io::recovery::Recovered;
use crate::model::{Position, RelationshipKind, StakeholderId, StakeholderKind};
use crate::redaction::RedactionProfile;
use egui::Pos2;
use std::collections::VecDeque;
use std::path::PathBuf;

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug)]
pub(super) enum Then {
    Close,
    New,
    /// Open this file, or ask for one.
    Open(Option<PathBuf>),
    /// Ask which files to import as a new map.
    ImportNew,
}

/// A question the window waits for the person to answer.
pub(super) enum Question {
    Unsaved(Then),
    Recover(Box<Recovered>, PathBuf),
    ChangedOnDisk,
    /// A save refused for a reason the person may overrule; `options` lift it.
    SaveAnyway {
        path: PathBuf,
        refusal: Refusal,
        options: SaveOptions,
        then: Option<Then>,
    },
}

/// Why a save waits for the person's word.
#[derive(Clone, Copy, Debug)]
pub(super) enum Refusal {
    /// The file is read-only.
    ReadOnly,
    /// The file has this many comments, which the save would drop.
    Comments(usize),
    /// Another program changed the file since it was opened or last saved.
    ChangedOnDisk,
}

/// An answer to the question asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save the unsaved changes, then go on.
    Save,
    /// Leave the unsaved changes (or the recovered work), then go on.
    Discard,
    /// Go back; do nothing.
    Cancel,
    /// Go on with the recovered work.
    Recover,
    /// Load the file as it is on disk now.
    Reload,
    /// Keep the map on screen; the next save replaces the file.
    KeepMine,
    /// Save although the file is read-only or has comments the save drops.
    SaveAnyway,
}

/// A stakeholder being added: its kind and name, typed where it will stand.
pub(super) struct AddDraft {
    pub kind: StakeholderKind,
    pub name: String,
    pub at: Position,
    pub screen: Pos2,
    /// Give the name field the keyboard (on opening, and after choosing a kind).
    pub focus: bool,
}

/// Two stakeholders about to be connected, waiting for the kind of relationship.
pub(super) struct ConnectDraft {
    pub from: StakeholderId,
    pub to: StakeholderId,
    pub screen: Pos2,
}

/// The window's dialogs.
pub(super) struct Dialogs {
    pub adding: Option<AddDraft>,
    pub connecting: Option<ConnectDraft>,
    pub find: Option<String>,
    pub question: Option<Question>,
    /// Messages waiting to be read, oldest first: one never hides another.
    pub messages: VecDeque<String>,
    /// A hint about what to do first ("Select a stakeholder first"), and when it was
    /// given: shown over the canvas for [`HINT_SECONDS`] without asking for a click.
    pub hint: Option<(String, f64)>,
    pub shortcuts: bool,
    pub files: FileDialogs,
    /// Where the next Save as... leads, once a file is chosen.
    pub after_save_as: Option<Then>,
    /// The profile of the change report whose file is being chosen.
    pub report_profile: RedactionProfile,
    /// Whether the picture asked for is of the whole map, or of what is on screen.
    pub picture_whole: bool,
    /// The export dialog, open with what it has chosen.
    pub export: Option<ExportChoice>,
}

impl Dialogs {
    pub fn new() -> Self {
        Self {
            adding: None,
            connecting: None,
            find: None,
            question: None,
            messages: VecDeque::new(),
            hint: None,
            shortcuts: false,
            files: FileDialogs::new(),
            after_save_as: None,
            report_profile: RedactionProfile::Partner,
            picture_whole: true,
            export: None,
        }
    }

    /// Queues a message for the person.
    pub fn say(&mut self, message: impl Into<String>) {
        let message = message.into();
        // The same message twice in a row says nothing new.
        if self.messages.back() != Some(&message) {
            self.messages.push_back(message);
        }
    }

    /// Gives a hint: a word on what to do first, which goes by itself. A message the person
    /// must read (a failed save, an import's problems) is [`Dialogs::say`]'s.
    pub fn hint(&mut self, message: impl Into<String>, now: f64) {
        self.hint = Some((message.into(), now));
    }

    /// Whether a dialog with a text field is open: its keys are its own, never shortcuts.
    pub fn takes_keys(&self) -> bool {
        self.adding.is_some() || self.find.is_some() || self.files.is_open()
    }

    /// Closes the topmost thing Esc closes; false when there was none.
    pub fn escape(&mut self) -> bool {
        if self.adding.take().is_some()
            || self.connecting.take().is_some()
            || self.export.take().is_some()
        {
            return true;
        }
        if self.find.take().is_some() {
            return true;
        }
        if self.shortcuts {
            self.shortcuts = false;
            return true;
        }
        self.messages.pop_front().is_some()
    }
}

/// How long a hint stays on screen, seconds.
pub const HINT_SECONDS: f64 = 5.0;

impl StakemapApp {
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.hint_ui(ctx);
        self.adding_ui(ctx);
        self.connecting_ui(ctx);
        self.find_ui(ctx);
        self.shortcuts_ui(ctx);
        self.message_ui(ctx);
        self.export_ui(ctx);
        self.files_ui(ctx);
        self.question_ui(ctx);
    }

    fn adding_ui(&mut self, ctx: &egui::Context) {
        let Some(draft) = self.dialogs.adding.as_mut() else {
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
                            if ui
                                .selectable_value(&mut draft.kind, kind, kind.to_string())
                                .clicked()
                            {
                                // The name is what comes next: the keyboard goes back to it.
                                draft.focus = true;
                            }
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
                        cancel = ui.button("Cancel").clicked();
                    });
                });
            });
        if cancel {
            self.dialogs.adding = None;
        } else if done {
            if draft.name.trim().is_empty() {
                draft.focus = true; // nothing to add yet: keep typing
            } else if let Some(draft) = self.dialogs.adding.take() {
                self.commands.push(Command::AddStakeholder {
                    kind: draft.kind,
                    name: draft.name.trim().to_owned(),
                    at: draft.at,
                });
            }
        }
    }

    fn connecting_ui(&mut self, ctx: &egui::Context) {
        let Some(draft) = self.dialogs.connecting.as_ref() else {
            return;
        };
        let name = |id| {
            self.doc
                .map()
                .stakeholder(id)
                .map_or("?", |s| s.name.as_str())
        };
        let mut chosen = None;
        let mut cancel = false;
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
        if let Some(kind) = chosen {
            let (from, to) = (draft.from, draft.to);
            self.commands.push(Command::Connect { from, to, kind });
            self.dialogs.connecting = None;
        } else if cancel {
            self.dialogs.connecting = None;
        }
    }

    fn find_ui(&mut self, ctx: &egui::Context) {
        let profile = self.redaction().profile;
        let Some(query) = self.dialogs.find.as_mut() else {
            return;
        };
        let mut pick = None;
        let map = match self.view.shown.get() {
            Some(shown) if profile != RedactionProfile::Internal => &shown.map,
            _ => self.doc.map(),
        };
        egui::Window::new("Find")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(ctx, |ui| {
                let label = ui.label("Name, tag, sector or area");
                let field = ui.text_edit_singleline(query).labelled_by(label.id);
                if !field.has_focus() && !field.lost_focus() {
                    field.request_focus();
                }
                // Every match, in a list that scrolls: none is out of reach.
                let results = crate::analysis::find(map, query, usize::MAX);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if enter {
                    pick = results.first().copied();
                }
                if results.len() > 1 {
                    ui.weak(format!(
                        "{} match; Enter takes the first, or scroll.",
                        results.len()
                    ));
                }
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.5)
                    .show(ui, |ui| {
                        for id in &results {
                            if let Some(s) = map.stakeholder(*id)
                                && ui.button(format!("{} · {}", s.name, s.kind)).clicked()
                            {
                                pick = Some(*id);
                            }
                        }
                    });
                if !query.trim().is_empty() && results.is_empty() {
                    ui.weak("No stakeholder matches.");
                }
            });
        if let Some(id) = pick {
            self.dialogs.find = None;
            self.commands.push(Command::RevealStakeholder(id));
        }
    }

    fn question_ui(&mut self, ctx: &egui::Context) {
        let Some(question) = self.dialogs.question.as_ref() else {
            return;
        };
        let name = self.doc.display_name();
        let (title, text, buttons): (&str, String, &[(&str, Answer)]) = match question {
            Question::Unsaved(_) => (
                "Unsaved changes",
                format!("Save the changes to “{name}”?"),
                &[
                    ("Save", Answer::Save),
                    ("Discard", Answer::Discard),
                    ("Cancel", Answer::Cancel),
                ],
            ),
            Question::Recover(found, _) => (
                "Recover unsaved work",
                format!(
                    "stakemap did not close cleanly last time. Recover the unsaved work on “{}” ({} stakeholders)?",
                    found.map.title,
                    found.map.stakeholder_count()
                ),
                &[("Recover", Answer::Recover), ("Discard", Answer::Discard)],
            ),
            Question::ChangedOnDisk => (
                "Changed on disk",
                format!(
                    "“{name}” was changed by someone else. Reload it, or keep the map on screen (the next save replaces the file)?"
                ),
                &[("Reload", Answer::Reload), ("Keep mine", Answer::KeepMine)],
            ),
            Question::SaveAnyway { path, refusal, .. } => {
                let file = path.display();
                match refusal {
                    Refusal::ReadOnly => (
                        "Read-only file",
                        format!(
                            "{file} is read-only: nobody is meant to change it. Save over it anyway? It stays read-only."
                        ),
                        &[
                            ("Save anyway", Answer::SaveAnyway),
                            ("Cancel", Answer::Cancel),
                        ],
                    ),
                    Refusal::ChangedOnDisk => (
                        "Changed by another program",
                        format!(
                            "{file} was changed by another program since you opened or saved it. Save the map on screen over it (the file's version is kept as {}.bak), or reload the file and lose your changes?",
                            path.file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                        ),
                        &[
                            ("Save anyway", Answer::SaveAnyway),
                            ("Reload", Answer::Reload),
                            ("Cancel", Answer::Cancel),
                        ],
                    ),
                    Refusal::Comments(count) => (
                        "Comments will be lost",
                        format!(
                            "{file} has {count} comment{} written by hand. stakemap saves maps without comments, so saving drops {} from the map. Save anyway? The file as it is now, comments and all, is kept as {}, which later saves leave alone.",
                            if *count == 1 { "" } else { "s" },
                            if *count == 1 { "it" } else { "them" },
                            crate::io::next_commented_path(
                                &crate::io::resolve_links(path).unwrap_or_else(|_| path.clone())
                            )
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                        ),
                        &[
                            ("Save anyway", Answer::SaveAnyway),
                            ("Cancel", Answer::Cancel),
                        ],
                    ),
                }
            }
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::new("question")).show(ctx, |ui| {
            ui.heading(title);
            ui.label(text);
            ui.horizontal(|ui| {
                for &(label, value) in buttons {
                    if ui.button(label).clicked() {
                        answer = Some(value);
                    }
                }
            });
        });
        if let Some(answer) = answer {
            self.commands.push(Command::Answer(answer));
        }
    }

    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        // Below the menu and the toolbar, never taller than the window: the list scrolls.
        let area = ctx.content_rect();
        let top = area.top() + 90.0;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.dialogs.shortcuts)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_TOP)
            .fixed_pos(egui::pos2(area.center().x, top))
            .max_height((area.bottom() - top - 60.0).max(120.0))
            .show(ctx, |ui| {
                ui.weak("Esc closes this list. Scroll for more.");
                egui::ScrollArea::vertical().show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for (_, shortcut, what) in shortcuts::SHORTCUTS {
                            ui.monospace(shortcuts::describe(ctx, shortcut));
                            ui.label(*what);
                            ui.end_row();
                        }
                        for (keys, what) in shortcuts::POINTER_AND_CLIPBOARD {
                            ui.monospace(*keys);
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                });
            });
    }

    /// The hint, if one was given in the last [`HINT_SECONDS`]: at the foot of the canvas,
    /// over nothing a person needs, gone by itself.
    fn hint_ui(&mut self, ctx: &egui::Context) {
        let Some((text, since)) = &self.dialogs.hint else {
            return;
        };
        let age = self.session.now - since;
        if age > HINT_SECONDS {
            self.dialogs.hint = None;
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(HINT_SECONDS - age));
        let Some(rect) = self.view.canvas.rect else {
            return;
        };
        egui::Area::new(egui::Id::new("hint"))
            .order(egui::Order::Foreground)
            .interactable(false)
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(rect.center_bottom() - egui::vec2(0.0, 16.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(text.as_str());
                });
            });
    }

    fn message_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = self.dialogs.messages.front() else {
            return;
        };
        let more = self.dialogs.messages.len() - 1;
        egui::Window::new("Message")
            .title_bar(false)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
            .show(ctx, |ui| {
                ui.label(message.as_str());
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() {
                        self.commands.push(Command::DismissMessage);
                    }
                    if more > 0 {
                        ui.weak(format!("{more} more"));
                    }
                });
            });
    }

    /// File > Export...: the format, who it is for, and which moment; the choices are
    /// commands, like everything else the window does.
    fn export_ui(&mut self, ctx: &egui::Context) {
        let Some(choice) = self.dialogs.export else {
            return;
        };
        let shown = self.redaction().profile;
        let dated = self.view.timeline.as_of;
        egui::Window::new("Export for another tool")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                let mut next = choice;
                egui::ComboBox::from_label("Format")
                    .selected_text(next.format.title())
                    .show_ui(ui, |ui| {
                        for format in crate::io::ExportFormat::ALL {
                            ui.selectable_value(&mut next.format, format, format.title());
                        }
                    });
                ui.label("For");
                for (profile, label) in [
                    (RedactionProfile::Internal, "Internal (everything)"),
                    (RedactionProfile::Partner, "Partners (no contact details, notes or recorded-by)"),
                    (RedactionProfile::Public, "The public (as partners, and no owners, descriptions of people or confidential stakeholders)"),
                    (RedactionProfile::Workshop, "A workshop (as the public)"),
                ] {
                    // Never more than the map is shown with.
                    if profile.stricter(shown) == profile {
                        ui.radio_value(&mut next.profile, profile, label);
                    }
                }
                if let Some(date) = dated {
                    ui.checkbox(&mut next.as_shown, format!("The map as of {date}, as shown"));
                }
                if next != choice {
                    self.commands.push(Command::SetExport(next));
                }
                ui.horizontal(|ui| {
                    if ui.button("Export...").clicked() {
                        self.commands.push(Command::ExportAsk);
                    }
                    if ui.button("Cancel").clicked() {
                        self.commands.push(Command::Escape);
                    }
                });
            });
    }

    fn files_ui(&mut self, ctx: &egui::Context) {
        let Some((purpose, mut paths)) = self.dialogs.files.poll(ctx) else {
            return;
        };
        match purpose {
            FilePurpose::Import => return self.commands.push(Command::ImportFrom(paths)),
            FilePurpose::ImportNew => return self.commands.push(Command::ImportNewFrom(paths)),
            _ => {}
        }
        let Some(path) = paths.pop() else {
            return;
        };
        self.commands.push(match purpose {
            FilePurpose::Open => Command::Load(path),
            FilePurpose::SaveReport => Command::SaveReportTo(path),
            FilePurpose::ExportPicture => Command::ExportPictureTo(path),
            FilePurpose::Import | FilePurpose::ImportNew => return,
            FilePurpose::Export => Command::ExportTo(path),
            FilePurpose::SaveAs => Command::SaveTo(path),
        });
    }
}
