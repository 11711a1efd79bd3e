//! Overlap removal: the last step of every layout, so that no stakeholder's symbol or name
//! covers another's. Each stakeholder covers a box around its position (its symbol, and
//! its name under it); boxes that overlap are pushed apart along the axis where they
//! overlap least, half each (all of it for the one that may move when the other is
//! pinned), round after round until none overlaps. The same idea as Gephi's Noverlap and
//! ForceAtlas2's "prevent overlap", with boxes rather than circles, after the scan-line
//! pass of Dwyer, Marriott and Stuckey, "Fast node overlap removal" (Graph Drawing 2005).
//!
//! Names have a least size on screen ([`Tokens::min_label_px`]), so how much canvas room a
//! name needs depends on the zoom the map will be seen at: [`spread_for_names`] finds the
//! zoom that fits the map in a view with its names, sizes the names for it, removes
//! overlaps, and goes round again until the two agree.

use super::Point;
use crate::model::{Position, Score, StakeholderId};
use crate::style::Tokens;
use crate::style::measure::FontMeasure;
use crate::style::scene::{TextMeasure, fit};
use std::collections::HashMap;

/// What a stakeholder covers around its position, canvas units: how far to the left, to
/// the right, above and below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// To the left of the position.
    pub left: f32,
    /// To the right.
    pub right: f32,
    /// Above.
    pub up: f32,
    /// Below.
    pub down: f32,
}

impl Extent {
    /// The extent of a symbol of `radius` with a name `label` (width, height) centred below
    /// it, `gap` between them.
    pub fn named(radius: f32, label: [f32; 2], gap: f32) -> Self {
        let half = radius.max(label[0] / 2.0);
        Self {
            left: half,
            right: half,
            up: radius,
            down: if label[1] > 0.0 {
                radius + gap + label[1]
            } else {
                radius
            },
        }
    }

    fn bounds(&self, [x, y]: Point) -> [f32; 4] {
        [x - self.left, y - self.up, x + self.right, y + self.down]
    }
}

/// Most rounds [`remove_overlaps`] takes before it gives up on what is left.
const MAX_ROUNDS: usize = 300;

/// Pushes overlapping boxes apart until every two keep `gap` between them, moving only
/// those not `fixed` (a missing entry is not fixed), and keeping each point inside its box
/// of `within` (left, top, right, bottom; a missing entry does not hold it). Points that are not finite are left alone. Returns how many pairs still overlap (0 unless [`MAX_ROUNDS`] ran out, or two
/// fixed ones overlap).
pub fn remove_overlaps(
    points: &mut [Point],
    extents: &[Extent],
    fixed: &[bool],
    gap: f32,
    within: &[[f32; 4]],
) -> usize {
    let n = points.len().min(extents.len());
    let is_fixed = |i: usize| fixed.get(i).copied().unwrap_or(false);
    let mut left = 0;
    for _ in 0..MAX_ROUNDS {
        let mut boxes: Vec<[f32; 4]> = (0..n).map(|i| extents[i].bounds(points[i])).collect();
        let mut order: Vec<usize> = (0..n)
            .filter(|&i| points[i][0].is_finite() && points[i][1].is_finite())
            .collect();
        order.sort_by(|&a, &b| boxes[a][0].total_cmp(&boxes[b][0]).then(a.cmp(&b)));
        left = 0;
        // Scan line on x: a box can only overlap those that start before it ends. Each
        // push is applied at once (not summed for the round), so a stakeholder with many
        // neighbours is not thrown far by the sum of all their pushes.
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                if boxes[j][0] >= boxes[i][2] + gap {
                    break;
                }
                let (a, b) = (boxes[i], boxes[j]);
                let dx = (a[2] + gap - b[0]).min(b[2] + gap - a[0]);
                let dy = (a[3] + gap - b[1]).min(b[3] + gap - a[1]);
                if dx <= 0.0 || dy <= 0.0 {
                    continue;
                }
                let (fi, fj) = (is_fixed(i), is_fixed(j));
                if fi && fj {
                    continue;
                }
                left += 1;
                // Along the axis of least overlap, away from each other (ties by index, so
                // two at one spot part the same way every time).
                let centre = |r: [f32; 4]| [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
                let (ca, cb) = (centre(a), centre(b));
                let push = if dx < dy {
                    let sign = if cb[0] >= ca[0] { 1.0 } else { -1.0 };
                    [sign * dx, 0.0]
                } else {
                    let sign = if cb[1] >= ca[1] { 1.0 } else { -1.0 };
                    [0.0, sign * dy]
                };
                let (share_i, share_j) = match (fi, fj) {
                    (true, _) => (0.0, 1.0),
                    (_, true) => (1.0, 0.0),
                    _ => (0.5, 0.5),
                };
                for axis in 0..2 {
                    points[i][axis] -= push[axis] * share_i;
                    points[j][axis] += push[axis] * share_j;
                }
                for p in [i, j] {
                    if let Some(&[l, t, r, b]) = within.get(p) {
                        points[p] = [points[p][0].clamp(l, r), points[p][1].clamp(t, b)];
                    }
                }
                boxes[i] = extents[i].bounds(points[i]);
                boxes[j] = extents[j].bounds(points[j]);
            }
        }
        if left == 0 {
            return 0;
        }
    }
    left
}

/// The view a map is laid out to be read in: the canvas of a 1280x800 window beside the
/// legend and the inspector, points.
pub const READING_VIEW: [f32; 2] = [704.0, 669.0];

/// Spreads `points` so that when the map is fitted in `view` (points) the names can be
/// drawn, at the size [`Tokens::label_px`] gives that zoom, below their symbols without
/// covering another name or symbol. `names` gives each point's stakeholder, name and
/// influence; `fixed` ones (pinned) do not move; every point stays in the canvas the view
/// shows. Returns the pairs still overlapping.
///
/// The names are sized for the zoom that fits the map as it comes in, or for zoom 1 when
/// that is further out: on a large map seen whole, names take more room than the map has
/// (making room for them would only make the map larger, the zoom smaller and the names,
/// which do not shrink below a readable size, larger again), and the scene names the most
/// important ones that fit ([`crate::style::labels`]); zoomed in to 1, all fit.
pub fn spread_for_names(
    points: &mut [Point],
    names: &[(StakeholderId, &str, Option<Score>)],
    fixed: &[bool],
    view: [f32; 2],
) -> usize {
    let tokens = Tokens::SCREEN;
    // Measured as every layout measures names (`FontMeasure::for_layout`).
    let measure = FontMeasure::for_layout();
    let gap = tokens.label_gap_px + tokens.halo_px;
    let positions: HashMap<StakeholderId, Position> = names
        .iter()
        .zip(points.iter())
        .map(|(&(id, _, _), &[x, y])| (id, Position(x, y)))
        .collect();
    let camera = fit(names, &positions, view, 0.03, &tokens, &measure);
    let zoom = camera.zoom;
    let size = tokens.label_px(zoom);
    // The canvas seen in the view at that zoom: the map spreads into it (a map wider than
    // the view's shape gains height), but does not grow past it.
    let top_left = camera.to_canvas([0.0, 0.0]);
    let bottom_right = camera.to_canvas(view);
    let within = [top_left.0, top_left.1, bottom_right.0, bottom_right.1];
    let extents: Vec<Extent> = names
        .iter()
        .map(|&(_, name, influence)| {
            let radius = crate::style::node_radius(influence);
            match size {
                Some(px) => {
                    let [w, h] = measure.measure(name, px);
                    let halo = 2.0 * tokens.halo_px;
                    Extent::named(radius, [(w + halo) / zoom, (h + halo) / zoom], gap / zoom)
                }
                None => Extent::named(radius, [0.0, 0.0], 0.0),
            }
        })
        .collect();
    let whole = vec![within; points.len()];
    remove_overlaps(points, &extents, fixed, gap / zoom, &whole)
}
