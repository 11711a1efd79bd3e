//! Filters in the window, as a person uses them: open Filter in the side panel, type into
//! its text field, choose what is left out, and remove conditions by their chips.

use crate::common::{builtin_app, canvas_names};
use egui_kittest::kittest::Queryable;

#[test]
fn typing_a_filter_hides_the_rest_and_its_chip_brings_it_back() {
    let mut harness = builtin_app();
    let all = canvas_names(&harness).len();
    assert!(all > 50, "{all} names before");
    harness.get_by_label_contains("Filter").click();
    harness.run();
    harness.get_by_label("hide").click();
    harness.run();
    harness.get_by_label("Filter text").click();
    harness.run();
    for c in "kestrel".chars() {
        harness.event(egui::Event::Text(c.to_string()));
        harness.step();
    }
    // Hiding moves the view's stakeholders: let them arrive.
    harness.run_steps(60);
    let names = canvas_names(&harness);
    // Every letter reached the field: the chip reads the whole word.
    assert!(harness.query_by_label_contains("text: kestrel").is_some());
    assert!(!names.is_empty());
    for (name, _) in &names {
        let s = harness
            .state()
            .map()
            .stakeholders()
            .find(|s| &s.name == name)
            .expect("a stakeholder's name")
            .clone();
        let text = [&s.name, &s.description, &s.sector, &s.area]
            .into_iter()
            .chain(&s.tags)
            .any(|f| f.to_lowercase().contains("kestrel"));
        assert!(text, "{name} does not mention Kestrel but is shown");
    }
    assert!(names.len() < all / 2, "{} of {all} shown", names.len());
    assert_eq!(
        harness.state().map().stakeholder_count(),
        63,
        "the map is untouched"
    );
    // The chip says what is on and takes it off.
    harness.get_by_label_contains("text: kestrel").click();
    harness.run_steps(60);
    assert!(harness.query_by_label_contains("text: kestrel").is_none());
    assert!(canvas_names(&harness).len() > 50, "everything is back");
}

#[test]
fn a_kind_filter_fades_the_others_in_place() {
    let mut harness = builtin_app();
    harness.get_by_label_contains("Filter").click();
    harness.run();
    crate::common::scroll_and_click_role(&mut harness, egui::accesskit::Role::CheckBox, "Issue");
    assert!(
        harness.query_by_label_contains("kind: Issue").is_some(),
        "a chip"
    );
    // Fade is the default: every stakeholder is still drawn, all but the issues faded.
    let (shown, decorations) = harness.state().shown().expect("shown");
    assert_eq!(shown.stakeholder_count(), 63);
    for s in shown.stakeholders() {
        assert_eq!(
            decorations.is_faded(s.id()),
            s.kind != stakemap::model::StakeholderKind::Issue,
            "{}",
            s.name
        );
    }
}
