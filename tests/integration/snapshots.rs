//! Pixel snapshots of the window where the drawing is the feature: the canvas and the
//! legend of the built-in map in both themes, after switching themes while running (which
//! once left every label blank or scrambled), compared with reference images with a
//! tolerance. Rendered by wgpu on the CPU (Mesa's llvmpipe), no GPU needed.
//!
//! To accept a changed drawing: `UPDATE_SNAPSHOTS=1 cargo test --test integration snapshots::`, then look
//! at the images in `tests/snapshots/` before committing them.

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use stakemap::gui::StakemapApp;
use stakemap::model::Date;

/// The day the pictures are taken on: trends and cooling depend on it.
fn picture_day() -> Date {
    Date::from_ymd(2026, 11, 28).expect("a day")
}

fn window(theme: egui::ThemePreference) -> Harness<'static, StakemapApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(16)
        .build_eframe(move |_cc| {
            let mut app = StakemapApp::on_builtin();
            app.use_in_app_dialogs();
            app.set_today(picture_day());
            app.push(stakemap::gui::Command::SetTheme(theme));
            app
        });
    harness.run();
    harness
}

fn options() -> SnapshotOptions {
    // Software rendering differs by a few pixels between Mesa versions; a broken drawing
    // (blank or scrambled labels, a missing legend) differs by thousands.
    SnapshotOptions::new().threshold(2.0).max_failed_pixels(400)
}

/// Moves the pointer off everything it could highlight (the status bar's empty end).
fn away(harness: &mut Harness<'static, StakemapApp>) {
    harness.hover_at(egui::pos2(1270.0, 795.0));
    harness.run();
}

#[test]
fn the_map_in_the_dark_theme() {
    let mut harness = window(egui::ThemePreference::Dark);
    harness.snapshot_options("builtin_dark", &options());
}

#[test]
fn the_map_in_the_light_theme() {
    let mut harness = window(egui::ThemePreference::Light);
    harness.snapshot_options("builtin_light", &options());
}

#[test]
fn switching_theme_while_running_redraws_every_label() {
    let mut harness = window(egui::ThemePreference::Dark);
    harness
        .get_all_by_label("View")
        .next()
        .expect("the View menu")
        .click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    harness.key_press(egui::Key::Escape); // close the menu
    away(&mut harness);
    // The same picture as a window started in the light theme.
    harness.snapshot_options("builtin_light", &options());
    harness
        .get_all_by_label("View")
        .next()
        .expect("the View menu")
        .click();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    away(&mut harness);
    harness.snapshot_options("builtin_dark", &options());
}

#[test]
fn changing_the_ui_scale_redraws_every_label() {
    // A window drawn at 125% from its first frame is the reference; one switched to 125%
    // after drawing at 100% must look the same (its font atlas is rebuilt: a label kept
    // from before would point into the old one and draw scrambled).
    let started = |switch_first: bool| {
        let mut harness = Harness::builder()
            .with_size([1280.0, 800.0])
            .with_max_steps(16)
            .build_eframe(|_cc| {
                let mut app = StakemapApp::on_builtin();
                app.use_in_app_dialogs();
                app.set_today(picture_day());
                app.push(stakemap::gui::Command::SetTheme(
                    egui::ThemePreference::Dark,
                ));
                app
            });
        if switch_first {
            harness.set_pixels_per_point(1.25);
        }
        harness.run();
        harness.set_pixels_per_point(1.25);
        harness.run();
        away(&mut harness);
        harness
    };
    let reference = started(true).render().expect("rendered");
    let switched = started(false).render().expect("rendered");
    assert_eq!(reference.dimensions(), switched.dimensions());
    let differing = reference
        .pixels()
        .zip(switched.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 8))
        .count();
    // The same picture, to a few pixels of antialiasing.
    assert!(differing < 400, "{differing} pixels differ");
}
