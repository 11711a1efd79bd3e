//! The legend panel: [`crate::style::legend`]'s list drawn with egui, the same list the
//! exported picture draws, so the two never say different things.

use super::scene_paint::{colour, mark};
use crate::style::encoding::Encoded;
use crate::style::legend::{Symbol, legend};
use crate::style::{self, Palette, Tokens, arrowhead, mark_glyph};
use egui::{Pos2, Sense, Shape, Stroke, Ui, Vec2};

/// The legend; while comparing, the change colours replace the tones; `encoded` says what
/// size and colour show when not influence and kind; a view of rings round the stakeholder
/// named `rings` says what a ring is and round whom.
pub fn legend_ui(
    ui: &mut Ui,
    comparing: bool,
    encoded: &Encoded,
    rings: Option<&str>,
    palette: &Palette,
) {
    let text = colour(palette.text);
    let legend = legend(comparing, encoded, rings);
    for (i, section) in legend.sections.iter().enumerate() {
        if i > 0 {
            ui.add_space(4.0);
        }
        ui.label(egui::RichText::new(&section.heading).strong());
        let entries = |ui: &mut Ui| {
            for entry in &section.entries {
                ui.horizontal(|ui| {
                    symbol_ui(ui, &entry.symbol, palette);
                    ui.label(egui::RichText::new(&entry.text).color(text));
                });
            }
        };
        if section.in_a_row {
            ui.horizontal(|ui| entries(ui));
        } else {
            entries(ui);
        }
    }
    ui.add(egui::Label::new(egui::RichText::new(legend.note).weak()).wrap());
}

/// A legend entry's little picture.
fn symbol_ui(ui: &mut Ui, symbol: &Symbol, palette: &Palette) {
    match *symbol {
        Symbol::Node {
            shape,
            fill,
            radius,
        } => {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(2.0 * radius + 2.0), Sense::hover());
            let outline = if fill.is_some() {
                palette.symbol_outline
            } else {
                palette.text
            };
            paint_node_symbol(ui, rect, shape, fill, outline, radius);
        }
        Symbol::Line {
            width,
            colour: line_colour,
            dashed,
            mark: m,
            arrow,
        } => {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(36.0, 16.0), Sense::hover());
            let c = colour(line_colour.unwrap_or(palette.text));
            let stroke = Stroke::new(width.max(1.0), c);
            let (a, b) = (rect.left_center(), rect.right_center());
            let painter = ui.painter();
            if dashed {
                let (dash, gap) = Tokens::SCREEN.dash_px;
                painter.extend(Shape::dashed_line(&[a, b], stroke, dash, gap));
            } else {
                painter.line_segment([a, b], stroke);
            }
            let mut shapes = Vec::new();
            if arrow {
                let head = arrowhead([b.x, b.y], [1.0, 0.0], Tokens::SCREEN.min_arrow_px);
                shapes.push(Shape::convex_polygon(
                    head.iter().map(|&[x, y]| Pos2::new(x, y)).collect(),
                    c,
                    Stroke::NONE,
                ));
            }
            let middle = rect.center();
            let glyph = mark_glyph(m, [middle.x, middle.y], [1.0, 0.0], width.min(2.0));
            mark(&glyph, c, Pos2::ZERO, &mut shapes);
            painter.extend(shapes);
        }
        Symbol::Ring { radius } => {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(2.0 * radius + 2.0), Sense::hover());
            let painter = ui.painter();
            painter.circle_stroke(
                rect.center(),
                radius,
                Stroke::new(1.0, colour(palette.weak_text)),
            );
            painter.circle_filled(rect.center(), 1.5, colour(palette.text));
        }
    }
}

/// Paints a stakeholder's symbol in a list or legend; `fill` `None` draws the outline only.
pub fn paint_node_symbol(
    ui: &Ui,
    rect: egui::Rect,
    shape: style::NodeShape,
    fill: Option<style::Rgba>,
    outline: style::Rgba,
    r: f32,
) {
    let stroke = Stroke::new(1.0, colour(outline));
    let fill = fill.map_or(egui::Color32::TRANSPARENT, colour);
    let c = rect.center();
    let points: Vec<Pos2> = style::node_outline(shape, [c.x, c.y], r)
        .into_iter()
        .map(|[x, y]| Pos2::new(x, y))
        .collect();
    if points.is_empty() {
        ui.painter().circle(c, r, fill, stroke);
    } else {
        ui.painter().add(egui::epaint::PathShape::convex_polygon(
            points, fill, stroke,
        ));
    }
}
