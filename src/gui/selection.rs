//! What is selected on the canvas: any number of stakeholders and relationships.

use crate::model::{Map, RelationshipId, StakeholderId};
use std::collections::BTreeSet;

/// The selected stakeholders and relationships (ordered, so actions on them are stable).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected stakeholders.
    pub stakeholders: BTreeSet<StakeholderId>,
    /// Selected relationships.
    pub relationships: BTreeSet<RelationshipId>,
}

/// The one thing selected, when exactly one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Single {
    /// One stakeholder.
    Stakeholder(StakeholderId),
    /// One relationship.
    Relationship(RelationshipId),
}

impl Selection {
    /// Just this stakeholder.
    pub fn stakeholder(id: StakeholderId) -> Self {
        Self {
            stakeholders: BTreeSet::from([id]),
            relationships: BTreeSet::new(),
        }
    }

    /// Just this relationship.
    pub fn relationship(id: RelationshipId) -> Self {
        Self {
            stakeholders: BTreeSet::new(),
            relationships: BTreeSet::from([id]),
        }
    }

    /// These stakeholders.
    pub fn stakeholders(ids: impl IntoIterator<Item = StakeholderId>) -> Self {
        Self {
            stakeholders: ids.into_iter().collect(),
            relationships: BTreeSet::new(),
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.stakeholders.is_empty() && self.relationships.is_empty()
    }

    /// The one selected item, if exactly one is selected.
    pub fn single(&self) -> Option<Single> {
        match (self.stakeholders.len(), self.relationships.len()) {
            (1, 0) => self.stakeholders.first().map(|&id| Single::Stakeholder(id)),
            (0, 1) => self
                .relationships
                .first()
                .map(|&id| Single::Relationship(id)),
            _ => None,
        }
    }

    /// Adds a stakeholder, or removes it if it was selected (Shift+click).
    pub fn toggle_stakeholder(&mut self, id: StakeholderId) {
        if !self.stakeholders.remove(&id) {
            self.stakeholders.insert(id);
        }
    }

    /// Adds a relationship, or removes it if it was selected.
    pub fn toggle_relationship(&mut self, id: RelationshipId) {
        if !self.relationships.remove(&id) {
            self.relationships.insert(id);
        }
    }

    /// Forgets what is no longer on the map (after an undo or a delete).
    pub fn retain_existing(&mut self, map: &Map) {
        self.stakeholders
            .retain(|&id| map.stakeholder(id).is_some());
        self.relationships
            .retain(|&id| map.relationship(id).is_some());
    }
}
