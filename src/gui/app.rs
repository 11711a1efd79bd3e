//! The application: the map being edited and everything around it (history, file, views),
//! and the frame: menus, toolbar, canvas, inspector, legend, status bar and dialogs.

use super::attention::attention_ui;
mod dialogs;
mod menus;
mod time;

use super::canvas::{CanvasEvent, CanvasState};
use super::files::{FileDialogs, FilePurpose};
use super::inspector::{Inspector, InspectorAction};
use super::layout_runner::{LayoutOutcome, LayoutRunner};
use super::legend::legend_ui;
use super::selection::Selection;
use super::shortcuts::{self, Action};
use super::timeline::Timeline;
use super::view_model::{Decorations, ViewModel};
use crate::analysis::{self, AttentionItem, Comparison, Moment, TrendSettings};
use crate::edit::{self, Edit, History};
use crate::io::recovery::{self, DiskStamp, Recovered};
use crate::layout::for_map::MapLayout;
use crate::model::{
    Date, Map, Position, Relationship, RelationshipKind, Stakeholder, StakeholderKind,
};
use crate::style::Change;
use egui::{Panel, Pos2, Ui, ViewportCommand};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Storage keys: preferences only, never maps.
const LAST_FILE_KEY: &str = "last_file";
const RECENT_KEY: &str = "recent_files";
const NATIVE_DIALOG_KEY: &str = "native_file_dialog";

/// How many recent files the File menu keeps.
const RECENT_LIMIT: usize = 10;

/// How often unsaved changes are written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// Where pasted and duplicated stakeholders land, relative to the originals.
const PASTE_OFFSET: (f32, f32) = (40.0, 40.0);

/// The map drawn while comparing: the later map, plus what was on the earlier one only
/// (drawn faint), with each change recorded for the canvas to highlight.
fn compared_map(comparison: Comparison, decorations: &mut Decorations) -> Map {
    let Comparison {
        before,
        mut after,
        changes,
        ..
    } = comparison;
    for &id in &changes.stakeholders_added {
        decorations.stakeholder_changes.insert(id, Change::Added);
    }
    for &id in &changes.stakeholders_removed {
        decorations.stakeholder_changes.insert(id, Change::Removed);
        if let Some(s) = before.stakeholder(id) {
            let _ = after.add_stakeholder(s.clone());
        }
    }
    for &id in &changes.relationships_added {
        decorations.relationship_changes.insert(id, Change::Added);
    }
    for &id in &changes.relationships_removed {
        decorations.relationship_changes.insert(id, Change::Removed);
        if let Some(r) = before.relationship(id) {
            let _ = after.add_relationship(r.clone());
        }
    }
    for c in &changes.strengthened {
        decorations
            .relationship_changes
            .insert(c.id, Change::Strengthened);
    }
    for c in &changes.weakened {
        decorations
            .relationship_changes
            .insert(c.id, Change::Weakened);
    }
    after
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug)]
enum Then {
    Close,
    New,
    /// Open this file, or ask for one.
    Open(Option<PathBuf>),
}

/// A question the window waits for the user to answer.
enum Question {
    Unsaved(Then),
    Recover(Box<Recovered>, PathBuf),
    ChangedOnDisk,
}

/// A stakeholder being added: its kind and name, typed where it will stand.
struct AddDraft {
    kind: StakeholderKind,
    name: String,
    at: Position,
    screen: Pos2,
    focus: bool,
}

/// Two stakeholders about to be connected, waiting for the kind of relationship.
struct ConnectDraft {
    from: crate::model::StakeholderId,
    to: crate::model::StakeholderId,
    screen: Pos2,
}

/// The stakemap window.
pub struct StakemapApp {
    map: Map,
    path: Option<PathBuf>,
    history: History,
    /// Recovered work counts as unsaved until it is saved.
    recovered_unsaved: bool,
    /// The file as it was when loaded or saved, to notice changes by someone else.
    disk: Option<DiskStamp>,
    view: ViewModel,
    selection: Selection,
    canvas: CanvasState,
    inspector: Inspector,
    files: FileDialogs,
    /// Where the next File > Save as... leads, once a file is chosen.
    after_save_as: Option<Then>,
    recent: Vec<PathBuf>,
    data_folder: Option<PathBuf>,
    show_legend: bool,
    show_shortcuts: bool,
    new_kind: StakeholderKind,
    adding: Option<AddDraft>,
    connecting: Option<ConnectDraft>,
    find: Option<String>,
    message: Option<String>,
    question: Option<Question>,
    allow_close: bool,
    last_autosave: f64,
    title: String,
    focused: bool,
    timeline: Timeline,
    trend_settings: TrendSettings,
    attention: Vec<AttentionItem>,
    layouts: LayoutRunner,
    /// The time of the frame being drawn, in seconds (egui's clock).
    now: f64,
    /// The map's first observation: where the as-of slider starts.
    first_observation: Option<Date>,
}

impl StakemapApp {
    /// Opens on `file`; without one, on the last file opened (remembered by eframe's
    /// storage), or else on the built-in map. A file that will not open leaves the built-in
    /// map on screen and says why. Work left in a recovery file is offered back.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let storage = cc.storage;
        let get = |key| storage.and_then(|s| s.get_string(key));
        let remembered = || {
            get(LAST_FILE_KEY)
                .map(PathBuf::from)
                .filter(|p| p.is_file())
        };
        let mut app = match file.or_else(remembered) {
            Some(path) => match crate::io::load(&path) {
                Ok(map) => Self::with_map(map, Some(path)),
                Err(e) => {
                    let mut app = Self::with_map(crate::builtin::police_community(), None);
                    app.message = Some(format!("{e}\nShowing the built-in map instead."));
                    app
                }
            },
            None => Self::with_map(crate::builtin::police_community(), None),
        };
        app.recent = get(RECENT_KEY)
            .map(|s| s.lines().map(PathBuf::from).collect())
            .unwrap_or_default();
        if let Some(native) = get(NATIVE_DIALOG_KEY) {
            app.files.native = native == "true";
        }
        if let Some(path) = app.path.clone() {
            app.remember_recent(&path);
        }
        app.data_folder = eframe::storage_dir("stakemap");
        app.offer_recovery();
        app
    }

    /// An app showing a map; `path` is where it was loaded from, if anywhere.
    pub fn with_map(mut map: Map, path: Option<PathBuf>) -> Self {
        crate::layout::for_map::place_unplaced(&mut map);
        let view = ViewModel::new(&map, &Decorations::default());
        let disk = path.as_deref().and_then(DiskStamp::of);
        let mut app = Self {
            map,
            path,
            history: History::default(),
            recovered_unsaved: false,
            disk,
            view,
            selection: Selection::default(),
            canvas: CanvasState::fitted(),
            inspector: Inspector::default(),
            files: FileDialogs::new(),
            after_save_as: None,
            recent: Vec::new(),
            data_folder: None,
            show_legend: true,
            show_shortcuts: false,
            new_kind: StakeholderKind::Partner,
            adding: None,
            connecting: None,
            find: None,
            message: None,
            question: None,
            allow_close: false,
            last_autosave: 0.0,
            title: String::new(),
            focused: true,
            timeline: Timeline::default(),
            trend_settings: TrendSettings::default(),
            attention: Vec::new(),
            layouts: LayoutRunner::default(),
            now: 0.0,
            first_observation: None,
        };
        app.refresh();
        app
    }

    /// The map on screen.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The file the map is saved in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Whether the map has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.recovered_unsaved
    }

    /// Whether the window may close now (nothing unsaved, or the user chose).
    pub fn close_allowed(&self) -> bool {
        self.allow_close
    }

    /// Never opens the desktop's file dialog (for tests, and headless sessions).
    pub fn use_in_app_dialogs(&mut self) {
        self.files.native = false;
    }

    /// Whether a question (unsaved changes, recovery, a change on disk) waits for an answer.
    pub fn is_asking(&self) -> bool {
        self.question.is_some()
    }

    /// Where a stakeholder's centre is on screen now, if it is on the map.
    pub fn stakeholder_on_screen(
        &self,
        ctx: &egui::Context,
        id: crate::model::StakeholderId,
    ) -> Option<Pos2> {
        self.canvas.to_screen(ctx, self.view.position_of(id)?)
    }

    /// Shows a selection in the inspector and highlights it on the canvas.
    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
        self.view.show_selection(&self.selection);
    }

    /// Applies an edit as one undo step and redraws; a live layout makes room.
    pub fn apply(&mut self, edit: Edit) {
        match self.history.apply(&mut self.map, edit) {
            Ok(()) => {
                self.layouts.map_changed(&self.map);
                self.refresh();
            }
            Err(e) => self.message = Some(format!("That change could not be made: {e}")),
        }
    }

    // Undo and redo do not wake a live layout: undoing a layout must leave the map as it
    // was, not start laying it out again.
    fn undo(&mut self) {
        let _ = self.layouts.pause(); // an undo discards where a running layout had got to
        if self.history.undo(&mut self.map) {
            self.refresh();
        }
    }

    fn redo(&mut self) {
        let _ = self.layouts.pause();
        if self.history.redo(&mut self.map) {
            self.refresh();
        }
    }

    /// Stores where a layout put the stakeholders, as one undo step.
    fn store_layout(&mut self, moves: Vec<(crate::model::StakeholderId, Option<Position>)>) {
        let moves: Vec<_> = moves
            .into_iter()
            .filter(|(id, p)| self.map.stakeholder(*id).is_some_and(|s| s.position != *p))
            .collect();
        if moves.is_empty() {
            return;
        }
        match self
            .history
            .apply_as(&mut self.map, Edit::MoveStakeholders(moves), "Lay out")
        {
            Ok(()) => self.refresh(),
            Err(e) => self.message = Some(format!("The layout could not be stored: {e}")),
        }
    }

    /// Shows the map in another layout (the network, a circle, rings, the grid...).
    pub fn show_layout(&mut self, layout: MapLayout) {
        if let MapLayout::Radial(_) = layout
            && self.map.stakeholder_count() == 0
        {
            return;
        }
        let settled = self.layouts.pause();
        self.store_layout(settled);
        self.layouts
            .switch(&self.map, layout, Some(&self.view), self.now);
        // Rebuilt so relationships are faint behind a view; the animation starts from
        // where things were drawn.
        let drawn: Vec<_> = self.view.stakeholders().collect();
        self.refresh();
        for (id, p) in drawn {
            self.view.set_position(id, p);
        }
    }

    /// Runs the force layout from where the stakeholders are (or afresh).
    pub fn run_layout(&mut self, fresh: bool) {
        self.layouts.run_force(&self.map, fresh);
    }

    /// Whether the force layout is running.
    pub fn layout_running(&self) -> bool {
        self.layouts.is_running()
    }

    /// The layout shown.
    pub fn layout(&self) -> MapLayout {
        self.layouts.layout
    }

    /// Rebuilds the canvas after the map, the date shown or the comparison changed: the map
    /// as of the date (or as compared), cooling relationships dashed, and what needs
    /// attention.
    fn refresh(&mut self) {
        let today = Date::today();
        let shown_date = self.timeline.shown_date(today);
        let mut decorations = Decorations::default();
        let compared = self
            .timeline
            .compare
            .as_ref()
            .and_then(|(from, to)| Comparison::of(&self.map, from, to, today));
        let shown = match (compared, self.timeline.as_of) {
            (Some(comparison), _) => Some(compared_map(comparison, &mut decorations)),
            (None, Some(date)) => Some(analysis::map_as_of(&self.map, date, today)),
            (None, None) => None,
        };
        let shown_map = shown.as_ref().unwrap_or(&self.map);
        if self.timeline.compare.is_none() {
            decorations.cooling = shown_map
                .relationships()
                .filter(|r| {
                    analysis::relationship_trend(r, shown_date, &self.trend_settings).trend
                        == analysis::Trend::Cooling
                })
                .map(|r| r.id)
                .collect();
        }
        decorations.faint_relationships = !self.layouts.shows_network();
        self.attention = analysis::needs_attention(shown_map, shown_date, &self.trend_settings);
        self.first_observation = analysis::observation_span(&self.map).map(|(first, _)| first);
        self.view = ViewModel::new(shown_map, &decorations);
        self.layouts.reapply(&mut self.view);
        self.selection.retain_existing(&self.map);
        self.view.show_selection(&self.selection);
    }

    /// How many relationships the canvas draws now (fewer when showing an earlier date).
    pub fn shown_relationship_count(&self) -> usize {
        self.view.relationship_count()
    }

    /// What needs attention on the date shown, most urgent first.
    pub fn attention(&self) -> &[AttentionItem] {
        &self.attention
    }

    /// Shows the map as it stood on a date (`None`: as it is).
    pub fn show_as_of(&mut self, date: Option<Date>) {
        self.timeline.as_of = date;
        self.refresh();
    }

    /// Highlights what changed between two dates or baselines (`None`: stop comparing).
    pub fn show_comparison(&mut self, moments: Option<(Moment, Moment)>) {
        match moments {
            Some((from, to)) => self.timeline.compare(from, to),
            None => self.timeline.compare = None,
        }
        self.refresh();
    }

    /// The change of each relationship between the compared moments, as drawn.
    pub fn shown_changes(&self) -> Vec<(crate::model::RelationshipId, Change)> {
        let mut changes: Vec<_> = self
            .view
            .relationships()
            .filter_map(|(id, change)| Some((id, change?)))
            .collect();
        changes.sort_by_key(|&(id, _)| id);
        changes
    }

    /// Replaces the map (New, Open, Reload, Recover) with a fresh history.
    fn replace_map(&mut self, mut map: Map, path: Option<PathBuf>) {
        crate::layout::for_map::place_unplaced(&mut map);
        self.map = map;
        self.path = path;
        self.history.clear();
        self.history.mark_saved();
        self.recovered_unsaved = false;
        self.disk = self.path.as_deref().and_then(DiskStamp::of);
        self.selection = Selection::default();
        self.canvas.fit_requested = true;
        self.refresh();
        if let Some(path) = self.path.clone() {
            self.remember_recent(&path);
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    fn recovery_path(&self) -> Option<PathBuf> {
        recovery::recovery_path(self.path.as_deref(), self.data_folder.as_deref())
    }

    fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_path() else {
            return;
        };
        match recovery::find_recovery(&path) {
            Some(Ok(found)) => self.question = Some(Question::Recover(Box::new(found), path)),
            Some(Err(e)) => {
                self.message = Some(format!(
                    "Unsaved work was left behind but cannot be read: {e}"
                ));
            }
            None => {}
        }
    }

    // Files.

    fn save(&mut self) -> bool {
        let Some(path) = self.path.clone() else {
            self.files
                .request(FilePurpose::SaveAs, &self.suggested_name());
            return false;
        };
        self.save_to(&path)
    }

    fn save_to(&mut self, path: &Path) -> bool {
        match crate::io::save(&self.map, path) {
            Ok(()) => {
                if let Some(old) = self.recovery_path() {
                    recovery::remove_recovery(&old);
                }
                self.path = Some(path.to_path_buf());
                self.history.mark_saved();
                self.recovered_unsaved = false;
                self.disk = DiskStamp::of(path);
                self.remember_recent(path);
                true
            }
            Err(e) => {
                self.message = Some(format!("{e}\nThe file on disk is as it was."));
                false
            }
        }
    }

    fn suggested_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "map.ron".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    fn open(&mut self, path: &Path) {
        match crate::io::load(path) {
            Ok(map) => {
                self.replace_map(map, Some(path.to_path_buf()));
                self.offer_recovery();
            }
            Err(e) => self.message = Some(format!("{e}\nThe map on screen is as it was.")),
        }
    }

    /// Runs `then` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.is_dirty() {
            self.question = Some(Question::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        if let Some(path) = self.recovery_path() {
            recovery::remove_recovery(&path); // the user chose to leave these changes
        }
        match then {
            Then::Close => self.allow_close = true,
            Then::New => self.replace_map(Map::new("Untitled map"), None),
            Then::Open(Some(path)) => self.open(&path),
            Then::Open(None) => self.files.request(FilePurpose::Open, ""),
        }
    }

    // Actions.

    fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => self.guard(Then::New),
            Action::Open => self.guard(Then::Open(None)),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => self
                .files
                .request(FilePurpose::SaveAs, &self.suggested_name()),
            Action::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::AddStakeholder => {
                let screen = ctx
                    .pointer_hover_pos()
                    .filter(|p| self.canvas.rect.is_some_and(|r| r.contains(*p)))
                    .or_else(|| self.canvas.rect.map(|r| r.center()));
                if let Some(screen) = screen {
                    self.start_adding(ctx, screen);
                }
            }
            Action::Connect => {
                let ids: Vec<_> = self.selection.stakeholders.iter().copied().collect();
                if let [from, to] = ids[..] {
                    let screen = ctx.pointer_hover_pos().unwrap_or_default();
                    self.connecting = Some(ConnectDraft { from, to, screen });
                } else {
                    self.message = Some("Select two stakeholders to connect (Shift+click).".into());
                }
            }
            Action::Delete => self.delete_selection(),
            Action::Duplicate => {
                let ids: Vec<_> = self.selection.stakeholders.iter().copied().collect();
                if !ids.is_empty() {
                    let (edit, new) = edit::duplicate(&self.map, &ids, PASTE_OFFSET);
                    self.apply(edit);
                    self.select(Selection::stakeholders(new));
                }
            }
            Action::SelectAll => {
                let all: Vec<_> = self.map.stakeholders().map(|s| s.id).collect();
                self.select(Selection::stakeholders(all));
            }
            Action::ClearSelection => {
                self.adding = None;
                self.connecting = None;
                self.find = None;
                self.select(Selection::default());
            }
            Action::TogglePin => self.toggle_pin(),
            Action::LogInteraction => self.log_interaction(),
            Action::RunLayout => {
                if self.layouts.is_running() {
                    let reached = self.layouts.pause();
                    self.store_layout(reached);
                } else {
                    self.run_layout(false);
                }
            }
            Action::RerunLayout => self.run_layout(true),
            Action::ShowNetwork => self.show_layout(MapLayout::Network),
            Action::ShowCircle => self.show_layout(MapLayout::CircularByKind),
            Action::ShowRadial => {
                if let Some(&centre) = self.selection.stakeholders.first() {
                    self.show_layout(MapLayout::Radial(centre));
                }
            }
            Action::ShowGrid => self.show_layout(MapLayout::PowerInterest),
            Action::ShowEngagement => self.show_layout(MapLayout::Engagement),
            Action::Find => self.find = Some(String::new()),
            Action::ZoomToFit => self.canvas.fit_requested = true,
            Action::ToggleLegend => self.show_legend = !self.show_legend,
            Action::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
        }
    }

    fn start_adding(&mut self, ctx: &egui::Context, screen: Pos2) {
        if let Some(at) = self.canvas.to_canvas(ctx, screen) {
            self.adding = Some(AddDraft {
                kind: self.new_kind,
                name: String::new(),
                at,
                screen,
                focus: true,
            });
        }
    }

    fn delete_selection(&mut self) {
        let mut edits: Vec<Edit> = self
            .selection
            .relationships
            .iter()
            .filter(|&&id| {
                self.map.relationship(id).is_some_and(|r| {
                    // Those carried by a deleted stakeholder go with it.
                    !self.selection.stakeholders.contains(&r.from())
                        && !self.selection.stakeholders.contains(&r.to())
                })
            })
            .map(|&id| Edit::RemoveRelationship(id))
            .collect();
        edits.extend(
            self.selection
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
        let Some(super::selection::Single::Relationship(id)) = self.selection.single() else {
            self.message = Some("Select a relationship to log an interaction on it.".into());
            return;
        };
        if let Some(r) = self.map.relationship(id) {
            let observation = super::inspector::new_observation(r);
            self.apply(Edit::AddObservation {
                relationship: id,
                observation,
            });
        }
    }

    fn toggle_pin(&mut self) {
        let chosen: Vec<&Stakeholder> = self
            .selection
            .stakeholders
            .iter()
            .filter_map(|&id| self.map.stakeholder(id))
            .collect();
        let pin = !chosen.iter().all(|s| s.pinned);
        let edits: Vec<Edit> = chosen
            .into_iter()
            .map(|s| {
                let mut s = s.clone();
                s.pinned = pin;
                Edit::UpdateStakeholder(s)
            })
            .collect();
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits));
        }
    }

    /// Copy, cut and paste arrive as events, not keys.
    fn clipboard_events(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return; // a text field is copying or pasting text
        }
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy | egui::Event::Cut => {
                    let ids: Vec<_> = self.selection.stakeholders.iter().copied().collect();
                    if ids.is_empty() {
                        continue;
                    }
                    ctx.copy_text(edit::copy(&self.map, &ids));
                    if event == egui::Event::Cut {
                        self.delete_selection();
                    }
                }
                egui::Event::Paste(text) => match edit::paste(&self.map, &text, PASTE_OFFSET) {
                    Ok((edit, new)) => {
                        self.apply(edit);
                        self.select(Selection::stakeholders(new));
                    }
                    Err(e) => self.message = Some(format!("Nothing to paste: {e}")),
                },
                _ => {}
            }
        }
    }

    fn canvas_events(&mut self, ctx: &egui::Context, events: Vec<CanvasEvent>) {
        for event in events {
            match event {
                CanvasEvent::StakeholderClicked { id, shift: true } => {
                    let mut selection = self.selection.clone();
                    selection.toggle_stakeholder(id);
                    self.select(selection);
                }
                CanvasEvent::StakeholderClicked { id, shift: false } => {
                    self.select(Selection::stakeholder(id));
                }
                CanvasEvent::RelationshipClicked { id, shift: true } => {
                    let mut selection = self.selection.clone();
                    selection.toggle_relationship(id);
                    self.select(selection);
                }
                CanvasEvent::RelationshipClicked { id, shift: false } => {
                    self.select(Selection::relationship(id));
                }
                CanvasEvent::BackgroundClicked { shift } => {
                    if !shift {
                        self.select(Selection::default());
                    }
                }
                CanvasEvent::BackgroundDoubleClicked { at } => {
                    if let Some(screen) = self.canvas.to_screen(ctx, at) {
                        self.start_adding(ctx, screen);
                    }
                }
                CanvasEvent::Moved(moves) if !self.layouts.shows_network() => {
                    // Views are computed from the stakeholders' fields: a drag there is
                    // only a look, and the next frame puts them back.
                    let _ = moves;
                }
                CanvasEvent::Moved(moves) => {
                    for (id, _) in &moves {
                        self.layouts.released(*id);
                    }
                    let moves: Vec<_> = moves
                        .into_iter()
                        .filter(|(id, p)| {
                            self.map
                                .stakeholder(*id)
                                .is_some_and(|s| s.position != Some(*p))
                        })
                        .map(|(id, p)| (id, Some(p)))
                        .collect();
                    if !moves.is_empty() {
                        self.apply(Edit::MoveStakeholders(moves));
                    }
                }
                CanvasEvent::BoxSelected(ids) => {
                    let mut selection = self.selection.clone();
                    selection.stakeholders.extend(ids);
                    self.select(selection);
                }
                CanvasEvent::ConnectRequested { from, to, screen } => {
                    self.connecting = Some(ConnectDraft { from, to, screen });
                }
            }
        }
    }

    fn connect(&mut self, draft: &ConnectDraft, kind: RelationshipKind) {
        let id = self.map.next_relationship_id();
        self.apply(Edit::AddRelationship(Relationship::new(
            id, draft.from, draft.to, kind,
        )));
        self.select(Selection::relationship(id));
    }

    // The frame's parts.

    /// Autosave, changes on disk, the window title and closing.
    fn housekeeping(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if self.is_dirty() {
            if now - self.last_autosave >= AUTOSAVE_EVERY.as_secs_f64() {
                self.last_autosave = now;
                if let Some(path) = self.recovery_path()
                    && let Err(e) = recovery::write_recovery(&self.map, &path)
                {
                    self.message = Some(format!("Autosave failed: {e}"));
                }
            }
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        } else {
            self.last_autosave = now;
        }

        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        if focused && !self.focused && self.question.is_none() {
            self.check_disk();
        }
        self.focused = focused;

        let title = format!(
            "{}{} — stakemap",
            if self.is_dirty() { "● " } else { "" },
            self.path.as_deref().and_then(Path::file_name).map_or_else(
                || self.map.title.clone(),
                |n| n.to_string_lossy().into_owned()
            )
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.question = Some(Question::Unsaved(Then::Close));
        }
        if self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Asks what to do when the file changed on disk since it was loaded or saved.
    pub fn check_disk(&mut self) {
        if let Some(path) = self.path.as_deref()
            && DiskStamp::of(path) != self.disk
        {
            self.question = Some(Question::ChangedOnDisk);
        }
    }

    fn files_ui(&mut self, ctx: &egui::Context) {
        let Some((purpose, path)) = self.files.poll(ctx) else {
            return;
        };
        match purpose {
            FilePurpose::Open => self.open(&path),
            FilePurpose::SaveReport => self.write_report(&path),
            FilePurpose::SaveAs => {
                let then = self.after_save_as.take();
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(then);
                }
            }
        }
    }
}

impl eframe::App for StakemapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        if self.question.is_none() {
            for action in shortcuts::pressed(&ctx) {
                self.perform(&ctx, action);
            }
            self.clipboard_events(&ctx);
        }
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        Panel::bottom("time").show(ui, |ui| self.time_ui(ui));
        Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .size_range(240.0..=640.0)
            .show(ui, |ui| {
                ui.heading("Inspector");
                ui.separator();
                let actions = egui::ScrollArea::vertical()
                    .show(ui, |ui| {
                        self.inspector.trend = self.trend_settings;
                        self.inspector.ui(ui, &self.map, &self.selection)
                    })
                    .inner;
                for action in actions {
                    match action {
                        InspectorAction::Edit(edit) => self.apply(*edit),
                        InspectorAction::Select(selection) => self.select(selection),
                    }
                }
            });
        // The legend has a panel of its own so that it never covers the map.
        let mut show_legend = self.show_legend;
        Panel::left("legend")
            .resizable(false)
            .show_collapsible(ui, &mut show_legend, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.heading("Legend");
                    ui.separator();
                    legend_ui(ui, self.timeline.compare.is_some());
                    ui.add_space(8.0);
                    let heading = format!("Needs attention ({})", self.attention.len());
                    egui::CollapsingHeader::new(heading)
                        .id_salt("needs_attention")
                        .default_open(true)
                        .show(ui, |ui| {
                            let (picked, changed) = attention_ui(
                                ui,
                                &self.map,
                                &self.attention,
                                &mut self.trend_settings,
                            );
                            if changed {
                                self.refresh();
                            }
                            if let Some(subject) = picked {
                                self.pick_attention(subject);
                            }
                        });
                });
            });
        self.show_legend = show_legend;
        egui::CentralPanel::default().show(ui, |ui| {
            let events =
                self.canvas
                    .ui(ui, &mut self.view, &self.selection, self.layouts.backdrop());
            self.canvas_events(&ctx, events);
        });
        match self.layouts.update(&mut self.view, self.now) {
            LayoutOutcome::Idle => {}
            LayoutOutcome::Moving => ctx.request_repaint(),
            LayoutOutcome::Arrived => {
                self.canvas.fit_requested = true;
                ctx.request_repaint();
            }
            LayoutOutcome::Settled(moves) => {
                self.store_layout(moves);
                ctx.request_repaint();
            }
        }
        self.adding_ui(&ctx);
        self.connecting_ui(&ctx);
        self.find_ui(&ctx);
        self.shortcuts_ui(&ctx);
        self.message_ui(&ctx);
        self.files_ui(&ctx);
        self.question_ui(&ctx);
        self.housekeeping(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(path) = self.path.as_deref().and_then(Path::to_str) {
            storage.set_string(LAST_FILE_KEY, path.to_owned());
        }
        let recent: Vec<String> = self
            .recent
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        storage.set_string(RECENT_KEY, recent.join("\n"));
        storage.set_string(NATIVE_DIALOG_KEY, self.files.native.to_string());
    }

    fn on_exit(&mut self) {
        // A clean exit: whatever the user chose about unsaved work has been done.
        if !self.is_dirty()
            && let Some(path) = self.recovery_path()
        {
            recovery::remove_recovery(&path);
        }
    }
}
