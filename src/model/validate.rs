//! Checks that a map makes sense, reporting every problem at once, each naming the
//! stakeholder or relationship it is about.

use super::ids::{RelationshipId, StakeholderId};
use super::map::Map;
use super::relationship::MAX_STRENGTH;
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
    ObservationOn(RelationshipId, super::Date),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Map => f.write_str("map"),
            Self::Stakeholder(id, name) if name.trim().is_empty() => {
                write!(f, "stakeholder {id}")
            }
            Self::Stakeholder(id, name) => write!(f, "stakeholder {id} \"{name}\""),
            Self::Relationship(id) => write!(f, "relationship {id}"),
            Self::Observation(id, n) => write!(f, "relationship {id}, observation {n}"),
            Self::ObservationOn(id, date) => {
                write!(f, "relationship {id}, observation of {date}")
            }
        }
    }
}

/// One thing wrong with a map.
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

/// Checks a score that must lie in 1..=5 when present.
fn check_score(problems: &mut Vec<Problem>, subject: &Subject, what: &str, value: Option<u8>) {
    if let Some(v) = value
        && !(1..=5).contains(&v)
    {
        problems.push(Problem::new(
            subject.clone(),
            format!("{what} {v} is out of range (1 to 5)"),
        ));
    }
}

impl Map {
    /// Every problem with this map, stakeholders then relationships, each in id order;
    /// empty when the map is valid.
    ///
    /// Ids and endpoints are consistent by construction (the map refuses duplicates and
    /// dangling relationships); this checks values: names, scores, strengths, positions.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push(Problem::new(Subject::Map, "the title is empty"));
        }
        let mut names = std::collections::HashSet::new();
        for b in &self.baselines {
            if b.name.trim().is_empty() {
                problems.push(Problem::new(
                    Subject::Map,
                    format!("the baseline of {} has no name", b.date),
                ));
            } else if !names.insert(b.name.as_str()) {
                problems.push(Problem::new(
                    Subject::Map,
                    format!("two baselines are named \"{}\"", b.name),
                ));
            }
            if let Some(r) = b.relationships.iter().find(|r| r.strength > MAX_STRENGTH) {
                problems.push(Problem::new(
                    Subject::Map,
                    format!(
                        "baseline \"{}\": relationship {} has strength {} (0 to {MAX_STRENGTH})",
                        b.name, r.id, r.strength
                    ),
                ));
            }
        }
        for s in self.stakeholders_by_id() {
            let subject = Subject::Stakeholder(s.id, s.name.clone());
            if s.name.trim().is_empty() {
                problems.push(Problem::new(subject.clone(), "the name is empty"));
            }
            check_score(&mut problems, &subject, "influence", s.influence);
            check_score(&mut problems, &subject, "interest", s.interest);
            check_score(&mut problems, &subject, "priority", s.priority);
            if let Some(p) = s.position
                && !p.is_finite()
            {
                problems.push(Problem::new(
                    subject.clone(),
                    format!("position ({}, {}) is not a finite number", p.0, p.1),
                ));
            }
        }
        for r in self.relationships_by_id() {
            for o in &r.observations {
                if o.strength > MAX_STRENGTH {
                    problems.push(Problem::new(
                        Subject::ObservationOn(r.id, o.date),
                        format!(
                            "strength {} is out of range (0 to {MAX_STRENGTH})",
                            o.strength
                        ),
                    ));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        InteractionKind, Observation, Position, Relationship, RelationshipKind, Stakeholder,
        StakeholderKind, Tone,
    };

    #[test]
    fn reports_every_problem_naming_its_subject() {
        let mut map = Map::new("t");
        let mut bad = Stakeholder::new(StakeholderId(1), StakeholderKind::Partner, " ");
        bad.influence = Some(7);
        bad.position = Some(Position(f32::NAN, 0.0));
        map.add_stakeholder(bad).expect("fresh");
        let mut ok = Stakeholder::new(StakeholderId(2), StakeholderKind::Issue, "Trust");
        ok.priority = Some(0);
        map.add_stakeholder(ok).expect("fresh");
        let mut r = Relationship::new(
            RelationshipId(4),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::WorksOn,
        );
        r.observations.push(Observation {
            date: "2025-01-01".parse().expect("date"),
            strength: 6,
            tone: Tone::Neutral,
            interaction: InteractionKind::Call,
            note: String::new(),
            recorded_by: String::new(),
        });
        map.add_relationship(r).expect("ends exist");

        let lines: Vec<String> = map.validate().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "stakeholder #1: the name is empty",
                "stakeholder #1: influence 7 is out of range (1 to 5)",
                "stakeholder #1: position (NaN, 0) is not a finite number",
                "stakeholder #2 \"Trust\": priority 0 is out of range (1 to 5)",
                "relationship #4, observation of 2025-01-01: strength 6 is out of range (0 to 5)",
            ]
        );
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
