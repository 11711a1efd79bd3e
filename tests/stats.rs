//! `stakemap stats` run as a user runs it: the real binary on the built-in map, as text and
//! as JSON, now and as of a past date, and on bad input.

use serde_json::Value;
use stakemap::analysis::{Metric, MetricSettings, network_metrics};
use std::path::Path;
use std::process::{Command, Output};

fn stakemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn builtin_file(dir: &Path) -> String {
    let path = dir.join("map.ron");
    std::fs::write(&path, stakemap::builtin::POLICE_COMMUNITY_RON).expect("write");
    path.display().to_string()
}

fn stats_json(args: &[&str]) -> Value {
    let output = stakemap(args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stats --json writes JSON")
}

fn finding<'a>(json: &'a Value, kind: &str, subject: &str, id: u64) -> Option<&'a Value> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["kind"] == kind && f["subject"][subject] == id)
}

#[test]
fn text_lists_counts_findings_and_every_stakeholder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = stakemap(&["stats", &builtin_file(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("Police and Community Mind Map (today, "),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "63 stakeholders (21 partners, 26 organisations, 9 issues, 7 initiatives), 113 relationships"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("police service: 7 organisations in the sector \"Policing\""),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Broker: Community Development Section (CDS) — 58% of the shortest paths between other stakeholders pass through it"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Single point of failure: Kestrel Park Youth Drop-in — the only route to the police service for Yasmin Farah"
        ),
        "{stdout}"
    );
    // One row per stakeholder after the header of the table.
    let table = stdout
        .split("\nStakeholders")
        .nth(1)
        .expect("a stakeholder table");
    assert_eq!(table.lines().count(), 2 + 63, "{table}");
    assert!(table.contains("Yasmin Farah"));
}

#[test]
fn json_has_the_documented_shape_and_the_library_s_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = stats_json(&["stats", &builtin_file(dir.path()), "--json"]);
    assert_eq!(json["title"], "Police and Community Mind Map");
    assert_eq!(json["as_of"], Value::Null);
    assert_eq!(json["counts"]["stakeholders"], 63);
    assert_eq!(json["counts"]["relationships"], 113);
    assert_eq!(json["police_service"]["sector"], "Policing");
    let metrics: Vec<&str> = json["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .map(|m| m["key"].as_str().expect("a key"))
        .collect();
    assert_eq!(metrics, Metric::ALL.map(Metric::key));

    let map = stakemap::builtin::police_community();
    let expected = network_metrics(&map, &MetricSettings::default());
    let stakeholders = json["stakeholders"].as_array().expect("stakeholders");
    assert_eq!(stakeholders.len(), 63);
    for (row, want) in stakeholders.iter().zip(expected.stakeholders()) {
        assert_eq!(row["id"], want.id.0);
        let name = &map.stakeholder(want.id).expect("on the map").name;
        assert_eq!(row["name"], name.as_str());
        for metric in Metric::ALL {
            let got = row[metric.key()].as_f64().expect("a number per metric");
            assert!(
                (got - want.value(metric)).abs() < 1e-12,
                "{name}: {metric} {got}"
            );
        }
    }
    let graph = &json["graph"];
    assert_eq!(graph["components"], 1);
    assert_eq!(graph["cut_points"], serde_json::json!([2, 5, 21]));
    assert!(
        graph["bridges"]
            .as_array()
            .expect("bridges")
            .contains(&serde_json::json!({"ends": [2, 26], "relationships": [101]}))
    );

    // The CDS is the first broker; the women's shelter's one tie to the police is a single
    // point of failure; findings are most urgent first.
    let broker = finding(&json, "broker", "stakeholder", 2).expect("the CDS is a broker");
    assert_eq!(broker["title"], "Broker");
    assert_eq!(broker["name"], "Community Development Section (CDS)");
    assert!(finding(&json, "single_point_of_failure", "relationship", 101).is_some());
    assert!(finding(&json, "unaddressed_issue", "stakeholder", 38).is_some());
    let urgencies: Vec<f64> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["urgency"].as_f64().expect("urgency"))
        .collect();
    assert!(urgencies.windows(2).all(|w| w[0] >= w[1]), "{urgencies:?}");
}

#[test]
fn json_is_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    let first = stakemap(&["stats", &file, "--json"]);
    let second = stakemap(&["stats", &file, "--json"]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn as_of_a_date_before_most_relationships_finds_isolates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = stats_json(&[
        "stats",
        &builtin_file(dir.path()),
        "--json",
        "--as-of",
        "2024-02-01",
    ]);
    assert_eq!(json["as_of"], "2024-02-01");
    assert_eq!(json["date"], "2024-02-01");
    // Few relationships had been observed by then: most stakeholders had no working tie.
    let relationships = json["counts"]["relationships"].as_u64().expect("count");
    assert!(relationships < 20, "{relationships}");
    assert!(json["graph"]["components"].as_u64().expect("components") > 20);
    let isolated = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "isolated")
        .count();
    assert!(isolated > 10, "{isolated}");
}

#[test]
fn a_bad_date_or_file_exits_2_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    let output = stakemap(&["stats", &file, "--as-of", "2024-13-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("not a date"),
        "{}",
        text(&output.stderr)
    );
    let missing = stakemap(&["stats", "/no/such/map.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/no/such/map.ron"));
    assert!(!text(&missing.stderr).contains("panicked"));
}
