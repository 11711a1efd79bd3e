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

/// The strokes of a [`ToneMark`] at the `middle` of a line of `width` points whose direction
/// there is the unit vector `along`: what every renderer draws, so the window and the
/// exports draw the same mark.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkGlyph {
    /// Straight strokes, each from one point to another.
    pub strokes: Vec<[[f32; 2]; 2]>,
    /// Their width, in points.
    pub stroke_width: f32,
    /// A filled triangle (strengthened, weakened).
    pub triangle: Option<[[f32; 2]; 3]>,
}

/// The glyph of a mark (see [`MarkGlyph`]). Ticks run across the line; the triangles of
/// strengthened and weakened point up and down on the page whichever way the line runs.
pub fn mark_glyph(mark: ToneMark, middle: [f32; 2], along: [f32; 2], width: f32) -> MarkGlyph {
    let across = [-along[1], along[0]];
    let size = (width * 2.0).max(7.0);
    let at = |p: [f32; 2], d: [f32; 2], k: f32| [p[0] + d[0] * k, p[1] + d[1] * k];
    let mut glyph = MarkGlyph {
        strokes: Vec::new(),
        stroke_width: width.clamp(1.5, 3.0),
        triangle: None,
    };
    match mark {
        ToneMark::None => {}
        ToneMark::Ticks => {
            for side in [-1.0, 1.0] {
                let c = at(middle, along, side * size * 0.45);
                glyph
                    .strokes
                    .push([at(c, across, -size), at(c, across, size)]);
            }
        }
        ToneMark::Plus => {
            glyph
                .strokes
                .push([at(middle, across, -size), at(middle, across, size)]);
            glyph
                .strokes
                .push([at(middle, along, -size), at(middle, along, size)]);
        }
        ToneMark::Up | ToneMark::Down => {
            let up = if mark == ToneMark::Up { -1.0 } else { 1.0 };
            let tip = [middle[0], middle[1] + up * size];
            let base = [middle[0], middle[1] - up * size * 0.6];
            glyph.triangle = Some([
                tip,
                [base[0] + size * 0.9, base[1]],
                [base[0] - size * 0.9, base[1]],
            ]);
        }
    }
    glyph
}

/// An arrowhead with its tip at `tip`, pointing along the unit vector `direction`, `length`
/// points long and 0.9 of that wide: its three corners, tip first.
pub fn arrowhead(tip: [f32; 2], direction: [f32; 2], length: f32) -> [[f32; 2]; 3] {
    let [ux, uy] = direction;
    let base = [tip[0] - ux * length, tip[1] - uy * length];
    let side = [-uy * length * 0.45, ux * length * 0.45];
    [
        tip,
        [base[0] + side[0], base[1] + side[1]],
        [base[0] - side[0], base[1] - side[1]],
    ]
}

/// While comparing, relationships that did not change are drawn in this colour, so the
/// change colours stand out and none is mistaken for a tone.
pub const UNCHANGED_COLOUR: Rgba = Rgba([138, 138, 138, 110]);

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
pub mod encoding;
pub mod geometry;
pub mod labels;
pub mod legend;
pub mod measure;
pub mod scene;
pub mod tokens;

pub use tokens::{Palette, Tokens, contrast};

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
}
