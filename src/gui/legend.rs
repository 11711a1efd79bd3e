//! The legend: what shapes, colours, sizes, widths and arrows mean.

use super::shapes::{colour, mark_shapes, paint_node_symbol};
use crate::model::{StakeholderKind, Strength, Tone};
use crate::style::{self, Change, ToneMark};
use egui::{Sense, Stroke, Ui, Vec2};

/// The legend; while comparing, the change colours replace the tones.
pub fn legend_ui(ui: &mut Ui, comparing: bool) {
    ui.label(egui::RichText::new("Kinds").strong());
    for kind in StakeholderKind::ALL {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(16.0), Sense::hover());
            paint_node_symbol(
                ui,
                rect,
                style::node_shape(kind),
                style::node_colour(kind),
                7.0,
            );
            ui.label(kind.to_string());
        });
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Size is influence").strong());
    ui.horizontal(|ui| {
        for level in style::LEGEND_INFLUENCE {
            let r = style::node_radius(Some(level)) * 0.5;
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(2.0 * r + 2.0), Sense::hover());
            ui.painter().circle_stroke(
                rect.center(),
                r,
                Stroke::new(1.0, ui.visuals().text_color()),
            );
            ui.label(level.to_string());
        }
    });
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Width is strength").strong());
    for strength in Strength::ALL.into_iter().rev() {
        ui.horizontal(|ui| {
            line_sample(
                ui,
                style::edge_width(strength),
                ui.visuals().text_color(),
                ToneMark::None,
            );
            ui.label(format!("{strength} {}", strength.name()));
        });
    }
    ui.add_space(4.0);
    if comparing {
        ui.label(egui::RichText::new("Colour is change").strong());
        for change in Change::ALL {
            ui.horizontal(|ui| {
                line_sample(
                    ui,
                    3.0,
                    colour(style::change_colour(change)),
                    style::change_mark(change),
                );
                ui.label(change.label());
            });
        }
    } else {
        ui.label(egui::RichText::new("Colour is tone").strong());
        for tone in Tone::ALL {
            ui.horizontal(|ui| {
                line_sample(
                    ui,
                    3.0,
                    colour(style::edge_colour(tone)),
                    style::tone_mark(tone),
                );
                ui.label(tone.to_string());
            });
        }
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(36.0, 12.0), Sense::hover());
            let (dash, gap) = style::COOLING_DASH;
            ui.painter().extend(egui::Shape::dashed_line(
                &[rect.left_center(), rect.right_center()],
                Stroke::new(2.0, ui.visuals().text_color()),
                dash,
                gap,
            ));
            ui.label("Cooling");
        });
    }
    ui.add(
        egui::Label::new(
            egui::RichText::new(
                "Colours stay apart for colour-blind viewers; marks on the lines say the same.",
            )
            .weak(),
        )
        .wrap(),
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(36.0, 12.0), Sense::hover());
        ui.painter().arrow(
            rect.left_center(),
            Vec2::new(rect.width(), 0.0),
            Stroke::new(2.0, ui.visuals().text_color()),
        );
        ui.label("Reads with a direction");
    });
}

fn line_sample(ui: &mut Ui, width: f32, colour: egui::Color32, mark: ToneMark) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(36.0, 16.0), Sense::hover());
    ui.painter().line_segment(
        [rect.left_center(), rect.right_center()],
        Stroke::new(width.max(1.0), colour),
    );
    ui.painter().extend(mark_shapes(
        mark,
        rect.center(),
        Vec2::X,
        width.min(2.0),
        colour,
    ));
}
