//! Recovery files: what the autosave writes while a map has unsaved changes, so that a
//! crash or a power cut costs at most a minute of work.
//!
//! A map saved as `FOLDER/NAME.ron` is autosaved to `FOLDER/.NAME.ron.recovery`; an
//! untitled map to `untitled.ron.recovery` in the app's data folder. A clean exit, or a
//! save, removes the recovery file; finding one at start means the last session ended
//! without either, and the user is offered its content.

use super::atomic::{SaveError, SaveOptions, write_atomically_with};
use super::map_file::{LoadError, load, to_ron};
use crate::model::Map;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file name an untitled map's recovery file has in the data folder.
pub const UNTITLED: &str = "untitled.ron.recovery";

/// Where the recovery file of a map lives: beside the map, or in `data_folder` for an
/// untitled map (`None` when there is no data folder to use).
pub fn recovery_path(map_path: Option<&Path>, data_folder: Option<&Path>) -> Option<PathBuf> {
    match map_path {
        Some(path) => {
            let name = path.file_name()?.to_string_lossy();
            Some(path.with_file_name(format!(".{name}.recovery")))
        }
        None => data_folder.map(|folder| folder.join(UNTITLED)),
    }
}

/// Writes the recovery file (atomically: a crash during the autosave leaves the previous
/// recovery file whole). It is a plain map file.
pub fn write_recovery(map: &Map, recovery: &Path) -> Result<(), SaveError> {
    if let Some(folder) = recovery.parent() {
        // The data folder may not exist yet on a first run; a failure shows in the write.
        let _ = std::fs::create_dir_all(folder);
    }
    let text = to_ron(map);
    // A recovery file needs no .bak: the map itself is the previous version.
    let options = SaveOptions {
        keep_backup: false,
        ..SaveOptions::default()
    };
    write_atomically_with(recovery, &options, |f| f.write_all(text.as_bytes()))?;
    Ok(())
}

/// Removes the recovery file, if there is one.
pub fn remove_recovery(recovery: &Path) {
    let _ = std::fs::remove_file(recovery);
}

/// A recovery file left behind by a session that did not end cleanly.
#[derive(Debug)]
pub struct Recovered {
    /// The map it holds.
    pub map: Map,
    /// When it was written.
    pub written: Option<SystemTime>,
}

/// The recovery file at `recovery`, if one exists. One that cannot be read is reported as
/// an error rather than silently deleted: it may be the only copy of someone's work.
pub fn find_recovery(recovery: &Path) -> Option<Result<Recovered, LoadError>> {
    let metadata = std::fs::metadata(recovery).ok()?;
    Some(load(recovery).map(|map| Recovered {
        map,
        written: metadata.modified().ok(),
    }))
}

/// What a file on disk looks like, to notice when someone else changed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl DiskStamp {
    /// The stamp of the file now, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: metadata.modified().ok(),
            len: metadata.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_sits_beside_the_map_or_in_the_data_folder() {
        let beside = recovery_path(Some(Path::new("/maps/city.ron")), None);
        assert_eq!(beside, Some(PathBuf::from("/maps/.city.ron.recovery")));
        let untitled = recovery_path(None, Some(Path::new("/data")));
        assert_eq!(untitled, Some(PathBuf::from("/data/untitled.ron.recovery")));
        assert_eq!(recovery_path(None, None), None);
    }

    #[test]
    fn an_autosave_then_a_crash_recovers_the_same_map() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map_path = dir.path().join("city.ron");
        let mut map = crate::builtin::police_community();
        crate::io::save(&map, &map_path).expect("saved");
        map.title = "Edited but not saved".into();
        let recovery = recovery_path(Some(&map_path), None).expect("a path");
        write_recovery(&map, &recovery).expect("autosaved");
        // The process dies here: no save, no clean exit. The next start looks:
        let found = find_recovery(&recovery)
            .expect("left behind")
            .expect("readable");
        assert_eq!(found.map, map);
        assert_ne!(load(&map_path).expect("map intact").title, map.title);
        remove_recovery(&recovery);
        assert!(find_recovery(&recovery).is_none());
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_not_deleted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let recovery = dir.path().join(".x.ron.recovery");
        std::fs::write(&recovery, "(format: \"stakemap\"").expect("write");
        assert!(matches!(find_recovery(&recovery), Some(Err(_))));
        assert!(recovery.exists());
    }

    #[test]
    fn a_stamp_notices_a_change_by_someone_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "one").expect("write");
        let before = DiskStamp::of(&path);
        std::fs::write(&path, "one and more").expect("write");
        assert_ne!(DiskStamp::of(&path), before);
    }
}
