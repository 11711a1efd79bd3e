//! The window driven as a person would, by the labels they see (egui_kittest + AccessKit).
//! The canvas repaints every frame, so the harness runs a fixed number of steps.

use crate::common::builtin_app;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::gui::{Selection, StakemapApp};
use stakemap::model::{StakeholderId, StakeholderKind};

fn cds(app: &StakemapApp) -> StakeholderId {
    app.map()
        .stakeholders()
        .find(|s| s.name.starts_with("Community Development Section"))
        .map(|s| s.id())
        .expect("the built-in map has the CDS")
}

#[test]
fn opens_on_the_builtin_map_zooms_to_fit_and_explains_itself() {
    let mut harness = builtin_app();
    harness.get_by_label("Zoom to fit").click();
    harness.run_steps(3);

    // The legend explains shapes, sizes, widths and colours.
    for entry in ["Kinds", "Partner", "Organisation", "Issue", "Initiative"] {
        harness.get_by_label(entry);
    }
    harness.get_by_label("Size is influence");
    harness.get_by_label("5 collaborating");
    harness.get_by_label("0 none");
    harness.get_by_label("Strained");
    harness.get_by_label("Reads with a direction");

    // The status bar names the file and counts what is on the map.
    harness.get_by_label("built-in map");
    let map = stakemap::builtin::police_community();
    harness.get_by_label_contains(&format!(
        "{} stakeholders · {} relationships",
        map.stakeholder_count(),
        map.relationship_count()
    ));
}

#[test]
fn the_legend_can_be_hidden_and_shown_again() {
    let mut harness = builtin_app();
    assert!(harness.query_by_label("5 collaborating").is_some());
    // The toolbar's toggle, not the panel's heading of the same name.
    harness
        .get_by_role_and_label(Role::Button, "Legend")
        .click();
    harness.run_steps(12); // the panel slides away
    assert!(harness.query_by_label("5 collaborating").is_none());
    harness
        .get_by_role_and_label(Role::Button, "Legend")
        .click();
    harness.run_steps(12);
    assert!(harness.query_by_label("5 collaborating").is_some());
}

fn press(harness: &mut Harness<'_, StakemapApp>, pos: egui::Pos2, pressed: bool) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(1);
}

/// Where the CDS is drawn, after zoom to fit.
fn cds_on_screen(harness: &mut Harness<'_, StakemapApp>) -> (StakeholderId, egui::Pos2) {
    harness.get_by_label("Zoom to fit").click();
    harness.run_steps(3);
    let id = cds(harness.state());
    let at = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, id)
        .expect("on screen");
    harness.hover_at(at);
    harness.run_steps(1);
    (id, at)
}

#[test]
fn clicking_a_stakeholder_on_the_canvas_shows_its_fields() {
    let mut harness = builtin_app();
    let (id, at) = cds_on_screen(&mut harness);
    press(&mut harness, at, true);
    press(&mut harness, at, false);
    harness.run_steps(1);

    assert_eq!(*harness.state().selection(), Selection::stakeholder(id));
    let sector = harness.get_by_role_and_label(Role::TextInput, "Sector");
    assert_eq!(sector.value().as_deref(), Some("Policing"));
    harness.get_by_label("Engagement desired");
    harness.get_by_label_contains("Relationships (");
}

#[test]
fn dragging_a_stakeholder_moves_it_in_the_map() {
    let mut harness = builtin_app();
    let (id, at) = cds_on_screen(&mut harness);
    let before = harness
        .state()
        .map()
        .stakeholder(id)
        .and_then(|s| s.position)
        .expect("placed");
    press(&mut harness, at, true);
    for step in 1..=5 {
        harness.hover_at(at + egui::vec2(12.0 * step as f32, 8.0 * step as f32));
        harness.run_steps(1);
    }
    let to = at + egui::vec2(60.0, 40.0);
    press(&mut harness, to, false);
    harness.run_steps(1);
    let after = harness
        .state()
        .map()
        .stakeholder(id)
        .and_then(|s| s.position)
        .expect("placed");
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "{before:?} -> {after:?}"
    );
    let on_screen = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, id)
        .expect("on screen");
    assert!(
        (on_screen - to).length() < 2.0,
        "it follows the pointer: {on_screen:?}"
    );
}

#[test]
fn the_inspector_leads_from_a_stakeholder_to_its_relationships_and_their_log() {
    let mut harness = builtin_app();
    let id = cds(harness.state());
    harness.state_mut().select(Selection::stakeholder(id));
    harness.run_steps(2);
    let first = harness
        .state()
        .map()
        .relationships_of(id)
        .first()
        .map(|r| r.id())
        .expect("the CDS has relationships");
    harness
        .get_all_by_label_contains("Membership · ")
        .next()
        .expect("a membership link")
        .click();
    harness.run_steps(2);
    assert_eq!(*harness.state().selection(), Selection::relationship(first));
    harness.get_by_label("Owner");
    harness.get_by_label_contains("Observations (");
    assert!(harness.get_all_by_label("Recorded by").count() > 0);
}

#[test]
fn a_file_that_will_not_open_leaves_the_builtin_map_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format: \"stakemap\", version: 1, title: ").expect("write");
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(|cc| StakemapApp::new(cc, Some(path.clone())));
    harness.run_steps(3);
    harness.get_by_label_contains("broken.ron:1:");
    harness.get_by_label_contains("Showing the built-in map instead");
    assert!(
        harness
            .state()
            .map()
            .stakeholders()
            .any(|s| s.kind == StakeholderKind::Initiative)
    );
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("broken.ron:1:").is_none());
}

#[test]
fn a_dense_map_of_many_thousands_draws_within_what_a_gpu_takes() {
    // A crash seen once: 30,000 stakeholders piled in a square, every relationship stale
    // and so dashed, made a frame of more than 256 MB of indices, which wgpu refuses.
    use stakemap::model::{
        InteractionKind, Map, Observation, Position, Relationship, RelationshipId,
        RelationshipKind, Stakeholder, Strength, Tone,
    };
    let n = 15_000u64;
    let mut map = Map::new("Dense");
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f32 / (1u64 << 31) as f32 * 1000.0
    };
    for i in 1..=n {
        let mut s = Stakeholder::new(StakeholderId(i), StakeholderKind::Partner, format!("P{i}"));
        s.position = Some(Position(next(), next()));
        map.add_stakeholder(s).expect("fresh");
    }
    for i in 1..n {
        let mut r = Relationship::new(
            RelationshipId(i),
            StakeholderId(i),
            StakeholderId(i + 1),
            RelationshipKind::Informal,
        );
        r.observations.push(
            Observation::new(
                "2024-01-01".parse().expect("date"),
                Strength::COORDINATING,
                Tone::Neutral,
            )
            .with_interaction(InteractionKind::Call),
        );
        map.add_relationship(r).expect("ends exist");
    }
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| StakemapApp::with_map(map, None));
    harness.run_steps(3);
    let output = harness.output().clone();
    let primitives = harness
        .ctx
        .tessellate(output.shapes, output.pixels_per_point);
    let indices: usize = primitives
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    // wgpu takes index buffers up to 256 MB (64 M indices). At most 700 indices per
    // stakeholder keeps even 30,000 on screen at once under a third of that; the drawing
    // that crashed took 1,370 per stakeholder here.
    let per_stakeholder = indices / n as usize;
    assert!(
        per_stakeholder < 700,
        "{indices} indices, {per_stakeholder} per stakeholder"
    );
}

/// A stakeholder's strength chart keys its lines in a list below it, each line's kind and
/// other stakeholder in full inside the inspector: egui_plot's legend lay over the lines
/// and cut the longest at the panel's left edge.
#[test]
fn the_strength_chart_keys_every_line_in_full_inside_the_inspector() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let police = crate::common::id_named(&map, "City Police Service");
    harness.state_mut().select(Selection::stakeholder(police));
    harness.run();
    let panel_left = harness.get_by_label("Inspector").rect().left();
    let relationships = map.relationships_of(police);
    assert!(relationships.len() >= 8, "enough lines to crowd a legend");
    for r in relationships {
        let other = if r.from() == police { r.to() } else { r.from() };
        let key = format!(
            "{} · {}",
            r.kind,
            map.stakeholder(other).expect("other").name
        );
        let node = harness.get_by_label(&key);
        node.scroll_to_me();
        harness.run();
        let rect = harness.get_by_label(&key).rect();
        assert!(
            rect.left() >= panel_left - 1.0 && rect.right() <= 1280.0,
            "{key} at {rect:?}, inspector from {panel_left}"
        );
        // Beside its line's swatch, a wrapped key's second line too.
        assert!(
            rect.left() >= panel_left + 15.0,
            "{key} at {rect:?} starts under the swatch"
        );
    }
}

/// A click a little off a symbol's centre selects that stakeholder in every view, however
/// small the symbol is drawn: on the power/interest grid, where symbols are drawn at their
/// least size, only a click on the very centre of most of them had found them.
#[test]
fn a_click_on_a_drawn_symbol_selects_it_in_every_view() {
    use stakemap::gui::Single;
    let mut harness = builtin_app();
    let ids: Vec<StakeholderId> = harness
        .state()
        .map()
        .stakeholders_by_id()
        .iter()
        .map(|s| s.id())
        .collect();
    for key in [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num4,
        egui::Key::Num5,
    ] {
        harness.key_press(key);
        for _ in 0..50 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        crate::common::press_key(&mut harness, egui::Key::F);
        for &id in ids.iter().step_by(3) {
            let at = harness
                .state()
                .stakeholder_on_screen(&harness.ctx, id)
                .expect("on screen");
            // A person's click lands a pixel or two off.
            crate::common::click_at(&mut harness, at + egui::vec2(1.5, -1.5));
            let layout = harness.state().layout();
            assert_eq!(
                harness.state().selection().single(),
                Some(Single::Stakeholder(id)),
                "{layout:?}: a click at {at:?} on {id:?}"
            );
        }
    }
}

/// A click on a stakeholder's name selects it, as in Kumu and yEd: the name is drawn over
/// the lines, so a click on it had selected the relationship beneath or nothing.
#[test]
fn a_click_on_a_name_selects_its_stakeholder() {
    use stakemap::gui::Single;
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let rect = harness.state().canvas_rect().expect("the canvas");
    // Where each name is painted: its text and the middle of its box.
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, egui::Pos2)>) {
        match shape {
            egui::Shape::Text(t) => out.push((
                t.galley.job.text.replace('\n', " "),
                t.galley.rect.translate(t.pos.to_vec2()).center(),
            )),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut painted = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut painted);
    }
    let names: Vec<(String, egui::Pos2)> = painted
        .into_iter()
        .filter(|(text, at)| rect.contains(*at) && map.stakeholders().any(|s| s.name == *text))
        .collect();
    assert!(names.len() >= 60, "{} names painted", names.len());
    for (name, at) in names.iter().step_by(4) {
        crate::common::click_at(&mut harness, *at);
        assert_eq!(
            harness.state().selection().single(),
            Some(Single::Stakeholder(crate::common::id_named(&map, name))),
            "a click on {name:?} at {at:?}"
        );
    }
}

/// The rings view's legend says what a ring is and round whom ("1 step", "2 steps" label
/// the rings; testers asked what a step was, and away from whom); the other views'
/// legends do not.
#[test]
fn the_rings_legend_says_a_step_is_one_relationship() {
    let mut harness = builtin_app();
    let centre = cds(harness.state());
    assert!(harness.query_by_label_contains("Rings round").is_none());
    harness.state_mut().select(Selection::stakeholder(centre));
    harness.state_mut().push(stakemap::gui::Command::ShowLayout(
        stakemap::layout::for_map::MapLayout::Radial(centre),
    ));
    harness.run_steps(4);
    // Round whom, too.
    harness.get_by_label("Rings round Community Development Section (CDS)");
    harness.get_by_label("1 step: 1 relationship away");
    harness.state_mut().push(stakemap::gui::Command::ShowLayout(
        stakemap::layout::for_map::MapLayout::Network,
    ));
    harness.run_steps(4);
    assert!(harness.query_by_label_contains("Rings round").is_none());
}

/// In the window, views are arranged on a worker thread: making room for the names of the
/// rings round a stakeholder takes about a sixth of a second, and had frozen the window that
/// long on every choice of view and every edit in it. The view chosen arrives while frames
/// go on being drawn, the map before staying on screen, and is then the same view, with the
/// same names, as one arranged at once.
#[test]
fn a_view_is_arranged_while_the_window_goes_on_drawing() {
    let mut harness = builtin_app();
    harness.state_mut().arrange_in_background(true);
    let centre = cds(harness.state());
    let before = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, centre)
        .expect("drawn");
    harness.state_mut().select(Selection::stakeholder(centre));
    harness.state_mut().push(stakemap::gui::Command::ShowLayout(
        stakemap::layout::for_map::MapLayout::Radial(centre),
    ));
    harness.step();
    harness.step();
    // Chosen (the legend says so at once) and still being made: the network stays drawn.
    assert!(harness.state().view_arriving(), "arranged within the frame");
    harness.get_by_label("Rings round Community Development Section (CDS)");
    // The status bar says why the map has not changed yet.
    harness.get_by_label_contains("Arranging the view: Rings");
    assert_eq!(
        harness.state().stakeholder_on_screen(&harness.ctx, centre),
        Some(before),
        "the map before stays where it was while the view is made"
    );
    // An edit meanwhile (pinning the centre) arranges the view again; it still animates
    // in and is fitted when it comes.
    harness.state_mut().push(stakemap::gui::Command::TogglePin);
    harness.step();
    assert!(harness.state().is_dirty(), "pinned: an edit");
    let mut frames = 0;
    while harness.state().view_arriving() && frames < 1000 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        frames += 1;
    }
    assert!(frames > 0 && !harness.state().view_arriving());
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Arranging the view")
            .is_none()
    );
    // The animation there, and the fit.
    harness.run_steps(8);
    // Where a view arranged at once puts them: the centre in the middle of the canvas.
    let canvas = harness.state().canvas_rect().expect("canvas");
    let at = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, centre)
        .expect("drawn");
    let mut at_once = builtin_app();
    at_once.state_mut().select(Selection::stakeholder(centre));
    at_once.state_mut().push(stakemap::gui::Command::ShowLayout(
        stakemap::layout::for_map::MapLayout::Radial(centre),
    ));
    at_once.run_steps(12);
    assert_eq!(
        at_once.state().stakeholder_on_screen(&at_once.ctx, centre),
        Some(at),
        "the same view as one arranged at once"
    );
    assert_eq!(
        harness.state().unlabelled(),
        at_once.state().unlabelled(),
        "as many names as one arranged at once"
    );
    assert!(canvas.contains(at) && (at - before).length() > 1.0);
}
