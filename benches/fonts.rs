//! What finding fonts for every script costs at start: fontdb's scan of the system's fonts,
//! choosing and reading the fallbacks, and egui's first frame with them. Run with
//! `cargo bench --bench fonts`; the figures depend on which fonts the machine has.

use std::time::{Duration, Instant};

use egui::{CentralPanel, Context, RawInput};
use stakemap::fonts::{Origin, bundled, choose, system_database};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// Median milliseconds of `f` over [`RUNS`] runs, and its last result.
fn time<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (median(times), last.expect("RUNS > 0"))
}

/// How long the first frame takes to build egui's fonts and lay out six names in six
/// scripts, with egui's fonts only or with the fallbacks installed.
fn first_frame(install: bool) -> Duration {
    let ctx = Context::default();
    if install {
        stakemap::gui::fonts::install(&ctx);
    }
    let names = [
        "جمعية الجالية العربية",
        "Rabbi Yael Ben-David · הרב יעל בן-דוד",
        "夜间噪音 (night noise)",
        "Nguyễn Thị Ánh",
        "Олена Коваленко",
        "한국 가나다 あいう",
    ];
    let start = Instant::now();
    let _ = ctx.run_ui(RawInput::default(), |ui| {
        CentralPanel::default().show(ui, |ui| {
            for name in names {
                ui.label(stakemap::text::display_order(name).into_owned());
            }
        });
    });
    start.elapsed()
}

fn main() {
    println!(
        "fonts: start-up cost of fonts for every script, median of {RUNS} (release, warm disk cache)"
    );
    println!();
    let (scan_ms, db) = time(system_database);
    println!("{:<44} | {:>9} | what", "step", "ms");
    println!("{}", "-".repeat(90));
    println!(
        "{:<44} | {:>9.1} | {} faces",
        "fontdb: scan the system's fonts",
        scan_ms,
        db.len()
    );
    let (choose_ms, fallbacks) = time(|| choose(vec![bundled()], &db));
    println!(
        "{:<44} | {:>9.1} | {} faces, {:.1} MB",
        "choose: check coverage, read chosen files",
        choose_ms,
        fallbacks.faces.len(),
        fallbacks.bytes() as f64 / 1e6
    );
    let (bundled_ms, _) = time(bundled);
    println!(
        "{:<44} | {:>9.2} | our font only",
        "bundled font: coverage", bundled_ms
    );

    let plain_ms = median((0..RUNS).map(|_| first_frame(false)).collect());
    let fonts_ms = median((0..RUNS).map(|_| first_frame(true)).collect());
    println!(
        "{:<44} | {:>9.1} | egui's fonts only",
        "first frame laying out 6 names", plain_ms
    );
    println!(
        "{:<44} | {:>9.1} | with the fallbacks (found once, kept)",
        "first frame laying out 6 names", fonts_ms
    );
    println!();
    for face in &fallbacks.faces {
        let from = match &face.origin {
            Origin::Bundled => "bundled".to_owned(),
            Origin::System(path) => path.display().to_string(),
            Origin::Memory => "memory".to_owned(),
        };
        let scripts: Vec<&str> = face.scripts.iter().map(|s| s.name()).collect();
        println!(
            "{:<28} {:>6.2} MB  {}  [{}]",
            face.name,
            face.data.len() as f64 / 1e6,
            from,
            scripts.join(", ")
        );
    }
    let missing: Vec<&str> = fallbacks.missing.iter().map(|s| s.name()).collect();
    println!(
        "missing: {}",
        if missing.is_empty() {
            "none".to_owned()
        } else {
            missing.join(", ")
        }
    );
}
