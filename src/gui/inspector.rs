//! The inspector: every field of the selected stakeholder or relationship (read-only here).

use super::Selection;
use crate::model::{Map, Relationship, STRENGTH_NAMES, Stakeholder};
use egui::{Grid, RichText, Ui};

/// Shows the selection; returns a new selection when the user clicks a linked item.
pub fn inspector_ui(ui: &mut Ui, map: &Map, selection: Selection) -> Option<Selection> {
    match selection {
        Selection::None => {
            ui.weak("Click a stakeholder or a relationship to see its details.");
            None
        }
        Selection::Stakeholder(id) => map.stakeholder(id).and_then(|s| stakeholder_ui(ui, map, s)),
        Selection::Relationship(id) => map
            .relationship(id)
            .and_then(|r| relationship_ui(ui, map, r)),
    }
}

fn row(ui: &mut Ui, name: &str, value: impl Into<String>) {
    let value = value.into();
    ui.label(name);
    if value.is_empty() {
        ui.weak("—");
    } else {
        ui.add(egui::Label::new(value).wrap());
    }
    ui.end_row();
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn stakeholder_ui(ui: &mut Ui, map: &Map, s: &Stakeholder) -> Option<Selection> {
    ui.heading(&s.name);
    ui.label(format!("{} {}", s.kind, s.id));
    if s.confidential {
        ui.colored_label(ui.visuals().warn_fg_color, "Confidential");
    }
    ui.add_space(4.0);
    Grid::new("stakeholder_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "Kind", s.kind.to_string());
            row(ui, "Name", &s.name);
            row(ui, "Description", &s.description);
            row(ui, "Sector", &s.sector);
            row(ui, "Area", &s.area);
            row(ui, "Tags", s.tags.join(", "));
            row(ui, "Influence", optional(s.influence));
            row(ui, "Interest", optional(s.interest));
            row(ui, "Engagement now", optional(s.engagement));
            row(ui, "Engagement desired", optional(s.desired_engagement));
            let contact = s.contact.clone().unwrap_or_default();
            row(ui, "Contact person", contact.person);
            row(ui, "Contact role", contact.role);
            row(ui, "Email", contact.email);
            row(ui, "Phone", contact.phone);
            row(
                ui,
                "Confidential",
                if s.confidential { "Yes" } else { "No" },
            );
            row(ui, "SARA stage", optional(s.sara_stage));
            row(ui, "Priority", optional(s.priority));
            row(
                ui,
                "Position",
                s.position
                    .map(|p| format!("{:.0}, {:.0}", p.0, p.1))
                    .unwrap_or_default(),
            );
            row(ui, "Pinned", if s.pinned { "Yes" } else { "No" });
        });
    ui.add_space(8.0);
    let relationships = map.relationships_of(s.id);
    ui.label(RichText::new(format!("Relationships ({})", relationships.len())).strong());
    let mut picked = None;
    for r in relationships {
        let other = if r.from() == s.id { r.to() } else { r.from() };
        let other_name = map.stakeholder(other).map_or("?", |o| o.name.as_str());
        let text = format!("{} · {} · strength {}", r.kind, other_name, r.strength());
        if ui.link(text).clicked() {
            picked = Some(Selection::Relationship(r.id));
        }
    }
    picked
}

fn relationship_ui(ui: &mut Ui, map: &Map, r: &Relationship) -> Option<Selection> {
    let name = |id| {
        map.stakeholder(id)
            .map_or(String::from("?"), |s| s.name.clone())
    };
    ui.heading(format!("{} {}", r.kind, r.id));
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        if ui.link(name(r.from())).clicked() {
            picked = Some(Selection::Stakeholder(r.from()));
        }
        ui.label(if r.directed { "to" } else { "and" });
        if ui.link(name(r.to())).clicked() {
            picked = Some(Selection::Stakeholder(r.to()));
        }
    });
    ui.add_space(4.0);
    let strength = r.strength();
    Grid::new("relationship_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "Kind", r.kind.to_string());
            row(ui, "From", name(r.from()));
            row(ui, "To", name(r.to()));
            row(
                ui,
                "Reads with a direction",
                if r.directed { "Yes" } else { "No" },
            );
            row(ui, "Owner", &r.owner);
            row(ui, "Notes", &r.notes);
            let observed = if r.observations.is_empty() {
                " (not yet observed)"
            } else {
                ""
            };
            row(
                ui,
                "Strength",
                format!(
                    "{strength} {}{observed}",
                    STRENGTH_NAMES[usize::from(strength.min(5))]
                ),
            );
            row(ui, "Tone", r.tone().to_string());
        });
    ui.add_space(8.0);
    ui.label(RichText::new(format!("Observations ({})", r.observations.len())).strong());
    let mut log: Vec<_> = r.observations.iter().collect();
    log.sort_by_key(|o| std::cmp::Reverse(o.date)); // newest first: what a planner looks for
    // One block an observation, not a wide table: the panel stays narrow and notes wrap.
    for o in log {
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.strong(o.date.to_string());
            let level = STRENGTH_NAMES[usize::from(o.strength.min(5))];
            ui.label(format!(
                "{} {level} · {} · {}",
                o.strength, o.tone, o.interaction
            ));
        });
        if !o.note.is_empty() {
            ui.add(egui::Label::new(&o.note).wrap());
        }
        if !o.recorded_by.is_empty() {
            ui.weak(format!("Recorded by {}", o.recorded_by));
        }
    }
    picked
}
