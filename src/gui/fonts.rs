//! Fonts for names in every script: egui's own fonts stay first (Latin, Greek, Cyrillic,
//! emoji), then our bundled font and the system's fallbacks from [`crate::fonts`].

use std::borrow::Cow;
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::fonts::FallbackFace;

/// Gives `ctx` egui's default fonts followed by ours and the system's fallbacks, in both
/// the proportional and the monospace family. Call once, before the first frame (the
/// fonts take effect when the next frame begins). The system's fonts are looked up the
/// first time in the process and kept, so calling this again (each test harness) is cheap.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions(&crate::fonts::fallbacks().faces));
}

/// egui's default fonts followed by `faces` in their order, in the proportional and the
/// monospace family. The faces' data is borrowed, not copied.
pub fn definitions(faces: &'static [FallbackFace]) -> FontDefinitions {
    let mut definitions = FontDefinitions::default();
    for face in faces {
        let data = FontData {
            font: Cow::Borrowed(face.data.as_ref()),
            index: face.index,
            tweak: Default::default(),
        };
        definitions
            .font_data
            .insert(face.name.clone(), Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(face.name.clone());
        }
    }
    definitions
}
