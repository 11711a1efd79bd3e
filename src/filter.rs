//! Filters: which stakeholders and relationships a view shows, by kind, sector, area, tag,
//! engagement, text and a range of a network metric, and relationships by least strength,
//! tone and trend. A step of the
//! shown pipeline ([`crate::shown`]), after the redaction profile and the moment, so a
//! filter never sees what the profile leaves out and reads the map as of the day shown.
//! What a filter leaves out is hidden or faded ([`FilterMode`]), as in Kumu's and Gephi's
//! filters; a relationship is shown only when both its ends are.
//!
//! Each active condition is a [`FilterChip`]: the window lists them as removable chips.

use crate::analysis::{Metric, NetworkMetrics, Trend, TrendSettings, relationship_trend};
use crate::model::{
    Date, Engagement, Map, Relationship, RelationshipId, SavedFilter, Stakeholder, StakeholderId,
    StakeholderKind, Strength, Tone,
};
use crate::style::encoding::format_value;
use std::collections::{BTreeSet, HashSet};

/// What becomes of what a filter leaves out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilterMode {
    /// Drawn faint, in place: the shape of the whole map stays.
    #[default]
    Fade,
    /// Not drawn at all.
    Hide,
}

/// A view's filter. Empty sets and fields mean "any": the default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Stakeholders of these kinds.
    pub kinds: BTreeSet<StakeholderKind>,
    /// Stakeholders in these sectors.
    pub sectors: BTreeSet<String>,
    /// Stakeholders in these areas.
    pub areas: BTreeSet<String>,
    /// Stakeholders with at least one of these tags.
    pub tags: BTreeSet<String>,
    /// Stakeholders at these levels of engagement now (`None`: not assessed).
    pub engagement: BTreeSet<Option<Engagement>>,
    /// Stakeholders whose name, description, sector, area or a tag contains this (any
    /// case).
    pub text: String,
    /// Stakeholders whose value of a network metric is in a range.
    pub metric: Option<MetricRange>,
    /// Relationships at least this strong now.
    pub min_strength: Option<Strength>,
    /// Relationships of these tones.
    pub tones: BTreeSet<Tone>,
    /// Relationships with these trends on the day shown.
    pub trends: BTreeSet<Trend>,
    /// Hide or fade what is left out.
    pub mode: FilterMode,
}

/// Stakeholders with a network metric between two values, both included (metrics of the
/// map as shown on the day, before the filter: [`crate::analysis::network_metrics`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetricRange {
    /// The metric.
    pub metric: Metric,
    /// The least value shown; `None`: no lower bound.
    pub least: Option<f64>,
    /// The greatest value shown; `None`: no upper bound.
    pub most: Option<f64>,
}

impl MetricRange {
    /// Whether `value` is in the range. A hair of slack at each bound (a millionth of it),
    /// so that a bound set to a value the map has never loses that value to rounding.
    pub fn contains(&self, value: f64) -> bool {
        let slack = |bound: f64| 1e-12_f64.max(bound.abs() * 1e-6);
        self.least.is_none_or(|l| value >= l - slack(l))
            && self.most.is_none_or(|m| value <= m + slack(m))
    }

    /// What it keeps, in words: "betweenness 0.100 to 0.500", "degree ≥ 3", "closeness
    /// (any)".
    pub fn label(&self) -> String {
        let name = self.metric.label().to_lowercase();
        match (self.least, self.most) {
            (Some(l), Some(m)) => format!("{name} {} to {}", format_value(l), format_value(m)),
            (Some(l), None) => format!("{name} ≥ {}", format_value(l)),
            (None, Some(m)) => format!("{name} ≤ {}", format_value(m)),
            (None, None) => format!("{name} (any)"),
        }
    }
}

/// One active condition of a filter, as a chip the window shows and can remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterChip {
    /// A kind.
    Kind(StakeholderKind),
    /// A sector.
    Sector(String),
    /// An area.
    Area(String),
    /// A tag.
    Tag(String),
    /// An engagement level.
    Engagement(Option<Engagement>),
    /// The text.
    Text,
    /// The metric range.
    Metric,
    /// The least strength.
    MinStrength,
    /// A tone.
    Tone(Tone),
    /// A trend.
    Trend(Trend),
}

/// What a filter leaves out of a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeftOut {
    /// Stakeholders that do not match.
    pub stakeholders: HashSet<StakeholderId>,
    /// Relationships that do not match, or have an end that does not.
    pub relationships: HashSet<RelationshipId>,
}

impl Filter {
    /// True when it lets everything through.
    pub fn is_empty(&self) -> bool {
        self.chips().is_empty()
    }

    /// Whether a stakeholder passes the filter; `metrics` are the map's, for a metric range
    /// (without them a metric range lets everyone through).
    pub fn shows_stakeholder(&self, s: &Stakeholder, metrics: Option<&NetworkMetrics>) -> bool {
        let text = self.text.trim().to_lowercase();
        (self.kinds.is_empty() || self.kinds.contains(&s.kind))
            && (self.sectors.is_empty() || self.sectors.contains(&s.sector))
            && (self.areas.is_empty() || self.areas.contains(&s.area))
            && (self.tags.is_empty() || s.tags.iter().any(|t| self.tags.contains(t)))
            && (self.engagement.is_empty() || self.engagement.contains(&s.engagement))
            && (text.is_empty()
                || [&s.name, &s.description, &s.sector, &s.area]
                    .into_iter()
                    .chain(&s.tags)
                    .any(|field| field.to_lowercase().contains(&text)))
            && self.metric.is_none_or(|range| {
                metrics
                    .and_then(|m| m.value(s.id(), range.metric))
                    .is_none_or(|v| range.contains(v))
            })
    }

    /// Whether a relationship passes the filter's own conditions on the day `date` (its
    /// ends are checked by [`Filter::left_out`]).
    pub fn shows_relationship(&self, r: &Relationship, date: Date, trend: &TrendSettings) -> bool {
        self.min_strength.is_none_or(|least| r.strength() >= least)
            && (self.tones.is_empty() || self.tones.contains(&r.tone()))
            && (self.trends.is_empty()
                || self
                    .trends
                    .contains(&relationship_trend(r, date, trend).trend))
    }

    /// What the filter leaves out of `map` (as shown on `date`); `metrics` are `map`'s,
    /// needed for a metric range.
    pub fn left_out(
        &self,
        map: &Map,
        date: Date,
        trend: &TrendSettings,
        metrics: Option<&NetworkMetrics>,
    ) -> LeftOut {
        let mut out = LeftOut::default();
        if self.is_empty() {
            return out;
        }
        out.stakeholders = map
            .stakeholders()
            .filter(|s| !self.shows_stakeholder(s, metrics))
            .map(Stakeholder::id)
            .collect();
        out.relationships = map
            .relationships()
            .filter(|r| {
                out.stakeholders.contains(&r.from())
                    || out.stakeholders.contains(&r.to())
                    || !self.shows_relationship(r, date, trend)
            })
            .map(Relationship::id)
            .collect();
        out
    }

    /// Every active condition, in the order the window lists them.
    pub fn chips(&self) -> Vec<FilterChip> {
        let mut chips = Vec::new();
        if !self.text.trim().is_empty() {
            chips.push(FilterChip::Text);
        }
        chips.extend(self.kinds.iter().map(|&k| FilterChip::Kind(k)));
        chips.extend(self.sectors.iter().cloned().map(FilterChip::Sector));
        chips.extend(self.areas.iter().cloned().map(FilterChip::Area));
        chips.extend(self.tags.iter().cloned().map(FilterChip::Tag));
        chips.extend(self.engagement.iter().map(|&e| FilterChip::Engagement(e)));
        if self.metric.is_some() {
            chips.push(FilterChip::Metric);
        }
        if self.min_strength.is_some() {
            chips.push(FilterChip::MinStrength);
        }
        chips.extend(self.tones.iter().map(|&t| FilterChip::Tone(t)));
        chips.extend(self.trends.iter().map(|&t| FilterChip::Trend(t)));
        chips
    }

    /// What a chip says: "kind: Partner", "text: youth", "strength ≥ 3 coordinating".
    pub fn chip_label(&self, chip: &FilterChip) -> String {
        match chip {
            FilterChip::Kind(k) => format!("kind: {k}"),
            FilterChip::Sector(s) => format!("sector: {s}"),
            FilterChip::Area(a) => format!("area: {a}"),
            FilterChip::Tag(t) => format!("tag: {t}"),
            FilterChip::Engagement(e) => match e {
                Some(e) => format!("engagement: {e}"),
                None => "engagement: not assessed".to_owned(),
            },
            FilterChip::Text => format!("text: {}", self.text.trim()),
            FilterChip::Metric => self.metric.map(|r| r.label()).unwrap_or_default(),
            FilterChip::MinStrength => match self.min_strength {
                Some(s) => format!("strength ≥ {} {}", s.get(), s.name()),
                None => String::new(),
            },
            FilterChip::Tone(t) => format!("tone: {t}"),
            FilterChip::Trend(t) => format!("trend: {}", trend_name(*t)),
        }
    }

    /// The filter without one condition (a chip removed).
    pub fn without(&self, chip: &FilterChip) -> Self {
        let mut f = self.clone();
        match chip {
            FilterChip::Kind(k) => {
                f.kinds.remove(k);
            }
            FilterChip::Sector(s) => {
                f.sectors.remove(s);
            }
            FilterChip::Area(a) => {
                f.areas.remove(a);
            }
            FilterChip::Tag(t) => {
                f.tags.remove(t);
            }
            FilterChip::Engagement(e) => {
                f.engagement.remove(e);
            }
            FilterChip::Text => f.text.clear(),
            FilterChip::Metric => f.metric = None,
            FilterChip::MinStrength => f.min_strength = None,
            FilterChip::Tone(t) => {
                f.tones.remove(t);
            }
            FilterChip::Trend(t) => {
                f.trends.remove(t);
            }
        }
        f
    }
}

/// A focus on one stakeholder and what lies within some steps of it (a workshop's
/// spotlight, a saved view's focus): the rest is faded or hidden as [`FilterMode`] says.
/// Steps follow the relationships shown, in either direction, at any strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The stakeholder in the middle.
    pub centre: StakeholderId,
    /// How many relationships away still counts as near: 0 is the stakeholder alone.
    pub hops: u8,
    /// Fade or hide the rest.
    pub mode: FilterMode,
}

impl Focus {
    /// The most steps a focus reaches: further, on a map people draw, is everyone.
    pub const MOST_HOPS: u8 = 6;

    /// What the focus leaves out of `map`: every stakeholder more than `hops` steps from
    /// the centre, and every relationship with an end left out. A centre not on the map
    /// leaves nothing out (the stakeholder was deleted or is hidden: the focus lapses).
    pub fn left_out(&self, map: &Map) -> LeftOut {
        let mut out = LeftOut::default();
        if map.stakeholder(self.centre).is_none() {
            return out;
        }
        let mut near: HashSet<StakeholderId> = HashSet::from([self.centre]);
        let mut frontier = vec![self.centre];
        for _ in 0..self.hops {
            let mut next = Vec::new();
            for id in frontier {
                for r in map.relationships_of(id) {
                    let other = if r.from() == id { r.to() } else { r.from() };
                    if near.insert(other) {
                        next.push(other);
                    }
                }
            }
            frontier = next;
        }
        out.stakeholders = map
            .stakeholders()
            .map(Stakeholder::id)
            .filter(|id| !near.contains(id))
            .collect();
        out.relationships = map
            .relationships()
            .filter(|r| !near.contains(&r.from()) || !near.contains(&r.to()))
            .map(Relationship::id)
            .collect();
        out
    }
}

impl Filter {
    /// The filter a saved view keeps ([`SavedFilter`]). A metric or trend key this build
    /// does not know is left out of the filter rather than refused: the view still opens.
    pub fn from_saved(saved: &SavedFilter) -> Self {
        Self {
            kinds: saved.kinds.iter().copied().collect(),
            sectors: saved.sectors.iter().cloned().collect(),
            areas: saved.areas.iter().cloned().collect(),
            tags: saved.tags.iter().cloned().collect(),
            engagement: saved.engagement.iter().copied().collect(),
            text: saved.text.clone(),
            metric: saved.metric.as_ref().and_then(|(key, least, most)| {
                Some(MetricRange {
                    metric: Metric::from_key(key)?,
                    least: *least,
                    most: *most,
                })
            }),
            min_strength: saved.min_strength,
            tones: saved.tones.iter().copied().collect(),
            trends: saved
                .trends
                .iter()
                .filter_map(|t| TRENDS.into_iter().find(|&trend| trend_name(trend) == t))
                .collect(),
            mode: if saved.hide {
                FilterMode::Hide
            } else {
                FilterMode::Fade
            },
        }
    }

    /// The filter as a saved view keeps it.
    pub fn to_saved(&self) -> SavedFilter {
        SavedFilter {
            kinds: self.kinds.iter().copied().collect(),
            sectors: self.sectors.iter().cloned().collect(),
            areas: self.areas.iter().cloned().collect(),
            tags: self.tags.iter().cloned().collect(),
            engagement: self.engagement.iter().copied().collect(),
            text: self.text.clone(),
            metric: self
                .metric
                .map(|r| (r.metric.key().to_owned(), r.least, r.most)),
            min_strength: self.min_strength,
            tones: self.tones.iter().copied().collect(),
            trends: self
                .trends
                .iter()
                .map(|&t| trend_name(t).to_owned())
                .collect(),
            hide: self.mode == FilterMode::Hide,
        }
    }
}

/// Every trend, in the order lists show them.
const TRENDS: [Trend; 3] = [Trend::Rising, Trend::Steady, Trend::Cooling];

/// A trend's name in a chip.
pub fn trend_name(trend: Trend) -> &'static str {
    match trend {
        Trend::Rising => "rising",
        Trend::Steady => "steady",
        Trend::Cooling => "cooling",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_ymd(2026, 11, 28).expect("a day")
    }

    #[test]
    fn an_empty_filter_shows_everything() {
        let map = crate::builtin::police_community();
        let out = Filter::default().left_out(&map, today(), &TrendSettings::default(), None);
        assert!(out.stakeholders.is_empty() && out.relationships.is_empty());
    }

    #[test]
    fn conditions_of_one_kind_widen_and_of_two_kinds_narrow() {
        let map = crate::builtin::police_community();
        let trend = TrendSettings::default();
        let shown = |f: &Filter| {
            map.stakeholder_count() - f.left_out(&map, today(), &trend, None).stakeholders.len()
        };
        let mut f = Filter::default();
        f.kinds.insert(StakeholderKind::Issue);
        let issues = shown(&f);
        assert_eq!(
            issues,
            map.stakeholders()
                .filter(|s| s.kind == StakeholderKind::Issue)
                .count()
        );
        f.kinds.insert(StakeholderKind::Initiative);
        assert!(shown(&f) > issues, "a second kind widens");
        f.text = "KESTREL".to_owned();
        let both = shown(&f);
        assert!(both > 0 && both < issues + 10, "text narrows, any case");
        for s in map.stakeholders() {
            if f.shows_stakeholder(s, None) {
                assert!(
                    s.name.to_lowercase().contains("kestrel")
                        || s.description.to_lowercase().contains("kestrel")
                        || s.area.to_lowercase().contains("kestrel")
                        || s.tags.iter().any(|t| t.to_lowercase().contains("kestrel"))
                        || s.sector.to_lowercase().contains("kestrel")
                );
            }
        }
    }

    #[test]
    fn a_relationship_goes_with_either_end_and_by_its_own_conditions() {
        let map = crate::builtin::police_community();
        let trend = TrendSettings::default();
        let mut f = Filter::default();
        f.kinds.insert(StakeholderKind::Partner);
        let out = f.left_out(&map, today(), &trend, None);
        for r in map.relationships() {
            let ends_shown =
                !out.stakeholders.contains(&r.from()) && !out.stakeholders.contains(&r.to());
            assert_eq!(!out.relationships.contains(&r.id()), ends_shown);
        }
        let strong = Filter {
            min_strength: Some(Strength::new(4).expect("in range")),
            ..Filter::default()
        };
        let out = strong.left_out(&map, today(), &trend, None);
        assert!(out.stakeholders.is_empty());
        for r in map.relationships() {
            assert_eq!(out.relationships.contains(&r.id()), r.strength().get() < 4);
        }
    }

    #[test]
    fn every_chip_removes_its_own_condition() {
        let mut f = Filter {
            text: "youth".to_owned(),
            min_strength: Some(Strength::new(3).expect("in range")),
            ..Filter::default()
        };
        f.kinds.insert(StakeholderKind::Partner);
        f.tones.insert(Tone::Strained);
        f.trends.insert(Trend::Cooling);
        f.engagement.insert(None);
        f.tags.insert("youth".to_owned());
        f.metric = Some(MetricRange {
            metric: Metric::Betweenness,
            least: Some(0.1),
            most: Some(0.5),
        });
        let chips = f.chips();
        assert_eq!(chips.len(), 8);
        assert!(
            chips
                .iter()
                .any(|c| f.chip_label(c) == "betweenness 0.100 to 0.500")
        );
        assert!(chips.iter().all(|c| !f.chip_label(c).is_empty()));
        let mut g = f.clone();
        for chip in &chips {
            g = g.without(chip);
        }
        assert!(g.is_empty());
        assert_eq!(f.without(&FilterChip::Text).chips().len(), 7);
        // Kept in a saved view and read back, it is the same filter.
        assert_eq!(Filter::from_saved(&f.to_saved()), f);
        let hidden = Filter {
            mode: FilterMode::Hide,
            ..f
        };
        assert_eq!(Filter::from_saved(&hidden.to_saved()), hidden);
    }

    #[test]
    fn a_metric_range_keeps_the_stakeholders_in_it_and_their_relationships_between_them() {
        let map = crate::builtin::police_community();
        let trend = TrendSettings::default();
        let metrics =
            crate::analysis::network_metrics(&map, &crate::analysis::MetricSettings::default());
        let f = Filter {
            metric: Some(MetricRange {
                metric: Metric::Degree,
                least: Some(3.0),
                most: Some(6.0),
            }),
            ..Filter::default()
        };
        let out = f.left_out(&map, today(), &trend, Some(&metrics));
        let mut kept = 0;
        for s in map.stakeholders() {
            let degree = metrics.value(s.id(), Metric::Degree).expect("on the map");
            let in_range = (3.0..=6.0).contains(&degree);
            assert_eq!(!out.stakeholders.contains(&s.id()), in_range, "{}", s.name);
            kept += usize::from(in_range);
        }
        assert!(kept > 3 && kept < map.stakeholder_count() - 3, "{kept}");
        // Only rounding noise is forgiven; an open bound takes everything on its side.
        let range = MetricRange {
            metric: Metric::Betweenness,
            least: Some(0.333),
            most: None,
        };
        assert!(!range.contains(0.3329));
        assert!(range.contains(0.333 - 1e-12) && range.contains(1e9));
        assert_eq!(range.label(), "betweenness ≥ 0.333");
        let range = MetricRange {
            least: Some(0.1 + 0.2),
            most: Some(0.3),
            ..range
        };
        assert!(range.contains(0.3), "0.1 + 0.2 is 0.30000000000000004");
    }
}
