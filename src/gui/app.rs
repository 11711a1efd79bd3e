//! The application, split by what each part is: the [`Document`] (map, file, history), the
//! view state (selection, camera, moment shown, layouts, the shown map derived from the
//! document), the [`Preferences`], and the dialogs. Each frame the panels, the canvas and
//! the dialogs push [`Command`]s; `handle.rs` carries them out, in one place, at the end
//! of the frame.

mod capture;
mod dialogs;
mod handle;
mod menus;
mod presenting;
mod table_view;
mod time;
mod views;

pub use capture::{CaptureDraft, Captured, PendingItem};
pub use dialogs::Answer;
use dialogs::Dialogs;

use super::attention::attention_ui;
use super::canvas::{CanvasState, Look};
use super::command::{Command, Commands};
use super::derived::{DerivedAttention, DerivedShown};
use super::inspector::Inspector;
use super::layout_runner::{LayoutOutcome, LayoutRunner, Reading};
use super::legend::legend_ui;
use super::preferences::Preferences;
use super::selection::Selection;
use super::shortcuts;
use super::timeline::Timeline;
use super::view_model::ViewModel;
use crate::analysis::{AttentionItem, Change};
use crate::document::Document;
use crate::errors::said;
use crate::layout::for_map::MapLayout;
use crate::model::{Date, Map, RelationshipId, StakeholderId, StakeholderKind};
use crate::redaction::{RedactionOptions, RedactionProfile, RedactionReport};
use crate::shown::ShowSettings;
use crate::style::Tokens;
use egui::{Panel, Pos2, Ui, ViewportCommand};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The side panel's greatest width, points.
const LEGEND_PANEL_MOST: f32 = 240.0;

/// How often unsaved changes are written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// What the window shows of the document, and how.
struct ViewState {
    selection: Selection,
    canvas: CanvasState,
    timeline: Timeline,
    layouts: LayoutRunner,
    inspector: Inspector,
    /// The kind the toolbar adds.
    new_kind: StakeholderKind,
    /// The shown map, derived from the document and the settings below.
    shown: DerivedShown,
    /// Needs attention with the network's findings, computed on a worker.
    findings: DerivedAttention,
    /// The egui_graphs view model of the shown map.
    view_model: ViewModel,
    /// Whether `view_model` draws relationships faint (behind a view of stakeholders).
    faint: bool,
    /// The map's first observation: where the as-of slider starts.
    first_observation: Option<Date>,
    /// The redaction profile the map is shown under; anything but internal is read-only.
    redaction: RedactionOptions,
    /// What the view shows of the map (the rest faded or hidden).
    filter: crate::filter::Filter,
    /// What stakeholders' size and colour show.
    encoding: crate::style::encoding::Encoding,
    /// The presentation under way, if the map is being projected.
    presenting: Option<super::present::Presentation>,
    /// A saved view's focus: one stakeholder and those near it in front.
    focus: Option<crate::filter::Focus>,
    /// The saved view shown last (the list's highlight, a presentation's place).
    saved_view: Option<usize>,
    /// The saved view being renamed, and the name typed so far.
    renaming: Option<(usize, String)>,
    /// The name typed for the next saved view.
    new_view_name: String,
    /// A saved view's camera, waiting for its layout to arrive.
    camera_after_layout: Option<(crate::model::Position, f32)>,
    /// The table shown in place of the canvas, when open.
    table: super::table::TableView,
}

/// Who a profile shows the map to, in words: "partners", "the public".
fn profile_audience(profile: RedactionProfile) -> &'static str {
    match profile {
        RedactionProfile::Internal => "internal use",
        RedactionProfile::Partner => "partners",
        RedactionProfile::Public => "the public",
        RedactionProfile::Workshop => "a workshop",
    }
}

/// The session around the document: clocks, the title shown, closing.
#[derive(Default)]
struct Session {
    data_folder: Option<PathBuf>,
    allow_close: bool,
    last_autosave: f64,
    title: String,
    focused: bool,
    /// The time of the frame being drawn, in seconds (egui's clock).
    now: f64,
    /// The day taken as today, when not the clock's (tests and screenshots of a fixed day).
    today: Option<Date>,
    /// A widget had the keyboard when the last frame ended.
    keyboard_taken: bool,
    /// The person was told once that Copy leaves out what partners may not see.
    told_clipboard_profile: bool,
    /// The fonts for every script are given to egui (on the first frame, whichever way the
    /// app was made: the window, a test, a benchmark).
    fonts_installed: bool,
}

/// The stakemap window.
pub struct StakemapApp {
    doc: Document,
    view: ViewState,
    prefs: Preferences,
    dialogs: Dialogs,
    commands: Commands,
    /// Refuse every command that would change the map (presentation).
    read_only: bool,
    session: Session,
}

impl StakemapApp {
    /// Opens on `file`; without one, on the last file opened (remembered in eframe's
    /// storage), or else on the built-in map. A file that will not open leaves the built-in
    /// map on screen and says why. Work left in a recovery file is offered back.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let prefs = Preferences::load(cc.storage);
        let remembered = prefs.last_file.clone().filter(|p| p.is_file());
        let (doc, error) = match file.or(remembered) {
            Some(path) => match Document::open(&path) {
                Ok(doc) => (doc, None),
                Err(e) => (Document::builtin(), Some(e)),
            },
            None => (Document::builtin(), None),
        };
        let mut app = Self::with_document(doc, prefs);
        if let Some(e) = error {
            app.dialogs
                .say(format!("{}\nShowing the built-in map instead.", said(&e)));
        }
        cc.egui_ctx.set_theme(app.prefs.theme);
        if let Some(path) = app.doc.path().map(Path::to_path_buf) {
            app.prefs.remember(&path);
        }
        app.session.data_folder = eframe::storage_dir("stakemap");
        app.offer_recovery();
        // Making room for names takes up to a fifth of a second: the window stays live.
        app.arrange_in_background(true);
        app
    }

    /// An app showing a map; `path` is where it was loaded from, if anywhere.
    pub fn with_map(map: Map, path: Option<PathBuf>) -> Self {
        Self::with_document(Document::new(map, path), Preferences::default())
    }

    /// An app showing the built-in map.
    pub fn on_builtin() -> Self {
        Self::with_document(Document::builtin(), Preferences::default())
    }

    fn with_document(doc: Document, prefs: Preferences) -> Self {
        let mut dialogs = Dialogs::new();
        dialogs.files.native = prefs.native_dialogs;
        let mut app = Self {
            doc,
            view: ViewState {
                selection: Selection::default(),
                canvas: CanvasState::fitted(),
                timeline: Timeline::default(),
                layouts: LayoutRunner::default(),
                inspector: Inspector::default(),
                new_kind: StakeholderKind::Partner,
                shown: DerivedShown::default(),
                findings: DerivedAttention::default(),
                view_model: ViewModel::empty(),
                faint: false,
                first_observation: None,
                redaction: RedactionOptions::default(),
                filter: crate::filter::Filter::default(),
                encoding: crate::style::encoding::Encoding::default(),
                presenting: None,
                focus: None,
                saved_view: None,
                renaming: None,
                new_view_name: String::new(),
                camera_after_layout: None,
                table: super::table::TableView::default(),
            },
            prefs,
            dialogs,
            commands: Commands::default(),
            read_only: false,
            session: Session {
                focused: true,
                ..Session::default()
            },
        };
        app.sync_shown();
        app
    }

    /// The map being edited (everything in it, whatever profile it is shown under).
    pub fn map(&self) -> &Map {
        self.doc.map()
    }

    /// The map as the window may show it in words (inspector, find, lists): under any
    /// profile but internal, the shown map, with what the profile leaves out gone; under
    /// internal, the map itself, to edit.
    fn displayed_map(&self) -> &Map {
        match self.view.shown.get() {
            Some(shown) if self.redaction().profile != RedactionProfile::Internal => &shown.map,
            _ => self.doc.map(),
        }
    }

    /// The redaction profile the map is shown under: the view's, or while presenting the
    /// workshop profile, whatever the view says.
    pub fn redaction(&self) -> RedactionOptions {
        self.view
            .presenting
            .as_ref()
            .map_or(self.view.redaction, |p| p.redaction())
    }

    /// What the profile in force leaves out of what is shown.
    pub fn left_out(&self) -> RedactionReport {
        self.view
            .shown
            .get()
            .map_or_else(RedactionReport::default, |shown| shown.left_out)
    }

    /// The map as shown (through the profile, the moment and the filter) and what is drawn
    /// faded, once the shown pipeline has run.
    pub fn shown(&self) -> Option<(&Map, &crate::shown::Decorations)> {
        self.view
            .shown
            .get()
            .map(|shown| (&shown.map, &shown.decorations))
    }

    /// Why the map cannot be changed now, if it cannot: the window is read-only
    /// (presentation), or the map is shown under a profile that leaves things out, so
    /// fields would show less than the map holds.
    fn edits_refused(&self) -> Option<String> {
        if self.read_only {
            return Some("The map cannot be changed here (read-only).".to_owned());
        }
        if self.view.presenting.is_some() {
            return Some(
                "The map is being presented and cannot be changed. Leave presentation mode (Esc) to edit it."
                    .to_owned(),
            );
        }
        let profile = self.redaction().profile;
        (profile != RedactionProfile::Internal).then(|| {
            format!(
                "The map is shown as for {} and cannot be changed so. Show it as Internal (View > Show as) to edit it.",
                profile_audience(profile)
            )
        })
    }

    /// The file the map is saved in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.view.selection
    }

    /// Whether the map has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Whether the window may close now (nothing unsaved, or the person chose).
    pub fn close_allowed(&self) -> bool {
        self.session.allow_close
    }

    /// Never opens the desktop's file dialog (for tests, and headless sessions).
    pub fn use_in_app_dialogs(&mut self) {
        self.dialogs.files.native = false;
        self.prefs.native_dialogs = false;
    }

    /// Whether a question (unsaved changes, recovery, a change on disk) waits for an answer.
    pub fn is_asking(&self) -> bool {
        self.dialogs.question.is_some()
    }

    /// The messages waiting to be read, oldest first.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.dialogs.messages.iter().map(String::as_str)
    }

    /// Makes the window read-only: every command that would change the map is refused.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// Where a stakeholder's centre is on screen now, if it is drawn.
    pub fn stakeholder_on_screen(&self, ctx: &egui::Context, id: StakeholderId) -> Option<Pos2> {
        self.view
            .canvas
            .to_screen(ctx, self.view.view_model.position_of(id)?)
    }

    /// Where the canvas was drawn last frame, in screen points.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.view.canvas.rect
    }

    /// Stakeholders on the canvas whose names did not fit last frame.
    pub fn unlabelled(&self) -> usize {
        self.view.canvas.unlabelled
    }

    /// The canvas's zoom now (1: one canvas unit a point).
    pub fn zoom(&self, ctx: &egui::Context) -> Option<f32> {
        super::canvas::metadata(ctx).map(|m| m.zoom)
    }

    /// Asks for a command, as a menu or a key would; it is carried out at the end of the
    /// next frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Selects, as a click would (carried out at once).
    pub fn select(&mut self, selection: Selection) {
        self.set_selection(selection);
    }

    /// Shows the map as it stood on a date (`None`: as it is).
    pub fn show_as_of(&mut self, date: Option<Date>) {
        self.view.timeline.as_of = date;
        self.sync_shown();
    }

    /// Highlights what changed between two moments (`None`: stop comparing).
    pub fn show_comparison(
        &mut self,
        moments: Option<(crate::analysis::Moment, crate::analysis::Moment)>,
    ) {
        match moments {
            Some((from, to)) => self.view.timeline.compare(from, to),
            None => self.view.timeline.compare = None,
        }
        self.sync_shown();
    }

    /// Whether the force layout is running.
    pub fn layout_running(&self) -> bool {
        self.view.layouts.is_running()
    }

    /// Whether a view chosen is still being arranged (on a worker thread), the one before
    /// on screen meanwhile.
    pub fn view_arriving(&self) -> bool {
        self.view.layouts.is_arranging()
    }

    /// Arranges views on a worker thread (as the window does), or at once within the frame
    /// that asks (the default for an app made by [`Self::with_map`] or
    /// [`Self::on_builtin`], so that a test sees a view the frame after choosing it).
    pub fn arrange_in_background(&mut self, on: bool) {
        self.view.layouts.in_background = on;
    }

    /// The layout chosen (shown, or arriving: [`Self::view_arriving`]).
    pub fn layout(&self) -> MapLayout {
        self.view.layouts.layout
    }

    /// How many relationships the canvas draws now (fewer when showing an earlier date).
    pub fn shown_relationship_count(&self) -> usize {
        self.view.view_model.relationship_count()
    }

    /// What needs attention on the date shown, most urgent first.
    pub fn attention(&self) -> &[AttentionItem] {
        let Some(shown) = self.view.shown.get() else {
            return &[];
        };
        self.view
            .findings
            .get(self.view.shown.generation)
            .unwrap_or(shown.attention.as_slice())
    }

    /// The change of each relationship between the compared moments, as drawn.
    pub fn shown_changes(&self) -> Vec<(RelationshipId, Change)> {
        let mut changes: Vec<_> = self.view.shown.get().map_or_else(Vec::new, |shown| {
            shown
                .decorations
                .relationship_changes
                .iter()
                .map(|(&id, &change)| (id, change))
                .collect()
        });
        changes.sort_by_key(|&(id, _)| id);
        changes
    }

    /// Takes `date` as today instead of the clock's day (for tests and pictures that must
    /// not change from one day to the next).
    pub fn set_today(&mut self, date: Date) {
        self.session.today = Some(date);
        self.sync_shown();
    }

    /// The day the window takes as today.
    pub fn today(&self) -> Date {
        self.session.today.unwrap_or_else(Date::today)
    }

    fn show_settings(&self) -> ShowSettings {
        let settings = ShowSettings {
            as_of: self.view.timeline.as_of,
            comparison: self.view.timeline.compare.clone(),
            trend: self.prefs.trend,
            redaction: self.view.redaction,
            filter: self.view.filter.clone(),
            encoding: self.view.encoding,
            focus: self.view.focus,
        };
        // Projected, the workshop profile holds whatever the view said: nothing private
        // reaches the wall.
        match &self.view.presenting {
            Some(p) => ShowSettings {
                redaction: p.redaction(),
                // The spotlight, when there is one, takes the place of the view's focus.
                focus: p.focus().or(settings.focus),
                ..settings
            },
            None => settings,
        }
    }

    /// Brings the shown map and the canvas up to date with the document and the settings:
    /// recomputed only when one of them changed.
    fn sync_shown(&mut self) {
        let settings = self.show_settings();
        let arrived = self.view.shown.update(&self.doc, &settings, self.today());
        let faint = !self.view.layouts.shows_network();
        if arrived || faint != self.view.faint {
            self.rebuild_view_model();
        }
    }

    fn rebuild_view_model(&mut self) {
        let Some(shown) = self.view.shown.get() else {
            return;
        };
        self.view.faint = !self.view.layouts.shows_network();
        self.view.view_model = ViewModel::new(&shown.map);
        self.view.first_observation =
            crate::analysis::observation_span(self.doc.map()).map(|(first, _)| first);
        self.view.layouts.reapply(&mut self.view.view_model);
        self.view.selection.retain_existing(self.doc.map());
        if self.redaction().profile != RedactionProfile::Internal {
            // What the profile leaves out cannot stay selected: the inspector would show it.
            self.view.selection.retain_existing(&shown.map);
        }
        self.view.view_model.show_selection(&self.view.selection);
    }

    fn set_selection(&mut self, selection: Selection) {
        self.view.selection = selection;
        self.view.view_model.show_selection(&self.view.selection);
    }

    fn offer_recovery(&mut self) {
        let Some(path) = self.doc.recovery_path(self.session.data_folder.as_deref()) else {
            return;
        };
        match crate::io::recovery::find_recovery(&path) {
            Some(Ok(found)) => {
                self.dialogs.question = Some(dialogs::Question::Recover(Box::new(found), path));
            }
            Some(Err(e)) => self.dialogs.say(format!(
                "Unsaved work was left behind but cannot be read: {}",
                said(&e)
            )),
            None => {}
        }
    }

    /// Asks what to do when the file changed on disk since it was loaded or saved.
    pub fn check_disk(&mut self) {
        if self.doc.changed_on_disk() {
            self.dialogs.question = Some(dialogs::Question::ChangedOnDisk);
        }
    }

    // The frame's parts.

    fn inspector_ui(&mut self, ui: &mut Ui) {
        ui.heading("Inspector");
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            self.view.inspector.trend = self.prefs.trend;
            let today = self.today();
            let refused = self.edits_refused();
            self.view.inspector.set_read_only(refused.is_some());
            self.view.canvas.read_only = refused.is_some();
            if let Some(why) = refused {
                // Shown, not edited: the fields show less than the map holds. Links still
                // lead from a stakeholder to its relationships; an edit tried anyway is
                // refused where every command is handled, and says why.
                ui.weak(why);
            }
            let map = match self.view.shown.get() {
                Some(shown) if self.redaction().profile != RedactionProfile::Internal => &shown.map,
                _ => self.doc.map(),
            };
            self.view
                .inspector
                .ui(ui, today, map, &self.view.selection, &mut self.commands);
        });
    }

    /// The legend of what is shown, in `palette`: the encoding's sections once the shown
    /// map has them, the map's own until then.
    fn legend_ui(&self, ui: &mut Ui, palette: &crate::style::Palette) {
        let own = crate::style::encoding::Encoded::default();
        let encoded = self
            .view
            .shown
            .get()
            .map_or(&own, |shown| &shown.decorations.encoded);
        let map = self
            .view
            .shown
            .get()
            .map_or(self.doc.map(), |shown| &shown.map);
        let rings = crate::style::legend::rings_round(map, self.layout());
        legend_ui(
            ui,
            self.view.timeline.compare.is_some(),
            encoded,
            rings,
            palette,
        );
    }

    fn legend_panel_ui(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Legend");
            ui.separator();
            let palette = super::scene_paint::palette_for(ui.visuals());
            let mut commands = Vec::new();
            self.legend_ui(ui, &palette);
            ui.add_space(8.0);
            let encoding = self.view.encoding;
            // The heading keeps its length: a longer one widened the panel and pushed the
            // map under the inspector. The legend above says what size and colour show.
            egui::CollapsingHeader::new("Size and colour")
                .id_salt("size_and_colour")
                .default_open(false)
                .show(ui, |ui| {
                    super::encoding_panel::encoding_ui(ui, &encoding, &mut commands);
                });
            self.pending_ui(ui);
            self.views_ui(ui);
            let heading = if self.view.filter.is_empty() {
                "Filter".to_owned()
            } else {
                format!("Filter ({} on)", self.view.filter.chips().len())
            };
            egui::CollapsingHeader::new(heading)
                .id_salt("filter")
                .default_open(false)
                .show(ui, |ui| {
                    let metrics = self.view.shown.get().and_then(|s| s.metrics.clone());
                    super::filter_panel::filter_ui(
                        ui,
                        self.displayed_map(),
                        metrics.as_deref(),
                        &self.view.filter,
                        &mut commands,
                    );
                });
            for command in commands {
                self.commands.push(command);
            }
            ui.add_space(8.0);
            let attention = self.attention().to_vec();
            let heading = format!("Needs attention ({})", attention.len());
            egui::CollapsingHeader::new(heading)
                .id_salt("needs_attention")
                .default_open(true)
                .show(ui, |ui| {
                    let mut trend = self.prefs.trend;
                    let (picked, changed) =
                        attention_ui(ui, self.displayed_map(), &attention, &mut trend);
                    if changed {
                        self.commands.push(Command::SetTrendSettings(trend));
                    }
                    if let Some(subject) = picked {
                        self.commands.push(Command::Reveal(subject));
                    }
                });
        });
    }

    /// Autosave, changes on disk, the window title and closing.
    fn housekeeping(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if self.doc.is_dirty() {
            if now - self.session.last_autosave >= AUTOSAVE_EVERY.as_secs_f64() {
                self.session.last_autosave = now;
                if let Err(e) = self.doc.autosave(self.session.data_folder.as_deref()) {
                    self.dialogs.say(format!("Autosave failed: {}", said(&e)));
                }
            }
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        } else {
            self.session.last_autosave = now;
        }

        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        if focused && !self.session.focused && self.dialogs.question.is_none() {
            self.check_disk();
        }
        self.session.focused = focused;

        let title = format!(
            "{}{} — stakemap",
            if self.doc.is_dirty() { "● " } else { "" },
            self.doc.display_name()
        );
        if title != self.session.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.session.title = title;
        }

        if ctx.input(|i| i.viewport().close_requested())
            && !self.session.allow_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialogs.question = Some(dialogs::Question::Unsaved(dialogs::Then::Close));
        }
        if self.session.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn layouts_update(&mut self, ctx: &egui::Context) {
        match self
            .view
            .layouts
            .update(&mut self.view.view_model, self.session.now)
        {
            LayoutOutcome::Idle => {}
            LayoutOutcome::Moving => ctx.request_repaint(),
            LayoutOutcome::Arrived => {
                match self.view.camera_after_layout.take() {
                    Some(camera) => self.view.canvas.look_at = Some(camera),
                    None => self.view.canvas.fit_requested = true,
                }
                ctx.request_repaint();
            }
            LayoutOutcome::Settled(moves) => {
                self.store_layout(moves);
                ctx.request_repaint();
            }
        }
    }
}

impl eframe::App for StakemapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.session.fonts_installed {
            super::fonts::install(&ctx);
            self.session.fonts_installed = true;
        }
        self.session.now = ctx.input(|i| i.time);
        self.sync_shown();
        if let Some(shown) = self.view.shown.get()
            && self
                .view
                .findings
                .update(self.view.shown.generation, shown, &self.prefs.trend)
        {
            ctx.request_repaint();
        }
        if self.view.shown.is_busy() || self.view.findings.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        let presenting = self.view.presenting.is_some();
        if self.dialogs.question.is_some() {
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.commands.push(Command::Answer(Answer::Cancel));
            }
        } else if presenting {
            // A presentation listens to its own keys only: no editing shortcut, no paste;
            // none while the capture box takes what is typed.
            let capturing = self
                .view
                .presenting
                .as_ref()
                .is_some_and(|p| p.capture.is_some());
            if !capturing {
                for command in super::present::pressed(&ctx) {
                    self.commands.push(command);
                }
            }
        } else {
            let taken = self.session.keyboard_taken;
            for command in shortcuts::pressed(&ctx, self.dialogs.takes_keys(), taken) {
                self.commands.push(command);
            }
            self.clipboard_events(&ctx);
        }
        if presenting {
            self.presentation_panels_ui(ui);
        } else {
            self.editing_panels_ui(ui);
        }
        let (palette, tokens) = if presenting {
            (crate::style::Palette::PROJECTOR, Tokens::PROJECTOR)
        } else {
            (
                super::scene_paint::palette_for(ui.visuals()),
                Tokens::SCREEN,
            )
        };
        // Projected, the map fills the screen to its edges.
        let frame = if presenting {
            egui::Frame::NONE
        } else {
            egui::Frame::central_panel(ui.style())
        };
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            if self.view.table.open && !presenting {
                self.table_ui(ui);
                return;
            }
            let events = match self.view.shown.get() {
                Some(shown) => {
                    let look = Look {
                        map: &shown.map,
                        decorations: &shown.decorations,
                        backdrop: self.view.layouts.backdrop(),
                        faint: self.view.faint,
                        palette,
                        tokens,
                    };
                    self.view
                        .canvas
                        .ui(ui, &mut self.view.view_model, &self.view.selection, &look)
                }
                None => Vec::new(),
            };
            if presenting {
                self.presentation_events(events);
            } else {
                self.canvas_events(events);
            }
        });
        // On the wall names are the projector's size: room is made for them there.
        let reading = self
            .canvas_rect()
            .filter(|_| presenting)
            .map(|rect| Reading {
                view: [rect.width(), rect.height()],
                tokens: Tokens::PROJECTOR,
            });
        let generation = self.view.shown.generation;
        let shown = self
            .view
            .shown
            .get()
            .map(|shown| (&shown.map, &shown.decorations.encoded, generation));
        self.view.layouts.read_in(
            &ctx,
            self.doc.map(),
            shown,
            reading,
            &self.view.view_model,
            self.session.now,
        );
        self.layouts_update(&ctx);
        self.capture_ui(&ctx);
        self.dialogs_ui(&ctx);
        self.housekeeping(&ctx);
        self.session.keyboard_taken = super::keyboard::typing(&ctx);
        let commands = self.commands.take();
        if !commands.is_empty() {
            for command in commands {
                self.handle(&ctx, command);
            }
            self.sync_shown();
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.last_file = self.doc.path().map(Path::to_path_buf);
        self.prefs.store(storage);
    }

    fn on_exit(&mut self) {
        // A clean exit: whatever the person chose about unsaved work has been done.
        if !self.doc.is_dirty() {
            self.doc
                .remove_recovery(self.session.data_folder.as_deref());
        }
    }
}

impl StakemapApp {
    /// The panels around the canvas while editing: menu, toolbar, filter chips, status,
    /// time, inspector and legend.
    fn editing_panels_ui(&mut self, ui: &mut Ui) {
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        if !self.view.filter.is_empty() {
            Panel::top("filter_chips").show(ui, |ui| {
                let mut commands = Vec::new();
                super::filter_panel::chips_ui(ui, &self.view.filter, &mut commands);
                for command in commands {
                    self.commands.push(command);
                }
            });
        }
        Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        Panel::bottom("time").show(ui, |ui| self.time_ui(ui));
        Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .size_range(240.0..=640.0)
            .show(ui, |ui| self.inspector_ui(ui));
        // The legend has a panel of its own so that it never covers the map.
        let mut show_legend = self.prefs.show_legend;
        // Its width is capped: a section opened (Views, Filter) must not push the map
        // under the inspector.
        Panel::left("legend")
            .resizable(false)
            .max_size(LEGEND_PANEL_MOST)
            .show_collapsible(ui, &mut show_legend, |ui| self.legend_panel_ui(ui));
        if show_legend != self.prefs.show_legend {
            self.commands.push(Command::ToggleLegend);
        }
    }
}
