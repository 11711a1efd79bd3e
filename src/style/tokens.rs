//! Design tokens: every size and colour the map is drawn with, in one place, so the window,
//! the SVG and PNG exports and the projector all draw the same map. Sizes are in screen
//! points (pixels at scale 1) unless they say canvas units.

use super::Rgba;

/// Sizes of the drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tokens {
    /// Label size at zoom 1, in points.
    pub label_size: f32,
    /// Labels never get smaller than this on screen (smaller cannot be read).
    pub min_label_px: f32,
    /// Labels stop growing with zoom at this size.
    pub max_label_px: f32,
    /// Zoomed out further than this, labels are hidden unless hovered or selected.
    pub min_label_zoom: f32,
    /// Width of the halo drawn behind a label, in points, so lines never cross text.
    pub halo_px: f32,
    /// Gap between a stakeholder's outline and its label, in points.
    pub label_gap_px: f32,
    /// Width of the leader line from a stakeholder to a name set off from it.
    pub leader_px: f32,
    /// Radius of the dot a leader line starts with at its stakeholder, in points: a plain
    /// line read as a relationship on the projector.
    pub leader_dot_px: f32,
    /// With no more names than this left out of a view, the last ones are looked for room
    /// harder: moving a name that stands in the way, or setting one off with a leader.
    /// With more, the map is too crowded for that to help, and it costs the frame.
    pub most_leaders: usize,
    /// Outline of a selected stakeholder, and extra width of a selected relationship.
    pub selection_px: f32,
    /// Outline of the stakeholder under the pointer.
    pub hover_px: f32,
    /// Width of the ring around a stakeholder that changed between compared moments.
    pub ring_px: f32,
    /// Gap between a stakeholder and its ring.
    pub ring_gap_px: f32,
    /// Arrowheads are this many line widths long (at least `min_arrow_px`).
    pub arrow_per_width: f32,
    /// Smallest arrowhead.
    pub min_arrow_px: f32,
    /// Zoomed out further than this, arrowheads and line marks are specks: left out.
    pub min_arrow_zoom: f32,
    /// Below this radius on screen a stakeholder is a plain dot.
    pub tiny_px: f32,
    /// Dash and gap of a cooling (or removed) relationship.
    pub dash_px: (f32, f32),
    /// At most this many dashes on one line: a long line gets longer dashes.
    pub max_dashes: f32,
    /// Thinnest line drawn.
    pub min_line_px: f32,
    /// Alpha kept by what is drawn faded (removed in a comparison), 0-1.
    pub faded: f32,
    /// Alpha kept by relationships behind a view about the stakeholders, 0-1.
    pub faint_relationships: f32,
    /// The engagement view's arrows: line width and head length.
    pub backdrop_arrow_px: (f32, f32),
    /// Headings of a view's backdrop (quadrant and column names).
    pub heading_px: f32,
    /// Symbols are drawn at least this many points a canvas unit of radius, however far
    /// out the zoom: a map seen whole keeps symbols whose size and shape can be told.
    pub min_symbol_scale: f32,
}

impl Tokens {
    /// The window and the exports.
    pub const SCREEN: Self = Self {
        label_size: 13.0,
        min_label_px: 11.0,
        max_label_px: 22.0,
        min_label_zoom: 0.12,
        halo_px: 3.0,
        label_gap_px: 3.0,
        leader_px: 1.0,
        leader_dot_px: 2.0,
        most_leaders: 48,
        selection_px: 3.0,
        hover_px: 2.0,
        ring_px: 3.0,
        ring_gap_px: 4.0,
        arrow_per_width: 2.5,
        min_arrow_px: 8.0,
        min_arrow_zoom: 0.15,
        tiny_px: 3.0,
        dash_px: (8.0, 5.0),
        max_dashes: 12.0,
        min_line_px: 1.0,
        faded: 0.3,
        faint_relationships: 0.25,
        backdrop_arrow_px: (1.5, 8.0),
        heading_px: 15.0,
        min_symbol_scale: 0.35,
    };

    /// A projector at the back of a room: large labels of a fixed size, thick lines.
    pub const PROJECTOR: Self = Self {
        label_size: 24.0,
        min_label_px: 24.0,
        max_label_px: 24.0,
        min_label_zoom: 0.0,
        halo_px: 5.0,
        label_gap_px: 5.0,
        leader_px: 2.0,
        leader_dot_px: 4.0,
        most_leaders: 48,
        selection_px: 5.0,
        hover_px: 4.0,
        ring_px: 5.0,
        ring_gap_px: 6.0,
        arrow_per_width: 2.5,
        min_arrow_px: 14.0,
        min_arrow_zoom: 0.0,
        tiny_px: 3.0,
        dash_px: (14.0, 8.0),
        max_dashes: 12.0,
        min_line_px: 2.5,
        faded: 0.25,
        faint_relationships: 0.25,
        backdrop_arrow_px: (3.0, 14.0),
        heading_px: 28.0,
        min_symbol_scale: 0.5,
    };

    /// The label size at a zoom, in whole pixels (each distinct size costs a new set of
    /// glyphs), or `None` when zoomed too far out for labels to be read.
    pub fn label_px(&self, zoom: f32) -> Option<f32> {
        (zoom >= self.min_label_zoom).then(|| {
            (self.label_size * zoom)
                .round()
                .clamp(self.min_label_px, self.max_label_px)
        })
    }
}

/// The colours of the drawing around the map's own encoding (kinds, tones, changes): the
/// background, text and outlines, for a light or a dark surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Behind everything.
    pub background: Rgba,
    /// Labels and strong text.
    pub text: Rgba,
    /// Secondary text (the tray's name, captions).
    pub weak_text: Rgba,
    /// Behind a label, so no line crosses text (the background, nearly opaque).
    pub halo: Rgba,
    /// Outline of the selection, and a selected relationship.
    pub selection: Rgba,
    /// Outline of what is under the pointer.
    pub hover: Rgba,
    /// Pin marks.
    pub pin: Rgba,
    /// Tint of the power/interest quadrants (alpha carries the strength).
    pub backdrop: Rgba,
    /// Arrows of the engagement view, from current to desired; also the box being dragged
    /// to select and the line being dragged to connect.
    pub engagement_arrow: Rgba,
    /// The outline of stakeholder symbols in the legend.
    pub symbol_outline: Rgba,
}

impl Palette {
    /// Light text on a dark surface (egui's dark theme).
    pub const DARK: Self = Self {
        background: Rgba::hex(0x1B1B1B),
        text: Rgba::hex(0xF0F0F0),
        weak_text: Rgba::hex(0xB4B4B4),
        halo: Rgba([27, 27, 27, 220]),
        selection: Rgba::hex(0xFFFFFF),
        hover: Rgba::hex(0xD0D0D0),
        pin: Rgba::hex(0xF0F0F0),
        backdrop: Rgba([240, 240, 240, 255]),
        engagement_arrow: Rgba::hex(0x56B4E9),
        symbol_outline: Rgba::hex(0x606060),
    };

    /// Dark text on a light surface (egui's light theme).
    pub const LIGHT: Self = Self {
        background: Rgba::hex(0xF8F8F8),
        text: Rgba::hex(0x141414),
        weak_text: Rgba::hex(0x4A4A4A),
        halo: Rgba([248, 248, 248, 225]),
        selection: Rgba::hex(0x000000),
        hover: Rgba::hex(0x303030),
        pin: Rgba::hex(0x141414),
        backdrop: Rgba([20, 20, 20, 255]),
        engagement_arrow: Rgba::hex(0x0072B2),
        symbol_outline: Rgba::hex(0x505050),
    };

    /// A projector: white, black text, the strongest contrast.
    pub const PROJECTOR: Self = Self {
        background: Rgba::hex(0xFFFFFF),
        text: Rgba::hex(0x000000),
        weak_text: Rgba::hex(0x333333),
        halo: Rgba([255, 255, 255, 235]),
        selection: Rgba::hex(0x000000),
        hover: Rgba::hex(0x202020),
        pin: Rgba::hex(0x000000),
        backdrop: Rgba([0, 0, 0, 255]),
        engagement_arrow: Rgba::hex(0x0072B2),
        symbol_outline: Rgba::hex(0x404040),
    };
}

/// The WCAG 2 contrast ratio of two opaque colours (1 to 21; 4.5 is the least for text).
pub fn contrast(a: Rgba, b: Rgba) -> f32 {
    fn luminance(Rgba([r, g, b, _]): Rgba) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_against_every_background_by_wcag() {
        for palette in [Palette::DARK, Palette::LIGHT, Palette::PROJECTOR] {
            assert!(
                contrast(palette.text, palette.background) >= 7.0,
                "{palette:?}"
            );
            assert!(
                contrast(palette.weak_text, palette.background) >= 4.5,
                "{palette:?}"
            );
        }
    }

    #[test]
    fn label_sizes_are_whole_pixels_within_their_bounds() {
        let t = Tokens::SCREEN;
        assert_eq!(t.label_px(1.0), Some(13.0));
        assert_eq!(t.label_px(0.3), Some(t.min_label_px));
        assert_eq!(t.label_px(9.0), Some(t.max_label_px));
        assert_eq!(t.label_px(0.05), None);
        assert_eq!(Tokens::PROJECTOR.label_px(0.05), Some(24.0));
    }
}
