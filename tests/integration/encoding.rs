//! Size by and colour by, and a metric range in the filter, as a person uses them: choose
//! from the drop-downs in the side panel and read the symbols the canvas paints and what
//! the legend says; export the picture and find the same colours in it.

use crate::common::{builtin_app, canvas_names, id_named, type_keys};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::analysis::{Metric, MetricSettings, network_metrics};
use stakemap::gui::StakemapApp;
use stakemap::model::StakeholderId;
use stakemap::style::encoding::CATEGORY_COLOURS;

/// The fill and size of the symbol painted with its centre at `at`: a circle's radius, or
/// a polygon's farthest corner from its centre.
fn symbol_at(harness: &Harness<'_, StakemapApp>, at: egui::Pos2) -> Option<(egui::Color32, f32)> {
    fn walk(shape: &egui::Shape, at: egui::Pos2, found: &mut Option<(egui::Color32, f32)>) {
        match shape {
            egui::Shape::Circle(c) if c.center.distance(at) < 0.5 && c.fill.a() > 0 => {
                *found = Some((c.fill, c.radius));
            }
            egui::Shape::Path(p) if p.closed && p.points.len() >= 4 => {
                let n = p.points.len() as f32;
                let centre = p
                    .points
                    .iter()
                    .fold(egui::Vec2::ZERO, |a, q| a + q.to_vec2())
                    / n;
                if centre.to_pos2().distance(at) < 0.5 && p.fill.a() > 0 {
                    let r = p
                        .points
                        .iter()
                        .map(|q| q.distance(centre.to_pos2()))
                        .fold(0.0, f32::max);
                    *found = Some((p.fill, r));
                }
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, at, found)),
            _ => {}
        }
    }
    let mut found = None;
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, at, &mut found);
    }
    found
}

fn symbol_of(harness: &Harness<'_, StakemapApp>, id: StakeholderId) -> (egui::Color32, f32) {
    let at = harness
        .state()
        .stakeholder_on_screen(&harness.ctx, id)
        .expect("on screen");
    symbol_at(harness, at).expect("a symbol painted there")
}

fn colour(c: stakemap::style::Rgba) -> egui::Color32 {
    let [r, g, b, a] = c.0;
    egui::Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Opens "Size and colour" and picks `option` from the drop-down labelled `which`.
fn choose(harness: &mut Harness<'_, StakemapApp>, which: &str, option: &str) {
    if harness.query_by_label(which).is_none() {
        harness.get_by_label_contains("Size and colour").click();
        harness.run();
    }
    pick(harness, which, option);
}

/// Opens the drop-down labelled `which` and clicks `option`, scrolled into its list's view
/// first, as a person scrolls a long list.
fn pick(harness: &mut Harness<'_, StakemapApp>, which: &str, option: &str) {
    harness.get_by_label(which).scroll_to_me();
    harness.run();
    harness.get_by_label(which).click();
    harness.run();
    harness.get_by_label(option).scroll_to_me();
    harness.run();
    harness.get_by_label(option).click();
    harness.run_steps(4);
}

#[test]
fn colour_by_community_repaints_every_symbol_and_the_legend_says_what_they_mean() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let metrics = network_metrics(&map, &MetricSettings::default());
    let cds = id_named(&map, "Community Development Section (CDS)");
    // Before: the map's own colours, by kind (CDS is an organisation: blue).
    assert_eq!(
        symbol_of(&harness, cds).0,
        colour(stakemap::style::node_colour(
            stakemap::model::StakeholderKind::Organisation
        ))
    );
    assert!(harness.query_by_label("Colour is community").is_none());

    choose(&mut harness, "Colour by", "Community");

    harness.get_by_label("Colour is community");
    let first = &metrics.communities[0];
    harness.get_by_label(&format!("Community 1 ({})", first.len()));
    // Every stakeholder on screen is painted its community's colour (the seven largest
    // have one each).
    let mut checked = 0;
    for s in map.stakeholders() {
        let community = metrics.value(s.id(), Metric::Community).expect("a value") as usize;
        let Some(at) = harness.state().stakeholder_on_screen(&harness.ctx, s.id()) else {
            continue;
        };
        let Some((fill, _)) = symbol_at(&harness, at) else {
            continue;
        };
        if community < CATEGORY_COLOURS.len() {
            assert_eq!(fill, colour(CATEGORY_COLOURS[community]), "{}", s.name);
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} symbols checked");
    // The names are still there: colour changes the symbols only.
    assert!(canvas_names(&harness).len() > 50);
}

#[test]
fn size_by_betweenness_makes_the_brokers_largest() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let metrics = network_metrics(&map, &MetricSettings::default());
    let ranked = metrics.ranked(Metric::Betweenness);
    let broker = ranked[0].id;
    // A stakeholder of more influence than the broker but between no one: by influence it
    // is drawn larger, by betweenness smaller.
    let influence = |id| map.stakeholder(id).and_then(|s| s.influence);
    let kind = |id| map.stakeholder(id).map(|s| s.kind);
    let quiet = ranked
        .iter()
        .rev()
        .find(|m| {
            m.betweenness == 0.0
                && influence(m.id) >= influence(broker)
                && kind(m.id) == kind(broker)
        })
        .expect("an influential stakeholder between no one")
        .id;
    let (_, broker_before) = symbol_of(&harness, broker);
    let (_, quiet_before) = symbol_of(&harness, quiet);
    assert!(quiet_before >= broker_before * 0.99);

    choose(&mut harness, "Size by", "Betweenness");

    harness.get_by_label("Size is betweenness");
    let (_, broker_after) = symbol_of(&harness, broker);
    let (_, quiet_after) = symbol_of(&harness, quiet);
    assert!(
        broker_after > 1.5 * quiet_after,
        "broker {broker_after} against {quiet_after}"
    );
    // No other symbol is larger than the broker's (shapes differ a little in extent).
    for m in &ranked[1..] {
        if let Some(at) = harness.state().stakeholder_on_screen(&harness.ctx, m.id)
            && let Some((_, r)) = symbol_at(&harness, at)
        {
            assert!(r <= broker_after * 1.16, "{:?} {r} > {broker_after}", m.id);
        }
    }
}

#[test]
fn a_metric_range_typed_into_the_filter_fades_everyone_outside_it() {
    let mut harness = builtin_app();
    let map = harness.state().map().clone();
    let metrics = network_metrics(&map, &MetricSettings::default());
    harness.get_by_label_contains("Filter").click();
    harness.run();
    pick(&mut harness, "Metric", "Degree");
    // The bounds start at the map's own least and greatest degree.
    let (least, most) = metrics.range(Metric::Degree).expect("a range");
    harness.get_by_label_contains(&format!("the map's values: {least} to {most}"));
    harness.get_by_label("from").click();
    harness.run();
    // A click on a number edits it, its text selected: typing replaces it.
    type_keys(&mut harness, "4");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    harness.get_by_label_contains("degree ≥ 4");
    let (shown, decorations) = harness.state().shown().expect("shown");
    assert_eq!(shown.stakeholder_count(), 63, "faded, not hidden");
    let mut kept = 0;
    for s in shown.stakeholders() {
        let degree = metrics.value(s.id(), Metric::Degree).expect("a value");
        assert_eq!(decorations.is_faded(s.id()), degree < 4.0, "{}", s.name);
        kept += usize::from(degree >= 4.0);
    }
    assert!(kept > 5 && kept < 50, "{kept} kept");
    // The chip takes it off again.
    harness.get_by_label_contains("degree ≥ 4").click();
    harness.run_steps(4);
    let (shown, decorations) = harness.state().shown().expect("shown");
    assert!(shown.stakeholders().all(|s| !decorations.is_faded(s.id())));
}

#[test]
fn the_exported_picture_is_coloured_and_sized_as_the_window_shows() {
    use stakemap::io::drawing::{PictureOptions, draw};
    use stakemap::style::encoding::{ColourBy, Encoding, SizeBy};
    let map = stakemap::builtin::police_community();
    let metrics = network_metrics(&map, &MetricSettings::default());
    let mut options = PictureOptions::new(Default::default());
    options.show.encoding = Encoding {
        size: SizeBy::Metric(Metric::Degree),
        colour: ColourBy::Metric(Metric::Community),
    };
    let today = stakemap::model::Date::from_ymd(2026, 11, 28).expect("a day");
    let drawn = draw(&map, &options, today, &[]);
    // The legend is the encoding's, in the SVG as text.
    assert!(drawn.svg.contains("Colour is community"), "legend heading");
    assert!(drawn.svg.contains("Size is degree"));
    // Every node of the scene the SVG was written from has its community's colour.
    let cds = map
        .stakeholders()
        .find(|s| s.name.starts_with("Community Development Section"))
        .expect("CDS");
    let community = metrics.value(cds.id(), Metric::Community).expect("value") as usize;
    let node = drawn
        .scene
        .nodes
        .iter()
        .find(|n| n.id == cds.id())
        .expect("CDS drawn");
    assert_eq!(node.fill, CATEGORY_COLOURS[community]);
    let [r, g, b, _] = CATEGORY_COLOURS[community].0;
    assert!(
        drawn
            .svg
            .contains(&format!("#{r:02x}{g:02x}{b:02x}").to_lowercase())
            || drawn.svg.contains(&format!("#{r:02X}{g:02X}{b:02X}")),
        "the colour is in the SVG"
    );
    // The best-connected stakeholder is the largest symbol.
    let top = metrics.ranked(Metric::Degree)[0].id;
    let largest = drawn
        .scene
        .nodes
        .iter()
        .max_by(|a, b| a.radius.total_cmp(&b.radius))
        .expect("nodes");
    assert_eq!(
        metrics.value(largest.id, Metric::Degree),
        metrics.value(top, Metric::Degree)
    );
}
