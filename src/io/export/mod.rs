//! Exports for the tools analysts use: GraphML (Gephi, yEd, networkx), GEXF 1.3 (Gephi,
//! with the strength history on its timeline), DOT (Graphviz), CSV in Gephi's spreadsheet
//! convention, and Kumu's spreadsheet (CSV) and blueprint (JSON) shapes.
//!
//! Every writer takes a map that went through the redaction pass ([`Redacted`]), is
//! byte-stable (the same map gives the same bytes: items in id order, numbers in their
//! shortest exact form), and says in a [`MappingReport`] what it mapped to what and what
//! the format could not carry.
//!
//! Coordinates: stakemap's canvas has y growing downwards. Gephi and Graphviz draw y
//! upwards, so GraphML's `x`/`y` keys, GEXF's `viz:position` and DOT's `pos` carry
//! `(x, -y)`; yEd draws y downwards, so GraphML's `y:Geometry` carries the canvas
//! position as it is (top-left corner of the node's box, as yEd wants). CSV `x`/`y`
//! follow Gephi's (y up); Kumu's follow the canvas (y down), like Kumu's own.

mod dot;
mod fields;
mod gexf;
mod graphml;
mod spreadsheets;
pub(crate) mod xml;

use super::atomic::{SaveError, SaveOptions, Saved, write_atomically_with};
use super::mapping::{Action, MappingReport};
use crate::model::{Date, Map, Observation, Relationship, RelationshipKind, Strength, Tone};
use crate::redaction::Redacted;
use crate::style::Rgba;
use std::fmt;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The exchange formats stakemap writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// GraphML for Gephi, yEd and networkx (one file).
    GraphMl,
    /// GEXF 1.3 for Gephi, with strength over time (one file).
    Gexf,
    /// DOT for Graphviz (one file).
    Dot,
    /// Gephi's spreadsheet convention: a nodes table and an edges table (two files).
    GephiCsv,
    /// Kumu's spreadsheet convention: elements and connections (two files).
    KumuCsv,
    /// Kumu's blueprint JSON: `elements` and `connections` (one file).
    KumuJson,
}

impl ExportFormat {
    /// Every format, in the order menus list them.
    pub const ALL: [Self; 6] = [
        Self::GraphMl,
        Self::Gexf,
        Self::Dot,
        Self::GephiCsv,
        Self::KumuCsv,
        Self::KumuJson,
    ];

    /// The name `--format` takes: `graphml`, `gexf`, `dot`, `csv`, `kumu-csv`, `json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::GraphMl => "graphml",
            Self::Gexf => "gexf",
            Self::Dot => "dot",
            Self::GephiCsv => "csv",
            Self::KumuCsv => "kumu-csv",
            Self::KumuJson => "json",
        }
    }

    /// How menus and reports name it.
    pub fn title(self) -> &'static str {
        match self {
            Self::GraphMl => "GraphML",
            Self::Gexf => "GEXF 1.3",
            Self::Dot => "DOT (Graphviz)",
            Self::GephiCsv => "Gephi CSV",
            Self::KumuCsv => "Kumu CSV",
            Self::KumuJson => "Kumu JSON",
        }
    }

    /// The files it writes, as endings added to the output name: one `""` for one-file
    /// formats (the output is used as given), or `-nodes.csv` and `-edges.csv` (Gephi),
    /// `-elements.csv` and `-connections.csv` (Kumu).
    pub fn parts(self) -> &'static [&'static str] {
        match self {
            Self::GephiCsv => &["-nodes.csv", "-edges.csv"],
            Self::KumuCsv => &["-elements.csv", "-connections.csv"],
            _ => &[""],
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::GraphMl => "graphml",
            Self::Gexf => "gexf",
            Self::Dot => "dot",
            Self::GephiCsv | Self::KumuCsv => "csv",
            Self::KumuJson => "json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not an export format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an export format; choose graphml, gexf, dot, csv, kumu-csv or json")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownFormat(text.to_owned()))
    }
}

/// How a map whose relationships mix directed and undirected ones is written to GraphML
/// and GEXF, whose readers disagree on such graphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MixedDirections {
    /// The graph is declared directed and each relationship's own direction is the
    /// `directed` key/attribute. networkx reads it (it refuses per-edge directions that
    /// contradict the graph's); Gephi and yEd draw undirected relationships with an arrow.
    #[default]
    Portable,
    /// Each undirected relationship also says so the way the format does (GraphML
    /// `directed="false"`, GEXF `type="undirected"`): Gephi draws a mixed graph right,
    /// networkx refuses the file.
    Native,
}

/// Choices an export takes besides the format and the (already redacted) map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExportOptions {
    /// How mixed directions are written to GraphML and GEXF.
    pub mixed_directions: MixedDirections,
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("could not write the export")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("could not write the CSV")]
    Csv(#[from] csv::Error),
    /// The JSON writer failed.
    #[error("could not write the JSON")]
    Json(#[from] serde_json::Error),
    /// Saving a file failed; the file that was there is untouched.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// The files an export writes for the output name `out`: `out` itself for a one-file
/// format; for a two-file format, `out` without a `.csv` ending plus each part's ending
/// (`partners.csv` -> `partners-nodes.csv` and `partners-edges.csv`).
pub fn output_paths(format: ExportFormat, out: &Path) -> Vec<PathBuf> {
    let parts = format.parts();
    if parts == [""] {
        return vec![out.to_path_buf()];
    }
    let text = out.as_os_str().to_string_lossy();
    let stem = text
        .strip_suffix(".csv")
        .or_else(|| text.strip_suffix(".CSV"))
        .unwrap_or(&text);
    parts
        .iter()
        .map(|part| PathBuf::from(format!("{stem}{part}")))
        .collect()
}

/// Writes part `part` (0 or 1, see [`ExportFormat::parts`]) of an export to `out`, noting
/// in `report` what was mapped and what could not be carried.
pub fn write_part(
    shown: &Redacted<'_>,
    format: ExportFormat,
    part: usize,
    options: ExportOptions,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> Result<(), ExportError> {
    let map = shown.map();
    match (format, part) {
        (ExportFormat::GraphMl, _) => graphml::write(map, options, out, report)?,
        (ExportFormat::Gexf, _) => gexf::write(map, options, out, report)?,
        (ExportFormat::Dot, _) => dot::write(map, out, report)?,
        (ExportFormat::GephiCsv, 0) => spreadsheets::gephi_nodes(map, out, report)?,
        (ExportFormat::GephiCsv, _) => spreadsheets::gephi_edges(map, out, report)?,
        (ExportFormat::KumuCsv, 0) => spreadsheets::kumu_elements(map, out, report)?,
        (ExportFormat::KumuCsv, _) => spreadsheets::kumu_connections(map, out, report)?,
        (ExportFormat::KumuJson, _) => spreadsheets::kumu_json(map, out, report)?,
    }
    Ok(())
}

/// A fresh report for an export of `shown` in `format`, with its counts and what the
/// profile left out.
fn report_for(shown: &Redacted<'_>, format: ExportFormat) -> MappingReport {
    let map = shown.map();
    let mut report = MappingReport::new(format!(
        "{} export ({} profile)",
        format.title(),
        shown.left_out().options.profile
    ));
    report.stakeholders = map.stakeholder_count();
    report.relationships = map.relationship_count();
    report.observations = map.observation_count();
    report.left_out = Some(*shown.left_out());
    if !map.baselines().is_empty() {
        report.note_n(
            Action::Dropped,
            "baselines: no exchange format has a place for them (they stay in the map file)",
            map.baselines().len(),
        );
    }
    report
}

/// An export held in memory: one byte buffer per part, and the report.
pub fn export_bytes(
    shown: &Redacted<'_>,
    format: ExportFormat,
    options: ExportOptions,
) -> Result<(Vec<Vec<u8>>, MappingReport), ExportError> {
    let mut report = report_for(shown, format);
    let mut files = Vec::new();
    for part in 0..format.parts().len() {
        let mut bytes = Vec::new();
        write_part(shown, format, part, options, &mut bytes, &mut report)?;
        files.push(bytes);
    }
    Ok((files, report))
}

/// Writes an export to the files [`output_paths`] names, each saved as a map is
/// ([`write_atomically_with`] with `save`: links followed, one save at a time, a read-only
/// file refused unless `save` allows it, the previous version kept as `NAME.bak`; a failed
/// write leaves the file that was there). Returns each file saved, with what its save could
/// not keep, and the report.
///
/// # Errors
///
/// [`ExportError::Save`] when a file cannot be saved (for a two-file format, the first
/// file stays written if the second fails); a writer's own error otherwise.
pub fn export_files(
    shown: &Redacted<'_>,
    format: ExportFormat,
    options: ExportOptions,
    out: &Path,
    save: &SaveOptions,
) -> Result<(Vec<Saved>, MappingReport), ExportError> {
    let mut report = report_for(shown, format);
    let paths = output_paths(format, out);
    let mut saved = Vec::with_capacity(paths.len());
    for (part, path) in paths.iter().enumerate() {
        let mut failure = None;
        let written = write_atomically_with(path, save, |file| {
            let mut buffered = BufWriter::new(file);
            let result = write_part(shown, format, part, options, &mut buffered, &mut report)
                .and_then(|()| buffered.flush().map_err(ExportError::from));
            result.map_err(|e| {
                let io = std::io::Error::other(e.to_string());
                failure = Some(e);
                io
            })
        });
        if let Some(e) = failure {
            return Err(e);
        }
        saved.push(written?);
    }
    Ok((saved, report))
}

/// A number as exports write it: the shortest text that reads back as the same `f32`,
/// with `-0` written `0`.
pub(crate) fn number(value: f32) -> String {
    if value == 0.0 {
        "0".to_owned()
    } else {
        value.to_string()
    }
}

/// A colour as `#RRGGBB`.
pub(crate) fn hex(colour: Rgba) -> String {
    let [r, g, b, _] = colour.0;
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The relationship kind as people read it ("Works on").
pub(crate) fn kind_name(kind: RelationshipKind) -> String {
    kind.to_string()
}

/// The first and last observation dates of a relationship.
pub(crate) fn observed_span(r: &Relationship) -> Option<(Date, Date)> {
    let first = r.observations.iter().map(|o| o.date).min()?;
    let last = r.observations.iter().map(|o| o.date).max()?;
    Some((first, last))
}

/// A relationship's log as one entry a day, oldest first: the strength and tone the day
/// ended with (the last one recorded that day), as its current strength would read.
pub(crate) fn daily_log(r: &Relationship) -> Vec<(Date, Strength, Tone)> {
    let mut sorted: Vec<&Observation> = r.observations.iter().collect();
    sorted.sort_by_key(|o| o.date); // stable: same-day entries keep their order
    let mut days: Vec<(Date, Strength, Tone)> = Vec::with_capacity(sorted.len());
    for o in sorted {
        match days.last_mut() {
            Some(last) if last.0 == o.date => *last = (o.date, o.strength, o.tone),
            _ => days.push((o.date, o.strength, o.tone)),
        }
    }
    days
}

/// Notes what every export of relationships says about directions on `map`.
pub(crate) fn direction_counts(map: &Map) -> (usize, usize) {
    let directed = map.relationships().filter(|r| r.directed).count();
    (directed, map.relationship_count() - directed)
}

#[cfg(test)]
mod tests;
