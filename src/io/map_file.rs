//! The stakemap map file: RON, versioned, human-readable and diff-friendly.
//!
//! ```ron
//! #![enable(implicit_some)]
//! (
//!     format: "stakemap",
//!     version: 2,
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
//!     baselines: [
//!         (
//!             name: "Before Police Week 2025",
//!             date: "2025-05-01",
//!             stakeholders: [1, 2],
//!             relationships: [
//!                 (id: 1, strength: 2, tone: Neutral),
//!             ],
//!         ),
//!     ],
//!     views: [
//!         (
//!             name: "Youth work",
//!             layout: Network,
//!             filter: (tags: ["youth"], min_strength: 2),
//!             focus: (centre: 2, hops: 1),
//!             camera: (centre: (0.0, 0.0), zoom: 1.5),
//!             colour_by: "community",
//!         ),
//!         (name: "Who is engaged", layout: Engagement, as_of: "2025-06-30"),
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
//!   on the map then (ids), and the `relationships` observed by then, each as
//!   `(id: 1, strength: 2, tone: Neutral)` (named fields, like everything else).
//! - `views` (optional, new in version 2) are saved views in presentation order: a `name`,
//!   a `layout` (`Network`, `CircleByKind`, `CircleBySector`, `Rings(id)`, `PowerInterest`,
//!   `Engagement`), and optionally a `filter`, an `as_of` date or a `compare` pair (dates
//!   or baseline names), a `focus`, a `camera` and `size_by`/`colour_by` keys
//!   ([`SavedView`]). A version 1 file is read as having none, and is written back as
//!   version 2.
//! - A stakeholder or relationship suggested in a workshop and not yet accepted carries
//!   `pending: (date: "YYYY-MM-DD", workshop: "...")` (new in version 2).
//! - Text is UTF-8; a leading byte-order mark is skipped. Text fields are read into
//!   Unicode NFC (composed), and written so.
//! - Saving writes the canonical form: the same map always gives the same bytes. Strings
//!   are written as themselves, escaped only where RON needs it (`\"`, `\\`) and where a
//!   character would hide or forge text (control characters as `\n` or `\u{1b}`,
//!   bidirectional overrides as `\u{202e}`). Comments are not kept: [`LoadedMap`] counts
//!   them, and [`save_with`] refuses to drop them unless asked.

use super::atomic::{SaveError, SaveOptions, SaveWarning, Saved, replace};
use crate::model::text::must_escape;
use crate::model::{
    Baseline, BaselineRelationship, Date, InteractionKind, Map, Observation, Pending, Problem,
    Relationship, RelationshipId, RelationshipKind, SavedView, Stakeholder, StakeholderId,
    Strength, Subject, Tone,
};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// The value of the `format` field that marks a stakemap file.
pub const FORMAT_MARKER: &str = "stakemap";

/// The newest file format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;

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
    #[error("{origin}: cannot read")]
    Io {
        /// The file.
        origin: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file holds nothing: no bytes, or only white space (and comments).
    #[error("{origin}: the file is empty (no map in it)")]
    Empty {
        /// The file.
        origin: String,
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
    /// New in version 2; a version 1 file has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    views: Vec<Cow<'a, SavedView>>,
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
    /// Any whole number, not a [`Strength`], so that one out of range is reported with
    /// the other problems, naming its baseline.
    strength: i64,
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
    /// New in version 2: suggested in a workshop, not yet accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<Pending>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservationRecord<'a> {
    /// Kept as text so that a bad date is reported with the others, not as a parse error.
    date: Cow<'a, str>,
    /// Any whole number, not a [`Strength`], for the same reason as the date.
    strength: i64,
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

/// The error at the place a person would look: ron starts the span of an error in the
/// first element of a list just after the list's `[` (for later elements, after the comma),
/// which can be lines above the element. The span's start is moved past white space and
/// comments to the first thing in it: the element itself.
fn syntax_error(origin: &str, text: &str, error: &ron::error::SpannedError) -> LoadError {
    let start = offset_of(text, &error.span.start);
    let end = offset_of(text, &error.span.end).max(start);
    let at = start + skip_blank(&text[start..end]);
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.chars().rev().take_while(|&c| c != '\n').count();
    LoadError::Syntax {
        origin: origin.to_owned(),
        line,
        column,
        message: error.code.to_string(),
    }
}

/// The byte offset of a ron position (line and column from 1, the column in characters).
fn offset_of(text: &str, position: &ron::error::Position) -> usize {
    let line_start = if position.line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(position.line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(position.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// How many bytes of white space and comments `text` starts with.
fn skip_blank(text: &str) -> usize {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if trimmed.starts_with("/*") {
            rest = &trimmed[skip_block_comment(trimmed.as_bytes())..];
        } else {
            return text.len() - trimmed.len();
        }
    }
}

/// Reads a map from a file; `origin` in errors is the path as given.
pub fn load(path: &Path) -> Result<Map, LoadError> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// A map as read from its file, with what the file held besides the map, which a save
/// does not keep: the window warns before its first save of such a file.
#[derive(Clone, Debug)]
pub struct LoadedMap {
    /// The map.
    pub map: Map,
    /// How many comments (`// ...` and `/* ... */`) the file has; a save writes none.
    pub comments: usize,
    /// Whether the file starts with a UTF-8 byte-order mark; a save writes none.
    pub byte_order_mark: bool,
    /// Whether some text was not in Unicode NFC and was composed when read; a save
    /// writes NFC.
    pub composed: bool,
}

impl LoadedMap {
    /// Reads a map from a file, as [`load`] does, keeping count of what a save would drop.
    pub fn read(path: &Path) -> Result<Self, LoadError> {
        let text = read_text(path)?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Reads a map from RON text, as [`parse`] does, keeping count of what a save would
    /// drop.
    pub fn parse(text: &str, origin: &str) -> Result<Self, LoadError> {
        let (map, composed) = parse_map(text, origin)?;
        Ok(Self {
            map,
            comments: comment_count(text),
            byte_order_mark: text.starts_with(BYTE_ORDER_MARK),
            composed,
        })
    }
}

/// The UTF-8 byte-order mark some editors (Windows Notepad) put at the start of a file.
const BYTE_ORDER_MARK: char = '\u{FEFF}';

/// How many comments a RON text has: each `// ...` line comment and each `/* ... */`
/// block comment (nested ones count once) outside strings. Text that does not parse is
/// counted as far as it goes.
pub fn comment_count(text: &str) -> usize {
    if !text.contains("//") && !text.contains("/*") {
        return 0; // the usual case, found at memchr speed
    }
    let b = text.as_bytes();
    let ident = |i: usize| i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let (mut i, mut count) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_quoted(b, i + 1, b'"'),
            b'\'' => i = skip_quoted(b, i + 1, b'\''),
            b'b' if !ident(i) && b.get(i + 1) == Some(&b'"') => i = skip_quoted(b, i + 2, b'"'),
            b'b' if !ident(i) && b.get(i + 1) == Some(&b'r') => i = skip_raw(b, i + 1),
            b'r' if !ident(i) => i = skip_raw(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                count += 1;
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                count += 1;
                i += skip_block_comment(&b[i..]);
            }
            _ => i += 1,
        }
    }
    count
}

/// The index after a string or character literal whose body starts at `i`.
fn skip_quoted(b: &[u8], mut i: usize, quote: u8) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// At an `r`: the index after a raw string (`r"..."`, `r#"..."#`), or after the `r` when
/// it starts something else (`r#ident`, a word).
fn skip_raw(b: &[u8], i: usize) -> usize {
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    let open = i + 1 + hashes;
    if b.get(open) != Some(&b'"') {
        return i + 1;
    }
    let mut j = open + 1;
    while j < b.len() {
        if b[j] == b'"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    b.len()
}

/// Reads a file as text for [`parse`], refusing one over [`MAX_FILE_BYTES`] before reading
/// it and one that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let origin = path.display().to_string();
    let bytes = super::limited::read_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        super::limited::Limited::Io(source) => LoadError::Io {
            origin: origin.clone(),
            source,
        },
        super::limited::Limited::TooLarge(size) => LoadError::TooLarge {
            origin: origin.clone(),
            size,
            limit: MAX_FILE_BYTES,
        },
    })?;
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
/// A leading byte-order mark is skipped, and text fields are composed into Unicode NFC.
/// One pass when the file is good. Only when it does not parse is it read again for its
/// header alone, to tell a file from a newer stakemap, or no map at all, from a broken one.
pub fn parse(text: &str, origin: &str) -> Result<Map, LoadError> {
    parse_map(text, origin).map(|(map, _)| map)
}

/// [`parse`], and whether any text had to be composed into NFC.
fn parse_map(text: &str, origin: &str) -> Result<(Map, bool), LoadError> {
    // Columns stay right: the mark is invisible in every editor.
    let text = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
    if is_blank_ron(text) {
        return Err(LoadError::Empty {
            origin: origin.to_owned(),
        });
    }
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
            return Err(syntax_error(origin, text, &error));
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

/// Whether a text holds nothing but white space and comments.
fn is_blank_ron(text: &str) -> bool {
    skip_blank(text) == text.len()
}

/// The length of the (nested) block comment `b` starts with.
fn skip_block_comment(b: &[u8]) -> usize {
    let (mut i, mut depth) = (0, 0usize);
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// Builds the map from the file, collecting every problem rather than stopping at the first;
/// also says whether text had to be composed into NFC.
fn into_map(file: MapFile<'_>) -> Result<(Map, bool), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut map = Map::new(file.title.into_owned());
    map.description = file.description.into_owned();
    map.views = file.views.into_iter().map(Cow::into_owned).collect();
    if file.version == 0 {
        problems.push(Problem::new(
            Subject::Map,
            "version 0 does not exist; use 1",
        ));
    }
    for stakeholder in file.stakeholders {
        let stakeholder = stakeholder.into_owned();
        let subject = Subject::Stakeholder(stakeholder.id(), stakeholder.name.clone());
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
        relationship.pending = record.pending;
        for (n, o) in record.observations.into_iter().enumerate() {
            // Both checked, so that an observation with a bad date and a bad strength
            // reports the two at once.
            let date = o.date.parse::<Date>();
            let strength = Strength::try_from(o.strength);
            match (date, strength) {
                (Ok(date), Ok(strength)) => relationship.observations.push(
                    Observation::new(date, strength, o.tone)
                        .with_interaction(o.via)
                        .with_note(o.note)
                        .with_recorded_by(o.recorded_by),
                ),
                (date, strength) => {
                    let subject = match date {
                        Ok(date) => Subject::ObservationOn(record.id, date),
                        Err(e) => {
                            let subject = Subject::Observation(record.id, n + 1);
                            problems.push(Problem::new(subject.clone(), e.to_string()));
                            subject
                        }
                    };
                    if let Err(e) = strength {
                        problems.push(Problem::new(subject, e.to_string()));
                    }
                }
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
        let relationships = record
            .relationships
            .into_iter()
            .map(|r| {
                let strength = Strength::try_from(r.strength).unwrap_or_else(|e| {
                    problems.push(Problem::new(
                        Subject::Baseline(record.name.to_string()),
                        format!(
                            "relationship {} has strength {} ({} to {})",
                            r.id,
                            e.value(),
                            Strength::MIN,
                            Strength::MAX
                        ),
                    ));
                    // Never seen (the map is refused), but kept so that validation still
                    // finds a relationship listed twice.
                    Strength::clamped(r.strength)
                });
                BaselineRelationship {
                    id: r.id,
                    strength,
                    tone: r.tone,
                }
            })
            .collect();
        match record.date.parse::<Date>() {
            Ok(date) => {
                let mut baseline = Baseline {
                    name: record.name.into_owned(),
                    date,
                    stakeholders: record.stakeholders,
                    relationships,
                };
                // Stable sorts: duplicates, reported by validation, keep their order.
                baseline.sort();
                map.baselines_unchecked().push(baseline);
            }
            Err(e) => problems.push(Problem::new(
                Subject::Baseline(record.name.into_owned()),
                e.to_string(),
            )),
        }
    }
    map.baselines_unchecked()
        .sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    let composed = map.compose_text();
    problems.extend(map.validate());
    if problems.is_empty() {
        Ok((map, composed))
    } else {
        Err(problems)
    }
}

/// The canonical text of a map: the same map always gives the same bytes. Text is written
/// in NFC, baselines sorted by date and name and their lists by id.
pub fn to_ron(map: &Map) -> String {
    let composed;
    let map = if map.is_composed() {
        map
    } else {
        composed = {
            let mut copy = map.clone();
            copy.compose_text();
            copy
        };
        &composed
    };
    let mut baselines: Vec<&Baseline> = map.baselines().iter().collect();
    baselines.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    let file = MapFile {
        format: Cow::Borrowed(FORMAT_MARKER),
        version: FORMAT_VERSION,
        views: map.views.iter().map(Cow::Borrowed).collect(),
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
        baselines: baselines
            .into_iter()
            .map(|b| {
                let mut b = Cow::Borrowed(b);
                if !b.is_sorted() {
                    b.to_mut().sort();
                }
                b
            })
            .map(|b| BaselineRecord {
                name: Cow::Owned(b.name.clone()),
                date: Cow::Owned(b.date.to_string()),
                stakeholders: b.stakeholders.clone(),
                relationships: b
                    .relationships
                    .iter()
                    .map(|r| BaselineRelationshipRecord {
                        id: r.id,
                        strength: i64::from(r.strength.get()),
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
    let text = ron::Options::default()
        .to_string_pretty(&file, config)
        // Serialising plain structs, strings and numbers cannot fail.
        .unwrap_or_default();
    let mut text = unescape_needless(text);
    text.push('\n');
    text
}

/// Undoes the escapes ron writes that RON does not need: ron escapes strings with Rust's
/// `char::escape_debug`, which writes every combining mark, joiner and unprintable
/// character as `\u{...}` and `'` as `\'`. This writes them as themselves, keeping
/// `\"`, `\\` and the escapes of [`must_escape`] (controls, bidirectional overrides).
///
/// The only quotes in ron's output open and close strings (the map has no `char` fields),
/// so a single pass tells string from structure.
fn unescape_needless(text: String) -> String {
    if !text.contains('\\') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\\' => match chars.next() {
                Some('\'') => out.push('\''),
                Some('u') => {
                    let mut escape = String::from("\\u");
                    let mut hex = String::new();
                    for d in chars.by_ref() {
                        escape.push(d);
                        if d == '}' {
                            break;
                        }
                        if d != '{' {
                            hex.push(d);
                        }
                    }
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(decoded) if !must_escape(decoded) && decoded != '"' => {
                            out.push(decoded);
                        }
                        _ => out.push_str(&escape),
                    }
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

fn relationship_record(r: &Relationship) -> RelationshipRecord<'_> {
    let mut observations: Vec<&Observation> = r.observations.iter().collect();
    observations.sort_by_key(|o| o.date); // stable: same-day entries keep their order
    RelationshipRecord {
        id: r.id(),
        from: r.from(),
        to: r.to(),
        kind: r.kind,
        directed: r.directed,
        owner: Cow::Borrowed(&r.owner),
        notes: Cow::Borrowed(&r.notes),
        pending: r.pending.clone(),
        observations: observations
            .into_iter()
            .map(|o| ObservationRecord {
                date: Cow::Owned(o.date.to_string()),
                strength: i64::from(o.strength.get()),
                tone: o.tone,
                via: o.interaction,
                note: Cow::Borrowed(&o.note),
                recorded_by: Cow::Borrowed(&o.recorded_by),
            })
            .collect(),
    }
}

/// Saves a map atomically in its canonical form, keeping the previous file as `.bak`, with
/// [`SaveOptions::default`]: a read-only file, a file with comments and a file another
/// save holds are refused (see [`save_with`]). Warnings are dropped.
pub fn save(map: &Map, path: &Path) -> Result<(), SaveError> {
    save_with(map, path, &SaveOptions::default()).map(|_| ())
}

/// Saves a map in its canonical form through [`super::write_atomically_with`] (links
/// followed, one save at a time, owner, group and permissions kept, `.bak` kept).
///
/// Besides the errors of a save, a file on disk whose text has comments is refused with
/// [`SaveError::CommentsDropped`] unless [`SaveOptions::drop_comments`] is set: the
/// canonical form has no comments. Text that is not a readable map counts as none.
///
/// When the comments are dropped (the option is set), the text that had them is first
/// copied to [`super::next_commented_path`] beside the file (links followed), and
/// [`SaveWarning::CommentsKept`] says where: the `.bak` alone would lose them at the next
/// save.
pub fn save_with(map: &Map, path: &Path, options: &SaveOptions) -> Result<Saved, SaveError> {
    let text = to_ron(map);
    // Read before the save replaces it; copied only once the save succeeded, so that a
    // save that fails leaves nothing behind.
    let commented = options
        .drop_comments
        .then(|| super::resolve_links(path).ok())
        .flatten()
        .and_then(|target| {
            let permissions = std::fs::metadata(&target).ok()?.permissions();
            Some((read_text(&target).ok()?, target, permissions))
        })
        .filter(|(old, ..)| comment_count(old) > 0);
    let check = |target: &Path| {
        if options.drop_comments {
            return Ok(());
        }
        let count = read_text(target).map_or(0, |old| comment_count(&old));
        if count == 0 {
            Ok(())
        } else {
            Err(SaveError::CommentsDropped {
                path: path.to_path_buf(),
                count,
            })
        }
    };
    let mut saved = replace(path, options, check, |file| file.write_all(text.as_bytes()))?;
    if let Some((old, target, permissions)) = commented {
        let count = comment_count(&old);
        let copy = super::next_commented_path(&target);
        // As private as the map (its permissions, not the umask's).
        let written = std::fs::write(&copy, old.as_bytes())
            .and_then(|()| std::fs::set_permissions(&copy, permissions));
        saved.warnings.push(match written {
            Ok(()) => SaveWarning::CommentsKept { count, copy },
            Err(source) => SaveWarning::CommentsNotKept {
                count,
                copy,
                source,
            },
        });
    }
    Ok(saved)
}
