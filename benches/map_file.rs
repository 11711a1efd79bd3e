//! Load and save of a big RON map: 100,000 stakeholders and 200,000 relationships with
//! positions, a few fields and one or two observations each. Run with
//! `cargo bench --bench map_file`.
//!
//! The bench writes the map once to a temp file, then times `io::save` in this process and
//! `io::load` in a child process (this bench run again with `--load-child FILE`), so that
//! the child's peak memory (VmHWM) is that of loading alone.

mod common;

use stakemap::io;
use stakemap::layout::{Point, barabasi_albert};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Fixed so that every run writes the same file.
const SEED: u64 = 42;
const STAKEHOLDERS: usize = 100_000;
const RUNS: usize = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--load-child") {
        return match args.get(i + 1) {
            Some(path) => load_child(Path::new(path)),
            None => ExitCode::FAILURE,
        };
    }
    parent()
}

/// Loads the file once and prints `seconds peak_kib before_kib stakeholders relationships`.
fn load_child(path: &Path) -> ExitCode {
    let before = status_kib("VmRSS:").unwrap_or(0);
    let t = Instant::now();
    let map = match io::load(path) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("load failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let seconds = t.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:").unwrap_or(0);
    drop(map);
    // Where the time goes: reading the text, and parsing it into a map.
    let t = Instant::now();
    let Ok(text) = io::read_text(path) else {
        return ExitCode::FAILURE;
    };
    let read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let Ok(map) = io::parse(&text, "bench") else {
        return ExitCode::FAILURE;
    };
    let parse = t.elapsed().as_secs_f64();
    // What one pass of the RON parser over the whole text costs with nothing kept: `parse`
    // reads the file twice (the header first, then the map), so this is the header's cost.
    let t = Instant::now();
    let skipped = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<serde::de::IgnoredAny>(&text);
    let skip = t.elapsed().as_secs_f64();
    if skipped.is_err() {
        return ExitCode::FAILURE;
    }
    println!(
        "{seconds} {peak} {before} {read} {parse} {skip} {} {}",
        map.stakeholder_count(),
        map.relationship_count()
    );
    ExitCode::SUCCESS
}

fn parent() -> ExitCode {
    println!("map_file: load and save of a RON map (release, this machine)");
    let t = Instant::now();
    // Barabasi-Albert with m = 2 gives about 2 relationships per stakeholder.
    let graph = barabasi_albert(STAKEHOLDERS, 2, SEED);
    let side = (STAKEHOLDERS as f64).sqrt().ceil() as usize;
    let positions: Vec<Point> = (0..STAKEHOLDERS)
        .map(|i| {
            [
                (i % side) as f32 * 60.0 + 0.5,
                (i / side) as f32 * 60.0 - 0.25,
            ]
        })
        .collect();
    let map = common::synthetic_map(&graph, &positions);
    println!(
        "map: {} stakeholders, {} relationships, {} observations (built in {:.1} s)",
        map.stakeholder_count(),
        map.relationship_count(),
        map.observation_count(),
        t.elapsed().as_secs_f64()
    );
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cannot make a temp dir: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = dir.path().join("big.ron");

    // Save: VmHWM is reset (writing 5 to clear_refs) just before each save, so the peak is
    // the map in memory plus what saving adds.
    let resident = status_kib("VmRSS:").unwrap_or(0);
    let mut save_seconds = Vec::new();
    let mut save_peak = 0;
    for _ in 0..RUNS {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t = Instant::now();
        if let Err(e) = io::save(&map, &path) {
            eprintln!("save failed: {e}");
            return ExitCode::FAILURE;
        }
        save_seconds.push(t.elapsed().as_secs_f64());
        save_peak = save_peak.max(status_kib("VmHWM:").unwrap_or(0));
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    drop(map);

    let Ok(exe) = std::env::current_exe() else {
        eprintln!("cannot find this bench's executable");
        return ExitCode::FAILURE;
    };
    let mut load_seconds = Vec::new();
    let mut load_peak = 0;
    let mut load_before = 0;
    let mut load_parts = (0.0, 0.0, 0.0);
    for _ in 0..RUNS {
        let output = match Command::new(&exe).arg("--load-child").arg(&path).output() {
            Ok(output) if output.status.success() => output,
            Ok(output) => {
                eprintln!(
                    "load child failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("cannot run the load child: {e}");
                return ExitCode::FAILURE;
            }
        };
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<f64> = text
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if let [seconds, peak, before, read, parse, skip, ..] = fields[..] {
            load_parts = (read, parse, skip);
            load_seconds.push(seconds);
            load_peak = load_peak.max(peak as u64);
            load_before = before as u64;
        }
    }

    println!("file: {:.1} MB", size as f64 / 1e6);
    println!();
    println!(
        "{:<7} | {:>10} | {:>14} | {:<40}",
        "", "median", "peak (VmHWM)", "note"
    );
    println!("{}", "-".repeat(80));
    println!(
        "{:<7} | {:>8.3} s | {:>11.0} MB | {:<40}",
        "load",
        median(load_seconds),
        load_peak as f64 / 1024.0,
        format!(
            "child process; {:.0} MB resident before load",
            load_before as f64 / 1024.0
        )
    );
    println!(
        "{:<7} | {:>8.3} s | {:>14} | {:<40}",
        "  read", load_parts.0, "", "of load: io::read_text (last run)"
    );
    println!(
        "{:<7} | {:>8.3} s | {:>14} | {:<40}",
        "  parse", load_parts.1, "", "of load: io::parse, RON to a map (last run)"
    );
    println!(
        "{:<7} | {:>8.3} s | {:>14} | {:<40}",
        "  skip", load_parts.2, "", "one RON pass keeping nothing (the header read)"
    );
    println!(
        "{:<7} | {:>8.3} s | {:>11.0} MB | {:<40}",
        "save",
        median(save_seconds),
        save_peak as f64 / 1024.0,
        format!(
            "in process; map alone {:.0} MB resident",
            resident as f64 / 1024.0
        )
    );
    println!();
    println!("target: load < 1 s with < 500 MB peak");
    ExitCode::SUCCESS
}

/// A `kB` figure from /proc/self/status, such as `VmHWM:`.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds.get(seconds.len() / 2).copied().unwrap_or(f64::NAN)
}
