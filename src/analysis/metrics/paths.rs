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
//! How a search is laid out, for speed (the paths and the sums are Brandes'):
//!
//! - **Counted when settled.** A node's path count (sigma) is summed from its neighbours
//!   one tie closer to the source when the node is settled: lengths are positive, so all
//!   of those are settled already and their counts final. The neighbours found so are
//!   its predecessors, kept as one flat list in settle order, and the accumulation walks
//!   the settled nodes backwards, each passing `(1 + dependency) / sigma` to its
//!   predecessors. Only ties on shortest paths are stored (on a Barabasi-Albert map about
//!   one predecessor a node by strength, 1.5 by hops, of 4 ties), and none goes stale
//!   when a shorter path turns up. (Before, every tie that was or had been on a shortest
//!   path was stored while searching and checked again when accumulating.)
//! - **Few branches in the loops over ties.** Whether a neighbour is a predecessor, newly
//!   reached, or reached more closely is a coin toss the processor cannot predict, and a
//!   mispredicted branch costs more than the rest of the step. So those tests choose by
//!   conditional moves (`std::hint::select_unpredictable`): a neighbour that is not a
//!   predecessor adds the sigma of a slot that always holds 0; a discovery, a predecessor
//!   and a bucket entry are written every time and only counted when they hold. Dial's
//!   buckets therefore have room for every node (each is one row of a flat array; only
//!   the rows used are touched), and the node arrays are sized to a power of two so that
//!   an index masked to the size (which changes no index) needs no bounds check.
//!
//! On the benchmarks' 5,000-stakeholder map with every relationship a tie these took the
//! searches from every stakeholder from 2.2 s to 1.5 s of CPU time on one thread (least
//! of 60 interleaved runs of 250 sources each, scaled up). Tried and dropped, as no
//! faster: one array of (distance, sigma) pairs instead of two arrays (every tie tests a
//! distance, fewer read a sigma, and the distances alone stay in the fastest cache); the
//! predecessors found again by testing every tie when accumulating; one FIFO queue per
//! tie length instead of Dial's buckets (the least of the queue heads is dearer than the
//! next bucket); the pull of sigma and the relaxation as two loops over a node's ties
//! (7% slower than one); ties packed with their length into one integer.
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
use std::hint::select_unpredictable;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The distance of a node not reached yet: above any distance (at most 60 units a tie),
/// with room to add a tie's length without overflowing.
const UNREACHED: u32 = u32::MAX / 2;
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
    /// Tie lengths, 12 to 60 units ([`TieGraph::length`]): a byte each keeps more of them
    /// in the cache.
    lengths: Vec<u8>,
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
                // At most LENGTH_UNITS, 60.
                lengths.push(length.min(LENGTH_UNITS) as u8);
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

    fn arcs(&self, i: usize) -> (&[u32], &[u8]) {
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

/// Reused per-source state, so that a search allocates nothing.
///
/// `dist`, `sigma` and `order` are a power of two long, with room for at least one node
/// more than the network has: the searches mask their indexes to that length (which
/// changes none of them), so the compiler drops the bounds checks, and the last node is
/// one no search reaches, whose sigma stays 0 (see [`not_before`]).
struct Workspace {
    /// Distance from the source, [`UNREACHED`] when not reached yet.
    dist: Vec<u32>,
    /// Shortest paths from the source.
    sigma: Vec<f64>,
    /// What a node's successors pass back: the sum of their `(1 + dependency) / sigma`.
    pulled: Vec<f64>,
    /// Nodes in the order they were settled.
    order: Vec<u32>,
    /// The predecessors of the `k`-th settled node are `preds[runs[k]..runs[k + 1]]`.
    runs: Vec<u32>,
    /// Room for a predecessor along every arc, and a power of two long (masked as above).
    preds: Vec<u32>,
    /// Dial's buckets: entry `k` of bucket `b` at `k * BUCKETS + b`, each with room for
    /// every node; a power of two long (masked as above).
    buckets: Vec<u32>,
}

impl Workspace {
    fn new(g: &Network) -> Self {
        let n = g.node_count();
        let size = (n + 1).next_power_of_two();
        Self {
            dist: vec![UNREACHED; size],
            sigma: vec![0.0; size],
            pulled: vec![0.0; n],
            order: vec![0; size],
            runs: vec![0; n + 1],
            preds: vec![0; (g.arc_count() + 1).next_power_of_two()],
            buckets: vec![0; BUCKETS * size],
        }
    }

    /// Brandes' accumulation over the `reached` nodes, latest settled first: each adds
    /// its dependency, `copies` times, to `betweenness` and passes `(1 + dependency) /
    /// sigma` to its predecessors. Clears the state for the next search and returns the
    /// sum of the reached nodes' distances.
    fn accumulate(&mut self, reached: usize, copies: f64, betweenness: &mut [f64]) -> u64 {
        let Self {
            dist,
            sigma,
            pulled,
            order,
            runs,
            preds,
            ..
        } = self;
        let mut total = 0u64;
        for k in (0..reached).rev() {
            let v = order[k] as usize;
            let (d, paths, from_successors) = (dist[v], sigma[v], pulled[v]);
            // The dependency of the source on v is sigma(v) times what its successors pass
            // back; the source itself is not between anything.
            if k > 0 {
                betweenness[v] += copies * paths * from_successors;
            }
            let per_path = 1.0 / paths + from_successors;
            for &u in &preds[runs[k] as usize..runs[k + 1] as usize] {
                pulled[u as usize] += per_path;
            }
            total += u64::from(d);
            dist[v] = UNREACHED;
            sigma[v] = 0.0;
            pulled[v] = 0.0;
        }
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
        let mut ws = Workspace::new(g);
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
        if let ([u], [length]) = g.arcs(l)
            && g.degree(*u as usize) > 1
        {
            leaves[*u as usize].push((l, u32::from(*length)));
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

/// `w` if it is a predecessor, else the node whose sigma is always 0 (the last slot), by
/// a conditional move: see the module's notes.
#[inline(always)]
fn not_before(before: bool, w: usize, zero: usize) -> usize {
    select_unpredictable(before, w, zero)
}

/// A breadth-first Brandes search from `s`, adding its dependencies `copies` times to
/// `betweenness`. Returns the nodes reached (including `s`) and the sum of their hop
/// distances.
///
/// Not inlined, nor is the strength search: inlined into [`sources`] both run 4% slower
/// (more of their variables no longer fit in registers).
#[inline(never)]
fn hop_search(
    g: &Network,
    s: usize,
    ws: &mut Workspace,
    copies: f64,
    betweenness: &mut [f64],
) -> (usize, u64) {
    let Workspace {
        dist,
        sigma: sigmas,
        order,
        runs,
        preds,
        ..
    } = &mut *ws;
    // Every index below is masked (see Workspace).
    let mask = sigmas.len() - 1;
    let zero = mask;
    let (dist, sigmas, order) = (
        &mut dist[..=mask],
        &mut sigmas[..=mask],
        &mut order[..=mask],
    );
    let preds_mask = preds.len() - 1;
    let preds = &mut preds[..=preds_mask];
    dist[s] = 0;
    sigmas[s] = 1.0;
    order[0] = s as u32;
    let mut reached = 1;
    let mut head = 0;
    let mut entries = 0;
    while head < reached {
        let v = order[head] as usize & mask;
        runs[head] = entries as u32;
        head += 1;
        let d = dist[v];
        let mut sigma = 0.0;
        for &w in g.neighbours(v) {
            let w = w as usize & mask;
            let dw = dist[w];
            // A predecessor: its sigma adds to v's, and it is kept for the accumulation.
            let before = dw + 1 == d;
            sigma += sigmas[not_before(before, w, zero) & mask];
            preds[entries & preds_mask] = w as u32;
            entries += usize::from(before);
            // Newly reached: one hop further than v, queued.
            let unreached = dw == UNREACHED;
            dist[w] = select_unpredictable(unreached, d + 1, dw);
            order[reached & mask] = w as u32;
            reached += usize::from(unreached);
        }
        if d > 0 {
            sigmas[v] = sigma;
        }
    }
    runs[reached] = entries as u32;
    let total = ws.accumulate(reached, copies, betweenness);
    (reached, total)
}

/// A Brandes search from `s` with tie lengths `60 / strength` (Dial's bucket queue),
/// adding its dependencies `copies` times to `betweenness`. Returns the nodes reached
/// (including `s`) and the sum of their distances in units of 1/60.
#[inline(never)]
fn strength_search(
    g: &Network,
    s: usize,
    ws: &mut Workspace,
    copies: f64,
    betweenness: &mut [f64],
) -> (usize, u64) {
    let Workspace {
        dist,
        sigma: sigmas,
        order,
        runs,
        preds,
        buckets,
        ..
    } = &mut *ws;
    // Every index below is masked (see Workspace).
    let mask = sigmas.len() - 1;
    let zero = mask;
    let (dist, sigmas, order) = (
        &mut dist[..=mask],
        &mut sigmas[..=mask],
        &mut order[..=mask],
    );
    let preds_mask = preds.len() - 1;
    let preds = &mut preds[..=preds_mask];
    let buckets_mask = buckets.len() - 1;
    let buckets = &mut buckets[..=buckets_mask];
    // Entries in each bucket; a node is in a bucket once for each time its distance fell.
    let mut fill = [0u32; BUCKETS];
    dist[s] = 0;
    sigmas[s] = 1.0;
    buckets[0] = s as u32;
    fill[0] = 1;
    let mut reached = 0;
    let mut entries = 0;
    let mut d = 0u32;
    // A tie is at most 60 units long, less than the buckets: once as many buckets in a row
    // are empty, nothing is left to settle.
    let mut empty = 0;
    while empty < BUCKETS {
        let slot = d as usize & (BUCKETS - 1);
        let mut k = 0;
        // A tie is at least 12 units long, so nothing settled now lands in this bucket.
        while k < fill[slot] as usize {
            let v = buckets[(k * BUCKETS + slot) & buckets_mask] as usize & mask;
            k += 1;
            // A stale entry: v was reached more closely after it was put here.
            if dist[v] != d {
                continue;
            }
            order[reached & mask] = v as u32;
            runs[reached] = entries as u32;
            reached += 1;
            let mut sigma = 0.0;
            let (neighbours, lengths) = g.arcs(v);
            for (&w, &length) in neighbours.iter().zip(lengths) {
                let w = w as usize & mask;
                let length = u32::from(length);
                let dw = dist[w];
                // A predecessor: its sigma adds to v's, and it is kept for the accumulation.
                let before = dw + length == d;
                sigma += sigmas[not_before(before, w, zero) & mask];
                preds[entries & preds_mask] = w as u32;
                entries += usize::from(before);
                // Reached more closely than before: into the bucket of the new distance.
                let through = d + length;
                let closer = through < dw;
                dist[w] = select_unpredictable(closer, through, dw);
                let to = through as usize & (BUCKETS - 1);
                buckets[(fill[to] as usize * BUCKETS + to) & buckets_mask] = w as u32;
                fill[to] += u32::from(closer);
            }
            if d > 0 {
                sigmas[v] = sigma;
            }
        }
        empty = if fill[slot] == 0 { empty + 1 } else { 0 };
        fill[slot] = 0;
        d += 1;
    }
    runs[reached] = entries as u32;
    let total = ws.accumulate(reached, copies, betweenness);
    (reached, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{map, relationship};
    use crate::layout::barabasi_albert;
    use crate::model::Map;
    use crate::model::RelationshipKind::Partnership;
    use crate::model::StakeholderKind::Partner;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// A Barabasi-Albert map whose `j`-th relationship has strength `strengths[j % len]`
    /// (0 leaves it out of the tie graph: leaves and separate parts), and `alone` more
    /// stakeholders with no relationship.
    fn ba_map(n: usize, m: usize, seed: u64, strengths: &[u8], alone: usize) -> Map {
        let graph = barabasi_albert(n, m, seed);
        let names: Vec<String> = (0..n + alone).map(|i| format!("S{i}")).collect();
        let stakeholders: Vec<(u64, _, &str)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| (i as u64 + 1, Partner, name.as_str()))
            .collect();
        let relationships = graph
            .edges
            .iter()
            .enumerate()
            .map(|(j, e)| {
                let strength = strengths[j % strengths.len()];
                let (from, to) = (u64::from(e.source) + 1, u64::from(e.target) + 1);
                relationship(
                    j as u64 + 1,
                    from,
                    to,
                    Partnership,
                    &[("2025-01-01", strength)],
                )
            })
            .collect();
        map(&stakeholders, relationships)
    }

    /// Betweenness (normalised) and closeness as networkx computes them: a search with
    /// predecessor lists and a binary heap from every node, lengths in units of 1/60 or
    /// hops.
    fn textbook(g: &TieGraph, weighted: bool) -> (Vec<f64>, Vec<f64>) {
        let n = g.node_count();
        let mut betweenness = vec![0.0; n];
        let mut closeness = vec![0.0; n];
        for s in 0..n {
            let mut dist = vec![u64::MAX; n];
            let mut sigma = vec![0.0; n];
            let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut settled = Vec::new();
            let mut done = vec![false; n];
            let mut heap = BinaryHeap::from([Reverse((0u64, s))]);
            dist[s] = 0;
            sigma[s] = 1.0;
            while let Some(Reverse((d, v))) = heap.pop() {
                if done[v] || d > dist[v] {
                    continue;
                }
                done[v] = true;
                settled.push(v);
                let (neighbours, lengths) = g.arcs(v);
                for (&w, &length) in neighbours.iter().zip(lengths) {
                    let w = w as usize;
                    let through = d + if weighted { u64::from(length) } else { 1 };
                    if through < dist[w] {
                        dist[w] = through;
                        sigma[w] = sigma[v];
                        preds[w] = vec![v];
                        heap.push(Reverse((through, w)));
                    } else if through == dist[w] {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0; n];
            for &w in settled.iter().rev() {
                for &v in &preds[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    betweenness[w] += delta[w];
                }
            }
            let units = if weighted {
                f64::from(LENGTH_UNITS)
            } else {
                1.0
            };
            let total: u64 = settled.iter().map(|&t| dist[t]).sum();
            closeness[s] = super::closeness(settled.len(), total as f64 / units, n);
        }
        if n > 2 {
            let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
            for b in &mut betweenness {
                *b *= scale;
            }
        }
        (betweenness, closeness)
    }

    fn assert_close(what: &str, got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (i, (a, b)) in got.iter().zip(want).enumerate() {
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1e-3),
                "{what} of node {i}: {a}, textbook {b}"
            );
        }
    }

    #[test]
    fn every_value_is_the_textbook_one_on_maps_big_enough_for_threads() {
        let maps = [
            // Every level: few equal path lengths by strength.
            ba_map(400, 2, 7, &[1, 2, 3, 4, 5], 0),
            // One level: many equal paths, both ways.
            ba_map(350, 3, 8, &[5], 0),
            // Strength 0 leaves relationships out: leaves, pairs and separate parts.
            ba_map(500, 1, 9, &[2, 0, 4, 1, 0, 5, 3], 3),
        ];
        for m in &maps {
            let g = TieGraph::of(m);
            assert!(g.node_count() >= PARALLEL_FROM);
            let got = path_metrics(&g);
            let (betweenness, closeness) = textbook(&g, false);
            assert_close("betweenness", &got.betweenness, &betweenness);
            assert_close("closeness", &got.closeness, &closeness);
            let (betweenness, closeness) = textbook(&g, true);
            assert_close(
                "weighted betweenness",
                &got.weighted_betweenness,
                &betweenness,
            );
            assert_close("weighted closeness", &got.weighted_closeness, &closeness);
        }
    }
}
