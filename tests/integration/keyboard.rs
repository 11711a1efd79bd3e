//! The canvas by keyboard, as a person who does not use a mouse (or a screen reader) uses
//! it: the canvas takes the focus, Tab goes to a stakeholder, the arrows go along its
//! relationships, Enter opens it in the inspector, and AccessKit says each one.

use crate::common::{builtin_app, click_at, press_key};
use egui_kittest::kittest::{NodeT, Queryable};

/// What the canvas's accessible description says now: the one label that starts with a
/// stakeholder's name and kind.
fn said(harness: &egui_kittest::Harness<'_, stakemap::gui::StakemapApp>) -> String {
    let map = harness.state().map();
    harness
        .query_all_by_label_contains("relationship")
        .filter_map(|n| n.accesskit_node().label().map(|l| l.to_string()))
        .find(|l| {
            map.stakeholders()
                .any(|s| l.starts_with(&format!("{}, {}, ", s.name, s.kind)))
        })
        .unwrap_or_default()
}

#[test]
fn tab_arrows_and_enter_move_along_relationships_and_a_screen_reader_hears_each() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let mut names: Vec<_> = map.stakeholders().map(|s| s.name.clone()).collect();
    names.sort();
    // A click on empty canvas gives it the keyboard.
    let rect = harness.state().canvas_rect().expect("canvas");
    click_at(&mut harness, rect.left_bottom() + egui::vec2(6.0, -6.0));
    press_key(&mut harness, egui::Key::Tab);
    harness.run();
    // The first stakeholder by name, said with its kind and relationships.
    let first = map
        .stakeholders()
        .find(|s| s.name == names[0])
        .expect("on the map");
    let heard = said(&harness);
    assert!(
        heard.starts_with(&format!("{}, {}, ", first.name, first.kind)),
        "{heard}"
    );
    assert!(heard.contains("relationship"), "{heard}");
    // The arrows go to a neighbour: whichever way has one.
    let neighbours: Vec<_> = map
        .relationships_of(first.id())
        .iter()
        .map(|r| {
            if r.from() == first.id() {
                r.to()
            } else {
                r.from()
            }
        })
        .collect();
    let mut moved_to = None;
    for key in [
        egui::Key::ArrowRight,
        egui::Key::ArrowDown,
        egui::Key::ArrowLeft,
        egui::Key::ArrowUp,
    ] {
        press_key(&mut harness, key);
        harness.run();
        let now = neighbours.iter().find(|id| {
            let s = map.stakeholder(**id).expect("there");
            said(&harness).starts_with(&format!("{}, {}", s.name, s.kind))
        });
        if let Some(id) = now {
            moved_to = Some(*id);
            break;
        }
    }
    let moved_to = moved_to.expect("an arrow went along a relationship");
    // No shortcut fired on the way, and nothing was selected yet.
    assert!(harness.state().selection().is_empty());
    // Enter opens it: selected, and the inspector shows its name.
    press_key(&mut harness, egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().selection(),
        &stakemap::gui::Selection::stakeholder(moved_to)
    );
    assert!(!harness.state().is_dirty());
}

#[test]
fn single_key_shortcuts_still_work_while_the_canvas_has_the_keyboard() {
    let mut harness = builtin_app();
    let rect = harness.state().canvas_rect().expect("canvas");
    click_at(&mut harness, rect.left_bottom() + egui::vec2(6.0, -6.0));
    // G hides the legend; it must not be swallowed as typing.
    assert!(harness.query_by_label("Width is strength").is_some());
    press_key(&mut harness, egui::Key::G);
    harness.run_steps(4);
    assert!(harness.query_by_label("Width is strength").is_none());
}

/// Keys typed faster than a frame act in the order typed, each once: "5" then "1" had
/// ended on the engagement view (the shortcuts were read in their table's order, 1 before
/// 5), and a key typed twice in a frame counted once.
#[test]
fn keys_typed_within_one_frame_act_in_the_order_typed() {
    use stakemap::layout::for_map::MapLayout;
    let mut harness = builtin_app();
    for (keys, view) in [
        ([egui::Key::Num5, egui::Key::Num1], MapLayout::Network),
        (
            [egui::Key::Num4, egui::Key::Num2],
            MapLayout::CircularByKind,
        ),
        ([egui::Key::Num2, egui::Key::Num4], MapLayout::PowerInterest),
    ] {
        crate::common::keys_in_one_frame(&mut harness, &keys);
        harness.run_steps(4);
        assert_eq!(harness.state().layout(), view, "{keys:?}");
    }
}

/// Tab pressed twice within a frame goes two stakeholders on, as pressed twice in two
/// frames does: each press of a key had been read once a frame.
#[test]
fn tab_twice_within_a_frame_goes_two_on() {
    let mut heard = Vec::new();
    for together in [false, true] {
        let mut harness = builtin_app();
        let rect = harness.state().canvas_rect().expect("canvas");
        click_at(&mut harness, rect.left_bottom() + egui::vec2(6.0, -6.0));
        if together {
            crate::common::keys_in_one_frame(&mut harness, &[egui::Key::Tab, egui::Key::Tab]);
        } else {
            press_key(&mut harness, egui::Key::Tab);
            press_key(&mut harness, egui::Key::Tab);
        }
        harness.run();
        heard.push(said(&harness));
    }
    assert!(!heard[0].is_empty());
    assert_eq!(heard[0], heard[1], "two Tabs in one frame");
}
