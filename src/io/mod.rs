//! Reading and writing maps: the versioned RON map file, saved atomically; exports to and imports from the tools analysts use,
//! each with a mapping report; and CSV made safe for spreadsheets.
//!
//! For a window that saves what a person edits:
//!
//! - [`LoadedMap::read`] opens a map and says what a save would not keep (`comments`, a
//!   byte-order mark), so the person can be warned once before the first save.
//! - [`save_with`] saves with [`SaveOptions`] and returns [`Saved`], whose `warnings`
//!   ([`SaveWarning`]: owner not kept, no `.bak`, written in place) are worth showing.
//!   Its errors tell apart what a person can decide: [`SaveError::ReadOnly`] (ask, then
//!   retry with `overwrite_read_only`), [`SaveError::CommentsDropped`] (ask, then retry
//!   with `drop_comments`), [`SaveError::Locked`] (another save of the file is under way:
//!   retry later), and the rest ([`SaveError::NotAFile`], [`SaveError::Io`]).
//! - [`leftovers`] lists temporary files of saves that were killed.
//!
//! For every other output: [`redact`] a map under a [`RedactionProfile`], then
//! [`export_files`] (or [`export_bytes`]) it; [`import::read`] files from other tools and
//! merge them with [`Imported::merge_into`]. Each gives a [`MappingReport`].

pub mod atomic;
pub mod drawing;
pub mod export;
pub mod fields;
pub mod import;
mod limited;
pub mod map_file;
pub mod mapping;
pub mod picture;
pub mod recovery;
pub mod report;
pub mod spreadsheet;

pub use crate::redaction::{
    ConfidentialAs, Redacted, RedactionOptions, RedactionProfile, RedactionReport, redact,
};
pub use atomic::{
    SaveError, SaveOptions, SaveWarning, Saved, backup_path, commented_path, leftovers, lock_path,
    next_commented_path, resolve_links, write_atomically, write_atomically_with,
};
pub use export::{
    ExportError, ExportFormat, ExportOptions, MixedDirections, export_bytes, export_files,
    output_paths,
};
pub use import::{ImportError, Imported, MAX_IMPORT_BYTES, Merge};
pub use map_file::{
    FORMAT_MARKER, FORMAT_VERSION, LoadError, LoadedMap, MAX_FILE_BYTES, comment_count, load,
    parse, read_text, save, save_with, to_ron,
};
pub use mapping::{Action, Location, MappingReport, ReportEntry};
