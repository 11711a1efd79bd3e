//! `stakemap export FILE --format F -o OUT [--as-of DATE] [--profile P] [--placeholders]
//! [--mixed-directions portable|native] [--force]`: the map for another tool, through the
//! redaction pass, with the mapping report on standard error; or, with `--format svg|png`
//! and `[--view V [--centre ID]] [--width W --height H] [--scale S] [--theme light|dark] [--size-by K]
//! [--colour-by K]`, a picture of
//! it ([`crate::io::drawing`]). Files are saved as maps are (atomically, keeping `.bak`);
//! `-o -` writes to standard output through the job's checked [`Printer`].

use super::output::{Printer, err, load_failure, save_failure, save_warnings, shown};
use crate::errors::said;
use crate::io::drawing::{self, PictureOptions};
use crate::io::{
    ExportError, ExportFormat, ExportOptions, MixedDirections, RedactionProfile, SaveOptions,
};
use crate::layout::for_map::MapLayout;
use crate::model::{Date, StakeholderId};
use crate::style::Palette;
use crate::style::encoding::{ColourBy, Encoding, SizeBy};
use clap::ValueEnum;
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
    /// A picture as SVG: names kept as text, with a caption and the legend.
    Svg,
    /// A picture as PNG, drawn with no window.
    Png,
}

/// The views a picture can show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// The map's own positions.
    #[default]
    Network,
    /// On a circle, grouped by kind.
    CircleByKind,
    /// On a circle, grouped by sector.
    CircleBySector,
    /// The power/interest grid.
    PowerInterest,
    /// Engagement now, in columns, with arrows to the engagement wanted.
    Engagement,
    /// Rings round --centre, by how many relationships away.
    Rings,
}

impl ViewArg {
    /// The layout, rings round `centre` (which the rings need).
    fn layout(self, centre: Option<StakeholderId>) -> Option<MapLayout> {
        Some(match self {
            Self::Network => MapLayout::Network,
            Self::CircleByKind => MapLayout::CircularByKind,
            Self::CircleBySector => MapLayout::CircularBySector,
            Self::PowerInterest => MapLayout::PowerInterest,
            Self::Engagement => MapLayout::Engagement,
            Self::Rings => MapLayout::Radial(centre?),
        })
    }
}

/// `--centre`: a stakeholder of `map` by id, or by name (any case); an error says why none.
fn centre_of(map: &crate::model::Map, key: &str) -> Result<StakeholderId, String> {
    let key = key.trim();
    if let Ok(id) = key.parse::<u64>() {
        return map
            .stakeholder(StakeholderId(id))
            .map(|s| s.id())
            .ok_or_else(|| format!("no stakeholder has the id {id}"));
    }
    let wanted = key.to_lowercase();
    let named: Vec<StakeholderId> = map
        .stakeholders()
        .filter(|s| s.name.trim().to_lowercase() == wanted)
        .map(|s| s.id())
        .collect();
    match named[..] {
        [id] => Ok(id),
        [] => Err(format!("no stakeholder is named \u{201c}{key}\u{201d}")),
        _ => Err(format!(
            "{} stakeholders are named \u{201c}{key}\u{201d}: give the id",
            named.len()
        )),
    }
}

/// A picture's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white: for paper and reports.
    #[default]
    Light,
    /// Light text on a dark surface, as the window's dark theme.
    Dark,
}

/// What a picture export was asked, besides what every export is.
#[derive(Clone, Copy, Debug)]
pub struct PictureArgs<'a> {
    /// The view.
    pub view: ViewArg,
    /// The rings' centre: a stakeholder's id or name.
    pub centre: Option<&'a str>,
    /// The map's area, points.
    pub width: f32,
    /// The map's area, points.
    pub height: f32,
    /// PNG pixels a point.
    pub scale: f32,
    /// The colours.
    pub theme: ThemeArg,
    /// What size and colour show.
    pub encoding: Encoding,
}

/// `--size-by`: a [`SizeBy`] key.
pub fn size_by(key: &str) -> Result<SizeBy, String> {
    SizeBy::from_key(key).ok_or_else(|| {
        let keys: Vec<_> = SizeBy::all().into_iter().map(SizeBy::key).collect();
        format!("not a size; one of {}", keys.join(", "))
    })
}

/// `--colour-by`: a [`ColourBy`] key.
pub fn colour_by(key: &str) -> Result<ColourBy, String> {
    ColourBy::from_key(key).ok_or_else(|| {
        let keys: Vec<_> = ColourBy::all().into_iter().map(ColourBy::key).collect();
        format!("not a colour; one of {}", keys.join(", "))
    })
}

impl FormatArg {
    /// The exchange format, for the formats `io::export` writes; `None` for a picture.
    fn exchange(self) -> Option<ExportFormat> {
        Some(match self {
            Self::Graphml => ExportFormat::GraphMl,
            Self::Gexf => ExportFormat::Gexf,
            Self::Dot => ExportFormat::Dot,
            Self::Csv => ExportFormat::GephiCsv,
            Self::KumuCsv => ExportFormat::KumuCsv,
            Self::Json => ExportFormat::KumuJson,
            Self::Svg | Self::Png => return None,
        })
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
    /// Write even over a read-only file.
    pub force: bool,
    /// For svg and png.
    pub picture: PictureArgs<'a>,
}

pub(super) fn run(args: &ExportArgs<'_>) -> u8 {
    let mut out = Printer::new();
    let code = export(args, &mut out);
    out.finish(code)
}

/// Reports an export that failed: a save through [`save_failure`] (which says how to go
/// ahead), anything else as one line. Returns the exit code.
fn export_failure(error: &ExportError) -> u8 {
    match error {
        ExportError::Save(e) => save_failure(e),
        other => {
            err(&format!("error: {}", said(other)));
            super::EXIT_ERROR
        }
    }
}

fn export(args: &ExportArgs<'_>, out: &mut Printer) -> u8 {
    // The date is checked before the file is read: a mistyped date is a mistake on the
    // command line, whatever the map holds.
    let as_of = match args.as_of.map(str::parse::<Date>).transpose() {
        Ok(date) => date,
        Err(e) => {
            err(&format!("error: --as-of: {e}"));
            return super::EXIT_ERROR;
        }
    };
    let map = match crate::io::load(args.file) {
        Ok(map) => map,
        Err(e) => return load_failure(out, &e),
    };
    let Some(format) = args.format.exchange() else {
        return picture(args, &map, as_of, out);
    };
    let map = match as_of {
        None => map,
        Some(date) => crate::analysis::map_as_of(&map, date, Date::today()),
    };
    let redacted = crate::io::redact(
        &map,
        super::profile::options(args.profile, args.placeholders),
    );
    let options = ExportOptions {
        mixed_directions: match args.directions {
            DirectionsArg::Portable => MixedDirections::Portable,
            DirectionsArg::Native => MixedDirections::Native,
        },
    };
    let (saved, report) = if args.output == Path::new("-") {
        if format.parts().len() > 1 {
            err(&format!(
                "error: -o -: {} writes two files; give a name (OUT{} and OUT{})",
                format.title(),
                format.parts()[0],
                format.parts()[1]
            ));
            return super::EXIT_ERROR;
        }
        match crate::io::export_bytes(&redacted, format, options) {
            Ok((files, report)) => {
                for bytes in files {
                    out.bytes(&bytes);
                }
                (Vec::new(), report)
            }
            Err(e) => return export_failure(&e),
        }
    } else {
        let save = SaveOptions {
            overwrite_read_only: args.force,
            ..SaveOptions::default()
        };
        match crate::io::export_files(&redacted, format, options, args.output, &save) {
            Ok(done) => done,
            Err(e) => return export_failure(&e),
        }
    };
    for line in report.lines() {
        err(&line);
    }
    for saved in &saved {
        save_warnings(saved);
        err(&format!("wrote {}", shown(&saved.path)));
    }
    super::EXIT_OK
}

/// The picture arm of `export`: the map drawn through the shown pipeline (redaction, then
/// the date), as SVG or PNG.
fn picture(
    args: &ExportArgs<'_>,
    map: &crate::model::Map,
    as_of: Option<Date>,
    out: &mut Printer,
) -> u8 {
    let p = args.picture;
    if !(p.width >= 100.0 && p.height >= 100.0 && p.width <= 20_000.0 && p.height <= 20_000.0) {
        err("error: --width and --height are points, from 100 to 20000");
        return super::EXIT_ERROR;
    }
    if !(p.scale > 0.0 && p.scale <= 8.0) {
        err("error: --scale is pixels a point, above 0 and at most 8");
        return super::EXIT_ERROR;
    }
    if p.centre.is_some() && p.view != ViewArg::Rings {
        err("error: --centre is the middle of --view rings; give --view rings with it");
        return super::EXIT_ERROR;
    }
    let centre = match p.centre.map(|key| centre_of(map, key)).transpose() {
        Ok(centre) => centre,
        Err(e) => {
            err(&format!("error: --centre: {e}"));
            return super::EXIT_ERROR;
        }
    };
    let Some(view) = p.view.layout(centre) else {
        err("error: --view rings needs --centre with the id or name of a stakeholder on the map");
        return super::EXIT_ERROR;
    };
    let mut options = PictureOptions::new(super::profile::options(args.profile, args.placeholders));
    options.view = view;
    options.show.as_of = as_of;
    options.show.encoding = p.encoding;
    options.size = [p.width, p.height];
    options.palette = match p.theme {
        ThemeArg::Light => Palette::LIGHT,
        ThemeArg::Dark => Palette::DARK,
    };
    let fonts = drawing::fallback_fonts();
    let drawn = drawing::draw(map, &options, Date::today(), &fonts);
    if let Some(centre) = centre
        && !drawn.scene.nodes.iter().any(|n| n.id == centre)
    {
        err(&format!(
            "error: --centre: the {} profile leaves that stakeholder out; rings need it shown",
            args.profile.name()
        ));
        return super::EXIT_ERROR;
    }
    let bytes = if args.format == FormatArg::Png {
        match drawing::png(&drawn, p.scale, &fonts) {
            Ok(bytes) => bytes,
            Err(e) => {
                err(&format!("error: {}", said(&e)));
                return super::EXIT_ERROR;
            }
        }
    } else {
        drawn.svg.clone().into_bytes()
    };
    err(&format!(
        "picture: {} of {} stakeholders named; {}",
        drawn.scene.labels.len(),
        drawn.scene.nodes.len(),
        drawn.left_out.sentence()
    ));
    if drawn.dropped > 0 {
        err(&format!(
            "{} character(s) XML cannot hold were left out of names",
            drawn.dropped
        ));
    }
    if args.output == Path::new("-") {
        out.bytes(&bytes);
        return super::EXIT_OK;
    }
    let save = SaveOptions {
        overwrite_read_only: args.force,
        ..SaveOptions::default()
    };
    match crate::io::write_atomically_with(args.output, &save, |file| {
        std::io::Write::write_all(file, &bytes)
    }) {
        Ok(saved) => {
            save_warnings(&saved);
            err(&format!("wrote {}", shown(&saved.path)));
            super::EXIT_OK
        }
        Err(e) => save_failure(&e),
    }
}
