//! The map's structure: connected components, cut points (articulation points) and bridges,
//! with petgraph's algorithms on the tie graph.

use super::community::numbered;
use super::ties::TieGraph;
use crate::model::Strength;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

/// The tie graph as a petgraph graph: node `i` is node `i`, edge `k` is tie `k`.
fn petgraph_of(g: &TieGraph) -> UnGraph<(), Strength> {
    let mut graph = UnGraph::with_capacity(g.node_count(), g.tie_count());
    for _ in 0..g.node_count() {
        graph.add_node(());
    }
    for t in g.ties() {
        graph.add_edge(
            NodeIndex::new(t.ends.0 as usize),
            NodeIndex::new(t.ends.1 as usize),
            t.strength,
        );
    }
    graph
}

/// What the structure is: each node's component, the count, cut points and bridges.
#[derive(Clone, Debug, Default)]
pub(crate) struct Structure {
    /// Each node's component, numbered largest first (ties by smallest id).
    pub component: Vec<usize>,
    /// How many components (an isolated stakeholder is one).
    pub components: usize,
    /// Whether each node is a cut point: removing it splits its component.
    pub cut_point: Vec<bool>,
    /// The ties (indices into [`TieGraph::ties`]) that are bridges: removing one splits its
    /// component. Ascending.
    pub bridges: Vec<usize>,
}

/// Components (petgraph's union-find), articulation points (petgraph's
/// `articulation_points`, Tarjan's depth-first search) and bridges (petgraph's `bridges`).
pub(crate) fn structure(g: &TieGraph) -> Structure {
    let n = g.node_count();
    let mut sets = UnionFind::<usize>::new(n);
    for t in g.ties() {
        sets.union(t.ends.0 as usize, t.ends.1 as usize);
    }
    let labels = sets.into_labeling();
    let (component, components) = numbered(&labels, n);
    let graph = petgraph_of(g);
    let mut cut_point = vec![false; n];
    for v in petgraph::algo::articulation_points::articulation_points(&graph) {
        cut_point[v.index()] = true;
    }
    let mut bridges: Vec<usize> = petgraph::algo::bridges(&graph)
        .map(|e| e.id().index())
        .collect();
    bridges.sort_unstable();
    Structure {
        component,
        components,
        cut_point,
        bridges,
    }
}
