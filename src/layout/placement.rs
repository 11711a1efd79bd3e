//! Where new things land: a new stakeholder where the person points, or the nearest free
//! spot to it; pasted and duplicated groups moved on until none of them covers a
//! stakeholder already on the map. Nothing new is ever hidden under something else.

use crate::model::Position;

/// Clear space kept between two stakeholders' outlines, in canvas units.
pub const GAP: f32 = 12.0;

/// How far out the search for a free spot goes, in rings, before it gives up and returns
/// the spot asked for.
const MAX_RINGS: usize = 64;

/// Whether a circle of `radius` at `p` keeps [`GAP`] clear of every occupied circle.
fn is_free(occupied: &[(Position, f32)], p: Position, radius: f32) -> bool {
    occupied.iter().all(|&(q, r)| {
        let (dx, dy) = (p.0 - q.0, p.1 - q.1);
        let clear = r + radius + GAP;
        dx * dx + dy * dy >= clear * clear
    })
}

/// The spot nearest `want` where a stakeholder of `radius` covers none of `occupied`
/// (centres and radii, canvas units): `want` itself when it is free, else the first free
/// point on rings of growing size around it (12 points a ring, each ring one diameter
/// further out).
pub fn free_spot(occupied: &[(Position, f32)], want: Position, radius: f32) -> Position {
    if !want.is_finite() || is_free(occupied, want, radius) {
        return want;
    }
    let step = 2.0 * radius + GAP;
    for ring in 1..=MAX_RINGS {
        let distance = step * ring as f32;
        let points = 12 * ring;
        for i in 0..points {
            let angle = std::f32::consts::TAU * i as f32 / points as f32;
            let p = Position(
                want.0 + distance * angle.cos(),
                want.1 + distance * angle.sin(),
            );
            if is_free(occupied, p, radius) {
                return p;
            }
        }
    }
    want
}

/// The smallest shift that leaves every circle of `group` (centres and radii, canvas
/// units) clear of every circle of `occupied`: `(0, 0)` when the group fits where it is,
/// else the first fitting point on rings of growing size. The group keeps its shape.
pub fn free_shift(occupied: &[(Position, f32)], group: &[(Position, f32)]) -> (f32, f32) {
    let fits = |dx: f32, dy: f32| {
        group
            .iter()
            .all(|&(p, r)| is_free(occupied, Position(p.0 + dx, p.1 + dy), r))
    };
    if group.is_empty() || fits(0.0, 0.0) {
        return (0.0, 0.0);
    }
    let largest = group.iter().map(|&(_, r)| r).fold(0.0, f32::max);
    let step = 2.0 * largest + GAP;
    for ring in 1..=MAX_RINGS {
        let distance = step * ring as f32;
        let points = 12 * ring;
        for i in 0..points {
            let angle = std::f32::consts::TAU * i as f32 / points as f32;
            let (dx, dy) = (distance * angle.cos(), distance * angle.sin());
            if fits(dx, dy) {
                return (dx, dy);
            }
        }
    }
    (0.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_spot_is_kept_and_a_taken_one_is_left() {
        let occupied = [(Position(0.0, 0.0), 20.0)];
        let far = Position(200.0, 0.0);
        assert_eq!(free_spot(&occupied, far, 20.0), far);
        let spot = free_spot(&occupied, Position(0.0, 0.0), 20.0);
        let distance = (spot.0 * spot.0 + spot.1 * spot.1).sqrt();
        assert!(
            distance >= 40.0 + GAP - 0.01,
            "clear of the other: {distance}"
        );
        assert!(
            distance <= 2.0 * (40.0 + GAP),
            "and near where asked: {distance}"
        );
    }

    #[test]
    fn a_group_is_shifted_clear_of_what_is_there() {
        let occupied = [(Position(0.0, 0.0), 20.0)];
        let group = [(Position(0.0, 0.0), 20.0), (Position(50.0, 0.0), 20.0)];
        let (dx, dy) = free_shift(&occupied, &group);
        for &(p, r) in &group {
            assert!(is_free(&occupied, Position(p.0 + dx, p.1 + dy), r));
        }
        assert_eq!(
            free_shift(&occupied, &[(Position(300.0, 0.0), 20.0)]),
            (0.0, 0.0)
        );
    }
}
