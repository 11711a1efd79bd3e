//! Copy, paste and duplicate of stakeholders with the relationships among them, within a
//! map or between two (two windows): the clipboard holds map-file text, so it travels
//! through the system clipboard as plain text.

use super::edit::Edit;
use crate::io::{LoadError, parse, to_ron};
use crate::layout::placement::{Footprint, free_shift};
use crate::model::{Map, Position, RelationshipId, StakeholderId};
use std::collections::{HashMap, HashSet};

/// The title of the small map a copy writes, so that the text says what it is when it
/// lands in an editor by mistake.
pub const CLIPBOARD_TITLE: &str = "stakemap clipboard";

/// Why clipboard text could not be pasted.
#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    /// The text is not stakemap map text (plain words, another program's data).
    #[error("the clipboard holds no stakemap stakeholders")]
    NotStakemap,
    /// It is stakemap text, but from a newer stakemap or with values this one refuses.
    #[error("the clipboard cannot be pasted")]
    Unreadable(#[source] LoadError),
}

/// The selected stakeholders and the relationships among them (both ends selected), as map
/// file text for the system clipboard. Ids not on the map are left out.
pub fn copy(map: &Map, stakeholders: &[StakeholderId]) -> String {
    to_ron(&selection(map, stakeholders))
}

/// What `text` (from [`copy`], here or in another window; any map file text will do) adds
/// to `map`: one [`Edit::Batch`] to apply, and the ids the pasted stakeholders get, to
/// select them.
///
/// Every pasted stakeholder and relationship gets an id not used in `map`, relationships
/// keep their ends among the pasted stakeholders, and positions move by `offset` (so the
/// copy does not hide the original); unplaced stakeholders stay unplaced.
pub fn paste(
    map: &Map,
    text: &str,
    offset: (f32, f32),
) -> Result<(Edit, Vec<StakeholderId>), ClipboardError> {
    Ok(additions(map, &clipboard_map(text)?, offset))
}

/// [`paste`] where the person points: the pasted group's centre at `at` when given, else
/// `offset` from where it was copied; then moved on, keeping its shape, until none of it
/// covers a stakeholder already on `map` (so a second paste never hides the first).
pub fn paste_at(
    map: &Map,
    text: &str,
    at: Option<Position>,
    offset: (f32, f32),
) -> Result<(Edit, Vec<StakeholderId>), ClipboardError> {
    let pasted = clipboard_map(text)?;
    let offset = landing(map, &pasted, at, offset);
    Ok(additions(map, &pasted, offset))
}

fn clipboard_map(text: &str) -> Result<Map, ClipboardError> {
    parse(text, "clipboard").map_err(|error| match error {
        // Text that is not RON at all, or RON of another shape, is simply not ours.
        LoadError::Syntax { .. } | LoadError::NotAMap { .. } | LoadError::Empty { .. } => {
            ClipboardError::NotStakemap
        }
        error => ClipboardError::Unreadable(error),
    })
}

/// The offset that puts `group` where it should land on `map`: centred on `at`, or moved
/// by `offset`, then clear of every stakeholder already there.
fn landing(map: &Map, group: &Map, at: Option<Position>, offset: (f32, f32)) -> (f32, f32) {
    let footprints = |m: &Map| -> Vec<Footprint> {
        m.stakeholders()
            .filter_map(|s| Some(Footprint::of(s, s.position?)))
            .collect()
    };
    let members = footprints(group);
    let base = match at {
        Some(Position(x, y)) if !members.is_empty() => {
            let n = members.len() as f32;
            let cx = members.iter().map(|f| f.centre.0).sum::<f32>() / n;
            let cy = members.iter().map(|f| f.centre.1).sum::<f32>() / n;
            (x - cx, y - cy)
        }
        _ => offset,
    };
    let moved: Vec<Footprint> = members.iter().map(|f| f.moved(base.0, base.1)).collect();
    let (dx, dy) = free_shift(&footprints(map), &moved);
    (base.0 + dx, base.1 + dy)
}

/// The selected stakeholders again, with the relationships among them, moved by `offset`
/// and on until clear of what is on the map: the same as [`copy`] then [`paste_at`],
/// without the round trip through text.
pub fn duplicate(
    map: &Map,
    stakeholders: &[StakeholderId],
    offset: (f32, f32),
) -> (Edit, Vec<StakeholderId>) {
    let part = selection(map, stakeholders);
    let offset = landing(map, &part, None, offset);
    additions(map, &part, offset)
}

/// A small map of the selected stakeholders and the relationships with both ends among them.
fn selection(map: &Map, stakeholders: &[StakeholderId]) -> Map {
    let mut part = Map::new(CLIPBOARD_TITLE);
    let chosen: HashSet<StakeholderId> = stakeholders.iter().copied().collect();
    for stakeholder in map.stakeholders_by_id() {
        if chosen.contains(&stakeholder.id()) {
            // Cannot fail: ids on a map are distinct.
            let _ = part.add_stakeholder(stakeholder.clone());
        }
    }
    for relationship in map.relationships_by_id() {
        if chosen.contains(&relationship.from()) && chosen.contains(&relationship.to()) {
            // Cannot fail: both ends were just added.
            let _ = part.add_relationship(relationship.clone());
        }
    }
    part
}

/// The edit that adds everything on `source` to `map` under fresh ids, positions moved.
fn additions(map: &Map, source: &Map, offset: (f32, f32)) -> (Edit, Vec<StakeholderId>) {
    let mut next_relationship = map.next_relationship_id().0;
    let mut new_ids = HashMap::new();
    let mut edits = Vec::with_capacity(source.stakeholder_count() + source.relationship_count());
    let mut added = Vec::with_capacity(source.stakeholder_count());
    let fresh = (map.next_stakeholder_id().0..).map(StakeholderId);
    for (id, stakeholder) in fresh.zip(source.stakeholders_by_id()) {
        new_ids.insert(stakeholder.id(), id);
        added.push(id);
        let mut copy = stakeholder.clone().with_id(id);
        copy.position = copy
            .position
            .map(|Position(x, y)| Position(x + offset.0, y + offset.1));
        edits.push(Edit::AddStakeholder(copy));
    }
    for relationship in source.relationships_by_id() {
        // A map's relationships have both ends on it, so both are in `new_ids`.
        let (Some(&from), Some(&to)) = (
            new_ids.get(&relationship.from()),
            new_ids.get(&relationship.to()),
        ) else {
            continue;
        };
        let mut copy = relationship
            .clone()
            .with_id(RelationshipId(next_relationship));
        next_relationship += 1;
        // Not yet on any map, so moving its ends cannot part it from a graph edge.
        copy.set_endpoints(from, to);
        // A copy reads as the file would: its log in date order, whichever way it came.
        copy.sort_observations();
        edits.push(Edit::AddRelationship(copy));
    }
    (Edit::Batch(edits), added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::edit::fixture::*;
    use crate::model::Stakeholder;

    fn names(map: &Map, ids: &[StakeholderId]) -> Vec<String> {
        ids.iter()
            .filter_map(|&id| map.stakeholder(id))
            .map(|s| s.name.clone())
            .collect()
    }

    #[test]
    fn copies_the_selection_and_the_relationships_among_it() {
        let map = mind_map();
        let text = copy(&map, &[CDS, YOUTH_ENGAGEMENT, StakeholderId(77)]);
        let copied = parse(&text, "test").expect("copy writes a map file");
        assert_eq!(copied.title, CLIPBOARD_TITLE);
        assert_eq!(copied.stakeholder_count(), 2);
        let ids: Vec<RelationshipId> = copied
            .relationships_by_id()
            .iter()
            .map(|r| r.id())
            .collect();
        assert_eq!(
            ids,
            [CDS_WORKS_ON],
            "the partnership's other end was not selected"
        );
    }

    #[test]
    fn pasting_twice_into_the_same_map_gives_distinct_ids() {
        let mut map = mind_map();
        let text = copy(&map, &[CDS, YOUTH_ENGAGEMENT]);
        let (first, first_ids) = paste(&map, &text, (20.0, 20.0)).expect("our own copy");
        apply(&mut map, first).expect("fresh ids");
        let (second, second_ids) = paste(&map, &text, (40.0, 40.0)).expect("our own copy");
        apply(&mut map, second).expect("fresh ids");

        assert_eq!(map.stakeholder_count(), 8);
        assert_eq!(map.relationship_count(), 5);
        assert!(first_ids.iter().all(|id| !second_ids.contains(id)));
        assert!(first_ids.iter().chain(&second_ids).all(|&id| id.0 > 4));
        assert_eq!(
            names(&map, &second_ids),
            ["Community Development Section", "Youth engagement"]
        );
        let moved = map.stakeholder(second_ids[0]).and_then(|s| s.position);
        assert_eq!(moved, Some(Position(40.0, 40.0)));
        let unplaced = map.stakeholder(second_ids[1]).and_then(|s| s.position);
        assert_eq!(unplaced, None, "an unplaced stakeholder stays unplaced");
    }

    #[test]
    fn pasting_into_another_map_keeps_the_relationships_among_the_pasted() {
        let source = mind_map();
        let text = copy(&source, &[CDS, YOUTH_SERVICES, YOUTH_ENGAGEMENT]);
        let mut other = Map::new("Another district");
        for id in [1, 5] {
            other
                .add_stakeholder(Stakeholder::new(
                    StakeholderId(id),
                    crate::model::StakeholderKind::Partner,
                    "Already here",
                ))
                .expect("fresh");
        }
        let (edit, pasted) = paste(&other, &text, (0.0, 0.0)).expect("our own copy");
        apply(&mut other, edit).expect("fresh ids");
        assert_eq!(
            pasted,
            [StakeholderId(6), StakeholderId(7), StakeholderId(8)]
        );

        let section = pasted[0];
        let ties = other.relationships_of(section);
        assert_eq!(ties.len(), 2);
        let works_on = ties
            .iter()
            .find(|r| r.kind == crate::model::RelationshipKind::WorksOn)
            .expect("pasted with both ends");
        assert_eq!((works_on.from(), works_on.to()), (section, pasted[2]));
        assert_eq!(
            works_on.observations,
            source
                .relationship(CDS_WORKS_ON)
                .expect("there")
                .observations,
            "the log comes along"
        );
        assert!(other.relationships_of(StakeholderId(1)).is_empty());
        assert!(other.validate().is_empty());
    }

    #[test]
    fn text_that_is_not_a_stakemap_clipboard_is_an_error() {
        let map = mind_map();
        for text in [
            "",
            "Youth Services, 0412 345 678",
            "{\"stakeholders\": []}",
            "(format: \"other\", version: 1)",
            "(format: \"stakemap\", version: 1, title: \"x\", stakeholders: [(id: 1",
            "\u{0}\u{1}\u{fffd}",
        ] {
            assert!(
                matches!(
                    paste(&map, text, (0.0, 0.0)),
                    Err(ClipboardError::NotStakemap)
                ),
                "{text:?}"
            );
        }
        let newer = "(format: \"stakemap\", version: 99, title: \"x\")";
        assert!(matches!(
            paste(&map, newer, (0.0, 0.0)),
            Err(ClipboardError::Unreadable(LoadError::NewerVersion { .. }))
        ));
        let nameless = "(format: \"stakemap\", version: 1, title: \"x\", stakeholders: [(id: 1, kind: Issue, name: \"\")])";
        assert!(matches!(
            paste(&map, nameless, (0.0, 0.0)),
            Err(ClipboardError::Unreadable(LoadError::Invalid { .. }))
        ));
    }

    #[test]
    fn duplicate_is_copy_then_paste() {
        let mut map = mind_map();
        let selection = [YOUTH_SERVICES, CDS, PRINCIPAL];
        let via_text =
            paste_at(&map, &copy(&map, &selection), None, (5.0, -5.0)).expect("our copy");
        let (edit, ids) = duplicate(&map, &selection, (5.0, -5.0));
        assert_eq!((edit.clone(), ids.clone()), via_text);
        // Moved on from 5 units away until clear of the originals.
        let Edit::Batch(adds) = &edit else {
            panic!("a batch")
        };
        for add in adds {
            if let Edit::AddStakeholder(s) = add {
                let p = s.position.expect("placed");
                for original in map.stakeholders() {
                    let Some(q) = original.position else {
                        continue;
                    };
                    let d = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
                    assert!(
                        d >= 2.0 * crate::style::node_radius(Some(crate::model::Score::MIDDLE)),
                        "{d}"
                    );
                }
            }
        }
        apply(&mut map, edit).expect("fresh ids");
        assert_eq!(
            map.relationship_count(),
            4,
            "only the partnership has both ends selected"
        );
        assert_eq!(names(&map, &ids).len(), 3);
    }
}
