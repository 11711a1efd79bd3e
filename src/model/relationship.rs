//! Relationships between stakeholders and the dated log of observations that tracks their
//! strength over time.

use super::date::Date;
use super::ids::{RelationshipId, StakeholderId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What joins two stakeholders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationshipKind {
    /// Working together as equals.
    Partnership,
    /// A person in an organisation, or an organisation in a larger one.
    Membership,
    /// A stakeholder addresses an issue.
    WorksOn,
    /// One funds the other.
    Funds,
    /// One reports to the other.
    ReportsTo,
    /// A stakeholder affected by an issue.
    AffectedBy,
    /// An open disagreement or opposition.
    Conflict,
    /// Knows and talks, with no formal tie.
    Informal,
}

impl RelationshipKind {
    /// Every kind, in the order legends list them.
    pub const ALL: [Self; 8] = [
        Self::Partnership,
        Self::Membership,
        Self::WorksOn,
        Self::Funds,
        Self::ReportsTo,
        Self::AffectedBy,
        Self::Conflict,
        Self::Informal,
    ];

    /// Whether a relationship of this kind usually reads with a direction ("works on").
    pub fn usually_directed(self) -> bool {
        !matches!(self, Self::Partnership | Self::Conflict | Self::Informal)
    }
}

impl fmt::Display for RelationshipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Partnership => "Partnership",
            Self::Membership => "Membership",
            Self::WorksOn => "Works on",
            Self::Funds => "Funds",
            Self::ReportsTo => "Reports to",
            Self::AffectedBy => "Affected by",
            Self::Conflict => "Conflict",
            Self::Informal => "Informal",
        })
    }
}

/// The feel of an interaction, apart from its strength: a strong tie can be strained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tone {
    /// Warm, constructive.
    Positive,
    /// Businesslike.
    Neutral,
    /// Tense or difficult.
    Strained,
}

impl Tone {
    /// Every tone.
    pub const ALL: [Self; 3] = [Self::Positive, Self::Neutral, Self::Strained];
}

impl fmt::Display for Tone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// What kind of contact an observation records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum InteractionKind {
    /// A meeting.
    Meeting,
    /// A public or partner consultation.
    Consultation,
    /// An event.
    Event,
    /// A phone or video call.
    Call,
    /// An email exchange.
    Email,
    /// Working side by side on an initiative.
    JointInitiative,
    /// Anything else.
    Other,
}

impl InteractionKind {
    /// Every kind.
    pub const ALL: [Self; 7] = [
        Self::Meeting,
        Self::Consultation,
        Self::Event,
        Self::Call,
        Self::Email,
        Self::JointInitiative,
        Self::Other,
    ];
}

impl fmt::Display for InteractionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Meeting => "Meeting",
            Self::Consultation => "Consultation",
            Self::Event => "Event",
            Self::Call => "Call",
            Self::Email => "Email",
            Self::JointInitiative => "Joint initiative",
            Self::Other => "Other",
        })
    }
}

/// The highest strength on the continuum of collaboration (collaborating).
pub const MAX_STRENGTH: u8 = 5;

/// The names of the strength levels 0-5 (after Himmelman).
pub const STRENGTH_NAMES: [&str; 6] = [
    "none",
    "aware",
    "networking",
    "coordinating",
    "cooperating",
    "collaborating",
];

/// One dated observation of a relationship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    /// The day of the interaction.
    pub date: Date,
    /// Strength it showed, 0 (none) to 5 (collaborating).
    pub strength: u8,
    /// Its tone.
    pub tone: Tone,
    /// What kind of contact it was.
    pub interaction: InteractionKind,
    /// A short note.
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// A relationship between two stakeholders. Several may join the same pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    /// Stable id, unique within the map.
    id: RelationshipId,
    // The endpoints are private: the map's graph keeps an edge between them, and the two
    // must not drift apart. `Map::reconnect` changes them.
    from: StakeholderId,
    to: StakeholderId,
    /// What kind of relationship it is.
    pub kind: RelationshipKind,
    /// Whether it reads with a direction, from `from` to `to`.
    pub directed: bool,
    /// The officer or staff member who holds it.
    pub owner: String,
    /// Free text.
    pub notes: String,
    /// Dated observations, oldest first once the map is saved.
    pub observations: Vec<Observation>,
}

/// The strength of a relationship that has no observation yet: "aware" (1). Drawing a line
/// at all says the two know of each other, but nothing more has been seen.
pub const UNOBSERVED_STRENGTH: u8 = 1;

/// The tone of a relationship that has no observation yet.
pub const UNOBSERVED_TONE: Tone = Tone::Neutral;

impl Relationship {
    /// Its id. Fixed while it is on a map: the map finds its relationships by id, so the
    /// field is private and no mutable borrow ([`super::Map::relationship_mut`]) can change
    /// it:
    ///
    /// ```compile_fail
    /// use stakemap::model::{Relationship, RelationshipId, RelationshipKind, StakeholderId};
    /// let mut r = Relationship::new(
    ///     RelationshipId(1),
    ///     StakeholderId(1),
    ///     StakeholderId(2),
    ///     RelationshipKind::Partnership,
    /// );
    /// r.id = RelationshipId(2); // private field
    /// ```
    pub fn id(&self) -> RelationshipId {
        self.id
    }

    /// The same relationship under another id: for one that is not on a map yet (a paste,
    /// an import), before it is added.
    #[must_use]
    pub fn with_id(self, id: RelationshipId) -> Self {
        Self { id, ..self }
    }

    /// The sign written between its ends' names: "→" when it reads with a direction, "—"
    /// when it does not. The one place relationships are named from; both signs are in the
    /// bundled font, so every menu, list and label draws them.
    pub fn joint(&self) -> &'static str {
        if self.directed { "→" } else { "—" }
    }

    /// A relationship with no observations; directed as its kind usually reads.
    pub fn new(
        id: RelationshipId,
        from: StakeholderId,
        to: StakeholderId,
        kind: RelationshipKind,
    ) -> Self {
        Self {
            id,
            from,
            to,
            kind,
            directed: kind.usually_directed(),
            owner: String::new(),
            notes: String::new(),
            observations: Vec::new(),
        }
    }

    /// The stakeholder it starts from (the subject: "A works on B").
    pub fn from(&self) -> StakeholderId {
        self.from
    }

    /// The stakeholder it goes to.
    pub fn to(&self) -> StakeholderId {
        self.to
    }

    pub(crate) fn set_endpoints(&mut self, from: StakeholderId, to: StakeholderId) {
        self.from = from;
        self.to = to;
    }

    /// The latest observation: the last by date, and among several on one day the one
    /// recorded last.
    pub fn latest(&self) -> Option<&Observation> {
        // max_by_key returns the last maximum, so equal dates resolve to the later entry.
        self.observations.iter().max_by_key(|o| o.date)
    }

    /// Current strength: the latest observation's, or [`UNOBSERVED_STRENGTH`].
    pub fn strength(&self) -> u8 {
        self.latest().map_or(UNOBSERVED_STRENGTH, |o| o.strength)
    }

    /// Current tone: the latest observation's, or [`UNOBSERVED_TONE`].
    pub fn tone(&self) -> Tone {
        self.latest().map_or(UNOBSERVED_TONE, |o| o.tone)
    }

    /// The latest observation made on or before `date`, if any.
    pub fn latest_as_of(&self, date: Date) -> Option<&Observation> {
        self.observations
            .iter()
            .filter(|o| o.date <= date)
            .max_by_key(|o| o.date)
    }

    /// Sorts the log oldest first; observations on the same day keep their order.
    pub fn sort_observations(&mut self) {
        self.observations.sort_by_key(|o| o.date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observation(date: &str, strength: u8, tone: Tone) -> Observation {
        Observation {
            date: date.parse().expect("test date"),
            strength,
            tone,
            interaction: InteractionKind::Meeting,
            note: String::new(),
            recorded_by: String::new(),
        }
    }

    fn relationship() -> Relationship {
        Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::Partnership,
        )
    }

    #[test]
    fn unobserved_relationship_has_the_documented_default() {
        let r = relationship();
        assert_eq!(r.strength(), UNOBSERVED_STRENGTH);
        assert_eq!(r.tone(), UNOBSERVED_TONE);
    }

    #[test]
    fn current_strength_is_the_latest_by_date_not_by_position() {
        let mut r = relationship();
        r.observations = vec![
            observation("2025-06-01", 4, Tone::Positive),
            observation("2024-01-01", 2, Tone::Strained),
        ];
        assert_eq!(r.strength(), 4);
        assert_eq!(r.tone(), Tone::Positive);
    }

    #[test]
    fn same_day_resolves_to_the_one_recorded_last() {
        let mut r = relationship();
        r.observations = vec![
            observation("2025-06-01", 4, Tone::Positive),
            observation("2025-06-01", 2, Tone::Strained),
        ];
        assert_eq!(r.strength(), 2);
        r.sort_observations();
        assert_eq!(r.strength(), 2, "sorting keeps same-day order");
    }

    #[test]
    fn as_of_ignores_later_observations() {
        let mut r = relationship();
        r.observations = vec![
            observation("2024-01-01", 2, Tone::Neutral),
            observation("2025-06-01", 4, Tone::Positive),
        ];
        let mid = "2024-12-31".parse().expect("date");
        assert_eq!(r.latest_as_of(mid).map(|o| o.strength), Some(2));
        let before = "2023-12-31".parse().expect("date");
        assert!(r.latest_as_of(before).is_none());
    }
}
