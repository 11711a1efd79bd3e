//! The command line: one subcommand a file, each a headless job over the same library
//! functions the window uses.

mod diff;
mod export;
mod format;
mod import;
mod layout;
mod output;
mod profile;
mod validate;

pub use export::{DirectionsArg, FormatArg};

use crate::io::RedactionProfile;
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
        /// The redaction profile applied to the map before comparing. The report leaves
        /// the machine, so the default is partner (no contact details, notes or
        /// recorded-by); internal shows everything.
        #[arg(long, value_parser = profile::parser(), default_value = "partner")]
        profile: RedactionProfile,
        /// Under public and workshop, show confidential stakeholders as placeholders
        /// ("Partner 12") instead of leaving them out.
        #[arg(long)]
        placeholders: bool,
    },
    /// Write the map for another tool: GraphML, GEXF, DOT, Gephi or Kumu CSV, Kumu JSON.
    ///
    /// The map goes through the redaction profile first (partner by default); the mapping
    /// report (what went where, what the format cannot carry, what the profile left out)
    /// is printed on standard error. Two-file formats write OUT-nodes.csv and
    /// OUT-edges.csv (Gephi) or OUT-elements.csv and OUT-connections.csv (Kumu); `-o -`
    /// writes a one-file format to standard output.
    Export {
        /// The map file.
        file: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        format: FormatArg,
        /// Where to write (a name for two-file formats; `-` for standard output).
        #[arg(long, short)]
        output: PathBuf,
        /// The map as it stood on this date (YYYY-MM-DD) instead of now.
        #[arg(long)]
        as_of: Option<String>,
        /// The redaction profile: internal, partner (the default), public or workshop.
        #[arg(long, value_parser = profile::parser(), default_value = "partner")]
        profile: RedactionProfile,
        /// Under public and workshop, show confidential stakeholders as placeholders
        /// ("Partner 12") instead of leaving them out.
        #[arg(long)]
        placeholders: bool,
        /// How GraphML and GEXF write a map that mixes directed and undirected
        /// relationships.
        #[arg(long, value_enum, default_value_t)]
        mixed_directions: DirectionsArg,
    },
    /// Read maps made in Kumu, Gephi, yEd, networkx or a spreadsheet into a map file.
    ///
    /// Takes GraphML, GEXF, Kumu JSON, and CSV tables (a nodes or elements table followed
    /// by its edges or connections table). Writes a new map to OUT, or, with --into, the
    /// map MAP with the import merged in (matched by id, then name and kind, then name).
    /// The mapping report is printed on standard error. Exits 0 when all was read, 1 when
    /// some rows or elements were skipped or ambiguous (they are listed; OUT is written),
    /// 2 when a file cannot be read (nothing is written).
    Import {
        /// The files to import.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The map file to write.
        #[arg(long, short)]
        output: PathBuf,
        /// Merge into this map instead of making a new one (OUT may be the same file).
        #[arg(long)]
        into: Option<PathBuf>,
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
            profile,
            placeholders,
        } => diff::run(
            &file,
            (&from, &to),
            format,
            profile::options(profile, placeholders),
        ),
        Command::Export {
            file,
            format,
            output,
            as_of,
            profile,
            placeholders,
            mixed_directions,
        } => export::run(&export::ExportArgs {
            file: &file,
            format,
            output: &output,
            as_of: as_of.as_deref(),
            profile,
            placeholders,
            directions: mixed_directions,
        }),
        Command::Import {
            inputs,
            output,
            into,
        } => import::run(&inputs, &output, into.as_deref()),
        Command::Layout {
            file,
            layout,
            centre,
            output,
        } => layout::run(&file, layout, centre, output.as_deref()),
    };
    ExitCode::from(code)
}
