//! Measuring names with real fonts, without a window: the pictures draw with these fonts,
//! and the layouts make room for names measured with them ([`FontMeasure::for_layout`]).

use super::scene::TextMeasure;

/// Measures text with the fonts a picture is drawn with: Ubuntu Light (the window's own
/// Latin font, carried by the program) and, for characters it lacks, the fallbacks.
/// Advances only (no kerning, no shaping): egui and resvg draw a Latin name within a pixel
/// or two of this.
pub struct FontMeasure {
    /// The carried font is borrowed, not copied: layouts make a measure per round.
    faces: Vec<std::borrow::Cow<'static, [u8]>>,
    /// Every width is multiplied by this (1 to measure; a little more to make room).
    widen: f32,
}

impl FontMeasure {
    /// The window's Latin font, then `fallbacks` (font files' bytes) in order.
    pub fn new(fallbacks: Vec<Vec<u8>>) -> Self {
        let mut faces = vec![std::borrow::Cow::Borrowed(
            epaint_default_fonts::UBUNTU_LIGHT,
        )];
        faces.extend(fallbacks.into_iter().map(std::borrow::Cow::Owned));
        Self { faces, widen: 1.0 }
    }

    /// The measure layouts make room with: the window's Latin font, widths 6% wider (for
    /// the pixel rounding of the window's text and a little air), and characters it lacks
    /// (other scripts, drawn by fallback fonts) counted one size wide, as wide as such
    /// glyphs come.
    pub fn for_layout() -> Self {
        Self {
            faces: vec![std::borrow::Cow::Borrowed(
                epaint_default_fonts::UBUNTU_LIGHT,
            )],
            widen: 1.06,
        }
    }
}

impl TextMeasure for FontMeasure {
    fn measure(&self, text: &str, px: f32) -> [f32; 2] {
        let faces: Vec<ttf_parser::Face<'_>> = self
            .faces
            .iter()
            .filter_map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .collect();
        let missing = if self.widen > 1.0 { 1.0 } else { 0.6 };
        let mut width = 0.0;
        for c in text.chars() {
            let advance = faces.iter().find_map(|face| {
                let glyph = face.glyph_index(c)?;
                let advance = f32::from(face.glyph_hor_advance(glyph)?);
                Some(advance / f32::from(face.units_per_em()))
            });
            width += advance.unwrap_or(missing) * px;
        }
        [width * self.widen, px * 1.25]
    }
}
