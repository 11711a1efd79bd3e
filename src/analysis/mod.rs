//! Analyses of a map: pure functions that take a map (and the day to count from) and
//! return results. Nothing here changes a map, reads the clock or touches the UI.
//!
//! - [`trend`]: whether a relationship is rising, steady or cooling, from its log.
//! - [`attention`]: what needs attention: cooling and stale relationships, unaddressed issues.
//! - [`as_of`]: the map as it stood on a past date.
//! - [`baseline`]: named snapshots of a date, and the map a snapshot describes.
//! - [`diff`]: what changed between two maps (the change reports are in `io::report`).
//! - [`find`]: stakeholders matching typed words, whatever the case, accents or Unicode form.
//! - [`findings`]: what the metrics mean for a planner: brokers, single points of failure,
//!   partnerships that hang on one officer, engagement gaps, isolates.
//! - [`metrics`]: social network metrics (degree, betweenness, closeness, eigenvector,
//!   PageRank, components, cut points, bridges, communities), keyed by stakeholder id.

pub mod as_of;
pub mod attention;
pub mod baseline;
pub mod diff;
pub mod find;
pub mod findings;
pub mod metrics;
pub mod trend;

pub use as_of::{map_as_of, observation_dates, observation_span};
pub use attention::{
    ADDRESSING_STRENGTH, AttentionItem, AttentionKind, AttentionSubject, addresses,
    needs_attention, needs_attention_with_findings,
};
pub use baseline::{BASELINE_PREFIX, Comparison, Moment, MomentError, baseline_map, capture};
pub use diff::{Change, MapDiff, StrengthChange, ToneChange, diff, relationship_name};
pub use find::find;
pub use findings::{PoliceService, findings, police_service};
pub use metrics::{
    Bridge, GraphMetrics, Metric, MetricSettings, NetworkMetrics, StakeholderMetrics, modularity,
    network_metrics,
};
pub use trend::{Freshness, Trend, TrendReport, TrendSettings, relationship_trend};

/// Builders for the analyses' unit tests: logs and maps written in a line each.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::model::{
        Date, Map, Observation, Relationship, RelationshipId, RelationshipKind, Stakeholder,
        StakeholderId, StakeholderKind, Strength, Tone,
    };

    /// A date from `YYYY-MM-DD`.
    pub fn date(text: &str) -> Date {
        text.parse().expect("test dates are valid")
    }

    /// An observation with a strength and tone; the note tells same-day entries apart.
    pub fn observation(day: &str, strength: u8, tone: Tone) -> Observation {
        let level = Strength::new(strength).expect("test strengths are in range");
        Observation::new(date(day), level, tone)
            .with_note(format!("{day} at {strength}"))
            .with_recorded_by("test")
    }

    /// A relationship with a log, given as (date, strength) with a neutral tone.
    pub fn relationship(
        id: u64,
        from: u64,
        to: u64,
        kind: RelationshipKind,
        log: &[(&str, u8)],
    ) -> Relationship {
        let mut r = Relationship::new(
            RelationshipId(id),
            StakeholderId(from),
            StakeholderId(to),
            kind,
        );
        r.observations = log
            .iter()
            .map(|&(day, strength)| observation(day, strength, Tone::Neutral))
            .collect();
        r
    }

    /// A map with stakeholders (id, kind, name) and relationships.
    pub fn map(
        stakeholders: &[(u64, StakeholderKind, &str)],
        relationships: Vec<Relationship>,
    ) -> Map {
        let mut map = Map::new("test");
        for &(id, kind, name) in stakeholders {
            map.add_stakeholder(Stakeholder::new(StakeholderId(id), kind, name))
                .expect("fresh stakeholder id");
        }
        for r in relationships {
            map.add_relationship(r).expect("both ends are on the map");
        }
        map
    }

    /// Three stakeholders and four relationships whose logs change between March and
    /// December 2025: one strengthened, one weakened, one turned strained, one added.
    pub fn sample() -> Map {
        let mut strained = relationship(3, 2, 3, RelationshipKind::Partnership, &[]);
        strained.observations = vec![
            observation("2025-01-01", 3, Tone::Positive),
            observation("2025-08-01", 3, Tone::Strained),
        ];
        map(
            &[
                (1, StakeholderKind::Organisation, "Youth Services"),
                (2, StakeholderKind::Organisation, "Eastview CPC"),
                (3, StakeholderKind::Issue, "Youth engagement"),
            ],
            vec![
                relationship(
                    1,
                    1,
                    2,
                    RelationshipKind::Partnership,
                    &[("2025-01-10", 2), ("2025-09-01", 4)],
                ),
                relationship(
                    2,
                    1,
                    3,
                    RelationshipKind::WorksOn,
                    &[("2025-02-01", 4), ("2025-10-01", 1)],
                ),
                strained,
                relationship(4, 2, 3, RelationshipKind::WorksOn, &[("2025-06-15", 3)]),
            ],
        )
    }

    /// [`sample`] on 2025-03-01 and on 2025-12-01.
    pub fn between() -> (Map, Map) {
        let m = sample();
        let today = date("2026-01-01");
        (
            crate::analysis::map_as_of(&m, date("2025-03-01"), today),
            crate::analysis::map_as_of(&m, date("2025-12-01"), today),
        )
    }
}
