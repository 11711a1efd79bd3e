//! The visual encoding of a map (shape, colour, size, width) as plain data, shared by the
//! window and by exports so that both look the same. No egui here: colours are RGBA bytes.
//!
//! Colours for kinds come from the Okabe-Ito palette, which stays distinguishable to
//! people with colour-vision deficiencies; shapes repeat the kind so colour is never the
//! only cue.

use crate::model::{MAX_STRENGTH, StakeholderKind, Tone};

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

/// Radius in canvas units for a stakeholder's influence; unscored ones take the middle.
pub fn node_radius(influence: Option<u8>) -> f32 {
    let level = influence.unwrap_or(3).clamp(1, 5);
    8.0 + 4.0 * f32::from(level)
}

/// The influence levels the legend shows sizes for.
pub const LEGEND_INFLUENCE: [u8; 3] = [1, 3, 5];

/// Line width in canvas units for a relationship's strength (0-5).
pub fn edge_width(strength: u8) -> f32 {
    0.75 + 1.25 * f32::from(strength.min(MAX_STRENGTH))
}

/// Line colour for a relationship's tone.
pub fn edge_colour(tone: Tone) -> Rgba {
    match tone {
        Tone::Positive => Rgba::hex(0x2E7D32),
        Tone::Neutral => Rgba::hex(0x8A8A8A),
        Tone::Strained => Rgba::hex(0xC62828),
    }
}

/// Label size in points at zoom 1; the canvas rounds the zoomed size to whole pixels.
pub const LABEL_SIZE: f32 = 12.0;

/// Below this many screen pixels a label is unreadable and is not drawn at all.
pub const MIN_LABEL_PX: f32 = 8.0;

/// Above this many screen pixels labels stop growing with zoom.
pub const MAX_LABEL_PX: f32 = 28.0;

/// The label size in whole screen pixels at a zoom, or `None` when too small to read.
///
/// Rounding matters: each distinct size rasterises a new set of glyphs, so sizes that
/// follow the zoom continuously make every frame slow.
pub fn label_px(zoom: f32) -> Option<f32> {
    let px = (LABEL_SIZE * zoom).round();
    (px >= MIN_LABEL_PX).then_some(px.min(MAX_LABEL_PX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stronger_is_wider_and_more_influence_is_bigger() {
        assert!(edge_width(5) > edge_width(0));
        assert!(edge_width(9) == edge_width(5), "clamped");
        assert!(node_radius(Some(5)) > node_radius(Some(1)));
        assert_eq!(node_radius(None), node_radius(Some(3)));
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
    fn labels_are_whole_pixels_and_vanish_when_tiny() {
        assert_eq!(label_px(1.0), Some(12.0));
        assert_eq!(label_px(1.04), Some(12.0));
        assert_eq!(label_px(0.3), None);
        assert_eq!(label_px(10.0), Some(MAX_LABEL_PX));
    }
}
