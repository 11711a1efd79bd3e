//! Reading and writing maps: the versioned RON map file, saved atomically.

pub mod atomic;
pub mod map_file;
pub mod recovery;

pub use atomic::{SaveError, backup_path, write_atomically};
pub use map_file::{
    FORMAT_MARKER, FORMAT_VERSION, LoadError, MAX_FILE_BYTES, load, parse, read_text, save, to_ron,
};
