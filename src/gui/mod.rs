//! The eframe application: the window, its canvas and panels. Nothing else in the crate
//! uses this module, egui or egui_graphs.

mod app;
mod attention;
pub mod bench_support;
mod canvas;
mod chart;
mod command;
mod derived;
mod encoding_panel;
mod files;
mod filter_panel;
pub mod fonts;
mod inspector;
pub mod keyboard;
mod layout_runner;
mod legend;
mod preferences;
mod present;
pub mod scene_paint;
mod selection;
mod shapes;
mod shortcuts;
mod still_layout;
mod table;
mod timeline;
mod view_model;

pub use app::{Answer, CaptureDraft, Captured, PendingItem, StakemapApp};
pub use command::{Command, ExportChoice};
pub use selection::{Selection, Single};

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on a file, or on the last map opened, or on the built-in map, and
/// returns when it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    crate::fonts::find_in_background(); // while the window is made; `fonts::install` waits
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("stakemap")
            .with_app_id("stakemap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([480.0, 320.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "stakemap",
        options,
        Box::new(move |cc| Ok(Box::new(StakemapApp::new(cc, file)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {}", crate::errors::said(&e));
            ExitCode::from(crate::cli::EXIT_ERROR)
        }
    }
}
