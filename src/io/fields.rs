//! The vocabulary the exchange formats share: how stakeholder and relationship fields are
//! named in other tools' files (columns, GraphML keys, GEXF attributes, Kumu fields), how
//! kinds, tones and levels are spelled, and the observation log as JSON text.
//!
//! Names are matched without regard to case, spaces, `_` or `-` ("Desired engagement",
//! `desired_engagement` and `DesiredEngagement` are one name).

use crate::model::{
    Date, Engagement, InteractionKind, Observation, RelationshipKind, SaraStage, StakeholderKind,
    Strength, Tone,
};
use serde::{Deserialize, Serialize};

/// A name reduced to lower-case letters and digits, for matching: composed into Unicode
/// NFC first, so "é" typed as `e` and a combining accent matches "é" typed as one.
pub fn normalise(name: &str) -> String {
    crate::model::text::nfc(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A stakeholder field as other tools name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeField {
    /// The id in the file (`Id`, `ID`, `_id`).
    Id,
    /// The name (`Label`, `Name`, `Nom`).
    Label,
    /// The kind (`Kind`, `Type`, `element type`).
    Kind,
    /// Free text.
    Description,
    /// Sector (`Sector`, `Secteur`).
    Sector,
    /// Neighbourhood or area.
    Area,
    /// Tags, `|`-separated in one cell.
    Tags,
    /// Influence 1-5.
    Influence,
    /// Interest 1-5.
    Interest,
    /// Engagement now.
    Engagement,
    /// Engagement wanted.
    DesiredEngagement,
    /// SARA stage of an issue.
    SaraStage,
    /// Priority 1-5 of an issue.
    Priority,
    /// The confidential flag.
    Confidential,
    /// Pinned against layouts.
    Pinned,
    /// Horizontal position.
    X,
    /// Vertical position.
    Y,
    /// Contact: the person.
    ContactPerson,
    /// Contact: their role.
    ContactRole,
    /// Contact: email.
    ContactEmail,
    /// Contact: phone.
    ContactPhone,
    /// A visual attribute stakemap derives from the kind and influence (`size`, `color`,
    /// `shape`): read and dropped.
    Derived,
}

impl NodeField {
    /// The stakeholder field it fills, as the report names it.
    pub fn target(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Label => "name",
            Self::Kind => "kind",
            Self::Description => "description",
            Self::Sector => "sector",
            Self::Area => "area",
            Self::Tags => "tags",
            Self::Influence => "influence",
            Self::Interest => "interest",
            Self::Engagement => "engagement",
            Self::DesiredEngagement => "desired engagement",
            Self::SaraStage => "SARA stage",
            Self::Priority => "priority",
            Self::Confidential => "confidential",
            Self::Pinned => "pinned",
            Self::X => "position x",
            Self::Y => "position y",
            Self::ContactPerson => "contact person",
            Self::ContactRole => "contact role",
            Self::ContactEmail => "contact email",
            Self::ContactPhone => "contact phone",
            Self::Derived => "nothing (derived from kind and influence)",
        }
    }
}

/// The stakeholder field a column, key or attribute name stands for, if any.
pub fn node_field(name: &str) -> Option<NodeField> {
    Some(match normalise(name).as_str() {
        "id" | "nodeid" | "key" => NodeField::Id,
        "label" | "name" | "nom" | "title" => NodeField::Label,
        "kind" | "type" | "elementtype" | "category" | "stakeholderkind" => NodeField::Kind,
        "description" | "desc" | "notes" | "note" => NodeField::Description,
        "sector" | "secteur" => NodeField::Sector,
        "area" | "neighbourhood" | "neighborhood" | "quartier" | "ward" => NodeField::Area,
        "tags" | "tag" | "keywords" => NodeField::Tags,
        "influence" | "power" => NodeField::Influence,
        "interest" => NodeField::Interest,
        "engagement" | "currentengagement" => NodeField::Engagement,
        "desiredengagement" => NodeField::DesiredEngagement,
        "sarastage" | "sara" => NodeField::SaraStage,
        "priority" => NodeField::Priority,
        "confidential" => NodeField::Confidential,
        "pinned" => NodeField::Pinned,
        "x" => NodeField::X,
        "y" => NodeField::Y,
        "contactperson" | "contact" => NodeField::ContactPerson,
        "contactrole" | "role" => NodeField::ContactRole,
        "contactemail" | "email" | "mail" => NodeField::ContactEmail,
        "contactphone" | "phone" | "telephone" | "tel" => NodeField::ContactPhone,
        "size" | "color" | "colour" | "r" | "g" | "b" | "shape" | "shapetype" | "z" => {
            NodeField::Derived
        }
        _ => return None,
    })
}

/// A relationship field as other tools name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeField {
    /// The id in the file.
    Id,
    /// The stakeholder it starts from (`Source`, `From`).
    From,
    /// The stakeholder it goes to (`Target`, `To`).
    To,
    /// The relationship kind (Gephi `Kind`, Kumu `Type`).
    Kind,
    /// A label: the kind when it names one, else kept as a note.
    Label,
    /// The direction as a word (Gephi `Type`: Directed / Undirected; Kumu `direction`:
    /// directed / undirected / mutual).
    Direction,
    /// The direction as a boolean (stakemap's `directed`).
    Directed,
    /// The current strength (Gephi `Weight`, Kumu `Strength`).
    Weight,
    /// The current tone.
    Tone,
    /// The owner.
    Owner,
    /// Notes (Kumu `Description`).
    Notes,
    /// The date of the current strength (`Date`, `Last observed`).
    Date,
    /// The first observation's date: informative, recomputed from the log.
    FirstObserved,
    /// The whole observation log as JSON text (stakemap's own GraphML and GEXF).
    Observations,
    /// A visual attribute stakemap derives from strength and tone: read and dropped.
    Derived,
}

impl EdgeField {
    /// The relationship field it fills, as the report names it.
    pub fn target(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::From => "from",
            Self::To => "to",
            Self::Kind => "kind",
            Self::Label => "kind (or a note)",
            Self::Direction | Self::Directed => "direction",
            Self::Weight => "strength",
            Self::Tone => "tone",
            Self::Owner => "owner",
            Self::Notes => "notes",
            Self::Date => "date of the strength",
            Self::FirstObserved => "nothing (recomputed from the log)",
            Self::Observations => "observation log",
            Self::Derived => "nothing (derived from strength and tone)",
        }
    }
}

/// Which tool's naming a relationship sheet follows: the meaning of `Type` differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeNaming {
    /// Gephi: `Type` is the direction (Directed / Undirected), `Kind` the kind.
    Gephi,
    /// Kumu: `Type` is the kind, `direction` the direction.
    Kumu,
}

/// The relationship field a column, key or attribute name stands for, if any.
pub fn edge_field(name: &str, naming: EdgeNaming) -> Option<EdgeField> {
    Some(match normalise(name).as_str() {
        "id" | "edgeid" | "key" => EdgeField::Id,
        "source" | "from" => EdgeField::From,
        "target" | "to" => EdgeField::To,
        "type" => match naming {
            EdgeNaming::Gephi => EdgeField::Direction,
            EdgeNaming::Kumu => EdgeField::Kind,
        },
        "kind" | "connectiontype" | "relationshipkind" | "relationship" => EdgeField::Kind,
        "label" => EdgeField::Label,
        "direction" | "edgetype" => EdgeField::Direction,
        "directed" => EdgeField::Directed,
        "weight" | "strength" => EdgeField::Weight,
        "tone" => EdgeField::Tone,
        "owner" => EdgeField::Owner,
        "notes" | "note" | "description" => EdgeField::Notes,
        "date" | "lastobserved" | "observed" | "observedon" => EdgeField::Date,
        "firstobserved" => EdgeField::FirstObserved,
        "observations" | "history" => EdgeField::Observations,
        "color" | "colour" | "thickness" | "width" | "r" | "g" | "b" => EdgeField::Derived,
        _ => return None,
    })
}

/// A stakeholder kind from its name in stakemap or another tool: Kumu's `Person` is a
/// Partner and its `Project` an Initiative. `None` for a name that is no kind.
pub fn stakeholder_kind(text: &str) -> Option<StakeholderKind> {
    Some(match normalise(text).as_str() {
        "partner" | "person" | "people" | "individual" | "personne" => StakeholderKind::Partner,
        "organisation" | "organization" | "org" | "organisme" | "agency" | "group" => {
            StakeholderKind::Organisation
        }
        "issue" | "problem" | "enjeu" => StakeholderKind::Issue,
        "initiative" | "project" | "programme" | "program" | "projet" | "activity" => {
            StakeholderKind::Initiative
        }
        _ => return None,
    })
}

/// A relationship kind from its name as people write it: "works on", "Works On",
/// `WorksOn` and "works-on" are all [`RelationshipKind::WorksOn`].
pub fn relationship_kind(text: &str) -> Option<RelationshipKind> {
    Some(match normalise(text).as_str() {
        "partnership" | "partner" | "partners" => RelationshipKind::Partnership,
        "membership" | "memberof" | "member" => RelationshipKind::Membership,
        "workson" | "worksfor" => RelationshipKind::WorksOn,
        "funds" | "funding" | "funder" => RelationshipKind::Funds,
        "reportsto" | "reporting" => RelationshipKind::ReportsTo,
        "affectedby" | "affects" => RelationshipKind::AffectedBy,
        "conflict" | "opposition" => RelationshipKind::Conflict,
        "informal" => RelationshipKind::Informal,
        _ => return None,
    })
}

/// A tone from its name (`Positive`, `neutral`, `Strained`).
pub fn tone(text: &str) -> Option<Tone> {
    Tone::ALL
        .into_iter()
        .find(|t| normalise(&t.to_string()) == normalise(text))
}

/// An engagement level from its name.
pub fn engagement(text: &str) -> Option<Engagement> {
    Engagement::ALL
        .into_iter()
        .find(|e| normalise(&e.to_string()) == normalise(text))
}

/// A SARA stage from its name.
pub fn sara_stage(text: &str) -> Option<SaraStage> {
    SaraStage::ALL
        .into_iter()
        .find(|s| normalise(&s.to_string()) == normalise(text))
}

/// A yes/no value as files spell it (`true`, `false`, `yes`, `no`, `1`, `0`, `oui`, `non`).
pub fn boolean(text: &str) -> Option<bool> {
    match normalise(text).as_str() {
        "true" | "yes" | "y" | "1" | "oui" | "vrai" => Some(true),
        "false" | "no" | "n" | "0" | "non" | "faux" | "" => Some(false),
        _ => None,
    }
}

/// Tags joined into one cell with `|` (Kumu's convention); a `|` inside a tag becomes
/// `/` so that the cell splits back into the same tags.
pub fn join_tags(tags: &[String]) -> String {
    let cleaned: Vec<String> = tags.iter().map(|t| t.replace('|', "/")).collect();
    cleaned.join("|")
}

/// Tags from one cell: split on `|`, trimmed, empty ones dropped.
pub fn split_tags(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One observation in the JSON text stakemap writes into GraphML and GEXF, so the whole
/// log travels (the files' own structures hold one number per time span).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservationRecord {
    date: String,
    /// Any whole number, not a [`Strength`], so that one out of range gets the model's
    /// own message rather than serde's.
    strength: i64,
    tone: Tone,
    via: InteractionKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    recorded_by: String,
}

/// A relationship's log as one line of JSON, oldest first (same-day entries in their
/// recorded order): `[{"date":"2025-01-15","strength":2,"tone":"Neutral","via":"Meeting"}]`.
pub fn observations_to_json(observations: &[Observation]) -> String {
    let mut sorted: Vec<&Observation> = observations.iter().collect();
    sorted.sort_by_key(|o| o.date);
    let records: Vec<ObservationRecord> = sorted
        .into_iter()
        .map(|o| ObservationRecord {
            date: o.date.to_string(),
            strength: i64::from(o.strength.get()),
            tone: o.tone,
            via: o.interaction,
            note: o.note.clone(),
            recorded_by: o.recorded_by.clone(),
        })
        .collect();
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string(&records).unwrap_or_default()
}

/// The log read back from [`observations_to_json`] text, or why it is not one.
pub fn observations_from_json(text: &str) -> Result<Vec<Observation>, String> {
    let records: Vec<ObservationRecord> =
        serde_json::from_str(text).map_err(|e| format!("not a stakemap observation log: {e}"))?;
    records
        .into_iter()
        .map(|r| {
            let date: Date = r
                .date
                .parse()
                .map_err(|e: crate::model::DateError| e.to_string())?;
            let strength = Strength::try_from(r.strength).map_err(|e| e.to_string())?;
            Ok(Observation::new(date, strength, r.tone)
                .with_interaction(r.via)
                .with_note(r.note)
                .with_recorded_by(r.recorded_by))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_their_case_and_spacing() {
        assert_eq!(
            node_field("Desired engagement"),
            Some(NodeField::DesiredEngagement)
        );
        assert_eq!(
            node_field("desired_engagement"),
            Some(NodeField::DesiredEngagement)
        );
        assert_eq!(node_field("Secteur"), Some(NodeField::Sector));
        assert_eq!(node_field("url"), None);
        assert_eq!(
            edge_field("Type", EdgeNaming::Gephi),
            Some(EdgeField::Direction)
        );
        assert_eq!(edge_field("Type", EdgeNaming::Kumu), Some(EdgeField::Kind));
        assert_eq!(
            relationship_kind("Works On"),
            Some(RelationshipKind::WorksOn)
        );
        assert_eq!(
            relationship_kind("works on"),
            Some(RelationshipKind::WorksOn)
        );
        assert_eq!(
            relationship_kind("ReportsTo"),
            Some(RelationshipKind::ReportsTo)
        );
        assert_eq!(relationship_kind("friendship"), None);
        assert_eq!(stakeholder_kind("Person"), Some(StakeholderKind::Partner));
        assert_eq!(
            stakeholder_kind("Project"),
            Some(StakeholderKind::Initiative)
        );
        assert_eq!(stakeholder_kind("Volunteer"), None);
        for kind in RelationshipKind::ALL {
            assert_eq!(relationship_kind(&kind.to_string()), Some(kind));
        }
    }

    #[test]
    fn tags_split_and_join() {
        assert_eq!(
            split_tags("cpc|volunteers|police"),
            ["cpc", "volunteers", "police"]
        );
        assert_eq!(split_tags("liaison | officer"), ["liaison", "officer"]);
        assert_eq!(split_tags("youth|sport|"), ["youth", "sport"]);
        let tags = vec!["a|b".to_owned(), "c".to_owned()];
        assert_eq!(split_tags(&join_tags(&tags)), ["a/b", "c"]);
    }

    #[test]
    fn the_log_round_trips_through_json() {
        let log = vec![
            Observation::new(
                "2025-01-15".parse().expect("date"),
                Strength::NETWORKING,
                Tone::Neutral,
            )
            .with_interaction(InteractionKind::JointInitiative)
            .with_note("Basketball \"nights\""),
        ];
        let text = observations_to_json(&log);
        assert_eq!(
            text,
            r#"[{"date":"2025-01-15","strength":2,"tone":"Neutral","via":"JointInitiative","note":"Basketball \"nights\""}]"#
        );
        assert_eq!(observations_from_json(&text), Ok(log));
        assert!(
            observations_from_json(
                r#"[{"date":"2025-02-30","strength":2,"tone":"Neutral","via":"Call"}]"#
            )
            .is_err()
        );
        assert!(observations_from_json("three").is_err());
        assert_eq!(
            observations_from_json(
                r#"[{"date":"2025-02-01","strength":6,"tone":"Neutral","via":"Call"}]"#
            ),
            Err("strength 6 is out of range (0 to 5)".to_owned())
        );
    }
}
