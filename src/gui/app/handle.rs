//! The one place where commands are carried out. Every user intent arrives here as a
//! [`Command`]; a read-only window refuses, here and only here, those that would change the
//! map.

use super::StakemapApp;
use super::dialogs::{AddDraft, Answer, ConnectDraft, Question, Refusal, Then};
use crate::analysis::{AttentionSubject, Comparison};
use crate::document::Document;
use crate::edit::{self, Edit};
use crate::errors::said;
use crate::gui::canvas::CanvasEvent;
use crate::gui::command::{Command, ExportChoice};
use crate::gui::files::FilePurpose;
use crate::gui::selection::{Selection, Single};
use crate::io::report::{ReportFormat, report_under};
use crate::io::{SaveError, SaveOptions};
use crate::layout::for_map::MapLayout;
use crate::layout::placement::{self, Footprint};
use crate::model::{Position, Relationship, Score, Stakeholder, StakeholderId};
use crate::redaction::{RedactionOptions, RedactionProfile, redact};
use egui::{Pos2, ViewportCommand};
use std::path::Path;

/// How far a duplicate or a paste with no pointer on the canvas lands from the originals.
const PASTE_OFFSET: (f32, f32) = (40.0, 40.0);

/// The views a presentation steps through, in the toolbar's order.
fn presented_views() -> [MapLayout; 5] {
    [
        MapLayout::Network,
        MapLayout::CircularByKind,
        MapLayout::CircularBySector,
        MapLayout::PowerInterest,
        MapLayout::Engagement,
    ]
}

impl StakemapApp {
    /// Carries out a command.
    pub(super) fn handle(&mut self, ctx: &egui::Context, command: Command) {
        // Capture is the one change a presentation lets through (under a profile or in a
        // read-only window it is refused like any other).
        let captured_live = matches!(command, Command::Capture(_))
            && self.view.presenting.is_some()
            && !self.read_only;
        if command.changes_map()
            && !captured_live
            && let Some(why) = self.edits_refused()
        {
            self.dialogs.say(why);
            return;
        }
        match command {
            Command::Edit(edit) => {
                self.apply(*edit);
            }
            Command::EditAndSelect(edit, selection) => {
                if self.apply(*edit) {
                    self.set_selection(selection);
                }
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::AddStakeholder { kind, name, at } => {
                let id = self.doc.map().next_stakeholder_id();
                let mut stakeholder = Stakeholder::new(id, kind, name);
                stakeholder.position = Some(self.free_spot(at, &stakeholder.name, None));
                if self.apply(Edit::AddStakeholder(stakeholder)) {
                    self.set_selection(Selection::stakeholder(id));
                }
            }
            Command::Connect { from, to, kind } => {
                let id = self.doc.map().next_relationship_id();
                if self.apply(Edit::AddRelationship(Relationship::new(id, from, to, kind))) {
                    self.set_selection(Selection::relationship(id));
                }
            }
            Command::Move(moves) => self.moved(moves),
            Command::DeleteSelection => self.delete_selection(),
            Command::DuplicateSelection => {
                let ids: Vec<_> = self.view.selection.stakeholders.iter().copied().collect();
                if !ids.is_empty() {
                    let (edit, new) = edit::duplicate(self.doc.map(), &ids, PASTE_OFFSET);
                    if self.apply(edit) {
                        self.set_selection(Selection::stakeholders(new));
                    }
                }
            }
            Command::TogglePin => self.toggle_pin(),
            Command::LogInteraction => self.log_interaction(),
            Command::Copy | Command::Cut | Command::CopyEverything => {
                let ids: Vec<_> = self.view.selection.stakeholders.iter().copied().collect();
                if ids.is_empty() {
                    self.dialogs
                        .hint("Select stakeholders to copy.", self.session.now);
                    return;
                }
                ctx.copy_text(self.clipboard_text(&ids, command == Command::CopyEverything));
                if command == Command::Cut {
                    self.delete_selection();
                }
            }
            Command::Paste { text, at } => self.paste(&text, at),
            Command::SaveBaseline { name, date } => {
                let baseline = crate::analysis::capture(self.doc.map(), &name, date, self.today());
                self.apply(Edit::AddBaseline(baseline));
            }

            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open(None)),
            Command::OpenFile(path) => self.guard(Then::Open(Some(path))),
            Command::Load(path) => self.open(&path),
            Command::Save => self.save(None),
            Command::SaveAs => self
                .dialogs
                .files
                .request(FilePurpose::SaveAs, &self.doc.suggested_file_name()),
            Command::SaveTo(path) => {
                let then = self.dialogs.after_save_as.take();
                self.save_to(&path, &SaveOptions::default(), then);
            }
            Command::SaveReport(profile) => {
                // Never more than the map is shown with.
                self.dialogs.report_profile = profile.stricter(self.redaction().profile);
                self.dialogs
                    .files
                    .request(FilePurpose::SaveReport, "changes.md");
            }
            Command::SaveReportTo(path) => self.write_report(&path),
            Command::ExportPicture { whole } => {
                self.dialogs.picture_whole = whole;
                self.dialogs
                    .files
                    .request(FilePurpose::ExportPicture, "map.svg");
            }
            Command::ExportPictureTo(path) => self.write_picture(ctx, &path),
            Command::Import => self.dialogs.files.request(FilePurpose::Import, ""),
            Command::Export => {
                self.dialogs.export = Some(ExportChoice {
                    format: crate::io::ExportFormat::GraphMl,
                    profile: RedactionProfile::Partner.stricter(self.redaction().profile),
                    as_shown: self.view.timeline.as_of.is_some(),
                });
            }
            Command::SetExport(choice) => {
                self.dialogs.export = Some(ExportChoice {
                    // Never more than the map is shown with.
                    profile: choice.profile.stricter(self.redaction().profile),
                    ..choice
                });
            }
            Command::ExportAsk => {
                if let Some(choice) = self.dialogs.export {
                    let name = format!("map.{}", choice.format.extension());
                    self.dialogs.files.request(FilePurpose::Export, &name);
                }
            }
            Command::ExportTo(path) => self.export(&path),
            Command::ImportFrom(paths) => self.import(&paths),
            Command::ImportAsNew => self.guard(Then::ImportNew),
            Command::ImportNewFrom(paths) => self.import_new(&paths),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),

            Command::Select(selection) => self.set_selection(selection),
            Command::SelectAll => {
                // Every stakeholder drawn: not those the profile in force leaves out.
                let all: Vec<_> = self
                    .displayed_map()
                    .stakeholders()
                    .map(|s| s.id())
                    .collect();
                self.set_selection(Selection::stakeholders(all));
            }
            Command::Escape => {
                if !self.dialogs.escape() {
                    self.set_selection(Selection::default());
                }
            }
            Command::Reveal(subject) => self.reveal(subject),
            Command::RevealStakeholder(id) => self.reveal(AttentionSubject::Issue(id)),
            Command::ShowAsOf(date) => self.view.timeline.as_of = date,
            Command::Compare(moments) => match moments {
                Some((from, to)) => self.view.timeline.compare(from, to),
                None => self.view.timeline.compare = None,
            },
            Command::ShowLayout(layout) => self.show_layout(layout),
            Command::ShowProfile(options) => self.view.redaction = options,
            // A change to what is shown is no longer the saved view last opened.
            Command::SetFilter(filter) => {
                self.view.filter = filter;
                self.view.saved_view = None;
            }
            Command::SetEncoding(encoding) => {
                self.view.encoding = encoding;
                self.view.saved_view = None;
            }
            Command::Present => {
                if self.view.presenting.is_some() {
                    self.leave_presentation(ctx);
                } else {
                    self.present(ctx);
                }
            }
            Command::LeavePresentation => self.leave_presentation(ctx),
            Command::ApplyView(index) => self.apply_view(index),
            Command::StartCapture => self.start_capture(),
            Command::Capture(captured) => self.capture(ctx, captured),
            Command::AcceptPending(item) => self.settle_pending(item, true),
            Command::RejectPending(item) => self.settle_pending(item, false),
            Command::SaveView(name) => {
                let view = self.view_on_screen(ctx, name);
                self.edit_views(|views| views.push(view));
                self.view.saved_view = Some(self.doc.map().views.len().saturating_sub(1));
            }
            Command::RenameView(index, name) => self.edit_views(|views| {
                if let Some(v) = views.get_mut(index) {
                    v.name = name;
                }
            }),
            Command::MoveView(from, to) => {
                self.edit_views(|views| {
                    if from < views.len() && to < views.len() {
                        let view = views.remove(from);
                        views.insert(to, view);
                    }
                });
                // The highlight stays on the view that was open, wherever it went.
                self.view.saved_view = self.view.saved_view.map(|at| {
                    if at == from {
                        to
                    } else if from < at && at <= to {
                        at - 1
                    } else if to <= at && at < from {
                        at + 1
                    } else {
                        at
                    }
                });
            }
            Command::DeleteView(index) => {
                self.edit_views(|views| {
                    if index < views.len() {
                        views.remove(index);
                    }
                });
                self.view.saved_view = None;
            }
            Command::SetWorkshopPlaceholders(on) => {
                self.prefs.workshop_placeholders = on;
                if let Some(p) = self.view.presenting.as_mut() {
                    p.placeholders = on;
                }
            }
            Command::NextView => self.step_view(1),
            Command::PreviousView => self.step_view(-1),
            Command::Spotlight(centre) => {
                if let Some(p) = self.view.presenting.as_mut() {
                    p.spotlight = centre;
                    // The centre is drawn and named as a selected stakeholder is: the
                    // thick outline is what the room looks for.
                    self.view.selection =
                        centre.map_or_else(Selection::default, Selection::stakeholder);
                }
            }
            Command::SpotlightSteps(by) => {
                if let Some(p) = self.view.presenting.as_mut() {
                    p.hops = super::super::present::steps(p.hops, by);
                }
            }
            Command::ShowRings => match self.view.selection.stakeholders.first() {
                Some(&centre) => self.show_layout(MapLayout::Radial(centre)),
                None => self.dialogs.hint(
                    "Select a stakeholder first: the rings are drawn around it.",
                    self.session.now,
                ),
            },
            Command::ToggleLayout => {
                if self.view.layouts.is_running() {
                    let reached = self.view.layouts.pause();
                    self.store_layout(reached);
                } else {
                    self.view.layouts.run_force(self.doc.map(), false);
                }
            }
            Command::RerunLayout => self.view.layouts.run_force(self.doc.map(), true),
            Command::ZoomToFit => self.view.canvas.fit_requested = true,
            Command::ToggleTable => self.view.table.toggle(),

            Command::SetTrendSettings(settings) => self.prefs.trend = settings,
            Command::ToggleLegend => self.prefs.show_legend = !self.prefs.show_legend,
            Command::SetNativeDialogs(native) => {
                self.prefs.native_dialogs = native;
                self.dialogs.files.native = native;
            }
            Command::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme);
            }

            Command::StartAdding => {
                let pointer = ctx
                    .pointer_hover_pos()
                    .filter(|p| self.view.canvas.rect.is_some_and(|r| r.contains(*p)));
                let screen = pointer.or_else(|| self.view.canvas.rect.map(|r| r.center()));
                if let Some(screen) = screen
                    && let Some(at) = self.view.canvas.to_canvas(ctx, screen)
                {
                    // From the toolbar (no pointer on the canvas): in free space, not on
                    // top of whatever is in the middle.
                    let at = if pointer.is_some() {
                        at
                    } else {
                        // Room for a name of usual length, typed next.
                        self.free_spot(at, "A new stakeholder", None)
                    };
                    self.start_adding(ctx, at);
                }
            }
            Command::StartAddingAt(at) => self.start_adding(ctx, at),
            Command::StartConnecting => {
                let ids: Vec<_> = self.view.selection.stakeholders.iter().copied().collect();
                if let [from, to] = ids[..] {
                    let screen = ctx.pointer_hover_pos().unwrap_or_default();
                    self.dialogs.connecting = Some(ConnectDraft { from, to, screen });
                } else {
                    self.dialogs.hint(
                        "Select two stakeholders to connect (Shift+click).",
                        self.session.now,
                    );
                }
            }
            Command::AskConnect { from, to } => {
                let screen = ctx.pointer_hover_pos().unwrap_or_default();
                self.dialogs.connecting = Some(ConnectDraft { from, to, screen });
            }
            Command::OpenFind => self.dialogs.find = Some(String::new()),
            Command::ToggleShortcuts => self.dialogs.shortcuts = !self.dialogs.shortcuts,
            Command::Answer(answer) => self.answer(answer),
            Command::Say(message) => self.dialogs.say(message),
            Command::DismissMessage => {
                self.dialogs.messages.pop_front();
            }
        }
    }

    /// Applies an edit as one undo step; a live layout makes room. False when refused.
    pub(super) fn apply(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit) {
            Ok(()) => {
                self.view.layouts.map_changed(self.doc.map());
                true
            }
            Err(e) => {
                self.dialogs
                    .say(format!("That change could not be made: {}", said(&e)));
                false
            }
        }
    }

    // Undo and redo do not wake a live layout: undoing a layout must leave the map as it
    // was, not start laying it out again.
    fn undo(&mut self) {
        let _ = self.view.layouts.pause(); // an undo discards where a running layout had got to
        self.doc.undo();
    }

    fn redo(&mut self) {
        let _ = self.view.layouts.pause();
        self.doc.redo();
    }

    /// Stores where a layout put the stakeholders, as one undo step.
    pub(super) fn store_layout(&mut self, moves: Vec<(StakeholderId, Option<Position>)>) {
        let map = self.doc.map();
        let moves: Vec<_> = moves
            .into_iter()
            .filter(|(id, p)| map.stakeholder(*id).is_some_and(|s| s.position != *p))
            .collect();
        if moves.is_empty() {
            return;
        }
        if let Err(e) = self.doc.apply_as(Edit::MoveStakeholders(moves), "Lay out") {
            self.dialogs
                .say(format!("The layout could not be stored: {}", said(&e)));
        }
    }

    /// Projects the map: a running layout is stopped and kept first (nothing moves the map
    /// while it is on the wall), then full screen with the presentation's look.
    fn present(&mut self, ctx: &egui::Context) {
        let settled = self.view.layouts.pause();
        self.store_layout(settled);
        self.dialogs.find = None;
        self.view.canvas.connect_mode = false;
        let mut presentation =
            super::super::present::Presentation::new(self.prefs.workshop_placeholders);
        let (outer, monitor) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
        presentation.restore = outer;
        presentation.before = Some((
            self.view_on_screen(ctx, String::new()),
            self.view.saved_view,
        ));
        self.view.presenting = Some(presentation);
        self.view.selection = Selection::default();
        // A drag pans: nothing on the wall moves a stakeholder.
        self.view.canvas.read_only = true;
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        // A map with saved views opens on its first, named in the caption: the room sees
        // where the presentation starts.
        if !self.doc.map().views.is_empty() {
            self.apply_view(0);
        }
        // Where no window manager takes a window to full screen (a bare X server, some
        // kiosks), the window is given the whole screen by hand.
        if let Some(size) = monitor {
            ctx.send_viewport_cmd(ViewportCommand::OuterPosition(Pos2::ZERO));
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
        }
        self.view.canvas.fit_requested = true;
    }

    fn leave_presentation(&mut self, ctx: &egui::Context) {
        if let Some(presentation) = self.view.presenting.take() {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
            if let Some(rect) = presentation.restore {
                ctx.send_viewport_cmd(ViewportCommand::OuterPosition(rect.min));
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(rect.size()));
            }
            // The window as it was: the views a presentation stepped through were the room's.
            // Its camera is fitted again, the window's size having changed back.
            if let Some((mut before, index)) = presentation.before {
                before.camera = None;
                self.show_view(&before);
                self.view.saved_view = index;
            }
            self.view.selection = Selection::default();
            self.view.canvas.fit_requested = true;
        }
    }

    /// Steps through the views a presentation shows, `by` on (negative: back), wrapping
    /// at either end: the network and each computed view, in the toolbar's order.
    fn step_view(&mut self, by: isize) {
        if self.view.presenting.is_none() || self.step_saved_view(by) {
            return;
        }
        let views = presented_views();
        let now = self.view.layouts.layout;
        let at = views.iter().position(|v| *v == now).unwrap_or(0) as isize;
        let next = (at + by).rem_euclid(views.len() as isize) as usize;
        self.show_layout(views[next]);
    }

    /// Shows the map in another layout (the network, a circle, rings, the grid...).
    pub(super) fn show_layout(&mut self, layout: MapLayout) {
        if let MapLayout::Radial(_) = layout
            && self.doc.map().stakeholder_count() == 0
        {
            return;
        }
        let settled = self.view.layouts.pause();
        self.store_layout(settled);
        self.view.layouts.switch(
            self.doc.map(),
            layout,
            Some(&self.view.view_model),
            self.session.now,
        );
        // Rebuilt so relationships are faint behind a view; the animation starts from
        // where things were drawn.
        let drawn: Vec<_> = self.view.view_model.stakeholders().collect();
        self.sync_shown();
        self.rebuild_view_model();
        for (id, p) in drawn {
            self.view.view_model.set_position(id, p);
        }
    }

    fn moved(&mut self, moves: Vec<(StakeholderId, Position)>) {
        if !self.view.layouts.shows_network() {
            // Views are computed from the stakeholders' fields: a drag there is only a
            // look, and the next frame puts them back.
            return;
        }
        for (id, _) in &moves {
            self.view.layouts.released(*id);
        }
        let map = self.doc.map();
        let moves: Vec<_> = moves
            .into_iter()
            .filter(|(id, p)| map.stakeholder(*id).is_some_and(|s| s.position != Some(*p)))
            .map(|(id, p)| (id, Some(p)))
            .collect();
        if !moves.is_empty() {
            self.apply(Edit::MoveStakeholders(moves));
        }
    }

    fn delete_selection(&mut self) {
        let map = self.doc.map();
        let selection = &self.view.selection;
        let mut edits: Vec<Edit> = selection
            .relationships
            .iter()
            .filter(|&&id| {
                map.relationship(id).is_some_and(|r| {
                    // Those carried by a deleted stakeholder go with it.
                    !selection.stakeholders.contains(&r.from())
                        && !selection.stakeholders.contains(&r.to())
                })
            })
            .map(|&id| Edit::RemoveRelationship(id))
            .collect();
        edits.extend(
            selection
                .stakeholders
                .iter()
                .map(|&id| Edit::RemoveStakeholder(id)),
        );
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits));
        }
    }

    /// Logs an interaction on the selected relationship: today, at its last strength.
    fn log_interaction(&mut self) {
        let Some(Single::Relationship(id)) = self.view.selection.single() else {
            self.dialogs.hint(
                "Select a relationship to log an interaction on it.",
                self.session.now,
            );
            return;
        };
        if let Some(r) = self.doc.map().relationship(id) {
            let today = self.today();
            let observation = crate::gui::inspector::new_observation(r, today);
            self.view.inspector.focus_note(id, today);
            self.apply(Edit::AddObservation {
                relationship: id,
                observation,
            });
        }
    }

    fn toggle_pin(&mut self) {
        let map = self.doc.map();
        let chosen: Vec<&Stakeholder> = self
            .view
            .selection
            .stakeholders
            .iter()
            .filter_map(|&id| map.stakeholder(id))
            .collect();
        if chosen.is_empty() {
            self.dialogs
                .hint("Select stakeholders to pin or unpin.", self.session.now);
            return;
        }
        let pin = !chosen.iter().all(|s| s.pinned);
        let edits: Vec<Edit> = chosen
            .into_iter()
            .map(|s| {
                let mut s = s.clone();
                s.pinned = pin;
                Edit::UpdateStakeholder(s)
            })
            .collect();
        self.apply(Edit::Batch(edits));
    }

    /// Pastes at the pointer when it is on the canvas, else beside the originals; never on
    /// top of what is already there.
    fn paste(&mut self, text: &str, at: Option<Position>) {
        match edit::paste_at(self.doc.map(), text, at, PASTE_OFFSET) {
            Ok((edit, new)) => {
                if self.apply(edit) {
                    self.set_selection(Selection::stakeholders(new));
                }
            }
            Err(e) => self.dialogs.say(format!("Nothing to paste: {}", said(&e))),
        }
    }

    /// A spot near `at` where a new stakeholder named `name` covers none already drawn,
    /// nor their names, and its own name covers none of them.
    pub(super) fn free_spot(&self, at: Position, name: &str, influence: Option<Score>) -> Position {
        let map = self.doc.map();
        let occupied: Vec<Footprint> = self
            .view
            .view_model
            .stakeholders()
            .map(|(id, p)| match map.stakeholder(id) {
                Some(s) => Footprint::of(s, p),
                None => Footprint::named("", None, p),
            })
            .collect();
        placement::free_spot(&occupied, Footprint::named(name, influence, at))
    }

    fn start_adding(&mut self, ctx: &egui::Context, at: Position) {
        let screen = self
            .view
            .canvas
            .to_screen(ctx, at)
            .unwrap_or(Pos2::new(100.0, 100.0));
        self.dialogs.adding = Some(AddDraft {
            kind: self.view.new_kind,
            name: String::new(),
            at,
            screen,
            focus: true,
        });
    }

    /// Turns what happened on the canvas into commands.
    pub(super) fn canvas_events(&mut self, events: Vec<CanvasEvent>) {
        for event in events {
            let command = match event {
                CanvasEvent::StakeholderClicked { id, shift: true } => {
                    let mut selection = self.view.selection.clone();
                    selection.toggle_stakeholder(id);
                    Command::Select(selection)
                }
                CanvasEvent::StakeholderClicked { id, shift: false } => {
                    // With the Connect tool on, a click on one stakeholder and then on
                    // another connects them, from the first to the second.
                    let selected: Vec<_> = self.view.selection.stakeholders.iter().collect();
                    match selected[..] {
                        [&from] if self.view.canvas.connect_mode && from != id => {
                            Command::AskConnect { from, to: id }
                        }
                        _ => Command::Select(Selection::stakeholder(id)),
                    }
                }
                CanvasEvent::RelationshipClicked { id, shift: true } => {
                    let mut selection = self.view.selection.clone();
                    selection.toggle_relationship(id);
                    Command::Select(selection)
                }
                CanvasEvent::RelationshipClicked { id, shift: false } => {
                    Command::Select(Selection::relationship(id))
                }
                CanvasEvent::BackgroundClicked { shift: true } => continue,
                CanvasEvent::BackgroundClicked { shift: false } => {
                    Command::Select(Selection::default())
                }
                CanvasEvent::BackgroundDoubleClicked { at } => Command::StartAddingAt(at),
                CanvasEvent::Moved(moves) => Command::Move(moves),
                CanvasEvent::BoxSelected(ids) => {
                    let mut selection = self.view.selection.clone();
                    selection.stakeholders.extend(ids);
                    Command::Select(selection)
                }
                CanvasEvent::ConnectRequested { from, to } => Command::AskConnect { from, to },
            };
            self.commands.push(command);
        }
    }

    /// Copy, cut and paste arrive as events, not keys.
    pub(super) fn clipboard_events(&mut self, ctx: &egui::Context) {
        if crate::gui::keyboard::typing(ctx) || self.dialogs.takes_keys() {
            return; // a text field is copying or pasting text
        }
        let pointer = ctx
            .pointer_hover_pos()
            .filter(|p| self.view.canvas.rect.is_some_and(|r| r.contains(*p)))
            .and_then(|p| self.view.canvas.to_canvas(ctx, p));
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            let command = match event {
                egui::Event::Copy => Command::Copy,
                egui::Event::Cut => Command::Cut,
                egui::Event::Paste(text) => Command::Paste { text, at: pointer },
                _ => continue,
            };
            self.commands.push(command);
        }
    }

    fn reveal(&mut self, subject: AttentionSubject) {
        let view_model = &self.view.view_model;
        match subject {
            AttentionSubject::Relationship(id) => {
                let ends = self.doc.map().relationship(id).map(|r| (r.from(), r.to()));
                if let Some((a, b)) = ends
                    && let (Some(p), Some(q)) =
                        (view_model.position_of(a), view_model.position_of(b))
                {
                    self.view.canvas.centre_on =
                        Some(Position((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0));
                }
                self.set_selection(Selection::relationship(id));
            }
            AttentionSubject::Issue(id) | AttentionSubject::Stakeholder(id) => {
                self.view.canvas.centre_on = view_model.position_of(id);
                self.set_selection(Selection::stakeholder(id));
            }
        }
    }

    // Files.

    /// Saves into the map's file (or asks for one), then goes on with `then`.
    fn save(&mut self, then: Option<Then>) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            self.dialogs.after_save_as = then;
            self.dialogs
                .files
                .request(FilePurpose::SaveAs, &self.doc.suggested_file_name());
            return;
        };
        self.save_to(&path, &SaveOptions::default(), then);
    }

    /// Saves into `path`, then goes on with `then`. A read-only file or one whose comments
    /// the save would drop is not written: the person is asked first, and the answer
    /// retries with that refusal lifted (see [`Question::SaveAnyway`]).
    fn save_to(&mut self, path: &Path, options: &SaveOptions, then: Option<Then>) {
        // Another program changed the map's own file since it was opened or saved: saving
        // would replace that change without a word. Asked before anything else.
        if self.doc.path() == Some(path) && self.doc.changed_on_disk() {
            self.dialogs.question = Some(Question::SaveAnyway {
                path: path.to_path_buf(),
                refusal: Refusal::ChangedOnDisk,
                options: options.clone(),
                then,
            });
            return;
        }
        let old_recovery = self.doc.recovery_path(self.session.data_folder.as_deref());
        match self.doc.save_with(path, options) {
            Ok(saved) => {
                if let Some(old) = old_recovery {
                    crate::io::recovery::remove_recovery(&old);
                }
                self.prefs.remember(path);
                for warning in saved.warnings {
                    self.dialogs.say(format!("Saved, but {}.", said(&warning)));
                }
                if let Some(then) = then {
                    self.proceed(then);
                }
            }
            Err(SaveError::ReadOnly { .. }) if !options.overwrite_read_only => {
                self.dialogs.question = Some(Question::SaveAnyway {
                    path: path.to_path_buf(),
                    refusal: Refusal::ReadOnly,
                    options: SaveOptions {
                        overwrite_read_only: true,
                        ..options.clone()
                    },
                    then,
                });
            }
            Err(SaveError::CommentsDropped { count, .. }) if !options.drop_comments => {
                self.dialogs.question = Some(Question::SaveAnyway {
                    path: path.to_path_buf(),
                    refusal: Refusal::Comments(count),
                    options: SaveOptions {
                        drop_comments: true,
                        ..options.clone()
                    },
                    then,
                });
            }
            Err(e) => {
                self.dialogs
                    .say(format!("{}\nThe file on disk is as it was.", said(&e)));
            }
        }
    }

    fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.offer_recovery();
            }
            Err(e) => self
                .dialogs
                .say(format!("{}\nThe map on screen is as it was.", said(&e))),
        }
    }

    /// Puts another document on screen (New, Open, Reload, Recover).
    fn replace_document(&mut self, doc: Document) {
        let _ = self.view.layouts.pause();
        self.doc = doc;
        self.view.selection = Selection::default();
        self.view.canvas.fit_requested = true;
        if let Some(path) = self.doc.path().map(Path::to_path_buf) {
            self.prefs.remember(&path);
        }
    }

    /// Runs `then` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.dialogs.question = Some(Question::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        // The person chose to leave these changes.
        self.doc
            .remove_recovery(self.session.data_folder.as_deref());
        match then {
            Then::Close => self.session.allow_close = true,
            Then::New => self.replace_document(Document::untitled()),
            Then::Open(Some(path)) => self.open(&path),
            Then::Open(None) => self.dialogs.files.request(FilePurpose::Open, ""),
            Then::ImportNew => self.dialogs.files.request(FilePurpose::ImportNew, ""),
        }
    }

    fn answer(&mut self, answer: Answer) {
        let Some(question) = self.dialogs.question.take() else {
            return;
        };
        match (question, answer) {
            (Question::Unsaved(then), Answer::Save) => self.save(Some(then)),
            (
                Question::SaveAnyway {
                    path,
                    options,
                    then,
                    refusal,
                },
                Answer::SaveAnyway,
            ) => {
                if let Refusal::ChangedOnDisk = refusal {
                    // The person chose the map on screen over the file's new text.
                    self.doc.keep_mine();
                }
                self.save_to(&path, &options, then);
            }
            (Question::Unsaved(then), Answer::Discard) => self.proceed(then),
            (Question::Recover(found, _), Answer::Recover) => {
                let path = self.doc.path().map(Path::to_path_buf);
                self.replace_document(Document::recovered(*found, path));
            }
            (Question::Recover(_, path), Answer::Discard) => {
                crate::io::recovery::remove_recovery(&path);
            }
            (Question::ChangedOnDisk | Question::SaveAnyway { .. }, Answer::Reload) => {
                if let Some(path) = self.doc.path().map(Path::to_path_buf) {
                    self.open(&path);
                }
            }
            (Question::ChangedOnDisk, Answer::KeepMine) => self.doc.keep_mine(),
            // Esc: a question with no way back stays until it is answered.
            (question @ (Question::Recover(..) | Question::ChangedOnDisk), _) => {
                self.dialogs.question = Some(question);
            }
            // Cancel (or Esc): nothing is saved and nothing follows.
            (Question::Unsaved(_) | Question::SaveAnyway { .. }, _) => {}
        }
    }

    /// The selected stakeholders as clipboard text: under the partner profile (the
    /// clipboard reaches every program), or with everything when the person chose so.
    ///
    /// While the map is shown under a profile, the clipboard gets no more than it shows:
    /// the stricter of partner and that profile, and Copy everything is that too.
    fn clipboard_text(&mut self, ids: &[StakeholderId], everything: bool) -> String {
        let shown = self.redaction();
        let internal = shown.profile == RedactionProfile::Internal;
        if everything && internal {
            return edit::copy(self.doc.map(), ids);
        }
        let options = RedactionOptions {
            profile: shown.profile.stricter(RedactionProfile::Partner),
            ..shown
        };
        let redacted = redact(self.doc.map(), options);
        let text = edit::copy(redacted.map(), ids);
        if !internal {
            if !self.session.told_clipboard_profile {
                self.session.told_clipboard_profile = true;
                self.dialogs.say(format!(
                    "Copied as the map is shown, for {}: what that profile leaves out is not on the clipboard{}.",
                    options.profile.name(),
                    if everything {
                        ", even with Copy everything"
                    } else {
                        ""
                    }
                ));
            }
            return text;
        }
        // What was left out of these stakeholders, not of the whole map: said once a
        // session, so that a person copying for another map learns of Copy everything.
        let original = edit::copy(self.doc.map(), ids);
        if text != original && !self.session.told_clipboard_profile {
            self.session.told_clipboard_profile = true;
            self.dialogs.say(
                "Copied for partners: contact details, notes and recorded-by are left out of the clipboard. Edit > Copy everything keeps them.",
            );
        }
        text
    }

    /// The change report of the comparison shown, as Markdown, CSV or JSON (by the file's
    /// extension), under the profile chosen for it.
    fn write_report(&mut self, path: &Path) {
        let Some((from, to)) = &self.view.timeline.compare else {
            return;
        };
        let options = RedactionOptions {
            profile: self.dialogs.report_profile,
            confidential_as: self.redaction().confidential_as,
        };
        let redacted = redact(self.doc.map(), options);
        let Some(comparison) = Comparison::of(redacted.map(), from, to, self.today()) else {
            return;
        };
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let format = match extension.as_deref() {
            Some("csv") => ReportFormat::Csv,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Markdown,
        };
        let written = report_under(&comparison, format, redacted.left_out())
            .map_err(|e| said(&e))
            .and_then(|text| {
                crate::io::write_atomically(path, |f| std::io::Write::write_all(f, text.as_bytes()))
                    .map_err(|e| said(&e))
            });
        match written {
            Ok(()) => self.dialogs.say(format!(
                "Change report saved to {}; the {}.",
                path.display(),
                redacted.left_out()
            )),
            Err(e) => self
                .dialogs
                .say(format!("The change report was not written: {e}")),
        }
    }

    /// Writes a picture of the map as shown (the profile in force, the date or comparison,
    /// the view), of the whole map or of what the canvas shows: PNG for `.png`, else SVG.
    fn write_picture(&mut self, ctx: &egui::Context, path: &Path) {
        use crate::io::drawing::{self, PictureOptions};
        let mut options = PictureOptions::new(self.redaction());
        options.view = self.view.layouts.layout;
        options.show = self.show_settings();
        // In the window's theme, as the canvas shows it.
        options.palette = super::super::scene_paint::palette_for(&ctx.global_style().visuals);
        let fonts = drawing::fallback_fonts();
        let drawn = if self.dialogs.picture_whole {
            drawing::draw(self.doc.map(), &options, self.today(), &fonts)
        } else {
            // What is on screen: the very scene the canvas painted last.
            let (Some(scene), Some(shown)) =
                (self.view.canvas.last_scene.clone(), self.view.shown.get())
            else {
                return;
            };
            drawing::picture_of(scene, shown, &options, self.today())
        };
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let png = match extension.as_deref() {
            Some("png") => true,
            Some("svg") | None => false,
            Some(other) => {
                self.dialogs.say(format!(
                    "The picture was not written: a picture is .svg or .png, not .{other}."
                ));
                return;
            }
        };
        let bytes = if png {
            drawing::png(&drawn, 2.0, &fonts).map_err(|e| said(&e))
        } else {
            Ok(drawn.svg.clone().into_bytes())
        };
        let written = bytes.and_then(|bytes| {
            crate::io::write_atomically(path, |f| std::io::Write::write_all(f, &bytes))
                .map_err(|e| said(&e))
        });
        match written {
            Ok(()) => self.dialogs.say(format!(
                "Picture saved to {}: {} of {} stakeholders named; the {}.",
                path.display(),
                drawn.scene.labels.len(),
                drawn.scene.nodes.len(),
                drawn.left_out
            )),
            Err(e) => self
                .dialogs
                .say(format!("The picture was not written: {e}")),
        }
    }

    /// Imports files into the open map as one undo step, and says what came in.
    fn import(&mut self, paths: &[std::path::PathBuf]) {
        let imported = match crate::io::import::read(paths) {
            Ok(imported) => imported,
            Err(e) => {
                self.dialogs
                    .say(format!("Nothing was imported: {}", said(&e)));
                return;
            }
        };
        let merge = imported.merge_into(self.doc.map(), self.today());
        let report = merge.report.clone();
        let before = (
            self.doc.map().stakeholder_count(),
            self.doc.map().relationship_count(),
        );
        if !self.apply(merge.into_edit()) {
            return;
        }
        let after = (
            self.doc.map().stakeholder_count(),
            self.doc.map().relationship_count(),
        );
        self.dialogs.say(format!(
            "Imported {}: {} stakeholders and {} relationships added, the rest merged with what was there (Edit > Undo takes it all back){}.",
            paths
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            after.0.saturating_sub(before.0),
            after.1.saturating_sub(before.1),
            unread(&report)
        ));
        self.view.canvas.fit_requested = true;
    }

    /// Puts the map read from `paths` on screen as a new, unsaved map (named from the
    /// file's own title, else the first file's name), and says what the import did.
    fn import_new(&mut self, paths: &[std::path::PathBuf]) {
        let fallback = paths
            .first()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let today = self.today();
        let built = crate::io::import::read(paths)
            .map_err(|e| said(&e))
            .and_then(|imported| imported.into_map(&fallback, today).map_err(|e| said(&e)));
        let (map, report) = match built {
            Ok(built) => built,
            Err(e) => {
                self.dialogs.say(format!(
                    "Nothing was imported: {e}\nThe map on screen is as it was."
                ));
                return;
            }
        };
        let counts = (map.stakeholder_count(), map.relationship_count());
        self.replace_document(Document::imported(map));
        self.dialogs.say(format!(
            "Imported a new map with {} stakeholders and {} relationships. It is not saved yet: File > Save as... keeps it{}.",
            counts.0,
            counts.1,
            unread(&report)
        ));
    }

    /// Writes the export chosen in File > Export... to `path` (a name for two-file
    /// formats), through the redaction profile chosen, and says what it did.
    fn export(&mut self, path: &Path) {
        let Some(choice) = self.dialogs.export.take() else {
            return;
        };
        let profile = choice.profile.stricter(self.redaction().profile);
        let map = match self.view.timeline.as_of.filter(|_| choice.as_shown) {
            Some(date) => crate::analysis::map_as_of(self.doc.map(), date, self.today()),
            None => self.doc.map().clone(),
        };
        let options = RedactionOptions {
            profile,
            confidential_as: self.redaction().confidential_as,
        };
        let redacted = redact(&map, options);
        match crate::io::export_files(
            &redacted,
            choice.format,
            crate::io::ExportOptions::default(),
            path,
            &SaveOptions::default(),
        ) {
            Ok((saved, report)) => {
                let files: Vec<String> =
                    saved.iter().map(|s| s.path.display().to_string()).collect();
                self.dialogs.say(format!(
                    "{} written to {}: {}; the {}.",
                    choice.format.title(),
                    files.join(" and "),
                    report.summary(),
                    redacted.left_out()
                ));
            }
            Err(e) => self
                .dialogs
                .say(format!("The export was not written: {}", said(&e))),
        }
    }
}

/// Most of an import's problems its message lists, each by file and line.
const PROBLEMS_SAID: usize = 5;

/// What an import's message adds about rows or elements it could not read (the merge's
/// report holds each file's own, counted once): how many, and the first few by file and
/// line.
fn unread(report: &crate::io::MappingReport) -> String {
    let n = report.count(crate::io::Action::Problem);
    if n == 0 {
        return String::new();
    }
    let mut said = format!("; {n} problem(s) in the files:");
    for problem in report.problems().take(PROBLEMS_SAID) {
        said.push_str(&format!("\n- {problem}"));
    }
    if n > PROBLEMS_SAID {
        said.push_str(&format!(
            "\n- and {} more (`stakemap import` lists them all)",
            n - PROBLEMS_SAID
        ));
    }
    said
}
