//! The two bounded levels of the map: a relationship's [`Strength`] on the continuum of
//! collaboration (0-5), and a stakeholder's [`Score`] on the power/interest grid (1-5).
//! A value out of range cannot be made, so nothing past the edges (files, imports, the
//! window) checks it again.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A number outside the range of a [`Strength`] or a [`Score`].
///
/// Its message names what the number was meant to be and the range, "strength 6 is out of
/// range (0 to 5)", "score 9 is out of range (1 to 5)"; where the field is known,
/// [`OutOfRange::naming`] puts its name in ("influence 9 is out of range (1 to 5)").
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} {value} is out of range ({min} to {max})")]
pub struct OutOfRange {
    what: &'static str,
    value: i64,
    min: u8,
    max: u8,
}

impl OutOfRange {
    /// The number that was refused.
    pub fn value(self) -> i64 {
        self.value
    }

    /// The same error naming the field it was meant for: `naming("influence")` says
    /// "influence 9 is out of range (1 to 5)".
    #[must_use]
    pub fn naming(self, field: &'static str) -> Self {
        Self {
            what: field,
            ..self
        }
    }
}

/// The parts [`Strength`] and [`Score`] share: a `u8` kept within `MIN..=MAX`, made with
/// `new` (checked) or `clamped`, read with `get`, written as its number (Display, serde),
/// read back through `TryFrom<u8>` so that a file holding a number out of range is refused.
/// `TryFrom<i64>` takes any whole number a reader found, and names it when it refuses it
/// ("strength 300 is out of range", not "integer out of bounds").
macro_rules! bounded {
    ($name:ident, $what:literal) => {
        impl $name {
            #[doc = concat!("The ", $what, " `value`, or [`OutOfRange`] when it is not in `MIN..=MAX`.")]
            pub const fn new(value: u8) -> Result<Self, OutOfRange> {
                if value >= Self::MIN.0 && value <= Self::MAX.0 {
                    Ok(Self(value))
                } else {
                    Err(Self::out_of_range(value as i64))
                }
            }

            const fn out_of_range(value: i64) -> OutOfRange {
                OutOfRange {
                    what: $what,
                    value,
                    min: Self::MIN.0,
                    max: Self::MAX.0,
                }
            }

            #[doc = concat!("The ", $what, " nearest to `value`: [`Self::MIN`] below the range, [`Self::MAX`] above it. For steppers that go one past an end, and importers that round.")]
            pub fn clamped(value: i64) -> Self {
                let value = value.clamp(i64::from(Self::MIN.0), i64::from(Self::MAX.0));
                // In MIN..=MAX, so it fits a u8.
                Self(u8::try_from(value).unwrap_or(Self::MAX.0))
            }

            #[doc = concat!("The ", $what, " as a number.")]
            pub const fn get(self) -> u8 {
                self.0
            }
        }

        impl fmt::Display for $name {
            /// The number ("3").
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl TryFrom<u8> for $name {
            type Error = OutOfRange;

            fn try_from(value: u8) -> Result<Self, OutOfRange> {
                Self::new(value)
            }
        }

        impl TryFrom<i64> for $name {
            type Error = OutOfRange;

            fn try_from(value: i64) -> Result<Self, OutOfRange> {
                u8::try_from(value)
                    .map_err(|_| Self::out_of_range(value))
                    .and_then(Self::new)
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                value.0
            }
        }
    };
}

/// How strong a relationship is: a level on the continuum of collaboration, 0 (none) to 5
/// (collaborating), after Arthur T. Himmelman, "Collaboration for a Change: Definitions,
/// Decision-making Models, Roles, and Collaboration Process Guide" (2002).
///
/// Each level adds to the one below:
///
/// | level | name | the two... |
/// |---|---|---|
/// | 0 | [none](Self::NONE) | have no working relationship, or it has broken down |
/// | 1 | [aware](Self::AWARE) | know of each other |
/// | 2 | [networking](Self::NETWORKING) | exchange information |
/// | 3 | [coordinating](Self::COORDINATING) | adjust their activities for mutual benefit |
/// | 4 | [cooperating](Self::COOPERATING) | share resources |
/// | 5 | [collaborating](Self::COLLABORATING) | build each other's capacity |
///
/// Written in files and exports as its number; reading a number outside 0-5 fails with
/// [`OutOfRange`]:
///
/// ```
/// use stakemap::model::Strength;
/// assert_eq!(Strength::new(3), Ok(Strength::COORDINATING));
/// assert_eq!(
///     Strength::new(6).map_err(|e| e.to_string()),
///     Err("strength 6 is out of range (0 to 5)".to_owned())
/// );
/// assert_eq!(Strength::clamped(-1), Strength::NONE);
/// assert_eq!(Strength::COOPERATING.fraction(), 0.8);
/// ```
///
/// Nor can one be made around the check:
///
/// ```compile_fail
/// let too_strong = stakemap::model::Strength(6); // private field
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Strength(u8);

bounded!(Strength, "strength");

impl Strength {
    /// 0: no working relationship, or it has broken down.
    pub const NONE: Self = Self(0);
    /// 1: they know of each other.
    pub const AWARE: Self = Self(1);
    /// 2: they exchange information.
    pub const NETWORKING: Self = Self(2);
    /// 3: they adjust their activities for mutual benefit.
    pub const COORDINATING: Self = Self(3);
    /// 4: they share resources.
    pub const COOPERATING: Self = Self(4);
    /// 5: they build each other's capacity.
    pub const COLLABORATING: Self = Self(5);
    /// The lowest level, [`Self::NONE`].
    pub const MIN: Self = Self::NONE;
    /// The highest level, [`Self::COLLABORATING`].
    pub const MAX: Self = Self::COLLABORATING;
    /// Every level, lowest first.
    pub const ALL: [Self; 6] = [
        Self::NONE,
        Self::AWARE,
        Self::NETWORKING,
        Self::COORDINATING,
        Self::COOPERATING,
        Self::COLLABORATING,
    ];

    /// How far up the continuum it is, 0.0 (none) to 1.0 (collaborating): the weight that
    /// drawing and layouts want.
    pub fn fraction(self) -> f32 {
        f32::from(self.0) / f32::from(Self::MAX.0)
    }

    /// The level's name in lower case, "none" to "collaborating".
    pub fn name(self) -> &'static str {
        match self.0 {
            0 => "none",
            1 => "aware",
            2 => "networking",
            3 => "coordinating",
            4 => "cooperating",
            _ => "collaborating",
        }
    }
}

/// A stakeholder's score from 1 to 5: influence and interest on the power/interest grid
/// (Colin Eden and Fran Ackermann, "Making Strategy: The Journey of Strategic Management",
/// 1998, after Mendelow), 1 the lowest and 5 the highest; and an issue's priority, 1 the
/// highest and 5 the lowest.
///
/// Written in files and exports as its number; reading a number outside 1-5 fails with
/// [`OutOfRange`]:
///
/// ```
/// use stakemap::model::Score;
/// assert_eq!(Score::new(4).map(Score::get), Ok(4));
/// assert_eq!(
///     Score::new(9).map_err(|e| e.naming("influence").to_string()),
///     Err("influence 9 is out of range (1 to 5)".to_owned())
/// );
/// assert_eq!(Score::clamped(0), Score::MIN);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

bounded!(Score, "score");

impl Score {
    /// The lowest score, 1 (for priority: the most pressing).
    pub const MIN: Self = Self(1);
    /// The highest score, 5 (for priority: the least pressing).
    pub const MAX: Self = Self(5);
    /// The middle score, 3: what an unscored stakeholder counts as wherever a number is
    /// needed (its size on the canvas, how urgent its gaps are).
    pub const MIDDLE: Self = Self(3);
    /// Every score, lowest first.
    pub const ALL: [Self; 5] = [Self(1), Self(2), Self(3), Self(4), Self(5)];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_strength_in_range_is_made_and_every_other_refused() {
        for value in 0..=u8::MAX {
            let made = Strength::new(value);
            if value <= 5 {
                assert_eq!(made.map(Strength::get), Ok(value));
            } else {
                assert_eq!(
                    made.map_err(|e| e.to_string()),
                    Err(format!("strength {value} is out of range (0 to 5)"))
                );
            }
        }
        assert_eq!(Strength::ALL.map(Strength::get), [0, 1, 2, 3, 4, 5]);
        assert_eq!(
            (Strength::MIN, Strength::MAX),
            (Strength::NONE, Strength::COLLABORATING)
        );
    }

    #[test]
    fn every_score_in_range_is_made_and_every_other_refused() {
        for value in 0..=u8::MAX {
            let made = Score::new(value);
            if (1..=5).contains(&value) {
                assert_eq!(made.map(Score::get), Ok(value));
            } else {
                assert_eq!(
                    made.map_err(|e| e.to_string()),
                    Err(format!("score {value} is out of range (1 to 5)"))
                );
            }
        }
        assert_eq!(Score::ALL.map(Score::get), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn any_whole_number_is_taken_or_refused_by_name() {
        assert_eq!(Strength::try_from(4_i64), Ok(Strength::COOPERATING));
        assert_eq!(Score::try_from(1_i64), Ok(Score::MIN));
        for (value, message) in [
            (300_i64, "strength 300 is out of range (0 to 5)"),
            (-1, "strength -1 is out of range (0 to 5)"),
            (6, "strength 6 is out of range (0 to 5)"),
        ] {
            let refused = Strength::try_from(value).expect_err("out of range");
            assert_eq!(
                (refused.value(), refused.to_string()),
                (value, message.to_owned())
            );
        }
        assert_eq!(
            Score::try_from(i64::MIN).map_err(|e| e.to_string()),
            Err(format!("score {} is out of range (1 to 5)", i64::MIN))
        );
    }

    #[test]
    fn the_error_can_name_its_field() {
        let error = Score::new(0).expect_err("0 is no score");
        assert_eq!(error.value(), 0);
        assert_eq!(
            error.naming("priority").to_string(),
            "priority 0 is out of range (1 to 5)"
        );
    }

    #[test]
    fn clamped_keeps_values_in_range_and_stops_at_both_ends() {
        assert_eq!(Strength::clamped(i64::MIN), Strength::NONE);
        assert_eq!(Strength::clamped(-1), Strength::NONE);
        assert_eq!(Strength::clamped(3), Strength::COORDINATING);
        assert_eq!(Strength::clamped(6), Strength::COLLABORATING);
        assert_eq!(Strength::clamped(i64::MAX), Strength::COLLABORATING);
        assert_eq!(Score::clamped(i64::MIN), Score::MIN);
        assert_eq!(Score::clamped(0), Score::MIN);
        assert_eq!(Score::clamped(2).get(), 2);
        assert_eq!(Score::clamped(6), Score::MAX);
        assert_eq!(Score::clamped(i64::MAX), Score::MAX);
    }

    #[test]
    fn names_fractions_and_numbers() {
        let names = Strength::ALL.map(Strength::name);
        assert_eq!(
            names,
            [
                "none",
                "aware",
                "networking",
                "coordinating",
                "cooperating",
                "collaborating"
            ]
        );
        let fractions = Strength::ALL.map(Strength::fraction);
        assert_eq!(fractions, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(Strength::NETWORKING.to_string(), "2");
        assert_eq!(Score::MAX.to_string(), "5");
        assert!(Strength::AWARE < Strength::NETWORKING);
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Record {
        strength: Strength,
        influence: Option<Score>,
    }

    #[test]
    fn serde_writes_the_number_and_refuses_one_out_of_range() {
        let record = Record {
            strength: Strength::COOPERATING,
            influence: Some(Score::MIN),
        };
        let text = ron::to_string(&record).expect("serialises");
        assert_eq!(text, "(strength:4,influence:Some(1))");
        assert_eq!(ron::from_str::<Record>(&text), Ok(record));

        let refused = |text: &str| match ron::from_str::<Record>(text) {
            Ok(record) => panic!("{text} read as {record:?}"),
            Err(e) => e.code.to_string(),
        };
        assert_eq!(
            refused("(strength: 6, influence: None)"),
            "strength 6 is out of range (0 to 5)"
        );
        assert_eq!(
            refused("(strength: 1, influence: Some(0))"),
            "score 0 is out of range (1 to 5)"
        );
        assert_eq!(
            refused("(strength: 1, influence: Some(9))"),
            "score 9 is out of range (1 to 5)"
        );
    }
}
