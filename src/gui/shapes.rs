//! How stakeholders and relationships are painted on the canvas: a shape per kind, size by
//! influence, width by strength, colour by tone, arrows on directed relationships, and
//! labels in whole-pixel sizes that disappear when too small to read.

use super::view_model::{RelationshipEdge, StakeholderNode};
use crate::style::{self, NodeShape, Rgba, ToneMark};
use egui::epaint::{CircleShape, PathShape, PathStroke, TextShape};
use egui::{Color32, FontId, Galley, Pos2, Shape, Stroke, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;
use std::sync::Arc;

pub fn colour(rgba: Rgba) -> Color32 {
    let [r, g, b, a] = rgba.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The outline of a shape of "radius" `r` around `c`, in screen space.
fn outline(shape: NodeShape, c: Pos2, r: f32) -> Vec<Pos2> {
    let polygon = |n: usize, start: f32| -> Vec<Pos2> {
        (0..n)
            .map(|i| {
                let a = start + i as f32 * std::f32::consts::TAU / n as f32;
                c + Vec2::angled(a) * r
            })
            .collect()
    };
    match shape {
        NodeShape::Circle => Vec::new(),
        // A square of the same area as the circle reads as the same size.
        NodeShape::Square => {
            let h = r * 0.886;
            vec![
                c + Vec2::new(-h, -h),
                c + Vec2::new(h, -h),
                c + Vec2::new(h, h),
                c + Vec2::new(-h, h),
            ]
        }
        NodeShape::Diamond => polygon(4, -std::f32::consts::FRAC_PI_2)
            .into_iter()
            .map(|p: Pos2| c + (p - c) * 1.15)
            .collect(),
        NodeShape::Hexagon => polygon(6, 0.0),
    }
}

/// Paints the symbol of a shape in a legend or list.
pub fn paint_node_symbol(ui: &egui::Ui, rect: egui::Rect, shape: NodeShape, fill: Rgba, r: f32) {
    let stroke = Stroke::new(1.0, ui.visuals().window_stroke.color);
    let points = outline(shape, rect.center(), r);
    if points.is_empty() {
        ui.painter().circle(rect.center(), r, colour(fill), stroke);
    } else {
        ui.painter()
            .add(PathShape::convex_polygon(points, colour(fill), stroke));
    }
}

/// The mark a line carries at its middle (`along` is the line's direction there), drawn in
/// the line's colour so it reads in grey print too.
pub fn mark_shapes(
    mark: ToneMark,
    middle: Pos2,
    along: Vec2,
    width: f32,
    colour: Color32,
) -> Vec<Shape> {
    let across = along.rot90();
    let size = (width * 2.0).max(7.0);
    let stroke = Stroke::new(width.clamp(1.5, 3.0), colour);
    match mark {
        ToneMark::None => Vec::new(),
        ToneMark::Ticks => [-1.0, 1.0]
            .into_iter()
            .map(|side| {
                let c = middle + along * side * size * 0.45;
                Shape::line_segment([c - across * size, c + across * size], stroke)
            })
            .collect(),
        ToneMark::Plus => vec![
            Shape::line_segment([middle - across * size, middle + across * size], stroke),
            Shape::line_segment([middle - along * size, middle + along * size], stroke),
        ],
        ToneMark::Up | ToneMark::Down => {
            // Up and down on the page, whichever way the line runs.
            let up = if mark == ToneMark::Up { -1.0 } else { 1.0 };
            let tip = middle + Vec2::new(0.0, up * size);
            let base = middle - Vec2::new(0.0, up * size * 0.6);
            vec![Shape::convex_polygon(
                vec![
                    tip,
                    base + Vec2::new(size * 0.9, 0.0),
                    base - Vec2::new(size * 0.9, 0.0),
                ],
                colour,
                Stroke::NONE,
            )]
        }
    }
}

/// A pin drawn at the top right of a pinned stakeholder: a head and a needle.
fn pin_mark(centre: Pos2, radius: f32, colour: Color32) -> [Shape; 2] {
    let head = centre + Vec2::new(radius * 0.75, -radius * 0.75);
    let size = (radius * 0.35).clamp(3.0, 7.0);
    let tip = head + Vec2::new(-size, size) * 1.4;
    [
        Shape::line_segment([head, tip], Stroke::new(1.5, colour)),
        Shape::circle_filled(head, size * 0.6, colour),
    ]
}

/// A stakeholder on the canvas.
#[derive(Clone, Debug)]
pub struct StakeholderShape {
    pos: Pos2,
    node: StakeholderNode,
    label: String,
    selected: bool,
    hovered: bool,
    dragged: bool,
}

/// Below this radius on screen, a stakeholder is drawn as a plain dot.
const TINY_PX: f32 = 3.0;

/// At most this many dashes on one dashed line: a long line gets longer dashes rather
/// than thousands of tiny shapes.
const MAX_DASHES: f32 = 12.0;

impl From<NodeProps<StakeholderNode>> for StakeholderShape {
    fn from(props: NodeProps<StakeholderNode>) -> Self {
        Self {
            pos: props.location(),
            node: props.payload,
            label: props.label,
            selected: props.selected,
            hovered: props.hovered,
            dragged: props.dragged,
        }
    }
}

impl DisplayNode<StakeholderNode, RelationshipEdge, Directed, DefaultIx> for StakeholderShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let dir = dir.normalized();
        let r = self.node.radius;
        let scale = match self.node.shape {
            NodeShape::Circle | NodeShape::Hexagon => 1.0,
            NodeShape::Square => 0.886 / dir.x.abs().max(dir.y.abs()).max(1e-3),
            NodeShape::Diamond => 1.15 / (dir.x.abs() + dir.y.abs()).max(1e-3),
        };
        self.pos + dir * r * scale
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let centre = ctx.meta.canvas_to_screen_pos(self.pos);
        let radius = ctx.meta.canvas_to_screen_size(self.node.radius);
        // Off screen: nothing to draw (the margin keeps a label whose node is just off).
        let margin = radius + 4.0 * style::MAX_LABEL_PX;
        if !ctx.painter.clip_rect().expand(margin).contains(centre) {
            return Vec::new();
        }
        let visuals = &ctx.ctx.global_style().visuals;
        let mut fill = colour(self.node.fill);
        if self.node.faded {
            fill = fill.gamma_multiply(0.3);
        }
        let stroke = if self.selected || self.dragged {
            Stroke::new(3.0, visuals.strong_text_color())
        } else if self.hovered {
            Stroke::new(2.0, visuals.text_color())
        } else {
            // No outline otherwise: fills are distinct by kind, and an outline triples the
            // vertices of a shape, which a map of tens of thousands of stakeholders feels.
            Stroke::NONE
        };
        let mut shapes = Vec::with_capacity(2);
        // A dot this small is a dot whatever its kind: a circle is the cheapest to draw.
        let shape = if radius < TINY_PX {
            NodeShape::Circle
        } else {
            self.node.shape
        };
        let mut points = outline(shape, centre, radius);
        // egui draws a circle with 32 to 128 points; at these sizes 8 or 16 look the same
        // and keep a map of tens of thousands of stakeholders within what the GPU takes.
        if points.is_empty() && radius < 16.0 {
            let n = if radius < TINY_PX { 8 } else { 16 };
            points = (0..n)
                .map(|i| {
                    centre + Vec2::angled(i as f32 * std::f32::consts::TAU / n as f32) * radius
                })
                .collect();
        }
        if points.is_empty() {
            shapes.push(
                CircleShape {
                    center: centre,
                    radius,
                    fill,
                    stroke,
                }
                .into(),
            );
        } else {
            shapes.push(PathShape::convex_polygon(points, fill, stroke).into());
        }
        if self.node.pinned && radius >= TINY_PX {
            shapes.extend(pin_mark(centre, radius, visuals.strong_text_color()));
        }
        if let Some(ring) = self.node.ring {
            shapes.push(Shape::circle_stroke(
                centre,
                radius + 4.0,
                Stroke::new(3.0, colour(ring)),
            ));
        }
        let emphasised = self.selected || self.hovered || self.dragged;
        let zoom = ctx.meta.zoom;
        let px = if emphasised {
            Some(
                style::label_px(zoom)
                    .unwrap_or(style::MIN_LABEL_PX)
                    .max(style::LABEL_SIZE),
            )
        } else if style::label_shown(zoom, self.node.influence) {
            style::label_px(zoom)
        } else {
            None
        };
        if let Some(px) = px {
            let text_colour = visuals.text_color();
            // egui's own galley cache, not one of ours: it is dropped with the font atlas
            // when a theme, font or scale change rebuilds it, so a label never points into
            // a stale atlas (which drew scrambled glyphs).
            let galley: Arc<Galley> = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(self.label.clone(), FontId::proportional(px), text_colour)
            });
            let at = Pos2::new(centre.x - galley.size().x / 2.0, centre.y + radius + 2.0);
            shapes.push(TextShape::new(at, galley, text_colour).into());
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<StakeholderNode>) {
        self.pos = props.location();
        self.node = props.payload;
        if self.label != props.label {
            self.label.clone_from(&props.label);
        }
        self.selected = props.selected;
        self.hovered = props.hovered;
        self.dragged = props.dragged;
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        (pos - self.pos).length() <= self.node.radius
    }
}

/// A relationship on the canvas.
#[derive(Clone, Debug)]
pub struct RelationshipShape {
    edge: RelationshipEdge,
    selected: bool,
}

impl From<EdgeProps<RelationshipEdge>> for RelationshipShape {
    fn from(props: EdgeProps<RelationshipEdge>) -> Self {
        Self {
            edge: props.payload,
            selected: props.selected,
        }
    }
}

type StakeholderNodeOf =
    Node<StakeholderNode, RelationshipEdge, Directed, DefaultIx, StakeholderShape>;

impl RelationshipShape {
    /// The sideways offset of the middle of the line from `start` to `end`, in canvas units.
    /// The view model measures it one way for the whole pair (from the lower id), so two
    /// relationships that read in opposite directions bend apart, not onto each other.
    fn bend(&self, start: &StakeholderNodeOf, end: &StakeholderNodeOf) -> f32 {
        if start.payload().id <= end.payload().id {
            self.edge.bend
        } else {
            -self.edge.bend
        }
    }

    /// The circle a relationship of a stakeholder with itself is drawn as, in canvas units:
    /// beside the stakeholder, each further loop a quarter turn on.
    fn loop_circle(&self, node: &StakeholderNodeOf) -> (Pos2, f32) {
        let r = node.display().node.radius;
        let angle = -std::f32::consts::FRAC_PI_4
            - f32::from(self.edge.loop_index) * std::f32::consts::FRAC_PI_2;
        let centre = node.location() + Vec2::angled(angle) * r * 1.35;
        (centre, r * 0.7)
    }

    /// Start, control and end points in canvas units (a quadratic curve; straight when the
    /// control point is the midpoint). `None` for a relationship of a stakeholder with itself.
    fn geometry(&self, start: &StakeholderNodeOf, end: &StakeholderNodeOf) -> Option<[Pos2; 3]> {
        let (a, b) = (start.location(), end.location());
        let along = b - a;
        if along.length() < 1e-3 {
            return None;
        }
        let normal = along.normalized().rot90();
        let control = a + along * 0.5 + normal * self.bend(start, end) * 2.0;
        let from = start.display().closest_boundary_point(control - a);
        let to = end.display().closest_boundary_point(control - b);
        Some([from, control, to])
    }
}

fn point_on(curve: [Pos2; 3], t: f32) -> Pos2 {
    let [p0, p1, p2] = curve;
    let u = 1.0 - t;
    Pos2::new(
        u * u * p0.x + 2.0 * u * t * p1.x + t * t * p2.x,
        u * u * p0.y + 2.0 * u * t * p1.y + t * t * p2.y,
    )
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

/// How many straight pieces a curve is drawn with.
const CURVE_STEPS: usize = 12;

impl DisplayEdge<StakeholderNode, RelationshipEdge, Directed, DefaultIx, StakeholderShape>
    for RelationshipShape
{
    fn shapes(
        &mut self,
        start: &StakeholderNodeOf,
        end: &StakeholderNodeOf,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let meta = ctx.meta;
        let mut line = colour(self.edge.colour);
        let mut width = meta.canvas_to_screen_size(self.edge.width).max(1.0);
        if self.selected {
            width += 3.0;
            line = ctx.ctx.global_style().visuals.strong_text_color();
        }
        let Some(curve) = self.geometry(start, end) else {
            // A loop: a small circle beside the stakeholder.
            let (c, r) = self.loop_circle(start);
            return vec![Shape::circle_stroke(
                meta.canvas_to_screen_pos(c),
                meta.canvas_to_screen_size(r),
                Stroke::new(width, line),
            )];
        };
        let screen = curve.map(|p| meta.canvas_to_screen_pos(p));
        // Off screen: a line whose whole curve lies outside the canvas draws nothing.
        let bounds = egui::Rect::from_points(&screen).expand(width + 12.0);
        if !ctx.painter.clip_rect().intersects(bounds) {
            return Vec::new();
        }
        let mut shapes = Vec::with_capacity(2);
        let points: Vec<Pos2> = if self.edge.bend == 0.0 {
            vec![screen[0], screen[2]]
        } else {
            (0..=CURVE_STEPS)
                .map(|i| point_on(screen, i as f32 / CURVE_STEPS as f32))
                .collect()
        };
        let (dash, gap) = style::COOLING_DASH;
        let length: f32 = points.windows(2).map(|w| (w[1] - w[0]).length()).sum();
        // Too short to show a dash pattern: drawn solid.
        if self.edge.dashed && length >= 3.0 * (dash + gap) {
            let stretch = (length / ((dash + gap) * MAX_DASHES)).max(1.0);
            shapes.extend(Shape::dashed_line(
                &points,
                Stroke::new(width, line),
                dash * stretch,
                gap * stretch,
            ));
        } else if let [a, b] = points[..] {
            shapes.push(Shape::line_segment([a, b], Stroke::new(width, line)));
        } else {
            shapes.push(Shape::Path(PathShape::line(
                points,
                PathStroke::new(width, line),
            )));
        }
        if self.edge.mark != ToneMark::None && meta.zoom >= style::MIN_ARROW_ZOOM {
            let middle = point_on(screen, 0.5);
            let along = (point_on(screen, 0.55) - point_on(screen, 0.45)).normalized();
            shapes.extend(mark_shapes(self.edge.mark, middle, along, width, line));
        }
        // Zoomed far out an arrowhead is a speck on a hairline: leave it out.
        if self.edge.directed && meta.zoom >= style::MIN_ARROW_ZOOM {
            let tip = screen[2];
            let back = point_on(screen, 0.9);
            let dir = (tip - back).normalized();
            let size = (width * 2.5).max(8.0);
            let base = tip - dir * size;
            let side = dir.rot90() * size * 0.45;
            shapes.push(
                PathShape::convex_polygon(vec![tip, base + side, base - side], line, Stroke::NONE)
                    .into(),
            );
        }
        shapes
    }

    fn update(&mut self, props: &EdgeProps<RelationshipEdge>) {
        self.edge = props.payload;
        self.selected = props.selected;
    }

    fn is_inside(&self, start: &StakeholderNodeOf, end: &StakeholderNodeOf, pos: Pos2) -> bool {
        let tolerance = self.edge.width / 2.0 + 3.0;
        let Some(curve) = self.geometry(start, end) else {
            // A loop: near its circle's line.
            let (c, r) = self.loop_circle(start);
            return ((pos - c).length() - r).abs() <= tolerance;
        };
        (0..CURVE_STEPS).any(|i| {
            let a = point_on(curve, i as f32 / CURVE_STEPS as f32);
            let b = point_on(curve, (i + 1) as f32 / CURVE_STEPS as f32);
            distance_to_segment(pos, a, b) <= tolerance
        })
    }
}
