//! Social network metrics of a map: degree and strength, betweenness, closeness,
//! eigenvector centrality, PageRank, components, cut points and bridges, communities,
//! density and average path length. A pure function of a map and a seed, keyed by
//! stakeholder id, with values that match networkx's.
//!
//! # How a map is read (the tie graph)
//!
//! Every metric reads the same view of the map, which is networkx's `nx.Graph` built so:
//!
//! - **Undirected.** A relationship's direction is a way of reading it ("works on",
//!   "member of"), not a channel that works one way: a partnership, a membership or a
//!   "works on" tie all let information and help pass both ways. So every metric here is
//!   computed on the undirected view, as networkx is called on `nx.Graph(map)`.
//! - **Strength 0 is no tie.** Strength 0 means no working relationship, or one that has
//!   broken down, so such a relationship is left out: it is not a path, adds no degree and
//!   no weight. A relationship never observed counts at its unobserved strength, 1 (the two
//!   know of each other). Strength is the current one ([`crate::model::Relationship::strength`]):
//!   for the map on a past date, pass [`crate::analysis::map_as_of`]'s map.
//! - **One tie per pair, at the strongest.** Several relationships between the same two
//!   stakeholders (a partnership and a funding line, say) make one tie whose strength is the
//!   strongest of them: strength is a level on the continuum of collaboration, and levels do
//!   not add up (two ties at "networking" are not "cooperating").
//! - **No self-relationships.** A relationship from a stakeholder to itself says nothing about
//!   the network and is left out.
//! - **Weight and distance.** Where a metric is weighted, the weight is the strength (1-5);
//!   where it needs a distance (betweenness and closeness "by strength"), the distance is
//!   `1 / strength`, so a strong tie is a short step.
//!
//! # Sources
//!
//! Articulation points, bridges and components come from petgraph. Betweenness and
//! closeness are our own Brandes search ([`paths`]); eigenvector centrality and PageRank
//! are power iterations with networkx's parameters ([`spectral`]); communities are Louvain
//! ([`community`]). rustworkx-core has betweenness and eigenvector centrality but neither
//! weighted betweenness nor Louvain, and brings rayon and ndarray; petgraph's `page_rank`
//! is unweighted and quadratic in the stakeholders.

mod community;
mod paths;
mod spectral;
mod structure;
pub(crate) mod ties;

use crate::model::{Map, RelationshipId, StakeholderId};
use std::collections::HashMap;
use std::fmt;
use ties::TieGraph;

/// One per-stakeholder metric: what the window offers in "size by" and "colour by", a table
/// shows as a column and `stakemap stats` writes as a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    /// Stakeholders it has a working tie with.
    Degree,
    /// Sum of its ties' strengths: weighted degree.
    Strength,
    /// Share of shortest paths (hops) between others through it.
    Betweenness,
    /// Share of shortest paths by strength (distance 1 / strength) between others through it.
    WeightedBetweenness,
    /// Nearness to all it can reach, in hops.
    Closeness,
    /// Nearness to all it can reach, by strength.
    WeightedCloseness,
    /// Eigenvector centrality weighted by strength.
    Eigenvector,
    /// PageRank weighted by strength.
    PageRank,
    /// Its Louvain community's number.
    Community,
    /// Its connected component's number.
    Component,
    /// 1 if it is a cut point (articulation point), else 0.
    CutPoint,
}

impl Metric {
    /// Every metric, in the order tables and `stakemap stats` list them.
    pub const ALL: [Self; 11] = [
        Self::Degree,
        Self::Strength,
        Self::Betweenness,
        Self::WeightedBetweenness,
        Self::Closeness,
        Self::WeightedCloseness,
        Self::Eigenvector,
        Self::PageRank,
        Self::Community,
        Self::Component,
        Self::CutPoint,
    ];

    /// Its field name in `stakemap stats --json` and in exports: `"weighted_betweenness"`.
    /// Stable: scripts read these.
    pub fn key(self) -> &'static str {
        match self {
            Self::Degree => "degree",
            Self::Strength => "strength",
            Self::Betweenness => "betweenness",
            Self::WeightedBetweenness => "weighted_betweenness",
            Self::Closeness => "closeness",
            Self::WeightedCloseness => "weighted_closeness",
            Self::Eigenvector => "eigenvector",
            Self::PageRank => "pagerank",
            Self::Community => "community",
            Self::Component => "component",
            Self::CutPoint => "cut_point",
        }
    }

    /// The metric named by [`Metric::key`], if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Its name in menus, legends and column headers (sentence case).
    pub fn label(self) -> &'static str {
        match self {
            Self::Degree => "Degree",
            Self::Strength => "Strength",
            Self::Betweenness => "Betweenness",
            Self::WeightedBetweenness => "Betweenness by strength",
            Self::Closeness => "Closeness",
            Self::WeightedCloseness => "Closeness by strength",
            Self::Eigenvector => "Eigenvector",
            Self::PageRank => "PageRank",
            Self::Community => "Community",
            Self::Component => "Component",
            Self::CutPoint => "Cut point",
        }
    }

    /// What it means, in a sentence for a tooltip or the README.
    pub fn description(self) -> &'static str {
        match self {
            Self::Degree => {
                "How many stakeholders it has a working relationship with (strength 1 or more)."
            }
            Self::Strength => {
                "The sum of the strengths (1-5) of its ties: degree weighted by strength."
            }
            Self::Betweenness => {
                "The share of shortest paths between other stakeholders that pass through it, 0 to 1: brokers score high."
            }
            Self::WeightedBetweenness => {
                "Betweenness with strong ties as short steps (distance 1 / strength), 0 to 1."
            }
            Self::Closeness => {
                "How near it is, in steps, to everyone it can reach, 0 to 1, scaled down by the part of the map it cannot reach."
            }
            Self::WeightedCloseness => {
                "Closeness with strong ties as short steps (distance 1 / strength)."
            }
            Self::Eigenvector => {
                "How well connected its partners are, weighted by strength; 0 to 1 (the values have unit length over the map)."
            }
            Self::PageRank => {
                "Where someone following ties by strength would spend their time; sums to 1 over the map."
            }
            Self::Community => {
                "Its community (Louvain modularity, by strength), numbered largest first from 0."
            }
            Self::Component => {
                "The connected part of the map it is in, numbered largest first from 0."
            }
            Self::CutPoint => "1 if removing it would split the part of the map it is in, else 0.",
        }
    }

    /// Whether its values name groups (colour by it) rather than amounts (size by it).
    pub fn is_category(self) -> bool {
        matches!(self, Self::Community | Self::Component | Self::CutPoint)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Parameters of the metrics that have any: the communities'.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetricSettings {
    /// The seed of the order in which Louvain visits stakeholders. The same map and seed
    /// always give the same communities.
    pub seed: u64,
    /// Louvain's resolution: above 1 favours smaller communities, below 1 larger ones.
    /// networkx's default, 1.
    pub resolution: f64,
}

impl Default for MetricSettings {
    fn default() -> Self {
        Self {
            seed: 1,
            resolution: 1.0,
        }
    }
}

/// One stakeholder's metrics. See [`Metric`] for each; all are computed on the tie graph
/// described in this module's documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct StakeholderMetrics {
    /// The stakeholder.
    pub id: StakeholderId,
    /// Stakeholders it has a working tie with (networkx `G.degree()`).
    pub degree: usize,
    /// Sum of its ties' strengths (networkx `G.degree(weight="weight")`).
    pub strength: f64,
    /// Betweenness by hops, 0-1, normalised by (n-1)(n-2)/2 pairs (networkx
    /// `betweenness_centrality(G)`, its defaults `normalized=True, endpoints=False`).
    pub betweenness: f64,
    /// Betweenness with distance 1 / strength, normalised the same way (networkx
    /// `betweenness_centrality(G, weight="distance")`).
    pub weighted_betweenness: f64,
    /// Closeness by hops, 0-1 (networkx `closeness_centrality(G)`, its default
    /// `wf_improved=True`: scaled by the share of the map it can reach).
    pub closeness: f64,
    /// Closeness with distance 1 / strength, in 1/distance units: a stakeholder one
    /// strength-5 tie from everyone scores 5 (networkx `closeness_centrality(G,
    /// distance="distance")`).
    pub weighted_closeness: f64,
    /// Eigenvector centrality weighted by strength, 0-1, unit Euclidean length over the map
    /// (networkx `eigenvector_centrality(G, weight="weight", max_iter=1000)`).
    pub eigenvector: f64,
    /// PageRank weighted by strength, damping 0.85, summing to 1 over the map (networkx
    /// `pagerank(G, weight="weight")`).
    pub pagerank: f64,
    /// Its Louvain community, numbered largest first from 0 (ties by smallest id).
    pub community: usize,
    /// Its connected component, numbered largest first from 0 (ties by smallest id).
    pub component: usize,
    /// Whether removing it would split its component (networkx `articulation_points(G)`).
    pub cut_point: bool,
}

impl StakeholderMetrics {
    /// The value of one metric, as a number (a category's number; a cut point 1 or 0).
    pub fn value(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Degree => self.degree as f64,
            Metric::Strength => self.strength,
            Metric::Betweenness => self.betweenness,
            Metric::WeightedBetweenness => self.weighted_betweenness,
            Metric::Closeness => self.closeness,
            Metric::WeightedCloseness => self.weighted_closeness,
            Metric::Eigenvector => self.eigenvector,
            Metric::PageRank => self.pagerank,
            Metric::Community => self.community as f64,
            Metric::Component => self.component as f64,
            Metric::CutPoint => f64::from(u8::from(self.cut_point)),
        }
    }
}

/// A pair of stakeholders whose tie is a bridge: without it (all its working
/// relationships), the part of the map they are in falls in two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bridge {
    /// The two stakeholders, lower id first.
    pub ends: (StakeholderId, StakeholderId),
    /// The working relationships (strength 1 or more) joining them, by id.
    pub relationships: Vec<RelationshipId>,
}

/// Figures for the whole map.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphMetrics {
    /// Stakeholders on the map.
    pub stakeholders: usize,
    /// Ties: pairs of stakeholders joined by at least one working relationship.
    pub ties: usize,
    /// Ties over possible pairs, 0-1 (networkx `density(G)`); 0 with fewer than two
    /// stakeholders.
    pub density: f64,
    /// Mean number of steps between two stakeholders joined by a path, over all such
    /// ordered pairs; `None` when no two are joined. Equal to networkx's
    /// `average_shortest_path_length(G)` on a connected map (networkx refuses others).
    pub average_path_length: Option<f64>,
    /// Connected components, an isolated stakeholder counting as one.
    pub components: usize,
    /// Louvain communities.
    pub communities: usize,
    /// The communities' modularity, weighted by strength (networkx
    /// `modularity(G, communities, weight="weight")`); 0 when there is no tie.
    pub modularity: f64,
    /// Whether eigenvector centrality converged within 1,000 iterations; when not, the
    /// values are the last iterate.
    pub eigenvector_converged: bool,
}

/// Every metric of a map: per stakeholder (by id), and for the whole map.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkMetrics {
    stakeholders: Vec<StakeholderMetrics>,
    index: HashMap<StakeholderId, usize>,
    /// Figures for the whole map.
    pub graph: GraphMetrics,
    /// Cut points (articulation points), by id.
    pub cut_points: Vec<StakeholderId>,
    /// Bridges, by their ends.
    pub bridges: Vec<Bridge>,
    /// The members of each community, by community number, each by id.
    pub communities: Vec<Vec<StakeholderId>>,
    /// The settings they were computed with.
    pub settings: MetricSettings,
}

impl NetworkMetrics {
    /// Every stakeholder's metrics, by id.
    pub fn stakeholders(&self) -> &[StakeholderMetrics] {
        &self.stakeholders
    }

    /// One stakeholder's metrics; `None` for an id not on the map they were computed from.
    pub fn stakeholder(&self, id: StakeholderId) -> Option<&StakeholderMetrics> {
        self.index.get(&id).map(|&i| &self.stakeholders[i])
    }

    /// One stakeholder's value of one metric.
    pub fn value(&self, id: StakeholderId, metric: Metric) -> Option<f64> {
        self.stakeholder(id).map(|s| s.value(metric))
    }

    /// The smallest and largest value of a metric over the map, for a legend or a size
    /// scale; `None` on an empty map.
    pub fn range(&self, metric: Metric) -> Option<(f64, f64)> {
        let mut values = self.stakeholders.iter().map(|s| s.value(metric));
        let first = values.next()?;
        Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// Stakeholders ranked by a metric, highest first, ties by id.
    pub fn ranked(&self, metric: Metric) -> Vec<&StakeholderMetrics> {
        let mut all: Vec<&StakeholderMetrics> = self.stakeholders.iter().collect();
        all.sort_by(|a, b| {
            b.value(metric)
                .total_cmp(&a.value(metric))
                .then_with(|| a.id.cmp(&b.id))
        });
        all
    }
}

/// Every metric of a map. A pure function of the map and the settings: the same map always
/// gives the same values, whatever order its stakeholders were added in, so the window can
/// compute it on a worker keyed on the map's revision.
///
/// Cost: O(stakeholders x ties) for the path metrics (two Brandes searches from each
/// stakeholder, spread over the machine's cores), near-linear for the rest; see
/// `benches/metrics.rs` and the README for figures.
pub fn network_metrics(map: &Map, settings: &MetricSettings) -> NetworkMetrics {
    let g = TieGraph::of(map);
    let n = g.node_count();
    let paths = paths::path_metrics(&g);
    let (eigenvector, eigenvector_converged) = spectral::eigenvector(&g);
    let pagerank = spectral::pagerank(&g);
    let (community, communities, modularity) =
        community::louvain(&g, settings.seed, settings.resolution);
    let structure = structure::structure(&g);

    let stakeholders: Vec<StakeholderMetrics> = (0..n)
        .map(|v| StakeholderMetrics {
            id: g.id(v),
            degree: g.degree(v),
            strength: g.neighbours(v).1.iter().map(|s| f64::from(s.get())).sum(),
            betweenness: paths.betweenness[v],
            weighted_betweenness: paths.weighted_betweenness[v],
            closeness: paths.closeness[v],
            weighted_closeness: paths.weighted_closeness[v],
            eigenvector: eigenvector[v],
            pagerank: pagerank[v],
            community: community[v],
            component: structure.component[v],
            cut_point: structure.cut_point[v],
        })
        .collect();
    let index = stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut members = vec![Vec::new(); communities];
    for (v, &c) in community.iter().enumerate() {
        members[c].push(g.id(v));
    }
    let bridges = structure
        .bridges
        .iter()
        .map(|&k| {
            let t = &g.ties()[k];
            Bridge {
                ends: (g.id(t.ends.0 as usize), g.id(t.ends.1 as usize)),
                relationships: t.relationships.clone(),
            }
        })
        .collect();
    let cut_points = (0..n)
        .filter(|&v| structure.cut_point[v])
        .map(|v| g.id(v))
        .collect();
    let possible = n as f64 * n.saturating_sub(1) as f64 / 2.0;
    let graph = GraphMetrics {
        stakeholders: n,
        ties: g.tie_count(),
        density: if n > 1 {
            g.tie_count() as f64 / possible
        } else {
            0.0
        },
        average_path_length: (paths.connected_pairs > 0)
            .then(|| paths.hop_total as f64 / paths.connected_pairs as f64),
        components: structure.components,
        communities,
        modularity,
        eigenvector_converged,
    };
    NetworkMetrics {
        stakeholders,
        index,
        graph,
        cut_points,
        bridges,
        communities: members,
        settings: *settings,
    }
}

/// The modularity of a grouping of a map's stakeholders, weighted by strength, on the tie
/// graph (networkx `modularity(G, groups, weight="weight", resolution=resolution)`): how
/// much more strength lies inside the groups than chance would put there, from -0.5 to 1.
///
/// `groups` lists stakeholder ids; a stakeholder in no group counts as a group of its own,
/// and ids not on the map are ignored. Useful to ask how well sectors or areas match the
/// map's real clusters. 0 when the map has no tie.
pub fn modularity(map: &Map, groups: &[Vec<StakeholderId>], resolution: f64) -> f64 {
    let g = TieGraph::of(map);
    let n = g.node_count();
    let mut group = vec![usize::MAX; n];
    for (c, members) in groups.iter().enumerate() {
        for &id in members {
            if let Some(v) = g.node(id) {
                group[v] = c;
            }
        }
    }
    let mut count = groups.len();
    for c in &mut group {
        if *c == usize::MAX {
            *c = count;
            count += 1;
        }
    }
    community::modularity_of(&g, &group, count, resolution)
}

/// The parts of [`network_metrics`] one at a time, for `benches/metrics.rs` to time each.
/// Not used by the app itself.
pub mod bench_support {
    use super::ties::TieGraph;
    use crate::model::Map;

    /// A map's tie graph, built once and read by each part.
    pub struct Prepared(TieGraph);

    /// Builds the tie graph (the first part of every computation).
    pub fn prepare(map: &Map) -> Prepared {
        Prepared(TieGraph::of(map))
    }

    /// Betweenness and closeness by hops and by strength, and the average path length:
    /// returns the largest betweenness, so that nothing is optimised away.
    pub fn paths(g: &Prepared) -> f64 {
        super::paths::path_metrics(&g.0)
            .betweenness
            .iter()
            .fold(0.0, |a, &b| f64::max(a, b))
    }

    /// Eigenvector centrality: returns whether it converged.
    pub fn eigenvector(g: &Prepared) -> bool {
        super::spectral::eigenvector(&g.0).1
    }

    /// PageRank: returns the sum of the ranks.
    pub fn pagerank(g: &Prepared) -> f64 {
        super::spectral::pagerank(&g.0).iter().sum()
    }

    /// Louvain communities: returns their modularity.
    pub fn communities(g: &Prepared, seed: u64) -> f64 {
        super::community::louvain(&g.0, seed, 1.0).2
    }

    /// Components, cut points and bridges: returns the number of components.
    pub fn structure(g: &Prepared) -> usize {
        super::structure::structure(&g.0).components
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{map, relationship};
    use crate::model::RelationshipKind::Partnership;
    use crate::model::StakeholderKind::Partner;

    #[test]
    fn an_empty_map_and_a_lone_stakeholder_have_metrics_without_panicking() {
        let empty = network_metrics(&Map::new("empty"), &MetricSettings::default());
        assert!(empty.stakeholders().is_empty());
        assert_eq!(empty.graph.components, 0);
        assert_eq!(empty.graph.average_path_length, None);
        assert_eq!(empty.range(Metric::Degree), None);

        // One stakeholder whose only relationship is with itself: no tie at all.
        let alone = map(
            &[(7, Partner, "Ana")],
            vec![relationship(1, 7, 7, Partnership, &[("2025-01-01", 5)])],
        );
        let metrics = network_metrics(&alone, &MetricSettings::default());
        let ana = metrics.stakeholder(StakeholderId(7)).expect("on the map");
        assert_eq!(ana.degree, 0);
        assert_eq!(ana.closeness, 0.0);
        // networkx: the lone node has eigenvector centrality 1 and all the PageRank.
        assert_eq!(ana.eigenvector, 1.0);
        assert_eq!(ana.pagerank, 1.0);
        assert_eq!(metrics.graph.density, 0.0);
        assert_eq!(metrics.graph.modularity, 0.0);
        assert_eq!(metrics.communities, [vec![StakeholderId(7)]]);
    }

    #[test]
    fn metrics_are_offered_by_key_label_and_kind() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_key(metric.key()), Some(metric));
            assert!(!metric.description().is_empty());
        }
        assert!(Metric::Community.is_category());
        assert!(!Metric::Betweenness.is_category());
        assert_eq!(Metric::from_key("nonsense"), None);
    }

    #[test]
    fn ranked_and_range_read_the_values() {
        // A path A - B - C: B is between the others.
        let m = map(
            &[(1, Partner, "A"), (2, Partner, "B"), (3, Partner, "C")],
            vec![
                relationship(1, 1, 2, Partnership, &[("2025-01-01", 2)]),
                relationship(2, 2, 3, Partnership, &[("2025-01-01", 4)]),
            ],
        );
        let metrics = network_metrics(&m, &MetricSettings::default());
        let ranked: Vec<u64> = metrics
            .ranked(Metric::Betweenness)
            .iter()
            .map(|s| s.id.0)
            .collect();
        assert_eq!(ranked, [2, 1, 3]);
        assert_eq!(metrics.range(Metric::Betweenness), Some((0.0, 1.0)));
        assert_eq!(metrics.value(StakeholderId(2), Metric::Strength), Some(6.0));
        assert_eq!(metrics.cut_points, [StakeholderId(2)]);
        assert_eq!(metrics.bridges.len(), 2);
        assert_eq!(metrics.graph.average_path_length, Some(4.0 / 3.0));
    }
}
