//! Every integration test in one binary: one link of the crate (with egui and wgpu)
//! instead of one a file, which is most of what a cold CI build spends on tests. Each
//! module is what a person does with one part of stakemap; `cargo test --test integration
//! window::` runs one of them.

mod common;

mod cli;
mod editing;
mod encoding;
mod exchange;
mod filters;
mod history;
mod keyboard;
mod map_file;
mod metrics;
mod pictures;
mod presenting;
mod privacy;
mod saves;
mod scripts;
mod snapshots;
mod stats;
mod table;
mod tools;
mod ui;
mod window;
