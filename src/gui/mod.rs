//! The eframe application: the window, its canvas and panels.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on a file, or on the last map opened, or on the built-in map.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    ExitCode::SUCCESS
}
