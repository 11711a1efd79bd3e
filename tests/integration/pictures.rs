//! Pictures of the map (`io::drawing`, `stakemap export --format svg|png`, File > Export
//! picture...): the SVG parsed by a real SVG parser and compared with the scene it was
//! written from, the PNG compared with a reference image, the canvas and the picture shown
//! to be one drawing, and no two names overlapping in any view of the built-in map.

use crate::common::{builtin_app, canvas_names};
use stakemap::gui::Command;
use stakemap::io::drawing::{self, PictureOptions};
use stakemap::layout::for_map::MapLayout;
use stakemap::model::{Date, Map, Position, Stakeholder, StakeholderId, StakeholderKind};
use stakemap::redaction::{RedactionOptions, RedactionProfile};
use stakemap::style::Palette;
use stakemap::style::geometry::Rect;
use stakemap::style::labels::overlaps;
use stakemap::style::scene::{self, BackdropItem, TextMeasure};

/// The day pictures are drawn on: trends and the caption depend on it.
fn day() -> Date {
    Date::from_ymd(2026, 11, 28).expect("a day")
}

fn unicode_map() -> Map {
    stakemap::io::map_file::parse(
        include_str!("../data/unicode_names.ron"),
        "unicode_names.ron",
    )
    .expect("the test map reads")
}

fn internal() -> PictureOptions {
    PictureOptions::new(RedactionOptions::new(RedactionProfile::Internal))
}

/// The canvas of the window at 1280x800 beside the legend and the inspector, points: the
/// view layouts make room for (the window test below checks that it is).
const WINDOW_CANVAS: [f32; 2] = stakemap::layout::overlap::READING_VIEW;

/// Every text of an SVG as usvg reads it (the caption, the legend and each name).
fn svg_texts(svg: &str) -> Vec<String> {
    let mut options = resvg::usvg::Options::default();
    for face in drawing::fallback_fonts() {
        options.fontdb_mut().load_font_data(face);
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("the SVG parses");
    let mut texts = Vec::new();
    collect(tree.root(), &mut texts);
    texts
}

fn collect(group: &resvg::usvg::Group, texts: &mut Vec<String>) {
    for node in group.children() {
        match node {
            resvg::usvg::Node::Group(g) => collect(g, texts),
            resvg::usvg::Node::Text(text) => texts.push(
                text.chunks()
                    .iter()
                    .map(|c| c.text().to_owned())
                    .collect::<String>(),
            ),
            _ => {}
        }
    }
}

#[test]
fn the_svg_parses_and_every_placed_name_is_text_in_logical_order() {
    let map = unicode_map();
    let drawn = drawing::draw(&map, &internal(), day(), &drawing::fallback_fonts());
    let texts = svg_texts(&drawn.svg);
    assert!(!drawn.scene.labels.is_empty());
    for label in &drawn.scene.labels {
        assert_eq!(
            texts.iter().filter(|t| **t == label.text).count(),
            1,
            "{:?} is one text of the SVG: {texts:?}",
            label.text
        );
    }
    // Right-to-left names stay in the order they are typed in, for a browser to lay out.
    assert!(drawn.svg.contains("جمعية الجالية العربية"), "{}", drawn.svg);
    assert!(texts.contains(&map.title), "the caption: {texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("shown as for internal")),
        "the caption says the profile: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "Legend"), "{texts:?}");
}

#[test]
fn names_that_look_like_markup_are_escaped_text() {
    let mut map = Map::new("Tags & <b>bold</b>");
    let mut s = Stakeholder::new(StakeholderId(1), StakeholderKind::Partner, "A & B <script>");
    s.position = Some(Position(0.0, 0.0));
    map.add_stakeholder(s).expect("fresh");
    let drawn = drawing::draw(&map, &internal(), day(), &drawing::fallback_fonts());
    assert!(drawn.svg.contains("A &amp; B &lt;script&gt;"));
    assert!(!drawn.svg.contains("<script>"));
    let texts = svg_texts(&drawn.svg);
    assert!(texts.contains(&"A & B <script>".to_owned()), "{texts:?}");
}

#[test]
fn the_same_map_gives_the_same_bytes_twice() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    let options = PictureOptions::new(RedactionOptions::new(RedactionProfile::Partner));
    let (a, b) = (
        drawing::draw(&map, &options, day(), &fonts),
        drawing::draw(&map, &options, day(), &fonts),
    );
    assert_eq!(a.svg, b.svg);
    let (pa, pb) = (
        drawing::png(&a, 1.0, &fonts).expect("png"),
        drawing::png(&b, 1.0, &fonts).expect("png"),
    );
    assert_eq!(pa, pb);
}

#[test]
fn the_png_matches_its_reference_image() {
    let map = unicode_map();
    let mut options = internal();
    options.size = [640.0, 420.0];
    let fonts = drawing::fallback_fonts();
    let drawn = drawing::draw(&map, &options, day(), &fonts);
    let png = drawing::png(&drawn, 1.0, &fonts).expect("png");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/picture_unicode.png");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &png).expect("reference written");
    }
    let new = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
    let reference = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&path).expect("reference"))
        .expect("the reference decodes");
    assert_eq!(
        (new.width(), new.height()),
        (reference.width(), reference.height())
    );
    // Fonts for other scripts are the system's and may differ a little between machines:
    // a few glyphs' pixels may differ, the drawing may not.
    let differing = new
        .data()
        .chunks(4)
        .zip(reference.data().chunks(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 64))
        .count();
    let share = differing as f64 / f64::from(new.width() * new.height());
    assert!(share < 0.02, "{:.2}% of pixels differ", share * 100.0);
}

/// A name's own symbol, and the box it was placed by (its text and half its halo).
fn beside_own<'a>(
    scene: &'a scene::Scene,
    label: &scene::SceneLabel,
) -> (&'a scene::SceneNode, Rect) {
    let owner = scene
        .nodes
        .iter()
        .find(|n| n.id == label.id)
        .expect("its symbol");
    (owner, label.halo_box())
}

/// The picture of the rings round the stakeholder named `centre`, drawn in the window's
/// canvas under the internal profile.
fn rings_in_the_window(map: &Map, centre: &str, fonts: &[Vec<u8>]) -> scene::Scene {
    let mut options = internal();
    options.view = MapLayout::Radial(crate::common::id_named(map, centre));
    options.size = WINDOW_CANVAS;
    drawing::draw(map, &options, day(), fonts).scene
}

/// Rings round stakeholders whose rings are crowded name more where the stakeholders may
/// also slide along their rings (keeping their order) and the best few turns are made
/// room for: testers found 58 of 63 named round Nadia Karim. On the old code 59, 61 and 59
/// of these.
#[test]
fn the_rings_round_a_crowded_centre_name_nearly_everyone() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    for (centre, least) in [
        ("Nadia Karim", 61),
        ("Kestrel Park Community Health Centre", 63),
        ("Councillor Beth Ramsay", 62),
    ] {
        let scene = rings_in_the_window(&map, centre, &fonts);
        assert!(
            scene.labels.len() >= least,
            "round {centre}: {} of 63 named",
            scene.labels.len()
        );
        let boxes: Vec<Rect> = scene.labels.iter().map(|l| l.rect).collect();
        assert_eq!(overlaps(&boxes), 0, "round {centre}");
    }
}

/// Every ring is named ("1 step", "2 steps"...) where the stakeholders' names leave no room
/// on its line, just inside or outside it, its edge on the line: round Teresa Vance a
/// tester found no "1 step".
#[test]
fn the_rings_round_a_crowded_centre_are_each_named() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    let scene = rings_in_the_window(&map, "Teresa Vance", &fonts);
    let rings: Vec<f32> = (scene.backdrop.iter())
        .filter_map(|item| match item {
            BackdropItem::Ring { radius, .. } => Some(*radius),
            _ => None,
        })
        .collect();
    let named: Vec<&str> = (scene.backdrop.iter())
        .filter_map(|item| match item {
            BackdropItem::Text { text, .. }
                if text.ends_with("step") || text.ends_with("steps") =>
            {
                Some(text.as_str())
            }
            _ => None,
        })
        .collect();
    assert!(rings.len() >= 5, "{} rings", rings.len());
    for k in 1..=rings.len() {
        let name = if k == 1 {
            "1 step".to_owned()
        } else {
            format!("{k} steps")
        };
        assert!(
            named.contains(&name.as_str()),
            "{name:?} not named: {named:?}"
        );
    }
}

/// Every view of the built-in map in the window's canvas: no two names overlap, none is
/// cut by the edge, none covers another's symbol, and most are shown.
#[test]
fn no_names_overlap_in_any_view_of_the_built_in_map_at_1280x800() {
    let map = stakemap::builtin::police_community();
    let first = map.stakeholders_by_id()[0].id();
    let fonts = drawing::fallback_fonts();
    // Every name in every view, the rings round the busiest stakeholder too (7, 27, 24
    // and 4 on its rings: 59 with evenly spaced rings, 62 once a crowded ring was given
    // more of the gap).
    for (view, least) in [
        (MapLayout::Network, 63),
        (MapLayout::CircularByKind, 63),
        (MapLayout::CircularBySector, 63),
        (MapLayout::Radial(first), 63),
        (MapLayout::PowerInterest, 63),
        (MapLayout::Engagement, 63),
    ] {
        let mut options = internal();
        options.view = view;
        options.size = WINDOW_CANVAS;
        let scene = drawing::draw(&map, &options, day(), &fonts).scene;
        let boxes: Vec<Rect> = scene.labels.iter().map(|l| l.rect).collect();
        assert_eq!(overlaps(&boxes), 0, "{view:?}");
        // Two names in one row keep more than a space apart: nearer, they read as one
        // ("Mental health crisis response Delia Fontaine"). The block views set names out
        // in rows, each after its own symbol.
        if !matches!(view, MapLayout::PowerInterest | MapLayout::Engagement) {
            for (i, a) in scene.labels.iter().enumerate() {
                for b in &scene.labels[i + 1..] {
                    let (a_rect, b_rect) = (a.rect, b.rect);
                    let same_row = a_rect.min[1] < b_rect.max[1] && b_rect.min[1] < a_rect.max[1];
                    let apart = (b_rect.min[0] - a_rect.max[0]).max(a_rect.min[0] - b_rect.max[0]);
                    assert!(
                        !same_row || apart >= 6.0,
                        "{view:?}: {:?} and {:?} are {apart} apart in a row",
                        a.text,
                        b.text
                    );
                }
            }
        }
        // No arrow of the engagement view runs through a band's heading (one up from a
        // member below a heading had crossed it).
        let measure = stakemap::style::measure::FontMeasure::new(fonts.clone());
        let headings = scene::heading_rects(&scene.backdrop, &measure);
        // No name is under a heading or a group's name (turned along its arc on a
        // circle).
        for label in &scene.labels {
            assert!(
                !scene
                    .backdrop
                    .iter()
                    .any(|item| scene::text_meets(item, &label.rect, &measure)),
                "{view:?}: {:?} is under a heading",
                label.text
            );
        }
        // The circles name their groups, the rings draw their guides.
        let texts: Vec<&str> = scene
            .backdrop
            .iter()
            .filter_map(|item| match item {
                BackdropItem::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let rings = scene
            .backdrop
            .iter()
            .filter(|item| matches!(item, BackdropItem::Ring { .. }))
            .count();
        match view {
            MapLayout::CircularByKind => {
                for kind in ["Partner", "Organisation", "Issue", "Initiative"] {
                    assert!(texts.contains(&kind), "{view:?} names {kind}: {texts:?}");
                }
            }
            MapLayout::CircularBySector => {
                let sectors: std::collections::BTreeSet<&str> = map
                    .stakeholders()
                    .map(|s| s.sector.as_str())
                    .filter(|s| !s.is_empty())
                    .collect();
                let named = sectors.iter().filter(|s| texts.contains(s)).count();
                assert!(
                    named + 1 >= sectors.len(),
                    "{view:?} names {named} of {} sectors: {texts:?}",
                    sectors.len()
                );
            }
            // City Police Service's rings: 1, 2, 3 and 4 relationships away.
            MapLayout::Radial(_) => {
                assert_eq!(rings, 4, "{view:?}");
                // The legend says what a step is.
                let svg_source = drawing::draw(&map, &options, day(), &fonts).svg;
                let svg = svg_texts(&svg_source);
                assert!(
                    svg.iter().any(|t| t == "1 step: 1 relationship away"),
                    "{view:?}: {svg:?}"
                );
                // Drawn over the relationships, on a halo, where lines had crossed them:
                // after every line in the SVG (the canvas draws in the same order).
                let last_line = svg_source.rfind("<path d=").expect("relationships");
                let named_at = svg_source.find(">1 step<").expect("the first ring named");
                assert!(
                    named_at > last_line,
                    "{view:?}: a ring's name under the lines"
                );
                assert!(svg_source[..named_at].rfind("<text").is_some_and(|t| {
                    svg_source[t..named_at].contains("paint-order=\"stroke\"")
                }));
                let said = texts
                    .iter()
                    .filter(|t| t.ends_with(" step") || t.ends_with(" steps"));
                // Every ring named ("2 steps", on the crowded second ring, had found no
                // room upright at 32 places round it).
                assert_eq!(said.count(), 4, "{view:?}: {texts:?}");
            }
            _ => assert_eq!(rings, 0, "{view:?}"),
        }
        for item in &scene.backdrop {
            if let BackdropItem::Arrow { from, to, .. } = item {
                assert!(
                    !headings.iter().any(|h| h.meets_segment(*from, *to)),
                    "{view:?}: the arrow from {from:?} to {to:?} crosses a heading"
                );
            }
        }
        // No symbol piled on another.
        for (i, a) in scene.nodes.iter().enumerate() {
            for b in &scene.nodes[i + 1..] {
                let apart = (a.centre[0] - b.centre[0]).hypot(a.centre[1] - b.centre[1]);
                assert!(
                    apart >= a.radius + b.radius,
                    "{view:?}: {:?} at {:?} and {:?} at {:?} touch ({apart} apart, radii {} and {})",
                    a.id,
                    a.centre,
                    b.id,
                    b.centre,
                    a.radius,
                    b.radius
                );
            }
        }
        let view_box = Rect::from_min_size([0.0, 0.0], scene.viewport);
        assert!(
            boxes.iter().all(|b| view_box.contains_rect(b)),
            "{view:?}: a name is cut"
        );
        for label in &scene.labels {
            for node in scene.nodes.iter().filter(|n| n.id != label.id) {
                // Nor does its halo, drawn over the symbols (Councillor Beth Ramsay's had
                // cut the top off Nadia Karim's circle).
                assert!(
                    !label.halo_box().touches_circle(node.centre, node.radius),
                    "{view:?}: {:?} covers a symbol",
                    label.text
                );
            }
        }
        // No name reads as another's: none is lined up with another stakeholder as with its
        // own (both in its row, or both in its column) and nearer to it; one that only
        // touches its own at a corner has no stakeholder lined up with it a third as far.
        // On the circles a name set at its stakeholder's corner sat beside the next one.
        for label in scene.labels.iter().filter(|l| l.leader.is_none()) {
            let (owner, rect) = beside_own(&scene, label);
            let in_row = |c: [f32; 2]| (rect.min[1]..=rect.max[1]).contains(&c[1]);
            let in_column = |c: [f32; 2]| (rect.min[0]..=rect.max[0]).contains(&c[0]);
            let gap = |c: [f32; 2], r: f32| {
                let near = rect.nearest(c);
                (near[0] - c[0]).hypot(near[1] - c[1]) - r
            };
            let (row, column) = (in_row(owner.centre), in_column(owner.centre));
            let weight = if row || column { 1.0 } else { 3.0 };
            let own = weight * (gap(owner.centre, owner.radius) + 4.5);
            let rows = matches!(view, MapLayout::PowerInterest | MapLayout::Engagement);
            for other in scene.nodes.iter().filter(|n| n.id != label.id) {
                let lined_up = if row || column {
                    (row && in_row(other.centre)) || (column && in_column(other.centre))
                } else {
                    in_row(other.centre) || in_column(other.centre)
                };
                let away = gap(other.centre, other.radius) + 4.5;
                assert!(
                    !(lined_up && away < own),
                    "{view:?}: {:?} reads as {:?}'s",
                    label.text,
                    other.id
                );
                // Nor does a name begin beside another's symbol, in its row, unless twice
                // as far off as its own ("CDS mailing list", below its own, began beside
                // Partnership In Action's); the block views set names out in rows.
                let starts = in_row(other.centre) && other.centre[0] < rect.min[0];
                assert!(
                    rows || !(starts && (row || column) && away < 2.0 * own),
                    "{view:?}: {:?} begins beside {:?}",
                    label.text,
                    other.id
                );
                // Nor ends at one much nearer than its own: less than twice as far where
                // its own is above or below it ("Gord Pelletier", below its own, ended at
                // Linh Tran's circle; "Hana Kowalczyk", above hers, at Marc Lebel's),
                // less than 1.5 times where its own is in its row too.
                let ends = in_row(other.centre) && other.centre[0] > rect.max[0];
                let limit = if row { 1.4 } else { 1.9 };
                assert!(
                    rows || !(ends && (row || column) && away < limit * own),
                    "{view:?}: {:?} ends beside {:?} ({away} vs own {own})",
                    label.text,
                    other.id
                );
            }
        }
        // No symbol sits between its own name and another's in its row, the other not
        // twice as far off (Marc Lebel's dot between "Linh Tran" and "Marc Lebel"). The
        // block views set names out so, row by row.
        let rows = matches!(view, MapLayout::PowerInterest | MapLayout::Engagement);
        let beside_names: Vec<_> = scene.labels.iter().filter(|l| l.leader.is_none()).collect();
        for node in scene.nodes.iter().filter(|_| !rows) {
            let in_row = |r: &Rect| (r.min[1]..=r.max[1]).contains(&node.centre[1]);
            // Which side of the symbol a name is on (true: right), and how far off.
            let side = |r: &Rect| {
                if r.min[0] >= node.centre[0] {
                    Some((true, r.min[0] - node.centre[0] - node.radius))
                } else if r.max[0] <= node.centre[0] {
                    Some((false, node.centre[0] - node.radius - r.max[0]))
                } else {
                    None
                }
            };
            let own = beside_names
                .iter()
                .filter(|l| l.id == node.id && in_row(&l.rect))
                .find_map(|l| side(&l.rect.expand(l.halo_px / 2.0)));
            let Some(own) = own else { continue };
            for label in beside_names
                .iter()
                .filter(|l| l.id != node.id && in_row(&l.rect))
            {
                let Some(other) = side(&label.rect.expand(label.halo_px / 2.0)) else {
                    continue;
                };
                assert!(
                    other.0 == own.0 || other.1 + 4.5 >= 2.0 * (own.1.max(0.0) + 4.5) - 0.5,
                    "{view:?}: {:?}'s symbol is between its name and {:?}",
                    node.id,
                    label.text
                );
            }
        }
        // A name set off from its stakeholder keeps a leader to it that crosses no other
        // name and passes no other symbol.
        for label in &scene.labels {
            let Some(leader) = label.leader else { continue };
            let [from, to] = leader.line;
            let owner = scene
                .nodes
                .iter()
                .find(|n| n.id == label.id)
                .expect("its symbol");
            let near = (from[0] - owner.centre[0]).hypot(from[1] - owner.centre[1]);
            assert!(
                near <= owner.radius + 12.0,
                "{view:?}: {:?} starts off",
                label.text
            );
            assert!(
                label.rect.expand(label.halo_px).contains(to),
                "{view:?}: {:?} ends off its name",
                label.text
            );
            for other in scene.labels.iter().filter(|l| l.id != label.id) {
                assert!(
                    !other.rect.meets_segment(from, to),
                    "{view:?}: {:?}'s leader crosses {:?}",
                    label.text,
                    other.text
                );
            }
            for node in scene.nodes.iter().filter(|n| n.id != label.id) {
                assert!(
                    stakemap::style::geometry::distance_to_segment(node.centre, from, to)
                        > node.radius,
                    "{view:?}: {:?}'s leader passes over {:?}",
                    label.text,
                    node.id
                );
                // Nor does it end or begin right at another's symbol, where it reads as
                // that one's, leader or not ("Open Door Mental Health Services" ended at
                // City Police Service's square, 3.5 points off).
                let rect = label.rect;
                let in_row = (rect.min[1]..=rect.max[1]).contains(&node.centre[1]);
                let away =
                    (rect.min[0] - node.centre[0]).max(node.centre[0] - rect.max[0]) - node.radius;
                assert!(
                    !in_row || away > 4.5,
                    "{view:?}: {:?}, set off, is at {:?}'s symbol",
                    label.text,
                    node.id
                );
            }
        }
        // On the grid a name stays in its stakeholder's quadrant (or the tray).
        let regions: Vec<Rect> = scene
            .backdrop
            .iter()
            .filter_map(|item| match item {
                BackdropItem::Area { rect, .. } | BackdropItem::Frame { rect, .. } => Some(*rect),
                _ => None,
            })
            .collect();
        for label in &scene.labels {
            let Some(node) = scene.nodes.iter().find(|n| n.id == label.id) else {
                continue;
            };
            if let Some(region) = regions.iter().find(|r| r.contains(node.centre)) {
                assert!(
                    region.contains_rect(&label.rect),
                    "{view:?}: {:?} leaves its quadrant",
                    label.text
                );
            }
        }
        assert!(
            scene.labels.len() >= least,
            "{view:?}: {} of {} named",
            scene.labels.len(),
            scene.nodes.len()
        );
    }
}

#[test]
fn the_canvas_and_the_picture_of_what_is_on_screen_are_one_drawing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("on-screen.svg");
    let mut harness = builtin_app();
    harness.state_mut().set_today(day());
    harness.run();
    let painted = canvas_names(&harness);
    assert!(
        painted.len() > 20,
        "the canvas names many: {}",
        painted.len()
    );
    harness
        .state_mut()
        .push(Command::ExportPicture { whole: false });
    harness
        .state_mut()
        .push(Command::ExportPictureTo(path.clone()));
    harness.run();
    harness.state_mut().push(Command::Escape);
    harness.run();
    let svg = std::fs::read_to_string(&path).expect("the picture is written");
    let texts = svg_texts(&svg);
    let mut on_canvas: Vec<&str> = painted.iter().map(|(t, _)| t.as_str()).collect();
    on_canvas.sort_unstable();
    let mut in_picture: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .filter(|t| on_canvas.contains(t))
        .collect();
    in_picture.sort_unstable();
    let only_canvas: Vec<_> = on_canvas
        .iter()
        .filter(|t| !in_picture.contains(t))
        .collect();
    let twice: Vec<_> = in_picture.windows(2).filter(|w| w[0] == w[1]).collect();
    assert_eq!(
        in_picture, on_canvas,
        "the same names; only on the canvas: {only_canvas:?}; twice: {twice:?}"
    );
    // And in the same colour: the theme's text colour, on both.
    let dark = Palette::DARK.text.0;
    let hex = format!("#{:02x}{:02x}{:02x}", dark[0], dark[1], dark[2]);
    assert!(
        svg.contains(&format!(r#"fill="{hex}""#)),
        "{hex} in the picture"
    );
    for (name, colour) in &painted {
        assert_eq!(
            [colour.r(), colour.g(), colour.b()],
            [dark[0], dark[1], dark[2]],
            "{name}"
        );
    }
}

/// A map too large for every name when seen whole: the most important are still named.
#[test]
fn zoomed_far_out_the_most_important_names_still_show() {
    use stakemap::model::{Relationship, RelationshipId, RelationshipKind, Score};
    let mut map = Map::new("Large");
    // Far apart: seen whole the zoom is below the one names are drawn at, but there is
    // room for some names between the symbols.
    for i in 0..100u64 {
        let mut s = Stakeholder::new(
            StakeholderId(i + 1),
            StakeholderKind::Partner,
            format!("Stakeholder number {i}"),
        );
        s.position = Some(Position((i % 10) as f32 * 2000.0, (i / 10) as f32 * 2000.0));
        s.influence = Some(if i == 45 { Score::MAX } else { Score::MIN });
        map.add_stakeholder(s).expect("fresh");
    }
    for i in 0..20u64 {
        let r = Relationship::new(
            RelationshipId(i + 1),
            StakeholderId(46),
            StakeholderId(i + 1),
            RelationshipKind::Partnership,
        );
        map.add_relationship(r).expect("ends exist");
    }
    let mut options = internal();
    options.size = WINDOW_CANVAS;
    let scene = drawing::draw(&map, &options, day(), &drawing::fallback_fonts()).scene;
    assert!(scene.labels.len() >= 5, "{} named", scene.labels.len());
    assert!(scene.labels.len() < 100);
    assert!(
        scene
            .labels
            .iter()
            .any(|l| l.text == "Stakeholder number 45"),
        "the hub, of the most influence and relationships, is named"
    );
    let boxes: Vec<Rect> = scene.labels.iter().map(|l| l.rect).collect();
    assert_eq!(overlaps(&boxes), 0);
}

/// Names set off from their stakeholders keep a leader, drawn from the one scene by both
/// adapters: the SVG has a line where the scene has it, and the canvas paints a line
/// segment there, each with a dot at the stakeholder's end (a plain leader read as a
/// relationship on the projector).
#[test]
fn a_name_set_off_keeps_a_leader_on_the_canvas_and_in_the_picture() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    let mut options = internal();
    options.size = WINDOW_CANVAS;
    let drawn = drawing::draw(&map, &options, day(), &fonts);
    let leaders: Vec<_> = drawn.scene.labels.iter().filter_map(|l| l.leader).collect();
    assert!(
        !leaders.is_empty(),
        "the built-in network sets some names off"
    );
    let number = stakemap::io::picture::number;
    for leader in &leaders {
        let [a, b] = leader.line;
        let line = format!(
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}""#,
            number(a[0]),
            number(a[1]),
            number(b[0]),
            number(b[1])
        );
        assert!(drawn.svg.contains(&line), "{line}");
        // A dot at the stakeholder's end, so it does not read as a relationship.
        let dot = format!(
            r#"<circle cx="{}" cy="{}" r="{}""#,
            number(a[0]),
            number(a[1]),
            number(leader.dot)
        );
        assert!(leader.dot >= 1.5 * leader.width, "{leader:?}");
        assert!(drawn.svg.contains(&dot), "{dot}");
    }
    let ctx = egui::Context::default();
    let mut shapes = Vec::new();
    // Fonts come with the first frame.
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        shapes = stakemap::gui::scene_paint::shapes(ui.ctx(), &drawn.scene, egui::Pos2::ZERO);
    });
    // No renderer here takes the font atlas.
    output.textures_delta.clear();
    for leader in &leaders {
        let [a, b] = leader.line;
        assert!(
            shapes.iter().any(|shape| matches!(
                shape,
                egui::Shape::LineSegment { points, .. }
                    if points[0] == egui::pos2(a[0], a[1]) && points[1] == egui::pos2(b[0], b[1])
            )),
            "the canvas paints {leader:?}"
        );
        assert!(
            shapes.iter().any(|shape| matches!(
                shape,
                egui::Shape::Circle(dot)
                    if dot.center == egui::pos2(a[0], a[1]) && dot.radius == leader.dot
            )),
            "the canvas paints {leader:?}'s dot"
        );
    }
}

/// Pointing at a stakeholder or selecting it shows its name and moves no other, at fit and
/// zoomed out where names are left out: the name under the pointer or selected is placed
/// at its turn, and drawn over the others only if it finds no room (pointing had placed
/// it first, and selecting still did, and names jumped as a person worked).
#[test]
fn pointing_at_or_selecting_a_stakeholder_moves_no_other_name() {
    use stakemap::style::scene::{self, SceneInput};
    use std::collections::{BTreeSet, HashMap};
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    let measure = stakemap::style::measure::FontMeasure::new(fonts);
    let positions: HashMap<_, _> = map
        .stakeholders_by_id()
        .iter()
        .filter_map(|s| Some((s.id(), s.position?)))
        .collect();
    let backdrop = stakemap::layout::for_map::Backdrop::None;
    let tokens = stakemap::style::Tokens::SCREEN;
    let fitted = scene::fit_with(
        &scene::names(&map),
        &positions,
        &backdrop,
        WINDOW_CANVAS,
        0.03,
        &tokens,
        &measure,
    );
    // Zoomed out about the middle until names no longer fit.
    let mut far = fitted;
    far.zoom *= 0.75;
    far.pan = [
        WINDOW_CANVAS[0] / 2.0 - (WINDOW_CANVAS[0] / 2.0 - fitted.pan[0]) * 0.75,
        WINDOW_CANVAS[1] / 2.0 - (WINDOW_CANVAS[1] / 2.0 - fitted.pan[1]) * 0.75,
    ];
    let decorations = stakemap::shown::Decorations::default();
    let none_related = BTreeSet::new();
    let build = |camera, hovered, selected: &BTreeSet<_>| {
        scene::build(
            &SceneInput {
                map: &map,
                decorations: &decorations,
                positions: &positions,
                camera,
                tokens,
                palette: Palette::LIGHT,
                selected_stakeholders: selected,
                selected_relationships: &none_related,
                hovered,
                faint: false,
                backdrop: &backdrop,
            },
            &measure,
        )
    };
    let at = |scene: &scene::Scene, id| scene.labels.iter().find(|l| l.id == id).map(|l| l.rect);
    let none = BTreeSet::new();
    for camera in [fitted, far] {
        let still = build(camera, None, &none);
        let left_out = still.unlabelled;
        for s in map.stakeholders_by_id() {
            let one = BTreeSet::from([s.id()]);
            for (how, scene) in [
                ("pointing at", build(camera, Some(s.id()), &none)),
                ("selecting", build(camera, None, &one)),
            ] {
                assert!(at(&scene, s.id()).is_some(), "{} is named", s.name);
                for label in still.labels.iter().filter(|l| l.id != s.id()) {
                    assert_eq!(
                        at(&scene, label.id),
                        Some(label.rect),
                        "{how} {} moved {} ({left_out} left out)",
                        s.name,
                        label.text
                    );
                }
            }
        }
    }
    let far_out = build(far, None, &none).unlabelled;
    assert!(far_out > 0, "zoomed out, some names are left out");
}

/// The window opens on the map fitted to its canvas as the side panels leave it, and names
/// what a picture of that canvas names (it had been fitted to the first frame's canvas, not
/// yet its final size, and named three fewer).
#[test]
fn the_window_opens_fitted_to_its_canvas_naming_what_a_picture_names() {
    let mut harness = builtin_app();
    harness.state_mut().set_today(day());
    harness.run();
    let map = stakemap::builtin::police_community();
    let mut painted: Vec<String> = canvas_names(&harness).into_iter().map(|p| p.0).collect();
    painted.sort();
    let rect = harness.state().canvas_rect().expect("the canvas is drawn");
    // Layouts make room for the canvas the window really has (they had made it for one 16
    // points wider and 15 taller, and the window named 62 of 63).
    assert_eq!([rect.width(), rect.height()], WINDOW_CANVAS);
    let fonts = drawing::fallback_fonts();
    let mut options = internal();
    options.size = [rect.width(), rect.height()];
    let drawn = drawing::draw(&map, &options, day(), &fonts);
    let mut named: Vec<String> = drawn.scene.labels.iter().map(|l| l.text.clone()).collect();
    named.sort();
    assert_eq!(painted, named);
    assert_eq!(named.len(), 63, "every name");
}

/// A long name with no room for one line beside its stakeholder is set in two, before it
/// is set off or left out; the SVG keeps it one text (found and selected as the name) and
/// the canvas paints it as one text of two lines, both in the scene's box.
#[test]
fn a_long_name_with_no_room_for_one_line_is_set_in_two_in_both_adapters() {
    let map = stakemap::builtin::police_community();
    let first = map.stakeholders_by_id()[0].id();
    let fonts = drawing::fallback_fonts();
    let mut options = internal();
    options.view = MapLayout::Radial(first);
    options.size = WINDOW_CANVAS;
    let drawn = drawing::draw(&map, &options, day(), &fonts);
    let two: Vec<_> = drawn
        .scene
        .labels
        .iter()
        .filter(|l| l.break_at.is_some())
        .collect();
    assert!(
        !two.is_empty(),
        "the crowded rings set some names in two lines"
    );
    let texts = svg_texts(&drawn.svg);
    let ctx = egui::Context::default();
    let mut shapes = Vec::new();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        shapes = stakemap::gui::scene_paint::shapes(ui.ctx(), &drawn.scene, egui::Pos2::ZERO);
    });
    output.textures_delta.clear();
    for label in two {
        assert_eq!(
            texts.iter().filter(|t| **t == label.text).count(),
            1,
            "{:?} is one text of the SVG",
            label.text
        );
        // Two lines high, and no wider than its longer line.
        assert!(label.rect.height() >= 2.0 * label.size, "{label:?}");
        let painted = shapes.iter().find_map(|shape| match shape {
            egui::Shape::Text(t) if t.galley.job.text.replace('\n', " ") == label.text => Some(t),
            _ => None,
        });
        let painted = painted.unwrap_or_else(|| panic!("the canvas paints {:?}", label.text));
        assert_eq!(painted.galley.rows.len(), 2, "{:?}", label.text);
        let area = egui::Rect::from_min_max(
            egui::pos2(label.rect.min[0], label.rect.min[1]),
            egui::pos2(label.rect.max[0], label.rect.max[1]),
        );
        let drawn_at = painted.galley.rect.translate(painted.pos.to_vec2());
        assert!(
            area.expand(1.0).contains_rect(drawn_at),
            "{:?} painted at {drawn_at:?}, its box {area:?}",
            label.text
        );
    }
}

/// A circle's group names sit along their own arcs: the symbol nearest each name is one of
/// its group's, and most run outside the circle, turned along it. Inside the circle they
/// had sat where the stakeholders' names left room, 100 to 250 points from their arcs
/// ("Faith" nearer the health members than its own).
#[test]
fn a_circles_group_names_sit_along_their_own_arcs() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    let measure = stakemap::style::measure::FontMeasure::new(fonts.clone());
    for view in [MapLayout::CircularBySector, MapLayout::CircularByKind] {
        let mut options = internal();
        options.view = view;
        options.size = WINDOW_CANVAS;
        let scene = drawing::draw(&map, &options, day(), &fonts).scene;
        let group_of = |id: StakeholderId| {
            let s = map.stakeholder(id).expect("on the map");
            match view {
                MapLayout::CircularBySector => s.sector.clone(),
                _ => s.kind.to_string(),
            }
        };
        let mut turned = 0;
        let mut named = 0;
        for item in &scene.backdrop {
            let BackdropItem::Text {
                at,
                text,
                size,
                angle,
                ..
            } = item
            else {
                continue;
            };
            named += 1;
            let rect = scene::turned_box(*at, *angle, measure.measure(text, *size));
            let middle = [
                (rect.min[0] + rect.max[0]) / 2.0,
                (rect.min[1] + rect.max[1]) / 2.0,
            ];
            let nearest = scene
                .nodes
                .iter()
                .min_by(|a, b| {
                    let d = |n: &&scene::SceneNode| {
                        (n.centre[0] - middle[0]).hypot(n.centre[1] - middle[1])
                    };
                    d(a).total_cmp(&d(b))
                })
                .expect("symbols");
            assert_eq!(
                group_of(nearest.id),
                *text,
                "{view:?}: the symbol nearest {text:?} is another group's"
            );
            // And it is by them, not in the middle of the circle ("Social services", with
            // no room outside, had slid 200 points in from its members).
            let off = scene
                .nodes
                .iter()
                .filter(|n| group_of(n.id) == *text)
                .map(|n| {
                    let near = rect.nearest(n.centre);
                    (near[0] - n.centre[0]).hypot(near[1] - n.centre[1]) - n.radius
                })
                .fold(f32::INFINITY, f32::min);
            assert!(
                off < 40.0,
                "{view:?}: {text:?} is {off} points from its nearest member"
            );
            // Nor does it run on from a stakeholder's name in its row ("Imam Faisal Haddad
            // Partner").
            if angle.abs() < 0.2 {
                for label in &scene.labels {
                    let other = label.halo_box();
                    let same_row = rect.min[1] < other.max[1] && other.min[1] < rect.max[1];
                    let apart = (other.min[0] - rect.max[0]).max(rect.min[0] - other.max[0]);
                    assert!(
                        !same_row || apart >= 6.0,
                        "{view:?}: {text:?} is {apart} from {:?} in its row",
                        label.text
                    );
                }
            }
            if *angle != 0.0 {
                turned += 1;
            }
        }
        assert!(named >= 4, "{view:?}: {named} group names");
        assert!(
            2 * turned > named,
            "{view:?}: {turned} of {named} along their arcs"
        );
    }
}

/// The exports an analyst or a facilitator makes (the workshop profile, the picture's own
/// size): no name above or below its own symbol ends at another's in its row less than
/// twice as far off. A tester read "Hana Kowalczyk", above her circle, as Marc Lebel's,
/// whose circle it ended at, in the circle by sector.
#[test]
fn a_name_above_or_below_its_symbol_never_ends_at_another_in_the_exports() {
    let map = stakemap::builtin::police_community();
    let fonts = drawing::fallback_fonts();
    for view in [
        MapLayout::Network,
        MapLayout::CircularByKind,
        MapLayout::CircularBySector,
    ] {
        let mut options = PictureOptions::new(RedactionOptions::new(RedactionProfile::Workshop));
        options.view = view;
        let scene = drawing::draw(&map, &options, day(), &fonts).scene;
        for label in scene.labels.iter().filter(|l| l.leader.is_none()) {
            let (owner, rect) = beside_own(&scene, label);
            let in_row = |c: [f32; 2]| (rect.min[1]..=rect.max[1]).contains(&c[1]);
            let in_column = |c: [f32; 2]| (rect.min[0]..=rect.max[0]).contains(&c[0]);
            if in_row(owner.centre) || !in_column(owner.centre) {
                continue;
            }
            let gap = |c: [f32; 2], r: f32| {
                let near = rect.nearest(c);
                (near[0] - c[0]).hypot(near[1] - c[1]) - r + 4.5
            };
            let own = gap(owner.centre, owner.radius);
            for other in scene.nodes.iter().filter(|n| n.id != label.id) {
                let ends = in_row(other.centre) && other.centre[0] > rect.max[0];
                let away = gap(other.centre, other.radius);
                assert!(
                    !(ends && away < 1.9 * own),
                    "{view:?}: {:?} ends at {:?}'s symbol ({away} off, its own {own})",
                    label.text,
                    other.id
                );
            }
        }
    }
}

/// In the window, with its own fonts, no group name of a circle runs on from a stakeholder's
/// name in its row, nor sits on or under one as its next line: a tester read "Imam Faisal
/// Haddad Partner" on the circle by kind, the group's name 6 points after a stakeholder's,
/// and "Social services", 2 points above "Women's shelter (confidential)", as one name with
/// it on the circle by sector.
#[test]
fn in_the_window_no_group_name_runs_on_from_a_stakeholders_name() {
    let mut harness = builtin_app();
    let map = stakemap::builtin::police_community();
    let sectors: std::collections::BTreeSet<String> = map
        .stakeholders_by_id()
        .iter()
        .map(|s| s.sector.clone())
        .collect();
    for view in [MapLayout::CircularByKind, MapLayout::CircularBySector] {
        harness.state_mut().push(Command::ShowLayout(view));
        for _ in 0..50 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        let canvas = harness.state().canvas_rect().expect("the canvas is drawn");
        // Every text on the canvas, and whether it is upright (turned names are apart from
        // rows and columns).
        type Drawn = (String, egui::Rect, bool);
        let mut drawn: Vec<Drawn> = Vec::new();
        fn walk(shape: &egui::Shape, canvas: egui::Rect, boxes: &mut Vec<Drawn>) {
            match shape {
                egui::Shape::Text(t) if canvas.contains(t.pos) => {
                    boxes.push((
                        t.galley.job.text.replace('\n', " "),
                        egui::Rect::from_min_size(t.pos, t.galley.size()),
                        t.angle.abs() < 0.2,
                    ));
                }
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, canvas, boxes)),
                _ => {}
            }
        }
        for clipped in &harness.output().shapes {
            walk(&clipped.shape, canvas, &mut drawn);
        }
        let boxes: Vec<(String, egui::Rect)> = (drawn.iter())
            .filter(|d| d.2)
            .map(|(t, r, _)| (t.clone(), *r))
            .collect();
        let kinds = ["Partner", "Organisation", "Issue", "Initiative"];
        let is_group = |t: &str| match view {
            MapLayout::CircularByKind => kinds.contains(&t),
            _ => sectors.contains(t),
        };
        for (text, rect) in boxes.iter().filter(|(t, _)| is_group(t)) {
            for (other, next) in boxes.iter().filter(|(t, _)| t != text) {
                let same_row = rect.min.y < next.max.y && next.min.y < rect.max.y;
                let apart = (next.min.x - rect.max.x).max(rect.min.x - next.max.x);
                assert!(
                    !same_row || apart >= 6.0,
                    "{view:?}: {text:?} is {apart} points from {other:?} in its row"
                );
                // Stacked: over a third of the shorter one above or below the other.
                let shared = rect.max.x.min(next.max.x) - rect.min.x.max(next.min.x);
                let stacked = shared > rect.width().min(next.width()) / 3.0;
                let between = (next.min.y - rect.max.y).max(rect.min.y - next.max.y);
                assert!(
                    same_row || !stacked || between >= 4.0,
                    "{view:?}: {text:?} is {between} points above or below {other:?}"
                );
            }
        }
        let groups = drawn.iter().filter(|d| is_group(&d.0)).count();
        assert!(groups >= 4, "{view:?}: {groups} group names drawn");
    }
}

/// In the window, with its own fonts, the rings round Teresa Vance name every ring: a
/// tester found no "1 step" on her small inner ring, though the picture had it.
#[test]
fn in_the_window_the_rings_round_a_crowded_centre_are_each_named() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let centre = crate::common::id_named(&map, "Teresa Vance");
    harness
        .state_mut()
        .push(Command::ShowLayout(MapLayout::Radial(centre)));
    for _ in 0..50 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    fn walk(shape: &egui::Shape, texts: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(t) => texts.push(t.galley.job.text.clone()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, texts)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut texts);
    }
    for ring in ["1 step", "2 steps", "3 steps", "4 steps", "5 steps"] {
        assert!(texts.iter().any(|t| t == ring), "{ring:?} not drawn");
    }
}
