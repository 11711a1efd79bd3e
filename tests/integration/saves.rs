//! Saves as the file system around a map sees them (issue 9): two writers at once, links,
//! owners, read-only files, comments, and what a killed save leaves behind. Through the
//! library and through the real binary.

use crate::common::{stakemap, text};
use stakemap::io::{self, SaveError, SaveOptions, SaveWarning};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn small_map(title: &str) -> stakemap::model::Map {
    let mut map = stakemap::builtin::police_community();
    map.title = title.to_owned();
    map
}

/// A hand-written (not canonical) map with two comments.
const COMMENTED: &str = r#"// Kept by the CDS planning team: ask Renata before changing ids.
(format: "stakemap", version: 1, title: "Hand",
 /* the two we started with */
 stakeholders: [(id: 2, kind: Issue, name: "B"), (id: 1, kind: Partner, name: "A // not a comment")])
"#;

// 1. Two writers at once.

#[test]
fn saves_from_many_threads_at_once_all_succeed_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    io::save(&small_map("start"), &path).expect("saves");
    let maps: Vec<_> = (0..6).map(|i| small_map(&format!("writer {i}"))).collect();
    std::thread::scope(|scope| {
        for map in &maps {
            let path = &path;
            scope.spawn(move || {
                for _ in 0..5 {
                    io::save(map, path).expect("every save succeeds (the others wait)");
                }
            });
        }
    });
    let last = io::load(&path).expect("the file is one whole map");
    assert!(last.title.starts_with("writer "), "{}", last.title);
    assert_eq!(names(dir.path()), ["map.ron", "map.ron.bak"]);
}

#[test]
fn saves_from_several_processes_at_once_all_succeed_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("source.ron");
    fs::write(&source, stakemap::builtin::POLICE_COMMUNITY_RON).expect("write");
    let out = dir.path().join("out.ron");
    let (source, out) = (source.display().to_string(), out.display().to_string());
    for round in 0..3 {
        let children: Vec<_> = (0..6)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_stakemap"))
                    .args(["layout", &source, "--layout", "grid", "-o", &out])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait");
            assert_eq!(
                output.status.code(),
                Some(0),
                "round {round}: {}",
                text(&output.stderr)
            );
        }
        io::load(Path::new(&out)).expect("whole");
    }
    assert_eq!(names(dir.path()), ["out.ron", "out.ron.bak", "source.ron"]);
}

// 2. Symbolic links.

#[cfg(unix)]
#[test]
fn a_save_through_a_link_writes_the_file_it_points_to_and_keeps_the_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("shared")).expect("mkdir");
    let real = dir.path().join("shared/real.ron");
    io::save(&small_map("old"), &real).expect("saves");
    let link = dir.path().join("map.ron");
    symlink("shared/real.ron", &link).expect("link");

    let saved = io::save_with(&small_map("new"), &link, &SaveOptions::default()).expect("saves");
    assert_eq!(saved.path, real);
    assert!(
        fs::symlink_metadata(&link)
            .expect("there")
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(io::load(&real).expect("loads").title, "new");
    let backup = io::backup_path(&real);
    let kind = fs::symlink_metadata(&backup).expect("a .bak").file_type();
    assert!(
        kind.is_file(),
        "the .bak is a regular file beside the real one"
    );
    assert_eq!(io::load(&backup).expect("loads").title, "old");
    assert!(!io::backup_path(&link).exists(), "no .bak beside the link");
    assert_eq!(names(dir.path()), ["map.ron", "shared"]);
    assert_eq!(
        names(&dir.path().join("shared")),
        ["real.ron", "real.ron.bak"]
    );
}

#[cfg(unix)]
#[test]
fn format_through_a_chain_of_links_and_through_a_dangling_one() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.ron");
    fs::write(&real, r#"(format:"stakemap",version:1,title:"T")"#).expect("write");
    symlink("real.ron", dir.path().join("middle.ron")).expect("link");
    symlink(dir.path().join("middle.ron"), dir.path().join("map.ron")).expect("link");
    let map = dir.path().join("map.ron").display().to_string();
    let output = stakemap(&["format", &map]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    for link in ["map.ron", "middle.ron"] {
        let kind = fs::symlink_metadata(dir.path().join(link)).expect("there");
        assert!(kind.file_type().is_symlink(), "{link} stays a link");
    }
    assert_eq!(
        fs::read_to_string(&real).expect("read"),
        io::to_ron(&stakemap::model::Map::new("T")),
        "the real file is formatted"
    );

    // A link to a file not there yet: the save creates the file, the link then finds it.
    let dangling = dir.path().join("new.ron");
    symlink("made/by/save.ron", &dangling).expect("link");
    fs::create_dir_all(dir.path().join("made/by")).expect("mkdir");
    io::save(&small_map("fresh"), &dangling).expect("saves");
    assert!(
        fs::symlink_metadata(&dangling)
            .expect("there")
            .file_type()
            .is_symlink()
    );
    assert_eq!(io::load(&dangling).expect("loads").title, "fresh");
}

#[cfg(unix)]
#[test]
fn a_save_of_a_file_with_other_hard_links_keeps_them_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.ron");
    io::save(&small_map("old"), &real).expect("saves");
    let other = dir.path().join("other-name.ron");
    fs::hard_link(&real, &other).expect("hard link");
    let saved = io::save_with(&small_map("new"), &other, &SaveOptions::default()).expect("saves");
    assert_eq!(
        io::load(&real).expect("loads").title,
        "new",
        "both names see it"
    );
    assert_eq!(io::load(&other).expect("loads").title, "new");
    assert_eq!(
        io::load(&io::backup_path(&other)).expect("loads").title,
        "old"
    );
    assert!(
        saved
            .warnings
            .iter()
            .any(|w| matches!(w, SaveWarning::WrittenInPlace { .. })),
        "{:?}",
        saved.warnings
    );
}

// 3. Ownership, and 4. read-only files.

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().expect("temp file");
    probe.as_file().metadata().expect("stat").uid() == 0
}

#[cfg(unix)]
fn owner(path: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).expect("stat");
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A folder other users may enter, for a save run as another user.
#[cfg(unix)]
fn shared_folder(mode: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    set_mode(dir.path(), mode);
    dir
}

/// Runs the binary as user `uid`, group `gid`, also in `groups`, when this test runs as the
/// administrator and `setpriv` is there; `None` otherwise (the test then says so and ends).
#[cfg(unix)]
fn stakemap_as(uid: u32, gid: u32, groups: &[u32], args: &[&str]) -> Option<Output> {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: needs root and setpriv to save as another user");
        return None;
    }
    let groups: Vec<String> = groups.iter().map(u32::to_string).collect();
    let groups = if groups.is_empty() {
        "--clear-groups".to_owned()
    } else {
        format!("--groups={}", groups.join(","))
    };
    let output = Command::new("setpriv")
        .args([
            &format!("--reuid={uid}"),
            &format!("--regid={gid}"),
            &groups,
            env!("CARGO_BIN_EXE_stakemap"),
        ])
        .args(args)
        .output()
        .expect("setpriv runs");
    Some(output)
}

#[cfg(unix)]
#[test]
fn the_administrators_save_keeps_owner_group_and_mode() {
    if !is_root() {
        eprintln!("skipped: only the administrator may give a file to another user");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    io::save(&small_map("old"), &path).expect("saves");
    std::os::unix::fs::chown(&path, Some(1000), Some(3000)).expect("chown");
    set_mode(&path, 0o664);
    let saved = io::save_with(&small_map("new"), &path, &SaveOptions::default()).expect("saves");
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    assert_eq!(owner(&path), (1000, 3000, 0o664));
    assert_eq!(io::load(&path).expect("loads").title, "new");
}

#[cfg(unix)]
#[test]
fn a_group_members_save_keeps_the_group_and_says_the_owner_changed() {
    let dir = shared_folder(0o775);
    std::os::unix::fs::chown(dir.path(), Some(1000), Some(3000)).ok();
    let path = dir.path().join("map.ron");
    io::save(&small_map("old"), &path).expect("saves");
    if std::os::unix::fs::chown(&path, Some(1000), Some(3000)).is_err() {
        eprintln!("skipped: needs root to set up files of other users");
        return;
    }
    set_mode(&path, 0o664);
    let file = path.display().to_string();
    let Some(output) = stakemap_as(
        65534,
        65534,
        &[3000],
        &["layout", &file, "--layout", "grid"],
    ) else {
        return;
    };
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let (_, group, mode) = owner(&path);
    assert_eq!((group, mode), (3000, 0o664), "the group keeps write access");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("warning: could not keep owner 1000"),
        "says so: {stderr}"
    );
    assert!(
        !names(dir.path()).iter().any(|n| n.ends_with(".saving")),
        "{:?}",
        names(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn in_a_sticky_shared_folder_a_save_writes_in_place_and_keeps_the_owner() {
    let dir = shared_folder(0o1777);
    let path = dir.path().join("map.ron");
    io::save(&small_map("old"), &path).expect("saves");
    if std::os::unix::fs::chown(&path, Some(1000), Some(3000)).is_err() {
        eprintln!("skipped: needs root to set up files of other users");
        return;
    }
    set_mode(&path, 0o664);
    let file = path.display().to_string();
    let Some(output) = stakemap_as(
        65534,
        65534,
        &[3000],
        &["layout", &file, "--layout", "grid"],
    ) else {
        return;
    };
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(owner(&path), (1000, 3000, 0o664), "owner, group, mode kept");
    assert!(io::load(&path).is_ok());
    assert_eq!(
        io::load(&io::backup_path(&path)).expect("a .bak").title,
        "old"
    );
    assert_eq!(names(dir.path()), ["map.ron", "map.ron.bak"]);
}

#[cfg(unix)]
#[test]
fn in_a_sticky_shared_folder_a_save_that_cannot_happen_leaves_nothing_behind() {
    let dir = shared_folder(0o1777);
    let path = dir.path().join("map.ron");
    io::save(&small_map("old"), &path).expect("saves");
    if std::os::unix::fs::chown(&path, Some(1000), Some(1000)).is_err() {
        eprintln!("skipped: needs root to set up files of other users");
        return;
    }
    set_mode(&path, 0o644);
    let before = fs::read(&path).expect("read");
    let file = path.display().to_string();
    for force in [false, true] {
        let mut args = vec!["layout", &file, "--layout", "grid"];
        if force {
            args.push("--force");
        }
        let Some(output) = stakemap_as(65534, 65534, &[], &args) else {
            return;
        };
        assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
        assert_eq!(text(&output.stderr).lines().count(), 1, "one message");
        assert_eq!(fs::read(&path).expect("read"), before, "untouched");
        assert_eq!(names(dir.path()), ["map.ron"], "no .bak, no temporary file");
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_map_is_refused_unless_the_person_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    io::save(&small_map("old"), &path).expect("saves");
    set_mode(&path, 0o444);
    let before = fs::read(&path).expect("read");

    match io::save(&small_map("new"), &path) {
        Err(SaveError::ReadOnly { path: refused }) => assert_eq!(refused, path),
        other => panic!("expected ReadOnly, got {other:?}"),
    }
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(names(dir.path()), ["map.ron"], "nothing left behind");

    let anyway = SaveOptions {
        overwrite_read_only: true,
        ..SaveOptions::default()
    };
    io::save_with(&small_map("new"), &path, &anyway).expect("saves when asked");
    assert_eq!(io::load(&path).expect("loads").title, "new");
    assert_eq!(owner(&path).2, 0o444, "and it stays read-only");
}

#[cfg(unix)]
#[test]
fn format_and_layout_refuse_a_read_only_map_and_force_writes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, r#"(format:"stakemap",version:1,title:"T")"#).expect("write");
    set_mode(&path, 0o444);
    let file = path.display().to_string();
    for args in [
        vec!["format", file.as_str()],
        vec!["layout", file.as_str(), "--layout", "grid"],
    ] {
        let output = stakemap(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains("read-only"), "{stderr}");
        assert!(stderr.contains("--force"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let forced = stakemap(&["format", "--force", &file]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(io::load(&path).is_ok());
    assert_eq!(owner(&path).2, 0o444);
}

#[cfg(unix)]
#[test]
fn export_and_import_refuse_a_read_only_file_and_force_writes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("map.ron");
    io::save(&small_map("M"), &map).expect("saves");
    let map = map.display().to_string();
    let exported = dir.path().join("out.graphml");
    fs::write(&exported, "old").expect("write");
    set_mode(&exported, 0o444);
    let exported = exported.display().to_string();
    let imported = dir.path().join("imported.ron");
    fs::write(&imported, r#"(format:"stakemap",version:1,title:"Old")"#).expect("write");
    set_mode(&imported, 0o444);
    let imported = imported.display().to_string();
    let export = [
        "export",
        map.as_str(),
        "--format",
        "graphml",
        "-o",
        exported.as_str(),
    ];
    let import = ["import", exported.as_str(), "-o", imported.as_str()];

    let refused = stakemap(&export);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("read-only") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&exported).expect("read"), "old");

    let forced = stakemap(&[&export[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(
        fs::read_to_string(&exported)
            .expect("read")
            .contains("<graphml")
    );
    assert_eq!(owner(Path::new(&exported)).2, 0o444, "it stays read-only");

    let refused = stakemap(&import);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("read-only") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(io::load(Path::new(&imported)).expect("loads").title, "Old");

    let forced = stakemap(&[&import[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert_eq!(
        io::load(Path::new(&imported))
            .expect("loads")
            .stakeholder_count(),
        small_map("M").stakeholder_count()
    );
}

// 5. Comments.

#[test]
fn comments_are_counted_and_a_save_does_not_drop_them_silently() {
    assert_eq!(io::comment_count(COMMENTED), 2);
    assert_eq!(
        io::comment_count(r##"(title: "http://x /* no */", note: r#"// "x" "#, c: '"')"##),
        0,
        "inside strings they are text"
    );
    assert_eq!(
        io::comment_count("/* a /* nested */ one */ // and\n// two"),
        3
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, COMMENTED).expect("write");
    let loaded = io::LoadedMap::read(&path).expect("loads");
    assert_eq!(loaded.comments, 2);
    match io::save(&loaded.map, &path) {
        Err(SaveError::CommentsDropped { count: 2, .. }) => {}
        other => panic!("expected CommentsDropped, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), COMMENTED);
    let drop = SaveOptions {
        drop_comments: true,
        ..SaveOptions::default()
    };
    io::save_with(&loaded.map, &path, &drop).expect("saves when asked");
    assert_eq!(io::LoadedMap::read(&path).expect("loads").comments, 0);
}

#[test]
fn import_into_a_commented_map_keeps_it_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hand.ron");
    fs::write(&path, COMMENTED).expect("write");
    let file = path.display().to_string();
    let csv = dir.path().join("elements.csv");
    fs::write(&csv, "Label,Type\nNew partner,Person\n").expect("write");
    let csv = csv.display().to_string();
    let args = [
        "import",
        csv.as_str(),
        "--into",
        file.as_str(),
        "-o",
        file.as_str(),
    ];

    let output = stakemap(&args);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("2 comment(s)") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), COMMENTED);

    let forced = stakemap(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let merged = io::LoadedMap::read(&path).expect("loads");
    assert_eq!(merged.comments, 0);
    assert_eq!(merged.map.stakeholder_count(), 3);
}

#[test]
fn format_refuses_to_drop_comments_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hand.ron");
    fs::write(&path, COMMENTED).expect("write");
    let file = path.display().to_string();

    let output = stakemap(&["format", &file]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("2 comment(s)"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).expect("read"), COMMENTED);

    let check = stakemap(&["format", "--check", &file]);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).contains("2 comment(s)"));

    let laid_out = stakemap(&["layout", &file, "--layout", "grid"]);
    assert_eq!(laid_out.status.code(), Some(2), "layout drops them too");
    assert_eq!(fs::read_to_string(&path).expect("read"), COMMENTED);

    let forced = stakemap(&["format", "--force", &file]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(text(&forced.stderr).contains("dropped 2 comment(s)"));
    assert_eq!(
        stakemap(&["format", "--check", &file]).status.code(),
        Some(0)
    );
    // The comments outlive the next save, unlike the .bak, which it replaces.
    let commented = io::commented_path(&path);
    assert_eq!(fs::read_to_string(&commented).expect("kept"), COMMENTED);
    assert!(text(&forced.stderr).contains(".commented"));
    let again = stakemap(&["layout", &file, "--layout", "grid"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(fs::read_to_string(&commented).expect("kept"), COMMENTED);
}

// 11. Leftovers.

#[test]
fn validate_mentions_a_temporary_file_left_by_a_killed_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, stakemap::builtin::POLICE_COMMUNITY_RON).expect("write");
    fs::write(dir.path().join(".map.ron.Xy12Ab.saving"), "half a map").expect("write");
    let output = stakemap(&["validate", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "a warning, not a problem");
    let stdout = text(&output.stdout);
    assert!(stdout.contains(".map.ron.Xy12Ab.saving"), "{stdout}");
    assert!(stdout.contains("interrupted"), "{stdout}");
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("valid:"))
    );
    // The next save clears it.
    io::save(&stakemap::builtin::police_community(), &path).expect("saves");
    assert!(io::leftovers(&path).is_empty());
}

#[test]
fn a_failed_save_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target: PathBuf = dir.path().join("map.ron");
    fs::create_dir(&target).expect("a folder where the map should be");
    let err = io::save(&small_map("x"), &target).expect_err("fails");
    assert!(matches!(err, SaveError::NotAFile { .. }), "{err:?}");
    assert_eq!(names(dir.path()), ["map.ron"]);
}
