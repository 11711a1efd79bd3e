//! The map as it stood on a past date, rebuilt from the observation logs, and the span of
//! dates the logs cover (for a timeline slider).

use crate::model::{Date, Map, RelationshipId};

/// The map as it stood at the end of `date`, judged on `today`.
///
/// - Each relationship keeps only its observations dated on or before `date`, in their
///   logged order, so its strength and tone are what they were that day.
/// - A relationship with no observation on or before `date` is left out: nothing shows it
///   existed yet. So a date before the first observation gives no relationships.
/// - A relationship with no observation at all is kept only when `date` is on or after
///   `today`: it is on the map now, but nothing says since when, so it does not appear in
///   the past. Hence `map_as_of(map, today, today)` is the map as it is now (less future-
///   dated observations) and a never-observed relationship does not show as "removed" in a
///   diff between today and a past date — it shows as "added".
/// - Every stakeholder is kept, with its position: stakeholders carry no dates, so leaving
///   out the ones without a relationship yet would also drop issues and initiatives mapped
///   alone, and would make the canvas jump while stepping through dates.
/// - Title and description are kept.
///
/// `today` is a parameter, not the clock, so the result is a pure function of its inputs.
pub fn map_as_of(map: &Map, date: Date, today: Date) -> Map {
    let mut past = map.clone();
    let ids: Vec<RelationshipId> = map.relationships_by_id().iter().map(|r| r.id()).collect();
    for id in ids {
        let Some(r) = past.relationship_mut(id) else {
            continue;
        };
        let never_observed = r.observations.is_empty();
        r.observations.retain(|o| o.date <= date);
        let keep = if never_observed {
            date >= today
        } else {
            !r.observations.is_empty()
        };
        if !keep {
            past.remove_relationship(id);
        }
    }
    past
}

/// The first and last observation dates on the map, or `None` when nothing was observed.
pub fn observation_span(map: &Map) -> Option<(Date, Date)> {
    let mut dates = map
        .relationships()
        .flat_map(|r| r.observations.iter().map(|o| o.date));
    let first = dates.next()?;
    Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
}

/// Every day with at least one observation, oldest first, each once: the stops of a
/// step-through timeline.
pub fn observation_dates(map: &Map) -> Vec<Date> {
    let mut dates: Vec<Date> = map
        .relationships()
        .flat_map(|r| r.observations.iter().map(|o| o.date))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{date, map, relationship};
    use crate::model::RelationshipKind::{Informal, Partnership, WorksOn};
    use crate::model::StakeholderKind::{Issue, Organisation, Partner};
    use crate::model::{Map, StakeholderId};

    fn sample() -> Map {
        map(
            &[
                (1, Organisation, "Youth Services"),
                (2, Organisation, "Eastview CPC"),
                (3, Issue, "Youth engagement"),
                (4, Partner, "Alone"),
            ],
            vec![
                relationship(
                    1,
                    1,
                    2,
                    Partnership,
                    &[("2025-03-01", 2), ("2025-09-01", 4), ("2025-06-01", 3)],
                ),
                relationship(2, 1, 3, WorksOn, &[("2025-07-01", 3)]),
                relationship(3, 2, 3, Informal, &[]),
            ],
        )
    }

    fn strengths(m: &Map) -> Vec<(u64, u8)> {
        m.relationships_by_id()
            .iter()
            .map(|r| (r.id().0, r.strength().get()))
            .collect()
    }

    #[test]
    fn before_the_first_observation_there_are_no_relationships() {
        let m = sample();
        let past = map_as_of(&m, date("2025-02-28"), date("2026-01-01"));
        assert_eq!(past.relationship_count(), 0);
        assert_eq!(past.stakeholder_count(), 4, "stakeholders are all kept");
    }

    #[test]
    fn between_dates_strengths_are_as_they_were() {
        let m = sample();
        let past = map_as_of(&m, date("2025-06-30"), date("2026-01-01"));
        // Relationship 1 was at 3 (logged out of order); 2 not yet observed; 3 never.
        assert_eq!(strengths(&past), [(1, 3)]);
        let r = past.relationship(RelationshipId(1)).expect("kept");
        assert_eq!(
            r.observations.len(),
            2,
            "the September observation is removed"
        );
    }

    #[test]
    fn on_the_last_date_strengths_equal_the_current_ones() {
        let m = sample();
        let (first, last) = observation_span(&m).expect("observed");
        assert_eq!((first, last), (date("2025-03-01"), date("2025-09-01")));
        let past = map_as_of(&m, last, date("2026-01-01"));
        // Everything observed is kept at its current strength; the never-observed
        // relationship 3 is left out because `last` is before today.
        assert_eq!(strengths(&past), [(1, 4), (2, 3)]);
        assert_eq!(
            past.relationship(RelationshipId(1)),
            m.relationship(RelationshipId(1)),
            "nothing removed from its log"
        );
    }

    #[test]
    fn on_or_after_today_the_map_is_the_current_one() {
        let m = sample();
        let today = date("2026-01-01");
        assert_eq!(map_as_of(&m, today, today), m);
        let before_today = map_as_of(&m, date("2025-12-31"), today);
        assert!(before_today.relationship(RelationshipId(3)).is_none());
    }

    #[test]
    fn positions_and_stakeholders_survive() {
        let mut m = sample();
        let alone = m.stakeholder_mut(StakeholderId(4)).expect("on the map");
        alone.position = Some(crate::model::Position(10.0, -5.0));
        let past = map_as_of(&m, date("2020-01-01"), date("2026-01-01"));
        assert_eq!(past.stakeholders_by_id(), m.stakeholders_by_id());
    }

    #[test]
    fn span_and_dates_of_an_unobserved_map() {
        let m = map(&[(1, Partner, "A"), (2, Partner, "B")], vec![]);
        assert_eq!(observation_span(&m), None);
        assert!(observation_dates(&m).is_empty());
        let dates = observation_dates(&sample());
        assert_eq!(
            dates,
            ["2025-03-01", "2025-06-01", "2025-07-01", "2025-09-01"].map(date)
        );
    }
}
