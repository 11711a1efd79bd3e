//! The visual encoding of a map (shape, colour, size, width) as plain data, shared by the
//! window and by exports so that both look the same. No egui here: colours are RGBA bytes.
//!
//! Colours for kinds come from the Okabe-Ito palette, which stays distinguishable to
//! people with colour-vision deficiencies; shapes repeat the kind so colour is never the
//! only cue.

use crate::model::{Score, StakeholderKind, Strength, Tone};

/// An sRGB colour with alpha, unpremultiplied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// An opaque colour from a 0xRRGGBB number.
    pub const fn hex(rgb: u32) -> Self {
        Self([(rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255])
    }
}

/// The outline a stakeholder is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeShape {
    /// Partners (people).
    Circle,
    /// Organisations.
    Square,
    /// Issues.
    Diamond,
    /// Initiatives.
    Hexagon,
}

/// The shape for a kind of stakeholder.
pub fn node_shape(kind: StakeholderKind) -> NodeShape {
    match kind {
        StakeholderKind::Partner => NodeShape::Circle,
        StakeholderKind::Organisation => NodeShape::Square,
        StakeholderKind::Issue => NodeShape::Diamond,
        StakeholderKind::Initiative => NodeShape::Hexagon,
    }
}

/// The fill colour for a kind of stakeholder.
pub fn node_colour(kind: StakeholderKind) -> Rgba {
    match kind {
        StakeholderKind::Partner => Rgba::hex(0xE69F00),
        StakeholderKind::Organisation => Rgba::hex(0x0072B2),
        StakeholderKind::Issue => Rgba::hex(0xCC79A7),
        StakeholderKind::Initiative => Rgba::hex(0x009E73),
    }
}

/// The corners of a stakeholder's outline around `centre` at "radius" `r` (same units):
/// empty for a circle. A square has the circle's area, so sizes read alike; a diamond is a
/// little larger for the same reason.
pub fn node_outline(shape: NodeShape, [cx, cy]: [f32; 2], r: f32) -> Vec<[f32; 2]> {
    let polygon = |n: usize, start: f32, scale: f32| -> Vec<[f32; 2]> {
        (0..n)
            .map(|i| {
                let a = start + i as f32 * std::f32::consts::TAU / n as f32;
                [cx + a.cos() * r * scale, cy + a.sin() * r * scale]
            })
            .collect()
    };
    match shape {
        NodeShape::Circle => Vec::new(),
        NodeShape::Square => {
            let h = r * 0.886;
            vec![
                [cx - h, cy - h],
                [cx + h, cy - h],
                [cx + h, cy + h],
                [cx - h, cy + h],
            ]
        }
        NodeShape::Diamond => polygon(4, -std::f32::consts::FRAC_PI_2, 1.15),
        NodeShape::Hexagon => polygon(6, 0.0, 1.0),
    }
}

/// Radius in canvas units for a stakeholder's influence; unscored ones take the middle
/// ([`Score::MIDDLE`]).
pub fn node_radius(influence: Option<Score>) -> f32 {
    let level = influence.unwrap_or(Score::MIDDLE);
    8.0 + 4.0 * f32::from(level.get())
}

/// The influence levels the legend shows sizes for.
pub const LEGEND_INFLUENCE: [Score; 3] = [Score::MIN, Score::MIDDLE, Score::MAX];

/// Line width in canvas units for a relationship's strength: 0.75 for none, 1.25 more a
/// level.
pub fn edge_width(strength: Strength) -> f32 {
    0.75 + 1.25 * f32::from(strength.get())
}

/// Line colour for a relationship's tone: blue, grey and vermillion from the Okabe-Ito
/// palette, which stay apart under every common colour-vision deficiency (green against
/// red, the usual choice, does not: under deuteranopia they differ by a ΔE of about 16).
/// Colour is never the only cue: a strained line also carries [`ToneMark::Ticks`].
pub fn edge_colour(tone: Tone) -> Rgba {
    match tone {
        Tone::Positive => Rgba::hex(0x0072B2),
        Tone::Neutral => Rgba::hex(0x8A8A8A),
        Tone::Strained => Rgba::hex(0xD55E00),
    }
}

/// A mark a relationship's line carries besides its colour, so that tone and change read
/// without colour (in grey print, or for a viewer who cannot tell the colours apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToneMark {
    /// No mark.
    None,
    /// Two short strokes across the middle of the line: strained.
    Ticks,
    /// A plus sign at the middle: added since the earlier moment compared.
    Plus,
    /// A triangle pointing up: strengthened.
    Up,
    /// A triangle pointing down: weakened.
    Down,
}

/// The mark for a tone.
pub fn tone_mark(tone: Tone) -> ToneMark {
    match tone {
        Tone::Strained => ToneMark::Ticks,
        Tone::Positive | Tone::Neutral => ToneMark::None,
    }
}

/// The mark for a change between two compared moments (removed ones are dashed instead).
pub fn change_mark(change: Change) -> ToneMark {
    match change {
        Change::Added => ToneMark::Plus,
        Change::Strengthened => ToneMark::Up,
        Change::Weakened => ToneMark::Down,
        Change::Removed => ToneMark::None,
    }
}

/// While comparing, relationships that did not change are drawn in this colour, so the
/// change colours stand out and none is mistaken for a tone.
pub const UNCHANGED_COLOUR: Rgba = Rgba([138, 138, 138, 110]);

/// Cooling relationships (strength falling, or no contact for long) are drawn dashed:
/// dash and gap lengths in screen points.
pub const COOLING_DASH: (f32, f32) = (8.0, 5.0);

pub use crate::analysis::Change;

/// The colour a change is highlighted in, on the canvas and in the legend (Okabe-Ito:
/// sky blue, grey, blue, vermillion: at least a CIEDE2000 difference of 19 apart under
/// every common colour-vision deficiency), each with its own [`change_mark`] too.
pub fn change_colour(change: Change) -> Rgba {
    match change {
        Change::Added => Rgba::hex(0x56B4E9),
        Change::Removed => Rgba::hex(0x777777),
        Change::Strengthened => Rgba::hex(0x0072B2),
        Change::Weakened => Rgba::hex(0xD55E00),
    }
}

pub mod colour_vision;
pub mod geometry;
pub mod labels;
pub mod legend;
pub mod scene;
pub mod tokens;

pub use tokens::{Palette, Tokens, contrast};

/// Label size in points at zoom 1; the canvas rounds the zoomed size to whole pixels.
pub const LABEL_SIZE: f32 = 12.0;

/// Labels never shrink below this many screen pixels: smaller is unreadable.
pub const MIN_LABEL_PX: f32 = 10.0;

/// Zoomed out further than this, arrowheads are too small to see and are not drawn.
pub const MIN_ARROW_ZOOM: f32 = 0.15;

/// Zoomed out further than this, labels would cover each other and are not drawn.
pub const MIN_LABEL_ZOOM: f32 = 0.15;

/// Above this many screen pixels labels stop growing with zoom.
pub const MAX_LABEL_PX: f32 = 28.0;

/// Whether a stakeholder of this influence gets a label at this zoom. Zoomed out, only
/// the most influential keep theirs, so the labels that are drawn can be read rather than
/// piling on top of each other (hovered and selected ones are always labelled).
pub fn label_shown(zoom: f32, influence: Option<Score>) -> bool {
    let influence = influence.unwrap_or(Score::MIDDLE).get();
    match zoom {
        z if z >= 0.8 => true,
        z if z >= 0.45 => influence >= 4,
        z if z >= MIN_LABEL_ZOOM => influence >= Score::MAX.get(),
        _ => false,
    }
}

/// The label size in whole screen pixels at a zoom, or `None` when zoomed too far out
/// for labels to be read.
///
/// Rounding matters: each distinct size rasterises a new set of glyphs, so sizes that
/// follow the zoom continuously make every frame slow.
pub fn label_px(zoom: f32) -> Option<f32> {
    (zoom >= MIN_LABEL_ZOOM).then(|| {
        (LABEL_SIZE * zoom)
            .round()
            .clamp(MIN_LABEL_PX, MAX_LABEL_PX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stronger_is_wider_and_more_influence_is_bigger() {
        let widths = Strength::ALL.map(edge_width);
        assert!(widths.is_sorted_by(|a, b| a < b), "{widths:?}");
        assert!(node_radius(Some(Score::MAX)) > node_radius(Some(Score::MIN)));
        assert_eq!(node_radius(None), node_radius(Some(Score::MIDDLE)));
    }

    #[test]
    fn every_kind_has_its_own_shape_and_colour() {
        let shapes: Vec<_> = StakeholderKind::ALL
            .iter()
            .map(|&k| node_shape(k))
            .collect();
        let colours: Vec<_> = StakeholderKind::ALL
            .iter()
            .map(|&k| node_colour(k))
            .collect();
        for i in 0..4 {
            for j in i + 1..4 {
                assert_ne!(shapes[i], shapes[j]);
                assert_ne!(colours[i], colours[j]);
            }
        }
    }

    #[test]
    fn zoomed_out_only_the_influential_keep_labels() {
        let score = |n| Some(Score::new(n).expect("a score"));
        assert!(label_shown(1.0, score(1)));
        assert!(!label_shown(0.5, score(3)));
        assert!(label_shown(0.5, score(4)));
        assert!(label_shown(0.2, score(5)));
        assert!(!label_shown(0.2, score(4)));
        assert!(!label_shown(0.05, score(5)));
    }

    #[test]
    fn labels_are_whole_pixels_and_vanish_when_tiny() {
        assert_eq!(label_px(1.0), Some(12.0));
        assert_eq!(label_px(1.04), Some(12.0));
        assert_eq!(label_px(1.5), Some(18.0));
        assert_eq!(
            label_px(0.5),
            Some(MIN_LABEL_PX),
            "never smaller than readable"
        );
        assert_eq!(label_px(0.1), None, "hidden when zoomed far out");
        assert_eq!(label_px(10.0), Some(MAX_LABEL_PX));
    }
}
