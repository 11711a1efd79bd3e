//! Saving a file so that nothing around it is lost: a crash, a full disk or a power cut
//! during a save leaves either the old file or the new one, never a mixture; the previous
//! version is kept as `NAME.bak`; two saves of one file at once never trip over each other;
//! and a save keeps what the file system says about the file (where a link points, who
//! owns it, who may write it).
//!
//! How a save goes, in order (see [`write_atomically_with`]):
//!
//! 1. **Links are followed.** A symbolic link (or a chain of them) is resolved, and the
//!    file it points to is the one written; the link stays a link.
//! 2. **One save at a time.** The save takes an exclusive lock on `.NAME.lock` beside the
//!    file (the operating system's advisory lock: `flock` on Unix, `LockFileEx` on
//!    Windows, through [`std::fs::File::try_lock`]). Another save of the same file waits for
//!    it up to [`SaveOptions::lock_wait`], then gives up with [`SaveError::Locked`]. The
//!    lock file is removed when the save ends; a waiting save notices and locks afresh.
//! 3. **Leftovers are cleared.** Holding the lock, the save knows that no other save is
//!    writing: any `.NAME.XXXXXX.saving` beside the file was left by a save that was killed,
//!    and is removed. Nothing that belongs to a save in progress is ever touched.
//! 4. **A read-only file is refused** ([`SaveError::ReadOnly`]) unless the caller says
//!    otherwise ([`SaveOptions::overwrite_read_only`]), as a plain write would be.
//! 5. The new content goes to a temporary file `.NAME.XXXXXX.saving` in the same folder
//!    (so the final rename never crosses file systems), is flushed and synced to disk, and
//!    gets the old file's owner, group and permissions (owner and group where the system
//!    allows: a [`SaveWarning::OwnerNotKept`] says when it does not).
//! 6. The old file is staged as a backup (a hard link, or a copy), then the temporary file
//!    is renamed over the file, then the staged backup is renamed to `NAME.bak`. A save
//!    that fails before the file is replaced removes what it staged: the file, its `.bak`
//!    and the folder are as they were.
//! 7. **Written in place** only when a replacement would lose something: the file has
//!    other hard links, or the folder (a sticky shared folder such as `/tmp`) does not let
//!    this user replace another's file. The backup is then a full copy, made first, and put
//!    back if the write fails; [`SaveWarning::WrittenInPlace`] says so.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How a save treats what it finds; [`SaveOptions::default`] is the careful choice, and a
/// caller that asked the person can retry with a flag set.
#[derive(Clone, Debug)]
pub struct SaveOptions {
    /// Write the file even when it is read-only (no write permission): the person said so.
    /// The file keeps its permissions (it stays read-only).
    pub overwrite_read_only: bool,
    /// Replace a map file whose text has comments, which a save cannot keep. Only
    /// [`crate::io::save_with`] looks at this.
    pub drop_comments: bool,
    /// Keep the previous version as `NAME.bak`.
    pub keep_backup: bool,
    /// How long to wait for another save of the same file to finish before giving up
    /// with [`SaveError::Locked`]. Zero: do not wait.
    pub lock_wait: Duration,
}

impl Default for SaveOptions {
    /// Refuse read-only files and dropping comments, keep a backup, wait up to 5 s.
    fn default() -> Self {
        Self {
            overwrite_read_only: false,
            drop_comments: false,
            keep_backup: true,
            lock_wait: Duration::from_secs(5),
        }
    }
}

/// A save that happened.
#[derive(Debug)]
pub struct Saved {
    /// The file written: the path given, with symbolic links followed.
    pub path: PathBuf,
    /// What the save could not keep as it was, for the person to know.
    pub warnings: Vec<SaveWarning>,
}

/// Something a save that succeeded could not keep as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveWarning {
    /// The file now belongs to someone else: only the system administrator may give a file
    /// away, so a save by another user (a member of the file's group, say) makes it theirs.
    #[error(
        "could not keep owner {owner} and group {group} of {}: it now belongs to {now_owner}:{now_group}",
        path.display()
    )]
    OwnerNotKept {
        /// The file.
        path: PathBuf,
        /// Its owner before the save (a user id).
        owner: u32,
        /// Its group before the save (a group id).
        group: u32,
        /// Its owner now.
        now_owner: u32,
        /// Its group now.
        now_group: u32,
    },
    /// The previous version could not be kept as `NAME.bak`.
    #[error("could not keep the previous version as {}", backup.display())]
    BackupNotKept {
        /// Where it would have been.
        backup: PathBuf,
        /// Why not.
        #[source]
        source: io::Error,
    },
    /// The file was written in place rather than replaced whole.
    #[error(
        "{} was written in place ({why}); a crash during the save could have left it half-written, with the previous version in the .bak",
        path.display()
    )]
    WrittenInPlace {
        /// The file.
        path: PathBuf,
        /// Why a replacement was not possible.
        why: &'static str,
    },
    /// The file's hand-written comments, which the saved map cannot hold, were copied
    /// with the text they annotate to a file that later saves leave alone.
    #[error(
        "{count} comment(s) of the file are not in the saved map; the text that had them is kept in {}",
        copy.display()
    )]
    CommentsKept {
        /// How many comments the file had.
        count: usize,
        /// Where the text with the comments is.
        copy: PathBuf,
    },
    /// The file's comments were dropped and could not be kept in a copy.
    #[error(
        "{count} comment(s) of the file are dropped; they could not be kept in {}",
        copy.display()
    )]
    CommentsNotKept {
        /// How many comments the file had.
        count: usize,
        /// Where the copy would have been.
        copy: PathBuf,
        /// Why not.
        #[source]
        source: io::Error,
    },
}

/// A save that did not happen. The file that was there before, its `.bak` and its folder
/// are as they were. Each case a person can act on has its own variant, so that a window
/// can ask and retry with [`SaveOptions`].
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file is read-only: nobody may write it, or this user may not. Retry with
    /// [`SaveOptions::overwrite_read_only`] if the person says so.
    #[error(
        "could not save {}: the file is read-only (no permission to write it)",
        path.display()
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Another save of the same file (another window, a command) held it for longer than
    /// [`SaveOptions::lock_wait`].
    #[error(
        "could not save {}: another save of it is under way (it holds {}); try again in a moment",
        path.display(),
        lock.display()
    )]
    Locked {
        /// The file.
        path: PathBuf,
        /// The lock file the other save holds.
        lock: PathBuf,
    },
    /// The file on disk has comments, which a save would drop. Retry with
    /// [`SaveOptions::drop_comments`] if the person says so.
    #[error(
        "could not save {}: it has {count} comment(s), which saving would drop",
        path.display()
    )]
    CommentsDropped {
        /// The file.
        path: PathBuf,
        /// How many comments it has.
        count: usize,
    },
    /// What is at the path is not a regular file (a folder, a device, a pipe).
    #[error("could not save {}: it is not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A step of the save failed.
    #[error("could not save {}: {what}", path.display())]
    Io {
        /// The file that was to be written.
        path: PathBuf,
        /// The step that failed, in words.
        what: &'static str,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl SaveError {
    /// The file that was to be saved, as given.
    pub fn path(&self) -> &Path {
        match self {
            Self::ReadOnly { path }
            | Self::Locked { path, .. }
            | Self::CommentsDropped { path, .. }
            | Self::NotAFile { path }
            | Self::Io { path, .. } => path,
        }
    }
}

/// Where the previous version of `path` is kept: the same name with `.bak` added
/// (`map.ron` -> `map.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Where a save that drops a file's comments keeps the text that had them: the same name
/// with `.commented` added (`map.ron` -> `map.ron.commented`). Unlike the `.bak`, later
/// saves do not replace it, so the comments outlive the next save (a later save that drops
/// comments again writes [`next_commented_path`]).
pub fn commented_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".commented");
    PathBuf::from(name)
}

/// Where the next save that drops comments of `path` keeps them: [`commented_path`] when
/// that is free, else the first free of `NAME.commented.2`, `.3`, ...: a copy once kept is
/// never replaced, so comments added by hand after an earlier save-anyway are kept too.
pub fn next_commented_path(path: &Path) -> PathBuf {
    let first = commented_path(path);
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2u32..)
        .map(|n| {
            let mut name = first.as_os_str().to_owned();
            name.push(format!(".{n}"));
            PathBuf::from(name)
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

/// The lock file that saves of `path` take: `.NAME.lock` beside it (`map.ron` ->
/// `.map.ron.lock`). Symbolic links are not followed here: pass the file itself.
pub fn lock_path(path: &Path) -> PathBuf {
    folder_of(path).join(format!(".{}.lock", file_name(path)))
}

/// Temporary files beside `path` that a save left behind when it was killed (a crash, a
/// power cut, `kill -9`): `.NAME.XXXXXX.saving`, sorted. The next save of the file removes
/// them; until then they take as much room as the map. Symbolic links are followed.
///
/// A save in progress has such a file too, for a moment: this only lists names, and says
/// nothing of whether a save is running.
pub fn leftovers(path: &Path) -> Vec<PathBuf> {
    let target = resolve_links(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = folder_of(&target);
    let name = file_name(&target);
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| is_leftover_of(&name, &e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Replaces `path` with what `write` writes, atomically, with [`SaveOptions::default`]
/// (see [`write_atomically_with`]). Warnings are dropped: use [`write_atomically_with`]
/// to show them.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    write_atomically_with(path, &SaveOptions::default(), write).map(|_| ())
}

/// Replaces `path` with what `write` writes, following the steps in the module
/// documentation: links followed, one save at a time, read-only files refused, owner,
/// group and permissions kept, the previous version kept as `NAME.bak`.
///
/// # Errors
///
/// [`SaveError`]: the file, its `.bak` and its folder are then as they were.
pub fn write_atomically_with(
    path: &Path,
    options: &SaveOptions,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    replace(path, options, |_| Ok(()), write)
}

/// [`write_atomically_with`], with `check` run on the file (links followed) while the lock
/// is held and before anything is written: a save that depends on what is on disk (the
/// comments in it) decides there.
pub(crate) fn replace(
    path: &Path,
    options: &SaveOptions,
    check: impl FnOnce(&Path) -> Result<(), SaveError>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    let fail = |what| {
        let path = path.to_path_buf();
        move |source| SaveError::Io { path, what, source }
    };
    let target = resolve_links(path).map_err(fail("cannot follow the symbolic link"))?;
    let folder = folder_of(&target).to_path_buf();
    let name = file_name(&target);
    let prefix = format!(".{name}.");

    let lock = SaveLock::acquire(lock_path(&target), options.lock_wait).map_err(|e| match e {
        LockError::Busy(lock) => SaveError::Locked {
            path: path.to_path_buf(),
            lock,
        },
        LockError::Io(source) => fail("cannot lock it against other saves")(source),
    })?;
    if lock.is_held() {
        // Every save takes the lock before it makes a temporary file, so with the lock held
        // any temporary file of this name is from a save that died.
        remove_leftovers(&folder, &name);
    }

    let existing = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail("cannot read the file's details")(e)),
    };
    if let Some(old) = &existing {
        if !old.is_file() {
            return Err(SaveError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        if !options.overwrite_read_only && !writable(&target, old) {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
    }
    check(&target)?;

    let mut temp = temp_builder(&prefix)
        .tempfile_in(&folder)
        .map_err(fail("cannot create a temporary file in its folder"))?;
    write(temp.as_file_mut()).map_err(fail("writing failed"))?;
    temp.as_file_mut()
        .flush()
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail("cannot flush to disk"))?;

    let mut warnings = Vec::new();
    // The temporary file is private (0600) and the saver's; the saved file keeps the old
    // one's owner, group and permissions (owner first: changing it clears set-id bits), or
    // gets the usual ones for a new file.
    let permissions = match &existing {
        Some(old) => {
            if let Some(warning) = keep_owner(temp.as_file(), old, &target) {
                warnings.push(warning);
            }
            old.permissions()
        }
        None => default_permissions(temp.as_file()).map_err(fail("cannot set permissions"))?,
    };
    temp.as_file()
        .set_permissions(permissions)
        .map_err(fail("cannot set permissions"))?;

    let Some(old) = existing else {
        temp.persist(&target)
            .map_err(|e| fail("cannot create the file")(e.error))?;
        sync_folder(&folder);
        return Ok(Saved {
            path: target,
            warnings,
        });
    };

    let reason = in_place_reason(&old, &folder, temp.as_file());
    let stage = |copy| {
        stage_backup(&target, &folder, &prefix, copy)
            .map_err(fail("cannot keep the previous version as .bak"))
    };
    // Writing in place needs a full copy to put back if the write fails.
    let mut backup = if options.keep_backup || reason.is_some() {
        Some(stage(reason.is_some())?)
    } else {
        None
    };
    let in_place = match reason {
        Some(why) => Some((temp, why)),
        None => match temp.persist(&target) {
            Ok(_) => None,
            Err(e)
                if e.error.kind() == io::ErrorKind::PermissionDenied
                    && OpenOptions::new().write(true).open(&target).is_ok() =>
            {
                // A sticky folder the prediction missed: replacing is not allowed, writing is.
                backup = Some(stage(true)?);
                Some((e.file, STICKY))
            }
            Err(e) => return Err(fail("cannot replace the file")(e.error)),
        },
    };
    if let Some((mut temp, why)) = in_place {
        let mut dest = OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(fail("cannot write the file"))?;
        if let Err(e) = copy_over(&mut dest, temp.as_file_mut()) {
            // Put the previous version back from its copy, which is whole and synced.
            let restored = backup
                .as_deref()
                .ok_or_else(|| io::Error::other("no copy"))
                .and_then(File::open)
                .and_then(|mut previous| copy_over(&mut dest, &mut previous));
            if restored.is_ok() {
                return Err(fail(
                    "writing it in place failed (the previous version was put back)",
                )(e));
            }
            // Keep the copy where a person will find it.
            if let Some(staged) = backup.take() {
                let _ = staged.persist(backup_path(&target));
            }
            return Err(fail(
                "writing it in place failed (the previous version is in the .bak)",
            )(e));
        }
        // The file written is the old one, with its owner: only the temporary file was ours.
        warnings.retain(|w| !matches!(w, SaveWarning::OwnerNotKept { .. }));
        warnings.push(SaveWarning::WrittenInPlace {
            path: target.clone(),
            why,
        });
    }
    if let Some(staged) = backup
        && options.keep_backup
    {
        let kept = backup_path(&target);
        if let Err(e) = staged.persist(&kept) {
            warnings.push(SaveWarning::BackupNotKept {
                backup: kept,
                source: e.error,
            });
        }
    }
    sync_folder(&folder);
    drop(lock);
    Ok(Saved {
        path: target,
        warnings,
    })
}

const STICKY: &str = "the folder does not let this user replace another's file";

/// The temporary files of saves of `NAME`: `prefix` (`.NAME.`), then six random letters or
/// digits, then `.saving`.
fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".saving").rand_bytes(6);
    builder
}

/// Whether `entry` is a temporary file of a save of `name` (see [`temp_builder`]); exact,
/// so that `.map.ron.x.ron.ABCDEF.saving` (a save of `map.ron.x.ron`) is not taken for one
/// of `map.ron`.
fn is_leftover_of(name: &str, entry: &str) -> bool {
    entry
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".saving"))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes temporary files of earlier saves of `name` that never finished.
fn remove_leftovers(folder: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if is_leftover_of(name, &entry.file_name().to_string_lossy()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "map".into(), |n| n.to_string_lossy().into_owned())
}

/// How many links a chain may have before it is taken for a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// `path` with every symbolic link along the chain followed to the file it finally names
/// (which need not exist yet: saving through a dangling link creates its target). Only
/// the last component is followed; the folders on the way are kept as written.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let points_to = fs::read_link(&current)?;
                current = folder_of(&current).join(points_to);
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Whether this user may write the file, as a plain write would find: the file has a write
/// permission bit at all, and opening it for writing (which changes nothing) is allowed.
fn writable(path: &Path, metadata: &Metadata) -> bool {
    if metadata.permissions().readonly() {
        return false; // 0444: even the administrator's plain write would be a mistake here
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) => e.kind() != io::ErrorKind::PermissionDenied,
    }
}

/// Why the file must be written in place rather than replaced, or `None`.
fn in_place_reason(old: &Metadata, folder: &Path, temp: &File) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if old.nlink() > 1 {
            return Some("it has other hard links, which replacing it would cut off");
        }
        // In a sticky folder (mode 1777, like /tmp) only the file's owner, the folder's
        // owner and the administrator may replace a file. The temporary file is ours, so
        // its owner says who we are.
        let me = temp.metadata().ok()?.uid();
        let folder = fs::metadata(folder).ok()?;
        let sticky = folder.mode() & 0o1000 != 0;
        if sticky && me != 0 && me != old.uid() && me != folder.uid() {
            return Some(STICKY);
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = (old, folder, temp);
        None
    }
}

/// Stages the current `target` as a hidden temporary file beside it, to become `NAME.bak`
/// once the save has succeeded (and to be removed if it fails): a hard link (instant, no
/// space) or, when `copy` is asked or links are not possible, a synced full copy.
fn stage_backup(
    target: &Path,
    folder: &Path,
    prefix: &str,
    copy: bool,
) -> io::Result<tempfile::TempPath> {
    let staged = temp_builder(prefix).make_in(folder, |staged| {
        if !copy && fs::hard_link(target, staged).is_ok() {
            return Ok(());
        }
        copy_synced(target, staged)
    })?;
    Ok(staged.into_temp_path())
}

/// Copies `from` to the new file `to` and syncs it.
fn copy_synced(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = File::open(from)?;
    let mut copy = OpenOptions::new().write(true).create_new(true).open(to)?;
    io::copy(&mut source, &mut copy)?;
    copy.sync_all()
}

/// Writes all of `source` (from its start) over `dest` in place, cut to its length,
/// synced: owner, group, permissions and hard links stay as they are.
fn copy_over(dest: &mut File, source: &mut File) -> io::Result<()> {
    source.rewind()?;
    dest.rewind()?;
    let len = io::copy(source, dest)?;
    dest.set_len(len)?;
    dest.sync_all()
}

/// Gives `file` the owner and group of the file it replaces, where the system allows it:
/// the administrator may set both; anyone may set the group to one they belong to. Says
/// what could not be kept.
fn keep_owner(file: &File, old: &Metadata, path: &Path) -> Option<SaveWarning> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        let (owner, group) = (old.uid(), old.gid());
        let ids = |m: &Metadata| (m.uid(), m.gid());
        let now = file.metadata().ok()?;
        if ids(&now) == (owner, group) {
            return None;
        }
        if fchown(file, Some(owner), Some(group)).is_err() {
            let _ = fchown(file, None, Some(group));
        }
        let now = file.metadata().ok()?;
        (ids(&now) != (owner, group)).then(|| SaveWarning::OwnerNotKept {
            path: path.to_path_buf(),
            owner,
            group,
            now_owner: now.uid(),
            now_group: now.gid(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (file, old, path);
        None
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

/// Why the lock could not be taken.
enum LockError {
    /// Another save held it for longer than the wait allowed.
    Busy(PathBuf),
    /// The lock file could not be opened or locked.
    Io(io::Error),
}

/// The exclusive lock a save holds on `.NAME.lock` (see the module documentation). Dropping
/// it removes the lock file (while still holding the lock) and then releases the lock.
struct SaveLock {
    /// The locked file, or `None` where the file system has no locks or the folder does
    /// not let us make the lock file (the save then goes on unlocked, as before locks).
    file: Option<File>,
    path: PathBuf,
}

impl SaveLock {
    fn acquire(path: PathBuf, wait: Duration) -> Result<Self, LockError> {
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(2);
        loop {
            let file = match open_lock_file(&path) {
                Ok(file) => file,
                // A folder we may not write: the save fails at its temporary file, which
                // says so better than a lock file would.
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    return Ok(Self { file: None, path });
                }
                Err(e) => return Err(LockError::Io(e)),
            };
            match file.try_lock() {
                Ok(()) => {
                    // The save before us may have removed the lock file between our open and
                    // our lock: then we hold a lock on a file nobody else will find.
                    if same_file(&file, &path) {
                        return Ok(Self {
                            file: Some(file),
                            path,
                        });
                    }
                }
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Self { file: None, path });
                }
                Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(LockError::Busy(path));
            }
            std::thread::sleep(pause.min(deadline - now));
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    /// Whether a lock is really held (and so other saves are known to be waiting).
    fn is_held(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            // Removed while held, so nobody can lock this file and still find it there.
            let _ = fs::remove_file(&self.path);
            drop(file);
        }
    }
}

/// Opens the lock file, creating it when missing. Opened for reading: a lock does not need
/// write access, and in a shared sticky folder another user's lock file can only be read.
fn open_lock_file(path: &Path) -> io::Result<File> {
    loop {
        match File::open(path) {
            Ok(file) => return Ok(file),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(file) => return Ok(file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows does not remove a file that is open, so the lock file cannot change.
        let _ = file;
        path.exists()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
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
        assert_eq!(
            names(dir.path()),
            ["map.ron", "map.ron.bak"],
            "no lock file or temporary file is left"
        );
    }

    #[test]
    fn a_write_that_fails_part_way_leaves_the_old_file_and_its_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(&path, "precious").expect("write");
        fs::write(backup_path(&path), "older").expect("write");
        let err = write_atomically(&path, |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .expect_err("the write fails");
        let said = crate::errors::said(&err);
        assert!(said.contains("disk full"), "{said}");
        assert!(said.contains("map.ron"), "{said}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "precious");
        assert_eq!(
            fs::read_to_string(backup_path(&path)).expect("read"),
            "older",
            "the .bak is not replaced by a save that failed"
        );
        assert_eq!(names(dir.path()), ["map.ron", "map.ron.bak"]);
    }

    #[test]
    fn a_save_clears_what_a_killed_save_left_behind_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        for other in [
            ".map.ron.a1b2c3.saving",
            ".other.ron.x1y2z3.saving",
            ".map.ron.x.ron.a1b2c3.saving",
            ".map.ron.notes.saving",
        ] {
            fs::write(dir.path().join(other), "half").expect("write");
        }
        assert_eq!(
            leftovers(&path),
            [dir.path().join(".map.ron.a1b2c3.saving")],
            "only the exact pattern of this file's saves"
        );
        write_atomically(&path, |f| f.write_all(b"new")).expect("saves");
        assert_eq!(
            names(dir.path()),
            [
                ".map.ron.notes.saving",
                ".map.ron.x.ron.a1b2c3.saving",
                ".other.ron.x1y2z3.saving",
                "map.ron"
            ]
        );
        assert!(leftovers(&path).is_empty());
    }

    #[test]
    fn a_save_waits_for_another_and_gives_up_after_the_wait() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        fs::write(&path, "old").expect("write");
        let (started, wait_started) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let (second, live_kept, first) = std::thread::scope(|scope| {
            let target = &path;
            let first = scope.spawn(move || {
                write_atomically(target, |f| {
                    f.write_all(b"first")?;
                    started.send(()).map_err(io::Error::other)?;
                    released.recv().map_err(io::Error::other)
                })
            });
            wait_started.recv().expect("the first save is writing");
            // The first save's temporary file is there, and a second save must not touch it.
            let impatient = SaveOptions {
                lock_wait: Duration::from_millis(50),
                ..SaveOptions::default()
            };
            let second = write_atomically_with(&path, &impatient, |f| f.write_all(b"second"));
            let live_kept = leftovers(&path).len();
            // Let the first save finish before any assertion, so a failure cannot hang.
            release.send(()).expect("the first save waits");
            (second, live_kept, first.join().expect("no panic"))
        });
        match second {
            Err(SaveError::Locked { lock, .. }) => assert_eq!(lock, lock_path(&path)),
            other => panic!("expected Locked, got {other:?}"),
        }
        assert_eq!(live_kept, 1, "the live temporary file is kept");
        first.expect("the first save finishes whole");
        assert_eq!(fs::read_to_string(&path).expect("read"), "first");
        // And a patient save after it goes through.
        write_atomically(&path, |f| f.write_all(b"third")).expect("saves");
        assert_eq!(fs::read_to_string(&path).expect("read"), "third");
        assert_eq!(names(dir.path()), ["map.ron", "map.ron.bak"]);
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
        assert!(err.to_string().contains("map.ron"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_chain_of_links_is_followed_to_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("shared")).expect("mkdir");
        let real = dir.path().join("shared/real.ron");
        std::os::unix::fs::symlink("real.ron", dir.path().join("shared/middle.ron")).expect("link");
        std::os::unix::fs::symlink("shared/middle.ron", dir.path().join("map.ron")).expect("link");
        assert_eq!(
            resolve_links(&dir.path().join("map.ron")).expect("resolves"),
            dir.path().join("shared/real.ron")
        );
        let looped = dir.path().join("loop.ron");
        std::os::unix::fs::symlink("loop.ron", &looped).expect("link");
        assert!(resolve_links(&looped).is_err());
        assert!(!real.exists());
    }
}
