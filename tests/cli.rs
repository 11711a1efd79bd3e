//! The real binary run on good, bad and hostile files: exit codes, messages, never a panic.

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

fn assert_no_panic(output: &Output) {
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.code().is_some(), "killed by a signal");
}

fn builtin_file(dir: &Path) -> String {
    let path = dir.join("map.ron");
    std::fs::write(&path, stakemap::builtin::POLICE_COMMUNITY_RON).expect("write");
    path.display().to_string()
}

#[test]
fn help_lists_every_command() {
    let output = stakemap(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = text(&output.stdout);
    for command in ["validate", "format", "diff", "layout", "stats"] {
        assert!(help.contains(command), "{help}");
    }
}

#[test]
fn validate_summarises_a_valid_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = stakemap(&["validate", &builtin_file(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let map = stakemap::builtin::police_community();
    let partners = map
        .stakeholders()
        .filter(|s| s.kind == stakemap::model::StakeholderKind::Partner)
        .count();
    let expected = format!(
        "valid: {} stakeholders ({partners} partners, ",
        map.stakeholder_count()
    );
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(
        stdout.trim_end().ends_with(&format!(
            "{} relationships, {} observations",
            map.relationship_count(),
            map.observation_count()
        )),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn validate_lists_one_line_per_problem_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        r#"(format: "stakemap", version: 1, title: "T",
            stakeholders: [(id: 1, kind: Partner, name: ""), (id: 2, kind: Issue, name: "X", priority: 9)],
            relationships: [(id: 1, from: 1, to: 3, kind: Informal, directed: false)])"#,
    )
    .expect("write");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for line in stdout.lines() {
        assert!(line.starts_with(&path.display().to_string()), "{line}");
    }
    assert!(
        stdout.contains("stakeholder #1: the name is empty"),
        "{stdout}"
    );
    assert!(stdout.contains("refers to stakeholder #3"), "{stdout}");
    assert!(stdout.contains("priority 9"), "{stdout}");
}

#[test]
fn unreadable_and_unparseable_files_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.ron",
            b"(format: \"stakemap\", version: 1, title: \"T\", stakeholders: [(id: 1,".to_vec(),
            "truncated.ron:1:",
        ),
        (
            "binary.ron",
            vec![0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, 7],
            "not UTF-8",
        ),
        (
            "nested.ron",
            format!(
                "(format: \"stakemap\", version: 1, title: {}",
                "(".repeat(50_000)
            )
            .into_bytes(),
            "nested.ron:1:",
        ),
        (
            "newer.ron",
            b"(format: \"stakemap\", version: 7, title: \"T\")".to_vec(),
            "newer stakemap",
        ),
        ("other.ron", b"(name: \"a\")".to_vec(), "not a stakemap map"),
        ("empty.ron", Vec::new(), "empty.ron:"),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let output = stakemap(&["validate", &path.display().to_string()]);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    }
    let missing = stakemap(&["validate", "/no/such/file.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/no/such/file.ron"));
}

#[test]
fn huge_files_are_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(stakemap::io::MAX_FILE_BYTES * 2)
        .expect("sparse");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("more than"));
}

#[test]
fn format_check_accepts_the_builtin_map_and_format_is_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = builtin_file(dir.path());
    let check = stakemap(&["format", "--check", &path]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let before = std::fs::read(&path).expect("read");
    assert_eq!(stakemap(&["format", &path]).status.code(), Some(0));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn format_rewrites_a_hand_written_map_and_check_notices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hand.ron");
    let hand = r#"(format:"stakemap",version:1,title:"Hand",stakeholders:[(id:2,kind:Issue,name:"B"),(id:1,kind:Partner,name:"A",influence:Some(3))])"#;
    std::fs::write(&path, hand).expect("write");
    let path = path.display().to_string();
    let check = stakemap(&["format", "--check", &path]);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).contains("not in canonical form"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        hand,
        "--check changes nothing"
    );

    assert_eq!(stakemap(&["format", &path]).status.code(), Some(0));
    let once = std::fs::read(&path).expect("read");
    assert_eq!(stakemap(&["format", &path]).status.code(), Some(0));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        once,
        "formatting twice: same bytes"
    );
    assert_eq!(
        stakemap(&["format", "--check", &path]).status.code(),
        Some(0)
    );
    let formatted = String::from_utf8(once).expect("text");
    assert!(formatted.find("id: 1").expect("1") < formatted.find("id: 2").expect("2"));
}

#[test]
fn format_of_a_broken_file_leaves_it_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    let broken = "(format: \"stakemap\", version: 1, title: \"T\", stakeholders: [";
    std::fs::write(&path, broken).expect("write");
    let output = stakemap(&["format", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .args(["validate", &builtin_file(dir.path())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away before anything is written
    let output = child.wait_with_output().expect("wait");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn diff_between_two_dates_of_the_builtin_map_counts_the_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = builtin_file(dir.path());
    let output = stakemap(&[
        "diff",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    // Worked out from the file by hand (a relationship exists on a date once it has an
    // observation by then; its strength and tone are those of its latest one).
    let counts = &report["counts"];
    assert_eq!(counts["stakeholders_added"], 0);
    assert_eq!(counts["stakeholders_removed"], 0);
    assert_eq!(counts["relationships_added"], 21);
    assert_eq!(counts["relationships_removed"], 0);
    assert_eq!(counts["strengthened"], 19);
    assert_eq!(counts["weakened"], 1);
    assert_eq!(counts["tone_changed"], 7);

    let markdown = stakemap(&["diff", &path, "--from", "2025-01-01", "--to", "2026-01-01"]);
    assert_eq!(markdown.status.code(), Some(0));
    assert!(text(&markdown.stdout).starts_with("# Changes from 2025-01-01 to 2026-01-01"));

    let csv = stakemap(&[
        "diff",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2026-01-01",
        "--format",
        "csv",
    ]);
    let csv = text(&csv.stdout);
    assert_eq!(
        csv.lines().count(),
        1 + 21 + 19 + 1 + 7,
        "a header and a row a change"
    );
}

#[test]
fn diff_refuses_a_moment_that_is_neither_a_date_nor_a_baseline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = stakemap(&[
        "diff",
        &builtin_file(dir.path()),
        "--from",
        "2025-02-30",
        "--to",
        "2026-01-01",
    ]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("a date (YYYY-MM-DD) or a baseline"),
        "{stderr}"
    );
}

#[test]
fn diff_from_a_baseline_saved_in_the_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut map = stakemap::builtin::police_community();
    let today = stakemap::model::Date::today();
    let date = "2025-01-01".parse().expect("date");
    map.baselines.push(stakemap::analysis::capture(
        &map,
        "Start of 2025",
        date,
        today,
    ));
    stakemap::io::save(&map, &path).expect("saved");
    let path = path.display().to_string();
    let by_name = stakemap(&[
        "diff",
        &path,
        "--from",
        "Start of 2025",
        "--to",
        "2026-01-01",
        "--format",
        "json",
    ]);
    let by_date = stakemap(&[
        "diff",
        &path,
        "--from",
        "2025-01-01",
        "--to",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name.stderr));
    let by_name: serde_json::Value = serde_json::from_slice(&by_name.stdout).expect("JSON");
    let by_date: serde_json::Value = serde_json::from_slice(&by_date.stdout).expect("JSON");
    assert_eq!(
        by_name["counts"], by_date["counts"],
        "a baseline of a date compares like the date"
    );
    assert_eq!(by_name["from"], "Start of 2025 (2025-01-01)");
}

#[test]
fn layout_places_a_map_without_positions_and_keeps_pinned_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bare.ron");
    std::fs::write(
        &path,
        r#"(format: "stakemap", version: 1, title: "Bare",
            stakeholders: [(id: 1, kind: Partner, name: "A", pinned: true, position: (5.0, 7.0)),
                           (id: 2, kind: Issue, name: "B"), (id: 3, kind: Initiative, name: "C")],
            relationships: [(id: 1, from: 1, to: 2, kind: WorksOn, directed: true),
                            (id: 2, from: 2, to: 3, kind: Informal, directed: false)])"#,
    )
    .expect("write");
    let out = dir.path().join("out.ron");
    let output = stakemap(&[
        "layout",
        &path.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let map = stakemap::io::load(&out).expect("loads");
    let position = |id| {
        map.stakeholder(stakemap::model::StakeholderId(id))
            .and_then(|s| s.position)
    };
    assert_eq!(
        position(1),
        Some(stakemap::model::Position(5.0, 7.0)),
        "pinned stays"
    );
    assert!(
        position(2).is_some_and(|p| p.is_finite()) && position(3).is_some_and(|p| p.is_finite())
    );

    let grid = stakemap(&["layout", &out.display().to_string(), "--layout", "grid"]);
    assert_eq!(grid.status.code(), Some(0));
    let radial = stakemap(&["layout", &out.display().to_string(), "--layout", "radial"]);
    assert_eq!(radial.status.code(), Some(2), "radial needs a centre");
    assert!(text(&radial.stderr).contains("--centre"));
    let radial = stakemap(&[
        "layout",
        &out.display().to_string(),
        "--layout",
        "radial",
        "--centre",
        "2",
    ]);
    assert_eq!(radial.status.code(), Some(0));
    let map = stakemap::io::load(&out).expect("loads");
    assert_eq!(
        map.stakeholder(stakemap::model::StakeholderId(2))
            .and_then(|s| s.position),
        Some(stakemap::model::Position(0.0, 0.0))
    );
}
