//! Table-shaped exports: Gephi's spreadsheet convention (nodes and edges CSV), Kumu's
//! (elements and connections CSV) and Kumu's blueprint JSON.
//!
//! CSV files go through [`SafeCsvWriter`]: a UTF-8 byte-order mark first, and every cell
//! that a spreadsheet would run as a formula neutralised. Several values in one cell
//! (tags) are joined with `|`, as Kumu does.
//!
//! - Gephi nodes: `Id`, `Label`, `Kind`, then every other field; edges: `Source`,
//!   `Target`, `Type` (Directed / Undirected: the direction), `Id`, `Label` and `Kind`
//!   (the relationship kind), `Weight` (current strength), `Tone`, `Owner`, `Notes`,
//!   `First observed`, `Last observed` (the date of the current strength).
//! - Kumu elements: `Label`, `Type` (the kind), `Description`, `Tags`, `ID`, then every
//!   other field; connections: `From`, `To` (labels, or the element's `ID` where two
//!   elements share a label), `Type` (the kind), `Strength`, `direction` (directed /
//!   undirected), `ID`, `Tone`, `Owner`, `Description` (the notes), `Date`.
//! - None of them carries the observation log: only the current strength, tone and the
//!   date of the latest observation. A relationship never observed has no strength or
//!   tone written (stakemap counts it as 1, aware; so does Gephi's default weight).

use super::{kind_name, number, observed_span};
use crate::io::fields::{join_tags, normalise};
use crate::io::mapping::{Action, MappingReport};
use crate::io::spreadsheet::SafeCsvWriter;
use crate::model::{Map, Relationship, Score, Stakeholder, StakeholderId, Strength};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::Write;

const GEPHI_NODES: [&str; 21] = [
    "Id",
    "Label",
    "Kind",
    "Description",
    "Sector",
    "Area",
    "Tags",
    "Influence",
    "Interest",
    "Engagement",
    "Desired engagement",
    "SARA stage",
    "Priority",
    "Confidential",
    "Pinned",
    "x",
    "y",
    "Contact person",
    "Contact role",
    "Contact email",
    "Contact phone",
];

const GEPHI_EDGES: [&str; 12] = [
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "Weight",
    "Kind",
    "Tone",
    "Owner",
    "Notes",
    "First observed",
    "Last observed",
];

const KUMU_ELEMENTS: [&str; 21] = [
    "Label",
    "Type",
    "Description",
    "Tags",
    "ID",
    "Sector",
    "Area",
    "Influence",
    "Interest",
    "Engagement",
    "Desired engagement",
    "SARA stage",
    "Priority",
    "Confidential",
    "Pinned",
    "x",
    "y",
    "Contact person",
    "Contact role",
    "Contact email",
    "Contact phone",
];

const KUMU_CONNECTIONS: [&str; 10] = [
    "From",
    "To",
    "Type",
    "Strength",
    "direction",
    "ID",
    "Tone",
    "Owner",
    "Description",
    "Date",
];

/// A stakeholder's fields after the first ones, in the order of the tables above.
fn other_fields(s: &Stakeholder, y_up: bool) -> Vec<String> {
    let opt = |v: Option<Score>| v.map(|v| v.to_string()).unwrap_or_default();
    let text = |v: Option<String>| v.unwrap_or_default();
    let contact = s.contact.clone().unwrap_or_default();
    let (x, y) = s.position.map_or((String::new(), String::new()), |p| {
        (number(p.0), number(if y_up { -p.1 } else { p.1 }))
    });
    vec![
        s.sector.clone(),
        s.area.clone(),
        opt(s.influence),
        opt(s.interest),
        text(s.engagement.map(|e| e.to_string())),
        text(s.desired_engagement.map(|e| e.to_string())),
        text(s.sara_stage.map(|e| e.to_string())),
        opt(s.priority),
        s.confidential.to_string(),
        s.pinned.to_string(),
        x,
        y,
        contact.person,
        contact.role,
        contact.email,
        contact.phone,
    ]
}

/// The current strength, or nothing for a relationship never observed (stakemap counts it
/// as 1, aware; Gephi's default weight is 1 too), so that reading the file back does not
/// record an observation that was never made.
fn strength_cell(r: &Relationship) -> String {
    if r.observations.is_empty() {
        String::new()
    } else {
        r.strength().to_string()
    }
}

/// The current tone, or nothing for a relationship never observed.
fn tone_cell(r: &Relationship) -> String {
    if r.observations.is_empty() {
        String::new()
    } else {
        r.tone().to_string()
    }
}

fn last_date(r: &Relationship) -> String {
    observed_span(r)
        .map(|(_, last)| last.to_string())
        .unwrap_or_default()
}

fn note_history(map: &Map, report: &mut MappingReport) {
    let older = map
        .relationships()
        .map(|r| r.observations.len().saturating_sub(1))
        .sum();
    report.note_n(
        Action::Dropped,
        "observation log: only the current strength, tone and latest date are carried; earlier observations and every note are not",
        older,
    );
}

fn finish<W: Write>(writer: SafeCsvWriter<W>, report: &mut MappingReport) -> csv::Result<()> {
    report.note_n(
        Action::Converted,
        "cells a spreadsheet would run as a formula (starting with = + - @ tab or CR): written with a leading apostrophe",
        writer.neutralised,
    );
    writer.into_inner().map(|_| ())
}

pub(super) fn gephi_nodes(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> csv::Result<()> {
    let mut writer = SafeCsvWriter::new(out)?;
    writer.write_record(GEPHI_NODES)?;
    for s in map.stakeholders_by_id() {
        let mut row = vec![
            s.id().0.to_string(),
            s.name.clone(),
            s.kind.to_string(),
            s.description.clone(),
        ];
        let mut rest = other_fields(s, true);
        // Tags sit between Area and Influence.
        rest.insert(2, join_tags(&s.tags));
        row.extend(rest);
        writer.write_record(&row)?;
    }
    report.note(Action::Mapped, "stakeholder -> a row of the nodes table: Id (stakeholder id), Label (name), Kind, and a column a field");
    report.note(
        Action::Converted,
        "position -> x, -y (y grows upwards, as Gephi draws)",
    );
    report.note(Action::Converted, "tags -> one cell joined with |");
    finish(writer, report)
}

pub(super) fn gephi_edges(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> csv::Result<()> {
    let mut writer = SafeCsvWriter::new(out)?;
    writer.write_record(GEPHI_EDGES)?;
    for r in map.relationships_by_id() {
        let kind = kind_name(r.kind);
        let first = observed_span(r)
            .map(|(first, _)| first.to_string())
            .unwrap_or_default();
        writer.write_record([
            r.from().0.to_string(),
            r.to().0.to_string(),
            (if r.directed { "Directed" } else { "Undirected" }).to_owned(),
            r.id().0.to_string(),
            kind.clone(),
            strength_cell(r),
            kind,
            tone_cell(r),
            r.owner.clone(),
            r.notes.clone(),
            first,
            last_date(r),
        ])?;
    }
    report.note(Action::Mapped, "relationship -> a row of the edges table: Source, Target (stakeholder ids), Type (Directed / Undirected), Id, Label and Kind (the kind), Weight (current strength, 0-5), Tone, Owner, Notes, First observed, Last observed");
    note_history(map, report);
    finish(writer, report)
}

/// How connections name their ends: the label where it names one element only (and is
/// no element's ID), else the element's ID.
fn kumu_names(map: &Map, report: &mut MappingReport) -> HashMap<StakeholderId, String> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for s in map.stakeholders() {
        *uses.entry(normalise(&s.name)).or_default() += 1;
    }
    let ids: HashSet<String> = map.stakeholders().map(|s| s.id().0.to_string()).collect();
    let mut by_id = 0;
    let names = map
        .stakeholders()
        .map(|s| {
            let unique = uses.get(&normalise(&s.name)) == Some(&1) && !ids.contains(s.name.trim());
            if !unique {
                by_id += 1;
            }
            (
                s.id(),
                if unique {
                    s.name.clone()
                } else {
                    s.id().0.to_string()
                },
            )
        })
        .collect();
    report.note_n(
        Action::Converted,
        "connection ends that share a label with another element: named by the element's ID instead",
        by_id,
    );
    names
}

pub(super) fn kumu_elements(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> csv::Result<()> {
    let mut writer = SafeCsvWriter::new(out)?;
    writer.write_record(KUMU_ELEMENTS)?;
    for s in map.stakeholders_by_id() {
        let mut row = vec![
            s.name.clone(),
            s.kind.to_string(),
            s.description.clone(),
            join_tags(&s.tags),
            s.id().0.to_string(),
        ];
        row.extend(other_fields(s, false));
        writer.write_record(&row)?;
    }
    report.note(Action::Mapped, "stakeholder -> element: Label (name), Type (kind), Description, Tags (joined with |), ID (stakeholder id), and a column a field");
    report.note(
        Action::Mapped,
        "position -> x, y as on the canvas (y grows downwards, as Kumu draws)",
    );
    finish(writer, report)
}

pub(super) fn kumu_connections(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> csv::Result<()> {
    let names = kumu_names(map, report);
    let name = |id: StakeholderId| names.get(&id).cloned().unwrap_or_else(|| id.0.to_string());
    let mut writer = SafeCsvWriter::new(out)?;
    writer.write_record(KUMU_CONNECTIONS)?;
    for r in map.relationships_by_id() {
        writer.write_record([
            name(r.from()),
            name(r.to()),
            kind_name(r.kind),
            strength_cell(r),
            (if r.directed { "directed" } else { "undirected" }).to_owned(),
            r.id().0.to_string(),
            tone_cell(r),
            r.owner.clone(),
            r.notes.clone(),
            last_date(r),
        ])?;
    }
    report.note(Action::Mapped, "relationship -> connection: From, To, Type (kind), Strength (current, 0-5), direction, ID, Tone, Owner, Description (notes), Date (of the latest observation)");
    note_history(map, report);
    finish(writer, report)
}

#[derive(Serialize)]
struct Element<'a> {
    id: String,
    label: &'a str,
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    sector: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    area: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    influence: Option<Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interest: Option<Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    engagement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desired_engagement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sara_stage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<Score>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    confidential: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pinned: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<&'a crate::model::Contact>,
}

#[derive(Serialize)]
struct Connection<'a> {
    id: String,
    from: String,
    to: String,
    #[serde(rename = "type")]
    kind: String,
    direction: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<Strength>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tone: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    owner: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct Blueprint<'a> {
    elements: Vec<Element<'a>>,
    connections: Vec<Connection<'a>>,
}

pub(super) fn kumu_json(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> serde_json::Result<()> {
    let names = kumu_names(map, report);
    let name = |id: StakeholderId| names.get(&id).cloned().unwrap_or_else(|| id.0.to_string());
    let elements = map
        .stakeholders_by_id()
        .into_iter()
        .map(|s| Element {
            id: s.id().0.to_string(),
            label: &s.name,
            kind: s.kind.to_string(),
            description: &s.description,
            tags: &s.tags,
            sector: &s.sector,
            area: &s.area,
            influence: s.influence,
            interest: s.interest,
            engagement: s.engagement.map(|e| e.to_string()),
            desired_engagement: s.desired_engagement.map(|e| e.to_string()),
            sara_stage: s.sara_stage.map(|e| e.to_string()),
            priority: s.priority,
            confidential: s.confidential,
            pinned: s.pinned,
            x: s.position.map(|p| p.0 + 0.0),
            y: s.position.map(|p| p.1 + 0.0),
            contact: s.contact.as_ref(),
        })
        .collect();
    let connections = map
        .relationships_by_id()
        .into_iter()
        .map(|r| Connection {
            id: r.id().0.to_string(),
            from: name(r.from()),
            to: name(r.to()),
            kind: kind_name(r.kind),
            direction: if r.directed { "directed" } else { "undirected" },
            strength: (!r.observations.is_empty()).then(|| r.strength()),
            tone: (!r.observations.is_empty()).then(|| r.tone().to_string()),
            owner: &r.owner,
            description: &r.notes,
            date: observed_span(r).map(|(_, last)| last.to_string()),
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &Blueprint {
            elements,
            connections,
        },
    )?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    report.note(Action::Mapped, "stakeholder -> element {id, label, type (kind), description, tags (a list), and a key a field}");
    report.note(Action::Mapped, "relationship -> connection {id, from, to (labels, or ids where labels repeat), type (kind), direction, strength (current, 0-5), tone, owner, description (notes), date (of the latest observation)}");
    report.note(
        Action::Mapped,
        "position -> x, y as on the canvas (y grows downwards, as Kumu draws)",
    );
    note_history(map, report);
    Ok(())
}
