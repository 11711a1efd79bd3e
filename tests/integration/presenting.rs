//! Presentation mode as a facilitator uses it: F5 to project, the clicker's keys to step
//! through the views, a click to put a stakeholder in the spotlight, and nothing private
//! on the wall, whatever the window showed before.

use crate::common::{builtin_app, canvas_names, click_at, id_named, press_key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::gui::StakemapApp;
use stakemap::layout::for_map::MapLayout;
use stakemap::redaction::RedactionProfile;

/// Every text painted anywhere in the window last frame.
fn painted_text(harness: &Harness<'_, StakemapApp>) -> String {
    fn walk(shape: &egui::Shape, out: &mut String) {
        match shape {
            egui::Shape::Text(t) => {
                out.push_str(&t.galley.job.text);
                out.push('\n');
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// How many short strokes are painted on one circle around `at` (a dashed ring).
fn dashes_around(harness: &Harness<'_, StakemapApp>, at: egui::Pos2) -> usize {
    fn walk(shape: &egui::Shape, out: &mut Vec<[egui::Pos2; 2]>) {
        match shape {
            egui::Shape::LineSegment { points, .. } => out.push(*points),
            egui::Shape::Path(p) if !p.closed && p.points.len() == 2 => {
                out.push([p.points[0], p.points[1]]);
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut segments = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut segments);
    }
    let mut by_radius: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for [a, b] in segments {
        let (ra, rb) = (a.distance(at), b.distance(at));
        if ra > 4.0 && (ra - rb).abs() < 0.5 && a.distance(b) < 12.0 {
            *by_radius.entry(ra.round() as i32).or_default() += 1;
        }
    }
    by_radius.values().copied().max().unwrap_or(0)
}

fn present(harness: &mut Harness<'_, StakemapApp>) {
    harness.key_press(egui::Key::F5);
    // Names are made room for on the wall: the view moves there (0.6 s) and is fitted.
    harness.run_steps(60);
}

/// The built-in map without its saved views, projected: the clicker steps through the
/// views themselves.
fn presenting_without_saved_views() -> Harness<'static, StakemapApp> {
    let mut map = stakemap::builtin::police_community();
    map.views.clear();
    let mut harness = crate::common::app_on(map, None);
    present(&mut harness);
    harness
}

/// Presses a clicker's key and waits while the next view is made room for on the wall and
/// moves there (0.6 s).
fn click(harness: &mut Harness<'_, StakemapApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run_steps(60);
}

#[test]
fn f5_projects_the_map_without_panels_under_the_workshop_profile_and_esc_comes_back() {
    let mut harness = builtin_app();
    assert!(harness.query_by_label("Inspector").is_some());
    present(&mut harness);
    // No editing controls: no inspector, toolbar or menu.
    assert!(harness.query_by_label("Inspector").is_none());
    assert!(harness.query_by_label("Add stakeholder").is_none());
    assert!(harness.query_by_label("File").is_none());
    // The caption, the badge and the legend are there.
    harness.get_by_label_contains("Workshop profile");
    harness.get_by_label_contains("As of ");
    harness.get_by_label("Width is strength");
    assert_eq!(
        harness.state().redaction().profile,
        RedactionProfile::Workshop
    );
    // Nothing confidential is painted, and no contact detail.
    let map = harness.state().map().clone();
    let text = painted_text(&harness);
    for s in map.stakeholders().filter(|s| s.confidential) {
        assert!(!text.contains(&s.name), "{} on the wall", s.name);
    }
    for c in map.stakeholders().filter_map(|s| s.contact.as_ref()) {
        for detail in [&c.email, &c.phone] {
            if !detail.is_empty() {
                assert!(!text.contains(detail.as_str()), "{detail} on the wall");
            }
        }
    }
    // Large names of one size, readable from the back of a room.
    let names = canvas_names(&harness);
    assert!(names.len() > 20, "{} names", names.len());
    // Esc leaves: the panels are back and the profile is the window's again.
    // Leaving, the view moves back to the window's room for names (0.6 s).
    harness.key_press(egui::Key::Escape);
    harness.run_steps(60);
    harness.get_by_label("Inspector");
    assert_eq!(
        harness.state().redaction().profile,
        RedactionProfile::Internal
    );
}

#[test]
fn with_no_saved_views_the_clicker_steps_through_the_views() {
    let mut harness = presenting_without_saved_views();
    assert_eq!(harness.state().layout(), MapLayout::Network);
    let mut seen = vec![harness.state().layout()];
    for key in [egui::Key::ArrowRight, egui::Key::PageDown, egui::Key::Space] {
        click(&mut harness, key);
        seen.push(harness.state().layout());
    }
    assert_eq!(
        seen,
        [
            MapLayout::Network,
            MapLayout::CircularByKind,
            MapLayout::CircularBySector,
            MapLayout::PowerInterest
        ]
    );
    // The caption names the view on the wall.
    assert!(painted_text(&harness).contains("Power"));
    for (key, back) in [
        (egui::Key::ArrowLeft, MapLayout::CircularBySector),
        (egui::Key::PageUp, MapLayout::CircularByKind),
    ] {
        click(&mut harness, key);
        assert_eq!(harness.state().layout(), back);
    }
    // Nothing moved on the map: stepping views is a look only.
    assert!(!harness.state().is_dirty());
}

/// A facilitator's clicker pressed twice quickly moves two slides on, not one: a key typed
/// twice within a frame had counted once.
#[test]
fn two_clicks_within_a_frame_step_two_views() {
    let mut harness = presenting_without_saved_views();
    crate::common::keys_in_one_frame(
        &mut harness,
        &[egui::Key::ArrowRight, egui::Key::ArrowRight],
    );
    harness.run_steps(60);
    assert_eq!(harness.state().layout(), MapLayout::CircularBySector);
}

#[test]
fn a_click_spotlights_a_stakeholder_and_its_neighbours_and_plus_widens_it() {
    let mut harness = builtin_app();
    present(&mut harness);
    let map = harness.state().map().clone();
    let centre = id_named(&map, "Kestrel Park Youth Drop-in");
    let at = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, centre)
        .expect("on screen");
    click_at(&mut harness, at);
    harness.run_steps(4);
    harness.get_by_label_contains("Spotlight: Kestrel Park Youth Drop-in, 1 step");
    let neighbours: std::collections::HashSet<_> = map
        .relationships_of(centre)
        .iter()
        .flat_map(|r| [r.from(), r.to()])
        .collect();
    let faded = |harness: &Harness<'_, StakemapApp>| {
        let (shown, decorations) = harness.state().shown().expect("shown");
        shown
            .stakeholders()
            .filter(|s| decorations.is_faded(s.id()))
            .count()
    };
    {
        let (shown, decorations) = harness.state().shown().expect("shown");
        for s in shown.stakeholders() {
            assert_eq!(
                decorations.is_faded(s.id()),
                !neighbours.contains(&s.id()),
                "{}",
                s.name
            );
        }
    }
    // The spotlight's stakeholders are all named, ahead of the faded rest, whose names step
    // back in a weaker colour.
    let painted = canvas_names(&harness);
    let colour_of = |name: &str| painted.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
    let named: Vec<_> = neighbours
        .iter()
        .filter_map(|id| colour_of(&map.stakeholder(*id).expect("there").name))
        .collect();
    // At 24 points on a 1280 by 800 window not every name fits; the spotlight's come first.
    assert!(
        named.len() * 4 >= neighbours.len() * 3,
        "{} of {} in the spotlight named",
        named.len(),
        neighbours.len()
    );
    let strong = named.first().copied();
    let weak = map
        .stakeholders()
        .filter(|s| !neighbours.contains(&s.id()))
        .find_map(|s| colour_of(&s.name))
        .expect("some faded stakeholder named");
    assert_ne!(Some(weak), strong, "faded names step back");
    let one_step = faded(&harness);
    press_key(&mut harness, egui::Key::Plus);
    harness.run_steps(4);
    harness.get_by_label_contains("2 steps");
    assert!(faded(&harness) < one_step, "wider shows more");
    // The centre is outlined as a selected one is, and nothing was edited.
    assert_eq!(
        harness.state().selection(),
        &stakemap::gui::Selection::stakeholder(centre)
    );
    assert!(!harness.state().is_dirty());
    // A click on empty canvas clears the spotlight.
    let rect = harness.state().canvas_rect().expect("canvas");
    click_at(&mut harness, rect.left_bottom() + egui::vec2(4.0, -4.0));
    harness.run_steps(4);
    assert_eq!(faded(&harness), 0);
}

#[test]
fn editing_keys_do_nothing_on_the_wall() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let cds = id_named(&map, "Community Development Section (CDS)");
    harness
        .state_mut()
        .select(stakemap::gui::Selection::stakeholder(cds));
    harness.run();
    present(&mut harness);
    for key in [egui::Key::Delete, egui::Key::N, egui::Key::P, egui::Key::R] {
        press_key(&mut harness, key);
        harness.run_steps(4);
    }
    crate::common::ctrl(&mut harness, false, egui::Key::D);
    harness.run_steps(4);
    assert_eq!(harness.state().map(), &map, "the map is untouched");
    assert!(!harness.state().layout_running());
}

#[test]
fn the_clicker_steps_through_the_maps_saved_views_and_each_shows_what_it_keeps() {
    // The built-in map keeps five views: the whole map, Kestrel Park, who holds it
    // together, around the youth drop-in, engagement.
    let mut harness = builtin_app();
    let views = harness.state().map().views.clone();
    assert!(views.len() >= 3);
    present(&mut harness);
    let faded = |harness: &Harness<'_, StakemapApp>| {
        let (shown, decorations) = harness.state().shown().expect("shown");
        shown
            .stakeholders()
            .filter(|s| decorations.is_faded(s.id()))
            .map(|s| s.area.clone())
            .collect::<Vec<_>>()
    };
    // The presentation opens on the first view, named in the caption.
    harness.run_steps(30);
    assert!(painted_text(&harness).contains(&views[0].name));
    assert!(faded(&harness).is_empty(), "the whole map");
    // A spotlight, then the next view: its centre keeps no outline there.
    let somebody = harness
        .state()
        .map()
        .stakeholders()
        .next()
        .expect("one")
        .id();
    harness
        .state_mut()
        .push(stakemap::gui::Command::Spotlight(Some(somebody)));
    harness.run();
    assert!(!harness.state().selection().is_empty());
    click(&mut harness, egui::Key::Space);
    assert!(
        harness.state().selection().is_empty(),
        "no outline left over"
    );
    assert!(painted_text(&harness).contains("Kestrel Park (Network)"));
    let out = faded(&harness);
    assert!(!out.is_empty() && out.iter().all(|area| area != "Kestrel Park"));
    click(&mut harness, egui::Key::PageDown);
    assert!(painted_text(&harness).contains("Who holds it together"));
    harness.get_by_label("Colour is community");
    harness.get_by_label("Size is betweenness");
    // Symbols sized by betweenness take more room than by influence: room is made for
    // them as shown (a tester found Partnership In Action unnamed on this slide).
    // And back.
    click(&mut harness, egui::Key::ArrowLeft);
    assert!(painted_text(&harness).contains("Kestrel Park (Network)"));
    assert!(harness.query_by_label("Colour is community").is_none());
    assert!(!harness.state().is_dirty());
    // Leaving gives the window back as it was: no filter, the map's own colours, the network.
    click(&mut harness, egui::Key::PageDown);
    click(&mut harness, egui::Key::PageDown);
    click(&mut harness, egui::Key::PageDown);
    // Leaving, the view moves back to the window's room for names (0.6 s).
    harness.key_press(egui::Key::Escape);
    harness.run_steps(60);
    harness.get_by_label("Inspector");
    assert!(faded(&harness).is_empty(), "no filter nor focus left over");
    assert!(harness.query_by_label("Colour is community").is_none());
    assert_eq!(harness.state().layout(), MapLayout::Network);
    assert!(harness.state().selection().is_empty());
}

#[test]
fn a_view_saved_from_the_screen_keeps_its_filter_and_comes_back_with_it() {
    use crate::common::type_into;
    let mut harness = builtin_app();
    let before = harness.state().map().views.len();
    // Filter to issues, then save the view.
    harness.get_by_label_contains("Filter").click();
    harness.run();
    crate::common::scroll_and_click_role(&mut harness, egui::accesskit::Role::CheckBox, "Issue");
    harness.get_by_label_contains("kind: Issue");
    crate::common::scroll_and_click(&mut harness, &format!("Views ({before})"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New view")
        .scroll_to_me();
    harness.run();
    type_into(&mut harness, "New view", "Issues only");
    harness.get_by_label("Save this view").click();
    harness.run();
    let views = harness.state().map().views.clone();
    assert_eq!(views.len(), before + 1);
    let saved = views.last().expect("saved");
    assert_eq!(saved.name, "Issues only");
    assert_eq!(
        saved.filter.kinds,
        [stakemap::model::StakeholderKind::Issue]
    );
    assert!(saved.camera.is_some(), "the camera is kept");
    // Clear the filter; opening the view brings it back.
    crate::common::scroll_and_click(&mut harness, "Clear the filter");
    assert!(harness.query_by_label_contains("kind: Issue").is_none());
    // Zoom in; opening the view glides the camera back to where it was saved.
    let saved_zoom = saved.camera.expect("camera").zoom;
    let rect = harness.state().canvas_rect().expect("canvas");
    crate::common::wheel_at(&mut harness, rect.center(), 6.0);
    let zoomed = harness.state().zoom(&harness.ctx).expect("zoom");
    assert!((zoomed - saved_zoom).abs() > 0.1 * saved_zoom, "zoomed in");
    harness.get_by_label("Issues only").scroll_to_me();
    harness.run();
    harness.get_by_label("Issues only").click();
    harness.step();
    harness.step();
    let midway = harness.state().zoom(&harness.ctx).expect("zoom");
    assert!(
        (midway - saved_zoom).abs() > 0.01 * saved_zoom,
        "a glide, not a jump: {midway} against {saved_zoom}"
    );
    harness.run_steps(8);
    let arrived = harness.state().zoom(&harness.ctx).expect("zoom");
    assert!(
        (arrived - saved_zoom).abs() < 1e-3 * saved_zoom,
        "{arrived} against {saved_zoom}"
    );
    harness.get_by_label_contains("kind: Issue");
    // Saving was one step: undo takes the view away again.
    crate::common::ctrl(&mut harness, false, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().map().views.len(), before);
}

#[test]
fn a_capture_adds_a_pending_stakeholder_drawn_dashed_and_accepting_it_makes_it_ordinary() {
    use crate::common::{ctrl, type_keys};
    let mut harness = builtin_app();
    let before = harness.state().map().stakeholder_count();
    present(&mut harness);
    press_key(&mut harness, egui::Key::C);
    harness.run_steps(2);
    let open = |harness: &Harness<'_, StakemapApp>| {
        harness
            .query_all_by_label_contains("What does the room suggest?")
            .count()
            > 0
    };
    assert!(open(&harness), "the capture box");
    type_keys(&mut harness, "Youth council");
    // Typing in the box fires no presentation key (C, F, Space...).
    assert!(open(&harness));
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Workshop")
        .focus();
    harness.run();
    type_keys(&mut harness, "Community Policing Forum");
    harness.get_by_label("Add as pending").click();
    // Room is made for its name on the wall: the view may move (0.6 s).
    harness.run_steps(60);
    let map = harness.state().map().clone();
    assert_eq!(map.stakeholder_count(), before + 1);
    let youth = map
        .stakeholders()
        .find(|s| s.name == "Youth council")
        .expect("captured");
    let pending = youth.pending.clone().expect("pending");
    assert_eq!(pending.workshop, "Community Policing Forum");
    // On the wall it is drawn with a dashed ring: short strokes all at one distance from
    // its centre.
    let at = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, youth.id())
        .expect("on screen");
    assert!(harness.state().canvas_rect().expect("canvas").contains(at));
    assert!(dashes_around(&harness, at) >= 12, "a dashed ring");
    // Still presenting: nothing else can change the map.
    harness.get_by_label_contains("Workshop profile");
    // Back in the window, the Pending list offers it with where it came from.
    // Leaving, the view moves back to the window's room for names (0.6 s).
    harness.key_press(egui::Key::Escape);
    harness.run_steps(60);
    harness.get_by_label_contains("Pending (1)");
    harness.get_by_label_contains("suggested at Community Policing Forum on");
    harness.get_by_label("Accept").click();
    harness.run();
    let id = youth.id();
    assert!(
        harness
            .state()
            .map()
            .stakeholder(id)
            .expect("kept")
            .pending
            .is_none(),
        "accepted"
    );
    assert!(harness.query_by_label_contains("Pending (").is_none());
    // One undo makes it pending again; a reject takes it off the map.
    ctrl(&mut harness, false, egui::Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .map()
            .stakeholder(id)
            .expect("there")
            .pending
            .is_some()
    );
    harness.get_by_label("Reject").click();
    harness.run();
    assert!(harness.state().map().stakeholder(id).is_none());
    assert_eq!(harness.state().map().stakeholder_count(), before);
}

/// Projected at 1920x1080, names 24 points high fill the wall sooner than the window's:
/// room is made for them in the presentation's own canvas, for the map as the wall shows
/// it: the stakeholders the workshop profile shows (none is kept for the confidential ones
/// it leaves out) and their symbols' sizes on each slide. So every slide of the built-in
/// map names every stakeholder it does not fade: the whole map named 53 of 61 before room
/// was made on the wall, then 59 while room was kept for the confidential two; "Who holds
/// it together", sized by betweenness, left Partnership In Action out while room was made
/// for sizes by influence. The map's own positions are not changed.
#[test]
fn projected_at_1920x1080_every_slide_names_every_stakeholder_it_shows() {
    let map = stakemap::builtin::police_community();
    let before = map.clone();
    let slides = map.views.len();
    assert_eq!(slides, 5);
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_eframe(move |_cc| {
            let mut app = StakemapApp::with_map(map.clone(), None);
            app.use_in_app_dialogs();
            app
        });
    harness.run();
    harness.key_press(egui::Key::F5);
    for slide in 0..slides {
        if slide > 0 {
            harness.key_press(egui::Key::ArrowRight);
        }
        // Until the views' animation (0.6 s) and the camera's glide are over.
        for _ in 0..100 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        let names = canvas_names(&harness);
        let (shown, decorations) = harness.state().shown().expect("shown");
        let in_front: Vec<&str> = shown
            .stakeholders()
            .filter(|s| !decorations.is_faded(s.id()))
            .map(|s| s.name.as_str())
            .collect();
        let unnamed: Vec<&str> = in_front
            .iter()
            .copied()
            .filter(|name| !names.iter().any(|(n, _)| n == name))
            .collect();
        assert!(
            unnamed.is_empty(),
            "slide {}: {} of {} named; not {unnamed:?}",
            slide + 1,
            in_front.len() - unnamed.len(),
            in_front.len()
        );
    }
    assert_eq!(
        harness.state().map().stakeholders_by_id(),
        before.stakeholders_by_id(),
        "the map's positions stay"
    );
}
