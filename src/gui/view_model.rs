//! The egui_graphs view model built from a map: small payloads (ids and what hit tests
//! need), positions, and the hover/drag/selection flags egui_graphs keeps. The map stays
//! the truth; the drawing is the scene's.

use super::selection::Selection;
use super::shapes::{RelationshipShape, StakeholderShape};
use crate::model::{Map, Position, RelationshipId, StakeholderId};
use crate::style::{self, NodeShape};
use egui::Pos2;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};
use std::collections::HashMap;

/// What the canvas needs to find a stakeholder under the pointer. Cloned every frame: keep
/// it small. How it looks is the scene's business ([`crate::style::scene`]).
#[derive(Clone, Copy, Debug)]
pub struct StakeholderNode {
    pub id: StakeholderId,
    pub shape: NodeShape,
    /// How far from its centre a click finds it, canvas units: as large as it is drawn, and
    /// never less than [`crate::gui::canvas::LEAST_HIT_PX`] on screen (set when the zoom
    /// changes, [`ViewModel::set_hit_radii`]).
    pub radius: f32,
}

/// What the canvas needs to find a relationship under the pointer. Cloned every frame: keep
/// it small.
#[derive(Clone, Copy, Debug)]
pub struct RelationshipEdge {
    pub id: RelationshipId,
    /// Line width, canvas units.
    pub width: f32,
    /// How far the middle of its line bends sideways, in canvas units, measured to the left
    /// of the direction from the lower stakeholder id to the higher
    /// ([`crate::style::scene::bends`]).
    pub bend: f32,
    /// For a relationship of a stakeholder with itself: which loop it is (0, 1, ...).
    pub loop_index: u8,
}

pub type CanvasGraph = egui_graphs::Graph<
    StakeholderNode,
    RelationshipEdge,
    Directed,
    DefaultIx,
    StakeholderShape,
    RelationshipShape,
>;

/// The canvas graph and the index from stakeholder ids to its nodes.
pub struct ViewModel {
    pub graph: CanvasGraph,
    nodes: HashMap<StakeholderId, NodeIndex>,
    /// What the hit radii were last set for ([`Self::set_hit_radii`]).
    hits_for: Option<(f32, f32)>,
}

impl ViewModel {
    /// A view of nothing, until the first shown map arrives.
    pub fn empty() -> Self {
        Self::new(&Map::default())
    }

    /// Builds the view of a map (the shown map). Every stakeholder must have a position by
    /// now.
    pub fn new(map: &Map) -> Self {
        let bends = style::scene::bends(map);
        let mut graph = CanvasGraph::new();
        let mut nodes = HashMap::new();
        for s in map.stakeholders_by_id() {
            let payload = StakeholderNode {
                id: s.id(),
                shape: style::node_shape(s.kind),
                radius: style::node_radius(s.influence),
            };
            let Position(x, y) = s.position.unwrap_or(Position(0.0, 0.0));
            let index = graph.add_node_custom(payload, |node| {
                node.set_location(Pos2::new(x, y));
            });
            nodes.insert(s.id(), index);
        }
        for r in map.relationships_by_id() {
            let (Some(&from), Some(&to)) = (nodes.get(&r.from()), nodes.get(&r.to())) else {
                continue;
            };
            let payload = RelationshipEdge {
                id: r.id(),
                width: style::edge_width(r.strength()),
                bend: bends.get(&r.id()).map_or(0.0, |b| b.0),
                loop_index: bends.get(&r.id()).map_or(0, |b| b.1),
            };
            graph.add_edge_custom(from, to, payload, |_| {});
        }
        Self {
            graph,
            nodes,
            hits_for: None,
        }
    }

    /// Sets each stakeholder's hit radius (canvas units) to `radius_of` it, so a click finds
    /// it where and as large as it is drawn this frame; `scale` (the zoom and the least
    /// symbol size) says what they depend on, and nothing is done while it stays the same
    /// (a view model is built again when the map or its encoding changes).
    pub fn set_hit_radii(
        &mut self,
        scale: (f32, f32),
        radius_of: impl Fn(StakeholderId) -> Option<f32>,
    ) {
        if self.hits_for == Some(scale) {
            return;
        }
        self.hits_for = Some(scale);
        for (&id, &index) in &self.nodes {
            if let (Some(radius), Some(node)) = (radius_of(id), self.graph.node_mut(index)) {
                node.payload_mut().radius = radius;
            }
        }
    }

    /// The stakeholder drawn at a node index.
    pub fn stakeholder_at(&self, index: NodeIndex) -> Option<StakeholderId> {
        self.graph.node(index).map(|n| n.payload().id)
    }

    /// How many relationships are drawn.
    pub fn relationship_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The relationship drawn at an edge index.
    pub fn relationship_at(&self, index: EdgeIndex) -> Option<RelationshipId> {
        self.graph.edge(index).map(|e| e.payload().id)
    }

    /// Where a stakeholder is drawn now, in canvas units.
    pub fn position_of(&self, id: StakeholderId) -> Option<Position> {
        let node = self.graph.node(*self.nodes.get(&id)?)?;
        let p = node.location();
        Some(Position(p.x, p.y))
    }

    /// Every stakeholder and where it is drawn.
    pub fn stakeholders(&self) -> impl Iterator<Item = (StakeholderId, Position)> + '_ {
        self.graph.nodes_iter().map(|(_, node)| {
            let p = node.location();
            (node.payload().id, Position(p.x, p.y))
        })
    }

    /// Puts a stakeholder's drawing (not the map) at a canvas position.
    pub fn set_position(&mut self, id: StakeholderId, Position(x, y): Position) {
        if let Some(node) = self.nodes.get(&id).and_then(|&i| self.graph.node_mut(i)) {
            node.set_location(Pos2::new(x, y));
        }
    }

    /// The stakeholder being dragged, and where it is.
    pub fn dragged(&self) -> Option<(StakeholderId, Position)> {
        let node = self.graph.node(self.graph.dragged_node()?)?;
        let p = node.location();
        Some((node.payload().id, Position(p.x, p.y)))
    }

    /// Moves a stakeholder's drawing (not the map) by a canvas offset.
    pub fn move_by(&mut self, id: StakeholderId, delta: egui::Vec2) {
        if let Some(node) = self.nodes.get(&id).and_then(|&i| self.graph.node_mut(i)) {
            let moved = node.location() + delta;
            node.set_location(moved);
        }
    }

    /// Marks the selected stakeholders and relationships on the canvas.
    pub fn show_selection(&mut self, selection: &Selection) {
        let node_indices: Vec<_> = self.graph.g().node_indices().collect();
        for index in node_indices {
            if let Some(node) = self.graph.node_mut(index) {
                let id = node.payload().id;
                node.set_selected(selection.stakeholders.contains(&id));
            }
        }
        let edge_indices: Vec<_> = self.graph.g().edge_indices().collect();
        for index in edge_indices {
            if let Some(edge) = self.graph.edge_mut(index) {
                let id = edge.payload().id;
                edge.set_selected(selection.relationships.contains(&id));
            }
        }
    }
}
