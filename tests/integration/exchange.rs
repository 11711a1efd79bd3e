//! The real-world-shaped files in tests/data/exchange, each imported as its expected.md
//! says a correct import must read it.

use stakemap::io::Action;
use stakemap::io::import::{self, Imported};
use stakemap::model::{
    Date, Map, Position, Relationship, RelationshipKind, Score, Stakeholder, StakeholderKind,
    Strength, Tone,
};
use std::path::{Path, PathBuf};

fn data(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exchange")
        .join(case)
        .join(file)
}

fn today() -> Date {
    "2026-02-01".parse().expect("date")
}

fn import(paths: &[PathBuf]) -> (Imported, Map, stakemap::io::MappingReport) {
    let imported = import::read(paths).expect("the file is read");
    let (map, report) = imported.into_map("Imported", today()).expect("a valid map");
    assert!(map.validate().is_empty(), "{:?}", map.validate());
    (imported, map, report)
}

fn named<'m>(map: &'m Map, name: &str) -> &'m Stakeholder {
    map.stakeholders()
        .find(|s| s.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no stakeholder named {name:?}; have {:?}",
                map.stakeholders().map(|s| &s.name).collect::<Vec<_>>()
            )
        })
}

fn between<'m>(map: &'m Map, from: &str, to: &str) -> Vec<&'m Relationship> {
    let (from, to) = (named(map, from).id(), named(map, to).id());
    let mut found: Vec<&Relationship> = map
        .relationships_by_id()
        .into_iter()
        .filter(|r| {
            (r.from(), r.to()) == (from, to) || (!r.directed && (r.from(), r.to()) == (to, from))
        })
        .collect();
    found.sort_by_key(|r| r.kind);
    found
}

fn log(r: &Relationship) -> Vec<(String, u8, Tone)> {
    r.observations
        .iter()
        .map(|o| (o.date.to_string(), o.strength.get(), o.tone))
        .collect()
}

#[test]
fn f01_yed_graphml_with_custom_keys() {
    let (_, map, report) = import(&[data("f01_yed_graphml", "yed_custom_keys.graphml")]);
    assert_eq!((map.stakeholder_count(), map.relationship_count()), (3, 2));
    // Names from y:NodeLabel, entities decoded once; n2 falls back to its id, said so.
    let school = named(&map, "École secondaire Saint-Laurent");
    let coach = named(&map, "Coach Malik & the <Night League>");
    let n2 = named(&map, "n2");
    let problems: Vec<String> = report.problems().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("no label: named after its id `n2`"),
        "{problems:#?}"
    );
    // Keys by attr.name: Sector, Influence and description, whatever their ids.
    assert_eq!(school.sector, "Education");
    assert_eq!(
        (coach.sector.as_str(), n2.sector.as_str()),
        ("Unknown", "Unknown"),
        "the key's default"
    );
    assert!(
        report.mentions("key `Sector` missing: its default `Unknown` applies"),
        "{report}"
    );
    assert_eq!(
        [school.influence, coach.influence, n2.influence].map(|s| s.map(Score::get)),
        [Some(4), Some(2), None]
    );
    assert_eq!(
        school.description,
        "Secondary school; principal chairs the safety committee"
    );
    // Positions: the centres of y:Geometry, y down like yEd.
    assert_eq!(school.position, Some(Position(0.0, 0.0)));
    assert_eq!(coach.position, Some(Position(300.0, 120.0)));
    assert_eq!(n2.position, Some(Position(-285.0, 215.0)));
    // Edges: kinds from the labels, notes from the edge description, directions stated.
    let e0 = between(
        &map,
        "École secondaire Saint-Laurent",
        "Coach Malik & the <Night League>",
    );
    assert_eq!(e0.len(), 1);
    assert_eq!(
        (e0[0].kind, e0[0].directed),
        (RelationshipKind::Partnership, true)
    );
    assert_eq!(e0[0].notes, "Gym access on Friday nights");
    let e1 = between(&map, "Coach Malik & the <Night League>", "n2");
    assert_eq!(
        (e1[0].kind, e1[0].directed),
        (RelationshipKind::WorksOn, true)
    );
    assert!(
        report.mentions("yEd arrows disagree with the graph's direction"),
        "{report}"
    );
    assert!(
        report.mentions("no direction given: directed (the graph's edgedefault)"),
        "{report}"
    );
    assert_eq!(map.description, "Eastview partner map (invented names)");
    assert!(
        report.mentions("yFiles payload other than node and edge graphics"),
        "{report}"
    );
}

#[test]
fn f03_gephi_csv_from_excel_in_a_french_locale() {
    let case = "f03_gephi_csv_bom_semicolon";
    let (imported, map, report) = import(&[data(case, "nodes.csv"), data(case, "edges.csv")]);
    assert_eq!(imported.graphs.len(), 1, "the two tables make one graph");
    assert!(report.mentions("UTF-8 byte-order mark skipped"));
    assert!(report.mentions("separator `;`"));
    assert_eq!(report.count(Action::Problem), 0, "{report}");
    let police = named(&map, "Service de police de Québec");
    let amelie = named(&map, "Amélie Côté");
    let escale = named(&map, "Maison des jeunes L'Escale");
    assert_eq!(
        (police.kind, amelie.kind, escale.kind),
        (
            StakeholderKind::Organisation,
            StakeholderKind::Partner,
            StakeholderKind::Organisation
        )
    );
    assert_eq!(
        (
            police.sector.as_str(),
            amelie.sector.as_str(),
            escale.sector.as_str()
        ),
        ("Sécurité", "Santé", "Jeunesse")
    );
    assert_eq!(
        (police.id().0, amelie.id().0, escale.id().0),
        (1, 2, 3),
        "rows keyed by Id"
    );
    let expect = |from: &str, to: &str, kind, directed, strength| {
        let found = between(&map, from, to);
        assert_eq!(found.len(), 1, "{from} - {to}");
        assert_eq!(
            (found[0].kind, found[0].directed, found[0].strength().get()),
            (kind, directed, strength),
            "{from} - {to}"
        );
        assert_eq!(
            found[0].observations[0].date,
            today(),
            "a weight without a date: the import day"
        );
    };
    expect(
        "Service de police de Québec",
        "Amélie Côté",
        RelationshipKind::Partnership,
        false,
        3,
    );
    expect(
        "Maison des jeunes L'Escale",
        "Service de police de Québec",
        RelationshipKind::ReportsTo,
        true,
        2,
    );
    expect(
        "Amélie Côté",
        "Maison des jeunes L'Escale",
        RelationshipKind::Informal,
        false,
        1,
    );
}

#[test]
fn f06_kumu_blueprint() {
    let (_, map, report) = import(&[data("f06_kumu_json", "kumu_blueprint.json")]);
    let problems: Vec<String> = report.problems().map(ToString::to_string).collect();
    // Multi-valued tags: `|` text (trimmed, no empty tag) or a JSON list.
    assert_eq!(
        named(&map, "Maple Crossing CPC").tags,
        ["cpc", "volunteers", "police"]
    );
    assert_eq!(named(&map, "Priya Desrosiers").tags, ["liaison", "officer"]);
    assert_eq!(named(&map, "Youth engagement").tags, ["youth", "priority"]);
    assert_eq!(named(&map, "Basketball nights").tags, ["youth", "sport"]);
    // Kumu types to kinds; a number written as text.
    assert_eq!(
        named(&map, "Maple Crossing CPC").kind,
        StakeholderKind::Organisation
    );
    assert_eq!(
        named(&map, "Priya Desrosiers").kind,
        StakeholderKind::Partner
    );
    assert_eq!(named(&map, "Youth engagement").kind, StakeholderKind::Issue);
    assert_eq!(
        named(&map, "Basketball nights").kind,
        StakeholderKind::Initiative
    );
    assert_eq!(
        named(&map, "Priya Desrosiers").influence.map(Score::get),
        Some(4)
    );
    // Two John Smiths: both imported; the connection from "John Smith" is not attached.
    let smiths: Vec<&str> = map
        .stakeholders()
        .filter(|s| s.name == "John Smith")
        .map(|s| s.description.as_str())
        .collect();
    assert_eq!(smiths.len(), 2);
    assert!(smiths.contains(&"Pastor, Grace Chapel") && smiths.contains(&"Bus driver, route 14"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("kumu_blueprint.json:12:")
                && p.contains("`John Smith` names 2 stakeholders")),
        "{problems:#?}"
    );
    for smith in map.stakeholders().filter(|s| s.name == "John Smith") {
        assert!(
            map.relationships_of(smith.id()).is_empty(),
            "never attached to the first"
        );
    }
    // Ghost Org: created, and said so.
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`Ghost Org`: no stakeholder has that label or id; created")),
        "{problems:#?}"
    );
    let ghost = between(&map, "Ghost Org", "Youth engagement");
    assert_eq!(
        (ghost[0].kind, ghost[0].directed),
        (RelationshipKind::Informal, true)
    );
    assert!(report.mentions("no direction given: directed (Kumu's default"));
    // Directions, the strength as text, and several kinds in one type.
    let membership = between(&map, "Priya Desrosiers", "Maple Crossing CPC");
    assert_eq!(
        (
            membership[0].kind,
            membership[0].directed,
            membership[0].strength()
        ),
        (RelationshipKind::Membership, true, Strength::COOPERATING)
    );
    assert_eq!(membership[0].observations[0].date, today());
    let pair = between(&map, "Maple Crossing CPC", "Basketball nights");
    assert_eq!(
        pair.iter()
            .map(|r| (r.kind, r.directed))
            .collect::<Vec<_>>(),
        [
            (RelationshipKind::Partnership, false),
            (RelationshipKind::Funds, false)
        ]
    );
    assert!(report.mentions("one relationship a kind"));
    assert!(report.mentions("direction `mutual` -> undirected"));
    let works = between(&map, "Basketball nights", "Youth engagement");
    assert_eq!(
        (works[0].kind, works[0].directed),
        (RelationshipKind::WorksOn, false)
    );
    assert_eq!(
        works[0].notes, "tags: 2025|pilot",
        "an unknown field is kept as a note"
    );
    assert_eq!(map.relationship_count(), 5);
}

#[test]
fn f07_gexf_with_weights_over_time() {
    let path = data("f07_gexf_dynamic", "dynamic_weights.gexf");
    let (_, map, report) = import(std::slice::from_ref(&path));
    let e0 = between(&map, "Harbour Street Mission", "Ward 3 Councillor");
    assert_eq!(
        log(e0[0]),
        [
            ("2024-02-01".to_owned(), 2, Tone::Neutral),
            ("2024-07-01".to_owned(), 4, Tone::Positive)
        ]
    );
    let e1 = between(&map, "Night Bus Outreach", "Harbour Street Mission");
    // 23:30 on 31 March in Toronto stays 31 March; the end is a strength of 0 that day.
    assert_eq!(
        log(e1[0]),
        [
            ("2025-03-31".to_owned(), 3, Tone::Strained),
            ("2025-09-30".to_owned(), 0, Tone::Strained)
        ]
    );
    assert_eq!(e1[0].observations[1].note, "ended (GEXF end)");
    assert!(
        report.mentions("in the graph's time zone America/Toronto"),
        "{report}"
    );
    assert!(report.mentions("edge end -> an observation of strength 0"));
    assert!(
        named(&map, "Night Bus Outreach")
            .description
            .contains("On the map from 2025-03-01")
    );
    assert_eq!(report.count(Action::Problem), 0, "{report}");

    // networkx wrote dynamic GEXF without timeformat (networkx bug #3249): no crash, the
    // same days, the assumption stated; and a weight outside 0-5 is reported.
    let text = std::fs::read_to_string(&path).expect("read");
    let bare = text
        .replace(r#" timeformat="dateTime" timezone="America/Toronto""#, "")
        .replace(
            r#"<attvalue for="weight" value="4""#,
            r#"<attvalue for="weight" value="7""#,
        );
    let graph = import::read_text("bare.gexf", &bare, import::InputFormat::Gexf).expect("reads");
    assert!(
        graph
            .report
            .mentions("no timeformat: times that look like ISO dates are read as dates")
    );
    assert!(graph.report.problems().any(|p| {
        p.message
            .contains("weight `7` on 2024-07-01 is outside 0-5: read as strength 5")
    }));
    let (bare_map, _) = Imported {
        graphs: vec![graph],
    }
    .into_map("bare", today())
    .expect("a valid map");
    let e1 = between(&bare_map, "Night Bus Outreach", "Harbour Street Mission");
    assert_eq!(e1[0].observations[0].date.to_string(), "2025-03-31");
}

/// Gephi numbers its nodes 1, 2, 3...: merged into a map whose stakeholders 1, 2, 3 are
/// others, those numbers must not rename the map's stakeholders.
#[test]
fn another_tools_ids_that_collide_with_the_maps_rename_nothing() {
    let paths = [
        data("f03_gephi_csv_bom_semicolon", "nodes.csv"),
        data("f03_gephi_csv_bom_semicolon", "edges.csv"),
    ];
    let imported = import::read(&paths).expect("reads");
    let map = stakemap::builtin::police_community();
    let merge = imported.merge_into(&map, today());
    let report = merge.report.clone();
    let mut merged = map.clone();
    stakemap::edit::apply(&mut merged, merge.into_edit()).expect("applies");
    for s in map.stakeholders() {
        let after = merged.stakeholder(s.id()).expect("still there");
        assert_eq!(after.name, s.name, "{} was renamed", s.name);
        assert_eq!(after.kind, s.kind, "{} changed kind", s.name);
    }
    assert!(
        merged.stakeholder_count() > map.stakeholder_count(),
        "the file's stakeholders came in as new ones"
    );
    assert!(
        report.mentions("taken as the file's own"),
        "{:?}",
        report.lines()
    );
}

/// A file dialog hands `edges.csv` over before `nodes.csv`: the pair is the same graph
/// whichever comes first (it was read as edges alone, with stakeholders named after ids).
#[test]
fn a_nodes_and_edges_pair_reads_the_same_in_either_order() {
    let nodes = data("f03_gephi_csv_bom_semicolon", "nodes.csv");
    let edges = data("f03_gephi_csv_bom_semicolon", "edges.csv");
    let (_, first, _) = import(&[nodes.clone(), edges.clone()]);
    let (_, reversed, _) = import(&[edges, nodes]);
    let names = |m: &Map| {
        let mut n: Vec<(String, StakeholderKind)> =
            m.stakeholders().map(|s| (s.name.clone(), s.kind)).collect();
        n.sort();
        n
    };
    assert_eq!(names(&reversed), names(&first));
    assert_eq!(reversed.relationship_count(), first.relationship_count());
}
