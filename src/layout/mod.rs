//! Layouts of the stakeholder map: pure functions and small state machines on positions.
//! Nothing here knows about egui or petgraph, and only [`for_map`] and [`placement`] read a
//! map: the layouts take indices, edges and scores (the model's
//! [`Score`](crate::model::Score)), and give canvas positions back.
//!
//! - [`force`]: the force-directed layout (Barnes-Hut repulsion, pivot-MDS start), stepped
//!   per frame or run to the end.
//! - [`circular`], [`radial`], [`grid`], [`engagement`]: one-shot layouts.
//! - [`overlap`]: the last step of each, so that names and symbols never cover each other.
//! - [`animate`]: easing between two layouts.
//! - [`normalised_stress`]: a scale-free quality figure to compare layouts of one graph.

pub mod animate;
pub mod blocks;
pub mod circular;
pub mod engagement;
pub mod for_map;
pub mod force;
pub mod grid;
mod initial;
pub mod name_room;
pub mod overlap;
pub mod placement;
mod quadtree;
pub mod radial;

use std::collections::VecDeque;

/// A position on the canvas, `[x, y]`, in canvas units; screen y points down.
pub type Point = [f32; 2];

/// The graph a layout works on: nodes are the indices `0..node_count`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutGraph {
    /// How many nodes there are; every node index is below this.
    pub node_count: usize,
    /// The relationships. Self-loops, parallel edges and indices out of range are allowed
    /// and ignored where they make no sense.
    pub edges: Vec<LayoutEdge>,
}

/// One relationship between two nodes, undirected as far as layouts are concerned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutEdge {
    /// Index of one end.
    pub source: u32,
    /// Index of the other end.
    pub target: u32,
    /// Relationship strength as a fraction, 0.0 (none) to 1.0 (collaborating), as
    /// [`Strength::fraction`](crate::model::Strength::fraction) gives it: stronger
    /// relationships pull their ends closer.
    pub strength: f32,
}

/// Undirected adjacency in compressed rows, without self-loops, parallel edges or
/// out-of-range ends. Shared by the stress figure, the radial layout and the force start.
pub(crate) struct Adjacency {
    /// Row `i` is `targets[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// Builds the adjacency of `graph`, sorted so that results do not depend on edge order.
    pub(crate) fn new(graph: &LayoutGraph) -> Self {
        let n = graph.node_count;
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(graph.edges.len() * 2);
        for edge in &graph.edges {
            let (a, b) = (edge.source, edge.target);
            if a == b || a as usize >= n || b as usize >= n {
                continue;
            }
            pairs.push((a, b));
            pairs.push((b, a));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0usize; n + 1];
        for &(a, _) in &pairs {
            offsets[a as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let targets = pairs.into_iter().map(|(_, b)| b).collect();
        Self { offsets, targets }
    }

    /// How many nodes the adjacency covers.
    pub(crate) fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The distinct neighbours of `node`, in ascending order.
    pub(crate) fn neighbours(&self, node: usize) -> &[u32] {
        &self.targets[self.offsets[node]..self.offsets[node + 1]]
    }

    /// Connected component of every node, numbered in order of each component's lowest
    /// node index, and how many components there are.
    pub(crate) fn components(&self) -> (Vec<u32>, usize) {
        let n = self.node_count();
        let mut label = vec![u32::MAX; n];
        let mut count = 0u32;
        let mut stack = Vec::new();
        for start in 0..n {
            if label[start] != u32::MAX {
                continue;
            }
            label[start] = count;
            stack.push(start as u32);
            while let Some(u) = stack.pop() {
                for &v in self.neighbours(u as usize) {
                    if label[v as usize] == u32::MAX {
                        label[v as usize] = count;
                        stack.push(v);
                    }
                }
            }
            count += 1;
        }
        (label, count as usize)
    }

    /// Hop distances from `source` into `dist` (`u32::MAX` where unreachable), reusing
    /// `queue` so that many searches allocate once.
    pub(crate) fn bfs(&self, source: usize, dist: &mut [u32], queue: &mut VecDeque<u32>) {
        dist.fill(u32::MAX);
        queue.clear();
        dist[source] = 0;
        queue.push_back(source as u32);
        while let Some(u) = queue.pop_front() {
            let next = dist[u as usize] + 1;
            for &v in self.neighbours(u as usize) {
                if dist[v as usize] == u32::MAX {
                    dist[v as usize] = next;
                    queue.push_back(v);
                }
            }
        }
    }
}

/// A tiny deterministic generator (splitmix64): layouts must give the same picture for
/// the same seed on every machine, and the crate should not need `rand` for this.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn next_f32(&mut self) -> f32 {
        // 24 random bits are exactly what an f32 mantissa holds.
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in `0..bound`; `bound` must be above zero.
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        // Multiply-shift: no modulo bias worth caring about for layout seeding.
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }
}

/// Above this many nodes [`normalised_stress`] samples BFS sources instead of using all.
const STRESS_EXACT_LIMIT: usize = 2_000;
/// How many BFS sources the sampled stress uses.
const STRESS_SAMPLE_SOURCES: usize = 200;
/// Fixed seed so that the sampled stress is the same figure every run.
const STRESS_SAMPLE_SEED: u64 = 0x5EED_57E5_5000;

/// Normalised stress of a layout: how well canvas distances follow hop distances.
///
/// With `d` the unweighted hop distance and `e` the canvas distance of a pair, this is
/// `min over s of sum (s*e - d)^2 / d^2`, divided by the number of pairs: 0 is a perfect
/// embedding, 1 is what every node on one point scores. The optimal scale `s` makes the
/// figure independent of zoom, so layouts of the same graph compare directly; lower is
/// better. Unreachable pairs are skipped. Above 2,000 nodes the pairs are those from 200
/// BFS sources drawn with a fixed seed, so big graphs take seconds and the figure is
/// still deterministic. Missing or non-finite positions count as coincident with their
/// partner (the worst case), so a broken layout never scores well.
pub fn normalised_stress(graph: &LayoutGraph, positions: &[Point]) -> f64 {
    let adjacency = Adjacency::new(graph);
    let n = adjacency.node_count();
    if n < 2 {
        return 0.0;
    }
    let sources: Vec<usize> = if n <= STRESS_EXACT_LIMIT {
        (0..n).collect()
    } else {
        let mut rng = SplitMix64::new(STRESS_SAMPLE_SEED);
        let mut chosen = vec![false; n];
        let mut sources = Vec::with_capacity(STRESS_SAMPLE_SOURCES);
        while sources.len() < STRESS_SAMPLE_SOURCES {
            let pick = rng.below(n);
            if !chosen[pick] {
                chosen[pick] = true;
                sources.push(pick);
            }
        }
        sources.sort_unstable();
        sources
    };
    let position = |i: usize| -> Option<[f64; 2]> {
        let p = positions.get(i)?;
        (p[0].is_finite() && p[1].is_finite()).then(|| [f64::from(p[0]), f64::from(p[1])])
    };

    // Expanding the square: sum (s e - d)^2 / d^2 = s^2 A - 2 s B + pairs, where
    // A = sum e^2 / d^2 and B = sum e / d; the best s is B / A.
    let (mut sum_a, mut sum_b, mut pairs) = (0.0f64, 0.0f64, 0u64);
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    for &s in &sources {
        adjacency.bfs(s, &mut dist, &mut queue);
        let ps = position(s);
        for (j, &d) in dist.iter().enumerate() {
            if j == s || d == u32::MAX {
                continue;
            }
            pairs += 1;
            let e = match (ps, position(j)) {
                (Some(a), Some(b)) => (a[0] - b[0]).hypot(a[1] - b[1]),
                _ => 0.0,
            };
            let d = f64::from(d);
            sum_a += e * e / (d * d);
            sum_b += e / d;
        }
    }
    if pairs == 0 {
        return 0.0;
    }
    let residual = if sum_a > 0.0 && sum_a.is_finite() {
        (pairs as f64 - sum_b * sum_b / sum_a).max(0.0)
    } else {
        pairs as f64
    };
    residual / pairs as f64
}

/// A Barabasi-Albert preferential-attachment graph: `n` nodes, each new node linked to `m`
/// distinct earlier nodes chosen in proportion to their degree, every edge of strength 3.
///
/// A test and benchmark helper: scale-free graphs with hubs are what real stakeholder
/// maps look like at their worst, and the fixed `seed` makes runs comparable. With
/// `n <= m` the result is the complete graph on `n` nodes.
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> LayoutGraph {
    let m = m.max(1);
    let mut edges = Vec::with_capacity(n.saturating_sub(m) * m);
    let edge = |a: usize, b: usize| LayoutEdge {
        source: a as u32,
        target: b as u32,
        strength: 0.6,
    };
    if n <= m {
        for a in 0..n {
            for b in a + 1..n {
                edges.push(edge(a, b));
            }
        }
        return LayoutGraph {
            node_count: n,
            edges,
        };
    }
    let mut rng = SplitMix64::new(seed);
    // Every edge end goes in here once, so a uniform pick is a degree-weighted pick.
    let mut ends: Vec<usize> = Vec::with_capacity(2 * n * m);
    let mut targets: Vec<usize> = (0..m).collect();
    for source in m..n {
        for &t in &targets {
            edges.push(edge(source, t));
            ends.push(t);
            ends.push(source);
        }
        targets.clear();
        while targets.len() < m {
            let pick = ends[rng.below(ends.len())];
            if !targets.contains(&pick) {
                targets.push(pick);
            }
        }
    }
    LayoutGraph {
        node_count: n,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: usize) -> LayoutGraph {
        LayoutGraph {
            node_count: n,
            edges: (1..n)
                .map(|i| LayoutEdge {
                    source: i as u32 - 1,
                    target: i as u32,
                    strength: 0.2,
                })
                .collect(),
        }
    }

    #[test]
    fn stress_is_zero_for_a_straight_path_at_any_scale() {
        let graph = path(6);
        let line: Vec<Point> = (0..6).map(|i| [i as f32 * 37.0, 5.0]).collect();
        assert!(normalised_stress(&graph, &line) < 1e-9);
    }

    #[test]
    fn stress_is_worse_for_a_folded_path_and_one_for_a_point() {
        let graph = path(6);
        let line: Vec<Point> = (0..6).map(|i| [i as f32, 0.0]).collect();
        let folded: Vec<Point> = vec![
            [0.0, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 2.0],
            [1.0, 2.0],
        ];
        let point = vec![[3.0, 3.0]; 6];
        let s_line = normalised_stress(&graph, &line);
        let s_folded = normalised_stress(&graph, &folded);
        assert!(s_folded > s_line + 0.01, "{s_folded} vs {s_line}");
        assert!((normalised_stress(&graph, &point) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn stress_tolerates_bad_input() {
        let graph = LayoutGraph {
            node_count: 3,
            edges: vec![
                LayoutEdge {
                    source: 0,
                    target: 0,
                    strength: 0.2,
                },
                LayoutEdge {
                    source: 0,
                    target: 9,
                    strength: 0.2,
                },
                LayoutEdge {
                    source: 0,
                    target: 1,
                    strength: 0.2,
                },
            ],
        };
        let s = normalised_stress(&graph, &[[f32::NAN, 0.0]]);
        assert!(s.is_finite());
        assert_eq!(normalised_stress(&LayoutGraph::default(), &[]), 0.0);
    }

    #[test]
    fn barabasi_albert_has_the_promised_shape() {
        let graph = barabasi_albert(500, 2, 7);
        assert_eq!(graph.node_count, 500);
        assert_eq!(graph.edges.len(), 498 * 2);
        assert!(graph.edges.iter().all(|e| e.source != e.target));
        assert_eq!(graph, barabasi_albert(500, 2, 7));
        assert_ne!(graph, barabasi_albert(500, 2, 8));
        // Preferential attachment grows hubs far above the mean degree of 4.
        let mut degree = vec![0u32; 500];
        for e in &graph.edges {
            degree[e.source as usize] += 1;
            degree[e.target as usize] += 1;
        }
        assert!(degree.iter().copied().max().unwrap_or(0) > 20);
        assert_eq!(barabasi_albert(3, 5, 1).edges.len(), 3);
    }
}
