//! Easing between two layouts, so that switching layout (or a layout settling) moves
//! stakeholders smoothly instead of jumping.

use super::Point;

/// Positions a fraction `t` (0 to 1) of the way from `from` to `to`, along an ease-in-out
/// cubic so that motion starts and stops gently.
///
/// The result has `to`'s length: nodes missing from `from` (new ones) sit at their
/// destination, and `t` is clamped (NaN counts as 0). Never returns a non-finite point:
/// where one end is not finite the other is used, and where neither is, the origin.
pub fn interpolate(from: &[Point], to: &[Point], t: f32) -> Vec<Point> {
    let eased = ease_in_out(t);
    to.iter()
        .enumerate()
        .map(|(i, &end)| {
            let start = from.get(i).copied().filter(|p| is_finite(*p));
            match (start, is_finite(end)) {
                (Some(a), true) => [
                    a[0] + (end[0] - a[0]) * eased,
                    a[1] + (end[1] - a[1]) * eased,
                ],
                (Some(a), false) => a,
                (None, true) => end,
                (None, false) => [0.0, 0.0],
            }
        })
        // Mixing two finite values can still overflow near f32::MAX.
        .map(|p| if is_finite(p) { p } else { [0.0, 0.0] })
        .collect()
}

/// Cubic ease-in-out on a clamped `t`: slope zero at both ends, 0.5 at the middle.
fn ease_in_out(t: f32) -> f32 {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (2.0 - 2.0 * t).powi(3) / 2.0
    }
}

fn is_finite(p: Point) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_exact_and_the_middle_is_halfway() {
        let from = [[0.0, 0.0], [10.0, -10.0]];
        let to = [[100.0, 50.0], [10.0, 10.0]];
        assert_eq!(interpolate(&from, &to, 0.0), from.to_vec());
        assert_eq!(interpolate(&from, &to, 1.0), to.to_vec());
        assert_eq!(
            interpolate(&from, &to, 0.5),
            vec![[50.0, 25.0], [10.0, 0.0]]
        );
        assert_eq!(interpolate(&from, &to, 7.0), to.to_vec());
    }

    #[test]
    fn easing_starts_slow_and_is_monotonic() {
        assert!(ease_in_out(0.1) < 0.1);
        assert!(ease_in_out(0.9) > 0.9);
        let mut last = 0.0;
        for i in 0..=100 {
            let v = ease_in_out(i as f32 / 100.0);
            assert!(v >= last);
            last = v;
        }
    }

    #[test]
    fn lengths_may_differ_and_bad_points_are_skipped() {
        let from = [[0.0, 0.0], [f32::NAN, 0.0], [5.0, 5.0]];
        let to = [[10.0, 0.0], [4.0, 4.0]];
        let mid = interpolate(&from, &to, 0.5);
        assert_eq!(mid, vec![[5.0, 0.0], [4.0, 4.0]]);
        let grown = interpolate(&to, &from, 0.5);
        assert_eq!(grown.len(), 3);
        assert_eq!(grown[1], [4.0, 4.0]);
        assert_eq!(grown[2], [5.0, 5.0]);
        assert!(interpolate(&[[f32::MAX, 0.0]], &[[-f32::MAX, 0.0]], 0.5)[0][0].is_finite());
        assert!(interpolate(&[], &[], 0.3).is_empty());
    }
}
