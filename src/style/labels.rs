//! Label placement: names put where they can be read, never piled. Greedy by importance
//! (the stakeholder under the pointer, then the selection, then influence and degree): each
//! label tries eight positions around its stakeholder, right first, and takes the first
//! that overlaps no label already placed and no other stakeholder and is not cut by the
//! edge of the view. A label with no such position is left out, except the hovered one,
//! which is always shown.
//!
//! The candidate positions and the greedy order follow the classic point-feature labelling
//! heuristics (Imhof 1975; Christensen, Marks and Shieber 1995, "An empirical study of
//! algorithms for point-feature label placement"); a uniform grid keeps each test local.

use super::geometry::Rect;
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
    /// Higher is placed first.
    pub importance: f64,
    /// Shown even when nothing is free (the name under the pointer).
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

    pub(crate) fn near<'a>(&'a self, rect: &Rect) -> impl Iterator<Item = usize> + 'a {
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

/// Places labels in `view` (a screen rectangle) around `obstacles` and off the `blocked`
/// boxes (a view's headings); returns those placed. `gap` is the space between a
/// stakeholder and its label.
pub fn place(
    requests: &[LabelRequest],
    obstacles: &[Obstacle],
    blocked: &[Rect],
    view: Rect,
    gap: f32,
) -> Vec<Placed> {
    let mut nodes = Grid::default();
    for (i, o) in obstacles.iter().enumerate() {
        nodes.insert(&Rect::around(o.centre, o.radius), i);
    }
    let mut order: Vec<&LabelRequest> = requests.iter().collect();
    order.sort_by(|a, b| {
        b.always
            .cmp(&a.always)
            .then(b.importance.total_cmp(&a.importance))
            .then(a.owner.cmp(&b.owner))
    });
    let mut labels = Grid::default();
    let mut placed: Vec<Placed> = Vec::new();
    for request in order {
        let free = |rect: &Rect| {
            view.contains_rect(rect)
                && request.within.is_none_or(|w| w.contains_rect(rect))
                && !blocked.iter().any(|b| b.intersects(rect))
                && labels.near(rect).all(|i| !placed[i].rect.intersects(rect))
                && nodes.near(rect).all(|i| {
                    let o = &obstacles[i];
                    o.owner == request.owner || !rect.touches_circle(o.centre, o.radius)
                })
        };
        // A name whose far end nearly touches another symbol reads as that symbol's: a
        // spot with room around it is taken first, one that is only free after that.
        let clear = |rect: &Rect| {
            let around = rect.expand(CLEARANCE * gap);
            nodes.near(&around).all(|i| {
                let o = &obstacles[i];
                o.owner == request.owner || !around.touches_circle(o.centre, o.radius)
            })
        };
        let spots = candidates(request, gap);
        let spot = spots
            .iter()
            .copied()
            // The block views set names out beside their symbols in rows, by design.
            .find(|r| free(r) && (request.beside || clear(r)))
            .or_else(|| spots.into_iter().find(|r| free(r)));
        let rect = match spot {
            Some(rect) => rect,
            // Under the pointer a name is always shown: on the right, kept inside the view.
            None if request.always => candidates(request, gap)[0].clamped_into(view),
            None => continue,
        };
        labels.insert(&rect, placed.len());
        placed.push(Placed {
            owner: request.owner,
            rect,
        });
    }
    placed
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
        let placed = place(&requests, &obstacles, &[], view, 2.0);
        assert!(!placed.is_empty());
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
        let placed = place(&requests, &obstacles, &[], view, 2.0);
        assert!(placed.iter().all(|p| p.owner != 0) || placed.len() == 2);
        requests[0].always = true;
        let placed = place(&requests, &obstacles, &[], view, 2.0);
        assert!(placed.iter().any(|p| p.owner == 0), "hovered: shown");
    }

    #[test]
    fn a_label_at_the_right_edge_goes_to_the_left() {
        let requests = [request(0, 480.0, 100.0, 80.0, 1.0)];
        let view = Rect::from_min_size([0.0, 0.0], [500.0, 400.0]);
        let placed = place(&requests, &obstacles(&requests), &[], view, 2.0);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].rect.max[0] <= 480.0, "{:?}", placed[0].rect);
    }
}
