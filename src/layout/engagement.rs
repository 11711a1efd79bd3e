//! The engagement layout: a column per current engagement level (Unaware to Leading),
//! stakeholders stacked in their column, so the gap to where they should be stands out.

use super::Point;

/// Highest engagement level: 0 Unaware, 1 Resistant, 2 Neutral, 3 Supportive, 4 Leading.
pub const MAX_LEVEL: u8 = 4;
/// Column gap used when the one given is not a positive finite number.
const DEFAULT_COLUMN_GAP: f32 = 200.0;
/// Vertical spacing of stacked stakeholders, as a fraction of the column gap.
const ROW_FRACTION: f32 = 0.3;
/// The unknown column sits this many column gaps left of level 0: a gap wider than the
/// others, so it does not read as a level.
const UNKNOWN_OFFSET: f32 = 1.5;

/// Positions by engagement: `levels[i]` is `(current, desired)`, each 0 to 4 (higher is
/// clamped) or unknown.
///
/// Level `l` is the column at `x = l * column_gap`; stakeholders whose current level is
/// unknown get a column of their own further left. Within a column they stack downwards
/// from `y = 0`, ordered by desired level, highest first (unknown last), then by index.
pub fn engagement(levels: &[(Option<u8>, Option<u8>)], column_gap: f32) -> Vec<Point> {
    let gap = if column_gap.is_finite() && column_gap > 0.0 {
        column_gap
    } else {
        DEFAULT_COLUMN_GAP
    };
    let column_x = |current: Option<u8>| match current {
        Some(level) => f32::from(level.min(MAX_LEVEL)) * gap,
        None => -UNKNOWN_OFFSET * gap,
    };
    let mut order: Vec<usize> = (0..levels.len()).collect();
    // Columns first (unknown before level 0), then highest desired level, then index.
    order.sort_by_key(|&i| {
        let (current, desired) = levels[i];
        (
            current.map(|c| c.min(MAX_LEVEL)),
            std::cmp::Reverse(desired.map(|d| d.min(MAX_LEVEL))),
            i,
        )
    });
    let mut positions = vec![[0.0, 0.0]; levels.len()];
    let mut row = 0usize;
    let mut previous_column = None;
    for &i in &order {
        let column = levels[i].0.map(|c| c.min(MAX_LEVEL));
        if previous_column != Some(column) {
            row = 0;
            previous_column = Some(column);
        }
        positions[i] = [column_x(column), row as f32 * ROW_FRACTION * gap];
        row += 1;
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_current_level_and_unknown_is_left() {
        let levels = [
            (Some(3), Some(4)),
            (None, Some(2)),
            (Some(0), None),
            (Some(4), Some(4)),
            (Some(9), None),
            (Some(1), Some(3)),
        ];
        let p = engagement(&levels, 100.0);
        assert_eq!(p[2][0], 0.0);
        assert_eq!(p[5][0], 100.0);
        assert_eq!(p[0][0], 300.0);
        assert_eq!(p[3][0], 400.0);
        assert_eq!(p[4][0], 400.0, "levels above 4 are clamped");
        assert!(
            p.iter()
                .enumerate()
                .all(|(i, q)| i == 1 || q[0] > p[1][0] + 100.0)
        );
    }

    #[test]
    fn a_column_stacks_without_overlap_by_desired_level() {
        let levels = [
            (Some(2), Some(2)),
            (Some(2), None),
            (Some(2), Some(4)),
            (Some(2), Some(3)),
        ];
        let p = engagement(&levels, 100.0);
        assert!(p.iter().all(|q| q[0] == 200.0));
        let mut ys: Vec<f32> = p.iter().map(|q| q[1]).collect();
        assert!(p[2][1] < p[3][1] && p[3][1] < p[0][1] && p[0][1] < p[1][1]);
        ys.sort_by(f32::total_cmp);
        ys.dedup();
        assert_eq!(ys.len(), 4);
        assert!(engagement(&[], f32::NAN).is_empty());
    }
}
