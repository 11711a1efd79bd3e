//! Editing as a person does it, in the window: add, connect, change a field, delete, undo
//! everything and redo everything, with the map checked after each step; and the question
//! about unsaved changes before close, New and Open.

use crate::common::{app_on, ctrl, id_named, type_into};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stakemap::gui::{Selection, StakemapApp};
use stakemap::model::{Map, RelationshipKind, StakeholderKind};

fn ron(map: &Map) -> String {
    stakemap::io::to_ron(map)
}

#[test]
fn add_connect_edit_delete_then_undo_all_and_redo_all() {
    let original = stakemap::builtin::police_community();
    let mut harness = app_on(original.clone(), None);
    let mut snapshots = vec![ron(harness.state().map())];

    // Add: the toolbar button opens a name field at once; Enter adds.
    harness.get_by_label("Add stakeholder").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Name of the new stakeholder")
        .type_text("Riverside Youth Council");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let added = id_named(harness.state().map(), "Riverside Youth Council");
    let stakeholder = harness.state().map().stakeholder(added).expect("added");
    assert_eq!(stakeholder.kind, StakeholderKind::Partner);
    assert!(
        stakeholder.position.is_some_and(|p| p.is_finite()),
        "placed on the canvas"
    );
    assert_eq!(
        harness.state().map().stakeholder_count(),
        original.stakeholder_count() + 1
    );
    snapshots.push(ron(harness.state().map()));

    // Connect: select two, press C, choose the kind.
    let cds = id_named(harness.state().map(), "Community Development Section (CDS)");
    harness
        .state_mut()
        .select(Selection::stakeholders([cds, added]));
    harness.run_steps(1);
    harness.key_press(egui::Key::C);
    harness.run_steps(2);
    harness.get_by_label("Partnership").click();
    harness.run_steps(2);
    let joined: Vec<_> = harness
        .state()
        .map()
        .relationships_of(added)
        .into_iter()
        .map(|r| (r.kind, r.from(), r.to()))
        .collect();
    assert_eq!(joined, [(RelationshipKind::Partnership, cds, added)]);
    snapshots.push(ron(harness.state().map()));

    // Edit a field: the sector, committed when the field loses focus.
    harness.state_mut().select(Selection::stakeholder(added));
    harness.run_steps(2);
    type_into(&mut harness, "Sector", "Youth");
    harness.key_press(egui::Key::Tab);
    harness.run_steps(2);
    let sector = &harness
        .state()
        .map()
        .stakeholder(added)
        .expect("there")
        .sector;
    assert_eq!(sector, "Youth");
    snapshots.push(ron(harness.state().map()));

    // Delete: the stakeholder and the relationship it carries.
    harness.key_press(egui::Key::Escape); // leave the text field, as a click on the canvas would
    harness.run_steps(1);
    harness.state_mut().select(Selection::stakeholder(added));
    harness.run_steps(1);
    harness.key_press(egui::Key::Delete);
    harness.run_steps(2);
    assert!(harness.state().map().stakeholder(added).is_none());
    assert_eq!(
        harness.state().map().relationship_count(),
        original.relationship_count()
    );
    let after_all = ron(harness.state().map());

    // Undo everything, one step at a time, checking each state on the way back.
    for expected in snapshots.iter().rev() {
        ctrl(&mut harness, false, egui::Key::Z);
        assert_eq!(&ron(harness.state().map()), expected);
    }
    assert_eq!(harness.state().map(), &original);
    // Redo everything: Ctrl+Shift+Z and Ctrl+Y both redo.
    for (i, expected) in snapshots.iter().skip(1).enumerate() {
        if i % 2 == 0 {
            ctrl(&mut harness, true, egui::Key::Z);
        } else {
            ctrl(&mut harness, false, egui::Key::Y);
        }
        assert_eq!(&ron(harness.state().map()), expected);
    }
    ctrl(&mut harness, true, egui::Key::Z);
    assert_eq!(ron(harness.state().map()), after_all);
}

#[test]
fn typing_a_name_does_not_trigger_shortcuts() {
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    let before = harness.state().map().stakeholder_count();
    // Something selected, so that Delete or P reaching the canvas would change the map.
    let selected = harness.state().map().stakeholders_by_id()[0].id();
    harness.state_mut().select(Selection::stakeholder(selected));
    harness.get_by_label("Add stakeholder").click();
    harness.run_steps(2);
    // N, C, P, F and Delete are shortcuts on the canvas, letters and editing keys in a name.
    harness
        .get_by_role_and_label(Role::TextInput, "Name of the new stakeholder")
        .type_text("Police Fund Councils");
    harness.run_steps(1);
    for key in [
        egui::Key::P,
        egui::Key::C,
        egui::Key::N,
        egui::Key::Backspace,
    ] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    harness.key_press(egui::Key::Delete);
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let map = harness.state().map();
    assert_eq!(map.stakeholder_count(), before + 1, "nothing deleted");
    assert!(
        !map.stakeholder(selected).expect("still there").pinned,
        "nothing pinned"
    );
    id_named(map, "Police Fund Council");
}

#[test]
fn a_logged_interaction_takes_the_last_strength_and_only_real_dates() {
    let map = stakemap::builtin::police_community();
    let day = stakemap::model::Date::today();
    let (rid, count, last) = map
        .relationships()
        .find_map(|r| Some((r.id(), r.observations.len(), r.latest_as_of(day)?.strength)))
        .expect("observed");
    let mut harness = app_on(map, None);
    harness.state_mut().select(Selection::relationship(rid));
    harness.run_steps(2);
    harness.get_by_label("Log interaction").click();
    harness.run_steps(2);
    let log = |harness: &Harness<'_, StakemapApp>| {
        harness
            .state()
            .map()
            .relationship(rid)
            .expect("there")
            .observations
            .clone()
    };
    assert_eq!(log(&harness).len(), count + 1);
    // Its strength cannot be out of range (the type holds 0 to 5 only): it is the last one.
    let logged = log(&harness).into_iter().rfind(|o| o.date == day);
    assert_eq!(logged.map(|o| o.strength), Some(last));

    // Retype the new entry's date: a day that does not exist is not taken, a real one is.
    let today = stakemap::model::Date::today().to_string();
    let retype = |harness: &mut Harness<'_, StakemapApp>, from: &str, to: &str| {
        // The log's field, not the as-of field in the time panel, which comes first.
        harness
            .get_all_by_role(Role::TextInput)
            .rfind(|n| n.value().as_deref() == Some(from))
            .expect("the date field")
            .focus();
        harness.run_steps(1);
        for _ in 0..10 {
            harness.key_press(egui::Key::Backspace);
        }
        harness.run_steps(1);
        harness
            .get_all_by_role(Role::TextInput)
            .find(|n| n.value().as_deref() == Some(""))
            .expect("the emptied date field")
            .type_text(to);
        harness.run_steps(1);
        harness.key_press(egui::Key::Enter);
        harness.run_steps(2);
    };
    retype(&mut harness, &today, "2026-02-30");
    let dates: Vec<String> = log(&harness).iter().map(|o| o.date.to_string()).collect();
    assert!(dates.contains(&today), "{dates:?}");
    assert!(!dates.iter().any(|d| d == "2026-02-30"));
    // Said, and the field is back to the day it keeps.
    harness.get_by_label_contains("2026-02-30");
    harness.get_by_label("OK").click();
    harness.run();
    retype(&mut harness, &today, "2026-02-27");
    let dates: Vec<String> = log(&harness).iter().map(|o| o.date.to_string()).collect();
    assert!(dates.iter().any(|d| d == "2026-02-27"), "{dates:?}");
    assert_eq!(dates.len(), count + 1);

    // Undo the date, then the logging: each one step.
    ctrl(&mut harness, false, egui::Key::Z);
    ctrl(&mut harness, false, egui::Key::Z);
    assert_eq!(log(&harness).len(), count, "logging is one undo step");
}

fn edited(harness: &mut Harness<'_, StakemapApp>) {
    let first = harness.state().map().stakeholders_by_id()[0].id();
    harness.state_mut().select(Selection::stakeholder(first));
    harness.run_steps(1);
    harness.key_press(egui::Key::P); // pin: a one-key edit
    harness.run_steps(2);
    assert!(harness.state().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    edited(&mut harness);
    let close = |harness: &mut Harness<'_, StakemapApp>| {
        harness
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        harness.step();
        // The window manager asks once; the harness would repeat it every frame.
        harness
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .clear();
        harness.run_steps(4); // the question's window sizes itself first
    };
    close(&mut harness);
    assert!(harness.state().is_asking());
    assert!(
        !harness.state().close_allowed(),
        "the window stays open while it asks"
    );
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().close_allowed());
    assert!(harness.query_by_label("Unsaved changes").is_none());
    close(&mut harness);
    harness.get_by_label("Discard").click();
    harness.run_steps(2);
    assert!(harness.state().close_allowed());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    edited(&mut harness);
    let before = ron(harness.state().map());
    ctrl(&mut harness, false, egui::Key::N);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(
        ron(harness.state().map()),
        before,
        "Cancel keeps the map and its changes"
    );
    ctrl(&mut harness, false, egui::Key::N);
    harness.get_by_label("Discard").click();
    harness.run_steps(2);
    assert_eq!(harness.state().map().stakeholder_count(), 0);
    assert!(!harness.state().is_dirty());
}

#[test]
fn open_with_unsaved_changes_can_save_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("city.ron");
    let map = stakemap::builtin::police_community();
    stakemap::io::save(&map, &path).expect("saved");
    let mut harness = app_on(map, Some(path.clone()));
    edited(&mut harness);
    ctrl(&mut harness, false, egui::Key::O);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_ne!(
        stakemap::io::load(&path).expect("loads"),
        *harness.state().map()
    );
    ctrl(&mut harness, false, egui::Key::O);
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    assert!(!harness.state().is_dirty());
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert_eq!(
        stakemap::io::load(&path).expect("loads"),
        *harness.state().map(),
        "saved first"
    );
}

#[test]
fn find_selects_and_centres_the_match() {
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    ctrl(&mut harness, false, egui::Key::F);
    type_into(&mut harness, "Name, tag, sector or area", "police week");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let week = id_named(harness.state().map(), "Police Week");
    assert_eq!(*harness.state().selection(), Selection::stakeholder(week));
    let on_screen = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, week)
        .expect("on screen");
    let centre = egui::pos2((200.0 + (1280.0 - 360.0)) / 2.0, 400.0);
    assert!(
        (on_screen.x - centre.x).abs() < 60.0,
        "{on_screen:?} near {centre:?}"
    );
}

#[test]
fn find_offers_every_match_not_the_first_dozen() {
    let map = stakemap::builtin::police_community();
    let citywide = map.stakeholders().filter(|s| s.area == "Citywide").count();
    assert!(
        citywide > 12,
        "the built-in map has many citywide stakeholders"
    );
    let mut harness = app_on(map, None);
    ctrl(&mut harness, false, egui::Key::F);
    type_into(&mut harness, "Name, tag, sector or area", "citywide");
    harness.run_steps(2);
    let offered = harness
        .get_all_by_role(Role::Button)
        .filter(|b| {
            b.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(" · "))
        })
        .count();
    assert_eq!(offered, citywide);
    assert!(
        harness
            .query_by_label_contains(&format!("{citywide} match"))
            .is_some()
    );
}

#[test]
fn help_lists_the_keyboard_shortcuts() {
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    harness.key_press(egui::Key::F1);
    harness.run_steps(2);
    assert!(harness.get_all_by_label("Keyboard shortcuts").count() > 0);
    harness.get_by_label("Undo");
    harness.get_by_label("Find a stakeholder");
    harness.get_by_label_contains("Delete the selection, with");
}

#[test]
fn copy_and_paste_between_two_maps() {
    let mut source = app_on(stakemap::builtin::police_community(), None);
    let cds = id_named(source.state().map(), "Community Development Section (CDS)");
    let week = id_named(source.state().map(), "Police Week");
    source
        .state_mut()
        .select(Selection::stakeholders([cds, week]));
    source.run_steps(1);
    source.event(egui::Event::Copy);
    source.step();
    let copied = crate::common::clipboard_text(&source).expect("copied to the clipboard");

    let mut target = app_on(Map::new("Other map"), None);
    target.event(egui::Event::Paste(copied));
    target.run_steps(2);
    let map = target.state().map();
    assert_eq!(map.stakeholder_count(), 2);
    let between = source
        .state()
        .map()
        .relationships()
        .filter(|r| [r.from(), r.to()].iter().all(|e| *e == cds || *e == week));
    assert_eq!(map.relationship_count(), between.count());
    assert_eq!(
        target.state().selection().stakeholders.len(),
        2,
        "pasted ones selected"
    );
}

#[test]
fn work_left_in_a_recovery_file_is_offered_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("city.ron");
    let saved = stakemap::builtin::police_community();
    stakemap::io::save(&saved, &path).expect("saved");
    // A session edited the map, autosaved, then died.
    let mut unsaved = saved.clone();
    unsaved.title = "Edited, autosaved, never saved".into();
    let recovery = stakemap::io::recovery::recovery_path(Some(&path), None).expect("path");
    stakemap::io::recovery::write_recovery(&unsaved, &recovery).expect("autosaved");

    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| StakemapApp::new(cc, Some(path.clone())));
    harness.run_steps(4);
    harness.get_by_label("Recover unsaved work");
    harness.get_by_label("Recover").click();
    harness.run_steps(2);
    assert_eq!(harness.state().map(), &unsaved);
    assert!(
        harness.state().is_dirty(),
        "recovered work is not saved yet"
    );
    ctrl(&mut harness, false, egui::Key::S);
    assert_eq!(stakemap::io::load(&path).expect("loads"), unsaved);
    assert!(!recovery.exists(), "a save removes the recovery file");
}

#[test]
fn a_map_changed_on_disk_is_noticed_when_the_window_regains_focus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("city.ron");
    let map = stakemap::builtin::police_community();
    stakemap::io::save(&map, &path).expect("saved");
    let mut harness = app_on(map.clone(), Some(path.clone()));
    let mut theirs = map;
    theirs.title = "Changed by a colleague".into();
    stakemap::io::save(&theirs, &path).expect("saved by someone else");
    let focus = |harness: &mut Harness<'_, StakemapApp>, focused| {
        harness
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .focused = Some(focused);
        harness.run_steps(4);
    };
    focus(&mut harness, false);
    focus(&mut harness, true);
    harness.get_by_label("Changed on disk");
    harness.get_by_label("Reload").click();
    harness.run_steps(2);
    assert_eq!(harness.state().map().title, "Changed by a colleague");
}

#[test]
fn views_rearrange_the_canvas_and_the_network_comes_back() {
    use stakemap::layout::for_map::MapLayout;
    let mut harness = app_on(stakemap::builtin::police_community(), None);
    let before = ron(harness.state().map());
    let cds = id_named(harness.state().map(), "Community Development Section (CDS)");
    let network_spot = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, cds)
        .expect("on screen");
    harness.key_press(egui::Key::Num4);
    for _ in 0..50 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    assert_eq!(harness.state().layout(), MapLayout::PowerInterest);
    assert_eq!(
        ron(harness.state().map()),
        before,
        "a view leaves the map's positions alone"
    );
    let in_grid = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, cds)
        .expect("on screen");
    assert!(
        (in_grid - network_spot).length() > 40.0,
        "the grid moved it"
    );
    harness.key_press(egui::Key::Num1);
    for _ in 0..50 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    assert_eq!(harness.state().layout(), MapLayout::Network);
    let back = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, cds)
        .expect("on screen");
    assert!(
        (back - network_spot).length() < 40.0,
        "{network_spot:?} -> {back:?}"
    );
}

#[test]
fn the_force_layout_runs_settles_and_is_one_undo_step() {
    let mut map = stakemap::builtin::police_community();
    let pinned = map.stakeholders_by_id()[5].id();
    map.stakeholder_mut(pinned).expect("there").pinned = true;
    let mut harness = app_on(map.clone(), None);
    harness.get_by_label("Re-run").click();
    harness.run_steps(1);
    assert!(harness.state().layout_running());
    for _ in 0..400 {
        harness.step();
        if !harness.state().layout_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().layout_running(), "settles and stops");
    let after = harness.state().map().clone();
    assert_ne!(ron(&after), ron(&map), "the stakeholders moved");
    assert_eq!(
        after.stakeholder(pinned).and_then(|s| s.position),
        map.stakeholder(pinned).and_then(|s| s.position),
        "pinned stays"
    );
    assert!(
        after
            .stakeholders()
            .all(|s| s.position.is_some_and(|p| p.is_finite()))
    );
    ctrl(&mut harness, false, egui::Key::Z);
    assert_eq!(ron(harness.state().map()), ron(&map), "one undo step");
}

/// A map file on disk with the window on it, as opened from that file.
fn opened(
    text: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, StakemapApp>,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, text).expect("written");
    let map = stakemap::io::load(&path).expect("loads");
    let harness = app_on(map, Some(path.clone()));
    (dir, path, harness)
}

/// Ctrl+S, which asks `question`: Cancel writes nothing (the file still holds `before`),
/// then Ctrl+S again and Save anyway saves the map on screen.
fn cancel_then_save_anyway(
    harness: &mut Harness<'_, StakemapApp>,
    path: &std::path::Path,
    question: &str,
    before: &str,
) {
    ctrl(harness, false, egui::Key::S);
    harness.get_by_label(question);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(
        std::fs::read_to_string(path).expect("read"),
        before,
        "{question}: Cancel writes nothing"
    );
    assert!(harness.state().is_dirty());
    ctrl(harness, false, egui::Key::S);
    harness.get_by_label("Save anyway").click();
    harness.run_steps(2);
    assert!(!harness.state().is_dirty());
    assert_eq!(
        stakemap::io::load(path).expect("loads"),
        *harness.state().map()
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_map_is_saved_only_when_the_person_says_so_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut harness) =
        opened(&stakemap::io::to_ron(&stakemap::builtin::police_community()));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read_to_string(&path).expect("read");
    edited(&mut harness);
    cancel_then_save_anyway(&mut harness, &path, "Read-only file", &before);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "the file stays read-only");
}

#[test]
fn saving_a_map_with_comments_warns_once_and_keeps_them_beside_it_for_good() {
    let mut text = String::from("// Kept by the CDS office; ask Sam before changing.\n");
    text.push_str(&stakemap::io::to_ron(&stakemap::builtin::police_community()));
    text = text.replacen("stakeholders: [", "stakeholders: [ /* partners first */", 1);
    let (_dir, path, mut harness) = opened(&text);
    edited(&mut harness);
    ctrl(&mut harness, false, egui::Key::S);
    assert!(
        harness.query_by_label_contains("has 2 comments").is_some(),
        "the question says how many"
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    cancel_then_save_anyway(&mut harness, &path, "Comments will be lost", &text);
    let commented = stakemap::io::commented_path(&path);
    assert_eq!(std::fs::read_to_string(&commented).expect("kept"), text);
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("shared.ron.commented")),
        "the person is told where the comments are"
    );
    // The next save has nothing to warn about, and the comments outlive it (the .bak
    // now holds the first save).
    edited(&mut harness);
    ctrl(&mut harness, false, egui::Key::S);
    assert!(!harness.state().is_asking());
    assert!(!harness.state().is_dirty());
    assert_eq!(std::fs::read_to_string(&commented).expect("kept"), text);

    // A comment added by hand later is kept too, beside the first copy, not over it.
    let saved = std::fs::read_to_string(&path).expect("read");
    let annotated = format!("// Added after the first save.\n{saved}");
    std::fs::write(&path, &annotated).expect("written");
    edited(&mut harness);
    ctrl(&mut harness, false, egui::Key::S);
    harness.get_by_label("Changed by another program");
    harness.get_by_label("Save anyway").click();
    harness.run_steps(4);
    harness.get_by_label("Comments will be lost");
    harness.get_by_label("Save anyway").click();
    harness.run_steps(2);
    assert!(!harness.state().is_dirty());
    assert_eq!(std::fs::read_to_string(&commented).expect("kept"), text);
    let mut second = commented.as_os_str().to_owned();
    second.push(".2");
    assert_eq!(
        std::fs::read_to_string(std::path::PathBuf::from(second)).expect("kept beside"),
        annotated
    );
}

#[test]
fn saving_over_a_file_another_program_changed_asks_first() {
    let original = stakemap::io::to_ron(&stakemap::builtin::police_community());
    let (_dir, path, mut harness) = opened(&original);
    // Another program (an editor, a sync client) changes the file while the map is open.
    let theirs = original.replacen("Police and Community Mind Map", "Their title", 1);
    std::fs::write(&path, &theirs).expect("written");
    edited(&mut harness);
    cancel_then_save_anyway(&mut harness, &path, "Changed by another program", &theirs);
    assert_eq!(
        std::fs::read_to_string(stakemap::io::backup_path(&path)).expect("backup"),
        theirs,
        "their version is kept"
    );
}
