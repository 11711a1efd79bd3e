//! Names and pictures: on the built-in map and on Barabási-Albert maps of 500, 2,000 and
//! 5,000 stakeholders laid out as `stakemap layout` does (force, then room for names), how
//! many names show when the map is fitted in the window's canvas at 1280x800, how many of
//! them overlap (must be 0), how long building the scene with its placed labels takes (the
//! per-frame cost of the canvas's drawing), and how long SVG and PNG exports take.
//! Run with `cargo bench --bench pictures`.

mod common;

use stakemap::io::drawing::{self, PictureOptions};
use stakemap::layout::barabasi_albert;
use stakemap::layout::for_map::{MapGraph, force_layout, leave_room_for_names};
use stakemap::model::Map;
use stakemap::redaction::{RedactionOptions, RedactionProfile};
use stakemap::style::geometry::Rect;
use stakemap::style::labels::overlaps;
use std::time::Instant;

const SEED: u64 = 42;
const SIZES: [usize; 3] = [500, 2_000, 5_000];
const RUNS: usize = 7;
/// The canvas beside the legend and inspector of a 1280x800 window, points.
const CANVAS: [f32; 2] = stakemap::layout::overlap::READING_VIEW;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    println!("pictures: median of {RUNS} runs (release, this machine)");
    println!("view: the whole map fitted in {CANVAS:?} points (the canvas of a 1280x800 window)");
    println!();
    println!(
        "{:>14} | {:>9} | {:>7} | {:>8} | {:>10} | {:>10} | {:>8}",
        "map", "named", "overlap", "room ms", "svg fit ms", "svg 1:1 ms", "png ms"
    );
    println!("{}", "-".repeat(86));
    let builtin = stakemap::builtin::police_community();
    row("built-in (63)", &builtin, None);
    for n in SIZES {
        let graph = barabasi_albert(n, 2, SEED);
        let mut map = common::synthetic_map(&graph, &[]);
        // Laid out as `stakemap layout` lays out: force, then room for names.
        let start = Instant::now();
        force_layout(&mut map);
        let layout_ms = start.elapsed().as_secs_f64() * 1000.0;
        row(&format!("BA {n}"), &map, Some(layout_ms));
    }
    println!();
    println!("named: names shown at fit / stakeholders; overlap: pairs of overlapping names");
    println!("room: the overlap-removal step alone (layout::overlap), on the laid-out map");
    println!("svg fit: the whole picture (shown map, view, fit, scene with placed labels, SVG)");
    println!("svg 1:1: the same at zoom 1, where many more names are on screen and placed");
    println!("png: rendering that SVG with resvg at 1 pixel a point");
    println!("the canvas's own per-frame cost, scene included: cargo bench --bench frame");
    println!("frame budgets (README): 16 ms at 2,000 stakeholders, 33 ms at 5,000");
}

fn row(name: &str, map: &Map, layout_ms: Option<f64>) {
    let fonts = drawing::fallback_fonts();
    let mut options = PictureOptions::new(RedactionOptions::new(RedactionProfile::Internal));
    options.size = CANVAS;
    let drawn = drawing::draw(map, &options, stakemap::model::Date::today(), &fonts);
    let boxes: Vec<Rect> = drawn.scene.labels.iter().map(|l| l.rect).collect();
    let graph = MapGraph::new(map);
    let mut points = graph.positions(map);
    let room = median_ms(|| {
        let mut p = points.clone();
        leave_room_for_names(map, &graph, &mut p);
    });
    leave_room_for_names(map, &graph, &mut points);
    let fit = median_ms(|| {
        let d = drawing::draw(map, &options, stakemap::model::Date::today(), &fonts);
        std::hint::black_box(d.svg.len());
    });
    let mut close = options.clone();
    close.camera = Some(stakemap::style::scene::Camera {
        zoom: 1.0,
        pan: [CANVAS[0] / 2.0, CANVAS[1] / 2.0],
        viewport: CANVAS,
    });
    let zoom_one = median_ms(|| {
        let d = drawing::draw(map, &close, stakemap::model::Date::today(), &fonts);
        std::hint::black_box(d.svg.len());
    });
    let png = median_ms(|| {
        let _ = drawing::png(&drawn, 1.0, &fonts);
    });
    println!(
        "{:>14} | {:>4}/{:<4} | {:>7} | {:>8.1} | {:>10.1} | {:>10.1} | {:>8.1}{}",
        name,
        drawn.scene.labels.len(),
        drawn.scene.nodes.len(),
        overlaps(&boxes),
        room,
        fit,
        zoom_one,
        png,
        layout_ms.map_or_else(String::new, |ms| format!("  (layout {:.0} ms)", ms))
    );
}
