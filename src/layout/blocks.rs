//! Names in blocks: the list-like views (the power/interest grid's quadrants, the engagement
//! bands) set each group of stakeholders out as a block that flows like text, each
//! stakeholder with its name beside it, sized from the names, so a crowded quadrant or band
//! spreads into more rows instead of stacking symbols on each other. The views choose the
//! width of their blocks so the whole view has the shape of the window's canvas, which is
//! what lets the most names be read when it is fitted.

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
const COLUMN_GAP: f32 = 30.0;
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

/// The width a cell takes in a row: its symbol, its name, and the gap before the next.
pub fn cell_width(cell: &Cell) -> f32 {
    2.0 * cell.radius + NAME_GAP + cell.name + COLUMN_GAP
}

/// Sets a group out in rows at most `width` wide: each member, in order, goes into the
/// first row with room for its symbol and name (first-fit, as a bin packing; Johnson 1974),
/// a new row below when none has (a member wider than the row has one to itself). Members
/// earlier in the order sit in earlier rows, and short names fill the ends of rows that
/// long ones left. `first` is room kept at the start of the first row (for the group's
/// heading).
pub fn flow(cells: &[Cell], width: f32, row: f32, first: f32) -> Block {
    let mut positions = Vec::with_capacity(cells.len());
    // How far each row is filled.
    let mut rows: Vec<f32> = Vec::new();
    for cell in cells {
        let w = cell_width(cell);
        let fits = |used: f32| used == 0.0 || used + w - COLUMN_GAP <= width;
        let r = match rows.iter().position(|&used| fits(used)) {
            Some(r) => r,
            None => {
                rows.push(if rows.is_empty() { first } else { 0.0 });
                if fits(rows[rows.len() - 1]) {
                    rows.len() - 1
                } else {
                    rows.push(0.0);
                    rows.len() - 1
                }
            }
        };
        positions.push([rows[r] + cell.radius, r as f32 * row + row / 2.0]);
        rows[r] += w;
    }
    Block {
        width: rows
            .iter()
            .map(|&used| (used - COLUMN_GAP).max(0.0))
            .fold(first, f32::max),
        height: rows.len() as f32 * row,
        positions,
    }
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
    fn a_flow_wraps_at_its_width_and_keeps_the_order() {
        let group = cells(7, 150.0);
        let row = row_height(std::slice::from_ref(&group));
        let one = cell_width(&group[0]);
        // Room for two and a half: two a row, four rows, the first after a heading.
        let b = flow(&group, 2.5 * one, row, 0.0);
        assert_eq!(b.height, 4.0 * row);
        assert!(b.width <= 2.5 * one);
        for pair in b.positions.windows(2) {
            let (a, q) = (pair[0], pair[1]);
            assert!(
                q[1] > a[1] || (q[1] == a[1] && q[0] > a[0]),
                "in reading order"
            );
        }
        // A short name fills the end of a row a long one left.
        let mixed = [cells(1, 300.0), cells(1, 300.0), cells(1, 40.0)].concat();
        let one_long = cell_width(&mixed[0]);
        let b = flow(&mixed, one_long + cell_width(&mixed[2]), row, 0.0);
        assert_eq!(b.height, 2.0 * row, "the short one joins the first row");
        assert_eq!(b.positions[2][1], row / 2.0);
        let with_heading = flow(&group, 2.5 * one, row, one);
        assert_eq!(with_heading.positions[0][1], row / 2.0);
        assert!(with_heading.positions[0][0] >= one, "after the heading");
        assert_eq!(flow(&[], 100.0, row, 0.0).height, 0.0);
    }
}
