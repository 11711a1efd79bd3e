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
        Date, InteractionKind, Map, Observation, Relationship, RelationshipId, RelationshipKind,
        Stakeholder, StakeholderId, StakeholderKind, Tone,
    };

    /// A date from `YYYY-MM-DD`.
    pub fn date(text: &str) -> Date {
        text.parse().expect("test dates are valid")
    }

    /// An observation with a strength and tone; the note tells same-day entries apart.
    pub fn observation(day: &str, strength: u8, tone: Tone) -> Observation {
        Observation {
            date: date(day),
            strength,
            tone,
            interaction: InteractionKind::Meeting,
            note: format!("{day} at {strength}"),
            recorded_by: "test".to_owned(),
        }
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
}
