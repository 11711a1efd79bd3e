//! Property: any sequence of edits, undone step by step, passes back through every state it
//! went through to the original map exactly; redone, it comes back to the edited one.
//!
//! Edits are generated freely, then fitted to the map: ids mostly pick things on it, now
//! and then a free id or one never used; some values are ones the file refuses (blank
//! names; strengths and scores out of range cannot even be made). Edits that fail must
//! change nothing.

use crate::edit::fixture::{date, mind_map};
use crate::edit::{Edit, History, apply, duplicate};
use crate::io::to_ron;
use crate::model::{
    Date, InteractionKind, Map, Observation, Position, Relationship, RelationshipId,
    RelationshipKind, Score, Stakeholder, StakeholderId, StakeholderKind, Strength, Tone,
};
use proptest::prelude::*;

const NAMES: [&str; 5] = [
    "Youth Services",
    "Mosque council",
    "",
    "Residents' group",
    " ",
];

/// An edit before it is fitted to the map: ids are raw numbers that [`stakeholder`] and
/// [`relationship`] turn into ids.
#[derive(Clone, Debug)]
enum Op {
    AddStakeholder(u64, usize, Option<(i16, i16)>),
    RemoveStakeholder(u64),
    UpdateStakeholder(u64, usize, bool, Option<Score>),
    Move(Vec<(u64, Option<(i16, i16)>)>),
    AddRelationship(u64, u64, u64, usize),
    RemoveRelationship(u64),
    UpdateRelationship(u64, u64, u64, bool),
    AddObservation(u64, i64, Strength),
    UpdateObservation(u64, usize, i64, Strength),
    RemoveObservation(u64, usize),
    SetTitle(usize),
    SetDescription(usize),
    Duplicate(Vec<u64>, i16),
    Batch(Vec<Op>),
}

fn op() -> impl Strategy<Value = Op> {
    let stakeholder = any::<u64>();
    let relationship = any::<u64>();
    let position = proptest::option::of((-500..500_i16, -500..500_i16));
    let day = 0..40_i64;
    let strength = proptest::sample::select(Strength::ALL.as_slice());
    let leaf = prop_oneof![
        (stakeholder, 0..NAMES.len(), position.clone())
            .prop_map(|(id, name, at)| Op::AddStakeholder(id, name, at)),
        stakeholder.prop_map(Op::RemoveStakeholder),
        (
            stakeholder,
            0..NAMES.len(),
            any::<bool>(),
            proptest::option::of(proptest::sample::select(Score::ALL.as_slice()))
        )
            .prop_map(|(id, name, pinned, influence)| Op::UpdateStakeholder(
                id, name, pinned, influence
            )),
        proptest::collection::vec((stakeholder, position), 0..4).prop_map(Op::Move),
        (
            relationship,
            stakeholder,
            stakeholder,
            0..RelationshipKind::ALL.len()
        )
            .prop_map(|(id, from, to, kind)| Op::AddRelationship(id, from, to, kind)),
        relationship.prop_map(Op::RemoveRelationship),
        (relationship, stakeholder, stakeholder, any::<bool>())
            .prop_map(|(id, from, to, directed)| Op::UpdateRelationship(id, from, to, directed)),
        (relationship, day.clone(), strength.clone())
            .prop_map(|(id, day, strength)| Op::AddObservation(id, day, strength)),
        (relationship, 0..6_usize, day, strength)
            .prop_map(|(id, index, day, strength)| Op::UpdateObservation(id, index, day, strength)),
        (relationship, 0..6_usize).prop_map(|(id, index)| Op::RemoveObservation(id, index)),
        (0..NAMES.len()).prop_map(Op::SetTitle),
        (0..NAMES.len()).prop_map(Op::SetDescription),
        (proptest::collection::vec(stakeholder, 0..4), -50..50_i16)
            .prop_map(|(ids, shift)| Op::Duplicate(ids, shift)),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        proptest::collection::vec(inner, 0..4).prop_map(Op::Batch)
    })
}

/// Mostly a stakeholder on the map; one time in ten a free id, one in ten an id never used.
fn stakeholder(map: &Map, raw: u64) -> StakeholderId {
    let on_map: Vec<StakeholderId> = map.stakeholders_by_id().iter().map(|s| s.id()).collect();
    match (raw % 10, on_map.len() as u64) {
        (8, _) | (_, 0) => map.next_stakeholder_id(),
        (9, _) => StakeholderId(999),
        (_, n) => on_map[usize::try_from(raw / 10 % n).unwrap_or(0)],
    }
}

/// Mostly a relationship on the map; one time in ten a free id, one in ten an id never used.
fn relationship(map: &Map, raw: u64) -> RelationshipId {
    let on_map: Vec<RelationshipId> = map.relationships_by_id().iter().map(|r| r.id()).collect();
    match (raw % 10, on_map.len() as u64) {
        (8, _) | (_, 0) => map.next_relationship_id(),
        (9, _) => RelationshipId(999),
        (_, n) => on_map[usize::try_from(raw / 10 % n).unwrap_or(0)],
    }
}

fn at(xy: Option<(i16, i16)>) -> Option<Position> {
    xy.map(|(x, y)| Position(f32::from(x), f32::from(y)))
}

fn day(offset: i64) -> Date {
    date("2025-01-01").add_days(offset)
}

fn observation(offset: i64, strength: Strength) -> Observation {
    Observation::new(day(offset), strength, Tone::Positive)
        .with_interaction(InteractionKind::Call)
        .with_note(format!("day {offset}"))
}

/// The edit an op stands for on this map; records it updates are taken from the map so
/// that most edits are valid.
fn fit(op: Op, map: &Map) -> Edit {
    match op {
        Op::AddStakeholder(id, name, xy) => {
            // Adds want a free id; the rest of the time the id is taken and the add refused.
            let id = if id % 2 == 0 {
                map.next_stakeholder_id()
            } else {
                stakeholder(map, id)
            };
            let mut s = Stakeholder::new(id, StakeholderKind::Partner, NAMES[name]);
            s.position = at(xy);
            Edit::AddStakeholder(s)
        }
        Op::RemoveStakeholder(id) => Edit::RemoveStakeholder(stakeholder(map, id)),
        Op::UpdateStakeholder(id, name, pinned, influence) => {
            let id = stakeholder(map, id);
            let mut s = map
                .stakeholder(id)
                .cloned()
                .unwrap_or_else(|| Stakeholder::new(id, StakeholderKind::Issue, "Ghost"));
            s.name = NAMES[name].to_owned();
            s.pinned = pinned;
            s.influence = influence;
            Edit::UpdateStakeholder(s)
        }
        Op::Move(moves) => Edit::MoveStakeholders(
            moves
                .into_iter()
                .map(|(id, xy)| (stakeholder(map, id), at(xy)))
                .collect(),
        ),
        Op::AddRelationship(id, from, to, kind) => Edit::AddRelationship(Relationship::new(
            if id % 2 == 0 {
                map.next_relationship_id()
            } else {
                relationship(map, id)
            },
            stakeholder(map, from),
            stakeholder(map, to),
            RelationshipKind::ALL[kind],
        )),
        Op::RemoveRelationship(id) => Edit::RemoveRelationship(relationship(map, id)),
        Op::UpdateRelationship(id, from, to, directed) => {
            let id = relationship(map, id);
            let mut r = map.relationship(id).cloned().unwrap_or_else(|| {
                Relationship::new(
                    id,
                    StakeholderId(1),
                    StakeholderId(2),
                    RelationshipKind::Funds,
                )
            });
            r.set_endpoints(stakeholder(map, from), stakeholder(map, to));
            r.directed = directed;
            r.notes.push('+');
            Edit::UpdateRelationship(r)
        }
        Op::AddObservation(id, offset, strength) => Edit::AddObservation {
            relationship: relationship(map, id),
            observation: observation(offset, strength),
        },
        Op::UpdateObservation(id, index, offset, strength) => Edit::UpdateObservation {
            relationship: relationship(map, id),
            index,
            observation: observation(offset, strength),
        },
        Op::RemoveObservation(id, index) => Edit::RemoveObservation {
            relationship: relationship(map, id),
            index,
        },
        Op::SetTitle(name) => Edit::SetTitle(NAMES[name].to_owned()),
        Op::SetDescription(name) => Edit::SetDescription(NAMES[name].to_owned()),
        Op::Duplicate(ids, shift) => {
            let ids: Vec<StakeholderId> = ids.into_iter().map(|id| stakeholder(map, id)).collect();
            let shift = f32::from(shift);
            duplicate(map, &ids, (shift, shift)).0
        }
        Op::Batch(ops) => Edit::Batch(ops.into_iter().map(|op| fit(op, map)).collect()),
    }
}

proptest! {
    // No regression files: a failure prints its minimal input, and tests must not write
    // into the source tree.
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn undo_all_gives_back_the_original_and_redo_all_the_edited(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        let original = mind_map();
        let mut map = original.clone();
        let mut history = History::new(usize::MAX);
        // The state after each recorded step, to check every stop on the way back.
        let mut states = vec![(map.clone(), to_ron(&map))];
        for op in ops {
            let edit = fit(op, &map);
            let before = history.undo_len();
            match history.apply(&mut map, edit) {
                Ok(()) if history.undo_len() > before => {
                    prop_assert!(map.validate().is_empty(), "edits keep the map loadable");
                    states.push((map.clone(), to_ron(&map)));
                }
                Ok(()) => prop_assert!(map == states[states.len() - 1].0, "a no-op changed the map"),
                Err(_) => {
                    let (last, text) = &states[states.len() - 1];
                    prop_assert!(map == *last, "a refused edit changed the map");
                    prop_assert_eq!(&to_ron(&map), text);
                }
            }
        }
        let edited = map.clone();
        for (state, text) in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut map));
            prop_assert!(map == *state);
            prop_assert_eq!(&to_ron(&map), text);
        }
        prop_assert!(!history.undo(&mut map));
        prop_assert!(map == original);
        prop_assert_eq!(to_ron(&map), to_ron(&original));
        prop_assert!(!history.is_dirty());

        while history.redo(&mut map) {}
        prop_assert!(map == edited);
        prop_assert_eq!(to_ron(&map), to_ron(&edited));
    }

    #[test]
    fn every_inverse_restores_the_map_it_was_made_on(op in op()) {
        let mut map = mind_map();
        let edit = fit(op, &map);
        if let Ok(inverse) = apply(&mut map, edit) {
            apply(&mut map, inverse).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert!(map == mind_map());
        prop_assert_eq!(to_ron(&map), to_ron(&mind_map()));
    }
}
