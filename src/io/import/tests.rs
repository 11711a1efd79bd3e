//! Round trips through every format stakemap writes, merging, hostile files, and random
//! bytes that must never make an importer panic.

use super::*;
use crate::io::{Action, ExportFormat, ExportOptions, RedactionOptions, export_bytes, redact};
use crate::model::{Score, Stakeholder, StakeholderId, Strength, Tone};
use proptest::prelude::*;

fn today() -> Date {
    "2026-02-01".parse().expect("date")
}

fn exported(map: &Map, format: ExportFormat) -> Vec<String> {
    let shown = redact(map, RedactionOptions::default());
    let (files, _) = export_bytes(&shown, format, ExportOptions::default()).expect("exports");
    files
        .into_iter()
        .map(|b| String::from_utf8(b).expect("UTF-8"))
        .collect()
}

fn import(format: ExportFormat, texts: &[String]) -> (Map, MappingReport) {
    let graph = match format {
        ExportFormat::GraphMl => read_text("map.graphml", &texts[0], InputFormat::GraphMl),
        ExportFormat::Gexf => read_text("map.gexf", &texts[0], InputFormat::Gexf),
        ExportFormat::KumuJson => read_text("map.json", &texts[0], InputFormat::KumuJson),
        _ => read_tables(("nodes.csv", &texts[0]), ("edges.csv", &texts[1])),
    }
    .expect("reads back");
    let imported = Imported {
        graphs: vec![graph],
    };
    imported.into_map("Imported", today()).expect("a valid map")
}

/// What every round trip keeps: names, kinds, relationships (ids, ends, kinds,
/// directions), strengths and positions.
fn assert_shape_kept(original: &Map, back: &Map, format: ExportFormat) {
    assert_eq!(
        back.stakeholder_count(),
        original.stakeholder_count(),
        "{format}"
    );
    assert_eq!(
        back.relationship_count(),
        original.relationship_count(),
        "{format}"
    );
    for s in original.stakeholders_by_id() {
        let b = back
            .stakeholder(s.id())
            .unwrap_or_else(|| panic!("{format}: stakeholder {} kept its id", s.id()));
        assert_eq!(b.name, s.name, "{format}");
        assert_eq!(b.kind, s.kind, "{format}: {}", s.name);
        assert_eq!(b.position, s.position, "{format}: {}", s.name);
    }
    for r in original.relationships_by_id() {
        let b = back
            .relationship(r.id())
            .unwrap_or_else(|| panic!("{format}: relationship {} kept its id", r.id()));
        assert_eq!(
            (b.from(), b.to(), b.kind, b.directed),
            (r.from(), r.to(), r.kind, r.directed),
            "{format}: {}",
            r.id()
        );
        assert_eq!(b.strength(), r.strength(), "{format}: {}", r.id());
        assert_eq!(b.tone(), r.tone(), "{format}: {}", r.id());
    }
}

#[test]
fn graphml_and_gexf_round_trips_keep_everything() {
    let map = crate::builtin::police_community();
    for format in [ExportFormat::GraphMl, ExportFormat::Gexf] {
        let (back, report) = import(format, &exported(&map, format));
        assert_shape_kept(&map, &back, format);
        assert_eq!(back.title, map.title, "{format}");
        // Every field and the whole log, notes and recorded-by included.
        assert_eq!(
            back.stakeholders_by_id(),
            map.stakeholders_by_id(),
            "{format}"
        );
        assert_eq!(
            back.relationships_by_id(),
            map.relationships_by_id(),
            "{format}"
        );
        assert_eq!(report.count(Action::Problem), 0, "{format}: {report}");
    }
}

#[test]
fn the_gexf_timeline_alone_gives_back_each_day_s_strength_and_tone() {
    let map = crate::builtin::police_community();
    let text = exported(&map, ExportFormat::Gexf).remove(0);
    // Without stakemap's own log, only Gephi's dynamic weight and tone are left.
    let timeline: String = text
        .lines()
        .filter(|l| !l.contains(r#"for="observations""#))
        .map(|l| format!("{l}\n"))
        .collect();
    let (back, report) = import(ExportFormat::Gexf, &[timeline]);
    assert_shape_kept(&map, &back, ExportFormat::Gexf);
    for r in map.relationships_by_id() {
        let expected: Vec<(Date, Strength, Tone)> = crate::io::export::daily_log(r);
        let got: Vec<(Date, Strength, Tone)> = back
            .relationship(r.id())
            .map(|b| {
                b.observations
                    .iter()
                    .map(|o| (o.date, o.strength, o.tone))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(got, expected, "relationship {}", r.id());
    }
    assert!(
        report.mentions("dynamic weight -> one observation a value"),
        "{report}"
    );
}

#[test]
fn table_and_kumu_round_trips_keep_names_kinds_relationships_strengths_and_positions() {
    let map = crate::builtin::police_community();
    for format in [
        ExportFormat::KumuCsv,
        ExportFormat::GephiCsv,
        ExportFormat::KumuJson,
    ] {
        let (back, report) = import(format, &exported(&map, format));
        assert_shape_kept(&map, &back, format);
        assert_eq!(
            back.stakeholders_by_id(),
            map.stakeholders_by_id(),
            "{format}: every stakeholder field"
        );
        for r in map.relationships_by_id() {
            let b = back.relationship(r.id()).expect("kept");
            assert_eq!((&b.owner, &b.notes), (&r.owner, &r.notes), "{format}");
            assert_eq!(
                b.latest().map(|o| o.date),
                r.latest().map(|o| o.date),
                "{format}: the date of the strength"
            );
            assert!(
                b.observations.len() <= 1,
                "{format}: only the latest observation travels"
            );
        }
        assert_eq!(report.count(Action::Problem), 0, "{format}: {report}");
    }
}

#[test]
fn a_re_import_updates_instead_of_duplicating() {
    let map = crate::builtin::police_community();
    for format in [
        ExportFormat::KumuCsv,
        ExportFormat::GraphMl,
        ExportFormat::KumuJson,
    ] {
        let texts = exported(&map, format);
        let graph = match format {
            ExportFormat::GraphMl => read_text("m.graphml", &texts[0], InputFormat::GraphMl),
            ExportFormat::KumuJson => read_text("m.json", &texts[0], InputFormat::KumuJson),
            _ => read_tables(("e.csv", &texts[0]), ("c.csv", &texts[1])),
        }
        .expect("reads");
        let merge = Imported {
            graphs: vec![graph],
        }
        .merge_into(&map, today());
        let mut again = map.clone();
        crate::edit::apply(&mut again, merge.into_edit()).expect("applies");
        assert_eq!(
            again.stakeholder_count(),
            map.stakeholder_count(),
            "{format}"
        );
        assert_eq!(
            again.relationship_count(),
            map.relationship_count(),
            "{format}"
        );
        assert_eq!(
            again.observation_count(),
            map.observation_count(),
            "{format}: nothing new observed"
        );
    }
}

#[test]
fn merging_matches_by_id_then_name_and_kind_then_name_and_never_guesses() {
    let mut map = Map::new("Target");
    for (id, kind, name) in [
        (
            1,
            crate::model::StakeholderKind::Organisation,
            "Maple Crossing CPC",
        ),
        (2, crate::model::StakeholderKind::Partner, "John Smith"),
        (3, crate::model::StakeholderKind::Partner, "John Smith"),
        (4, crate::model::StakeholderKind::Issue, "Youth engagement"),
    ] {
        map.add_stakeholder(Stakeholder::new(StakeholderId(id), kind, name))
            .expect("fresh");
    }
    let csv = "Label,Type,Description\n\
               maple crossing cpc,Organisation,Storefront\n\
               John Smith,Person,Pastor\n\
               Youth Engagement,Initiative,renamed kind?\n\
               New Partner,Person,\n";
    let graph = read_text("elements.csv", csv, InputFormat::Table).expect("reads");
    let merge = Imported {
        graphs: vec![graph],
    }
    .merge_into(&map, today());
    let report = merge.report.clone();
    let mut merged = map.clone();
    crate::edit::apply(&mut merged, merge.into_edit()).expect("applies");
    assert_eq!(merged.stakeholder_count(), 5, "only New Partner is new");
    let cpc = merged.stakeholder(StakeholderId(1)).expect("kept");
    assert_eq!(
        cpc.description, "Storefront",
        "matched by name and kind, whatever the case"
    );
    assert_eq!(cpc.name, "Maple Crossing CPC", "the map's spelling stays");
    for id in [2, 3] {
        assert!(
            merged
                .stakeholder(StakeholderId(id))
                .expect("kept")
                .description
                .is_empty(),
            "never the first John Smith"
        );
    }
    assert!(
        report
            .problems()
            .any(|p| p.message.contains("`John Smith` matches 2 stakeholders")),
        "{report}"
    );
    let issue = merged.stakeholder(StakeholderId(4)).expect("kept");
    assert_eq!(
        issue.kind,
        crate::model::StakeholderKind::Issue,
        "matched by name alone: kind kept"
    );
    assert!(
        report.mentions("matched by name: kept its kind Issue"),
        "{report}"
    );
    assert_eq!(
        merged
            .stakeholders()
            .filter(|s| s.name == "New Partner")
            .count(),
        1
    );
}

#[test]
fn undated_strengths_are_dated_the_import_day_and_not_repeated() {
    let elements = "Label,Type\nA,Organisation\nB,Organisation\n";
    let connections = "From,To,Type,Strength\nA,B,Partnership,4\n";
    let read = || Imported {
        graphs: vec![read_tables(("e.csv", elements), ("c.csv", connections)).expect("reads")],
    };
    let (map, report) = read().into_map("Kumu", today()).expect("a valid map");
    let r = map.relationships().next().expect("one relationship");
    assert_eq!(r.observations.len(), 1);
    assert_eq!(
        (r.observations[0].date, r.observations[0].strength),
        (today(), Strength::COOPERATING)
    );
    assert!(report.mentions("strengths without a date: observed on the import day"));
    let later: Date = "2026-03-01".parse().expect("date");
    let merge = read().merge_into(&map, later);
    assert!(
        merge.edits.is_empty(),
        "same strength again: nothing to record"
    );
}

#[test]
fn hostile_xml_is_refused_with_its_place() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<graphml><graph><node id="&lol2;"/></graph></graphml>"#;
    let external = r#"<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]><graphml><graph><node id="a"><data key="d">&x;</data></node></graph></graphml>"#;
    let undeclared = "<graphml><graph><node id=\"a\">&nope;</node></graph></graphml>";
    let malformed = "<graphml><graph><node id=\"a\"></graph></graphml>";
    let not_graphml = "<html><body/></html>";
    for (text, expected) in [
        (bomb, "declares entities"),
        (external, "declares entities"),
        (undeclared, "undefined entity"),
        (malformed, "not well-formed"),
        (not_graphml, "not GraphML"),
    ] {
        let error = read_text("hostile.graphml", text, InputFormat::GraphMl).expect_err("refused");
        let message = error.to_string();
        assert!(message.contains(expected), "{message}");
        assert!(message.starts_with("hostile.graphml:"), "{message}");
    }
    let error = read_text("m.gexf", "<gexf><graph>", InputFormat::Gexf).expect_err("truncated");
    assert!(
        matches!(error, ImportError::Syntax { line: 1, .. }),
        "{error}"
    );
}

#[test]
fn files_over_the_limit_and_not_utf8_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = dir.path().join("huge.graphml");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(MAX_IMPORT_BYTES + 1)
        .expect("sparse");
    assert!(matches!(read(&[huge]), Err(ImportError::TooLarge { .. })));
    let latin1 = dir.path().join("nodes.csv");
    std::fs::write(&latin1, b"Id;Label\n1;Service de police de Qu\xe9bec\n").expect("write");
    let error = read(&[latin1]).expect_err("not UTF-8");
    assert!(
        error.to_string().contains("nodes.csv:2:26: not UTF-8"),
        "{error}"
    );
    let utf16 = dir.path().join("utf16.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Id,Label\n1,Québec\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).expect("write");
    let imported = read(&[utf16]).expect("UTF-16 with a byte-order mark is read");
    assert_eq!(
        imported.graphs[0].stakeholders[0].stakeholder.name,
        "Québec"
    );
}

#[test]
fn csv_quirks_are_read_by_rule() {
    let nodes = "Id;Label;Influence;x;y\r\n1;\"Multi\r\nline; \"\"quoted\"\"\";4,0;1,5;-2\r\n2;Two;three;;\r\n3;Three;7;;\r\n";
    let edges = "Source;Target;Weight;Date\r\n1;2;0,93;03/04/2025\r\n2;3;;31/12/2025\r\n1;9;2;2025-01-01\r\n";
    let graph = read_tables(("nodes.csv", nodes), ("edges.csv", edges)).expect("reads");
    let report = &graph.report;
    let one = &graph.stakeholders[0].stakeholder;
    assert_eq!(one.name, "Multi\r\nline; \"quoted\"");
    assert_eq!(one.influence.map(Score::get), Some(4));
    assert_eq!(
        one.position,
        Some(crate::model::Position(1.5, 2.0)),
        "decimal commas, y flipped"
    );
    let problems: Vec<String> = report.problems().map(ToString::to_string).collect();
    let has = |text: &str| problems.iter().any(|p| p.contains(text));
    assert!(
        has("nodes.csv:4: influence `three` is not a number"),
        "{problems:#?}"
    );
    assert!(
        has("nodes.csv:5: influence `7` is out of range"),
        "{problems:#?}"
    );
    assert!(
        has("edges.csv:4: to `9`: no stakeholder has that id; created as a Partner"),
        "{problems:#?}"
    );
    // 31/12/2025 settles the file's order: 03/04/2025 is the 3rd of April.
    let first = &graph.relationships[0];
    assert_eq!(
        first.observations[0].date,
        "2025-04-03".parse().expect("date")
    );
    assert_eq!(
        first.observations[0].strength,
        Strength::AWARE,
        "0,93 rounds to 1"
    );
    assert!(report.mentions("dates DD/MM/YYYY"));
    assert!(report.mentions("rounded to the nearest strength"));
}

#[test]
fn an_ambiguous_day_and_month_is_refused_not_guessed() {
    let edges = "Source,Target,Weight,Date\n1,2,3,03/04/2025\n";
    let graph = read_text("edges.csv", edges, InputFormat::Table).expect("reads");
    assert!(
        graph
            .report
            .problems()
            .any(|p| p.message.contains("could be day-first or month-first"))
    );
    assert_eq!(
        graph.relationships[0].undated.map(|u| u.strength),
        Some(Strength::COORDINATING),
        "kept, undated"
    );
}

fn samples() -> Vec<(InputFormat, String)> {
    let map = crate::builtin::police_community();
    let mut out = vec![
        (
            InputFormat::GraphMl,
            exported(&map, ExportFormat::GraphMl).remove(0),
        ),
        (
            InputFormat::Gexf,
            exported(&map, ExportFormat::Gexf).remove(0),
        ),
        (
            InputFormat::KumuJson,
            exported(&map, ExportFormat::KumuJson).remove(0),
        ),
    ];
    let tables = exported(&map, ExportFormat::GephiCsv);
    out.push((InputFormat::Table, tables[0].clone()));
    out.push((InputFormat::Table, tables[1].clone()));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_make_an_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        for format in [InputFormat::GraphMl, InputFormat::Gexf, InputFormat::KumuJson, InputFormat::Table] {
            if let Ok(graph) = read_text("random", &text, format) {
                let _ = Imported { graphs: vec![graph] }.into_map("x", today()).expect("a valid map");
            }
        }
    }

    #[test]
    fn mutated_files_never_make_an_importer_panic(
        which in 0_usize..5,
        cuts in proptest::collection::vec((0.0_f64..1.0, 0_usize..40, any::<char>()), 1..6),
    ) {
        let samples = SAMPLES.with(Clone::clone);
        let (format, text) = &samples[which];
        let mut text: Vec<char> = text.chars().collect();
        for (at, len, c) in cuts {
            if text.is_empty() {
                break;
            }
            let start = ((text.len() as f64) * at) as usize % text.len();
            let end = (start + len).min(text.len());
            text.splice(start..end, [c]);
        }
        let text: String = text.into_iter().collect();
        if let Ok(graph) = read_text("mutated", &text, *format) {
            let _ = Imported { graphs: vec![graph] }.into_map("x", today()).expect("a valid map");
        }
    }
}

thread_local! {
    static SAMPLES: Vec<(InputFormat, String)> = samples();
}

#[test]
fn observations_json_with_bad_values_is_reported_not_trusted() {
    let gexf = r#"<gexf version="1.3"><graph defaultedgetype="undirected">
<attributes class="edge"><attribute id="observations" title="observations" type="string"/></attributes>
<nodes><node id="1" label="A"/><node id="2" label="B"/></nodes>
<edges><edge id="1" source="1" target="2"><attvalues><attvalue for="observations" value='[{"date":"2025-01-01","strength":9,"tone":"Neutral","via":"Call"}]'/></attvalues></edge></edges>
</graph></gexf>"#;
    let graph = read_text("bad.gexf", gexf, InputFormat::Gexf).expect("reads");
    assert!(
        graph
            .report
            .problems()
            .any(|p| p.message.contains("observation log unreadable"))
    );
    let (map, _) = Imported {
        graphs: vec![graph],
    }
    .into_map("x", today())
    .expect("a valid map");
    assert!(map.validate().is_empty());
    assert!(
        map.relationships().all(|r| r.observations.is_empty()),
        "the bad log is not trusted"
    );
}

#[test]
fn a_graphml_of_numbered_nodes_is_named_after_its_ids_in_one_statement() {
    // networkx's write_graphml of a graph built from integers: no label key at all.
    let graphml = r#"<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<graph edgedefault="undirected">
<node id="0"/><node id="1"/><node id="2"/>
<edge source="0" target="1"/><edge source="1" target="2"/>
</graph></graphml>"#;
    let graph = read_text("numbers.graphml", graphml, InputFormat::GraphMl).expect("reads");
    assert!(
        graph.report.problems().next().is_none(),
        "no problem a node: {:?}",
        graph.report.lines()
    );
    assert!(graph.report.mentions("named after their node ids"));
    let (map, _) = Imported {
        graphs: vec![graph],
    }
    .into_map("x", today())
    .expect("a valid map");
    let mut names: Vec<_> = map.stakeholders().map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["0", "1", "2"]);
    assert_eq!(map.relationship_count(), 2);
}

#[test]
fn a_gexf_report_counts_labels_and_weights_it_mapped() {
    let gexf = r#"<gexf version="1.3"><graph defaultedgetype="undirected">
<nodes><node id="1" label="A"/><node id="2" label="B"/><node id="3"/></nodes>
<edges><edge id="1" source="1" target="2" weight="3"/><edge id="2" source="2" target="3"/></edges>
</graph></gexf>"#;
    let graph = read_text("w.gexf", gexf, InputFormat::Gexf).expect("reads");
    let count = |text: &str| {
        graph
            .report
            .entries()
            .iter()
            .find(|e| e.action == Action::Mapped && e.message.contains(text))
            .map(|e| e.count)
    };
    assert_eq!(count("`label` -> name"), Some(2));
    assert_eq!(count("`weight` -> strength"), Some(1));
}

#[test]
fn names_that_show_nothing_are_named_after_their_ids_and_accents_match_however_typed() {
    let mut map = Map::new("Target");
    map.add_stakeholder(Stakeholder::new(
        StakeholderId(1),
        crate::model::StakeholderKind::Organisation,
        "Café Jeunesse",
    ))
    .expect("fresh");
    // `Cafe\u{301}`: the accent typed as a combining mark (macOS file names, some Excel
    // exports); a name that is only a zero-width space; a title that shows nothing.
    let csv = "Id,Label,Type,Description\n\
               c9,Cafe\u{301} Jeunesse,Organisation,Drop-in\n\
               z1,\u{200b},Organisation,\n";
    let graph = read_text("elements.csv", csv, InputFormat::Table).expect("reads");
    assert!(
        graph
            .report
            .problems()
            .any(|p| p.message.contains("no label: named after its id `z1`")),
        "{:?}",
        graph.report.lines()
    );
    assert!(graph.report.mentions("composed into Unicode NFC"));
    let imported = Imported {
        graphs: vec![graph],
    };
    let merge = imported.merge_into(&map, today());
    let mut merged = map.clone();
    crate::edit::apply(&mut merged, merge.into_edit()).expect("a valid map");
    assert_eq!(merged.stakeholder_count(), 2, "the café matched, z1 added");
    assert_eq!(
        merged
            .stakeholder(StakeholderId(1))
            .expect("kept")
            .description,
        "Drop-in"
    );
    assert!(merged.stakeholders().any(|s| s.name == "z1"));
    assert!(merged.is_composed());
    let (new, _) = imported.into_map("\u{200b}", today()).expect("a valid map");
    assert_eq!(new.title, "Imported map");
    assert!(new.validate().is_empty(), "{:?}", new.validate());
}

#[test]
fn a_stakemap_map_given_to_import_is_refused_not_read_as_an_empty_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = crate::io::to_ron(&crate::builtin::police_community());
    for name in ["map.ron", "map.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).expect("write");
        match read(&[path]) {
            Err(ImportError::Unrecognised { message, .. }) => {
                assert!(message.contains("stakemap map file"), "{message}");
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn a_quote_never_closed_is_reported_where_it_opens_and_swallows_nothing_silently() {
    let nodes = "Id,Label,Kind\n1,Alpha,Partner\n2,\"Beta\n3,Gamma,Issue\n4,Delta,Partner\n";
    let edges = "Source,Target\n1,3\n";
    let graph = read_tables(("nodes.csv", nodes), ("edges.csv", edges)).expect("reads");
    let names: Vec<&str> = graph
        .stakeholders
        .iter()
        .map(|s| s.stakeholder.name.as_str())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains('\n')),
        "no stakeholder is named with the rest of the file: {names:?}"
    );
    assert!(names.contains(&"Alpha"));
    let problem = graph
        .report
        .problems()
        .find(|p| p.message.contains("never closed"))
        .expect("the unclosed quote is reported");
    assert_eq!(
        problem.at.as_ref().and_then(|at| at.line),
        Some(3),
        "where the quote opens"
    );
    assert!(
        problem.message.contains("lines 3 to 5"),
        "{}",
        problem.message
    );
    // Quotes closed, doubled or not: no such problem.
    let fine = "Id,Label,Kind\n1,\"Alpha, \"\"the\"\" first\",Partner\n";
    let graph = read_tables(("nodes.csv", fine), ("edges.csv", edges)).expect("reads");
    assert!(
        graph
            .report
            .problems()
            .all(|p| !p.message.contains("never closed"))
    );
}
