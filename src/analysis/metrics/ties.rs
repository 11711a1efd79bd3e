//! The tie graph: the undirected, simple, weighted view of a map that every metric reads,
//! with stakeholders numbered in id order so results never depend on storage order.

use crate::model::{Map, RelationshipId, StakeholderId, Strength};
use std::collections::{BTreeMap, HashMap};

/// Path length units per tie, by strength 0-5: `60 / strength`, so that a tie's distance
/// `1 / strength` is exact in integers (60 is the least common multiple of 1 to 5) and equal
/// path lengths compare equal. Strength 0 is not a tie and has no length.
pub(crate) const LENGTH_UNITS: u32 = 60;

/// A pair of stakeholders joined by one or more working relationships.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tie {
    /// The two ends, as node numbers, lower first.
    pub ends: (u32, u32),
    /// The strongest strength among the pair's working relationships (never none).
    pub strength: Strength,
    /// The working relationships joining the pair, by id.
    pub relationships: Vec<RelationshipId>,
}

/// A map as an undirected simple graph in compressed adjacency form.
///
/// - Node `i` is the stakeholder with the `i`-th smallest id.
/// - A relationship of strength 0 is no working tie and is left out; so is a relationship
///   from a stakeholder to itself.
/// - All working relationships between one pair make one tie, at the strongest strength.
/// - Direction is ignored.
#[derive(Clone, Debug)]
pub(crate) struct TieGraph {
    ids: Vec<StakeholderId>,
    index: HashMap<StakeholderId, u32>,
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
    strengths: Vec<Strength>,
    /// Each arc's length, `60 / strength`, computed once: a division per arc per search
    /// would cost more than the rest of the step.
    lengths: Vec<u32>,
    ties: Vec<Tie>,
}

impl TieGraph {
    /// The tie graph of a map, judged on each relationship's current strength
    /// ([`crate::model::Relationship::strength`]).
    pub fn of(map: &Map) -> Self {
        let ids: Vec<StakeholderId> = map.stakeholders_by_id().iter().map(|s| s.id()).collect();
        let index: HashMap<StakeholderId, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        let mut pairs: BTreeMap<(u32, u32), (Strength, Vec<RelationshipId>)> = BTreeMap::new();
        for r in map.relationships() {
            let strength = r.strength();
            let (Some(&a), Some(&b)) = (index.get(&r.from()), index.get(&r.to())) else {
                continue;
            };
            if strength == Strength::NONE || a == b {
                continue;
            }
            let entry = pairs
                .entry((a.min(b), a.max(b)))
                .or_insert_with(|| (Strength::NONE, Vec::new()));
            entry.0 = entry.0.max(strength);
            entry.1.push(r.id());
        }
        let ties: Vec<Tie> = pairs
            .into_iter()
            .map(|(ends, (strength, mut relationships))| {
                relationships.sort_unstable();
                Tie {
                    ends,
                    strength,
                    relationships,
                }
            })
            .collect();
        Self::from_ties(ids, index, ties)
    }

    fn from_ties(
        ids: Vec<StakeholderId>,
        index: HashMap<StakeholderId, u32>,
        ties: Vec<Tie>,
    ) -> Self {
        let n = ids.len();
        let mut degree = vec![0usize; n + 1];
        for t in &ties {
            degree[t.ends.0 as usize] += 1;
            degree[t.ends.1 as usize] += 1;
        }
        let mut offsets = vec![0usize; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let mut neighbours = vec![0u32; offsets[n]];
        let mut strengths = vec![Strength::NONE; offsets[n]];
        // Ties are sorted by (lower, higher) end, so each node's neighbours come out sorted
        // too: lower neighbours first (from ties where it is the higher end), then higher.
        for t in &ties {
            let (a, b) = (t.ends.0 as usize, t.ends.1 as usize);
            neighbours[fill[a]] = t.ends.1;
            strengths[fill[a]] = t.strength;
            fill[a] += 1;
            neighbours[fill[b]] = t.ends.0;
            strengths[fill[b]] = t.strength;
            fill[b] += 1;
        }
        for i in 0..n {
            let range = offsets[i]..offsets[i + 1];
            let mut pairs: Vec<(u32, Strength)> = neighbours[range.clone()]
                .iter()
                .copied()
                .zip(strengths[range.clone()].iter().copied())
                .collect();
            pairs.sort_unstable();
            for (k, (v, s)) in pairs.into_iter().enumerate() {
                neighbours[range.start + k] = v;
                strengths[range.start + k] = s;
            }
        }
        let lengths = strengths.iter().map(|&s| Self::length(s)).collect();
        Self {
            ids,
            index,
            offsets,
            neighbours,
            strengths,
            lengths,
            ties,
        }
    }

    /// How many stakeholders (nodes).
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// How many ties (undirected edges).
    pub fn tie_count(&self) -> usize {
        self.ties.len()
    }

    /// Every tie, sorted by ends.
    pub fn ties(&self) -> &[Tie] {
        &self.ties
    }

    /// The stakeholder id of node `i`.
    pub fn id(&self, i: usize) -> StakeholderId {
        self.ids[i]
    }

    /// Every stakeholder id, in node order (ascending).
    pub fn ids(&self) -> &[StakeholderId] {
        &self.ids
    }

    /// The node number of a stakeholder.
    pub fn node(&self, id: StakeholderId) -> Option<usize> {
        self.index.get(&id).map(|&i| i as usize)
    }

    /// The neighbours of node `i`, ascending, and the strengths of the ties to them.
    pub fn neighbours(&self, i: usize) -> (&[u32], &[Strength]) {
        let range = self.offsets[i]..self.offsets[i + 1];
        (&self.neighbours[range.clone()], &self.strengths[range])
    }

    /// The neighbours of node `i`, ascending, and the lengths of the ties to them
    /// ([`TieGraph::length`]).
    pub fn arcs(&self, i: usize) -> (&[u32], &[u32]) {
        let range = self.offsets[i]..self.offsets[i + 1];
        (&self.neighbours[range.clone()], &self.lengths[range])
    }

    /// The number of neighbours of node `i`.
    pub fn degree(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// The path length of a tie of this strength, in units of 1/60: `60 / strength`.
    pub fn length(strength: Strength) -> u32 {
        LENGTH_UNITS / u32::from(strength.get().max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{map, relationship};
    use crate::model::RelationshipKind::{Informal, Partnership};
    use crate::model::StakeholderKind::Partner;

    #[test]
    fn one_tie_per_pair_at_the_strongest_without_self_or_zero() {
        let m = map(
            // Out of id order on purpose: node numbers follow ids, not insertion.
            &[(9, Partner, "C"), (2, Partner, "A"), (5, Partner, "B")],
            vec![
                relationship(1, 2, 5, Partnership, &[("2025-01-01", 2)]),
                relationship(2, 5, 2, Informal, &[("2025-01-01", 4)]),
                relationship(3, 9, 9, Informal, &[("2025-01-01", 5)]),
                relationship(4, 9, 2, Informal, &[("2025-01-01", 0)]),
                relationship(5, 5, 9, Informal, &[]),
            ],
        );
        let g = TieGraph::of(&m);
        assert_eq!(
            g.ids(),
            [StakeholderId(2), StakeholderId(5), StakeholderId(9)]
        );
        assert_eq!(g.tie_count(), 2);
        assert_eq!(
            g.ties()[0],
            Tie {
                ends: (0, 1),
                strength: Strength::COOPERATING,
                relationships: vec![RelationshipId(1), RelationshipId(2)],
            }
        );
        // Never observed: the unobserved strength, 1.
        assert_eq!(g.ties()[1].strength, Strength::AWARE);
        assert_eq!(
            g.neighbours(1),
            (
                &[0u32, 2][..],
                &[Strength::COOPERATING, Strength::AWARE][..]
            )
        );
        assert_eq!(g.degree(2), 1);
        assert_eq!(TieGraph::length(Strength::COORDINATING), 20);
    }
}
