//! The table view, as a person uses it: open it from the keyboard or the toolbar, sort by
//! clicking headers (the network metrics too), type into a cell and undo it in one step,
//! select rows and find them selected on the canvas, and read the map under a profile that
//! lets no cell be changed.

use crate::common::{builtin_app, click_at, ctrl, id_named, press_key, show_as, type_keys};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stakemap::analysis::{Metric, network_metrics};
use stakemap::gui::{Command, Selection, StakemapApp};
use stakemap::model::{Map, Strength};
use stakemap::redaction::RedactionProfile;

fn ron(map: &Map) -> String {
    stakemap::io::to_ron(map)
}

/// Ctrl+T, as a person switches from the map to the table.
fn open_table(harness: &mut Harness<'_, StakemapApp>) {
    ctrl(harness, false, egui::Key::T);
    harness.run();
    assert!(harness.state().shows_table(), "Ctrl+T opens the table");
}

/// The names of the rows on screen, top to bottom (their name cells, "Name of ...").
fn row_names(harness: &Harness<'_, StakemapApp>) -> Vec<String> {
    harness
        .query_all_by(|node| node.role() == Role::TextInput)
        .filter_map(|node| {
            let label = node.accesskit_node().label()?;
            label.strip_prefix("Name of ").map(str::to_owned)
        })
        .collect()
}

fn first_row(harness: &Harness<'_, StakemapApp>) -> String {
    row_names(harness)
        .into_iter()
        .next()
        .expect("the table shows rows")
}

/// A column's header: a button labelled by its heading, then an arrow when sorted by it.
fn header<'h>(
    harness: &'h Harness<'_, StakemapApp>,
    heading: &'h str,
) -> Option<egui_kittest::Node<'h>> {
    let arrowed = [format!("{heading} ⏶"), format!("{heading} ⏷")];
    harness
        .query_all_by(move |node| {
            node.role() == Role::Button
                && node
                    .label()
                    .is_some_and(|l| l == heading || arrowed.contains(&l))
        })
        .next()
}

/// Clicks a column's header, as a screen reader does (the metrics' headers are to the
/// right, out of sight until scrolled to).
fn click_header(harness: &mut Harness<'_, StakemapApp>, heading: &str) {
    header(harness, heading)
        .unwrap_or_else(|| panic!("no header {heading}"))
        .click_accesskit();
    harness.run();
}

/// The shown map's stakeholder names in the order a metric ranks them, highest first (ties
/// by name, as the table breaks them).
fn ranked_names(map: &Map, metric: Metric) -> Vec<String> {
    let metrics = network_metrics(map, &Default::default());
    let mut rows: Vec<(f64, String)> = map
        .stakeholders()
        .map(|s| {
            let value = metrics.value(s.id(), metric).expect("a value");
            (value, s.name.clone())
        })
        .collect();
    rows.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
    });
    rows.into_iter().map(|(_, name)| name).collect()
}

#[test]
fn ctrl_t_and_the_toolbar_switch_between_the_map_and_the_table() {
    let mut harness = builtin_app();
    assert!(!harness.state().shows_table());
    open_table(&mut harness);
    let map = harness.state().map().clone();
    let stakeholders = format!("Stakeholders ({})", map.stakeholder_count());
    let relationships = format!("Relationships ({})", map.relationship_count());
    assert!(
        harness.query_by_label(&stakeholders).is_some(),
        "{stakeholders}"
    );
    assert!(harness.query_by_label(&relationships).is_some());
    // Every column has a real header, the metrics too.
    for heading in ["Id", "Name", "Kind", "Sector", "Engagement wanted", "Tags"] {
        assert!(header(&harness, heading).is_some(), "{heading}");
    }
    for metric in Metric::ALL {
        assert!(header(&harness, metric.label()).is_some(), "{metric}");
    }
    assert!(row_names(&harness).len() > 10, "rows on screen");
    assert!(harness.state().canvas_rect().is_some());
    harness.get_by_role_and_label(Role::Button, "Table").click();
    harness.run();
    assert!(!harness.state().shows_table(), "the toolbar's toggle");
    assert!(row_names(&harness).is_empty(), "the map is back");
}

#[test]
fn a_header_sorts_by_its_column_and_a_second_click_reverses() {
    let mut harness = builtin_app();
    open_table(&mut harness);
    let mut names: Vec<String> = harness
        .state()
        .map()
        .stakeholders()
        .map(|s| s.name.clone())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    click_header(&mut harness, "Name");
    assert_eq!(first_row(&harness), names[0]);
    assert!(harness.query_by_label("Name ⏶").is_some(), "an arrow up");
    click_header(&mut harness, "Name");
    assert_eq!(first_row(&harness), names[names.len() - 1]);
    assert!(harness.query_by_label("Name ⏷").is_some(), "an arrow down");
    // Rows on screen run in the sorted order.
    let rows = row_names(&harness);
    let mut expected: Vec<String> = names.iter().rev().take(rows.len()).cloned().collect();
    expected.truncate(rows.len());
    assert_eq!(rows, expected);
}

#[test]
fn sorting_by_betweenness_follows_the_network_metrics() {
    let mut harness = builtin_app();
    open_table(&mut harness);
    let (shown, _) = harness.state().shown().expect("shown");
    let ranked = ranked_names(shown, Metric::Betweenness);
    click_header(&mut harness, "Betweenness");
    let rows = row_names(&harness);
    assert_eq!(
        rows[0], ranked[0],
        "the broker with most paths through it first"
    );
    assert_eq!(rows[..5], ranked[..5]);
    click_header(&mut harness, "Betweenness");
    // Reversed: the least between first; among equal values still by name.
    let (shown, _) = harness.state().shown().expect("shown");
    let metrics = network_metrics(shown, &Default::default());
    let least = metrics.range(Metric::Betweenness).expect("a range").0;
    let mut lowest: Vec<String> = shown
        .stakeholders()
        .filter(|s| metrics.value(s.id(), Metric::Betweenness) == Some(least))
        .map(|s| s.name.clone())
        .collect();
    lowest.sort_by_key(|n| n.to_lowercase());
    assert_eq!(first_row(&harness), lowest[0]);
}

#[test]
fn typing_a_sector_into_a_cell_is_one_change_and_one_undo() {
    let mut harness = builtin_app();
    open_table(&mut harness);
    click_header(&mut harness, "Name");
    let before = harness.state().map().clone();
    let name = first_row(&harness);
    let id = id_named(&before, &name);
    let sorts = harness.state().table_sorts();
    let cell = harness
        .get_by_role_and_label(Role::TextInput, &format!("Sector of {name}"))
        .rect();
    click_at(&mut harness, cell.center());
    assert_eq!(
        harness.state().selection(),
        &Selection::stakeholder(id),
        "a click in a row's cell selects the row"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    // Letters that are shortcuts on the canvas (C connects, P pins, L logs, N adds, G hides
    // the legend), and Ctrl+T: all go into the cell.
    type_keys(&mut harness, "Civic planning");
    ctrl(&mut harness, false, egui::Key::T);
    assert!(
        harness.state().shows_table(),
        "Ctrl+T in a cell does not switch"
    );
    assert!(
        harness.state().map() == &before,
        "nothing changes while typing"
    );
    assert_eq!(
        harness.state().table_sorts(),
        sorts,
        "no frame sorted again"
    );
    press_key(&mut harness, egui::Key::Enter);
    let mut expected = before.clone();
    expected.stakeholder_mut(id).expect("there").sector = "Civic planning".to_owned();
    assert_eq!(
        ron(harness.state().map()),
        ron(&expected),
        "only the sector changed"
    );
    assert!(!harness.state().is_asking());
    assert!(
        harness.state().messages().next().is_none(),
        "no command was refused"
    );
    // One undo brings the map back whole.
    ctrl(&mut harness, false, egui::Key::Z);
    assert_eq!(ron(harness.state().map()), ron(&before));

    // Esc abandons what was typed.
    let cell = harness
        .get_by_role_and_label(Role::TextInput, &format!("Area of {name}"))
        .rect();
    click_at(&mut harness, cell.center());
    type_keys(&mut harness, "nowhere");
    press_key(&mut harness, egui::Key::Escape);
    assert_eq!(ron(harness.state().map()), ron(&before));
    assert_eq!(
        harness.state().selection(),
        &Selection::stakeholder(id),
        "Esc in a cell leaves the cell, not the selection"
    );
}

#[test]
fn rows_share_the_selection_with_the_canvas_and_the_inspector() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    // Selected on the canvas: the row shows selected when the table opens.
    let cds = id_named(&map, "Community Development Section (CDS)");
    harness.state_mut().select(Selection::stakeholder(cds));
    open_table(&mut harness);
    let handle = |name: &str| {
        let id = id_named(&map, name);
        format!("{id} {name}")
    };
    let cds_handle = handle("Community Development Section (CDS)");
    let cds_row = harness.get_by_label(&cds_handle);
    assert_eq!(
        cds_row.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the canvas's selection is the table's"
    );
    // A click on another row's number selects it alone; the inspector follows.
    let rows = row_names(&harness);
    let other = rows
        .iter()
        .find(|n| n.as_str() != "Community Development Section (CDS)")
        .expect("another row")
        .clone();
    let at = harness.get_by_label(&handle(&other)).rect().center();
    click_at(&mut harness, at);
    let other_id = id_named(&map, &other);
    assert_eq!(
        harness.state().selection(),
        &Selection::stakeholder(other_id)
    );
    assert!(
        harness
            .query_all_by_role(Role::Label)
            .any(|n| n.value().as_deref() == Some(other.as_str())),
        "the inspector shows {other}"
    );
    // Ctrl+click adds a row.
    let third = rows
        .iter()
        .find(|n| **n != other && n.as_str() != "Community Development Section (CDS)")
        .expect("a third row")
        .clone();
    harness
        .get_by_label(&handle(&third))
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    let both = Selection::stakeholders([other_id, id_named(&map, &third)]);
    assert_eq!(harness.state().selection(), &both);
    // Back on the map, the same two are selected.
    ctrl(&mut harness, false, egui::Key::T);
    assert!(!harness.state().shows_table());
    assert_eq!(harness.state().selection(), &both);
}

#[test]
fn a_strength_chosen_in_a_cell_is_logged_as_an_observation_and_undone_at_once() {
    let mut harness = builtin_app();
    open_table(&mut harness);
    let map = harness.state().map().clone();
    let tab = format!("Relationships ({})", map.relationship_count());
    harness.get_by_label(&tab).click();
    harness.run();
    click_header(&mut harness, "Strength now");
    // Weakest first after a second click: one that can be made stronger.
    click_header(&mut harness, "Strength now");
    let combo = harness
        .query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Strength now of ")))
        .next()
        .expect("a strength cell");
    let label = combo.accesskit_node().label().expect("a label");
    let name = label.trim_start_matches("Strength now of ").to_owned();
    // The column may be scrolled out of sight: opened as a screen reader opens it.
    combo.click_accesskit();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "4 cooperating")
        .click();
    harness.run();
    let changed: Vec<_> = harness
        .state()
        .map()
        .relationships()
        .filter(|r| map.relationship(r.id()) != Some(r))
        .collect();
    assert_eq!(changed.len(), 1, "one relationship changed");
    let r = changed[0];
    assert_eq!(harness.state().map().relationship_name(r, false), name);
    let old = map.relationship(r.id()).expect("was there");
    assert_eq!(
        r.observations.len(),
        old.observations.len() + 1,
        "one logged"
    );
    let logged = r.observations.last().expect("logged");
    assert_eq!(logged.strength, Strength::COOPERATING);
    assert_eq!(logged.date, harness.state().today());
    ctrl(&mut harness, false, egui::Key::Z);
    assert_eq!(ron(harness.state().map()), ron(&map));
}

#[test]
fn shown_as_public_the_table_leaves_out_confidential_stakeholders_and_takes_no_typing() {
    let mut harness = builtin_app();
    let before = harness.state().map().clone();
    let confidential: Vec<String> = before
        .stakeholders()
        .filter(|s| s.confidential)
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(confidential.len(), 2, "the built-in map has two");
    show_as(&mut harness, RedactionProfile::Public);
    open_table(&mut harness);
    let count = format!("Stakeholders ({})", before.stakeholder_count() - 2);
    assert!(harness.query_by_label(&count).is_some(), "{count}");
    // Sorted by name, every row comes on screen in turn: none is confidential.
    click_header(&mut harness, "Name");
    let rows = row_names(&harness);
    for name in &confidential {
        assert!(!rows.contains(name), "{name} is shown as for the public");
        assert!(harness.query_by_label_contains(name).is_none(), "{name}");
    }
    // A cell takes no typing.
    let name = rows[0].clone();
    let cell = harness
        .get_by_role_and_label(Role::TextInput, &format!("Sector of {name}"))
        .rect();
    click_at(&mut harness, cell.center());
    type_keys(&mut harness, "Civic");
    let sector = harness
        .get_by_role_and_label(Role::TextInput, &format!("Sector of {name}"))
        .value()
        .unwrap_or_default();
    assert!(
        !sector.contains("Civic"),
        "the cell took typing: {sector:?}"
    );
    press_key(&mut harness, egui::Key::Enter);
    assert_eq!(ron(harness.state().map()), ron(&before), "nothing changed");
    assert!(!harness.state().is_dirty());
}

#[test]
fn what_the_filter_hides_is_not_in_the_table() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let filter = stakemap::filter::Filter {
        kinds: [stakemap::model::StakeholderKind::Issue].into(),
        mode: stakemap::filter::FilterMode::Hide,
        ..Default::default()
    };
    harness.state_mut().push(Command::SetFilter(filter));
    harness.run();
    open_table(&mut harness);
    let issues: Vec<String> = map
        .stakeholders()
        .filter(|s| s.kind == stakemap::model::StakeholderKind::Issue)
        .map(|s| s.name.clone())
        .collect();
    let count = format!("Stakeholders ({})", issues.len());
    assert!(harness.query_by_label(&count).is_some(), "{count}");
    for name in row_names(&harness) {
        assert!(issues.contains(&name), "{name} is not an issue");
    }
}
