//! The map file as a user meets it: the built-in map, round trips, canonical form, and
//! every kind of bad or hostile file getting a clear error and never a panic.

use proptest::prelude::*;
use stakemap::io::{self, LoadError};
use stakemap::model::{
    Contact, Date, Engagement, InteractionKind, Map, Observation, Position, Relationship,
    RelationshipId, RelationshipKind, SaraStage, Score, Stakeholder, StakeholderId,
    StakeholderKind, Strength, Tone,
};
use std::fs;

fn parse(text: &str) -> Result<Map, LoadError> {
    io::parse(text, "test.ron")
}

fn error_of(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(LoadError::Invalid { problems, .. }) => problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => e.to_string(),
    }
}

const HEADER: &str = "(format: \"stakemap\", version: 1, title: \"T\",";

#[test]
fn the_builtin_map_is_valid_and_rich() {
    let map = io::parse(stakemap::builtin::POLICE_COMMUNITY_RON, "built-in").expect("valid");
    assert_eq!(map.title, "Police and Community Mind Map");
    assert!(map.stakeholder_count() >= 40, "{}", map.stakeholder_count());
    assert!(
        map.relationship_count() >= 60,
        "{}",
        map.relationship_count()
    );
    for kind in StakeholderKind::ALL {
        assert!(map.stakeholders().any(|s| s.kind == kind), "no {kind}");
    }
    let dates: Vec<Date> = map
        .relationships()
        .flat_map(|r| r.observations.iter().map(|o| o.date))
        .collect();
    let first = dates.iter().min().expect("observations");
    let last = dates.iter().max().expect("observations");
    assert!(
        last.days_since(*first) >= 730,
        "logs span {first} to {last}"
    );
    assert!(map.validate().is_empty());
}

#[test]
fn the_builtin_map_is_in_canonical_form() {
    let map = io::parse(stakemap::builtin::POLICE_COMMUNITY_RON, "built-in").expect("valid");
    assert_eq!(io::to_ron(&map), stakemap::builtin::POLICE_COMMUNITY_RON);
}

#[test]
fn save_load_round_trip_is_exact_and_saving_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    let map = stakemap::builtin::police_community();
    io::save(&map, &path).expect("saves");
    let first = fs::read(&path).expect("read");
    let loaded = io::load(&path).expect("loads");
    assert_eq!(loaded, map);
    io::save(&loaded, &path).expect("saves again");
    assert_eq!(fs::read(&path).expect("read"), first);
    assert_eq!(
        fs::read(io::backup_path(&path)).expect("backup kept"),
        first,
        "the previous version is kept as .bak"
    );
}

#[test]
fn a_change_shows_as_a_small_diff() {
    let mut map = stakemap::builtin::police_community();
    let before = io::to_ron(&map);
    let id = map.stakeholders_by_id()[3].id();
    map.stakeholder_mut(id).expect("exists").sector = "Changed sector".into();
    let after = io::to_ron(&map);
    let changed = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    let added = after.lines().count().abs_diff(before.lines().count());
    assert!(
        changed + added <= 2,
        "{changed} lines changed, {added} added"
    );
}

#[test]
fn optional_values_may_be_written_with_or_without_some() {
    let text = format!(
        "{HEADER} stakeholders: [(id: 1, kind: Issue, name: \"A\", influence: Some(2), interest: 3)])"
    );
    let map = parse(&text).expect("valid");
    let s = map.stakeholder(StakeholderId(1)).expect("there");
    assert_eq!(
        (s.influence.map(Score::get), s.interest.map(Score::get)),
        (Some(2), Some(3))
    );
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let text =
        "(\n    format: \"stakemap\",\n    version: 1,\n    title: \"T\"\n    stakeholders: [],\n)";
    let message = error_of(text);
    assert!(message.starts_with("test.ron:5:"), "{message}");
}

#[test]
fn unknown_fields_and_wrong_types_name_the_line() {
    let text = format!("{HEADER}\n stakeholders: [(id: 1, kind: Partner, nmae: \"A\")])");
    let message = error_of(&text);
    assert!(message.starts_with("test.ron:2:"), "{message}");
    assert!(message.contains("nmae"), "{message}");

    let text = format!("{HEADER}\n stakeholders: [(id: \"one\", kind: Partner, name: \"A\")])");
    assert!(error_of(&text).starts_with("test.ron:2:"));

    let text = format!("{HEADER}\n stakeholders: [(id: 1, kind: Wizard, name: \"A\")])");
    let message = error_of(&text);
    assert!(message.contains("Wizard"), "{message}");
}

#[test]
fn every_validation_problem_is_reported_naming_its_item() {
    let text = format!(
        r#"{HEADER}
        stakeholders: [
            (id: 1, kind: Partner, name: "Ana"),
            (id: 1, kind: Partner, name: "Twin"),
            (id: 2, kind: Issue, name: "", position: (NaN, 3.0)),
        ],
        relationships: [
            (id: 7, from: 1, to: 99, kind: Partnership, directed: false),
            (id: 8, from: 1, to: 2, kind: WorksOn, directed: true, observations: [
                (date: "2025-02-30", strength: 2, tone: Neutral, via: Call),
                (date: "2025-03-01", strength: 8, tone: Neutral, via: Call),
            ]),
            (id: 8, from: 2, to: 1, kind: Informal, directed: false),
        ],
    )"#
    );
    let message = error_of(&text);
    for expected in [
        "stakeholder #1 \"Twin\": duplicate id",
        "relationship #7: refers to stakeholder #99",
        "relationship #8, observation 1: `2025-02-30` is not a date",
        "relationship #8: duplicate id",
        "stakeholder #2: the name is empty",
        "stakeholder #2: position (NaN, 3) is not a finite number",
        "relationship #8, observation of 2025-03-01: strength 8 is out of range",
    ] {
        assert!(
            message.contains(expected),
            "missing `{expected}` in:\n{message}"
        );
    }
}

#[test]
fn a_score_out_of_range_is_refused_at_its_line_and_column_naming_the_field() {
    // Scores are read straight into their type: one out of range stops the read where it
    // is, as a mistyped word would, and says which field and what range.
    for (field, value, number) in [
        ("influence", "9", "9"),
        ("interest", "0", "0"),
        ("priority", "Some(300)", "300"),
        ("influence", "-1", "-1"),
    ] {
        let line = format!("    (id: 1, kind: Issue, name: \"A\", {field}: {value}),");
        let text = format!("{HEADER}\n  stakeholders: [\n{line}\n  ],\n)");
        let message = error_of(&text);
        let (at, said) = message.split_at(message.find(": ").expect("a location"));
        assert_eq!(
            said,
            format!(": {field} {number} is out of range (1 to 5)"),
            "{message}"
        );
        // The column falls on the value (ron points at its last part).
        let column: usize = at
            .strip_prefix("test.ron:3:")
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("not on line 3: {message}"));
        let start = 1 + line.find(&format!("{field}: ")).expect("there") + field.len() + 2;
        assert!(
            (start..start + value.len()).contains(&column),
            "column {column} is not on `{value}` (columns {start} to {}): {message}",
            start + value.len() - 1
        );
    }
}

#[test]
fn a_file_from_a_newer_version_is_refused_whole() {
    // The rest would not even parse with this version: it must not be half-read.
    let text = "(format: \"stakemap\", version: 3, title: \"T\", layers: [(id: 1)])";
    let message = error_of(text);
    assert!(message.contains("newer stakemap"), "{message}");
    assert!(message.contains("version 3"), "{message}");
    // A newer file that happens to have this version's shape is refused all the same.
    let same_shape = "(format: \"stakemap\", version: 3, title: \"T\", stakeholders: [])";
    assert!(error_of(same_shape).contains("newer stakemap"));
    let huge = "(format: \"stakemap\", version: 99999999999, title: \"T\")";
    assert!(error_of(huge).contains("version 99999999999"));
}

#[test]
fn a_file_that_is_not_a_map_says_so() {
    assert!(error_of("(name: \"x\")").contains("not a stakemap map"));
    assert!(
        error_of("(format: \"kumu\", version: 1, title: \"T\")").contains("not a stakemap map")
    );
    assert!(error_of("[1, 2, 3]").starts_with("test.ron:1:"));
    assert!(error_of("").starts_with("test.ron:"));
}

#[test]
fn truncated_files_name_the_end() {
    let full = stakemap::builtin::POLICE_COMMUNITY_RON;
    for cut in [10, full.len() / 3, full.len() / 2, full.len() - 3] {
        let cut = (0..=cut)
            .rev()
            .find(|&i| full.is_char_boundary(i))
            .unwrap_or(0);
        let message = error_of(&full[..cut]);
        assert!(message.starts_with("test.ron:"), "{message}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        "{HEADER} description: {}1{})",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let message = error_of(&text);
    assert!(message.starts_with("test.ron:1:"), "{message}");
}

#[test]
fn binary_files_are_refused_with_a_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("photo.ron");
    fs::write(&path, b"(format: \"stakemap\",\n\xff\xd8\xff\xe0 JFIF").expect("write");
    let message = io::load(&path).expect_err("binary").to_string();
    assert!(message.contains("photo.ron:2:1"), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");
}

#[test]
fn huge_files_are_refused_before_they_are_read() {
    // Only the file system knows the whole size: reading stops one byte past the limit.
    // A message with the file's own size shows it was refused on its size, unread.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    let size = io::MAX_FILE_BYTES * 4 + 1;
    file.set_len(size).expect("sparse file");
    for error in [
        io::load(&path).expect_err("too large"),
        io::read_text(&path).expect_err("too large"),
        io::LoadedMap::read(&path).expect_err("too large"),
    ] {
        match error {
            LoadError::TooLarge { size: said, .. } => assert_eq!(said, size),
            other => panic!("expected TooLarge, got {other}"),
        }
    }
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let message = io::load(std::path::Path::new("/no/such/map.ron"))
        .expect_err("missing")
        .to_string();
    assert!(
        message.starts_with("/no/such/map.ron: cannot read"),
        "{message}"
    );
}

#[test]
fn a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The target is a folder: everything up to the final rename works, the rename fails.
    let target = dir.path().join("map.ron");
    fs::create_dir(&target).expect("mkdir");
    fs::write(target.join("inside.txt"), "keep me").expect("write");
    let err = io::save(&stakemap::builtin::police_community(), &target).expect_err("fails");
    assert!(err.to_string().contains("map.ron"), "{err}");
    assert_eq!(
        fs::read_to_string(target.join("inside.txt")).expect("intact"),
        "keep me"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");
}

// Generated maps: every field exercised, round trip exact.

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z0-9 ,.'\"\\\\é—\n]{1,20}",]
}

fn date() -> impl Strategy<Value = Date> {
    (2000i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("valid day"))
}

fn stakeholder(id: u64) -> impl Strategy<Value = Stakeholder> {
    (
        (0usize..4, "[A-Za-z][A-Za-z ]{0,15}", text(), text(), text()),
        (
            prop::collection::vec("[a-z]{1,8}", 0..3),
            prop::option::of(score()),
            prop::option::of(score()),
            prop::option::of(0usize..5),
            prop::option::of((text(), text(), text(), text())),
        ),
        (
            any::<bool>(),
            prop::option::of(0usize..4),
            prop::option::of(score()),
            prop::option::of((-1e6f32..1e6, -1e6f32..1e6)),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (kind, name, description, sector, area),
                (tags, influence, interest, engagement, contact),
                (confidential, sara, priority, position, pinned),
            )| {
                let mut s = Stakeholder::new(StakeholderId(id), StakeholderKind::ALL[kind], name);
                s.description = description;
                s.sector = sector;
                s.area = area;
                s.tags = tags;
                s.influence = influence;
                s.interest = interest;
                s.engagement = engagement.map(|e| Engagement::ALL[e]);
                s.desired_engagement = engagement.map(|e| Engagement::ALL[4 - e]);
                s.contact = contact.map(|(person, role, email, phone)| Contact {
                    person,
                    role,
                    email,
                    phone,
                });
                s.confidential = confidential;
                s.sara_stage = sara.map(|i| SaraStage::ALL[i]);
                s.priority = priority;
                s.position = position.map(|(x, y)| Position(x, y));
                s.pinned = pinned;
                s
            },
        )
}

fn score() -> impl Strategy<Value = Score> {
    prop::sample::select(Score::ALL.as_slice())
}

fn observation() -> impl Strategy<Value = Observation> {
    let strength = prop::sample::select(Strength::ALL.as_slice());
    (date(), strength, 0usize..3, 0usize..7, text(), text()).prop_map(
        |(date, strength, tone, via, note, recorded_by)| {
            Observation::new(date, strength, Tone::ALL[tone])
                .with_interaction(InteractionKind::ALL[via])
                .with_note(note)
                .with_recorded_by(recorded_by)
        },
    )
}

fn map() -> impl Strategy<Value = Map> {
    (1u64..12)
        .prop_flat_map(|n| {
            let stakeholders: Vec<_> = (1..=n).map(stakeholder).collect();
            let relationships = prop::collection::vec(
                (
                    1..=n,
                    1..=n,
                    0usize..8,
                    any::<bool>(),
                    text(),
                    text(),
                    prop::collection::vec(observation(), 0..5),
                ),
                0..20,
            );
            (stakeholders, relationships, text(), text())
        })
        .prop_map(|(stakeholders, relationships, title, description)| {
            let mut map = Map::new(format!("Map {title}"));
            map.description = description;
            for s in stakeholders {
                map.add_stakeholder(s).expect("unique ids");
            }
            for (i, (from, to, kind, directed, owner, notes, mut observations)) in
                relationships.into_iter().enumerate()
            {
                let mut r = Relationship::new(
                    RelationshipId(i as u64 + 1),
                    StakeholderId(from),
                    StakeholderId(to),
                    RelationshipKind::ALL[kind],
                );
                r.directed = directed;
                r.owner = owner;
                r.notes = notes;
                observations.sort_by_key(|o| o.date); // files keep logs oldest first
                r.observations = observations;
                map.add_relationship(r).expect("ends exist");
            }
            map
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_maps_round_trip(map in map()) {
        let text = io::to_ron(&map);
        let loaded = io::parse(&text, "generated").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &map);
        prop_assert_eq!(io::to_ron(&loaded), text);
    }
}

/// The first ```ron block of a text, with `prefix` stripped from each line.
fn ron_block(text: &str, prefix: &str) -> String {
    let mut lines = text
        .lines()
        .map(|l| l.strip_prefix(prefix).unwrap_or(l).trim_start_matches(' '))
        .skip_while(|l| !l.starts_with("```ron"))
        .skip(1);
    let mut block = String::new();
    for line in lines.by_ref() {
        if line.starts_with("```") {
            break;
        }
        block.push_str(line);
        block.push('\n');
    }
    block
}

#[test]
fn the_documented_examples_are_valid_maps() {
    let readme = ron_block(include_str!("../../README.md"), "");
    let map = io::parse(&readme, "README.md").expect("the README's example loads");
    assert_eq!(map.stakeholder_count(), 2);
    assert_eq!(map.observation_count(), 2);
    let module = ron_block(include_str!("../../src/io/map_file.rs"), "//!");
    let map = io::parse(&module, "map_file.rs").expect("the module docs' example loads");
    assert_eq!(map.relationship_count(), 1);
}

// Files other editors write, text in every script (issue 8, items 10 and 11).

#[test]
fn a_leading_byte_order_mark_is_accepted() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bom.ron"));
    assert!(fs::read(path).expect("read").starts_with(b"\xEF\xBB\xBF"));
    let loaded = io::LoadedMap::read(path).expect("loads");
    assert!(loaded.byte_order_mark);
    assert_eq!(loaded.map.title, "Field test");
    assert_eq!(loaded.map.stakeholder_count(), 2);
    // Positions in errors are counted as an editor shows them (the mark is invisible).
    let broken = "\u{feff}(format: \"stakemap\", version: 1, title: 7)";
    let message = error_of(broken);
    assert!(message.starts_with("test.ron:1:"), "{message}");
    // The canonical form has no mark.
    assert!(!io::to_ron(&loaded.map).starts_with('\u{feff}'));
}

#[test]
fn text_in_every_script_is_written_as_itself_and_round_trips() {
    let text = include_str!("../data/unicode_names.ron");
    let map = parse(text).expect("loads");
    let written = io::to_ron(&map);
    assert!(!written.contains("\\u{"), "no \\u escapes:\n{written}");
    assert!(
        !written.contains("\\'"),
        "no escaped apostrophes:\n{written}"
    );
    for s in map.stakeholders() {
        assert!(
            written.contains(&format!("name: \"{}\"", s.name)),
            "{} written as itself",
            s.name
        );
    }
    assert!(written.contains("Réunion à l'hôtel de ville — très productive"));
    assert!(written.contains("Carte des partenaires – Québec 🇨🇦"));
    let again = parse(&written).expect("reloads");
    assert_eq!(again, map);
    assert_eq!(io::to_ron(&again), written);
}

#[test]
fn only_what_must_be_escaped_is_escaped() {
    let mut map = Map::new("T");
    let tricky = [
        "quote \" and backslash \\ and 'apostrophe'",
        "line one\nline two\ttab\rreturn",
        "bell \u{7} escape \u{1b}[2J nul \u{0} del \u{7f} c1 \u{85}",
        "override \u{202e}olleh and isolate \u{2067}x\u{2069} and \u{2028} separator",
        "combining e\u{301} already composed é, joiner 👩\u{200d}👩\u{200d}👧, selector ❤\u{fe0f}",
        "marks \u{200f}עברית\u{200e} and zero width\u{200b}space",
        "raw-looking r#\"x\"# and # hashes ##",
        "\u{301} leading combining mark",
    ];
    for (i, name) in tricky.iter().enumerate() {
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(i as u64 + 1),
            StakeholderKind::Partner,
            *name,
        ))
        .expect("fresh");
    }
    let written = io::to_ron(&map);
    for must in [
        "\\\"",
        "\\\\",
        "\\n",
        "\\t",
        "\\r",
        "\\u{7}",
        "\\u{1b}",
        "\\u{7f}",
        "\\u{85}",
        "\\u{202e}",
        "\\u{2067}",
        "\\u{2028}",
    ] {
        assert!(written.contains(must), "{must} is escaped:\n{written}");
    }
    assert!(written.contains("'apostrophe'"), "{written}");
    assert!(
        written.contains("combining é already composed é"),
        "{written}"
    );
    assert!(written.contains("👩\u{200d}👩\u{200d}👧"), "{written}");
    assert!(written.contains("❤\u{fe0f}"), "{written}");
    assert!(written.contains("\u{200f}עברית\u{200e}"), "{written}");
    for line in written.lines() {
        assert!(
            !line.chars().any(stakemap::model::text::must_escape),
            "no raw control or override in the file: {line:?}"
        );
    }
    let again = parse(&written).expect("reloads");
    let names: Vec<String> = again
        .stakeholders_by_id()
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let expected: Vec<String> = tricky
        .iter()
        .map(|t| stakemap::model::text::nfc(t).into_owned())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(io::to_ron(&again), written);
}

#[test]
fn text_is_stored_composed() {
    let text = format!(
        "{HEADER} description: \"Que\u{301}bec\", stakeholders: [(id: 1, kind: Partner, name: \
         \"Nguye\u{302}\u{303}n Thi\u{323}\", tags: [\"Que\u{301}bec\"], contact: (person: \
         \"Ame\u{301}lie\"))], relationships: [(id: 1, from: 1, to: 1, kind: Informal, directed: \
         false, owner: \"E\u{301}milie\", observations: [(date: \"2025-01-01\", strength: 1, \
         tone: Neutral, via: Call, note: \"cafe\u{301}\")])], baselines: [(name: \"E\u{301}te\u{301}\", \
         date: \"2025-01-01\")])"
    );
    let loaded = io::LoadedMap::parse(&text, "test.ron").expect("loads");
    assert!(loaded.composed);
    let map = loaded.map;
    assert_eq!(map.description, "Québec");
    let s = map.stakeholder(StakeholderId(1)).expect("there");
    assert_eq!(s.name, "Nguyễn Thị");
    assert_eq!(s.tags, ["Québec"]);
    assert_eq!(
        s.contact.as_ref().map(|c| c.person.as_str()),
        Some("Amélie")
    );
    let r = map.relationship(RelationshipId(1)).expect("there");
    assert_eq!(r.owner, "Émilie");
    assert_eq!(r.observations[0].note, "café");
    assert_eq!(map.baselines()[0].name, "Été");

    // A map made in memory with decomposed text is written composed all the same.
    let mut decomposed = Map::new("Que\u{301}bec");
    decomposed
        .add_stakeholder(Stakeholder::new(
            StakeholderId(1),
            StakeholderKind::Issue,
            "Re\u{301}union",
        ))
        .expect("fresh");
    let written = io::to_ron(&decomposed);
    assert!(written.contains("title: \"Québec\"") && written.contains("\"Réunion\""));
}

#[test]
fn the_readme_documents_baselines_as_the_parser_reads_them() {
    let readme = ron_block(include_str!("../../README.md"), "");
    let map = io::parse(&readme, "README.md").expect("the README's example loads");
    let baseline = map
        .baselines()
        .first()
        .expect("the example shows a baseline");
    assert_eq!(baseline.relationships.len(), 1);
    assert_eq!(baseline.relationships[0].tone, Tone::Neutral);
    // The prose describes the same shape as the example.
    let prose = include_str!("../../README.md");
    assert!(
        prose.contains("`(id: 1, strength: 2, tone: Neutral)`"),
        "the README's prose shows named fields"
    );
    assert!(!prose.contains("as `(id, strength, tone)`"));
}

// Names that show nothing, baselines, positions of errors (issue 9, items 8 to 10).

#[test]
fn names_that_show_nothing_are_refused_like_empty_ones() {
    for (name, hidden) in [
        ("zero-width space", "\\u{200b}"),
        ("right-to-left mark", "\\u{200f}"),
        ("byte-order mark", "\\u{feff}"),
        ("lone combining accent", "\\u{301}"),
        ("word joiner and spaces", " \\u{2060} "),
        ("Hangul filler", "\\u{3164}"),
        ("variation selector", "\\u{fe0f}"),
        ("tag characters", "\\u{e0041}\\u{e0042}"),
        ("override", "\\u{202e}"),
    ] {
        let stakeholder =
            format!("{HEADER} stakeholders: [(id: 1, kind: Partner, name: \"{hidden}\")])");
        let message = error_of(&stakeholder);
        assert!(
            message.contains("stakeholder #1: the name shows nothing"),
            "{name}: {message}"
        );
        let title = format!("(format: \"stakemap\", version: 1, title: \"{hidden}\")");
        let message = error_of(&title);
        assert!(
            message.contains("map: the title shows nothing"),
            "{name}: {message}"
        );
        let baseline = format!("{HEADER} baselines: [(name: \"{hidden}\", date: \"2025-01-01\")])");
        let message = error_of(&baseline);
        assert!(
            message.contains("the name shows nothing"),
            "{name}: {message}"
        );
    }
    // Visible text with invisible characters in it is fine.
    let fine = format!(
        "{HEADER} stakeholders: [(id: 1, kind: Partner, name: \"\\u{{200b}}Ana\\u{{301}}\")])"
    );
    assert!(parse(&fine).is_ok());
}

#[test]
fn baselines_are_validated_like_everything_else() {
    let text = format!(
        r#"{HEADER}
        stakeholders: [(id: 1, kind: Partner, name: "A"), (id: 2, kind: Partner, name: "B")],
        relationships: [(id: 1, from: 1, to: 2, kind: Informal, directed: false),
                        (id: 2, from: 2, to: 1, kind: Informal, directed: false)],
        baselines: [(name: "Spring", date: "2025-04-01", stakeholders: [1, 2, 1],
                     relationships: [(id: 1, strength: 7, tone: Neutral), (id: 2, strength: 9, tone: Neutral),
                                     (id: 1, strength: 2, tone: Neutral)])],
    )"#
    );
    let message = error_of(&text);
    for expected in [
        "baseline \"Spring\": stakeholder #1 is listed twice",
        "baseline \"Spring\": relationship #1 is listed twice",
        "baseline \"Spring\": relationship #1 has strength 7",
        "baseline \"Spring\": relationship #2 has strength 9",
    ] {
        assert!(
            message.contains(expected),
            "missing `{expected}` in:\n{message}"
        );
    }
}

#[test]
fn baselines_are_written_in_canonical_order() {
    let text = format!(
        r#"{HEADER}
        stakeholders: [(id: 1, kind: Partner, name: "A"), (id: 2, kind: Partner, name: "B")],
        relationships: [(id: 1, from: 1, to: 2, kind: Informal, directed: false),
                        (id: 2, from: 2, to: 1, kind: Informal, directed: false)],
        baselines: [
            (name: "Later", date: "2025-09-01", stakeholders: [2, 1],
             relationships: [(id: 2, strength: 3, tone: Neutral), (id: 1, strength: 2, tone: Positive)]),
            (name: "Earlier", date: "2025-04-01", stakeholders: [2, 1]),
        ],
    )"#
    );
    let map = parse(&text).expect("valid");
    let written = io::to_ron(&map);
    let at = |needle: &str| written.find(needle).expect(needle);
    assert!(at("\"Earlier\"") < at("\"Later\""), "by date:\n{written}");
    let later = &written[at("\"Later\"")..];
    assert!(
        later.find("id: 1").expect("1") < later.find("id: 2").expect("2"),
        "relationships by id:\n{later}"
    );
    // Swapping the written order changes nothing: same map, same bytes.
    let swapped = text
        .replace("stakeholders: [2, 1]", "stakeholders: [1, 2]")
        .replace(
            "(id: 2, strength: 3, tone: Neutral), (id: 1, strength: 2, tone: Positive)",
            "(id: 1, strength: 2, tone: Positive), (id: 2, strength: 3, tone: Neutral)",
        );
    let other = parse(&swapped).expect("valid");
    assert_eq!(other, map);
    assert_eq!(io::to_ron(&other), written);
}

#[test]
fn an_error_in_the_first_element_of_a_list_points_at_it() {
    // Each text has one mistake, marked by the token `at`; the error must name its line and
    // column, not the `[` lines above (where the parser's span starts for a first element).
    let cases = [
        ("tags: [\n                7,\n            ],", "7,"),
        (
            "tags: [\n                \"a\",\n                7,\n            ],",
            "7,",
        ),
        (
            "tags: [\n                // first the number\n                /* then */ 7,\n            ],",
            "7,",
        ),
        (
            "position: (\n                \"x\",\n                1.0,\n            ),",
            "\"x\"",
        ),
    ];
    for (field, at) in cases {
        let text = format!(
            "(\n    format: \"stakemap\",\n    version: 1,\n    title: \"T\",\n    stakeholders: [\n        (\n            id: 1,\n            kind: Partner,\n            name: \"A\",\n            {field}\n        ),\n    ],\n)"
        );
        let offset = text.find(at).expect("marker");
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        let message = error_of(&text);
        assert!(
            message.starts_with(&format!("test.ron:{line}:{column}:")),
            "expected {line}:{column} for\n{text}\ngot: {message}"
        );
    }
    for (text, at) in [
        (
            "(\n    format: \"stakemap\",\n    version: 1,\n    title: \"T\",\n    stakeholders: [\n        \"Ana\",\n    ],\n)",
            "\"Ana\"",
        ),
        (
            "(\n    format: \"stakemap\",\n    version: 1,\n    title: \"T\",\n    stakeholders: [(id: 1, kind: Partner, name: \"A\")],\n    relationships: [\n        (\n            id: 1, from: 1, to: 1, kind: Informal, directed: false,\n            observations: [\n\n                2025,\n            ],\n        ),\n    ],\n)",
            "2025",
        ),
    ] {
        let offset = text.find(at).expect("marker");
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        let message = error_of(text);
        assert!(
            message.starts_with(&format!("test.ron:{line}:{column}:")),
            "expected {line}:{column}, got: {message}"
        );
    }
}

#[test]
fn a_version_1_file_opens_and_is_written_back_as_version_2_with_its_views() {
    // Version 1 had no views: such a file opens with none, and saving it writes version 2
    // with everything else as it was.
    let v1 = format!(
        "{HEADER} stakeholders: [(id: 1, kind: Partner, name: \"Ana\"), (id: 2, kind: Issue, name: \"Youth\")],\n\
         relationships: [(id: 1, from: 1, to: 2, kind: WorksOn, directed: true, observations: [(date: \"2025-01-02\", strength: 3, tone: Positive, via: Meeting)])])"
    );
    use stakemap::model::{
        Position, SavedCamera, SavedFilter, SavedFocus, SavedView, StakeholderId, ViewLayout,
    };
    let mut map = io::parse(&v1, "old.ron").expect("a version 1 file opens");
    assert!(map.views.is_empty());
    let written = io::to_ron(&map);
    assert!(written.contains("version: 2,"), "{written}");
    assert!(!written.contains("views"), "no empty list written");
    let again = io::parse(&written, "new.ron").expect("reads back");
    assert_eq!(again, map);
    // Views are kept, in order, with every field, and the same map gives the same bytes.
    map.views = vec![
        SavedView {
            name: "Youth".to_owned(),
            layout: ViewLayout::Rings(StakeholderId(2)),
            filter: SavedFilter {
                tags: vec!["youth".to_owned()],
                metric: Some(("betweenness".to_owned(), Some(0.1), None)),
                trends: vec!["cooling".to_owned()],
                hide: true,
                ..Default::default()
            },
            as_of: Some("2025-06-30".parse().expect("date")),
            compare: None,
            focus: Some(SavedFocus {
                centre: StakeholderId(1),
                hops: 2,
                hide: false,
            }),
            camera: Some(SavedCamera {
                centre: Position(10.0, -4.5),
                zoom: 1.25,
            }),
            size_by: Some("degree".to_owned()),
            colour_by: Some("community".to_owned()),
        },
        SavedView {
            name: "All".to_owned(),
            ..Default::default()
        },
    ];
    let written = io::to_ron(&map);
    let again = io::parse(&written, "new.ron").expect("reads back");
    assert_eq!(again.views, map.views);
    assert_eq!(io::to_ron(&again), written);
    // A view with an unknown field is refused with where it is, like any other typo.
    let typo = written.replace("hops: 2", "hopz: 2");
    let message = error_of(&typo);
    assert!(message.contains("hopz"), "{message}");
    assert!(message.starts_with("test.ron:"), "{message}");
}
