//! Reading a whole file that must not be larger than a limit: refused on its size before a
//! byte is read, and never read past the limit when the size lies (a pipe, a file still
//! growing). The map file and every import read through it.

use std::io::Read;
use std::path::Path;

/// Why a file was not read whole.
pub(crate) enum Limited {
    /// It could not be opened or read.
    Io(std::io::Error),
    /// It is larger than the limit (its size in bytes, as far as it is known).
    TooLarge(u64),
}

/// The bytes of `path`, at most `limit` of them.
pub(crate) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Limited> {
    let file = std::fs::File::open(path).map_err(Limited::Io)?;
    let size = file.metadata().map_err(Limited::Io)?.len();
    if size > limit {
        return Err(Limited::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Limited::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Limited::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}
