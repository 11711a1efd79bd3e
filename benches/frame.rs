//! A whole headless egui frame of our canvas (labels on, as the app draws them) against the
//! same graph drawn by egui_graphs' `DefaultGraphView` with default shapes and labels always
//! on, at 1280x800: `Context::run_ui` plus `Context::tessellate`. Run with
//! `cargo bench --bench frame`.

mod common;

use egui::{CentralPanel, Context, FullOutput, Pos2, RawInput, Rect, Shape, vec2};
use egui_graphs::{DefaultEdgeShape, DefaultGraphView, DefaultNodeShape, Graph, SettingsStyle};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, NodeIndex, StableGraph};
use stakemap::gui::bench_support::CanvasBench;
use stakemap::layout::force::{ForceLayout, ForceParams};
use stakemap::layout::{LayoutGraph, barabasi_albert};
use stakemap::model::Map;
use std::time::Instant;

/// Fixed so that every run draws the same maps.
const SEED: u64 = 42;
const SIZES: [usize; 3] = [500, 2_000, 5_000];
/// Untimed frames first: fitting, font atlas, galley caches.
const WARM_UP: usize = 5;
const TIMED: usize = 21;

type PlainGraph = Graph<(), (), Directed, DefaultIx, DefaultNodeShape, DefaultEdgeShape>;

/// Median milliseconds of the two parts of a frame, and what was drawn.
struct Timing {
    run_ui: f64,
    tessellate: f64,
    total: f64,
    labels: usize,
    zoom: Option<f32>,
}

fn main() {
    println!(
        "frame: one headless egui frame at 1280x800, median of {TIMED} (release, this machine)"
    );
    println!("maps: barabasi_albert(n, 2, {SEED}) laid out by ForceLayout, named stakeholders");
    println!("ours fit: the canvas fitted to the map, labels as the app shows them at that zoom");
    println!("ours 1:1: the same canvas at zoom 1.0 (every stakeholder on screen labelled)");
    println!("egui_graphs: DefaultGraphView, default shapes, labels always on");
    println!();
    println!(
        "{:>6} | {:<12} | {:>7} | {:>8} | {:>8} | {:>8} | {:>6}",
        "nodes", "view", "zoom", "run_ui", "tessel.", "total", "labels"
    );
    println!("{}", "-".repeat(70));
    for n in SIZES {
        let graph = barabasi_albert(n, 2, SEED);
        let mut layout = ForceLayout::new(
            &graph,
            None,
            Vec::new(),
            ForceParams {
                threads: 2,
                ..ForceParams::default()
            },
        );
        layout.run_until_settled();
        let map = common::synthetic_map(&graph, layout.positions());

        let ours = time_ours(&map, None);
        let ours_close = time_ours(&map, Some(1.0));
        let theirs = time_egui_graphs(&graph, &map);
        for (view, t) in [
            ("ours fit", &ours),
            ("ours 1:1", &ours_close),
            ("egui_graphs", &theirs),
        ] {
            let zoom = t.zoom.map_or_else(|| "-".to_owned(), |z| format!("{z:.3}"));
            println!(
                "{:>6} | {:<12} | {:>7} | {:>5.2} ms | {:>5.2} ms | {:>5.2} ms | {:>6}",
                n, view, zoom, t.run_ui, t.tessellate, t.total, t.labels
            );
        }
    }
    println!();
    println!("targets (ours, labelled): < 16 ms at 2,000 stakeholders, < 33 ms at 5,000");
}

fn raw_input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        ..RawInput::default()
    }
}

fn time_ours(map: &Map, zoom: Option<f32>) -> Timing {
    let ctx = Context::default();
    let mut canvas = CanvasBench::new(map);
    // The first frame fits the map to the screen.
    let _ = canvas.frame(&ctx, raw_input());
    if let Some(zoom) = zoom {
        canvas.set_zoom(&ctx, zoom);
    }
    let mut timing = time_frames(&ctx, |ctx| canvas.frame(ctx, raw_input()));
    timing.zoom = canvas.zoom(&ctx);
    timing
}

fn time_egui_graphs(graph: &LayoutGraph, map: &Map) -> Timing {
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
    let mut plain: PlainGraph = egui_graphs::to_graph(&g);
    for (i, s) in map.stakeholders_by_id().into_iter().enumerate() {
        if let Some(node) = plain.node_mut(NodeIndex::new(i)) {
            node.set_label(s.name.clone());
        }
    }
    let style = SettingsStyle::new().with_labels_always(true);
    let ctx = Context::default();
    time_frames(&ctx, |ctx| {
        ctx.run_ui(raw_input(), |ui| {
            CentralPanel::default().show(ui, |ui| {
                DefaultGraphView::new()
                    .with_styles(&style)
                    .show(ui, &mut plain);
            });
        })
    })
}

fn time_frames(ctx: &Context, mut frame: impl FnMut(&Context) -> FullOutput) -> Timing {
    let (mut run_ui, mut tessellate, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut labels = 0;
    for i in 0..WARM_UP + TIMED {
        let t0 = Instant::now();
        let output = frame(ctx);
        let t1 = Instant::now();
        // Counted outside the timed parts.
        labels = output
            .shapes
            .iter()
            .map(|clipped| count_text(&clipped.shape))
            .sum();
        let t2 = Instant::now();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let t3 = Instant::now();
        std::hint::black_box(primitives);
        if i >= WARM_UP {
            run_ui.push((t1 - t0).as_secs_f64());
            tessellate.push((t3 - t2).as_secs_f64());
            total.push(((t1 - t0) + (t3 - t2)).as_secs_f64());
        }
    }
    Timing {
        run_ui: median_ms(run_ui),
        tessellate: median_ms(tessellate),
        total: median_ms(total),
        labels,
        zoom: None,
    }
}

fn count_text(shape: &Shape) -> usize {
    match shape {
        Shape::Text(_) => 1,
        Shape::Vec(shapes) => shapes.iter().map(count_text).sum(),
        _ => 0,
    }
}

fn median_ms(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds.get(seconds.len() / 2).copied().unwrap_or(f64::NAN) * 1000.0
}
