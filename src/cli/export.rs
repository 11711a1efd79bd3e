//! `stakemap export FILE --format F -o OUT [--as-of DATE] [--profile P] [--placeholders]
//! [--mixed-directions portable|native]`: the map for another tool, through the redaction
//! pass, with the mapping report on standard error.

use super::output::{err, load_failure};
use crate::io::{ExportFormat, ExportOptions, MixedDirections, RedactionProfile};
use crate::model::Date;
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;

/// The formats `export` writes. The exchange formats map to [`ExportFormat`]; picture
/// formats (svg, png) join here with their own arm in [`run`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// GraphML for Gephi, yEd and networkx.
    Graphml,
    /// GEXF 1.3 for Gephi, with strength over time.
    Gexf,
    /// DOT for Graphviz.
    Dot,
    /// Gephi's spreadsheet convention: OUT-nodes.csv and OUT-edges.csv.
    Csv,
    /// Kumu's spreadsheet convention: OUT-elements.csv and OUT-connections.csv.
    KumuCsv,
    /// Kumu's blueprint JSON.
    Json,
}

impl FormatArg {
    /// The exchange format, for the formats `io::export` writes.
    fn exchange(self) -> ExportFormat {
        match self {
            Self::Graphml => ExportFormat::GraphMl,
            Self::Gexf => ExportFormat::Gexf,
            Self::Dot => ExportFormat::Dot,
            Self::Csv => ExportFormat::GephiCsv,
            Self::KumuCsv => ExportFormat::KumuCsv,
            Self::Json => ExportFormat::KumuJson,
        }
    }
}

/// How GraphML and GEXF write a map that mixes directed and undirected relationships.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum DirectionsArg {
    /// A directed graph with each relationship's direction as a `directed` attribute:
    /// networkx reads it.
    #[default]
    Portable,
    /// Each undirected relationship says so in the format's own way: Gephi draws a mixed
    /// graph right; networkx refuses the file.
    Native,
}

/// What `export` was asked.
pub struct ExportArgs<'a> {
    /// The map file.
    pub file: &'a Path,
    /// The format.
    pub format: FormatArg,
    /// Where to write; `-` for standard output.
    pub output: &'a Path,
    /// The map as of this date (text, checked here).
    pub as_of: Option<&'a str>,
    /// The redaction profile.
    pub profile: RedactionProfile,
    /// Confidential stakeholders as placeholders under public and workshop.
    pub placeholders: bool,
    /// How mixed directions are written.
    pub directions: DirectionsArg,
}

pub(super) fn run(args: &ExportArgs<'_>) -> u8 {
    let map = match crate::io::load(args.file) {
        Ok(map) => map,
        Err(e) => return load_failure(&e),
    };
    let today = Date::today();
    let map = match args.as_of {
        None => map,
        Some(text) => match text.parse::<Date>() {
            Ok(date) => crate::analysis::map_as_of(&map, date, today),
            Err(e) => {
                err(&format!("error: --as-of: {e}"));
                return super::EXIT_ERROR;
            }
        },
    };
    let shown = crate::io::redact(
        &map,
        super::profile::options(args.profile, args.placeholders),
    );
    let format = args.format.exchange();
    let options = ExportOptions {
        mixed_directions: match args.directions {
            DirectionsArg::Portable => MixedDirections::Portable,
            DirectionsArg::Native => MixedDirections::Native,
        },
    };
    let (written, report) = if args.output == Path::new("-") {
        if format.parts().len() > 1 {
            err(&format!(
                "error: -o -: {} writes two files; give a name (OUT{} and OUT{})",
                format.title(),
                format.parts()[0],
                format.parts()[1]
            ));
            return super::EXIT_ERROR;
        }
        match crate::io::export_bytes(&shown, format, options) {
            Ok((files, report)) => {
                let mut stdout = std::io::stdout().lock();
                for bytes in files {
                    // A closed pipe (`| head`) is not an error.
                    let _ = stdout.write_all(&bytes);
                }
                (Vec::new(), report)
            }
            Err(e) => {
                err(&format!("error: {e}"));
                return super::EXIT_ERROR;
            }
        }
    } else {
        match crate::io::export_files(&shown, format, options, args.output) {
            Ok(done) => done,
            Err(e) => {
                err(&format!("error: {e}"));
                return super::EXIT_ERROR;
            }
        }
    };
    for line in report.lines() {
        err(&line);
    }
    for path in written {
        err(&format!("wrote {}", path.display()));
    }
    super::EXIT_OK
}
