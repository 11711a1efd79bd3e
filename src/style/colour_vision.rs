//! How colours look to people with a colour-vision deficiency, and how far apart two
//! colours are, to check that the palette keeps its meaning for everyone.
//!
//! Simulation: Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for
//! Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0 matrices, applied
//! to linear sRGB. Distance: CIEDE2000 (Sharma, Wu and Dalal 2005) in CIELAB under D65.

use super::Rgba;

/// A colour-vision deficiency (full dichromacy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    /// No red cones (about 1% of men).
    Protanopia,
    /// No green cones (the most common, about 1% of men; 5% more are deuteranomalous).
    Deuteranopia,
    /// No blue cones (rare).
    Tritanopia,
}

impl Deficiency {
    /// Every deficiency simulated.
    pub const ALL: [Self; 3] = [Self::Protanopia, Self::Deuteranopia, Self::Tritanopia];

    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Self::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Self::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Self::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_rgb(colour: Rgba) -> [f64; 3] {
    let [r, g, b, _] = colour.0;
    [to_linear(r), to_linear(g), to_linear(b)]
}

/// A colour as a person with `deficiency` sees it, as linear sRGB (0-1).
pub fn simulate(colour: Rgba, deficiency: Deficiency) -> [f64; 3] {
    let rgb = linear_rgb(colour);
    let m = deficiency.matrix();
    let row = |r: [f64; 3]| (r[0] * rgb[0] + r[1] * rgb[1] + r[2] * rgb[2]).clamp(0.0, 1.0);
    [row(m[0]), row(m[1]), row(m[2])]
}

/// CIELAB (D65) of a linear sRGB colour.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb;
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference of two colours; about 2 is just noticeable, 10 or more
/// reads as clearly different.
pub fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    delta_e_lab(lab(a), lab(b))
}

/// CIEDE2000 of two CIELAB colours.
pub fn delta_e_lab([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let c_bar = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh_angle = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * (dh_angle.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (h_bar - 30.0).to_radians().cos()
        + 0.24 * (2.0 * h_bar).to_radians().cos()
        + 0.32 * (3.0 * h_bar + 6.0).to_radians().cos()
        - 0.20 * (4.0 * h_bar - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (c_bar_p.powi(7) / (c_bar_p.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * c_bar_p;
    let sh = 1.0 + 0.015 * c_bar_p * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dh / sh).powi(2) + rt * (dc / sc) * (dh / sh)).sqrt()
}

/// The smallest difference between two of `colours` as a person with each deficiency
/// (and with typical vision) sees them.
pub fn smallest_difference(colours: &[Rgba]) -> f64 {
    let mut smallest = f64::INFINITY;
    for (i, &a) in colours.iter().enumerate() {
        for &b in &colours[i + 1..] {
            smallest = smallest.min(delta_e(linear_rgb(a), linear_rgb(b)));
            for deficiency in Deficiency::ALL {
                smallest = smallest.min(delta_e(simulate(a, deficiency), simulate(b, deficiency)));
            }
        }
    }
    smallest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Change;
    use crate::model::Tone;

    #[test]
    fn delta_e_matches_the_published_test_pairs() {
        // Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 17 and 25.
        for (a, b, expected) in [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ] {
            let got = delta_e_lab(a, b);
            assert!(
                (got - expected).abs() < 1e-3,
                "{a:?} {b:?}: {got} not {expected}"
            );
        }
        let white = linear_rgb(Rgba::hex(0xFFFFFF));
        let black = linear_rgb(Rgba::hex(0x000000));
        assert!(delta_e(white, white).abs() < 1e-9);
        assert!((delta_e(white, black) - 100.0).abs() < 0.5);
    }

    #[test]
    fn the_old_green_and_red_collapse_under_deuteranopia() {
        let green = Rgba::hex(0x2E7D32);
        let red = Rgba::hex(0xC62828);
        let seen = |d| delta_e(simulate(green, d), simulate(red, d));
        assert!(
            seen(Deficiency::Deuteranopia) < 20.0,
            "the fault the palette fixes"
        );
    }

    #[test]
    fn tones_stay_apart_for_every_common_deficiency() {
        let tones: Vec<Rgba> = Tone::ALL
            .iter()
            .map(|&t| super::super::edge_colour(t))
            .collect();
        let smallest = smallest_difference(&tones);
        assert!(smallest >= 20.0, "tones differ by only {smallest:.1}");
    }

    #[test]
    fn changes_stay_apart_for_every_common_deficiency() {
        let mut colours: Vec<Rgba> = Change::ALL
            .iter()
            .map(|&c| super::super::change_colour(c))
            .collect();
        colours.push(super::super::UNCHANGED_COLOUR);
        // The unchanged grey is also fainter; the changes each carry a mark besides.
        let smallest = smallest_difference(&colours[..4]);
        assert!(smallest >= 18.0, "changes differ by only {smallest:.1}");
    }
}
