//! The bridge between a map and the layouts: stakeholders become node indices (in id
//! order), relationships become edges weighted by their current strength.

use super::force::{ForceLayout, ForceParams};
use super::grid::Quadrant;
use super::overlap::{READING_VIEW, spread_for_names};
use super::{LayoutEdge, LayoutGraph, Point};
use crate::model::{Engagement, Map, Position, Score, StakeholderId};
use std::collections::{BTreeMap, HashMap};

/// A map seen as a layout graph, with the stakeholder id of every node index.
pub struct MapGraph {
    /// The graph the layouts work on.
    pub graph: LayoutGraph,
    /// `ids[i]` is the stakeholder at node index `i`.
    pub ids: Vec<StakeholderId>,
}

impl MapGraph {
    /// Indexes a map's stakeholders in id order and its relationships as edges.
    pub fn new(map: &Map) -> Self {
        let ids: Vec<StakeholderId> = map.stakeholders_by_id().iter().map(|s| s.id()).collect();
        let index: HashMap<StakeholderId, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        let edges = map
            .relationships_by_id()
            .into_iter()
            .filter_map(|r| {
                Some(LayoutEdge {
                    source: *index.get(&r.from())?,
                    target: *index.get(&r.to())?,
                    strength: r.strength().fraction(),
                })
            })
            .collect();
        Self {
            graph: LayoutGraph {
                node_count: ids.len(),
                edges,
            },
            ids,
        }
    }

    /// The map's positions in node order; NaN where a stakeholder has none.
    pub fn positions(&self, map: &Map) -> Vec<Point> {
        self.ids
            .iter()
            .map(|&id| match map.stakeholder(id).and_then(|s| s.position) {
                Some(Position(x, y)) if x.is_finite() && y.is_finite() => [x, y],
                _ => [f32::NAN, f32::NAN],
            })
            .collect()
    }

    /// Which stakeholders are pinned, in node order.
    pub fn pinned(&self, map: &Map) -> Vec<bool> {
        self.ids
            .iter()
            .map(|&id| map.stakeholder(id).is_some_and(|s| s.pinned))
            .collect()
    }

    /// Writes positions (in node order) back into the map.
    pub fn store(&self, map: &mut Map, positions: &[Point]) {
        for (&id, &[x, y]) in self.ids.iter().zip(positions) {
            if let Some(s) = map.stakeholder_mut(id) {
                s.position = Some(Position(x, y));
            }
        }
    }
}

/// The force parameters for maps: room for labels under the nodes.
pub fn map_force_params() -> ForceParams {
    ForceParams {
        // Closer than this, names collide.
        ideal_length: 110.0,
        ..ForceParams::default()
    }
}

/// A way of arranging a map. The network is the map's own positions; the others are views
/// computed from the stakeholders' fields, which leave the map's positions alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapLayout {
    /// The map's own positions (laid out by force, or by hand).
    Network,
    /// On a circle, grouped by kind.
    CircularByKind,
    /// On a circle, grouped by sector.
    CircularBySector,
    /// In rings around one stakeholder, by hops.
    Radial(StakeholderId),
    /// The power/interest grid: influence up, interest right.
    PowerInterest,
    /// By engagement now, in columns from unaware to leading.
    Engagement,
}

/// What a view draws behind the map: the grid's quadrants, or the engagement columns.
#[derive(Clone, Debug, PartialEq)]
pub enum Backdrop {
    /// Nothing.
    None,
    /// The four named quadrants of the power/interest grid and the tray of the unscored.
    Quadrants {
        /// "Manage closely", "Keep satisfied", "Keep informed", "Monitor".
        quadrants: [Quadrant; 4],
        /// Where unscored stakeholders wait.
        tray: Quadrant,
    },
    /// Engagement columns: each level's name and x, and for each stakeholder with both
    /// levels, an arrow from its current column to its desired one.
    Engagement {
        /// Column name and x.
        columns: Vec<(&'static str, f32)>,
        /// From (the stakeholder's position) to the desired column, at the same height.
        arrows: Vec<(Point, Point)>,
    },
}

/// Positions of every stakeholder in a layout, and what to draw behind them.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrangement {
    /// Where each stakeholder goes.
    pub positions: HashMap<StakeholderId, Position>,
    /// What to draw behind.
    pub backdrop: Backdrop,
}

/// Column gap of the engagement view and cell of the grid, in canvas units.
const VIEW_SPACING: f32 = 180.0;

/// Arranges a map in a layout. [`MapLayout::Network`] returns the map's own positions.
pub fn arrange(map: &Map, layout: MapLayout) -> Arrangement {
    let view = MapGraph::new(map);
    let stakeholders: Vec<_> = view
        .ids
        .iter()
        .filter_map(|&id| map.stakeholder(id))
        .collect();
    let mut backdrop = Backdrop::None;
    let mut engagement_levels: Vec<(Option<u8>, Option<u8>)> = Vec::new();
    let points: Vec<Point> = match layout {
        MapLayout::Network => view.positions(map),
        MapLayout::CircularByKind => {
            let groups: Vec<u32> = stakeholders.iter().map(|s| s.kind as u32).collect();
            super::circular::circular_grouped(&groups, 0.0)
        }
        MapLayout::CircularBySector => {
            // Sectors numbered alphabetically, so the order is stable; none comes last.
            let sectors: BTreeMap<&str, u32> = stakeholders
                .iter()
                .map(|s| s.sector.as_str())
                .filter(|s| !s.is_empty())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .zip(0..)
                .collect();
            let none = sectors.len() as u32;
            let groups: Vec<u32> = stakeholders
                .iter()
                .map(|s| sectors.get(s.sector.as_str()).copied().unwrap_or(none))
                .collect();
            super::circular::circular_grouped(&groups, 0.0)
        }
        MapLayout::Radial(centre) => match view.ids.iter().position(|&id| id == centre) {
            Some(i) => super::radial::radial(&view.graph, i as u32, VIEW_SPACING * 0.8),
            None => view.positions(map),
        },
        MapLayout::PowerInterest => {
            let scores: Vec<Option<(Score, Score)>> = stakeholders
                .iter()
                .map(|s| Some((s.influence?, s.interest?)))
                .collect();
            let grid = super::grid::power_interest(&scores, VIEW_SPACING);
            backdrop = Backdrop::Quadrants {
                quadrants: grid.quadrants,
                tray: grid.tray,
            };
            grid.positions
        }
        MapLayout::Engagement => {
            let level = |e: Option<Engagement>| e.map(|e| e as u8);
            let levels: Vec<(Option<u8>, Option<u8>)> = stakeholders
                .iter()
                .map(|s| (level(s.engagement), level(s.desired_engagement)))
                .collect();
            let points = super::engagement::engagement(&levels, VIEW_SPACING);
            engagement_levels = levels;
            let mut columns: Vec<(&'static str, f32)> = Engagement::ALL
                .iter()
                .map(|&e| (engagement_name(e), f32::from(e as u8) * VIEW_SPACING))
                .collect();
            columns.push(("Not assessed", -1.5 * VIEW_SPACING));
            backdrop = Backdrop::Engagement {
                columns,
                arrows: Vec::new(),
            };
            points
        }
    };
    let mut points = points;
    if layout != MapLayout::Network {
        let regions = view_regions(&backdrop, &points);
        let centre = match layout {
            MapLayout::Radial(centre) => Some(centre),
            _ => None,
        };
        leave_room_for_names(map, &view, &mut points, regions.as_deref(), centre);
    }
    // Engagement arrows run from where each stakeholder ended up to its desired column.
    if let Backdrop::Engagement { arrows, .. } = &mut backdrop {
        *arrows = points
            .iter()
            .zip(&engagement_levels)
            .filter_map(|(&p, &(now, wanted))| {
                let (now, wanted) = (now?, wanted?);
                (now != wanted).then(|| (p, [f32::from(wanted) * VIEW_SPACING, p[1]]))
            })
            .collect();
    }
    Arrangement {
        positions: view
            .ids
            .iter()
            .zip(points)
            .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
            .map(|(&id, [x, y])| (id, Position(x, y)))
            .collect(),
        backdrop,
    }
}

/// Where each stakeholder of a view may be moved to make room for names without changing
/// what its place says: within its quadrant (or the tray) on the grid, up and down its
/// column in the engagement view; `None` for views whose places are free.
fn view_regions(backdrop: &Backdrop, points: &[Point]) -> Option<Vec<[f32; 4]>> {
    match backdrop {
        Backdrop::None => None,
        Backdrop::Quadrants { quadrants, tray } => Some(
            points
                .iter()
                .map(|&p| {
                    let q = quadrants
                        .iter()
                        .chain(std::iter::once(tray))
                        .find(|q| q.contains(p))
                        .unwrap_or(tray);
                    // A little inside, so a symbol does not sit on the line.
                    let inset = 16.0_f32.min((q.max[0] - q.min[0]) / 4.0);
                    [
                        q.min[0] + inset,
                        q.min[1] + inset,
                        q.max[0] - inset,
                        q.max[1] - inset,
                    ]
                })
                .collect(),
        ),
        Backdrop::Engagement { .. } => Some(
            points
                .iter()
                .map(|&[x, _]| [x, f32::NEG_INFINITY, x, f32::INFINITY])
                .collect(),
        ),
    }
}

fn engagement_name(e: Engagement) -> &'static str {
    match e {
        Engagement::Unaware => "Unaware",
        Engagement::Resistant => "Resistant",
        Engagement::Neutral => "Neutral",
        Engagement::Supportive => "Supportive",
        Engagement::Leading => "Leading",
    }
}

/// Lays the whole map out afresh by force (pinned stakeholders stay), as `stakemap layout`
/// and the window's Re-run do. Returns the steps taken.
pub fn force_layout(map: &mut Map) -> u32 {
    let view = MapGraph::new(map);
    let start = view.positions(map);
    let pinned = view.pinned(map);
    let any_pinned = pinned.iter().any(|&p| p);
    // With nothing pinned, start fresh (the best layout); otherwise from where things are.
    let mut layout = ForceLayout::new(
        &view.graph,
        any_pinned.then_some(start),
        pinned,
        map_force_params(),
    );
    let steps = layout.run_until_settled();
    let mut positions = layout.positions().to_vec();
    leave_room_for_names(map, &view, &mut positions, None, None);
    view.store(map, &positions);
    steps
}

/// The last step of every layout: spreads `points` (in `view`'s order) so that, fitted in
/// [`READING_VIEW`], no name or symbol covers another ([`spread_for_names`]); pinned
/// stakeholders stay, and so does `held` (the centre of the rings).
pub fn leave_room_for_names(
    map: &Map,
    view: &MapGraph,
    points: &mut [Point],
    regions: Option<&[[f32; 4]]>,
    held: Option<StakeholderId>,
) {
    let names: Vec<(StakeholderId, &str, Option<Score>)> = view
        .ids
        .iter()
        .filter_map(|&id| map.stakeholder(id))
        .map(|s| (s.id(), s.name.as_str(), s.influence))
        .collect();
    if names.len() != points.len() {
        return;
    }
    let mut fixed = view.pinned(map);
    for (slot, &id) in fixed.iter_mut().zip(&view.ids) {
        *slot |= held == Some(id);
    }
    spread_for_names(points, &names, &fixed, regions, READING_VIEW);
}

/// Gives every stakeholder without a (finite) position one, by a force layout that holds
/// the placed ones still; a map with no positions at all is laid out from scratch.
/// Deterministic: the same map always gets the same layout. Returns how many it placed.
pub fn place_unplaced(map: &mut Map) -> usize {
    let view = MapGraph::new(map);
    let start = view.positions(map);
    let unplaced = start.iter().filter(|p| !p[0].is_finite()).count();
    if unplaced == 0 {
        return 0;
    }
    let placed_any = unplaced < start.len();
    // Stakeholders the user already placed (or pinned) stay where they are.
    let pinned: Vec<bool> = start.iter().map(|p| p[0].is_finite()).collect();
    let mut layout = ForceLayout::new(
        &view.graph,
        placed_any.then_some(start),
        if placed_any { pinned } else { Vec::new() },
        map_force_params(),
    );
    layout.run_until_settled();
    view.store(map, layout.positions());
    unplaced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Relationship, RelationshipId, RelationshipKind, Stakeholder, StakeholderKind,
    };

    fn chain(n: u64) -> Map {
        let mut map = Map::new("chain");
        for i in 1..=n {
            map.add_stakeholder(Stakeholder::new(
                StakeholderId(i),
                StakeholderKind::Partner,
                "p",
            ))
            .expect("fresh");
        }
        for i in 1..n {
            map.add_relationship(Relationship::new(
                RelationshipId(i),
                StakeholderId(i),
                StakeholderId(i + 1),
                RelationshipKind::Informal,
            ))
            .expect("ends exist");
        }
        map
    }

    #[test]
    fn places_everyone_when_nobody_is_placed() {
        let mut map = chain(12);
        assert_eq!(place_unplaced(&mut map), 12);
        let positions: Vec<Position> = map.stakeholders().filter_map(|s| s.position).collect();
        assert_eq!(positions.len(), 12);
        assert!(positions.iter().all(|p| p.is_finite()));
        let spread = positions.iter().map(|p| p.0).fold(f32::MIN, f32::max)
            - positions.iter().map(|p| p.0).fold(f32::MAX, f32::min);
        assert!(
            spread > 50.0,
            "nodes are spread out, not piled up: {spread}"
        );
    }

    #[test]
    fn every_view_places_every_stakeholder() {
        let mut map = crate::builtin::police_community();
        let first = map.stakeholders_by_id()[0].id();
        for layout in [
            MapLayout::Network,
            MapLayout::CircularByKind,
            MapLayout::CircularBySector,
            MapLayout::Radial(first),
            MapLayout::PowerInterest,
            MapLayout::Engagement,
        ] {
            let arrangement = arrange(&map, layout);
            assert_eq!(
                arrangement.positions.len(),
                map.stakeholder_count(),
                "{layout:?}"
            );
            assert!(
                arrangement.positions.values().all(|p| p.is_finite()),
                "{layout:?}"
            );
        }
        assert_eq!(
            arrange(&map, MapLayout::Radial(first)).positions[&first],
            Position(0.0, 0.0)
        );
        // The grid puts a high-influence, high-interest stakeholder in "Manage closely".
        let key = map
            .stakeholders()
            .find(|s| {
                s.influence
                    .zip(s.interest)
                    .is_some_and(|(a, b)| a.get() >= 4 && b.get() >= 4)
            })
            .map(|s| s.id())
            .expect("the built-in map has one");
        let grid = arrange(&map, MapLayout::PowerInterest);
        let Backdrop::Quadrants { quadrants, .. } = &grid.backdrop else {
            panic!("the grid has quadrants");
        };
        let Position(x, y) = grid.positions[&key];
        assert!(quadrants[0].contains([x, y]), "{}", quadrants[0].name);
        assert_eq!(quadrants[0].name, "Manage closely");
        // A re-run by force keeps pinned stakeholders where they are.
        map.stakeholder_mut(first).expect("there").pinned = true;
        let before = map.stakeholder(first).and_then(|s| s.position);
        force_layout(&mut map);
        assert_eq!(map.stakeholder(first).and_then(|s| s.position), before);
    }

    #[test]
    fn leaves_placed_stakeholders_where_they_are() {
        let mut map = chain(6);
        for i in 1..=5 {
            map.stakeholder_mut(StakeholderId(i))
                .expect("exists")
                .position = Some(Position(i as f32 * 100.0, 0.0));
        }
        assert_eq!(place_unplaced(&mut map), 1);
        for i in 1..=5 {
            let p = map.stakeholder(StakeholderId(i)).and_then(|s| s.position);
            assert_eq!(p, Some(Position(i as f32 * 100.0, 0.0)));
        }
        let new = map
            .stakeholder(StakeholderId(6))
            .and_then(|s| s.position)
            .expect("placed");
        assert!(new.is_finite());
        assert_eq!(place_unplaced(&mut map), 0, "nothing left to place");
    }
}
