//! `stakemap stats` run as a user runs it: the real binary on the built-in map, as text and
//! as JSON, now and as of a past date, and on bad input.

use crate::common::{builtin_file, stakemap, text};
use serde_json::Value;
use stakemap::analysis::{Metric, MetricSettings, network_metrics};

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

#[test]
fn a_bad_date_is_refused_before_the_file_is_read() {
    let output = stakemap(&["stats", "/no/such/map.ron", "--as-of", "2025-02-30"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("error: --as-of: `2025-02-30` is not a date"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn the_profile_decides_what_the_metrics_and_findings_see() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());

    // Partner by default: everyone stays (the metrics are the whole map's), owners too, so
    // the partnerships that hang on one officer are found; notes are left out, and stderr
    // says so.
    let partner = stakemap(&["stats", &file, "--json"]);
    assert_eq!(partner.status.code(), Some(0));
    assert!(
        text(&partner.stderr).starts_with("partner profile left out"),
        "{}",
        text(&partner.stderr)
    );
    let partner: Value = serde_json::from_slice(&partner.stdout).expect("JSON");
    assert_eq!(partner["counts"]["stakeholders"], 63);
    assert!(
        partner["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["kind"] == "single_owner")
    );
    assert!(finding(&partner, "single_point_of_failure", "relationship", 101).is_some());

    // Public: the two confidential stakeholders, the women's shelter (26) among them, are
    // gone from every count, list and reason, and so is the shelter's relationship to the
    // CDS; owners are gone, and with them the one-officer findings that would name them.
    let public = stakemap(&["stats", &file, "--json", "--profile", "public"]);
    assert_eq!(public.status.code(), Some(0));
    let stdout = text(&public.stdout);
    assert!(!stdout.contains("(confidential)"), "{stdout}");
    let public: Value = serde_json::from_slice(&public.stdout).expect("JSON");
    assert_eq!(public["counts"]["stakeholders"], 61);
    assert!(
        public["stakeholders"]
            .as_array()
            .expect("stakeholders")
            .iter()
            .all(|s| s["id"] != 26)
    );
    let findings = public["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| f["kind"] != "single_owner"));
    assert!(finding(&public, "single_point_of_failure", "relationship", 101).is_none());

    // Placeholders keep the shelter's place in the network without its name.
    let placeholders = stats_json(&[
        "stats",
        &file,
        "--json",
        "--profile",
        "public",
        "--placeholders",
    ]);
    assert_eq!(placeholders["counts"]["stakeholders"], 63);
    let shelter = placeholders["stakeholders"]
        .as_array()
        .expect("stakeholders")
        .iter()
        .find(|s| s["id"] == 26)
        .expect("a placeholder");
    assert_eq!(shelter["name"], "Organisation 26");
    assert_eq!(
        shelter["degree"],
        partner["stakeholders"]
            .as_array()
            .expect("stakeholders")
            .iter()
            .find(|s| s["id"] == 26)
            .expect("there")["degree"]
    );

    let unknown = stakemap(&["stats", &file, "--profile", "secret"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Whether `output` holds nothing that could drive a terminal (a newline ends a line).
fn terminal_safe(output: &str) -> bool {
    output
        .chars()
        .all(|c| c == '\n' || !stakemap::model::text::must_escape(c))
}

#[test]
fn names_are_escaped_for_people_and_kept_for_programs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut map = stakemap::builtin::police_community();
    // The CDS: a broker, a cut point, in the findings and the table.
    let name = "Evil\u{1b}[2J\u{202e}name\nforged";
    map.stakeholder_mut(stakemap::model::StakeholderId(2))
        .expect("the CDS")
        .name = name.to_owned();
    stakemap::io::save(&map, &path).expect("saved");
    let file = path.display().to_string();

    let output = stakemap(&["stats", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(terminal_safe(&stdout), "{stdout:?}");
    assert!(terminal_safe(&text(&output.stderr)));
    assert!(
        stdout.contains("Broker: Evil\\u{1b}[2J\\u{202e}name\\nforged — "),
        "{stdout}"
    );
    assert!(!stdout.lines().any(|l| l.starts_with("forged")), "{stdout}");
    let table = stdout
        .split("\nStakeholders")
        .nth(1)
        .expect("a stakeholder table");
    assert_eq!(table.lines().count(), 2 + 63, "one line a stakeholder");

    let json = stats_json(&["stats", &file, "--json"]);
    assert_eq!(json["stakeholders"][1]["id"], 2);
    assert_eq!(json["stakeholders"][1]["name"], name, "JSON keeps the name");
}
