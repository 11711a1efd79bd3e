//! Plain screen geometry for the scene: points as `[x, y]` and axis-aligned boxes, in
//! screen points (y grows downwards). No egui: the exports use it too.

/// An axis-aligned box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: [f32; 2],
    /// Bottom-right corner.
    pub max: [f32; 2],
}

impl Rect {
    /// A box from its top-left corner and its size.
    pub fn from_min_size(min: [f32; 2], size: [f32; 2]) -> Self {
        Self {
            min,
            max: [min[0] + size[0], min[1] + size[1]],
        }
    }

    /// The box around a circle.
    pub fn around(centre: [f32; 2], radius: f32) -> Self {
        Self {
            min: [centre[0] - radius, centre[1] - radius],
            max: [centre[0] + radius, centre[1] + radius],
        }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    /// The middle.
    pub fn centre(&self) -> [f32; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    /// Whether the two boxes share any area (touching edges do not count).
    pub fn intersects(&self, other: &Self) -> bool {
        self.min[0] < other.max[0]
            && other.min[0] < self.max[0]
            && self.min[1] < other.max[1]
            && other.min[1] < self.max[1]
    }

    /// Whether `other` lies wholly inside this box.
    pub fn contains_rect(&self, other: &Self) -> bool {
        other.min[0] >= self.min[0]
            && other.min[1] >= self.min[1]
            && other.max[0] <= self.max[0]
            && other.max[1] <= self.max[1]
    }

    /// Whether a point lies inside.
    pub fn contains(&self, [x, y]: [f32; 2]) -> bool {
        x >= self.min[0] && x <= self.max[0] && y >= self.min[1] && y <= self.max[1]
    }

    /// Whether the box and a circle overlap.
    pub fn touches_circle(&self, [cx, cy]: [f32; 2], radius: f32) -> bool {
        let nx = cx.clamp(self.min[0], self.max[0]);
        let ny = cy.clamp(self.min[1], self.max[1]);
        let (dx, dy) = (cx - nx, cy - ny);
        dx * dx + dy * dy < radius * radius
    }

    /// The point of the box nearest to `p` (`p` itself when inside).
    pub fn nearest(&self, [x, y]: [f32; 2]) -> [f32; 2] {
        [
            x.clamp(self.min[0], self.max[0]),
            y.clamp(self.min[1], self.max[1]),
        ]
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang and Barsky's
    /// clipping, 1984).
    pub fn meets_segment(&self, a: [f32; 2], b: [f32; 2]) -> bool {
        let d = [b[0] - a[0], b[1] - a[1]];
        let (mut enter, mut leave) = (0.0_f32, 1.0_f32);
        for axis in 0..2 {
            for (p, q) in [
                (-d[axis], a[axis] - self.min[axis]),
                (d[axis], self.max[axis] - a[axis]),
            ] {
                if p == 0.0 {
                    if q < 0.0 {
                        return false;
                    }
                } else {
                    let t = q / p;
                    if p < 0.0 {
                        enter = enter.max(t);
                    } else {
                        leave = leave.min(t);
                    }
                }
            }
        }
        enter <= leave
    }

    /// The box grown by `by` on every side.
    pub fn expand(&self, by: f32) -> Self {
        Self {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Self) -> Self {
        Self {
            min: [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])],
            max: [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])],
        }
    }

    /// The box moved (not resized) to lie inside `outer` as far as it fits.
    pub fn clamped_into(&self, outer: Self) -> Self {
        let dx = if self.min[0] < outer.min[0] {
            outer.min[0] - self.min[0]
        } else if self.max[0] > outer.max[0] {
            outer.max[0] - self.max[0]
        } else {
            0.0
        };
        let dy = if self.min[1] < outer.min[1] {
            outer.min[1] - self.min[1]
        } else if self.max[1] > outer.max[1] {
            outer.max[1] - self.max[1]
        } else {
            0.0
        };
        Self {
            min: [self.min[0] + dx, self.min[1] + dy],
            max: [self.max[0] + dx, self.max[1] + dy],
        }
    }
}

/// The distance from `p` to the segment from `a` to `b`.
pub fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let length2 = d[0] * d[0] + d[1] * d[1];
    let t = if length2 > 0.0 {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p[0] - a[0] - t * d[0]).hypot(p[1] - a[1] - t * d[1])
}

/// Whether the segments `a`-`b` and `c`-`d` cross (touching ends count).
pub fn segments_cross(a: [f32; 2], b: [f32; 2], c: [f32; 2], d: [f32; 2]) -> bool {
    let side = |p: [f32; 2], q: [f32; 2], r: [f32; 2]| {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    if d1 == 0.0 && d2 == 0.0 {
        // On one line: they cross where their spans meet.
        let meet = |axis: usize| {
            a[axis].min(b[axis]) <= c[axis].max(d[axis])
                && c[axis].min(d[axis]) <= a[axis].max(b[axis])
        };
        return meet(0) && meet(1);
    }
    d1 * d2 <= 0.0 && d3 * d4 <= 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_boxes_and_each_other_where_they_do() {
        let r = Rect::from_min_size([0.0, 0.0], [10.0, 10.0]);
        assert!(r.meets_segment([-5.0, 5.0], [15.0, 5.0]), "through");
        assert!(r.meets_segment([5.0, 5.0], [50.0, 50.0]), "from inside");
        assert!(!r.meets_segment([-5.0, -5.0], [-5.0, 20.0]), "beside");
        assert!(
            !r.meets_segment([11.0, -1.0], [20.0, 5.0]),
            "past the corner"
        );
        assert!(segments_cross(
            [0.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [10.0, 0.0]
        ));
        assert!(!segments_cross(
            [0.0, 0.0],
            [10.0, 0.0],
            [0.0, 1.0],
            [10.0, 1.0]
        ));
        assert!(!segments_cross(
            [0.0, 0.0],
            [1.0, 0.0],
            [2.0, 0.0],
            [3.0, 0.0]
        ));
        assert!(segments_cross(
            [0.0, 0.0],
            [2.0, 0.0],
            [1.0, 0.0],
            [3.0, 0.0]
        ));
        assert!((distance_to_segment([5.0, 3.0], [0.0, 0.0], [10.0, 0.0]) - 3.0).abs() < 1e-6);
        assert!((distance_to_segment([13.0, 4.0], [0.0, 0.0], [10.0, 0.0]) - 5.0).abs() < 1e-6);
        assert_eq!(r.nearest([20.0, 5.0]), [10.0, 5.0]);
    }
}
