//! Kumu blueprint JSON: `{"elements": [...], "connections": [...]}`.
//!
//! - An element's fields are its keys, and those of an `attributes` object inside it
//!   (Kumu's own export nests them there, with `element type` for the type); an id is
//!   `id` or `_id`. Connections likewise (`connection type`).
//! - Several values in one field: a JSON list, or text separated by `|` (trimmed; empty
//!   ones dropped). Numbers and yes/no values may be written as text (`"4"`).
//! - A connection's `from` and `to` name an element by its id, else by its label; a
//!   label that two elements share is ambiguous and the connection is skipped, reported.
//!   A name no element has creates a stakeholder, reported (Kumu does the same).
//! - Every element and connection is named in the report by its line.

use super::ImportError;
use super::build::{Builder, EdgeRecord, ImportedGraph, NodeRecord, Settings};
use super::values::DayOrder;
use crate::io::fields::EdgeNaming;
use crate::io::mapping::{Action, Location, MappingReport};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Blueprint<'a> {
    #[serde(borrow, default)]
    elements: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    connections: Vec<&'a RawValue>,
}

/// A JSON value as the text a table cell would hold.
fn cell(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(cell)
                .map(|s| s.replace('|', "/"))
                .collect::<Vec<_>>()
                .join("|"),
        ),
        Value::Object(_) => Some(value.to_string()),
    }
}

/// The fields of an element or connection: its keys, with those of `attributes` and of
/// stakemap's `contact` object spread out.
fn fields_of(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Value::Object(map) = value else {
        return out;
    };
    for (key, value) in map {
        match (key.as_str(), value) {
            ("attributes", Value::Object(_)) => out.extend(fields_of(value)),
            ("contact", Value::Object(contact)) => {
                for (k, v) in contact {
                    if let Some(text) = cell(v) {
                        out.push((format!("contact {k}"), text));
                    }
                }
            }
            _ => {
                if let Some(text) = cell(value) {
                    let name = match key.as_str() {
                        "element type" | "connection type" => "type".to_owned(),
                        "_id" => "id".to_owned(),
                        _ => key.clone(),
                    };
                    out.push((name, text));
                }
            }
        }
    }
    out
}

fn take(fields: &mut Vec<(String, String)>, names: &[&str]) -> Option<String> {
    let i = fields
        .iter()
        .position(|(k, _)| names.contains(&k.to_ascii_lowercase().as_str()))?;
    Some(fields.remove(i).1)
}

pub(super) fn read(
    origin: &str,
    text: &str,
    mut report: MappingReport,
) -> Result<ImportedGraph, ImportError> {
    report.subject = format!("{origin} (Kumu JSON)");
    let blueprint: Blueprint<'_> = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        origin: origin.to_owned(),
        line: e.line() as u64,
        column: e.column() as u64,
        message: format!("not a Kumu blueprint (an object with `elements` and `connections`): {e}"),
    })?;
    let line_of = |raw: &RawValue| {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        super::line_column(text.as_bytes(), offset)
    };
    let settings = Settings {
        term: "field",
        naming: EdgeNaming::Kumu,
        decimal_comma: false,
        y_up: false,
        default_directed: true,
        default_direction_rule: "directed (Kumu's default for a connection without a direction)",
        day_order: DayOrder::Unknown,
        ends_by_label: true,
    };
    let mut builder = Builder::new(settings, report);
    let mut lines = Lines::default();
    for raw in blueprint.elements {
        let (line, column) = lines.at(text, raw, &line_of);
        let at = Location::new(origin, Some(line), Some(column));
        let value: Value = match serde_json::from_str(raw.get()) {
            Ok(Value::Object(map)) => Value::Object(map),
            _ => {
                builder
                    .report()
                    .problem(at, "an element that is not an object: skipped".to_owned());
                continue;
            }
        };
        let mut fields = fields_of(&value);
        let key = take(&mut fields, &["id"]);
        let mut record = NodeRecord::new(at, key);
        record.fields = fields;
        builder.add_node(record);
    }
    for raw in blueprint.connections {
        let (line, column) = lines.at(text, raw, &line_of);
        let at = Location::new(origin, Some(line), Some(column));
        let value: Value = match serde_json::from_str(raw.get()) {
            Ok(Value::Object(map)) => Value::Object(map),
            _ => {
                builder
                    .report()
                    .problem(at, "a connection that is not an object: skipped".to_owned());
                continue;
            }
        };
        let mut fields = fields_of(&value);
        let key = take(&mut fields, &["id"]);
        let from = take(&mut fields, &["from"]).unwrap_or_default();
        let to = take(&mut fields, &["to"]).unwrap_or_default();
        let mut record = EdgeRecord::new(at, key, from, to);
        record.fields = fields;
        builder.add_edge(record);
    }
    builder.report().note(
        Action::Mapped,
        "elements -> stakeholders, connections -> relationships",
    );
    Ok(builder.finish())
}

/// Lines and columns of elements, counted forwards from the last one (elements come in
/// file order), so even a blueprint on one line is scanned once.
#[derive(Default)]
struct Lines {
    offset: usize,
    line: u64,
    column: u64,
}

impl Lines {
    fn at(
        &mut self,
        text: &str,
        raw: &RawValue,
        whole: &dyn Fn(&RawValue) -> (u64, u64),
    ) -> (u64, u64) {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        if self.line == 0 || offset < self.offset {
            let (line, column) = whole(raw);
            (self.offset, self.line, self.column) = (offset, line, column);
            return (line, column);
        }
        let bytes = text.as_bytes();
        let end = offset.min(bytes.len());
        for &b in &bytes[self.offset.min(end)..end] {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
        self.offset = end;
        (self.line, self.column)
    }
}
