//! Values read from other tools' files, by stated rules: a value that is not what it
//! claims is converted by a rule the report names, or refused with a reason, never
//! guessed at silently.
//!
//! - Numbers: `.` is the decimal point; in a file separated by `;` or tabs (the French,
//!   German... Excel locales), a `,` is one too (`0,93` is 0.93). Spaces around are
//!   ignored; anything else (`three`, `4 stars`) is not a number.
//! - Scores (influence, interest, priority) are 1-5: a fraction is rounded to the nearest
//!   whole number, anything outside 1-5 refused.
//! - Strengths (weights) are 0-5: a fraction is rounded to the nearest level, a value
//!   outside 0-5 is clamped to 0 or 5, each said in the report.
//! - Dates: `YYYY-MM-DD`, optionally with a time after it (`2025-03-31T23:30:00-04:00`:
//!   the calendar day as written, in the offset or time zone it was written in), or
//!   `YYYY/MM/DD`; `DD/MM/YYYY` and `MM/DD/YYYY` when the day is over 12 or the file's
//!   other dates settle which comes first; otherwise refused as ambiguous.

use crate::model::{Date, Score, Strength};

/// Why a value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    /// The cell is empty.
    Empty,
    /// Not a number.
    NotANumber,
    /// Outside what the field takes.
    OutOfRange,
    /// Not a date.
    NotADate,
    /// `03/04/2025`: the 3rd of April or the 4th of March.
    AmbiguousDate,
}

impl ValueError {
    /// What is wrong, in words, for the report.
    pub fn describe(&self, value: &str, what: &str) -> String {
        match self {
            Self::Empty => format!("{what} is empty"),
            Self::NotANumber => format!("{what} `{value}` is not a number"),
            Self::OutOfRange => format!("{what} `{value}` is out of range"),
            Self::NotADate => format!("{what} `{value}` is not a date (YYYY-MM-DD)"),
            Self::AmbiguousDate => format!(
                "{what} `{value}` could be day-first or month-first and no other date in the file settles it"
            ),
        }
    }
}

/// A number, with a `,` as the decimal point when `decimal_comma` (see the module notes).
pub fn number(text: &str, decimal_comma: bool) -> Result<f64, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    let converted;
    let text = if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        converted = text.replace(',', ".");
        converted.as_str()
    } else {
        text
    };
    // f64's parser takes "inf" and "NaN", which are not numbers a file means.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotANumber);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ValueError::NotANumber),
    }
}

/// A score, and whether it had to be rounded.
pub fn score(text: &str, decimal_comma: bool) -> Result<(Score, bool), ValueError> {
    let value = number(text, decimal_comma)?;
    let rounded = value.round();
    // The cast saturates: -3 and 300 stay out of range, and are refused.
    let score = Score::new(rounded as u8).map_err(|_| ValueError::OutOfRange)?;
    Ok((score, rounded != value))
}

/// How a strength had to be changed to fit 0-5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrengthRule {
    /// It was a whole number in 0-5.
    AsIs,
    /// It had a fraction and was rounded.
    Rounded,
    /// It was outside 0-5 and was clamped.
    Clamped,
}

/// A strength from a weight, and the rule applied.
pub fn strength(text: &str, decimal_comma: bool) -> Result<(Strength, StrengthRule), ValueError> {
    let value = number(text, decimal_comma)?;
    let range = f64::from(Strength::MIN.get())..=f64::from(Strength::MAX.get());
    let rounded = value.round();
    let rule = if !range.contains(&value) {
        StrengthRule::Clamped
    } else if rounded == value {
        StrengthRule::AsIs
    } else {
        StrengthRule::Rounded
    };
    // The cast saturates at i64's ends; `clamped` takes it the rest of the way.
    Ok((Strength::clamped(rounded as i64), rule))
}

/// Which comes first in slash dates, when a file says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayOrder {
    /// Nothing in the file says: `03/04/2025` is refused.
    #[default]
    Unknown,
    /// `DD/MM/YYYY`.
    DayFirst,
    /// `MM/DD/YYYY`.
    MonthFirst,
}

/// What a slash date says about the order, if anything (a part over 12 is the day).
pub fn day_order_hint(text: &str) -> DayOrder {
    match slash_parts(text) {
        Some((a, b, _)) if a > 12 && b <= 12 => DayOrder::DayFirst,
        Some((a, b, _)) if b > 12 && a <= 12 => DayOrder::MonthFirst,
        _ => DayOrder::Unknown,
    }
}

fn slash_parts(text: &str) -> Option<(u32, u32, i32)> {
    let mut parts = text.trim().split(['/', '.']);
    let a = parts.next()?.trim().parse().ok()?;
    let b = parts.next()?.trim().parse().ok()?;
    let year_text = parts.next()?.trim();
    if parts.next().is_some() || year_text.len() != 4 {
        return None;
    }
    Some((a, b, year_text.parse().ok()?))
}

/// A calendar day from a date or date-time (see the module notes).
pub fn date(text: &str, order: DayOrder) -> Result<Date, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    // ISO: the day as written, before any time and offset.
    if let Some(day) = text.get(..10)
        && (text.len() == 10 || matches!(text.as_bytes().get(10), Some(b'T' | b' ' | b't')))
    {
        if let Ok(date) = day.parse::<Date>() {
            return Ok(date);
        }
        if let Ok(date) = day.replace('/', "-").parse::<Date>() {
            return Ok(date);
        }
    }
    let Some((a, b, year)) = slash_parts(text) else {
        return Err(ValueError::NotADate);
    };
    let order = match day_order_hint(text) {
        DayOrder::Unknown if a == b => DayOrder::DayFirst,
        DayOrder::Unknown => order,
        known => known,
    };
    let (day, month) = match order {
        DayOrder::DayFirst => (a, b),
        DayOrder::MonthFirst => (b, a),
        DayOrder::Unknown => return Err(ValueError::AmbiguousDate),
    };
    Date::from_ymd(year, month, day).ok_or(ValueError::NotADate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_file_s_decimal_mark() {
        assert_eq!(number("0,93", true), Ok(0.93));
        assert_eq!(number("0,93", false), Err(ValueError::NotANumber));
        assert_eq!(number(" 4 ", false), Ok(4.0));
        assert_eq!(number("three", false), Err(ValueError::NotANumber));
        assert_eq!(number("NaN", false), Err(ValueError::NotANumber));
        assert_eq!(number("", false), Err(ValueError::Empty));
        assert_eq!(
            number("1,234.5", true),
            Err(ValueError::NotANumber),
            "no thousands"
        );
    }

    #[test]
    fn strengths_and_scores_follow_their_rules() {
        let level = |text, comma| strength(text, comma).map(|(s, rule)| (s.get(), rule));
        assert_eq!(level("3", false), Ok((3, StrengthRule::AsIs)));
        assert_eq!(level("0,93", true), Ok((1, StrengthRule::Rounded)));
        assert_eq!(level("12", false), Ok((5, StrengthRule::Clamped)));
        assert_eq!(level("5.4", false), Ok((5, StrengthRule::Clamped)));
        assert_eq!(level("-1", false), Ok((0, StrengthRule::Clamped)));
        assert_eq!(level("1e300", false), Ok((5, StrengthRule::Clamped)));
        let score = |text| score(text, false).map(|(s, rounded)| (s.get(), rounded));
        assert_eq!(score("4"), Ok((4, false)));
        assert_eq!(score("4.4"), Ok((4, true)));
        assert_eq!(score("0.6"), Ok((1, true)));
        assert_eq!(score("7"), Err(ValueError::OutOfRange));
        assert_eq!(score("0.4"), Err(ValueError::OutOfRange));
        assert_eq!(score("-300"), Err(ValueError::OutOfRange));
        assert_eq!(score("300"), Err(ValueError::OutOfRange));
    }

    #[test]
    fn dates_are_read_as_written_and_ambiguity_is_refused() {
        let d = |y, m, dd| Date::from_ymd(y, m, dd).expect("date");
        assert_eq!(
            date("2025-03-31T23:30:00-04:00", DayOrder::Unknown),
            Ok(d(2025, 3, 31))
        );
        assert_eq!(
            date("2024-06-30T23:59:59", DayOrder::Unknown),
            Ok(d(2024, 6, 30))
        );
        assert_eq!(date("2025/03/31", DayOrder::Unknown), Ok(d(2025, 3, 31)));
        assert_eq!(date("31/03/2025", DayOrder::Unknown), Ok(d(2025, 3, 31)));
        assert_eq!(date("03/31/2025", DayOrder::Unknown), Ok(d(2025, 3, 31)));
        assert_eq!(
            date("03/04/2025", DayOrder::Unknown),
            Err(ValueError::AmbiguousDate)
        );
        assert_eq!(date("03/04/2025", DayOrder::DayFirst), Ok(d(2025, 4, 3)));
        assert_eq!(date("03/04/2025", DayOrder::MonthFirst), Ok(d(2025, 3, 4)));
        assert_eq!(date("04/04/2025", DayOrder::Unknown), Ok(d(2025, 4, 4)));
        assert_eq!(
            date("2025-02-30", DayOrder::Unknown),
            Err(ValueError::NotADate)
        );
        assert_eq!(date("soon", DayOrder::Unknown), Err(ValueError::NotADate));
        assert_eq!(day_order_hint("31/03/2025"), DayOrder::DayFirst);
    }
}
