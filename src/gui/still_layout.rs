//! A layout that moves nothing: positions come from the map, and dragging moves them.

use egui_graphs::{DisplayEdge, DisplayNode, Graph, Layout, LayoutState};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;
use serde::{Deserialize, Serialize};

/// The (empty) state egui_graphs stores for [`Still`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StillState;

impl LayoutState for StillState {}

/// Leaves every node where it is.
#[derive(Debug, Default)]
pub struct Still;

impl Layout<StillState> for Still {
    fn from_state(_state: StillState) -> impl Layout<StillState> {
        Self
    }

    fn next<N, E, Ty, Ix, Dn, De>(&mut self, _g: &mut Graph<N, E, Ty, Ix, Dn, De>, _ui: &egui::Ui)
    where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> StillState {
        StillState
    }
}
