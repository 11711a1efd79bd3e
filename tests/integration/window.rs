//! The window in a person's hands: every text field keeps what is typed and shows the
//! map's value after undo and redo; keys meant for a field never reach the canvas; the
//! wheel zooms; a click never moves; new things land in free space; Esc closes; every
//! drawn relationship can be clicked. Driven through egui_kittest by what a person sees.

use crate::common::{builtin_app, click_at, ctrl, id_named, press_key, type_keys, wheel_at};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stakemap::gui::{Selection, StakemapApp};
use stakemap::model::{Date, Map, Relationship, RelationshipId, StakeholderId, StakeholderKind};

const CDS: &str = "Community Development Section (CDS)";

/// The CDS's id (from the built-in map: the tests rename it on the map they change).
fn cds(_map: &Map) -> StakeholderId {
    id_named(&stakemap::builtin::police_community(), CDS)
}

/// The CDS's first relationship with an observation log.
fn logged(map: &Map) -> &Relationship {
    map.relationships_of(cds(map))
        .into_iter()
        .find(|r| r.observations.len() >= 2)
        .expect("the CDS has a logged relationship")
}

/// Index of the observation the inspector lists first (the newest).
fn newest(r: &Relationship) -> usize {
    (0..r.observations.len())
        .max_by_key(|&i| (r.observations[i].date, i))
        .expect("a log")
}

/// One text field of the inspector, as a person finds it.
struct FieldCase {
    select: fn(&Map) -> Selection,
    label: &'static str,
    /// The field's value on the map.
    read: fn(&Map) -> String,
    /// What to type into it.
    typed: fn(&Map) -> String,
}

fn stakeholder_case(label: &'static str, read: fn(&Map) -> String) -> FieldCase {
    FieldCase {
        select: |m| Selection::stakeholder(cds(m)),
        label,
        read,
        typed: |_| "Typed ëlan — 2".to_owned(),
    }
}

fn contact(map: &Map) -> stakemap::model::Contact {
    map.stakeholder(cds(map))
        .and_then(|s| s.contact.clone())
        .unwrap_or_default()
}

fn cases() -> Vec<FieldCase> {
    vec![
        stakeholder_case("Name", |m| m.stakeholder(cds(m)).expect("cds").name.clone()),
        stakeholder_case("Description", |m| {
            m.stakeholder(cds(m)).expect("cds").description.clone()
        }),
        stakeholder_case("Sector", |m| {
            m.stakeholder(cds(m)).expect("cds").sector.clone()
        }),
        stakeholder_case("Area", |m| m.stakeholder(cds(m)).expect("cds").area.clone()),
        stakeholder_case("Contact person", |m| contact(m).person),
        stakeholder_case("Contact role", |m| contact(m).role),
        stakeholder_case("Email", |m| contact(m).email),
        stakeholder_case("Phone", |m| contact(m).phone),
        FieldCase {
            select: |m| Selection::relationship(logged(m).id()),
            label: "Owner",
            read: |m| logged(m).owner.clone(),
            typed: |_| "Owner Two".to_owned(),
        },
        FieldCase {
            select: |m| Selection::relationship(logged(m).id()),
            label: "Notes",
            read: |m| logged(m).notes.clone(),
            typed: |_| "Met at the Police Week barbecue".to_owned(),
        },
        FieldCase {
            select: |m| Selection::relationship(logged(m).id()),
            label: "Note",
            read: |m| {
                let r = logged(m);
                r.observations[newest(r)].note.clone()
            },
            typed: |_| "Agreed to co-host the spring forum".to_owned(),
        },
        FieldCase {
            select: |m| Selection::relationship(logged(m).id()),
            label: "Recorded by",
            read: |m| {
                let r = logged(m);
                r.observations[newest(r)].recorded_by.clone()
            },
            typed: |_| "Cst. A. Tremblay".to_owned(),
        },
        FieldCase {
            select: |m| Selection::relationship(logged(m).id()),
            label: "Date",
            read: |m| {
                let r = logged(m);
                r.observations[newest(r)].date.to_string()
            },
            // A day later than the newest, so it stays the newest (listed first).
            typed: |m| {
                let r = logged(m);
                r.observations[newest(r)].date.add_days(1).to_string()
            },
        },
        FieldCase {
            select: |_| Selection::default(),
            label: "Map title",
            read: |m| m.title.clone(),
            typed: |_| "Eastview partnership map".to_owned(),
        },
        FieldCase {
            select: |_| Selection::default(),
            label: "Map description",
            read: |m| m.description.clone(),
            typed: |_| "Who works with whom in Eastview".to_owned(),
        },
    ]
}

/// The first text field (one line or several) with this label.
fn field<'h>(harness: &'h Harness<'_, StakemapApp>, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("a field labelled {label}"))
}

/// What a text field shows now.
fn shown(harness: &Harness<'_, StakemapApp>, label: &str) -> String {
    field(harness, label).value().unwrap_or_default()
}

fn focus(harness: &mut Harness<'_, StakemapApp>, label: &str) {
    field(harness, label).focus();
    harness.run();
}

/// Leaves the field as a person would: a click on a plain part of the inspector.
fn leave(harness: &mut Harness<'_, StakemapApp>) {
    let heading = harness.get_by_label("Inspector").rect().center();
    click_at(harness, heading);
}

#[test]
fn every_text_field_keeps_what_is_typed_and_shows_the_map_after_undo_and_redo() {
    for case in cases() {
        let mut harness = builtin_app();
        let selection = (case.select)(harness.state().map());
        harness.state_mut().select(selection.clone());
        harness.run();
        let old = (case.read)(harness.state().map());
        let typed = (case.typed)(harness.state().map());
        let count = harness.state().map().stakeholder_count();
        assert_eq!(
            shown(&harness, case.label),
            old,
            "{}: shows the map",
            case.label
        );

        // Type: every character stays, nothing reaches the canvas.
        focus(&mut harness, case.label);
        ctrl(&mut harness, false, egui::Key::A);
        type_keys(&mut harness, &typed);
        assert_eq!(
            shown(&harness, case.label),
            typed,
            "{}: keeps typing",
            case.label
        );
        assert_eq!(
            (case.read)(harness.state().map()),
            old,
            "{}: not yet",
            case.label
        );
        assert_eq!(
            harness.state().map().stakeholder_count(),
            count,
            "{}",
            case.label
        );
        assert_eq!(*harness.state().selection(), selection, "{}", case.label);

        // Leave: one edit.
        leave(&mut harness);
        assert_eq!(
            (case.read)(harness.state().map()),
            typed,
            "{}: committed",
            case.label
        );
        assert!(harness.state().is_dirty());
        harness.state_mut().select(selection.clone());
        harness.run();
        assert_eq!(shown(&harness, case.label), typed, "{}", case.label);

        // Undo: the map and the field go back.
        ctrl(&mut harness, false, egui::Key::Z);
        assert_eq!(
            (case.read)(harness.state().map()),
            old,
            "{}: undone",
            case.label
        );
        assert_eq!(
            shown(&harness, case.label),
            old,
            "{}: the field shows the undone value",
            case.label
        );
        assert!(!harness.state().is_dirty(), "{}", case.label);

        // Focusing the field and leaving it changes nothing.
        focus(&mut harness, case.label);
        leave(&mut harness);
        harness.state_mut().select(selection.clone());
        harness.run();
        assert_eq!(
            (case.read)(harness.state().map()),
            old,
            "{}: a look",
            case.label
        );
        assert!(!harness.state().is_dirty(), "{}: still clean", case.label);

        // Redo: back to what was typed.
        ctrl(&mut harness, true, egui::Key::Z);
        assert_eq!(
            (case.read)(harness.state().map()),
            typed,
            "{}: redone",
            case.label
        );
        assert_eq!(shown(&harness, case.label), typed, "{}", case.label);
    }
}

#[test]
fn esc_in_a_field_goes_back_to_the_map_value() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run();
    focus(&mut harness, "Sector");
    type_keys(&mut harness, "zzz");
    press_key(&mut harness, egui::Key::Escape);
    assert_eq!(shown(&harness, "Sector"), "Policing");
    assert!(!harness.state().is_dirty());
}

#[test]
fn a_change_made_elsewhere_shows_in_the_fields() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run();
    let mut renamed = harness.state().map().stakeholder(id).expect("cds").clone();
    renamed.sector = "Community safety".into();
    harness.state_mut().push(stakemap::gui::Command::edit(
        stakemap::edit::Edit::UpdateStakeholder(renamed),
    ));
    harness.run();
    assert_eq!(shown(&harness, "Sector"), "Community safety");
}

#[test]
fn tags_are_typed_one_after_another_without_reaching_the_canvas() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    let count = harness.state().map().stakeholder_count();
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run();
    focus(&mut harness, "Tags");
    type_keys(&mut harness, "tenants");
    press_key(&mut harness, egui::Key::Enter);
    // The field keeps the keyboard: the next tag goes straight in.
    type_keys(&mut harness, "housing-coop");
    press_key(&mut harness, egui::Key::Enter);
    let map = harness.state().map();
    let tags = &map.stakeholder(id).expect("cds").tags;
    assert!(tags.contains(&"tenants".to_owned()), "{tags:?}");
    assert!(tags.contains(&"housing-coop".to_owned()), "{tags:?}");
    assert_eq!(map.stakeholder_count(), count, "N never fired");
    assert_eq!(*harness.state().selection(), Selection::stakeholder(id));
    // A click elsewhere leaves the field for good: the keys are the map's again.
    type_keys(&mut harness, "youth");
    let heading = harness.get_by_label("Inspector").rect().center();
    click_at(&mut harness, heading);
    assert!(
        !harness.ctx.egui_wants_keyboard_input(),
        "no field has the keyboard after a click elsewhere"
    );
    let map = harness.state().map();
    assert!(
        map.stakeholder(id)
            .expect("cds")
            .tags
            .contains(&"youth".to_owned())
    );
}

#[test]
fn choosing_a_kind_in_the_add_popup_leaves_the_keyboard_with_the_name() {
    let mut harness = builtin_app();
    let count = harness.state().map().stakeholder_count();
    harness.get_by_label("Add stakeholder").click();
    harness.run();
    harness
        .get_all_by_label("Organisation")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("the kind in the popup")
        .click();
    harness.run();
    // F (zoom to fit), N (new) and B are shortcuts on the canvas.
    type_keys(&mut harness, "Beta Food Bank");
    press_key(&mut harness, egui::Key::Enter);
    let map = harness.state().map();
    assert_eq!(map.stakeholder_count(), count + 1);
    let added = map
        .stakeholder(id_named(map, "Beta Food Bank"))
        .expect("added");
    assert_eq!(added.kind, StakeholderKind::Organisation);
}

#[test]
fn log_interaction_adds_today_and_gives_its_note_the_keyboard() {
    let mut harness = builtin_app();
    let id = logged(harness.state().map()).id();
    harness.state_mut().select(Selection::relationship(id));
    harness.run();
    let before = harness
        .state()
        .map()
        .relationship(id)
        .expect("r")
        .observations
        .len();
    harness.get_by_label("Log interaction").click();
    harness.run();
    let r = harness.state().map().relationship(id).expect("r");
    assert_eq!(r.observations.len(), before + 1);
    type_keys(&mut harness, "Phoned about the fair");
    leave(&mut harness);
    let r = harness.state().map().relationship(id).expect("r");
    assert!(
        r.observations
            .iter()
            .any(|o| o.date == Date::today() && o.note == "Phoned about the fair"),
        "the note went to today's observation"
    );
}

#[test]
fn trends_read_as_words_not_code() {
    let mut harness = builtin_app();
    let id = logged(harness.state().map()).id();
    harness.state_mut().select(Selection::relationship(id));
    harness.run();
    let trend = harness
        .get_by_label_contains("Trend: ")
        .value()
        .unwrap_or_default();
    assert!(
        ["Trend: rising", "Trend: steady", "Trend: cooling"]
            .iter()
            .any(|t| trend.starts_with(t)),
        "{trend}"
    );
}

#[test]
fn rings_with_nothing_selected_say_why_nothing_happens() {
    let mut harness = builtin_app();
    press_key(&mut harness, egui::Key::Num3);
    harness.get_by_label_contains("Select a stakeholder first");
    // A hint asks for no click: nothing waits on an OK, and it goes by itself.
    assert!(harness.query_by_label("OK").is_none());
    assert_eq!(harness.state().messages().count(), 0);
    // Seven and a half seconds: the harness's clock moves a quarter second a frame.
    harness.run_steps(30);
    assert!(
        harness
            .query_by_label_contains("Select a stakeholder first")
            .is_none(),
        "the hint is gone after a few seconds"
    );
}

#[test]
fn esc_closes_the_shortcuts_list_and_the_unsaved_question() {
    let mut harness = builtin_app();
    press_key(&mut harness, egui::Key::F1);
    assert!(
        harness
            .query_by_label("Esc closes this list. Scroll for more.")
            .is_some()
    );
    press_key(&mut harness, egui::Key::Escape);
    assert!(
        harness
            .query_by_label("Esc closes this list. Scroll for more.")
            .is_none()
    );

    let id = cds(harness.state().map());
    harness.state_mut().select(Selection::stakeholder(id));
    press_key(&mut harness, egui::Key::P);
    assert!(harness.state().is_dirty());
    ctrl(&mut harness, false, egui::Key::N);
    assert!(harness.state().is_asking());
    // An untitled map is named by its title, not a file it does not have.
    assert!(
        harness
            .get_all_by_label_contains("“Police and Community Mind Map”")
            .next()
            .is_some()
    );
    assert!(harness.query_by_label_contains("map.ron").is_none());
    press_key(&mut harness, egui::Key::Escape);
    assert!(!harness.state().is_asking());
    assert!(
        harness.state().is_dirty(),
        "Esc is Cancel: the changes stay"
    );
}

#[test]
fn esc_closes_an_open_menu_and_no_shortcut_fires_behind_it() {
    let mut harness = builtin_app();
    for (menu, item) in [
        ("Edit", "Select all"),
        ("View", "Find..."),
        ("File", "Save as..."),
    ] {
        harness.get_by_role_and_label(Role::Button, menu).click();
        harness.run();
        assert!(harness.query_by_label(item).is_some(), "{menu} is open");
        ctrl(&mut harness, false, egui::Key::N);
        assert!(
            !harness.state().is_asking() && harness.state().map().stakeholder_count() > 0,
            "Ctrl+N does nothing behind the open {menu} menu"
        );
        press_key(&mut harness, egui::Key::Escape);
        assert!(harness.query_by_label(item).is_none(), "Esc closes {menu}");
    }
    // With the menus closed, shortcuts work again.
    press_key(&mut harness, egui::Key::F1);
    assert!(
        harness
            .query_by_label("Esc closes this list. Scroll for more.")
            .is_some()
    );
}

fn harness_last(harness: &Harness<'_, StakemapApp>) -> egui::Rect {
    harness.get_by_label("Scroll or pinch").rect()
}

#[test]
fn the_shortcuts_list_scrolls_and_leaves_the_toolbar_in_sight() {
    let mut harness = builtin_app();
    press_key(&mut harness, egui::Key::F1);
    let heading = harness
        .get_by_label("Esc closes this list. Scroll for more.")
        .rect();
    let toolbar = harness.get_by_label("Add stakeholder").rect();
    assert!(
        heading.top() > toolbar.bottom(),
        "the list opens below the toolbar"
    );
    // The last row is reached by scrolling the list: it ends inside the window.
    let before = harness_last(&harness);
    wheel_at(
        &mut harness,
        heading.center() + egui::vec2(0.0, 120.0),
        -40.0,
    );
    let after = harness_last(&harness);
    assert!(
        after.bottom() <= 800.0,
        "the last row can be read: {before:?} -> {after:?}"
    );
}

#[test]
fn selecting_a_relationship_does_not_widen_the_inspector() {
    let mut harness = builtin_app();
    let left = |h: &Harness<'_, StakemapApp>| h.get_by_label("Inspector").rect().left();
    let before = left(&harness);
    let id = logged(harness.state().map()).id();
    harness.state_mut().select(Selection::relationship(id));
    harness.run();
    assert!(
        (left(&harness) - before).abs() < 1.0,
        "{before} -> {}",
        left(&harness)
    );
}

fn canvas_point(harness: &Harness<'_, StakemapApp>, id: StakeholderId) -> egui::Pos2 {
    harness
        .state()
        .stakeholder_on_screen(&harness.ctx, id)
        .expect("on screen")
}

#[test]
fn the_wheel_zooms_about_the_pointer_in_small_steps_and_pinch_too() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    let at = canvas_point(&harness, id);
    let zoom = |h: &Harness<'_, StakemapApp>| h.state().zoom(&h.ctx).expect("a canvas");
    let before = zoom(&harness);
    wheel_at(&mut harness, at, 1.0);
    let one = zoom(&harness);
    assert!(
        one > before * 1.05 && one < before * 1.4,
        "{before} -> {one}"
    );
    let still = canvas_point(&harness, id);
    assert!(
        (still - at).length() < 3.0,
        "the point under the pointer stays: {at:?} {still:?}"
    );
    wheel_at(&mut harness, at, 2.0);
    assert!(
        zoom(&harness) < before * 2.5,
        "three notches stay close: {}",
        zoom(&harness)
    );
    wheel_at(&mut harness, at, -3.0);
    assert!((zoom(&harness) / before - 1.0).abs() < 0.1, "and come back");
    // A touchpad pinch.
    harness.hover_at(at);
    harness.event(egui::Event::Zoom(1.25));
    harness.run();
    assert!(
        (zoom(&harness) / before - 1.25).abs() < 0.1,
        "{}",
        zoom(&harness)
    );
}

#[test]
fn a_click_on_a_stakeholder_moves_nothing() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    let position = harness
        .state()
        .map()
        .stakeholder(id)
        .and_then(|s| s.position);
    // Off its centre: a press there once snapped the stakeholder to the pointer.
    let at = canvas_point(&harness, id) + egui::vec2(2.0, 1.5);
    click_at(&mut harness, at);
    assert_eq!(*harness.state().selection(), Selection::stakeholder(id));
    assert_eq!(
        harness
            .state()
            .map()
            .stakeholder(id)
            .and_then(|s| s.position),
        position
    );
    assert!(!harness.state().is_dirty(), "a look is not an edit");
}

/// Whether a stakeholder's circle overlaps another's.
/// Whether a stakeholder's symbol or name covers another's, or is covered by it.
fn overlaps_another(map: &Map, id: StakeholderId) -> bool {
    use stakemap::layout::placement::Footprint;
    let footprint =
        |s: &stakemap::model::Stakeholder| Footprint::of(s, s.position.expect("placed"));
    let mine = footprint(map.stakeholder(id).expect("there"));
    map.stakeholders()
        .filter(|o| o.id() != id)
        .any(|o| !mine.clear_of(&footprint(o)))
}

#[test]
fn paste_lands_at_the_pointer_and_never_on_top_of_another() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    let text = stakemap::edit::copy(harness.state().map(), &[id]);
    let rect = harness.get_by_label("Inspector").rect();
    // An empty-ish spot of the canvas, left of the inspector.
    let spot = egui::pos2(rect.left() - 150.0, 650.0);
    let mut pasted = Vec::new();
    for _ in 0..2 {
        harness.hover_at(spot);
        harness.step();
        harness.event(egui::Event::Paste(text.clone()));
        harness.run();
        let new = harness
            .state()
            .selection()
            .stakeholders
            .first()
            .copied()
            .expect("the pasted one is selected");
        assert_ne!(new, id);
        pasted.push(new);
    }
    // Duplicated too (Ctrl+D), each lands clear of the others and their names.
    harness
        .state_mut()
        .select(Selection::stakeholder(pasted[1]));
    harness.run();
    ctrl(&mut harness, false, egui::Key::D);
    pasted.extend(harness.state().selection().stakeholders.first().copied());
    assert_eq!(pasted.len(), 3, "Ctrl+D made one");
    let map = harness.state().map();
    for &new in &pasted {
        assert!(!overlaps_another(map, new), "{new} is hidden under another");
    }
    let first = canvas_point(&harness, pasted[0]);
    assert!(
        (first - spot).length() < 40.0,
        "at the pointer: {first:?} {spot:?}"
    );
}

#[test]
fn a_stakeholder_added_from_the_toolbar_lands_in_free_space() {
    let mut harness = builtin_app();
    harness.get_by_label("Add stakeholder").click();
    harness.run();
    type_keys(&mut harness, "Gamma");
    press_key(&mut harness, egui::Key::Enter);
    let map = harness.state().map();
    assert!(!overlaps_another(map, id_named(map, "Gamma")));
}

/// A map of two stakeholders with a relationship each way between them and one from the
/// first to itself.
fn pair_with_loop() -> Map {
    use stakemap::model::{Position, RelationshipKind, Stakeholder};
    let mut map = Map::new("Pair");
    for (id, x) in [(1, 0.0), (2, 300.0)] {
        let mut s = Stakeholder::new(
            StakeholderId(id),
            StakeholderKind::Organisation,
            format!("S{id}"),
        );
        s.position = Some(Position(x, 0.0));
        map.add_stakeholder(s).expect("fresh");
    }
    for (id, from, to) in [(1, 1, 2), (2, 2, 1), (3, 1, 1)] {
        map.add_relationship(Relationship::new(
            RelationshipId(id),
            StakeholderId(from),
            StakeholderId(to),
            RelationshipKind::Funds,
        ))
        .expect("ends exist");
    }
    map
}

#[test]
fn every_drawn_relationship_can_be_clicked_loops_and_both_directions_too() {
    let mut harness = crate::common::app_on(pair_with_loop(), None);
    press_key(&mut harness, egui::Key::F);
    let zoom = harness.state().zoom(&harness.ctx).expect("zoom");
    let a = canvas_point(&harness, StakeholderId(1));
    let b = canvas_point(&harness, StakeholderId(2));
    let middle = a + (b - a) / 2.0;
    let normal = (b - a).normalized().rot90();
    // Two between one pair fan out either side of the straight line.
    let mut seen = Vec::new();
    for side in [-1.0, 1.0] {
        click_at(&mut harness, middle + normal * side * 11.0 * zoom);
        let chosen = harness.state().selection().relationships.first().copied();
        seen.push(chosen.expect("a relationship is selected"));
    }
    seen.sort();
    assert_eq!(seen, [RelationshipId(1), RelationshipId(2)]);
    // The loop beside the first stakeholder.
    let r = stakemap::style::node_radius(None);
    let direction = egui::Vec2::angled(-std::f32::consts::FRAC_PI_4);
    let on_loop = a + direction * (1.35 + 0.7) * r * zoom;
    click_at(&mut harness, on_loop);
    assert_eq!(
        *harness.state().selection(),
        Selection::relationship(RelationshipId(3))
    );
}
#[test]
fn the_undo_label_draws_every_character() {
    let mut harness = builtin_app();
    let id = logged(harness.state().map()).id();
    harness.state_mut().select(Selection::relationship(id));
    harness.run();
    let mut r = harness.state().map().relationship(id).expect("r").clone();
    r.owner = "Someone else".into();
    harness.state_mut().push(stakemap::gui::Command::edit(
        stakemap::edit::Edit::UpdateRelationship(r),
    ));
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    let label = harness
        .get_by_label_contains("Undo: ")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    // egui's `has_glyph` says no for every character of the face holding its replacement
    // glyph, so the family's fonts are asked for the character itself.
    let missing: Vec<char> = label
        .chars()
        .filter(|&c| {
            harness.ctx.fonts_mut(|f| {
                !f.fonts
                    .font(&egui::FontFamily::Proportional)
                    .characters()
                    .contains_key(&c)
            })
        })
        .collect();
    assert!(missing.is_empty(), "{label}: no glyph for {missing:?}");
}

/// Keys with Ctrl that act on the map (duplicate, new map, delete...) never fire from a
/// text field; only saving, opening and quitting do.
#[test]
fn ctrl_keys_that_act_on_the_map_do_not_fire_while_typing() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    let count = harness.state().map().stakeholder_count();
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run();
    focus(&mut harness, "Sector");
    type_keys(&mut harness, "plan");
    for key in [egui::Key::D, egui::Key::N, egui::Key::P] {
        ctrl(&mut harness, false, key);
    }
    assert_eq!(
        harness.state().map().stakeholder_count(),
        count,
        "Ctrl+D duplicated nothing"
    );
    assert!(!harness.state().is_asking(), "Ctrl+N asked nothing");
}

/// Shown under a profile the map is read-only: its fields take no typing (nothing typed
/// shows and then vanishes), and dragging a stakeholder moves nothing.
#[test]
fn under_a_profile_fields_take_no_typing_and_drags_move_nothing() {
    let mut harness = builtin_app();
    let id = cds(harness.state().map());
    crate::common::show_as(&mut harness, stakemap::redaction::RedactionProfile::Partner);
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run();
    let before = shown(&harness, "Name");
    let at = field(&harness, "Name").rect().center();
    click_at(&mut harness, at);
    type_keys(&mut harness, "XYZ");
    assert_eq!(shown(&harness, "Name"), before, "nothing typed shows");
    let position = harness
        .state()
        .map()
        .stakeholder(id)
        .and_then(|s| s.position);
    let other = harness
        .state()
        .map()
        .stakeholders()
        .map(|s| s.id())
        .find(|&o| o != id)
        .expect("another");
    let apart = |h: &Harness<'_, StakemapApp>| {
        let a = h.state().stakeholder_on_screen(&h.ctx, id).expect("drawn");
        let b = h
            .state()
            .stakeholder_on_screen(&h.ctx, other)
            .expect("drawn");
        a - b
    };
    let before_apart = apart(&harness);
    let from = canvas_point(&harness, id);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + egui::vec2(80.0, 60.0));
    harness.run();
    harness.drop_at(from + egui::vec2(80.0, 60.0));
    harness.run();
    assert_eq!(
        harness
            .state()
            .map()
            .stakeholder(id)
            .and_then(|s| s.position),
        position
    );
    // The drag panned the view: the stakeholder kept its place among the others.
    assert!(
        (apart(&harness) - before_apart).length() < 0.5,
        "not even on screen"
    );
}

/// The toolbar's Connect does what C and Edit > Connect do with two selected: it offers
/// the kinds; with the tool on, a click on one stakeholder and then another offers them
/// too, from the first to the second.
#[test]
fn the_connect_button_connects_the_two_selected_or_two_clicked_in_turn() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let ids: Vec<_> = map
        .stakeholders_by_id()
        .iter()
        .map(|s| s.id())
        .take(2)
        .collect();
    let (a, b) = (ids[0], ids[1]);
    let mut two = Selection::stakeholder(a);
    two.stakeholders.insert(b);
    harness.state_mut().select(two);
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
    assert!(
        harness.query_by_label("Membership").is_some(),
        "the kinds are offered"
    );
    press_key(&mut harness, egui::Key::Escape);
    harness.state_mut().select(Selection::default());
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
    let (pa, pb) = (canvas_point(&harness, b), canvas_point(&harness, a));
    click_at(&mut harness, pa);
    assert!(harness.query_by_label("Membership").is_none());
    click_at(&mut harness, pb);
    assert!(
        harness.query_by_label("Membership").is_some(),
        "a click on one then another offers the kinds"
    );
    harness.get_by_label("Membership").click();
    harness.run();
    let made = harness.state().map().relationships().find(|r| {
        r.kind == stakemap::model::RelationshipKind::Membership && r.from() == b && r.to() == a
    });
    assert!(made.is_some(), "from the first clicked to the second");
}

/// File > Import into this map...: the files are merged into the open map as one undo
/// step, and the window says what came in; under a profile nothing is imported.
#[test]
fn an_import_merges_into_the_open_map_as_one_undo_step() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/exchange/f06_kumu_json");
    let file = std::fs::read_dir(&dir)
        .expect("the case")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a Kumu blueprint");
    let mut harness = builtin_app();
    let before = harness.state().map().clone();
    crate::common::show_as(&mut harness, stakemap::redaction::RedactionProfile::Public);
    harness
        .state_mut()
        .push(stakemap::gui::Command::ImportFrom(vec![file.clone()]));
    harness.run();
    assert_eq!(*harness.state().map(), before, "refused under a profile");
    crate::common::show_as(
        &mut harness,
        stakemap::redaction::RedactionProfile::Internal,
    );
    harness
        .state_mut()
        .push(stakemap::gui::Command::ImportFrom(vec![file]));
    harness.run();
    let after = harness.state().map().stakeholder_count();
    assert!(after > before.stakeholder_count(), "stakeholders came in");
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.starts_with("Imported")),
        "the window says what came in"
    );
    ctrl(&mut harness, false, egui::Key::Z);
    assert_eq!(
        harness.state().map().stakeholder_count(),
        before.stakeholder_count(),
        "one undo takes it all back"
    );
}

/// File > Import as a new map...: the files become a new, unsaved map in place of the
/// open one (asking first about unsaved changes, as New and Open do).
#[test]
fn an_import_as_a_new_map_replaces_the_open_map_and_is_unsaved() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exchange/f06_kumu_json/kumu_blueprint.json");
    let mut harness = builtin_app();
    harness
        .state_mut()
        .push(stakemap::gui::Command::ImportNewFrom(vec![file.clone()]));
    harness.run();
    let map = harness.state().map().clone();
    assert!(
        map.stakeholders().any(|s| s.name == "John Smith"),
        "the blueprint's elements are the map's stakeholders"
    );
    assert!(
        map.stakeholders().all(|s| s.name != "City Police Service"),
        "nothing of the built-in map is left"
    );
    assert!(harness.state().is_dirty(), "unsaved until saved");
    let said: Vec<&str> = harness
        .state()
        .messages()
        .filter(|m| m.starts_with("Imported a new map"))
        .collect();
    assert_eq!(said.len(), 1, "the window says what it did");
    // The blueprint has a connection from an ambiguous "John Smith": said by file and line.
    assert!(
        said[0].contains("problem(s) in the files") && said[0].contains("kumu_blueprint.json:"),
        "{}",
        said[0]
    );
    // With that unsaved, importing again asks first.
    harness
        .state_mut()
        .push(stakemap::gui::Command::ImportAsNew);
    harness.run();
    assert!(
        harness.query_by_label_contains("unsaved changes").is_some()
            || harness.query_by_label("Discard").is_some(),
        "asked about the unsaved map"
    );
}

/// File > Export for another tool...: the format and who it is for are chosen in the
/// dialog; the file is written through that profile, never more than the map is shown with.
#[test]
fn the_export_dialog_writes_the_format_chosen_under_its_profile() {
    use stakemap::gui::{Command, ExportChoice};
    use stakemap::io::ExportFormat;
    use stakemap::redaction::RedactionProfile;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.gexf");
    let mut harness = builtin_app();
    crate::common::show_as(&mut harness, RedactionProfile::Public);
    harness.state_mut().push(Command::Export);
    harness.run();
    assert!(
        harness.query_by_label("Export...").is_some(),
        "the dialog is open"
    );
    // Asking for everything while the map is shown for the public gets the public's.
    harness.state_mut().push(Command::SetExport(ExportChoice {
        format: ExportFormat::Gexf,
        profile: RedactionProfile::Internal,
        as_shown: false,
    }));
    harness.state_mut().push(Command::ExportAsk);
    harness.state_mut().push(Command::ExportTo(path.clone()));
    harness.run();
    let written = std::fs::read_to_string(&path).expect("the export is written");
    assert!(written.contains("<gexf"), "GEXF");
    assert!(written.contains("City Police Service"));
    assert!(
        !written.contains("shelter (confidential)"),
        "nothing confidential"
    );
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("public profile left out")),
        "the window says what the profile left out"
    );
}

/// Needs attention ranks the network's findings (brokers, single points of failure,
/// engagement gaps...) in with the cooling relationships, each clickable to select it.
#[test]
fn needs_attention_lists_the_network_findings_and_a_click_selects_one() {
    use stakemap::analysis::{AttentionKind, AttentionSubject};
    let mut harness = builtin_app();
    harness.run();
    let items = harness.state().attention().to_vec();
    assert!(
        items.iter().any(|i| i.kind == AttentionKind::Broker),
        "brokers are listed: {:?}",
        items.iter().map(|i| i.title()).collect::<Vec<_>>()
    );
    assert!(items.iter().any(|i| i.kind == AttentionKind::EngagementGap));
    assert!(items.iter().any(|i| i.kind == AttentionKind::Cooling));
    let broker = items
        .iter()
        .find(|i| i.kind == AttentionKind::Broker)
        .expect("a broker");
    let AttentionSubject::Stakeholder(id) = broker.subject else {
        panic!("a broker is a stakeholder");
    };
    harness
        .state_mut()
        .push(stakemap::gui::Command::RevealStakeholder(id));
    harness.run();
    assert_eq!(*harness.state().selection(), Selection::stakeholder(id));
}

/// File > New from the built-in map: the canvas and Needs attention show the new, empty
/// map (both documents had revision 0, and the old shown map stayed on screen).
#[test]
fn a_new_map_replaces_what_is_drawn() {
    let mut harness = builtin_app();
    assert!(!crate::common::canvas_names(&harness).is_empty());
    harness.state_mut().push(stakemap::gui::Command::New);
    harness.run();
    assert_eq!(harness.state().map().stakeholder_count(), 0);
    let (shown, _) = harness.state().shown().expect("shown");
    assert_eq!(shown.stakeholder_count(), 0, "the shown map is the new one");
    assert!(
        crate::common::canvas_names(&harness).is_empty(),
        "no name of the old map is drawn"
    );
    assert!(
        harness
            .query_by_label_contains("Needs attention (0)")
            .is_some()
    );
}
