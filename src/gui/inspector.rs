//! The inspector: every field of the selected stakeholder or relationship (or, with nothing
//! selected, of the map), editable.
//!
//! Every text field goes through one binding, [`TextDraft`]: it shows the map's value,
//! except while the person types in it, when it shows what they typed; leaving the field
//! (Enter, Tab, a click elsewhere) turns the typed text into one edit of that one field,
//! built from the map as it is then; Esc goes back. So what is typed is never lost,
//! what a field shows after undo is the map's value, and focusing a field changes nothing.
//! Choices (kind, scores, tone, strength) apply at once, one edit each.

use super::command::{Command, Commands};
use super::selection::{Selection, Single};
use crate::analysis::{self, Trend};
use crate::edit::Edit;
use crate::model::{
    Date, Engagement, InteractionKind, Map, Observation, Relationship, RelationshipId,
    RelationshipKind, SaraStage, Score, Stakeholder, StakeholderId, StakeholderKind, Strength,
    Tone,
};
use egui::{Rect, Response, RichText, Ui};
use std::collections::BTreeSet;
use std::fmt::Display;

/// One text field of one item on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The map's title.
    Title,
    /// The map's description.
    MapDescription,
    /// A text field of a stakeholder.
    Stakeholder(StakeholderId, StakeholderText),
    /// A text field of a relationship.
    Relationship(RelationshipId, RelationshipText),
    /// A text field of an observation, by its index in the log as stored.
    Observation(RelationshipId, usize, ObservationText),
    /// The field that adds a tag to a stakeholder (bound to no value).
    NewTag(StakeholderId),
    /// A stakeholder's tags as one line, separated by commas (the table's cell).
    Tags(StakeholderId),
}

/// Separates tags in [`Field::Tags`].
const TAG_SEPARATOR: &str = ", ";

/// The tags in a line of text: split at commas, trimmed, without empty ones or repeats.
fn tags_in(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// The text fields of a stakeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StakeholderText {
    Name,
    Description,
    Sector,
    Area,
    ContactPerson,
    ContactRole,
    Email,
    Phone,
}

/// The text fields of a relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationshipText {
    Owner,
    Notes,
}

/// The text fields of an observation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObservationText {
    Date,
    Note,
    RecordedBy,
}

fn contact_field(contact: &mut crate::model::Contact, which: StakeholderText) -> &mut String {
    match which {
        StakeholderText::ContactPerson => &mut contact.person,
        StakeholderText::ContactRole => &mut contact.role,
        StakeholderText::Email => &mut contact.email,
        _ => &mut contact.phone,
    }
}

fn stakeholder_text(s: &mut Stakeholder, which: StakeholderText) -> Option<&mut String> {
    match which {
        StakeholderText::Name => Some(&mut s.name),
        StakeholderText::Description => Some(&mut s.description),
        StakeholderText::Sector => Some(&mut s.sector),
        StakeholderText::Area => Some(&mut s.area),
        _ => None,
    }
}

impl Field {
    /// The field's value on the map now; `None` when its item is gone.
    pub fn value(self, map: &Map) -> Option<String> {
        match self {
            Self::Title => Some(map.title.clone()),
            Self::MapDescription => Some(map.description.clone()),
            Self::Stakeholder(id, which) => {
                let mut s = map.stakeholder(id)?.clone();
                Some(match stakeholder_text(&mut s, which) {
                    Some(text) => text.clone(),
                    None => {
                        let mut contact = s.contact.unwrap_or_default();
                        contact_field(&mut contact, which).clone()
                    }
                })
            }
            Self::Relationship(id, which) => {
                let r = map.relationship(id)?;
                Some(match which {
                    RelationshipText::Owner => r.owner.clone(),
                    RelationshipText::Notes => r.notes.clone(),
                })
            }
            Self::Observation(id, index, which) => {
                let o = map.relationship(id)?.observations.get(index)?;
                Some(match which {
                    ObservationText::Date => o.date.to_string(),
                    ObservationText::Note => o.note.clone(),
                    ObservationText::RecordedBy => o.recorded_by.clone(),
                })
            }
            Self::NewTag(_) => Some(String::new()),
            Self::Tags(id) => Some(map.stakeholder(id)?.tags.join(TAG_SEPARATOR)),
        }
    }

    /// The edit that sets this field to `text` on the map as it is now: `Ok(None)` when
    /// nothing changes, `Err` with the reason when the text cannot be taken (an empty name,
    /// a day that is not on the calendar). Text is stored in Unicode NFC.
    pub fn edit(self, map: &Map, text: &str) -> Result<Option<Edit>, String> {
        let text = crate::model::normalise(text);
        if self.value(map).as_deref() == Some(text.as_str()) {
            return Ok(None);
        }
        let edit = match self {
            Self::Title => {
                if text.trim().is_empty() {
                    return Err("A map always has a title; the old one is kept.".to_owned());
                }
                Edit::SetTitle(text)
            }
            Self::MapDescription => Edit::SetDescription(text),
            Self::Stakeholder(id, which) => {
                let Some(mut s) = map.stakeholder(id).cloned() else {
                    return Ok(None);
                };
                if which == StakeholderText::Name && text.trim().is_empty() {
                    return Err(format!(
                        "A stakeholder always has a name; “{}” is kept.",
                        s.name
                    ));
                }
                match stakeholder_text(&mut s, which) {
                    Some(field) => *field = text,
                    None => {
                        let mut contact = s.contact.take().unwrap_or_default();
                        *contact_field(&mut contact, which) = text;
                        s.contact =
                            (contact != crate::model::Contact::default()).then_some(contact);
                    }
                }
                Edit::UpdateStakeholder(s)
            }
            Self::Relationship(id, which) => {
                let Some(mut r) = map.relationship(id).cloned() else {
                    return Ok(None);
                };
                match which {
                    RelationshipText::Owner => r.owner = text,
                    RelationshipText::Notes => r.notes = text,
                }
                Edit::UpdateRelationship(r)
            }
            Self::Observation(id, index, which) => {
                let Some(mut o) = map
                    .relationship(id)
                    .and_then(|r| r.observations.get(index))
                    .cloned()
                else {
                    return Ok(None);
                };
                match which {
                    ObservationText::Date => match text.trim().parse::<Date>() {
                        Ok(date) => o.date = date,
                        Err(e) => return Err(format!("{e}; the observation keeps {}.", o.date)),
                    },
                    ObservationText::Note => o.note = text,
                    ObservationText::RecordedBy => o.recorded_by = text,
                }
                Edit::UpdateObservation {
                    relationship: id,
                    index,
                    observation: o,
                }
            }
            Self::NewTag(id) => {
                let Some(mut s) = map.stakeholder(id).cloned() else {
                    return Ok(None);
                };
                let tag = text.trim().to_owned();
                if tag.is_empty() || s.tags.contains(&tag) {
                    return Ok(None);
                }
                s.tags.push(tag);
                Edit::UpdateStakeholder(s)
            }
            Self::Tags(id) => {
                let Some(mut s) = map.stakeholder(id).cloned() else {
                    return Ok(None);
                };
                let tags = tags_in(&text);
                if tags == s.tags {
                    return Ok(None); // only the spacing between them changed
                }
                s.tags = tags;
                Edit::UpdateStakeholder(s)
            }
        };
        Ok(Some(edit))
    }
}

/// How a bound field is drawn.
#[derive(Clone, Copy)]
pub(super) struct Look<'a> {
    multiline: bool,
    hint: &'a str,
    /// Checks the text as it is typed (drawn in the error colour when it fails).
    valid: Option<fn(&str) -> bool>,
    width: Option<f32>,
    /// Completions: values the map already uses, offered while the field has the keyboard.
    options: Option<&'a dyn Fn() -> Vec<String>>,
}

impl<'a> Look<'a> {
    pub(super) const LINE: Look<'static> = Look {
        multiline: false,
        hint: "",
        valid: None,
        width: None,
        options: None,
    };

    /// This look, offering completions.
    fn completing(self, options: &'a dyn Fn() -> Vec<String>) -> Self {
        Self {
            options: Some(options),
            ..self
        }
    }
    const LINES: Look<'static> = Look {
        multiline: true,
        ..Self::LINE
    };
}

/// The one text field being typed into, between frames.
pub struct TextDraft {
    /// Keeps the widget ids of this set of fields apart from another's showing the same
    /// field (the table's cell and the inspector's row for one stakeholder's sector).
    salt: &'static str,
    /// The field that has the keyboard, and what has been typed into it.
    typing: Option<(Field, String)>,
    /// Whether the field being typed into was drawn this frame.
    drawn: bool,
    /// Completions offered under the field last frame, where they were drawn.
    offered: Vec<(Rect, String)>,
    /// Give this field the keyboard on its next frame.
    focus: Option<Field>,
    /// Fields show the map but take no typing (the map is shown under a profile, or the
    /// window is read-only).
    pub read_only: bool,
}

impl Default for TextDraft {
    fn default() -> Self {
        Self::new("inspector_field")
    }
}

impl TextDraft {
    /// Fields whose widget ids are made with `salt`, apart from every other set's.
    pub fn new(salt: &'static str) -> Self {
        Self {
            salt,
            typing: None,
            drawn: false,
            offered: Vec::new(),
            focus: None,
            read_only: false,
        }
    }

    /// Draws the text field `field` of `map`, labelled by `label` (if not, the caller names
    /// it); pushes the edit when the person leaves it changed. `options` lists completions
    /// (values the map already uses).
    pub(super) fn show(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        field: Field,
        label: Option<egui::Id>,
        look: Look<'_>,
        commands: &mut Commands,
    ) -> Response {
        let id = egui::Id::new((self.salt, field));
        let mine = self.typing.as_ref().is_some_and(|(f, _)| *f == field);
        // A completion clicked: taken before the field sees the click and lets go.
        let picked = mine
            .then(|| {
                ui.input(|i| {
                    let press = i
                        .pointer
                        .press_origin()
                        .filter(|_| i.pointer.primary_pressed())?;
                    self.offered
                        .iter()
                        .find(|(rect, _)| rect.contains(press))
                        .map(|(_, text)| text.clone())
                })
            })
            .flatten();
        let mut buffer = match self.typing.take() {
            Some((f, text)) if f == field => text,
            other => {
                self.typing = other;
                field.value(map).unwrap_or_default()
            }
        };
        let valid = look.valid.is_none_or(|check| check(&buffer));
        let width = look.width.unwrap_or_else(|| ui.available_width());
        let mut edit = if look.multiline {
            egui::TextEdit::multiline(&mut buffer).desired_rows(2)
        } else {
            egui::TextEdit::singleline(&mut buffer)
        }
        .id(id)
        .hint_text(look.hint)
        .desired_width(width)
        .interactive(!self.read_only);
        if !valid {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        let mut response = ui.add(edit);
        if let Some(label) = label {
            response = response.labelled_by(label);
        }
        if self.focus == Some(field) {
            response.request_focus();
            self.focus = None;
        }
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if let Some(text) = picked {
            self.commit(map, field, &text, commands);
        } else if response.lost_focus() {
            if !escaped {
                self.commit(map, field, &buffer, commands);
                let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if entered && let Field::NewTag(_) = field {
                    // The next tag is typed straight after Enter: the field keeps the
                    // keyboard. Left by a click elsewhere, it lets go.
                    self.focus = Some(field);
                }
            }
        } else if response.has_focus() {
            self.typing = Some((field, buffer.clone()));
            self.drawn = true;
        }
        self.offer(ui, &response, &buffer, look.options);
        response
    }

    /// Shows completions that start with what is typed, while the field has the keyboard.
    fn offer(
        &mut self,
        ui: &mut Ui,
        response: &Response,
        typed: &str,
        options: Option<&dyn Fn() -> Vec<String>>,
    ) {
        let Some(options) = options.filter(|_| response.has_focus()) else {
            return;
        };
        self.offered.clear();
        let typed_folded = typed.to_lowercase();
        let matches: Vec<String> = options()
            .into_iter()
            .filter(|o| o.to_lowercase().starts_with(&typed_folded) && o != typed)
            .take(5)
            .collect();
        ui.horizontal_wrapped(|ui| {
            for option in matches {
                let rect = ui.small_button(&option).rect;
                self.offered.push((rect, option));
            }
        });
    }

    fn commit(&mut self, map: &Map, field: Field, text: &str, commands: &mut Commands) {
        self.typing = None;
        self.offered.clear();
        match field.edit(map, text) {
            Ok(Some(edit)) => commands.push(Command::edit(edit)),
            Ok(None) => {}
            Err(reason) => commands.push(Command::Say(reason)),
        }
    }

    /// Called once the inspector is drawn: a field that had the keyboard but is no longer
    /// drawn (the selection changed under it) is left, so what was typed is committed.
    pub(super) fn finish(&mut self, map: &Map, commands: &mut Commands) {
        if !self.drawn
            && let Some((field, text)) = self.typing.take()
        {
            self.commit(map, field, &text, commands);
        }
        self.drawn = false;
    }
}

/// The inspector's state between frames.
#[derive(Default)]
pub struct Inspector {
    /// What counts as rising or cooling (set by the Needs attention panel).
    pub trend: analysis::TrendSettings,
    text: TextDraft,
    /// After logging an interaction: give its note field the keyboard.
    focus_note: Option<(RelationshipId, Date)>,
}

impl Inspector {
    /// Shows the map without taking typing: set each frame from whether edits are refused.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.text.read_only = read_only;
    }
}

impl Inspector {
    /// Gives the note of the newest observation of `date` on `relationship` the keyboard
    /// once it is drawn (after Log interaction).
    pub fn focus_note(&mut self, relationship: RelationshipId, date: Date) {
        self.focus_note = Some((relationship, date));
    }

    /// Shows the selection; pushes what the person does.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        today: Date,
        map: &Map,
        selection: &Selection,
        commands: &mut Commands,
    ) {
        match selection.single() {
            None if selection.is_empty() => self.map_ui(ui, map, commands),
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
                    self.stakeholder_ui(ui, map, current, commands, today);
                }
            }
            Some(Single::Relationship(id)) => {
                if let Some(current) = map.relationship(id) {
                    self.relationship_ui(ui, map, current, commands, today);
                }
            }
        }
        self.text.finish(map, commands);
    }

    fn map_ui(&mut self, ui: &mut Ui, map: &Map, commands: &mut Commands) {
        ui.weak(if self.text.read_only {
            "Click a stakeholder or a relationship to see it."
        } else {
            "Click a stakeholder or a relationship to see and edit it."
        });
        ui.add_space(8.0);
        self.row(ui, map, "Map title", Field::Title, Look::LINE, commands);
        self.row(
            ui,
            map,
            "Map description",
            Field::MapDescription,
            Look::LINES,
            commands,
        );
    }

    /// A labelled text field of the selected item, on a row of its own.
    fn row(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        name: &str,
        field: Field,
        look: Look<'_>,
        commands: &mut Commands,
    ) {
        labelled(ui, name, |ui, label| {
            ui.vertical(|ui| {
                self.text.show(ui, map, field, Some(label), look, commands);
            });
        });
    }

    fn stakeholder_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        current: &Stakeholder,
        commands: &mut Commands,
        today: Date,
    ) {
        let id = current.id();
        ui.heading(crate::text::display_order(&current.name));
        ui.label(format!("{} {}", current.kind, current.id()));
        if current.confidential {
            ui.colored_label(ui.visuals().warn_fg_color, "Confidential");
        }
        ui.add_space(4.0);
        let field = |which| Field::Stakeholder(id, which);
        let mut draft = current.clone();
        let mut changed = false;
        changed |= choice(ui, "Kind", &mut draft.kind, &StakeholderKind::ALL);
        self.row(
            ui,
            map,
            "Name",
            field(StakeholderText::Name),
            Look::LINE,
            commands,
        );
        self.row(
            ui,
            map,
            "Description",
            field(StakeholderText::Description),
            Look::LINES,
            commands,
        );
        let sectors = || used(map.stakeholders().map(|s| &s.sector));
        self.row(
            ui,
            map,
            "Sector",
            field(StakeholderText::Sector),
            Look::LINE.completing(&sectors),
            commands,
        );
        let areas = || used(map.stakeholders().map(|s| &s.area));
        self.row(
            ui,
            map,
            "Area",
            field(StakeholderText::Area),
            Look::LINE.completing(&areas),
            commands,
        );
        changed |= self.tags_ui(ui, map, &mut draft, commands);
        changed |= score(ui, "Influence", &mut draft.influence);
        changed |= score(ui, "Interest", &mut draft.interest);
        changed |= optional_choice(
            ui,
            "Engagement now",
            &mut draft.engagement,
            &Engagement::ALL,
        );
        changed |= optional_choice(
            ui,
            "Engagement desired",
            &mut draft.desired_engagement,
            &Engagement::ALL,
        );
        for (name, which) in [
            ("Contact person", StakeholderText::ContactPerson),
            ("Contact role", StakeholderText::ContactRole),
            ("Email", StakeholderText::Email),
            ("Phone", StakeholderText::Phone),
        ] {
            self.row(ui, map, name, field(which), Look::LINE, commands);
        }
        changed |= ui
            .checkbox(&mut draft.confidential, "Confidential")
            .changed();
        if draft.kind == StakeholderKind::Issue || draft.sara_stage.is_some() {
            changed |= optional_choice(ui, "SARA stage", &mut draft.sara_stage, &SaraStage::ALL);
            changed |= score(ui, "Priority", &mut draft.priority);
        }
        changed |= ui
            .checkbox(&mut draft.pinned, "Pinned")
            .on_hover_text("Layouts leave a pinned stakeholder where it is (P)")
            .changed();
        if changed && &draft != current {
            commands.push(Command::edit(Edit::UpdateStakeholder(draft)));
        }

        ui.add_space(8.0);
        let relationships = map.relationships_of(id);
        ui.label(RichText::new(format!("Relationships ({})", relationships.len())).strong());
        for r in relationships {
            let other = if r.from() == id { r.to() } else { r.from() };
            let other_name = map.stakeholder(other).map_or("?", |o| o.name.as_str());
            let strength = strength_on(r, today);
            let text = format!("{} · {other_name} · strength {strength}", r.kind);
            if ui.link(text).clicked() {
                commands.push(Command::Select(Selection::relationship(r.id())));
            }
        }
        ui.add_space(8.0);
        super::chart::stakeholder_chart(ui, map, id, today);
    }

    /// The tags as chips (click to remove) and a field that adds one (Enter, or a
    /// completion). Returns whether a chip was removed (in `draft`).
    fn tags_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        draft: &mut Stakeholder,
        commands: &mut Commands,
    ) -> bool {
        let mut removed = false;
        let label = labelled(ui, "Tags", |ui, label| {
            ui.horizontal_wrapped(|ui| {
                let mut remove = None;
                for (i, tag) in draft.tags.iter().enumerate() {
                    if ui
                        .small_button(format!("{tag} ×"))
                        .on_hover_text("Remove this tag")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                }
                if let Some(i) = remove {
                    draft.tags.remove(i);
                    removed = true;
                }
            });
            label
        });
        let known = || used(map.stakeholders().flat_map(|s| s.tags.iter()));
        let look = Look {
            hint: "Add tag",
            ..Look::LINE
        };
        ui.horizontal(|ui| {
            ui.add_space(LABEL_WIDTH + ui.spacing().item_spacing.x);
            ui.vertical(|ui| {
                self.text.show(
                    ui,
                    map,
                    Field::NewTag(draft.id()),
                    Some(label),
                    look.completing(&known),
                    commands,
                );
            });
        });
        removed
    }

    fn relationship_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        current: &Relationship,
        commands: &mut Commands,
        today: Date,
    ) {
        let id = current.id();
        let name = |id| {
            map.stakeholder(id)
                .map_or(String::from("?"), |s| s.name.clone())
        };
        ui.heading(format!("{} {}", current.kind, current.id()));
        ui.horizontal_wrapped(|ui| {
            if ui.link(name(current.from())).clicked() {
                commands.push(Command::Select(Selection::stakeholder(current.from())));
            }
            ui.label(if current.directed { "to" } else { "and" });
            if ui.link(name(current.to())).clicked() {
                commands.push(Command::Select(Selection::stakeholder(current.to())));
            }
        });
        ui.add_space(4.0);
        let mut draft = current.clone();
        let mut changed = choice(ui, "Kind", &mut draft.kind, &RelationshipKind::ALL);
        changed |= ui
            .checkbox(&mut draft.directed, "Reads with a direction")
            .changed();
        if ui.button("Swap ends").clicked() {
            let (from, to) = (draft.to(), draft.from());
            draft.set_endpoints(from, to);
            changed = true;
        }
        if changed && &draft != current {
            commands.push(Command::edit(Edit::UpdateRelationship(draft)));
        }
        let owners = || used(map.relationships().map(|r| &r.owner));
        self.row(
            ui,
            map,
            "Owner",
            Field::Relationship(id, RelationshipText::Owner),
            Look::LINE.completing(&owners),
            commands,
        );
        self.row(
            ui,
            map,
            "Notes",
            Field::Relationship(id, RelationshipText::Notes),
            Look::LINES,
            commands,
        );
        let latest = current.latest_as_of(today);
        let strength = strength_on(current, today);
        let observed = if latest.is_none() {
            " (not yet observed)"
        } else {
            ""
        };
        ui.label(format!("Strength {strength} {}{observed}", strength.name()));
        ui.label(format!(
            "Tone {}",
            latest.map_or(crate::model::UNOBSERVED_TONE, |o| o.tone)
        ));
        let report = analysis::relationship_trend(current, today, &self.trend);
        ui.add(
            egui::Label::new(format!(
                "Trend: {}: {}",
                trend_name(report.trend),
                report.reason
            ))
            .wrap(),
        );
        ui.add_space(8.0);
        super::chart::relationship_chart(ui, current, today);
        self.observations_ui(ui, map, current, commands, today);
    }

    fn observations_ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        current: &Relationship,
        commands: &mut Commands,
        today: Date,
    ) {
        let id = current.id();
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("Observations ({})", current.observations.len())).strong(),
            );
            if ui
                .button("Log interaction")
                .on_hover_text("Add today's interaction at the last strength (L)")
                .clicked()
            {
                self.focus_note = Some((id, today));
                commands.push(Command::edit(Edit::AddObservation {
                    relationship: id,
                    observation: new_observation(current, today),
                }));
            }
        });
        // After Log interaction: the newest observation of that day gets the keyboard.
        let focus_index = match self.focus_note {
            Some((r, date)) if r == id => current.observations.iter().rposition(|o| o.date == date),
            _ => None,
        };
        if focus_index.is_some() {
            self.focus_note = None;
        }
        // Newest first: what a planner looks for. Edits address the log as stored.
        let mut order: Vec<usize> = (0..current.observations.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse((current.observations[i].date, i)));
        for index in order {
            let stored = &current.observations[index];
            let field = |which| Field::Observation(id, index, which);
            ui.separator();
            ui.push_id(("observation", index), |ui| {
                if stored.date > today {
                    ui.weak("Planned: counts from its day on");
                }
                ui.horizontal(|ui| {
                    let label = ui.label("Date");
                    let look = Look {
                        valid: Some(|t| t.trim().parse::<Date>().is_ok()),
                        width: Some(90.0),
                        ..Look::LINE
                    };
                    self.text
                        .show(
                            ui,
                            map,
                            field(ObservationText::Date),
                            Some(label.id),
                            look,
                            commands,
                        )
                        .on_hover_text("Date, YYYY-MM-DD");
                    if ui
                        .small_button("Delete")
                        .on_hover_text("Delete this observation")
                        .clicked()
                    {
                        commands.push(Command::edit(Edit::RemoveObservation {
                            relationship: id,
                            index,
                        }));
                    }
                });
                let mut o = stored.clone();
                let mut changed = false;
                changed |= labelled(ui, "Strength", |ui, label| {
                    combo(
                        ui,
                        ("strength", index),
                        &mut o.strength,
                        &Strength::ALL,
                        |s| format!("{s} {}", s.name()),
                    )
                    .labelled_by(label)
                    .changed()
                });
                changed |= labelled(ui, "Tone and via", |ui, label| {
                    let tone = combo(
                        ui,
                        ("tone", index),
                        &mut o.tone,
                        &Tone::ALL,
                        ToString::to_string,
                    )
                    .labelled_by(label)
                    .changed();
                    let via = combo(
                        ui,
                        ("via", index),
                        &mut o.interaction,
                        &InteractionKind::ALL,
                        ToString::to_string,
                    )
                    .labelled_by(label)
                    .changed();
                    tone || via
                });
                if changed && &o != stored {
                    commands.push(Command::edit(Edit::UpdateObservation {
                        relationship: id,
                        index,
                        observation: o,
                    }));
                }
                let note = field(ObservationText::Note);
                if focus_index == Some(index) {
                    self.text.focus = Some(note);
                }
                self.row(ui, map, "Note", note, Look::LINE, commands);
                self.row(
                    ui,
                    map,
                    "Recorded by",
                    field(ObservationText::RecordedBy),
                    Look::LINE,
                    commands,
                );
            });
        }
    }
}

/// A relationship's strength on a day: planned (future) observations do not count yet.
fn strength_on(r: &Relationship, day: Date) -> Strength {
    r.latest_as_of(day)
        .map_or(crate::model::UNOBSERVED_STRENGTH, |o| o.strength)
}

/// How a trend reads in the inspector.
fn trend_name(trend: Trend) -> &'static str {
    match trend {
        Trend::Rising => "rising",
        Trend::Steady => "steady",
        Trend::Cooling => "cooling",
    }
}

/// A new observation: `today`, as strong and in the same tone as the last one by then.
pub fn new_observation(r: &Relationship, today: Date) -> Observation {
    let last = r.latest_as_of(today);
    Observation::new(
        today,
        last.map_or(crate::model::UNOBSERVED_STRENGTH, |o| o.strength),
        last.map_or(crate::model::UNOBSERVED_TONE, |o| o.tone),
    )
    .with_recorded_by(r.owner.clone())
}

/// The distinct values the map already uses, sorted: offered as completions. Called only
/// while a field has the keyboard, so no frame pays for a scan of the map it does not need.
fn used<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let set: BTreeSet<&String> = values.filter(|v| !v.trim().is_empty()).collect();
    set.into_iter().cloned().collect()
}

/// A drop-down choice; its response is marked changed when a new value is chosen.
pub(super) fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: &[T],
    name: impl Fn(&T) -> String,
) -> Response {
    let mut changed = false;
    let mut response = egui::ComboBox::from_id_salt(id)
        .selected_text(name(value))
        .show_ui(ui, |ui| {
            for &option in options {
                changed |= ui.selectable_value(value, option, name(&option)).changed();
            }
        })
        .response;
    if changed {
        response.mark_changed();
    }
    response
}

fn choice<T: Copy + PartialEq + Display>(
    ui: &mut Ui,
    name: &str,
    value: &mut T,
    options: &[T],
) -> bool {
    labelled(ui, name, |ui, label| {
        let mut changed = false;
        egui::ComboBox::from_id_salt(name)
            .selected_text(value.to_string())
            .show_ui(ui, |ui| {
                for &option in options {
                    changed |= ui
                        .selectable_value(value, option, option.to_string())
                        .changed();
                }
            })
            .response
            .labelled_by(label);
        changed
    })
}

fn optional_choice<T: Copy + PartialEq + Display>(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<T>,
    options: &[T],
) -> bool {
    labelled(ui, name, |ui, label| {
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
            })
            .response
            .labelled_by(label);
        changed
    })
}

/// Width of the column of field names, in points.
const LABEL_WIDTH: f32 = 104.0;

/// A row: the field's name in a column of its own, then what `add` puts beside it (given
/// the name's id, to label it for screen readers and tests).
fn labelled<R>(ui: &mut Ui, name: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(LABEL_WIDTH, ui.spacing().interact_size.y),
            egui::Sense::hover(),
        );
        let label = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| ui.add(egui::Label::new(name).truncate()),
            )
            .inner;
        add(ui, label.id)
    })
    .inner
}

/// A score, or none.
fn score(ui: &mut Ui, name: &str, value: &mut Option<Score>) -> bool {
    optional_choice(ui, name, value, &Score::ALL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_edit_changes_that_field_of_the_map_as_it_is_now() {
        let map = crate::builtin::police_community();
        let r = map.relationships_by_id()[0].clone();
        let owner = Field::Relationship(r.id(), RelationshipText::Owner);
        let Ok(Some(Edit::UpdateRelationship(new))) = owner.edit(&map, "Owner Two") else {
            panic!("an owner edit");
        };
        assert_eq!(new.owner, "Owner Two");
        assert_eq!(new.notes, r.notes, "nothing else is touched");
        assert_eq!(
            owner.edit(&map, &r.owner),
            Ok(None),
            "unchanged text is no edit"
        );
    }

    #[test]
    fn names_and_dates_that_cannot_be_taken_are_refused_with_a_reason() {
        let map = crate::builtin::police_community();
        let s = map.stakeholders_by_id()[0];
        let name = Field::Stakeholder(s.id(), StakeholderText::Name);
        assert!(name.edit(&map, "   ").is_err());
        let r = map
            .relationships_by_id()
            .into_iter()
            .find(|r| !r.observations.is_empty())
            .expect("an observed relationship");
        let date = Field::Observation(r.id(), 0, ObservationText::Date);
        let refused = date.edit(&map, "2025-02-30").expect_err("not a day");
        assert!(refused.contains("2025-02-30"), "{refused}");
    }

    #[test]
    fn tags_in_one_line_are_split_at_commas_without_blanks_or_repeats() {
        let map = crate::builtin::police_community();
        let s = map
            .stakeholders_by_id()
            .into_iter()
            .find(|s| s.tags.len() >= 2)
            .expect("a stakeholder with tags")
            .clone();
        let tags = Field::Tags(s.id());
        let line = tags.value(&map).expect("a line");
        assert_eq!(line, s.tags.join(", "));
        assert_eq!(
            tags.edit(&map, &line.replace(", ", ",")),
            Ok(None),
            "spacing alone is no edit"
        );
        let Ok(Some(Edit::UpdateStakeholder(new))) = tags.edit(&map, " youth ,, schools, youth")
        else {
            panic!("a tags edit");
        };
        assert_eq!(new.tags, ["youth", "schools"]);
        assert_eq!(new.name, s.name, "nothing else is touched");
    }

    #[test]
    fn text_is_stored_in_nfc() {
        let map = crate::builtin::police_community();
        let s = map.stakeholders_by_id()[0];
        let name = Field::Stakeholder(s.id(), StakeholderText::Name);
        let Ok(Some(Edit::UpdateStakeholder(new))) = name.edit(&map, "Que\u{301}bec") else {
            panic!("a rename");
        };
        assert_eq!(new.name, "Qu\u{e9}bec");
    }
}
