//! One step of our force layout (Barnes-Hut) against one step of egui_graphs'
//! Fruchterman-Reingold (exact O(n^2)), on the same Barabasi-Albert graphs from the same
//! start positions. Run with `cargo bench --bench layout_step`.

use egui::{Pos2, Rect};
use egui_graphs::{
    DefaultEdgeShape, DefaultNodeShape, ForceAlgorithm, FruchtermanReingold,
    FruchtermanReingoldState, Graph,
};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, NodeIndex, StableGraph};
use stakemap::layout::force::{ForceLayout, ForceParams};
use stakemap::layout::{LayoutGraph, Point, barabasi_albert};
use std::hint::black_box;
use std::time::Instant;

/// Fixed so that every run lays out the same graphs.
const SEED: u64 = 42;

/// Graph sizes, and how many steps of ours and of egui_graphs' to time at each: the O(n^2)
/// step takes seconds at 20,000 nodes, so it runs fewer times there.
const CASES: [(usize, usize, usize); 4] = [
    (500, 41, 41),
    (2_000, 31, 21),
    (5_000, 21, 9),
    (20_000, 11, 3),
];

type FrGraph = Graph<(), (), Directed, DefaultIx, DefaultNodeShape, DefaultEdgeShape>;

fn main() {
    println!("layout_step: one layout step, median over several steps (release, this machine)");
    println!("graph: barabasi_albert(n, 2, {SEED}); both start from our pivot-MDS positions");
    println!();
    println!(
        "{:>7} | {:>12} | {:>12} | {:>14} | {:>10} | {:>10}",
        "nodes", "ours 1 thr", "ours 2 thr", "egui_graphs FR", "FR / ours", "FR / ours2"
    );
    println!("{}", "-".repeat(80));
    for (n, our_steps, fr_steps) in CASES {
        let graph = barabasi_albert(n, 2, SEED);
        let start = ForceLayout::new(&graph, None, Vec::new(), params(1))
            .positions()
            .to_vec();
        let ours = median_ms(time_ours(&graph, &start, params(1), our_steps));
        let ours2 = median_ms(time_ours(&graph, &start, params(2), our_steps));
        let fr = median_ms(time_fruchterman_reingold(&graph, &start, fr_steps));
        println!(
            "{:>7} | {:>9.3} ms | {:>9.3} ms | {:>11.3} ms | {:>9.1}x | {:>9.1}x",
            n,
            ours,
            ours2,
            fr,
            fr / ours,
            fr / ours2
        );
    }
    println!();
    println!(
        "FR / ours: how many times faster our step is (targets: >= 20x at 5,000, >= 100x at 20,000)."
    );
}

fn params(threads: usize) -> ForceParams {
    ForceParams {
        // Never settle while being timed: every timed step must do the full work.
        settle_threshold: 0.0,
        threads,
        ..ForceParams::default()
    }
}

/// Times `steps` steps of our layout from `start`; the first is a warm-up and not counted.
fn time_ours(graph: &LayoutGraph, start: &[Point], params: ForceParams, steps: usize) -> Vec<f64> {
    let mut layout = ForceLayout::new(graph, Some(start.to_vec()), Vec::new(), params);
    let mut times = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        black_box(layout.step());
        times.push(t.elapsed().as_secs_f64());
    }
    times.remove(0);
    times
}

/// Times `steps` steps of egui_graphs' Fruchterman-Reingold, driven as its own benchmark
/// (`benches/fruchterman_reingold.rs` in the crate) does: `ForceAlgorithm::step` on a
/// `Graph` with default shapes, in a 1200x800 view. The first step is a warm-up.
fn time_fruchterman_reingold(graph: &LayoutGraph, start: &[Point], steps: usize) -> Vec<f64> {
    let mut g = fr_graph(graph, start);
    let mut algorithm = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
    let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1200.0, 800.0));
    let mut times = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        algorithm.step(&mut g, view);
        black_box(&g);
        times.push(t.elapsed().as_secs_f64());
    }
    times.remove(0);
    times
}

fn fr_graph(graph: &LayoutGraph, start: &[Point]) -> FrGraph {
    let mut g: StableGraph<(), ()> = StableGraph::default();
    for _ in 0..graph.node_count {
        g.add_node(());
    }
    for e in &graph.edges {
        g.add_edge(
            NodeIndex::new(e.source as usize),
            NodeIndex::new(e.target as usize),
            (),
        );
    }
    let mut fr = egui_graphs::to_graph(&g);
    for (i, p) in start.iter().enumerate() {
        if let Some(node) = fr.node_mut(NodeIndex::new(i)) {
            node.set_location(Pos2::new(p[0], p[1]));
        }
    }
    fr
}

fn median_ms(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds.get(seconds.len() / 2).copied().unwrap_or(f64::NAN) * 1000.0
}
