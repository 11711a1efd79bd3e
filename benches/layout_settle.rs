//! Time to a settled layout, ours against Graphviz `sfdp`, on the same Barabasi-Albert
//! graphs, and the normalised stress of both results computed the same way. Run with
//! `cargo bench --bench layout_settle`. Installs graphviz with apt-get if `sfdp` is missing.

use stakemap::layout::force::{ForceLayout, ForceParams};
use stakemap::layout::{LayoutGraph, Point, barabasi_albert, normalised_stress};
use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Fixed so that every run lays out the same graphs.
const SEED: u64 = 42;

/// Graph sizes and how many runs of each layout to take the median of (sfdp takes about
/// 10 s at 20,000 nodes here).
const CASES: [(usize, usize); 4] = [(500, 5), (2_000, 3), (5_000, 3), (20_000, 1)];

struct Result {
    seconds: f64,
    stress: f64,
}

fn main() {
    let sfdp = sfdp_available();
    println!(
        "layout_settle: time to a settled layout, and its normalised stress (lower is better)"
    );
    println!(
        "graph: barabasi_albert(n, 2, {SEED}); ours: ForceLayout::new(None) + run_until_settled, 1 thread;"
    );
    println!("sfdp: the whole `sfdp -Tplain FILE.dot` process, Graphviz defaults");
    if !sfdp {
        println!("sfdp is not available and could not be installed: its columns are empty");
    }
    println!();
    println!(
        "{:>7} | {:>9} {:>6} {:>7} | {:>9} {:>7} | {:>11} | {:>11}",
        "nodes", "ours", "steps", "stress", "sfdp", "stress", "sfdp / ours", "stress diff"
    );
    println!("{}", "-".repeat(86));
    let dir = std::env::temp_dir().join(format!("stakemap-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot create {}: {e}", dir.display());
        return;
    }
    for (n, runs) in CASES {
        let graph = barabasi_albert(n, 2, SEED);
        let mut steps = 0;
        let ours = median_by_time((0..runs).map(|_| {
            let t = Instant::now();
            let mut layout = ForceLayout::new(&graph, None, Vec::new(), ForceParams::default());
            steps = layout.run_until_settled();
            let seconds = t.elapsed().as_secs_f64();
            Result {
                seconds,
                stress: normalised_stress(&graph, layout.positions()),
            }
        }));
        let theirs = if sfdp {
            let path = dir.join(format!("ba{n}.dot"));
            std::fs::write(&path, to_dot(&graph)).ok().and_then(|()| {
                let results: Option<Vec<Result>> =
                    (0..runs).map(|_| run_sfdp(&path, &graph)).collect();
                results.map(|r| median_by_time(r.into_iter()))
            })
        } else {
            None
        };
        match theirs {
            Some(theirs) => println!(
                "{:>7} | {:>7.3} s {:>6} {:>7.4} | {:>7.3} s {:>7.4} | {:>10.2}x | {:>+10.1}%",
                n,
                ours.seconds,
                steps,
                ours.stress,
                theirs.seconds,
                theirs.stress,
                theirs.seconds / ours.seconds,
                (ours.stress / theirs.stress - 1.0) * 100.0
            ),
            None => println!(
                "{:>7} | {:>7.3} s {:>6} {:>7.4} | {:>9} {:>7} | {:>11} | {:>11}",
                n, ours.seconds, steps, ours.stress, "-", "-", "-", "-"
            ),
        }
    }
    // Best effort: the files are small and in the temp dir.
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "sfdp / ours > 1: ours is faster. stress diff: ours against sfdp's (target at 5,000: time ratio >= 1, diff <= +10%)."
    );
}

/// The run with the median time.
fn median_by_time(results: impl Iterator<Item = Result>) -> Result {
    let mut results: Vec<Result> = results.collect();
    results.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let middle = results.len() / 2;
    results.swap_remove(middle)
}

/// Whether `sfdp` runs; tries `apt-get install -y graphviz` once if it does not.
fn sfdp_available() -> bool {
    let runs = || {
        Command::new("sfdp")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if runs() {
        return true;
    }
    println!("sfdp not found: running `apt-get install -y graphviz`");
    let installed = Command::new("apt-get")
        .args(["install", "-y", "graphviz"])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    installed && runs()
}

fn to_dot(graph: &LayoutGraph) -> String {
    let mut dot = String::from("graph G {\n");
    for i in 0..graph.node_count {
        let _ = writeln!(dot, "  {i};");
    }
    for e in &graph.edges {
        let _ = writeln!(dot, "  {} -- {};", e.source, e.target);
    }
    dot.push_str("}\n");
    dot
}

/// Runs sfdp on a DOT file, timing the whole process, and reads the node positions from
/// its plain output (`node NAME X Y ...`).
fn run_sfdp(path: &std::path::Path, graph: &LayoutGraph) -> Option<Result> {
    let t = Instant::now();
    let output = Command::new("sfdp")
        .arg("-Tplain")
        .arg(path)
        .output()
        .ok()?;
    let seconds = t.elapsed().as_secs_f64();
    if !output.status.success() {
        println!("sfdp failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut positions: Vec<Point> = vec![[f32::NAN, f32::NAN]; graph.node_count];
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("node") {
            continue;
        }
        let (Some(name), Some(x), Some(y)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        if let (Ok(i), Ok(x), Ok(y)) = (
            name.trim_matches('"').parse::<usize>(),
            x.parse::<f32>(),
            y.parse::<f32>(),
        ) && let Some(p) = positions.get_mut(i)
        {
            *p = [x, y];
        }
    }
    Some(Result {
        seconds,
        stress: normalised_stress(graph, &positions),
    })
}
