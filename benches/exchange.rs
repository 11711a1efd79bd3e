//! Exports and imports in every exchange format: a 5,000-stakeholder map with its
//! observation history (time per format), then 100,000 stakeholders (time and peak memory
//! against the file's size), beside networkx reading and writing the same files where
//! python3 with networkx is installed. Run with `cargo bench --bench exchange`.
//!
//! Peak memory of an import is measured in a child process (this bench run again with
//! `--import-child FILE...`), so its VmHWM is that of reading and building the map alone.
//! Peak memory of an export is VmHWM reset just before it (the map is already in memory).

mod common;

use stakemap::io::import;
use stakemap::io::{
    ExportFormat, ExportOptions, RedactionOptions, SaveOptions, export_files, output_paths, redact,
};
use stakemap::layout::{Point, barabasi_albert};
use stakemap::model::{Date, Map};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const SEED: u64 = 7;
const SMALL: usize = 5_000;
const LARGE: usize = 100_000;
const RUNS: usize = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--import-child") {
        return import_child(&args[i + 1..]);
    }
    match parent() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("exchange bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn today() -> Date {
    Date::from_ymd(2026, 2, 1).unwrap_or_else(Date::today)
}

/// Imports the files once and prints `seconds peak_kib stakeholders relationships`.
fn import_child(paths: &[String]) -> ExitCode {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let t = Instant::now();
    let Ok(imported) = import::read(&paths) else {
        return ExitCode::FAILURE;
    };
    let Ok((map, _)) = imported.into_map("bench", today()) else {
        return ExitCode::FAILURE;
    };
    let seconds = t.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:").unwrap_or(0);
    println!(
        "{seconds} {peak} {} {}",
        map.stakeholder_count(),
        map.relationship_count()
    );
    ExitCode::SUCCESS
}

fn map_of(n: usize) -> Map {
    let graph = barabasi_albert(n, 2, SEED);
    let side = (n as f64).sqrt().ceil() as usize;
    let positions: Vec<Point> = (0..n)
        .map(|i| {
            [
                (i % side) as f32 * 60.0 + 0.5,
                (i / side) as f32 * 60.0 - 0.25,
            ]
        })
        .collect();
    common::synthetic_map(&graph, &positions)
}

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds.get(seconds.len() / 2).copied().unwrap_or(f64::NAN)
}

fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn size(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// One format's export: the files, the median time, and the peak memory (KiB) above what
/// was resident before it.
type Exported = (ExportFormat, Vec<PathBuf>, f64, u64);

/// Exports `map` in every format into `dir`.
fn export_all(map: &Map, dir: &Path, stem: &str) -> Result<Vec<Exported>, String> {
    let shown = redact(map, RedactionOptions::default());
    let mut out = Vec::new();
    for format in ExportFormat::ALL {
        let target = dir.join(format!("{stem}.{}", format.extension()));
        let mut times = Vec::new();
        let mut peak = 0;
        for _ in 0..RUNS {
            let _ = std::fs::write("/proc/self/clear_refs", "5");
            let resident = status_kib("VmRSS:").unwrap_or(0);
            let t = Instant::now();
            export_files(
                &shown,
                format,
                ExportOptions::default(),
                &target,
                &SaveOptions::default(),
            )
            .map_err(|e| e.to_string())?;
            times.push(t.elapsed().as_secs_f64());
            peak = peak.max(status_kib("VmHWM:").unwrap_or(0).saturating_sub(resident));
        }
        out.push((format, output_paths(format, &target), median(times), peak));
    }
    Ok(out)
}

fn import_in_child(paths: &[PathBuf]) -> Result<(f64, u64, u64), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    let mut peak = 0;
    let mut count = 0;
    for _ in 0..RUNS {
        let output = Command::new(&exe)
            .arg("--import-child")
            .args(paths)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("import child failed on {paths:?}"));
        }
        let fields: Vec<f64> = String::from_utf8_lossy(&output.stdout)
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if let [seconds, kib, stakeholders, ..] = fields[..] {
            times.push(seconds);
            peak = peak.max(kib as u64);
            count = stakeholders as u64;
        }
    }
    Ok((median(times), peak, count))
}

/// Times networkx reading and writing the GraphML and GEXF files (median of 3).
fn networkx(graphml: &Path, gexf: &Path) -> Option<[f64; 4]> {
    const SCRIPT: &str = r#"
import sys, time, tempfile, os
import networkx as nx
def best(f):
    times = []
    for _ in range(3):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return sorted(times)[1]
g = nx.read_graphml(sys.argv[1]); h = nx.read_gexf(sys.argv[2])
d = tempfile.mkdtemp()
print(best(lambda: nx.read_graphml(sys.argv[1])), best(lambda: nx.write_graphml(g, os.path.join(d, "g.graphml"))),
      best(lambda: nx.read_gexf(sys.argv[2])), best(lambda: nx.write_gexf(h, os.path.join(d, "g.gexf"))))
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(graphml)
        .arg(gexf)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let v: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
}

fn parent() -> Result<(), String> {
    println!("exchange: exports and imports in every format (release, this machine)");
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;

    let small = map_of(SMALL);
    println!(
        "\n{} stakeholders, {} relationships, {} observations",
        small.stakeholder_count(),
        small.relationship_count(),
        small.observation_count()
    );
    println!(
        "{:<11} | {:>9} | {:>10} | {:>10}",
        "format", "size", "export", "import"
    );
    println!("{}", "-".repeat(50));
    let exports = export_all(&small, dir.path(), "small")?;
    let mut files = Vec::new();
    for (format, paths, seconds, _) in &exports {
        let import = if *format == ExportFormat::Dot {
            "(no import)".to_owned()
        } else {
            let (import, _, count) = import_in_child(paths)?;
            if count as usize != SMALL {
                return Err(format!("{format}: imported {count} stakeholders"));
            }
            format!("{import:.3} s")
        };
        println!(
            "{:<11} | {:>6.1} MB | {:>8.3} s | {:>10}",
            format.name(),
            size(paths) as f64 / 1e6,
            seconds,
            import
        );
        files.push((*format, paths.clone()));
    }
    let path_of = |format| {
        files
            .iter()
            .find(|(f, _)| *f == format)
            .map(|(_, p)| p[0].clone())
    };
    match (path_of(ExportFormat::GraphMl), path_of(ExportFormat::Gexf)) {
        (Some(graphml), Some(gexf)) => match networkx(&graphml, &gexf) {
            Some([read_graphml, write_graphml, read_gexf, write_gexf]) => {
                println!(
                    "{:<11} | {:>9} | {:>8.3} s | {:>8.3} s  (networkx write / read)",
                    "graphml", "", write_graphml, read_graphml
                );
                println!(
                    "{:<11} | {:>9} | {:>8.3} s | {:>8.3} s  (networkx write / read)",
                    "gexf", "", write_gexf, read_gexf
                );
            }
            None => println!("(networkx not available: no comparison)"),
        },
        _ => return Err("no GraphML or GEXF written".to_owned()),
    }
    println!("target: under 1 s each");
    drop(small);

    let large = map_of(LARGE);
    let resident = status_kib("VmRSS:").unwrap_or(0);
    println!(
        "\n{} stakeholders, {} relationships, {} observations ({:.0} MB resident with the map)",
        large.stakeholder_count(),
        large.relationship_count(),
        large.observation_count(),
        resident as f64 / 1024.0
    );
    println!(
        "{:<11} | {:>9} | {:>10} | {:>12} | {:>10} | {:>12} | {:>8}",
        "format", "size", "export", "export peak", "import", "import peak", "peak/size"
    );
    println!("{}", "-".repeat(92));
    let exports = export_all(&large, dir.path(), "large")?;
    drop(large);
    for (format, paths, seconds, export_peak) in &exports {
        let bytes = size(paths);
        let (import, peak, _) = if *format == ExportFormat::Dot {
            (f64::NAN, 0, 0)
        } else {
            import_in_child(paths)?
        };
        println!(
            "{:<11} | {:>6.1} MB | {:>8.3} s | {:>9.0} MB | {:>8.3} s | {:>9.0} MB | {:>7.1}x",
            format.name(),
            bytes as f64 / 1e6,
            seconds,
            *export_peak as f64 / 1024.0,
            import,
            peak as f64 / 1024.0,
            (peak * 1024) as f64 / bytes as f64
        );
    }
    println!(
        "export peak: memory added while exporting (the map itself excluded); import peak: the whole child process"
    );
    println!("target: no more than a few times the file's size");
    Ok(())
}
