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
        stakeholders: then.stakeholders_by_id().iter().map(|s| s.id()).collect(),
        relationships: then
            .relationships_by_id()
            .iter()
            .map(|r| BaselineRelationship {
                id: r.id(),
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
    then.baselines_unchecked().clear();
    let keep_stakeholders: std::collections::HashSet<_> =
        baseline.stakeholders.iter().copied().collect();
    let recorded: std::collections::HashMap<_, _> =
        baseline.relationships.iter().map(|r| (r.id, *r)).collect();
    for r in map.relationships_by_id() {
        match recorded.get(&r.id()) {
            Some(b) => {
                if let Some(slot) = then.relationship_mut(r.id()) {
                    slot.observations = vec![
                        Observation::new(baseline.date, b.strength, b.tone)
                            .with_interaction(InteractionKind::Other)
                            .with_note(format!("baseline “{}”", baseline.name)),
                    ];
                }
            }
            None => {
                then.remove_relationship(r.id());
            }
        }
    }
    for s in map.stakeholders_by_id() {
        if !keep_stakeholders.contains(&s.id()) {
            then.remove_stakeholder(s.id());
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

/// The prefix that chooses a baseline by name whatever the name looks like:
/// `baseline:2025-06-30` is the baseline named "2025-06-30", not the date.
pub const BASELINE_PREFIX: &str = "baseline:";

/// A text that names no moment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MomentError {
    /// It is written like a date but is not a day of the calendar (`2025-02-30`), or not
    /// written `YYYY-MM-DD` (`2025-6-1`).
    #[error("{0} is not a date (YYYY-MM-DD)")]
    NotADate(String),
    /// Nothing was given.
    #[error("no date or baseline given")]
    Empty,
}

impl Moment {
    /// Reads a moment as a person types it:
    ///
    /// - `baseline:NAME` is the baseline NAME, whatever NAME looks like;
    /// - `YYYY-MM-DD` is that date;
    /// - anything else written like a date ([`Date::looks_like`]: `2025-02-30`, `2025-6-1`,
    ///   `14/03/2025`) is a mistaken date, [`MomentError::NotADate`], never a baseline name;
    /// - anything else is a baseline name.
    pub fn read(text: &str) -> Result<Self, MomentError> {
        if let Some(name) = text.strip_prefix(BASELINE_PREFIX) {
            return Ok(Self::Baseline(name.to_owned()));
        }
        if text.trim().is_empty() {
            return Err(MomentError::Empty);
        }
        match text.parse() {
            Ok(date) => Ok(Self::Date(date)),
            Err(_) if Date::looks_like(text) => Err(MomentError::NotADate(text.to_owned())),
            Err(_) => Ok(Self::Baseline(text.to_owned())),
        }
    }

    /// Reads `YYYY-MM-DD` as a date and anything else as a baseline name; prefer
    /// [`Moment::read`], which tells a mistyped date from a name.
    pub fn parse(text: &str) -> Self {
        Self::read(text).unwrap_or_else(|_| Self::Baseline(text.to_owned()))
    }

    /// How a person would type it back for [`Moment::read`]: the date, the baseline's
    /// name, or `baseline:NAME` when the name alone would read as something else.
    pub fn text(&self) -> String {
        match self {
            Self::Date(date) => date.to_string(),
            Self::Baseline(name) => match Self::read(name) {
                Ok(Self::Baseline(same)) if &same == name => name.clone(),
                _ => format!("{BASELINE_PREFIX}{name}"),
            },
        }
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
    /// Stakeholders and relationships a compared baseline recorded that have since been
    /// deleted from the map: a baseline keeps ids, not names, so they can be counted but
    /// neither named nor drawn.
    pub deleted_since: (usize, usize),
}

impl Comparison {
    /// Compares `map` at two moments, or `None` when either names a baseline it lacks.
    pub fn of(map: &Map, from: &Moment, to: &Moment, today: Date) -> Option<Self> {
        let before = from.map(map, today)?;
        let after = to.map(map, today)?;
        let changes = super::diff(&before, &after);
        let mut deleted_since = (0, 0);
        for moment in [from, to] {
            if let Moment::Baseline(name) = moment
                && let Some(b) = map.baseline(name)
            {
                deleted_since.0 += b
                    .stakeholders
                    .iter()
                    .filter(|&&id| map.stakeholder(id).is_none())
                    .count();
                deleted_since.1 += b
                    .relationships
                    .iter()
                    .filter(|r| map.relationship(r.id).is_none())
                    .count();
            }
        }
        Some(Self {
            before,
            after,
            changes,
            from_label: from.label(map),
            to_label: to.label(map),
            deleted_since,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::diff;

    #[test]
    fn moments_are_dates_baselines_or_mistakes() {
        let date = |t: &str| Moment::Date(t.parse().expect("date"));
        let named = |t: &str| Moment::Baseline(t.to_owned());
        assert_eq!(Moment::read("2025-06-30"), Ok(date("2025-06-30")));
        assert_eq!(Moment::read("Mid 2025"), Ok(named("Mid 2025")));
        assert_eq!(Moment::read("baseline:2025-06-30"), Ok(named("2025-06-30")));
        assert_eq!(Moment::read("baseline:Mid 2025"), Ok(named("Mid 2025")));
        for wrong in ["2025-02-30", "2025-13-01", "2025-6-1", "14/03/2025"] {
            assert_eq!(
                Moment::read(wrong),
                Err(MomentError::NotADate(wrong.to_owned()))
            );
        }
        assert_eq!(
            MomentError::NotADate("2025-02-30".into()).to_string(),
            "2025-02-30 is not a date (YYYY-MM-DD)"
        );
        assert_eq!(Moment::read(" "), Err(MomentError::Empty));
        for moment in [date("2025-06-30"), named("Mid 2025"), named("2025-06-30")] {
            assert_eq!(Moment::read(&moment.text()), Ok(moment.clone()));
        }
    }

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
                as_of.relationship(r.id()).map(|a| a.strength())
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
        let ids: Vec<_> = map.relationships().map(|r| r.id()).collect();
        for id in ids {
            if let Some(r) = map.relationship_mut(id) {
                r.observations.retain(|o| o.date > date);
            }
        }
        assert!(map_as_of(&map, date, today).relationship_count() < before.relationship_count());
        assert!(diff(&before, &baseline_map(&map, &baseline)).is_empty());
    }
}
