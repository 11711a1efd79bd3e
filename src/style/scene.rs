//! The scene: the shown map as plain drawing instructions in screen space, built once per
//! frame (or per picture) from the shown map, where each stakeholder is drawn, the camera,
//! the design [`Tokens`] and a [`Palette`]. The window paints it with egui and the picture
//! export writes it as SVG (and PNG through it): two adapters of one scene, so the screen
//! and the paper cannot drift apart.
//!
//! Order of painting: backdrop, relationships, stakeholders, labels (on a halo, so no line
//! crosses a name).

use super::geometry::Rect;
use super::labels::{self, LabelRequest, Obstacle};
use super::{MarkGlyph, NodeShape, Palette, Rgba, Tokens, ToneMark, arrowhead, mark_glyph};
use crate::analysis::Change;
use crate::layout::for_map::Backdrop;
use crate::layout::grid::Quadrant;
use crate::model::{Map, Position, RelationshipId, Score, StakeholderId};
use crate::shown::Decorations;
use std::collections::{BTreeSet, HashMap};

/// Where the canvas is seen from: screen = canvas × zoom + pan, in points from the view's
/// top-left corner; `viewport` is the view's size in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Screen points per canvas unit.
    pub zoom: f32,
    /// Where the canvas origin is on screen.
    pub pan: [f32; 2],
    /// The view's width and height.
    pub viewport: [f32; 2],
}

impl Camera {
    /// Where a canvas position is on screen.
    pub fn to_screen(&self, Position(x, y): Position) -> [f32; 2] {
        [x * self.zoom + self.pan[0], y * self.zoom + self.pan[1]]
    }

    /// The canvas position under a screen point.
    pub fn to_canvas(&self, [x, y]: [f32; 2]) -> Position {
        Position((x - self.pan[0]) / self.zoom, (y - self.pan[1]) / self.zoom)
    }

    /// The view as a screen box.
    pub fn view(&self) -> Rect {
        Rect::from_min_size([0.0, 0.0], self.viewport)
    }
}

/// Measures text as the renderer will draw it.
pub trait TextMeasure {
    /// Width and height, in points, of one line of `text` at `px` points.
    fn measure(&self, text: &str, px: f32) -> [f32; 2];
}

/// A stakeholder drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    /// Who.
    pub id: StakeholderId,
    /// Centre on screen.
    pub centre: [f32; 2],
    /// Radius on screen.
    pub radius: f32,
    /// Its outline: a dot when tiny, else its kind's shape.
    pub shape: NodeShape,
    /// Fill (faded ones already carry their alpha).
    pub fill: Rgba,
    /// An outline (selected, hovered), colour and width.
    pub outline: Option<(Rgba, f32)>,
    /// A ring around it (a change being compared), colour and width, at `radius + gap`.
    pub ring: Option<(Rgba, f32, f32)>,
    /// The ring is dashed: suggested in a workshop, not yet accepted (it then always has
    /// one, in the text colour).
    pub pending: bool,
    /// A pin mark (pinned): head centre, needle tip, head radius, colour.
    pub pin: Option<([f32; 2], [f32; 2], f32, Rgba)>,
}

/// The line of a relationship on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EdgePath {
    /// A straight line.
    Line([f32; 2], [f32; 2]),
    /// A quadratic curve: start, control point, end.
    Curve([f32; 2], [f32; 2], [f32; 2]),
    /// A relationship of a stakeholder with itself: a circle beside it.
    Loop {
        /// Centre.
        centre: [f32; 2],
        /// Radius.
        radius: f32,
    },
}

/// A relationship drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    /// Which.
    pub id: RelationshipId,
    /// Its line.
    pub path: EdgePath,
    /// Width in points.
    pub width: f32,
    /// Colour (faint ones already carry their alpha).
    pub colour: Rgba,
    /// Dash and gap in points, when dashed (cooling, or removed in a comparison).
    pub dash: Option<(f32, f32)>,
    /// The arrowhead's three corners, when it reads with a direction.
    pub arrow: Option<[[f32; 2]; 3]>,
    /// The mark at its middle (strained, or a change), in the line's colour.
    pub mark: Option<MarkGlyph>,
}

/// A name drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLabel {
    /// Whose.
    pub id: StakeholderId,
    /// The text, in logical order (a renderer lays it out).
    pub text: String,
    /// Where the text is set in two lines: the byte offset of the second line's start
    /// (the first ends with the space before it). Each line is centred in the box.
    pub break_at: Option<usize>,
    /// Its box on screen (the text's own box; the halo goes around it).
    pub rect: Rect,
    /// Size in points.
    pub size: f32,
    /// Text colour.
    pub colour: Rgba,
    /// Halo colour behind it.
    pub halo: Rgba,
    /// Halo width in points.
    pub halo_px: f32,
    /// The line back to its stakeholder when the name is set off from it.
    pub leader: Option<LeaderGlyph>,
}

impl SceneLabel {
    /// The halo behind the text: its box grown by half the halo's width, the box the
    /// placement kept clear of other symbols and names (grown by the whole width, it had
    /// cut the top off Nadia Karim's circle).
    pub fn halo_box(&self) -> Rect {
        self.rect.expand(self.halo_px / 2.0)
    }
}

/// A thin line from a stakeholder's edge to its name, set off where there was no room
/// beside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeaderGlyph {
    /// From (by the stakeholder) and to (the name's nearest point), screen points.
    pub line: [[f32; 2]; 2],
    /// Width in points.
    pub width: f32,
    /// Radius of the dot at the stakeholder's end, points: a callout's mark, so that a
    /// leader does not read as a relationship.
    pub dot: f32,
    /// Colour.
    pub colour: Rgba,
}

/// What a view draws behind the map.
#[derive(Clone, Debug, PartialEq)]
pub enum BackdropItem {
    /// A filled area.
    Area {
        /// Where.
        rect: Rect,
        /// Fill.
        fill: Rgba,
    },
    /// A frame.
    Frame {
        /// Where.
        rect: Rect,
        /// Line colour.
        colour: Rgba,
    },
    /// A heading, its top-left (or bottom-centre when `centred`) at `at`.
    Text {
        /// Where.
        at: [f32; 2],
        /// Centred above `at` rather than below-right of it.
        centred: bool,
        /// What it says.
        text: String,
        /// Size in points.
        size: f32,
        /// Colour.
        colour: Rgba,
        /// Turned about `at` by this many radians, clockwise on screen (a circle's group
        /// names run along their arc); 0 for level text.
        angle: f32,
        /// Drawn over the relationships on a halo of this colour, reaching this far past
        /// the letters, points (the names of a circle's groups and of the rings, which
        /// lines had crossed); `None`: behind them (the headings of the grid and the
        /// bands).
        halo: Option<(Rgba, f32)>,
    },
    /// A guide circle, its outline only.
    Ring {
        /// Centre on screen.
        centre: [f32; 2],
        /// Radius in points.
        radius: f32,
        /// Line width in points.
        width: f32,
        /// Line colour.
        colour: Rgba,
    },
    /// An arrow: a line and its head.
    Arrow {
        /// From.
        from: [f32; 2],
        /// To.
        to: [f32; 2],
        /// Line width, in points.
        width: f32,
        /// The head's corners, tip first.
        head: [[f32; 2]; 3],
        /// Colour.
        colour: Rgba,
    },
}

/// The whole drawing of a view of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The view's size in points.
    pub viewport: [f32; 2],
    /// Behind everything.
    pub background: Rgba,
    /// Quadrants, columns, arrows of a view.
    pub backdrop: Vec<BackdropItem>,
    /// Relationships, in id order.
    pub edges: Vec<SceneEdge>,
    /// Stakeholders, in id order.
    pub nodes: Vec<SceneNode>,
    /// Names placed, most important first.
    pub labels: Vec<SceneLabel>,
    /// Stakeholders on screen whose name did not fit.
    pub unlabelled: usize,
}

/// What a scene is built from.
pub struct SceneInput<'a> {
    /// The shown map (from [`crate::shown::shown`]).
    pub map: &'a Map,
    /// Its decorations.
    pub decorations: &'a Decorations,
    /// Where each stakeholder is drawn now, canvas units (a view or an animation may differ
    /// from the map's own positions).
    pub positions: &'a HashMap<StakeholderId, Position>,
    /// The camera.
    pub camera: Camera,
    /// Sizes.
    pub tokens: Tokens,
    /// Colours around the encoding.
    pub palette: Palette,
    /// The selection.
    pub selected_stakeholders: &'a BTreeSet<StakeholderId>,
    /// The selected relationships.
    pub selected_relationships: &'a BTreeSet<RelationshipId>,
    /// The stakeholder under the pointer.
    pub hovered: Option<StakeholderId>,
    /// Relationships drawn faint (behind a view about the stakeholders).
    pub faint: bool,
    /// What the view draws behind.
    pub backdrop: &'a Backdrop,
}

/// How much of its colour a faded stakeholder's name keeps, 0-1: about 3:1 against the
/// background in every palette, readable up close, plainly behind the names in front.
const FADED_NAME: f32 = 0.6;

/// Sideways spacing of parallel relationships, in canvas units.
pub const PARALLEL_SPACING: f32 = 22.0;

/// The bend of each relationship: 0 for the only one between a pair, symmetric about the
/// straight line for several, measured to the left of the direction from the lower id to
/// the higher; for a loop, which loop of its stakeholder it is.
pub fn bends(map: &Map) -> HashMap<RelationshipId, (f32, u8)> {
    let mut pairs: HashMap<(StakeholderId, StakeholderId), Vec<RelationshipId>> = HashMap::new();
    for r in map.relationships_by_id() {
        let key = (r.from().min(r.to()), r.from().max(r.to()));
        pairs.entry(key).or_default().push(r.id());
    }
    let mut out = HashMap::new();
    for ((a, b), ids) in pairs {
        let n = ids.len();
        for (i, id) in ids.into_iter().enumerate() {
            if a == b {
                out.insert(id, (0.0, u8::try_from(i).unwrap_or(u8::MAX)));
            } else {
                let offset = i as f32 - (n as f32 - 1.0) / 2.0;
                out.insert(id, (offset * PARALLEL_SPACING, 0));
            }
        }
    }
    out
}

/// The circle a stakeholder's `index`-th loop is drawn as, canvas units: beside it, each
/// further loop a quarter turn on.
pub fn loop_circle(centre: Position, radius: f32, index: u8) -> (Position, f32) {
    let angle = -std::f32::consts::FRAC_PI_4 - f32::from(index) * std::f32::consts::FRAC_PI_2;
    let d = radius * 1.35;
    (
        Position(centre.0 + d * angle.cos(), centre.1 + d * angle.sin()),
        radius * 0.7,
    )
}

/// The point where a line from a stakeholder's centre towards `towards` leaves its outline.
fn boundary(shape: NodeShape, centre: [f32; 2], radius: f32, towards: [f32; 2]) -> [f32; 2] {
    let (dx, dy) = (towards[0] - centre[0], towards[1] - centre[1]);
    let length = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / length, dy / length);
    let scale = match shape {
        NodeShape::Circle | NodeShape::Hexagon => 1.0,
        NodeShape::Square => 0.886 / ux.abs().max(uy.abs()).max(1e-3),
        NodeShape::Diamond => 1.15 / (ux.abs() + uy.abs()).max(1e-3),
    };
    [
        centre[0] + ux * radius * scale,
        centre[1] + uy * radius * scale,
    ]
}

fn point_on(curve: [[f32; 2]; 3], t: f32) -> [f32; 2] {
    let [p0, p1, p2] = curve;
    let u = 1.0 - t;
    [
        u * u * p0[0] + 2.0 * u * t * p1[0] + t * t * p2[0],
        u * u * p0[1] + 2.0 * u * t * p1[1] + t * t * p2[1],
    ]
}

/// The unit vector from `a` towards `b`.
fn unit(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let l = (dx * dx + dy * dy).sqrt().max(1e-6);
    [dx / l, dy / l]
}

fn with_alpha(Rgba([r, g, b, a]): Rgba, keep: f32) -> Rgba {
    Rgba([r, g, b, (f32::from(a) * keep).round() as u8])
}

/// A selection of up to this many stakeholders has every name shown, over what is there
/// if need be; a larger one (Select all, a filter's results) is named first, as room allows.
pub const MOST_SELECTED_SHOWN: usize = 12;

/// How important a name is to show: influence, then how connected the stakeholder is,
/// after anything `raised` (a selection too large to show whole, see
/// [`MOST_SELECTED_SHOWN`]). The one under the pointer and a smaller selection are not
/// raised: they are always shown, but placed after the others, so that pointing at or
/// selecting a stakeholder moves no other name.
pub(crate) fn importance(raised: bool, influence: Option<Score>, degree: usize) -> f64 {
    f64::from(u8::from(raised)) * 1e8
        + f64::from(influence.unwrap_or(Score::MIDDLE).get()) * 1e4
        + degree as f64
}

/// Builds the scene.
pub fn build(input: &SceneInput<'_>, measure: &dyn TextMeasure) -> Scene {
    let camera = input.camera;
    let tokens = input.tokens;
    let palette = input.palette;
    let view = camera.view();
    let zoom = camera.zoom;
    let mut nodes = Vec::new();
    let mut on_screen: HashMap<StakeholderId, ([f32; 2], f32, NodeShape)> = HashMap::new();
    let margin = tokens.max_label_px * 4.0;
    for s in input.map.stakeholders_by_id() {
        let Some(&position) = input.positions.get(&s.id()) else {
            continue;
        };
        let centre = camera.to_screen(position);
        // Zoomed far out a symbol keeps a size that can be seen and told from the others.
        let radius = input.decorations.encoded.radius_of(s) * zoom.max(tokens.min_symbol_scale);
        let shape = if radius < tokens.tiny_px {
            NodeShape::Circle
        } else {
            super::node_shape(s.kind)
        };
        on_screen.insert(s.id(), (centre, radius, shape));
        if !view.expand(radius + margin).contains(centre) {
            continue;
        }
        let change = input.decorations.stakeholder_changes.get(&s.id()).copied();
        let mut fill = input.decorations.encoded.fill_of(s);
        if input.decorations.is_faded(s.id()) {
            fill = with_alpha(fill, tokens.faded);
        }
        let selected = input.selected_stakeholders.contains(&s.id());
        let outline = if selected {
            Some((palette.selection, tokens.selection_px))
        } else if input.hovered == Some(s.id()) {
            Some((palette.hover, tokens.hover_px))
        } else {
            None
        };
        let pending = s.pending.is_some();
        let ring = change
            .map(|c| (super::change_colour(c), tokens.ring_px, tokens.ring_gap_px))
            .or_else(|| pending.then_some((palette.text, tokens.hover_px, tokens.ring_gap_px)));
        let pin = (s.pinned && radius >= tokens.tiny_px).then(|| {
            let head = [centre[0] + radius * 0.75, centre[1] - radius * 0.75];
            let size = (radius * 0.35).clamp(3.0, 7.0);
            let tip = [head[0] - size * 1.4, head[1] + size * 1.4];
            (head, tip, size * 0.6, palette.pin)
        });
        nodes.push(SceneNode {
            id: s.id(),
            centre,
            radius,
            shape,
            fill,
            outline,
            ring,
            pending,
            pin,
        });
    }

    let bends = bends(input.map);
    let mut edges = Vec::new();
    let mut degree: HashMap<StakeholderId, usize> = HashMap::new();
    for r in input.map.relationships_by_id() {
        *degree.entry(r.from()).or_default() += 1;
        *degree.entry(r.to()).or_default() += 1;
        let (Some(&(a, ra, sa)), Some(&(b, rb, sb))) =
            (on_screen.get(&r.from()), on_screen.get(&r.to()))
        else {
            continue;
        };
        let change = input.decorations.relationship_changes.get(&r.id()).copied();
        let selected = input.selected_relationships.contains(&r.id());
        let mut colour = match change {
            Some(change) => super::change_colour(change),
            None if input.decorations.comparing => super::UNCHANGED_COLOUR,
            None => super::edge_colour(r.tone()),
        };
        if input.faint {
            colour = with_alpha(colour, tokens.faint_relationships);
        }
        if input.decorations.filtered.relationships.contains(&r.id()) {
            colour = with_alpha(colour, tokens.faded);
        }
        let mut width = (super::edge_width(r.strength()) * zoom).max(tokens.min_line_px);
        if selected {
            width += tokens.selection_px;
            colour = palette.selection;
        }
        let dashed = input.decorations.cooling.contains(&r.id())
            || change == Some(Change::Removed)
            || r.pending.is_some();
        let mark = match change {
            Some(change) => super::change_mark(change),
            None if input.decorations.comparing => ToneMark::None,
            None => super::tone_mark(r.tone()),
        };
        let (bend, loop_index) = bends.get(&r.id()).copied().unwrap_or((0.0, 0));
        if r.from() == r.to() {
            let position = input
                .positions
                .get(&r.from())
                .copied()
                .unwrap_or(Position(0.0, 0.0));
            let (c, radius) = loop_circle(
                position,
                input
                    .map
                    .stakeholder(r.from())
                    .map_or(super::node_radius(None), |s| {
                        input.decorations.encoded.radius_of(s)
                    }),
                loop_index,
            );
            let centre = camera.to_screen(c);
            let radius = radius * zoom;
            if !view.expand(radius + width).contains(centre) {
                continue;
            }
            edges.push(SceneEdge {
                id: r.id(),
                path: EdgePath::Loop { centre, radius },
                width,
                colour,
                dash: dashed.then_some(tokens.dash_px),
                arrow: None,
                mark: None,
            });
            continue;
        }
        // Bend measured from the lower id: turned round for a line drawn the other way.
        let sign = if r.from() <= r.to() { 1.0 } else { -1.0 };
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length = (dx * dx + dy * dy).sqrt();
        if length < 1e-3 {
            continue;
        }
        let normal = [-dy / length, dx / length];
        let offset = bend * sign * 2.0 * zoom;
        let control = [
            a[0] + dx / 2.0 + normal[0] * offset,
            a[1] + dy / 2.0 + normal[1] * offset,
        ];
        let start = boundary(sa, a, ra, control);
        let end = boundary(sb, b, rb, control);
        let curve = [start, control, end];
        let bounds = Rect::around(start, 0.0)
            .union(&Rect::around(control, 0.0))
            .union(&Rect::around(end, 0.0))
            .expand(width + 12.0);
        if !bounds.intersects(&view) {
            continue;
        }
        let path = if bend == 0.0 {
            EdgePath::Line(start, end)
        } else {
            EdgePath::Curve(start, control, end)
        };
        let visible_marks = zoom >= tokens.min_arrow_zoom;
        let arrow = (r.directed && visible_marks).then(|| {
            let back = point_on(curve, 0.9);
            let size = (width * tokens.arrow_per_width).max(tokens.min_arrow_px);
            arrowhead(end, unit(back, end), size)
        });
        let mark = (mark != ToneMark::None && visible_marks).then(|| {
            let along = unit(point_on(curve, 0.45), point_on(curve, 0.55));
            mark_glyph(mark, point_on(curve, 0.5), along, width)
        });
        let dash = dashed.then(|| {
            let (dash, gap) = tokens.dash_px;
            let stretch = (length / ((dash + gap) * tokens.max_dashes)).max(1.0);
            (dash * stretch, gap * stretch)
        });
        edges.push(SceneEdge {
            id: r.id(),
            path,
            width,
            colour,
            dash,
            arrow,
            mark,
        });
    }

    let mut backdrop = backdrop_items(input);
    // Names keep off the view's headings, as they keep off each other; on the grid a name
    // stays in its stakeholder's quadrant (or the tray).
    let headings = heading_rects(&backdrop, measure);
    let regions = regions(&backdrop);
    let (labels, unlabelled) = place_labels(input, &nodes, &degree, &headings, &regions, measure);
    backdrop.extend(group_names(input, &nodes, &labels, measure));
    Scene {
        viewport: camera.viewport,
        background: palette.background,
        backdrop,
        edges,
        nodes,
        labels,
        unlabelled,
    }
}

/// Whether a view sets names out beside their stakeholders (the block views: the grid and
/// the engagement bands) rather than below them.
pub fn names_beside(backdrop: &Backdrop) -> bool {
    matches!(
        backdrop,
        Backdrop::Quadrants { .. } | Backdrop::Engagement { .. }
    )
}

/// The boxes of a backdrop's headings on screen, which names keep off. A circle's group
/// names, turned along their arcs, are not among them: they are set after the stakeholders'
/// names, in the room those leave (see [`text_meets`]).
pub fn heading_rects(backdrop: &[BackdropItem], measure: &dyn TextMeasure) -> Vec<Rect> {
    backdrop
        .iter()
        .filter_map(|item| match item {
            BackdropItem::Text {
                at,
                centred,
                text,
                size,
                angle,
                ..
            } if *angle == 0.0 => {
                let [w, h] = measure.measure(text, *size);
                Some(if *centred {
                    turned_box(*at, 0.0, [w, h])
                } else {
                    Rect::from_min_size(*at, [w, h])
                })
            }
            _ => None,
        })
        .collect()
}

/// Whether a backdrop's text `item` (a heading, a group's or ring's name, turned or level)
/// overlaps `rect` on screen; false for any other item.
pub fn text_meets(item: &BackdropItem, rect: &Rect, measure: &dyn TextMeasure) -> bool {
    let BackdropItem::Text {
        at,
        centred,
        text,
        size,
        angle,
        ..
    } = item
    else {
        return false;
    };
    let [w, h] = measure.measure(text, *size);
    if !*centred {
        return Rect::from_min_size(*at, [w, h]).intersects(rect);
    }
    Turned {
        at: *at,
        angle: *angle,
        size: [w, h],
    }
    .meets(rect)
}

/// The regions of a backdrop on screen (the grid's quadrants and tray): a name stays in
/// the region of its stakeholder.
pub fn regions(backdrop: &[BackdropItem]) -> Vec<Rect> {
    backdrop
        .iter()
        .filter_map(|item| match item {
            BackdropItem::Area { rect, .. } | BackdropItem::Frame { rect, .. } => Some(*rect),
            _ => None,
        })
        .collect()
}

/// At most this many names are tried in one view, the most important first: a view of
/// 1920x1080 holds fewer (a name takes at least 60 by 14 points).
const MOST_NAMES_TRIED: usize = 600;

/// Zoomed out too far for every name, this many of the most important are still tried.
const NAMES_FAR_OUT: usize = 100;

fn place_labels(
    input: &SceneInput<'_>,
    nodes: &[SceneNode],
    degree: &HashMap<StakeholderId, usize>,
    headings: &[Rect],
    regions: &[Rect],
    measure: &dyn TextMeasure,
) -> (Vec<SceneLabel>, usize) {
    let tokens = input.tokens;
    let view = input.camera.view();
    let size = tokens.label_px(input.camera.zoom);
    let mut obstacles = Vec::with_capacity(nodes.len());
    // Who could be named: everyone on screen, most important first.
    let mut candidates = Vec::new();
    let few_selected = input.selected_stakeholders.len() <= MOST_SELECTED_SHOWN;
    for (i, node) in nodes.iter().enumerate() {
        obstacles.push(Obstacle {
            owner: i,
            centre: node.centre,
            radius: node.radius,
        });
        if !view.contains(node.centre) {
            continue;
        }
        let Some(s) = input.map.stakeholder(node.id) else {
            continue;
        };
        // A suggestion the room just made is named like a selection: the room looks for it.
        let selected = input.selected_stakeholders.contains(&node.id) || node.pending;
        let always = input.hovered == Some(node.id) || (selected && few_selected);
        // What a filter or a spotlight fades is named after everything it leaves in front.
        let behind = if input.decorations.is_faded(node.id) {
            1e7
        } else {
            0.0
        };
        let rank = importance(
            selected && !few_selected,
            s.influence,
            degree.get(&s.id()).copied().unwrap_or(0),
        ) - behind;
        candidates.push((i, s, rank, always));
    }
    let on_screen = candidates.len();
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    // No view holds more names than this: trying more only costs time. Zoomed too far out
    // for every name, the most important still get theirs, at the least size.
    let tries = if size.is_some() {
        MOST_NAMES_TRIED
    } else {
        NAMES_FAR_OUT
    };
    let px = size.unwrap_or(tokens.min_label_px);
    let beside = names_beside(input.backdrop);
    let mut requests = Vec::new();
    // The names always shown are tried however far down the order they come.
    let always_shown = candidates.iter().skip(tries).filter(|c| c.3);
    for &(i, s, rank, always) in candidates.iter().take(tries).chain(always_shown) {
        let node = &nodes[i];
        // Names keep a halo apart: one's halo reaches up to another's text, never over it.
        let [w, h] = measure.measure(&s.name, px);
        let wrapped = two_line_size(&s.name, w, px, measure)
            .map(|[w2, h2]| [w2 + tokens.halo_px, h2 + tokens.halo_px]);
        let (w, h) = (w + tokens.halo_px, h + tokens.halo_px);
        requests.push(LabelRequest {
            owner: i,
            centre: node.centre,
            // The outline a pointer or a selection draws does not push its name: names
            // stay put as the pointer crosses the map and stakeholders are selected.
            radius: node.radius,
            size: [w, h],
            wrapped,
            importance: rank,
            always,
            within: regions.iter().find(|r| r.contains(node.centre)).copied(),
            beside,
        });
    }
    let inner = view.expand(-tokens.halo_px / 2.0);
    // Zoomed too far out for every name, the map is too crowded for leaders to help.
    let leaders = if size.is_some() {
        tokens.most_leaders
    } else {
        0
    };
    let placed = labels::place(
        &requests,
        &obstacles,
        headings,
        inner,
        tokens.label_gap_px + tokens.halo_px / 2.0,
        leaders,
    );
    let labels = placed
        .into_iter()
        .filter_map(|p| {
            let node = &nodes[p.owner];
            let s = input.map.stakeholder(node.id)?;
            let faded = input.decorations.is_faded(node.id);
            let break_at = if p.wrapped {
                two_lines(&s.name).map(|(first, _)| first.len())
            } else {
                None
            };
            Some(SceneLabel {
                id: node.id,
                text: s.name.clone(),
                break_at,
                rect: p.rect.expand(-tokens.halo_px / 2.0),
                size: px,
                // A faded stakeholder's name steps back too, as far as its symbol: from the
                // back of a room the names in front must stand out, not just be black.
                colour: if faded {
                    with_alpha(input.palette.weak_text, FADED_NAME)
                } else {
                    input.palette.text
                },
                halo: input.palette.halo,
                halo_px: tokens.halo_px,
                // To the halo's edge, where the name's box begins on screen.
                leader: p.leader.map(|line| LeaderGlyph {
                    line,
                    width: tokens.leader_px,
                    dot: tokens.leader_dot_px,
                    // In the text's colour, not a line's: a grey leader read as a relationship.
                    colour: if faded {
                        with_alpha(input.palette.weak_text, FADED_NAME)
                    } else {
                        input.palette.text
                    },
                }),
            })
        })
        .collect::<Vec<_>>();
    let unlabelled = on_screen - labels.len();
    (labels, unlabelled)
}

/// Names narrower than this many label heights stay on one line: a short name broken in
/// two reads worse than one set off with a leader.
const WRAP_FROM: f32 = 8.0;

/// The size of `name` at `px` points set in two lines ([`two_lines`]): the wider line's
/// width and two lines' height. None for a name with no space to break at, or whose one
/// line (`width` points, as measured already) is narrower than [`WRAP_FROM`] label sizes.
pub fn two_line_size(
    name: &str,
    width: f32,
    px: f32,
    measure: &dyn TextMeasure,
) -> Option<[f32; 2]> {
    if width < WRAP_FROM * px {
        return None;
    }
    let (first, second) = two_lines(name)?;
    let [w1, h] = measure.measure(first.trim_end(), px);
    let [w2, _] = measure.measure(second, px);
    Some([w1.max(w2), 2.0 * h])
}

/// A name cut at the space nearest its middle by characters: the first line keeps the
/// space, so the two read back as the name. None if there is no space to cut at.
pub fn two_lines(name: &str) -> Option<(&str, &str)> {
    let middle = name.chars().count() as f32 / 2.0;
    let (at, _) = name
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .map(|(k, (byte, _))| (byte, (k as f32 + 0.5 - middle).abs()))
        .filter(|&(byte, _)| byte > 0 && byte + 1 < name.len())
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some((&name[..=at], &name[at + 1..]))
}

fn backdrop_items(input: &SceneInput<'_>) -> Vec<BackdropItem> {
    let camera = input.camera;
    let palette = input.palette;
    let screen = |[x, y]: [f32; 2]| camera.to_screen(Position(x, y));
    let heading = input.tokens.heading_px;
    let mut items = Vec::new();
    // A region with its heading at its top-left: tinted, or framed (a tray) when `tint` is
    // none.
    let area = |items: &mut Vec<BackdropItem>, region: &Quadrant, tint: Option<f32>| {
        let (a, b) = (screen(region.min), screen(region.max));
        let rect = Rect {
            min: [a[0].min(b[0]), a[1].min(b[1])],
            max: [a[0].max(b[0]), a[1].max(b[1])],
        };
        items.push(match tint {
            Some(tint) => BackdropItem::Area {
                rect,
                fill: with_alpha(palette.backdrop, tint),
            },
            None => BackdropItem::Frame {
                rect,
                colour: palette.weak_text,
            },
        });
        items.push(BackdropItem::Text {
            at: [rect.min[0] + 8.0, rect.min[1] + 6.0],
            centred: false,
            text: region.name.to_owned(),
            size: heading,
            angle: 0.0,
            halo: None,
            colour: if tint.is_some() {
                palette.text
            } else {
                palette.weak_text
            },
        });
    };
    match input.backdrop {
        Backdrop::None => {}
        Backdrop::Quadrants { quadrants, tray } => {
            for (quadrant, tint) in quadrants.iter().zip([0.10, 0.06, 0.06, 0.03]) {
                area(&mut items, quadrant, Some(tint));
            }
            area(&mut items, tray, None);
        }
        Backdrop::Engagement { bands, arrows } => {
            // Bands alternate in tint, the top (leading) darkest, as the grid's quadrants.
            for (band, k) in bands.iter().zip(0..) {
                area(&mut items, band, Some(if k % 2 == 0 { 0.08 } else { 0.03 }));
            }
            for &(from, to) in arrows {
                let (from, to) = (screen(from), screen(to));
                items.push(BackdropItem::Arrow {
                    from,
                    to,
                    width: input.tokens.backdrop_arrow_px.0,
                    head: arrowhead(to, unit(from, to), input.tokens.backdrop_arrow_px.1),
                    colour: palette.engagement_arrow,
                });
            }
        }
        Backdrop::Rings { centre, radii } => {
            let at = screen(*centre);
            for &r in radii {
                items.push(BackdropItem::Ring {
                    centre: at,
                    radius: r * camera.zoom,
                    width: 1.0,
                    colour: with_alpha(palette.weak_text, RING_GUIDE),
                });
            }
        }
        // Named after the stakeholders, in the room their names leave: `group_names`.
        Backdrop::Groups { .. } => {}
    }
    items
}

/// The names of a view's parts where the stakeholders' names and symbols left room: a
/// circle's groups (kinds, sectors) along their arcs outside it, else inside, as near their
/// members as there is room ([`Backdrop::Groups`]); each of the rings' distance ("2
/// steps") on its circle, upright or turned along it, wherever there is room.
/// One with no room is left out. They name a whole arc or ring, so they give way to the
/// stakeholders' names, as a map's area names give way to its place names.
fn group_names(
    input: &SceneInput<'_>,
    nodes: &[SceneNode],
    labels: &[SceneLabel],
    measure: &dyn TextMeasure,
) -> Vec<BackdropItem> {
    let camera = input.camera;
    let screen = |[x, y]: [f32; 2]| camera.to_screen(Position(x, y));
    // Each name, the points its bottom-centre may take with the turn it takes there, best
    // first, and whether it names a circle's group, which it keeps near.
    let wanted: Vec<(String, Vec<Spot>, bool)> = match input.backdrop {
        Backdrop::Groups { labels: groups } => {
            let middle = screen([0.0, 0.0]);
            // Outside the circle along the group's arc first, where only the canvas's edge
            // is in the way (the stakeholders' names are inside, beside their symbols).
            let outer = nodes
                .iter()
                .map(|n| (n.centre[0] - middle[0]).hypot(n.centre[1] - middle[1]) + n.radius)
                .fold(0.0, f32::max);
            groups
                .iter()
                .map(|(name, at, reach)| {
                    let [w, h] = measure.measure(name, input.tokens.heading_px);
                    let start = screen(*at);
                    // Along the arc from its middle, either way by turns, as far as its
                    // members reach.
                    let direction = at[1].atan2(at[0]);
                    let steps = (reach / GROUP_NAME_SLIDE).floor() as usize;
                    // The directions tried: the arc's middle, then a step either way by
                    // turns.
                    let along = move || {
                        (0..=2 * steps).map(move |k| {
                            let off = k.div_ceil(2) as f32 * GROUP_NAME_SLIDE;
                            direction + if k % 2 == 1 { off } else { -off }
                        })
                    };
                    let outside = along().map(move |d| outside_name(middle, outer, d, [w, h]));
                    // Inside, nearest its members first: towards the middle a step at a
                    // time, and along the arc as far as they reach at each depth ("Social
                    // services" had slid straight in, 200 points from its members).
                    let (dx, dy) = (start[0] - middle[0], start[1] - middle[1]);
                    let depth = dx.hypot(dy);
                    let mut inside: Vec<([f32; 2], f32)> = (0..=GROUP_NAME_STEPS)
                        .flat_map(|k| {
                            let r = depth * (1.0 - k as f32 / GROUP_NAME_STEPS as f32);
                            along().map(move |d| {
                                let (sin, cos) = d.sin_cos();
                                ([middle[0] + r * cos, middle[1] + r * sin], 0.0)
                            })
                        })
                        .collect();
                    let from_start = |p: &[f32; 2]| (p[0] - start[0]).hypot(p[1] - start[1]);
                    inside.sort_by(|a, b| from_start(&a.0).total_cmp(&from_start(&b.0)));
                    (name.clone(), outside.chain(inside).collect(), true)
                })
                .collect()
        }
        Backdrop::Rings { centre, radii } => {
            let [cx, cy] = screen(*centre);
            let h = measure.measure("0", input.tokens.heading_px)[1];
            radii
                .iter()
                .enumerate()
                .map(|(k, &r)| {
                    let r = r * camera.zoom;
                    let name = if k == 0 {
                        "1 step".to_owned()
                    } else {
                        format!("{} steps", k + 1)
                    };
                    // On the ring's line, top and bottom first, then the sides, the
                    // diagonals and the angles between (a crowded inner ring had gone
                    // unlabelled with the first eight); upright, then turned along the
                    // ring, which a crowded ring has more room for (round City Police
                    // Service "2 steps" had found none upright).
                    let angles: Vec<f32> =
                        [-90.0_f32, 90.0, 0.0, 180.0, -45.0, -135.0, 45.0, 135.0]
                            .into_iter()
                            .chain((0..8).map(|k| -67.5 + 45.0 * k as f32))
                            .chain((0..16).map(|k| -78.75 + 22.5 * k as f32))
                            .chain((0..32).map(|k| -84.375 + 11.25 * k as f32))
                            .collect();
                    // `off`: how far the text's middle is moved out from the ring's line.
                    let on_ring = move |a: f32, turn: f32, off: f32| {
                        let (sin, cos) = a.to_radians().sin_cos();
                        // The text's middle on the ring: its bottom-centre half a line
                        // "down" the turned text.
                        let (down_x, down_y) = (-turn.sin(), turn.cos());
                        (
                            [
                                cx + (r + off) * cos + down_x * h / 2.0,
                                cy + (r + off) * sin + down_y * h / 2.0,
                            ],
                            turn,
                        )
                    };
                    let spots = |off: f32| {
                        let upright = angles.iter().map(move |&a| on_ring(a, 0.0, off));
                        let along = angles
                            .iter()
                            // At the top and bottom the ring runs level: tried already.
                            .filter(|a| (a.abs() - 90.0).abs() > 1.0)
                            .map(move |&a| on_ring(a, readable_turn((a + 90.0).to_radians()), off));
                        upright.chain(along).collect::<Vec<Spot>>()
                    };
                    // On its line first; else just inside or just outside it, its edge on
                    // the line (round Teresa Vance "1 step" had found no room on it; over
                    // the rings round each of the built-in map's stakeholders, 372 of 383
                    // rings named where 350 were on the line alone).
                    let off = RING_NAME_OFF_LINE * h;
                    let all = [0.0, -off, off].into_iter().flat_map(spots).collect();
                    (name, all, false)
                })
                .collect()
        }
        _ => return Vec::new(),
    };
    let size = input.tokens.heading_px;
    let view = camera.view();
    // Kept a word gap from the stakeholders' names in their rows, as those keep from each
    // other: "Partner", 6 points after "Imam Faisal Haddad", read as part of it.
    let gap = input.tokens.label_gap_px + input.tokens.halo_px / 2.0;
    let mut taken: Vec<Rect> = labels
        .iter()
        .map(|l| labels::spaced(&l.halo_box(), gap))
        .collect();
    // And a circle's group name keeps a line gap from the names above and below it, where
    // there is room for that near its arc: "Social services", 2 points above "Women's
    // shelter (confidential)", read as that name's first line.
    let stacked: Vec<Rect> = labels
        .iter()
        .map(|l| {
            let r = l.halo_box();
            Rect {
                min: [r.min[0], r.min[1] - GROUP_NAME_LINE_GAP],
                max: [r.max[0], r.max[1] + GROUP_NAME_LINE_GAP],
            }
        })
        .collect();
    let mut items = Vec::new();
    for (name, spots, by_members) in wanted {
        let [w, h] = measure.measure(&name, size);
        let first_free = |line_gap: bool, clearance: f32| {
            spots.iter().find_map(|&(p, angle)| {
                let rect = turned_box(p, angle, [w, h]);
                let turned = Turned {
                    at: p,
                    angle,
                    size: [w, h],
                };
                let free = view.contains_rect(&rect)
                    && !taken.iter().any(|t| turned.meets(t))
                    && (!line_gap || !stacked.iter().any(|t| turned.meets(t)))
                    && !nodes
                        .iter()
                        .any(|n| turned.touches_circle(n.centre, n.radius + clearance));
                free.then_some((p, angle, rect))
            })
        };
        let found = if by_members {
            // How far a name is from the nearest symbol: from its group, as it sits by them.
            let off = |rect: &Rect| {
                (nodes.iter())
                    .map(|n| {
                        let near = rect.nearest(n.centre);
                        (near[0] - n.centre[0]).hypot(near[1] - n.centre[1]) - n.radius
                    })
                    .fold(f32::INFINITY, f32::min)
            };
            let first_free = |line_gap| first_free(line_gap, GROUP_NAME_CLEARANCE);
            match (first_free(true), first_free(false)) {
                // The line gap is given up only where keeping it takes the name well away
                // from the symbols ("Faith" would have gone 93 points from its members).
                (Some(apart), Some(close)) if off(&apart.2) > off(&close.2) + GROUP_NAME_DRIFT => {
                    Some(close)
                }
                (apart, close) => apart.or(close),
            }
        } else {
            // A ring's name, grey and larger, reads as no stakeholder's even a little nearer
            // their symbols: on a small inner ring crowded with names (round Teresa Vance in
            // the window) "1 step" had room only there.
            first_free(false, GROUP_NAME_CLEARANCE)
                .or_else(|| first_free(false, RING_NAME_LEAST_CLEARANCE))
        };
        if let Some((p, angle, rect)) = found {
            taken.push(rect.expand(4.0));
            items.push(BackdropItem::Text {
                at: p,
                centred: true,
                text: name,
                size,
                colour: input.palette.weak_text,
                angle,
                halo: Some((input.palette.halo, input.tokens.halo_px / 2.0)),
            });
        }
    }
    items
}

/// A turn of text (radians, clockwise on screen) made readable: between a quarter turn
/// either way, so that no name reads upside down.
fn readable_turn(turn: f32) -> f32 {
    use std::f32::consts::{FRAC_PI_2, PI, TAU};
    let turn = turn.rem_euclid(TAU);
    if turn <= FRAC_PI_2 {
        turn
    } else if turn <= PI + FRAC_PI_2 {
        turn - PI
    } else {
        turn - TAU
    }
}

/// Where a group's or ring's name may go: its bottom-centre on screen and its turn.
type Spot = ([f32; 2], f32);

/// The corners of a text `size` points wide and high whose bottom-centre is at `at`,
/// turned about it by `angle` radians (see [`BackdropItem::Text`]), grown by `by` points
/// all round: top-left, top-right, bottom-right, bottom-left.
pub fn turned_corners(at: [f32; 2], angle: f32, [w, h]: [f32; 2], by: f32) -> [[f32; 2]; 4] {
    let (sin, cos) = angle.sin_cos();
    let (l, r, t, b) = (-w / 2.0 - by, w / 2.0 + by, -h - by, by);
    [[l, t], [r, t], [r, b], [l, b]]
        .map(|[x, y]| [at[0] + x * cos - y * sin, at[1] + x * sin + y * cos])
}

/// A circle's group name outside it, along its arc: its bottom-centre and turn (see
/// [`BackdropItem::Text`]) for the group in direction `direction` (radians, clockwise from
/// the right, on screen) of a circle round `middle` whose symbols reach `outer` points out,
/// for a name `size` points. It runs along the tangent, upright as far as it can: on the
/// upper half its top faces out, on the lower half its top faces the circle, and it keeps
/// [`GROUP_NAME_CLEARANCE`] off the symbols.
fn outside_name(middle: [f32; 2], outer: f32, direction: f32, size: [f32; 2]) -> ([f32; 2], f32) {
    use std::f32::consts::FRAC_PI_2;
    let (sin, cos) = direction.sin_cos();
    // A point more than the clearance, so that the name does not touch it either.
    let off = outer + GROUP_NAME_CLEARANCE + 1.0;
    let (reach, angle) = if sin < 0.0 {
        (off, direction + FRAC_PI_2)
    } else {
        (off + size[1], direction - FRAC_PI_2)
    };
    ([middle[0] + reach * cos, middle[1] + reach * sin], angle)
}

/// A name's box turned about its bottom-centre `at` by `angle` radians (clockwise on
/// screen), `size` points before turning.
struct Turned {
    at: [f32; 2],
    angle: f32,
    size: [f32; 2],
}

impl Turned {
    /// `p` in the box's own frame, where it spans `-w/2..w/2` across and `-h..0` down.
    fn local(&self, p: [f32; 2]) -> [f32; 2] {
        let (sin, cos) = self.angle.sin_cos();
        let [dx, dy] = [p[0] - self.at[0], p[1] - self.at[1]];
        [dx * cos + dy * sin, -dx * sin + dy * cos]
    }

    fn own(&self) -> Rect {
        let [w, h] = self.size;
        Rect {
            min: [-w / 2.0, -h],
            max: [w / 2.0, 0.0],
        }
    }

    fn touches_circle(&self, centre: [f32; 2], radius: f32) -> bool {
        self.own().touches_circle(self.local(centre), radius)
    }

    /// Whether the box overlaps the upright `rect` (separating axes: the two boxes' own;
    /// the screen's axes are its upright hull's).
    fn meets(&self, rect: &Rect) -> bool {
        let corners = [
            rect.min,
            [rect.max[0], rect.min[1]],
            rect.max,
            [rect.min[0], rect.max[1]],
        ];
        let own = self.own();
        // In the box's frame: does the rect's hull miss the box on either of its axes?
        let local = corners.map(|c| self.local(c));
        let (lo, hi) = local.iter().fold(
            ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]),
            |(lo, hi), p| {
                (
                    [lo[0].min(p[0]), lo[1].min(p[1])],
                    [hi[0].max(p[0]), hi[1].max(p[1])],
                )
            },
        );
        let apart_here = hi[0] <= own.min[0]
            || lo[0] >= own.max[0]
            || hi[1] <= own.min[1]
            || lo[1] >= own.max[1];
        // On the screen's axes: the box's hull against the rect.
        let hull = turned_box(self.at, self.angle, self.size);
        !apart_here && hull.intersects(rect)
    }
}

/// The upright box round a name `size` points whose bottom-centre is at `at`, turned by
/// `angle` radians about it (clockwise on screen).
pub fn turned_box(at: [f32; 2], angle: f32, size: [f32; 2]) -> Rect {
    let corners = turned_corners(at, angle, size, 0.0);
    let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for [x, y] in corners {
        min = [min[0].min(x), min[1].min(y)];
        max = [max[0].max(x), max[1].max(y)];
    }
    Rect { min, max }
}

/// How far a group's or ring's name keeps from any symbol, screen points: one that touches a
/// symbol reads as its name.
const GROUP_NAME_CLEARANCE: f32 = 8.0;

/// How near, screen points, a ring's name may come to a symbol where
/// [`GROUP_NAME_CLEARANCE`] leaves it no room.
const RING_NAME_LEAST_CLEARANCE: f32 = 5.0;

/// The line gap a circle's group name keeps from a stakeholder's name above or below it,
/// screen points, where that costs no more than [`GROUP_NAME_DRIFT`].
const GROUP_NAME_LINE_GAP: f32 = 4.0;

/// How much further from the nearest symbol, screen points, a circle's group name may go
/// to keep [`GROUP_NAME_LINE_GAP`].
const GROUP_NAME_DRIFT: f32 = 30.0;

/// How far, in lines, a ring's name may sit off its ring's line when there is no room on it:
/// half a line puts its edge on the line.
const RING_NAME_OFF_LINE: f32 = 0.5;

/// The step, radians, a group name outside its circle slides along its arc to find room.
const GROUP_NAME_SLIDE: f32 = 0.04;

/// How many steps towards the middle a group name may move to find room.
const GROUP_NAME_STEPS: usize = 8;

/// How strong a rings view's guide circles are drawn: faint, behind the relationships.
const RING_GUIDE: f32 = 0.45;

/// Every stakeholder of `map` as [`fit`] takes them: id, name and influence, in id order.
pub fn names(map: &Map) -> Vec<(StakeholderId, &str, Option<Score>)> {
    map.stakeholders_by_id()
        .into_iter()
        .map(|s| (s.id(), s.name.as_str(), s.influence))
        .collect()
}

/// The camera that shows every stakeholder of `names` (id, name, influence) at `positions`
/// with its name, in a view of `viewport` points, leaving `padding` (a fraction of the view)
/// free around it. Names are counted as placed below their stakeholder, centred, at the
/// size the fitted zoom gives, so zoom to fit never cuts a name at the edge.
pub fn fit(
    names: &[(StakeholderId, &str, Option<Score>)],
    positions: &HashMap<StakeholderId, Position>,
    viewport: [f32; 2],
    padding: f32,
    tokens: &Tokens,
    measure: &dyn TextMeasure,
) -> Camera {
    fit_with(
        names,
        positions,
        &Backdrop::None,
        viewport,
        padding,
        tokens,
        measure,
    )
}

/// [`fit`] for a view with `backdrop` behind: its headings and quadrants are kept in view
/// too ([`Backdrop::extent`]), and in the grid and engagement views names are counted on
/// the right of their stakeholders, where those views set them out.
pub fn fit_with(
    names: &[(StakeholderId, &str, Option<Score>)],
    positions: &HashMap<StakeholderId, Position>,
    backdrop: &Backdrop,
    viewport: [f32; 2],
    padding: f32,
    tokens: &Tokens,
    measure: &dyn TextMeasure,
) -> Camera {
    let usable = [
        (viewport[0] * (1.0 - 2.0 * padding)).max(1.0),
        (viewport[1] * (1.0 - 2.0 * padding)).max(1.0),
    ];
    let placed: Vec<(Position, f32, &str)> = names
        .iter()
        .filter_map(|&(id, name, influence)| {
            let p = *positions.get(&id)?;
            p.is_finite()
                .then(|| (p, super::node_radius(influence), name))
        })
        .collect();
    if placed.is_empty() {
        return Camera {
            zoom: 1.0,
            pan: [viewport[0] / 2.0, viewport[1] / 2.0],
            viewport,
        };
    }
    let extra = backdrop.extent();
    let beside = names_beside(backdrop);
    // A circle's group names go outside it (`group_names`): their boxes at a zoom, canvas
    // units, for a circle round the origin as far out as its symbols reach.
    let outer = placed
        .iter()
        .map(|&(Position(x, y), r, _)| x.hypot(y) + r)
        .fold(0.0, f32::max);
    let outside: Vec<_> = match backdrop {
        Backdrop::Groups { labels } => labels
            .iter()
            .map(|(name, at, _)| {
                let size = measure.measure(name, tokens.heading_px);
                let direction = at[1].atan2(at[0]);
                move |zoom: f32| {
                    let (at, angle) = outside_name([0.0, 0.0], outer * zoom, direction, size);
                    let rect = turned_box(at, angle, size);
                    Rect {
                        min: [rect.min[0] / zoom, rect.min[1] / zoom],
                        max: [rect.max[0] / zoom, rect.max[1] / zoom],
                    }
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    // The symbols alone.
    let mut hull_min = [f32::INFINITY; 2];
    let mut hull_max = [f32::NEG_INFINITY; 2];
    for &(Position(x, y), r, _) in &placed {
        hull_min = [hull_min[0].min(x - r), hull_min[1].min(y - r)];
        hull_max = [hull_max[0].max(x + r), hull_max[1].max(y + r)];
    }
    let bounds = |zoom: f32| {
        let px = tokens.label_px(zoom);
        let mut min = hull_min;
        let mut max = hull_max;
        for &(Position(x, y), r, name) in &placed {
            // The box of the stakeholder and its name: left, top, right, bottom. In the
            // block views (which set names out beside their stakeholders) the name is
            // counted on the right. Elsewhere it is counted where it reaches least past
            // the symbols, below first: a name at the map's edge turns inwards (the
            // placement tries every side), so a circle is fitted by its symbols, not by
            // names hung below the ones at its sides.
            let [left, top, right, bottom] = match px {
                Some(px) => {
                    let [w, h] = measure.measure(name, px);
                    let gap = tokens.label_gap_px + tokens.halo_px;
                    let (w, h) = (
                        (w + 2.0 * tokens.halo_px) / zoom,
                        (h + tokens.halo_px) / zoom,
                    );
                    let beside_right = [r, r.max(h / 2.0), r + gap / zoom + w, r.max(h / 2.0)];
                    if beside {
                        beside_right
                    } else {
                        let half = r.max(w / 2.0);
                        let below = [half, r, half, r + gap / zoom + h];
                        let above = [half, r + gap / zoom + h, half, r];
                        let beside_left = [r + gap / zoom + w, r.max(h / 2.0), r, r.max(h / 2.0)];
                        let past = |[left, top, right, bottom]: [f32; 4]| {
                            (hull_min[0] - (x - left)).max(0.0)
                                + (hull_min[1] - (y - top)).max(0.0)
                                + ((x + right) - hull_max[0]).max(0.0)
                                + ((y + bottom) - hull_max[1]).max(0.0)
                        };
                        [below, beside_right, beside_left, above]
                            .into_iter()
                            .fold((below, f32::INFINITY), |best, side| {
                                let p = past(side);
                                if p < best.1 { (side, p) } else { best }
                            })
                            .0
                    }
                }
                None => [r; 4],
            };
            min = [min[0].min(x - left), min[1].min(y - top)];
            max = [max[0].max(x + right), max[1].max(y + bottom)];
        }
        for &Position(x, y) in extra.iter().filter(|p| p.is_finite()) {
            min = [min[0].min(x), min[1].min(y)];
            max = [max[0].max(x), max[1].max(y)];
        }
        // A circle's group names outside it, along their arcs, as the scene sets them.
        for rect in &outside {
            let rect = rect(zoom);
            min = [min[0].min(rect.min[0]), min[1].min(rect.min[1])];
            max = [max[0].max(rect.max[0]), max[1].max(rect.max[1])];
        }
        (min, max)
    };
    let zoom_for = |(min, max): ([f32; 2], [f32; 2])| {
        let (w, h) = ((max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0));
        (usable[0] / w).min(usable[1] / h)
    };
    // Names take more canvas room the further out the zoom: a few rounds settle it.
    let mut zoom = zoom_for(bounds(1.0));
    for _ in 0..8 {
        zoom = zoom_for(bounds(zoom));
    }
    // Never closer than the names at this zoom allow.
    zoom = zoom.min(zoom_for(bounds(zoom)));
    let (min, max) = bounds(zoom);
    let centre = [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0];
    Camera {
        zoom,
        pan: [
            viewport[0] / 2.0 - centre[0] * zoom,
            viewport[1] / 2.0 - centre[1] * zoom,
        ],
        viewport,
    }
}

/// A measure that takes every character as `advance` times the size wide: for tests, and
/// for a first guess where no font is at hand.
#[derive(Clone, Copy, Debug)]
pub struct ApproximateMeasure {
    /// Width of a character, in sizes (about 0.55 for a proportional sans).
    pub advance: f32,
}

impl TextMeasure for ApproximateMeasure {
    fn measure(&self, text: &str, px: f32) -> [f32; 2] {
        [text.chars().count() as f32 * self.advance * px, px * 1.25]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turned_text_never_reads_upside_down() {
        use std::f32::consts::{FRAC_PI_2, PI};
        for degrees in (-720..=720).step_by(15) {
            let turn = readable_turn((degrees as f32).to_radians());
            assert!(
                (-FRAC_PI_2..=FRAC_PI_2 + 1e-5).contains(&turn),
                "{degrees}: {turn}"
            );
            // The same line through the text: a half turn at most away.
            let apart = ((degrees as f32).to_radians() - turn).rem_euclid(PI);
            assert!(apart < 1e-4 || PI - apart < 1e-4, "{degrees}: {turn}");
        }
    }
}
