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
