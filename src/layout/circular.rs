//! The circular layout: stakeholders on one circle, each group (a category or a detected
//! community) in one contiguous arc, with a gap between groups.
//!
//! Places are closer at the circle's sides than at its top and bottom. A name is set
//! beside its stakeholder, in the middle or outside; at the sides neighbours' names sit in
//! rows one above the other, and the rows need only be a line apart, but near the top and
//! bottom neighbours are side by side and their names would meet. So the places are spread
//! by how much height a name beside them has: a place at angle `a` from level takes
//! `max(1, ROW / |cos a|)` shares of the circle, at most [`MOST_SHARE`].

use std::f32::consts::TAU;

use super::Point;

/// Neighbouring places on the circle are at least this far apart (canvas units): the
/// largest symbol (influence 5, 56 across) beside another, and a little air.
pub const MIN_SPACING: f32 = 64.0;

/// A line of names, in places: at the sides the next name down is a row lower when the
/// places are this much of the chord between neighbours apart. [`Circle::with_row`] tries
/// others.
pub const ROW: f32 = 0.7;

/// A place at the top or bottom takes at most this many shares of the circle.
pub const MOST_SHARE: f32 = 3.0;

/// Samples of the circle in the table that spreads the places.
const SAMPLES: usize = 2048;

/// How much of the circle a place at `angle` (from level, radians) takes, in shares, for
/// names a `row` high.
fn share(angle: f32, row: f32) -> f32 {
    (row / angle.cos().abs().max(1e-4)).clamp(1.0, MOST_SHARE)
}

/// The spread of places round the circle: `u` places of `places` in, from the top and
/// clockwise, at what angle (screen, radians); and the least angle between neighbours.
struct Spread {
    /// Running share of places, from the top clockwise, one a sample: the inverse of
    /// `share`, summed, as a fraction of the whole.
    running: Vec<f32>,
    places: f32,
    row: f32,
}

impl Spread {
    fn new(places: usize, row: f32) -> Self {
        let step = TAU / SAMPLES as f32;
        let mut running = Vec::with_capacity(SAMPLES + 1);
        let mut sum = 0.0_f32;
        running.push(0.0);
        for k in 0..SAMPLES {
            let middle = -TAU / 4.0 + (k as f32 + 0.5) * step;
            sum += step / share(middle, row);
            running.push(sum);
        }
        for r in &mut running {
            *r /= sum;
        }
        Self {
            running,
            places: places as f32,
            row,
        }
    }

    /// The screen angle of place position `u` (wrapping round).
    fn angle(&self, u: f32) -> f32 {
        let f = (u / self.places).rem_euclid(1.0);
        let k = self.running.partition_point(|&r| r < f).clamp(1, SAMPLES);
        let (a, b) = (self.running[k - 1], self.running[k]);
        let within = if b > a { (f - a) / (b - a) } else { 0.0 };
        -TAU / 4.0 + (k as f32 - 1.0 + within) * TAU / SAMPLES as f32
    }

    /// The least angle between neighbouring places (at the sides, one share).
    fn least_step(&self) -> f32 {
        let whole: f32 = (0..SAMPLES)
            .map(|k| {
                let step = TAU / SAMPLES as f32;
                step / share(-TAU / 4.0 + (k as f32 + 0.5) * step, self.row)
            })
            .sum();
        whole / self.places
    }
}

/// How many turns of the circle are tried, in quarter places, to put the widest names at
/// the sides.
const TURNS_PER_PLACE: usize = 4;

/// Stakeholders on a circle round the origin, node `i` in the arc of group `groups[i]`.
///
/// Groups go round in ascending id, clockwise on screen; within a group nodes keep their
/// index order. One empty place separates groups. The radius is the hint, or larger when
/// needed to keep places [`MIN_SPACING`] apart. A single node sits at the origin. The
/// circle is placed turned ([`Circle::at`]); [`Circle::turns_by_width`] offers the turns
/// that put the widest names at its sides, where a name set beside its node reaches out or
/// into the middle, and the narrow ones at its top and bottom, where names beside each
/// other meet.
pub struct Circle {
    /// Each node's place, from the top clockwise (gaps between groups count).
    place_of: Vec<usize>,
    spread: Spread,
    radius: f32,
}

impl Circle {
    /// The places of nodes in groups `groups` on a circle of at least `radius_hint`.
    pub fn new(groups: &[u32], radius_hint: f32) -> Self {
        Self::with_row(groups, radius_hint, ROW)
    }

    /// [`Circle::new`], the places spread for names `row` places high ([`ROW`]).
    pub fn with_row(groups: &[u32], radius_hint: f32, row: f32) -> Self {
        let n = groups.len();
        let mut order: Vec<usize> = (0..n).collect();
        // Stable: index order within a group.
        order.sort_by_key(|&i| groups[i]);
        let group_count = 1 + order
            .windows(2)
            .filter(|w| groups[w[0]] != groups[w[1]])
            .count();
        let gaps = if group_count > 1 { group_count } else { 0 };
        let places = (n + gaps).max(1);
        let hint = if radius_hint.is_finite() {
            radius_hint.max(0.0)
        } else {
            0.0
        };
        let spread = Spread::new(places, row);
        // Chord between the nearest neighbours is 2 r sin(step / 2); keep it at least
        // MIN_SPACING.
        let needed = MIN_SPACING / (2.0 * (spread.least_step() / 2.0).sin());
        let mut place_of = vec![0usize; n];
        let mut place = 0usize;
        for (k, &i) in order.iter().enumerate() {
            if k > 0 && groups[order[k - 1]] != groups[i] {
                place += 1;
            }
            place_of[i] = place;
            place += 1;
        }
        Self {
            place_of,
            spread,
            radius: hint.max(needed),
        }
    }

    /// The screen angle of node `i` with the circle turned by `turn` places.
    fn angle(&self, i: usize, turn: f32) -> f32 {
        self.spread.angle(self.place_of[i] as f32 + turn)
    }

    /// Up to `count` turns (in places, from 0 to the number of places, in quarter places),
    /// cheapest first, a place or more apart: the cost of a turn weights each node's
    /// `widths[i]` by `sin²` of its angle from level.
    pub fn turns_by_width(&self, widths: &[f32], count: usize) -> Vec<f32> {
        let n = self.place_of.len();
        let cost = |turn: f32| -> f32 {
            (0..n)
                .map(|i| {
                    widths.get(i).copied().unwrap_or(0.0).max(0.0)
                        * self.angle(i, turn).sin().powi(2)
                })
                .sum()
        };
        let places = self.spread.places as usize;
        let mut costs: Vec<(f32, f32)> = (0..places * TURNS_PER_PLACE)
            .map(|k| {
                let turn = k as f32 / TURNS_PER_PLACE as f32;
                (turn, cost(turn))
            })
            .collect();
        // Cheapest first; within a thousandth, the smaller turn.
        let least = costs.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
        costs.sort_by(|a, b| {
            let quantise = |c: f32| ((c - least) / (1e-3 * least.abs().max(1e-6))).floor();
            quantise(a.1)
                .total_cmp(&quantise(b.1))
                .then(a.0.total_cmp(&b.0))
        });
        let mut chosen: Vec<f32> = Vec::new();
        for (turn, _) in costs {
            let apart = |t: f32| {
                let d = (turn - t).rem_euclid(places as f32);
                d.min(places as f32 - d) >= 1.0
            };
            if chosen.iter().all(|&t| apart(t)) {
                chosen.push(turn);
                if chosen.len() == count {
                    break;
                }
            }
        }
        chosen
    }

    /// Every node's position with the circle turned by `turn` places (a single node at
    /// the origin).
    pub fn at(&self, turn: f32) -> Vec<Point> {
        if self.place_of.len() <= 1 {
            return vec![[0.0, 0.0]; self.place_of.len()];
        }
        (0..self.place_of.len())
            .map(|i| {
                let a = self.angle(i, turn);
                [self.radius * a.cos(), self.radius * a.sin()]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The circle's positions at its cheapest turn for `widths`, as the circle views
    /// start from.
    fn circular_grouped(groups: &[u32], widths: &[f32], radius_hint: f32) -> Vec<Point> {
        let circle = Circle::new(groups, radius_hint);
        let turn = circle
            .turns_by_width(widths, 1)
            .first()
            .copied()
            .unwrap_or(0.0);
        circle.at(turn)
    }

    fn angle(p: Point) -> f32 {
        // Clockwise from the top, in 0..TAU.
        (p[1].atan2(p[0]) + TAU / 4.0).rem_euclid(TAU)
    }

    #[test]
    fn groups_are_contiguous_arcs_in_id_order() {
        let groups = [2, 0, 1, 0, 2, 1, 0, 2, 2, 1];
        let positions = circular_grouped(&groups, &[], 100.0);
        let mut by_angle: Vec<usize> = (0..groups.len()).collect();
        by_angle.sort_by(|&a, &b| angle(positions[a]).total_cmp(&angle(positions[b])));
        let sequence: Vec<u32> = by_angle.iter().map(|&i| groups[i]).collect();
        assert_eq!(sequence, vec![0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
        // Within a group, index order.
        assert_eq!(&by_angle[..3], &[1, 3, 6]);
    }

    #[test]
    fn gaps_separate_groups() {
        let positions = circular_grouped(&[0, 0, 0, 1, 1, 1], &[], 100.0);
        let step = |a: usize, b: usize| angle(positions[b]) - angle(positions[a]);
        assert!(step(2, 3) > 1.5 * step(0, 1));
    }

    #[test]
    fn radius_grows_so_nodes_do_not_overlap() {
        let groups = vec![0u32; 500];
        let positions = circular_grouped(&groups, &[], 10.0);
        let r = positions[0][0].hypot(positions[0][1]);
        assert!(r > 10.0);
        let gap = (positions[0][0] - positions[1][0]).hypot(positions[0][1] - positions[1][1]);
        assert!(gap >= MIN_SPACING * 0.999, "gap {gap}");
        assert!(
            positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
        let small = circular_grouped(&[0, 1], &[], 200.0);
        assert!((small[0][0].hypot(small[0][1]) - 200.0).abs() < 1e-3);
        assert_eq!(circular_grouped(&[4], &[], f32::NAN), vec![[0.0, 0.0]]);
        assert!(circular_grouped(&[], &[], 1.0).is_empty());
    }

    #[test]
    fn places_are_closer_at_the_sides_than_at_the_top() {
        let groups = vec![0u32; 40];
        let circle = Circle::new(&groups, 0.0);
        let positions = circle.at(0.0);
        let gap = |a: Point, b: Point| (a[0] - b[0]).hypot(a[1] - b[1]);
        // Place 0 is at the top; place 10 of 40 is a quarter round, at the right side.
        let top = gap(positions[0], positions[1]);
        let side = gap(positions[10], positions[11]);
        assert!(top > 2.0 * side, "top {top}, side {side}");
        assert!(side >= MIN_SPACING * 0.999, "side {side}");
        // At the side the next name down is at least a row lower.
        assert!((positions[11][1] - positions[10][1]).abs() >= ROW * MIN_SPACING * 0.99);
    }

    #[test]
    fn the_widest_names_are_turned_to_the_sides() {
        // Group 0: ten long names; groups 1 and 2: ten short ones each.
        let groups: Vec<u32> = (0..30).map(|i| i / 10).collect();
        let widths: Vec<f32> = (0..30).map(|i| if i < 10 { 40.0 } else { 8.0 }).collect();
        let positions = circular_grouped(&groups, &widths, 0.0);
        // Seen from the centre, the long names' arc is nearer level than upright.
        let level = |p: Point| p[1].atan2(p[0]).sin().abs();
        let long: f32 = positions[..10].iter().map(|&p| level(p)).sum::<f32>() / 10.0;
        let short: f32 = positions[10..].iter().map(|&p| level(p)).sum::<f32>() / 20.0;
        assert!(long < short, "long {long}, short {short}");
        // Turns offered are a place or more apart, cheapest first.
        let turns = Circle::new(&groups, 0.0).turns_by_width(&widths, 4);
        assert_eq!(turns.len(), 4);
    }
}
