//! [`Edit`]: one change to a map as a value, and [`apply`], the one place that makes it and
//! returns the edit that undoes it exactly.

use crate::model::{
    Baseline, Map, MapError, Observation, Position, Problem, Relationship, RelationshipId,
    RelationshipKind, SavedView, Stakeholder, StakeholderId, StakeholderKind, Subject,
};
use std::collections::HashSet;

/// One change to a map, as the window (or a script) asks for it.
///
/// Apply it with [`apply`] (or [`crate::edit::History::apply`], which also records it for
/// undo). Observations are addressed by their index in `Relationship::observations`, the
/// log as stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a stakeholder; its id must be free.
    AddStakeholder(Stakeholder),
    /// Removes a stakeholder and every relationship it carries; the inverse restores them
    /// all, logs included.
    RemoveStakeholder(StakeholderId),
    /// Replaces the stakeholder with this id by this record (any field, position and pinned
    /// included).
    UpdateStakeholder(Stakeholder),
    /// Moves stakeholders (a drag of a selection, or a layout settling): one step. `None`
    /// makes a stakeholder unplaced.
    MoveStakeholders(Vec<(StakeholderId, Option<Position>)>),
    /// Adds a relationship between two stakeholders on the map; its id must be free.
    AddRelationship(Relationship),
    /// Removes a relationship with its log.
    RemoveRelationship(RelationshipId),
    /// Replaces the relationship with this id by this record; reconnects it when the
    /// endpoints differ.
    UpdateRelationship(Relationship),
    /// Adds an observation to a relationship's log, in date order: after every observation
    /// of the same day or earlier. A log that is out of date order is sorted first (stably).
    AddObservation {
        /// The relationship observed.
        relationship: RelationshipId,
        /// What was observed.
        observation: Observation,
    },
    /// Replaces the observation at `index` of the log, in place (a changed date does not
    /// move it: the row being edited stays where it is; files are written in date order).
    UpdateObservation {
        /// The relationship observed.
        relationship: RelationshipId,
        /// Index in `Relationship::observations`.
        index: usize,
        /// The new record.
        observation: Observation,
    },
    /// Removes the observation at `index` of the log.
    RemoveObservation {
        /// The relationship observed.
        relationship: RelationshipId,
        /// Index in `Relationship::observations`.
        index: usize,
    },
    /// Renames the map; the title must not be empty.
    SetTitle(String),
    /// Replaces the map's description.
    SetDescription(String),
    /// Keeps a named baseline in the map (a name already used is refused).
    AddBaseline(Baseline),
    /// Removes the baseline with this name.
    RemoveBaseline(String),
    /// Replaces the saved views, in order: saving, renaming, reordering or deleting one
    /// is one step. A view with no name is refused.
    SetViews(Vec<SavedView>),
    /// Several edits, applied in order, as one undo step (deleting a selection, pasting).
    /// All or nothing: if one fails, those before it are undone.
    Batch(Vec<Edit>),
}

/// What replacing the saved views `before` by `after` does, in words.
fn describe_views(before: &[SavedView], after: &[SavedView]) -> String {
    let names = |views: &[SavedView]| views.iter().map(|v| v.name.clone()).collect::<Vec<_>>();
    let (was, now) = (names(before), names(after));
    if now.len() > was.len() {
        match now.iter().find(|n| !was.contains(n)) {
            Some(name) => format!("Save view “{name}”"),
            None => "Save view".to_owned(),
        }
    } else if now.len() < was.len() {
        match was.iter().find(|n| !now.contains(n)) {
            Some(name) => format!("Delete view “{name}”"),
            None => "Delete view".to_owned(),
        }
    } else if was.iter().all(|n| now.contains(n)) && was != now {
        "Reorder views".to_owned()
    } else {
        match (was.iter().zip(&now)).find(|(a, b)| a != b) {
            Some((a, b)) => format!("Rename view “{a}” to “{b}”"),
            None => "Change views".to_owned(),
        }
    }
}

/// Why an edit was refused. The map is unchanged when [`apply`] returns one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No stakeholder has this id.
    #[error("stakeholder {0} is not on the map")]
    UnknownStakeholder(StakeholderId),
    /// No relationship has this id.
    #[error("relationship {0} is not on the map")]
    UnknownRelationship(RelationshipId),
    /// A stakeholder with this id is already on the map.
    #[error("stakeholder {0} is already on the map")]
    DuplicateStakeholder(StakeholderId),
    /// A relationship with this id is already on the map.
    #[error("relationship {0} is already on the map")]
    DuplicateRelationship(RelationshipId),
    /// The relationship's log has no observation at this index.
    #[error("relationship {relationship} has {len} observation(s); there is none at index {index}")]
    ObservationOutOfRange {
        /// The relationship.
        relationship: RelationshipId,
        /// The index asked for.
        index: usize,
        /// How many observations the log has.
        len: usize,
    },
    /// The edit would leave a value the map file cannot hold (an empty name, a score out of
    /// range, a position that is not a number), so the map could be saved but not opened.
    #[error("{0}")]
    Invalid(Problem),
}

impl From<MapError> for EditError {
    fn from(error: MapError) -> Self {
        match error {
            MapError::DuplicateStakeholder(id) => Self::DuplicateStakeholder(id),
            MapError::DuplicateRelationship(id) => Self::DuplicateRelationship(id),
            MapError::MissingStakeholder { stakeholder, .. } => {
                Self::UnknownStakeholder(stakeholder)
            }
            MapError::Baseline { name, why } => {
                Self::Invalid(Problem::new(Subject::Baseline(name), why))
            }
        }
    }
}

/// Applies an edit; on success returns the edit that undoes it. On error the map is
/// unchanged (a failing [`Edit::Batch`] rolls back what it applied).
///
/// Values are checked as a loaded file is ([`Map::validate`]), so the map stays one that
/// can be saved and opened again.
pub fn apply(map: &mut Map, edit: Edit) -> Result<Edit, EditError> {
    apply_checked(map, edit, Check::Values)
}

/// Whether [`apply_checked`] checks the values an edit brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Check {
    /// Refuse values the map file cannot hold.
    Values,
    /// Trust them: the edit restores a state the map was in (undo, redo, rollback), which
    /// must succeed even if that state came from code that never validated it.
    Trusted,
}

/// [`apply`], with the choice of checking values.
pub(crate) fn apply_checked(map: &mut Map, edit: Edit, check: Check) -> Result<Edit, EditError> {
    let checked = check == Check::Values;
    match edit {
        Edit::AddStakeholder(stakeholder) => {
            let id = stakeholder.id();
            if map.stakeholder(id).is_some() {
                return Err(EditError::DuplicateStakeholder(id));
            }
            if checked {
                check_stakeholder(&stakeholder)?;
            }
            map.add_stakeholder(stakeholder)?;
            Ok(Edit::RemoveStakeholder(id))
        }
        Edit::RemoveStakeholder(id) => {
            let (stakeholder, relationships) = map
                .remove_stakeholder(id)
                .ok_or(EditError::UnknownStakeholder(id))?;
            let mut restore = Vec::with_capacity(1 + relationships.len());
            restore.push(Edit::AddStakeholder(stakeholder));
            restore.extend(relationships.into_iter().map(Edit::AddRelationship));
            Ok(Edit::Batch(restore))
        }
        Edit::UpdateStakeholder(stakeholder) => {
            if map.stakeholder(stakeholder.id()).is_none() {
                return Err(EditError::UnknownStakeholder(stakeholder.id()));
            }
            if checked {
                check_stakeholder(&stakeholder)?;
            }
            let slot = map
                .stakeholder_mut(stakeholder.id())
                .ok_or(EditError::UnknownStakeholder(stakeholder.id()))?;
            Ok(Edit::UpdateStakeholder(std::mem::replace(
                slot,
                stakeholder,
            )))
        }
        Edit::MoveStakeholders(moves) => {
            // Check everything first so that a bad entry leaves the map untouched.
            let mut before = Vec::with_capacity(moves.len());
            let mut seen = HashSet::with_capacity(moves.len());
            for &(id, position) in &moves {
                let stakeholder = map
                    .stakeholder(id)
                    .ok_or(EditError::UnknownStakeholder(id))?;
                if checked && let Some(p) = position.filter(|p| !p.is_finite()) {
                    return Err(EditError::Invalid(Problem::new(
                        Subject::Stakeholder(id, stakeholder.name.clone()),
                        format!("position ({}, {}) is not a finite number", p.0, p.1),
                    )));
                }
                // Each id once, in first-listed order: undo then reads like the edit, and
                // a drag that ends where it started is its own inverse (History skips it).
                if seen.insert(id) {
                    before.push((id, stakeholder.position));
                }
            }
            for (id, position) in moves {
                if let Some(stakeholder) = map.stakeholder_mut(id) {
                    stakeholder.position = position;
                }
            }
            Ok(Edit::MoveStakeholders(before))
        }
        Edit::AddRelationship(relationship) => {
            let id = relationship.id();
            if map.relationship(id).is_some() {
                return Err(EditError::DuplicateRelationship(id));
            }
            if checked {
                check_relationship(&relationship)?;
            }
            map.add_relationship(relationship)?;
            Ok(Edit::RemoveRelationship(id))
        }
        Edit::RemoveRelationship(id) => map
            .remove_relationship(id)
            .map(Edit::AddRelationship)
            .ok_or(EditError::UnknownRelationship(id)),
        Edit::UpdateRelationship(relationship) => {
            let id = relationship.id();
            let old = map
                .relationship(id)
                .ok_or(EditError::UnknownRelationship(id))?;
            let (from, to) = (relationship.from(), relationship.to());
            for end in [from, to] {
                if map.stakeholder(end).is_none() {
                    return Err(EditError::UnknownStakeholder(end));
                }
            }
            if checked {
                check_relationship(&relationship)?;
            }
            let old_ends = (old.from(), old.to());
            if old_ends != (from, to) {
                map.reconnect(id, from, to)?;
            }
            // The endpoints now agree with the graph, so replacing the whole record keeps
            // the two consistent.
            let slot = map
                .relationship_mut(id)
                .ok_or(EditError::UnknownRelationship(id))?;
            let mut old = std::mem::replace(slot, relationship);
            // Reconnecting moved the old record's ends too; undo must move them back.
            old.set_endpoints(old_ends.0, old_ends.1);
            Ok(Edit::UpdateRelationship(old))
        }
        Edit::AddObservation {
            relationship,
            observation,
        } => {
            if map.relationship(relationship).is_none() {
                return Err(EditError::UnknownRelationship(relationship));
            }
            if checked {
                check_observation(relationship, &observation)?;
            }
            let log = &mut map
                .relationship_mut(relationship)
                .ok_or(EditError::UnknownRelationship(relationship))?
                .observations;
            let sorted = log.is_sorted_by_key(|o| o.date);
            // An unsorted log (from a hand-written file) is sorted first so that "in date
            // order" means something; undo then restores the log exactly as it was.
            let unsorted_before = (!sorted).then(|| log.clone());
            if !sorted {
                log.sort_by_key(|o| o.date);
            }
            let index = log.partition_point(|o| o.date <= observation.date);
            log.insert(index, observation);
            Ok(match unsorted_before {
                None => Edit::RemoveObservation {
                    relationship,
                    index,
                },
                Some(observations) => {
                    let mut restored = map
                        .relationship(relationship)
                        .ok_or(EditError::UnknownRelationship(relationship))?
                        .clone();
                    restored.observations = observations;
                    Edit::UpdateRelationship(restored)
                }
            })
        }
        Edit::UpdateObservation {
            relationship,
            index,
            observation,
        } => {
            observation_mut(map, relationship, index)?;
            if checked {
                check_observation(relationship, &observation)?;
            }
            let slot = observation_mut(map, relationship, index)?;
            let old = std::mem::replace(slot, observation);
            Ok(Edit::UpdateObservation {
                relationship,
                index,
                observation: old,
            })
        }
        Edit::RemoveObservation {
            relationship,
            index,
        } => {
            observation_mut(map, relationship, index)?;
            let record = map
                .relationship_mut(relationship)
                .ok_or(EditError::UnknownRelationship(relationship))?;
            // Undo must put it back at this very index, among same-day entries too, which
            // AddObservation (date order) cannot promise; restoring the record can.
            let before = record.clone();
            record.observations.remove(index);
            Ok(Edit::UpdateRelationship(before))
        }
        Edit::SetTitle(title) => {
            if checked && let Some(message) = crate::model::name_problem("the title", &title) {
                return Err(EditError::Invalid(Problem::new(Subject::Map, message)));
            }
            Ok(Edit::SetTitle(std::mem::replace(&mut map.title, title)))
        }
        Edit::SetDescription(description) => Ok(Edit::SetDescription(std::mem::replace(
            &mut map.description,
            description,
        ))),
        Edit::AddBaseline(baseline) => {
            let name = baseline.name.clone();
            if checked {
                map.add_baseline(baseline)?;
            } else {
                // Undo puts back exactly what was removed, whatever its name.
                let baselines = map.baselines_unchecked();
                baselines.push(baseline);
                baselines.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
            }
            Ok(Edit::RemoveBaseline(name))
        }
        Edit::RemoveBaseline(name) => {
            let removed = map.remove_baseline(&name).ok_or_else(|| {
                EditError::Invalid(Problem::new(
                    Subject::Map,
                    format!("no baseline \"{name}\""),
                ))
            })?;
            Ok(Edit::AddBaseline(removed))
        }
        Edit::SetViews(views) => {
            if checked && views.iter().any(|v| v.name.trim().is_empty()) {
                return Err(EditError::Invalid(Problem::new(
                    Subject::Map,
                    "a saved view needs a name",
                )));
            }
            Ok(Edit::SetViews(std::mem::replace(&mut map.views, views)))
        }
        Edit::Batch(edits) => {
            let mut undo = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply_checked(map, edit, check) {
                    Ok(inverse) => undo.push(inverse),
                    Err(error) => {
                        roll_back(map, undo);
                        return Err(error);
                    }
                }
            }
            undo.reverse();
            Ok(Edit::Batch(undo))
        }
    }
}

/// Undoes the inverses of a batch's applied part, newest first.
fn roll_back(map: &mut Map, applied: Vec<Edit>) {
    for inverse in applied.into_iter().rev() {
        // An inverse restores the state just before its edit, so it cannot fail; if it
        // somehow did there is nothing better to do than carry on with the rest.
        let _ = apply_checked(map, inverse, Check::Trusted);
    }
}

fn observation_mut(
    map: &mut Map,
    relationship: RelationshipId,
    index: usize,
) -> Result<&mut Observation, EditError> {
    let log = &mut map
        .relationship_mut(relationship)
        .ok_or(EditError::UnknownRelationship(relationship))?
        .observations;
    let len = log.len();
    log.get_mut(index).ok_or(EditError::ObservationOutOfRange {
        relationship,
        index,
        len,
    })
}

/// The first problem the map file would report about this stakeholder, found by the same
/// checks a loaded file goes through.
fn check_stakeholder(stakeholder: &Stakeholder) -> Result<(), EditError> {
    let mut alone = Map::new("check");
    alone.add_stakeholder(stakeholder.clone())?;
    first_problem(&alone)
}

/// The first problem the map file would report about this relationship's values.
fn check_relationship(relationship: &Relationship) -> Result<(), EditError> {
    let mut alone = Map::new("check");
    for end in [relationship.from(), relationship.to()] {
        if alone.stakeholder(end).is_none() {
            alone.add_stakeholder(Stakeholder::new(end, StakeholderKind::Partner, "end"))?;
        }
    }
    alone.add_relationship(relationship.clone())?;
    first_problem(&alone)
}

fn check_observation(
    relationship: RelationshipId,
    observation: &Observation,
) -> Result<(), EditError> {
    let mut probe = Relationship::new(
        relationship,
        StakeholderId(1),
        StakeholderId(1),
        RelationshipKind::Informal,
    );
    probe.observations.push(observation.clone());
    check_relationship(&probe)
}

fn first_problem(map: &Map) -> Result<(), EditError> {
    match map.validate().into_iter().next() {
        Some(problem) => Err(EditError::Invalid(problem)),
        None => Ok(()),
    }
}

impl Edit {
    /// What the edit does, in a few words for the Undo and Redo menu items ("Add
    /// stakeholder “Youth Services”", "Move 3 stakeholders"). Names are looked up in `map`
    /// as it is before the edit is applied.
    pub fn describe(&self, map: &Map) -> String {
        match self {
            Self::AddStakeholder(s) => format!("Add {} “{}”", noun(s.kind), s.name),
            Self::RemoveStakeholder(id) => format!("Delete {}", stakeholder_label(map, *id)),
            Self::UpdateStakeholder(new) => describe_update(map, new),
            Self::MoveStakeholders(moves) => {
                let ids: HashSet<StakeholderId> = moves.iter().map(|(id, _)| *id).collect();
                match (ids.len(), moves.first()) {
                    (1, Some((id, _))) => format!("Move {}", stakeholder_label(map, *id)),
                    (n, _) => format!("Move {n} stakeholders"),
                }
            }
            Self::AddRelationship(r) => format!("Add relationship {}", ends(map, r)),
            Self::RemoveRelationship(id) => match map.relationship(*id) {
                Some(r) => format!("Delete relationship {}", ends(map, r)),
                None => format!("Delete relationship {id}"),
            },
            Self::UpdateRelationship(new) => match map.relationship(new.id()) {
                Some(old) if (old.from(), old.to()) != (new.from(), new.to()) => {
                    format!("Reconnect relationship {}", ends(map, new))
                }
                _ => format!("Edit relationship {}", ends(map, new)),
            },
            Self::AddObservation { observation, .. } => {
                format!("Add observation of {}", observation.date)
            }
            Self::UpdateObservation {
                relationship,
                index,
                observation,
            } => {
                let date =
                    observation_at(map, *relationship, *index).map_or(observation.date, |o| o.date);
                format!("Edit observation of {date}")
            }
            Self::RemoveObservation {
                relationship,
                index,
            } => match observation_at(map, *relationship, *index) {
                Some(o) => format!("Delete observation of {}", o.date),
                None => "Delete observation".to_owned(),
            },
            Self::SetTitle(title) => format!("Rename map to “{title}”"),
            Self::SetDescription(_) => "Edit map description".to_owned(),
            Self::AddBaseline(b) => format!("Save baseline “{}”", b.name),
            Self::RemoveBaseline(name) => format!("Delete baseline “{name}”"),
            Self::SetViews(views) => describe_views(&map.views, views),
            Self::Batch(edits) => describe_batch(map, edits),
        }
    }
}

fn noun(kind: StakeholderKind) -> &'static str {
    match kind {
        StakeholderKind::Partner => "partner",
        StakeholderKind::Organisation => "organisation",
        StakeholderKind::Issue => "issue",
        StakeholderKind::Initiative => "initiative",
    }
}

fn stakeholder_label(map: &Map, id: StakeholderId) -> String {
    match map.stakeholder(id) {
        Some(s) => format!("{} “{}”", noun(s.kind), s.name),
        None => format!("stakeholder {id}"),
    }
}

fn ends(map: &Map, r: &Relationship) -> String {
    map.relationship_name(r, true)
}

fn observation_at(map: &Map, relationship: RelationshipId, index: usize) -> Option<&Observation> {
    map.relationship(relationship)?.observations.get(index)
}

fn describe_update(map: &Map, new: &Stakeholder) -> String {
    let Some(old) = map.stakeholder(new.id()) else {
        return format!("Edit {} “{}”", noun(new.kind), new.name);
    };
    let label = format!("{} “{}”", noun(old.kind), old.name);
    // Name the one thing that changed when it is one a user does on purpose.
    let mut same_but_position = old.clone();
    same_but_position.position = new.position;
    let mut same_but_pinned = old.clone();
    same_but_pinned.pinned = new.pinned;
    if old.name != new.name {
        format!("Rename {label} to “{}”", new.name)
    } else if same_but_position == *new && old.position != new.position {
        format!("Move {label}")
    } else if same_but_pinned == *new && old.pinned != new.pinned {
        let verb = if new.pinned { "Pin" } else { "Unpin" };
        format!("{verb} {label}")
    } else {
        format!("Edit {label}")
    }
}

fn describe_batch(map: &Map, edits: &[Edit]) -> String {
    match edits {
        [] => return "No change".to_owned(),
        [only] => return only.describe(map),
        _ => {}
    }
    // Several stakeholders changed the same way (pinned, say) read as one action.
    let updates: Vec<String> = edits
        .iter()
        .filter(|e| matches!(e, Edit::UpdateStakeholder(_)))
        .map(|e| e.describe(map))
        .collect();
    if updates.len() == edits.len() {
        let verb = |label: &String| label.split(' ').next().unwrap_or_default().to_owned();
        let first = updates.first().map(verb).unwrap_or_default();
        let verb = if updates.iter().all(|u| verb(u) == first) {
            first
        } else {
            "Edit".to_owned()
        };
        return format!("{verb} {} stakeholders", updates.len());
    }
    let (mut added, mut removed, mut other) = ([0_usize; 2], [0_usize; 2], 0_usize);
    for edit in edits {
        match edit {
            Edit::AddStakeholder(_) => added[0] += 1,
            Edit::AddRelationship(_) => added[1] += 1,
            Edit::RemoveStakeholder(_) => removed[0] += 1,
            Edit::RemoveRelationship(_) => removed[1] += 1,
            _ => other += 1,
        }
    }
    let counted = |verb: &str, [stakeholders, relationships]: [usize; 2]| {
        let part = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            part(stakeholders, "stakeholder", "stakeholders"),
            part(relationships, "relationship", "relationships"),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!("{verb} {}", parts.join(" and "))
    };
    match (added, removed, other) {
        (added, [0, 0], 0) => counted("Add", added),
        ([0, 0], removed, 0) => counted("Delete", removed),
        _ => format!("{} changes", edits.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::fixture::*;
    use crate::io::to_ron;
    use crate::model::{RelationshipKind, Score, Strength};

    /// Applies an edit that must change the map, then its inverse, which must give back
    /// the map exactly: equal, and the same file bytes.
    fn assert_undoes_exactly(edit: Edit) {
        let mut map = mind_map();
        let before = map.clone();
        let label = format!("{edit:?}");
        let inverse = apply(&mut map, edit).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert!(map != before, "{label} changed nothing");
        apply(&mut map, inverse).unwrap_or_else(|e| panic!("undo of {label}: {e}"));
        assert!(map == before, "undo of {label} did not restore the map");
        assert_eq!(to_ron(&map), to_ron(&before), "undo of {label}");
    }

    #[test]
    fn every_edit_is_undone_exactly() {
        let map = mind_map();
        let mut renamed = map.stakeholder(YOUTH_SERVICES).expect("on map").clone();
        renamed.name = "Youth Services Dept".to_owned();
        renamed.pinned = true;
        let mut reversed = map.relationship(AFFECTED).expect("on map").clone();
        reversed.set_endpoints(YOUTH_ENGAGEMENT, CDS);
        reversed.notes = "now about CDS".to_owned();
        let mut relabelled = map.relationship(CDS_WORKS_ON).expect("on map").clone();
        relabelled.kind = RelationshipKind::Funds;
        for edit in [
            Edit::AddStakeholder(Stakeholder::new(
                StakeholderId(9),
                StakeholderKind::Initiative,
                "Basketball nights",
            )),
            Edit::RemoveStakeholder(CDS),
            Edit::RemoveStakeholder(YOUTH_ENGAGEMENT),
            Edit::UpdateStakeholder(renamed),
            Edit::MoveStakeholders(vec![
                (CDS, Some(Position(5.0, 5.0))),
                (YOUTH_ENGAGEMENT, Some(Position(1.0, 2.0))),
                (PRINCIPAL, None),
                (CDS, Some(Position(7.0, 7.0))),
            ]),
            Edit::AddRelationship(Relationship::new(
                RelationshipId(7),
                PRINCIPAL,
                PRINCIPAL,
                RelationshipKind::Informal,
            )),
            Edit::RemoveRelationship(CDS_WORKS_ON),
            Edit::UpdateRelationship(reversed),
            Edit::UpdateRelationship(relabelled),
            Edit::AddObservation {
                relationship: CDS_WORKS_ON,
                observation: observation("2025-03-01", 5, "evening"),
            },
            Edit::AddObservation {
                relationship: PARTNERSHIP,
                observation: observation("2025-01-01", 2, "new year"),
            },
            Edit::UpdateObservation {
                relationship: CDS_WORKS_ON,
                index: 1,
                observation: observation("2025-07-01", 0, "moved"),
            },
            Edit::RemoveObservation {
                relationship: CDS_WORKS_ON,
                index: 1,
            },
            Edit::RemoveObservation {
                relationship: PARTNERSHIP,
                index: 0,
            },
            Edit::SetTitle("Mind map".to_owned()),
            Edit::SetDescription(String::new()),
            Edit::Batch(vec![
                Edit::RemoveStakeholder(CDS),
                Edit::RemoveStakeholder(PRINCIPAL),
                Edit::SetTitle("What is left".to_owned()),
            ]),
        ] {
            assert_undoes_exactly(edit);
        }
    }

    #[test]
    fn undoing_a_removed_stakeholder_brings_back_its_relationships_and_logs() {
        let mut map = mind_map();
        let before = map.clone();
        let undo = apply(&mut map, Edit::RemoveStakeholder(CDS)).expect("on map");
        assert!(map.stakeholder(CDS).is_none());
        assert!(map.relationship(CDS_WORKS_ON).is_none());
        assert!(map.relationship(PARTNERSHIP).is_none());
        assert!(map.relationship(AFFECTED).is_some(), "not CDS's");

        apply(&mut map, undo).expect("undo");
        let log = &map.relationship(CDS_WORKS_ON).expect("back").observations;
        assert_eq!(log.len(), 4);
        assert_eq!(map.relationships_of(CDS).len(), 2);
        assert!(map == before);
    }

    #[test]
    fn a_failing_batch_leaves_the_map_unchanged() {
        let mut map = mind_map();
        let before = to_ron(&map);
        let result = apply(
            &mut map,
            Edit::Batch(vec![
                Edit::SetTitle("Half done".to_owned()),
                Edit::RemoveStakeholder(CDS),
                Edit::Batch(vec![Edit::MoveStakeholders(vec![(
                    PRINCIPAL,
                    Some(Position(1.0, 1.0)),
                )])]),
                Edit::AddObservation {
                    relationship: CDS_WORKS_ON, // removed with CDS above
                    observation: observation("2025-01-01", 1, ""),
                },
            ]),
        );
        assert_eq!(result, Err(EditError::UnknownRelationship(CDS_WORKS_ON)));
        assert_eq!(to_ron(&map), before);
        assert!(map == mind_map());
    }

    #[test]
    fn observations_are_added_after_those_of_the_same_day_or_earlier() {
        let mut map = mind_map();
        let undo = apply(
            &mut map,
            Edit::AddObservation {
                relationship: CDS_WORKS_ON,
                observation: observation("2025-03-01", 5, "evening"),
            },
        )
        .expect("relationship exists");
        let notes: Vec<&str> = map
            .relationship(CDS_WORKS_ON)
            .expect("there")
            .observations
            .iter()
            .map(|o| o.note.as_str())
            .collect();
        assert_eq!(
            notes,
            [
                "first meeting",
                "morning",
                "afternoon",
                "evening",
                "basketball nights"
            ]
        );
        assert_eq!(
            undo,
            Edit::RemoveObservation {
                relationship: CDS_WORKS_ON,
                index: 3
            }
        );
        let strength = map.relationship(CDS_WORKS_ON).map(Relationship::strength);
        assert_eq!(
            strength,
            Some(Strength::COOPERATING),
            "June is still the latest"
        );
    }

    #[test]
    fn adding_to_a_log_out_of_date_order_sorts_it_and_undo_unsorts_it() {
        let mut map = mind_map();
        let undo = apply(
            &mut map,
            Edit::AddObservation {
                relationship: PARTNERSHIP,
                observation: observation("2025-01-01", 2, "middle"),
            },
        )
        .expect("relationship exists");
        let notes = |map: &Map| -> Vec<String> {
            map.relationship(PARTNERSHIP)
                .expect("there")
                .observations
                .iter()
                .map(|o| o.note.clone())
                .collect()
        };
        assert_eq!(notes(&map), ["early", "middle", "late"]);
        apply(&mut map, undo).expect("undo");
        assert_eq!(notes(&map), ["late", "early"], "order as stored before");
    }

    #[test]
    fn updating_endpoints_reconnects_the_relationship() {
        let mut map = mind_map();
        let mut moved = map.relationship(AFFECTED).expect("there").clone();
        moved.set_endpoints(YOUTH_SERVICES, CDS);
        let edit = Edit::UpdateRelationship(moved);
        assert_eq!(
            edit.describe(&map),
            "Reconnect relationship “Youth Services” → “Community Development Section”"
        );
        let undo = apply(&mut map, edit).expect("ends exist");
        assert!(map.relationships_of(PRINCIPAL).is_empty());
        assert_eq!(map.relationships_of(YOUTH_SERVICES).len(), 2);
        apply(&mut map, undo).expect("undo");
        assert_eq!(map.relationships_of(PRINCIPAL).len(), 1);

        let mut dangling = map.relationship(AFFECTED).expect("there").clone();
        dangling.set_endpoints(PRINCIPAL, StakeholderId(99));
        assert_eq!(
            apply(&mut map, Edit::UpdateRelationship(dangling)),
            Err(EditError::UnknownStakeholder(StakeholderId(99)))
        );
        assert!(map == mind_map());
    }

    #[test]
    fn refuses_unknown_and_duplicate_ids_and_missing_observations() {
        let mut map = mind_map();
        let cases = [
            (
                Edit::AddStakeholder(Stakeholder::new(CDS, StakeholderKind::Issue, "Again")),
                EditError::DuplicateStakeholder(CDS),
            ),
            (
                Edit::RemoveStakeholder(StakeholderId(42)),
                EditError::UnknownStakeholder(StakeholderId(42)),
            ),
            (
                Edit::MoveStakeholders(vec![(CDS, None), (StakeholderId(42), None)]),
                EditError::UnknownStakeholder(StakeholderId(42)),
            ),
            (
                Edit::AddRelationship(Relationship::new(
                    AFFECTED,
                    CDS,
                    PRINCIPAL,
                    RelationshipKind::Informal,
                )),
                EditError::DuplicateRelationship(AFFECTED),
            ),
            (
                Edit::AddRelationship(Relationship::new(
                    RelationshipId(8),
                    CDS,
                    StakeholderId(42),
                    RelationshipKind::Informal,
                )),
                EditError::UnknownStakeholder(StakeholderId(42)),
            ),
            (
                Edit::RemoveRelationship(RelationshipId(42)),
                EditError::UnknownRelationship(RelationshipId(42)),
            ),
            (
                Edit::RemoveObservation {
                    relationship: AFFECTED,
                    index: 0,
                },
                EditError::ObservationOutOfRange {
                    relationship: AFFECTED,
                    index: 0,
                    len: 0,
                },
            ),
            (
                Edit::UpdateObservation {
                    relationship: CDS_WORKS_ON,
                    index: 4,
                    observation: observation("2025-01-01", 1, ""),
                },
                EditError::ObservationOutOfRange {
                    relationship: CDS_WORKS_ON,
                    index: 4,
                    len: 4,
                },
            ),
        ];
        for (edit, error) in cases {
            assert_eq!(apply(&mut map, edit), Err(error));
        }
        assert!(map == mind_map());
    }

    #[test]
    fn refuses_values_the_file_could_not_load() {
        let mut map = mind_map();
        let mut nameless = map.stakeholder(CDS).expect("there").clone();
        nameless.name = "  ".to_owned();
        // An influence or a strength of 6, which the file could not load either, cannot
        // even be made: the types refuse them before any edit is.
        assert!(Score::new(6).is_err() && Strength::new(6).is_err());
        for (edit, message) in [
            (
                Edit::UpdateStakeholder(nameless),
                "stakeholder #1: the name is empty",
            ),
            (
                Edit::MoveStakeholders(vec![(PRINCIPAL, Some(Position(f32::NAN, 1.0)))]),
                "stakeholder #4 \"School principal\": position (NaN, 1) is not a finite number",
            ),
            (Edit::SetTitle(String::new()), "map: the title is empty"),
            (
                Edit::SetTitle("\u{200b}".to_owned()),
                "map: the title shows nothing: it holds only invisible characters (U+200B)",
            ),
        ] {
            let error = apply(&mut map, edit).expect_err(message);
            assert_eq!(error.to_string(), message);
        }
        let mut invisible = map.stakeholder(CDS).expect("there").clone();
        invisible.name = "\u{301}".to_owned();
        let error = apply(&mut map, Edit::UpdateStakeholder(invisible)).expect_err("invisible");
        assert!(
            error.to_string().contains("the name shows nothing"),
            "{error}"
        );
        let baseline = |name: &str| {
            Edit::AddBaseline(Baseline {
                name: name.to_owned(),
                date: "2025-01-01".parse().expect("date"),
                stakeholders: Vec::new(),
                relationships: Vec::new(),
            })
        };
        for (name, message) in [
            ("", "the name is empty"),
            ("\u{feff}", "the name shows nothing"),
            ("2025-06-30", "the name is written like a date"),
        ] {
            let error = apply(&mut map, baseline(name)).expect_err(name);
            assert!(error.to_string().contains(message), "{name:?}: {error}");
        }
        assert!(map == mind_map());
        // The ends of the ranges are values the file loads.
        let mut top_scored = map.stakeholder(CDS).expect("there").clone();
        top_scored.influence = Some(Score::MAX);
        top_scored.priority = Some(Score::MIN);
        apply(&mut map, Edit::UpdateStakeholder(top_scored)).expect("in range");
        let strongest = Edit::AddObservation {
            relationship: AFFECTED,
            observation: observation("2025-01-01", Strength::MAX.get(), ""),
        };
        apply(&mut map, strongest).expect("in range");
        apply(&mut map, baseline("Before Police Week")).expect("a name in words");
        let error = apply(&mut map, baseline("Before Police Week")).expect_err("taken");
        assert!(error.to_string().contains("another baseline has this name"));
    }

    #[test]
    fn describes_edits_for_the_undo_menu() {
        let map = mind_map();
        let youth = Stakeholder::new(
            StakeholderId(9),
            StakeholderKind::Organisation,
            "Youth Services",
        );
        let mut pinned = map.stakeholder(PRINCIPAL).expect("there").clone();
        pinned.pinned = true;
        let mut placed = map.stakeholder(YOUTH_ENGAGEMENT).expect("there").clone();
        placed.position = Some(Position(1.0, 1.0));
        let cases = [
            (
                Edit::AddStakeholder(youth),
                "Add organisation “Youth Services”",
            ),
            (
                Edit::RemoveStakeholder(PRINCIPAL),
                "Delete partner “School principal”",
            ),
            (
                Edit::UpdateStakeholder(pinned),
                "Pin partner “School principal”",
            ),
            (
                Edit::UpdateStakeholder(placed),
                "Move issue “Youth engagement”",
            ),
            (
                Edit::MoveStakeholders(vec![(CDS, None), (PRINCIPAL, None), (CDS, None)]),
                "Move 2 stakeholders",
            ),
            (
                Edit::RemoveRelationship(PARTNERSHIP),
                "Delete relationship “Youth Services” — “Community Development Section”",
            ),
            (
                Edit::RemoveObservation {
                    relationship: CDS_WORKS_ON,
                    index: 3,
                },
                "Delete observation of 2025-06-02",
            ),
            (
                Edit::Batch(vec![
                    Edit::RemoveStakeholder(CDS),
                    Edit::RemoveStakeholder(PRINCIPAL),
                    Edit::RemoveRelationship(AFFECTED),
                ]),
                "Delete 2 stakeholders and 1 relationship",
            ),
            (Edit::Batch(vec![]), "No change"),
            (
                Edit::Batch(
                    [CDS, PRINCIPAL]
                        .map(|id| {
                            let mut s = map.stakeholder(id).expect("there").clone();
                            s.pinned = true;
                            Edit::UpdateStakeholder(s)
                        })
                        .to_vec(),
                ),
                "Pin 2 stakeholders",
            ),
            (
                Edit::Batch(vec![
                    Edit::AddStakeholder(Stakeholder::new(
                        StakeholderId(9),
                        StakeholderKind::Issue,
                        "Graffiti",
                    )),
                    Edit::SetTitle("Mixed".to_owned()),
                ]),
                "2 changes",
            ),
        ];
        for (edit, label) in cases {
            assert_eq!(edit.describe(&map), label);
        }
    }
}
