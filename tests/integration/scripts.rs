//! Names in every script draw with real glyphs, and right-to-left names read right to left:
//! the window's fonts (egui's, ours, the system's) asked about every character of a map
//! written in Arabic, Hebrew, Chinese, Vietnamese, Cyrillic and emoji, and lines laid out
//! by egui checked glyph by glyph.
//!
//! What our bundled font covers is checked everywhere; Chinese needs a system font
//! (`fonts-droid-fallback` on Debian): without one the check says so and is skipped,
//! unless `STAKEMAP_REQUIRE_CJK=1` (set by `.ci/run`, which installs the font).

use std::path::Path;

use egui::{Color32, FontFamily, FontId};
use egui_kittest::Harness;
use stakemap::fonts::Script;
use stakemap::gui::StakemapApp;
use stakemap::model::Map;
use stakemap::text::{display_order, visual_order};

fn unicode_names() -> Map {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unicode_names.ron");
    stakemap::io::load(&path).expect("tests/data/unicode_names.ron loads")
}

/// Every text of the map a person reads on the canvas or in the inspector.
fn texts(map: &Map) -> Vec<String> {
    let mut texts = vec![map.title.clone()];
    for s in map.stakeholders() {
        texts.extend([&s.name, &s.description, &s.sector, &s.area].map(String::clone));
        texts.extend(s.tags.iter().cloned());
    }
    for r in map.relationships() {
        texts.extend([r.owner.clone(), r.notes.clone()]);
        for o in &r.observations {
            texts.extend([o.note.clone(), o.recorded_by.clone()]);
        }
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// The window on the map; it installs the fonts itself on its first frame.
fn window() -> Harness<'static, StakemapApp> {
    let map = unicode_names();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| StakemapApp::with_map(map, None));
    harness.run_steps(3); // new fonts take effect when a frame begins
    harness
}

/// The characters of `texts` that neither font family can draw.
fn missing_glyphs<State>(harness: &Harness<'_, State>, texts: &[String]) -> Vec<char> {
    let mut missing: Vec<char> = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|&c| {
            // egui's `has_glyph` also says no for every character of the face that holds
            // its replacement glyph, so ask each family's fonts for the character itself.
            harness.ctx.fonts_mut(|fonts| {
                [FontFamily::Proportional, FontFamily::Monospace]
                    .iter()
                    .any(|family| !fonts.fonts.font(family).characters().contains_key(&c))
            })
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

#[test]
fn every_character_of_every_name_has_a_glyph_once_fonts_are_installed() {
    let harness = window();
    let texts = texts(&unicode_names());
    let missing = missing_glyphs(&harness, &texts);

    // Latin with Vietnamese, Hebrew, Arabic, Cyrillic, arrows: our font, on every machine.
    let (cjk, other): (Vec<char>, Vec<char>) = missing.into_iter().partition(|&c| is_cjk(c));
    assert!(other.is_empty(), "drawn as boxes: {other:?}");
    let arrow = ["Nguyễn Thị → ✓".to_owned()];
    assert!(
        missing_glyphs(&harness, &arrow).is_empty(),
        "the undo label's arrow"
    );

    // Chinese: the system's font.
    let require = std::env::var("STAKEMAP_REQUIRE_CJK").is_ok_and(|v| v == "1");
    match stakemap::fonts::fallbacks().face_for(Script::Han) {
        Some(face) => {
            println!("Han from {} ({:?})", face.name, face.origin);
            assert!(cjk.is_empty(), "Han drawn as boxes: {cjk:?}");
        }
        None if require => panic!(
            "STAKEMAP_REQUIRE_CJK=1 but no system font covers Han \
             (install fonts-droid-fallback); boxes: {cjk:?}"
        ),
        None => println!(
            "note: no system font covers Han on this machine (install fonts-droid-fallback); \
             CJK check skipped, boxes: {cjk:?}"
        ),
    }
}

#[test]
fn without_the_fonts_those_names_draw_as_boxes() {
    // What the window showed before: egui's own fonts lack all of these. (The window
    // installs the fonts itself on its first frame, so a bare egui context stands in.)
    let mut harness = Harness::new_ui(|ui| {
        ui.label("egui's own fonts");
    });
    harness.run();
    let texts = texts(&unicode_names());
    let missing = missing_glyphs(&harness, &texts);
    for c in ['ễ', 'ị', 'ה', 'ج', '夜'] {
        assert!(missing.contains(&c), "{c} has a glyph without our fonts");
    }
    assert_eq!(missing_glyphs(&harness, &["→".to_owned()]), ['→']);
}

/// The characters of a line as egui draws it, from left to right (zero-width glyphs, such
/// as the parts of a ligature, left out).
fn drawn_left_to_right(harness: &Harness<'_, StakemapApp>, text: &str) -> String {
    let galley = harness.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(text.to_owned(), FontId::proportional(14.0), Color32::WHITE)
    });
    let mut glyphs: Vec<(f32, char)> = galley
        .rows
        .iter()
        .flat_map(|row| row.glyphs.iter())
        .filter(|g| g.advance_width > 0.0)
        .map(|g| (g.pos.x, g.chr))
        .collect();
    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    glyphs.into_iter().map(|(_, c)| c).collect()
}

#[test]
fn right_to_left_names_are_drawn_right_to_left() {
    let harness = window();
    for name in [
        "Rabbi Yael Ben-David · הרב יעל בן-דוד",
        "שלום (עולם) 2025",
        "٥٫٠ incidents / مئة",
        "اجتماع مع الجالية",
    ] {
        let seen = visual_order(name).replace(' ', "");
        // What the window hands egui...
        let drawn = drawn_left_to_right(&harness, &display_order(name)).replace(' ', "");
        assert_eq!(drawn, seen, "{name}");
        // ...and what egui alone would draw: the words in the wrong order.
        let unordered = drawn_left_to_right(&harness, name).replace(' ', "");
        assert_ne!(unordered, seen, "{name}");
    }
}

#[test]
fn arabic_letters_join() {
    // Beh three times: joined, the initial, medial and final forms are narrower than three
    // isolated behs side by side.
    let harness = window();
    let width = |text: &str| {
        harness.ctx.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_owned(), FontId::proportional(14.0), Color32::WHITE)
                .size()
                .x
        })
    };
    let isolated = width("ب");
    let joined = width(&display_order("ببب"));
    assert!(
        joined < 3.0 * isolated - 1.0,
        "joined {joined} vs 3 x isolated {isolated}"
    );
}
