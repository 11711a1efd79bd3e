//! Relationships between stakeholders and the dated log of observations that tracks their
//! strength over time.

use super::date::Date;
use super::ids::{RelationshipId, StakeholderId};
use super::strength::Strength;
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

/// One dated observation of a relationship: what an interaction showed of its strength and
/// tone. Made with [`Observation::new`] and the `with_*` methods (code outside the crate
/// cannot write it as a literal, so a new field never breaks it); the fields are public for
/// reading and for editing in place.
///
/// ```
/// use stakemap::model::{InteractionKind, Observation, Strength, Tone};
/// let o = Observation::new("2025-06-02".parse()?, Strength::COORDINATING, Tone::Positive)
///     .with_interaction(InteractionKind::JointInitiative)
///     .with_note("Basketball nights")
///     .with_recorded_by("Sgt. R. Okafor");
/// assert_eq!(o.strength.name(), "coordinating");
/// # Ok::<(), stakemap::model::DateError>(())
/// ```
///
/// A literal does not compile outside the crate:
///
/// ```compile_fail
/// use stakemap::model::{InteractionKind, Observation, Strength, Tone};
/// let o = Observation {
///     date: "2025-06-02".parse().expect("a date"),
///     strength: Strength::COORDINATING,
///     tone: Tone::Positive,
///     interaction: InteractionKind::Meeting,
///     note: String::new(),
///     recorded_by: String::new(),
/// }; // non-exhaustive struct
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Observation {
    /// The day of the interaction.
    pub date: Date,
    /// The strength it showed.
    pub strength: Strength,
    /// Its tone.
    pub tone: Tone,
    /// What kind of contact it was.
    pub interaction: InteractionKind,
    /// A short note.
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
}

impl Observation {
    /// The interaction new observations are: a meeting, as the window's "Log an
    /// interaction" records one.
    pub const DEFAULT_INTERACTION: InteractionKind = InteractionKind::Meeting;

    /// An observation of a [`Self::DEFAULT_INTERACTION`] on `date`, with no note and no
    /// recorder.
    pub fn new(date: Date, strength: Strength, tone: Tone) -> Self {
        Self {
            date,
            strength,
            tone,
            interaction: Self::DEFAULT_INTERACTION,
            note: String::new(),
            recorded_by: String::new(),
        }
    }

    /// The same observation of another kind of contact.
    #[must_use]
    pub fn with_interaction(self, interaction: InteractionKind) -> Self {
        Self {
            interaction,
            ..self
        }
    }

    /// The same observation with a note.
    #[must_use]
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Self {
            note: note.into(),
            ..self
        }
    }

    /// The same observation, recorded by someone.
    #[must_use]
    pub fn with_recorded_by(self, recorded_by: impl Into<String>) -> Self {
        Self {
            recorded_by: recorded_by.into(),
            ..self
        }
    }
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
    /// Suggested in a workshop and not yet accepted.
    pub pending: Option<super::Pending>,
}

/// The strength of a relationship that has no observation yet: [`Strength::AWARE`]. Drawing
/// a line at all says the two know of each other, but nothing more has been seen.
pub const UNOBSERVED_STRENGTH: Strength = Strength::AWARE;

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
            pending: None,
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
    pub fn strength(&self) -> Strength {
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
        let strength = Strength::new(strength).expect("test strength");
        Observation::new(date.parse().expect("test date"), strength, tone)
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
        assert_eq!(r.strength(), Strength::COOPERATING);
        assert_eq!(r.tone(), Tone::Positive);
    }

    #[test]
    fn same_day_resolves_to_the_one_recorded_last() {
        let mut r = relationship();
        r.observations = vec![
            observation("2025-06-01", 4, Tone::Positive),
            observation("2025-06-01", 2, Tone::Strained),
        ];
        assert_eq!(r.strength(), Strength::NETWORKING);
        r.sort_observations();
        assert_eq!(
            r.strength(),
            Strength::NETWORKING,
            "sorting keeps same-day order"
        );
    }

    #[test]
    fn as_of_ignores_later_observations() {
        let mut r = relationship();
        r.observations = vec![
            observation("2024-01-01", 2, Tone::Neutral),
            observation("2025-06-01", 4, Tone::Positive),
        ];
        let mid = "2024-12-31".parse().expect("date");
        assert_eq!(
            r.latest_as_of(mid).map(|o| o.strength),
            Some(Strength::NETWORKING)
        );
        let before = "2023-12-31".parse().expect("date");
        assert!(r.latest_as_of(before).is_none());
    }
}
