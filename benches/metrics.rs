//! Network metrics and findings on Barabasi-Albert maps of 500, 2,000 and 5,000
//! stakeholders, the benches' synthetic map and the same graphs with every relationship a
//! working tie: time per part of `analysis::network_metrics`, the whole, and the findings;
//! then networkx on the same graphs (read from the edge lists this bench writes, by
//! benches/metrics_networkx.py) when `python3` with networkx is available. Run with
//! `cargo bench --bench metrics` (networkx takes several minutes at 5,000).

mod common;

use stakemap::analysis::metrics::bench_support as parts;
use stakemap::analysis::{MetricSettings, findings, network_metrics};
use stakemap::layout::barabasi_albert;
use stakemap::model::{Date, Map, Strength};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Fixed so that every run measures the same graphs.
const SEED: u64 = 42;
/// Map sizes and how many runs to take the median of.
const CASES: [(usize, usize); 3] = [(500, 7), (2_000, 5), (5_000, 3)];
/// The parts timed, in the order printed; the networkx script uses the same names.
const PARTS: [&str; 8] = [
    "tie graph",
    "paths",
    "eigenvector",
    "pagerank",
    "communities",
    "structure",
    "all metrics",
    "findings",
];

/// The two kinds of map timed: the benches' usual synthetic map, and the same graph with
/// every relationship a working tie (the most work for the same size).
#[derive(Clone, Copy)]
enum Variant {
    Synthetic,
    AllTies,
}

impl Variant {
    fn describe(self) -> &'static str {
        match self {
            Self::Synthetic => {
                "common::synthetic_map: strengths 0, 2 and 4, so a third of the relationships are no tie"
            }
            Self::AllTies => "the same graphs with strengths 1-5: every relationship is a tie",
        }
    }

    /// The map of `n` stakeholders.
    fn map(self, n: usize) -> Map {
        let graph = barabasi_albert(n, 2, SEED);
        let mut map = common::synthetic_map(&graph, &[]);
        if let Self::AllTies = self {
            let ids: Vec<_> = map.relationships_by_id().iter().map(|r| r.id()).collect();
            for (j, id) in ids.into_iter().enumerate() {
                // Every level but none, in turn.
                let ties = &Strength::ALL[1..];
                if let Some(r) = map.relationship_mut(id) {
                    for o in &mut r.observations {
                        o.strength = ties[j % ties.len()];
                    }
                }
            }
        }
        map
    }
}

fn main() {
    println!("metrics: network metrics per part, release build, median wall-clock time of runs");
    println!("graphs: barabasi_albert(n, 2, {SEED}), 2 relationships per stakeholder");
    println!(
        "paths = betweenness and closeness by hops and by strength, and average path length ({} threads)",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!("structure = components, cut points and bridges");
    println!();
    let dir = std::env::temp_dir().join(format!("stakemap-metrics-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot create {}: {e}", dir.display());
        return;
    }
    for variant in [Variant::Synthetic, Variant::AllTies] {
        table(variant, &dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Times every size of one variant, ours and networkx's, and prints its table.
fn table(variant: Variant, dir: &Path) {
    let mut ours: BTreeMap<usize, BTreeMap<&str, f64>> = BTreeMap::new();
    let mut files = Vec::new();
    let mut sizes = Vec::new();
    for (n, runs) in CASES {
        let map = variant.map(n);
        let path = dir.join(format!("ba{n}.tsv"));
        if let Err(e) = std::fs::write(&path, edge_list(&map)) {
            println!("cannot write {}: {e}", path.display());
            return;
        }
        let ties = network_metrics(&map, &MetricSettings::default()).graph.ties;
        sizes.push(format!(
            "{n}: {} relationships, {ties} ties",
            map.relationship_count()
        ));
        files.push(path);
        ours.insert(n, time_parts(&map, runs));
    }
    println!("{}", variant.describe());
    println!("{}", sizes.join("; "));
    // networkx takes minutes at 5,000 stakeholders: it runs on the variant with the most
    // ties only.
    let theirs = match variant {
        Variant::AllTies => networkx(&files),
        Variant::Synthetic => BTreeMap::new(),
    };

    print!("{:<12}", "part");
    for (n, _) in CASES {
        print!(
            " | {:>10} {:>10} {:>7}",
            format!("{n} ours"),
            "networkx",
            "ratio"
        );
    }
    println!();
    println!("{}", "-".repeat(12 + CASES.len() * 33));
    for part in PARTS {
        print!("{part:<12}");
        for (n, _) in CASES {
            let ours = ours.get(&n).and_then(|t| t.get(part)).copied();
            let theirs = theirs.get(&n).and_then(|t| t.get(part)).copied();
            print!(
                " | {:>10} {:>10} {:>7}",
                ours.map_or_else(String::new, format_seconds),
                theirs.map_or_else(String::new, format_seconds),
                match (ours, theirs) {
                    (Some(a), Some(b)) if a > 0.0 => format!("{:.0}x", b / a),
                    _ => String::new(),
                }
            );
        }
        println!();
    }
    println!();
    for (n, _) in CASES {
        if let Some(cpu) = ours.get(&n).and_then(|t| t.get("all metrics cpu")) {
            print!("all metrics at {n}: {} of CPU time; ", format_seconds(*cpu));
        }
    }
    println!("target: all metrics < 1 s at 5,000 stakeholders");
    if theirs.is_empty() && matches!(variant, Variant::AllTies) {
        println!("networkx columns empty: python3 with networkx was not found");
    }
    println!();
}

/// CPU time of this process so far (all its threads), from /proc/self/stat, in seconds;
/// `None` where there is no /proc.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces, so split after its ")"):
    // utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Median seconds of each part over `runs` runs.
fn time_parts(map: &Map, runs: usize) -> BTreeMap<&'static str, f64> {
    let settings = MetricSettings::default();
    let today = Date::from_ymd(2026, 11, 29).unwrap_or_else(Date::today);
    let mut samples: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    let mut cpu_runs = Vec::new();
    let mut time = |part: &'static str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        samples
            .entry(part)
            .or_default()
            .push(t.elapsed().as_secs_f64());
    };
    for _ in 0..runs {
        let mut g = None;
        time("tie graph", &mut || g = Some(parts::prepare(map)));
        let Some(g) = g else { continue };
        time("paths", &mut || {
            black_box(parts::paths(&g));
        });
        time("eigenvector", &mut || {
            black_box(parts::eigenvector(&g));
        });
        time("pagerank", &mut || {
            black_box(parts::pagerank(&g));
        });
        time("communities", &mut || {
            black_box(parts::communities(&g, settings.seed));
        });
        time("structure", &mut || {
            black_box(parts::structure(&g));
        });
        let mut metrics = None;
        let cpu = cpu_seconds();
        time("all metrics", &mut || {
            metrics = Some(network_metrics(map, &settings));
        });
        if let (Some(before), Some(after)) = (cpu, cpu_seconds()) {
            cpu_runs.push(after - before);
        }
        if let Some(metrics) = metrics {
            time("findings", &mut || {
                black_box(findings(map, &metrics, today));
            });
        }
    }
    if !cpu_runs.is_empty() {
        samples.insert("all metrics cpu", cpu_runs);
    }
    samples
        .into_iter()
        .map(|(part, mut s)| {
            s.sort_by(f64::total_cmp);
            (part, s[s.len() / 2])
        })
        .collect()
}

/// `from<TAB>to<TAB>strength`, one relationship a line, after a `# stakeholders N` line:
/// what benches/metrics_networkx.py reads.
fn edge_list(map: &Map) -> String {
    let mut text = format!("# stakeholders {}\n", map.stakeholder_count());
    for r in map.relationships_by_id() {
        let _ = writeln!(text, "{}\t{}\t{}", r.from().0, r.to().0, r.strength());
    }
    text
}

/// networkx's seconds per part and size, from benches/metrics_networkx.py; empty when
/// python3 or networkx is missing.
fn networkx(files: &[PathBuf]) -> BTreeMap<usize, BTreeMap<&'static str, f64>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/metrics_networkx.py");
    println!(
        "running networkx on the same graphs (python3 {}; a few minutes)...",
        script.display()
    );
    let output = match Command::new("python3").arg(&script).args(files).output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            println!(
                "networkx run failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
            return BTreeMap::new();
        }
        Err(e) => {
            println!("cannot run python3: {e}");
            return BTreeMap::new();
        }
    };
    println!();
    let mut times: BTreeMap<usize, BTreeMap<&'static str, f64>> = BTreeMap::new();
    // Lines of `n<TAB>part<TAB>seconds`.
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [n, part, seconds] = fields[..]
            && let (Ok(n), Ok(seconds)) = (n.parse::<usize>(), seconds.parse::<f64>())
            && let Some(&part) = PARTS.iter().find(|&&p| p == part)
        {
            times.entry(n).or_default().insert(part, seconds);
        }
    }
    times
}

fn format_seconds(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}
