//! Imports from the tools planners and analysts arrive with: Kumu (CSV and blueprint
//! JSON), Gephi's spreadsheet CSV, GraphML from Gephi, yEd and networkx, and GEXF (static
//! and dynamic).
//!
//! An import runs in two steps:
//! 1. [`read`] parses the files into [`ImportedGraph`]s: stakeholders and relationships as
//!    the files give them, with the files' own ids, and a [`MappingReport`] of every
//!    column, key or attribute mapped, converted, kept as a note or tag, or dropped, and
//!    every bad row or element by line.
//! 2. [`Imported::into_map`] makes a new map of them, or [`Imported::merge_into`] turns
//!    them into one [`Edit::Batch`](crate::edit::Edit) against an open map: matched by id,
//!    then by name and kind, then by name (as Kumu does), so a re-import updates instead
//!    of duplicating; an ambiguous match is reported and left alone.
//!
//! Safety: files over [`MAX_IMPORT_BYTES`] are refused before they are read; text must be
//! UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured); XML with a DOCTYPE that declares
//! entities is refused (quick-xml never expands them; refusing says why the file cannot
//! be read, where ignoring would lose text), and undeclared entity references are errors;
//! no input makes an importer panic (a property test feeds them random and mutated bytes).

mod build;
mod gexf;
mod graphml;
mod kumu_json;
mod merge;
mod table;
pub mod values;
mod xml;

pub use build::{ImportedGraph, ImportedRelationship, ImportedStakeholder, Undated};
pub use merge::Merge;

use super::mapping::MappingReport;
use crate::model::text::has_visible;
use crate::model::{Date, Map};
use std::path::{Path, PathBuf};

/// Files larger than this are refused before they are read: 256 MiB, as for map files.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Why files could not be imported. Nothing is imported when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{origin}: cannot read")]
    Io {
        /// The file.
        origin: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    #[error("{origin}: the file is {size} bytes, more than the {limit} bytes an import may have")]
    TooLarge {
        /// The file.
        origin: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not what its format says, at a place.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        origin: String,
        /// Line, from 1.
        line: u64,
        /// Column, from 1.
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The file is none of the formats stakemap imports.
    #[error("{origin}: {message}")]
    Unrecognised {
        /// The file.
        origin: String,
        /// Why, and what would do.
        message: String,
    },
}

/// The formats [`read`] recognises, by extension and by content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// GraphML (`.graphml`, or XML whose root is `<graphml>`).
    GraphMl,
    /// GEXF (`.gexf`, or XML whose root is `<gexf>`).
    Gexf,
    /// Kumu blueprint JSON (`.json`).
    KumuJson,
    /// A CSV or TSV table (its header says which kind).
    Table,
}

/// What [`read`] read: one graph per input (a CSV nodes table and the edges table after
/// it make one input), each with its report.
#[derive(Debug, Default)]
pub struct Imported {
    /// The graphs, in the order of the files.
    pub graphs: Vec<ImportedGraph>,
}

impl Imported {
    /// Every report, one per graph.
    pub fn reports(&self) -> impl Iterator<Item = &MappingReport> {
        self.graphs.iter().map(|g| &g.report)
    }

    /// Whether some file had a bad row or element.
    pub fn has_problems(&self) -> bool {
        self.reports()
            .any(|r| r.count(super::mapping::Action::Problem) > 0)
    }

    /// A new map of everything imported: titled after the first file that gives a title
    /// (else `fallback_title`, else "Imported map" when that shows nothing), built by the same merge as [`Imported::merge_into`] on an
    /// empty map. Strengths given without a date are dated `today`.
    ///
    /// Errors: the values every importer checks are the ones a map file holds, so an
    /// [`EditError`](crate::edit::EditError) here is a bug in an importer, reported rather
    /// than turned into a half-built map.
    pub fn into_map(
        &self,
        fallback_title: &str,
        today: Date,
    ) -> Result<(Map, MappingReport), crate::edit::EditError> {
        let title = self
            .graphs
            .iter()
            .find_map(|g| g.title.clone().filter(|t| has_visible(t)))
            .or_else(|| has_visible(fallback_title).then(|| fallback_title.to_owned()))
            .unwrap_or_else(|| "Imported map".to_owned());
        let mut map = Map::new(crate::model::normalise(&title));
        if let Some(description) = self.graphs.iter().find_map(|g| g.description.clone()) {
            map.description = description;
        }
        let merge = self.merge_into(&map, today);
        let report = merge.report.clone();
        crate::edit::apply(&mut map, merge.into_edit())?;
        Ok((map, report))
    }

    /// The changes that merge everything imported into `map`, as one batch (one undo
    /// step), with the merge's report.
    pub fn merge_into(&self, map: &Map, today: Date) -> Merge {
        merge::merge_all(map, &self.graphs, today)
    }
}

/// The text of a file, size-checked before reading (see [`MAX_IMPORT_BYTES`]).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let origin = path.display().to_string();
    super::limited::read_limited(path, MAX_IMPORT_BYTES).map_err(|e| match e {
        super::limited::Limited::Io(source) => ImportError::Io { origin, source },
        super::limited::Limited::TooLarge(size) => ImportError::TooLarge {
            origin,
            size,
            limit: MAX_IMPORT_BYTES,
        },
    })
}

/// The bytes as text: a UTF-8 byte-order mark is skipped, UTF-16 with a byte-order mark
/// is decoded (and the report says so); anything else must be UTF-8, or the error names
/// the line and column where it stops being so.
pub fn decode(
    origin: &str,
    bytes: Vec<u8>,
    report: &mut MappingReport,
) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        report.note(
            super::mapping::Action::Converted,
            "UTF-8 byte-order mark skipped",
        );
        return utf8(origin, rest.to_vec());
    }
    let utf16 = |units: Vec<u16>| {
        String::from_utf16(&units).map_err(|_| ImportError::Syntax {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            message: "not valid UTF-16 text".to_owned(),
        })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        report.note(
            super::mapping::Action::Converted,
            "UTF-16 (little-endian) text decoded",
        );
        return utf16(
            rest.chunks(2)
                .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect(),
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        report.note(
            super::mapping::Action::Converted,
            "UTF-16 (big-endian) text decoded",
        );
        return utf16(
            rest.chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect(),
        );
    }
    utf8(origin, bytes)
}

fn utf8(origin: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let (line, column) = line_column(bytes, e.utf8_error().valid_up_to());
        ImportError::Syntax {
            origin: origin.to_owned(),
            line,
            column,
            message: "not UTF-8 text: save the file as UTF-8 (Excel: \"CSV UTF-8\")".to_owned(),
        }
    })
}

/// Line and column (from 1, the column in characters) of a byte offset.
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (u64, u64) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() as u64 + 1;
    (line, column)
}

/// The format of a file: by its extension, else by its first characters.
pub fn detect(path: &Path, text: &str) -> InputFormat {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "graphml" => return InputFormat::GraphMl,
        "gexf" => return InputFormat::Gexf,
        "json" => return InputFormat::KumuJson,
        "csv" | "tsv" => return InputFormat::Table,
        _ => {}
    }
    let start = text.trim_start();
    if start.starts_with('{') {
        InputFormat::KumuJson
    } else if start.starts_with('<') {
        let head: String = start.chars().take(4096).collect();
        if head.contains("<gexf") {
            InputFormat::Gexf
        } else {
            InputFormat::GraphMl
        }
    } else {
        InputFormat::Table
    }
}

/// Whether a file is one of stakemap's own map files (`.ron`, or text that starts like
/// one), which no importer reads.
fn is_map_file(path: &Path, text: &str) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return true;
    }
    let start = text.trim_start();
    let head: String = start.chars().take(4096).collect();
    (start.starts_with('(') || start.starts_with("#![") || start.starts_with("//"))
        && head.contains(super::map_file::FORMAT_MARKER)
        && head.contains("format")
}

/// Reads files into graphs (see the module notes). A CSV of nodes or elements and the
/// CSV of edges or connections given next to it, before or after, are one graph; every
/// other file is one.
pub fn read(paths: &[PathBuf]) -> Result<Imported, ImportError> {
    let mut imported = Imported::default();
    let mut open_table: Option<table::TablePair> = None;
    for path in paths {
        let origin = path.display().to_string();
        let bytes = read_bytes(path)?;
        let mut report = MappingReport::new(origin.clone());
        let text = decode(&origin, bytes, &mut report)?;
        if is_map_file(path, &text) {
            // Read as a table it would give an empty map (its first line is no header)
            // and say nothing was wrong.
            return Err(ImportError::Unrecognised {
                origin,
                message: "a stakemap map file, not a file from another tool: open it instead"
                    .to_owned(),
            });
        }
        match detect(path, &text) {
            InputFormat::Table => {
                let sheet = table::read_sheet(&origin, &text, report)?;
                match open_table.take() {
                    Some(pair) if pair.takes(&sheet) => open_table = Some(pair.with(sheet)),
                    Some(pair) => {
                        imported.graphs.push(pair.build());
                        open_table = Some(table::TablePair::new(sheet));
                    }
                    None => open_table = Some(table::TablePair::new(sheet)),
                }
            }
            format => {
                if let Some(pair) = open_table.take() {
                    imported.graphs.push(pair.build());
                }
                let graph = match format {
                    InputFormat::GraphMl => graphml::read(&origin, &text, report)?,
                    InputFormat::Gexf => gexf::read(&origin, &text, report)?,
                    _ => kumu_json::read(&origin, &text, report)?,
                };
                imported.graphs.push(graph);
            }
        }
    }
    if let Some(pair) = open_table {
        imported.graphs.push(pair.build());
    }
    Ok(imported)
}

/// Reads text already in memory as a file of this name would be read (for the window's
/// paste and for tests); `origin` names it in the report and errors.
pub fn read_text(
    origin: &str,
    text: &str,
    format: InputFormat,
) -> Result<ImportedGraph, ImportError> {
    let report = MappingReport::new(origin);
    match format {
        InputFormat::GraphMl => graphml::read(origin, text, report),
        InputFormat::Gexf => gexf::read(origin, text, report),
        InputFormat::KumuJson => kumu_json::read(origin, text, report),
        InputFormat::Table => {
            Ok(table::TablePair::new(table::read_sheet(origin, text, report)?).build())
        }
    }
}

/// Reads a pair of tables already in memory: nodes (or elements) and edges (or
/// connections), as [`read`] would read two files.
pub fn read_tables(nodes: (&str, &str), edges: (&str, &str)) -> Result<ImportedGraph, ImportError> {
    let first = table::read_sheet(nodes.0, nodes.1, MappingReport::new(nodes.0))?;
    let second = table::read_sheet(edges.0, edges.1, MappingReport::new(edges.0))?;
    let pair = table::TablePair::new(first);
    if pair.takes(&second) {
        Ok(pair.with(second).build())
    } else {
        Err(ImportError::Unrecognised {
            origin: edges.0.to_owned(),
            message: "not an edges or connections table that goes with the first table".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests;
