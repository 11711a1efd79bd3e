//! Atomic file replacement: a crash, a full disk or a power cut during a save leaves either
//! the old file or the new one, never a mixture, and the previous version is kept as
//! `NAME.bak`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A save that did not happen. The file that was there before is as it was.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {what}: {source}", path.display())]
pub struct SaveError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// The step that failed, in words.
    pub what: &'static str,
    /// Why.
    #[source]
    pub source: io::Error,
}

/// Where the previous version of `path` is kept: the same name with `.bak` added
/// (`map.ron` -> `map.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Replaces `path` with what `write` writes, atomically.
///
/// The content goes to a temporary file in the same folder (so the final rename never
/// crosses file systems), is flushed and synced to disk, the old file is kept as
/// [`backup_path`], and only then is the temporary file renamed over `path`. If any step
/// fails, `path` is untouched and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |what| {
        let path = path.to_path_buf();
        move |source| SaveError { path, what, source }
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "map".into(), |n| n.to_string_lossy().into_owned());
    let (prefix, suffix) = (format!(".{name}."), ".saving");
    // A save killed half-way (a crash, a power cut) leaves its temporary file behind;
    // the next save of the same file clears it away.
    remove_leftovers(folder, &prefix, suffix);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(folder)
        .map_err(fail("cannot create a temporary file in its folder"))?;
    write(temp.as_file_mut()).map_err(fail("writing failed"))?;
    temp.as_file_mut()
        .flush()
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail("cannot flush to disk"))?;
    // The temporary file is private (0600); the saved map keeps the old file's permissions,
    // or gets the usual ones for a new file.
    let permissions = match fs::metadata(path) {
        Ok(old) => old.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(fail("cannot set permissions"))?,
    };
    temp.as_file()
        .set_permissions(permissions)
        .map_err(fail("cannot set permissions"))?;
    if path.is_file() {
        keep_backup(path).map_err(fail("cannot keep the previous version as .bak"))?;
    }
    temp.persist(path)
        .map_err(|e| e.error)
        .map_err(fail("cannot replace the file"))?;
    sync_folder(folder);
    Ok(())
}

/// Removes temporary files of earlier saves of the same file that never finished.
fn remove_leftovers(folder: &Path, prefix: &str, suffix: &str) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(suffix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Read and write for the owner, read for others (as a text editor would create it).
fn default_permissions(file: &File) -> io::Result<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file;
        Ok(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        let mut permissions = file.metadata()?.permissions();
        permissions.set_readonly(false);
        Ok(permissions)
    }
}

/// Keeps the current `path` as `path.bak`, replacing an older backup.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    // A hard link is instant and needs no space; where links are not supported, copy.
    fs::hard_link(path, &backup).or_else(|_| fs::copy(path, &backup).map(|_| ()))
}

/// Makes the rename itself durable. Only meaningful (and possible) on Unix.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        // Best effort: the data is already safe in the file; this orders the rename.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("readable")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(&path, "old").expect("write");
        write_atomically(&path, |f| f.write_all(b"new")).expect("saves");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(fs::read_to_string(backup_path(&path)).expect("read"), "old");
        assert_eq!(leftovers(dir.path()), ["map.ron", "map.ron.bak"]);
    }

    #[test]
    fn a_write_that_fails_part_way_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(&path, "precious").expect("write");
        let err = write_atomically(&path, |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .expect_err("the write fails");
        assert!(err.to_string().contains("disk full"), "{err}");
        assert!(err.to_string().contains("map.ron"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "precious");
        assert_eq!(
            leftovers(dir.path()),
            ["map.ron"],
            "no temporary file is left"
        );
    }

    #[test]
    fn a_save_clears_what_a_killed_save_left_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(dir.path().join(".map.ron.a1b2c3.saving"), "half").expect("write");
        fs::write(dir.path().join(".other.ron.x.saving"), "not ours").expect("write");
        write_atomically(&path, |f| f.write_all(b"new")).expect("saves");
        assert_eq!(leftovers(dir.path()), [".other.ron.x.saving", "map.ron"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_old_permissions_and_gives_new_files_the_usual_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let shared = dir.path().join("shared.ron");
        fs::write(&shared, "old").expect("write");
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o664)).expect("chmod");
        write_atomically(&shared, |f| f.write_all(b"new")).expect("saves");
        let mode = fs::metadata(&shared).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);

        let fresh = dir.path().join("fresh.ron");
        write_atomically(&fresh, |f| f.write_all(b"new")).expect("saves");
        let mode = fs::metadata(&fresh).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("no/such/folder/map.ron");
        let err = write_atomically(&path, |f| f.write_all(b"x")).expect_err("fails");
        assert!(err.to_string().contains("temporary file"), "{err}");
    }
}
