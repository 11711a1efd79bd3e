//! Making room for names: the last step of every layout and view. The map is fitted in the
//! view it is made to be read in ([`READING_VIEW`], the canvas of a 1280x800 window), its
//! scene is built as the window would build it ([`scene::build`]: names placed greedily
//! around their stakeholders), and each stakeholder whose name found no place is moved to
//! the nearest spot where it and its name fit, keeping off every other name, symbol and
//! heading. How far a stakeholder may go depends on what its place means
//! ([`Freedom`]): anywhere in a network, inside its quadrant or column on the grid and the
//! engagement view, along its own ray on a circle or a ring (so the order around the
//! circle, which says something, is kept).
//!
//! This is the displacement step of cartographic label placement (a feature moved a
//! little so its label fits; Imhof 1975; Wagner and Wolff's survey of map labelling, 1998)
//! run on the layout rather than on the labels: [`crate::layout::overlap`] has already
//! pushed symbols and names apart, this step finds homes for the few still left unnamed.
//!
//! Names are measured with [`FontMeasure::for_layout`], the window's own font a little
//! wider, so the room made is room enough for the window and the pictures.

use super::Point;
use super::for_map::Backdrop;
use super::overlap::READING_VIEW;
use crate::model::{Map, Position, StakeholderId};
use crate::shown::Decorations;
use crate::style::encoding::Encoded;
use crate::style::geometry::Rect;
use crate::style::labels::{self, Grid, LabelRequest, Misread};
use crate::style::measure::FontMeasure;
use crate::style::scene::{self, SceneInput, SceneNode, TextMeasure};
use crate::style::{Palette, Tokens};
use std::collections::{BTreeSet, HashMap, HashSet};

/// How far a stakeholder may move to make room for its name, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Freedom {
    /// Not at all (pinned, or the centre of the rings).
    Fixed,
    /// Anywhere in the view (a network).
    Anywhere,
    /// Inside a box of the canvas, left, top, right, bottom (its quadrant or column).
    Within([f32; 4]),
    /// Along the ray from this centre through where it is (a circle, a ring).
    Radial(Point),
    /// Along the ray from this centre, and along its ring less than half way to its
    /// neighbours either side, so that the order round the centre is kept (a crowded ring).
    Round(Point),
}

/// A view names are made room for, and how it draws them.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    /// The view's size, points.
    pub view: [f32; 2],
    /// The sizes it draws names and symbols at.
    pub tokens: &'a Tokens,
    /// Measures names as the view draws them (room is made for them a little wider first).
    pub drawn: &'a dyn TextMeasure,
    /// The symbols' sizes as shown (empty: by influence).
    pub sizes: &'a Encoded,
}

/// Maps with more stakeholders than this cannot show every name at fit in any window (a
/// name takes at least 60 by 14 points): no room is made, and the scene names the most
/// important that fit.
pub const MOST_STAKEHOLDERS: usize = 300;

/// The padding Zoom to fit leaves around the map, a fraction of the view.
const FIT_PADDING: f32 = 0.03;

/// Step between the spots tried, screen points.
const STEP: f32 = 5.0;

/// How far a stakeholder on a circle or ring may move in or out along its ray, screen
/// points: about two lines of names, so that neighbours' names stagger.
const MOST_STAGGER: f32 = 36.0;

/// The share of the way to its neighbour on the ring a stakeholder may slide
/// ([`Freedom::Round`]): under half, so that two sliding towards each other never pass.
const ARC_SHARE: f32 = 0.45;

/// A box no other box meets: a name taken back.
const NOWHERE: Rect = Rect {
    min: [f32::MIN, f32::MIN],
    max: [f32::MIN, f32::MIN],
};

/// Rounds of build, move, build again.
const ROUNDS: usize = 6;

/// Moves stakeholders (`points`, in the order of `ids`; NaN for none) whose names do not fit
/// when `map` is fitted in [`READING_VIEW`] with `backdrop` behind, each as its `freedom`
/// allows, to the nearest spot where its name fits. Returns how many stakeholders still
/// have no name at fit (0 when every name is shown).
pub fn make_room(
    map: &Map,
    ids: &[StakeholderId],
    points: &mut [Point],
    freedom: &[Freedom],
    backdrop: &Backdrop,
) -> usize {
    let reader = Reader {
        view: READING_VIEW,
        tokens: &Tokens::SCREEN,
        drawn: &FontMeasure::new(Vec::new()),
        sizes: &Encoded::default(),
    };
    make_room_in(map, ids, points, freedom, backdrop, &reader)
}

/// [`make_room`] for the view `reader` (a projector's, whose names are larger).
pub fn make_room_in(
    map: &Map,
    ids: &[StakeholderId],
    points: &mut [Point],
    freedom: &[Freedom],
    backdrop: &Backdrop,
    reader: &Reader<'_>,
) -> usize {
    let n = ids.len().min(points.len());
    if n == 0 || n > MOST_STAKEHOLDERS {
        return 0;
    }
    let index: HashMap<StakeholderId, usize> = ids[..n]
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    // Room is made for names a little wider than drawn; where that still leaves one out
    // as drawn (the greedy placement is not monotonic), rounds at the drawn width follow.
    let widened = FontMeasure::for_layout();
    let wide = Reader {
        drawn: &widened,
        ..*reader
    };
    rounds(map, &index, ids, points, freedom, backdrop, &wide);
    if scene_of(map, ids, points, backdrop, reader).0.unlabelled == 0 {
        return 0;
    }
    rounds(map, &index, ids, points, freedom, backdrop, reader)
}

/// Up to [`ROUNDS`] rounds of build, move, build again, with names measured by the
/// reader's `drawn`; returns how many stakeholders are still unnamed.
fn rounds(
    map: &Map,
    index: &HashMap<StakeholderId, usize>,
    ids: &[StakeholderId],
    points: &mut [Point],
    freedom: &[Freedom],
    backdrop: &Backdrop,
    reader: &Reader<'_>,
) -> usize {
    let mut unnamed = 0;
    for _ in 0..ROUNDS {
        let (scene, camera) = scene_of(map, ids, points, backdrop, reader);
        unnamed = scene.unlabelled;
        let done = unnamed == 0 && !any_touching(&scene.nodes);
        if done || reader.tokens.label_px(camera.zoom).is_none() {
            break;
        }
        let seen = Seen {
            map,
            scene: &scene,
            camera: &camera,
            backdrop,
            reader,
        };
        let moved = find_homes(&seen, index, points, freedom);
        if moved == 0 {
            break;
        }
    }
    if unnamed > 0 {
        unnamed = scene_of(map, ids, points, backdrop, reader).0.unlabelled;
    }
    unnamed
}

/// How many stakeholders at `points` (in the order of `ids`) the scene leaves unnamed when
/// the map is fitted in [`READING_VIEW`] and its names measured exactly as a picture
/// measures them (not widened as [`make_room`] widens them): the greedy placement is not
/// monotonic, so room made for wider names can still leave one out at their true width.
pub fn unnamed_as_drawn(
    map: &Map,
    ids: &[StakeholderId],
    points: &[Point],
    backdrop: &Backdrop,
) -> usize {
    let reader = Reader {
        view: READING_VIEW,
        tokens: &Tokens::SCREEN,
        drawn: &FontMeasure::new(Vec::new()),
        sizes: &Encoded::default(),
    };
    scene_of(map, ids, points, backdrop, &reader).0.unlabelled
}

/// The scene of the map at `points`, fitted in the reader's view, as that view builds it.
fn scene_of(
    map: &Map,
    ids: &[StakeholderId],
    points: &[Point],
    backdrop: &Backdrop,
    reader: &Reader<'_>,
) -> (scene::Scene, scene::Camera) {
    let (view, tokens, measure) = (reader.view, *reader.tokens, reader.drawn);
    let positions: HashMap<StakeholderId, Position> = ids
        .iter()
        .zip(points)
        .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
        .map(|(&id, &[x, y])| (id, Position(x, y)))
        .collect();
    let names = scene::names(map);
    let camera = scene::fit_with(
        &names,
        &positions,
        backdrop,
        view,
        FIT_PADDING,
        &tokens,
        measure,
    );
    let none = BTreeSet::new();
    let none_related = BTreeSet::new();
    let decorations = Decorations {
        encoded: reader.sizes.clone(),
        ..Decorations::default()
    };
    let input = SceneInput {
        map,
        decorations: &decorations,
        positions: &positions,
        camera,
        tokens,
        palette: Palette::LIGHT,
        selected_stakeholders: &none,
        selected_relationships: &none_related,
        hovered: None,
        faint: false,
        backdrop,
    };
    (scene::build(&input, measure), camera)
}

/// Whether two symbols touch.
fn any_touching(nodes: &[SceneNode]) -> bool {
    let mut grid = Grid::default();
    for (k, node) in nodes.iter().enumerate() {
        let touches = grid.near(&Rect::around(node.centre, node.radius)).any(|j| {
            let other: &SceneNode = &nodes[j];
            (other.centre[0] - node.centre[0]).hypot(other.centre[1] - node.centre[1])
                < node.radius + other.radius
        });
        if touches {
            return true;
        }
        grid.insert(&Rect::around(node.centre, node.radius), k);
    }
    false
}

/// The map as one round sees it: fitted, its scene built, and how names are measured.
#[derive(Clone, Copy)]
struct Seen<'a> {
    map: &'a Map,
    scene: &'a scene::Scene,
    camera: &'a scene::Camera,
    backdrop: &'a Backdrop,
    /// The view and how it measures names.
    reader: &'a Reader<'a>,
}

/// One round: finds a home for each stakeholder the scene left unnamed, most important
/// first; returns how many moved.
fn find_homes(
    seen: &Seen<'_>,
    index: &HashMap<StakeholderId, usize>,
    points: &mut [Point],
    freedom: &[Freedom],
) -> usize {
    let Seen {
        map,
        scene,
        camera,
        backdrop,
        reader,
    } = *seen;
    let (measure, tokens) = (reader.drawn, reader.tokens);
    let Some(px) = tokens.label_px(camera.zoom) else {
        return 0;
    };
    let view = camera.view();
    let inner = view.expand(-tokens.halo_px / 2.0);
    let gap = tokens.label_gap_px + tokens.halo_px / 2.0;
    let headings = scene::heading_rects(&scene.backdrop, measure);
    let regions = scene::regions(&scene.backdrop);
    let beside = scene::names_beside(backdrop);
    // A stakeholder stays where its name fits below it (beside it, in the block views)
    // inside the fitted part of the view, so fitting again does not zoom out.
    let fitted = view.expand(-FIT_PADDING * view.width().min(view.height()));

    let mut labels_grid = Grid::default();
    let mut placed: Vec<Rect> = Vec::new();
    // Whose label each placed box is, to take it back when its stakeholder moves.
    let mut label_of: HashMap<StakeholderId, usize> = HashMap::new();
    for label in &scene.labels {
        let rect = label.rect.expand(tokens.halo_px / 2.0);
        labels_grid.insert(&rect, placed.len());
        label_of.insert(label.id, placed.len());
        placed.push(rect);
    }
    let mut nodes: Vec<SceneNode> = scene.nodes.clone();
    let mut degree: HashMap<StakeholderId, usize> = HashMap::new();
    for r in map.relationships_by_id() {
        *degree.entry(r.from()).or_default() += 1;
        *degree.entry(r.to()).or_default() += 1;
    }
    let rank = |id: StakeholderId| {
        map.stakeholder(id).map_or(0.0, |s| {
            scene::importance(false, s.influence, degree.get(&id).copied().unwrap_or(0))
        })
    };
    // Who needs a home: the unnamed, and the less important of two whose symbols touch
    // (seen from as far out as the view is fitted, symbols keep a least size and can meet
    // though the layout kept them apart).
    let mut needs: HashSet<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| !label_of.contains_key(&node.id))
        .map(|(k, _)| k)
        .collect();
    let mut symbols = Grid::default();
    for (k, node) in nodes.iter().enumerate() {
        symbols.insert(&Rect::around(node.centre, node.radius), k);
    }
    for (k, node) in nodes.iter().enumerate() {
        for j in symbols.near(&Rect::around(node.centre, node.radius)) {
            let other = &nodes[j];
            let apart = ((other.centre[0] - node.centre[0]).powi(2)
                + (other.centre[1] - node.centre[1]).powi(2))
            .sqrt();
            if j > k && apart < node.radius + other.radius {
                let lesser = if (rank(node.id), j) > (rank(other.id), k) {
                    j
                } else {
                    k
                };
                needs.insert(lesser);
            }
        }
    }
    let mut waiting: Vec<(usize, f64)> = needs
        .into_iter()
        .filter(|&k| view.contains(nodes[k].centre))
        .map(|k| (k, rank(nodes[k].id)))
        .collect();
    waiting.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let mut moved = 0;
    for (k, _) in waiting {
        let id = nodes[k].id;
        let (Some(&i), Some(s)) = (index.get(&id), map.stakeholder(id)) else {
            continue;
        };
        let freedom = freedom.get(i).copied().unwrap_or(Freedom::Fixed);
        // Its own name, if placed, does not stand in its way while it looks; it is put
        // back if no home is found.
        let own = label_of
            .get(&id)
            .map(|&l| (l, std::mem::replace(&mut placed[l], NOWHERE)));
        let here = nodes[k].centre;
        let radius = nodes[k].radius;
        let [w, h] = measure.measure(&s.name, px);
        let size = [w + tokens.halo_px, h + tokens.halo_px];
        // A long name may take two lines where one finds no room, as the scene sets it.
        let in_two = scene::two_line_size(&s.name, w, px, measure)
            .map(|[w, h]| [w + tokens.halo_px, h + tokens.halo_px]);
        let region = regions.iter().find(|r| r.contains(here)).copied();
        let mut nodes_grid = Grid::default();
        for (j, node) in nodes.iter().enumerate() {
            nodes_grid.insert(&Rect::around(node.centre, node.radius), j);
        }
        // Is `q` free for the symbol, and where would its name go?
        let home = |q: [f32; 2]| -> Option<Rect> {
            // The name below and centred, or beside in the block views: where that box is
            // inside the fitted part, `scene::fit_with` (which counts each name where it
            // reaches least past the symbols) has no need to zoom out for it.
            let (w_box, h_box) = (w + 2.0 * tokens.halo_px, h + tokens.halo_px);
            let fit_box = if beside {
                let half = radius.max(h_box / 2.0);
                Rect {
                    min: [q[0] - radius, q[1] - half],
                    max: [q[0] + radius + gap + w_box, q[1] + half],
                }
            } else {
                let half = radius.max(w_box / 2.0);
                Rect {
                    min: [q[0] - half, q[1] - radius],
                    max: [q[0] + half, q[1] + radius + gap + h_box],
                }
            };
            if !fitted.contains_rect(&fit_box) || region.is_some_and(|r| !r.contains(q)) {
                return None;
            }
            let symbol = Rect::around(q, radius + gap);
            // A name the placement would refuse as reading like another's is no home.
            let misread = |q: [f32; 2], rect: &Rect| {
                let test = Misread::new(q, radius, rect, gap, beside);
                nodes_grid
                    .near(&test.area())
                    .any(|j| j != k && test.by(nodes[j].centre, nodes[j].radius))
            };
            let clear_of_nodes = |rect: &Rect, own_too: bool| {
                nodes_grid.near(rect).all(|j| {
                    let other = &nodes[j];
                    (j == k && !own_too) || !rect.touches_circle(other.centre, other.radius)
                })
            };
            let symbol_free = labels_grid
                .near(&symbol)
                .all(|l| !placed[l].intersects(&symbol))
                && !headings.iter().any(|b| b.intersects(&symbol))
                && nodes_grid.near(&symbol).all(|j| {
                    j == k || {
                        let other = &nodes[j];
                        let d = ((other.centre[0] - q[0]).powi(2)
                            + (other.centre[1] - q[1]).powi(2))
                        .sqrt();
                        d >= radius + other.radius + gap
                    }
                });
            if !symbol_free {
                return None;
            }
            std::iter::once(size).chain(in_two).find_map(|size| {
                let request = LabelRequest {
                    owner: k,
                    centre: q,
                    radius,
                    size,
                    wrapped: None,
                    importance: 0.0,
                    always: false,
                    within: region,
                    beside,
                };
                labels::candidates(&request, gap).into_iter().find(|rect| {
                    inner.contains_rect(rect)
                        && region.is_none_or(|r| r.contains_rect(rect))
                        && !headings.iter().any(|b| b.intersects(rect))
                        && labels_grid
                            .near(&labels::spaced(rect, gap))
                            .all(|l| !placed[l].intersects(&labels::spaced(rect, gap)))
                        && clear_of_nodes(rect, false)
                        && !misread(q, rect)
                })
            })
        };
        // Only a stakeholder sliding round its ring looks at the others' places.
        let others: Vec<[f32; 2]> = match freedom {
            Freedom::Round(_) => (nodes.iter().enumerate())
                .filter(|&(j, _)| j != k)
                .map(|(_, node)| node.centre)
                .collect(),
            _ => Vec::new(),
        };
        let found = spots(freedom, here, camera, &view, &others)
            .into_iter()
            .find_map(|q| home(q).map(|rect| (q, rect)));
        if let Some((q, rect)) = found {
            // Its old name (if it had one) went with it.
            label_of.remove(&id);
            nodes[k].centre = q;
            labels_grid.insert(&rect, placed.len());
            placed.push(rect);
            let Position(x, y) = camera.to_canvas(q);
            points[i] = [x, y];
            moved += 1;
        } else if let Some((l, rect)) = own {
            placed[l] = rect;
        }
    }
    moved
}

/// The spots on screen a stakeholder at `here` may move to, nearest first; `others` are
/// the other symbols' centres, which a stakeholder on a ring keeps its order among.
fn spots(
    freedom: Freedom,
    here: [f32; 2],
    camera: &scene::Camera,
    view: &Rect,
    others: &[[f32; 2]],
) -> Vec<[f32; 2]> {
    let distance = |q: &[f32; 2]| (q[0] - here[0]).powi(2) + (q[1] - here[1]).powi(2);
    let lattice = |area: Rect| {
        let area = Rect {
            min: [area.min[0].max(view.min[0]), area.min[1].max(view.min[1])],
            max: [area.max[0].min(view.max[0]), area.max[1].min(view.max[1])],
        };
        let (columns, rows) = (
            (area.width() / STEP).floor().max(0.0) as usize,
            (area.height() / STEP).floor().max(0.0) as usize,
        );
        (0..=columns)
            .flat_map(|c| {
                (0..=rows)
                    .map(move |r| [area.min[0] + c as f32 * STEP, area.min[1] + r as f32 * STEP])
            })
            .collect::<Vec<_>>()
    };
    let mut spots = match freedom {
        Freedom::Fixed => Vec::new(),
        Freedom::Anywhere => lattice(*view),
        Freedom::Within([left, top, right, bottom]) => {
            let (a, b) = (
                camera.to_screen(Position(left, top)),
                camera.to_screen(Position(right, bottom)),
            );
            lattice(Rect {
                min: [a[0].min(b[0]), a[1].min(b[1])],
                max: [a[0].max(b[0]), a[1].max(b[1])],
            })
        }
        Freedom::Radial([x, y]) | Freedom::Round([x, y]) => {
            let centre = camera.to_screen(Position(x, y));
            let out = [here[0] - centre[0], here[1] - centre[1]];
            let length = (out[0].powi(2) + out[1].powi(2)).sqrt();
            if length < 1.0 {
                return Vec::new();
            }
            let angle = out[1].atan2(out[0]);
            let (back, on) = match freedom {
                Freedom::Round(_) => arc_room(centre, length, angle, others),
                _ => (0.0, 0.0),
            };
            // A stagger, not a new shape: a circle still reads as a circle.
            let steps = (MOST_STAGGER / STEP) as i32;
            // The turns tried along the arc, radians: steps of STEP points as far as the
            // neighbours allow (none but the spot itself on a ray).
            let turns: BTreeSet<i32> = (-steps..=steps)
                .map(|t| ((t as f32 * STEP / length).clamp(-back, on) * 1e4).round() as i32)
                .collect();
            (-steps..=steps)
                .map(|t| t as f32 * STEP)
                // Never through the centre: the order around the circle is kept.
                .filter(|&t| length + t > STEP)
                .flat_map(|t| {
                    turns.iter().map(move |&turn| {
                        let (a, r) = (angle + turn as f32 / 1e4, length + t);
                        [centre[0] + r * a.cos(), centre[1] + r * a.sin()]
                    })
                })
                .filter(|q| view.contains(*q))
                .collect()
        }
    };
    spots.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    spots
}

/// How far, radians, a symbol `length` from `centre` at `angle` round it may slide back
/// (anticlockwise on screen) and on along its ring: less than half way to the nearest of
/// `others` on its ring (within two staggers of its distance) each way, so that two
/// neighbours sliding towards each other never pass. Alone on its ring: not at all.
fn arc_room(centre: [f32; 2], length: f32, angle: f32, others: &[[f32; 2]]) -> (f32, f32) {
    let tau = std::f32::consts::TAU;
    let (mut back, mut on) = (tau, tau);
    for p in others {
        let out = [p[0] - centre[0], p[1] - centre[1]];
        let r = out[0].hypot(out[1]);
        if r < 1.0 || (r - length).abs() > 2.0 * MOST_STAGGER + STEP {
            continue;
        }
        let ahead = (out[1].atan2(out[0]) - angle).rem_euclid(tau);
        on = on.min(ahead);
        back = back.min(tau - ahead);
    }
    let keep = |room: f32| if room >= tau { 0.0 } else { room * ARC_SHARE };
    (keep(back), keep(on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, StakeholderKind};

    /// Twenty stakeholders with long names on top of one another: none but one can be
    /// named where they are.
    fn crowd() -> (Map, Vec<StakeholderId>, Vec<Point>) {
        let mut map = Map::new("crowd");
        let mut ids = Vec::new();
        let mut points = Vec::new();
        for i in 0..20 {
            let id = StakeholderId(i + 1);
            let mut s = Stakeholder::new(
                id,
                StakeholderKind::Organisation,
                format!("Community organisation number {i}"),
            );
            s.position = Some(Position(i as f32 * 3.0, 0.0));
            map.add_stakeholder(s).expect("fresh");
            ids.push(id);
            points.push([i as f32 * 3.0, 0.0]);
        }
        // Two far away, so the fitted view is large enough to hold them all.
        for (k, x) in [(21, -900.0), (22, 900.0)] {
            let id = StakeholderId(k);
            let mut s = Stakeholder::new(id, StakeholderKind::Partner, "Edge");
            s.position = Some(Position(x, 600.0));
            map.add_stakeholder(s).expect("fresh");
            ids.push(id);
            points.push([x, 600.0]);
        }
        (map, ids, points)
    }

    /// How many stakeholders the window would leave unnamed, the map fitted in the reading
    /// view.
    fn unnamed(map: &Map, ids: &[StakeholderId], points: &[Point]) -> usize {
        let reader = Reader {
            view: READING_VIEW,
            tokens: &Tokens::SCREEN,
            drawn: &FontMeasure::for_layout(),
            sizes: &Encoded::default(),
        };
        scene_of(map, ids, points, &Backdrop::None, &reader)
            .0
            .unlabelled
    }

    #[test]
    fn a_crowd_is_spread_until_every_name_is_shown() {
        let (map, ids, mut points) = crowd();
        // Even set off with leaders, half the pile goes unnamed where it is.
        let before = unnamed(&map, &ids, &points);
        assert!(before >= 8, "{before} unnamed");
        let freedom = vec![Freedom::Anywhere; ids.len()];
        let left = make_room(&map, &ids, &mut points, &freedom, &Backdrop::None);
        assert_eq!(left, 0);
        assert_eq!(unnamed(&map, &ids, &points), 0);
    }

    #[test]
    fn fixed_stakeholders_stay_and_a_box_holds_the_others() {
        let (map, ids, mut points) = crowd();
        let start = points.clone();
        let mut freedom = vec![Freedom::Within([-100.0, -100.0, 300.0, 300.0]); ids.len()];
        freedom[0] = Freedom::Fixed;
        freedom[20] = Freedom::Fixed;
        freedom[21] = Freedom::Fixed;
        make_room(&map, &ids, &mut points, &freedom, &Backdrop::None);
        assert_eq!(points[0], start[0]);
        assert_eq!(points[20], start[20]);
        for p in &points[1..20] {
            assert!((-100.0..=300.0).contains(&p[0]) && (-100.0..=300.0).contains(&p[1]));
        }
        assert_ne!(points[1..20], start[1..20], "the others moved");
    }

    #[test]
    fn on_a_ray_a_stakeholder_keeps_its_direction_from_the_centre() {
        let (map, ids, mut points) = crowd();
        let centre = [30.0, 400.0];
        let direction = |p: Point| (p[1] - centre[1]).atan2(p[0] - centre[0]);
        let before: Vec<f32> = points.iter().map(|&p| direction(p)).collect();
        let freedom = vec![Freedom::Radial(centre); ids.len()];
        make_room(&map, &ids, &mut points, &freedom, &Backdrop::None);
        for (p, angle) in points.iter().zip(before) {
            assert!((direction(*p) - angle).abs() < 1e-3, "{p:?}");
        }
    }

    /// Sixteen stakeholders with long names crowded on a sixth of a ring of radius 300
    /// round the origin, the rest of the ring empty, and two far off to size the view.
    fn crowded_ring() -> (Map, Vec<StakeholderId>, Vec<Point>) {
        let mut map = Map::new("ring");
        let (mut ids, mut points) = (Vec::new(), Vec::new());
        for i in 0..16 {
            let id = StakeholderId(i + 1);
            let a = -std::f32::consts::FRAC_PI_2 + (i as f32 - 7.5) * 0.07;
            let p = [300.0 * a.cos(), 300.0 * a.sin()];
            let mut s = Stakeholder::new(
                id,
                StakeholderKind::Organisation,
                format!("Neighbourhood association {i}"),
            );
            s.position = Some(Position(p[0], p[1]));
            map.add_stakeholder(s).expect("fresh");
            ids.push(id);
            points.push(p);
        }
        for (k, p) in [(17, [-500.0, 300.0]), (18, [500.0, 300.0])] {
            let id = StakeholderId(k);
            let mut s = Stakeholder::new(id, StakeholderKind::Partner, "Edge");
            s.position = Some(Position(p[0], p[1]));
            map.add_stakeholder(s).expect("fresh");
            ids.push(id);
            points.push(p);
        }
        (map, ids, points)
    }

    /// Along its ring as well as its ray, a crowded ring's stakeholder may slide into room
    /// its neighbours leave, but never past one: the order round the centre, which says
    /// who is near whom, is kept.
    #[test]
    fn round_a_ring_a_stakeholder_slides_but_keeps_its_order() {
        let (map, ids, start) = crowded_ring();
        let centre = [0.0, 0.0];
        let mut freedom: Vec<Freedom> = vec![Freedom::Round(centre); ids.len()];
        freedom[16] = Freedom::Fixed;
        freedom[17] = Freedom::Fixed;
        let mut round = start.clone();
        make_room(&map, &ids, &mut round, &freedom, &Backdrop::None);
        let direction = |p: &Point| p[1].atan2(p[0]);
        for pair in round[..16].windows(2) {
            assert!(
                direction(&pair[0]) < direction(&pair[1]),
                "{:?} passed {:?}",
                pair[1],
                pair[0]
            );
        }
        let turned = (round[..16].iter().zip(&start))
            .filter(|(a, b)| (direction(a) - direction(b)).abs() > 1e-3)
            .count();
        assert!(turned > 0, "none slid along the ring");
    }
}
