//! The bridge between a map and the layouts: stakeholders become node indices (in id
//! order), relationships become edges weighted by their current strength.

use super::force::{ForceLayout, ForceParams};
use super::{LayoutEdge, LayoutGraph, Point};
use crate::model::{Map, Position, StakeholderId};
use std::collections::HashMap;

/// A map seen as a layout graph, with the stakeholder id of every node index.
pub struct MapGraph {
    /// The graph the layouts work on.
    pub graph: LayoutGraph,
    /// `ids[i]` is the stakeholder at node index `i`.
    pub ids: Vec<StakeholderId>,
}

impl MapGraph {
    /// Indexes a map's stakeholders in id order and its relationships as edges.
    pub fn new(map: &Map) -> Self {
        let ids: Vec<StakeholderId> = map.stakeholders_by_id().iter().map(|s| s.id).collect();
        let index: HashMap<StakeholderId, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        let edges = map
            .relationships_by_id()
            .into_iter()
            .filter_map(|r| {
                Some(LayoutEdge {
                    source: *index.get(&r.from())?,
                    target: *index.get(&r.to())?,
                    strength: f32::from(r.strength()),
                })
            })
            .collect();
        Self {
            graph: LayoutGraph {
                node_count: ids.len(),
                edges,
            },
            ids,
        }
    }

    /// The map's positions in node order; NaN where a stakeholder has none.
    pub fn positions(&self, map: &Map) -> Vec<Point> {
        self.ids
            .iter()
            .map(|&id| match map.stakeholder(id).and_then(|s| s.position) {
                Some(Position(x, y)) if x.is_finite() && y.is_finite() => [x, y],
                _ => [f32::NAN, f32::NAN],
            })
            .collect()
    }

    /// Writes positions (in node order) back into the map.
    pub fn store(&self, map: &mut Map, positions: &[Point]) {
        for (&id, &[x, y]) in self.ids.iter().zip(positions) {
            if let Some(s) = map.stakeholder_mut(id) {
                s.position = Some(Position(x, y));
            }
        }
    }
}

/// Gives every stakeholder without a (finite) position one, by a force layout that holds
/// the placed ones still; a map with no positions at all is laid out from scratch.
/// Deterministic: the same map always gets the same layout. Returns how many it placed.
pub fn place_unplaced(map: &mut Map) -> usize {
    let view = MapGraph::new(map);
    let start = view.positions(map);
    let unplaced = start.iter().filter(|p| !p[0].is_finite()).count();
    if unplaced == 0 {
        return 0;
    }
    let placed_any = unplaced < start.len();
    // Stakeholders the user already placed (or pinned) stay where they are.
    let pinned: Vec<bool> = start.iter().map(|p| p[0].is_finite()).collect();
    let mut layout = ForceLayout::new(
        &view.graph,
        placed_any.then_some(start),
        if placed_any { pinned } else { Vec::new() },
        ForceParams {
            // Room for labels under the nodes: closer than this, names collide.
            ideal_length: 110.0,
            ..ForceParams::default()
        },
    );
    layout.run_until_settled();
    view.store(map, layout.positions());
    unplaced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Relationship, RelationshipId, RelationshipKind, Stakeholder, StakeholderKind,
    };

    fn chain(n: u64) -> Map {
        let mut map = Map::new("chain");
        for i in 1..=n {
            map.add_stakeholder(Stakeholder::new(
                StakeholderId(i),
                StakeholderKind::Partner,
                "p",
            ))
            .expect("fresh");
        }
        for i in 1..n {
            map.add_relationship(Relationship::new(
                RelationshipId(i),
                StakeholderId(i),
                StakeholderId(i + 1),
                RelationshipKind::Informal,
            ))
            .expect("ends exist");
        }
        map
    }

    #[test]
    fn places_everyone_when_nobody_is_placed() {
        let mut map = chain(12);
        assert_eq!(place_unplaced(&mut map), 12);
        let positions: Vec<Position> = map.stakeholders().filter_map(|s| s.position).collect();
        assert_eq!(positions.len(), 12);
        assert!(positions.iter().all(|p| p.is_finite()));
        let spread = positions.iter().map(|p| p.0).fold(f32::MIN, f32::max)
            - positions.iter().map(|p| p.0).fold(f32::MAX, f32::min);
        assert!(
            spread > 50.0,
            "nodes are spread out, not piled up: {spread}"
        );
    }

    #[test]
    fn leaves_placed_stakeholders_where_they_are() {
        let mut map = chain(6);
        for i in 1..=5 {
            map.stakeholder_mut(StakeholderId(i))
                .expect("exists")
                .position = Some(Position(i as f32 * 100.0, 0.0));
        }
        assert_eq!(place_unplaced(&mut map), 1);
        for i in 1..=5 {
            let p = map.stakeholder(StakeholderId(i)).and_then(|s| s.position);
            assert_eq!(p, Some(Position(i as f32 * 100.0, 0.0)));
        }
        let new = map
            .stakeholder(StakeholderId(6))
            .and_then(|s| s.position)
            .expect("placed");
        assert!(new.is_finite());
        assert_eq!(place_unplaced(&mut map), 0, "nothing left to place");
    }
}
