//! The command line: one subcommand a file, each a headless job over the same library
//! functions the window uses.

mod diff;
mod format;
mod layout;
mod output;
mod stats;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: the job ran and found nothing wrong.
pub const EXIT_OK: u8 = 0;
/// Exit code: the map has problems (or is not in canonical form, for `format --check`).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the file could not be read or parsed, or the command line was wrong.
pub const EXIT_ERROR: u8 = 2;

/// Draw, edit and track the Police and Community Mind Map.
///
/// With no command, opens the window on FILE, or on the last map opened, or on the
/// built-in Police and Community Mind Map.
#[derive(Debug, Parser)]
#[command(name = "stakemap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map file to open in the window.
    pub file: Option<PathBuf>,
    /// A headless job to run instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless jobs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a map file and summarise it; list every problem if it has any.
    ///
    /// Exits 0 when valid, 1 when the map has problems, 2 when it cannot be read or parsed.
    Validate {
        /// The map file.
        file: PathBuf,
    },
    /// Rewrite a map file in its canonical form (like `cargo fmt`).
    ///
    /// Exits 0 when done (or, with --check, when already canonical), 1 when --check finds
    /// it is not, 2 when it cannot be read, parsed or written.
    Format {
        /// The map file.
        file: PathBuf,
        /// Only check: change nothing, exit 1 if the file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Report what changed on a map between two dates or baselines: stakeholders and
    /// relationships added and removed, relationships strengthened, weakened or changed in
    /// tone.
    Diff {
        /// The map file.
        file: PathBuf,
        /// The earlier moment: a date (YYYY-MM-DD), the map as it stood that day, or the
        /// name of a baseline saved in the map.
        #[arg(long)]
        from: String,
        /// The later moment: a date or a baseline name.
        #[arg(long)]
        to: String,
        /// The report's format.
        #[arg(long, value_enum, default_value_t)]
        format: diff::ReportFormat,
    },
    /// Arrange a map's stakeholders with one of the window's layouts and save the
    /// positions (into FILE, or into --output).
    Layout {
        /// The map file.
        file: PathBuf,
        /// Which layout.
        #[arg(long, value_enum, default_value_t)]
        layout: layout::LayoutKind,
        /// For the radial layout: the id of the stakeholder at the centre.
        #[arg(long)]
        centre: Option<u64>,
        /// Write the laid-out map here instead of over FILE.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print a map's counts, what needs attention (brokers, single points of failure,
    /// partnerships that hang on one officer, unaddressed issues, engagement gaps,
    /// isolates, cooling relationships), and every stakeholder's network metrics.
    ///
    /// Metrics are computed on the undirected map, one tie per pair at its strongest
    /// strength, strength 0 left out; they match networkx's (see the README).
    Stats {
        /// The map file.
        file: PathBuf,
        /// Write JSON (the shape is in the README) instead of text.
        #[arg(long)]
        json: bool,
        /// The map as it stood at the end of this day (YYYY-MM-DD); what needs attention is
        /// judged on that day too.
        #[arg(long, value_name = "DATE")]
        as_of: Option<crate::model::Date>,
    },
}

/// Runs a headless job and returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Validate { file } => validate::run(&file),
        Command::Format { file, check } => format::run(&file, check),
        Command::Diff {
            file,
            from,
            to,
            format,
        } => diff::run(&file, &from, &to, format),
        Command::Layout {
            file,
            layout,
            centre,
            output,
        } => layout::run(&file, layout, centre, output.as_deref()),
        Command::Stats { file, json, as_of } => stats::run(&stats::StatsRequest {
            file: &file,
            json,
            as_of,
        }),
    };
    ExitCode::from(code)
}
