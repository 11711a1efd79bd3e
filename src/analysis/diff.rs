//! What changed between two maps (two dates of one map, or two saved baselines). The
//! change report that says it in words is written by [`crate::io::report`].

use crate::model::{Map, RelationshipId, StakeholderId, Strength, Tone};
use serde::Serialize;

/// What happened to a stakeholder or relationship between two moments being compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// On the map at the later moment only.
    Added,
    /// On the map at the earlier moment only.
    Removed,
    /// Stronger at the later moment.
    Strengthened,
    /// Weaker at the later moment.
    Weakened,
}

impl Change {
    /// Every change, in legend order.
    pub const ALL: [Self; 4] = [
        Self::Added,
        Self::Removed,
        Self::Strengthened,
        Self::Weakened,
    ];

    /// How the legend names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Added => "Added",
            Self::Removed => "Removed",
            Self::Strengthened => "Strengthened",
            Self::Weakened => "Weakened",
        }
    }
}

/// A relationship whose strength differs between the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StrengthChange {
    /// The relationship.
    pub id: RelationshipId,
    /// Its strength before.
    pub from: Strength,
    /// Its strength after.
    pub to: Strength,
}

/// A relationship whose tone differs between the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ToneChange {
    /// The relationship.
    pub id: RelationshipId,
    /// Its tone before.
    pub from: Tone,
    /// Its tone after.
    pub to: Tone,
}

/// The differences between two maps, matched by id; every list sorted by id.
///
/// Strength and tone are each map's current ones ([`Relationship::strength`],
/// [`Relationship::tone`]); compare `map_as_of` results to compare dates. A relationship in
/// both maps can be in `strengthened` or `weakened` and in `tone_changed` at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MapDiff {
    /// Stakeholders only in the later map.
    pub stakeholders_added: Vec<StakeholderId>,
    /// Stakeholders only in the earlier map.
    pub stakeholders_removed: Vec<StakeholderId>,
    /// Relationships only in the later map.
    pub relationships_added: Vec<RelationshipId>,
    /// Relationships only in the earlier map.
    pub relationships_removed: Vec<RelationshipId>,
    /// Relationships in both, stronger in the later map.
    pub strengthened: Vec<StrengthChange>,
    /// Relationships in both, weaker in the later map.
    pub weakened: Vec<StrengthChange>,
    /// Relationships in both whose tone changed.
    pub tone_changed: Vec<ToneChange>,
}

impl MapDiff {
    /// Whether the two maps hold the same stakeholders and relationships, at the same
    /// strengths and tones.
    pub fn is_empty(&self) -> bool {
        self.stakeholders_added.is_empty()
            && self.stakeholders_removed.is_empty()
            && self.relationships_added.is_empty()
            && self.relationships_removed.is_empty()
            && self.strengthened.is_empty()
            && self.weakened.is_empty()
            && self.tone_changed.is_empty()
    }
}

/// What changed from `before` to `after`.
///
/// Only membership, strength and tone are compared; names, notes, positions and other
/// fields are not (a change report is about the partnership, not the drawing).
pub fn diff(before: &Map, after: &Map) -> MapDiff {
    let mut d = MapDiff::default();
    for s in after.stakeholders_by_id() {
        if before.stakeholder(s.id()).is_none() {
            d.stakeholders_added.push(s.id());
        }
    }
    for s in before.stakeholders_by_id() {
        if after.stakeholder(s.id()).is_none() {
            d.stakeholders_removed.push(s.id());
        }
    }
    for r in before.relationships_by_id() {
        if after.relationship(r.id()).is_none() {
            d.relationships_removed.push(r.id());
        }
    }
    for new in after.relationships_by_id() {
        let Some(old) = before.relationship(new.id()) else {
            d.relationships_added.push(new.id());
            continue;
        };
        let change = StrengthChange {
            id: new.id(),
            from: old.strength(),
            to: new.strength(),
        };
        if change.to > change.from {
            d.strengthened.push(change);
        } else if change.to < change.from {
            d.weakened.push(change);
        }
        if old.tone() != new.tone() {
            d.tone_changed.push(ToneChange {
                id: new.id(),
                from: old.tone(),
                to: new.tone(),
            });
        }
    }
    d
}

/// A relationship's name on a map, from its endpoints' names: "Youth Services — Eastview
/// CPC", with "→" for one that reads with a direction; its id ("#12") when it is not on
/// the map.
pub fn relationship_name(map: &Map, id: RelationshipId) -> String {
    map.relationship(id)
        .map_or_else(|| id.to_string(), |r| map.relationship_name(r, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::analysis::test_support::{between, sample};
    use crate::model::RelationshipKind::Partnership;

    use crate::model::{Relationship, Stakeholder, StakeholderKind};

    #[test]
    fn a_map_compared_with_itself_has_no_changes() {
        let m = sample();
        let d = diff(&m, &m);
        assert!(d.is_empty());
        assert_eq!(d, MapDiff::default());
        assert_eq!(
            crate::io::report::to_markdown(&d, &m, &m, "a", "b"),
            "# Changes from a to b\n\nNo changes.\n"
        );
    }

    #[test]
    fn changes_between_two_dates() {
        let (before, after) = between();
        let d = diff(&before, &after);
        assert_eq!(
            d.relationships_added,
            [RelationshipId(4)],
            "first seen 2025-06-15"
        );
        assert!(d.relationships_removed.is_empty());
        assert_eq!(
            d.strengthened,
            [StrengthChange {
                id: RelationshipId(1),
                from: Strength::NETWORKING,
                to: Strength::COOPERATING,
            }]
        );
        assert_eq!(
            d.weakened,
            [StrengthChange {
                id: RelationshipId(2),
                from: Strength::COOPERATING,
                to: Strength::AWARE,
            }]
        );
        assert_eq!(
            d.tone_changed,
            [ToneChange {
                id: RelationshipId(3),
                from: Tone::Positive,
                to: Tone::Strained
            }]
        );
        assert!(d.stakeholders_added.is_empty() && d.stakeholders_removed.is_empty());
    }

    #[test]
    fn stakeholders_and_relationships_added_and_removed_are_sorted_by_id() {
        let before = sample();
        let mut after = sample();
        after.remove_stakeholder(StakeholderId(3)); // takes relationships 2, 3 and 4
        for id in [9, 5] {
            after
                .add_stakeholder(Stakeholder::new(
                    StakeholderId(id),
                    StakeholderKind::Partner,
                    format!("P{id}"),
                ))
                .expect("fresh");
        }
        after
            .add_relationship(Relationship::new(
                RelationshipId(8),
                StakeholderId(9),
                StakeholderId(5),
                Partnership,
            ))
            .expect("ends exist");
        let d = diff(&before, &after);
        assert_eq!(d.stakeholders_added, [StakeholderId(5), StakeholderId(9)]);
        assert_eq!(d.stakeholders_removed, [StakeholderId(3)]);
        assert_eq!(
            d.relationships_removed,
            [RelationshipId(2), RelationshipId(3), RelationshipId(4)]
        );
        assert_eq!(d.relationships_added, [RelationshipId(8)]);
    }
}
