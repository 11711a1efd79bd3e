//! Size by and colour by: which field or network metric a stakeholder's size and fill
//! show, as Kumu's "size by"/"color by" and Gephi's ranking and partition appearance do.
//! The default encoding is the map's own (size is influence, colour is kind). Resolved
//! once per shown map ([`encode`]) into a radius and a fill per stakeholder and the legend
//! sections that say what they mean, so the canvas, the legend and the exported picture
//! all read the same values.
//!
//! - **Size** is area-proportional: a value twice another's gets twice the area, not twice
//!   the radius (the usual advice for symbol maps: J. J. Flannery, "The relative
//!   effectiveness of some common graduated point symbols", 1971), between the radii of
//!   influence 1 and 5.
//! - **Colour by a category** (kind, sector, area, community, component) takes the
//!   Okabe-Ito palette, which stays apart under the common colour-vision deficiencies: the
//!   seven largest categories get a colour each, the rest one grey ("Other").
//! - **Colour by an amount** (engagement, and metrics such as betweenness) takes five
//!   classes of viridis (S. van der Walt and N. Smith, matplotlib, 2015), light for high,
//!   perceptually even and readable in grey print. Metric classes are quintiles of the
//!   values, so a skewed metric (betweenness: most near 0) still spreads over the colours;
//!   equal values never fall in two classes.

use super::legend::{Entry, Section, Symbol};
use super::{NodeShape, Rgba};
use crate::analysis::{Metric, NetworkMetrics};
use crate::model::{Engagement, Map, Score, Stakeholder, StakeholderId, StakeholderKind};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What a stakeholder's size shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SizeBy {
    /// Its influence score (the map's own encoding).
    #[default]
    Influence,
    /// Its interest score.
    Interest,
    /// A network metric that is an amount ([`Metric::is_category`] false).
    Metric(Metric),
}

/// What a stakeholder's fill colour shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColourBy {
    /// Its kind (the map's own encoding).
    #[default]
    Kind,
    /// Its sector.
    Sector,
    /// Its area.
    Area,
    /// Its engagement now.
    Engagement,
    /// A network metric: a category (community, component, cut point) or an amount.
    Metric(Metric),
}

/// Size by and colour by together: part of what a view shows
/// ([`crate::shown::ShowSettings`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Encoding {
    /// What size shows.
    pub size: SizeBy,
    /// What colour shows.
    pub colour: ColourBy,
}

impl SizeBy {
    /// Every choice, in the order menus list them.
    pub fn all() -> Vec<Self> {
        [Self::Influence, Self::Interest]
            .into_iter()
            .chain(
                Metric::ALL
                    .into_iter()
                    .filter(|m| !m.is_category())
                    .map(Self::Metric),
            )
            .collect()
    }

    /// Its key on the command line: `influence`, `interest` or a metric's key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Influence => "influence",
            Self::Interest => "interest",
            Self::Metric(m) => m.key(),
        }
    }

    /// The choice named by [`SizeBy::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::all().into_iter().find(|c| c.key() == key)
    }
}

impl ColourBy {
    /// Every choice, in the order menus list them.
    pub fn all() -> Vec<Self> {
        [Self::Kind, Self::Sector, Self::Area, Self::Engagement]
            .into_iter()
            .chain(Metric::ALL.into_iter().map(Self::Metric))
            .collect()
    }

    /// Its key on the command line: `kind`, `sector`, `area`, `engagement` or a metric's
    /// key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Sector => "sector",
            Self::Area => "area",
            Self::Engagement => "engagement",
            Self::Metric(m) => m.key(),
        }
    }

    /// The choice named by [`ColourBy::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::all().into_iter().find(|c| c.key() == key)
    }
}

impl fmt::Display for SizeBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Influence => f.write_str("Influence"),
            Self::Interest => f.write_str("Interest"),
            Self::Metric(m) => f.write_str(m.label()),
        }
    }
}

impl fmt::Display for ColourBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Kind => f.write_str("Kind"),
            Self::Sector => f.write_str("Sector"),
            Self::Area => f.write_str("Area"),
            Self::Engagement => f.write_str("Engagement"),
            Self::Metric(m) => f.write_str(m.label()),
        }
    }
}

impl Encoding {
    /// The encoding a saved view names by keys ([`SizeBy::key`], [`ColourBy::key`]);
    /// a key this build does not know, or none, is the map's own.
    pub fn from_keys(size: Option<&str>, colour: Option<&str>) -> Self {
        Self {
            size: size.and_then(SizeBy::from_key).unwrap_or_default(),
            colour: colour.and_then(ColourBy::from_key).unwrap_or_default(),
        }
    }

    /// Its keys as a saved view keeps them; `None` for the map's own.
    pub fn keys(&self) -> (Option<String>, Option<String>) {
        (
            (self.size != SizeBy::default()).then(|| self.size.key().to_owned()),
            (self.colour != ColourBy::default()).then(|| self.colour.key().to_owned()),
        )
    }

    /// Whether resolving it needs the network metrics of the map.
    pub fn needs_metrics(&self) -> bool {
        matches!(self.size, SizeBy::Metric(_)) || matches!(self.colour, ColourBy::Metric(_))
    }
}

/// Okabe-Ito's colours but black, for categories, in the order they are given out.
pub const CATEGORY_COLOURS: [Rgba; 7] = [
    Rgba::hex(0xE69F00),
    Rgba::hex(0x56B4E9),
    Rgba::hex(0x009E73),
    Rgba::hex(0xF0E442),
    Rgba::hex(0x0072B2),
    Rgba::hex(0xD55E00),
    Rgba::hex(0xCC79A7),
];
/// Every category past the seventh.
pub const OTHER_COLOUR: Rgba = Rgba::hex(0x8A8A8A);
/// A stakeholder with no value: no sector, engagement not assessed.
pub const NOT_SET_COLOUR: Rgba = Rgba::hex(0xC8C8C8);
/// Viridis at five even steps, lowest first.
pub const AMOUNT_COLOURS: [Rgba; 5] = [
    Rgba::hex(0x440154),
    Rgba::hex(0x3B528B),
    Rgba::hex(0x21918C),
    Rgba::hex(0x5EC962),
    Rgba::hex(0xFDE725),
];

/// An encoding resolved on one map: what the scene draws and the legend says. Empty maps
/// mean the map's own encoding (radius by influence, fill by kind).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Encoded {
    /// Radius of each stakeholder, canvas units.
    pub radius: HashMap<StakeholderId, f32>,
    /// Fill of each stakeholder.
    pub fill: HashMap<StakeholderId, Rgba>,
    /// The legend section for the size, when it is not influence.
    pub size_legend: Option<Section>,
    /// The legend section for the colour, when it is not kind.
    pub colour_legend: Option<Section>,
}

impl Encoded {
    /// A stakeholder's radius in canvas units.
    pub fn radius_of(&self, s: &Stakeholder) -> f32 {
        self.radius
            .get(&s.id())
            .copied()
            .unwrap_or_else(|| super::node_radius(s.influence))
    }

    /// A stakeholder's fill.
    pub fn fill_of(&self, s: &Stakeholder) -> Rgba {
        self.fill
            .get(&s.id())
            .copied()
            .unwrap_or_else(|| super::node_colour(s.kind))
    }
}

/// Resolves `encoding` on `map`; `metrics` are the map's (needed when the encoding names a
/// metric: without them that part falls back to the map's own encoding).
pub fn encode(encoding: &Encoding, map: &Map, metrics: Option<&NetworkMetrics>) -> Encoded {
    let mut out = Encoded::default();
    size(encoding.size, map, metrics, &mut out);
    colour(encoding.colour, map, metrics, &mut out);
    out
}

/// A number the way a legend or a chip says it: whole numbers bare, others to three
/// significant figures.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        format!("{v:.0}")
    } else if v == 0.0 {
        "0".to_owned()
    } else {
        let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
        format!("{v:.digits$}")
    }
}

fn size(by: SizeBy, map: &Map, metrics: Option<&NetworkMetrics>, out: &mut Encoded) {
    let small = super::node_radius(Some(Score::MIN));
    let large = super::node_radius(Some(Score::MAX));
    let values: Vec<(StakeholderId, f64)> = match by {
        SizeBy::Influence => return,
        SizeBy::Interest => {
            for s in map.stakeholders() {
                out.radius.insert(s.id(), super::node_radius(s.interest));
            }
            out.size_legend = Some(Section {
                heading: "Size is interest".to_owned(),
                entries: super::LEGEND_INFLUENCE
                    .iter()
                    .map(|&level| size_entry(super::node_radius(Some(level)), level.to_string()))
                    .collect(),
                in_a_row: true,
            });
            return;
        }
        SizeBy::Metric(metric) => {
            let Some(metrics) = metrics else { return };
            map.stakeholders()
                .filter_map(|s| Some((s.id(), metrics.value(s.id(), metric)?)))
                .collect()
        }
    };
    let SizeBy::Metric(metric) = by else { return };
    let (least, most) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(_, v)| {
            (a.min(v), b.max(v))
        });
    if !least.is_finite() {
        return;
    }
    let radius_at = |v: f64| -> f32 {
        let t = if most > least {
            ((v - least) / (most - least)) as f32
        } else {
            0.5
        };
        (small * small + t * (large * large - small * small)).sqrt()
    };
    for &(id, v) in &values {
        out.radius.insert(id, radius_at(v));
    }
    let middle = (least + most) / 2.0;
    let shown: Vec<f64> = if most > least {
        vec![least, middle, most]
    } else {
        vec![least]
    };
    out.size_legend = Some(Section {
        heading: format!("Size is {}", metric.label().to_lowercase()),
        entries: shown
            .into_iter()
            .map(|v| size_entry(radius_at(v), format_value(v)))
            .collect(),
        in_a_row: true,
    });
}

fn size_entry(radius: f32, text: String) -> Entry {
    Entry {
        symbol: Symbol::Node {
            shape: NodeShape::Circle,
            fill: None,
            radius: radius * 0.5,
        },
        text,
    }
}

fn colour_entry(fill: Rgba, text: String) -> Entry {
    Entry {
        symbol: Symbol::Node {
            shape: NodeShape::Circle,
            fill: Some(fill),
            radius: 7.0,
        },
        text,
    }
}

fn colour(by: ColourBy, map: &Map, metrics: Option<&NetworkMetrics>, out: &mut Encoded) {
    let heading = format!("Colour is {}", by.to_string().to_lowercase());
    match by {
        ColourBy::Kind => {}
        ColourBy::Sector | ColourBy::Area => {
            let field = |s: &Stakeholder| -> String {
                if by == ColourBy::Sector {
                    s.sector.trim().to_owned()
                } else {
                    s.area.trim().to_owned()
                }
            };
            let named: Vec<(StakeholderId, Option<String>)> = map
                .stakeholders()
                .map(|s| {
                    let v = field(s);
                    (s.id(), (!v.is_empty()).then_some(v))
                })
                .collect();
            categories(named, heading, |name| name.clone(), out);
        }
        ColourBy::Metric(metric) if metric.is_category() => {
            let Some(metrics) = metrics else { return };
            let named: Vec<(StakeholderId, Option<u64>)> = map
                .stakeholders()
                .filter_map(|s| Some((s.id(), Some(metrics.value(s.id(), metric)? as u64))))
                .collect();
            let name = |&n: &u64| match metric {
                Metric::CutPoint if n == 1 => "Cut point".to_owned(),
                Metric::CutPoint => "Not a cut point".to_owned(),
                _ => format!("{} {}", metric.label(), n + 1),
            };
            categories(named, heading, name, out);
        }
        ColourBy::Engagement => {
            let mut used = [false; 5];
            let mut unset = false;
            for s in map.stakeholders() {
                let fill = match s.engagement {
                    Some(e) => {
                        let level = Engagement::ALL.iter().position(|&l| l == e).unwrap_or(0);
                        used[level] = true;
                        AMOUNT_COLOURS[level]
                    }
                    None => {
                        unset = true;
                        NOT_SET_COLOUR
                    }
                };
                out.fill.insert(s.id(), fill);
            }
            let mut entries: Vec<Entry> = Engagement::ALL
                .iter()
                .enumerate()
                .filter(|&(i, _)| used[i])
                .map(|(i, e)| colour_entry(AMOUNT_COLOURS[i], e.to_string()))
                .collect();
            if unset {
                entries.push(colour_entry(NOT_SET_COLOUR, "Not assessed".to_owned()));
            }
            out.colour_legend = Some(Section {
                heading,
                entries,
                in_a_row: false,
            });
        }
        ColourBy::Metric(metric) => {
            let Some(metrics) = metrics else { return };
            let values: Vec<(StakeholderId, f64)> = map
                .stakeholders()
                .filter_map(|s| Some((s.id(), metrics.value(s.id(), metric)?)))
                .collect();
            amounts(&values, heading, out);
        }
    }
}

/// Colours by category: the seven largest categories (ties by name) a colour each, the
/// rest "Other", stakeholders with no value "Not set".
fn categories<K: Ord + Clone>(
    named: Vec<(StakeholderId, Option<K>)>,
    heading: String,
    name: impl Fn(&K) -> String,
    out: &mut Encoded,
) {
    let mut counts: BTreeMap<K, usize> = BTreeMap::new();
    let mut unset = 0;
    for (_, k) in &named {
        match k {
            Some(k) => *counts.entry(k.clone()).or_default() += 1,
            None => unset += 1,
        }
    }
    let mut ranked: Vec<(K, usize)> = counts.into_iter().collect();
    // Largest first; the BTreeMap's order breaks ties, so the result is stable.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let coloured: BTreeMap<K, Rgba> = ranked
        .iter()
        .zip(CATEGORY_COLOURS)
        .map(|((k, _), c)| (k.clone(), c))
        .collect();
    for (id, k) in named {
        let fill = match k {
            Some(k) => coloured.get(&k).copied().unwrap_or(OTHER_COLOUR),
            None => NOT_SET_COLOUR,
        };
        out.fill.insert(id, fill);
    }
    let mut entries: Vec<Entry> = ranked
        .iter()
        .zip(CATEGORY_COLOURS)
        .map(|((k, n), c)| colour_entry(c, format!("{} ({n})", name(k))))
        .collect();
    let others: usize = ranked
        .iter()
        .skip(CATEGORY_COLOURS.len())
        .map(|r| r.1)
        .sum();
    if others > 0 {
        let kinds = ranked.len() - CATEGORY_COLOURS.len();
        entries.push(colour_entry(
            OTHER_COLOUR,
            format!("{kinds} others ({others})"),
        ));
    }
    if unset > 0 {
        entries.push(colour_entry(NOT_SET_COLOUR, format!("Not set ({unset})")));
    }
    out.colour_legend = Some(Section {
        heading,
        entries,
        in_a_row: false,
    });
}

/// Colours by amount: up to five classes cut at the quintiles of the values, each a step
/// of viridis; equal values share a class.
fn amounts(values: &[(StakeholderId, f64)], heading: String, out: &mut Encoded) {
    if values.is_empty() {
        return;
    }
    let mut sorted: Vec<f64> = values.iter().map(|&(_, v)| v).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    // Class k holds values up to its upper bound; bounds are the values at 1/5, 2/5, ... of
    // the sorted list, without repeats, so equal values are never split.
    let mut uppers: Vec<f64> = (1..=AMOUNT_COLOURS.len())
        .map(|k| sorted[(k * n).div_ceil(AMOUNT_COLOURS.len()).clamp(1, n) - 1])
        .collect();
    uppers.dedup();
    let classes = uppers.len();
    // Spread the classes used over the whole scale, lowest and highest kept.
    let colour_of = |class: usize| -> Rgba {
        let step = if classes > 1 {
            class * (AMOUNT_COLOURS.len() - 1) / (classes - 1)
        } else {
            AMOUNT_COLOURS.len() / 2
        };
        AMOUNT_COLOURS[step]
    };
    for &(id, v) in values {
        let class = uppers.iter().position(|&u| v <= u).unwrap_or(classes - 1);
        out.fill.insert(id, colour_of(class));
    }
    let mut lower = sorted[0];
    let mut entries = Vec::new();
    for (class, &upper) in uppers.iter().enumerate() {
        let text = if lower == upper {
            format_value(upper)
        } else {
            format!("{} to {}", format_value(lower), format_value(upper))
        };
        entries.push(colour_entry(colour_of(class), text));
        // The next class starts above this bound: the smallest value greater than it.
        lower = sorted.iter().copied().find(|&v| v > upper).unwrap_or(upper);
    }
    // Highest first, as a scale reads top to bottom.
    entries.reverse();
    out.colour_legend = Some(Section {
        heading,
        entries,
        in_a_row: false,
    });
}

/// The kinds' legend entries when colour shows something else: shapes only.
pub fn kind_shapes() -> Vec<Entry> {
    StakeholderKind::ALL
        .iter()
        .map(|&kind| Entry {
            symbol: Symbol::Node {
                shape: super::node_shape(kind),
                fill: None,
                radius: 7.0,
            },
            text: kind.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{map, relationship};
    use crate::analysis::{MetricSettings, network_metrics};
    use crate::model::RelationshipKind::Partnership;
    use crate::model::StakeholderKind::Partner;

    fn id(n: u64) -> StakeholderId {
        StakeholderId(n)
    }

    /// A star of five around stakeholder 1, then a lone stakeholder 7 in no sector.
    fn star() -> Map {
        let mut map = map(
            &[
                (1, Partner, "S1"),
                (2, Partner, "S2"),
                (3, Partner, "S3"),
                (4, Partner, "S4"),
                (5, Partner, "S5"),
                (6, Partner, "S6"),
                (7, Partner, "S7"),
            ],
            (2..=6)
                .map(|n| relationship(n, n, 1, Partnership, &[("2025-01-01", 3)]))
                .collect(),
        );
        let sectors = [
            "Police",
            "Health",
            "Health",
            "Education",
            "Health",
            "Police",
            "",
        ];
        for (n, sector) in (1..=7).zip(sectors) {
            let s = map.stakeholder_mut(id(n)).expect("on the map");
            s.sector = sector.to_owned();
            s.engagement = (n < 6).then(|| Engagement::ALL[(n as usize - 1) % 5]);
        }
        map
    }

    #[test]
    fn size_by_a_metric_is_area_proportional_between_the_influence_extremes() {
        let map = star();
        let metrics = network_metrics(&map, &MetricSettings::default());
        let encoding = Encoding {
            size: SizeBy::Metric(Metric::Degree),
            colour: ColourBy::Kind,
        };
        let e = encode(&encoding, &map, Some(&metrics));
        let hub = e.radius[&id(1)];
        let leaf = e.radius[&id(2)];
        let lone = e.radius[&id(7)];
        assert_eq!(hub, super::super::node_radius(Some(Score::MAX)));
        assert_eq!(lone, super::super::node_radius(Some(Score::MIN)));
        // Degree 1 of 0..5 is a fifth of the way in area, not in radius.
        let (a, b) = (lone * lone, hub * hub);
        assert!((leaf * leaf - (a + (b - a) / 5.0)).abs() < 0.01, "{leaf}");
        let legend = e.size_legend.expect("a size legend");
        assert_eq!(legend.heading, "Size is degree");
        let texts: Vec<_> = legend.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["0", "2.50", "5"]);
        assert!(e.fill.is_empty(), "colour stays by kind");
    }

    #[test]
    fn colour_by_sector_gives_the_largest_sectors_colours_and_says_how_many() {
        let map = star();
        let e = encode(
            &Encoding {
                size: SizeBy::Influence,
                colour: ColourBy::Sector,
            },
            &map,
            None,
        );
        assert_eq!(e.fill[&id(2)], CATEGORY_COLOURS[0], "Health is largest");
        assert_eq!(e.fill[&id(3)], e.fill[&id(5)]);
        assert_eq!(e.fill[&id(1)], CATEGORY_COLOURS[1], "Police second");
        assert_eq!(e.fill[&id(4)], CATEGORY_COLOURS[2]);
        assert_eq!(e.fill[&id(7)], NOT_SET_COLOUR);
        let texts: Vec<_> = e
            .colour_legend
            .expect("legend")
            .entries
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(
            texts,
            ["Health (3)", "Police (2)", "Education (1)", "Not set (1)"]
        );
        assert!(e.radius.is_empty(), "size stays by influence");
    }

    #[test]
    fn more_than_seven_categories_share_one_other_colour() {
        let mut map = Map::default();
        for n in 1..=10 {
            let mut s = Stakeholder::new(id(n), StakeholderKind::Organisation, format!("O{n}"));
            s.area = format!("Area {n:02}");
            map.add_stakeholder(s).expect("free id");
        }
        let e = encode(
            &Encoding {
                size: SizeBy::Influence,
                colour: ColourBy::Area,
            },
            &map,
            None,
        );
        let others = (1..=10).filter(|&n| e.fill[&id(n)] == OTHER_COLOUR).count();
        assert_eq!(others, 3);
        let last = e
            .colour_legend
            .expect("legend")
            .entries
            .pop()
            .expect("entries");
        assert_eq!(last.text, "3 others (3)");
    }

    #[test]
    fn colour_by_an_amount_cuts_at_quintiles_and_never_splits_equal_values() {
        let map = star();
        let metrics = network_metrics(&map, &MetricSettings::default());
        let e = encode(
            &Encoding {
                size: SizeBy::Influence,
                colour: ColourBy::Metric(Metric::Betweenness),
            },
            &map,
            Some(&metrics),
        );
        // Only the hub is between anyone: two classes, the ends of the scale.
        assert_eq!(e.fill[&id(1)], AMOUNT_COLOURS[4]);
        for n in 2..=7 {
            assert_eq!(e.fill[&id(n)], AMOUNT_COLOURS[0], "{n}");
        }
        let texts: Vec<_> = e
            .colour_legend
            .expect("legend")
            .entries
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(texts, ["0.667", "0"]);
    }

    #[test]
    fn colour_by_community_and_engagement_name_their_classes() {
        let map = star();
        let metrics = network_metrics(&map, &MetricSettings::default());
        let e = encode(
            &Encoding {
                size: SizeBy::Influence,
                colour: ColourBy::Metric(Metric::Community),
            },
            &map,
            Some(&metrics),
        );
        assert_eq!(e.fill[&id(1)], e.fill[&id(2)], "one community");
        assert_ne!(e.fill[&id(1)], e.fill[&id(7)], "the lone one apart");
        let legend = e.colour_legend.expect("legend");
        assert_eq!(legend.entries[0].text, "Community 1 (6)");
        let e = encode(
            &Encoding {
                size: SizeBy::Influence,
                colour: ColourBy::Engagement,
            },
            &map,
            None,
        );
        assert_eq!(e.fill[&id(1)], AMOUNT_COLOURS[0], "unaware lowest");
        assert_eq!(e.fill[&id(5)], AMOUNT_COLOURS[4], "leading highest");
        assert_eq!(e.fill[&id(6)], NOT_SET_COLOUR);
        let last = e
            .colour_legend
            .expect("legend")
            .entries
            .pop()
            .expect("entries");
        assert_eq!(last.text, "Not assessed");
    }

    #[test]
    fn keys_name_every_choice_once() {
        for c in ColourBy::all() {
            assert_eq!(ColourBy::from_key(c.key()), Some(c));
        }
        for s in SizeBy::all() {
            assert_eq!(SizeBy::from_key(s.key()), Some(s));
        }
        assert_eq!(SizeBy::from_key("community"), None, "a category is no size");
    }
}
