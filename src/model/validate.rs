//! Checks that a map makes sense, reporting every problem at once, each naming the
//! stakeholder, relationship or baseline it is about; and warnings about what is allowed
//! but probably not meant (an observation dated in the future, a baseline named like a
//! date).

use super::date::Date;
use super::ids::{RelationshipId, StakeholderId};
use super::map::Map;
use super::text::{code_points, escape_controls, has_visible};
use std::collections::HashSet;
use std::fmt;

/// What a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The map as a whole (its header).
    Map,
    /// A stakeholder, with its name as written (possibly empty).
    Stakeholder(StakeholderId, String),
    /// A relationship.
    Relationship(RelationshipId),
    /// One observation of a relationship, numbered from 1 in the log as written (for
    /// problems found in a file before the log is read).
    Observation(RelationshipId, usize),
    /// The observation of a relationship made on a date.
    ObservationOn(RelationshipId, Date),
    /// A baseline, by its name as written (possibly empty).
    Baseline(String),
}

impl fmt::Display for Subject {
    /// Names are shown with control and bidirectional-override characters escaped
    /// ([`escape_controls`]): a name can never forge a line, move the cursor or reverse the
    /// rest of the line on a terminal or in a message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Map => f.write_str("map"),
            Self::Stakeholder(id, name) if !has_visible(name) => {
                write!(f, "stakeholder {id}")
            }
            Self::Stakeholder(id, name) => {
                write!(f, "stakeholder {id} \"{}\"", escape_controls(name))
            }
            Self::Relationship(id) => write!(f, "relationship {id}"),
            Self::Observation(id, n) => write!(f, "relationship {id}, observation {n}"),
            Self::ObservationOn(id, date) => {
                write!(f, "relationship {id}, observation of {date}")
            }
            Self::Baseline(name) => write!(f, "baseline \"{}\"", escape_controls(name)),
        }
    }
}

/// One thing wrong with a map, or (from [`Map::warnings`]) one thing worth a second look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What it is about.
    pub subject: Subject,
    /// What is wrong, in a few words.
    pub message: String,
}

impl Problem {
    /// A problem about a subject.
    pub fn new(subject: Subject, message: impl Into<String>) -> Self {
        Self {
            subject,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

/// What is wrong with a name that must show something (a stakeholder's name, the map's
/// title, a baseline's name), or `None` when it is fine: `what` names the field.
///
/// Empty and blank names are "empty"; a name made only of invisible characters (a
/// zero-width space, a direction mark, a byte-order mark, a lone combining accent ...) is
/// empty to the eye, and the message spells out what it holds.
pub fn name_problem(what: &str, name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some(format!("{what} is empty"))
    } else if !has_visible(name) {
        Some(format!(
            "{what} shows nothing: it holds only invisible characters ({})",
            code_points(name)
        ))
    } else {
        None
    }
}

/// What is wrong with a name for a new baseline, or `None`: it must show something
/// ([`name_problem`]) and must not be written like a date ([`Date::looks_like`]), since
/// `stakemap diff --from 2025-06-30` means the date.
pub fn baseline_name_problem(name: &str) -> Option<String> {
    name_problem("the name", name).or_else(|| {
        Date::looks_like(name).then(|| {
            "the name is written like a date, which would be read as the date; name it in \
             words (\"Before Police Week 2025\")"
                .to_owned()
        })
    })
}

/// Observations dated before this year are taken for typing mistakes (0205 for 2025).
pub const EARLIEST_LIKELY_YEAR: i32 = 1900;

impl Map {
    /// Every problem with this map: the title, baselines, then stakeholders in id order;
    /// empty when the map is valid.
    ///
    /// Ids and endpoints are consistent by construction (the map refuses duplicates and
    /// dangling relationships), and so are strengths and scores (their types,
    /// [`Strength`](super::Strength) and [`Score`](super::Score), hold only values in
    /// range); this checks the rest: names, positions, and baselines (names, duplicate ids:
    /// every problem, not just the first).
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(message) = name_problem("the title", &self.title) {
            problems.push(Problem::new(Subject::Map, message));
        }
        let mut names = HashSet::new();
        for b in self.baselines() {
            let subject = Subject::Baseline(b.name.clone());
            if let Some(message) = name_problem("the name", &b.name) {
                problems.push(Problem::new(
                    subject.clone(),
                    format!("{message} (the baseline of {})", b.date),
                ));
            } else if !names.insert(b.name.as_str()) {
                problems.push(Problem::new(
                    subject.clone(),
                    "two baselines have this name",
                ));
            }
            let mut seen = HashSet::new();
            for id in &b.stakeholders {
                if !seen.insert(*id) {
                    problems.push(Problem::new(
                        subject.clone(),
                        format!("stakeholder {id} is listed twice"),
                    ));
                }
            }
            let mut seen = HashSet::new();
            for r in &b.relationships {
                if !seen.insert(r.id) {
                    problems.push(Problem::new(
                        subject.clone(),
                        format!("relationship {} is listed twice", r.id),
                    ));
                }
            }
        }
        for s in self.stakeholders_by_id() {
            let subject = Subject::Stakeholder(s.id(), s.name.clone());
            if let Some(message) = name_problem("the name", &s.name) {
                problems.push(Problem::new(subject.clone(), message));
            }
            if let Some(p) = s.position
                && !p.is_finite()
            {
                problems.push(Problem::new(
                    subject.clone(),
                    format!("position ({}, {}) is not a finite number", p.0, p.1),
                ));
            }
        }
        problems
    }

    /// What is allowed but worth a second look, judged on `today` (a parameter: the model
    /// never reads the clock), in the order of [`Map::validate`]:
    ///
    /// - an observation dated after `today`: a planned interaction. It is kept, and counts
    ///   towards strength, tone and trends only from its day on (as of `today` it is not
    ///   there yet);
    /// - an observation dated before [`EARLIEST_LIKELY_YEAR`]: most likely a typing mistake;
    /// - a baseline named like a date: `diff --from 2025-06-30` means the date, so it can
    ///   only be chosen as `baseline:2025-06-30`; new ones are refused
    ///   ([`baseline_name_problem`]).
    ///
    /// Warnings never stop a map from loading.
    pub fn warnings(&self, today: Date) -> Vec<Problem> {
        let mut warnings = Vec::new();
        for b in self.baselines() {
            if Date::looks_like(&b.name) {
                warnings.push(Problem::new(
                    Subject::Baseline(b.name.clone()),
                    format!(
                        "named like a date: `{}` means the date, choose the baseline as \
                         `baseline:{}` (or rename it)",
                        escape_controls(&b.name),
                        escape_controls(&b.name)
                    ),
                ));
            }
        }
        for r in self.relationships_by_id() {
            for o in &r.observations {
                let subject = Subject::ObservationOn(r.id(), o.date);
                if o.date > today {
                    warnings.push(Problem::new(
                        subject,
                        format!(
                            "dated after today ({today}): a planned interaction, not counted \
                             until its day"
                        ),
                    ));
                } else if o.date.year() < EARLIEST_LIKELY_YEAR {
                    warnings.push(Problem::new(
                        subject,
                        format!("dated before {EARLIEST_LIKELY_YEAR}: is the year right?"),
                    ));
                }
            }
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Observation, Position, Relationship, RelationshipKind, Score, Stakeholder, StakeholderKind,
        Strength, Tone,
    };

    #[test]
    fn reports_every_problem_naming_its_subject() {
        let mut map = Map::new("t");
        let mut bad = Stakeholder::new(StakeholderId(1), StakeholderKind::Partner, " ");
        bad.influence = Some(Score::MAX);
        bad.position = Some(Position(f32::NAN, 0.0));
        map.add_stakeholder(bad).expect("fresh");
        let mut blank = Stakeholder::new(StakeholderId(2), StakeholderKind::Issue, "\u{200b}");
        blank.priority = Some(Score::MIN);
        map.add_stakeholder(blank).expect("fresh");
        let mut r = Relationship::new(
            RelationshipId(4),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::WorksOn,
        );
        let day = "2025-01-01".parse().expect("date");
        r.observations
            .push(Observation::new(day, Strength::MAX, Tone::Neutral));
        map.add_relationship(r).expect("ends exist");
        map.baselines_unchecked().push(crate::model::Baseline {
            name: "Before".into(),
            date: day,
            stakeholders: vec![StakeholderId(1), StakeholderId(1)],
            relationships: Vec::new(),
        });

        let lines: Vec<String> = map.validate().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "baseline \"Before\": stakeholder #1 is listed twice",
                "stakeholder #1: the name is empty",
                "stakeholder #1: position (NaN, 0) is not a finite number",
                "stakeholder #2: the name shows nothing: it holds only invisible characters \
                 (U+200B)",
            ]
        );
        // Out-of-range scores and strengths, which this reported before they had types,
        // cannot be put on a map at all.
        assert!(Score::new(7).is_err() && Score::new(0).is_err() && Strength::new(6).is_err());
    }

    fn observed(map: &mut Map, dates: &[&str]) {
        for id in [1, 2] {
            if map.stakeholder(StakeholderId(id)).is_none() {
                map.add_stakeholder(Stakeholder::new(
                    StakeholderId(id),
                    StakeholderKind::Partner,
                    "P",
                ))
                .expect("fresh");
            }
        }
        let mut r = Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::Partnership,
        );
        for date in dates {
            r.observations.push(Observation::new(
                date.parse().expect("date"),
                Strength::NETWORKING,
                Tone::Neutral,
            ));
        }
        map.add_relationship(r).expect("ends exist");
    }

    #[test]
    fn planned_and_unlikely_dates_are_warnings_judged_on_the_day_given() {
        let mut map = Map::new("t");
        observed(&mut map, &["0025-01-01", "2025-06-01", "2026-12-01"]);
        assert!(map.validate().is_empty(), "warnings are not problems");
        let on = |day: &str| -> Vec<String> {
            map.warnings(day.parse().expect("date"))
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            on("2026-11-29"),
            [
                "relationship #1, observation of 0025-01-01: dated before 1900: is the year right?",
                "relationship #1, observation of 2026-12-01: dated after today (2026-11-29): a \
                 planned interaction, not counted until its day",
            ]
        );
        assert_eq!(
            on("2026-12-01").len(),
            1,
            "on its day it is no longer planned"
        );
    }

    #[test]
    fn baselines_named_like_dates_are_warned_about_and_refused_when_new() {
        let mut map = Map::new("t");
        map.baselines_unchecked().push(crate::model::Baseline {
            name: "2025-06-30".into(),
            date: "2025-01-01".parse().expect("date"),
            stakeholders: Vec::new(),
            relationships: Vec::new(),
        });
        assert!(map.validate().is_empty(), "an existing one still loads");
        let warnings = map.warnings("2026-01-01".parse().expect("date"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("baseline:2025-06-30"));
        assert!(baseline_name_problem("2025-06-30").is_some());
        assert!(baseline_name_problem("14/03/2025").is_some());
        assert!(baseline_name_problem("\u{200b}").is_some());
        assert_eq!(baseline_name_problem("Before Police Week 2025"), None);
    }

    #[test]
    fn subjects_show_names_with_controls_escaped() {
        let subject = Subject::Stakeholder(StakeholderId(3), "A\u{1b}[2J\nB\u{202e}C".into());
        assert_eq!(
            subject.to_string(),
            "stakeholder #3 \"A\\u{1b}[2J\\nB\\u{202e}C\""
        );
        let baseline = Subject::Baseline("Q\u{7}".into());
        assert_eq!(baseline.to_string(), "baseline \"Q\\u{7}\"");
    }

    #[test]
    fn a_sound_map_has_no_problems() {
        let mut map = Map::new("t");
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(1),
            StakeholderKind::Partner,
            "A",
        ))
        .expect("fresh");
        assert!(map.validate().is_empty());
    }
}
