//! Every export read back by a real parser (quick-xml, csv, serde_json), byte-stable, and
//! free of what the redaction profile hides.

use super::*;
use crate::io::{ConfidentialAs, RedactionOptions, RedactionProfile, redact};
use crate::model::{
    Observation, Position, Relationship, RelationshipId, Stakeholder, StakeholderId,
    StakeholderKind, Strength,
};
use crate::redaction::planted::{self, PARTNER_SECRETS, PUBLIC_SECRETS};
use quick_xml::events::Event;

fn export_all(
    map: &Map,
    options: RedactionOptions,
) -> Vec<(ExportFormat, Vec<String>, MappingReport)> {
    let shown = redact(map, options);
    ExportFormat::ALL
        .into_iter()
        .map(|format| {
            let (files, report) =
                export_bytes(&shown, format, ExportOptions::default()).expect("exports");
            let texts = files
                .into_iter()
                .map(|bytes| String::from_utf8(bytes).expect("UTF-8"))
                .collect();
            (format, texts, report)
        })
        .collect()
}

/// Counts elements by local name, failing on XML that is not well formed.
fn xml_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut counts = std::collections::HashMap::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                *counts.entry(name).or_insert(0) += 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    counts
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    (headers, rows)
}

#[test]
fn every_format_of_the_builtin_map_reads_back_with_a_real_parser() {
    let map = crate::builtin::police_community();
    let (n, m) = (map.stakeholder_count(), map.relationship_count());
    for (format, texts, report) in
        export_all(&map, RedactionOptions::new(RedactionProfile::Internal))
    {
        assert_eq!(report.stakeholders, n);
        match format {
            ExportFormat::GraphMl | ExportFormat::Gexf => {
                let counts = xml_counts(&texts[0]);
                assert_eq!(counts.get("node"), Some(&n), "{format}");
                assert_eq!(counts.get("edge"), Some(&m), "{format}");
            }
            ExportFormat::Dot => {
                assert!(texts[0].starts_with("digraph "));
                assert_eq!(texts[0].matches(" -> ").count(), m);
            }
            ExportFormat::GephiCsv | ExportFormat::KumuCsv => {
                let (nodes_header, nodes) = csv_rows(&texts[0]);
                let (edges_header, edges) = csv_rows(&texts[1]);
                assert_eq!(nodes.len(), n, "{format}");
                assert_eq!(edges.len(), m, "{format}");
                if format == ExportFormat::GephiCsv {
                    assert_eq!(&nodes_header[..3], ["Id", "Label", "Kind"]);
                    assert_eq!(&edges_header[..3], ["Source", "Target", "Type"]);
                    assert!(edges_header.contains(&"Weight".to_owned()));
                } else {
                    assert_eq!(&nodes_header[..4], ["Label", "Type", "Description", "Tags"]);
                    assert_eq!(
                        &edges_header[..5],
                        ["From", "To", "Type", "Strength", "direction"]
                    );
                }
            }
            ExportFormat::KumuJson => {
                let value: serde_json::Value = serde_json::from_str(&texts[0]).expect("JSON");
                assert_eq!(value["elements"].as_array().map(Vec::len), Some(n));
                assert_eq!(value["connections"].as_array().map(Vec::len), Some(m));
            }
        }
    }
}

#[test]
fn exports_are_byte_stable_whatever_order_the_map_was_built_in() {
    let map = crate::builtin::police_community();
    let mut reversed = Map::new(map.title.clone());
    reversed.description.clone_from(&map.description);
    for s in map.stakeholders_by_id().into_iter().rev() {
        reversed.add_stakeholder(s.clone()).expect("fresh");
    }
    for r in map.relationships_by_id().into_iter().rev() {
        reversed.add_relationship(r.clone()).expect("ends exist");
    }
    let options = RedactionOptions::new(RedactionProfile::Internal);
    let first = export_all(&map, options);
    let again = export_all(&map, options);
    let other = export_all(&reversed, options);
    for ((a, b), c) in first.iter().zip(&again).zip(&other) {
        assert_eq!(a.1, b.1, "{} twice", a.0);
        assert_eq!(a.1, c.1, "{} from another order", a.0);
    }
}

#[test]
fn no_export_leaks_what_partner_and_public_hide() {
    let map = planted::map();
    // Under internal everything is there: the search below can find what it looks for.
    let internal = export_all(&map, RedactionOptions::new(RedactionProfile::Internal));
    for (format, texts, _) in &internal {
        let all = texts.concat();
        if *format != ExportFormat::Dot {
            assert!(
                all.contains("zelda.quarrington@example.org"),
                "{format} carries contacts"
            );
        }
        assert!(all.contains("Zelda Quarrington"), "{format} carries names");
    }
    for profile in [
        RedactionProfile::Partner,
        RedactionProfile::Public,
        RedactionProfile::Workshop,
    ] {
        for confidential_as in [ConfidentialAs::Omitted, ConfidentialAs::Placeholder] {
            let options = RedactionOptions {
                profile,
                confidential_as,
            };
            for (format, texts, report) in export_all(&map, options) {
                let all = texts.concat();
                let secrets: Vec<&str> = if profile == RedactionProfile::Partner {
                    PARTNER_SECRETS.to_vec()
                } else {
                    PARTNER_SECRETS
                        .iter()
                        .chain(&PUBLIC_SECRETS)
                        .copied()
                        .collect()
                };
                for secret in secrets {
                    assert!(
                        !all.contains(secret),
                        "{secret} in {format} under {profile}"
                    );
                }
                let left_out = report
                    .left_out
                    .expect("exports say what the profile left out");
                assert!(!left_out.is_empty());
                assert!(report.lines()[1].contains(&format!("{profile} profile left out")));
            }
        }
    }
}

#[test]
fn xml_escapes_text_and_drops_what_xml_cannot_hold() {
    let mut map = Map::new("Escapes & <tests>");
    let mut s = Stakeholder::new(
        StakeholderId(1),
        StakeholderKind::Organisation,
        "Coach \"Malik\" & the <Night League>\u{7}",
    );
    s.description = "line one\nline\ttwo\r\nthree".to_owned();
    map.add_stakeholder(s).expect("fresh");
    let shown = redact(&map, RedactionOptions::default());
    for format in [ExportFormat::GraphMl, ExportFormat::Gexf] {
        let (files, report) =
            export_bytes(&shown, format, ExportOptions::default()).expect("exports");
        let text = String::from_utf8(files[0].clone()).expect("UTF-8");
        assert!(!text.contains('\u{7}'));
        assert!(
            report.mentions("characters XML 1.0 cannot hold"),
            "{format}: {report}"
        );
        // quick-xml reads back the name exactly, less the bell.
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut found = false;
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "node" => {
                    let label = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "label")
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                                .into_owned()
                        });
                    if format == ExportFormat::Gexf {
                        assert_eq!(
                            label.as_deref(),
                            Some("Coach \"Malik\" & the <Night League>")
                        );
                        found = true;
                    }
                }
                Event::GeneralRef(_) if format == ExportFormat::GraphMl => found = true,
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(found, "{format}");
    }
}

#[test]
fn parallel_and_self_relationships_and_isolates_are_kept() {
    let mut map = Map::new("Shapes");
    for id in 1..=3 {
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(id),
            StakeholderKind::Organisation,
            format!("S{id}"),
        ))
        .expect("fresh");
    }
    for (id, from, to, kind) in [
        (1, 1, 2, RelationshipKind::Partnership),
        (2, 1, 2, RelationshipKind::Funds),
        (3, 2, 2, RelationshipKind::Informal),
    ] {
        map.add_relationship(Relationship::new(
            RelationshipId(id),
            StakeholderId(from),
            StakeholderId(to),
            kind,
        ))
        .expect("ends exist");
    }
    let shown = redact(&map, RedactionOptions::default());
    let (files, report) =
        export_bytes(&shown, ExportFormat::GraphMl, ExportOptions::default()).expect("exports");
    let counts = xml_counts(&String::from_utf8(files[0].clone()).expect("UTF-8"));
    assert_eq!(counts.get("node"), Some(&3), "the isolated S3 too");
    assert_eq!(counts.get("edge"), Some(&3));
    assert!(report.mentions("parallel relationships kept"));
    assert!(report.mentions("self-relationships kept"));
}

#[test]
fn gexf_carries_strength_over_time_as_daily_spells() {
    let mut map = Map::new("Timeline");
    for id in 1..=2 {
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(id),
            StakeholderKind::Organisation,
            format!("S{id}"),
        ))
        .expect("fresh");
    }
    let mut r = Relationship::new(
        RelationshipId(1),
        StakeholderId(1),
        StakeholderId(2),
        RelationshipKind::Partnership,
    );
    for (date, strength) in [
        ("2025-01-10", 2),
        ("2025-03-01", 3),
        ("2025-03-01", 4),
        ("2025-06-02", 1),
    ] {
        let strength = Strength::new(strength).expect("a strength");
        r.observations.push(Observation::new(
            date.parse().expect("date"),
            strength,
            Tone::Neutral,
        ));
    }
    map.add_relationship(r).expect("ends exist");
    let shown = redact(&map, RedactionOptions::default());
    let (files, _) =
        export_bytes(&shown, ExportFormat::Gexf, ExportOptions::default()).expect("exports");
    let text = String::from_utf8(files[0].clone()).expect("UTF-8");
    assert!(text.contains(r#"timeformat="date""#));
    assert!(
        text.contains(r#"start="2025-01-10""#),
        "the edge starts on its first observation"
    );
    for spell in [
        r#"<attvalue for="weight" value="2" start="2025-01-10" end="2025-02-28"/>"#,
        r#"<attvalue for="weight" value="4" start="2025-03-01" end="2025-06-01"/>"#,
        r#"<attvalue for="weight" value="1" start="2025-06-02"/>"#,
    ] {
        assert!(text.contains(spell), "{spell} in\n{text}");
    }
    assert!(
        !text.contains(r#"value="3" start="2025-03-01""#),
        "a day ends with its last observation"
    );
}

#[test]
fn positions_are_flipped_for_gephi_and_graphviz_and_kept_for_yed_and_kumu() {
    let mut map = Map::new("Where");
    let mut s = Stakeholder::new(StakeholderId(1), StakeholderKind::Partner, "A");
    s.position = Some(Position(300.0, 120.0));
    map.add_stakeholder(s).expect("fresh");
    let shown = redact(&map, RedactionOptions::default());
    let text = |format| {
        let (files, _) = export_bytes(&shown, format, ExportOptions::default()).expect("exports");
        files
            .into_iter()
            .map(|b| String::from_utf8(b).expect("UTF-8"))
            .collect::<Vec<_>>()
            .concat()
    };
    let graphml = text(ExportFormat::GraphMl);
    assert!(graphml.contains(r#"<data key="n_y">-120</data>"#));
    assert!(
        graphml.contains(r#"y="100""#),
        "yEd geometry: top-left corner, y down (120 - radius 20)"
    );
    assert!(text(ExportFormat::Gexf).contains(r#"<viz:position x="300" y="-120" z="0"/>"#));
    assert!(text(ExportFormat::Dot).contains(r#"pos="4.1666665,-1.6666666!""#));
    assert!(text(ExportFormat::KumuJson).contains(r#""y": 120.0"#));
}

#[test]
fn output_paths_follow_the_documented_rule() {
    let paths = |format, out: &str| output_paths(format, Path::new(out));
    assert_eq!(
        paths(ExportFormat::GraphMl, "out/map.graphml"),
        [PathBuf::from("out/map.graphml")]
    );
    assert_eq!(
        paths(ExportFormat::GephiCsv, "out/partners.csv"),
        [
            PathBuf::from("out/partners-nodes.csv"),
            PathBuf::from("out/partners-edges.csv")
        ]
    );
    assert_eq!(
        paths(ExportFormat::KumuCsv, "partners"),
        [
            PathBuf::from("partners-elements.csv"),
            PathBuf::from("partners-connections.csv")
        ]
    );
    for format in ExportFormat::ALL {
        assert_eq!(format.name().parse(), Ok(format));
    }
    assert!("svg".parse::<ExportFormat>().is_err());
}
