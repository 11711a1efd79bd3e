//! The map: a title, a description, and a graph of stakeholders joined by relationships,
//! addressed by stable ids.

use super::baseline::Baseline;
use super::ids::{RelationshipId, StakeholderId};
use super::relationship::Relationship;
use super::stakeholder::Stakeholder;
use petgraph::Directed;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use std::collections::HashMap;

/// A change the map refused, so that it stays consistent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// A stakeholder with that id is already on the map.
    #[error("stakeholder {0} is already on the map")]
    DuplicateStakeholder(StakeholderId),
    /// A relationship with that id is already on the map.
    #[error("relationship {0} is already on the map")]
    DuplicateRelationship(RelationshipId),
    /// A baseline cannot be added under this name.
    #[error("baseline \"{name}\": {why}")]
    Baseline {
        /// The name.
        name: String,
        /// Why not.
        why: String,
    },
    /// A relationship names a stakeholder that is not on the map.
    #[error(
        "relationship {relationship} refers to stakeholder {stakeholder}, which is not on the map"
    )]
    MissingStakeholder {
        /// The relationship.
        relationship: RelationshipId,
        /// The id it names.
        stakeholder: StakeholderId,
    },
}

/// The Police and Community Mind Map, or any map of the same shape.
///
/// The graph is directed in storage only: whether a relationship reads with a direction is
/// its own `directed` flag. Petgraph indices never leave this type.
#[derive(Clone, Debug, Default)]
pub struct Map {
    /// The map's title.
    pub title: String,
    /// What the map is of, and for whom.
    pub description: String,
    /// Named snapshots of the map on past dates, oldest first: added through
    /// [`Map::add_baseline`], which checks the name.
    baselines: Vec<Baseline>,
    /// Saved views, in the order a presentation steps through them.
    pub views: Vec<super::SavedView>,
    graph: StableGraph<Stakeholder, Relationship, Directed>,
    nodes: HashMap<StakeholderId, NodeIndex>,
    edges: HashMap<RelationshipId, EdgeIndex>,
}

impl Map {
    /// A relationship's name from its ends' names: `Youth Services → Eastview CPC` (see
    /// [`Relationship::joint`]), each name in “quotes” when `quoted` (inside a sentence),
    /// an end not on the map by its id (`#12`).
    pub fn relationship_name(&self, r: &Relationship, quoted: bool) -> String {
        let end = |id: StakeholderId| match self.stakeholder(id) {
            Some(s) if quoted => format!("“{}”", s.name),
            Some(s) => s.name.clone(),
            None => id.to_string(),
        };
        format!("{} {} {}", end(r.from()), r.joint(), end(r.to()))
    }

    /// An empty map with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// How many stakeholders the map has.
    pub fn stakeholder_count(&self) -> usize {
        self.graph.node_count()
    }

    /// How many relationships the map has.
    pub fn relationship_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Adds a stakeholder; refuses an id already in use.
    pub fn add_stakeholder(&mut self, stakeholder: Stakeholder) -> Result<(), MapError> {
        let id = stakeholder.id();
        if self.nodes.contains_key(&id) {
            return Err(MapError::DuplicateStakeholder(id));
        }
        let index = self.graph.add_node(stakeholder);
        self.nodes.insert(id, index);
        Ok(())
    }

    /// Adds a relationship between two stakeholders already on the map.
    pub fn add_relationship(&mut self, relationship: Relationship) -> Result<(), MapError> {
        let id = relationship.id();
        if self.edges.contains_key(&id) {
            return Err(MapError::DuplicateRelationship(id));
        }
        let from = self.node_index(id, relationship.from())?;
        let to = self.node_index(id, relationship.to())?;
        let index = self.graph.add_edge(from, to, relationship);
        self.edges.insert(id, index);
        Ok(())
    }

    fn node_index(
        &self,
        relationship: RelationshipId,
        stakeholder: StakeholderId,
    ) -> Result<NodeIndex, MapError> {
        self.nodes
            .get(&stakeholder)
            .copied()
            .ok_or(MapError::MissingStakeholder {
                relationship,
                stakeholder,
            })
    }

    /// Removes a stakeholder and every relationship it carries; returns them, or `None`
    /// when no such stakeholder exists.
    pub fn remove_stakeholder(
        &mut self,
        id: StakeholderId,
    ) -> Option<(Stakeholder, Vec<Relationship>)> {
        let index = *self.nodes.get(&id)?;
        let mut carried: Vec<RelationshipId> = self
            .graph
            .edges_directed(index, petgraph::Direction::Outgoing)
            .chain(
                self.graph
                    .edges_directed(index, petgraph::Direction::Incoming),
            )
            .map(|e| e.weight().id())
            .collect();
        carried.sort_unstable();
        carried.dedup(); // a self-loop is both outgoing and incoming
        let relationships = carried
            .into_iter()
            .filter_map(|r| self.remove_relationship(r))
            .collect();
        self.nodes.remove(&id);
        let stakeholder = self.graph.remove_node(index)?;
        Some((stakeholder, relationships))
    }

    /// Removes a relationship and returns it.
    pub fn remove_relationship(&mut self, id: RelationshipId) -> Option<Relationship> {
        let index = self.edges.remove(&id)?;
        self.graph.remove_edge(index)
    }

    /// Moves a relationship to other endpoints, both already on the map.
    pub fn reconnect(
        &mut self,
        id: RelationshipId,
        from: StakeholderId,
        to: StakeholderId,
    ) -> Result<(), MapError> {
        let from_index = self.node_index(id, from)?;
        let to_index = self.node_index(id, to)?;
        let Some(mut relationship) = self.remove_relationship(id) else {
            return Ok(());
        };
        relationship.set_endpoints(from, to);
        let index = self.graph.add_edge(from_index, to_index, relationship);
        self.edges.insert(id, index);
        Ok(())
    }

    /// The stakeholder with this id.
    pub fn stakeholder(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.nodes.get(&id).and_then(|&i| self.graph.node_weight(i))
    }

    /// The stakeholder with this id, to change. Its id must not be changed.
    pub fn stakeholder_mut(&mut self, id: StakeholderId) -> Option<&mut Stakeholder> {
        let index = *self.nodes.get(&id)?;
        self.graph.node_weight_mut(index)
    }

    /// The relationship with this id.
    pub fn relationship(&self, id: RelationshipId) -> Option<&Relationship> {
        self.edges.get(&id).and_then(|&i| self.graph.edge_weight(i))
    }

    /// The relationship with this id, to change. Its id must not be changed; its endpoints
    /// change through [`Map::reconnect`].
    pub fn relationship_mut(&mut self, id: RelationshipId) -> Option<&mut Relationship> {
        let index = *self.edges.get(&id)?;
        self.graph.edge_weight_mut(index)
    }

    /// Every stakeholder, in no particular order.
    pub fn stakeholders(&self) -> impl Iterator<Item = &Stakeholder> {
        self.graph.node_weights()
    }

    /// Every stakeholder, to change (positions after a layout, say).
    pub fn stakeholders_mut(&mut self) -> impl Iterator<Item = &mut Stakeholder> {
        self.graph.node_weights_mut()
    }

    /// Every relationship, to change (its endpoints stay: they change through
    /// [`Map::reconnect`]).
    pub fn relationships_mut(&mut self) -> impl Iterator<Item = &mut Relationship> {
        self.graph.edge_weights_mut()
    }

    /// Every relationship, in no particular order.
    pub fn relationships(&self) -> impl Iterator<Item = &Relationship> {
        self.graph.edge_weights()
    }

    /// Every stakeholder sorted by id: the order files and exports use.
    pub fn stakeholders_by_id(&self) -> Vec<&Stakeholder> {
        let mut all: Vec<_> = self.stakeholders().collect();
        all.sort_by_key(|s| s.id());
        all
    }

    /// Every relationship sorted by id: the order files and exports use.
    pub fn relationships_by_id(&self) -> Vec<&Relationship> {
        let mut all: Vec<_> = self.relationships().collect();
        all.sort_by_key(|r| r.id());
        all
    }

    /// The relationships that start or end at a stakeholder, sorted by id.
    pub fn relationships_of(&self, id: StakeholderId) -> Vec<&Relationship> {
        let Some(&index) = self.nodes.get(&id) else {
            return Vec::new();
        };
        let mut all: Vec<&Relationship> = self
            .graph
            .edges_directed(index, petgraph::Direction::Outgoing)
            .chain(
                self.graph
                    .edges_directed(index, petgraph::Direction::Incoming),
            )
            .map(|e| e.weight())
            .collect();
        all.sort_by_key(|r| r.id());
        all.dedup_by_key(|r| r.id());
        all
    }

    /// An id no stakeholder has yet.
    pub fn next_stakeholder_id(&self) -> StakeholderId {
        StakeholderId(self.nodes.keys().map(|id| id.0).max().map_or(1, |m| m + 1))
    }

    /// An id no relationship has yet.
    pub fn next_relationship_id(&self) -> RelationshipId {
        RelationshipId(self.edges.keys().map(|id| id.0).max().map_or(1, |m| m + 1))
    }

    /// The baseline with this name.
    pub fn baseline(&self, name: &str) -> Option<&Baseline> {
        self.baselines.iter().find(|b| b.name == name)
    }

    /// The named snapshots of the map, oldest first (by date, then name).
    pub fn baselines(&self) -> &[Baseline] {
        &self.baselines
    }

    /// Adds a baseline in date order, its lists in id order.
    ///
    /// # Errors
    /// The name shows nothing, looks like a date (it could never be chosen as a moment), or
    /// another baseline has it ([`MapError::Baseline`]); the map is unchanged.
    pub fn add_baseline(&mut self, mut baseline: Baseline) -> Result<(), MapError> {
        let problem = super::baseline_name_problem(&baseline.name).or_else(|| {
            self.baseline(&baseline.name)
                .is_some()
                .then(|| "another baseline has this name".to_owned())
        });
        if let Some(why) = problem {
            return Err(MapError::Baseline {
                name: baseline.name,
                why,
            });
        }
        baseline.sort();
        self.baselines.push(baseline);
        self.baselines
            .sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
        Ok(())
    }

    /// Removes the baseline with this name, giving it back.
    pub fn remove_baseline(&mut self, name: &str) -> Option<Baseline> {
        let index = self.baselines.iter().position(|b| b.name == name)?;
        Some(self.baselines.remove(index))
    }

    /// The baselines as read from a file, every one, whatever its name: validation then
    /// reports each problem at once ([`Map::validate`]). Also for passes over the whole map
    /// (redaction, normalisation) that keep names. Not for adding one: that is
    /// [`Map::add_baseline`].
    pub(crate) fn baselines_unchecked(&mut self) -> &mut Vec<Baseline> {
        &mut self.baselines
    }

    /// How many observations all relationships hold together.
    pub fn observation_count(&self) -> usize {
        self.relationships().map(|r| r.observations.len()).sum()
    }
}

impl PartialEq for Map {
    /// Two maps are equal when they hold the same things, whatever their storage order.
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.description == other.description
            && self.baselines == other.baselines
            && self.views == other.views
            && self.stakeholders_by_id() == other.stakeholders_by_id()
            && self.relationships_by_id() == other.relationships_by_id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RelationshipKind, StakeholderKind};

    fn baseline(name: &str, date: &str) -> Baseline {
        Baseline {
            name: name.to_owned(),
            date: date.parse().expect("date"),
            stakeholders: vec![StakeholderId(2), StakeholderId(1)],
            relationships: Vec::new(),
        }
    }

    #[test]
    fn baselines_are_added_only_under_names_that_can_be_chosen() {
        let mut map = two_partners();
        map.add_baseline(baseline("Spring", "2025-04-01"))
            .expect("a fine name");
        map.add_baseline(baseline("Winter", "2025-01-01"))
            .expect("a fine name");
        let names: Vec<_> = map.baselines().iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["Winter", "Spring"], "oldest first");
        assert_eq!(
            map.baselines()[0].stakeholders,
            [StakeholderId(1), StakeholderId(2)],
            "lists in id order"
        );
        for refused in ["Spring", "2025-06-30", "\u{200B}", "  "] {
            let before = map.clone();
            let error = map
                .add_baseline(baseline(refused, "2025-02-01"))
                .expect_err(refused);
            assert!(matches!(error, MapError::Baseline { .. }), "{refused:?}");
            assert_eq!(map, before, "{refused:?}: the map is unchanged");
        }
        assert!(map.remove_baseline("Winter").is_some());
        assert!(map.baseline("Winter").is_none());
    }

    fn two_partners() -> Map {
        let mut map = Map::new("test");
        for (id, name) in [(1, "Ana"), (2, "Ben")] {
            map.add_stakeholder(Stakeholder::new(
                StakeholderId(id),
                StakeholderKind::Partner,
                name,
            ))
            .expect("fresh id");
        }
        map
    }

    #[test]
    fn refuses_duplicate_ids_and_dangling_relationships() {
        let mut map = two_partners();
        let again = Stakeholder::new(StakeholderId(1), StakeholderKind::Issue, "X");
        assert_eq!(
            map.add_stakeholder(again),
            Err(MapError::DuplicateStakeholder(StakeholderId(1)))
        );
        let dangling = Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(9),
            RelationshipKind::Informal,
        );
        assert!(matches!(
            map.add_relationship(dangling),
            Err(MapError::MissingStakeholder { .. })
        ));
        assert_eq!(map.relationship_count(), 0);
    }

    #[test]
    fn removing_a_stakeholder_takes_its_relationships() {
        let mut map = two_partners();
        for id in 1..=2 {
            map.add_relationship(Relationship::new(
                RelationshipId(id),
                StakeholderId(1),
                StakeholderId(2),
                RelationshipKind::Partnership,
            ))
            .expect("both ends exist");
        }
        let (removed, carried) = map
            .remove_stakeholder(StakeholderId(2))
            .expect("stakeholder exists");
        assert_eq!(removed.name, "Ben");
        assert_eq!(carried.len(), 2);
        assert_eq!(map.relationship_count(), 0);
        assert!(map.relationship(RelationshipId(1)).is_none());
        assert_eq!(map.next_stakeholder_id(), StakeholderId(2));
    }

    #[test]
    fn reconnect_moves_the_edge() {
        let mut map = two_partners();
        map.add_relationship(Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::Funds,
        ))
        .expect("both ends exist");
        map.reconnect(RelationshipId(1), StakeholderId(2), StakeholderId(1))
            .expect("both ends exist");
        let r = map.relationship(RelationshipId(1)).expect("still there");
        assert_eq!((r.from(), r.to()), (StakeholderId(2), StakeholderId(1)));
        assert_eq!(map.relationships_of(StakeholderId(1)).len(), 1);
    }
}
