//! What egui_graphs needs of a stakeholder and a relationship on the canvas: where it is
//! and whether the pointer is on it (clicks, hover, relationship picking). They draw
//! nothing: the canvas paints the scene ([`super::scene_paint`]), so the window and the
//! exported picture are one drawing.

use super::view_model::{RelationshipEdge, StakeholderNode};
use crate::style::NodeShape;
use egui::{Pos2, Shape, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

/// A stakeholder on the canvas, for hit tests.
#[derive(Clone, Debug)]
pub struct StakeholderShape {
    pos: Pos2,
    node: StakeholderNode,
}

impl From<NodeProps<StakeholderNode>> for StakeholderShape {
    fn from(props: NodeProps<StakeholderNode>) -> Self {
        Self {
            pos: props.location(),
            node: props.payload,
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

    fn shapes(&mut self, _ctx: &DrawContext) -> Vec<Shape> {
        Vec::new()
    }

    fn update(&mut self, props: &NodeProps<StakeholderNode>) {
        self.pos = props.location();
        self.node = props.payload;
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        (pos - self.pos).length() <= self.node.radius
    }
}

/// A relationship on the canvas, for hit tests.
#[derive(Clone, Debug)]
pub struct RelationshipShape {
    edge: RelationshipEdge,
}

impl From<EdgeProps<RelationshipEdge>> for RelationshipShape {
    fn from(props: EdgeProps<RelationshipEdge>) -> Self {
        Self {
            edge: props.payload,
        }
    }
}

type StakeholderNodeOf =
    Node<StakeholderNode, RelationshipEdge, Directed, DefaultIx, StakeholderShape>;

impl RelationshipShape {
    /// The sideways offset of the middle of the line from `start` to `end`, in canvas units,
    /// as [`crate::style::scene::bends`] measures it (from the lower id).
    fn bend(&self, start: &StakeholderNodeOf, end: &StakeholderNodeOf) -> f32 {
        if start.payload().id <= end.payload().id {
            self.edge.bend
        } else {
            -self.edge.bend
        }
    }

    /// Start, control and end points in canvas units, as the scene draws the line; `None`
    /// for a relationship of a stakeholder with itself.
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

/// How many straight pieces a curve is tested as.
const CURVE_STEPS: usize = 12;

impl DisplayEdge<StakeholderNode, RelationshipEdge, Directed, DefaultIx, StakeholderShape>
    for RelationshipShape
{
    fn shapes(
        &mut self,
        _start: &StakeholderNodeOf,
        _end: &StakeholderNodeOf,
        _ctx: &DrawContext,
    ) -> Vec<Shape> {
        Vec::new()
    }

    fn update(&mut self, props: &EdgeProps<RelationshipEdge>) {
        self.edge = props.payload;
    }

    fn is_inside(&self, start: &StakeholderNodeOf, end: &StakeholderNodeOf, pos: Pos2) -> bool {
        let tolerance = self.edge.width / 2.0 + 3.0;
        let Some(curve) = self.geometry(start, end) else {
            // A loop: near its circle's line.
            let (c, r) = crate::style::scene::loop_circle(
                crate::model::Position(start.location().x, start.location().y),
                start.display().node.radius,
                self.edge.loop_index,
            );
            return ((pos - Pos2::new(c.0, c.1)).length() - r).abs() <= tolerance;
        };
        (0..CURVE_STEPS).any(|i| {
            let a = point_on(curve, i as f32 / CURVE_STEPS as f32);
            let b = point_on(curve, (i + 1) as f32 / CURVE_STEPS as f32);
            distance_to_segment(pos, a, b) <= tolerance
        })
    }
}
