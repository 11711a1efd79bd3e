//! The power/interest grid (Mendelow's matrix, after Eden and Ackermann, "Making
//! Strategy", 1998): stakeholders grouped by influence and interest into the four named
//! quadrants that say how to engage them (manage closely, keep satisfied, keep informed,
//! monitor), with unscored stakeholders in a tray below. The view sets each quadrant out
//! as a block of names ([`super::blocks`], in [`super::for_map`]).

use super::Point;
use crate::model::Score;

/// Scores from this value up count as high (the middle score, 3, is high): the grid line
/// between quadrants runs between scores 2 and 3.
pub const HIGH_FROM: Score = Score::MIDDLE;

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
