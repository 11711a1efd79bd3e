//! Reading and writing maps: the versioned RON map file, saved atomically; the redaction
//! pass every output goes through; exports to and imports from the tools analysts use,
//! each with a mapping report; and CSV made safe for spreadsheets.

pub mod atomic;
pub mod export;
pub mod fields;
pub mod import;
pub mod map_file;
pub mod mapping;
pub mod recovery;
pub mod redaction;
pub mod spreadsheet;

pub use atomic::{SaveError, backup_path, write_atomically};
pub use export::{
    ExportError, ExportFormat, ExportOptions, MixedDirections, export_bytes, export_files,
    output_paths,
};
pub use import::{ImportError, Imported, MAX_IMPORT_BYTES, Merge};
pub use map_file::{
    FORMAT_MARKER, FORMAT_VERSION, LoadError, MAX_FILE_BYTES, load, parse, read_text, save, to_ron,
};
pub use mapping::{Action, Location, MappingReport, ReportEntry};
pub use redaction::{
    ConfidentialAs, Redacted, RedactionOptions, RedactionProfile, RedactionReport, redact,
};
