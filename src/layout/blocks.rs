//! Names in blocks: the list-like views (the power/interest grid's quadrants, the engagement
//! columns) set each group of stakeholders out as a block of rows and sub-columns, each
//! stakeholder with its name beside it, sized from the names, so a crowded quadrant or
//! column spreads into more sub-columns instead of stacking symbols on each other. The
//! number of rows is chosen so the whole view has the shape of the window's canvas, which
//! is what lets the most names be read when it is fitted.

use super::Point;

/// Room a stakeholder takes in a block, canvas units: its symbol's radius and its name's
/// width (drawn beside the symbol, at the label size of zoom 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// The symbol's radius.
    pub radius: f32,
    /// The name's width.
    pub name: f32,
    /// The name's height.
    pub height: f32,
}

/// Gap between a symbol and its name, and after the name before the next sub-column.
const NAME_GAP: f32 = 6.0;
const COLUMN_GAP: f32 = 24.0;
/// Gap between rows.
const ROW_GAP: f32 = 10.0;

/// A group set out: its size and where each member goes, from the block's top-left.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Width, canvas units.
    pub width: f32,
    /// Height, canvas units.
    pub height: f32,
    /// Each member's centre, in the group's order.
    pub positions: Vec<Point>,
}

/// The height of a row: the largest symbol or name of all `groups`, and a gap.
pub fn row_height(groups: &[Vec<Cell>]) -> f32 {
    let largest = groups
        .iter()
        .flatten()
        .map(|c| (2.0 * c.radius).max(c.height))
        .fold(18.0, f32::max);
    largest + ROW_GAP
}

/// Sets a group out in `rows` rows, filling each sub-column top to bottom before the next;
/// each sub-column is as wide as its widest member's symbol and name.
pub fn block(cells: &[Cell], rows: usize, row: f32) -> Block {
    let rows = rows.max(1);
    let mut positions = Vec::with_capacity(cells.len());
    let mut x = 0.0;
    let mut height: f32 = 0.0;
    for column in cells.chunks(rows) {
        let radius = column.iter().map(|c| c.radius).fold(0.0, f32::max);
        let width = column
            .iter()
            .map(|c| 2.0 * radius + NAME_GAP + c.name)
            .fold(0.0, f32::max);
        for (r, _) in column.iter().enumerate() {
            positions.push([x + radius, r as f32 * row + row / 2.0]);
        }
        height = height.max(column.len() as f32 * row);
        x += width + COLUMN_GAP;
    }
    Block {
        width: (x - COLUMN_GAP).max(0.0),
        height,
        positions,
    }
}

/// The number of rows that gives blocks of `groups` side by side (with `gap` between them)
/// the shape nearest `aspect` (width over height) with `extra` height added.
pub fn rows_for(groups: &[Vec<Cell>], gap: f32, extra: f32, aspect: f32) -> usize {
    let row = row_height(groups);
    let most = groups.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (1..=most)
        .min_by(|&a, &b| {
            let miss = |rows: usize| {
                let width: f32 = groups
                    .iter()
                    .map(|g| block(g, rows, row).width)
                    .sum::<f32>()
                    + gap * groups.len().saturating_sub(1) as f32;
                let height = rows as f32 * row + extra;
                ((width.max(1.0) / height.max(1.0)) / aspect).ln().abs()
            };
            miss(a).total_cmp(&miss(b))
        })
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(n: usize, name: f32) -> Vec<Cell> {
        vec![
            Cell {
                radius: 12.0,
                name,
                height: 16.0
            };
            n
        ]
    }

    #[test]
    fn a_crowded_group_spreads_into_sub_columns_without_overlap() {
        let group = cells(10, 150.0);
        let row = row_height(std::slice::from_ref(&group));
        let b = block(&group, 4, row);
        assert_eq!(b.positions.len(), 10);
        // Three sub-columns of 4, 4 and 2.
        let xs: std::collections::BTreeSet<i32> = b.positions.iter().map(|p| p[0] as i32).collect();
        assert_eq!(xs.len(), 3);
        // No two members' symbol-and-name boxes meet.
        for (i, a) in b.positions.iter().enumerate() {
            for q in &b.positions[i + 1..] {
                let apart_x = (a[0] - q[0]).abs() >= 2.0 * 12.0 + 150.0;
                let apart_y = (a[1] - q[1]).abs() >= row - 0.01;
                assert!(apart_x || apart_y, "{a:?} {q:?}");
            }
        }
    }

    #[test]
    fn rows_are_chosen_for_the_view_shape() {
        let groups = vec![cells(30, 150.0), cells(10, 150.0)];
        let wide = rows_for(&groups, 40.0, 0.0, 4.0);
        let tall = rows_for(&groups, 40.0, 0.0, 0.25);
        assert!(wide < tall, "{wide} {tall}");
    }
}
