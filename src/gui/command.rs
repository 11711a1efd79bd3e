//! Every user intent in the window as a [`Command`] value. Menus, shortcuts, the canvas, the
//! inspector, dialogs and the time bar push commands; the app handles them in one place,
//! once per frame (`app/handle.rs`), where a read-only window refuses those that would
//! change the map.

use super::selection::Selection;
use crate::analysis::{AttentionSubject, Moment, TrendSettings};
use crate::edit::Edit;
use crate::layout::for_map::MapLayout;
use crate::model::{Date, Position, RelationshipKind, StakeholderId, StakeholderKind};
use crate::redaction::{RedactionOptions, RedactionProfile};
use std::path::PathBuf;

/// Something the person asked the window to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // The map. Refused while the window is read-only.
    /// Apply an edit as one undo step.
    Edit(Box<Edit>),
    /// Apply an edit, then select what it made (a new stakeholder, a pasted group).
    EditAndSelect(Box<Edit>, Selection),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Add a stakeholder of a kind and name where the person put it.
    AddStakeholder {
        kind: StakeholderKind,
        name: String,
        at: Position,
    },
    /// Connect two stakeholders with a new relationship.
    Connect {
        from: StakeholderId,
        to: StakeholderId,
        kind: RelationshipKind,
    },
    /// Move stakeholders on the canvas (a drag ended): one step.
    Move(Vec<(StakeholderId, Position)>),
    /// Delete the selection and the relationships it carries.
    DeleteSelection,
    /// Duplicate the selected stakeholders.
    DuplicateSelection,
    /// Pin or unpin the selected stakeholders.
    TogglePin,
    /// Log an interaction on the selected relationship (today, at its last strength).
    LogInteraction,
    /// Copy the selected stakeholders to the system clipboard, under the partner profile
    /// (no contact details, notes or recorded-by: the clipboard reaches other programs).
    Copy,
    /// Copy the selected stakeholders with everything (the person chose to).
    CopyEverything,
    /// Copy (as [`Command::Copy`]), then delete, the selected stakeholders.
    Cut,
    /// Paste stakeholders copied as map text; at the pointer when it is on the canvas.
    Paste { text: String, at: Option<Position> },
    /// Keep the map as it stands on a date as a named baseline.
    SaveBaseline { name: String, date: Date },

    // Files.
    /// Start a new, empty map (asks first about unsaved changes).
    New,
    /// Ask for a map to open (asks first about unsaved changes).
    Open,
    /// Open this map (asks first about unsaved changes).
    OpenFile(PathBuf),
    /// Open this map now (chosen in a file dialog after any question was answered).
    Load(PathBuf),
    /// Save into the map's file, or ask where.
    Save,
    /// Ask where to save.
    SaveAs,
    /// Save into this file (chosen in a file dialog).
    SaveTo(PathBuf),
    /// Ask where to write the change report of the comparison shown, under a profile.
    SaveReport(RedactionProfile),
    /// Write the change report here.
    SaveReportTo(PathBuf),
    /// Ask where to write a picture (SVG or PNG) of the map as shown: the whole map fitted,
    /// or what is on screen.
    ExportPicture {
        /// The whole map rather than what the canvas shows.
        whole: bool,
    },
    /// Write the picture here (`.png` for PNG, else SVG).
    ExportPictureTo(PathBuf),
    /// Open the export dialog (format, profile, the map as shown or as it is now).
    Export,
    /// Choose the export in the dialog.
    SetExport(ExportChoice),
    /// Ask where to write the export chosen.
    ExportAsk,
    /// Write the export chosen here (a name for two-file formats).
    ExportTo(PathBuf),
    /// Ask which files to import into the open map.
    Import,
    /// Import these files (GraphML, GEXF, Kumu JSON, CSV tables) into the open map, merged
    /// as Kumu merges (by id, then label and kind, then label), as one undo step.
    ImportFrom(Vec<PathBuf>),
    /// Ask which files to import as a new map (first asking about unsaved changes).
    ImportAsNew,
    /// Import these files as a new, unsaved map in place of the open one.
    ImportNewFrom(Vec<PathBuf>),
    /// Close the window (asks first about unsaved changes).
    Quit,

    // What is shown.
    /// Select these.
    Select(Selection),
    /// Select every stakeholder.
    SelectAll,
    /// Close what is open (a popup, find, the shortcuts list), else clear the selection.
    Escape,
    /// Select an item from the attention list and centre the canvas on it.
    Reveal(AttentionSubject),
    /// Select a stakeholder and centre the canvas on it (find).
    RevealStakeholder(StakeholderId),
    /// Show the map as it stood on a date (`None`: as it is today).
    ShowAsOf(Option<Date>),
    /// Highlight what changed between two moments (`None`: stop comparing).
    Compare(Option<(Moment, Moment)>),
    /// Show the map in a layout or view.
    ShowLayout(MapLayout),
    /// Show rings around the selected stakeholder.
    ShowRings,
    /// Run the force layout from where things are, or pause it when it runs.
    ToggleLayout,
    /// Lay the network out afresh.
    RerunLayout,
    /// Zoom to fit the whole map.
    ZoomToFit,
    /// Show the table of stakeholders and relationships in place of the map, or the map
    /// again.
    ToggleTable,
    /// Show the map under a redaction profile (internal: everything, and editable).
    ShowProfile(RedactionOptions),
    /// Show only what passes this filter (the rest faded or hidden).
    SetFilter(crate::filter::Filter),
    /// Size and colour stakeholders by these fields or metrics.
    SetEncoding(crate::style::encoding::Encoding),

    // Presentation.
    /// Project the map: full screen, no panels, the projector's look, the workshop profile.
    Present,
    /// Back to the window as it was.
    LeavePresentation,
    /// The next view of the presentation.
    NextView,
    /// The view before.
    PreviousView,
    /// Put a stakeholder and its neighbours in the spotlight; `None` clears it.
    Spotlight(Option<StakeholderId>),
    /// Widen (positive) or narrow the spotlight by steps.
    SpotlightSteps(i8),
    /// Whether a presentation shows confidential stakeholders as placeholders.
    SetWorkshopPlaceholders(bool),
    /// Open the capture box (presentation mode).
    StartCapture,
    /// Put what the room suggested on the map as pending: the one edit a presentation
    /// allows.
    Capture(super::app::Captured),
    /// Keep a pending suggestion as an ordinary stakeholder or relationship.
    AcceptPending(super::app::PendingItem),
    /// Take a pending suggestion off the map.
    RejectPending(super::app::PendingItem),

    // Saved views (kept in the map: saving, renaming, moving and deleting are edits).
    /// Show saved view number N.
    ApplyView(usize),
    /// Keep what is on screen as a view with this name.
    SaveView(String),
    /// Rename view N.
    RenameView(usize, String),
    /// Move view N to place M.
    MoveView(usize, usize),
    /// Delete view N.
    DeleteView(usize),

    // Settings.
    /// What counts as rising, cooling or stale.
    SetTrendSettings(TrendSettings),
    /// Show or hide the legend.
    ToggleLegend,
    /// Use the desktop's file dialog, or the in-app one.
    SetNativeDialogs(bool),
    /// Light, dark, or as the system is.
    SetTheme(egui::ThemePreference),

    // Dialogs.
    /// Start adding a stakeholder: at the pointer when it is on the canvas, else in free
    /// space near the middle.
    StartAdding,
    /// Start adding a stakeholder where the person double-clicked.
    StartAddingAt(Position),
    /// Ask which kind of relationship joins the two selected stakeholders.
    StartConnecting,
    /// Ask which kind of relationship joins these two (an Alt+drag ended).
    AskConnect {
        from: StakeholderId,
        to: StakeholderId,
    },
    /// Open find.
    OpenFind,
    /// Show or hide the keyboard shortcuts.
    ToggleShortcuts,
    /// The answer to the question asked.
    Answer(super::app::Answer),
    /// Tell the person something (a value that could not be taken, say).
    Say(String),
    /// Dismiss the oldest message.
    DismissMessage,
}

impl Command {
    /// Whether the command changes the map (and so is refused while the window is
    /// read-only).
    pub fn changes_map(&self) -> bool {
        matches!(
            self,
            Self::Edit(_)
                | Self::EditAndSelect(..)
                | Self::Undo
                | Self::Redo
                | Self::AddStakeholder { .. }
                | Self::Connect { .. }
                | Self::Move(_)
                | Self::DeleteSelection
                | Self::DuplicateSelection
                | Self::TogglePin
                | Self::LogInteraction
                | Self::Cut
                | Self::Paste { .. }
                | Self::SaveBaseline { .. }
                | Self::ToggleLayout
                | Self::RerunLayout
                | Self::StartAdding
                | Self::StartAddingAt(_)
                | Self::StartConnecting
                | Self::AskConnect { .. }
                | Self::Import
                | Self::ImportFrom(_)
                | Self::SaveView(_)
                | Self::Capture(_)
                | Self::AcceptPending(_)
                | Self::RejectPending(_)
                | Self::RenameView(..)
                | Self::MoveView(..)
                | Self::DeleteView(_)
        )
    }

    /// An edit as a command.
    pub fn edit(edit: Edit) -> Self {
        Self::Edit(Box::new(edit))
    }
}

/// What File > Export... writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    /// The format.
    pub format: crate::io::ExportFormat,
    /// The redaction profile: never less strict than the profile the map is shown under.
    pub profile: RedactionProfile,
    /// The map as of the date shown, rather than as it is now.
    pub as_shown: bool,
}

/// The commands pushed during a frame, handled together at its end.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Asks for something.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// Everything asked for since the last call, in order.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}
