//! The stakemap binary: headless jobs from the command line, or the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = stakemap::cli::Cli::from_args();
    match cli.command {
        Some(command) => stakemap::cli::run(command),
        None => stakemap::gui::run(cli.file),
    }
}
