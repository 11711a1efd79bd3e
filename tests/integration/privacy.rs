//! Nothing private leaves through any output the window has: a map with a confidential
//! partner and contact details, notes and names planted in every private field, then
//! every output path searched for them: what the canvas and panels paint under the
//! workshop profile, change reports in three formats under public, the clipboard under
//! partner.

use crate::common::{app_on, show_as};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakemap::analysis::Moment;
use stakemap::gui::{Command, Selection, StakemapApp};
use stakemap::model::{
    Contact, Date, Map, Observation, Position, Relationship, RelationshipId, RelationshipKind,
    Stakeholder, StakeholderId, StakeholderKind, Strength, Tone,
};
use stakemap::redaction::{RedactionOptions, RedactionProfile};

/// What no profile but internal may show: contact details, notes, who recorded.
const PARTNER_SECRETS: [&str; 6] = [
    "zelda.quarrington@example.org",
    "613 555 0199",
    "custody hearing",
    "landlord threatens",
    "Okonkwo-Vance",
    "above the laundromat",
];

/// What public and workshop hide as well: the confidential partner, owners, descriptions
/// of people.
const PUBLIC_SECRETS: [&str; 3] = ["Quarrington", "Ambrose Tull", "hosts tenant meetings"];

const ZELDA: StakeholderId = StakeholderId(7);
const ANA: StakeholderId = StakeholderId(2);

fn date(text: &str) -> Date {
    text.parse().expect("date")
}

fn planted() -> Map {
    let mut map = Map::new("Maple Crossing");
    let mut zelda = Stakeholder::new(ZELDA, StakeholderKind::Partner, "Zelda Quarrington");
    zelda.confidential = true;
    zelda.description = "Lives above the laundromat".to_owned();
    zelda.contact = Some(Contact {
        person: "Zelda Quarrington".to_owned(),
        role: "Tenant rep".to_owned(),
        email: "zelda.quarrington@example.org".to_owned(),
        phone: "+1 613 555 0199".to_owned(),
    });
    zelda.position = Some(Position(150.0, 0.0));
    map.add_stakeholder(zelda).expect("fresh");
    let mut ana = Stakeholder::new(ANA, StakeholderKind::Partner, "Ana Ruiz");
    ana.description = "Retired teacher who hosts tenant meetings".to_owned();
    ana.contact = Some(Contact {
        person: "Ana Ruiz".to_owned(),
        role: String::new(),
        email: "ana@example.org".to_owned(),
        phone: String::new(),
    });
    ana.position = Some(Position(-150.0, 0.0));
    map.add_stakeholder(ana).expect("fresh");
    let mut cpc = Stakeholder::new(
        StakeholderId(3),
        StakeholderKind::Organisation,
        "Maple Crossing CPC",
    );
    cpc.position = Some(Position(0.0, 120.0));
    map.add_stakeholder(cpc).expect("fresh");
    let observation = |day: &str, strength: u8, note: &str| {
        let strength = Strength::new(strength).expect("a strength");
        Observation::new(date(day), strength, Tone::Positive)
            .with_note(note)
            .with_recorded_by("PC Okonkwo-Vance")
    };
    for (id, from, notes) in [(1, ZELDA, "Mentioned the custody hearing"), (2, ANA, "")] {
        let mut r = Relationship::new(
            RelationshipId(id),
            from,
            StakeholderId(3),
            RelationshipKind::Partnership,
        );
        r.owner = "Sgt. Ambrose Tull".to_owned();
        r.notes = notes.to_owned();
        r.observations.push(observation("2025-01-10", 2, ""));
        r.observations.push(observation(
            "2025-09-10",
            4,
            "Said the landlord threatens tenants",
        ));
        map.add_relationship(r).expect("ends exist");
    }
    map
}

/// Every piece of text the last frame painted: canvas labels, panels, tooltips, menus.
fn painted_text(harness: &Harness<'_, StakemapApp>) -> String {
    let mut text = String::new();
    for clipped in &harness.output().shapes {
        collect_text(&clipped.shape, &mut text);
    }
    text
}

fn collect_text(shape: &egui::Shape, text: &mut String) {
    match shape {
        egui::Shape::Text(t) => {
            text.push_str(&t.galley.job.text);
            text.push('\n');
        }
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect_text(s, text)),
        _ => {}
    }
}

fn assert_none_of(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{what} shows {secret:?}:\n{text}");
    }
}

#[test]
fn the_painted_window_under_the_workshop_profile_shows_nothing_private() {
    let mut harness = app_on(planted(), None);
    harness.state_mut().set_today(date("2026-11-28"));
    harness.state_mut().select(Selection::stakeholder(ANA));
    harness.run();
    // The test can fail: internal shows all of it.
    let everything = painted_text(&harness);
    assert!(everything.contains("Zelda Quarrington") && everything.contains("ana@example.org"));

    show_as(&mut harness, RedactionProfile::Workshop);
    harness.state_mut().select(Selection::stakeholder(ANA));
    harness.run();
    let shown = painted_text(&harness);
    assert!(
        shown.contains("Ana Ruiz"),
        "the map is still shown:\n{shown}"
    );
    assert_none_of("the workshop window", &shown, &PARTNER_SECRETS);
    assert_none_of("the workshop window", &shown, &PUBLIC_SECRETS);
    assert_none_of("the workshop window", &shown, &["ana@example.org"]);
    assert!(
        harness
            .state()
            .stakeholder_on_screen(&harness.ctx, ZELDA)
            .is_none(),
        "the confidential partner is not drawn"
    );
    assert!(
        harness
            .query_by_label_contains("Shown as for a workshop")
            .is_some(),
        "a badge says which profile is in force"
    );

    // Selecting what the profile hides selects nothing, and hovering the relationship of
    // the one left shows no owner.
    harness.state_mut().select(Selection::stakeholder(ZELDA));
    harness.run();
    assert_none_of("the inspector", &painted_text(&harness), &PUBLIC_SECRETS);
}

#[test]
fn edits_are_refused_while_the_map_is_shown_under_a_profile() {
    let mut harness = app_on(planted(), None);
    show_as(&mut harness, RedactionProfile::Partner);
    let before = harness.state().map().clone();
    harness.state_mut().select(Selection::stakeholder(ANA));
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert_eq!(*harness.state().map(), before, "nothing deleted");
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("Show it as Internal")),
        "the person is told why and how to edit"
    );
    // Shown, not edited: the inspector still leads from a stakeholder to its relationships.
    harness.state_mut().select(Selection::stakeholder(ANA));
    harness.run();
    harness
        .get_by_label_contains("Maple Crossing CPC · strength")
        .click();
    harness.run();
    assert_eq!(
        *harness.state().selection(),
        Selection::relationship(RelationshipId(2))
    );
    show_as(&mut harness, RedactionProfile::Internal);
    harness.state_mut().select(Selection::stakeholder(ANA));
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert!(harness.state().map().stakeholder(ANA).is_none());
}

#[test]
fn change_reports_for_the_public_in_every_format_leave_out_what_public_hides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app_on(planted(), None);
    harness.state_mut().set_today(date("2026-11-28"));
    harness.state_mut().push(Command::Compare(Some((
        Moment::Date(date("2025-02-01")),
        Moment::Date(date("2025-10-01")),
    ))));
    harness.run();
    for (profile, secrets) in [
        (RedactionProfile::Public, &PUBLIC_SECRETS[..]),
        (RedactionProfile::Partner, &PARTNER_SECRETS[..]),
    ] {
        for extension in ["md", "csv", "json"] {
            let path = dir.path().join(format!("{profile}.{extension}"));
            harness.state_mut().push(Command::SaveReport(profile));
            harness
                .state_mut()
                .push(Command::SaveReportTo(path.clone()));
            harness.run();
            harness.state_mut().push(Command::Escape); // the file dialog
            harness.run();
            let report = std::fs::read_to_string(&path).expect("the report is written");
            assert!(
                report.contains("Ana Ruiz"),
                "{profile} {extension}: the report says what changed:\n{report}"
            );
            assert_none_of(&format!("{profile} {extension} report"), &report, secrets);
            // The report says under which profile it was made and what that left out.
            match extension {
                "md" => assert!(
                    report.contains(&format!("{profile} profile left out")),
                    "{report}"
                ),
                "json" => assert!(
                    report.contains(&format!(r#""profile": "{profile}""#)),
                    "{report}"
                ),
                _ => {}
            }
            assert_none_of(
                &format!("{profile} {extension} report"),
                &report,
                &PARTNER_SECRETS,
            );
        }
    }
    // Internal keeps everything: the check above can fail.
    let path = dir.path().join("internal.md");
    harness
        .state_mut()
        .push(Command::SaveReport(RedactionProfile::Internal));
    harness
        .state_mut()
        .push(Command::SaveReportTo(path.clone()));
    harness.run();
    assert!(
        std::fs::read_to_string(&path)
            .expect("written")
            .contains("Zelda Quarrington")
    );
}

/// The text the window put on the system clipboard in the next frame.
fn copied(harness: &mut Harness<'_, StakemapApp>, command: Command) -> String {
    harness.state_mut().push(command);
    harness.step();
    let text = crate::common::clipboard_text(harness).expect("something was copied");
    harness.run();
    text
}

#[test]
fn copy_puts_only_what_partners_may_see_on_the_clipboard_unless_asked_for_everything() {
    let mut harness = app_on(planted(), None);
    harness
        .state_mut()
        .select(Selection::stakeholders(vec![ZELDA, ANA, StakeholderId(3)]));
    harness.run();
    let text = copied(&mut harness, Command::Copy);
    assert!(text.contains("Zelda Quarrington"), "partners see names");
    assert_none_of("the clipboard", &text, &PARTNER_SECRETS);
    assert!(
        harness
            .state()
            .messages()
            .any(|m| m.contains("Copy everything")),
        "the person learns how to copy everything"
    );
    let everything = copied(&mut harness, Command::CopyEverything);
    assert!(everything.contains("zelda.quarrington@example.org"));
    // Pasted back, the partner copy is a map of its own: names and strengths, no secrets.
    let pasted = stakemap::io::parse(&text, "clipboard").expect("clipboard text is a map");
    assert_eq!(pasted.stakeholder_count(), 3);
    assert_eq!(pasted.relationship_count(), 2);
}

#[test]
fn the_clipboard_never_gets_more_than_the_profile_shown() {
    let mut harness = app_on(planted(), None);
    for profile in [RedactionProfile::Public, RedactionProfile::Workshop] {
        show_as(&mut harness, profile);
        harness.state_mut().push(Command::SelectAll);
        harness.run();
        assert!(
            !harness.state().selection().stakeholders.contains(&ZELDA),
            "{profile}: select all selects only what is drawn"
        );
        // Even with the hidden one selected by other means.
        harness
            .state_mut()
            .select(Selection::stakeholders(vec![ZELDA, ANA, StakeholderId(3)]));
        harness.run();
        for command in [Command::Copy, Command::CopyEverything] {
            let text = copied(&mut harness, command.clone());
            assert_none_of(&format!("{profile} {command:?}"), &text, &PARTNER_SECRETS);
            assert_none_of(&format!("{profile} {command:?}"), &text, &PUBLIC_SECRETS);
        }
    }
}

#[test]
fn pictures_for_the_public_and_the_workshop_leave_out_what_they_hide() {
    let fonts = stakemap::io::drawing::fallback_fonts();
    let map = planted();
    for profile in [RedactionProfile::Public, RedactionProfile::Workshop] {
        let options = stakemap::io::drawing::PictureOptions::new(RedactionOptions::new(profile));
        let drawn = stakemap::io::drawing::draw(&map, &options, date("2026-11-28"), &fonts);
        assert!(
            drawn.svg.contains("Ana Ruiz"),
            "{profile}: the picture names Ana"
        );
        assert_none_of(&format!("{profile} picture"), &drawn.svg, &PUBLIC_SECRETS);
        assert_none_of(&format!("{profile} picture"), &drawn.svg, &PARTNER_SECRETS);
    }
    // Internal keeps everything: the check above can fail.
    let options = stakemap::io::drawing::PictureOptions::new(RedactionOptions::new(
        RedactionProfile::Internal,
    ));
    let drawn = stakemap::io::drawing::draw(&map, &options, date("2026-11-28"), &fonts);
    assert!(drawn.svg.contains("Zelda Quarrington"));
}
