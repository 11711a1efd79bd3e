//! The open map as a document: the map, the file it is saved in, its undo history, what
//! that file looked like on disk, and its recovery file. No egui: the window drives a
//! document through commands, and tests drive it directly.

use crate::edit::{Edit, EditError, History};
use crate::io::recovery::{self, DiskStamp, Recovered};
use crate::io::{LoadError, SaveError, SaveOptions, Saved};
use crate::model::{Map, Position, StakeholderId};
use std::path::{Path, PathBuf};

/// What the undo menu calls placing stakeholders that had no position when the map opened.
pub const PLACE_LABEL: &str = "Place stakeholders that had no position";

/// A revision number no document of this process has had: a new document (New, Open,
/// an import as a new map) starting again from 0 would match the revision of the one it
/// replaced, and the window would go on showing the old map.
fn fresh_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One open map.
///
/// Every change goes through [`Document::apply`] (or undo and redo), which records it in the
/// history and bumps [`Document::revision`], the number derived data (the shown map, trends,
/// metrics) is keyed on.
#[derive(Debug)]
pub struct Document {
    map: Map,
    path: Option<PathBuf>,
    history: History,
    /// Recovered or imported work: unsaved even though no edit made it.
    came_unsaved: bool,
    /// The file as it was when loaded or saved, to notice a change by someone else.
    disk: Option<DiskStamp>,
    /// Unique among every document of the process ([`fresh_revision`]): derived data keyed
    /// on it never mistakes a new document for the one before.
    revision: u64,
    /// The built-in map, not yet saved anywhere.
    builtin: bool,
}

impl Document {
    /// A document for a map loaded from `path` (or not saved anywhere yet).
    ///
    /// Stakeholders without a position are placed by the force layout as the first undo
    /// step, so the map on screen differs from its file and says so (it is unsaved).
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        let disk = path.as_deref().and_then(DiskStamp::of);
        let mut document = Self {
            map,
            path,
            history: History::default(),
            came_unsaved: false,
            disk,
            revision: fresh_revision(),
            builtin: false,
        };
        document.place_unplaced();
        document
    }

    /// The built-in Police and Community Mind Map, saved nowhere yet.
    pub fn builtin() -> Self {
        let mut document = Self::new(crate::builtin::police_community(), None);
        document.builtin = true;
        document
    }

    /// Whether this is the built-in map, not yet saved to a file.
    pub fn is_builtin(&self) -> bool {
        self.builtin && self.path.is_none()
    }

    /// An empty, untitled map.
    pub fn untitled() -> Self {
        Self::new(Map::new("Untitled map"), None)
    }

    /// Opens a map file.
    ///
    /// # Errors
    /// The file cannot be read, is not a map, or holds an invalid map ([`LoadError`]).
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        crate::io::load(path).map(|map| Self::new(map, Some(path.to_path_buf())))
    }

    /// A map imported from other tools' files: saved nowhere yet, and unsaved until it is
    /// (closing asks first).
    pub fn imported(map: Map) -> Self {
        let mut document = Self::new(map, None);
        document.came_unsaved = true;
        document
    }

    /// Work found in a recovery file, to go on with: unsaved until saved, kept at `path`
    /// (the map it was recovered for).
    pub fn recovered(found: Recovered, path: Option<PathBuf>) -> Self {
        let mut document = Self::new(found.map, path);
        document.came_unsaved = true;
        document
    }

    fn place_unplaced(&mut self) {
        let mut placed = self.map.clone();
        if crate::layout::for_map::place_unplaced(&mut placed) == 0 {
            return;
        }
        let moves: Vec<(StakeholderId, Option<Position>)> = placed
            .stakeholders_by_id()
            .into_iter()
            .filter(|s| self.map.stakeholder(s.id()).map(|old| old.position) != Some(s.position))
            .map(|s| (s.id(), s.position))
            .collect();
        // Positions from the layout are finite, so the move is always accepted.
        let _ = self.apply_as(Edit::MoveStakeholders(moves), PLACE_LABEL);
    }

    /// The map.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The file the map is saved in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes whenever the map does (edits, undo, redo): derived data keyed
    /// on it is recomputed exactly when needed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What the document is called in the window and its questions: the file's name, or the
    /// map's title while it has no file.
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || self.map.title.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// A file name to offer when saving for the first time.
    pub fn suggested_file_name(&self) -> String {
        match self.path.as_deref().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => {
                let stem: String = self
                    .map
                    .title
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '-' })
                    .collect();
                let stem = stem.trim_matches('-').to_lowercase();
                if stem.is_empty() {
                    "map.ron".to_owned()
                } else {
                    format!("{stem}.ron")
                }
            }
        }
    }

    /// Applies an edit as one undo step named by [`Edit::describe`].
    ///
    /// # Errors
    /// The edit was refused; nothing changed.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let label = edit.describe(&self.map);
        self.apply_as(edit, label)
    }

    /// [`Document::apply`] with a label of the caller's choosing ("Lay out").
    ///
    /// # Errors
    /// The edit was refused; nothing changed.
    pub fn apply_as(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.history.apply_as(&mut self.map, edit, label)?;
        self.revision = fresh_revision();
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.map);
        self.revision = fresh_revision();
        done
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.map);
        self.revision = fresh_revision();
        done
    }

    /// What undo would undo, for the Edit menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// What redo would redo, for the Edit menu.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Whether the map has changes its file does not have.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.came_unsaved
    }

    /// Saves the map into its file, or into `path` (which becomes its file).
    ///
    /// # Errors
    /// The save did not happen; the file on disk is as it was ([`SaveError`]).
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        self.save_with(path, &SaveOptions::default()).map(|_| ())
    }

    /// [`Document::save_to`] with `options` (after the person agreed to write a read-only
    /// file or to drop the file's comments), giving what the save could not keep as it was
    /// ([`Saved::warnings`]: an owner that changed, a backup not kept).
    ///
    /// # Errors
    /// The save did not happen; the file on disk is as it was ([`SaveError`]).
    pub fn save_with(&mut self, path: &Path, options: &SaveOptions) -> Result<Saved, SaveError> {
        let saved = crate::io::save_with(&self.map, path, options)?;
        // Work saved under another name no longer needs the old name's recovery file.
        if let Some(old) = recovery::recovery_path(self.path.as_deref(), None) {
            recovery::remove_recovery(&old);
        }
        self.path = Some(path.to_path_buf());
        self.history.mark_saved();
        self.came_unsaved = false;
        self.disk = DiskStamp::of(path);
        Ok(saved)
    }

    /// Whether the file was changed on disk (by someone else) since it was loaded or saved.
    pub fn changed_on_disk(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| DiskStamp::of(path) != self.disk)
    }

    /// Keeps the map on screen over a file changed on disk: the next save replaces it, and
    /// the change is not asked about again.
    pub fn keep_mine(&mut self) {
        self.disk = self.path.as_deref().and_then(DiskStamp::of);
    }

    /// Where unsaved work is autosaved: beside the map, or in `data_folder` for an untitled
    /// map.
    pub fn recovery_path(&self, data_folder: Option<&Path>) -> Option<PathBuf> {
        recovery::recovery_path(self.path.as_deref(), data_folder)
    }

    /// Writes the recovery file.
    ///
    /// # Errors
    /// The recovery file could not be written ([`SaveError`]).
    pub fn autosave(&self, data_folder: Option<&Path>) -> Result<(), SaveError> {
        match self.recovery_path(data_folder) {
            Some(path) => recovery::write_recovery(&self.map, &path),
            None => Ok(()),
        }
    }

    /// Removes the recovery file (after a save, a clean exit, or when the person chose to
    /// leave the changes).
    pub fn remove_recovery(&self, data_folder: Option<&Path>) {
        if let Some(path) = self.recovery_path(data_folder) {
            recovery::remove_recovery(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, StakeholderKind};

    fn two_stakeholders(placed: bool) -> Map {
        let mut map = Map::new("Two");
        for id in 1..=2 {
            let mut s = Stakeholder::new(StakeholderId(id), StakeholderKind::Partner, "P");
            if placed {
                s.position = Some(Position(id as f32 * 10.0, 0.0));
            }
            map.add_stakeholder(s).expect("fresh id");
        }
        map
    }

    #[test]
    fn placing_unplaced_stakeholders_is_a_recorded_unsaved_step() {
        let mut doc = Document::new(two_stakeholders(false), None);
        assert!(doc.map().stakeholders().all(|s| s.position.is_some()));
        assert!(doc.is_dirty(), "the map differs from its file");
        assert_eq!(doc.undo_label(), Some(PLACE_LABEL));
        assert!(doc.undo());
        assert!(doc.map().stakeholders().all(|s| s.position.is_none()));
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_placed_map_opens_clean() {
        let doc = Document::new(two_stakeholders(true), None);
        assert!(!doc.is_dirty());
        assert_eq!(doc.undo_label(), None);
    }

    #[test]
    fn every_change_moves_the_revision() {
        let mut doc = Document::new(two_stakeholders(true), None);
        let start = doc.revision();
        doc.apply(Edit::SetTitle("Renamed".into())).expect("valid");
        let edited = doc.revision();
        assert!(edited > start);
        assert!(doc.undo());
        assert!(doc.revision() > edited);
        assert!(doc.redo());
        assert_eq!(doc.map().title, "Renamed");
    }

    #[test]
    fn saving_makes_it_clean_and_a_change_on_disk_is_noticed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("two.ron");
        let mut doc = Document::new(two_stakeholders(true), None);
        doc.apply(Edit::SetTitle("Saved".into())).expect("valid");
        assert!(doc.is_dirty());
        doc.save_to(&path).expect("saves");
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "two.ron");
        assert!(!doc.changed_on_disk());
        std::fs::write(&path, "someone else's text, longer than before....").expect("write");
        assert!(doc.changed_on_disk());
        doc.keep_mine();
        assert!(!doc.changed_on_disk());
    }

    #[test]
    fn an_untitled_map_is_named_by_its_title() {
        let mut map = two_stakeholders(true);
        map.title = "Police and Community Mind Map".into();
        let doc = Document::new(map, None);
        assert_eq!(doc.display_name(), "Police and Community Mind Map");
        assert_eq!(
            doc.suggested_file_name(),
            "police-and-community-mind-map.ron"
        );
    }

    #[test]
    fn recovered_work_is_unsaved_until_saved() {
        let found = Recovered {
            map: two_stakeholders(true),
            written: None,
        };
        let doc = Document::recovered(found, None);
        assert!(doc.is_dirty());
    }
}
