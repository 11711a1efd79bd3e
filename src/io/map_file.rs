//! The stakemap map file: RON, versioned, human-readable and diff-friendly.
//!
//! ```ron
//! #![enable(implicit_some)]
//! (
//!     format: "stakemap",
//!     version: 1,
//!     title: "Police and Community Mind Map",
//!     description: "Partners, organisations, issues and initiatives of the CDS.",
//!     stakeholders: [
//!         (
//!             id: 1,
//!             kind: Organisation,
//!             name: "Community Development Section",
//!             influence: 4,
//!             position: (0.0, 0.0),
//!         ),
//!         (id: 2, kind: Issue, name: "Youth engagement", sara_stage: Analysis),
//!     ],
//!     relationships: [
//!         (
//!             id: 1,
//!             from: 1,
//!             to: 2,
//!             kind: WorksOn,
//!             directed: true,
//!             owner: "Sgt. R. Okafor",
//!             observations: [
//!                 (date: "2025-01-15", strength: 2, tone: Neutral, via: Meeting),
//!                 (date: "2025-06-02", strength: 3, tone: Positive, via: JointInitiative, note: "Basketball nights"),
//!             ],
//!         ),
//!     ],
//! )
//! ```
//!
//! - `format` must be `"stakemap"` and `version` at most [`FORMAT_VERSION`]; a file from a
//!   newer stakemap is refused whole, never half-read.
//! - Stakeholders and relationships are lists in id order; relationships refer to
//!   stakeholders by id. Fields that are empty or absent are left out when saving, and may
//!   be left out when writing a file by hand; unknown fields are errors (a typo is caught).
//! - `Some(...)` may be written or left out around optional values (`implicit_some`).
//! - Dates are `"YYYY-MM-DD"`; strength 0-5; influence, interest and priority 1-5;
//!   positions are `(x, y)` in canvas units.
//! - `baselines` (optional) are named snapshots: a `name`, a `date`, the `stakeholders`
//!   on the map then, and the `relationships` observed by then with their `strength` and
//!   `tone` then.
//! - Saving writes the canonical form: the same map always gives the same bytes.

use super::atomic::{SaveError, write_atomically};
use crate::model::{
    Baseline, BaselineRelationship, Date, InteractionKind, Map, Observation, Problem, Relationship,
    RelationshipId, RelationshipKind, Stakeholder, StakeholderId, Subject, Tone,
};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;

/// The value of the `format` field that marks a stakemap file.
pub const FORMAT_MARKER: &str = "stakemap";

/// The newest file format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before they are read: 256 MiB, room for maps of
/// several hundred thousand stakeholders, well short of what would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How deep values may nest. The deepest a real map goes is 5; this stops hostile input
/// from overflowing the stack.
const RECURSION_LIMIT: usize = 32;

/// Why a map could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{origin}: cannot read: {source}")]
    Io {
        /// The file.
        origin: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{origin}: the file is {size} bytes, more than the {limit} bytes a map may have")]
    TooLarge {
        /// The file.
        origin: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text is not RON of the expected shape.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        origin: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The file is RON but not a stakemap map.
    #[error("{origin}: not a stakemap map (expected `format: \"{FORMAT_MARKER}\"` at the top)")]
    NotAMap {
        /// The file.
        origin: String,
    },
    /// The file was written by a newer stakemap.
    #[error(
        "{origin}: written by a newer stakemap (file format version {version}; this version reads up to {FORMAT_VERSION}); update stakemap to open it"
    )]
    NewerVersion {
        /// The file.
        origin: String,
        /// The version the file declares.
        version: u64,
    },
    /// The file parsed but what it says does not make a valid map.
    #[error("{origin}: {} problem(s), the first: {}", problems.len(), problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The file.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// The first part of a file: enough to decide whether to read the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// The file as written: ids not yet checked, dates not yet parsed.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile<'a> {
    format: Cow<'a, str>,
    version: u32,
    title: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    description: Cow<'a, str>,
    #[serde(default)]
    stakeholders: Vec<Cow<'a, Stakeholder>>,
    #[serde(default)]
    relationships: Vec<RelationshipRecord<'a>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    baselines: Vec<BaselineRecord<'a>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineRecord<'a> {
    name: Cow<'a, str>,
    /// Text, like observation dates, so a bad one is reported with the other problems.
    date: Cow<'a, str>,
    #[serde(default)]
    stakeholders: Vec<StakeholderId>,
    #[serde(default)]
    relationships: Vec<BaselineRelationshipRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineRelationshipRecord {
    id: RelationshipId,
    strength: u8,
    tone: Tone,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationshipRecord<'a> {
    id: RelationshipId,
    from: StakeholderId,
    to: StakeholderId,
    kind: RelationshipKind,
    directed: bool,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    owner: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    notes: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    observations: Vec<ObservationRecord<'a>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservationRecord<'a> {
    /// Kept as text so that a bad date is reported with the others, not as a parse error.
    date: Cow<'a, str>,
    strength: u8,
    tone: Tone,
    via: InteractionKind,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    note: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    recorded_by: Cow<'a, str>,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn syntax_error(origin: &str, error: &ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        origin: origin.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    }
}

/// Reads a map from a file; `origin` in errors is the path as given.
pub fn load(path: &Path) -> Result<Map, LoadError> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Reads a file as text for [`parse`], refusing one over [`MAX_FILE_BYTES`] before reading
/// it and one that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let origin = path.display().to_string();
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| LoadError::TooLarge {
        origin: origin.clone(),
        size,
        limit: MAX_FILE_BYTES,
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    // The size can lie (a pipe, a file still growing): never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    decode(&origin, bytes)
}

/// The bytes as UTF-8 text, or an error naming where they stop being text.
fn decode(origin: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let good = &bytes[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        LoadError::Syntax {
            origin: origin.to_owned(),
            line,
            column,
            message: "not UTF-8 text (is this a map file?)".to_owned(),
        }
    })
}

/// Reads a map from RON text; `origin` names the text in errors (a path, or "built-in map").
///
/// One pass when the file is good. Only when it does not parse is it read again for its
/// header alone, to tell a file from a newer stakemap, or no map at all, from a broken one.
pub fn parse(text: &str, origin: &str) -> Result<Map, LoadError> {
    let options = ron_options();
    let not_a_map = || LoadError::NotAMap {
        origin: origin.to_owned(),
    };
    let newer = |version| LoadError::NewerVersion {
        origin: origin.to_owned(),
        version,
    };
    let file: MapFile<'_> = match options.from_str(text) {
        Ok(file) => file,
        Err(error) => {
            if let Ok(header) = options.from_str::<Header>(text) {
                if header.format.as_deref() != Some(FORMAT_MARKER) {
                    return Err(not_a_map());
                }
                if let Some(v) = header.version.filter(|&v| v > u64::from(FORMAT_VERSION)) {
                    return Err(newer(v));
                }
            }
            return Err(syntax_error(origin, &error));
        }
    };
    // A file that parsed can still be from a newer version that happens to share this
    // shape: it is refused whole all the same.
    if file.format != FORMAT_MARKER {
        return Err(not_a_map());
    }
    if file.version > FORMAT_VERSION {
        return Err(newer(u64::from(file.version)));
    }
    into_map(file).map_err(|problems| LoadError::Invalid {
        origin: origin.to_owned(),
        problems,
    })
}

/// Builds the map from the file, collecting every problem rather than stopping at the first.
fn into_map(file: MapFile<'_>) -> Result<Map, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut map = Map::new(file.title.into_owned());
    map.description = file.description.into_owned();
    if file.version == 0 {
        problems.push(Problem::new(
            Subject::Map,
            "version 0 does not exist; use 1",
        ));
    }
    for stakeholder in file.stakeholders {
        let stakeholder = stakeholder.into_owned();
        let subject = Subject::Stakeholder(stakeholder.id, stakeholder.name.clone());
        if map.add_stakeholder(stakeholder).is_err() {
            problems.push(Problem::new(
                subject,
                "duplicate id: another stakeholder has it",
            ));
        }
    }
    let mut seen = HashSet::new();
    for record in file.relationships {
        let subject = Subject::Relationship(record.id);
        if !seen.insert(record.id) {
            problems.push(Problem::new(
                subject,
                "duplicate id: another relationship has it",
            ));
            continue;
        }
        let mut relationship = Relationship::new(record.id, record.from, record.to, record.kind);
        relationship.directed = record.directed;
        relationship.owner = record.owner.into_owned();
        relationship.notes = record.notes.into_owned();
        for (n, o) in record.observations.into_iter().enumerate() {
            match o.date.parse::<Date>() {
                Ok(date) => relationship.observations.push(Observation {
                    date,
                    strength: o.strength,
                    tone: o.tone,
                    interaction: o.via,
                    note: o.note.into_owned(),
                    recorded_by: o.recorded_by.into_owned(),
                }),
                Err(e) => problems.push(Problem::new(
                    Subject::Observation(record.id, n + 1),
                    e.to_string(),
                )),
            }
        }
        for end in [record.from, record.to] {
            if map.stakeholder(end).is_none() {
                problems.push(Problem::new(
                    subject.clone(),
                    format!("refers to stakeholder {end}, which is not on the map"),
                ));
            }
        }
        // Fails only for the dangling ends reported just above.
        let _ = map.add_relationship(relationship);
    }
    for record in file.baselines {
        match record.date.parse::<Date>() {
            Ok(date) => map.baselines.push(Baseline {
                name: record.name.into_owned(),
                date,
                stakeholders: record.stakeholders,
                relationships: record
                    .relationships
                    .into_iter()
                    .map(|r| BaselineRelationship {
                        id: r.id,
                        strength: r.strength,
                        tone: r.tone,
                    })
                    .collect(),
            }),
            Err(e) => problems.push(Problem::new(
                Subject::Map,
                format!("baseline \"{}\": {e}", record.name),
            )),
        }
    }
    problems.extend(map.validate());
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

/// The canonical text of a map: the same map always gives the same bytes.
pub fn to_ron(map: &Map) -> String {
    let file = MapFile {
        format: Cow::Borrowed(FORMAT_MARKER),
        version: FORMAT_VERSION,
        title: Cow::Borrowed(&map.title),
        description: Cow::Borrowed(&map.description),
        stakeholders: map
            .stakeholders_by_id()
            .into_iter()
            .map(Cow::Borrowed)
            .collect(),
        relationships: map
            .relationships_by_id()
            .into_iter()
            .map(relationship_record)
            .collect(),
        baselines: map
            .baselines
            .iter()
            .map(|b| BaselineRecord {
                name: Cow::Borrowed(&b.name),
                date: Cow::Owned(b.date.to_string()),
                stakeholders: b.stakeholders.clone(),
                relationships: b
                    .relationships
                    .iter()
                    .map(|r| BaselineRelationshipRecord {
                        id: r.id,
                        strength: r.strength,
                        tone: r.tone,
                    })
                    .collect(),
            })
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .depth_limit(4)
        .extensions(Extensions::IMPLICIT_SOME);
    // Plain options here, so that the `#![enable(implicit_some)]` line is written and any
    // RON reader understands the file.
    let mut text = ron::Options::default()
        .to_string_pretty(&file, config)
        // Serialising plain structs, strings and numbers cannot fail.
        .unwrap_or_default();
    text.push('\n');
    text
}

fn relationship_record(r: &Relationship) -> RelationshipRecord<'_> {
    let mut observations: Vec<&Observation> = r.observations.iter().collect();
    observations.sort_by_key(|o| o.date); // stable: same-day entries keep their order
    RelationshipRecord {
        id: r.id,
        from: r.from(),
        to: r.to(),
        kind: r.kind,
        directed: r.directed,
        owner: Cow::Borrowed(&r.owner),
        notes: Cow::Borrowed(&r.notes),
        observations: observations
            .into_iter()
            .map(|o| ObservationRecord {
                date: Cow::Owned(o.date.to_string()),
                strength: o.strength,
                tone: o.tone,
                via: o.interaction,
                note: Cow::Borrowed(&o.note),
                recorded_by: Cow::Borrowed(&o.recorded_by),
            })
            .collect(),
    }
}

/// Saves a map atomically in its canonical form, keeping the previous file as `.bak`.
pub fn save(map: &Map, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(map);
    write_atomically(path, |file| file.write_all(text.as_bytes()))
}
