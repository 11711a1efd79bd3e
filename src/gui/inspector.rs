//! The inspector: every field of the selected stakeholder or relationship, editable.
//!
//! Fields edit a draft copy; the draft becomes one `Edit` (one undo step) when a text field
//! loses focus, or at once for a choice, a checkbox or a number. Values are checked where
//! they are typed: names may not be empty, strengths stay within 0-5, dates must be real.

use super::selection::{Selection, Single};
use crate::analysis;
use crate::edit::Edit;
use crate::model::{
    Date, Engagement, InteractionKind, Map, Observation, Relationship, RelationshipKind,
    STRENGTH_NAMES, SaraStage, Stakeholder, StakeholderKind, Tone,
};
use egui::{Grid, Response, RichText, Ui};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Display;

/// What the inspector asks the app to do.
#[derive(Debug)]
pub enum InspectorAction {
    /// Apply this edit (one undo step).
    Edit(Box<Edit>),
    /// Select something else (a linked stakeholder or relationship).
    Select(Selection),
}

impl InspectorAction {
    fn edit(edit: Edit) -> Self {
        Self::Edit(Box::new(edit))
    }
}

/// The inspector's drafts between frames.
#[derive(Default)]
pub struct Inspector {
    /// What counts as rising or cooling (set by the Needs attention panel).
    pub trend: analysis::TrendSettings,
    stakeholder: Option<Stakeholder>,
    relationship: Option<Relationship>,
    /// A text field holds a change not yet committed.
    typing: bool,
    new_tag: String,
    /// Dates as typed, by observation index, until they are valid.
    dates: HashMap<usize, String>,
}

/// Collects what the fields did this frame.
#[derive(Default)]
struct Outcome {
    changed_text: bool,
    commit: bool,
}

impl Outcome {
    fn text(&mut self, response: &Response) {
        self.changed_text |= response.changed();
        self.commit |= response.lost_focus();
    }

    fn choice(&mut self, changed: bool) {
        self.commit |= changed;
    }
}

impl Inspector {
    /// Shows the selection and returns what the user did.
    pub fn ui(&mut self, ui: &mut Ui, map: &Map, selection: &Selection) -> Vec<InspectorAction> {
        let mut actions = Vec::new();
        match selection.single() {
            None if selection.is_empty() => {
                self.stakeholder = None;
                self.relationship = None;
                ui.weak("Click a stakeholder or a relationship to see and edit it.");
            }
            None => {
                ui.label(format!(
                    "{} stakeholders and {} relationships selected",
                    selection.stakeholders.len(),
                    selection.relationships.len()
                ));
                ui.weak("Drag one of them to move them all; Delete removes them.");
            }
            Some(Single::Stakeholder(id)) => {
                if let Some(current) = map.stakeholder(id) {
                    self.stakeholder_ui(ui, map, current, &mut actions);
                }
            }
            Some(Single::Relationship(id)) => {
                if let Some(current) = map.relationship(id) {
                    self.relationship_ui(ui, map, current, &mut actions);
                }
            }
        }
        actions
    }

    fn stakeholder_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        current: &Stakeholder,
        actions: &mut Vec<InspectorAction>,
    ) {
        self.relationship = None;
        let stale = self.stakeholder.as_ref().is_none_or(|d| d.id != current.id);
        if stale || (!self.typing && self.stakeholder.as_ref() != Some(current)) {
            self.stakeholder = Some(current.clone());
            self.typing = false;
            self.new_tag.clear();
        }
        let Some(mut draft) = self.stakeholder.take() else {
            return;
        };
        ui.heading(&current.name);
        ui.label(format!("{} {}", current.kind, current.id));
        if current.confidential {
            ui.colored_label(ui.visuals().warn_fg_color, "Confidential");
        }
        ui.add_space(4.0);
        let mut out = Outcome::default();
        Grid::new("stakeholder_fields")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                out.choice(choice(ui, "Kind", &mut draft.kind, &StakeholderKind::ALL));
                out.text(&text(ui, "Name", &mut draft.name));
                out.text(&multiline(ui, "Description", &mut draft.description));
                out.text(&suggested(ui, "Sector", &mut draft.sector, || {
                    used(map.stakeholders().map(|s| &s.sector))
                }));
                out.text(&suggested(ui, "Area", &mut draft.area, || {
                    used(map.stakeholders().map(|s| &s.area))
                }));
                out.choice(tags(ui, &mut draft.tags, &mut self.new_tag, || {
                    used(map.stakeholders().flat_map(|s| s.tags.iter()))
                }));
                out.choice(score(ui, "Influence", &mut draft.influence));
                out.choice(score(ui, "Interest", &mut draft.interest));
                out.choice(optional_choice(
                    ui,
                    "Engagement now",
                    &mut draft.engagement,
                    &Engagement::ALL,
                ));
                out.choice(optional_choice(
                    ui,
                    "Engagement desired",
                    &mut draft.desired_engagement,
                    &Engagement::ALL,
                ));
                let mut contact = draft.contact.clone().unwrap_or_default();
                out.text(&text(ui, "Contact person", &mut contact.person));
                out.text(&text(ui, "Contact role", &mut contact.role));
                out.text(&text(ui, "Email", &mut contact.email));
                out.text(&text(ui, "Phone", &mut contact.phone));
                draft.contact = (contact != Default::default()).then_some(contact);
                out.choice(check(ui, "Confidential", &mut draft.confidential));
                if draft.kind == StakeholderKind::Issue || draft.sara_stage.is_some() {
                    out.choice(optional_choice(
                        ui,
                        "SARA stage",
                        &mut draft.sara_stage,
                        &SaraStage::ALL,
                    ));
                    out.choice(score(ui, "Priority", &mut draft.priority));
                }
                out.choice(check(ui, "Pinned", &mut draft.pinned));
            });
        self.typing |= out.changed_text;
        if out.commit {
            self.typing = false;
            if draft.name.trim().is_empty() {
                draft.name.clone_from(&current.name); // a stakeholder always has a name
            }
            if &draft != current {
                actions.push(InspectorAction::edit(Edit::UpdateStakeholder(
                    draft.clone(),
                )));
            }
        }
        self.stakeholder = Some(draft);

        ui.add_space(8.0);
        let relationships = map.relationships_of(current.id);
        ui.label(RichText::new(format!("Relationships ({})", relationships.len())).strong());
        for r in relationships {
            let other = if r.from() == current.id {
                r.to()
            } else {
                r.from()
            };
            let other_name = map.stakeholder(other).map_or("?", |o| o.name.as_str());
            let text = format!("{} · {} · strength {}", r.kind, other_name, r.strength());
            if ui.link(text).clicked() {
                actions.push(InspectorAction::Select(Selection::relationship(r.id)));
            }
        }
        ui.add_space(8.0);
        super::chart::stakeholder_chart(ui, map, current.id, Date::today());
    }

    fn relationship_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        current: &Relationship,
        actions: &mut Vec<InspectorAction>,
    ) {
        self.stakeholder = None;
        let stale = self
            .relationship
            .as_ref()
            .is_none_or(|d| d.id != current.id);
        if stale || (!self.typing && self.relationship.as_ref() != Some(current)) {
            self.relationship = Some(current.clone());
            self.typing = false;
            self.dates.clear();
        }
        let Some(mut draft) = self.relationship.take() else {
            return;
        };
        let name = |id| {
            map.stakeholder(id)
                .map_or(String::from("?"), |s| s.name.clone())
        };
        ui.heading(format!("{} {}", current.kind, current.id));
        ui.horizontal_wrapped(|ui| {
            if ui.link(name(current.from())).clicked() {
                actions.push(InspectorAction::Select(Selection::stakeholder(
                    current.from(),
                )));
            }
            ui.label(if current.directed { "to" } else { "and" });
            if ui.link(name(current.to())).clicked() {
                actions.push(InspectorAction::Select(Selection::stakeholder(
                    current.to(),
                )));
            }
        });
        ui.add_space(4.0);
        let mut out = Outcome::default();
        let strength = current.strength();
        Grid::new("relationship_fields")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                out.choice(choice(ui, "Kind", &mut draft.kind, &RelationshipKind::ALL));
                out.choice(check(ui, "Reads with a direction", &mut draft.directed));
                ui.label("Direction");
                if ui.button("Swap ends").clicked() {
                    let (from, to) = (draft.to(), draft.from());
                    draft.set_endpoints(from, to);
                    out.commit = true;
                }
                ui.end_row();
                out.text(&suggested(ui, "Owner", &mut draft.owner, || {
                    used(map.relationships().map(|r| &r.owner))
                }));
                out.text(&multiline(ui, "Notes", &mut draft.notes));
                let observed = if current.observations.is_empty() {
                    " (not yet observed)"
                } else {
                    ""
                };
                ui.label("Strength");
                ui.label(format!(
                    "{strength} {}{observed}",
                    STRENGTH_NAMES[usize::from(strength.min(5))]
                ));
                ui.end_row();
                ui.label("Tone");
                ui.label(current.tone().to_string());
                ui.end_row();
                let report = analysis::relationship_trend(current, Date::today(), &self.trend);
                ui.label("Trend");
                ui.add(egui::Label::new(format!("{:?}: {}", report.trend, report.reason)).wrap());
                ui.end_row();
            });
        self.typing |= out.changed_text;
        if out.commit {
            self.typing = false;
            // The observation log is edited one observation at a time below.
            draft.observations.clone_from(&current.observations);
            if &draft != current {
                actions.push(InspectorAction::edit(Edit::UpdateRelationship(
                    draft.clone(),
                )));
            }
        }
        self.relationship = Some(draft);
        ui.add_space(8.0);
        super::chart::relationship_chart(ui, current, Date::today());
        self.observations_ui(ui, current, actions);
    }

    fn observations_ui(
        &mut self,
        ui: &mut Ui,
        current: &Relationship,
        actions: &mut Vec<InspectorAction>,
    ) {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("Observations ({})", current.observations.len())).strong(),
            );
            if ui.button("Log an interaction...").clicked() {
                actions.push(InspectorAction::edit(Edit::AddObservation {
                    relationship: current.id,
                    observation: new_observation(current),
                }));
            }
        });
        // Newest first: what a planner looks for. Edits address the log as stored.
        let mut order: Vec<usize> = (0..current.observations.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse((current.observations[i].date, i)));
        for index in order {
            let stored = &current.observations[index];
            let mut o = stored.clone();
            let mut out = Outcome::default();
            let mut remove = false;
            ui.separator();
            ui.push_id(("observation", index), |ui| {
                ui.horizontal(|ui| {
                    let typed = self
                        .dates
                        .entry(index)
                        .or_insert_with(|| o.date.to_string());
                    let valid = typed.parse::<Date>();
                    let mut field = egui::TextEdit::singleline(typed).desired_width(90.0);
                    if valid.is_err() {
                        field = field.text_color(ui.visuals().error_fg_color);
                    }
                    let response = ui.add(field).on_hover_text("Date, YYYY-MM-DD");
                    if let Ok(date) = valid {
                        o.date = date;
                        out.text(&response);
                    }
                    out.choice(
                        ui.add(
                            egui::DragValue::new(&mut o.strength)
                                .range(0..=5)
                                .prefix("strength "),
                        )
                        .changed(),
                    );
                    out.choice(combo(ui, ("tone", index), &mut o.tone, &Tone::ALL));
                    out.choice(combo(
                        ui,
                        ("via", index),
                        &mut o.interaction,
                        &InteractionKind::ALL,
                    ));
                    remove = ui
                        .small_button("Delete")
                        .on_hover_text("Delete this observation")
                        .clicked();
                });
                ui.horizontal(|ui| {
                    out.text(
                        &ui.add(
                            egui::TextEdit::singleline(&mut o.note)
                                .hint_text("Note")
                                .desired_width(f32::INFINITY),
                        ),
                    );
                });
                ui.horizontal(|ui| {
                    ui.weak("Recorded by");
                    out.text(
                        &ui.add(
                            egui::TextEdit::singleline(&mut o.recorded_by).desired_width(160.0),
                        ),
                    );
                });
            });
            if remove {
                actions.push(InspectorAction::edit(Edit::RemoveObservation {
                    relationship: current.id,
                    index,
                }));
                self.dates.clear();
            } else if out.commit && &o != stored {
                actions.push(InspectorAction::edit(Edit::UpdateObservation {
                    relationship: current.id,
                    index,
                    observation: o,
                }));
                self.dates.clear();
            } else if out.changed_text {
                // Keep typed text (notes) across frames until it is committed.
                self.typing = true;
                if let Some(r) = self.relationship.as_mut()
                    && let Some(slot) = r.observations.get_mut(index)
                {
                    *slot = o;
                }
            }
        }
    }
}

/// A new observation: today, as strong and in the same tone as the last one.
pub fn new_observation(r: &Relationship) -> Observation {
    Observation {
        date: Date::today(),
        strength: r.strength(),
        tone: r.tone(),
        interaction: InteractionKind::Meeting,
        note: String::new(),
        recorded_by: r.owner.clone(),
    }
}

/// The distinct values the map already uses, sorted: offered as completions. Called only
/// while a field has focus, so no frame pays for a scan of the map it does not need.
fn used<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let set: BTreeSet<&String> = values.filter(|v| !v.trim().is_empty()).collect();
    set.into_iter().cloned().collect()
}

fn text(ui: &mut Ui, name: &str, value: &mut String) -> Response {
    let label = ui.label(name);
    let response = ui.text_edit_singleline(value).labelled_by(label.id);
    ui.end_row();
    response
}

fn multiline(ui: &mut Ui, name: &str, value: &mut String) -> Response {
    let label = ui.label(name);
    let response = ui
        .add(egui::TextEdit::multiline(value).desired_rows(2))
        .labelled_by(label.id);
    ui.end_row();
    response
}

/// A text field that offers values already used on the map that start with what is typed.
fn suggested(
    ui: &mut Ui,
    name: &str,
    value: &mut String,
    options: impl FnOnce() -> Vec<String>,
) -> Response {
    let label = ui.label(name);
    let response = ui
        .vertical(|ui| {
            let mut response = ui.text_edit_singleline(value).labelled_by(label.id);
            if response.has_focus() {
                let typed = value.to_lowercase();
                let options = options();
                let matches: Vec<&String> = options
                    .iter()
                    .filter(|o| o.to_lowercase().starts_with(&typed) && *o != value)
                    .take(5)
                    .collect();
                for option in matches {
                    if ui.small_button(option).clicked() {
                        value.clone_from(option);
                        response.mark_changed();
                    }
                }
            }
            response
        })
        .inner;
    ui.end_row();
    response
}

/// The tags as chips (click to remove) and a field to add one, with completion.
fn tags(
    ui: &mut Ui,
    tags: &mut Vec<String>,
    new_tag: &mut String,
    known: impl FnOnce() -> Vec<String>,
) -> bool {
    ui.label("Tags");
    let mut changed = false;
    ui.vertical(|ui| {
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (i, tag) in tags.iter().enumerate() {
                if ui
                    .small_button(format!("{tag} ×"))
                    .on_hover_text("Remove this tag")
                    .clicked()
                {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                tags.remove(i);
                changed = true;
            }
        });
        let field = ui.add(egui::TextEdit::singleline(new_tag).hint_text("Add tag"));
        let typed = new_tag.trim().to_lowercase();
        let mut add = None;
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !typed.is_empty()
        {
            add = Some(new_tag.trim().to_owned());
        }
        if field.has_focus() && !typed.is_empty() {
            let known = known();
            for option in known
                .iter()
                .filter(|t| t.to_lowercase().starts_with(&typed) && !tags.contains(t))
                .take(5)
            {
                if ui.small_button(option).clicked() {
                    add = Some(option.clone());
                }
            }
        }
        if let Some(tag) = add {
            if !tags.contains(&tag) {
                tags.push(tag);
                changed = true;
            }
            new_tag.clear();
        }
    });
    ui.end_row();
    changed
}

fn check(ui: &mut Ui, name: &str, value: &mut bool) -> bool {
    ui.label(name);
    let changed = ui.checkbox(value, "").changed();
    ui.end_row();
    changed
}

fn combo<T: Copy + PartialEq + Display>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: &[T],
) -> bool {
    let mut changed = false;
    egui::ComboBox::from_id_salt(id)
        .selected_text(value.to_string())
        .show_ui(ui, |ui| {
            for &option in options {
                changed |= ui
                    .selectable_value(value, option, option.to_string())
                    .changed();
            }
        });
    changed
}

fn choice<T: Copy + PartialEq + Display>(
    ui: &mut Ui,
    name: &str,
    value: &mut T,
    options: &[T],
) -> bool {
    ui.label(name);
    let changed = combo(ui, name, value, options);
    ui.end_row();
    changed
}

fn optional_choice<T: Copy + PartialEq + Display>(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<T>,
    options: &[T],
) -> bool {
    ui.label(name);
    let mut changed = false;
    egui::ComboBox::from_id_salt(name)
        .selected_text(value.map_or_else(|| "—".to_owned(), |v| v.to_string()))
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(value, None, "—").changed();
            for &option in options {
                changed |= ui
                    .selectable_value(value, Some(option), option.to_string())
                    .changed();
            }
        });
    ui.end_row();
    changed
}

/// A 1-5 score, or none.
fn score(ui: &mut Ui, name: &str, value: &mut Option<u8>) -> bool {
    optional_choice(ui, name, value, &[1, 2, 3, 4, 5])
}
