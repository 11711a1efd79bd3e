//! The canvas's painter: the scene built by [`crate::style::scene`] turned into egui shapes,
//! one to one. Nothing here chooses a colour, a size or a position; the SVG writer
//! ([`crate::io::picture`]) is the other adapter of the same scene.

use crate::style::geometry::Rect as SceneRect;
use crate::style::scene::{BackdropItem, EdgePath, Scene, SceneLabel, SceneNode, TextMeasure};
use crate::style::{MarkGlyph, Rgba};
use egui::epaint::{CircleShape, PathShape, PathStroke, QuadraticBezierShape};
use egui::{Color32, FontId, Pos2, Shape, Stroke, Vec2};

/// An egui colour from the style's.
pub fn colour(rgba: Rgba) -> Color32 {
    let [r, g, b, a] = rgba.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Measures labels with the window's own fonts, through egui's galley cache (dropped with
/// the font atlas when a theme, font or scale change rebuilds it, so a label never points
/// into a stale atlas).
pub struct EguiMeasure<'a> {
    /// The context whose fonts draw the labels.
    pub ctx: &'a egui::Context,
}

impl TextMeasure for EguiMeasure<'_> {
    fn measure(&self, text: &str, px: f32) -> [f32; 2] {
        let size = self.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                crate::text::display_order(text).into_owned(),
                FontId::proportional(px),
                Color32::WHITE,
            )
            .size()
        });
        [size.x, size.y]
    }
}

/// How many straight pieces a curve is drawn with where egui needs points (dashes).
const CURVE_STEPS: usize = 12;

/// The shapes of a scene, placed with its top-left corner at `origin` (screen points).
pub fn shapes(ctx: &egui::Context, scene: &Scene, origin: Pos2) -> Vec<Shape> {
    let at = |[x, y]: [f32; 2]| Pos2::new(origin.x + x, origin.y + y);
    let mut out = Vec::with_capacity(
        1 + scene.backdrop.len()
            + 2 * scene.edges.len()
            + scene.nodes.len()
            + 3 * scene.labels.len(),
    );
    out.push(Shape::rect_filled(
        rect(
            &SceneRect::from_min_size([0.0, 0.0], scene.viewport),
            origin,
        ),
        0.0,
        colour(scene.background),
    ));
    // Texts on a halo go over the relationships, after them.
    let over = |item: &&BackdropItem| matches!(item, BackdropItem::Text { halo: Some(_), .. });
    for item in scene.backdrop.iter().filter(|i| !over(i)) {
        backdrop(ctx, item, origin, &mut out);
    }
    for e in &scene.edges {
        let stroke = Stroke::new(e.width, colour(e.colour));
        match e.path {
            EdgePath::Loop { centre, radius } => {
                out.push(Shape::circle_stroke(at(centre), radius, stroke));
            }
            EdgePath::Line(a, b) => match e.dash {
                Some((dash, gap)) => {
                    out.extend(Shape::dashed_line(&[at(a), at(b)], stroke, dash, gap));
                }
                None => out.push(Shape::line_segment([at(a), at(b)], stroke)),
            },
            EdgePath::Curve(a, c, b) => match e.dash {
                Some((dash, gap)) => {
                    let points: Vec<Pos2> = (0..=CURVE_STEPS)
                        .map(|i| at(quadratic([a, c, b], i as f32 / CURVE_STEPS as f32)))
                        .collect();
                    out.extend(Shape::dashed_line(&points, stroke, dash, gap));
                }
                None => out.push(
                    QuadraticBezierShape::from_points_stroke(
                        [at(a), at(c), at(b)],
                        false,
                        Color32::TRANSPARENT,
                        PathStroke::new(e.width, colour(e.colour)),
                    )
                    .into(),
                ),
            },
        }
        if let Some(head) = e.arrow {
            out.push(Shape::convex_polygon(
                head.iter().map(|&p| at(p)).collect(),
                colour(e.colour),
                Stroke::NONE,
            ));
        }
        if let Some(glyph) = &e.mark {
            mark(glyph, colour(e.colour), origin, &mut out);
        }
    }
    for item in scene.backdrop.iter().filter(over) {
        backdrop(ctx, item, origin, &mut out);
    }
    for n in &scene.nodes {
        node(n, origin, &mut out);
    }
    for leader in scene.labels.iter().filter_map(|l| l.leader) {
        out.push(Shape::line_segment(
            [at(leader.line[0]), at(leader.line[1])],
            Stroke::new(leader.width, colour(leader.colour)),
        ));
        out.push(Shape::circle_filled(
            at(leader.line[0]),
            leader.dot,
            colour(leader.colour),
        ));
    }
    for l in &scene.labels {
        label(ctx, l, origin, &mut out);
    }
    out
}

/// A scene's box on screen.
fn rect(r: &SceneRect, origin: Pos2) -> egui::Rect {
    egui::Rect::from_min_max(
        Pos2::new(origin.x + r.min[0], origin.y + r.min[1]),
        Pos2::new(origin.x + r.max[0], origin.y + r.max[1]),
    )
}

fn quadratic([p0, p1, p2]: [[f32; 2]; 3], t: f32) -> [f32; 2] {
    let u = 1.0 - t;
    [
        u * u * p0[0] + 2.0 * u * t * p1[0] + t * t * p2[0],
        u * u * p0[1] + 2.0 * u * t * p1[1] + t * t * p2[1],
    ]
}

/// The strokes and triangle of a line's mark.
pub fn mark(glyph: &MarkGlyph, c: Color32, origin: Pos2, out: &mut Vec<Shape>) {
    let at = |[x, y]: [f32; 2]| Pos2::new(origin.x + x, origin.y + y);
    let stroke = Stroke::new(glyph.stroke_width, c);
    for &[a, b] in &glyph.strokes {
        out.push(Shape::line_segment([at(a), at(b)], stroke));
    }
    if let Some(triangle) = glyph.triangle {
        out.push(Shape::convex_polygon(
            triangle.iter().map(|&p| at(p)).collect(),
            c,
            Stroke::NONE,
        ));
    }
}

/// A stakeholder's symbol, ring and pin mark.
fn node(n: &SceneNode, origin: Pos2, out: &mut Vec<Shape>) {
    let centre = Pos2::new(origin.x + n.centre[0], origin.y + n.centre[1]);
    let stroke = n
        .outline
        .map_or(Stroke::NONE, |(c, width)| Stroke::new(width, colour(c)));
    let mut points: Vec<Pos2> = crate::style::node_outline(n.shape, n.centre, n.radius)
        .into_iter()
        .map(|[x, y]| Pos2::new(origin.x + x, origin.y + y))
        .collect();
    // egui draws a circle with 32 to 128 points; at these sizes 8 or 16 look the same and
    // keep a map of tens of thousands of stakeholders within what the GPU takes.
    if points.is_empty() && n.radius < 16.0 {
        let count = if n.radius < 3.0 { 8 } else { 16 };
        points = (0..count)
            .map(|i| {
                centre + Vec2::angled(i as f32 * std::f32::consts::TAU / count as f32) * n.radius
            })
            .collect();
    }
    if points.is_empty() {
        out.push(
            CircleShape {
                center: centre,
                radius: n.radius,
                fill: colour(n.fill),
                stroke,
            }
            .into(),
        );
    } else {
        out.push(PathShape::convex_polygon(points, colour(n.fill), stroke).into());
    }
    if let Some((c, width, gap)) = n.ring {
        let stroke = Stroke::new(width, colour(c));
        let r = n.radius + gap;
        if n.pending {
            // Dashed: a closed polygon fine enough to read as a circle, cut in dashes.
            let points: Vec<Pos2> = (0..=48)
                .map(|i| {
                    let a = i as f32 * std::f32::consts::TAU / 48.0;
                    centre + egui::vec2(a.cos(), a.sin()) * r
                })
                .collect();
            out.extend(Shape::dashed_line(&points, stroke, 4.0, 3.0));
        } else {
            out.push(Shape::circle_stroke(centre, r, stroke));
        }
    }
    if let Some((head, tip, size, c)) = n.pin {
        let at = |[x, y]: [f32; 2]| Pos2::new(origin.x + x, origin.y + y);
        out.push(Shape::line_segment(
            [at(head), at(tip)],
            Stroke::new(1.5, colour(c)),
        ));
        out.push(Shape::circle_filled(at(head), size, colour(c)));
    }
}

/// A name on its halo.
fn label(ctx: &egui::Context, l: &SceneLabel, origin: Pos2, out: &mut Vec<Shape>) {
    let text_colour = colour(l.colour);
    let area = rect(&l.rect, origin);
    out.push(Shape::rect_filled(
        rect(&l.halo_box(), origin),
        l.halo_px / 2.0,
        colour(l.halo),
    ));
    let display = |text: &str| crate::text::display_order(text).into_owned();
    let (at, galley) = match l.break_at.and_then(|at| l.text.split_at_checked(at)) {
        // Two lines, each centred in the box: one galley, so the name stays one text.
        Some((first, second)) => {
            let mut job = egui::text::LayoutJob::simple(
                format!("{}\n{}", display(first.trim_end()), display(second)),
                FontId::proportional(l.size),
                text_colour,
                f32::INFINITY,
            );
            job.halign = egui::Align::Center;
            let galley = ctx.fonts_mut(|f| f.layout_job(job));
            (Pos2::new(area.center().x, area.min.y), galley)
        }
        None => (
            area.min,
            ctx.fonts_mut(|f| {
                f.layout_no_wrap(display(&l.text), FontId::proportional(l.size), text_colour)
            }),
        ),
    };
    out.push(egui::epaint::TextShape::new(at, galley, text_colour).into());
}

fn backdrop(ctx: &egui::Context, item: &BackdropItem, origin: Pos2, out: &mut Vec<Shape>) {
    let at = |[x, y]: [f32; 2]| Pos2::new(origin.x + x, origin.y + y);
    match item {
        BackdropItem::Area { rect: r, fill } => {
            out.push(Shape::rect_filled(rect(r, origin), 0.0, colour(*fill)));
        }
        BackdropItem::Frame { rect: r, colour: c } => out.push(Shape::rect_stroke(
            rect(r, origin),
            4.0,
            Stroke::new(1.0, colour(*c)),
            egui::StrokeKind::Inside,
        )),
        BackdropItem::Text {
            at: p,
            centred,
            text,
            size,
            colour: c,
            angle,
            halo,
        } => {
            let galley = ctx.fonts_mut(|f| {
                f.layout_no_wrap(text.clone(), FontId::proportional(*size), colour(*c))
            });
            if let (Some((fill, width)), true) = (halo, *centred) {
                let size = [galley.size().x, galley.size().y];
                let corners = crate::style::scene::turned_corners(*p, *angle, size, *width);
                out.push(Shape::convex_polygon(
                    corners.iter().map(|&c| at(c)).collect(),
                    colour(*fill),
                    Stroke::NONE,
                ));
            }
            let top_left = if *centred {
                // The bottom-centre at `p`, turned about it: egui turns a text about its
                // top-left corner.
                let [w, h] = [galley.size().x, galley.size().y];
                let (sin, cos) = angle.sin_cos();
                let [x, y] = [-w / 2.0, -h];
                at(*p) + Vec2::new(x * cos - y * sin, x * sin + y * cos)
            } else {
                at(*p)
            };
            out.push(
                egui::epaint::TextShape::new(top_left, galley, colour(*c))
                    .with_angle(*angle)
                    .into(),
            );
        }
        BackdropItem::Ring {
            centre,
            radius,
            width,
            colour: c,
        } => out.push(Shape::circle_stroke(
            at(*centre),
            *radius,
            Stroke::new(*width, colour(*c)),
        )),
        BackdropItem::Arrow {
            from,
            to,
            width,
            head,
            colour: c,
        } => {
            out.push(Shape::line_segment(
                [at(*from), at(*to)],
                Stroke::new(*width, colour(*c)),
            ));
            out.push(Shape::convex_polygon(
                head.iter().map(|&p| at(p)).collect(),
                colour(*c),
                Stroke::NONE,
            ));
        }
    }
}

/// The palette the window's theme calls for.
pub fn palette_for(visuals: &egui::Visuals) -> crate::style::Palette {
    if visuals.dark_mode {
        crate::style::Palette::DARK
    } else {
        crate::style::Palette::LIGHT
    }
}
