//! The circular layout: stakeholders on one circle, each group (a category or a detected
//! community) in one contiguous arc, with a gap between groups.

use std::f32::consts::TAU;

use super::Point;

/// Neighbouring places on the circle are at least this far apart (canvas units): the
/// largest symbol (influence 5, 56 across) beside another, and a little air.
pub const MIN_SPACING: f32 = 64.0;

/// Positions on a circle around the origin, node `i` in the arc of group `groups[i]`.
///
/// Groups go round in ascending id from the top, clockwise on screen; within a group nodes
/// keep their index order. One empty place separates groups. The radius is `radius_hint`,
/// or larger when needed to keep places [`MIN_SPACING`] apart. A single node sits at the
/// origin.
pub fn circular_grouped(groups: &[u32], radius_hint: f32) -> Vec<Point> {
    let n = groups.len();
    if n <= 1 {
        return vec![[0.0, 0.0]; n];
    }
    let mut order: Vec<usize> = (0..n).collect();
    // Stable: index order within a group.
    order.sort_by_key(|&i| groups[i]);
    let group_count = 1 + order
        .windows(2)
        .filter(|w| groups[w[0]] != groups[w[1]])
        .count();
    let gaps = if group_count > 1 { group_count } else { 0 };
    let places = n + gaps;
    let hint = if radius_hint.is_finite() {
        radius_hint.max(0.0)
    } else {
        0.0
    };
    // Chord between neighbours is 2 r sin(pi / places); keep it at least MIN_SPACING.
    let needed = MIN_SPACING / (2.0 * (std::f32::consts::PI / places as f32).sin());
    let radius = hint.max(needed);

    let mut positions = vec![[0.0, 0.0]; n];
    let mut place = 0usize;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && groups[order[k - 1]] != groups[i] {
            place += 1;
        }
        // Start at the top (negative y on screen) and go clockwise.
        let angle = TAU * place as f32 / places as f32 - TAU / 4.0;
        positions[i] = [radius * angle.cos(), radius * angle.sin()];
        place += 1;
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn angle(p: Point) -> f32 {
        // Clockwise from the top, in 0..TAU.
        (p[1].atan2(p[0]) + TAU / 4.0).rem_euclid(TAU)
    }

    #[test]
    fn groups_are_contiguous_arcs_in_id_order() {
        let groups = [2, 0, 1, 0, 2, 1, 0, 2, 2, 1];
        let positions = circular_grouped(&groups, 100.0);
        let mut by_angle: Vec<usize> = (0..groups.len()).collect();
        by_angle.sort_by(|&a, &b| angle(positions[a]).total_cmp(&angle(positions[b])));
        let sequence: Vec<u32> = by_angle.iter().map(|&i| groups[i]).collect();
        assert_eq!(sequence, vec![0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
        // Within a group, index order.
        assert_eq!(&by_angle[..3], &[1, 3, 6]);
    }

    #[test]
    fn gaps_separate_groups() {
        let positions = circular_grouped(&[0, 0, 0, 1, 1, 1], 100.0);
        let step = |a: usize, b: usize| angle(positions[b]) - angle(positions[a]);
        assert!(step(2, 3) > 1.5 * step(0, 1));
    }

    #[test]
    fn radius_grows_so_nodes_do_not_overlap() {
        let groups = vec![0u32; 500];
        let positions = circular_grouped(&groups, 10.0);
        let r = positions[0][0].hypot(positions[0][1]);
        assert!(r > 10.0);
        let gap = (positions[0][0] - positions[1][0]).hypot(positions[0][1] - positions[1][1]);
        assert!(gap >= MIN_SPACING * 0.999, "gap {gap}");
        assert!(
            positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
        let small = circular_grouped(&[0, 1], 200.0);
        assert!((small[0][0].hypot(small[0][1]) - 200.0).abs() < 1e-3);
        assert_eq!(circular_grouped(&[4], f32::NAN), vec![[0.0, 0.0]]);
        assert!(circular_grouped(&[], 1.0).is_empty());
    }
}
