//! Label placement: names put where they can be read, never piled. Greedy by importance
//! (influence and degree; the names always shown, under the pointer or selected, come at
//! their turn and move no other): each
//! label tries eight positions around its stakeholder, below first (right first in the
//! block views), and takes the first that overlaps no label already placed and no other
//! stakeholder, is not cut by the edge of the view, and would not read as another
//! stakeholder's name. When only a few are left out, a placed name standing in the one
//! free spot of another moves to one of its own, and the rest are set a little further off
//! with a leader line back to their stakeholder; one with no room even then is left out,
//! except one always shown (hovered or selected), drawn over what is there.
//!
//! The candidate positions and the greedy order follow the classic point-feature labelling
//! heuristics (Imhof 1975; Christensen, Marks and Shieber 1995, "An empirical study of
//! algorithms for point-feature label placement"); the leaders follow cartography's
//! callouts and R's ggrepel (labels pushed off crowded points keep a segment to them). A
//! uniform grid keeps each test local.

use super::geometry::{Rect, distance_to_segment, segments_cross};
use std::collections::HashMap;

/// A name that wants a place.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelRequest {
    /// Who it names (an index the caller understands, say a position in a list).
    pub owner: usize,
    /// The stakeholder's centre on screen.
    pub centre: [f32; 2],
    /// The stakeholder's radius on screen.
    pub radius: f32,
    /// The label's size on screen, width and height.
    pub size: [f32; 2],
    /// Its size set in two lines, when the name can be (it has a space to break at and
    /// is long): tried where the one line finds no room, before a leader.
    pub wrapped: Option<[f32; 2]>,
    /// Higher is placed first.
    pub importance: f64,
    /// Shown even when nothing is free (the name under the pointer, a selected one).
    pub always: bool,
    /// The box the label must stay in besides the view: its stakeholder's quadrant on the
    /// power/interest grid, so a name never reads as belonging to the next quadrant.
    pub within: Option<Rect>,
    /// Beside the stakeholder first (right, then left), where a view sets names out
    /// beside their stakeholders (the grid, the engagement bands); else below first.
    pub beside: bool,
}

/// A stakeholder on screen that labels must not cover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obstacle {
    /// Who it is (matches [`LabelRequest::owner`], so a label may touch its own).
    pub owner: usize,
    /// Centre on screen.
    pub centre: [f32; 2],
    /// Radius on screen.
    pub radius: f32,
}

/// Where a label went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Who it names.
    pub owner: usize,
    /// The label's box on screen.
    pub rect: Rect,
    /// The leader line from the stakeholder's edge to the label, when the label is set off.
    pub leader: Option<[[f32; 2]; 2]>,
    /// Set in two lines ([`LabelRequest::wrapped`]).
    pub wrapped: bool,
}

/// Side of a grid cell, in screen points.
const CELL: f32 = 48.0;

/// A uniform grid of boxes, to find those near a box quickly.
#[derive(Default)]
pub(crate) struct Grid {
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn cells_of(rect: &Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let (x0, y0) = (
            (rect.min[0] / CELL).floor() as i32,
            (rect.min[1] / CELL).floor() as i32,
        );
        let (x1, y1) = (
            (rect.max[0] / CELL).floor() as i32,
            (rect.max[1] / CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub(crate) fn insert(&mut self, rect: &Rect, item: usize) {
        for cell in Self::cells_of(rect) {
            self.cells.entry(cell).or_default().push(item);
        }
    }

    pub(crate) fn remove(&mut self, rect: &Rect, item: usize) {
        for cell in Self::cells_of(rect) {
            if let Some(items) = self.cells.get_mut(&cell) {
                items.retain(|&i| i != item);
            }
        }
    }

    pub(crate) fn near<'a>(&'a self, rect: &Rect) -> impl Iterator<Item = usize> + use<'a> {
        Self::cells_of(rect)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
    }
}

/// The eight places around a stakeholder a label may go, in order of preference: below
/// (where the layouts leave room for it, [`crate::layout::overlap`]), right, left, above,
/// then the corners; right first and then below for a request [`LabelRequest::beside`].
pub(crate) fn candidates(request: &LabelRequest, gap: f32) -> [Rect; 8] {
    let [cx, cy] = request.centre;
    let [w, h] = request.size;
    let r = request.radius + gap;
    // On the diagonals the label touches the circle's corner point, not its box.
    let d = r * std::f32::consts::FRAC_1_SQRT_2;
    let at = |x: f32, y: f32| Rect::from_min_size([x, y], [w, h]);
    let below = at(cx - w / 2.0, cy + r);
    let right = at(cx + r, cy - h / 2.0);
    let (first, second) = if request.beside {
        (right, below)
    } else {
        (below, right)
    };
    [
        first,
        second,
        at(cx - r - w, cy - h / 2.0),
        at(cx - w / 2.0, cy - r - h),
        at(cx + d, cy + d),
        at(cx + d, cy - d - h),
        at(cx - d - w, cy + d),
        at(cx - d - w, cy - d - h),
    ]
}

/// How far, in label gaps, a name is kept from other stakeholders' symbols when it can
/// be, so that it is not read as theirs.
const CLEARANCE: f32 = 2.0;

/// A stakeholder a name only touches at a corner holds it as weakly as one lined up with
/// the name this many times as far away.
const CORNER_WEAKER: f32 = 3.0;

/// How far, in label gaps, a name set off with a leader is kept from other stakeholders'
/// symbols when it can be.
const SET_OFF_CLEARANCE: f32 = 3.0;

/// How much longer, screen points, a leader may grow to keep its name clear of other
/// symbols.
const FURTHER_FOR_CLEARANCE: f32 = 6.0 * LEADER_STEP;

/// The longest leader line, screen points: further off, a name no longer reads as its
/// stakeholder's.
pub const LONGEST_LEADER: f32 = 220.0;

/// Directions a set-off label is tried in, evenly round the stakeholder.
const LEADER_DIRECTIONS: usize = 32;

/// Step between the distances a set-off label is tried at, screen points.
const LEADER_STEP: f32 = 8.0;

/// Whether a name's box would read as another stakeholder's name (Gestalt proximity and
/// alignment). Its own stakeholder is lined up with it (in its row or its column) or
/// touches a corner. Another reads as its owner when:
/// - lined up as its own is, and nearer than [`AMBIGUOUS`] times its own (the name then
///   sits between two symbols and could be either's);
/// - in its row at its start, where a name right of a symbol is that symbol's (the place a
///   map puts a name first), and nearer than [`STARTS`] times its own: "CDS mailing list",
///   below its own, had begun beside Partnership In Action's hexagon; at its end, nearer
///   than [`ENDS`] times its own ("Hana Kowalczyk", above her circle, had ended at Marc
///   Lebel's); and for a name above or below its own, nearer than [`ROW_CLEAR`] gaps at
///   either end, whatever the ratio;
/// - when its own only touches a corner, lined up either way and nearer than
///   [`CORNER_WEAKER`] times its own. A circle's names set at their stakeholders' corners
///   read one place out, each beside the next stakeholder down.
///
/// In `rows` (the block views, which set each name out beside its symbol, then the next
/// symbol) the next symbol along a row is read by the row's rhythm: only a nearer one
/// misreads. Distances are gaps from the name's box to a symbol's edge, plus one label
/// gap, so that touching counts as one gap away.
///
/// Shared by the placement ([`place`]) and the layouts that make room for names, so that
/// a spot a layout finds free is one the placement takes.
#[derive(Clone, Copy, Debug)]
pub struct Misread {
    rect: Rect,
    gap: f32,
    row: bool,
    column: bool,
    own: f32,
    rows: bool,
}

/// How many times further off than its own stakeholder another, lined up with a name as
/// its own is, must be for the name not to read as theirs too.
pub const AMBIGUOUS: f32 = 1.5;

/// How many times further off than its own stakeholder one at a name's start (in its row,
/// before its first letter) must be for the name not to read as theirs.
pub const STARTS: f32 = 2.0;

/// How many times further off than its own stakeholder one at a name's end (in its row,
/// past its last letter) must be for the name not to read as theirs.
pub const ENDS: f32 = 2.0;

/// How far, in label gaps (with the one gap every distance here counts), another's symbol
/// in a name's row must be from its start or end when the name is above or below its own
/// symbol, whatever the ratio: testers read names 15-20 points from another's symbol in
/// their row as that one's ("Nadia Karim" ending 18 points from Wren Valley Food Bank's
/// square, her own circle above). On screen, 4.5 gaps refuse symbols within 15.75 points
/// (twice its own distance had refused them within about 10). Measured on the built-in
/// map: no name lost in any view nor round any centre, and names with another's symbol
/// under 20 points from an end in their row 3 to 1 over the views, 50 to 21 over the rings
/// round every stakeholder; at 4.85 gaps one of the rings round City Police Service went
/// unnamed.
pub const ROW_CLEAR: f32 = 4.5;

impl Misread {
    /// The test for a name in `rect` (screen points) of the stakeholder at `centre` with
    /// `radius`, set `gap` off it; `rows` in the block views.
    pub fn new(centre: [f32; 2], radius: f32, rect: &Rect, gap: f32, rows: bool) -> Self {
        let mut test = Self {
            rect: *rect,
            gap,
            row: false,
            column: false,
            own: 0.0,
            rows,
        };
        test.row = test.in_row(centre);
        test.column = test.in_column(centre);
        test.own = test.gap_to(centre, radius) + gap;
        test
    }

    /// The furthest another may be and still be misread as the name's owner.
    fn reach(&self) -> f32 {
        if !(self.row || self.column) {
            CORNER_WEAKER * self.own
        } else if self.rows {
            self.own
        } else {
            (AMBIGUOUS.max(STARTS).max(ENDS) * self.own).max(ROW_CLEAR * self.gap)
        }
    }

    /// Where another stakeholder must be to be misread as the name's: look for them in it.
    pub fn area(&self) -> Rect {
        self.rect.expand(self.reach())
    }

    /// Whether the name would read as the stakeholder's at `centre` with `radius`.
    pub fn by(&self, centre: [f32; 2], radius: f32) -> bool {
        // Another's symbol is in the name's row (or column) when half its body is: a square
        // whose middle was just above a two-line name's first line still read as the
        // start of "Kestrel Park Community Police Centre".
        let reach_in = radius / 2.0;
        let row = (self.rect.min[1] - reach_in..=self.rect.max[1] + reach_in).contains(&centre[1]);
        let column =
            (self.rect.min[0] - reach_in..=self.rect.max[0] + reach_in).contains(&centre[0]);
        let reach = if !(self.row || self.column) {
            if row || column {
                CORNER_WEAKER * self.own
            } else {
                return false;
            }
        } else if self.rows {
            if (self.row && row) || (self.column && column) {
                self.own
            } else {
                return false;
            }
        } else {
            let same = (self.row && row) || (self.column && column);
            let starts = row && centre[0] < self.rect.min[0];
            // A name above or below its own symbol keeps any other clear of its row's ends.
            let floor = if self.row { 0.0 } else { ROW_CLEAR * self.gap };
            match (same, starts) {
                (_, true) => (AMBIGUOUS.max(STARTS) * self.own).max(floor),
                (true, false) => AMBIGUOUS * self.own,
                // At its end, in its row: "Gord Pelletier", below its own, ended at Linh
                // Tran's circle.
                (false, false) if row => (ENDS * self.own).max(floor),
                (false, false) => return false,
            }
        };
        self.gap_to(centre, radius) + self.gap < reach
    }

    fn gap_to(&self, c: [f32; 2], radius: f32) -> f32 {
        let near = self.rect.nearest(c);
        ((near[0] - c[0]).hypot(near[1] - c[1]) - radius).max(0.0)
    }

    fn in_row(&self, c: [f32; 2]) -> bool {
        (self.rect.min[1]..=self.rect.max[1]).contains(&c[1])
    }

    fn in_column(&self, c: [f32; 2]) -> bool {
        (self.rect.min[0]..=self.rect.max[0]).contains(&c[0])
    }
}

/// Whether a name at `rect` for `request` would leave a symbol between two names in a row,
/// where it reads as either's: another's symbol at the name's start or end whose own name
/// sits on its other side, or the name's own symbol with another's name ending (or
/// beginning) on its other side, in either case less than [`STARTS`] times as far off as
/// the symbol's own name. A tester read Marc Lebel's dot, between "Linh Tran" and "Marc
/// Lebel", as Linh Tran's. The block views set names out so by design and are not asked.
fn between(
    request: &LabelRequest,
    rect: &Rect,
    gap: f32,
    placed: &[Placed],
    labels: &Grid,
    obstacles: &[Obstacle],
    nodes: &Grid,
) -> bool {
    if request.beside {
        return false;
    }
    let in_row = |c: [f32; 2], r: &Rect| (r.min[1]..=r.max[1]).contains(&c[1]);
    // How far a name is from a symbol along the row, and on which side (true: right).
    let along = |r: &Rect, c: [f32; 2], radius: f32| {
        if r.min[0] >= c[0] {
            Some((true, (r.min[0] - c[0] - radius).max(0.0)))
        } else if r.max[0] <= c[0] {
            Some((false, (c[0] - radius - r.max[0]).max(0.0)))
        } else {
            None
        }
    };
    // Whether two names, `own` and `other`, flank a symbol, the other not much further off.
    let flanked = |own: (bool, f32), other: (bool, f32)| {
        own.0 != other.0 && other.1 + gap < STARTS * (own.1 + gap)
    };
    // Names beside a symbol sit a gap off it: looking this far round finds both of a
    // pair that could flank it, with room to spare.
    let reach = 2.0 * STARTS * (LEADER_STEP + gap);
    let names_by = |c: [f32; 2], radius: f32| {
        labels
            .near(&Rect::around(c, radius).expand(reach))
            .map(|i| &placed[i])
            .filter(move |p| p.leader.is_none() && in_row(c, &p.rect))
    };
    // Another's symbol at the name's start or end, its own name on its other side.
    let others = nodes.near(&rect.expand(reach)).any(|i| {
        let o = &obstacles[i];
        if o.owner == request.owner || !in_row(o.centre, rect) {
            return false;
        }
        let Some(this) = along(rect, o.centre, o.radius) else {
            return false;
        };
        names_by(o.centre, o.radius)
            .filter(|p| p.owner == o.owner)
            .filter_map(|p| along(&p.rect, o.centre, o.radius))
            .any(|own| flanked(own, this))
    });
    // The name's own symbol, another's name on its other side.
    let own = in_row(request.centre, rect)
        .then(|| along(rect, request.centre, request.radius))
        .flatten()
        .is_some_and(|own| {
            names_by(request.centre, request.radius)
                .filter(|p| p.owner != request.owner)
                .filter_map(|p| along(&p.rect, request.centre, request.radius))
                .any(|other| flanked(own, other))
        });
    others || own
}

/// Places labels in `view` (a screen rectangle) around `obstacles` and off the `blocked`
/// boxes (a view's headings); returns those placed. `gap` is the space between a
/// stakeholder and its label. When no more than `leaders` names are left with no place
/// beside their stakeholder, a name in the only spot left for one of them moves to another
/// of its own, and those still left (the most important first) are set off with a leader
/// line, no longer than [`LONGEST_LEADER`], that crosses no other name, symbol or leader.
pub fn place(
    requests: &[LabelRequest],
    obstacles: &[Obstacle],
    blocked: &[Rect],
    view: Rect,
    gap: f32,
    leaders: usize,
) -> Vec<Placed> {
    let mut nodes = Grid::default();
    for (i, o) in obstacles.iter().enumerate() {
        nodes.insert(&Rect::around(o.centre, o.radius), i);
    }
    let mut order: Vec<&LabelRequest> = requests.iter().collect();
    // The name under the pointer takes its turn with the others, so that pointing moves no
    // other name; if it finds no room it is drawn anyway, last and on top.
    order.sort_by(|a, b| {
        b.importance
            .total_cmp(&a.importance)
            .then(a.owner.cmp(&b.owner))
    });
    // Whether a spot is free of everything but other names: inside the view (and the
    // request's own box), off the headings, touching no other symbol.
    let open = |request: &LabelRequest, rect: &Rect| {
        view.contains_rect(rect)
            && request.within.is_none_or(|w| w.contains_rect(rect))
            && !blocked.iter().any(|b| b.intersects(rect))
            && nodes.near(rect).all(|i| {
                let o = &obstacles[i];
                o.owner == request.owner || !rect.touches_circle(o.centre, o.radius)
            })
    };
    let misread = |request: &LabelRequest, rect: &Rect| {
        let test = Misread::new(request.centre, request.radius, rect, gap, request.beside);
        nodes.near(&test.area()).any(|i| {
            let o = &obstacles[i];
            o.owner != request.owner && test.by(o.centre, o.radius)
        })
    };
    let mut labels = Grid::default();
    let mut placed: Vec<Placed> = Vec::new();
    // The request each placed name came from, to look for another spot for it.
    let mut placed_for: Vec<&LabelRequest> = Vec::new();
    let mut left_out: Vec<&LabelRequest> = Vec::new();
    for request in order {
        let free = |rect: &Rect| {
            let room = spaced(rect, gap);
            open(request, rect)
                && labels
                    .near(&room)
                    .all(|i| !placed[i].rect.intersects(&room))
        };
        // A name whose far end nearly touches another symbol reads as that symbol's: a
        // spot with room around it is taken first, one that is only free after that.
        let clear =
            |rect: &Rect| clear_of_others(request, rect, CLEARANCE * gap, &nodes, obstacles);
        let readable = |request: &LabelRequest, r: &Rect| {
            !misread(request, r) && !between(request, r, gap, &placed, &labels, obstacles, &nodes)
        };
        let spot_for = |request: &LabelRequest| {
            let spots = candidates(request, gap);
            spots
                .iter()
                .copied()
                // The block views set names out beside their symbols in rows, by design.
                .find(|r| free(r) && (request.beside || clear(r)) && readable(request, r))
                .or_else(|| spots.into_iter().find(|r| free(r) && readable(request, r)))
        };
        // In one line if it fits; else in two, as Kumu and yEd wrap a long name.
        let found = spot_for(request).map(|rect| (rect, false)).or_else(|| {
            let size = request.wrapped?;
            spot_for(&LabelRequest {
                size,
                ..request.clone()
            })
            .map(|rect| (rect, true))
        });
        let Some((rect, wrapped)) = found else {
            left_out.push(request);
            continue;
        };
        labels.insert(&rect, placed.len());
        placed.push(Placed {
            owner: request.owner,
            rect,
            leader: None,
            wrapped,
        });
        placed_for.push(request);
    }
    if left_out.len() <= leaders {
        find_more_room(
            &mut left_out,
            &mut placed,
            &mut placed_for,
            &mut labels,
            &Room {
                nodes: &nodes,
                obstacles,
                blocked,
                view,
                gap,
            },
            &open,
            &misread,
        );
    }
    // A name always shown (under the pointer, selected) with no room is drawn on the right,
    // kept inside the view, over what is there.
    for request in left_out.into_iter().filter(|r| r.always) {
        placed.push(Placed {
            owner: request.owner,
            rect: candidates(request, gap)[0].clamped_into(view),
            leader: None,
            wrapped: false,
        });
    }
    placed
}
/// What the searches for more room look at besides the names placed.
struct Room<'a> {
    nodes: &'a Grid,
    obstacles: &'a [Obstacle],
    blocked: &'a [Rect],
    view: Rect,
    gap: f32,
}

/// The last few names of a view that nearly fits, looked for room harder (see [`place`]);
/// those found room are taken out of `left_out`. Where many are left out the map is too
/// crowded for this to help, and trying costs a frame its budget (a fitted BA map of 2,000
/// took 3.5 times as long): the caller calls it only for a few.
fn find_more_room<'r>(
    left_out: &mut Vec<&'r LabelRequest>,
    placed: &mut Vec<Placed>,
    placed_for: &mut Vec<&'r LabelRequest>,
    labels: &mut Grid,
    room: &Room<'_>,
    open: &dyn Fn(&LabelRequest, &Rect) -> bool,
    misread: &dyn Fn(&LabelRequest, &Rect) -> bool,
) {
    let Room {
        nodes,
        obstacles,
        gap,
        ..
    } = *room;
    // Then each name left out looks for a spot that one placed name alone stands in, and
    // moves that name to another of its own spots if one is free: one step of the local
    // search of Christensen, Marks and Shieber, enough to fit a name into a row.
    left_out.retain(|&request| {
        for spot in candidates(request, gap) {
            if !open(request, &spot)
                || misread(request, &spot)
                || between(request, &spot, gap, placed, labels, obstacles, nodes)
            {
                continue;
            }
            // A box met in several cells of the grid is the same box.
            let mut in_the_way: Vec<usize> = labels
                .near(&spot)
                .filter(|&i| placed[i].rect.intersects(&spaced(&spot, gap)))
                .collect();
            in_the_way.sort_unstable();
            in_the_way.dedup();
            let [b] = in_the_way[..] else {
                continue;
            };
            let other = placed_for[b];
            let current = placed[b].rect;
            let elsewhere = candidates(other, gap).into_iter().find(|alt| {
                *alt != current
                    && !alt.intersects(&spot)
                    && open(other, alt)
                    && !misread(other, alt)
                    && !between(other, alt, gap, placed, labels, obstacles, nodes)
                    && labels
                        .near(alt)
                        .all(|i| i == b || !placed[i].rect.intersects(&spaced(alt, gap)))
            });
            if let Some(alt) = elsewhere {
                labels.remove(&current, b);
                labels.insert(&alt, b);
                placed[b].rect = alt;
                placed[b].wrapped = false;
                labels.insert(&spot, placed.len());
                placed.push(Placed {
                    owner: request.owner,
                    rect: spot,
                    leader: None,
                    wrapped: false,
                });
                placed_for.push(request);
                return false;
            }
        }
        true
    });
    // Second, the names left out, set off with a leader, nearest spot first.
    let mut lines = Grid::default();
    let mut set: Vec<(usize, &LabelRequest)> = Vec::new();
    left_out.retain(|&request| {
        let Some((rect, line, wrapped)) =
            set_off_spot(request, None, false, room, placed, labels, &lines)
        else {
            return true;
        };
        let k = placed.len();
        labels.insert(&rect, k);
        lines.insert(&line_box(line), k);
        placed.push(Placed {
            owner: request.owner,
            rect,
            leader: Some(line),
            wrapped,
        });
        set.push((k, request));
        false
    });
    // Then each set off beside another's symbol moves clear of every other if it can: such
    // a name reads as that one's, leader or not ("Open Door Mental Health Services", led
    // off City Police Service's square in the rings, ended at it). Moved once all are set,
    // so that none takes the only spot of one after it.
    for (k, request) in set {
        let clearance = SET_OFF_CLEARANCE * room.gap;
        if clear_of_others(
            request,
            &placed[k].rect,
            clearance,
            room.nodes,
            room.obstacles,
        ) {
            continue;
        }
        let Some((rect, line, wrapped)) =
            set_off_spot(request, Some(k), true, room, placed, labels, &lines)
        else {
            continue;
        };
        // Not much further off: a long leader reads worse than a near symbol.
        let old = placed[k];
        let length = |[a, b]: [[f32; 2]; 2]| (b[0] - a[0]).hypot(b[1] - a[1]);
        if old
            .leader
            .is_some_and(|was| length(line) > length(was) + FURTHER_FOR_CLEARANCE)
        {
            continue;
        }
        labels.remove(&old.rect, k);
        if let Some(old_line) = old.leader {
            lines.remove(&line_box(old_line), k);
        }
        labels.insert(&rect, k);
        lines.insert(&line_box(line), k);
        placed[k] = Placed {
            rect,
            leader: Some(line),
            wrapped,
            ..old
        };
    }
}

/// The box a line runs in.
fn line_box(line: [[f32; 2]; 2]) -> Rect {
    Rect {
        min: [line[0][0].min(line[1][0]), line[0][1].min(line[1][1])],
        max: [line[0][0].max(line[1][0]), line[0][1].max(line[1][1])],
    }
}

/// Whether a name at `rect` keeps `clearance` points from every symbol but its own.
fn clear_of_others(
    request: &LabelRequest,
    rect: &Rect,
    clearance: f32,
    nodes: &Grid,
    obstacles: &[Obstacle],
) -> bool {
    let around = rect.expand(clearance);
    nodes.near(&around).all(|i| {
        let o = &obstacles[i];
        o.owner == request.owner || !around.touches_circle(o.centre, o.radius)
    })
}

/// The nearest spot, in one line or else in two, where `request`'s name can be set off with
/// a leader that crosses no name, leader, symbol or heading (the name `skip`, being
/// moved, aside); with `clear_only`, only spots [`SET_OFF_CLEARANCE`] label gaps clear of
/// other symbols.
fn set_off_spot(
    request: &LabelRequest,
    skip: Option<usize>,
    clear_only: bool,
    room: &Room<'_>,
    placed: &[Placed],
    labels: &Grid,
    lines: &Grid,
) -> Option<(Rect, [[f32; 2]; 2], bool)> {
    let Room {
        nodes,
        obstacles,
        blocked,
        view,
        gap,
    } = *room;
    let free = |rect: &Rect, line: [[f32; 2]; 2]| {
        let reach = rect.union(&line_box(line));
        view.contains_rect(rect)
            && request.within.is_none_or(|w| w.contains_rect(rect))
            && !blocked
                .iter()
                .any(|b| b.intersects(rect) || b.meets_segment(line[0], line[1]))
            && labels.near(&reach).filter(|&i| Some(i) != skip).all(|i| {
                let other = &placed[i];
                !other.rect.intersects(&spaced(rect, gap))
                    && !other.rect.meets_segment(line[0], line[1])
            })
            && lines.near(&reach).filter(|&i| Some(i) != skip).all(|i| {
                let Some([a, b]) = placed[i].leader else {
                    return true;
                };
                !segments_cross(a, b, line[0], line[1]) && !rect.meets_segment(a, b)
            })
            && nodes.near(&reach).all(|i| {
                let o = &obstacles[i];
                o.owner == request.owner
                    || (!rect.touches_circle(o.centre, o.radius)
                        && distance_to_segment(o.centre, line[0], line[1]) > o.radius + gap)
            })
            && (!clear_only
                || clear_of_others(request, rect, SET_OFF_CLEARANCE * gap, nodes, obstacles))
    };
    let in_two = request.wrapped.map(|size| LabelRequest {
        size,
        ..request.clone()
    });
    set_off(request, gap)
        .find(|(rect, line)| free(rect, *line))
        .map(|(rect, line)| (rect, line, false))
        .or_else(|| {
            set_off(in_two.as_ref()?, gap)
                .find(|(rect, line)| free(rect, *line))
                .map(|(rect, line)| (rect, line, true))
        })
}

/// The spots a label set off from its stakeholder may take, nearest first, each with its
/// leader from the stakeholder's edge to the label's nearest point. In each direction the
/// label's near side faces the stakeholder: its left edge to the right, its top below,
/// centred where the direction is nearly upright or level.
fn set_off(request: &LabelRequest, gap: f32) -> impl Iterator<Item = (Rect, [[f32; 2]; 2])> + '_ {
    let [cx, cy] = request.centre;
    let [w, h] = request.size;
    let r = request.radius;
    // Nearer than two gaps past the spots beside, a leader is too short to see.
    let first = 3.0 * gap + LEADER_STEP;
    let distances = ((LONGEST_LEADER - first) / LEADER_STEP).floor().max(0.0) as usize + 1;
    (0..distances).flat_map(move |k| {
        let d = first + k as f32 * LEADER_STEP;
        (0..LEADER_DIRECTIONS).map(move |j| {
            // Right first, then round both ways at once: right, below-right, above-right...
            let turn = j.div_ceil(2);
            let sign = if j % 2 == 1 { 1.0 } else { -1.0 };
            let angle = sign * turn as f32 * std::f32::consts::TAU / LEADER_DIRECTIONS as f32;
            let (ux, uy) = (angle.cos(), angle.sin());
            let p = [cx + (r + d) * ux, cy + (r + d) * uy];
            // Along one axis: the near edge at `p` going away, centred where nearly across.
            let start_at = |u: f32, p: f32, size: f32| {
                if u > 0.38 {
                    p
                } else if u < -0.38 {
                    p - size
                } else {
                    p - size / 2.0
                }
            };
            let rect = Rect::from_min_size([start_at(ux, p[0], w), start_at(uy, p[1], h)], [w, h]);
            let end = rect.nearest(request.centre);
            let (dx, dy) = (end[0] - cx, end[1] - cy);
            let length = dx.hypot(dy).max(f32::EPSILON);
            let start = [cx + dx / length * (r + gap), cy + dy / length * (r + gap)];
            (rect, [start, end])
        })
    })
}

/// How far apart, in label gaps, two names in one row are kept: nearer, they read as one
/// ("Mental health crisis response Delia Fontaine", a tester).
pub const WORD_GAPS: f32 = 2.0;

/// `rect` widened either side by [`WORD_GAPS`] label gaps: where another name in its row
/// may not start.
pub fn spaced(rect: &Rect, gap: f32) -> Rect {
    Rect {
        min: [rect.min[0] - WORD_GAPS * gap, rect.min[1]],
        max: [rect.max[0] + WORD_GAPS * gap, rect.max[1]],
    }
}

/// How many pairs of boxes overlap (zero for a placement from [`place`]).
pub fn overlaps(boxes: &[Rect]) -> usize {
    // A pair sharing several cells is found once per shared cell: count distinct pairs.
    let mut pairs = std::collections::HashSet::new();
    let mut grid = Grid::default();
    for (i, rect) in boxes.iter().enumerate() {
        for j in grid.near(rect) {
            if boxes[j].intersects(rect) {
                pairs.insert((j, i));
            }
        }
        grid.insert(rect, i);
    }
    pairs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(owner: usize, x: f32, y: f32, width: f32, importance: f64) -> LabelRequest {
        LabelRequest {
            owner,
            centre: [x, y],
            radius: 10.0,
            size: [width, 14.0],
            wrapped: None,
            importance,
            always: false,
            within: None,
            beside: false,
        }
    }

    fn obstacles(requests: &[LabelRequest]) -> Vec<Obstacle> {
        requests
            .iter()
            .map(|r| Obstacle {
                owner: r.owner,
                centre: r.centre,
                radius: r.radius,
            })
            .collect()
    }

    #[test]
    fn labels_never_overlap_each_other_stakeholders_or_the_edge() {
        // A dense cluster: not all can be named.
        let requests: Vec<LabelRequest> = (0..60)
            .map(|i| {
                request(
                    i,
                    100.0 + (i % 10) as f32 * 30.0,
                    100.0 + (i / 10) as f32 * 30.0,
                    90.0,
                    i as f64,
                )
            })
            .collect();
        let obstacles = obstacles(&requests);
        let view = Rect::from_min_size([0.0, 0.0], [500.0, 400.0]);
        let placed = place(&requests, &obstacles, &[], view, 2.0, 4);
        assert!(!placed.is_empty());
        // Far more than four left out: too crowded for leaders, none is tried.
        assert!(placed.len() < 56);
        assert!(placed.iter().all(|p| p.leader.is_none()));
        let boxes: Vec<Rect> = placed.iter().map(|p| p.rect).collect();
        assert_eq!(overlaps(&boxes), 0);
        for p in &placed {
            assert!(view.contains_rect(&p.rect));
            for o in &obstacles {
                assert!(o.owner == p.owner || !p.rect.touches_circle(o.centre, o.radius));
            }
        }
    }

    #[test]
    fn the_most_important_win_and_the_hovered_one_always_shows() {
        // Two stakeholders on top of each other: only one name fits beside them.
        let mut requests = vec![
            request(0, 100.0, 100.0, 300.0, 1.0),
            request(1, 100.0, 100.0, 300.0, 5.0),
        ];
        let view = Rect::from_min_size([0.0, 0.0], [220.0, 200.0]);
        let obstacles = obstacles(&requests);
        let placed = place(&requests, &obstacles, &[], view, 2.0, 0);
        assert!(placed.iter().all(|p| p.owner != 0) || placed.len() == 2);
        requests[0].always = true;
        let placed = place(&requests, &obstacles, &[], view, 2.0, 0);
        assert!(placed.iter().any(|p| p.owner == 0), "hovered: shown");
    }

    #[test]
    fn a_name_beginning_beside_another_symbol_reads_as_its_name() {
        // "CDS mailing list" below its own hexagon began 20 points right of Partnership In
        // Action's, in its row: read as PIA's, though its own was nearer.
        let own = [100.0, 100.0];
        let name = Rect::from_min_size([60.0, 112.0], [80.0, 14.0]);
        let test = Misread::new(own, 8.0, &name, 3.0, false);
        // Own 4 points off, plus a gap: 7. Another in the row at the name's start...
        assert!(test.by([45.0, 119.0], 8.0), "7 points before the name");
        assert!(!test.by([31.0, 119.0], 8.0), "21 points before");
        // Half its body in the row is in the row: a square whose middle was just above a
        // two-line name's first line read as the start of "Kestrel Park Community Police
        // Centre".
        assert!(
            test.by([45.0, 109.0], 8.0),
            "its middle 3 points above the row"
        );
        assert!(
            !test.by([45.0, 103.0], 8.0),
            "its middle 9 points above the row"
        );
        // At its end likewise: "Hana Kowalczyk", above her circle, ended 12 points from
        // Marc Lebel's (hers 4.5 off) and read as his.
        assert!(test.by([155.0, 119.0], 8.0), "7 points after the name");
        assert!(test.by([43.0, 119.0], 8.0), "9 points before the name");
        assert!(test.by([157.0, 119.0], 8.0), "9 points after it");
        assert!(!test.by([160.0, 119.0], 8.0), "12 points after the name");
        // Lined up as its own is (below it, in its column): between the two, 1.5 times.
        assert!(test.by([100.0, 138.0], 8.0), "4 points below");
        assert!(!test.by([100.0, 146.0], 8.0), "12 points below");
        // The block views read the next symbol of a row by the row's rhythm: only one
        // nearer than its own misreads there.
        let beside = Rect::from_min_size([111.0, 93.0], [80.0, 14.0]);
        let next = [203.0, 100.0];
        assert!(!Misread::new(own, 8.0, &beside, 3.0, true).by(next, 8.0));
        assert!(Misread::new(own, 8.0, &beside, 3.0, false).by(next, 8.0));
    }

    #[test]
    fn a_name_under_its_symbol_keeps_others_clear_of_its_rows_ends() {
        // "Nadia Karim", under her circle, ended 18 points from Wren Valley Food Bank's
        // square in her row, and a tester read it as the square's; twice her own distance
        // had allowed it from 10.5 points. Whatever the ratio, a symbol at the start or end
        // of the row of a name above or below its own is now refused nearer than
        // ROW_CLEAR gaps.
        let gap = 4.5;
        let own = [100.0, 100.0];
        // Its own circle 3 points above the name: 7.5 off with the gap.
        let name = Rect::from_min_size([60.0, 111.0], [80.0, 14.0]);
        let test = Misread::new(own, 8.0, &name, gap, false);
        assert!(test.by([162.0, 118.0], 8.0), "14 points after its end");
        assert!(test.by([38.0, 118.0], 8.0), "14 points before its start");
        assert!(!test.by([165.0, 118.0], 8.0), "17 points after its end");
        // A name beside its own symbol (in its row) keeps the ratio alone: the row's
        // rhythm of symbol, name, symbol reads.
        let beside = Rect::from_min_size([111.0, 93.0], [80.0, 14.0]);
        let test = Misread::new(own, 8.0, &beside, gap, false);
        assert!(
            !test.by([213.0, 100.0], 8.0),
            "14 points after a name beside its own"
        );
    }

    #[test]
    fn two_names_in_a_row_keep_a_word_gap_apart() {
        // Below their symbols the two names would be 3 points apart and read as one.
        let requests = [
            request(0, 100.0, 100.0, 70.0, 2.0),
            request(1, 173.0, 100.0, 70.0, 1.0),
        ];
        let view = Rect::from_min_size([0.0, 0.0], [400.0, 300.0]);
        let placed = place(&requests, &obstacles(&requests), &[], view, 2.0, 0);
        assert_eq!(placed.len(), 2);
        let (a, b) = (placed[0].rect, placed[1].rect);
        let same_row = a.min[1] < b.max[1] && b.min[1] < a.max[1];
        let apart = (b.min[0] - a.max[0]).max(a.min[0] - b.max[0]);
        assert!(
            !same_row || apart >= 4.0,
            "{a:?} and {b:?} are {apart} apart"
        );
    }

    #[test]
    fn a_label_at_the_right_edge_goes_to_the_left() {
        let requests = [request(0, 480.0, 100.0, 80.0, 1.0)];
        let view = Rect::from_min_size([0.0, 0.0], [500.0, 400.0]);
        let placed = place(&requests, &obstacles(&requests), &[], view, 2.0, 0);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].rect.max[0] <= 480.0, "{:?}", placed[0].rect);
    }

    #[test]
    fn a_name_in_the_only_spot_left_for_another_moves_aside() {
        // A is placed first and takes the spot below it, the one spot B has (B's others
        // are out of the view); A has another, above it. C, a symbol with no name off the
        // corner of A's spot above, makes it only free, not clear, so A prefers below.
        let a = request(0, 100.0, 100.0, 70.0, 2.0);
        let b = request(1, 100.0, 141.0, 70.0, 1.0);
        let mut obstacles = obstacles(&[a.clone(), b.clone()]);
        obstacles.push(Obstacle {
            owner: 2,
            centre: [138.0, 72.0],
            radius: 3.0,
        });
        let view = Rect {
            min: [60.0, 66.0],
            max: [140.0, 160.0],
        };
        let placed = place(&[a, b], &obstacles, &[], view, 2.0, 4);
        assert_eq!(placed.len(), 2, "{placed:?}");
        let boxes: Vec<Rect> = placed.iter().map(|p| p.rect).collect();
        assert_eq!(overlaps(&boxes), 0);
        let of = |owner: usize| placed.iter().find(|p| p.owner == owner).expect("placed");
        assert!(
            of(0).rect.max[1] <= 100.0,
            "A moved above: {:?}",
            of(0).rect
        );
        assert!(
            placed.iter().all(|p| p.leader.is_none()),
            "moved, not set off"
        );
    }

    /// A stakeholder at (250, 200) with six symbols close round it: no spot beside it is
    /// free. Its request, and the obstacles.
    fn hemmed_in() -> (LabelRequest, Vec<Obstacle>) {
        let centre = request(0, 250.0, 200.0, 60.0, 1.0);
        let mut obstacles = obstacles(std::slice::from_ref(&centre));
        for k in 0..6 {
            let angle = k as f32 * std::f32::consts::TAU / 6.0;
            obstacles.push(Obstacle {
                owner: k + 1,
                centre: [250.0 + 26.0 * angle.cos(), 200.0 + 26.0 * angle.sin()],
                radius: 7.0,
            });
        }
        (centre, obstacles)
    }

    #[test]
    fn a_hemmed_in_name_is_set_off_with_a_leader_that_crosses_nothing() {
        // Six symbols close round one: no spot beside it is free.
        let (centre, mut obstacles) = hemmed_in();
        // A name already placed nearby that the leader must not cross.
        let other = LabelRequest {
            owner: 7,
            centre: [330.0, 200.0],
            radius: 4.0,
            size: [80.0, 14.0],
            wrapped: None,
            importance: 9.0,
            always: false,
            within: None,
            beside: false,
        };
        obstacles.push(Obstacle {
            owner: 7,
            centre: other.centre,
            radius: other.radius,
        });
        let view = Rect::from_min_size([0.0, 0.0], [500.0, 400.0]);
        let requests = [centre.clone(), other];
        let without = place(&requests, &obstacles, &[], view, 2.0, 0);
        assert!(without.iter().all(|p| p.owner != 0), "no room beside it");
        let placed = place(&requests, &obstacles, &[], view, 2.0, 8);
        let named = placed.iter().find(|p| p.owner == 0).expect("set off");
        let [start, end] = named.leader.expect("with a leader");
        let length = (end[0] - start[0]).hypot(end[1] - start[1]);
        assert!(length > 4.0 && length <= LONGEST_LEADER, "{length}");
        // The leader ends on its name and starts by its stakeholder.
        assert!(named.rect.expand(0.01).contains(end));
        assert!((start[0] - 250.0).hypot(start[1] - 200.0) <= 10.0 + 2.0 + 0.01);
        for o in obstacles.iter().filter(|o| o.owner != 0) {
            assert!(distance_to_segment(o.centre, start, end) > o.radius);
            assert!(!named.rect.touches_circle(o.centre, o.radius));
        }
        for p in placed.iter().filter(|p| p.owner != 0) {
            assert!(!p.rect.meets_segment(start, end), "crosses {:?}", p.rect);
            assert!(!p.rect.intersects(&named.rect));
        }
    }

    /// A name set off with a leader whose nearest spot ends at another's symbol moves to
    /// one clear of it, a little further off ("Open Door Mental Health Services" had ended
    /// at City Police Service's square).
    #[test]
    fn a_name_set_off_keeps_clear_of_other_symbols() {
        let (centre, mut obstacles) = hemmed_in();
        // A dot just past the end of the nearest spot on the right (274 to 334).
        obstacles.push(Obstacle {
            owner: 7,
            centre: [340.0, 200.0],
            radius: 3.0,
        });
        let view = Rect::from_min_size([0.0, 0.0], [500.0, 400.0]);
        let placed = place(std::slice::from_ref(&centre), &obstacles, &[], view, 2.0, 8);
        let named = placed.iter().find(|p| p.owner == 0).expect("set off");
        assert!(named.leader.is_some());
        let around = named.rect.expand(SET_OFF_CLEARANCE * 2.0);
        for o in obstacles.iter().filter(|o| o.owner != 0) {
            assert!(
                !around.touches_circle(o.centre, o.radius),
                "{:?} beside {o:?}",
                named.rect
            );
        }
    }

    /// A symbol with its own name on one side and another's ending on the other reads as
    /// either's (Marc Lebel's dot between "Linh Tran" and "Marc Lebel"): refused whichever
    /// of the two names comes second.
    #[test]
    fn a_symbol_is_not_left_between_two_names() {
        let dot = Obstacle {
            owner: 1,
            centre: [200.0, 100.0],
            radius: 5.0,
        };
        let other = Obstacle {
            owner: 0,
            centre: [150.0, 80.0],
            radius: 5.0,
        };
        let mut nodes = Grid::default();
        for (i, o) in [other, dot].iter().enumerate() {
            nodes.insert(&Rect::around(o.centre, o.radius), i);
        }
        let obstacles = [other, dot];
        let row = |x0: f32, x1: f32| Rect {
            min: [x0, 93.0],
            max: [x1, 107.0],
        };
        let own_name = row(207.0, 247.0);
        let test = |placed: Placed, request: LabelRequest, rect: Rect| {
            let mut labels = Grid::default();
            labels.insert(&placed.rect, 0);
            between(&request, &rect, 2.0, &[placed], &labels, &obstacles, &nodes)
        };
        let placed = |owner: usize, rect: Rect| Placed {
            owner,
            rect,
            leader: None,
            wrapped: false,
        };
        let mut first = request(0, 150.0, 80.0, 60.0, 1.0);
        first.radius = 5.0;
        let mut second = request(1, 200.0, 100.0, 40.0, 1.0);
        second.radius = 5.0;
        // The dot's name placed, another's ending 2 points before the dot: refused; 15
        // points before it (over 3 times its own name's gap): taken.
        assert!(test(placed(1, own_name), first.clone(), row(130.0, 193.0)));
        assert!(!test(placed(1, own_name), first.clone(), row(110.0, 180.0)));
        // The other name placed first, the dot's own then beside it: refused likewise.
        assert!(test(placed(0, row(130.0, 193.0)), second.clone(), own_name));
        assert!(!test(placed(0, row(110.0, 180.0)), second, own_name));
    }

    /// A long name with no room for its one line beside its stakeholder takes two lines
    /// where they fit, before a leader: between two stakeholders 140 points apart a name
    /// 200 points wide cannot sit below in one line, and 110 by 28 can.
    #[test]
    fn a_long_name_with_no_room_for_one_line_takes_two() {
        let mut long = request(0, 200.0, 100.0, 200.0, 1.0);
        let view = Rect::from_min_size([0.0, 0.0], [400.0, 200.0]);
        // Hemmed in: symbols 70 points to each side, above, and 80 below to each side
        // (nearer, the two lines would begin beside one of them and read as its name).
        let mut obstacles = vec![Obstacle {
            owner: 0,
            centre: long.centre,
            radius: long.radius,
        }];
        for (k, [dx, dy]) in [
            [-70.0, 0.0],
            [70.0, 0.0],
            [0.0, -25.0],
            [-80.0, 30.0],
            [80.0, 30.0],
        ]
        .into_iter()
        .enumerate()
        {
            obstacles.push(Obstacle {
                owner: k + 1,
                centre: [200.0 + dx, 100.0 + dy],
                radius: 8.0,
            });
        }
        let one_line = place(std::slice::from_ref(&long), &obstacles, &[], view, 3.0, 0);
        assert!(one_line.is_empty(), "no room for one line: {one_line:?}");
        long.wrapped = Some([110.0, 28.0]);
        let placed = place(&[long], &obstacles, &[], view, 3.0, 0);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].wrapped);
        assert_eq!(placed[0].rect.width(), 110.0);
        assert_eq!(placed[0].rect.height(), 28.0);
        assert!(placed[0].leader.is_none());
    }
}
