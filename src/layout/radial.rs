//! The radial layout: one stakeholder at the centre and the rest on rings by how many
//! relationships away they are, so "who is close to whom" reads at a glance.

use std::collections::VecDeque;
use std::f32::consts::TAU;

use super::{Adjacency, LayoutGraph, Point};

/// Nodes on one ring are kept at least this far apart (canvas units) by widening the ring.
pub const MIN_SPACING: f32 = 48.0;
/// The least and most share of the ring gap a ring is given before it, by how crowded it
/// is (see [`radial_spaced`]). Measured over the built-in map's 63 rings views in a
/// 1280x800 window: names shown 58.9 on average and 52 at worst with even gaps; 60.9 and
/// 59 with these (0.5 and 1.6: 61.1 and 58).
const GAP_SHARES: (f32, f32) = (0.6, 1.4);
/// Ring gap used when the one given is not a positive finite number.
const DEFAULT_RING_GAP: f32 = 120.0;

/// Positions with `centre` at the origin and every other node on ring `k` (`k` hops away,
/// edges taken undirected), ring `k` about `k * ring_gap` from the origin: the gap before
/// each ring is 0.6 to 1.4 of `ring_gap`, by the square root of how crowded the ring is
/// (its nodes over `k`, to the mean over the rings), so crowded rings get the room.
///
/// Each node owns a wedge of its ring proportional to the size of its subtree in the
/// breadth-first tree, and sits in the middle of it, so children sit near their parent's
/// angle. Rings widen when needed to keep nodes [`MIN_SPACING`] apart. Nodes that cannot
/// be reached (or every node, if `centre` is not a node) go on one more ring outside.
pub fn radial(graph: &LayoutGraph, centre: u32, ring_gap: f32) -> Vec<Point> {
    radial_spaced(graph, centre, ring_gap, MIN_SPACING)
}

/// How many relationships (edges taken undirected) each node is from `centre`: its ring in
/// [`radial`]. None for a node that cannot be reached.
pub fn hops(graph: &LayoutGraph, centre: u32) -> Vec<Option<u32>> {
    let adjacency = Adjacency::new(graph);
    let mut depth = vec![None; adjacency.node_count()];
    let centre = centre as usize;
    if centre < depth.len() {
        depth[centre] = Some(0);
        let mut queue = VecDeque::from([centre]);
        while let Some(u) = queue.pop_front() {
            let next = depth[u].map(|d| d + 1);
            for &v in adjacency.neighbours(u) {
                if depth[v as usize].is_none() {
                    depth[v as usize] = next;
                    queue.push_back(v as usize);
                }
            }
        }
    }
    depth
}

/// [`radial`], with nodes on one ring kept at least `spacing` apart (canvas units; a view
/// seen from far out, where symbols keep a least size on screen, needs more).
pub fn radial_spaced(graph: &LayoutGraph, centre: u32, ring_gap: f32, spacing: f32) -> Vec<Point> {
    let spacing = if spacing.is_finite() && spacing > 0.0 {
        spacing
    } else {
        MIN_SPACING
    };
    let adjacency = Adjacency::new(graph);
    let n = adjacency.node_count();
    let gap = if ring_gap.is_finite() && ring_gap > 0.0 {
        ring_gap
    } else {
        DEFAULT_RING_GAP
    };
    let centre = centre as usize;

    // Breadth-first tree: a node's parent is the first node (in ring order) to reach it.
    let mut depth = vec![u32::MAX; n];
    let mut parent = vec![usize::MAX; n];
    let mut visit_order = Vec::with_capacity(n);
    if centre < n {
        let mut queue = VecDeque::from([centre]);
        depth[centre] = 0;
        while let Some(u) = queue.pop_front() {
            visit_order.push(u);
            for &v in adjacency.neighbours(u) {
                let v = v as usize;
                if depth[v] == u32::MAX {
                    depth[v] = depth[u] + 1;
                    parent[v] = u;
                    queue.push_back(v);
                }
            }
        }
    }

    // Subtree sizes, children before parents.
    let mut size = vec![1u32; n];
    for &u in visit_order.iter().rev() {
        if parent[u] != usize::MAX {
            size[parent[u]] += size[u];
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &u in &visit_order {
        if parent[u] != usize::MAX {
            children[parent[u]].push(u);
        }
    }

    // Wedges from the top: each node splits its own wedge among its children.
    let mut angle = vec![0.0f32; n];
    if centre < n {
        let mut stack = vec![(centre, -TAU / 4.0, TAU)];
        while let Some((u, start, width)) = stack.pop() {
            angle[u] = start + width / 2.0;
            let total: u32 = children[u].iter().map(|&c| size[c]).sum();
            let mut at = start;
            for &c in &children[u] {
                let share = width * size[c] as f32 / total.max(1) as f32;
                stack.push((c, at, share));
                at += share;
            }
        }
    }

    // How many nodes each ring holds (the unreachable ones on one more ring outside).
    let max_depth = visit_order.iter().map(|&u| depth[u]).max().unwrap_or(0) as usize;
    let unreachable: Vec<usize> = (0..n).filter(|&u| depth[u] == u32::MAX).collect();
    let ring_count = max_depth + 1 + usize::from(!unreachable.is_empty());
    let mut counts = vec![0usize; ring_count];
    for &u in &visit_order {
        counts[depth[u] as usize] += 1;
    }
    if let Some(last) = counts.last_mut()
        && !unreachable.is_empty()
    {
        *last = unreachable.len();
    }
    // The gap before a ring grows with how crowded it is: a full ring gets more room for
    // its names, a ring of a few (often the outermost) sits nearer the one before, so that
    // the picture fitted to a window does not spend its widest band on a handful.
    let crowding = |k: usize| counts[k] as f32 / k as f32;
    let mean_crowding =
        (1..ring_count).map(crowding).sum::<f32>() / ring_count.saturating_sub(1).max(1) as f32;
    let mut radius = vec![0.0f32; ring_count];
    for k in 1..ring_count {
        let fit = counts[k] as f32 * spacing / TAU;
        let share = (crowding(k) / mean_crowding.max(f32::EPSILON))
            .sqrt()
            .clamp(GAP_SHARES.0, GAP_SHARES.1);
        radius[k] = (radius[k - 1] + gap * share).max(fit);
    }

    // Wedges follow subtree sizes, so the leaves of a narrow wedge can crowd each other:
    // along each ring, nodes are kept at least `spacing` apart, in their order.
    for (k, &r) in radius.iter().enumerate().skip(1) {
        let mut ring: Vec<usize> = visit_order
            .iter()
            .copied()
            .filter(|&u| depth[u] as usize == k)
            .collect();
        space_along_ring(&mut angle, &mut ring, spacing / r.max(1.0));
    }

    let mut positions = vec![[0.0, 0.0]; n];
    for &u in &visit_order {
        let r = radius[depth[u] as usize];
        positions[u] = [r * angle[u].cos(), r * angle[u].sin()];
    }
    if let Some(&r) = radius.last()
        && !unreachable.is_empty()
    {
        // With no centre at all the "outer" ring is the only ring and needs a radius.
        let r = if ring_count == 1 { gap } else { r.max(gap) };
        for (k, &u) in unreachable.iter().enumerate() {
            let a = TAU * k as f32 / unreachable.len() as f32 - TAU / 4.0;
            positions[u] = [r * a.cos(), r * a.sin()];
        }
    }
    positions
}

/// Moves the angles of `ring`'s nodes apart until consecutive ones (round the ring) are at
/// least `least` radians apart, keeping their order and, on the whole, where they were
/// (the moves are centred on their mean). A ring too full for it spreads them evenly.
fn space_along_ring(angle: &mut [f32], ring: &mut [usize], least: f32) {
    if ring.len() < 2 {
        return;
    }
    ring.sort_by(|&a, &b| angle[a].total_cmp(&angle[b]).then(a.cmp(&b)));
    if least * ring.len() as f32 >= TAU {
        let start = angle[ring[0]];
        for (i, &u) in ring.iter().enumerate() {
            angle[u] = start + TAU * i as f32 / ring.len() as f32;
        }
        return;
    }
    let before: Vec<f32> = ring.iter().map(|&u| angle[u]).collect();
    for i in 1..ring.len() {
        let (prev, u) = (ring[i - 1], ring[i]);
        angle[u] = angle[u].max(angle[prev] + least);
    }
    // Round the ring, the last must stay clear of the first too.
    let (first, last) = (ring[0], ring[ring.len() - 1]);
    if angle[last] - angle[first] > TAU - least {
        let start = before[0];
        for (i, &u) in ring.iter().enumerate() {
            angle[u] = start + TAU * i as f32 / ring.len() as f32;
        }
        return;
    }
    let shift = ring
        .iter()
        .zip(&before)
        .map(|(&u, &b)| angle[u] - b)
        .sum::<f32>()
        / ring.len() as f32;
    for &u in ring.iter() {
        angle[u] -= shift;
    }
}

#[cfg(test)]
mod tests {
    use super::super::LayoutEdge;
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> LayoutGraph {
        LayoutGraph {
            node_count: n,
            edges: edges
                .iter()
                .map(|&(source, target)| LayoutEdge {
                    source,
                    target,
                    strength: 0.2,
                })
                .collect(),
        }
    }

    fn radius(p: Point) -> f32 {
        p[0].hypot(p[1])
    }

    #[test]
    fn centre_at_origin_and_rings_by_hops() {
        // 0 - 1 - 3, 0 - 2 - 4, 2 - 5; edges given "backwards" too, as undirected.
        let g = graph(7, &[(1, 0), (0, 2), (3, 1), (2, 4), (5, 2)]);
        let p = radial(&g, 0, 100.0);
        assert_eq!(p[0], [0.0, 0.0]);
        for hop1 in [1, 2] {
            for hop2 in [3, 4, 5] {
                assert!(radius(p[hop2]) > radius(p[hop1]) + 50.0);
            }
        }
        // Node 6 is unreachable: outermost.
        assert!(
            p.iter()
                .enumerate()
                .all(|(i, q)| i == 6 || radius(*q) < radius(p[6]))
        );
    }

    #[test]
    fn children_sit_near_their_parent() {
        // Centre with 4 children, each with 3 children of its own.
        let mut edges = Vec::new();
        for c in 1..=4u32 {
            edges.push((0, c));
            for g in 0..3 {
                edges.push((c, 5 + (c - 1) * 3 + g));
            }
        }
        let p = radial(&graph(17, &edges), 0, 100.0);
        let angle = |q: Point| q[1].atan2(q[0]);
        for c in 1..=4u32 {
            for g in 0..3 {
                let child = (5 + (c - 1) * 3 + g) as usize;
                let diff = (angle(p[child]) - angle(p[c as usize])).rem_euclid(TAU);
                let diff = diff.min(TAU - diff);
                assert!(
                    diff < TAU / 8.0,
                    "child {child} is {diff} rad from parent {c}"
                );
            }
        }
    }

    #[test]
    fn a_crowded_ring_gets_more_of_the_gap_than_a_sparse_one() {
        // Two on ring 1, twenty on ring 2, one on ring 3: even gaps spent the widest band
        // of the picture on the one stakeholder of ring 3.
        let mut edges = vec![(0, 1), (0, 2)];
        for k in 0..20 {
            edges.push((1 + k % 2, 3 + k));
        }
        edges.push((3, 23));
        let p = radial(&graph(24, &edges), 0, 100.0);
        let (r1, r2, r3) = (radius(p[1]), radius(p[3]), radius(p[23]));
        assert!(r2 - r1 > 1.5 * (r3 - r2), "rings at {r1}, {r2}, {r3}");
        // Never nearer than the least share of the gap.
        assert!(r3 - r2 >= 0.6 * 100.0 - 1e-3 && r1 >= 0.6 * 100.0 - 1e-3);
    }

    #[test]
    fn odd_input_is_finite() {
        let g = graph(3, &[(0, 0), (0, 1), (1, 50)]);
        for p in [
            radial(&g, 99, f32::NAN),
            radial(&g, 2, -1.0),
            radial(&LayoutGraph::default(), 0, 1.0),
        ] {
            assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
        }
        let all_out = radial(&g, 99, 100.0);
        assert!(all_out.iter().all(|q| radius(*q) > 50.0));
    }

    #[test]
    fn no_two_of_the_built_in_maps_stakeholders_crowd_a_ring() {
        // Around City Police Service the wedges of its many neighbours are narrow: their
        // own neighbours used to pile up at one angle.
        let map = crate::builtin::police_community();
        let view = crate::layout::for_map::MapGraph::new(&map);
        let centre = map
            .stakeholders_by_id()
            .iter()
            .position(|s| s.name == "City Police Service")
            .expect("on the map");
        let p = radial_spaced(&view.graph, centre as u32, 144.0, 64.0);
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                let d = (p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]);
                assert!(d >= 64.0 * 0.99, "{a} and {b} are {d} apart");
            }
        }
    }
}
