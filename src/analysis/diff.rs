//! What changed between two maps (two dates of one map, or two saved baselines), and the
//! change report written as Markdown, CSV or JSON.

use super::trend::strength_name;
use crate::model::{Map, Relationship, RelationshipId, StakeholderId, Tone};
use serde::Serialize;

/// What happened to a stakeholder or relationship between two moments being compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// On the map at the later moment only.
    Added,
    /// On the map at the earlier moment only.
    Removed,
    /// Stronger at the later moment.
    Strengthened,
    /// Weaker at the later moment.
    Weakened,
}

impl Change {
    /// Every change, in legend order.
    pub const ALL: [Self; 4] = [
        Self::Added,
        Self::Removed,
        Self::Strengthened,
        Self::Weakened,
    ];

    /// How the legend names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::Removed => "Removed",
            Self::Strengthened => "Strengthened",
            Self::Weakened => "Weakened",
        }
    }
}

/// A relationship whose strength differs between the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StrengthChange {
    /// The relationship.
    pub id: RelationshipId,
    /// Its strength before.
    pub from: u8,
    /// Its strength after.
    pub to: u8,
}

/// A relationship whose tone differs between the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ToneChange {
    /// The relationship.
    pub id: RelationshipId,
    /// Its tone before.
    pub from: Tone,
    /// Its tone after.
    pub to: Tone,
}

/// The differences between two maps, matched by id; every list sorted by id.
///
/// Strength and tone are each map's current ones ([`Relationship::strength`],
/// [`Relationship::tone`]); compare `map_as_of` results to compare dates. A relationship in
/// both maps can be in `strengthened` or `weakened` and in `tone_changed` at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MapDiff {
    /// Stakeholders only in the later map.
    pub stakeholders_added: Vec<StakeholderId>,
    /// Stakeholders only in the earlier map.
    pub stakeholders_removed: Vec<StakeholderId>,
    /// Relationships only in the later map.
    pub relationships_added: Vec<RelationshipId>,
    /// Relationships only in the earlier map.
    pub relationships_removed: Vec<RelationshipId>,
    /// Relationships in both, stronger in the later map.
    pub strengthened: Vec<StrengthChange>,
    /// Relationships in both, weaker in the later map.
    pub weakened: Vec<StrengthChange>,
    /// Relationships in both whose tone changed.
    pub tone_changed: Vec<ToneChange>,
}

impl MapDiff {
    /// Whether the two maps hold the same stakeholders and relationships, at the same
    /// strengths and tones.
    pub fn is_empty(&self) -> bool {
        self.stakeholders_added.is_empty()
            && self.stakeholders_removed.is_empty()
            && self.relationships_added.is_empty()
            && self.relationships_removed.is_empty()
            && self.strengthened.is_empty()
            && self.weakened.is_empty()
            && self.tone_changed.is_empty()
    }
}

/// What changed from `before` to `after`.
///
/// Only membership, strength and tone are compared; names, notes, positions and other
/// fields are not (a change report is about the partnership, not the drawing).
pub fn diff(before: &Map, after: &Map) -> MapDiff {
    let mut d = MapDiff::default();
    for s in after.stakeholders_by_id() {
        if before.stakeholder(s.id).is_none() {
            d.stakeholders_added.push(s.id);
        }
    }
    for s in before.stakeholders_by_id() {
        if after.stakeholder(s.id).is_none() {
            d.stakeholders_removed.push(s.id);
        }
    }
    for r in before.relationships_by_id() {
        if after.relationship(r.id).is_none() {
            d.relationships_removed.push(r.id);
        }
    }
    for new in after.relationships_by_id() {
        let Some(old) = before.relationship(new.id) else {
            d.relationships_added.push(new.id);
            continue;
        };
        let change = StrengthChange {
            id: new.id,
            from: old.strength(),
            to: new.strength(),
        };
        if change.to > change.from {
            d.strengthened.push(change);
        } else if change.to < change.from {
            d.weakened.push(change);
        }
        if old.tone() != new.tone() {
            d.tone_changed.push(ToneChange {
                id: new.id,
                from: old.tone(),
                to: new.tone(),
            });
        }
    }
    d
}

/// A relationship's name on a map, from its endpoints' names: "Youth Services — Eastview
/// CPC", with "→" for one that reads with a direction; its id ("#12") when it is not on
/// the map.
pub fn relationship_name(map: &Map, id: RelationshipId) -> String {
    map.relationship(id)
        .map_or_else(|| id.to_string(), |r| named(map, r))
}

fn named(map: &Map, r: &Relationship) -> String {
    let end = |id: StakeholderId| {
        map.stakeholder(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let joint = if r.directed { "→" } else { "—" };
    format!("{} {joint} {}", end(r.from()), end(r.to()))
}

/// A change report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing CSV failed.
    #[error("could not write the CSV change report: {0}")]
    Csv(#[from] csv::Error),
    /// The CSV writer produced text that is not UTF-8.
    #[error("the CSV change report is not valid UTF-8: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
    /// Writing JSON failed.
    #[error("could not write the JSON change report: {0}")]
    Json(#[from] serde_json::Error),
}

/// One line of a change report, in the order reports list them: what, and how it changed.
/// Every renderer reads these, so the three formats say the same thing.
struct Row {
    /// `stakeholder_added`, ..., named as the [`MapDiff`] field it comes from.
    change: &'static str,
    /// The stakeholder's or relationship's kind, as people read it ("Works on").
    kind: String,
    /// The kind as the file format writes it ("WorksOn"), for JSON.
    kind_id: String,
    id: u64,
    name: String,
    from_strength: Option<u8>,
    to_strength: Option<u8>,
    from_tone: Option<Tone>,
    to_tone: Option<Tone>,
}

/// The headings of the Markdown sections, by change, in report order.
const SECTIONS: [(&str, &str, &str); 7] = [
    (
        "stakeholders_added",
        "Stakeholders added",
        "stakeholders added",
    ),
    (
        "stakeholders_removed",
        "Stakeholders removed",
        "stakeholders removed",
    ),
    (
        "relationships_added",
        "Relationships added",
        "relationships added",
    ),
    (
        "relationships_removed",
        "Relationships removed",
        "relationships removed",
    ),
    ("strengthened", "Strengthened", "relationships strengthened"),
    ("weakened", "Weakened", "relationships weakened"),
    ("tone_changed", "Tone changed", "tones changed"),
];

fn rows(d: &MapDiff, before: &Map, after: &Map) -> Vec<Row> {
    let stakeholder_row = |change, map: &Map, id: StakeholderId| {
        let s = map.stakeholder(id);
        Row {
            change,
            kind: s.map(|s| s.kind.to_string()).unwrap_or_default(),
            kind_id: s.map(|s| format!("{:?}", s.kind)).unwrap_or_default(),
            id: id.0,
            name: s.map_or_else(|| id.to_string(), |s| s.name.clone()),
            from_strength: None,
            to_strength: None,
            from_tone: None,
            to_tone: None,
        }
    };
    let relationship_row = |change, id: RelationshipId| {
        let old = before.relationship(id);
        let new = after.relationship(id);
        // Name from the later map when it has the relationship: names may have changed.
        let (map, r) = match (new, old) {
            (Some(r), _) => (after, Some(r)),
            (None, r) => (before, r),
        };
        Row {
            change,
            kind: r.map(|r| r.kind.to_string()).unwrap_or_default(),
            kind_id: r.map(|r| format!("{:?}", r.kind)).unwrap_or_default(),
            id: id.0,
            name: relationship_name(map, id),
            from_strength: old.map(Relationship::strength),
            to_strength: new.map(Relationship::strength),
            from_tone: old.map(Relationship::tone),
            to_tone: new.map(Relationship::tone),
        }
    };
    let mut rows = Vec::new();
    rows.extend(
        d.stakeholders_added
            .iter()
            .map(|&id| stakeholder_row("stakeholders_added", after, id)),
    );
    rows.extend(
        d.stakeholders_removed
            .iter()
            .map(|&id| stakeholder_row("stakeholders_removed", before, id)),
    );
    for (change, ids) in [
        ("relationships_added", &d.relationships_added),
        ("relationships_removed", &d.relationships_removed),
    ] {
        rows.extend(ids.iter().map(|&id| relationship_row(change, id)));
    }
    for (change, list) in [("strengthened", &d.strengthened), ("weakened", &d.weakened)] {
        rows.extend(list.iter().map(|c| relationship_row(change, c.id)));
    }
    rows.extend(
        d.tone_changed
            .iter()
            .map(|c| relationship_row("tone_changed", c.id)),
    );
    rows
}

/// A readable change report in Markdown: a heading with the two labels, the count of each
/// kind of change, then a section per kind of change naming what changed ("Youth Services —
/// Eastview CPC: strength 2 -> 4 (networking -> cooperating)").
///
/// Names come from the maps as given: pass redacted maps for a public report.
pub fn to_markdown(
    d: &MapDiff,
    before: &Map,
    after: &Map,
    from_label: &str,
    to_label: &str,
) -> String {
    let rows = rows(d, before, after);
    let mut out = format!(
        "# Changes from {} to {}\n\n",
        escape_markdown(from_label),
        escape_markdown(to_label)
    );
    if rows.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for (change, _, counted) in SECTIONS {
        let n = rows.iter().filter(|r| r.change == change).count();
        out.push_str(&format!("- {n} {counted}\n"));
    }
    for (change, heading, _) in SECTIONS {
        let mut section = rows.iter().filter(|r| r.change == change).peekable();
        if section.peek().is_none() {
            continue;
        }
        out.push_str(&format!("\n## {heading}\n\n"));
        for row in section {
            out.push_str(&format!("- {}\n", markdown_line(row)));
        }
    }
    out
}

fn markdown_line(row: &Row) -> String {
    let name = escape_markdown(&row.name);
    let level = |s: u8| format!("{s} ({})", strength_name(s));
    match (row.from_strength, row.to_strength) {
        _ if row.change == "tone_changed" => format!(
            "{name}: tone {} -> {}",
            row.from_tone.map(|t| t.to_string()).unwrap_or_default(),
            row.to_tone.map(|t| t.to_string()).unwrap_or_default()
        ),
        (Some(from), Some(to)) => format!(
            "{name}: strength {from} -> {to} ({} -> {})",
            strength_name(from),
            strength_name(to)
        ),
        (None, Some(to)) => format!("{name} ({}), strength {}", row.kind, level(to)),
        (Some(from), None) => format!("{name} ({}), was strength {}", row.kind, level(from)),
        (None, None) => format!("{name} ({})", row.kind),
    }
}

/// Backslash-escapes what Markdown would read as formatting, so a name prints as written;
/// a newline becomes a space (it would break the list item), and control characters and
/// bidirectional overrides are written as escapes (`\u{1b}`): a report is read on a
/// terminal too, where they would move the cursor or reverse the rest of the line.
fn escape_markdown(text: &str) -> String {
    let flat = text.replace(['\n', '\r'], " ");
    let shown = crate::model::text::escape_controls(&flat);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The change report as CSV, one row per change in report order, with a header:
/// `change,kind,id,name,from_strength,to_strength,from_tone,to_tone`.
///
/// Written like every CSV stakemap writes ([`crate::io::spreadsheet::SafeCsvWriter`]): a
/// UTF-8 byte-order mark first, so Excel reads accents, and every cell a spreadsheet would
/// run as a formula (`=`, `+`, `-`, `@`, tab, CR first) given a leading apostrophe.
///
/// `change` names the [`MapDiff`] list (`relationships_added`, `strengthened`, ...) and so
/// tells stakeholder ids from relationship ids; `kind` is the stakeholder's or
/// relationship's kind as people read it; strengths and tones are empty where a side has no
/// such relationship (and for stakeholders). The labels are not written: the file is a table.
pub fn to_csv(d: &MapDiff, before: &Map, after: &Map) -> Result<String, ReportError> {
    let mut writer =
        crate::io::spreadsheet::SafeCsvWriter::new(Vec::new()).map_err(csv::Error::from)?;
    writer.write_record([
        "change",
        "kind",
        "id",
        "name",
        "from_strength",
        "to_strength",
        "from_tone",
        "to_tone",
    ])?;
    let text = |v: Option<String>| v.unwrap_or_default();
    for row in rows(d, before, after) {
        writer.write_record([
            row.change.to_owned(),
            row.kind,
            row.id.to_string(),
            row.name,
            text(row.from_strength.map(|s| s.to_string())),
            text(row.to_strength.map(|s| s.to_string())),
            text(row.from_tone.map(|t| t.to_string())),
            text(row.to_tone.map(|t| t.to_string())),
        ])?;
    }
    let bytes = writer.into_inner()?;
    Ok(String::from_utf8(bytes)?)
}

/// The change report as pretty-printed JSON: the labels, the counts, and one list per kind
/// of change, each entry with its id, name and kind (as the file format spells it), plus
/// strengths and tones where they apply.
pub fn to_json(
    d: &MapDiff,
    before: &Map,
    after: &Map,
    from_label: &str,
    to_label: &str,
) -> Result<String, ReportError> {
    #[derive(Serialize)]
    struct Entry {
        id: u64,
        name: String,
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        from_strength: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to_strength: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        from_tone: Option<Tone>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to_tone: Option<Tone>,
    }
    /// One list per kind of change, in report order; serialised as an object whose keys
    /// are the [`MapDiff`] field names.
    struct Lists(Vec<(&'static str, Vec<Entry>)>);
    impl Serialize for Lists {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (change, list) in &self.0 {
                map.serialize_entry(change, list)?;
            }
            map.end()
        }
    }
    struct Counts<'a>(&'a Lists);
    impl Serialize for Counts<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(self.0.0.len()))?;
            for (change, list) in &self.0.0 {
                map.serialize_entry(change, &list.len())?;
            }
            map.end()
        }
    }
    #[derive(Serialize)]
    struct Report<'a> {
        from: &'a str,
        to: &'a str,
        counts: Counts<'a>,
        changes: &'a Lists,
    }
    let mut lists = Lists(
        SECTIONS
            .iter()
            .map(|&(change, _, _)| (change, Vec::new()))
            .collect(),
    );
    for row in rows(d, before, after) {
        if let Some((_, list)) = lists.0.iter_mut().find(|(c, _)| *c == row.change) {
            list.push(Entry {
                id: row.id,
                name: row.name,
                kind: row.kind_id,
                from_strength: row.from_strength,
                to_strength: row.to_strength,
                from_tone: row.from_tone,
                to_tone: row.to_tone,
            });
        }
    }
    let report = Report {
        from: from_label,
        to: to_label,
        counts: Counts(&lists),
        changes: &lists,
    };
    Ok(serde_json::to_string_pretty(&report)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::as_of::map_as_of;
    use crate::analysis::test_support::{date, map, observation, relationship};
    use crate::model::RelationshipKind::{Partnership, WorksOn};
    use crate::model::StakeholderKind::{Issue, Organisation};
    use crate::model::{Relationship, Stakeholder, StakeholderKind};

    fn sample() -> Map {
        let mut strained = relationship(3, 2, 3, Partnership, &[]);
        strained.observations = vec![
            observation("2025-01-01", 3, Tone::Positive),
            observation("2025-08-01", 3, Tone::Strained),
        ];
        map(
            &[
                (1, Organisation, "Youth Services"),
                (2, Organisation, "Eastview CPC"),
                (3, Issue, "Youth engagement"),
            ],
            vec![
                relationship(
                    1,
                    1,
                    2,
                    Partnership,
                    &[("2025-01-10", 2), ("2025-09-01", 4)],
                ),
                relationship(2, 1, 3, WorksOn, &[("2025-02-01", 4), ("2025-10-01", 1)]),
                strained,
                relationship(4, 2, 3, WorksOn, &[("2025-06-15", 3)]),
            ],
        )
    }

    fn between() -> (Map, Map) {
        let m = sample();
        let today = date("2026-01-01");
        (
            map_as_of(&m, date("2025-03-01"), today),
            map_as_of(&m, date("2025-12-01"), today),
        )
    }

    #[test]
    fn a_map_compared_with_itself_has_no_changes() {
        let m = sample();
        let d = diff(&m, &m);
        assert!(d.is_empty());
        assert_eq!(d, MapDiff::default());
        assert_eq!(
            to_markdown(&d, &m, &m, "a", "b"),
            "# Changes from a to b\n\nNo changes.\n"
        );
    }

    #[test]
    fn changes_between_two_dates() {
        let (before, after) = between();
        let d = diff(&before, &after);
        assert_eq!(
            d.relationships_added,
            [RelationshipId(4)],
            "first seen 2025-06-15"
        );
        assert!(d.relationships_removed.is_empty());
        assert_eq!(
            d.strengthened,
            [StrengthChange {
                id: RelationshipId(1),
                from: 2,
                to: 4
            }]
        );
        assert_eq!(
            d.weakened,
            [StrengthChange {
                id: RelationshipId(2),
                from: 4,
                to: 1
            }]
        );
        assert_eq!(
            d.tone_changed,
            [ToneChange {
                id: RelationshipId(3),
                from: Tone::Positive,
                to: Tone::Strained
            }]
        );
        assert!(d.stakeholders_added.is_empty() && d.stakeholders_removed.is_empty());
    }

    #[test]
    fn stakeholders_and_relationships_added_and_removed_are_sorted_by_id() {
        let before = sample();
        let mut after = sample();
        after.remove_stakeholder(StakeholderId(3)); // takes relationships 2, 3 and 4
        for id in [9, 5] {
            after
                .add_stakeholder(Stakeholder::new(
                    StakeholderId(id),
                    StakeholderKind::Partner,
                    format!("P{id}"),
                ))
                .expect("fresh");
        }
        after
            .add_relationship(Relationship::new(
                RelationshipId(8),
                StakeholderId(9),
                StakeholderId(5),
                Partnership,
            ))
            .expect("ends exist");
        let d = diff(&before, &after);
        assert_eq!(d.stakeholders_added, [StakeholderId(5), StakeholderId(9)]);
        assert_eq!(d.stakeholders_removed, [StakeholderId(3)]);
        assert_eq!(
            d.relationships_removed,
            [RelationshipId(2), RelationshipId(3), RelationshipId(4)]
        );
        assert_eq!(d.relationships_added, [RelationshipId(8)]);
    }

    #[test]
    fn markdown_counts_then_names_each_change() {
        let (before, after) = between();
        let d = diff(&before, &after);
        let text = to_markdown(&d, &before, &after, "1 March 2025", "1 December 2025");
        let expected = "\
# Changes from 1 March 2025 to 1 December 2025

- 0 stakeholders added
- 0 stakeholders removed
- 1 relationships added
- 0 relationships removed
- 1 relationships strengthened
- 1 relationships weakened
- 1 tones changed

## Relationships added

- Eastview CPC → Youth engagement (Works on), strength 3 (coordinating)

## Strengthened

- Youth Services — Eastview CPC: strength 2 -> 4 (networking -> cooperating)

## Weakened

- Youth Services → Youth engagement: strength 4 -> 1 (cooperating -> aware)

## Tone changed

- Eastview CPC — Youth engagement: tone Positive -> Strained
";
        assert_eq!(text, expected);
    }

    #[test]
    fn markdown_escapes_names() {
        let before = map(&[], vec![]);
        let after = map(&[(1, Organisation, "*Bold* | [link]")], vec![]);
        let text = to_markdown(&diff(&before, &after), &before, &after, "a", "b");
        assert!(
            text.contains("- \\*Bold\\* \\| \\[link\\] (Organisation)\n"),
            "{text}"
        );
    }

    #[test]
    fn markdown_escapes_what_would_reach_a_terminal_raw() {
        let before = map(&[], vec![]);
        let after = map(
            &[(
                1,
                Organisation,
                "Evil\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}reversed\nforged",
            )],
            vec![],
        );
        let text = to_markdown(&diff(&before, &after), &before, &after, "a", "b");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        assert!(
            text.contains("- Evil\\\\u{1b}\\]0;owned"),
            "escaped for the eye, then for Markdown: {text}"
        );
        assert!(text.contains("reversed forged"), "{text}");
    }

    #[test]
    fn csv_quotes_names_and_reads_back() {
        let (before, mut after) = between();
        after
            .stakeholder_mut(StakeholderId(1))
            .expect("on the map")
            .name = "Youth Services, \"East\"".to_owned();
        let d = diff(&before, &after);
        let text = to_csv(&d, &before, &after).expect("writes");
        let text = text
            .strip_prefix(crate::io::spreadsheet::UTF8_BOM)
            .expect("starts with a byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().expect("header").clone();
        assert_eq!(
            header.iter().collect::<Vec<_>>(),
            [
                "change",
                "kind",
                "id",
                "name",
                "from_strength",
                "to_strength",
                "from_tone",
                "to_tone"
            ]
        );
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("valid CSV");
        assert_eq!(records.len(), 4);
        let strengthened = &records[1];
        assert_eq!(
            strengthened.iter().collect::<Vec<_>>(),
            [
                "strengthened",
                "Partnership",
                "1",
                "Youth Services, \"East\" — Eastview CPC",
                "2",
                "4",
                "Neutral",
                "Neutral"
            ]
        );
        assert_eq!(&records[0][0], "relationships_added");
        assert_eq!(&records[0][4], "", "no strength before it was added");
    }

    #[test]
    fn csv_neutralises_formulas_in_names() {
        let before = map(&[], vec![]);
        let after = map(
            &[(1, Organisation, "=HYPERLINK(\"http://evil\",\"x\")")],
            vec![],
        );
        let text = to_csv(&diff(&before, &after), &before, &after).expect("writes");
        assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
        let mut reader = csv::Reader::from_reader(&text.as_bytes()[3..]);
        let row = reader.records().next().expect("a row").expect("valid");
        assert_eq!(&row[3], "'=HYPERLINK(\"http://evil\",\"x\")");
    }

    #[test]
    fn json_has_labels_counts_and_entries() {
        let (before, after) = between();
        let d = diff(&before, &after);
        let text = to_json(&d, &before, &after, "2025-03-01", "2025-12-01").expect("writes");
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["from"], "2025-03-01");
        assert_eq!(value["to"], "2025-12-01");
        assert_eq!(value["counts"]["strengthened"], 1);
        assert_eq!(value["counts"]["stakeholders_added"], 0);
        let weakened = &value["changes"]["weakened"][0];
        assert_eq!(weakened["id"], 2);
        assert_eq!(weakened["kind"], "WorksOn");
        assert_eq!(weakened["from_strength"], 4);
        assert_eq!(weakened["to_strength"], 1);
        assert_eq!(value["changes"]["tone_changed"][0]["to_tone"], "Strained");
    }
}
