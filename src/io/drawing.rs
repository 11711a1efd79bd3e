//! A map drawn as a picture, with no window: the shown map ([`crate::shown`], so redaction
//! and the date come first), arranged in a view ([`crate::layout::for_map::arrange`]),
//! fitted with its names into the picture ([`scene::fit`]), built into the scene the window
//! paints ([`scene::build`]) and written by [`super::picture`] as SVG, or PNG through it.
//!
//! What `stakemap export --format svg|png` and File > Export picture... write.

use super::picture::{self, Caption, FontMeasure, PictureError};
use crate::analysis::Moment;
use crate::layout::for_map::{MapLayout, arrange};
use crate::model::{Date, Map, Position, StakeholderId};
use crate::redaction::{RedactionOptions, RedactionReport};
use crate::shown::{ShowSettings, Shown, shown};
use crate::style::scene::{self, Camera, Scene, SceneInput};
use crate::style::{Palette, Tokens, legend};
use std::collections::{BTreeSet, HashMap};

/// Room left around the map, a fraction of the picture on each side.
const PADDING: f32 = 0.03;

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureOptions {
    /// The view: the map's own positions, or one of the computed views.
    pub view: MapLayout,
    /// What is shown: the date or the comparison, and the redaction profile (what the
    /// picture may show), as the window's shown pipeline takes them.
    pub show: ShowSettings,
    /// The map's area, in points (the caption and legend are added around it).
    pub size: [f32; 2],
    /// Light for paper, dark, or the projector's.
    pub palette: Palette,
    /// Where the map is seen from; `None`: the whole map fitted with its names.
    pub camera: Option<Camera>,
}

impl PictureOptions {
    /// The whole map today, under `redaction`, on a light page of 1200 by 800 points.
    pub fn new(redaction: RedactionOptions) -> Self {
        Self {
            view: MapLayout::Network,
            show: ShowSettings {
                redaction,
                ..ShowSettings::default()
            },
            size: [1200.0, 800.0],
            palette: Palette::LIGHT,
            camera: None,
        }
    }
}

/// A picture drawn.
#[derive(Clone, Debug)]
pub struct Drawing {
    /// The SVG document.
    pub svg: String,
    /// The scene it was written from (what the window would paint for the same view).
    pub scene: Scene,
    /// Characters XML cannot hold, dropped from names.
    pub dropped: usize,
    /// What the profile left out.
    pub left_out: RedactionReport,
}

/// The fonts a picture measures and draws names with: the window's Latin font, then ours
/// and the system's fallbacks for other scripts ([`crate::fonts::fallbacks`]).
pub fn fallback_fonts() -> Vec<Vec<u8>> {
    crate::fonts::fallbacks()
        .faces
        .iter()
        .map(|face| face.data.to_vec())
        .collect()
}

/// Draws `map` as `options` say, `today` being the day the picture calls today.
pub fn draw(map: &Map, options: &PictureOptions, today: Date, fonts: &[Vec<u8>]) -> Drawing {
    let mut shown: Shown = shown(map, &options.show, today);
    // A map read from a file may have stakeholders never placed: they are placed here, in
    // the picture only, as the window would place them.
    crate::layout::for_map::place_unplaced(&mut shown.map);
    let arrangement = arrange(&shown.map, options.view);
    let measure = FontMeasure::new(fonts.to_vec());
    let tokens = Tokens::SCREEN;
    let camera = options.camera.unwrap_or_else(|| {
        let names = scene::names(&shown.map);
        scene::fit_with(
            &names,
            &arrangement.positions,
            &arrangement.backdrop,
            options.size,
            PADDING,
            &tokens,
            &measure,
        )
    });
    let positions: HashMap<StakeholderId, Position> = arrangement.positions;
    let none = BTreeSet::new();
    let input = SceneInput {
        map: &shown.map,
        decorations: &shown.decorations,
        positions: &positions,
        camera,
        tokens,
        palette: options.palette,
        selected_stakeholders: &none,
        selected_relationships: &BTreeSet::new(),
        hovered: None,
        faint: options.view != MapLayout::Network,
        backdrop: &arrangement.backdrop,
    };
    let scene = scene::build(&input, &measure);
    picture_of(scene, &shown, options, today)
}

/// A picture of a scene already built (the window's canvas as it stands) from `shown`,
/// with the caption and legend that `options` and `today` call for.
pub fn picture_of(scene: Scene, shown: &Shown, options: &PictureOptions, today: Date) -> Drawing {
    let caption = Caption {
        title: shown.map.title.clone(),
        subtitle: format!(
            "{} · shown as for {}",
            match (&options.show.comparison, options.show.as_of) {
                (Some((from, to)), _) if shown.decorations.comparing => {
                    let name = |m: &Moment| match m {
                        Moment::Date(date) => date.to_string(),
                        Moment::Baseline(name) => format!("the baseline \u{201c}{name}\u{201d}"),
                    };
                    format!("Changes from {} to {}", name(from), name(to))
                }
                (_, Some(date)) if date < today => format!("As of {date}"),
                _ => format!("As of {today} (today)"),
            },
            options.show.redaction.profile.name()
        ),
    };
    let legend = legend::legend(
        shown.decorations.comparing,
        &shown.decorations.encoded,
        legend::rings_round(&shown.map, options.view),
    );
    let (svg, dropped) = picture::svg(&scene, &legend, &caption, &options.palette);
    Drawing {
        svg,
        scene,
        dropped,
        left_out: shown.left_out,
    }
}

/// The drawing as PNG, `scale` pixels a point, with `fonts` for names in other scripts.
///
/// # Errors
/// [`PictureError`] when the picture is too large or cannot be encoded.
pub fn png(drawing: &Drawing, scale: f32, fonts: &[Vec<u8>]) -> Result<Vec<u8>, PictureError> {
    picture::png(&drawing.svg, scale, fonts)
}
