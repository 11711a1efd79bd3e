//! Stakeholders: the partners, organisations, issues and initiatives on the map.

use super::ids::StakeholderId;
use super::strength::Score;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a stakeholder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StakeholderKind {
    /// A person: a community leader, a school principal, an officer.
    Partner,
    /// An organisation or a section of one: a school, an agency, a faith group.
    Organisation,
    /// A community problem or opportunity, worked through the SARA stages.
    Issue,
    /// An activity that mobilises partners around issues.
    Initiative,
}

impl StakeholderKind {
    /// Every kind, in the order legends and summaries list them.
    pub const ALL: [Self; 4] = [
        Self::Partner,
        Self::Organisation,
        Self::Issue,
        Self::Initiative,
    ];

    /// The kind's name in the plural, lower case ("partners").
    pub fn plural(self) -> &'static str {
        match self {
            Self::Partner => "partners",
            Self::Organisation => "organisations",
            Self::Issue => "issues",
            Self::Initiative => "initiatives",
        }
    }
}

impl fmt::Display for StakeholderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Partner => "Partner",
            Self::Organisation => "Organisation",
            Self::Issue => "Issue",
            Self::Initiative => "Initiative",
        })
    }
}

/// A level of the stakeholder engagement assessment matrix, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Engagement {
    /// Does not know of the work or its effects.
    Unaware,
    /// Knows, and resists change.
    Resistant,
    /// Knows, neither supports nor resists.
    Neutral,
    /// Knows and supports.
    Supportive,
    /// Knows and is actively engaged in leading it.
    Leading,
}

impl Engagement {
    /// Every level, lowest first.
    pub const ALL: [Self; 5] = [
        Self::Unaware,
        Self::Resistant,
        Self::Neutral,
        Self::Supportive,
        Self::Leading,
    ];
}

impl fmt::Display for Engagement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A stage of the SARA problem-solving model, for issues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SaraStage {
    /// Identifying and prioritising the problem.
    Scanning,
    /// Learning its causes and conditions.
    Analysis,
    /// Acting on it with partners.
    Response,
    /// Checking whether the response worked.
    Assessment,
}

impl SaraStage {
    /// Every stage, in order.
    pub const ALL: [Self; 4] = [
        Self::Scanning,
        Self::Analysis,
        Self::Response,
        Self::Assessment,
    ];
}

impl fmt::Display for SaraStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// How to reach a stakeholder. Personal information: redacted from public exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person to speak to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub person: String,
    /// Their role or title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Phone number, as written by the user.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// Where a stakeholder sits on the canvas, in canvas units (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position(pub f32, pub f32);

impl Position {
    /// Whether both coordinates are finite numbers.
    pub fn is_finite(self) -> bool {
        self.0.is_finite() && self.1.is_finite()
    }
}

/// One thing on the map: a partner, an organisation, an issue or an initiative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Stable id, unique within the map.
    id: StakeholderId,
    /// What it is.
    pub kind: StakeholderKind,
    /// Its name as people say it; never empty.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Sector, such as "Education" or "Health".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    /// Neighbourhood or area.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Influence on the power/interest grid; unscored when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "influence"
    )]
    pub influence: Option<Score>,
    /// Interest on the power/interest grid; unscored when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "interest"
    )]
    pub interest: Option<Score>,
    /// Engagement now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<Engagement>,
    /// Engagement wanted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_engagement: Option<Engagement>,
    /// Contact details (personal information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Never shown on a projector or in a public export.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// For issues: the SARA stage reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sara_stage: Option<SaraStage>,
    /// For issues: priority, [`Score::MIN`] (1) the highest.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "priority"
    )]
    pub priority: Option<Score>,
    /// Position on the canvas; absent until laid out or placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Layouts leave a pinned stakeholder where it is.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
    /// Suggested in a workshop and not yet accepted: drawn dashed until someone accepts
    /// or rejects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
}

/// Where a pending stakeholder or relationship came from: captured live in a workshop,
/// waiting for a planner to accept or reject it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    /// The day it was suggested.
    pub date: crate::model::Date,
    /// The workshop it was suggested in ("Community Policing Forum").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workshop: String,
}

// serde's skip_serializing_if takes a function of a reference.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

/// Reads a score that may be absent, naming `field` in the error when it is out of range
/// ("influence 9 is out of range (1 to 5)", not just "score 9 ...").
fn named_score<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    field: &'static str,
) -> Result<Option<Score>, D::Error> {
    // Any whole number, so that 300 and -1 get the same message as 9.
    let Some(value) = Option::<i64>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Score::try_from(value)
        .map(Some)
        .map_err(|e| serde::de::Error::custom(e.naming(field)))
}

fn influence<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Score>, D::Error> {
    named_score(d, "influence")
}

fn interest<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Score>, D::Error> {
    named_score(d, "interest")
}

fn priority<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Score>, D::Error> {
    named_score(d, "priority")
}

impl Stakeholder {
    /// Its id. Fixed while it is on a map: the map finds its stakeholders by id, so the
    /// field is private and no mutable borrow ([`super::Map::stakeholder_mut`]) can change it:
    ///
    /// ```compile_fail
    /// use stakemap::model::{Map, Stakeholder, StakeholderId, StakeholderKind};
    /// let mut map = Map::new("m");
    /// let id = StakeholderId(1);
    /// map.add_stakeholder(Stakeholder::new(id, StakeholderKind::Partner, "Ana")).unwrap();
    /// map.stakeholder_mut(id).unwrap().id = StakeholderId(2); // private field
    /// ```
    pub fn id(&self) -> StakeholderId {
        self.id
    }

    /// The same stakeholder under another id: for one that is not on a map yet (a paste,
    /// an import), before it is added.
    #[must_use]
    pub fn with_id(self, id: StakeholderId) -> Self {
        Self { id, ..self }
    }

    /// A stakeholder with a kind and a name and every other field empty.
    pub fn new(id: StakeholderId, kind: StakeholderKind, name: impl Into<String>) -> Self {
        Self {
            id,
            kind,
            name: name.into(),
            description: String::new(),
            sector: String::new(),
            area: String::new(),
            tags: Vec::new(),
            influence: None,
            interest: None,
            engagement: None,
            desired_engagement: None,
            contact: None,
            confidential: false,
            sara_stage: None,
            priority: None,
            position: None,
            pinned: false,
            pending: None,
        }
    }
}
