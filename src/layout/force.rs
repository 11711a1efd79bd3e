//! The force-directed layout of the stakeholder network: springs along relationships,
//! Barnes-Hut repulsion between all stakeholders, a weak pull to the centre, and a cooling
//! schedule so that it comes to rest. Stepped one frame at a time, or run to the end.

use super::initial::pivot_mds;
use super::quadtree::QuadTree;
use super::{Adjacency, LayoutGraph, Point, SplitMix64};

/// Positions are kept within this many canvas units of the origin, so that no force
/// computed from them can overflow an `f32`.
const MAX_COORD: f32 = 1.0e7;
/// Pairs closer than this fraction of the ideal length repel as if they were this far
/// apart: the repulsion stays finite for coincident nodes.
const MIN_DISTANCE_FRACTION: f32 = 0.01;
/// Temperature after [`ForceLayout::reheat`], as a fraction of the ideal length: enough to
/// make room around a moved node without scrambling the rest of a settled map.
const REHEAT_FRACTION: f32 = 0.5;
/// Below this many nodes a step is cheaper than starting threads for it.
const PARALLEL_MIN_NODES: usize = 2_000;
/// Each thread gets at least this many nodes.
const LEAF_SHARE: usize = 1_000;
/// Nodes whose positions vary less than this fraction of the ideal length across one axis
/// count as lying on a line (or a point): they get jitter, or they would stay on it.
const DEGENERATE_FRACTION: f32 = 0.05;

/// Tuning of the force layout. The defaults suit a canvas where a node is about 30 units
/// across.
#[derive(Clone, Debug, PartialEq)]
pub struct ForceParams {
    /// Barnes-Hut accuracy: a cell of side `s` at distance `d` pushes as one mass when
    /// `s / d < theta`. Lower is more exact and slower; 0 is the exact O(n^2) sum.
    pub theta: f32,
    /// The natural length of a strength-3 relationship, in canvas units.
    pub ideal_length: f32,
    /// Pull towards the centroid, per unit of distance, relative to the repulsion; keeps
    /// disconnected parts of the map from drifting apart.
    pub gravity: f32,
    /// Seed of the starting positions and jitter: the same seed gives the same layout.
    pub seed: u64,
    /// Hard cap on steps between (re)heats; the layout counts as settled when it is hit.
    pub max_steps: u32,
    /// The layout is settled once no node moves more than this (canvas units) in a step.
    pub settle_threshold: f32,
    /// Factor the temperature (the longest move allowed in a step) shrinks by every step.
    pub cooling: f32,
    /// Threads that share the repulsion of one step. 1, the default, stays on the caller's
    /// thread; more pays only on an idle multi-core machine and above about 2,000 nodes
    /// (starting threads every step costs more than it saves below that, or when the
    /// cores are busy).
    pub threads: usize,
}

impl Default for ForceParams {
    fn default() -> Self {
        Self {
            theta: 0.9,
            ideal_length: 80.0,
            gravity: 0.1,
            seed: 0x5EED,
            max_steps: 1_000,
            settle_threshold: 0.5,
            cooling: 0.97,
            threads: 1,
        }
    }
}

/// What one step did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepOutcome {
    /// The longest move any node made in this step, in canvas units.
    pub max_move: f32,
    /// True once the layout has come to rest; further steps do nothing until a reheat.
    pub settled: bool,
}

/// One spring: a relationship, merged with any parallel ones.
#[derive(Clone, Copy, Debug)]
struct Spring {
    a: u32,
    b: u32,
    /// Pull multiplier from the relationship strength.
    weight: f32,
}

/// A running force-directed layout: positions plus the state of its cooling schedule.
#[derive(Debug)]
pub struct ForceLayout {
    params: ForceParams,
    positions: Vec<Point>,
    pinned: Vec<bool>,
    springs: Vec<Spring>,
    /// The longest move allowed in the next step.
    temperature: f32,
    /// Steps since the start or the last reheat.
    steps: u32,
    settled: bool,
    tree: QuadTree,
    /// Repulsion per node, in tree order.
    repulsion: Vec<[f32; 2]>,
    forces: Vec<[f32; 2]>,
}

impl ForceLayout {
    /// Starts a layout of `graph`.
    ///
    /// `initial` positions are kept where finite; with `None` the start is computed from
    /// the graph's hop distances (pivot MDS), and nodes with non-finite positions start
    /// next to their placed neighbours. Starts where all nodes are on a line or one point
    /// get seeded jitter so that they can separate. `pinned[i]` nodes never move (missing
    /// entries count as not pinned).
    pub fn new(
        graph: &LayoutGraph,
        initial: Option<Vec<Point>>,
        pinned: Vec<bool>,
        params: ForceParams,
    ) -> Self {
        let n = graph.node_count;
        let params = sanitise(params);
        let ideal = params.ideal_length;
        let mut pinned = pinned;
        pinned.resize(n, false);
        let springs = springs(graph);
        let adjacency = Adjacency::new(graph);
        let mut rng = SplitMix64::new(params.seed);
        // A layout about sqrt(n) edges across: where a random start scatters nodes.
        let spread = ideal * (n.max(1) as f32).sqrt();

        let given = initial.filter(|p| p.iter().any(|q| is_finite(*q)));
        let (mut positions, temperature) = match given {
            Some(mut positions) => {
                positions.resize(n, [f32::NAN, f32::NAN]);
                place_missing(&mut positions, &adjacency, &mut rng, ideal);
                let degenerate = jitter_if_degenerate(&mut positions, &pinned, &mut rng, ideal);
                // A real start deserves small moves; a degenerate one must spread out.
                (positions, if degenerate { spread * 0.5 } else { ideal })
            }
            None => match pivot_mds(&adjacency, params.seed, ideal) {
                Some(mut positions) => {
                    // Nodes with identical hop distances land on one point; nudge them apart.
                    for p in &mut positions {
                        p[0] += (rng.next_f32() - 0.5) * 0.1 * ideal;
                        p[1] += (rng.next_f32() - 0.5) * 0.1 * ideal;
                    }
                    (positions, 2.0 * ideal)
                }
                None => (
                    (0..n).map(|_| random_in_disc(&mut rng, spread * 0.5)).collect(),
                    spread * 0.5,
                ),
            },
        };
        clamp_all(&mut positions);
        Self {
            params,
            positions,
            pinned,
            springs,
            temperature,
            steps: 0,
            settled: n == 0,
            tree: QuadTree::default(),
            repulsion: Vec::new(),
            forces: Vec::new(),
        }
    }

    /// Current positions, one per node.
    pub fn positions(&self) -> &[Point] {
        &self.positions
    }

    /// Moves node `i` (a drag, say); non-finite positions and unknown nodes are ignored.
    /// Does not wake the layout: call [`Self::reheat`] when the rest should make room.
    pub fn set_position(&mut self, i: usize, position: Point) {
        if let Some(p) = self.positions.get_mut(i)
            && is_finite(position)
        {
            *p = clamp(position);
        }
    }

    /// Pins node `i` in place (it still pushes and pulls the others) or frees it.
    pub fn set_pinned(&mut self, i: usize, pinned: bool) {
        if let Some(p) = self.pinned.get_mut(i) {
            *p = pinned;
        }
    }

    /// Wakes the layout after a change: warms the temperature and restarts the step count.
    pub fn reheat(&mut self) {
        self.temperature = self
            .temperature
            .max(REHEAT_FRACTION * self.params.ideal_length);
        self.steps = 0;
        self.settled = self.positions.is_empty();
    }

    /// True once the layout has come to rest (or hit `max_steps`).
    pub fn is_settled(&self) -> bool {
        self.settled
    }

    /// Steps until settled; returns how many steps that took.
    pub fn run_until_settled(&mut self) -> u32 {
        let mut taken = 0;
        while !self.settled {
            self.step();
            taken += 1;
        }
        taken
    }

    /// Moves every free node once along its net force, capped by the temperature, then
    /// cools. Does nothing once settled.
    pub fn step(&mut self) -> StepOutcome {
        if self.settled {
            return StepOutcome {
                max_move: 0.0,
                settled: true,
            };
        }
        let n = self.positions.len();
        let ideal = self.params.ideal_length;
        let k2 = ideal * ideal;

        self.tree.rebuild(&self.positions);
        self.repulsion.clear();
        self.repulsion.resize(n, [0.0, 0.0]);
        let theta2 = self.params.theta * self.params.theta;
        let min_d2 = (MIN_DISTANCE_FRACTION * ideal).powi(2);
        let threads = if n >= PARALLEL_MIN_NODES {
            self.params.threads.min(n / LEAF_SHARE).max(1)
        } else {
            1
        };
        let context = RepulsionContext {
            tree: &self.tree,
            pinned: &self.pinned,
            theta2,
            min_d2,
        };
        if threads > 1 {
            // Split the leaves into runs of about equal point counts, one per thread.
            let leaves = &self.tree.leaves;
            let cells = &self.tree.cells;
            let per_thread = n.div_ceil(threads);
            std::thread::scope(|scope| {
                let mut rest: &mut [[f32; 2]] = &mut self.repulsion;
                let mut leaf_start = 0;
                let mut point_start = 0;
                while leaf_start < leaves.len() {
                    let mut leaf_end = leaf_start;
                    while leaf_end < leaves.len()
                        && (cells[leaves[leaf_end] as usize].start as usize) < point_start + per_thread
                    {
                        leaf_end += 1;
                    }
                    let point_end = cells[leaves[leaf_end - 1] as usize].end as usize;
                    let (out, tail) = std::mem::take(&mut rest).split_at_mut(point_end - point_start);
                    rest = tail;
                    let run = &leaves[leaf_start..leaf_end];
                    let context = &context;
                    let first = point_start;
                    scope.spawn(move || context.repel(run, first, out));
                    leaf_start = leaf_end;
                    point_start = point_end;
                }
            });
        } else {
            context.repel(&self.tree.leaves, 0, &mut self.repulsion);
        }

        self.forces.clear();
        self.forces.resize(n, [0.0, 0.0]);
        for (s, &i) in self.tree.order.iter().enumerate() {
            let r = self.repulsion[s];
            self.forces[i as usize] = [r[0] * k2, r[1] * k2];
        }
        // Fruchterman-Reingold springs: pull d^2 / K, times the relationship's weight.
        for spring in &self.springs {
            let (a, b) = (spring.a as usize, spring.b as usize);
            let (pa, pb) = (self.positions[a], self.positions[b]);
            let (dx, dy) = (pb[0] - pa[0], pb[1] - pa[1]);
            let pull = spring.weight * (dx * dx + dy * dy).sqrt() / ideal;
            self.forces[a][0] += dx * pull;
            self.forces[a][1] += dy * pull;
            self.forces[b][0] -= dx * pull;
            self.forces[b][1] -= dy * pull;
        }
        // Gravity to the centroid, growing with distance, so that a loose component
        // settles at a bounded distance however hard the main one pushes.
        let centroid = centroid(&self.positions);
        let gravity = self.params.gravity;

        let mut max_move = 0.0f32;
        let temperature = self.temperature;
        for i in 0..n {
            if self.pinned[i] {
                continue;
            }
            let p = self.positions[i];
            let f = self.forces[i];
            let fx = f[0] + gravity * (centroid[0] - p[0]);
            let fy = f[1] + gravity * (centroid[1] - p[1]);
            let length = (fx * fx + fy * fy).sqrt();
            if !(length.is_finite() && length > 0.0) {
                continue;
            }
            let scale = length.min(temperature) / length;
            let moved = clamp([p[0] + fx * scale, p[1] + fy * scale]);
            let step = (moved[0] - p[0]).hypot(moved[1] - p[1]);
            if step.is_finite() {
                self.positions[i] = moved;
                max_move = max_move.max(step);
            }
        }

        self.temperature *= self.params.cooling;
        self.steps += 1;
        self.settled = max_move < self.params.settle_threshold
            || self.temperature < self.params.settle_threshold
            || self.steps >= self.params.max_steps;
        StepOutcome {
            max_move,
            settled: self.settled,
        }
    }
}

/// Everything the repulsion pass reads, shared by the threads that split it.
struct RepulsionContext<'a> {
    tree: &'a QuadTree,
    pinned: &'a [bool],
    theta2: f32,
    min_d2: f32,
}

impl RepulsionContext<'_> {
    /// Repulsion (divided by K^2) on the points of `leaves`, written to `out`, which
    /// starts at tree position `first`.
    ///
    /// The points of one leaf share one walk of the tree: a cell far enough from the whole
    /// leaf pushes all of them as one mass, and leaves too close are summed exactly. One
    /// walk per leaf instead of per node makes the walk cost a few times smaller.
    fn repel(&self, leaves: &[u32], first: usize, out: &mut [[f32; 2]]) {
        let tree = self.tree;
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        let mut far: Vec<[f32; 3]> = Vec::with_capacity(256);
        let mut near: Vec<u32> = Vec::with_capacity(64);
        for &leaf in leaves {
            let home = &tree.cells[leaf as usize];
            let (start, end) = (home.start as usize, home.end as usize);
            if (start..end).all(|s| self.pinned[tree.order[s] as usize]) {
                continue;
            }
            far.clear();
            near.clear();
            stack.clear();
            stack.push(0);
            while let Some(c) = stack.pop() {
                let cell = &tree.cells[c as usize];
                let (dx, dy) = (home.centre[0] - cell.centre[0], home.centre[1] - cell.centre[1]);
                // Distance from the nearest point of the leaf: the test holds for all of them.
                let gap = (dx * dx + dy * dy).sqrt() - home.reach;
                if gap > 0.0 && cell.size_sq < self.theta2 * gap * gap {
                    far.push([cell.centre[0], cell.centre[1], cell.mass]);
                } else if cell.child_count == 0 {
                    near.push(c);
                } else {
                    let first_child = cell.first_child;
                    stack.extend(first_child..first_child + cell.child_count);
                }
            }
            for s in start..end {
                let node = tree.order[s];
                if self.pinned[node as usize] {
                    continue;
                }
                let p = tree.sorted[s];
                let (mut fx, mut fy) = (0.0f32, 0.0f32);
                for m in &far {
                    let (dx, dy) = (p[0] - m[0], p[1] - m[1]);
                    let w = m[2] / (dx * dx + dy * dy).max(self.min_d2);
                    fx += dx * w;
                    fy += dy * w;
                }
                for &c in &near {
                    let cell = &tree.cells[c as usize];
                    for t in cell.start as usize..cell.end as usize {
                        if t == s {
                            continue;
                        }
                        let q = tree.sorted[t];
                        let (mut dx, mut dy) = (p[0] - q[0], p[1] - q[1]);
                        let mut d2 = dx * dx + dy * dy;
                        if d2 < self.min_d2 {
                            if d2 == 0.0 {
                                // Coincident: push apart along a direction fixed by the pair.
                                [dx, dy] = pair_direction(node, tree.order[t]);
                            }
                            d2 = self.min_d2;
                        }
                        fx += dx / d2;
                        fy += dy / d2;
                    }
                }
                out[s - first] = [fx, fy];
            }
        }
    }
}

/// A unit-ish direction fixed by an unordered pair, pointing opposite ways for its two
/// members, for separating coincident nodes deterministically.
fn pair_direction(a: u32, b: u32) -> [f32; 2] {
    let (lo, hi) = (a.min(b), a.max(b));
    let mut rng = SplitMix64::new((u64::from(lo) << 32) | u64::from(hi));
    let angle = rng.next_f32() * std::f32::consts::TAU;
    let sign = if a < b { 1.0 } else { -1.0 };
    [sign * angle.cos() * 1e-3, sign * angle.sin() * 1e-3]
}

/// Replaces parameters that would break the layout with the defaults.
fn sanitise(params: ForceParams) -> ForceParams {
    let defaults = ForceParams::default();
    let positive = |v: f32, fallback: f32| if v.is_finite() && v > 0.0 { v } else { fallback };
    ForceParams {
        theta: if params.theta.is_finite() && params.theta >= 0.0 {
            params.theta
        } else {
            defaults.theta
        },
        ideal_length: positive(params.ideal_length, defaults.ideal_length).clamp(1e-3, 1e5),
        gravity: if params.gravity.is_finite() && params.gravity >= 0.0 {
            params.gravity
        } else {
            defaults.gravity
        },
        seed: params.seed,
        max_steps: params.max_steps.max(1),
        settle_threshold: positive(params.settle_threshold, defaults.settle_threshold),
        cooling: if params.cooling.is_finite() && params.cooling > 0.0 && params.cooling < 1.0 {
            params.cooling
        } else {
            defaults.cooling
        },
        threads: params.threads.max(1),
    }
}

/// Springs from relationships: self-loops and out-of-range ends dropped, parallel edges
/// merged into one spring with the strongest strength (so doubling an edge does not
/// double its pull).
fn springs(graph: &LayoutGraph) -> Vec<Spring> {
    let n = graph.node_count;
    let mut springs: Vec<Spring> = graph
        .edges
        .iter()
        .filter(|e| e.source != e.target && (e.source as usize) < n && (e.target as usize) < n)
        .map(|e| Spring {
            a: e.source.min(e.target),
            b: e.source.max(e.target),
            weight: strength_weight(e.strength),
        })
        .collect();
    springs.sort_by(|x, y| (x.a, x.b).cmp(&(y.a, y.b)).then(y.weight.total_cmp(&x.weight)));
    springs.dedup_by_key(|s| (s.a, s.b));
    springs
}

/// Spring multiplier for a strength of 0 to 5: 0.25 (a weak but real pull) to 1.5, with
/// 3 at 1. Pair distance at rest goes as weight^(-1/3), so strength 5 sits about 1.8
/// times closer than strength 0.
fn strength_weight(strength: f32) -> f32 {
    let s = if strength.is_finite() {
        strength.clamp(0.0, 5.0)
    } else {
        0.0
    };
    (1.0 + s) / 4.0
}

fn is_finite(p: Point) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

fn clamp(p: Point) -> Point {
    [p[0].clamp(-MAX_COORD, MAX_COORD), p[1].clamp(-MAX_COORD, MAX_COORD)]
}

fn clamp_all(positions: &mut [Point]) {
    for p in positions {
        *p = clamp(*p);
    }
}

fn centroid(positions: &[Point]) -> Point {
    if positions.is_empty() {
        return [0.0, 0.0];
    }
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for p in positions {
        x += f64::from(p[0]);
        y += f64::from(p[1]);
    }
    let n = positions.len() as f64;
    [(x / n) as f32, (y / n) as f32]
}

fn random_in_disc(rng: &mut SplitMix64, radius: f32) -> Point {
    let r = radius * rng.next_f32().sqrt();
    let angle = rng.next_f32() * std::f32::consts::TAU;
    [r * angle.cos(), r * angle.sin()]
}

/// Gives every node without a finite position one next to its placed neighbours (in
/// index order, so that chains of missing nodes fill in from placed ones), or a random
/// one near the placed nodes' centroid when it has none.
fn place_missing(positions: &mut [Point], adjacency: &Adjacency, rng: &mut SplitMix64, ideal: f32) {
    let placed: Vec<Point> = positions.iter().copied().filter(|p| is_finite(*p)).collect();
    let centre = centroid(&placed);
    let spread = ideal * (positions.len().max(1) as f32).sqrt() * 0.5;
    for i in 0..positions.len() {
        if is_finite(positions[i]) {
            continue;
        }
        let (mut x, mut y, mut count) = (0.0f32, 0.0f32, 0u32);
        for &j in adjacency.neighbours(i) {
            let q = positions[j as usize];
            if is_finite(q) {
                x += q[0];
                y += q[1];
                count += 1;
            }
        }
        let offset = random_in_disc(rng, if count > 0 { 0.5 * ideal } else { spread });
        positions[i] = if count > 0 {
            [x / count as f32 + offset[0], y / count as f32 + offset[1]]
        } else {
            [centre[0] + offset[0], centre[1] + offset[1]]
        };
    }
}

/// Adds jitter to the free nodes when all nodes lie (nearly) on one line or point; returns
/// whether it did.
fn jitter_if_degenerate(
    positions: &mut [Point],
    pinned: &[bool],
    rng: &mut SplitMix64,
    ideal: f32,
) -> bool {
    if positions.len() < 2 {
        return false;
    }
    // The smaller eigenvalue of the covariance is the spread across the best-fit line.
    let c = centroid(positions);
    let (mut sxx, mut sxy, mut syy) = (0.0f64, 0.0f64, 0.0f64);
    for p in positions.iter() {
        let (dx, dy) = (f64::from(p[0] - c[0]), f64::from(p[1] - c[1]));
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let n = positions.len() as f64;
    let (sxx, sxy, syy) = (sxx / n, sxy / n, syy / n);
    let half_trace = 0.5 * (sxx + syy);
    let across = half_trace - (0.25 * (sxx - syy).powi(2) + sxy * sxy).sqrt();
    let limit = f64::from(DEGENERATE_FRACTION * ideal);
    if across.max(0.0).sqrt() >= limit {
        return false;
    }
    let amount = ideal * (positions.len() as f32).sqrt() * 0.25;
    for (p, &fixed) in positions.iter_mut().zip(pinned) {
        if !fixed {
            let offset = random_in_disc(rng, amount);
            p[0] += offset[0];
            p[1] += offset[1];
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::{LayoutEdge, barabasi_albert, normalised_stress};
    use super::*;

    fn all_finite(layout: &ForceLayout) -> bool {
        layout.positions().iter().all(|p| is_finite(*p))
    }

    fn edge(a: u32, b: u32) -> LayoutEdge {
        LayoutEdge {
            source: a,
            target: b,
            strength: 3.0,
        }
    }

    fn settled(graph: &LayoutGraph, initial: Option<Vec<Point>>, params: ForceParams) -> ForceLayout {
        let mut layout = ForceLayout::new(graph, initial, Vec::new(), params);
        layout.run_until_settled();
        layout
    }

    #[test]
    fn empty_and_single_node_graphs_are_fine() {
        let empty = settled(&LayoutGraph::default(), None, ForceParams::default());
        assert!(empty.positions().is_empty());
        assert!(empty.is_settled());
        let one = LayoutGraph {
            node_count: 1,
            edges: vec![edge(0, 0)],
        };
        let layout = settled(&one, None, ForceParams::default());
        assert_eq!(layout.positions().len(), 1);
        assert!(all_finite(&layout));
    }

    #[test]
    fn nodes_on_one_point_or_line_separate() {
        let graph = barabasi_albert(60, 2, 3);
        for start in [vec![[7.0, 7.0]; 60], (0..60).map(|i| [i as f32, 2.0 * i as f32]).collect()] {
            let layout = settled(&graph, Some(start), ForceParams::default());
            assert!(all_finite(&layout));
            let p = layout.positions();
            let mut closest = f32::MAX;
            for i in 0..p.len() {
                for j in i + 1..p.len() {
                    closest = closest.min((p[i][0] - p[j][0]).hypot(p[i][1] - p[j][1]));
                }
            }
            assert!(closest > 1.0, "closest pair {closest}");
            // Not still on a line: the spread across the line is real.
            let mut copy = p.to_vec();
            assert!(!jitter_if_degenerate(&mut copy, &[], &mut SplitMix64::new(1), 80.0));
        }
    }

    #[test]
    fn bad_input_gives_finite_positions() {
        let graph = LayoutGraph {
            node_count: 5,
            edges: vec![edge(0, 1), edge(1, 99), edge(u32::MAX, 2), edge(3, 3), edge(0, 1)],
        };
        let starts = [
            None,
            Some(vec![[f32::NAN, 1.0], [f32::INFINITY, 0.0], [1e30, -1e30], [0.0, 0.0]]),
            Some(vec![[1e-30, 0.0], [0.0, 1e-30], [-1e-30, 0.0], [0.0, -1e-30], [0.0, 0.0]]),
            Some(vec![[3e38, 3e38]; 5]),
        ];
        for start in starts {
            let layout = settled(&graph, start, ForceParams::default());
            assert_eq!(layout.positions().len(), 5);
            assert!(all_finite(&layout), "{:?}", layout.positions());
        }
        let odd = ForceParams {
            theta: f32::NAN,
            ideal_length: -1.0,
            gravity: f32::INFINITY,
            cooling: 2.0,
            settle_threshold: 0.0,
            ..ForceParams::default()
        };
        assert!(all_finite(&settled(&graph, None, odd)));
    }

    #[test]
    fn disconnected_parts_stay_near_each_other() {
        // Two triangles and three loose nodes.
        let graph = LayoutGraph {
            node_count: 9,
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 0), edge(3, 4), edge(4, 5), edge(5, 3)],
        };
        let layout = settled(&graph, None, ForceParams::default());
        assert!(all_finite(&layout));
        let c = centroid(layout.positions());
        for p in layout.positions() {
            let r = (p[0] - c[0]).hypot(p[1] - c[1]);
            assert!(r < 10.0 * 80.0, "node drifted {r} from the centre");
        }
    }

    #[test]
    fn pinned_nodes_do_not_move() {
        let graph = barabasi_albert(100, 2, 5);
        let start: Vec<Point> = (0..100).map(|i| [(i % 10) as f32 * 30.0, (i / 10) as f32 * 30.0]).collect();
        let pinned: Vec<bool> = (0..100).map(|i| i % 7 == 0).collect();
        let mut layout = ForceLayout::new(&graph, Some(start.clone()), pinned.clone(), ForceParams::default());
        layout.run_until_settled();
        let mut free_moved = 0;
        for i in 0..100 {
            if pinned[i] {
                assert_eq!(layout.positions()[i], start[i], "pinned node {i} moved");
            } else if layout.positions()[i] != start[i] {
                free_moved += 1;
            }
        }
        assert!(free_moved > 50);
        layout.set_pinned(3, true);
        let before = layout.positions()[3];
        layout.reheat();
        layout.run_until_settled();
        assert_eq!(layout.positions()[3], before);
    }

    #[test]
    fn connected_pairs_end_closer_than_unconnected_ones() {
        let graph = barabasi_albert(200, 2, 11);
        let layout = settled(&graph, None, ForceParams::default());
        let p = layout.positions();
        let dist = |a: usize, b: usize| f64::from((p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]));
        let connected: Vec<f64> = graph.edges.iter().map(|e| dist(e.source as usize, e.target as usize)).collect();
        let mut all = 0.0;
        let mut pairs = 0;
        for a in 0..200 {
            for b in a + 1..200 {
                all += dist(a, b);
                pairs += 1;
            }
        }
        let mean_connected = connected.iter().sum::<f64>() / connected.len() as f64;
        let mean_all = all / f64::from(pairs);
        assert!(mean_connected * 3.0 < mean_all, "{mean_connected} vs {mean_all}");
    }

    #[test]
    fn stronger_relationships_sit_closer() {
        // A ring whose even edges are strength 5 and odd ones strength 0.
        let n = 12u32;
        let graph = LayoutGraph {
            node_count: n as usize,
            edges: (0..n)
                .map(|i| LayoutEdge {
                    source: i,
                    target: (i + 1) % n,
                    strength: if i % 2 == 0 { 5.0 } else { 0.0 },
                })
                .collect(),
        };
        let layout = settled(&graph, None, ForceParams::default());
        let p = layout.positions();
        let length = |i: u32| {
            let (a, b) = (p[i as usize], p[((i + 1) % n) as usize]);
            (a[0] - b[0]).hypot(a[1] - b[1])
        };
        let strong: f32 = (0..n).step_by(2).map(length).sum();
        let weak: f32 = (1..n).step_by(2).map(length).sum();
        assert!(strong * 1.2 < weak, "strong {strong} weak {weak}");
    }

    #[test]
    fn same_seed_same_layout_other_seed_other_layout() {
        let graph = barabasi_albert(300, 2, 1);
        let run = |seed| settled(&graph, None, ForceParams { seed, ..ForceParams::default() }).positions().to_vec();
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
        // Big enough to use the threaded repulsion: still deterministic.
        let big = barabasi_albert(3_000, 2, 1);
        let threaded = ForceParams { threads: 2, ..ForceParams::default() };
        let mut a = ForceLayout::new(&big, None, Vec::new(), threaded.clone());
        let mut b = ForceLayout::new(&big, None, Vec::new(), ForceParams::default());
        for _ in 0..5 {
            a.step();
            b.step();
        }
        assert_eq!(a.positions(), b.positions());
    }

    #[test]
    fn settles_well_before_the_step_cap() {
        let graph = barabasi_albert(200, 2, 9);
        let params = ForceParams::default();
        let max_steps = params.max_steps;
        let mut layout = ForceLayout::new(&graph, None, Vec::new(), params);
        let steps = layout.run_until_settled();
        assert!(steps < max_steps, "{steps} steps");
        assert!(layout.is_settled());
        assert_eq!(layout.step().max_move, 0.0);
        // A reheat wakes it, and it settles again.
        layout.set_position(0, [500.0, 500.0]);
        layout.reheat();
        assert!(!layout.is_settled());
        assert!(layout.run_until_settled() < max_steps);
    }

    #[test]
    fn the_layout_is_better_than_its_random_start() {
        let graph = barabasi_albert(400, 2, 4);
        let mut rng = SplitMix64::new(8);
        let random: Vec<Point> = (0..400).map(|_| random_in_disc(&mut rng, 1_000.0)).collect();
        let before = normalised_stress(&graph, &random);
        let layout = settled(&graph, Some(random), ForceParams::default());
        let after = normalised_stress(&graph, layout.positions());
        assert!(after < 0.5 * before, "stress {before} -> {after}");
    }
}
