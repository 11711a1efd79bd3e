//! The force-directed layout of the stakeholder network: springs along relationships,
//! Barnes-Hut repulsion between all stakeholders, a pull that keeps disconnected parts
//! together, and a cooling schedule so that it comes to rest. Stepped one frame at a
//! time, or run to the end.

use std::f32::consts::TAU;

use super::initial::pivot_mds;
use super::quadtree::QuadTree;
use super::{Adjacency, LayoutEdge, LayoutGraph, Point, SplitMix64};

/// Positions are kept within this many canvas units of the origin, so that no force
/// computed from them can overflow an `f32`.
const MAX_COORD: f32 = 1.0e7;
/// Repulsion is softened by this fraction of the ideal length (1 / (d^2 + eps^2) in place
/// of 1 / d^2), so that it stays finite for nodes that (nearly) coincide.
const MIN_DISTANCE_FRACTION: f32 = 0.01;
/// Starting temperature after pivot MDS, as a fraction of the ideal length at the
/// equilibrium scale: the start already has the right shape, so hotter only costs steps
/// (measured: 0.5 to 2 give the same stress, 2 takes 20% more steps).
const START_HEAT: f32 = 0.5;
/// Temperature after [`ForceLayout::reheat`], as a fraction of the ideal length: enough to
/// make room around a moved node without scrambling the rest of a settled map.
const REHEAT_FRACTION: f32 = 0.5;
/// The settle threshold never exceeds this fraction of the ideal length.
const SETTLE_FRACTION_CAP: f32 = 0.01;
/// Below this many nodes a step is cheaper than starting threads for it.
const PARALLEL_MIN_NODES: usize = 2_000;
/// Each thread gets at least this many nodes.
const LEAF_SHARE: usize = 1_000;
/// Nodes whose positions vary less than this fraction of the ideal length across one axis
/// count as lying on a line (or a point): they get jitter, or they would stay on it.
const DEGENERATE_FRACTION: f32 = 0.05;

/// Tuning of the force layout. The defaults suit a canvas where a node is about 30 units
/// across.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForceParams {
    /// Barnes-Hut accuracy: a cell of side `s` at distance `d` (from the nearest node of
    /// the leaf being pushed) pushes as one mass when `s / d < theta`. Lower is more exact
    /// and slower; 0 is the exact O(n^2) sum. The default, 1.2 (as in Gephi's
    /// ForceAtlas2), measured the same stress as 0.7 to 0.9 and 25% faster steps.
    pub theta: f32,
    /// The spacing the layout aims for between nearby nodes (Fruchterman and Reingold's
    /// k), in canvas units. Relationships come out longer where hubs need room around
    /// them: measured on scale-free maps, median edge about 2 k at 50 nodes, 3.5 k at 200.
    pub ideal_length: f32,
    /// Pull of each disconnected part of the map towards the centroid of all: a loose part
    /// settles about `R / sqrt(gravity)` from the centre, `R` being the rms radius of the
    /// largest part, so the default 0.2 keeps loose nodes just outside the main part at
    /// any map size. It moves parts as a whole: a map that is all connected feels none.
    pub gravity: f32,
    /// Seed of the starting positions and jitter: the same seed gives the same layout.
    pub seed: u64,
    /// Hard cap on steps between (re)heats; the layout counts as settled when it is hit.
    pub max_steps: u32,
    /// The layout is settled once no node moves more than this (canvas units, and at most
    /// 1% of `ideal_length`) in a step.
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
            theta: 1.2,
            ideal_length: 80.0,
            gravity: 0.2,
            seed: 0x5EED,
            max_steps: 1_000,
            settle_threshold: 0.5,
            cooling: 0.95,
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
    components: Components,
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
    /// `initial` positions are kept where finite, and nodes with non-finite (or missing)
    /// positions start next to their placed neighbours. With `None` (or no finite position
    /// at all) each connected part is laid out from its hop distances (pivot MDS) at the
    /// size where its forces balance, and the parts are packed around the largest. Starts where all nodes are on a line or one point
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
        let components = Components::new(&adjacency);
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
            None => {
                let (positions, scale) = fresh_start(&components, &springs, &params, &mut rng);
                (positions, START_HEAT * ideal * scale)
            }
        };
        clamp_all(&mut positions);
        Self {
            params,
            positions,
            pinned,
            springs,
            components,
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
                        && (cells[leaves[leaf_end] as usize].start as usize)
                            < point_start + per_thread
                    {
                        leaf_end += 1;
                    }
                    let point_end = cells[leaves[leaf_end - 1] as usize].end as usize;
                    let (out, tail) =
                        std::mem::take(&mut rest).split_at_mut(point_end - point_start);
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
        // Gravity pulls each connected component as a whole towards the centroid of all,
        // growing with its distance: loose parts settle near the rest however hard the
        // main part pushes, and no part is squeezed by it.
        let pull = if self.components.members.len() > 1 {
            self.components
                .pull(&self.positions, self.params.gravity, ideal)
        } else {
            vec![[0.0, 0.0]]
        };

        let mut max_move = 0.0f32;
        let temperature = self.temperature;
        for i in 0..n {
            if self.pinned[i] {
                continue;
            }
            let p = self.positions[i];
            let f = self.forces[i];
            let g = pull[self.components.label[i] as usize];
            let (fx, fy) = (f[0] + g[0], f[1] + g[1]);
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
        // A map drawn at a tiny ideal length must still settle finely.
        let threshold = self
            .params
            .settle_threshold
            .min(SETTLE_FRACTION_CAP * ideal);
        self.settled = max_move < threshold
            || self.temperature < threshold
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
        let mut sources = Sources::default();
        let mut near: Vec<u32> = Vec::with_capacity(64);
        for &leaf in leaves {
            let home = &tree.cells[leaf as usize];
            let (start, end) = (home.start as usize, home.end as usize);
            if (start..end).all(|s| self.pinned[tree.order[s] as usize]) {
                continue;
            }
            sources.clear();
            near.clear();
            stack.clear();
            stack.push(0);
            while let Some(c) = stack.pop() {
                let cell = &tree.cells[c as usize];
                let (dx, dy) = (
                    home.centre[0] - cell.centre[0],
                    home.centre[1] - cell.centre[1],
                );
                // Distance from the nearest point of the leaf: the test holds for all of them.
                let gap = (dx * dx + dy * dy).sqrt() - home.reach;
                if gap > 0.0 && cell.size_sq < self.theta2 * gap * gap {
                    sources.push(cell.centre, cell.mass);
                } else if cell.child_count == 0 {
                    near.push(c);
                    for q in &tree.sorted[cell.start as usize..cell.end as usize] {
                        sources.push(*q, 1.0);
                    }
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
                // The node itself is among the sources: at distance zero it adds nothing.
                let (mut fx, mut fy, coincident) = sources.push_on(p, self.min_d2);
                if coincident > 1 {
                    // Other nodes on exactly this point: push apart along a direction
                    // fixed by each pair, so that they can separate.
                    for &c in &near {
                        let cell = &tree.cells[c as usize];
                        for t in cell.start as usize..cell.end as usize {
                            if t != s && tree.sorted[t] == p {
                                // The strongest push the softened repulsion gives.
                                let [ux, uy] = pair_direction(node, tree.order[t]);
                                let push = 0.5 / self.min_d2.sqrt();
                                fx += ux * push;
                                fy += uy * push;
                            }
                        }
                    }
                }
                out[s - first] = [fx, fy];
            }
        }
    }
}

/// Lane count of the repulsion sums: eight independent partial sums let the compiler use
/// vector instructions while keeping the summation order, and so the result, fixed.
const LANES: usize = 8;

/// Everything that pushes the nodes of one leaf: far cells as single masses and the
/// nodes of nearby leaves one by one, stored column-wise for the vectorised sum.
#[derive(Default)]
struct Sources {
    x: Vec<f32>,
    y: Vec<f32>,
    mass: Vec<f32>,
}

impl Sources {
    fn clear(&mut self) {
        self.x.clear();
        self.y.clear();
        self.mass.clear();
    }

    fn push(&mut self, p: Point, mass: f32) {
        self.x.push(p[0]);
        self.y.push(p[1]);
        self.mass.push(mass);
    }

    /// Sum of `mass * (p - q) / (|p - q|^2 + min_d2)` over the sources `q`, and how
    /// many sources sit exactly on `p`.
    fn push_on(&self, p: Point, min_d2: f32) -> (f32, f32, u32) {
        let mut fx = [0.0f32; LANES];
        let mut fy = [0.0f32; LANES];
        let mut on_point = [0u32; LANES];
        let chunks = self.x.len() / LANES * LANES;
        let (xs, ys, ms) = (&self.x[..chunks], &self.y[..chunks], &self.mass[..chunks]);
        for ((x, y), m) in xs
            .chunks_exact(LANES)
            .zip(ys.chunks_exact(LANES))
            .zip(ms.chunks_exact(LANES))
        {
            for l in 0..LANES {
                let (dx, dy) = (p[0] - x[l], p[1] - y[l]);
                let d2 = dx * dx + dy * dy;
                on_point[l] += u32::from(d2 == 0.0);
                // Softened (Plummer) rather than clamped: the same near zero and far away,
                // and free of the branch that would stop the loop from vectorising.
                let w = m[l] / (d2 + min_d2);
                fx[l] += dx * w;
                fy[l] += dy * w;
            }
        }
        let (mut sx, mut sy, mut count) = (0.0f32, 0.0f32, 0u32);
        for l in chunks..self.x.len() {
            let (dx, dy) = (p[0] - self.x[l], p[1] - self.y[l]);
            let d2 = dx * dx + dy * dy;
            count += u32::from(d2 == 0.0);
            let w = self.mass[l] / (d2 + min_d2);
            sx += dx * w;
            sy += dy * w;
        }
        for l in 0..LANES {
            sx += fx[l];
            sy += fy[l];
            count += on_point[l];
        }
        (sx, sy, count)
    }
}

/// A unit direction fixed by an unordered pair, pointing opposite ways for its two
/// members, for separating coincident nodes deterministically.
fn pair_direction(a: u32, b: u32) -> [f32; 2] {
    let (lo, hi) = (a.min(b), a.max(b));
    let mut rng = SplitMix64::new((u64::from(lo) << 32) | u64::from(hi));
    let angle = rng.next_f32() * TAU;
    let sign = if a < b { 1.0 } else { -1.0 };
    [sign * angle.cos(), sign * angle.sin()]
}

/// The factor that brings one connected component to the size at which its forces
/// balance overall.
///
/// At rest the virial sum of position times force vanishes: every pair contributes K^2
/// through repulsion and every spring -w d^3 / K (gravity moves whole components, so it
/// adds nothing inside one). Scaling by `a` scales those by 1 and a^3. Starting at the
/// right size saves the many steps a layout needs to swell or shrink to it.
fn equilibrium_scale(positions: &[Point], springs: &[Spring], ideal_length: f32) -> f32 {
    let n = positions.len() as f64;
    let k = f64::from(ideal_length);
    let repulsion = k * k * n * (n - 1.0) / 2.0;
    let attraction: f64 = springs
        .iter()
        .map(|s| {
            let (a, b) = (positions[s.a as usize], positions[s.b as usize]);
            let d = f64::from((a[0] - b[0]).hypot(a[1] - b[1]));
            f64::from(s.weight) * d * d * d / k
        })
        .sum();
    let a = (repulsion / attraction).cbrt();
    if a.is_finite() && a > 0.0 {
        a as f32
    } else {
        1.0
    }
}

/// Connected components, for gravity and for the start.
#[derive(Debug)]
struct Components {
    /// Component of each node.
    label: Vec<u32>,
    /// Nodes of each component, ascending.
    members: Vec<Vec<u32>>,
}

impl Components {
    fn new(adjacency: &Adjacency) -> Self {
        let (label, count) = adjacency.components();
        let mut members = vec![Vec::new(); count];
        for (i, &c) in label.iter().enumerate() {
            members[c as usize].push(i as u32);
        }
        Self { label, members }
    }

    /// Gravity on each component, the same for every node in it: towards the centroid of
    /// all nodes, in proportion to the component's distance from it.
    ///
    /// The strength adapts to the map's size: a lone node at distance `d` from a map of `n`
    /// nodes with rms radius `R` feels about `n K^2 / d` of repulsion, so a pull of
    /// `gravity * n K^2 / R^2 * d` holds it at `d = R / sqrt(gravity)` at any map size.
    fn pull(&self, positions: &[Point], gravity: f32, ideal_length: f32) -> Vec<[f32; 2]> {
        let mut sums = vec![[0.0f64; 2]; self.members.len()];
        for (p, &c) in positions.iter().zip(&self.label) {
            sums[c as usize][0] += f64::from(p[0]);
            sums[c as usize][1] += f64::from(p[1]);
        }
        let all = centroid(positions);
        let n = positions.len() as f64;
        // The radius of the largest component: the loose parts must not count, or the
        // further they drift the weaker the pull that should bring them back.
        let (largest, sum) = sums
            .iter()
            .zip(&self.members)
            .max_by_key(|(_, m)| m.len())
            .map_or((&[][..], [0.0, 0.0]), |(s, m)| (m.as_slice(), *s));
        let size = largest.len().max(1) as f64;
        let middle = [sum[0] / size, sum[1] / size];
        let mean_square = largest
            .iter()
            .map(|&i| {
                let p = positions[i as usize];
                (f64::from(p[0]) - middle[0]).powi(2) + (f64::from(p[1]) - middle[1]).powi(2)
            })
            .sum::<f64>()
            / size;
        let k2 = f64::from(ideal_length).powi(2);
        // Floor the radius at that of all nodes packed one ideal length apart (a disc of
        // area n K^2): with no big component, or a tight start, the pull stays sane.
        let floor = k2 * n / (2.0 * std::f64::consts::PI);
        let strength = (f64::from(gravity) * n * k2 / mean_square.max(floor)) as f32;
        sums.iter()
            .zip(&self.members)
            .map(|(sum, members)| {
                let count = members.len().max(1) as f64;
                let c = [(sum[0] / count) as f32, (sum[1] / count) as f32];
                [strength * (all[0] - c[0]), strength * (all[1] - c[1])]
            })
            .collect()
    }
}

/// The start when the caller gives no positions: each connected component laid out on its
/// own by pivot MDS at its equilibrium size, the largest at the origin and the others on
/// rings around it, largest first. Returns the positions and the scale of the largest
/// component (its edges' length over the ideal length), which sets the starting heat.
fn fresh_start(
    components: &Components,
    springs: &[Spring],
    params: &ForceParams,
    rng: &mut SplitMix64,
) -> (Vec<Point>, f32) {
    let ideal = params.ideal_length;
    let n = components.label.len();
    let mut positions = vec![[0.0f32, 0.0f32]; n];
    // Index of each node within its component.
    let mut local = vec![0u32; n];
    for members in &components.members {
        for (k, &i) in members.iter().enumerate() {
            local[i as usize] = k as u32;
        }
    }
    let mut local_springs: Vec<Vec<Spring>> = vec![Vec::new(); components.members.len()];
    for s in springs {
        local_springs[components.label[s.a as usize] as usize].push(Spring {
            a: local[s.a as usize],
            b: local[s.b as usize],
            weight: s.weight,
        });
    }
    let mut order: Vec<usize> = (0..components.members.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(components.members[c].len()));

    let mut main_scale = 1.0;
    // Packing state: the ring being filled, its radius, the arc used so far on it, and the
    // largest component radius on it (which sets where the next ring goes).
    let (mut ring_radius, mut arc_used, mut ring_widest) = (0.0f32, 0.0f32, 0.0f32);
    for (rank, &c) in order.iter().enumerate() {
        let members = &components.members[c];
        let size = members.len();
        let mut shape: Vec<Point> = if size == 1 {
            vec![[0.0, 0.0]]
        } else {
            let edges = local_springs[c]
                .iter()
                .map(|s| LayoutEdge {
                    source: s.a,
                    target: s.b,
                    strength: 0.0,
                })
                .collect();
            let sub = LayoutGraph {
                node_count: size,
                edges,
            };
            let seed = params.seed ^ (c as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            pivot_mds(&Adjacency::new(&sub), seed, ideal).unwrap_or_else(|| {
                let spread = 0.5 * ideal * (size as f32).sqrt();
                (0..size).map(|_| random_in_disc(rng, spread)).collect()
            })
        };
        // Nodes with identical hop distances land on one point; nudge them apart.
        for p in &mut shape {
            p[0] += (rng.next_f32() - 0.5) * 0.1 * ideal;
            p[1] += (rng.next_f32() - 0.5) * 0.1 * ideal;
        }
        let scale = if local_springs[c].is_empty() {
            1.0
        } else {
            equilibrium_scale(&shape, &local_springs[c], ideal)
        };
        if rank == 0 {
            main_scale = scale;
        }
        let centre = centroid(&shape);
        let mut radius = 0.0f32;
        for p in &mut shape {
            *p = [(p[0] - centre[0]) * scale, (p[1] - centre[1]) * scale];
            radius = radius.max(p[0].hypot(p[1]));
        }
        // Room for the nodes themselves around the outermost ones.
        let radius = radius + 0.5 * ideal;

        let offset = if rank == 0 {
            ring_radius = radius + ideal;
            [0.0, 0.0]
        } else {
            let arc = 2.0 * radius + 0.5 * ideal;
            if arc_used + arc > TAU * (ring_radius + ring_widest).max(radius) && arc_used > 0.0 {
                ring_radius += 2.0 * ring_widest + 0.5 * ideal;
                arc_used = 0.0;
                ring_widest = 0.0;
            }
            if arc_used == 0.0 {
                // A new ring: its centre line keeps this (the widest) component clear of
                // everything inside.
                ring_widest = radius;
            }
            let r = ring_radius + ring_widest;
            let angle = (arc_used + 0.5 * arc) / r - TAU / 4.0;
            arc_used += arc;
            [r * angle.cos(), r * angle.sin()]
        };
        for (p, &i) in shape.iter().zip(members) {
            positions[i as usize] = [p[0] + offset[0], p[1] + offset[1]];
        }
    }
    (positions, main_scale)
}

/// Replaces parameters that would break the layout with the defaults.
fn sanitise(params: ForceParams) -> ForceParams {
    let defaults = ForceParams::default();
    let positive = |v: f32, fallback: f32| {
        if v.is_finite() && v > 0.0 {
            v
        } else {
            fallback
        }
    };
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
    springs.sort_by(|x, y| {
        (x.a, x.b)
            .cmp(&(y.a, y.b))
            .then(y.weight.total_cmp(&x.weight))
    });
    springs.dedup_by_key(|s| (s.a, s.b));
    springs
}

/// Spring multiplier for a strength of 0.0 (none) to 1.0 (collaborating): 0.25 (a weak
/// but real pull) to 1.5, with coordinating (0.6) at 1. Pair distance at rest goes as
/// weight^(-1/3), so collaborating sits about 1.8 times closer than none. Each level's
/// weight is exact in `f32` (0.25, 0.5 ... 1.5), so layouts do not drift with rounding.
fn strength_weight(strength: f32) -> f32 {
    let s = if strength.is_finite() {
        strength.clamp(0.0, 1.0)
    } else {
        0.0
    };
    0.25 + 1.25 * s
}

fn is_finite(p: Point) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

fn clamp(p: Point) -> Point {
    [
        p[0].clamp(-MAX_COORD, MAX_COORD),
        p[1].clamp(-MAX_COORD, MAX_COORD),
    ]
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
    let angle = rng.next_f32() * TAU;
    [r * angle.cos(), r * angle.sin()]
}

/// Gives every node without a finite position one next to its placed neighbours (in
/// index order, so that chains of missing nodes fill in from placed ones), or a random
/// one near the placed nodes' centroid when it has none.
fn place_missing(positions: &mut [Point], adjacency: &Adjacency, rng: &mut SplitMix64, ideal: f32) {
    let placed: Vec<Point> = positions
        .iter()
        .copied()
        .filter(|p| is_finite(*p))
        .collect();
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
            strength: 0.6,
        }
    }

    fn settled(
        graph: &LayoutGraph,
        initial: Option<Vec<Point>>,
        params: ForceParams,
    ) -> ForceLayout {
        let mut layout = ForceLayout::new(graph, initial, Vec::new(), params);
        layout.run_until_settled();
        layout
    }

    #[test]
    fn a_layout_can_move_to_a_worker_thread() {
        fn send<T: Send + Sync>(_: &T) {}
        let layout = ForceLayout::new(
            &barabasi_albert(50, 2, 1),
            None,
            Vec::new(),
            ForceParams::default(),
        );
        send(&layout);
        let handle = std::thread::spawn(move || {
            let mut layout = layout;
            layout.run_until_settled();
            layout.is_settled()
        });
        assert!(matches!(handle.join(), Ok(true)));
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
        for start in [
            vec![[7.0, 7.0]; 60],
            (0..60).map(|i| [i as f32, 2.0 * i as f32]).collect(),
        ] {
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
            assert!(!jitter_if_degenerate(
                &mut copy,
                &[],
                &mut SplitMix64::new(1),
                80.0
            ));
        }
    }

    #[test]
    fn bad_input_gives_finite_positions() {
        let graph = LayoutGraph {
            node_count: 5,
            edges: vec![
                edge(0, 1),
                edge(1, 99),
                edge(u32::MAX, 2),
                edge(3, 3),
                edge(0, 1),
            ],
        };
        let starts = [
            None,
            Some(vec![
                [f32::NAN, 1.0],
                [f32::INFINITY, 0.0],
                [1e30, -1e30],
                [0.0, 0.0],
            ]),
            Some(vec![
                [1e-30, 0.0],
                [0.0, 1e-30],
                [-1e-30, 0.0],
                [0.0, -1e-30],
                [0.0, 0.0],
            ]),
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
    fn disconnected_parts_stay_near_the_main_part() {
        // A 60-node map plus two triangles and five loose nodes.
        let mut graph = barabasi_albert(60, 2, 3);
        for (a, b) in [(60, 61), (61, 62), (62, 60), (63, 64), (64, 65), (65, 63)] {
            graph.edges.push(edge(a, b));
        }
        graph.node_count = 71;
        let layout = settled(&graph, None, ForceParams::default());
        assert!(all_finite(&layout));
        let p = layout.positions();
        let main = centroid(&p[..60]);
        let main_radius = p[..60]
            .iter()
            .map(|q| (q[0] - main[0]).hypot(q[1] - main[1]))
            .fold(0.0f32, f32::max);
        for (i, q) in p.iter().enumerate().skip(60) {
            let r = (q[0] - main[0]).hypot(q[1] - main[1]);
            assert!(
                r < 1.5 * main_radius,
                "node {i} at {r}, main radius {main_radius}"
            );
        }
        // And they are not flung about by the layout's own start either: with gravity
        // off they drift further.
        let loose = ForceParams {
            gravity: 0.0,
            ..ForceParams::default()
        };
        let free = settled(&graph, None, loose);
        let spread = |p: &[Point]| -> f32 {
            let c = centroid(&p[..60]);
            p[60..]
                .iter()
                .map(|q| (q[0] - c[0]).hypot(q[1] - c[1]))
                .sum()
        };
        assert!(spread(free.positions()) > 1.2 * spread(p));
    }

    #[test]
    fn pinned_nodes_do_not_move() {
        let graph = barabasi_albert(100, 2, 5);
        let start: Vec<Point> = (0..100)
            .map(|i| [(i % 10) as f32 * 30.0, (i / 10) as f32 * 30.0])
            .collect();
        let pinned: Vec<bool> = (0..100).map(|i| i % 7 == 0).collect();
        let mut layout = ForceLayout::new(
            &graph,
            Some(start.clone()),
            pinned.clone(),
            ForceParams::default(),
        );
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
        let connected: Vec<f64> = graph
            .edges
            .iter()
            .map(|e| dist(e.source as usize, e.target as usize))
            .collect();
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
        assert!(
            mean_connected * 2.0 < mean_all,
            "{mean_connected} vs {mean_all}"
        );
    }

    #[test]
    fn stronger_relationships_sit_closer() {
        // A ring whose even edges are collaborating and odd ones none.
        let n = 12u32;
        let graph = LayoutGraph {
            node_count: n as usize,
            edges: (0..n)
                .map(|i| LayoutEdge {
                    source: i,
                    target: (i + 1) % n,
                    strength: if i % 2 == 0 { 1.0 } else { 0.0 },
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
        let run = |seed| {
            settled(
                &graph,
                None,
                ForceParams {
                    seed,
                    ..ForceParams::default()
                },
            )
            .positions()
            .to_vec()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
        // Big enough to use the threaded repulsion: still deterministic.
        let big = barabasi_albert(3_000, 2, 1);
        let threaded = ForceParams {
            threads: 2,
            ..ForceParams::default()
        };
        let mut a = ForceLayout::new(&big, None, Vec::new(), threaded);
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
        let random: Vec<Point> = (0..400)
            .map(|_| random_in_disc(&mut rng, 1_000.0))
            .collect();
        let before = normalised_stress(&graph, &random);
        let layout = settled(&graph, Some(random), ForceParams::default());
        let after = normalised_stress(&graph, layout.positions());
        let fresh = normalised_stress(
            &graph,
            settled(&graph, None, ForceParams::default()).positions(),
        );
        // Untangling a random start gets most of the way to a fresh layout.
        assert!(after < before - 0.05, "stress {before} -> {after}");
        assert!(
            after < fresh * 1.2,
            "stress {after} against {fresh} from scratch"
        );
    }
}
