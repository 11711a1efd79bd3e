//! Synthetic maps for the benchmarks: a layout graph turned into a map with names, kinds,
//! influence, a few fields, positions and dated observations, all deterministic.

use stakemap::layout::{LayoutGraph, Point};
use stakemap::model::Position;
use stakemap::model::{
    Date, Map, Observation, Relationship, RelationshipId, RelationshipKind, Score, Stakeholder,
    StakeholderId, StakeholderKind, Strength, Tone,
};

const FIRST: [&str; 12] = [
    "Amira", "Ben", "Chidi", "Dorota", "Eilidh", "Farid", "Grace", "Hamza", "Ines", "Jonas",
    "Keisha", "Luca",
];
const LAST: [&str; 10] = [
    "Okafor",
    "Kowalczyk",
    "MacLeod",
    "Haddad",
    "Nguyen",
    "Santos",
    "Fischer",
    "Osei",
    "Ramirez",
    "Lindqvist",
];
const PLACES: [&str; 8] = [
    "Northfield",
    "Riverside",
    "Old Town",
    "Eastgate",
    "Hillcrest",
    "Harbourside",
    "Westmoor",
    "Millbrook",
];
const ORGANISATIONS: [&str; 6] = [
    "Primary School",
    "Youth Club",
    "Mosque",
    "Housing Trust",
    "Food Bank",
    "Health Centre",
];
const ISSUES: [&str; 5] = [
    "Antisocial behaviour",
    "Knife crime",
    "Drug dealing",
    "Fly-tipping",
    "Speeding",
];
const INITIATIVES: [&str; 4] = [
    "Safer Streets",
    "Street Watch",
    "Youth Outreach",
    "Night Bus",
];
const RELATIONSHIP_KINDS: [RelationshipKind; 4] = [
    RelationshipKind::Partnership,
    RelationshipKind::WorksOn,
    RelationshipKind::Membership,
    RelationshipKind::Informal,
];
const TONES: [Tone; 3] = [Tone::Positive, Tone::Neutral, Tone::Strained];

/// A map of `graph`: stakeholder `i` has id `i + 1`, sits at `positions[i]`, and has a
/// realistic name (12 to 30 characters); every edge is a relationship with
/// `1 + (index % 2)` observations.
pub fn synthetic_map(graph: &LayoutGraph, positions: &[Point]) -> Map {
    let mut map = Map::new("Benchmark map");
    for i in 0..graph.node_count {
        let place = PLACES[i % PLACES.len()];
        let (kind, name) = match i % 10 {
            0..=4 => (
                StakeholderKind::Partner,
                format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / 7) % LAST.len()]),
            ),
            5..=7 => (
                StakeholderKind::Organisation,
                format!("{place} {}", ORGANISATIONS[(i / 10) % ORGANISATIONS.len()]),
            ),
            8 => (
                StakeholderKind::Issue,
                format!("{} in {place}", ISSUES[(i / 10) % ISSUES.len()]),
            ),
            _ => (
                StakeholderKind::Initiative,
                format!("{} {place}", INITIATIVES[(i / 10) % INITIATIVES.len()]),
            ),
        };
        let mut s = Stakeholder::new(StakeholderId(i as u64 + 1), kind, name);
        s.sector = ["Education", "Health", "Housing", "Faith", "Policing"][i % 5].to_owned();
        s.area = place.to_owned();
        s.tags = vec![format!("ward-{}", i % 40)];
        s.influence = Some(Score::ALL[i * 7 % Score::ALL.len()]);
        s.interest = Some(Score::ALL[i * 3 % Score::ALL.len()]);
        if let Some(&[x, y]) = positions.get(i) {
            s.position = Some(Position(x, y));
        }
        // Ids are fresh, so this cannot be refused.
        let _ = map.add_stakeholder(s);
    }
    let first_day = Date::from_ymd(2023, 1, 1).unwrap_or_else(Date::today);
    for (j, e) in graph.edges.iter().enumerate() {
        let mut r = Relationship::new(
            RelationshipId(j as u64 + 1),
            StakeholderId(u64::from(e.source) + 1),
            StakeholderId(u64::from(e.target) + 1),
            RELATIONSHIP_KINDS[j % RELATIONSHIP_KINDS.len()],
        );
        r.owner = format!("Sgt. {}", LAST[j % LAST.len()]);
        for k in 0..1 + j % 2 {
            let note = if k == 0 { "Met at the ward panel" } else { "" };
            r.observations.push(
                Observation::new(
                    first_day.add_days((j % 600 + 90 * k) as i64),
                    Strength::ALL[(j + k) % Strength::ALL.len()],
                    TONES[(j + k) % TONES.len()],
                )
                .with_note(note)
                .with_recorded_by("PC Haddad"),
            );
        }
        let _ = map.add_relationship(r);
    }
    map
}
