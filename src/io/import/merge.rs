//! Merging imported graphs into a map, as Kumu does: each imported stakeholder is matched
//! to one on the map by id, then by name and kind, then by name (names compared without
//! regard to case or spacing), so a re-import updates instead of duplicating. A match that
//! is not unique (two "John Smith" on the map, or two imported rows that would update the
//! same stakeholder) is reported and that stakeholder left alone, with its relationships:
//! never attached to the first candidate silently.
//!
//! What an update changes: fields the file gives (a non-empty text, a score, a position)
//! replace the map's; empty ones leave it; tags are added to the map's; the confidential
//! flag is never cleared by an import; the kind changes only when the file gives one and
//! the match was not by name alone. Relationships are matched by id (with the same ends),
//! then by ends and kind; matched ones get the observations they lack (one with the same
//! day, strength and tone counts as there already), and a strength given
//! without a date becomes an observation dated the import day only when it differs from the
//! current strength.
//!
//! New stakeholders and relationships keep the file's id when it is a whole number not
//! used on the map, and get the next free id otherwise.

use super::build::{ImportedGraph, ImportedStakeholder};
use crate::edit::{Edit, apply};
use crate::io::fields::normalise;
use crate::io::mapping::{Action, MappingReport};
use crate::model::{
    Date, InteractionKind, Map, Observation, Relationship, RelationshipId, RelationshipKind,
    Stakeholder, StakeholderId, Strength,
};
use std::collections::{HashMap, HashSet};

/// The changes that merge an import into a map, and what they do.
#[derive(Clone, Debug)]
pub struct Merge {
    /// The edits, stakeholders first; apply them as one [`Edit::Batch`] (one undo step).
    pub edits: Vec<Edit>,
    /// Every file's report, then what the merge added, updated and left alone.
    pub report: MappingReport,
}

impl Merge {
    /// The edits as one batch: one undo step in the window.
    pub fn into_edit(self) -> Edit {
        Edit::Batch(self.edits)
    }
}

/// How an imported stakeholder was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    Id,
    NameAndKind,
    Name,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Match {
    New,
    Existing(StakeholderId, How),
    Skipped,
}

/// Merges several graphs one after the other, each into the map as the previous ones left
/// it.
pub(super) fn merge_all(map: &Map, graphs: &[ImportedGraph], today: Date) -> Merge {
    let mut report = MappingReport::new(format!("import into \"{}\"", map.title));
    let mut edits = Vec::new();
    let mut scratch: Option<Map> = None;
    for (i, graph) in graphs.iter().enumerate() {
        let base = scratch.as_ref().unwrap_or(map);
        let merge = merge(base, graph, today);
        if i + 1 < graphs.len() {
            let mut next = base.clone();
            // Made against `next` itself, in order: they apply.
            let _ = apply(&mut next, Edit::Batch(merge.edits.clone()));
            scratch = Some(next);
        }
        edits.extend(merge.edits);
        report.absorb(merge.report);
    }
    report.stakeholders = edits
        .iter()
        .filter(|e| matches!(e, Edit::AddStakeholder(_)))
        .count();
    report.relationships = edits
        .iter()
        .filter(|e| matches!(e, Edit::AddRelationship(_)))
        .count();
    report.observations = edits
        .iter()
        .map(|e| match e {
            Edit::AddRelationship(r) => r.observations.len(),
            Edit::UpdateRelationship(r) => r.observations.len().saturating_sub(
                map.relationship(r.id())
                    .map_or(0, |old| old.observations.len()),
            ),
            _ => 0,
        })
        .sum();
    report.subject = format!("import into \"{}\" (counts are what was added)", map.title);
    Merge { edits, report }
}

fn numeric(key: Option<&String>) -> Option<u64> {
    key.and_then(|k| k.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
}

fn matches(map: &Map, graph: &ImportedGraph, report: &mut MappingReport) -> Vec<Match> {
    let mut names: HashMap<String, Vec<&Stakeholder>> = HashMap::new();
    if map.stakeholder_count() > 0 {
        for s in map.stakeholders_by_id() {
            names.entry(normalise(&s.name)).or_default().push(s);
        }
    }
    // A file whose ids were made by another tool (Gephi numbers its nodes 1, 2, 3...) can
    // share numbers with the map's ids by chance. When most of the stakeholders an id would
    // match carry another name on the map, the file's ids are taken as its own and matching
    // goes by name: a renamed stakeholder or two is a re-import, most is a collision.
    let by_id = |imported: &ImportedStakeholder| {
        numeric(imported.key.as_ref())
            .map(StakeholderId)
            .and_then(|id| map.stakeholder(id))
    };
    let (agree, differ) = graph
        .stakeholders
        .iter()
        .fold((0, 0), |(agree, differ), imported| match by_id(imported) {
            Some(s) if normalise(&s.name) == normalise(&imported.stakeholder.name) => {
                (agree + 1, differ)
            }
            Some(_) => (agree, differ + 1),
            None => (agree, differ),
        });
    let ids_are_ours = differ <= agree;
    if !ids_are_ours {
        report.note(
            Action::Assumed,
            format!(
                "the file's ids name other stakeholders than the map's ({differ} of {} ids in both carry another name): taken as the file's own, and stakeholders matched by name",
                agree + differ
            ),
        );
    }
    let mut found: Vec<Match> = graph
        .stakeholders
        .iter()
        .map(|imported| {
            if ids_are_ours && let Some(s) = by_id(imported) {
                return Match::Existing(s.id(), How::Id);
            }
            let Some(same_name) = names.get(&normalise(&imported.stakeholder.name)) else {
                return Match::New;
            };
            let same_kind: Vec<&&Stakeholder> = same_name
                .iter()
                .filter(|s| imported.kind_given && s.kind == imported.stakeholder.kind)
                .collect();
            let (candidates, how): (Vec<StakeholderId>, How) = if same_kind.is_empty() {
                (same_name.iter().map(|s| s.id()).collect(), How::Name)
            } else {
                (same_kind.iter().map(|s| s.id()).collect(), How::NameAndKind)
            };
            match candidates.as_slice() {
                [id] => Match::Existing(*id, how),
                many => {
                    let ids: Vec<String> = many.iter().map(ToString::to_string).collect();
                    report.problem(
                        imported.at.clone(),
                        format!(
                            "`{}` matches {} stakeholders on the map ({}): not merged, nor its relationships; give it the id of the one it is",
                            imported.stakeholder.name,
                            many.len(),
                            ids.join(", ")
                        ),
                    );
                    Match::Skipped
                }
            }
        })
        .collect();
    // Two imported stakeholders that would update the same one: neither is merged.
    let mut claims: HashMap<StakeholderId, Vec<usize>> = HashMap::new();
    for (i, m) in found.iter().enumerate() {
        if let Match::Existing(id, _) = m {
            claims.entry(*id).or_default().push(i);
        }
    }
    let mut claimed: Vec<(StakeholderId, Vec<usize>)> =
        claims.into_iter().filter(|(_, v)| v.len() > 1).collect();
    claimed.sort();
    for (id, rows) in claimed {
        for &i in &rows {
            let imported = &graph.stakeholders[i];
            report.problem(
                imported.at.clone(),
                format!(
                    "`{}` and {} other imported stakeholder(s) would all update {id}: none is merged, nor their relationships",
                    imported.stakeholder.name,
                    rows.len() - 1
                ),
            );
            found[i] = Match::Skipped;
        }
    }
    found
}

/// Hands out ids: the file's when free, else the next free one.
struct Ids {
    used: HashSet<u64>,
    next: u64,
}

impl Ids {
    fn new(existing: impl Iterator<Item = u64>, wanted: impl Iterator<Item = u64>) -> Self {
        let used: HashSet<u64> = existing.collect();
        let max = used.iter().copied().chain(wanted).max().unwrap_or(0);
        Self {
            used,
            next: max + 1,
        }
    }

    fn give(&mut self, wanted: Option<u64>) -> u64 {
        if let Some(id) = wanted
            && self.used.insert(id)
        {
            return id;
        }
        while !self.used.insert(self.next) {
            self.next += 1;
        }
        self.next
    }
}

fn updated(existing: &Stakeholder, imported: &ImportedStakeholder, how: How) -> Stakeholder {
    let mut s = existing.clone();
    let new = &imported.stakeholder;
    if how == How::Id && crate::model::text::has_visible(&new.name) {
        s.name.clone_from(&new.name);
    }
    if imported.kind_given && how != How::Name {
        s.kind = new.kind;
    }
    for (slot, value) in [
        (&mut s.description, &new.description),
        (&mut s.sector, &new.sector),
        (&mut s.area, &new.area),
    ] {
        if !value.trim().is_empty() {
            slot.clone_from(value);
        }
    }
    for tag in &new.tags {
        if !s.tags.contains(tag) {
            s.tags.push(tag.clone());
        }
    }
    s.influence = new.influence.or(s.influence);
    s.interest = new.interest.or(s.interest);
    s.priority = new.priority.or(s.priority);
    s.engagement = new.engagement.or(s.engagement);
    s.desired_engagement = new.desired_engagement.or(s.desired_engagement);
    s.sara_stage = new.sara_stage.or(s.sara_stage);
    if let Some(c) = &new.contact {
        let slot = s.contact.get_or_insert_with(Default::default);
        for (to, from) in [
            (&mut slot.person, &c.person),
            (&mut slot.role, &c.role),
            (&mut slot.email, &c.email),
            (&mut slot.phone, &c.phone),
        ] {
            if !from.is_empty() {
                to.clone_from(from);
            }
        }
    }
    s.confidential |= new.confidential;
    s.pinned |= new.pinned;
    s.position = new.position.or(s.position);
    s
}

/// Whether an imported observation is already in the log: the same day, strength and tone
/// (formats that carry only the latest strength know nothing of its note or kind of
/// contact).
fn same_observation(a: &Observation, b: &Observation) -> bool {
    a.date == b.date && a.strength == b.strength && a.tone == b.tone
}

/// The observation a strength without a date becomes on the import day.
fn dated_today(
    strength: Strength,
    tone: Option<crate::model::Tone>,
    fallback: crate::model::Tone,
    today: Date,
) -> Observation {
    Observation::new(today, strength, tone.unwrap_or(fallback))
        .with_interaction(InteractionKind::Other)
        .with_note("imported without a date: dated the import day")
}

/// The edits that merge one graph into `map` (see the module notes).
pub(super) fn merge(map: &Map, graph: &ImportedGraph, today: Date) -> Merge {
    let mut report = graph.report.clone();
    let found = matches(map, graph, &mut report);
    let mut ids = Ids::new(
        map.stakeholders().map(|s| s.id().0),
        graph
            .stakeholders
            .iter()
            .filter_map(|s| numeric(s.key.as_ref())),
    );
    let mut edits = Vec::new();
    let mut ends: Vec<Option<StakeholderId>> = Vec::with_capacity(found.len());
    let (mut added, mut changed, mut unchanged) = (0, 0, 0);
    let mut by = [0_usize; 3];
    // Keys that are free ids are handed out first, so a later fresh id cannot take one.
    let mut planned: Vec<Option<u64>> = vec![None; found.len()];
    for (i, m) in found.iter().enumerate() {
        if *m == Match::New
            && let Some(id) = numeric(graph.stakeholders[i].key.as_ref())
            && !ids.used.contains(&id)
        {
            planned[i] = Some(ids.give(Some(id)));
        }
    }
    for (i, (imported, m)) in graph.stakeholders.iter().zip(&found).enumerate() {
        match m {
            Match::Skipped => ends.push(None),
            Match::New => {
                let id = StakeholderId(planned[i].unwrap_or_else(|| ids.give(None)));
                let s = imported.stakeholder.clone().with_id(id);
                edits.push(Edit::AddStakeholder(s));
                added += 1;
                ends.push(Some(id));
            }
            Match::Existing(id, how) => {
                by[*how as usize] += 1;
                if let Some(existing) = map.stakeholder(*id) {
                    let merged = updated(existing, imported, *how);
                    if how == &How::Id
                        && normalise(&existing.name) != normalise(&imported.stakeholder.name)
                    {
                        report.note(
                            Action::Converted,
                            format!(
                                "matched by id {id}: renamed `{}` -> `{}`",
                                existing.name, merged.name
                            ),
                        );
                    }
                    if how == &How::Name
                        && imported.kind_given
                        && existing.kind != imported.stakeholder.kind
                    {
                        report.note(
                            Action::Assumed,
                            format!(
                                "`{}` matched by name: kept its kind {} (the file says {})",
                                existing.name, existing.kind, imported.stakeholder.kind
                            ),
                        );
                    }
                    if &merged == existing {
                        unchanged += 1;
                    } else {
                        changed += 1;
                        edits.push(Edit::UpdateStakeholder(merged));
                    }
                }
                ends.push(Some(*id));
            }
        }
    }
    report.note_n(Action::Mapped, "stakeholders added", added);
    report.note_n(Action::Mapped, "stakeholders updated", changed);
    report.note_n(
        Action::Mapped,
        "stakeholders matched and already up to date",
        unchanged,
    );
    report.note_n(
        Action::Mapped,
        "stakeholders matched by id",
        by[How::Id as usize],
    );
    report.note_n(
        Action::Mapped,
        "stakeholders matched by name and kind",
        by[How::NameAndKind as usize],
    );
    report.note_n(
        Action::Mapped,
        "stakeholders matched by name",
        by[How::Name as usize],
    );
    relationships(map, graph, &ends, today, &mut edits, &mut report);
    Merge { edits, report }
}

fn relationships(
    map: &Map,
    graph: &ImportedGraph,
    ends: &[Option<StakeholderId>],
    today: Date,
    edits: &mut Vec<Edit>,
    report: &mut MappingReport,
) {
    let mut index: HashMap<(StakeholderId, StakeholderId, RelationshipKind), Vec<RelationshipId>> =
        HashMap::new();
    for r in map.relationships() {
        index
            .entry((r.from(), r.to(), r.kind))
            .or_default()
            .push(r.id());
    }
    let mut ids = Ids::new(
        map.relationships().map(|r| r.id().0),
        graph
            .relationships
            .iter()
            .filter_map(|r| numeric(r.key.as_ref())),
    );
    // First which existing relationship each imported one updates, to find double claims.
    let mut targets: Vec<Option<Option<RelationshipId>>> =
        Vec::with_capacity(graph.relationships.len());
    for r in &graph.relationships {
        let (Some(from), Some(to)) = (
            ends.get(r.from).copied().flatten(),
            ends.get(r.to).copied().flatten(),
        ) else {
            report.problem(
                r.at.clone(),
                "relationship skipped: one of its ends was not merged (see above)".to_owned(),
            );
            targets.push(None);
            continue;
        };
        if let Some(id) = numeric(r.key.as_ref()).map(RelationshipId)
            && let Some(existing) = map.relationship(id)
        {
            let same = (existing.from(), existing.to()) == (from, to)
                || (!r.directed && (existing.from(), existing.to()) == (to, from));
            if same {
                targets.push(Some(Some(id)));
                continue;
            }
        }
        let mut candidates: Vec<RelationshipId> =
            index.get(&(from, to, r.kind)).cloned().unwrap_or_default();
        if !r.directed && from != to {
            candidates.extend(
                index
                    .get(&(to, from, r.kind))
                    .into_iter()
                    .flatten()
                    .copied(),
            );
        }
        match candidates.as_slice() {
            [] => targets.push(Some(None)),
            [id] => targets.push(Some(Some(*id))),
            many => {
                report.problem(
                    r.at.clone(),
                    format!("relationship matches {} relationships on the map with the same ends and kind: skipped", many.len()),
                );
                targets.push(None);
            }
        }
    }
    let mut claims: HashMap<RelationshipId, usize> = HashMap::new();
    for id in targets.iter().flatten().flatten() {
        *claims.entry(*id).or_default() += 1;
    }
    for (r, target) in graph.relationships.iter().zip(targets.iter_mut()) {
        if let Some(Some(id)) = *target
            && claims.get(&id).is_some_and(|&n| n > 1)
        {
            report.problem(
                r.at.clone(),
                format!("several imported relationships would update {id}: this one is skipped"),
            );
            *target = None;
        }
    }
    let mut planned: Vec<Option<u64>> = vec![None; targets.len()];
    for (i, (r, target)) in graph.relationships.iter().zip(&targets).enumerate() {
        if target == &Some(None)
            && let Some(id) = numeric(r.key.as_ref())
            && !ids.used.contains(&id)
        {
            planned[i] = Some(ids.give(Some(id)));
        }
    }
    let (mut added, mut changed, mut unchanged, mut observed) = (0, 0, 0, 0);
    for (i, (r, target)) in graph.relationships.iter().zip(targets).enumerate() {
        let Some(target) = target else {
            continue;
        };
        let (Some(from), Some(to)) = (ends[r.from], ends[r.to]) else {
            continue;
        };
        match target.and_then(|id| map.relationship(id)) {
            None => {
                let id = RelationshipId(planned[i].unwrap_or_else(|| ids.give(None)));
                let mut new = Relationship::new(id, from, to, r.kind);
                new.directed = r.directed;
                new.owner.clone_from(&r.owner);
                new.notes.clone_from(&r.notes);
                new.observations.clone_from(&r.observations);
                if let Some(u) = r.undated {
                    new.observations.push(dated_today(
                        u.strength,
                        u.tone,
                        crate::model::UNOBSERVED_TONE,
                        today,
                    ));
                }
                new.sort_observations();
                edits.push(Edit::AddRelationship(new));
                added += 1;
            }
            Some(existing) => {
                let mut merged = existing.clone();
                if r.direction_given {
                    merged.directed = r.directed;
                }
                if !r.owner.trim().is_empty() {
                    merged.owner.clone_from(&r.owner);
                }
                if !r.notes.trim().is_empty() {
                    merged.notes.clone_from(&r.notes);
                }
                for o in &r.observations {
                    if !merged.observations.iter().any(|m| same_observation(m, o)) {
                        merged.observations.push(o.clone());
                        observed += 1;
                    }
                }
                if let Some(u) = r.undated
                    && (merged.observations.is_empty() || merged.strength() != u.strength)
                {
                    merged
                        .observations
                        .push(dated_today(u.strength, u.tone, merged.tone(), today));
                    observed += 1;
                }
                merged.sort_observations();
                if &merged == existing {
                    unchanged += 1;
                } else {
                    changed += 1;
                    edits.push(Edit::UpdateRelationship(merged));
                }
            }
        }
    }
    let undated = graph
        .relationships
        .iter()
        .filter(|r| r.undated.is_some())
        .count();
    report.note_n(
        Action::Assumed,
        format!("strengths without a date: observed on the import day ({today}), unless the relationship already has that strength"),
        undated,
    );
    report.note_n(Action::Mapped, "relationships added", added);
    report.note_n(Action::Mapped, "relationships updated", changed);
    report.note_n(
        Action::Mapped,
        "relationships matched and already up to date",
        unchanged,
    );
    report.note_n(
        Action::Mapped,
        "observations added to relationships already on the map",
        observed,
    );
}
