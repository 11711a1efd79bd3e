//! The bridge between a map and the layouts: stakeholders become node indices (in id
//! order), relationships become edges weighted by their current strength.

use super::blocks::{Block, Cell, cell_width, flow, row_height};
use super::circular::Circle;
use super::force::{ForceLayout, ForceParams};
use super::grid::Quadrant;
use super::name_room::{self, Freedom, Reader};
use super::overlap::{READING_VIEW, spread_for_names};
use super::{LayoutEdge, LayoutGraph, Point};
use crate::model::{Engagement, Map, Position, Score, StakeholderId, ViewLayout};
use crate::style::encoding::Encoded;
use crate::style::measure::FontMeasure;
use crate::style::scene::TextMeasure;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// By engagement now, in bands from leading at the top to unaware and not assessed.
    Engagement,
}

impl From<ViewLayout> for MapLayout {
    fn from(layout: ViewLayout) -> Self {
        match layout {
            ViewLayout::Network => Self::Network,
            ViewLayout::CircleByKind => Self::CircularByKind,
            ViewLayout::CircleBySector => Self::CircularBySector,
            ViewLayout::Rings(centre) => Self::Radial(centre),
            ViewLayout::PowerInterest => Self::PowerInterest,
            ViewLayout::Engagement => Self::Engagement,
        }
    }
}

impl From<MapLayout> for ViewLayout {
    fn from(layout: MapLayout) -> Self {
        match layout {
            MapLayout::Network => Self::Network,
            MapLayout::CircularByKind => Self::CircleByKind,
            MapLayout::CircularBySector => Self::CircleBySector,
            MapLayout::Radial(centre) => Self::Rings(centre),
            MapLayout::PowerInterest => Self::PowerInterest,
            MapLayout::Engagement => Self::Engagement,
        }
    }
}

/// What a view draws behind the map: the grid's quadrants, or the engagement bands.
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
    /// Engagement bands, leading at the top down to not assessed, and for each stakeholder
    /// with both levels, an arrow from it to the band of the engagement wanted.
    Engagement {
        /// Each level's band: its name and rectangle.
        bands: Vec<Quadrant>,
        /// From (the stakeholder's position) to the edge of the desired band, straight up
        /// or down.
        arrows: Vec<(Point, Point)>,
    },
    /// Rings round a stakeholder: a faint circle through each ring, so that how many
    /// relationships away each stakeholder is reads at a glance.
    Rings {
        /// The centre stakeholder's position.
        centre: Point,
        /// Each ring's radius, nearest first, canvas units.
        radii: Vec<f32>,
    },
    /// A circle of groups (kinds, sectors) round the origin: each group's name along its
    /// arc outside the circle where there is room, else inside, towards its members.
    Groups {
        /// The name, where its bottom-centre goes inside the circle (canvas units, towards
        /// the middle of its members), and how far its members reach either side of that
        /// direction (radians).
        labels: Vec<(String, Point, f32)>,
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
            Self::Engagement { bands, .. } => bands
                .iter()
                .flat_map(|q| [Position(q.min[0], q.min[1]), Position(q.max[0], q.max[1])])
                .collect(),
            // Guides through the stakeholders, and names inside the circle.
            Self::Rings { .. } | Self::Groups { .. } => Vec::new(),
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
    let reader = Reader {
        view: READING_VIEW,
        tokens: &crate::style::Tokens::SCREEN,
        drawn: &FontMeasure::new(Vec::new()),
        sizes: &Encoded::default(),
    };
    arrange_reading(map, layout, &reader)
}

/// [`arrange`], with the block views (grid, engagement) set out in rows for the view
/// `reader` reads them in.
fn arrange_reading(map: &Map, layout: MapLayout, reader: &Reader<'_>) -> Arrangement {
    let (reading, tokens) = (reader.view, reader.tokens);
    let view = MapGraph::new(map);
    let stakeholders: Vec<_> = view
        .ids
        .iter()
        .filter_map(|&id| map.stakeholder(id))
        .collect();
    let mut backdrop = Backdrop::None;
    let mut engagement_levels: Vec<(Option<u8>, Option<u8>)> = Vec::new();
    // How wide each name is, roughly: a circle puts the widest at its sides.
    let name_widths: Vec<f32> = stakeholders
        .iter()
        .map(|s| s.name.chars().count() as f32)
        .collect();
    // A circle's groups, and each group's name by number.
    let mut circle: Option<(Vec<u32>, BTreeMap<u32, String>)> = None;
    let points: Vec<Point> = match layout {
        MapLayout::Network => view.positions(map),
        MapLayout::CircularByKind => {
            let groups: Vec<u32> = stakeholders.iter().map(|s| s.kind as u32).collect();
            let names = stakeholders
                .iter()
                .map(|s| (s.kind as u32, s.kind.to_string()))
                .collect();
            circle = Some((groups, names));
            Vec::new()
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
            let mut names: BTreeMap<u32, String> = sectors
                .iter()
                .map(|(&name, &k)| (k, name.to_owned()))
                .collect();
            names.insert(none, "No sector".to_owned());
            circle = Some((groups, names));
            Vec::new()
        }
        MapLayout::Radial(centre) => match view.ids.iter().position(|&id| id == centre) {
            Some(i) => turned_rings(map, &view, i),
            None => view.positions(map),
        },
        MapLayout::PowerInterest => {
            let (points, quadrants, tray) = grid_view(&stakeholders, reading, *tokens);
            backdrop = Backdrop::Quadrants { quadrants, tray };
            points
        }
        MapLayout::Engagement => {
            let level = |e: Option<Engagement>| e.map(|e| e as u8);
            engagement_levels = stakeholders
                .iter()
                .map(|s| (level(s.engagement), level(s.desired_engagement)))
                .collect();
            let (points, bands) =
                engagement_view(&stakeholders, &engagement_levels, reading, *tokens);
            backdrop = Backdrop::Engagement {
                bands,
                arrows: Vec::new(),
            };
            points
        }
    };
    // The network's own positions were made with room for names when it was laid out
    // (`force_layout`) and are the planner's: they stay. The views end as every layout
    // does, by making room for the names still left out, each stakeholder moving only as
    // its place's meaning allows (the rings did so as they were turned).
    let mut points = points;
    if let Some((groups, names)) = circle {
        points = turned_for_names(map, &view, &groups, &name_widths);
        backdrop = Backdrop::Groups {
            labels: group_labels(&points, &groups, &names),
        };
    } else if let MapLayout::Radial(centre) = layout
        && let Some(c) = view.ids.iter().position(|&id| id == centre)
    {
        backdrop = ring_guides(&view, &points, c);
    } else if matches!(layout, MapLayout::PowerInterest | MapLayout::Engagement) {
        let freedom = block_freedom(&points, &backdrop);
        name_room::make_room_in(map, &view.ids, &mut points, &freedom, &backdrop, reader);
    }
    // Engagement arrows run from each stakeholder straight up (or down) to the near edge of
    // the band of the engagement wanted.
    if let Backdrop::Engagement { arrows, bands } = &mut backdrop {
        let band = |level: u8| {
            bands.get(usize::from(
                super::engagement::MAX_LEVEL - level.min(super::engagement::MAX_LEVEL),
            ))
        };
        *arrows = points
            .iter()
            .zip(&engagement_levels)
            .filter_map(|(&p, &(now, wanted))| {
                let (now, wanted) = (now?, wanted?);
                (now != wanted).then_some(())?;
                let to = band(wanted)?;
                let y = if wanted > now {
                    to.max[1] - PAD
                } else {
                    to.min[1] + PAD
                };
                Some((p, [p[0], y]))
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

/// [`arrange`] for reading in the view `reader`, other than the window's
/// ([`READING_VIEW`], [`crate::style::Tokens::SCREEN`]): a projector's, whose larger names
/// fill its screen sooner. The network, circles and rings are made room for again there,
/// each stakeholder moving only as its view allows (the network's anywhere but pinned
/// ones), for the symbols' sizes shown; the block views are set out in rows for the
/// names' size there. The map's own positions are not changed. Costs one making of room
/// (about 0.1 s for the built-in map's network).
pub fn arrange_for(map: &Map, layout: MapLayout, reader: &Reader<'_>) -> Arrangement {
    // The block views are set out in rows for the names' size there. (Moved afterwards as
    // the others are, their rows broke up and stakeholders strayed into the headings'
    // column.)
    if matches!(layout, MapLayout::PowerInterest | MapLayout::Engagement) {
        return arrange_reading(map, layout, reader);
    }
    let mut arrangement = arrange(map, layout);
    let graph = MapGraph::new(map);
    let mut points: Vec<Point> = graph
        .ids
        .iter()
        .map(|id| {
            arrangement
                .positions
                .get(id)
                .map_or([f32::NAN, f32::NAN], |&Position(x, y)| [x, y])
        })
        .collect();
    let freedom = match layout {
        MapLayout::Network => graph
            .pinned(map)
            .into_iter()
            .map(|pinned| {
                if pinned {
                    Freedom::Fixed
                } else {
                    Freedom::Anywhere
                }
            })
            .collect(),
        MapLayout::CircularByKind | MapLayout::CircularBySector => {
            round_freedom(&points, [0.0, 0.0], None)
        }
        MapLayout::Radial(centre) => match graph.ids.iter().position(|&id| id == centre) {
            Some(c) => round_freedom(&points, points[c], Some(c)),
            None => vec![Freedom::Fixed; points.len()],
        },
        MapLayout::PowerInterest | MapLayout::Engagement => return arrangement,
    };
    name_room::make_room_in(
        map,
        &graph.ids,
        &mut points,
        &freedom,
        &arrangement.backdrop,
        reader,
    );
    for (id, [x, y]) in graph.ids.iter().zip(points) {
        if x.is_finite() && y.is_finite() {
            arrangement.positions.insert(*id, Position(x, y));
        }
    }
    arrangement
}

/// Where a circle's groups are named inside the circle: at [`GROUP_NAME_AT`] of its radius
/// towards the middle of each group's members (their mean direction), in group order, with
/// how far (radians) the members reach either side of it (the scene names a group along
/// its arc outside the circle where it can, else moves its name inwards from here).
fn group_labels(
    points: &[Point],
    groups: &[u32],
    names: &BTreeMap<u32, String>,
) -> Vec<(String, Point, f32)> {
    let radius = points.iter().map(|p| p[0].hypot(p[1])).sum::<f32>() / points.len().max(1) as f32;
    names
        .iter()
        .filter_map(|(&g, name)| {
            let members: Vec<&Point> = points
                .iter()
                .zip(groups)
                .filter(|&(_, &k)| k == g)
                .map(|(p, _)| p)
                .collect();
            let (x, y) = members.iter().fold((0.0, 0.0), |(x, y), p| {
                let length = p[0].hypot(p[1]).max(1e-3);
                (x + p[0] / length, y + p[1] / length)
            });
            let length = x.hypot(y);
            (length > 1e-3).then(|| {
                let middle = y.atan2(x);
                let reach = members
                    .iter()
                    .map(|p| {
                        let off = (p[1].atan2(p[0]) - middle).rem_euclid(std::f32::consts::TAU);
                        off.min(std::f32::consts::TAU - off)
                    })
                    .fold(0.0, f32::max);
                let at = GROUP_NAME_AT * radius;
                (name.clone(), [x / length * at, y / length * at], reach)
            })
        })
        .collect()
}

/// How far out from the middle a circle's group names sit, as a share of its radius.
const GROUP_NAME_AT: f32 = 0.85;

/// Faint circles through the rings round node `c`: each at the middle distance of its
/// stakeholders from the centre (room made for names staggers them a little in and out).
fn ring_guides(view: &MapGraph, points: &[Point], c: usize) -> Backdrop {
    let hops = super::radial::hops(&view.graph, c as u32);
    let centre = points.get(c).copied().unwrap_or([0.0, 0.0]);
    let mut by_ring: BTreeMap<u32, Vec<f32>> = BTreeMap::new();
    for (p, hop) in points.iter().zip(&hops) {
        if let Some(k) = hop.filter(|&k| k > 0) {
            by_ring
                .entry(k)
                .or_default()
                .push((p[0] - centre[0]).hypot(p[1] - centre[1]));
        }
    }
    let radii = by_ring
        .into_values()
        .map(|mut d| {
            d.sort_by(f32::total_cmp);
            d[d.len() / 2]
        })
        .collect();
    Backdrop::Rings { centre, radii }
}

/// The rings around stakeholder `centre` (a node index), spaced for the zoom they will be
/// fitted at: seen from far out, symbols keep a least size on screen
/// ([`crate::style::Tokens::min_symbol_scale`]), so rings laid out for zoom 1 would pile
/// them on each other. Laid out, fitted in [`READING_VIEW`], and laid out again with the
/// spacing and ring gap grown by how much larger the symbols are drawn, until they agree.
fn rings_for_reading(map: &Map, view: &MapGraph, centre: u32, gap: f32) -> Vec<Point> {
    let tokens = crate::style::Tokens::SCREEN;
    let measure = FontMeasure::for_layout();
    let names = crate::style::scene::names(map);
    // The largest symbol on the map, side by side with another, and a little air.
    let widest = names
        .iter()
        .map(|&(_, _, influence)| 2.0 * crate::style::node_radius(influence))
        .fold(0.0, f32::max)
        + 8.0;
    let base = widest.max(super::radial::MIN_SPACING);
    let mut grown = 1.0_f32;
    let mut points = super::radial::radial_spaced(&view.graph, centre, gap, base);
    for _ in 0..6 {
        let positions: HashMap<StakeholderId, Position> = names
            .iter()
            .zip(&points)
            .map(|(&(id, _, _), &[x, y])| (id, Position(x, y)))
            .collect();
        let zoom =
            crate::style::scene::fit(&names, &positions, READING_VIEW, 0.03, &tokens, &measure)
                .zoom;
        let wanted = (tokens.min_symbol_scale / zoom).max(1.0);
        if wanted <= grown * 1.03 {
            break;
        }
        grown = wanted;
        points = super::radial::radial_spaced(&view.graph, centre, gap * grown, base * grown);
    }
    points
}

/// How many turns of the rings are tried, evenly round.
const RING_TURNS: usize = 12;

/// How many of the rings judged best by their scene alone are made room for
/// ([`turned_rings`]): 1, 3, 6 and 12 name 60.6, 61.2, 61.2 and 61.3 round each of the
/// built-in map's stakeholders on average, in 0.15, 0.27, 0.42 and 0.78 s.
const RINGS_MADE_ROOM: usize = 3;

/// The gaps between rings tried, canvas units (with twelve turns, 0.15 s for the built-in
/// map's rings; each more gap or turn costs about a scene build, 3 ms).
const RING_GAPS: [f32; 3] = [VIEW_SPACING * 0.8, VIEW_SPACING, VIEW_SPACING * 1.2];

/// The rings round node `c`, spaced and turned as the names fit best: the rings at each gap
/// of [`RING_GAPS`], turned by each of [`RING_TURNS`] turns round the centre, are judged by
/// how many names their scene leaves out (a few milliseconds each; making room takes
/// several scenes), and the [`RINGS_MADE_ROOM`] best are made room for
/// ([`name_room::make_room`]), along the stakeholders' rays and then along their rings
/// too; the first that names everyone, or else the one that names most, wins. Which puts
/// the long names of a crowded ring where they fit is measured, not guessed.
fn turned_rings(map: &Map, view: &MapGraph, c: usize) -> Vec<Point> {
    let candidates = RING_GAPS.into_iter().flat_map(|gap| {
        let points = rings_for_reading(map, view, c as u32, gap);
        (0..RING_TURNS).map(move |k| {
            let centre = points[c];
            let (sin, cos) = (std::f32::consts::TAU * k as f32 / RING_TURNS as f32).sin_cos();
            points
                .iter()
                .map(|p| {
                    let (x, y) = (p[0] - centre[0], p[1] - centre[1]);
                    [centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos]
                })
                .collect::<Vec<Point>>()
        })
    });
    // Judged by a scene alone; the best few are then made room for, best first, until one
    // leaves every name in (over the rings round each of the built-in map's 63
    // stakeholders, 61.2 named on average where the best alone gave 60.6).
    let mut judged: Vec<(usize, usize, Vec<Point>)> = Vec::new();
    for (k, points) in candidates.enumerate() {
        let left = name_room::unnamed_as_drawn(map, &view.ids, &points, &Backdrop::None);
        judged.push((left, k, points));
        if left == 0 {
            break;
        }
    }
    judged.sort_by_key(|&(left, k, _)| (left, k));
    let made = judged
        .into_iter()
        .take(RINGS_MADE_ROOM)
        .flat_map(|(_, _, points)| {
            // Along their rays first; where that leaves a name out, along their rings too.
            let freedoms: [fn(Point) -> Freedom; 2] = [Freedom::Radial, Freedom::Round];
            freedoms.into_iter().map(move |along| {
                let mut points = points.clone();
                // Turning round the centre leaves it where it was.
                if let Some(&centre) = points.get(c) {
                    let freedom: Vec<Freedom> = (0..points.len())
                        .map(|i| {
                            if i == c {
                                Freedom::Fixed
                            } else {
                                along(centre)
                            }
                        })
                        .collect();
                    name_room::make_room(map, &view.ids, &mut points, &freedom, &Backdrop::None);
                }
                points
            })
        });
    fewest_unnamed(made, |points| {
        name_room::unnamed_as_drawn(map, &view.ids, points, &Backdrop::None)
    })
}

/// Of `candidates` (positions, in the order of the view's ids), the first that leaves the
/// fewest names out by `unnamed` (which may move them first, as making room does); the
/// search stops at one that leaves none.
fn fewest_unnamed(
    candidates: impl Iterator<Item = Vec<Point>>,
    mut unnamed: impl FnMut(&mut Vec<Point>) -> usize,
) -> Vec<Point> {
    let mut best: Option<(usize, Vec<Point>)> = None;
    for mut points in candidates {
        let left = unnamed(&mut points);
        if best.as_ref().is_none_or(|(least, _)| left < *least) {
            best = Some((left, points));
        }
        if left == 0 {
            break;
        }
    }
    best.map(|(_, points)| points).unwrap_or_default()
}

/// How many turns of a circle are tried, the cheapest by name widths first.
const TURNS_TRIED: usize = 6;

/// How high a row of names is taken to be, in places, in the spreads tried
/// ([`Circle::with_row`]).
const ROWS_TRIED: [f32; 3] = [super::circular::ROW, 0.9, 1.1];

/// A circle view's positions for nodes in `groups`: the circle spread and turned as the
/// names fit best. For each spread of [`ROWS_TRIED`], each of the [`TURNS_TRIED`] turns that
/// put the widest names nearest the sides ([`Circle::turns_by_width`]) is made room for
/// ([`name_room::make_room`]); the first that leaves the fewest names out wins. Which
/// suits a map's names is measured, not guessed: the model behind the turns' order counts
/// widths, not the rows they need.
fn turned_for_names(map: &Map, view: &MapGraph, groups: &[u32], widths: &[f32]) -> Vec<Point> {
    let candidates = ROWS_TRIED.into_iter().flat_map(|row| {
        let circle = Circle::with_row(groups, 0.0, row);
        let turns = circle.turns_by_width(widths, TURNS_TRIED);
        turns.into_iter().map(move |turn| circle.at(turn))
    });
    // The groups' names take the room the stakeholders' names leave (see
    // `scene::group_names`), so they are not in the way here.
    fewest_unnamed(candidates, |points| {
        let freedom = round_freedom(points, [0.0, 0.0], None);
        name_room::make_room(map, &view.ids, points, &freedom, &Backdrop::None).max(
            name_room::unnamed_as_drawn(map, &view.ids, points, &Backdrop::None),
        )
    })
}

/// On a circle or rings round `centre`: each stakeholder (but `fixed`) may move along its
/// ray.
fn round_freedom(points: &[Point], centre: Point, fixed: Option<usize>) -> Vec<Freedom> {
    (0..points.len())
        .map(|i| {
            if Some(i) == fixed {
                Freedom::Fixed
            } else {
                Freedom::Radial(centre)
            }
        })
        .collect()
}

/// How far each stakeholder of a block view may move to make room for its name: inside its
/// quadrant on the grid, inside its column in the engagement view. (Circles and rings move
/// along their rays: [`round_freedom`].)
fn block_freedom(points: &[Point], backdrop: &Backdrop) -> Vec<Freedom> {
    match backdrop {
        Backdrop::Quadrants { quadrants, tray } => {
            let regions: Vec<&Quadrant> = quadrants.iter().chain(std::iter::once(tray)).collect();
            // Below the heading: no higher than the quadrant's first row.
            let first_row: Vec<f32> = regions
                .iter()
                .map(|q| {
                    points
                        .iter()
                        .filter(|&&p| q.contains(p))
                        .map(|p| p[1])
                        .fold(q.max[1], f32::min)
                })
                .collect();
            points
                .iter()
                .map(|&p| {
                    regions
                        .iter()
                        .position(|q| q.contains(p))
                        .map_or(Freedom::Fixed, |k| {
                            let q = regions[k];
                            Freedom::Within([
                                q.min[0] + PAD,
                                first_row[k],
                                q.max[0] - PAD,
                                q.max[1] - PAD,
                            ])
                        })
                })
                .collect()
        }
        Backdrop::Engagement { bands, .. } => points
            .iter()
            .map(|&p| {
                bands
                    .iter()
                    .find(|b| b.contains(p))
                    .map_or(Freedom::Fixed, |b| {
                        Freedom::Within([b.min[0] + PAD, b.min[1], b.max[0] - PAD, b.max[1] - PAD])
                    })
            })
            .collect(),
        _ => vec![Freedom::Fixed; points.len()],
    }
}

/// The room each stakeholder takes in a block view: its symbol and its name beside it, with
/// the halo, at the label size of zoom 1 times `scale` (names do not shrink below a
/// readable size, so seen from further out they take more of the canvas). Names are
/// measured as [`name_room`] measures them
/// ([`FontMeasure::for_layout`]).
fn cells(stakeholders: &[&crate::model::Stakeholder], scale: Scale) -> Vec<Cell> {
    let tokens = scale.tokens;
    let halo = 2.0 * tokens.halo_px;
    let measure = FontMeasure::for_layout();
    stakeholders
        .iter()
        .map(|s| {
            let [w, h] = measure.measure(&s.name, tokens.label_size);
            Cell {
                radius: crate::style::node_radius(s.influence) * scale.symbols,
                // The name, its halo, and the gap the scene leaves between it and its symbol
                // (a size on screen, so it scales with the names).
                name: (w + halo + tokens.label_gap_px + tokens.halo_px) * scale.names,
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
    /// The view it is laid out to be read in, points, and the sizes that draw it.
    view: [f32; 2],
    tokens: crate::style::Tokens,
}

/// How much larger than their least size on screen the block views plan symbols to be.
const SYMBOL_AIR: f32 = 1.05;

/// A block view laid out for the size its names will have: laid out with names at zoom 1,
/// fitted in `view` as Zoom to fit would fit it (with the `backdrop` it has), then laid out again with names as large as that zoom draws them,
/// until the two agree (or a few rounds show the view cannot hold every name; the scene
/// then names the most important).
fn for_reading<T>(
    stakeholders: &[&crate::model::Stakeholder],
    view: [f32; 2],
    tokens: crate::style::Tokens,
    mut lay_out: impl FnMut(Scale) -> (Vec<Point>, T),
    backdrop: impl Fn(&T) -> Backdrop,
) -> (Vec<Point>, T) {
    let names: Vec<(StakeholderId, &str, Option<Score>)> = stakeholders
        .iter()
        .map(|s| (s.id(), s.name.as_str(), s.influence))
        .collect();
    let mut scale = Scale {
        names: 1.0,
        symbols: 1.0,
        view,
        tokens,
    };
    let measure = FontMeasure::for_layout();
    let mut result = lay_out(scale);
    let mut last: Option<(f32, f32)> = None;
    for _ in 0..12 {
        let positions: HashMap<StakeholderId, Position> = names
            .iter()
            .zip(&result.0)
            .map(|(&(id, _, _), &[x, y])| (id, Position(x, y)))
            .collect();
        let zoom = crate::style::scene::fit_with(
            &names,
            &positions,
            &backdrop(&result.1),
            view,
            0.03,
            &tokens,
            &measure,
        )
        .zoom;
        let px = tokens.label_px(zoom).unwrap_or(tokens.min_label_px);
        let wanted = Scale {
            names: (px / (tokens.label_size * zoom)).clamp(1.0, MOST_SCALE),
            // Symbols too are drawn no smaller than a least size (`Tokens::min_symbol_scale`),
            // planned a little larger: making room afterwards can zoom out a little, and two
            // in a row then touch.
            symbols: (SYMBOL_AIR * tokens.min_symbol_scale / zoom).clamp(1.0, MOST_SCALE),
            view,
            tokens,
        };
        // How far the names drawn are from the names planned for: none (to a few per cent),
        // with symbols drawn no larger than planned for (a little larger and two in a row
        // touch), and the view is made for its names.
        let short = wanted.names - scale.names;
        if short.abs() < 0.02 * scale.names && wanted.symbols <= scale.symbols {
            break;
        }
        // The next scale by the secant through the last two rounds (the view grows with its
        // names, so plain iteration creeps), never less than the names need now.
        let next = match last {
            Some((s0, f0)) if (short - f0).abs() > 1e-4 => {
                scale.names - short * (scale.names - s0) / (short - f0)
            }
            _ => wanted.names,
        };
        last = Some((scale.names, short));
        scale = Scale {
            names: next.max(wanted.names).clamp(1.0, MOST_SCALE),
            symbols: wanted.symbols.max(scale.symbols),
            view,
            tokens,
        };
        result = lay_out(scale);
    }
    result
}

/// The most a block view scales its names up (seen from far out).
const MOST_SCALE: f32 = 40.0;

/// Room above a block for its heading, canvas units.
const HEADING_BAND: f32 = 44.0;
/// Space inside a quadrant around its block.
const PAD: f32 = 16.0;

/// The shape of the view, width over height, that a block view is made for.
fn reading_aspect(view: [f32; 2]) -> f32 {
    view[0] / view[1]
}

/// The engagement view: a band per current level, leading at the top, then supportive,
/// neutral, resistant, unaware, and not assessed at the bottom; in each, its heading and
/// then its members flowing in rows like text, ordered by the engagement wanted, highest
/// first. Returns the positions and the bands.
fn engagement_view(
    stakeholders: &[&crate::model::Stakeholder],
    levels: &[(Option<u8>, Option<u8>)],
    view: [f32; 2],
    tokens: crate::style::Tokens,
) -> (Vec<Point>, Vec<Quadrant>) {
    for_reading(
        stakeholders,
        view,
        tokens,
        |scale| engagement_at(stakeholders, levels, scale),
        |bands| Backdrop::Engagement {
            bands: bands.clone(),
            arrows: Vec::new(),
        },
    )
}

/// The canvas width of a heading of `text` at a view's scale.
fn heading_width(text: &str, scale: Scale) -> f32 {
    let tokens = scale.tokens;
    // Headings have a fixed size on screen, as names do once zoomed out: at this scale a
    // point on screen is this many canvas units.
    let per_point = (scale.names * tokens.label_size / tokens.min_label_px).max(1.0);
    let measure = FontMeasure::for_layout();
    (measure.measure(text, tokens.heading_px)[0] + 16.0) * per_point
}

fn engagement_at(
    stakeholders: &[&crate::model::Stakeholder],
    levels: &[(Option<u8>, Option<u8>)],
    scale: Scale,
) -> (Vec<Point>, Vec<Quadrant>) {
    let all = cells(stakeholders, scale);
    // Leading first, down to unaware, then not assessed.
    let keys: Vec<Option<u8>> = Engagement::ALL
        .iter()
        .rev()
        .map(|&e| Some(e as u8))
        .chain(std::iter::once(None))
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
    let names: Vec<&'static str> = keys
        .iter()
        .map(|key| {
            key.and_then(|level| Engagement::ALL.iter().find(|&&e| e as u8 == level))
                .map_or("Not assessed", |&e| engagement_name(e))
        })
        .collect();
    // The headings stand in a column of their own at the left, as a swimlane's do: an
    // arrow up from a member below a heading had crossed it.
    let gutter = names
        .iter()
        .map(|n| heading_width(n, scale))
        .fold(0.0, f32::max);
    let row = row_height(&groups);
    let heights = |width: f32| -> Vec<(Block, f32)> {
        groups
            .iter()
            .map(|g| {
                let b = flow(g, width - 2.0 * PAD - gutter, row, 0.0);
                let height = b.height.max(row) + 2.0 * PAD;
                (b, height)
            })
            .collect()
    };
    let widest = groups
        .iter()
        .flatten()
        .map(cell_width)
        .fold(160.0, f32::max)
        + gutter
        + 2.0 * PAD;
    let width = widest_fit(reading_aspect(scale.view), widest, gutter, &groups, |w| {
        heights(w).iter().map(|(_, h)| h).sum::<f32>()
    });
    let mut points = vec![[0.0, 0.0]; levels.len()];
    let mut bands = Vec::new();
    let mut top = 0.0;
    for ((m, (b, height)), name) in members.iter().zip(heights(width)).zip(names) {
        for (&i, p) in m.iter().zip(&b.positions) {
            points[i] = [PAD + gutter + p[0], top + PAD + p[1]];
        }
        bands.push(Quadrant {
            name,
            min: [0.0, top],
            max: [width, top + height],
        });
        top += height;
    }
    (points, bands)
}

/// The width, between `least` and all of `groups` in one row (each beside a column of
/// `beside` canvas units: the headings), that gives a view of that width and
/// `height(width)` the shape of the reading view.
fn widest_fit(
    aspect: f32,
    least: f32,
    beside: f32,
    groups: &[Vec<Cell>],
    height: impl Fn(f32) -> f32,
) -> f32 {
    let most = groups
        .iter()
        .map(|g| g.iter().map(cell_width).sum::<f32>() + beside)
        .fold(least, f32::max)
        + 2.0 * PAD;
    let miss = |w: f32| ((w / height(w).max(1.0)) / aspect).ln().abs();
    (0..=48)
        .map(|k| least + (most - least) * k as f32 / 48.0)
        .min_by(|&a, &b| miss(a).total_cmp(&miss(b)))
        .unwrap_or(least)
}

/// The power/interest grid as four quadrants of blocks (manage closely, keep satisfied,
/// keep informed, monitor) with the unscored in a tray below; in each, members ordered by
/// influence then interest, highest first.
fn grid_view(
    stakeholders: &[&crate::model::Stakeholder],
    view: [f32; 2],
    tokens: crate::style::Tokens,
) -> (Vec<Point>, [Quadrant; 4], Quadrant) {
    let (points, (quadrants, tray)) = for_reading(
        stakeholders,
        view,
        tokens,
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
    // Keep satisfied and monitor on the left, manage closely and keep informed on the
    // right: each side as wide as its quadrants' names need, sharing the grid's width in
    // proportion to them, each quadrant's members flowing in rows.
    let need = |q: usize| groups[q].iter().map(cell_width).sum::<f32>();
    let widest = |q: usize| groups[q].iter().map(cell_width).fold(160.0, f32::max) + 2.0 * PAD;
    let (least_left, least_right) = (widest(1).max(widest(3)), widest(0).max(widest(2)));
    let shape = |total: f32| {
        let share = (need(1) + need(3)) / (need(0) + need(1) + need(2) + need(3)).max(1.0);
        let left = (total * share).clamp(least_left, (total - least_right).max(least_left));
        let right = (total - left).max(least_right);
        let b: Vec<Block> = (0..4)
            .map(|q| {
                let side = if q == 1 || q == 3 { left } else { right };
                flow(&groups[q], side - 2.0 * PAD, row, 0.0)
            })
            .collect();
        let high = |q: usize| b[q].height.max(row) + band + 2.0 * PAD;
        let (top, bottom) = (high(0).max(high(1)), high(2).max(high(3)));
        let tray = flow(&groups[4], left + right - 2.0 * PAD, row, 0.0);
        let tray_height = band + 2.0 * PAD + tray.height.max(row);
        (b, tray, left, right, top, bottom, tray_height)
    };
    let total = widest_fit(
        reading_aspect(scale.view),
        least_left + least_right,
        0.0,
        &groups,
        |w| {
            let (_, _, _, _, top, bottom, tray) = shape(w);
            top + bottom + PAD + tray
        },
    );
    let (blocks, tray_block, left, right, top, bottom, tray_height) = shape(total);
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
    // The tray of the unscored, below, as wide as the grid.
    let tray_top = top + bottom + PAD;
    for (&i, p) in members[4].iter().zip(&tray_block.positions) {
        points[i] = [PAD + p[0], tray_top + band + PAD + p[1]];
    }
    let tray = quadrant(
        "Not scored",
        [0.0, tray_top],
        [left + right, tray_top + tray_height],
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
    let names = crate::style::scene::names(map);
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

    /// The projector's scene of `arrangement` in its 1650x965 canvas: how many
    /// stakeholders it leaves unnamed, and how many symbols lie outside every band or
    /// quadrant (or in a band's heading column).
    fn on_the_wall(map: &Map, arrangement: &Arrangement) -> (usize, usize) {
        use crate::style::scene::{self, SceneInput};
        let tokens = crate::style::Tokens::PROJECTOR;
        let measure = FontMeasure::for_layout();
        let camera = scene::fit_with(
            &scene::names(map),
            &arrangement.positions,
            &arrangement.backdrop,
            [1650.0, 965.0],
            0.03,
            &tokens,
            &measure,
        );
        let none = std::collections::BTreeSet::new();
        let none_related = std::collections::BTreeSet::new();
        let decorations = crate::shown::Decorations::default();
        let built = scene::build(
            &SceneInput {
                map,
                decorations: &decorations,
                positions: &arrangement.positions,
                camera,
                tokens,
                palette: crate::style::Palette::PROJECTOR,
                selected_stakeholders: &none,
                selected_relationships: &none_related,
                hovered: None,
                faint: true,
                backdrop: &arrangement.backdrop,
            },
            &measure,
        );
        let regions = scene::regions(&built.backdrop);
        let headings = scene::heading_rects(&built.backdrop, &measure);
        let astray = built
            .nodes
            .iter()
            .filter(|n| {
                !regions.iter().any(|r| r.contains(n.centre))
                    || headings
                        .iter()
                        .any(|h| h.touches_circle(n.centre, n.radius))
            })
            .count();
        (built.unlabelled, astray)
    }

    /// On the wall the block views are set out in rows for the projector's larger names:
    /// kept as the window's, they left 34 of the engagement slide's stakeholders unnamed;
    /// moved as the network is, their rows broke up and stakeholders strayed out of their
    /// bands (two fresh testers). The network is made room for there.
    #[test]
    fn a_projector_sets_the_block_views_out_for_its_names_and_moves_the_network() {
        let map = crate::builtin::police_community();
        let projector = crate::style::Tokens::PROJECTOR;
        let wall = Reader {
            view: [1650.0, 965.0],
            tokens: &projector,
            drawn: &FontMeasure::new(Vec::new()),
            sizes: &Encoded::default(),
        };
        for layout in [MapLayout::PowerInterest, MapLayout::Engagement] {
            let window = on_the_wall(&map, &arrange(&map, layout));
            let wall = on_the_wall(&map, &arrange_for(&map, layout, &wall));
            assert_eq!(wall.1, 0, "{layout:?}: symbols out of their rows");
            // Engagement: every name (34 unnamed as in the window); the grid: 15 (34).
            let most = if layout == MapLayout::Engagement {
                0
            } else {
                window.0 / 2
            };
            assert!(
                wall.0 <= most,
                "{layout:?}: {} unnamed on the wall ({} as in the window)",
                wall.0,
                window.0
            );
        }
        let network = arrange_for(&map, MapLayout::Network, &wall);
        let moved = map
            .stakeholders()
            .filter(|s| s.position != network.positions.get(&s.id()).copied())
            .count();
        assert!(moved > 0, "room is made for the projector's names");
    }

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
        // The engagement view keeps each stakeholder in its level's band, leading at the
        // top: every one of a level above every one of the level below.
        let view = arrange(&map, MapLayout::Engagement);
        let y_of = |level: Option<Engagement>| {
            map.stakeholders()
                .filter(|s| s.engagement == level)
                .map(|s| view.positions[&s.id()].1)
                .collect::<Vec<f32>>()
        };
        for pair in Engagement::ALL.windows(2) {
            let (lower, higher) = (y_of(Some(pair[0])), y_of(Some(pair[1])));
            let lowest_of_higher = higher.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let highest_of_lower = lower.iter().copied().fold(f32::INFINITY, f32::min);
            assert!(
                lowest_of_higher < highest_of_lower,
                "{:?} above {:?}",
                pair[1],
                pair[0]
            );
        }
        let Backdrop::Engagement { bands, .. } = &view.backdrop else {
            panic!("the engagement view has bands");
        };
        for s in map.stakeholders() {
            let p = view.positions[&s.id()];
            let band = bands
                .iter()
                .find(|b| b.contains([p.0, p.1]))
                .expect("in a band");
            let expected = s.engagement.map_or("Not assessed", engagement_name);
            assert_eq!(band.name, expected, "{}", s.name);
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
