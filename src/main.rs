//! The stakemap binary: headless jobs from the command line, or the window.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = stakemap::cli::Cli::parse();
    match cli.command {
        Some(command) => stakemap::cli::run(command),
        None => stakemap::gui::run(cli.file),
    }
}
