//! Baselines: the map as it stood on a date, saved under a name so that later comparisons
//! ("since the Police Week baseline") do not shift when old logs are corrected.

use super::date::Date;
use super::ids::{RelationshipId, StakeholderId};
use super::relationship::Tone;
use super::strength::Strength;

/// A named snapshot of which stakeholders and relationships existed on a date, and how
/// strong each relationship was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Baseline {
    /// Its name, unique within the map ("Before Police Week 2025").
    pub name: String,
    /// The date it describes.
    pub date: Date,
    /// The stakeholders on the map then, in id order.
    pub stakeholders: Vec<StakeholderId>,
    /// The relationships observed by then, in id order, with their strength and tone then.
    pub relationships: Vec<BaselineRelationship>,
}

/// One relationship in a [`Baseline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaselineRelationship {
    /// The relationship.
    pub id: RelationshipId,
    /// Its strength on the baseline's date.
    pub strength: Strength,
    /// Its tone on the baseline's date.
    pub tone: Tone,
}

impl Baseline {
    /// Puts the stakeholders and relationships in id order, the order files use (stable:
    /// duplicate ids, which validation reports, keep their order).
    pub fn sort(&mut self) {
        self.stakeholders.sort();
        self.relationships.sort_by_key(|r| r.id);
    }

    /// Whether the stakeholders and relationships are in id order.
    pub fn is_sorted(&self) -> bool {
        self.stakeholders.is_sorted() && self.relationships.is_sorted_by_key(|r| r.id)
    }
}
