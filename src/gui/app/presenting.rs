//! The window while the map is projected ([`crate::gui::present`]): a caption with the
//! map's title, the day shown and the view, the badge of the profile in force, and the
//! legend, all in the projector's light palette at sizes read from the back of a room.
//! Clicks on the canvas put a stakeholder in the spotlight instead of selecting it.

use super::StakemapApp;
use crate::gui::canvas::CanvasEvent;
use crate::gui::command::Command;
use crate::redaction::ConfidentialAs;
use crate::style::Palette;
use egui::{Panel, RichText, TextStyle, Ui};

/// Text sizes of the caption and legend on the wall, in points.
const TITLE_PX: f32 = 34.0;
const CAPTION_PX: f32 = 22.0;
const LEGEND_PX: f32 = 18.0;

impl StakemapApp {
    /// The caption above the map and the legend beside it.
    pub(super) fn presentation_panels_ui(&mut self, ui: &mut Ui) {
        let palette = Palette::PROJECTOR;
        let frame = egui::Frame::NONE
            .fill(crate::gui::scene_paint::colour(palette.background))
            .inner_margin(egui::Margin::symmetric(24, 12));
        let title = self.doc.map().title.clone();
        let (date, comparing) = self
            .view
            .shown
            .get()
            .map_or((self.today(), false), |s| (s.date, s.comparing));
        let day = if comparing {
            format!("Changes to {date}")
        } else if date == self.today() {
            format!("As of {date} (today)")
        } else {
            format!("As of {date}")
        };
        let layout = super::menus::layout_label(self.view.layouts.layout);
        let view = match self
            .view
            .saved_view
            .and_then(|i| self.doc.map().views.get(i))
        {
            Some(saved) => format!("{} ({layout})", saved.name),
            None => layout.to_owned(),
        };
        let options = self.redaction();
        let badge = match options.confidential_as {
            ConfidentialAs::Omitted => {
                "Workshop profile: no contact details or owners; confidential stakeholders left out"
            }
            ConfidentialAs::Placeholder => {
                "Workshop profile: no contact details or owners; confidential stakeholders anonymous"
            }
        };
        // Always one line, so the map never jumps when a spotlight comes or goes.
        let spotlight = self
            .view
            .presenting
            .as_ref()
            .and_then(|p| {
                let centre = p.spotlight?;
                let name = self.view.shown.get()?.map.stakeholder(centre)?.name.clone();
                Some(format!(
                    "Spotlight: {name}, {} step{} (+ and - change it, click empty space to clear)",
                    p.hops,
                    if p.hops == 1 { "" } else { "s" }
                ))
            })
            .unwrap_or_else(|| {
                "Click a stakeholder to put it in the spotlight · C captures a suggestion · → next view"
                    .to_owned()
            });
        Panel::top("presentation_caption")
            .frame(frame)
            .show(ui, |ui| {
                *ui.visuals_mut() = egui::Visuals::light();
                let text = crate::gui::scene_paint::colour(palette.text);
                let weak = crate::gui::scene_paint::colour(palette.weak_text);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(title).size(TITLE_PX).strong().color(text));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(
                            RichText::new("Esc leaves")
                                .size(CAPTION_PX * 0.7)
                                .color(weak),
                        );
                        ui.add_space(16.0);
                        egui::Frame::NONE
                            .stroke(egui::Stroke::new(2.0, text))
                            .corner_radius(6.0)
                            .inner_margin(egui::Margin::symmetric(10, 4))
                            .show(ui, |ui| {
                                ui.label(RichText::new(badge).size(CAPTION_PX * 0.75).color(text));
                            });
                    });
                });
                ui.label(
                    RichText::new(format!("{day} · {view}"))
                        .size(CAPTION_PX)
                        .color(weak),
                );
                ui.label(RichText::new(spotlight).size(CAPTION_PX * 0.8).color(text));
            });
        Panel::right("presentation_legend")
            .frame(frame)
            .resizable(false)
            .show(ui, |ui| {
                *ui.visuals_mut() = egui::Visuals::light();
                for style in [TextStyle::Body, TextStyle::Button] {
                    if let Some(font) = ui.style_mut().text_styles.get_mut(&style) {
                        font.size = LEGEND_PX;
                    }
                }
                self.legend_ui(ui, &palette);
            });
    }

    /// What a click on the projected canvas does: a stakeholder goes in the spotlight,
    /// empty space clears it; nothing else (no selection, no move, no new stakeholder).
    pub(super) fn presentation_events(&mut self, events: Vec<CanvasEvent>) {
        for event in events {
            let command = match event {
                CanvasEvent::StakeholderClicked { id, .. } => Command::Spotlight(Some(id)),
                CanvasEvent::BackgroundClicked { .. } => Command::Spotlight(None),
                _ => continue,
            };
            self.commands.push(command);
        }
    }
}
