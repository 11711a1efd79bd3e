//! Calendar dates of observations: written as `"YYYY-MM-DD"` in files and exports.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar day (no time, no time zone): the day an observation was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(chrono::NaiveDate);

/// A text that is not a `YYYY-MM-DD` calendar date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date (expected YYYY-MM-DD, for example 2025-03-14)")]
pub struct DateError {
    /// The text that was given.
    pub text: String,
}

impl Date {
    /// The date for a year, month (1-12) and day (1-31), if it exists on the calendar.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }

    /// The year (negative before year 1).
    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }

    /// The month, 1 (January) to 12.
    pub fn month(self) -> u32 {
        chrono::Datelike::month(&self.0)
    }

    /// Today on this computer's clock, in its local time zone.
    pub fn today() -> Self {
        Self(chrono::Local::now().date_naive())
    }

    /// Days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Self) -> i64 {
        (self.0 - earlier.0).num_days()
    }

    /// This date moved by a number of days (saturating at the calendar's ends).
    pub fn add_days(self, days: i64) -> Self {
        chrono::TimeDelta::try_days(days)
            .and_then(|delta| self.0.checked_add_signed(delta))
            .map_or(self, Self)
    }

    /// Whether `text` is written like a date, real or not: digits and the separators `-`, `/`
    /// or `.` only, starting with a digit, with at least one separator and four digits
    /// (`2025-02-30`, `2025-6-1`, `14/03/2025`, `2025.06`). Such a text given where a date
    /// or a name is accepted is read as a (possibly wrong) date, never as a name.
    pub fn looks_like(text: &str) -> bool {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let separators = text
            .chars()
            .filter(|c| matches!(c, '-' | '/' | '.'))
            .count();
        text.starts_with(|c: char| c.is_ascii_digit())
            && digits + separators == text.chars().count()
            && separators >= 1
            && digits >= 4
    }

    /// Days since 1970-01-01: a plain number for plots and sliders.
    pub fn to_days(self) -> i64 {
        self.days_since(Self(chrono::NaiveDate::default()))
    }

    /// The date a number of days after 1970-01-01 (see [`Date::to_days`]).
    pub fn from_days(days: i64) -> Self {
        Self(chrono::NaiveDate::default()).add_days(days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DateError {
            text: text.to_owned(),
        };
        // Strict: exactly YYYY-MM-DD, so "2025-3-4" or "2025-03-04T10:00" are refused
        // rather than guessed at.
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(error());
        }
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Self)
            .map_err(|_| error())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date: Date = "2025-03-14".parse().expect("a valid date");
        assert_eq!(date.to_string(), "2025-03-14");
        assert_eq!(Date::from_ymd(2025, 3, 14), Some(date));
    }

    #[test]
    fn refuses_what_is_not_a_calendar_date() {
        for text in [
            "2025-02-30",
            "2025-13-01",
            "2025-3-4",
            "14/03/2025",
            "",
            "2025-03-14T10",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn tells_what_is_written_like_a_date() {
        for text in [
            "2025-02-30",
            "2025-06-30",
            "2025-6-1",
            "14/03/2025",
            "2025.06",
            "0000-00-00",
        ] {
            assert!(Date::looks_like(text), "{text}");
        }
        for text in [
            "",
            "2025",
            "Mid 2025",
            "Q1-2025",
            "v1.2.3",
            "1.5",
            "-2025-01-01",
            "2025-01-01 baseline",
        ] {
            assert!(!Date::looks_like(text), "{text}");
        }
    }

    #[test]
    fn counts_days() {
        let a = Date::from_ymd(2024, 2, 28).expect("date");
        let b = Date::from_ymd(2024, 3, 1).expect("date");
        assert_eq!(b.days_since(a), 2);
        assert_eq!(a.add_days(2), b);
        assert_eq!(Date::from_days(b.to_days()), b);
    }
}
