//! Lays out the stakeholders of a map file that have no position, and saves it.
//!
//! `cargo run --example place -- MAP.ron` (the built-in map's positions were made so).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: place MAP.ron");
        return ExitCode::from(2);
    };
    let mut map = match stakemap::io::load(&path) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let placed = stakemap::layout::for_map::place_unplaced(&mut map);
    if let Err(e) = stakemap::io::save(&map, &path) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!("placed {placed} stakeholders in {}", path.display());
    ExitCode::SUCCESS
}
