//! The power/interest grid (Mendelow's matrix): stakeholders placed by influence (up) and
//! interest (right) on a 5 x 5 grid, split into the four named quadrants that say how to
//! engage them, with unscored stakeholders waiting in a tray below.

use std::f32::consts::PI;

use super::Point;
use crate::model::Score;

/// Scores from this value up count as high (the middle score, 3, is high): the grid line
/// between quadrants runs between scores 2 and 3.
pub const HIGH_FROM: Score = Score::MIDDLE;

/// Cells a side: one a score.
const SIDE: usize = Score::ALL.len();
/// Cell size used when the one given is not a positive finite number.
const DEFAULT_CELL: f32 = 120.0;
/// Stakeholders sharing a score spread within this fraction of a cell around its centre.
const CLUSTER_RADIUS: f32 = 0.4;
/// Tray places per row, and their spacing as a fraction of a cell.
const TRAY_SPACING: f32 = 0.5;

/// A named rectangle of the grid, in canvas units (screen y down, so `min` is top-left).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quadrant {
    /// The engagement advice for the stakeholders inside, e.g. "Manage closely".
    pub name: &'static str,
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Quadrant {
    /// True when `p` is inside the rectangle (edges included).
    pub fn contains(&self, p: Point) -> bool {
        (self.min[0]..=self.max[0]).contains(&p[0]) && (self.min[1]..=self.max[1]).contains(&p[1])
    }
}

/// The result of [`power_interest`].
#[derive(Clone, Debug, PartialEq)]
pub struct PowerInterestLayout {
    /// One position per stakeholder, in input order.
    pub positions: Vec<Point>,
    /// "Manage closely", "Keep satisfied", "Keep informed", "Monitor", in that order.
    pub quadrants: [Quadrant; 4],
    /// Where the unscored stakeholders are, below the grid.
    pub tray: Quadrant,
}

/// Lays stakeholders out on the power/interest grid, centred on the origin.
///
/// `scores[i]` is `Some((influence, interest))`. Interest grows to the right, influence
/// upwards, one `cell` per score step, the middle score at the origin. Stakeholders with
/// the same score spread on a small sunflower inside their cell rather than overlapping.
/// `None` means not scored yet: those sit in rows in the tray below the grid.
pub fn power_interest(scores: &[Option<(Score, Score)>], cell: f32) -> PowerInterestLayout {
    let cell = if cell.is_finite() && cell > 0.0 {
        cell
    } else {
        DEFAULT_CELL
    };
    // Cells from the middle score, which sits at the origin.
    let from_middle = |score: Score| f32::from(score.get()) - f32::from(Score::MIDDLE.get());
    let half = SIDE as f32 / 2.0 * cell;
    // The quadrant line sits half a cell before the first high score.
    let split = (from_middle(HIGH_FROM) - 0.5) * cell;
    let quadrants = [
        Quadrant {
            name: "Manage closely",
            min: [split, -half],
            max: [half, -split],
        },
        Quadrant {
            name: "Keep satisfied",
            min: [-half, -half],
            max: [split, -split],
        },
        Quadrant {
            name: "Keep informed",
            min: [split, -split],
            max: [half, half],
        },
        Quadrant {
            name: "Monitor",
            min: [-half, -split],
            max: [split, half],
        },
    ];

    let index = |score: Score| usize::from(score.get() - Score::MIN.get());
    // How many share each score, and which of them each stakeholder is.
    let mut counts = [[0u32; SIDE]; SIDE];
    let mut rank = vec![0u32; scores.len()];
    for (i, score) in scores.iter().enumerate() {
        if let Some((influence, interest)) = *score {
            let slot = &mut counts[index(influence)][index(interest)];
            rank[i] = *slot;
            *slot += 1;
        }
    }

    let per_row = ((2.0 * half) / (TRAY_SPACING * cell)).floor().max(1.0) as usize;
    let tray_top = half + 0.25 * cell;
    let unscored = scores.iter().filter(|s| s.is_none()).count();
    let tray_rows = unscored.div_ceil(per_row).max(1);
    let tray = Quadrant {
        name: "Not scored",
        min: [-half, tray_top],
        max: [half, tray_top + tray_rows as f32 * TRAY_SPACING * cell],
    };

    let mut tray_index = 0usize;
    let positions = scores
        .iter()
        .enumerate()
        .map(|(i, score)| match *score {
            Some((influence, interest)) => {
                let x = from_middle(interest) * cell;
                let y = -from_middle(influence) * cell;
                let count = counts[index(influence)][index(interest)];
                let offset = sunflower(rank[i], count, CLUSTER_RADIUS * cell);
                [x + offset[0], y + offset[1]]
            }
            None => {
                let (row, column) = (tray_index / per_row, tray_index % per_row);
                tray_index += 1;
                [
                    -half + (column as f32 + 0.5) * TRAY_SPACING * cell,
                    tray_top + (row as f32 + 0.5) * TRAY_SPACING * cell,
                ]
            }
        })
        .collect();
    PowerInterestLayout {
        positions,
        quadrants,
        tray,
    }
}

/// Place `k` of `count` on a sunflower (Vogel) spiral of the given radius: evenly filled
/// discs for any count, with the first at the centre when alone.
fn sunflower(k: u32, count: u32, radius: f32) -> Point {
    if count <= 1 {
        return [0.0, 0.0];
    }
    let golden_angle = PI * (3.0 - 5.0f32.sqrt());
    let r = radius * ((k as f32 + 0.5) / count as f32).sqrt();
    let a = k as f32 * golden_angle;
    [r * a.cos(), r * a.sin()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quadrant<'a>(layout: &'a PowerInterestLayout, name: &str) -> &'a Quadrant {
        let found = layout.quadrants.iter().find(|q| q.name == name);
        assert!(found.is_some(), "no quadrant {name}");
        found.unwrap_or(&layout.quadrants[0])
    }

    fn scored(influence: u8, interest: u8) -> Option<(Score, Score)> {
        let score = |n| Score::new(n).expect("a score");
        Some((score(influence), score(interest)))
    }

    #[test]
    fn each_score_lands_in_its_quadrant() {
        let layout = power_interest(
            &[
                scored(5, 5),
                scored(5, 1),
                scored(1, 5),
                scored(1, 1),
                scored(3, 3),
            ],
            100.0,
        );
        let p = &layout.positions;
        assert!(quadrant(&layout, "Manage closely").contains(p[0]));
        assert!(quadrant(&layout, "Keep satisfied").contains(p[1]));
        assert!(quadrant(&layout, "Keep informed").contains(p[2]));
        assert!(quadrant(&layout, "Monitor").contains(p[3]));
        assert!(quadrant(&layout, "Manage closely").contains(p[4]));
        assert!(!quadrant(&layout, "Monitor").contains(p[0]));
        // Up is more influence: smaller y on screen. Right is more interest.
        assert!(p[0][1] < p[2][1]);
        assert!(p[0][0] > p[1][0]);
    }

    #[test]
    fn shared_scores_spread_inside_their_cell() {
        let scores = vec![scored(4, 2); 12];
        let layout = power_interest(&scores, 100.0);
        let p = &layout.positions;
        let centre = [-100.0, -100.0];
        for i in 0..p.len() {
            assert!((p[i][0] - centre[0]).hypot(p[i][1] - centre[1]) <= 50.0);
            for j in i + 1..p.len() {
                assert!((p[i][0] - p[j][0]).hypot(p[i][1] - p[j][1]) > 5.0);
            }
        }
    }

    #[test]
    fn unscored_wait_in_the_tray_below_the_grid() {
        let mut scores = vec![None; 25];
        scores.push(scored(1, 5));
        let layout = power_interest(&scores, 100.0);
        for p in &layout.positions[..25] {
            assert!(layout.tray.contains(*p));
            assert!(layout.quadrants.iter().all(|q| !q.contains(*p)));
        }
        assert!(quadrant(&layout, "Keep informed").contains(layout.positions[25]));
        assert!(layout.tray.min[1] > layout.quadrants[3].max[1]);
        assert!(power_interest(&[], f32::NAN).positions.is_empty());
    }
}
