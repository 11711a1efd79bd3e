//! The command line: one subcommand a file, each a headless job over the same library
//! functions the window uses.

mod diff;
mod export;
mod format;
mod import;
mod layout;
mod output;
mod profile;
mod stats;
mod validate;

pub use export::{DirectionsArg, FormatArg};

use crate::io::RedactionProfile;
use crate::style::encoding::{ColourBy, Encoding, SizeBy};
use clap::error::{ContextKind, ErrorKind};
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: the job ran and found nothing wrong.
pub const EXIT_OK: u8 = 0;
/// Exit code: the map has problems (or is not in canonical form, for `format --check`).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the file could not be read, parsed or written, the output could not be
/// written, or the command line was wrong.
pub const EXIT_ERROR: u8 = 2;

/// Draw, edit and track the Police and Community Mind Map.
///
/// With no command, opens the window on FILE, or on the last map opened, or on the
/// built-in Police and Community Mind Map.
#[derive(Debug, Parser)]
#[command(
    name = "stakemap",
    version,
    override_usage = "stakemap [FILE]\n       stakemap <COMMAND>"
)]
pub struct Cli {
    /// A map file to open in the window (`stakemap FILE`).
    #[arg(skip)]
    pub file: Option<PathBuf>,
    /// A headless job to run instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process; on a mistake, prints clap's message (with the
    /// nearest command when one was mistyped) and exits 2.
    pub fn from_args() -> Self {
        Self::read(std::env::args_os()).unwrap_or_else(|e| exit_with(&e))
    }

    /// Reads a command line (the program's name first).
    ///
    /// `stakemap FILE` opens the window on FILE: one argument that is not a command is a
    /// file. It is parsed as a command first, so that clap's own suggestion answers a
    /// mistyped command: `stakemap validat map.ron` is "unrecognized subcommand
    /// 'validat'", with "a similar subcommand exists: 'validate'"; a lone `stakemap
    /// validat` is that mistake too unless a file of that name exists.
    pub fn read<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        match Self::try_parse_from(&args) {
            Err(e) if e.kind() == ErrorKind::InvalidSubcommand && args.len() == 2 => {
                let file = PathBuf::from(&args[1]);
                let mistyped = e.get(ContextKind::SuggestedSubcommand).is_some();
                if mistyped && !file.exists() {
                    Err(e)
                } else {
                    Ok(Self {
                        file: Some(file),
                        command: None,
                    })
                }
            }
            parsed => parsed,
        }
    }
}

/// Ends the process the way clap would for `e`, except that `--help` and `--version`, which
/// are output like any other, fail with exit 2 and a message when they cannot be written
/// (clap would exit 0), and a closed pipe is fine.
fn exit_with(e: &clap::Error) -> ! {
    if e.use_stderr() {
        e.exit();
    }
    let written = e
        .print()
        .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
    let code = match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            output::err(&format!("error: cannot write the output: {error}"));
            i32::from(EXIT_ERROR)
        }
        _ => e.exit_code(),
    };
    std::process::exit(code)
}

/// The headless jobs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a map file and summarise it; list every problem if it has any, and warnings
    /// (observations dated in the future, a baseline named like a date, a temporary file
    /// left by an interrupted save).
    ///
    /// Exits 0 when valid (warnings or not), 1 when the map has problems, 2 when it cannot
    /// be read or parsed.
    Validate {
        /// The map file.
        file: PathBuf,
    },
    /// Rewrite a map file in its canonical form (like `cargo fmt`).
    ///
    /// A file with comments, or a read-only file, is left alone unless --force is given
    /// (the canonical form has no comments).
    ///
    /// Exits 0 when done (or, with --check, when already canonical), 1 when --check finds
    /// it is not, 2 when it cannot be read, parsed or written.
    Format {
        /// The map file.
        file: PathBuf,
        /// Only check: change nothing, exit 1 if the file is not in canonical form.
        #[arg(long)]
        check: bool,
        /// Write even if that drops the file's comments, or the file is read-only.
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// Report what changed on a map between two dates or baselines: stakeholders and
    /// relationships added and removed, relationships strengthened, weakened or changed in
    /// tone.
    Diff {
        /// The map file.
        file: PathBuf,
        /// The earlier moment: a date (YYYY-MM-DD), the map as it stood that day, or the
        /// name of a baseline saved in the map (`baseline:NAME` for a name that looks
        /// like a date).
        #[arg(long)]
        from: String,
        /// The later moment: a date or a baseline name, as for --from.
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
    /// Write the map for another tool (GraphML, GEXF, DOT, Gephi or Kumu CSV, Kumu JSON),
    /// or as a picture (SVG, PNG).
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
        /// Write even if a file written is read-only.
        #[arg(long)]
        force: bool,
        /// Pictures: the view drawn.
        #[arg(long, value_enum, default_value_t)]
        view: export::ViewArg,
        /// Pictures: the stakeholder in the middle of --view rings, by id or name.
        #[arg(long)]
        centre: Option<String>,
        /// Pictures: the map's width, in points (the legend and caption are added).
        #[arg(long, default_value_t = 1200.0)]
        width: f32,
        /// Pictures: the map's height, in points.
        #[arg(long, default_value_t = 800.0)]
        height: f32,
        /// PNG: pixels a point (2 for a sharp print).
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// Pictures: light (for paper) or dark.
        #[arg(long, value_enum, default_value_t)]
        theme: export::ThemeArg,
        /// Pictures: what stakeholders' size shows: influence (the default), interest, or
        /// a metric (degree, strength, betweenness, weighted_betweenness, closeness,
        /// weighted_closeness, eigenvector, pagerank).
        #[arg(long, value_parser = export::size_by, default_value = "influence")]
        size_by: SizeBy,
        /// Pictures: what stakeholders' colour shows: kind (the default), sector, area,
        /// engagement, or a metric (community, component, cut_point, betweenness...).
        #[arg(long, value_parser = export::colour_by, default_value = "kind")]
        colour_by: ColourBy,
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
        /// Write even if that drops the comments of the file written, or it is read-only.
        #[arg(long)]
        force: bool,
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
        /// Write even if that drops the comments of the file written, or it is read-only.
        #[arg(long)]
        force: bool,
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
        as_of: Option<String>,
        /// The redaction profile applied to the map before anything is computed: internal,
        /// partner (the default: the output leaves the machine), public or workshop. Under
        /// public, confidential stakeholders and owners are left out, and so are the
        /// findings and metrics that would show them.
        #[arg(long, value_parser = profile::parser(), default_value = "partner")]
        profile: RedactionProfile,
        /// Under public and workshop, show confidential stakeholders as placeholders
        /// ("Partner 12") instead of leaving them out.
        #[arg(long)]
        placeholders: bool,
    },
}

/// Runs a headless job and returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Validate { file } => validate::run(&file),
        Command::Format { file, check, force } => format::run(&file, check, force),
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
            force,
            view,
            centre,
            width,
            height,
            scale,
            theme,
            size_by,
            colour_by,
        } => export::run(&export::ExportArgs {
            file: &file,
            format,
            output: &output,
            as_of: as_of.as_deref(),
            profile,
            placeholders,
            directions: mixed_directions,
            force,
            picture: export::PictureArgs {
                view,
                centre: centre.as_deref(),
                width,
                height,
                scale,
                theme,
                encoding: Encoding {
                    size: size_by,
                    colour: colour_by,
                },
            },
        }),
        Command::Import {
            inputs,
            output,
            into,
            force,
        } => import::run(&inputs, &output, into.as_deref(), force),
        Command::Layout {
            file,
            layout,
            centre,
            output,
            force,
        } => layout::run(&file, layout, centre, output.as_deref(), force),
        Command::Stats {
            file,
            json,
            as_of,
            profile,
            placeholders,
        } => stats::run(&stats::StatsRequest {
            file: &file,
            json,
            as_of: as_of.as_deref(),
            redaction: profile::options(profile, placeholders),
        }),
    };
    ExitCode::from(code)
}
