//! The bridge between a map and the layouts: stakeholders become node indices (in id
//! order), relationships become edges weighted by their current strength.

use super::blocks::{Block, Cell, block, row_height, rows_for};
use super::force::{ForceLayout, ForceParams};
use super::grid::Quadrant;
use super::name_room::{self, Freedom};
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

impl Backdrop {
    /// Points of the canvas a view's backdrop needs in sight when the view is fitted: the
    /// quadrants' and tray's corners, room around each column's heading.
    pub fn extent(&self) -> Vec<Position> {
        match self {
            Self::None => Vec::new(),
            Self::Quadrants { quadrants, tray } => quadrants
                .iter()
                .chain(std::iter::once(tray))
                .flat_map(|q| [Position(q.min[0], q.min[1]), Position(q.max[0], q.max[1])])
                .collect(),
            Self::Engagement { columns, .. } => columns
                .iter()
                .flat_map(|&(_, x)| [Position(x - 150.0, -70.0), Position(x + 150.0, -70.0)])
                .collect(),
        }
    }
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
            let (points, quadrants, tray) = grid_view(&stakeholders);
            backdrop = Backdrop::Quadrants { quadrants, tray };
            points
        }
        MapLayout::Engagement => {
            let level = |e: Option<Engagement>| e.map(|e| e as u8);
            engagement_levels = stakeholders
                .iter()
                .map(|s| (level(s.engagement), level(s.desired_engagement)))
                .collect();
            let (points, columns) = engagement_view(&stakeholders, &engagement_levels);
            backdrop = Backdrop::Engagement {
                columns,
                arrows: Vec::new(),
            };
            points
        }
    };
    // The network's own positions were made with room for names when it was laid out
    // (`force_layout`) and are the planner's: they stay. The views end as every layout
    // does, by making room for the names still left out, each stakeholder moving only as
    // its place's meaning allows.
    let mut points = points;
    if layout != MapLayout::Network {
        let freedom = view_freedom(layout, &view, &points, &backdrop);
        name_room::make_room(map, &view.ids, &mut points, &freedom, &backdrop);
    }
    // Engagement arrows run from each stakeholder to its desired column, at its height.
    if let Backdrop::Engagement { arrows, columns } = &mut backdrop {
        let column_x = |level: u8| {
            Engagement::ALL
                .iter()
                .position(|&e| e as u8 == level)
                .and_then(|i| columns.get(i + 1))
                .map(|c| c.1)
        };
        *arrows = points
            .iter()
            .zip(&engagement_levels)
            .filter_map(|(&p, &(now, wanted))| {
                let (now, wanted) = (now?, wanted?);
                (now != wanted).then_some(())?;
                Some((p, [column_x(wanted)?, p[1]]))
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

/// How far each stakeholder of a view may move to make room for its name: along its ray
/// on a circle or a ring (the order around says something), inside its quadrant on the
/// grid, inside its column in the engagement view.
fn view_freedom(
    layout: MapLayout,
    view: &MapGraph,
    points: &[Point],
    backdrop: &Backdrop,
) -> Vec<Freedom> {
    match (layout, backdrop) {
        (MapLayout::CircularByKind | MapLayout::CircularBySector, _) => {
            vec![Freedom::Radial([0.0, 0.0]); points.len()]
        }
        (MapLayout::Radial(centre), _) => match view.ids.iter().position(|&id| id == centre) {
            Some(c) => (0..points.len())
                .map(|i| {
                    if i == c {
                        Freedom::Fixed
                    } else {
                        Freedom::Radial(points[c])
                    }
                })
                .collect(),
            None => vec![Freedom::Fixed; points.len()],
        },
        (_, Backdrop::Quadrants { quadrants, tray }) => points
            .iter()
            .map(|p| {
                quadrants
                    .iter()
                    .chain(std::iter::once(tray))
                    .find(|q| {
                        (q.min[0]..=q.max[0]).contains(&p[0])
                            && (q.min[1]..=q.max[1]).contains(&p[1])
                    })
                    .map_or(Freedom::Fixed, |q| {
                        Freedom::Within([q.min[0] + PAD, q.min[1], q.max[0] - PAD, q.max[1] - PAD])
                    })
            })
            .collect(),
        (_, Backdrop::Engagement { columns, .. }) => {
            let top = points.iter().map(|p| p[1]).fold(f32::INFINITY, f32::min);
            points
                .iter()
                .map(|p| {
                    // A stakeholder's column is the last whose symbols start at or left of it.
                    let Some(c) = columns.iter().rposition(|&(_, x)| x <= p[0] + 1.0) else {
                        return Freedom::Fixed;
                    };
                    let right = columns
                        .get(c + 1)
                        .map_or(f32::INFINITY, |&(_, next)| next - BLOCK_GAP);
                    Freedom::Within([columns[c].1 - PAD, top, right, f32::INFINITY])
                })
                .collect()
        }
        _ => vec![Freedom::Fixed; points.len()],
    }
}

/// The room each stakeholder takes in a block view: its symbol and its name beside it, with
/// the halo, at the label size of zoom 1 times `scale` (names do not shrink below a
/// readable size, so seen from further out they take more of the canvas). Names are
/// measured as [`name_room`] measures them
/// ([`crate::style::measure::FontMeasure::for_layout`]).
fn cells(stakeholders: &[&crate::model::Stakeholder], scale: Scale) -> Vec<Cell> {
    use crate::style::scene::TextMeasure;
    let tokens = crate::style::Tokens::SCREEN;
    let halo = 2.0 * tokens.halo_px;
    let measure = crate::style::measure::FontMeasure::for_layout();
    stakeholders
        .iter()
        .map(|s| {
            let [w, h] = measure.measure(&s.name, tokens.label_size);
            Cell {
                radius: crate::style::node_radius(s.influence) * scale.symbols,
                name: (w + halo) * scale.names,
                height: (h + halo) * scale.names,
            }
        })
        .collect()
}

/// How much larger than at zoom 1 names and symbols are drawn, seen from as far out as a
/// view will be.
#[derive(Clone, Copy, Debug)]
struct Scale {
    names: f32,
    symbols: f32,
}

/// A block view laid out for the size its names will have: laid out with names at zoom 1,
/// fitted in [`READING_VIEW`] as Zoom to fit would fit it (with the `backdrop` it has), then laid out again with names as large as that zoom draws them,
/// until the two agree (or a few rounds show the view cannot hold every name; the scene
/// then names the most important).
fn for_reading<T>(
    stakeholders: &[&crate::model::Stakeholder],
    mut lay_out: impl FnMut(Scale) -> (Vec<Point>, T),
    backdrop: impl Fn(&T) -> Backdrop,
) -> (Vec<Point>, T) {
    let tokens = crate::style::Tokens::SCREEN;
    let names: Vec<(StakeholderId, &str, Option<Score>)> = stakeholders
        .iter()
        .map(|s| (s.id(), s.name.as_str(), s.influence))
        .collect();
    let mut scale = Scale {
        names: 1.0,
        symbols: 1.0,
    };
    let measure = crate::style::measure::FontMeasure::for_layout();
    let mut result = lay_out(scale);
    for _ in 0..8 {
        let positions: HashMap<StakeholderId, Position> = names
            .iter()
            .zip(&result.0)
            .map(|(&(id, _, _), &[x, y])| (id, Position(x, y)))
            .collect();
        let zoom = crate::style::scene::fit_with(
            &names,
            &positions,
            &backdrop(&result.1),
            READING_VIEW,
            0.03,
            &tokens,
            &measure,
        )
        .zoom;
        let px = tokens.label_px(zoom).unwrap_or(tokens.min_label_px);
        let wanted = Scale {
            names: (px / (tokens.label_size * zoom)).clamp(1.0, 8.0),
            // Symbols too are drawn no smaller than a least size (`Tokens::min_symbol_scale`).
            symbols: (tokens.min_symbol_scale / zoom).clamp(1.0, 8.0),
        };
        // Close enough from below: the names have the room they need.
        if wanted.names <= scale.names && wanted.names > 0.97 * scale.names {
            break;
        }
        scale = Scale {
            names: wanted.names.max(scale.names * 1.0),
            symbols: wanted.symbols.max(scale.symbols),
        };
        result = lay_out(scale);
    }
    result
}

/// Room above a block for its heading, canvas units.
const HEADING_BAND: f32 = 44.0;
/// Gap between blocks side by side.
const BLOCK_GAP: f32 = 60.0;
/// Space inside a quadrant around its block.
const PAD: f32 = 16.0;

/// The shape of the window's canvas, width over height, that list views are made for.
fn reading_aspect() -> f32 {
    READING_VIEW[0] / READING_VIEW[1]
}

/// The engagement view: a block per current level (not assessed first, then unaware to
/// leading), members ordered by desired level, highest first; returns the positions and
/// each column's heading and centre.
fn engagement_view(
    stakeholders: &[&crate::model::Stakeholder],
    levels: &[(Option<u8>, Option<u8>)],
) -> (Vec<Point>, Vec<(&'static str, f32)>) {
    for_reading(
        stakeholders,
        |scale| engagement_at(stakeholders, levels, scale),
        |columns| Backdrop::Engagement {
            columns: columns.clone(),
            arrows: Vec::new(),
        },
    )
}

fn engagement_at(
    stakeholders: &[&crate::model::Stakeholder],
    levels: &[(Option<u8>, Option<u8>)],
    scale: Scale,
) -> (Vec<Point>, Vec<(&'static str, f32)>) {
    let all = cells(stakeholders, scale);
    let keys: Vec<Option<u8>> = std::iter::once(None)
        .chain(Engagement::ALL.iter().map(|&e| Some(e as u8)))
        .collect();
    let members: Vec<Vec<usize>> = keys
        .iter()
        .map(|&key| {
            let mut m: Vec<usize> = (0..levels.len())
                .filter(|&i| levels[i].0.map(|l| l.min(super::engagement::MAX_LEVEL)) == key)
                .collect();
            m.sort_by_key(|&i| (std::cmp::Reverse(levels[i].1), i));
            m
        })
        .collect();
    let groups: Vec<Vec<Cell>> = members
        .iter()
        .map(|m| m.iter().map(|&i| all[i]).collect())
        .collect();
    let band = HEADING_BAND * scale.names;
    let rows = rows_for(&groups, BLOCK_GAP, band, reading_aspect());
    let row = row_height(&groups);
    let mut points = vec![[0.0, 0.0]; levels.len()];
    let mut columns = Vec::new();
    let mut x = 0.0;
    for ((key, m), g) in keys.iter().zip(&members).zip(&groups) {
        let b = block(g, rows, row);
        // An empty column still has room for its heading.
        let width = b.width.max(120.0 * scale.names);
        for (&i, p) in m.iter().zip(&b.positions) {
            // Below the headings (at y -40), as far as their size at this scale needs.
            points[i] = [x + p[0], p[1] + band - 40.0];
        }
        let name = key.map_or("Not assessed", |level| {
            Engagement::ALL
                .iter()
                .find(|&&e| e as u8 == level)
                .map_or("Not assessed", |&e| engagement_name(e))
        });
        // The heading stands over the column's symbols (names run to their right), where
        // the arrows to this level end.
        let symbols = b.positions.first().map_or(width / 2.0, |p| p[0]);
        columns.push((name, x + symbols));
        x += width + BLOCK_GAP;
    }
    (points, columns)
}

/// The power/interest grid as four quadrants of blocks (manage closely, keep satisfied,
/// keep informed, monitor) with the unscored in a tray below; in each, members ordered by
/// influence then interest, highest first.
fn grid_view(stakeholders: &[&crate::model::Stakeholder]) -> (Vec<Point>, [Quadrant; 4], Quadrant) {
    let (points, (quadrants, tray)) = for_reading(
        stakeholders,
        |scale| {
            let (points, quadrants, tray) = grid_at(stakeholders, scale);
            (points, (quadrants, tray))
        },
        |(quadrants, tray)| Backdrop::Quadrants {
            quadrants: *quadrants,
            tray: *tray,
        },
    );
    (points, quadrants, tray)
}

fn grid_at(
    stakeholders: &[&crate::model::Stakeholder],
    scale: Scale,
) -> (Vec<Point>, [Quadrant; 4], Quadrant) {
    use super::grid::HIGH_FROM;
    let band = HEADING_BAND * scale.names;
    let all = cells(stakeholders, scale);
    // Manage closely, keep satisfied, keep informed, monitor; then the tray.
    let which = |s: &crate::model::Stakeholder| match (s.influence, s.interest) {
        (Some(power), Some(interest)) => match (power >= HIGH_FROM, interest >= HIGH_FROM) {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (false, false) => 3,
        },
        _ => 4,
    };
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); 5];
    for (i, s) in stakeholders.iter().enumerate() {
        members[which(s)].push(i);
    }
    for m in &mut members {
        m.sort_by_key(|&i| {
            let s = stakeholders[i];
            (
                std::cmp::Reverse(s.influence),
                std::cmp::Reverse(s.interest),
                i,
            )
        });
    }
    let groups: Vec<Vec<Cell>> = members
        .iter()
        .map(|m| m.iter().map(|&i| all[i]).collect())
        .collect();
    let row = row_height(&groups);
    let most = members[..4].iter().map(Vec::len).max().unwrap_or(1).max(1);
    // Quadrant sizes for a number of rows: left and right widths, top and bottom heights.
    let shape = |rows: usize| {
        let b: Vec<Block> = groups[..4].iter().map(|g| block(g, rows, row)).collect();
        let wide = |q: usize| b[q].width.max(160.0) + 2.0 * PAD;
        let high = |q: usize| b[q].height.max(row) + band + 2.0 * PAD;
        let (left, right) = (wide(1).max(wide(3)), wide(0).max(wide(2)));
        let (top, bottom) = (high(0).max(high(1)), high(2).max(high(3)));
        (b, left, right, top, bottom)
    };
    let rows = (1..=most)
        .min_by(|&a, &b| {
            let miss = |rows: usize| {
                let (_, l, r, t, bo) = shape(rows);
                (((l + r) / (t + bo)) / reading_aspect()).ln().abs()
            };
            miss(a).total_cmp(&miss(b))
        })
        .unwrap_or(1);
    let (blocks, left, right, top, bottom) = shape(rows);
    let quadrant = |name, min: Point, max: Point| Quadrant { name, min, max };
    let quadrants = [
        quadrant("Manage closely", [left, 0.0], [left + right, top]),
        quadrant("Keep satisfied", [0.0, 0.0], [left, top]),
        quadrant("Keep informed", [left, top], [left + right, top + bottom]),
        quadrant("Monitor", [0.0, top], [left, top + bottom]),
    ];
    let mut points = vec![[0.0, 0.0]; stakeholders.len()];
    for (q, b) in blocks.iter().enumerate() {
        let origin = [quadrants[q].min[0] + PAD, quadrants[q].min[1] + band + PAD];
        for (&i, p) in members[q].iter().zip(&b.positions) {
            points[i] = [origin[0] + p[0], origin[1] + p[1]];
        }
    }
    // The tray: as many rows as keep it within the grid's width.
    let width = left + right;
    let tray_rows = (1..=members[4].len().max(1))
        .find(|&r| block(&groups[4], r, row).width <= width - 2.0 * PAD)
        .unwrap_or(members[4].len().max(1));
    let tray_block = block(&groups[4], tray_rows, row);
    let tray_top = top + bottom + PAD;
    for (&i, p) in members[4].iter().zip(&tray_block.positions) {
        points[i] = [PAD + p[0], tray_top + band + PAD + p[1]];
    }
    let tray = quadrant(
        "Not scored",
        [0.0, tray_top],
        [
            width,
            tray_top + band + 2.0 * PAD + tray_block.height.max(row),
        ],
    );
    (points, quadrants, tray)
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
    leave_room_for_names(map, &view, &mut positions);
    view.store(map, &positions);
    steps
}

/// The last step of every layout: spreads `points` (in `view`'s order) so that, fitted in
/// [`READING_VIEW`], no name or symbol covers another ([`spread_for_names`]); pinned
/// stakeholders stay.
pub fn leave_room_for_names(map: &Map, view: &MapGraph, points: &mut [Point]) {
    let names: Vec<(StakeholderId, &str, Option<Score>)> = view
        .ids
        .iter()
        .filter_map(|&id| map.stakeholder(id))
        .map(|s| (s.id(), s.name.as_str(), s.influence))
        .collect();
    if names.len() != points.len() {
        return;
    }
    let pinned = view.pinned(map);
    spread_for_names(points, &names, &pinned, READING_VIEW);
    let freedom: Vec<Freedom> = pinned
        .iter()
        .map(|&p| if p { Freedom::Fixed } else { Freedom::Anywhere })
        .collect();
    name_room::make_room(map, &view.ids, points, &freedom, &Backdrop::None);
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
        // Every scored stakeholder is in the quadrant its scores say, the rest in the tray.
        let Backdrop::Quadrants { tray, .. } = &grid.backdrop else {
            panic!("the grid has a tray");
        };
        for s in map.stakeholders() {
            let Position(x, y) = grid.positions[&s.id()];
            let index = match (s.influence, s.interest) {
                (Some(power), Some(interest)) => {
                    match (
                        power >= super::super::grid::HIGH_FROM,
                        interest >= super::super::grid::HIGH_FROM,
                    ) {
                        (true, true) => 0,
                        (true, false) => 1,
                        (false, true) => 2,
                        (false, false) => 3,
                    }
                }
                _ => 4,
            };
            let quadrant = quadrants.get(index).unwrap_or(tray);
            assert!(quadrant.contains([x, y]), "{} in {}", s.name, quadrant.name);
        }
        // The engagement view keeps each stakeholder in its level's column, left to right.
        let view = arrange(&map, MapLayout::Engagement);
        let x_of = |level: Option<Engagement>| {
            map.stakeholders()
                .filter(|s| s.engagement == level)
                .map(|s| view.positions[&s.id()].0)
                .collect::<Vec<f32>>()
        };
        for pair in Engagement::ALL.windows(2) {
            let (left, right) = (x_of(Some(pair[0])), x_of(Some(pair[1])));
            let most_left = left.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let least_right = right.iter().copied().fold(f32::INFINITY, f32::min);
            assert!(
                most_left < least_right,
                "{:?} left of {:?}",
                pair[0],
                pair[1]
            );
        }
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
