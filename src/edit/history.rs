//! The undo/redo history of one open map: capped, kept in memory only (never written into
//! the map file), with a save point that tells whether the map has unsaved edits.

use super::edit::{Check, Edit, EditError, apply, apply_checked};
use crate::model::Map;
use std::collections::VecDeque;

/// How many steps a [`History`] keeps by default: well over the hundred people expect.
pub const DEFAULT_LIMIT: usize = 200;

/// One recorded step: the edit that takes the map across it, and what the user calls it.
#[derive(Clone, Debug)]
struct Step {
    /// Names the state the map is in after this step (see [`History::state`]).
    serial: u64,
    /// On the undo stack the inverse to apply; on the redo stack the edit to apply again.
    edit: Edit,
    /// [`Edit::describe`] of the edit as the user made it.
    label: String,
}

/// Undo and redo for one map, and whether it has changed since it was last saved.
///
/// Every edit goes through [`History::apply`], which records one step; the oldest steps
/// are dropped beyond the limit.
#[derive(Clone, Debug)]
pub struct History {
    limit: usize,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// The serial the next recorded step gets; serials are never reused, so a state that
    /// can no longer be reached is never mistaken for one that can.
    next_serial: u64,
    /// The state the map is in when nothing is left to undo.
    base: u64,
    /// The state last saved, if it is one this history can name.
    saved: Option<u64>,
}

impl Default for History {
    /// A history of [`DEFAULT_LIMIT`] steps.
    fn default() -> Self {
        Self::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// An empty history that keeps at most `limit` undo steps; the map as it is now counts
    /// as saved.
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            undo: VecDeque::new(),
            redo: Vec::new(),
            next_serial: 1,
            base: 0,
            saved: Some(0),
        }
    }

    /// Applies an edit and records it as one undo step named by [`Edit::describe`];
    /// clears what could be redone. On error nothing changes, map or history.
    pub fn apply(&mut self, map: &mut Map, edit: Edit) -> Result<(), EditError> {
        let label = edit.describe(map);
        self.apply_as(map, edit, label)
    }

    /// [`History::apply`] with a label of the caller's choosing ("Paste 3 stakeholders").
    ///
    /// An edit that changes nothing (an empty batch, a drag that ends where it started)
    /// records no step and keeps what could be redone.
    pub fn apply_as(
        &mut self,
        map: &mut Map,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        // Only edits that replace values can come back as their own inverse; those are
        // cheap to keep for the comparison.
        let replaces = matches!(
            edit,
            Edit::UpdateStakeholder(_)
                | Edit::MoveStakeholders(_)
                | Edit::UpdateRelationship(_)
                | Edit::UpdateObservation { .. }
                | Edit::SetTitle(_)
                | Edit::SetDescription(_)
                | Edit::SetViews(_)
        )
        .then(|| edit.clone());
        let inverse = apply(map, edit)?;
        let changed_nothing = match &inverse {
            Edit::Batch(edits) => edits.is_empty(),
            inverse => replaces.as_ref() == Some(inverse),
        };
        if changed_nothing {
            return Ok(());
        }
        self.redo.clear();
        self.undo.push_back(Step {
            serial: self.next_serial,
            edit: inverse,
            label: label.into(),
        });
        self.next_serial += 1;
        while self.undo.len() > self.limit {
            if let Some(dropped) = self.undo.pop_front() {
                // The state after the dropped step is still reachable: it is where undo
                // now stops. The state before it is gone for good.
                self.base = dropped.serial;
            }
        }
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    ///
    /// Also false, with the history cleared and the map counted as unsaved, if the step no
    /// longer applies, which happens only when the map was changed behind the history.
    pub fn undo(&mut self, map: &mut Map) -> bool {
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        match apply_checked(map, step.edit, Check::Trusted) {
            Ok(redo) => {
                self.redo.push(Step { edit: redo, ..step });
                true
            }
            Err(_) => {
                self.lose_track();
                false
            }
        }
    }

    /// Redoes the last undone step; false when there is none (or, as for
    /// [`History::undo`], when it no longer applies).
    pub fn redo(&mut self, map: &mut Map) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        match apply_checked(map, step.edit, Check::Trusted) {
            Ok(undo) => {
                self.undo.push_back(Step { edit: undo, ..step });
                true
            }
            Err(_) => {
                self.lose_track();
                false
            }
        }
    }

    fn lose_track(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.base = self.next_serial;
        self.next_serial += 1;
        self.saved = None;
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would undo ("Add partner “Youth Services”"), for the menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|step| step.label.as_str())
    }

    /// What redo would redo, for the menu.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (after a map is opened or reverted, say); whether the map counts
    /// as saved does not change.
    pub fn clear(&mut self) {
        let now = self.state();
        self.undo.clear();
        self.redo.clear();
        self.base = now;
    }

    /// Marks the map as it is now as saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.state());
    }

    /// Whether the map differs by edits from the state last marked saved. Undoing or redoing
    /// back to that state makes it clean again; once that state can no longer be reached
    /// (dropped off the limit, or in a redo branch a new edit discarded) the map stays
    /// dirty until it is saved again.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.state())
    }

    /// Names the state the map is in: the serial of the last step applied, or `base`.
    fn state(&self) -> u64 {
        self.undo.back().map_or(self.base, |step| step.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::fixture::*;
    use crate::io::to_ron;
    use crate::model::{Position, Stakeholder, StakeholderId, StakeholderKind};

    fn nudge(x: f32) -> Edit {
        Edit::MoveStakeholders(vec![(CDS, Some(Position(x, 0.0)))])
    }

    #[test]
    fn undoes_and_redoes_150_steps_back_and_forth() {
        let mut map = mind_map();
        let mut history = History::default();
        let mut states = vec![to_ron(&map)];
        for step in 1..=150_u16 {
            let edit = match step % 3 {
                0 => nudge(f32::from(step)),
                1 => Edit::SetTitle(format!("Map, version {step}")),
                _ => Edit::AddObservation {
                    relationship: CDS_WORKS_ON,
                    observation: observation("2025-03-01", 3, &format!("step {step}")),
                },
            };
            history.apply(&mut map, edit).expect("valid edit");
            states.push(to_ron(&map));
        }
        assert_eq!(history.undo_len(), 150);
        for expected in states.iter().rev().skip(1) {
            assert!(history.undo(&mut map));
            assert_eq!(&to_ron(&map), expected);
        }
        assert!(!history.can_undo());
        assert!(!history.undo(&mut map), "nothing left to undo");
        assert!(map == mind_map());
        for expected in states.iter().skip(1) {
            assert!(history.redo(&mut map));
            assert_eq!(&to_ron(&map), expected);
        }
        assert!(!history.redo(&mut map), "nothing left to redo");
    }

    #[test]
    fn the_limit_drops_the_oldest_steps() {
        let mut map = mind_map();
        let mut history = History::new(3);
        for x in 1..=5_u8 {
            history.apply(&mut map, nudge(f32::from(x))).expect("valid");
        }
        assert_eq!(history.undo_len(), 3);
        while history.undo(&mut map) {}
        let position = map.stakeholder(CDS).and_then(|s| s.position);
        assert_eq!(position, Some(Position(2.0, 0.0)), "steps 1 and 2 are gone");
    }

    #[test]
    fn labels_are_captured_when_the_edit_is_made() {
        let mut map = mind_map();
        let mut history = History::default();
        assert_eq!(history.undo_label(), None);
        history
            .apply(&mut map, Edit::RemoveStakeholder(YOUTH_SERVICES))
            .expect("on map");
        // The stakeholder is gone from the map, but the label still names it.
        assert_eq!(
            history.undo_label(),
            Some("Delete organisation “Youth Services”")
        );
        assert!(history.undo(&mut map));
        assert_eq!(history.undo_label(), None);
        assert_eq!(
            history.redo_label(),
            Some("Delete organisation “Youth Services”")
        );
        history
            .apply_as(
                &mut map,
                Edit::SetTitle("New".to_owned()),
                "Paste 0 stakeholders",
            )
            .expect("valid");
        assert_eq!(history.undo_label(), Some("Paste 0 stakeholders"));
        assert!(!history.can_redo(), "a new edit discards the redo branch");
    }

    #[test]
    fn edits_that_fail_or_change_nothing_record_no_step() {
        let mut map = mind_map();
        let mut history = History::default();
        history.apply(&mut map, nudge(10.0)).expect("valid");
        assert!(history.undo(&mut map));
        let here = map.stakeholder(CDS).and_then(|s| s.position);
        history
            .apply(&mut map, Edit::MoveStakeholders(vec![(CDS, here)]))
            .expect("valid");
        history
            .apply(&mut map, Edit::Batch(Vec::new()))
            .expect("valid");
        assert!(
            history
                .apply(&mut map, Edit::RemoveStakeholder(StakeholderId(99)))
                .is_err()
        );
        assert!(!history.can_undo());
        assert!(history.can_redo(), "a click that moves nothing keeps redo");
        assert!(!history.is_dirty());
    }

    #[test]
    fn dirty_until_saved_and_clean_again_at_the_save_point() {
        let mut map = mind_map();
        let mut history = History::default();
        assert!(!history.is_dirty(), "a map just opened is clean");
        history.apply(&mut map, nudge(1.0)).expect("valid");
        assert!(history.is_dirty());
        assert!(history.undo(&mut map));
        assert!(!history.is_dirty(), "undone back to the map as opened");
        assert!(history.redo(&mut map));
        history.apply(&mut map, nudge(2.0)).expect("valid");
        history.mark_saved();
        assert!(!history.is_dirty());
        assert!(history.undo(&mut map));
        assert!(history.is_dirty());
        assert!(history.redo(&mut map));
        assert!(!history.is_dirty(), "redone back to the save point");

        // A new edit after undo discards the branch holding the save point.
        assert!(history.undo(&mut map));
        history.apply(&mut map, nudge(3.0)).expect("valid");
        assert!(history.is_dirty());
        assert!(history.undo(&mut map));
        assert!(history.is_dirty(), "the save point cannot be reached again");
        history.mark_saved();
        assert!(!history.is_dirty());
    }

    #[test]
    fn a_save_point_dropped_off_the_limit_stays_dirty() {
        let mut map = mind_map();
        let mut history = History::new(2);
        for x in 1..=3_u8 {
            history.apply(&mut map, nudge(f32::from(x))).expect("valid");
        }
        while history.undo(&mut map) {}
        assert!(
            history.is_dirty(),
            "the map as opened is three steps back, past the limit"
        );

        // A save point still within the limit is found again at the oldest step.
        let mut history = History::new(2);
        history.apply(&mut map, nudge(10.0)).expect("valid");
        history.mark_saved();
        history.apply(&mut map, nudge(11.0)).expect("valid");
        history.apply(&mut map, nudge(12.0)).expect("valid");
        while history.undo(&mut map) {}
        assert!(!history.is_dirty());
    }

    #[test]
    fn clearing_keeps_whether_the_map_was_saved() {
        let mut map = mind_map();
        let mut history = History::default();
        history.clear();
        assert!(!history.is_dirty());
        history.apply(&mut map, nudge(1.0)).expect("valid");
        history.clear();
        assert!(history.is_dirty());
        assert!(!history.can_undo() && !history.can_redo());
    }

    #[test]
    fn a_step_that_no_longer_applies_clears_the_history() {
        let mut map = mind_map();
        let mut history = History::default();
        history
            .apply(&mut map, Edit::RemoveStakeholder(PRINCIPAL))
            .expect("on map");
        // Changed behind the history's back: the id the undo would restore is taken.
        map.add_stakeholder(Stakeholder::new(
            PRINCIPAL,
            StakeholderKind::Partner,
            "Someone else",
        ))
        .expect("free id");
        let before = to_ron(&map);
        assert!(!history.undo(&mut map));
        assert_eq!(to_ron(&map), before, "a failed undo changes nothing");
        assert!(!history.can_undo());
        assert!(history.is_dirty());
    }
}
