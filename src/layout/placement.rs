//! Where new things land: a new stakeholder where the person points, or the nearest free
//! spot to it; pasted and duplicated groups moved on until none of them covers a
//! stakeholder already on the map. Nothing new is ever hidden under something else: not
//! its symbol, and not its name, which is drawn under it.

use crate::model::{Position, Score, Stakeholder};

/// Clear space kept between two stakeholders' footprints, in canvas units.
pub const GAP: f32 = 12.0;

/// How far out the search for a free spot goes, in rings, before it gives up and returns
/// the spot asked for.
const MAX_RINGS: usize = 64;

/// Width of a character of a name, in label sizes: about 0.55 for a proportional sans,
/// 1 for the wide characters of Chinese, Japanese and Korean.
fn advance(c: char) -> f32 {
    if c >= '\u{2E80}' { 1.0 } else { 0.55 }
}

/// What a stakeholder covers on the canvas, in canvas units: its symbol (a circle of
/// `radius` about `centre`) and its name, a line of `label` width and height centred under
/// the symbol (as the canvas draws it at zoom 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    /// The symbol's centre.
    pub centre: Position,
    /// The symbol's radius.
    pub radius: f32,
    /// The name's width and height; zero for a stakeholder drawn without one.
    pub label: [f32; 2],
}

impl Footprint {
    /// A stakeholder's footprint at `centre`: its symbol's size from its influence, its
    /// name's from the characters in it at the canvas's label size.
    pub fn of(stakeholder: &Stakeholder, centre: Position) -> Self {
        Self::named(&stakeholder.name, stakeholder.influence, centre)
    }

    /// The footprint of a stakeholder with this name and influence at `centre`.
    pub fn named(name: &str, influence: Option<Score>, centre: Position) -> Self {
        let size = crate::style::Tokens::SCREEN.label_size;
        let width = name.chars().map(advance).sum::<f32>() * size;
        Self {
            centre,
            radius: crate::style::node_radius(influence),
            label: [width, size * 1.25],
        }
    }

    /// The footprint moved by `(dx, dy)`.
    pub fn moved(self, dx: f32, dy: f32) -> Self {
        Self {
            centre: Position(self.centre.0 + dx, self.centre.1 + dy),
            ..self
        }
    }

    /// The box around symbol and name: `[left, top, right, bottom]`.
    fn bounds(&self) -> [f32; 4] {
        let Position(x, y) = self.centre;
        let half = self.radius.max(self.label[0] / 2.0);
        [
            x - half,
            y - self.radius,
            x + half,
            y + self.radius + 2.0 + self.label[1],
        ]
    }

    /// Whether this footprint keeps [`GAP`] clear of `other`.
    pub fn clear_of(&self, other: &Self) -> bool {
        let [l1, t1, r1, b1] = self.bounds();
        let [l2, t2, r2, b2] = other.bounds();
        l1 >= r2 + GAP || l2 >= r1 + GAP || t1 >= b2 + GAP || t2 >= b1 + GAP
    }
}

/// Whether `candidate` keeps clear of every occupied footprint.
fn is_free(occupied: &[Footprint], candidate: &Footprint) -> bool {
    occupied.iter().all(|o| candidate.clear_of(o))
}

/// The offsets tried, nearest first: none, then 12 points a ring on rings `step` apart.
fn offsets(step: f32) -> impl Iterator<Item = (f32, f32)> {
    std::iter::once((0.0, 0.0)).chain((1..=MAX_RINGS).flat_map(move |ring| {
        let distance = step * ring as f32;
        let points = 12 * ring;
        (0..points).map(move |i| {
            let angle = std::f32::consts::TAU * i as f32 / points as f32;
            (distance * angle.cos(), distance * angle.sin())
        })
    }))
}

/// The spot nearest `want.centre` where `want` (a new stakeholder's footprint) covers
/// none of `occupied`: its own centre when that is free, else the first free point on
/// rings of growing size around it (12 points a ring, rings a symbol and a gap apart).
pub fn free_spot(occupied: &[Footprint], want: Footprint) -> Position {
    if !want.centre.is_finite() {
        return want.centre;
    }
    let step = 2.0 * want.radius + GAP;
    offsets(step)
        .map(|(dx, dy)| want.moved(dx, dy))
        .find(|candidate| is_free(occupied, candidate))
        .map_or(want.centre, |spot| spot.centre)
}

/// The smallest shift that leaves every footprint of `group` clear of every one of
/// `occupied`: `(0, 0)` when the group fits where it is, else the first fitting point on
/// rings of growing size. The group keeps its shape.
pub fn free_shift(occupied: &[Footprint], group: &[Footprint]) -> (f32, f32) {
    if group.is_empty() {
        return (0.0, 0.0);
    }
    let largest = group.iter().map(|f| f.radius).fold(0.0, f32::max);
    offsets(2.0 * largest + GAP)
        .find(|&(dx, dy)| group.iter().all(|f| is_free(occupied, &f.moved(dx, dy))))
        .unwrap_or((0.0, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f32, y: f32, name: &str) -> Footprint {
        Footprint::named(name, Some(Score::MIDDLE), Position(x, y))
    }

    #[test]
    fn a_free_spot_is_kept_and_a_taken_one_is_left() {
        let occupied = [at(0.0, 0.0, "Eastview CPC")];
        let far = at(400.0, 0.0, "New");
        assert_eq!(free_spot(&occupied, far), far.centre);
        let spot = free_spot(&occupied, at(0.0, 0.0, "New"));
        assert!(at(spot.0, spot.1, "New").clear_of(&occupied[0]));
        let distance = (spot.0 * spot.0 + spot.1 * spot.1).sqrt();
        assert!(distance <= 200.0, "and near where asked: {distance}");
    }

    #[test]
    fn a_spot_beside_another_keeps_clear_of_its_name_too() {
        // Two symbols side by side with room between them, but a long name under the
        // first reaches under the second.
        let occupied = [at(0.0, 0.0, "Kestrel Park Neighbourhood Resource Team")];
        let beside = at(60.0, 0.0, "Youth");
        assert!(!is_free(&occupied, &beside), "the name is in the way");
        let spot = free_spot(&occupied, beside);
        assert!(at(spot.0, spot.1, "Youth").clear_of(&occupied[0]));
    }

    #[test]
    fn a_group_is_shifted_clear_of_what_is_there() {
        let occupied = [at(0.0, 0.0, "Eastview CPC")];
        let group = [at(0.0, 0.0, "Eastview CPC"), at(120.0, 0.0, "Youth")];
        let (dx, dy) = free_shift(&occupied, &group);
        for f in &group {
            assert!(is_free(&occupied, &f.moved(dx, dy)));
        }
        assert_eq!(free_shift(&occupied, &[at(400.0, 0.0, "Far")]), (0.0, 0.0));
    }
}
