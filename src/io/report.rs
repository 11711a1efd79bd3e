//! The change report: what changed between two moments of a map ([`Comparison`]), written
//! as Markdown for people, CSV for spreadsheets (formula-safe) or JSON for programs. The
//! window, `stakemap diff` and any export write reports here, after the redaction pass.

use crate::analysis::{Comparison, MapDiff, relationship_name};
use crate::model::{Map, Relationship, RelationshipId, StakeholderId, Strength, Tone};
use serde::Serialize;

/// The forms a change report takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportFormat {
    /// A readable Markdown report.
    #[default]
    Markdown,
    /// One row a change, for spreadsheets.
    Csv,
    /// For other programs.
    Json,
}

/// The change report of a comparison in a format.
///
/// # Errors
/// Only when the CSV or JSON writer fails ([`ReportError`]).
pub fn report(comparison: &Comparison, format: ReportFormat) -> Result<String, ReportError> {
    let (d, before, after) = (&comparison.changes, &comparison.before, &comparison.after);
    let (from, to) = (&comparison.from_label, &comparison.to_label);
    let (people, ties) = comparison.deleted_since;
    match format {
        ReportFormat::Markdown => {
            let mut text = to_markdown(d, before, after, from, to);
            if people + ties > 0 {
                text.push_str(&format!("\n{}\n", deleted_since_sentence(people, ties)));
            }
            Ok(text)
        }
        ReportFormat::Csv => to_csv(d, before, after),
        ReportFormat::Json => {
            let text = to_json(d, before, after, from, to)?;
            if people + ties == 0 {
                return Ok(text);
            }
            let mut value: serde_json::Value = serde_json::from_str(&text)?;
            if let Some(object) = value.as_object_mut() {
                object.insert(
                    "deleted_since_baseline".to_owned(),
                    serde_json::json!({"stakeholders": people, "relationships": ties}),
                );
            }
            Ok(serde_json::to_string_pretty(&value)?)
        }
    }
}

/// What a report says of what a baseline recorded and the map no longer has.
pub fn deleted_since_sentence(stakeholders: usize, relationships: usize) -> String {
    format!(
        "{stakeholders} stakeholder(s) and {relationships} relationship(s) the baseline recorded have been deleted from the map since: a baseline keeps ids, not names, so they are counted here but not listed."
    )
}

/// [`report`] of a comparison of a map under a redaction profile, saying so: the Markdown
/// report gets a line under its title with the profile and what it left out (counts), the
/// JSON report `profile` and `left_out` fields. The CSV report, one row a change for a
/// spreadsheet, stays as it is.
///
/// # Errors
/// As [`report`].
pub fn report_under(
    comparison: &Comparison,
    format: ReportFormat,
    left_out: &crate::redaction::RedactionReport,
) -> Result<String, ReportError> {
    let text = report(comparison, format)?;
    Ok(match format {
        ReportFormat::Markdown => match text.split_once("\n\n") {
            Some((title, rest)) => format!(
                "{title}\n\n_{}._\n\n{rest}",
                escape_markdown(&left_out.sentence())
            ),
            None => text,
        },
        ReportFormat::Json => {
            let mut value: serde_json::Value = serde_json::from_str(&text)?;
            if let Some(object) = value.as_object_mut() {
                object.insert("profile".to_owned(), left_out.options.profile.name().into());
                object.insert("left_out".to_owned(), left_out.sentence().into());
            }
            serde_json::to_string_pretty(&value)?
        }
        ReportFormat::Csv => text,
    })
}

/// A change report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing CSV failed.
    #[error("could not write the CSV change report")]
    Csv(#[from] csv::Error),
    /// The CSV writer produced text that is not UTF-8.
    #[error("the CSV change report is not valid UTF-8")]
    Utf8(#[from] std::string::FromUtf8Error),
    /// Writing JSON failed.
    #[error("could not write the JSON change report")]
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
    from_strength: Option<Strength>,
    to_strength: Option<Strength>,
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
    let level = |s: Strength| format!("{s} ({})", s.name());
    match (row.from_strength, row.to_strength) {
        _ if row.change == "tone_changed" => format!(
            "{name}: tone {} -> {}",
            row.from_tone.map(|t| t.to_string()).unwrap_or_default(),
            row.to_tone.map(|t| t.to_string()).unwrap_or_default()
        ),
        (Some(from), Some(to)) => format!(
            "{name}: strength {from} -> {to} ({} -> {})",
            from.name(),
            to.name()
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
        from_strength: Option<Strength>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to_strength: Option<Strength>,
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

    use crate::analysis::diff;
    use crate::analysis::test_support::{between, map};

    use crate::model::StakeholderKind::Organisation;

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

#[cfg(test)]
mod deleted_since_tests {
    use super::*;
    use crate::analysis::{Comparison, Moment, capture};
    use crate::model::Date;

    /// Deleting a stakeholder after a baseline: a report from the baseline to today says
    /// so, though the baseline cannot name it.
    #[test]
    fn a_report_from_a_baseline_counts_what_was_deleted_since() {
        let today: Date = "2026-11-29".parse().expect("date");
        let mut map = crate::builtin::police_community();
        let baseline = capture(&map, "before", today, today);
        map.add_baseline(baseline).expect("a new name");
        let gone = map.stakeholders_by_id()[5].id();
        map.remove_stakeholder(gone);
        let comparison = Comparison::of(
            &map,
            &Moment::Baseline("before".to_owned()),
            &Moment::Date(today),
            today,
        )
        .expect("the baseline is there");
        assert_eq!(comparison.deleted_since.0, 1);
        let text = report(&comparison, ReportFormat::Markdown).expect("markdown");
        assert!(text.contains("1 stakeholder(s)"), "{text}");
        let json = report(&comparison, ReportFormat::Json).expect("json");
        assert!(json.contains("deleted_since_baseline"), "{json}");
    }
}
