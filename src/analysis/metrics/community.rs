//! Communities by Louvain modularity optimisation, seeded, and the modularity of any
//! grouping of a map.
//!
//! Louvain: V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding
//! of communities in large networks", J. Stat. Mech. P10008, 2008. The steps, gains and
//! stopping rule are networkx's `louvain_communities(G, weight="weight", resolution=1,
//! threshold=1e-07)`; only the random order in which stakeholders are visited differs (our
//! own seeded generator over stakeholders in id order), so the partitions can differ from
//! networkx's for the same seed while their modularity is as good.

use super::ties::TieGraph;
use crate::layout::SplitMix64;

/// networkx's default: a level that raises modularity by no more than this ends the search.
const THRESHOLD: f64 = 1e-7;

/// One level of the Louvain hierarchy: communities of the level below as nodes, their
/// internal weight as a self-loop.
#[derive(Clone, Debug)]
struct Level {
    /// Neighbours and tie weights, excluding the node itself.
    adjacency: Vec<Vec<(u32, f64)>>,
    /// Weight inside each node (a self-loop, counted once).
    inside: Vec<f64>,
}

impl Level {
    fn of(g: &TieGraph) -> Self {
        let adjacency = (0..g.node_count())
            .map(|v| {
                let (neighbours, strengths) = g.neighbours(v);
                neighbours
                    .iter()
                    .zip(strengths)
                    .map(|(&w, &s)| (w, f64::from(s.get())))
                    .collect()
            })
            .collect();
        Self {
            adjacency,
            inside: vec![0.0; g.node_count()],
        }
    }

    fn len(&self) -> usize {
        self.inside.len()
    }

    /// Weighted degree, a self-loop counted twice (as networkx does).
    fn degree(&self, v: usize) -> f64 {
        self.adjacency[v].iter().map(|&(_, w)| w).sum::<f64>() + 2.0 * self.inside[v]
    }

    /// Modularity of a grouping of this level's nodes (`group[v]` in `0..groups`), with total
    /// tie weight `m`.
    fn modularity(&self, group: &[usize], groups: usize, m: f64, resolution: f64) -> f64 {
        if m <= 0.0 {
            return 0.0;
        }
        let mut internal = vec![0.0; groups];
        let mut degree = vec![0.0; groups];
        for v in 0..self.len() {
            let c = group[v];
            degree[c] += self.degree(v);
            internal[c] += self.inside[v];
            for &(w, weight) in &self.adjacency[v] {
                // Each tie is listed from both ends: count it once.
                if group[w as usize] == c && (w as usize) > v {
                    internal[c] += weight;
                }
            }
        }
        internal
            .iter()
            .zip(&degree)
            .map(|(&l, &d)| l / m - resolution * (d / (2.0 * m)).powi(2))
            .sum()
    }

    /// The level above: one node per group, ties between groups summed.
    fn aggregate(&self, group: &[usize], groups: usize) -> Self {
        let mut inside = vec![0.0; groups];
        let mut weights: Vec<std::collections::BTreeMap<u32, f64>> =
            vec![std::collections::BTreeMap::new(); groups];
        for v in 0..self.len() {
            let c = group[v];
            inside[c] += self.inside[v];
            for &(w, weight) in &self.adjacency[v] {
                let d = group[w as usize];
                if d == c {
                    if (w as usize) > v {
                        inside[c] += weight;
                    }
                } else {
                    *weights[c].entry(d as u32).or_insert(0.0) += weight;
                }
            }
        }
        Self {
            adjacency: weights
                .into_iter()
                .map(|m| m.into_iter().collect())
                .collect(),
            inside,
        }
    }

    /// networkx's `_one_level`: moves each node, in a shuffled order, to the neighbouring
    /// community with the best modularity gain, until a whole pass moves nothing. Returns
    /// each node's community (renumbered `0..count` in order of the old numbers), the count,
    /// and whether anything moved.
    fn one_level(
        &self,
        m: f64,
        resolution: f64,
        rng: &mut SplitMix64,
    ) -> (Vec<usize>, usize, bool) {
        let n = self.len();
        let degrees: Vec<f64> = (0..n).map(|v| self.degree(v)).collect();
        let mut community: Vec<usize> = (0..n).collect();
        let mut total = degrees.clone();
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut to_community = vec![0.0; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut seen = vec![false; n];
        let mut improved = false;
        loop {
            let mut moves = 0;
            for &u in &order {
                for &(v, w) in &self.adjacency[u] {
                    let c = community[v as usize];
                    if !seen[c] {
                        seen[c] = true;
                        touched.push(c);
                    }
                    to_community[c] += w;
                }
                let own = community[u];
                let degree = degrees[u];
                total[own] -= degree;
                let remove_cost =
                    -to_community[own] / m + resolution * total[own] * degree / (2.0 * m * m);
                let mut best = own;
                let mut best_gain = 0.0;
                for &c in &touched {
                    let gain = remove_cost + to_community[c] / m
                        - resolution * total[c] * degree / (2.0 * m * m);
                    if gain > best_gain {
                        best_gain = gain;
                        best = c;
                    }
                }
                total[best] += degree;
                if best != own {
                    community[u] = best;
                    moves += 1;
                    improved = true;
                }
                for &c in &touched {
                    to_community[c] = 0.0;
                    seen[c] = false;
                }
                touched.clear();
            }
            if moves == 0 {
                break;
            }
        }
        let mut used = vec![false; n];
        for &c in &community {
            used[c] = true;
        }
        let mut renumber = vec![usize::MAX; n];
        let mut count = 0;
        for c in (0..n).filter(|&c| used[c]) {
            renumber[c] = count;
            count += 1;
        }
        let grouped = community.iter().map(|&c| renumber[c]).collect();
        (grouped, count, improved)
    }
}

/// Louvain communities of the tie graph, weighted by strength: each node's community, the
/// number of communities and the partition's modularity.
///
/// Communities are numbered largest first, ties broken by the smallest stakeholder id in
/// them; a stakeholder with no tie is a community of its own. The same map, seed and
/// resolution always give the same result.
pub(crate) fn louvain(g: &TieGraph, seed: u64, resolution: f64) -> (Vec<usize>, usize, f64) {
    let n = g.node_count();
    let mut level = Level::of(g);
    let m: f64 = g.ties().iter().map(|t| f64::from(t.strength.get())).sum();
    if m <= 0.0 {
        let (membership, count) = numbered(&(0..n).collect::<Vec<_>>(), n);
        return (membership, count, 0.0);
    }
    let mut rng = SplitMix64::new(seed);
    // membership[v]: the level node holding original node v.
    let mut membership: Vec<usize> = (0..n).collect();
    let singletons: Vec<usize> = (0..n).collect();
    let mut modularity = level.modularity(&singletons, n, m, resolution);
    loop {
        let (group, count, improved) = level.one_level(m, resolution, &mut rng);
        if !improved {
            break;
        }
        for c in &mut membership {
            *c = group[*c];
        }
        let raised = level.modularity(&group, count, m, resolution);
        level = level.aggregate(&group, count);
        if raised - modularity <= THRESHOLD {
            modularity = raised;
            break;
        }
        modularity = raised;
    }
    let groups = level.len();
    let (membership, count) = numbered(&membership, groups);
    (membership, count, modularity)
}

/// The modularity of a grouping of the tie graph's nodes (`group[v]` in `0..groups`),
/// weighted by strength, as networkx's `modularity(G, communities, weight="weight")`.
pub(crate) fn modularity_of(g: &TieGraph, group: &[usize], groups: usize, resolution: f64) -> f64 {
    let m: f64 = g.ties().iter().map(|t| f64::from(t.strength.get())).sum();
    Level::of(g).modularity(group, groups, m, resolution)
}

/// Renumbers groups largest first, ties by their smallest node (so smallest id).
pub(crate) fn numbered(group: &[usize], groups: usize) -> (Vec<usize>, usize) {
    let mut size = vec![0usize; groups];
    let mut first = vec![usize::MAX; groups];
    for (v, &c) in group.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(v);
    }
    let mut present: Vec<usize> = (0..groups).filter(|&c| size[c] > 0).collect();
    present.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut renumber = vec![0; groups];
    for (new, &old) in present.iter().enumerate() {
        renumber[old] = new;
    }
    (group.iter().map(|&c| renumber[c]).collect(), present.len())
}
