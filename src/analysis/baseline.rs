//! Baselines: capturing the map as it stood on a date under a name, and turning a baseline
//! back into a map to compare with.

use super::as_of::map_as_of;
use crate::model::{Baseline, BaselineRelationship, Date, InteractionKind, Map, Observation};

/// The baseline of `map` on `date`, named `name` (`today` as for [`map_as_of`]).
pub fn capture(map: &Map, name: &str, date: Date, today: Date) -> Baseline {
    let then = map_as_of(map, date, today);
    Baseline {
        name: name.to_owned(),
        date,
        stakeholders: then.stakeholders_by_id().iter().map(|s| s.id).collect(),
        relationships: then
            .relationships_by_id()
            .iter()
            .map(|r| BaselineRelationship {
                id: r.id,
                strength: r.strength(),
                tone: r.tone(),
            })
            .collect(),
    }
}

/// The map as a baseline recorded it, to compare with another date or baseline.
///
/// Names, kinds and endpoints come from `map` as it is now; stakeholders and relationships
/// deleted since the baseline cannot be shown and are left out. Each relationship carries
/// one observation, on the baseline's date, with the strength and tone recorded then.
pub fn baseline_map(map: &Map, baseline: &Baseline) -> Map {
    let mut then = map.clone();
    then.baselines.clear();
    let keep_stakeholders: std::collections::HashSet<_> =
        baseline.stakeholders.iter().copied().collect();
    let recorded: std::collections::HashMap<_, _> =
        baseline.relationships.iter().map(|r| (r.id, *r)).collect();
    for r in map.relationships_by_id() {
        match recorded.get(&r.id) {
            Some(b) => {
                if let Some(slot) = then.relationship_mut(r.id) {
                    slot.observations = vec![Observation {
                        date: baseline.date,
                        strength: b.strength,
                        tone: b.tone,
                        interaction: InteractionKind::Other,
                        note: format!("baseline “{}”", baseline.name),
                        recorded_by: String::new(),
                    }];
                }
            }
            None => {
                then.remove_relationship(r.id);
            }
        }
    }
    for s in map.stakeholders_by_id() {
        if !keep_stakeholders.contains(&s.id) {
            then.remove_stakeholder(s.id);
        }
    }
    then
}

/// A point to compare: a date, or a named baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    /// The map as of this date.
    Date(Date),
    /// The map as this baseline recorded it.
    Baseline(String),
}

impl Moment {
    /// Reads `YYYY-MM-DD` as a date and anything else as a baseline name.
    pub fn parse(text: &str) -> Self {
        text.parse()
            .map_or_else(|_| Self::Baseline(text.to_owned()), Self::Date)
    }

    /// How reports name it: the date, or the baseline's name and date.
    pub fn label(&self, map: &Map) -> String {
        match self {
            Self::Date(date) => date.to_string(),
            Self::Baseline(name) => map
                .baseline(name)
                .map_or_else(|| name.clone(), |b| format!("{} ({})", b.name, b.date)),
        }
    }

    /// Whether the map has this moment: any date, or a baseline it keeps. Cheap, unlike
    /// [`Moment::map`].
    pub fn is_in(&self, map: &Map) -> bool {
        match self {
            Self::Date(_) => true,
            Self::Baseline(name) => map.baseline(name).is_some(),
        }
    }

    /// The map at this moment, or `None` for a baseline the map does not have.
    pub fn map(&self, map: &Map, today: Date) -> Option<Map> {
        match self {
            Self::Date(date) => Some(map_as_of(map, *date, today)),
            Self::Baseline(name) => map.baseline(name).map(|b| baseline_map(map, b)),
        }
    }
}

/// Two moments of a map side by side: the map at each, and what changed between them.
/// The window's comparison mode, its change report and `stakemap diff` all start here.
pub struct Comparison {
    /// The map at the earlier moment.
    pub before: Map,
    /// The map at the later moment.
    pub after: Map,
    /// What changed.
    pub changes: super::MapDiff,
    /// How reports name the earlier moment.
    pub from_label: String,
    /// How reports name the later moment.
    pub to_label: String,
}

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

impl Comparison {
    /// Compares `map` at two moments, or `None` when either names a baseline it lacks.
    pub fn of(map: &Map, from: &Moment, to: &Moment, today: Date) -> Option<Self> {
        let before = from.map(map, today)?;
        let after = to.map(map, today)?;
        let changes = super::diff(&before, &after);
        Some(Self {
            before,
            after,
            changes,
            from_label: from.label(map),
            to_label: to.label(map),
        })
    }

    /// The change report in a format.
    pub fn report(&self, format: ReportFormat) -> Result<String, super::ReportError> {
        let (d, before, after) = (&self.changes, &self.before, &self.after);
        match format {
            ReportFormat::Markdown => Ok(super::to_markdown(
                d,
                before,
                after,
                &self.from_label,
                &self.to_label,
            )),
            ReportFormat::Csv => super::to_csv(d, before, after),
            ReportFormat::Json => {
                super::to_json(d, before, after, &self.from_label, &self.to_label)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::diff;

    #[test]
    fn a_baseline_gives_back_the_map_as_it_stood_then() {
        let map = crate::builtin::police_community();
        let date: Date = "2025-06-30".parse().expect("date");
        let today: Date = "2026-11-28".parse().expect("date");
        let baseline = capture(&map, "Mid 2025", date, today);
        let as_of = map_as_of(&map, date, today);
        assert_eq!(baseline.relationships.len(), as_of.relationship_count());
        let rebuilt = baseline_map(&map, &baseline);
        assert!(
            diff(&as_of, &rebuilt).is_empty(),
            "same relationships, strengths and tones"
        );
        for r in rebuilt.relationships() {
            assert_eq!(
                Some(r.strength()),
                as_of.relationship(r.id).map(|a| a.strength())
            );
        }
    }

    #[test]
    fn a_baseline_does_not_move_when_old_logs_are_corrected() {
        let mut map = crate::builtin::police_community();
        let date: Date = "2025-06-30".parse().expect("date");
        let today: Date = "2026-11-28".parse().expect("date");
        let baseline = capture(&map, "Mid 2025", date, today);
        let before = baseline_map(&map, &baseline);
        // Someone deletes every observation made before the baseline date.
        let ids: Vec<_> = map.relationships().map(|r| r.id).collect();
        for id in ids {
            if let Some(r) = map.relationship_mut(id) {
                r.observations.retain(|o| o.date > date);
            }
        }
        assert!(map_as_of(&map, date, today).relationship_count() < before.relationship_count());
        assert!(diff(&before, &baseline_map(&map, &baseline)).is_empty());
    }
}
