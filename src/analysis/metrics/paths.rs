//! Shortest-path metrics in one pass per stakeholder: betweenness and closeness, by hops
//! and by strength (distance `1 / strength`), and the average path length.
//!
//! Betweenness is Brandes' algorithm: U. Brandes, "A faster algorithm for betweenness
//! centrality", Journal of Mathematical Sociology 25(2):163-177, 2001. From each source a
//! breadth-first search (hops) or a shortest-path search (strength) counts the shortest
//! paths to every other stakeholder, then dependencies are accumulated back in order of
//! falling distance. The strength search is Dijkstra's with a bucket queue (Dial's
//! algorithm, R. B. Dial, CACM 12(11), 1969): tie lengths are the integers `60 / strength`
//! ([`TieGraph::length`]), so equal path lengths are recognised exactly and a search costs
//! O(ties + longest path) rather than O(ties log stakeholders).
//!
//! Two savings, both exact:
//!
//! - A stakeholder with one tie (a leaf: a person in one organisation) is never searched
//!   from. Every path from a leaf `l` runs through its one neighbour `u`, so `l`'s
//!   dependencies on every other stakeholder equal `u`'s, its dependency on `u` is the
//!   number of stakeholders `u` reaches besides the two of them, and its distances are
//!   `u`'s plus the tie's length. `u`'s search is counted once for itself and once for
//!   each of its leaves (after the degree-1 reduction of M. Baglioni, F. Geraci,
//!   M. Pellegrini and E. Lastres, "Fast exact computation of betweenness centrality in
//!   social networks", ASONAM 2012).
//! - Sources are split into a fixed number of chunks that worker threads take in turn;
//!   each chunk sums its own dependencies and the chunks are added in order, so the result
//!   is the same to the last bit whatever the number of threads.

use super::ties::{LENGTH_UNITS, TieGraph};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const UNREACHED: u32 = u32::MAX;
/// Buckets in the circular bucket queue: more than the longest tie (60 units, strength
/// 1), and a power of two so that finding a bucket is a mask.
const BUCKETS: usize = 64;
/// Sources are cut into this many chunks (fewer on a small map): enough to keep two to
/// eight threads busy, few enough that the per-chunk sums cost little memory.
const CHUNKS: usize = 16;
/// Below this many stakeholders one thread does it all: starting threads would cost more.
const PARALLEL_FROM: usize = 300;

/// The shortest-path metrics of every node, in node order.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathMetrics {
    /// Betweenness by hops, normalised as networkx's `betweenness_centrality(G)`.
    pub betweenness: Vec<f64>,
    /// Betweenness with distance `1 / strength`, normalised the same way.
    pub weighted_betweenness: Vec<f64>,
    /// Closeness by hops, as networkx's `closeness_centrality(G)` (Wasserman-Faust scaled).
    pub closeness: Vec<f64>,
    /// Closeness with distance `1 / strength`.
    pub weighted_closeness: Vec<f64>,
    /// The sum of hop distances over ordered pairs of distinct nodes joined by a path.
    pub hop_total: u64,
    /// The number of such ordered pairs.
    pub connected_pairs: u64,
}

impl PathMetrics {
    fn zeroed(n: usize) -> Self {
        Self {
            betweenness: vec![0.0; n],
            weighted_betweenness: vec![0.0; n],
            closeness: vec![0.0; n],
            weighted_closeness: vec![0.0; n],
            hop_total: 0,
            connected_pairs: 0,
        }
    }

    /// Adds another chunk's sums (its closeness entries are its own sources').
    fn add(&mut self, other: &Self) {
        let pairs = [
            (&mut self.betweenness, &other.betweenness),
            (&mut self.weighted_betweenness, &other.weighted_betweenness),
            (&mut self.closeness, &other.closeness),
            (&mut self.weighted_closeness, &other.weighted_closeness),
        ];
        for (mine, theirs) in pairs {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        self.hop_total += other.hop_total;
        self.connected_pairs += other.connected_pairs;
    }
}

/// The tie graph renumbered for the searches: breadth-first from the best-connected
/// stakeholder, so that stakeholders near each other on the map sit near each other in
/// memory and a search touches fewer cache lines (the numbering changes no result).
struct Network {
    /// `order[i]`: the tie graph's node that is node `i` here.
    order: Vec<usize>,
    offsets: Vec<usize>,
    targets: Vec<u32>,
    lengths: Vec<u32>,
}

impl Network {
    fn ordered(g: &TieGraph) -> Self {
        let n = g.node_count();
        let mut order = Vec::with_capacity(n);
        let mut placed = vec![false; n];
        let mut by_degree: Vec<usize> = (0..n).collect();
        by_degree.sort_by_key(|&v| (std::cmp::Reverse(g.degree(v)), v));
        for start in by_degree {
            if placed[start] {
                continue;
            }
            placed[start] = true;
            let mut head = order.len();
            order.push(start);
            while let Some(&v) = order.get(head) {
                head += 1;
                for &w in g.neighbours(v).0 {
                    if !placed[w as usize] {
                        placed[w as usize] = true;
                        order.push(w as usize);
                    }
                }
            }
        }
        let mut new_index = vec![0u32; n];
        for (i, &v) in order.iter().enumerate() {
            new_index[v] = i as u32;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::with_capacity(2 * g.tie_count());
        let mut lengths = Vec::with_capacity(2 * g.tie_count());
        for &v in &order {
            let (neighbours, arc_lengths) = g.arcs(v);
            for (&w, &length) in neighbours.iter().zip(arc_lengths) {
                targets.push(new_index[w as usize]);
                lengths.push(length);
            }
            offsets.push(targets.len());
        }
        Self {
            order,
            offsets,
            targets,
            lengths,
        }
    }

    fn node_count(&self) -> usize {
        self.order.len()
    }

    fn arc_count(&self) -> usize {
        self.targets.len()
    }

    fn neighbours(&self, i: usize) -> &[u32] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }

    fn arcs(&self, i: usize) -> (&[u32], &[u32]) {
        let range = self.offsets[i]..self.offsets[i + 1];
        (&self.targets[range.clone()], &self.lengths[range])
    }

    fn degree(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// Values indexed by this numbering, put back in the tie graph's.
    fn restore(&self, values: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; values.len()];
        for (i, &v) in self.order.iter().enumerate() {
            out[v] = values[i];
        }
        out
    }
}

/// One node's path counts during a search. Distances are kept apart from these, in an
/// array small enough to stay in the fastest cache: every arc a search looks at checks a
/// distance, fewer touch the counts.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    /// Shortest paths from the source.
    sigma: f64,
    /// `(1 + dependency) / sigma`: what the node passes back to each of its predecessors
    /// per shortest path through it (Brandes' dependency, divided once per node rather than
    /// once per predecessor).
    per_path: f64,
}

/// Reused per-source state, so that a search allocates nothing.
///
/// Each node's shortest-path successors are kept as one flat list: the entries found while
/// the `k`-th node in `order` was expanded are `successors[runs[k]..runs[k + 1]]`. Walking
/// `order` backwards finishes every node before the nodes that lead to it (Brandes'
/// accumulation order), reading the list in long runs rather than per-node vectors.
struct Workspace {
    dist: Vec<u32>,
    counts: Vec<Counts>,
    /// Nodes in the order they were reached (hops) or settled (strength); `reached` long.
    order: Vec<u32>,
    reached: usize,
    /// Where each ordered node's successor entries start.
    runs: Vec<u32>,
    /// Successor entries `(w, dist[v] + length)`: a path to `w` through the node whose run
    /// holds it, shortest when its length is still `w`'s distance.
    successors: Vec<(u32, u32)>,
    buckets: Vec<Vec<u32>>,
}

impl Workspace {
    fn new(n: usize, arcs: usize) -> Self {
        Self {
            dist: vec![UNREACHED; n],
            counts: vec![Counts::default(); n],
            order: vec![0; n + 1],
            reached: 0,
            runs: vec![0; n + 1],
            successors: vec![(0, 0); arcs],
            buckets: vec![Vec::new(); BUCKETS],
        }
    }

    /// Brandes' accumulation, latest node first, skipping entries whose path is no longer
    /// a shortest one; adds each reached node's dependency, `copies` times, to
    /// `betweenness`, clears the state for the next search, and returns the sum of the
    /// reached nodes' distances.
    fn accumulate(&mut self, copies: f64, betweenness: &mut [f64]) -> u64 {
        let reached = self.reached;
        for &w in &self.order[..reached] {
            let node = &mut self.counts[w as usize];
            node.per_path = 1.0 / node.sigma;
        }
        for k in (0..reached).rev() {
            let v = self.order[k] as usize;
            let run = self.runs[k] as usize..self.runs[k + 1] as usize;
            let mut pulled = 0.0;
            for &(w, through) in &self.successors[run] {
                let w = w as usize;
                pulled += if through == self.dist[w] {
                    self.counts[w].per_path
                } else {
                    0.0
                };
            }
            // The dependency of the source on v is sigma(v) times what its successors pass
            // back; the source itself is not between anything.
            let node = &mut self.counts[v];
            node.per_path += pulled;
            if k > 0 {
                betweenness[v] += copies * node.sigma * pulled;
            }
        }
        let mut total = 0u64;
        for &w in &self.order[..reached] {
            let w = w as usize;
            total += u64::from(self.dist[w]);
            self.dist[w] = UNREACHED;
            self.counts[w] = Counts::default();
        }
        self.reached = 0;
        total
    }
}

/// Betweenness, closeness and path lengths of every node of `g`.
pub(crate) fn path_metrics(tie_graph: &TieGraph) -> PathMetrics {
    let g = &Network::ordered(tie_graph);
    let n = g.node_count();
    let chunks = if n < PARALLEL_FROM { 1 } else { CHUNKS };
    let chunk_size = n.div_ceil(chunks.max(1)).max(1);
    let ranges: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(chunk_size)
        .map(|start| start..(start + chunk_size).min(n))
        .collect();
    let threads = if chunks == 1 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(ranges.len())
    };
    let results: Vec<Mutex<Option<PathMetrics>>> =
        ranges.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let leaves = leaves(g);
    let mut is_leaf = vec![false; n];
    for &(l, _) in leaves.iter().flatten() {
        is_leaf[l] = true;
    }
    let work = || {
        let mut ws = Workspace::new(n, g.arc_count());
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(range) = ranges.get(k) else { break };
            let part = sources(g, &leaves, &is_leaf, range.clone(), &mut ws);
            if let Ok(mut slot) = results[k].lock() {
                *slot = Some(part);
            }
        }
    };
    if threads <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    }
    let mut out = PathMetrics::zeroed(n);
    for slot in results {
        // A chunk always has a result: the work above runs every chunk to the end.
        if let Ok(Some(part)) = slot.into_inner() {
            out.add(&part);
        }
    }
    // networkx's normalisation for an undirected graph: each pair was counted from both
    // ends, and there are (n-1)(n-2)/2 pairs besides the node itself.
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for b in out
            .betweenness
            .iter_mut()
            .chain(out.weighted_betweenness.iter_mut())
        {
            *b *= scale;
        }
    }
    PathMetrics {
        betweenness: g.restore(&out.betweenness),
        weighted_betweenness: g.restore(&out.weighted_betweenness),
        closeness: g.restore(&out.closeness),
        weighted_closeness: g.restore(&out.weighted_closeness),
        ..out
    }
}

/// The leaves of each node: the neighbours whose only tie is to it, with that tie's
/// length. A node whose only tie is to another such node (a pair alone) is no one's leaf.
fn leaves(g: &Network) -> Vec<Vec<(usize, u32)>> {
    let n = g.node_count();
    let mut leaves = vec![Vec::new(); n];
    for l in 0..n {
        let (neighbours, lengths) = g.arcs(l);
        if let ([u], [length]) = (neighbours, lengths)
            && g.degree(*u as usize) > 1
        {
            leaves[*u as usize].push((l, *length));
        }
    }
    leaves
}

/// The searches from the sources in `range` (a leaf's done by its neighbour's): their
/// dependencies summed, their closeness.
fn sources(
    g: &Network,
    leaves: &[Vec<(usize, u32)>],
    is_leaf: &[bool],
    range: std::ops::Range<usize>,
    ws: &mut Workspace,
) -> PathMetrics {
    let n = g.node_count();
    let mut out = PathMetrics::zeroed(n);
    for s in range.filter(|&s| !is_leaf[s]) {
        let own = &leaves[s];
        let copies = 1.0 + own.len() as f64;
        let (reached, total) = hop_search(g, s, ws, copies, &mut out.betweenness);
        out.closeness[s] = closeness(reached, total as f64, n);
        out.hop_total += total;
        out.connected_pairs += reached as u64 - 1;
        // Each leaf: one step further from everything but s; every path from it to the
        // reached - 2 others passes through s. (A stakeholder with no tie reaches only
        // itself and has no leaves: saturate rather than underflow.)
        let beyond = (reached as u64).saturating_sub(2);
        for &(l, _) in own {
            let total = total + beyond;
            out.closeness[l] = closeness(reached, total as f64, n);
            out.hop_total += total;
            out.connected_pairs += reached as u64 - 1;
            out.betweenness[s] += beyond as f64;
        }
        let units = f64::from(LENGTH_UNITS);
        let (reached, total) = strength_search(g, s, ws, copies, &mut out.weighted_betweenness);
        out.weighted_closeness[s] = closeness(reached, total as f64 / units, n);
        let beyond = (reached as u64).saturating_sub(2);
        for &(l, length) in own {
            let total = total + beyond * u64::from(length);
            out.weighted_closeness[l] = closeness(reached, total as f64 / units, n);
            out.weighted_betweenness[s] += beyond as f64;
        }
    }
    out
}

/// networkx's closeness: (r - 1) / total distance, scaled by (r - 1) / (n - 1) where r
/// counts the nodes reached including the source (Wasserman and Faust's improvement for
/// graphs in several components); 0 when nothing is reached.
fn closeness(reached: usize, total: f64, n: usize) -> f64 {
    if total > 0.0 && n > 1 {
        let others = (reached - 1) as f64;
        others / total * (others / (n - 1) as f64)
    } else {
        0.0
    }
}

/// A breadth-first Brandes search from `s`, adding its dependencies `copies` times to
/// `betweenness`.
/// Returns the nodes reached (including `s`) and the sum of their hop distances.
fn hop_search(
    g: &Network,
    s: usize,
    ws: &mut Workspace,
    copies: f64,
    betweenness: &mut [f64],
) -> (usize, u64) {
    ws.dist[s] = 0;
    ws.counts[s].sigma = 1.0;
    ws.order[0] = s as u32;
    let mut reached = 1;
    let mut entries = 0;
    let mut head = 0;
    while head < reached {
        let v = ws.order[head];
        ws.runs[head] = entries as u32;
        head += 1;
        let next = ws.dist[v as usize] + 1;
        let sigma = ws.counts[v as usize].sigma;
        for &w in g.neighbours(v as usize) {
            let wi = w as usize;
            if ws.dist[wi] == UNREACHED {
                ws.dist[wi] = next;
                ws.order[reached] = w;
                reached += 1;
            }
            if ws.dist[wi] == next {
                ws.counts[wi].sigma += sigma;
                ws.successors[entries] = (w, next);
                entries += 1;
            }
        }
    }
    ws.runs[reached] = entries as u32;
    ws.reached = reached;
    let total = ws.accumulate(copies, betweenness);
    (reached, total)
}

/// A Brandes search from `s` with tie lengths `60 / strength` (Dial's bucket queue),
/// adding its dependencies `copies` times to `betweenness`. Returns the nodes reached
/// (including `s`) and the sum of their distances in units of 1/60.
fn strength_search(
    g: &Network,
    s: usize,
    ws: &mut Workspace,
    copies: f64,
    betweenness: &mut [f64],
) -> (usize, u64) {
    ws.dist[s] = 0;
    ws.counts[s].sigma = 1.0;
    ws.buckets[0].push(s as u32);
    let mut pending = 1usize;
    let mut current = 0u32;
    let mut reached = 0;
    let mut entries = 0;
    let mut bucket = Vec::new();
    while pending > 0 {
        let slot = current as usize & (BUCKETS - 1);
        // Tie lengths are 12 to 60 units, less than the buckets, so nothing settled now
        // lands in this bucket.
        std::mem::swap(&mut bucket, &mut ws.buckets[slot]);
        for &v in &bucket {
            pending -= 1;
            // A stale entry: v was moved closer after it was queued here.
            if ws.dist[v as usize] != current {
                continue;
            }
            let sigma = ws.counts[v as usize].sigma;
            ws.order[reached] = v;
            ws.runs[reached] = entries as u32;
            reached += 1;
            let (neighbours, lengths) = g.arcs(v as usize);
            for (&w, &length) in neighbours.iter().zip(lengths) {
                let through = current + length;
                let wi = w as usize;
                let dw = ws.dist[wi];
                if through < dw {
                    // A shorter path: the paths counted so far to w no longer are shortest
                    // (their entries are skipped when accumulating).
                    ws.dist[wi] = through;
                    ws.counts[wi].sigma = sigma;
                    ws.buckets[through as usize & (BUCKETS - 1)].push(w);
                    pending += 1;
                    ws.successors[entries] = (w, through);
                    entries += 1;
                } else if through == dw {
                    ws.counts[wi].sigma += sigma;
                    ws.successors[entries] = (w, through);
                    entries += 1;
                }
            }
        }
        bucket.clear();
        current += 1;
    }
    ws.runs[reached] = entries as u32;
    ws.reached = reached;
    let total = ws.accumulate(copies, betweenness);
    (reached, total)
}
