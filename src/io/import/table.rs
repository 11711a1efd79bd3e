//! CSV and TSV tables: Gephi's nodes and edges, Kumu's elements and connections.
//!
//! - The separator is detected from the header line (`,`, `;`, tab or `|`, whichever
//!   occurs most outside quotes; `,` on a tie), and said in the report. In a file not
//!   separated by `,`, a `,` in a number is a decimal point (Excel in a French locale).
//! - Line endings may be `\n`, `\r\n` or `\r`; quoted cells may hold separators, doubled
//!   quotes and line breaks (RFC 4180, read by the `csv` crate).
//! - The header says the table's kind: `Source` and `Target` make Gephi edges, `From` and
//!   `To` Kumu connections; otherwise a first column `Label` makes Kumu elements, and an
//!   `Id` column Gephi nodes.
//! - A leading apostrophe that stakemap's exports put before a cell starting with `=`,
//!   `+`, `-`, `@`, tab or CR is taken off again.

use super::ImportError;
use super::build::{Builder, EdgeRecord, ImportedGraph, NodeRecord, Settings};
use super::values::{DayOrder, day_order_hint};
use crate::io::fields::{self, EdgeField, EdgeNaming};
use crate::io::mapping::{Action, Location, MappingReport};
use crate::io::spreadsheet::restore_cell;

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SheetKind {
    GephiNodes,
    GephiEdges,
    KumuElements,
    KumuConnections,
}

impl SheetKind {
    fn is_edges(self) -> bool {
        matches!(self, Self::GephiEdges | Self::KumuConnections)
    }

    fn naming(self) -> EdgeNaming {
        match self {
            Self::GephiNodes | Self::GephiEdges => EdgeNaming::Gephi,
            Self::KumuElements | Self::KumuConnections => EdgeNaming::Kumu,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::GephiNodes => "Gephi nodes",
            Self::GephiEdges => "Gephi edges",
            Self::KumuElements => "Kumu elements",
            Self::KumuConnections => "Kumu connections",
        }
    }
}

/// One table, read.
pub(super) struct Sheet {
    origin: String,
    kind: SheetKind,
    headers: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
    decimal_comma: bool,
    report: MappingReport,
}

fn separator(text: &str) -> u8 {
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(c, _)| *c == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    // max_by_key keeps the last of equal maxima; reversing makes `,` win ties.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(c, _)| *c)
}

/// Line breaks in `bytes` (`\n`, `\r\n`, or a lone `\r`), `next` being the byte after them.
fn line_breaks(bytes: &[u8], next: Option<u8>) -> u64 {
    let mut breaks = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let after = bytes.get(i + 1).copied().or(next);
        if b == b'\n' || (b == b'\r' && after != Some(b'\n')) {
            breaks += 1;
        }
    }
    breaks
}

/// The line a quote opens on that is still open at the end of `text` (quotes doubled
/// inside a quoted cell open and close again), if any.
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut open, mut line, mut opened) = (false, 1_u64, 0_u64);
    for b in text.bytes() {
        match b {
            b'"' => {
                open = !open;
                if open {
                    opened = line;
                }
            }
            b'\n' => line += 1,
            _ => {}
        }
    }
    open.then_some(opened)
}

fn kind_of(headers: &[String]) -> Option<SheetKind> {
    let names: Vec<String> = headers.iter().map(|h| fields::normalise(h)).collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    if has("source") && has("target") {
        Some(SheetKind::GephiEdges)
    } else if has("from") && has("to") {
        Some(SheetKind::KumuConnections)
    } else if names.first().is_some_and(|h| h == "label") {
        Some(SheetKind::KumuElements)
    } else if has("id") {
        Some(SheetKind::GephiNodes)
    } else if has("label") || has("name") {
        Some(SheetKind::KumuElements)
    } else {
        None
    }
}

/// Reads a table whole (its rows are needed twice: once to settle the date order).
pub(super) fn read_sheet(
    origin: &str,
    text: &str,
    mut report: MappingReport,
) -> Result<Sheet, ImportError> {
    let separator = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let syntax = |e: &csv::Error| {
        let (line, column) = e.position().map_or((1, 1), |p| {
            super::line_column(
                text.as_bytes(),
                usize::try_from(p.byte()).unwrap_or(usize::MAX),
            )
        });
        ImportError::Syntax {
            origin: origin.to_owned(),
            line,
            column,
            message: e.to_string(),
        }
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| syntax(&e))?
        .iter()
        .map(|h| restore_cell(h.trim()).to_owned())
        .collect();
    let Some(kind) = kind_of(&headers) else {
        return Err(ImportError::Unrecognised {
            origin: origin.to_owned(),
            message: format!(
                "a table needs `Id` or `Label` columns (nodes, elements) or `Source` and `Target` / `From` and `To` (edges, connections); its header is: {}",
                headers.join(", ")
            ),
        });
    };
    report.subject = format!("{origin} ({})", kind.title());
    let shown = match separator {
        b'\t' => "tab".to_owned(),
        other => format!("`{}`", char::from(other)),
    };
    report.note(
        Action::Assumed,
        format!("separator {shown} (the most common in the header line)"),
    );
    let decimal_comma = separator != b',';
    let mut rows = Vec::new();
    let mut blank = 0;
    let mut restored = 0;
    // The csv crate counts records, not the lines a quoted line break adds: lines are
    // counted here from each record's byte offset, forwards only (one pass in all).
    let bytes = text.as_bytes();
    let (mut counted, mut line) = (0_usize, 1_u64);
    for record in reader.records() {
        let record = record.map_err(|e| syntax(&e))?;
        let offset = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        // The offset may point at the line break that ends the previous record.
        let mut end = offset.min(bytes.len());
        while matches!(bytes.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end > counted {
            line += line_breaks(&bytes[counted..end], bytes.get(end).copied());
            counted = end;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            blank += 1;
            continue;
        }
        if record.len() != headers.len() {
            report.problem(
                Location::new(origin, Some(line), None),
                format!(
                    "{} cells where the header has {}: missing cells read as empty, extra ones dropped",
                    record.len(),
                    headers.len()
                ),
            );
        }
        let cells = (0..headers.len())
            .map(|i| {
                let cell = record.get(i).unwrap_or("");
                let plain = restore_cell(cell);
                if plain.len() != cell.len() {
                    restored += 1;
                }
                plain.to_owned()
            })
            .collect();
        rows.push((line, cells));
    }
    // A quote never closed makes the rest of the file one cell of the row it opens in: that
    // row is not a row of the table, and the person must hear where the quote is.
    if let Some(opened) = unclosed_quote(text)
        && rows.last().is_some_and(|(line, _)| *line <= opened)
    {
        rows.pop();
        let last = line_breaks(bytes, None) + u64::from(!text.ends_with(['\n', '\r']));
        report.problem(
            Location::new(origin, Some(opened), None),
            format!(
                "a quote opened on this line is never closed, so lines {opened} to {last} read as one cell: that row and the lines after it are left out (close the quote and import again)"
            ),
        );
    }
    report.note_n(Action::Dropped, "empty rows", blank);
    report.note_n(
        Action::Converted,
        "cells with the leading apostrophe that guards against formulas: apostrophe taken off",
        restored,
    );
    Ok(Sheet {
        origin: origin.to_owned(),
        kind,
        headers,
        rows,
        decimal_comma,
        report,
    })
}

/// A nodes (or elements) table and the edges (or connections) table that goes with it;
/// either may be missing.
pub(super) struct TablePair {
    nodes: Option<Sheet>,
    edges: Option<Sheet>,
}

impl TablePair {
    pub fn new(sheet: Sheet) -> Self {
        if sheet.kind.is_edges() {
            Self {
                nodes: None,
                edges: Some(sheet),
            }
        } else {
            Self {
                nodes: Some(sheet),
                edges: None,
            }
        }
    }

    /// Whether `sheet` is the other half of this pair: the edges table its nodes table
    /// waits for, or the nodes table its edges table waits for (a file dialog hands over
    /// `edges.csv` before `nodes.csv`), of the same tool's convention.
    pub fn takes(&self, sheet: &Sheet) -> bool {
        match (&self.nodes, &self.edges) {
            (Some(nodes), None) => {
                sheet.kind.is_edges() && sheet.kind.naming() == nodes.kind.naming()
            }
            (None, Some(edges)) => {
                !sheet.kind.is_edges() && sheet.kind.naming() == edges.kind.naming()
            }
            _ => false,
        }
    }

    /// The pair with its other half.
    pub fn with(mut self, sheet: Sheet) -> Self {
        if sheet.kind.is_edges() {
            self.edges = Some(sheet);
        } else {
            self.nodes = Some(sheet);
        }
        self
    }

    pub fn build(self) -> ImportedGraph {
        let first = self.nodes.as_ref().or(self.edges.as_ref());
        let naming = first.map_or(EdgeNaming::Gephi, |s| s.kind.naming());
        let decimal_comma = first.is_some_and(|s| s.decimal_comma);
        let subject = [&self.nodes, &self.edges]
            .iter()
            .filter_map(|s| s.as_ref().map(|s| s.origin.clone()))
            .collect::<Vec<_>>()
            .join(" + ");
        let flavour = if naming == EdgeNaming::Gephi {
            "Gephi CSV"
        } else {
            "Kumu CSV"
        };
        let settings = Settings {
            term: "column",
            naming,
            decimal_comma,
            y_up: naming == EdgeNaming::Gephi,
            default_directed: true,
            default_direction_rule: if naming == EdgeNaming::Gephi {
                "directed (Gephi's default for an edge without a Type)"
            } else {
                "directed (Kumu's default for a connection without a direction)"
            },
            day_order: DayOrder::Unknown,
            ends_by_label: naming == EdgeNaming::Kumu,
        };
        let mut report = MappingReport::new(format!("{subject} ({flavour})"));
        for sheet in [&self.nodes, &self.edges].into_iter().flatten() {
            report.absorb(sheet.report.clone());
        }
        let mut builder = Builder::new(settings, report);
        if let Some(nodes) = &self.nodes {
            read_nodes(&mut builder, nodes);
        }
        if let Some(edges) = &self.edges {
            let order = day_order(edges, &mut builder);
            builder.set_day_order(order);
            read_edges(&mut builder, edges, self.nodes.is_none());
        }
        builder.finish()
    }
}

fn column(sheet: &Sheet, names: &[&str]) -> Option<usize> {
    sheet
        .headers
        .iter()
        .position(|h| names.contains(&fields::normalise(h).as_str()))
}

fn read_nodes(builder: &mut Builder, sheet: &Sheet) {
    let id = column(sheet, &["id"]);
    let has_label = column(sheet, &["label", "name", "nom"]).is_some();
    if !has_label {
        builder.report().note(
            Action::Assumed,
            "no Label column: stakeholders are named after their Id",
        );
    }
    for (line, cells) in &sheet.rows {
        let key = id
            .and_then(|i| cells.get(i))
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty());
        let mut record =
            NodeRecord::new(Location::new(&sheet.origin, Some(*line), None), key.clone());
        if !has_label {
            record.label = key;
        }
        record.fields = sheet
            .headers
            .iter()
            .cloned()
            .zip(cells.iter().cloned())
            .collect();
        builder.add_node(record);
    }
}

/// The order of slash dates in the edges' date column, from the dates that settle it.
fn day_order(sheet: &Sheet, builder: &mut Builder) -> DayOrder {
    let dates: Vec<usize> = sheet
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| fields::edge_field(h, sheet.kind.naming()) == Some(EdgeField::Date))
        .map(|(i, _)| i)
        .collect();
    let (mut day_first, mut month_first) = (false, false);
    for (_, cells) in &sheet.rows {
        for &i in &dates {
            match cells
                .get(i)
                .map_or(DayOrder::Unknown, |c| day_order_hint(c))
            {
                DayOrder::DayFirst => day_first = true,
                DayOrder::MonthFirst => month_first = true,
                DayOrder::Unknown => {}
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => {
            builder.report().note(
                Action::Assumed,
                "dates DD/MM/YYYY: another date in the file has a day over 12",
            );
            DayOrder::DayFirst
        }
        (false, true) => {
            builder.report().note(
                Action::Assumed,
                "dates MM/DD/YYYY: another date in the file has a day over 12",
            );
            DayOrder::MonthFirst
        }
        (true, true) => {
            builder.report().note(
                Action::Problem,
                "dates are written both day-first and month-first: the ambiguous ones are refused",
            );
            DayOrder::Unknown
        }
        (false, false) => DayOrder::Unknown,
    }
}

fn read_edges(builder: &mut Builder, sheet: &Sheet, without_nodes: bool) {
    let from = column(sheet, &["source", "from"]);
    let to = column(sheet, &["target", "to"]);
    let id = column(sheet, &["id"]);
    let cell = |cells: &[String], i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .map(|c| c.trim().to_owned())
            .unwrap_or_default()
    };
    if without_nodes {
        builder.report().note(
            Action::Assumed,
            "no nodes table: stakeholders are created from the ends of the relationships, named after them",
        );
        for (line, cells) in &sheet.rows {
            for end in [cell(cells, from), cell(cells, to)] {
                if !end.is_empty() && !builder.has_key(&end) {
                    let mut record = NodeRecord::new(
                        Location::new(&sheet.origin, Some(*line), None),
                        Some(end.clone()),
                    );
                    record.label = Some(end);
                    builder.add_node(record);
                }
            }
        }
    }
    for (line, cells) in &sheet.rows {
        let key = Some(cell(cells, id)).filter(|k| !k.is_empty());
        let mut record = EdgeRecord::new(
            Location::new(&sheet.origin, Some(*line), None),
            key,
            cell(cells, from),
            cell(cells, to),
        );
        record.fields = sheet
            .headers
            .iter()
            .cloned()
            .zip(cells.iter().cloned())
            .collect();
        builder.add_edge(record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_most_common_outside_quotes() {
        assert_eq!(separator("Id;Label;Type\r\n1;2;3"), b';');
        assert_eq!(separator("Id,Label\n"), b',');
        assert_eq!(separator("\"a;b;c\",d\n"), b',');
        assert_eq!(separator("Id\tLabel"), b'\t');
        assert_eq!(separator("Id"), b',');
        assert_eq!(separator("a,b;c"), b',', "a tie goes to the comma");
    }

    #[test]
    fn line_breaks_of_every_style_are_counted() {
        assert_eq!(line_breaks(b"a\r\nb\nc\rd", None), 3);
        assert_eq!(
            line_breaks(b"a\r", Some(b'\n')),
            0,
            "the \\n that follows makes it one break"
        );
    }
}
