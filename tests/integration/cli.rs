//! The real binary run on good, bad and hostile files: exit codes, messages, never a panic.

use crate::common::{builtin_file, stakemap, text};
use std::path::Path;
use std::process::{Command, Output};

fn assert_no_panic(output: &Output) {
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.code().is_some(), "killed by a signal");
}

#[test]
fn help_lists_every_command() {
    let output = stakemap(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = text(&output.stdout);
    for command in [
        "validate", "format", "diff", "layout", "export", "import", "stats",
    ] {
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
fn validate_counts_one_of_a_kind_as_one() {
    use stakemap::model::{Map, Stakeholder, StakeholderId, StakeholderKind};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut map = Map::new("Small");
    map.add_stakeholder(Stakeholder::new(
        StakeholderId(1),
        StakeholderKind::Partner,
        "Ana",
    ))
    .expect("fresh");
    let path = dir.path().join("small.ron");
    stakemap::io::save(&map, &path).expect("saved");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_eq!(
        text(&output.stdout).trim_end(),
        "valid: 1 stakeholder (1 partner, 0 organisations, 0 issues, 0 initiatives), 0 relationships, 0 observations"
    );
}

#[test]
fn validate_lists_one_line_per_problem_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        r#"(format: "stakemap", version: 1, title: "T",
            stakeholders: [(id: 1, kind: Partner, name: ""), (id: 2, kind: Issue, name: "X", position: (inf, 0.0))],
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
    assert!(
        stdout.contains("stakeholder #2 \"X\": position (inf, 0) is not a finite number"),
        "{stdout}"
    );
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
        (
            "score.ron",
            b"(format: \"stakemap\", version: 1, title: \"T\",\n  stakeholders: [(id: 2, kind: Issue, name: \"X\", priority: 9)])".to_vec(),
            "score.ron:2:60: priority 9 is out of range (1 to 5)",
        ),
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
    // Refused on its size, before a byte is read: the message gives the file's own size,
    // which only the file system knows (reading stops one byte past the limit).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    let size = stakemap::io::MAX_FILE_BYTES * 4 + 1;
    file.set_len(size).expect("sparse");
    for command in ["validate", "format"] {
        let output = stakemap(&[command, &path.display().to_string()]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!("the file is {size} bytes, more than")),
            "{stderr}"
        );
    }
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

/// Runs the binary with standard output into a pipe whose reader is already gone: every
/// write fails with "broken pipe", whatever the timing.
fn stakemap_into_a_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .args(args)
        .stdout(writer)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = stakemap_into_a_closed_pipe(&["validate", &builtin_file(dir.path())]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "", "and says nothing");
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
        "Before the flood",
        "--to",
        "2026-01-01",
    ]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("--from: ") && stderr.contains("has no baseline \"Before the flood\""),
        "{stderr}"
    );
    assert!(stderr.contains("it has no baselines"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn diff_says_a_mistyped_date_is_not_a_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    for (flag, wrong) in [
        ("--from", "2025-02-30"),
        ("--to", "2025-13-01"),
        ("--from", "2025-6-1"),
        ("--to", "31/12/2025"),
    ] {
        let (from, to) = if flag == "--from" {
            (wrong, "2026-01-01")
        } else {
            ("2025-01-01", wrong)
        };
        let output = stakemap(&["diff", &file, "--from", from, "--to", to]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            text(&output.stderr).trim_end(),
            format!("error: {flag}: {wrong} is not a date (YYYY-MM-DD)")
        );
    }
    // Even before the file is read: the mistake is on the command line.
    let output = stakemap(&[
        "diff",
        "/no/such/map.ron",
        "--from",
        "2025-02-30",
        "--to",
        "2026-01-01",
    ]);
    assert!(text(&output.stderr).contains("2025-02-30 is not a date"));
}

#[test]
fn a_baseline_named_like_a_date_is_chosen_with_baseline_prefix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut map = stakemap::builtin::police_community();
    let today = stakemap::model::Date::today();
    // Captured on 2025-01-01 but named like another date: the name must never be taken
    // for the date, nor the date for the name.
    // A new baseline cannot be named so; a file written before that rule, or by hand, can.
    let baseline =
        stakemap::analysis::capture(&map, "Renamed", "2025-01-01".parse().expect("date"), today);
    map.add_baseline(baseline).expect("a fine name");
    let file = stakemap::io::to_ron(&map).replace("\"Renamed\"", "\"2025-06-30\"");
    std::fs::write(&path, file).expect("written");
    let path = path.display().to_string();
    let counts = |from: &str| {
        let output = stakemap(&[
            "diff",
            &path,
            "--from",
            from,
            "--to",
            "2026-01-01",
            "--format",
            "json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (report["from"].clone(), report["counts"].clone())
    };
    let (label, by_name) = counts("baseline:2025-06-30");
    assert_eq!(label, "2025-06-30 (2025-01-01)");
    assert_eq!(
        by_name,
        counts("2025-01-01").1,
        "the baseline is of 2025-01-01"
    );
    let (label, by_date) = counts("2025-06-30");
    assert_eq!(label, "2025-06-30", "the bare text is the date");
    assert_ne!(by_date, by_name);

    let validate = stakemap(&["validate", &path]);
    assert_eq!(validate.status.code(), Some(0));
    assert!(
        text(&validate.stdout).contains("baseline:2025-06-30"),
        "the warning says how to choose it: {}",
        text(&validate.stdout)
    );
}

#[test]
fn diff_from_a_baseline_saved_in_the_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut map = stakemap::builtin::police_community();
    let today = stakemap::model::Date::today();
    let date = "2025-01-01".parse().expect("date");
    let baseline = stakemap::analysis::capture(&map, "Start of 2025", date, today);
    map.add_baseline(baseline).expect("a fine name");
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

#[test]
fn a_mistyped_command_is_named_and_the_near_one_suggested() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    for (typo, meant) in [
        ("validat", "validate"),
        ("fromat", "format"),
        ("dif", "diff"),
    ] {
        let output = stakemap(&[typo, &file]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!("unrecognized subcommand '{typo}'")),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("'{meant}'")), "{stderr}");
        assert!(!stderr.contains("cannot be used with"), "{stderr}");
    }
    // Alone, a mistyped command that is no file is the same mistake.
    let output = stakemap(&["validat"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("'validate'"));
    // `stakemap` and `stakemap FILE` open the window: they parse, with no command.
    for args in [vec!["stakemap"], vec!["stakemap", "map.ron"]] {
        let cli = stakemap::cli::Cli::read(&args).expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.file.as_deref(), args.get(1).map(Path::new));
    }
    // A file that happens to be named like a typo is a file.
    let named_like_a_typo = dir.path().join("validat");
    std::fs::write(&named_like_a_typo, "x").expect("write");
    let path = named_like_a_typo.display().to_string();
    let cli = stakemap::cli::Cli::read(["stakemap", path.as_str()]).expect("a file");
    assert_eq!(cli.file, Some(named_like_a_typo));
}

#[test]
fn an_empty_map_file_says_it_is_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in [
        ("zero.ron", ""),
        ("blank.ron", "  \n\t\n"),
        ("bom.ron", "\u{feff}"),
        ("comments.ron", "// nothing yet\n/* still nothing */\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let output = stakemap(&["validate", &path.display().to_string()]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains("the file is empty"), "{name}: {stderr}");
        assert!(
            !stderr.contains("Expected"),
            "{name}: no parser jargon: {stderr}"
        );
    }
}

/// Runs the binary with standard output going to `/dev/full`: every write fails.
#[cfg(target_os = "linux")]
fn stakemap_into_a_full_disk(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    Command::new(env!("CARGO_BIN_EXE_stakemap"))
        .args(args)
        .stdout(full)
        .output()
        .expect("the binary runs")
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error_for_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    let hand = dir.path().join("hand.ron");
    std::fs::write(&hand, r#"(format:"stakemap",version:1,title:"H")"#).expect("write");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        r#"(format: "stakemap", version: 1, title: "T", stakeholders: [(id: 1, kind: Partner, name: "")])"#,
    )
    .expect("write");
    let (hand, bad) = (hand.display().to_string(), bad.display().to_string());
    let out = dir.path().join("out.ron").display().to_string();
    let span = ["--from", "2025-01-01", "--to", "2026-01-01"];
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", &file],
        vec!["validate", &bad],
        vec!["format", "--check", &hand],
        vec!["format", &hand],
        [&["diff", file.as_str()][..], &span].concat(),
        [&["diff", file.as_str()][..], &span, &["--format", "csv"]].concat(),
        [&["diff", file.as_str()][..], &span, &["--format", "json"]].concat(),
        vec!["layout", &file, "--layout", "grid", "-o", &out],
        vec!["export", &file, "--format", "graphml", "-o", "-"],
        vec!["export", &file, "--format", "json", "-o", "-"],
        vec!["stats", &file],
        vec!["stats", &file, "--json"],
    ];
    for args in cases {
        let output = stakemap_into_a_full_disk(&args);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("cannot write the output") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            stderr.lines().filter(|l| l.contains("error")).count(),
            1,
            "{args:?}: one message: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_is_not_an_error_for_a_long_report_nor_for_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = builtin_file(dir.path());
    for args in [
        vec!["diff", &file, "--from", "2024-01-01", "--to", "2026-06-01"],
        vec!["stats", &file],
        vec!["--help"],
        vec!["format", "--help"],
        vec!["--version"],
    ] {
        let output = stakemap_into_a_closed_pipe(&args);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&output.stderr)
        );
        // Nothing but what the redaction profile left out (said by `diff` and `stats`,
        // whatever the pipe does).
        let stderr = text(&output.stderr);
        assert!(
            stderr
                .lines()
                .all(|l| l.starts_with("partner profile left out")),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn help_that_cannot_be_written_is_an_error_too() {
    for args in [vec!["--help"], vec!["diff", "--help"], vec!["--version"]] {
        let output = stakemap_into_a_full_disk(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output.stderr).contains("No space left"), "{args:?}");
    }
}

#[test]
fn file_names_never_reach_the_terminal_raw_either() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("evil\u{1b}]0;owned\u{7}\u{202e}.ron");
    std::fs::write(
        &path,
        r#"(format: "stakemap", version: 1, title: "T", stakeholders: [(id: 1, kind: Partner, name: "")])"#,
    )
    .expect("write");
    let file = path.display().to_string();
    let broken = dir.path().join("broken\u{1b}[2J.ron");
    std::fs::write(&broken, "(format: \"stakemap\", version: 1,").expect("write");
    let broken = broken.display().to_string();
    let written = dir.path().join("x.ron").display().to_string();
    for args in [
        vec!["validate", file.as_str()],
        vec!["format", file.as_str()],
        vec!["validate", broken.as_str()],
        vec!["layout", broken.as_str()],
        vec!["validate", "/no/such/\u{1b}[2J.ron"],
        vec!["export", broken.as_str(), "--format", "dot", "-o", "-"],
        vec!["stats", broken.as_str()],
        vec!["import", "/no/such/\u{1b}[2J.csv", "-o", written.as_str()],
        vec!["import", file.as_str(), "-o", written.as_str()],
    ] {
        let output = stakemap(&args);
        assert_no_panic(&output);
        assert_ne!(output.status.code(), Some(0));
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert_terminal_safe("stdout", &stdout);
        assert_terminal_safe("stderr", &stderr);
        assert!(
            (stdout.clone() + &stderr).contains("\\u{1b}"),
            "{args:?}: the file is named, escaped: {stdout}{stderr}"
        );
    }
}

/// A map whose names would drive a terminal: an escape sequence that retitles the window
/// and clears the screen, a right-to-left override, a newline that forges a problem line,
/// an isolate, and a C1 control sequence introducer; each with a problem (a position that is
/// no number) so that validation names it.
const HOSTILE: &str = r#"(format: "stakemap", version: 1, title: "T",
    stakeholders: [
        (id: 1, kind: Partner, name: "Evil\u{1b}]0;owned\u{7}\u{1b}[2J", position: (NaN, 0.0)),
        (id: 2, kind: Partner, name: "Right\u{202e}gnol", position: (NaN, 0.0)),
        (id: 3, kind: Partner, name: "Line\nhostile.ron: stakeholder #9: forged", position: (NaN, 0.0)),
        (id: 4, kind: Partner, name: "Isolate\u{2067}x", position: (NaN, 0.0)),
        (id: 5, kind: Partner, name: "C1\u{9b}31m", position: (NaN, 0.0)),
    ],
    baselines: [(name: "B\u{1b}[1m", date: "2025-01-01", relationships: [(id: 1, strength: 9, tone: Neutral)])])"#;

fn assert_terminal_safe(what: &str, output: &str) {
    for c in output.chars() {
        assert!(
            c == '\n' || !stakemap::model::text::must_escape(c),
            "{what}: raw {c:?} in {output:?}"
        );
    }
}

#[test]
fn names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.ron");
    std::fs::write(&path, HOSTILE).expect("write");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert_terminal_safe("validate", &stdout);
    assert_terminal_safe("validate", &text(&output.stderr));
    assert_eq!(stdout.lines().count(), 6, "one problem a line: {stdout}");
    assert!(
        stdout.contains("Evil\\u{1b}]0;owned\\u{7}\\u{1b}[2J"),
        "{stdout}"
    );
    assert!(stdout.contains("Right\\u{202e}gnol"), "{stdout}");
    assert!(
        stdout.contains("Line\\nhostile.ron: stakeholder #9"),
        "{stdout}"
    );
    assert!(stdout.contains("baseline \"B\\u{1b}[1m\""), "{stdout}");
}

#[test]
fn names_in_reports_are_escaped_for_people_and_kept_for_programs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let mut map = stakemap::builtin::police_community();
    let id = map.stakeholders_by_id()[0].id();
    let name = "Evil\u{1b}[2J\u{202e}name\nforged";
    map.stakeholder_mut(id).expect("there").name = name.to_owned();
    let baseline = stakemap::analysis::capture(
        &map,
        "Start\u{1b}[31m",
        "2025-01-01".parse().expect("date"),
        stakemap::model::Date::today(),
    );
    map.add_baseline(baseline)
        .expect("a name that shows something");
    stakemap::io::save(&map, &path).expect("saved");
    let file = path.display().to_string();
    let diff = |format: &str, from: &str| {
        stakemap(&[
            "diff",
            &file,
            "--from",
            from,
            "--to",
            "2026-06-01",
            "--format",
            format,
        ])
    };
    for from in ["2024-01-01", "Start\u{1b}[31m"] {
        let markdown = diff("md", from);
        assert_eq!(
            markdown.status.code(),
            Some(0),
            "{}",
            text(&markdown.stderr)
        );
        assert_terminal_safe("markdown", &text(&markdown.stdout));
    }

    let json = diff("json", "2024-01-01");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let added = report["changes"]["relationships_added"]
        .as_array()
        .expect("a list");
    assert!(
        added
            .iter()
            .any(|r| r["name"].as_str().is_some_and(|n| n.contains(name))),
        "JSON keeps the name exactly: {report}"
    );
    let csv = text(&diff("csv", "2024-01-01").stdout);
    assert!(csv.contains(name), "CSV keeps the name exactly: {csv}");

    let missing = diff("md", "No such\u{1b}[2J");
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert_terminal_safe("an error", &stderr);
    assert!(stderr.contains("Start\\u{1b}[31m"), "{stderr}");
}

#[test]
fn a_future_observation_is_a_warning_and_validate_still_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("planned.ron");
    std::fs::write(
        &path,
        r#"(format: "stakemap", version: 1, title: "T",
            stakeholders: [(id: 1, kind: Partner, name: "A"), (id: 2, kind: Issue, name: "B")],
            relationships: [(id: 1, from: 1, to: 2, kind: WorksOn, directed: true, observations: [
                (date: "2025-01-15", strength: 2, tone: Neutral, via: Meeting),
                (date: "2999-06-02", strength: 5, tone: Positive, via: Meeting),
                (date: "0205-06-02", strength: 1, tone: Positive, via: Call),
            ])])"#,
    )
    .expect("write");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("warning: relationship #1, observation of 2999-06-02: dated after today"),
        "{stdout}"
    );
    assert!(
        stdout.contains("observation of 0205-06-02: dated before 1900"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("valid:")),
        "{stdout}"
    );
}

/// Every file an export wrote, as text.
fn read_all(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

#[test]
fn export_writes_every_format_under_the_partner_profile_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    for (format, files) in [
        ("graphml", vec!["out.graphml"]),
        ("gexf", vec!["out.gexf"]),
        ("dot", vec!["out.dot"]),
        ("csv", vec!["out-nodes.csv", "out-edges.csv"]),
        ("kumu-csv", vec!["out-elements.csv", "out-connections.csv"]),
        ("json", vec!["out.json"]),
    ] {
        let target = dir
            .path()
            .join(files[0].replace("-nodes", "").replace("-elements", ""));
        let output = stakemap(&[
            "export",
            &map,
            "--format",
            format,
            "-o",
            &target.display().to_string(),
        ]);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            text(&output.stderr)
        );
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("partner profile left out"),
            "{format}: {stderr}"
        );
        let paths: Vec<_> = files.iter().map(|f| dir.path().join(f)).collect();
        for path in &paths {
            assert!(
                stderr.contains(&format!("wrote {}", path.display())),
                "{format}: {stderr}"
            );
        }
        let all = read_all(&paths);
        for contact in [
            "grants@ccf.example.org",
            "613-555-0210",
            "ward9@city.example.org",
            "(held by Cst. Amara Nwosu)",
        ] {
            assert!(
                !all.contains(contact),
                "{contact} in the {format} export under partner"
            );
        }
    }
}

#[test]
fn export_under_public_leaves_out_confidential_stakeholders_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    let mut outputs = Vec::new();
    for format in ["graphml", "gexf", "dot", "csv", "kumu-csv", "json"] {
        for placeholders in [false, true] {
            let target = dir.path().join(format!("{format}-{placeholders}"));
            let mut args = vec![
                "export",
                &map,
                "--format",
                format,
                "--profile",
                "public",
                "-o",
            ];
            let target = target.display().to_string();
            args.push(&target);
            if placeholders {
                args.push("--placeholders");
            }
            let output = stakemap(&args);
            assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
            let stderr = text(&output.stderr);
            assert!(stderr.contains("public profile left out"), "{stderr}");
            let written: Vec<std::path::PathBuf> = stderr
                .lines()
                .filter_map(|l| l.strip_prefix("wrote "))
                .map(std::path::PathBuf::from)
                .collect();
            assert!(!written.is_empty());
            outputs.push((format, read_all(&written)));
        }
    }
    for (format, all) in outputs {
        for secret in [
            "Women's shelter (confidential)",
            "Community contact (confidential)",
            "Shelter whose location is not disclosed",
            "identity kept private",
            "grants@ccf.example.org",
            "(held by Cst. Amara Nwosu)",
            "Annual review: partnership portfolio",
            "Parish priest at St. Brendan",
        ] {
            assert!(
                !all.contains(secret),
                "{secret} in the {format} export under public"
            );
        }
    }
}

#[test]
fn export_to_standard_output_and_as_of_a_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    let output = stakemap(&["export", &map, "--format", "dot", "-o", "-"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("digraph "));
    assert!(text(&output.stderr).contains("DOT (Graphviz) export"));
    let now = stakemap(&["export", &map, "--format", "json", "-o", "-"]);
    let then = stakemap(&[
        "export",
        &map,
        "--format",
        "json",
        "-o",
        "-",
        "--as-of",
        "2025-01-01",
    ]);
    let count = |o: &Output| {
        let value: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        value["connections"].as_array().map_or(0, Vec::len)
    };
    assert!(
        count(&then) < count(&now),
        "fewer relationships had been observed then"
    );
    let two_files = stakemap(&["export", &map, "--format", "csv", "-o", "-"]);
    assert_eq!(two_files.status.code(), Some(2));
    let bad = stakemap(&[
        "export",
        &map,
        "--format",
        "json",
        "-o",
        "-",
        "--profile",
        "secret",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("internal, partner, public, workshop"),
        "{}",
        text(&bad.stderr)
    );
    let bad_date = stakemap(&[
        "export",
        &map,
        "--format",
        "json",
        "-o",
        "-",
        "--as-of",
        "2025-02-30",
    ]);
    assert_eq!(bad_date.status.code(), Some(2));
}

fn case(name: &str, file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exchange")
        .join(name)
        .join(file)
        .display()
        .to_string()
}

#[test]
fn import_makes_a_map_and_says_what_it_did() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("quebec.ron");
    let output = stakemap(&[
        "import",
        &case("f03_gephi_csv_bom_semicolon", "nodes.csv"),
        &case("f03_gephi_csv_bom_semicolon", "edges.csv"),
        "-o",
        &out.display().to_string(),
    ]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("(Gephi CSV): 3 stakeholders, 3 relationships"),
        "{stderr}"
    );
    assert!(stderr.contains("separator `;`"), "{stderr}");
    assert!(
        stderr.contains(&format!("wrote {}", out.display())),
        "{stderr}"
    );
    let map = stakemap::io::load(&out).expect("a valid map file");
    assert_eq!((map.stakeholder_count(), map.relationship_count()), (3, 3));
    assert_eq!(map.title, "quebec");
}

#[test]
fn import_with_skipped_rows_exits_1_and_bad_files_exit_2_naming_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("kumu.ron");
    let output = stakemap(&[
        "import",
        &case("f06_kumu_json", "kumu_blueprint.json"),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("kumu_blueprint.json:12:"),
        "{}",
        text(&output.stderr)
    );
    assert!(out.exists(), "written all the same");

    let bad = dir.path().join("broken.graphml");
    std::fs::write(
        &bad,
        "<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>\n",
    )
    .expect("write");
    let out = dir.path().join("nothing.ron");
    let output = stakemap(&[
        "import",
        &bad.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:4:", bad.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.exists(), "nothing written");

    let bomb = dir.path().join("bomb.gexf");
    std::fs::write(&bomb, "<?xml version=\"1.0\"?><!DOCTYPE g [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><gexf><graph/></gexf>").expect("write");
    let output = stakemap(&[
        "import",
        &bomb.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("declares entities"));
}

#[test]
fn import_into_a_map_merges_as_one_change_and_a_re_import_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    let sheet = dir.path().join("sheet.csv");
    let output = stakemap(&[
        "export",
        &map,
        "--format",
        "kumu-csv",
        "--profile",
        "internal",
        "-o",
        &sheet.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = dir.path().join("merged.ron");
    let output = stakemap(&[
        "import",
        &dir.path().join("sheet-elements.csv").display().to_string(),
        &dir.path()
            .join("sheet-connections.csv")
            .display()
            .to_string(),
        "--into",
        &map,
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("stakeholders matched by id"),
        "{}",
        text(&output.stderr)
    );
    let before = stakemap::io::load(Path::new(&map)).expect("loads");
    let after = stakemap::io::load(&out).expect("loads");
    assert_eq!(after, before, "the same map: a re-import changes nothing");
}

#[test]
fn diff_applies_a_profile_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = builtin_file(dir.path());
    let partner = stakemap(&["diff", &path, "--from", "2025-01-01", "--to", "2026-01-01"]);
    assert_eq!(partner.status.code(), Some(0));
    assert!(
        text(&partner.stderr).contains("partner profile left out"),
        "partner is the default"
    );
    for format in ["md", "csv", "json"] {
        let output = stakemap(&[
            "diff",
            &path,
            "--from",
            "2024-01-01",
            "--to",
            "2026-01-01",
            "--format",
            format,
            "--profile",
            "public",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let report = text(&output.stdout);
        for secret in [
            "Women's shelter",
            "Women\\'s shelter",
            "Community contact (confidential)",
        ] {
            assert!(
                !report.contains(secret),
                "{secret} in the {format} change report under public"
            );
        }
        assert!(
            text(&output.stderr).contains("public profile left out 2 confidential stakeholder(s)")
        );
    }
    let internal = stakemap(&[
        "diff",
        &path,
        "--from",
        "2024-01-01",
        "--to",
        "2026-01-01",
        "--profile",
        "internal",
    ]);
    assert!(
        text(&internal.stdout).contains("Community contact (confidential)"),
        "the test can fail"
    );
}

#[test]
fn import_reports_never_put_a_file_s_text_on_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("elements.csv");
    // An unknown column and a bad score whose text would clear the screen, and a name that
    // would reverse the line.
    std::fs::write(
        &csv,
        "Label,Type,Influence,Evil\u{1b}[2J\nRight\u{202e}gnol,Person,x\u{1b}[31m,1\n",
    )
    .expect("write");
    let out = dir.path().join("out.ron");
    let output = stakemap(&[
        "import",
        &csv.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_no_panic(&output);
    let stderr = text(&output.stderr);
    assert_terminal_safe("import", &stderr);
    assert!(stderr.contains("Evil\\u{1b}[2J"), "{stderr}");
    assert!(stderr.contains("x\\u{1b}[31m"), "{stderr}");
    let map = stakemap::io::load(&out).expect("written");
    assert!(
        map.stakeholders().any(|s| s.name == "Right\u{202e}gnol"),
        "the map keeps the name exactly"
    );
}

#[test]
fn export_draws_pictures_as_svg_and_png_under_a_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    let svg = dir.path().join("map.svg").display().to_string();
    let png = dir.path().join("map.png").display().to_string();
    let output = stakemap(&[
        "export",
        &map,
        "--format",
        "svg",
        "--profile",
        "public",
        "--view",
        "engagement",
        "-o",
        &svg,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("stakeholders named"), "{stderr}");
    assert!(stderr.contains("public profile left out"), "{stderr}");
    let picture = std::fs::read_to_string(&svg).expect("written");
    assert!(picture.starts_with("<?xml"), "{picture}");
    assert!(picture.contains("City Police Service"));
    assert!(picture.contains("Leading"), "the engagement view's columns");
    for secret in ["shelter (confidential)", "Community contact (confidential)"] {
        assert!(!picture.contains(secret), "{secret} in a public picture");
    }
    let output = stakemap(&[
        "export",
        &map,
        "--format",
        "png",
        "--profile",
        "internal",
        "--theme",
        "dark",
        "--width",
        "600",
        "--height",
        "400",
        "--scale",
        "1",
        "-o",
        &png,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let bytes = std::fs::read(&png).expect("written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("decodes");
    // The map's area, the legend beside it (the picture grows to hold all of it) and the
    // caption above.
    assert_eq!(pixmap.width(), 600 + 230);
    assert!(pixmap.height() >= 400 + 58, "{}", pixmap.height());
    // Bad sizes are refused with a reason, and nothing is written.
    let output = stakemap(&[
        "export", &map, "--format", "png", "--scale", "0", "-o", &png,
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("--scale"));
}

/// The rings view exports too, round a stakeholder given by id or by name; a missing,
/// unknown or left-out centre is refused with a reason and nothing is written.
#[test]
fn export_draws_the_rings_round_a_stakeholder_named_or_by_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = builtin_file(dir.path());
    let svg = dir.path().join("rings.svg");
    let out = svg.display().to_string();
    let export = |more: &[&str]| {
        let mut args = vec!["export", &map, "--format", "svg", "-o", &out];
        args.extend_from_slice(more);
        stakemap(&args)
    };
    let output = export(&["--view", "rings", "--centre", "city police service"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let picture = std::fs::read_to_string(&svg).expect("written");
    assert!(
        picture.contains("1 step: 1 relationship away"),
        "the legend"
    );
    assert!(picture.contains("steps</text>"), "a ring's name");
    let police = stakemap::io::load(Path::new(&map))
        .expect("loads")
        .stakeholders()
        .find(|s| s.name == "City Police Service")
        .expect("on the map")
        .id();
    std::fs::remove_file(&svg).expect("removed");
    let output = export(&["--view", "rings", "--centre", &police.0.to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read_to_string(&svg).expect("written"),
        picture,
        "by id, the same picture"
    );
    std::fs::remove_file(&svg).expect("removed");
    for (more, says) in [
        (&["--view", "rings"][..], "needs --centre"),
        (
            &["--view", "rings", "--centre", "Nobody"][..],
            "no stakeholder is named",
        ),
        (
            &["--view", "rings", "--centre", "99999"][..],
            "no stakeholder has the id",
        ),
        (&["--centre", "City Police Service"][..], "--view rings"),
        (
            &[
                "--view",
                "rings",
                "--profile",
                "workshop",
                "--centre",
                "Women's shelter (confidential)",
            ][..],
            "leaves that stakeholder out",
        ),
    ] {
        let output = export(more);
        assert_eq!(output.status.code(), Some(2), "{more:?}");
        assert!(
            text(&output.stderr).contains(says),
            "{more:?}: {}",
            text(&output.stderr)
        );
        assert!(!svg.exists(), "{more:?} wrote a picture");
    }
}
