//! A small map for the edit tests: a piece of the Police and Community Mind Map with
//! positioned and unplaced stakeholders, same-day observations and one log out of date
//! order (as a hand-written file may have it).

use crate::model::{
    Date, Map, Observation, Position, Relationship, RelationshipId, RelationshipKind, Score,
    Stakeholder, StakeholderId, StakeholderKind, Strength, Tone,
};

pub(crate) fn date(text: &str) -> Date {
    text.parse().expect("test dates are valid")
}

pub(crate) fn observation(day: &str, strength: u8, note: &str) -> Observation {
    let strength = Strength::new(strength).expect("test strengths are in range");
    Observation::new(date(day), strength, Tone::Neutral)
        .with_note(note)
        .with_recorded_by("Sgt. R. Okafor")
}

pub(crate) const CDS: StakeholderId = StakeholderId(1);
pub(crate) const YOUTH_SERVICES: StakeholderId = StakeholderId(2);
pub(crate) const YOUTH_ENGAGEMENT: StakeholderId = StakeholderId(3);
pub(crate) const PRINCIPAL: StakeholderId = StakeholderId(4);

/// CDS works on youth engagement (log sorted, two entries on one day).
pub(crate) const CDS_WORKS_ON: RelationshipId = RelationshipId(1);
/// Youth Services partners CDS (log out of date order).
pub(crate) const PARTNERSHIP: RelationshipId = RelationshipId(2);
/// The principal is affected by youth engagement (no log).
pub(crate) const AFFECTED: RelationshipId = RelationshipId(3);

pub(crate) fn mind_map() -> Map {
    let mut map = Map::new("Police and Community Mind Map");
    map.description = "A corner of the CDS map.".to_owned();
    let people = [
        (
            CDS,
            StakeholderKind::Organisation,
            "Community Development Section",
            Some(Position(0.0, 0.0)),
        ),
        (
            YOUTH_SERVICES,
            StakeholderKind::Organisation,
            "Youth Services",
            Some(Position(120.0, -40.0)),
        ),
        (
            YOUTH_ENGAGEMENT,
            StakeholderKind::Issue,
            "Youth engagement",
            None,
        ),
        (
            PRINCIPAL,
            StakeholderKind::Partner,
            "School principal",
            Some(Position(-80.5, 60.25)),
        ),
    ];
    for (id, kind, name, position) in people {
        let mut s = Stakeholder::new(id, kind, name);
        s.position = position;
        s.influence = Some(Score::MIDDLE);
        map.add_stakeholder(s).expect("fresh id");
    }
    let mut works_on = Relationship::new(
        CDS_WORKS_ON,
        CDS,
        YOUTH_ENGAGEMENT,
        RelationshipKind::WorksOn,
    );
    works_on.observations = vec![
        observation("2025-01-15", 2, "first meeting"),
        observation("2025-03-01", 3, "morning"),
        observation("2025-03-01", 4, "afternoon"),
        observation("2025-06-02", 4, "basketball nights"),
    ];
    let mut partnership = Relationship::new(
        PARTNERSHIP,
        YOUTH_SERVICES,
        CDS,
        RelationshipKind::Partnership,
    );
    partnership.owner = "Cst. A. Lim".to_owned();
    partnership.observations = vec![
        observation("2025-05-01", 3, "late"),
        observation("2024-11-20", 1, "early"),
    ];
    let affected = Relationship::new(
        AFFECTED,
        PRINCIPAL,
        YOUTH_ENGAGEMENT,
        RelationshipKind::AffectedBy,
    );
    for r in [works_on, partnership, affected] {
        map.add_relationship(r).expect("ends exist");
    }
    map
}
