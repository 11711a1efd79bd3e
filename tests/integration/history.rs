//! Relationship strength over time, as a person meets it in the window: logging an
//! interaction, the trends of the built-in map, the map as of a date, and comparisons.

use crate::common::{builtin_app, ctrl, type_into};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::analysis::{self, Moment, Trend, TrendSettings};
use stakemap::gui::{Selection, StakemapApp};
use stakemap::model::Date;
use stakemap::style::Change;

fn date(text: &str) -> Date {
    text.parse().expect("a date")
}

#[test]
fn log_an_interaction_find_it_in_the_log_and_undo_it() {
    let mut harness = builtin_app();
    let (id, count) = harness
        .state()
        .map()
        .relationships()
        .find(|r| r.observations.len() >= 2)
        .map(|r| (r.id(), r.observations.len()))
        .expect("an observed relationship");
    harness.state_mut().select(Selection::relationship(id));
    harness.run_steps(2);
    let today = Date::today().to_string();
    // Date fields showing today: the as-of field, and any log entry of today.
    let todays = |harness: &Harness<'_, StakemapApp>| {
        harness
            .get_all_by_role(Role::TextInput)
            .filter(|n| n.value().as_deref() == Some(today.as_str()))
            .count()
    };
    let before = todays(&harness);
    harness.key_press(egui::Key::L);
    harness.run_steps(3);
    let log = &harness
        .state()
        .map()
        .relationship(id)
        .expect("there")
        .observations;
    assert_eq!(log.len(), count + 1);
    assert!(log.iter().any(|o| o.date.to_string() == today));
    // In the log, newest first: one more date field holding today's date.
    assert_eq!(todays(&harness), before + 1);
    // L leaves the keyboard in the new entry's note; Esc leaves the note, then undo.
    harness.key_press(egui::Key::Escape);
    harness.run();
    ctrl(&mut harness, false, egui::Key::Z);
    let log = &harness
        .state()
        .map()
        .relationship(id)
        .expect("there")
        .observations;
    assert_eq!(log.len(), count, "undone");
}

#[test]
fn the_builtin_map_has_rising_and_cooling_relationships() {
    let map = stakemap::builtin::police_community();
    let today = date("2026-11-28");
    let trends: Vec<Trend> = map
        .relationships()
        .map(|r| analysis::relationship_trend(r, today, &TrendSettings::default()).trend)
        .collect();
    let rising = trends.iter().filter(|t| **t == Trend::Rising).count();
    let cooling = trends.iter().filter(|t| **t == Trend::Cooling).count();
    assert!(rising >= 8, "{rising} rising");
    assert!(cooling >= 6, "{cooling} cooling");
}

#[test]
fn needs_attention_lists_what_is_cooling_and_selects_it() {
    let mut harness = builtin_app();
    let items = harness.state().attention().to_vec();
    assert!(!items.is_empty());
    harness.get_by_label(&format!("Needs attention ({})", items.len()));
    let first = items[0].subject.name(harness.state().map());
    crate::common::scroll_and_click(&mut harness, &first);
    harness.run_steps(2);
    assert!(
        !harness.state().selection().is_empty(),
        "the item is selected on the canvas"
    );
    // The inspector says why: the most urgent item is a cooling relationship.
    harness.get_by_label_contains("Trend: cooling: ");
}

#[test]
fn as_of_the_earliest_date_shows_only_the_earliest_relationships() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let (first, _) = analysis::observation_span(&map).expect("observed");
    let earliest = map
        .relationships()
        .filter(|r| r.observations.iter().any(|o| o.date <= first))
        .count();
    assert!(
        earliest < map.relationship_count() / 4,
        "{earliest} of them"
    );
    // Type the date into the field beside the slider.
    harness
        .get_by_role_and_label(Role::TextInput, "As of")
        .focus();
    harness.run_steps(1);
    for _ in 0..10 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "As of")
        .type_text(&first.to_string());
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().shown_relationship_count(), earliest);
    harness.get_by_label("Today").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().shown_relationship_count(),
        map.relationship_count()
    );
}

#[test]
fn comparing_two_dates_highlights_the_changes() {
    let mut harness = builtin_app();
    harness.state_mut().show_comparison(Some((
        Moment::Date(date("2025-01-01")),
        Moment::Date(date("2026-01-01")),
    )));
    harness.run_steps(2);
    let changes = harness.state().shown_changes();
    let count = |c| changes.iter().filter(|(_, change)| *change == c).count();
    // The same counts the change report gives (worked out by hand in tests/cli.rs).
    assert_eq!(count(Change::Added), 21);
    assert_eq!(count(Change::Strengthened), 19);
    assert_eq!(count(Change::Weakened), 1);
    harness.get_by_label("Colour is change");
    harness.get_by_label("Stop comparing").click();
    harness.run_steps(2);
    assert!(harness.state().shown_changes().is_empty());
}

#[test]
fn a_baseline_saved_in_the_window_is_kept_in_the_map_and_undoable() {
    let mut harness = builtin_app();
    harness.state_mut().show_as_of(Some(date("2025-06-30")));
    harness.run_steps(2);
    type_into(&mut harness, "Baseline", "Mid 2025");
    harness.get_by_label("Save baseline").click();
    harness.run_steps(2);
    let baseline = harness
        .state()
        .map()
        .baseline("Mid 2025")
        .expect("saved")
        .clone();
    assert_eq!(baseline.date, date("2025-06-30"));
    let text = stakemap::io::to_ron(harness.state().map());
    assert!(text.contains("Mid 2025"));
    assert_eq!(
        stakemap::io::parse(&text, "t")
            .expect("loads")
            .baseline("Mid 2025"),
        Some(&baseline)
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    ctrl(&mut harness, false, egui::Key::Z);
    assert!(harness.state().map().baselines().is_empty());
}

/// Replaces what a labelled text field holds with `text`, then presses Enter.
fn retype(harness: &mut Harness<'_, StakemapApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    for _ in 0..12 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
}

#[test]
fn a_date_that_is_not_taken_as_typed_says_why() {
    let mut harness = builtin_app();
    harness.state_mut().set_today(date("2026-11-28"));
    harness.run();
    retype(&mut harness, "As of", "2030-01-01");
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("today at the latest")),
        "a date after today is said to be planned"
    );
    retype(&mut harness, "As of", "2025-02-30");
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("“2025-02-30” is not a date")),
    );
    retype(&mut harness, "Compare", "2025-02-30");
    retype(&mut harness, "with", "2026-11-28");
    assert!(
        harness
            .query_by_label("2025-02-30 is not a date (YYYY-MM-DD)")
            .is_some(),
        "the comparison says why it cannot be shown"
    );
    retype(&mut harness, "Compare", "No such baseline");
    assert!(
        harness
            .query_by_label("the map has no baseline “No such baseline”")
            .is_some()
    );
}
