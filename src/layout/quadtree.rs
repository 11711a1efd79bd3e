//! The Barnes-Hut quadtree behind the force layout's repulsion: rebuilt every step over
//! the current positions, it lets far-away groups of nodes push as one mass.
//!
//! Nodes live in a flat arena and the build uses an explicit work list, so no input (not
//! even thousands of nodes on one point) can recurse deeply or overflow the stack.

use super::Point;

/// Leaves hold up to this many points; smaller leaves mean more nodes to visit, larger
/// ones more exact pair sums. 8 measured fastest at 5,000 to 20,000 nodes.
const LEAF_SIZE: usize = 16;
/// Deeper than this, points are so close that splitting again gains nothing: the rest
/// stay together in one leaf (this is what stops coincident points from splitting forever).
const MAX_DEPTH: u32 = 24;

/// One square of the tree.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cell {
    /// Centre of mass of the points inside.
    pub(crate) centre: Point,
    /// How many points are inside (every node weighs one).
    pub(crate) mass: f32,
    /// Side length squared, for the opening test `size^2 < theta^2 * dist^2`.
    pub(crate) size_sq: f32,
    /// For a leaf, how far its furthest point is from its centre of mass; 0 otherwise.
    pub(crate) reach: f32,
    /// The points inside are `order[start..end]` (and `sorted[start..end]`).
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Children are `cells[first_child..first_child + child_count]`; none for a leaf.
    pub(crate) first_child: u32,
    pub(crate) child_count: u32,
}

/// A square to split, waiting in the build's work list.
#[derive(Debug)]
struct Pending {
    cell: u32,
    centre: Point,
    half: f32,
    depth: u32,
}

/// The tree: cells plus the point order that makes each cell a contiguous range.
#[derive(Debug, Default)]
pub(crate) struct QuadTree {
    pub(crate) cells: Vec<Cell>,
    /// Point indices in tree order.
    pub(crate) order: Vec<u32>,
    /// Positions in tree order, so that leaf sums read memory in sequence.
    pub(crate) sorted: Vec<Point>,
    /// The leaf cells, in tree order: their ranges partition `order`.
    pub(crate) leaves: Vec<u32>,
    work: Vec<Pending>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions`, reusing the allocations of the last build.
    /// Positions must be finite (the force layout guarantees that).
    pub(crate) fn rebuild(&mut self, positions: &[Point]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..positions.len() as u32);
        self.sorted.clear();
        self.leaves.clear();
        if positions.is_empty() {
            return;
        }
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in positions {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let centre = [0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1])];
        // A little slack so that points on the far edge fall strictly inside.
        let half = (0.5 * (hi[0] - lo[0]).max(hi[1] - lo[1])).max(f32::MIN_POSITIVE) * 1.0001;
        self.cells
            .push(empty_cell(0, positions.len() as u32, 2.0 * half));
        self.work.clear();
        self.work.push(Pending {
            cell: 0,
            centre,
            half,
            depth: 0,
        });

        while let Some(Pending {
            cell,
            centre,
            half,
            depth,
        }) = self.work.pop()
        {
            let Cell { start, end, .. } = self.cells[cell as usize];
            let count = (end - start) as usize;
            if count <= LEAF_SIZE || depth >= MAX_DEPTH || half <= f32::MIN_POSITIVE {
                continue;
            }
            // Split the range in place into four quadrants: first by y, then each half by x.
            let range = &mut self.order[start as usize..end as usize];
            let below_y = partition(range, |i| positions[i as usize][1] < centre[1]);
            let (top, bottom) = range.split_at_mut(below_y);
            let top_left = partition(top, |i| positions[i as usize][0] < centre[0]);
            let bottom_left = partition(bottom, |i| positions[i as usize][0] < centre[0]);
            let bounds = [0, top_left, below_y, below_y + bottom_left, count];
            let quarter = 0.5 * half;
            let offsets = [
                [-quarter, -quarter],
                [quarter, -quarter],
                [-quarter, quarter],
                [quarter, quarter],
            ];
            let first_child = self.cells.len() as u32;
            let mut child_count = 0;
            for q in 0..4 {
                if bounds[q] == bounds[q + 1] {
                    continue;
                }
                let child = self.cells.len() as u32;
                self.cells.push(empty_cell(
                    start + bounds[q] as u32,
                    start + bounds[q + 1] as u32,
                    half,
                ));
                child_count += 1;
                self.work.push(Pending {
                    cell: child,
                    centre: [centre[0] + offsets[q][0], centre[1] + offsets[q][1]],
                    half: quarter,
                    depth: depth + 1,
                });
            }
            let parent = &mut self.cells[cell as usize];
            parent.first_child = first_child;
            parent.child_count = child_count;
        }

        self.sorted
            .extend(self.order.iter().map(|&i| positions[i as usize]));
        // Children always come after their parent, so a backwards sweep sees every child
        // before the parent that sums it.
        for c in (0..self.cells.len()).rev() {
            let cell = self.cells[c];
            let (mut sx, mut sy, mut mass) = (0.0f32, 0.0f32, 0.0f32);
            if cell.child_count == 0 {
                for p in &self.sorted[cell.start as usize..cell.end as usize] {
                    sx += p[0];
                    sy += p[1];
                }
                mass = (cell.end - cell.start) as f32;
            } else {
                let first = cell.first_child as usize;
                for child in &self.cells[first..first + cell.child_count as usize] {
                    sx += child.centre[0] * child.mass;
                    sy += child.centre[1] * child.mass;
                    mass += child.mass;
                }
            }
            let centre = [sx / mass, sy / mass];
            let mut reach_sq = 0.0f32;
            if cell.child_count == 0 {
                for p in &self.sorted[cell.start as usize..cell.end as usize] {
                    let (dx, dy) = (p[0] - centre[0], p[1] - centre[1]);
                    reach_sq = reach_sq.max(dx * dx + dy * dy);
                }
                self.leaves.push(c as u32);
            }
            let target = &mut self.cells[c];
            target.mass = mass;
            target.centre = centre;
            target.reach = reach_sq.sqrt();
        }
        let cells = &self.cells;
        self.leaves
            .sort_unstable_by_key(|&c| cells[c as usize].start);
    }
}

fn empty_cell(start: u32, end: u32, size: f32) -> Cell {
    Cell {
        centre: [0.0, 0.0],
        mass: 0.0,
        size_sq: size * size,
        reach: 0.0,
        start,
        end,
        first_child: 0,
        child_count: 0,
    }
}

/// Moves the items for which `keep_left` holds to the front; returns how many there are.
fn partition(items: &mut [u32], keep_left: impl Fn(u32) -> bool) -> usize {
    let mut left = 0;
    for i in 0..items.len() {
        if keep_left(items[i]) {
            items.swap(left, i);
            left += 1;
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_in_exactly_one_leaf_and_masses_add_up() {
        let positions: Vec<Point> = (0..1000)
            .map(|i| {
                let t = i as f32 * 0.37;
                [t.cos() * t, t.sin() * t * 0.5]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.rebuild(&positions);
        assert!((tree.cells[0].mass - 1000.0).abs() < 1e-3);
        let mut seen = vec![0u32; positions.len()];
        for cell in tree.cells.iter().filter(|c| c.child_count == 0) {
            for &i in &tree.order[cell.start as usize..cell.end as usize] {
                seen[i as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&s| s == 1));
        let mut next = 0;
        for &leaf in &tree.leaves {
            assert_eq!(tree.cells[leaf as usize].start, next);
            next = tree.cells[leaf as usize].end;
        }
        assert_eq!(next, 1000);
    }

    #[test]
    fn coincident_points_end_in_one_bounded_leaf() {
        let positions = vec![[5.0, -3.0]; 50_000];
        let mut tree = QuadTree::default();
        tree.rebuild(&positions);
        assert!(tree.cells.len() < 200, "{} cells", tree.cells.len());
        assert!(
            tree.cells
                .iter()
                .all(|c| c.centre[0].is_finite() && c.mass > 0.0)
        );
    }
}
