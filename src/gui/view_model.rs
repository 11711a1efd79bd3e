//! The egui_graphs view model built from a map: small payloads (ids and style), positions,
//! and the hover/drag/selection flags egui_graphs keeps. The map stays the truth.

use super::selection::Selection;
use super::shapes::{RelationshipShape, StakeholderShape};
use crate::model::{Map, Position, RelationshipId, Score, StakeholderId};
use crate::shown::Decorations;
use crate::style::{self, Change, NodeShape, Rgba, ToneMark};
use egui::Pos2;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};
use std::collections::HashMap;

/// What the canvas needs to draw a stakeholder. Cloned every frame: keep it small.
#[derive(Clone, Copy, Debug)]
pub struct StakeholderNode {
    pub id: StakeholderId,
    pub shape: NodeShape,
    pub fill: Rgba,
    pub radius: f32,
    pub influence: Option<Score>,
    /// A highlight ring (a change being compared).
    pub ring: Option<Rgba>,
    /// Drawn faint: no longer on the map at the later moment compared.
    pub faded: bool,
    /// Layouts leave it where it is: drawn with a pin mark.
    pub pinned: bool,
}

/// What the canvas needs to draw a relationship. Cloned every frame: keep it small.
#[derive(Clone, Copy, Debug)]
pub struct RelationshipEdge {
    pub id: RelationshipId,
    pub width: f32,
    pub colour: Rgba,
    pub directed: bool,
    /// What the line carries besides its colour: strained ticks, or a change's mark.
    pub mark: ToneMark,
    /// Dashed: cooling, or removed in a comparison.
    pub dashed: bool,
    /// The change it is highlighted for, when comparing.
    pub change: Option<Change>,
    /// How far the middle of its line bends sideways, in canvas units, measured to the left
    /// of the direction from the lower stakeholder id to the higher: relationships between
    /// one pair, whichever way they read, fan out instead of covering each other.
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
}

impl ViewModel {
    /// A view of nothing, until the first shown map arrives.
    pub fn empty() -> Self {
        Self::new(&Map::default(), &Decorations::default(), false)
    }

    /// Builds the view of a map. Every stakeholder must have a position by now. `faint`
    /// draws relationships faint, behind a view that is about the stakeholders (the grid,
    /// engagement, circles).
    pub fn new(map: &Map, decorations: &Decorations, faint: bool) -> Self {
        let bends = style::scene::bends(map);
        let mut graph = CanvasGraph::new();
        let mut nodes = HashMap::new();
        for s in map.stakeholders_by_id() {
            let payload = StakeholderNode {
                id: s.id(),
                shape: style::node_shape(s.kind),
                fill: style::node_colour(s.kind),
                radius: style::node_radius(s.influence),
                influence: s.influence,
                ring: decorations
                    .stakeholder_changes
                    .get(&s.id())
                    .map(|&c| style::change_colour(c)),
                faded: decorations.is_faded(s.id()),
                pinned: s.pinned,
            };
            let Position(x, y) = s.position.unwrap_or(Position(0.0, 0.0));
            // egui lays text out left to right: right-to-left names are put in the order
            // to draw once here, not every frame.
            let label = crate::text::display_order(&s.name).into_owned();
            let index = graph.add_node_custom(payload, |node| {
                node.set_location(Pos2::new(x, y));
                node.set_label(label);
            });
            nodes.insert(s.id(), index);
        }
        for r in map.relationships_by_id() {
            let (Some(&from), Some(&to)) = (nodes.get(&r.from()), nodes.get(&r.to())) else {
                continue;
            };
            let change = decorations.relationship_changes.get(&r.id()).copied();
            let fainter = |Rgba([r, g, b, a]): Rgba| Rgba([r, g, b, a / 4]);
            let payload = RelationshipEdge {
                id: r.id(),
                width: style::edge_width(r.strength()),
                mark: match change {
                    Some(change) => style::change_mark(change),
                    None if decorations.comparing => ToneMark::None,
                    None => style::tone_mark(r.tone()),
                },
                colour: {
                    let colour = match change {
                        Some(change) => style::change_colour(change),
                        None if decorations.comparing => style::UNCHANGED_COLOUR,
                        None => style::edge_colour(r.tone()),
                    };
                    if faint { fainter(colour) } else { colour }
                },
                directed: r.directed,
                dashed: decorations.cooling.contains(&r.id()) || change == Some(Change::Removed),
                change,
                bend: bends.get(&r.id()).map_or(0.0, |b| b.0),
                loop_index: bends.get(&r.id()).map_or(0, |b| b.1),
            };
            let label = r.kind.to_string();
            graph.add_edge_custom(from, to, payload, |edge| edge.set_label(label));
        }
        Self { graph, nodes }
    }

    /// The stakeholder drawn at a node index.
    pub fn stakeholder_at(&self, index: NodeIndex) -> Option<StakeholderId> {
        self.graph.node(index).map(|n| n.payload().id)
    }

    /// Every relationship drawn, with the change it is highlighted for, if any.
    pub fn relationships(&self) -> impl Iterator<Item = (RelationshipId, Option<Change>)> + '_ {
        self.graph.edges_iter().map(|(_, edge)| {
            let e = edge.payload();
            (e.id, e.change)
        })
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
