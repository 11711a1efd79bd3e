//! What the window tests share: an app on a map in a harness, and the few gestures they
//! all make (a Ctrl shortcut, typing into a labelled field).
//!
//! Each test file uses some of these; the rest would be dead code in that file's crate.
#![allow(dead_code, reason = "each test crate uses its own subset")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::gui::StakemapApp;
use stakemap::model::{Map, StakeholderId};

/// The window on a map (never opening the desktop's file dialog), after its first frames.
pub fn app_on(map: Map, path: Option<std::path::PathBuf>) -> Harness<'static, StakemapApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| {
            let mut app = StakemapApp::with_map(map, path);
            app.use_in_app_dialogs();
            app
        });
    harness.run_steps(4);
    harness
}

/// The window on the built-in map.
pub fn builtin_app() -> Harness<'static, StakemapApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|_cc| {
            let mut app = StakemapApp::on_builtin();
            app.use_in_app_dialogs();
            app
        });
    harness.run();
    harness
}

/// Presses Ctrl (Cmd on a Mac) with a key, and Shift too if asked.
pub fn ctrl(harness: &mut Harness<'_, StakemapApp>, shift: bool, key: egui::Key) {
    let modifiers = if shift {
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT
    } else {
        egui::Modifiers::COMMAND
    };
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(4); // a question's window sizes itself before it can be clicked
}

/// Clicks into the text field with this label and types, as a person would.
pub fn type_into(harness: &mut Harness<'_, StakemapApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(1);
}

/// The id of the stakeholder with this name.
pub fn id_named(map: &Map, name: &str) -> StakeholderId {
    map.stakeholders()
        .find(|s| s.name == name)
        .map(|s| s.id())
        .unwrap_or_else(|| panic!("no stakeholder named {name}"))
}

/// Types text as a keyboard does: for each character, the key goes down (when egui has a
/// key for it, so a single-key shortcut could fire), the character is typed, the key comes
/// up; a frame each.
pub fn type_keys(harness: &mut Harness<'_, StakemapApp>, text: &str) {
    for c in text.chars() {
        let key = egui::Key::from_name(&c.to_uppercase().to_string());
        let modifiers = if c.is_uppercase() {
            egui::Modifiers::SHIFT
        } else {
            egui::Modifiers::NONE
        };
        if let Some(key) = key {
            harness.event(egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
        }
        harness.event(egui::Event::Text(c.to_string()));
        if let Some(key) = key {
            harness.event(egui::Event::Key {
                key,
                physical_key: None,
                pressed: false,
                repeat: false,
                modifiers,
            });
        }
        harness.step();
    }
    harness.run();
}

/// Presses a key and lets the window settle.
pub fn press_key(harness: &mut Harness<'_, StakemapApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// A click of the primary button at a point, as a mouse makes it.
pub fn click_at(harness: &mut Harness<'_, StakemapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// Notches of a mouse wheel over a point (positive: away from the person, zoom in).
pub fn wheel_at(harness: &mut Harness<'_, StakemapApp>, pos: egui::Pos2, notches: f32) {
    harness.hover_at(pos);
    harness.step();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, notches),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
    // egui spreads a wheel's scroll over a few frames.
    for _ in 0..30 {
        harness.step();
    }
    harness.run();
}

/// The text the window put on the system clipboard in its last frame, if any.
pub fn clipboard_text(harness: &Harness<'_, StakemapApp>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

/// Shows the map under a redaction profile, as View > Show as does.
pub fn show_as(
    harness: &mut Harness<'_, StakemapApp>,
    profile: stakemap::redaction::RedactionProfile,
) {
    harness
        .state_mut()
        .push(stakemap::gui::Command::ShowProfile(
            stakemap::redaction::RedactionOptions::new(profile),
        ));
    harness.run();
}

/// Runs the real binary with `args`, as a user would from a shell.
pub fn stakemap(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a program printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The built-in map written as `map.ron` in `dir`; its path.
pub fn builtin_file(dir: &std::path::Path) -> String {
    let path = dir.join("map.ron");
    std::fs::write(&path, stakemap::builtin::POLICE_COMMUNITY_RON).expect("write");
    path.display().to_string()
}

/// The names the canvas painted last frame, inside its rectangle.
pub fn canvas_names(harness: &Harness<'_, StakemapApp>) -> Vec<(String, egui::Color32)> {
    let rect = harness.state().canvas_rect().expect("the canvas is drawn");
    let mut names = Vec::new();
    fn walk(shape: &egui::Shape, rect: egui::Rect, names: &mut Vec<(String, egui::Color32)>) {
        match shape {
            egui::Shape::Text(t) if rect.contains(t.pos) => {
                // A name set in two lines reads as one.
                names.push((t.galley.job.text.replace('\n', " "), t.fallback_color));
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, rect, names)),
            _ => {}
        }
    }
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, rect, &mut names);
    }
    names
}

/// Scrolls the widget labelled `label` into view, as a person scrolls a panel to it, and
/// clicks it.
pub fn scroll_and_click(harness: &mut Harness<'_, StakemapApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// [`scroll_and_click`] for a widget found by its role and label (a check box "Issue" among
/// names).
pub fn scroll_and_click_role(harness: &mut Harness<'_, StakemapApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

/// Types `keys` all within the next frame, as a fast typist or a clicker pressed twice does
/// (the harness's own `key_press` gives each key a frame of its own).
pub fn keys_in_one_frame(harness: &mut Harness<'_, StakemapApp>, keys: &[egui::Key]) {
    for &key in keys {
        for pressed in [true, false] {
            harness.input_mut().events.push(egui::Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
}
