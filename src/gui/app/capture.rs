//! Live capture: in a presentation, C opens a large input where the facilitator types a
//! stakeholder or a relationship the room suggests. It lands on the map at once as
//! *pending* ([`crate::model::Pending`]: the day and the workshop's name), drawn dashed,
//! until a planner accepts or rejects it in the Pending list of the side panel, outside
//! the presentation. Capture is the one change a presentation lets through.

use super::StakemapApp;
use crate::edit::Edit;
use crate::gui::command::Command;
use crate::model::{
    Pending, Position, Relationship, RelationshipId, RelationshipKind, Stakeholder, StakeholderId,
    StakeholderKind,
};
use egui::{RichText, Ui};

/// Text size in the capture box, points: read by the room as it is typed.
const CAPTURE_PX: f32 = 24.0;

/// What the capture box holds while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptureDraft {
    /// A relationship rather than a stakeholder.
    pub relationship: bool,
    /// The new stakeholder's name.
    pub name: String,
    /// Its kind.
    pub kind: StakeholderKind,
    /// The relationship's ends.
    pub from: Option<StakeholderId>,
    /// The other end.
    pub to: Option<StakeholderId>,
    /// Its kind.
    pub relationship_kind: RelationshipKind,
    /// The workshop, kept as provenance.
    pub workshop: String,
}

/// A suggestion captured in a workshop, to go on the map as pending.
#[derive(Clone, Debug, PartialEq)]
pub enum Captured {
    /// A stakeholder.
    Stakeholder {
        /// Its name.
        name: String,
        /// Its kind.
        kind: StakeholderKind,
        /// The workshop.
        workshop: String,
    },
    /// A relationship between two stakeholders on the map.
    Relationship {
        /// One end.
        from: StakeholderId,
        /// The other.
        to: StakeholderId,
        /// Its kind.
        kind: RelationshipKind,
        /// The workshop.
        workshop: String,
    },
}

/// A pending stakeholder or relationship, for the Pending list's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PendingItem {
    /// A stakeholder.
    Stakeholder(StakeholderId),
    /// A relationship.
    Relationship(RelationshipId),
}

impl StakemapApp {
    /// Opens the capture box, the workshop's name as last typed.
    pub(super) fn start_capture(&mut self) {
        if let Some(p) = self.view.presenting.as_mut() {
            p.capture = Some(CaptureDraft {
                relationship: false,
                name: String::new(),
                kind: StakeholderKind::Partner,
                from: None,
                to: None,
                relationship_kind: RelationshipKind::Partnership,
                workshop: self.prefs.workshop_name.clone(),
            });
        }
    }

    /// The capture box, when open: large, in the middle of the wall.
    pub(super) fn capture_ui(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self
            .view
            .presenting
            .as_ref()
            .and_then(|p| p.capture.clone())
        else {
            return;
        };
        let names: Vec<(StakeholderId, String)> = self
            .view
            .shown
            .get()
            .map(|s| {
                let mut v: Vec<_> = s
                    .map
                    .stakeholders()
                    .map(|s| (s.id(), s.name.clone()))
                    .collect();
                v.sort_by(|a, b| a.1.cmp(&b.1));
                v
            })
            .unwrap_or_default();
        let mut done: Option<bool> = None;
        // The projector's light look, whatever the window's theme: dark text on white,
        // large, with a strong border, read from the back of the room.
        let light = ctx.style_of(egui::Theme::Light);
        let frame = egui::Frame::window(&light)
            .stroke(egui::Stroke::new(3.0, egui::Color32::BLACK))
            .inner_margin(egui::Margin::same(20));
        egui::Window::new("What does the room suggest?")
            .title_bar(false)
            .frame(frame)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                *ui.visuals_mut() = egui::Visuals::light();
                for style in [egui::TextStyle::Body, egui::TextStyle::Button] {
                    if let Some(font) = ui.style_mut().text_styles.get_mut(&style) {
                        font.size = CAPTURE_PX;
                    }
                }
                ui.label(
                    RichText::new("What does the room suggest?")
                        .size(CAPTURE_PX * 1.25)
                        .strong()
                        .color(egui::Color32::BLACK),
                );
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut draft.relationship, false, "A stakeholder");
                    ui.selectable_value(&mut draft.relationship, true, "A relationship");
                });
                if draft.relationship {
                    end_ui(ui, "From", "capture_from", &names, &mut draft.from);
                    end_ui(ui, "To", "capture_to", &names, &mut draft.to);
                    egui::ComboBox::from_id_salt("capture_relationship_kind")
                        .selected_text(draft.relationship_kind.to_string())
                        .show_ui(ui, |ui| {
                            for kind in RelationshipKind::ALL {
                                ui.selectable_value(
                                    &mut draft.relationship_kind,
                                    kind,
                                    kind.to_string(),
                                );
                            }
                        });
                } else {
                    let label = ui.label("Name");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut draft.name)
                                .id_salt("capture_name")
                                .desired_width(520.0),
                        )
                        .labelled_by(label.id);
                    if !field.has_focus() && !field.lost_focus() && draft.name.is_empty() {
                        field.request_focus();
                    }
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        done = Some(true);
                    }
                    ui.horizontal(|ui| {
                        for kind in StakeholderKind::ALL {
                            ui.selectable_value(&mut draft.kind, kind, kind.to_string());
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let label = ui.label("Workshop");
                    ui.add(
                        egui::TextEdit::singleline(&mut draft.workshop)
                            .id_salt("capture_workshop")
                            .hint_text("Community Policing Forum")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    if ui.button("Add as pending").clicked() {
                        done = Some(true);
                    }
                    if ui.button("Cancel").clicked() {
                        done = Some(false);
                    }
                });
            });
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            done = Some(false);
        }
        let captured = match (done, draft.relationship) {
            (Some(true), false) if !draft.name.trim().is_empty() => Some(Captured::Stakeholder {
                name: draft.name.trim().to_owned(),
                kind: draft.kind,
                workshop: draft.workshop.trim().to_owned(),
            }),
            (Some(true), true) => match (draft.from, draft.to) {
                (Some(from), Some(to)) => Some(Captured::Relationship {
                    from,
                    to,
                    kind: draft.relationship_kind,
                    workshop: draft.workshop.trim().to_owned(),
                }),
                _ => None,
            },
            _ => None,
        };
        let close = done == Some(false) || captured.is_some();
        if let Some(captured) = captured {
            self.commands.push(Command::Capture(captured));
        }
        if let Some(p) = self.view.presenting.as_mut() {
            p.capture = if close { None } else { Some(draft) };
        }
    }

    /// Puts a captured suggestion on the map as pending, one undoable step. The one edit a
    /// presentation allows.
    pub(super) fn capture(&mut self, ctx: &egui::Context, captured: Captured) {
        let today = self.today();
        let pending = |workshop: String| Pending {
            date: today,
            workshop,
        };
        match captured {
            Captured::Stakeholder {
                name,
                kind,
                workshop,
            } => {
                self.prefs.workshop_name.clone_from(&workshop);
                let id = self.doc.map().next_stakeholder_id();
                let mut s = Stakeholder::new(id, kind, name);
                s.pending = Some(pending(workshop));
                let at = self
                    .view
                    .canvas
                    .camera(ctx)
                    .map_or(Position(0.0, 0.0), |(centre, _)| centre);
                s.position = Some(self.free_spot(at, &s.name, None));
                self.apply(Edit::AddStakeholder(s));
            }
            Captured::Relationship {
                from,
                to,
                kind,
                workshop,
            } => {
                self.prefs.workshop_name.clone_from(&workshop);
                let id = self.doc.map().next_relationship_id();
                let mut r = Relationship::new(id, from, to, kind);
                r.pending = Some(pending(workshop));
                self.apply(Edit::AddRelationship(r));
            }
        }
    }

    /// Accepts (keeps as an ordinary item) or rejects (removes) a pending suggestion.
    pub(super) fn settle_pending(&mut self, item: PendingItem, accept: bool) {
        let map = self.doc.map();
        let edit = match (item, accept) {
            (PendingItem::Stakeholder(id), true) => map.stakeholder(id).map(|s| {
                let mut s = s.clone();
                s.pending = None;
                Edit::UpdateStakeholder(s)
            }),
            (PendingItem::Stakeholder(id), false) => Some(Edit::RemoveStakeholder(id)),
            (PendingItem::Relationship(id), true) => map.relationship(id).map(|r| {
                let mut r = r.clone();
                r.pending = None;
                Edit::UpdateRelationship(r)
            }),
            (PendingItem::Relationship(id), false) => Some(Edit::RemoveRelationship(id)),
        };
        if let Some(edit) = edit {
            self.apply(edit);
        }
    }

    /// The Pending section of the side panel: what workshops suggested, each with where
    /// and when, to accept or reject.
    pub(super) fn pending_ui(&mut self, ui: &mut Ui) {
        let map = self.doc.map();
        let mut items: Vec<(PendingItem, String, Pending)> = map
            .stakeholders_by_id()
            .into_iter()
            .filter_map(|s| {
                let p = s.pending.clone()?;
                Some((PendingItem::Stakeholder(s.id()), s.name.clone(), p))
            })
            .collect();
        items.extend(map.relationships_by_id().into_iter().filter_map(|r| {
            let p = r.pending.clone()?;
            Some((
                PendingItem::Relationship(r.id()),
                map.relationship_name(r, false),
                p,
            ))
        }));
        if items.is_empty() {
            return;
        }
        egui::CollapsingHeader::new(format!("Pending ({})", items.len()))
            .id_salt("pending")
            .default_open(true)
            .show(ui, |ui| {
                for (item, name, pending) in items {
                    ui.label(RichText::new(&name).strong());
                    let from = if pending.workshop.is_empty() {
                        format!("suggested on {}", pending.date)
                    } else {
                        format!("suggested at {} on {}", pending.workshop, pending.date)
                    };
                    ui.weak(from);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Accept")
                            .on_hover_text(format!("Keep {name} on the map"))
                            .clicked()
                        {
                            self.commands.push(Command::AcceptPending(item));
                        }
                        if ui
                            .button("Reject")
                            .on_hover_text(format!("Take {name} off the map"))
                            .clicked()
                        {
                            self.commands.push(Command::RejectPending(item));
                        }
                    });
                }
            });
    }
}

/// A drop-down of the stakeholders on the map, for one end of a relationship.
fn end_ui(
    ui: &mut Ui,
    label: &str,
    id: &str,
    names: &[(StakeholderId, String)],
    end: &mut Option<StakeholderId>,
) {
    ui.horizontal(|ui| {
        let text = ui.label(label);
        let shown = end
            .and_then(|id| names.iter().find(|(i, _)| *i == id))
            .map_or("choose…".to_owned(), |(_, n)| n.clone());
        egui::ComboBox::from_id_salt(id)
            .selected_text(shown)
            .width(480.0)
            .show_ui(ui, |ui| {
                for (sid, name) in names {
                    ui.selectable_value(end, Some(*sid), name);
                }
            })
            .response
            .labelled_by(text.id);
    });
}
