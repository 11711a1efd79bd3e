//! What is shown: the one pipeline from the map to what the window draws and what reports
//! and exports read. Map -> the redaction profile ([`crate::redaction`]: what it may not
//! show is gone before anything else looks) -> the moment (as of a date, or a comparison
//! of two) -> trends -> network metrics when a filter or the encoding needs them -> the
//! filter -> what needs attention -> per-item decorations (cooling, change, faded, size and
//! colour).
//!
//! A pure function of its inputs: the window runs it when the map's revision or the view's
//! settings change (off the UI thread for large maps), `stakemap diff` and exports call the
//! same function.

use crate::analysis::{
    self, AttentionItem, Change, Comparison, MetricSettings, Moment, NetworkMetrics, Trend,
    TrendSettings, relationship_trend,
};
use crate::filter::{Filter, FilterMode, Focus, LeftOut};
use crate::model::{Date, Map, RelationshipId, StakeholderId};
use crate::redaction::{RedactionOptions, RedactionReport, redact};
use crate::style::encoding::{Encoded, Encoding, encode};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What to show of a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShowSettings {
    /// Show the map as it stood at the end of this day; `None`: as it is today.
    pub as_of: Option<Date>,
    /// Show what changed between two moments instead (overrides `as_of`).
    pub comparison: Option<(Moment, Moment)>,
    /// What counts as rising, cooling or stale.
    pub trend: TrendSettings,
    /// The redaction profile everything shown is under (internal: everything).
    pub redaction: RedactionOptions,
    /// Which stakeholders and relationships to show, and whether the rest is hidden or
    /// faded.
    pub filter: Filter,
    /// What stakeholders' size and colour show.
    pub encoding: Encoding,
    /// One stakeholder and those near it in front, the rest faded or hidden (a spotlight).
    pub focus: Option<Focus>,
}

/// What is drawn beyond the map itself: trends and compared changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decorations {
    /// Relationships cooling (strength falling, or no contact for long) on the day shown.
    pub cooling: HashSet<RelationshipId>,
    /// Relationships that changed between the two compared moments.
    pub relationship_changes: HashMap<RelationshipId, Change>,
    /// Stakeholders that changed between the two compared moments.
    pub stakeholder_changes: HashMap<StakeholderId, Change>,
    /// Two moments are compared: what did not change is drawn plain.
    pub comparing: bool,
    /// What the filter fades (when it hides, they are not on the map shown at all).
    pub filtered: LeftOut,
    /// Each stakeholder's size and fill when the encoding is not the map's own.
    pub encoded: Encoded,
}

impl Decorations {
    /// Whether a stakeholder is drawn faded: it is gone at the later moment compared, or
    /// the filter fades it.
    pub fn is_faded(&self, id: StakeholderId) -> bool {
        self.stakeholder_changes.get(&id) == Some(&Change::Removed)
            || self.filtered.stakeholders.contains(&id)
    }

    /// Whether a relationship is shown faded: gone at the later moment compared, or left
    /// out by the filter (in fade mode).
    pub fn is_relationship_faded(&self, id: RelationshipId) -> bool {
        self.relationship_changes.get(&id) == Some(&Change::Removed)
            || self.filtered.relationships.contains(&id)
    }
}

/// The map to draw, with its decorations and what needs attention on the day shown.
#[derive(Clone, Debug)]
pub struct Shown {
    /// The map as shown: as of the day, or the later compared map plus what was on the
    /// earlier one only. Observations after the day shown are left out.
    pub map: Map,
    /// Cooling, changes, faded items.
    pub decorations: Decorations,
    /// What needs attention on the day shown, most urgent first.
    pub attention: Vec<AttentionItem>,
    /// The day shown (the later moment when comparing).
    pub date: Date,
    /// The comparison shown, for its change report.
    pub comparing: bool,
    /// What the redaction profile left out.
    pub left_out: RedactionReport,
    /// The network metrics of the map as shown before the filter, when a metric filter or
    /// the encoding needed them.
    pub metrics: Option<Arc<NetworkMetrics>>,
}

/// Runs the pipeline: the map as `settings` ask to see it on `today`.
///
/// A comparison naming a baseline the map lacks shows the map as of the day instead.
pub fn shown(map: &Map, settings: &ShowSettings, today: Date) -> Shown {
    // Redaction first: nothing after it (trends, attention, the comparison) can see what
    // the profile leaves out.
    let redacted = redact(map, settings.redaction);
    let left_out = *redacted.left_out();
    let map = redacted.map();
    let date = settings.as_of.unwrap_or(today).min(today);
    let mut decorations = Decorations::default();
    let compared = settings
        .comparison
        .as_ref()
        .and_then(|(from, to)| Comparison::of(map, from, to, today));
    let (shown_map, date, comparing) = match compared {
        Some(comparison) => {
            let later = match &settings.comparison {
                Some((_, Moment::Date(d))) => *d,
                Some((_, Moment::Baseline(name))) => map.baseline(name).map_or(today, |b| b.date),
                None => today,
            };
            decorations.comparing = true;
            // A later moment after today compares with what is planned, but what needs
            // attention is counted on today, as everywhere else.
            (
                overlay(comparison, &mut decorations),
                later.min(today),
                true,
            )
        }
        None => (analysis::map_as_of(map, date, today), date, false),
    };
    if !comparing {
        decorations.cooling = shown_map
            .relationships()
            .filter(|r| relationship_trend(r, date, &settings.trend).trend == Trend::Cooling)
            .map(|r| r.id())
            .collect();
    }
    // Metrics only when a metric filter or encoding asks for them: on a large map they take
    // a good part of a second. They are the network's as shown on the day, before the
    // filter, so filtering never changes a stakeholder's colour or size.
    let metrics =
        (settings.filter.metric.is_some() || settings.encoding.needs_metrics()).then(|| {
            Arc::new(analysis::network_metrics(
                &shown_map,
                &MetricSettings::default(),
            ))
        });
    decorations.encoded = encode(&settings.encoding, &shown_map, metrics.as_deref());
    // The filter last, on the map as shown on the day: what it leaves out is faded, or
    // gone before what needs attention is counted.
    let out = settings
        .filter
        .left_out(&shown_map, date, &settings.trend, metrics.as_deref());
    let mut shown_map = shown_map;
    leave_out(&mut shown_map, &mut decorations, out, settings.filter.mode);
    // The focus after the filter: it reaches along what the filter left on the map.
    if let Some(focus) = &settings.focus {
        let out = focus.left_out(&shown_map);
        leave_out(&mut shown_map, &mut decorations, out, focus.mode);
    }
    let attention = analysis::needs_attention(&shown_map, date, &settings.trend);
    Shown {
        map: shown_map,
        decorations,
        attention,
        date,
        comparing,
        left_out,
        metrics,
    }
}

/// Fades or hides what a filter or a focus left out.
fn leave_out(map: &mut Map, decorations: &mut Decorations, out: LeftOut, mode: FilterMode) {
    match mode {
        FilterMode::Fade => {
            decorations.filtered.stakeholders.extend(out.stakeholders);
            decorations.filtered.relationships.extend(out.relationships);
        }
        FilterMode::Hide => {
            for id in &out.relationships {
                map.remove_relationship(*id);
            }
            for id in &out.stakeholders {
                map.remove_stakeholder(*id);
            }
        }
    }
}

/// The map drawn while comparing: the later map, plus what was on the earlier one only
/// (drawn faded), with each change recorded as a decoration.
fn overlay(comparison: Comparison, decorations: &mut Decorations) -> Map {
    let Comparison {
        before,
        mut after,
        changes,
        ..
    } = comparison;
    for &id in &changes.stakeholders_added {
        decorations.stakeholder_changes.insert(id, Change::Added);
    }
    for &id in &changes.stakeholders_removed {
        decorations.stakeholder_changes.insert(id, Change::Removed);
        if let Some(s) = before.stakeholder(id) {
            let _ = after.add_stakeholder(s.clone());
        }
    }
    for &id in &changes.relationships_added {
        decorations.relationship_changes.insert(id, Change::Added);
    }
    for &id in &changes.relationships_removed {
        decorations.relationship_changes.insert(id, Change::Removed);
        if let Some(r) = before.relationship(id) {
            let _ = after.add_relationship(r.clone());
        }
    }
    for c in &changes.strengthened {
        decorations
            .relationship_changes
            .insert(c.id, Change::Strengthened);
    }
    for c in &changes.weakened {
        decorations
            .relationship_changes
            .insert(c.id, Change::Weakened);
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("test date")
    }

    #[test]
    fn what_a_profile_hides_is_nowhere_in_what_is_shown_nor_in_a_comparison() {
        use crate::redaction::planted::{self, PARTNER_SECRETS, PUBLIC_SECRETS};
        use crate::redaction::{RedactionOptions, RedactionProfile};
        let map = planted::map();
        let today = date("2026-11-28");
        for profile in [RedactionProfile::Public, RedactionProfile::Workshop] {
            for comparison in [
                None,
                Some((Moment::Baseline("Spring".into()), Moment::Date(today))),
            ] {
                let settings = ShowSettings {
                    comparison,
                    redaction: RedactionOptions::new(profile),
                    ..ShowSettings::default()
                };
                let shown = shown(&map, &settings, today);
                let text = format!("{:?}{:?}", shown.map, shown.attention);
                for secret in PARTNER_SECRETS.iter().chain(&PUBLIC_SECRETS) {
                    assert!(!text.contains(secret), "{profile}: {secret} is shown");
                }
                assert_eq!(shown.left_out.confidential_omitted, 1);
                assert!(shown.map.stakeholder(StakeholderId(7)).is_none());
            }
        }
        let partner = ShowSettings {
            redaction: RedactionOptions::new(RedactionProfile::Partner),
            ..ShowSettings::default()
        };
        let shown = shown(&map, &partner, today);
        let text = format!("{:?}", shown.map);
        for secret in PARTNER_SECRETS {
            assert!(!text.contains(secret), "partner: {secret} is shown");
        }
        assert!(text.contains("Zelda Quarrington"), "partners see the name");
        let everything = super::shown(&map, &ShowSettings::default(), today);
        assert!(format!("{:?}", everything.map).contains("zelda.quarrington@example.org"));
        assert!(everything.left_out.is_empty());
    }

    #[test]
    fn today_shows_the_map_without_planned_observations() {
        let map = crate::builtin::police_community();
        let today = date("2026-11-28");
        let shown = shown(&map, &ShowSettings::default(), today);
        assert_eq!(shown.map.stakeholder_count(), map.stakeholder_count());
        assert!(!shown.comparing);
        assert!(
            shown
                .map
                .relationships()
                .flat_map(|r| &r.observations)
                .all(|o| o.date <= today)
        );
        assert!(
            !shown.decorations.cooling.is_empty(),
            "the map has cooling ties"
        );
        assert!(!shown.attention.is_empty());
    }

    #[test]
    fn an_earlier_date_shows_fewer_relationships() {
        let map = crate::builtin::police_community();
        let today = date("2026-11-28");
        let now = shown(&map, &ShowSettings::default(), today);
        let then = shown(
            &map,
            &ShowSettings {
                as_of: Some(date("2025-01-01")),
                ..ShowSettings::default()
            },
            today,
        );
        assert!(then.map.relationship_count() < now.map.relationship_count());
        assert_eq!(then.date, date("2025-01-01"));
    }

    #[test]
    fn a_comparison_decorates_every_change_and_keeps_what_was_removed() {
        let map = crate::builtin::police_community();
        let today = date("2026-11-28");
        let from = Moment::Date(date("2025-01-01"));
        let to = Moment::Date(date("2026-01-01"));
        let comparison = Comparison::of(&map, &from, &to, today).expect("dates");
        let shown = shown(
            &map,
            &ShowSettings {
                comparison: Some((from, to)),
                ..ShowSettings::default()
            },
            today,
        );
        assert!(shown.comparing);
        let count = |change| {
            shown
                .decorations
                .relationship_changes
                .values()
                .filter(|&&c| c == change)
                .count()
        };
        assert_eq!(
            count(Change::Added),
            comparison.changes.relationships_added.len()
        );
        assert_eq!(
            count(Change::Strengthened),
            comparison.changes.strengthened.len()
        );
        for id in &comparison.changes.relationships_removed {
            assert!(
                shown.map.relationship(*id).is_some(),
                "removed ones stay, faded"
            );
        }
        assert!(
            shown.decorations.cooling.is_empty(),
            "changes replace trends"
        );
    }
}
