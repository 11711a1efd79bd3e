//! The mapping report every import and export gives: what was mapped to what, what was
//! converted by a stated rule, kept as a tag or a note, or dropped, with counts, and every
//! bad row or element by file, line and column.

use crate::redaction::RedactionReport;
use std::collections::HashMap;
use std::fmt;

/// What happened to one part of the input (a column, a key, an attribute, a value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Carried across as it is: "column `Label` -> name".
    Mapped,
    /// Carried across by a stated rule that changes it: a kind name matched, a weight
    /// rounded to a strength, a y-axis flipped, a character dropped.
    Converted,
    /// Kept in another place: an unknown column kept as a note line, a type as a tag.
    Kept,
    /// Not carried: the format has no place for it, or stakemap has none.
    Dropped,
    /// A rule applied where the input says nothing: a missing direction, a missing date.
    Assumed,
    /// A bad row or element, named by where it is; what was done with it is said.
    Problem,
}

impl Action {
    /// Every action, in the order a report lists them.
    pub const ALL: [Self; 6] = [
        Self::Problem,
        Self::Assumed,
        Self::Converted,
        Self::Kept,
        Self::Dropped,
        Self::Mapped,
    ];

    /// The word a report line starts with.
    pub fn word(self) -> &'static str {
        match self {
            Self::Mapped => "mapped",
            Self::Converted => "converted",
            Self::Kept => "kept",
            Self::Dropped => "dropped",
            Self::Assumed => "assumed",
            Self::Problem => "problem",
        }
    }
}

/// Where in a file something is: the file as named, and a line and column from 1 when
/// known (a JSON element is named by its line; a CSV row by its line).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as the user named it.
    pub origin: String,
    /// Line from 1, when known.
    pub line: Option<u64>,
    /// Column from 1, when known.
    pub column: Option<u64>,
}

impl Location {
    /// A place in a file.
    pub fn new(origin: &str, line: Option<u64>, column: Option<u64>) -> Self {
        Self {
            origin: origin.to_owned(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One line of a report: an action, what it was done to, how many times, and where (for
/// problems, which are listed one by one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportEntry {
    /// What was done.
    pub action: Action,
    /// In words: "column `Secteur` -> sector".
    pub message: String,
    /// How many values, rows or elements it applied to.
    pub count: usize,
    /// Where, for a problem.
    pub at: Option<Location>,
}

impl fmt::Display for ReportEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<9} ", self.action.word())?;
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        f.write_str(&self.message)?;
        if self.at.is_none() && self.count != 1 {
            write!(f, " ({})", self.count)?;
        }
        Ok(())
    }
}

/// What an import or an export did, entry by entry.
///
/// Entries without a location that say the same thing are counted once with a count
/// ("kept: column `url` as a note line (12)"); problems are kept one by one with their
/// location. `lines` lists problems first, then assumptions, conversions, what was kept,
/// dropped, and mapped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappingReport {
    /// What was read or written: "nodes.csv + edges.csv (Gephi CSV)".
    pub subject: String,
    /// Stakeholders carried.
    pub stakeholders: usize,
    /// Relationships carried.
    pub relationships: usize,
    /// Observations carried.
    pub observations: usize,
    /// For an export: what the redaction profile left out before the writer saw the map.
    pub left_out: Option<RedactionReport>,
    entries: Vec<ReportEntry>,
    index: HashMap<(Action, String), usize>,
}

impl MappingReport {
    /// An empty report about a subject.
    pub fn new(subject: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            ..Self::default()
        }
    }

    /// Notes that `action` was done once to what `message` names.
    pub fn note(&mut self, action: Action, message: impl Into<String>) {
        self.note_n(action, message, 1);
    }

    /// Notes that `action` was done `count` times to what `message` names; the same
    /// action and message add up. A count of 0 notes nothing.
    pub fn note_n(&mut self, action: Action, message: impl Into<String>, count: usize) {
        if count == 0 {
            return;
        }
        let message = message.into();
        let key = (action, message);
        if let Some(&i) = self.index.get(&key) {
            self.entries[i].count += count;
            return;
        }
        self.entries.push(ReportEntry {
            action,
            message: key.1.clone(),
            count,
            at: None,
        });
        self.index.insert(key, self.entries.len() - 1);
    }

    /// Notes a bad row or element where it is, saying what was done with it.
    pub fn problem(&mut self, at: Location, message: impl Into<String>) {
        self.entries.push(ReportEntry {
            action: Action::Problem,
            message: message.into(),
            count: 1,
            at: Some(at),
        });
    }

    /// Every entry, in the order they were noted.
    pub fn entries(&self) -> &[ReportEntry] {
        &self.entries
    }

    /// The problems, in the order they were found.
    pub fn problems(&self) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(|e| e.action == Action::Problem)
    }

    /// How many times an action was done, over every entry.
    pub fn count(&self, action: Action) -> usize {
        self.entries
            .iter()
            .filter(|e| e.action == action)
            .map(|e| e.count)
            .sum()
    }

    /// Whether some entry's message contains `text` (for tests and quick checks).
    pub fn mentions(&self, text: &str) -> bool {
        self.entries.iter().any(|e| e.message.contains(text))
    }

    /// Adds another report's entries and counts to this one (two sheets of one import).
    pub fn absorb(&mut self, other: Self) {
        for entry in other.entries {
            match entry.at {
                Some(at) => self.problem(at, entry.message),
                None => self.note_n(entry.action, entry.message, entry.count),
            }
        }
    }

    /// One line: "nodes.csv + edges.csv (Gephi CSV): 3 stakeholders, 3 relationships, 3
    /// observations; 1 problem, 2 assumptions".
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{}: {} stakeholders, {} relationships, {} observations",
            self.subject, self.stakeholders, self.relationships, self.observations
        );
        let problems = self.count(Action::Problem);
        let assumed = self.entries.iter().filter(|e| e.action == Action::Assumed);
        let assumptions = assumed.count();
        if problems + assumptions > 0 {
            text.push_str(&format!(
                "; {problems} problem(s), {assumptions} assumption(s)"
            ));
        }
        text
    }

    /// The whole report as lines: the summary, what the profile left out (exports), then
    /// one line an entry, problems first.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.summary()];
        if let Some(left_out) = &self.left_out {
            lines.push(format!("  {}", left_out.sentence()));
        }
        for action in Action::ALL {
            for entry in self.entries.iter().filter(|e| e.action == action) {
                lines.push(format!("  {entry}"));
            }
        }
        lines
    }
}

impl fmt::Display for MappingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_notes_add_up_and_problems_stay_apart() {
        let mut report = MappingReport::new("nodes.csv (Gephi CSV)");
        report.note(Action::Mapped, "column `Label` -> name");
        report.note_n(Action::Mapped, "column `Label` -> name", 2);
        report.note_n(Action::Kept, "column `url` as a note line", 0);
        report.problem(
            Location::new("nodes.csv", Some(4), Some(2)),
            "influence `three` is not a number: left unscored",
        );
        report.problem(
            Location::new("nodes.csv", Some(5), None),
            "no Id: row skipped",
        );
        assert_eq!(report.entries().len(), 3);
        assert_eq!(report.count(Action::Mapped), 3);
        assert_eq!(report.count(Action::Problem), 2);
        let lines = report.lines();
        assert_eq!(
            lines[1],
            "  problem   nodes.csv:4:2: influence `three` is not a number: left unscored"
        );
        assert_eq!(lines[2], "  problem   nodes.csv:5: no Id: row skipped");
        assert_eq!(lines[3], "  mapped    column `Label` -> name (3)");
        assert!(lines[0].ends_with("; 2 problem(s), 0 assumption(s)"));
    }
}
