//! Whether a relationship is rising, steady or cooling: its strength now against its
//! strength at the start of a window, and how long since the last contact.
//!
//! How the log is read, everywhere in this module:
//! - Observations dated after `today` are ignored, as if not yet made (a typo in a year, or
//!   a planned meeting logged ahead, must not count as contact).
//! - The log may be in any order; only dates matter.
//! - Several observations on one day: the one recorded last (later in the log) wins, as
//!   [`Relationship::latest`] does.

use crate::model::{Date, Observation, Relationship, RelationshipId, Strength};

/// Which way a relationship is heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trend {
    /// Strength rose over the window by at least the minimum change, and contact is recent.
    Rising,
    /// Neither rising nor cooling; also a relationship never observed.
    Steady,
    /// Strength fell over the window by at least the minimum change, or contact is stale.
    Cooling,
}

/// How recent the last contact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Freshness {
    /// Last contact no more than `stale_after_days` ago.
    Recent,
    /// No contact for more than `stale_after_days`.
    Stale,
    /// No observation on or before today: nothing is known of it but that the line was drawn.
    NeverObserved,
}

/// What counts as a trend. Negative day counts are taken as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TrendSettings {
    /// How far back to compare strength, in days; six months by default.
    pub window_days: i64,
    /// Contact older than this many days is stale (exactly this many is not); 90 by default.
    pub stale_after_days: i64,
    /// The smallest change in strength, in levels, that counts as rising or cooling; 1 by
    /// default, so any change counts. 0 is taken as 1.
    pub min_change: u8,
}

impl Default for TrendSettings {
    fn default() -> Self {
        Self {
            window_days: 182,
            stale_after_days: 90,
            min_change: 1,
        }
    }
}

/// The trend of one relationship on one day, with the figures behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendReport {
    /// The relationship reported on.
    pub relationship: RelationshipId,
    /// Which way it is heading.
    pub trend: Trend,
    /// How recent its last contact is.
    pub freshness: Freshness,
    /// The day of the last contact on or before today; `None` when never observed.
    pub last_contact: Option<Date>,
    /// Days from the last contact to today; `None` when never observed.
    pub days_since_contact: Option<i64>,
    /// The day strength is compared from: the window's start, or the first observation in
    /// the window when there is none on or before the start. `None` when never observed.
    pub baseline_date: Option<Date>,
    /// Strength on the baseline day; `None` when never observed.
    pub strength_then: Option<Strength>,
    /// Strength as of today; `None` when never observed.
    pub strength_now: Option<Strength>,
    /// `strength_now - strength_then`; 0 when never observed.
    pub change: i16,
    /// Why, in a line a planner reads: "strength fell from 4 to 2 since 2026-05-28; no
    /// contact for 134 days".
    pub reason: String,
}

impl TrendReport {
    /// Whether contact is stale (not merely never observed).
    pub fn is_stale(&self) -> bool {
        self.freshness == Freshness::Stale
    }

    /// Whether the relationship has no observation on or before today.
    pub fn is_never_observed(&self) -> bool {
        self.freshness == Freshness::NeverObserved
    }
}

/// The trend of a relationship on `today`: strength now against strength at the window's
/// start, and whether contact is stale.
///
/// The baseline is the latest observation on or before the window's start (an observation
/// exactly on the start counts); when there is none, the first day in the window. The trend
/// is [`Trend::Cooling`] when strength fell by at least `min_change` or contact is stale,
/// [`Trend::Rising`] when it rose by at least `min_change` (and contact is not stale), and
/// [`Trend::Steady`] otherwise, including when the relationship was never observed.
pub fn relationship_trend(r: &Relationship, today: Date, settings: &TrendSettings) -> TrendReport {
    let Some(now) = r.latest_as_of(today) else {
        return never_observed(r, today);
    };
    let window_start = today.add_days(-settings.window_days.max(0));
    let (baseline_date, then) = match r.latest_as_of(window_start) {
        Some(then) => (window_start, then),
        None => {
            // `now` is on or before today and after the window's start, so the window
            // holds at least one observation and this always finds one.
            let first_day = r
                .observations
                .iter()
                .map(|o| o.date)
                .filter(|&d| d > window_start && d <= today)
                .min()
                .unwrap_or(now.date);
            (first_day, day_value(r, first_day).unwrap_or(now))
        }
    };

    let change = i16::from(now.strength.get()) - i16::from(then.strength.get());
    let min_change = i16::from(settings.min_change.max(1));
    let days_since_contact = today.days_since(now.date);
    let stale = days_since_contact > settings.stale_after_days.max(0);

    let trend = if change <= -min_change || stale {
        Trend::Cooling
    } else if change >= min_change {
        Trend::Rising
    } else {
        Trend::Steady
    };

    let strength_part = if change <= -min_change {
        format!(
            "strength fell from {} to {} since {baseline_date}",
            then.strength, now.strength
        )
    } else if change >= min_change {
        format!(
            "strength rose from {} to {} since {baseline_date}",
            then.strength, now.strength
        )
    } else if change == 0 {
        format!(
            "strength steady at {} ({}) since {baseline_date}",
            now.strength,
            now.strength.name()
        )
    } else {
        format!(
            "strength moved from {} to {} since {baseline_date}, less than the {min_change} \
             levels that count",
            then.strength, now.strength
        )
    };
    let contact_part = match days_since_contact {
        _ if stale => format!("no contact for {days_since_contact} days"),
        0 => "last contact today".to_owned(),
        1 => "last contact yesterday".to_owned(),
        days => format!("last contact {days} days ago"),
    };

    TrendReport {
        relationship: r.id(),
        trend,
        freshness: if stale {
            Freshness::Stale
        } else {
            Freshness::Recent
        },
        last_contact: Some(now.date),
        days_since_contact: Some(days_since_contact),
        baseline_date: Some(baseline_date),
        strength_then: Some(then.strength),
        strength_now: Some(now.strength),
        change,
        reason: format!("{strength_part}; {contact_part}"),
    }
}

/// The report for a relationship with no observation on or before today.
fn never_observed(r: &Relationship, today: Date) -> TrendReport {
    let first_future = r.observations.iter().map(|o| o.date).min();
    let reason = match first_future {
        // Saying so helps a planner find a mistyped year.
        Some(first) => {
            format!("never observed: its first observation is dated {first}, after {today}")
        }
        None => "never observed".to_owned(),
    };
    TrendReport {
        relationship: r.id(),
        trend: Trend::Steady,
        freshness: Freshness::NeverObserved,
        last_contact: None,
        days_since_contact: None,
        baseline_date: None,
        strength_then: None,
        strength_now: None,
        change: 0,
        reason,
    }
}

/// The observation that stands for a day: the one recorded last on that day.
fn day_value(r: &Relationship, day: Date) -> Option<&Observation> {
    r.latest_as_of(day).filter(|o| o.date == day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{date, observation, relationship};
    use crate::model::{RelationshipKind, Tone};

    fn trend_of(log: &[(&str, u8)], today: &str) -> TrendReport {
        let r = relationship(7, 1, 2, RelationshipKind::Partnership, log);
        relationship_trend(&r, date(today), &TrendSettings::default())
    }

    #[test]
    fn falling_strength_is_cooling_with_a_reason() {
        // Window start for 2026-06-01 with 182 days is 2025-12-01.
        let report = trend_of(
            &[("2025-10-01", 4), ("2026-03-01", 3), ("2026-05-20", 2)],
            "2026-06-01",
        );
        assert_eq!(report.trend, Trend::Cooling);
        assert_eq!(report.freshness, Freshness::Recent);
        assert_eq!(report.strength_then.map(Strength::get), Some(4));
        assert_eq!(report.strength_now.map(Strength::get), Some(2));
        assert_eq!(report.change, -2);
        assert_eq!(report.days_since_contact, Some(12));
        assert_eq!(
            report.reason,
            "strength fell from 4 to 2 since 2025-12-01; last contact 12 days ago"
        );
    }

    #[test]
    fn an_observation_exactly_at_the_window_start_is_the_baseline() {
        // 2026-06-01 minus 182 days is 2025-12-01.
        assert_eq!(date("2026-06-01").add_days(-182), date("2025-12-01"));
        let report = trend_of(
            &[("2025-11-30", 1), ("2025-12-01", 3), ("2026-05-01", 4)],
            "2026-06-01",
        );
        assert_eq!(report.baseline_date, Some(date("2025-12-01")));
        assert_eq!(
            report.strength_then.map(Strength::get),
            Some(3),
            "not the 1 of the day before"
        );
        assert_eq!(report.trend, Trend::Rising);
    }

    #[test]
    fn without_an_earlier_observation_the_first_in_the_window_is_the_baseline() {
        let report = trend_of(&[("2026-05-01", 2), ("2026-01-10", 5)], "2026-06-01");
        assert_eq!(report.baseline_date, Some(date("2026-01-10")));
        assert_eq!(report.strength_then.map(Strength::get), Some(5));
        assert_eq!(report.change, -3);
        assert_eq!(report.trend, Trend::Cooling);
        assert!(
            report
                .reason
                .starts_with("strength fell from 5 to 2 since 2026-01-10")
        );
    }

    #[test]
    fn a_single_recent_observation_is_steady() {
        let report = trend_of(&[("2026-05-31", 3)], "2026-06-01");
        assert_eq!(report.trend, Trend::Steady);
        assert_eq!(
            report.reason,
            "strength steady at 3 (coordinating) since 2026-05-31; last contact yesterday"
        );
    }

    #[test]
    fn no_observations_is_never_observed_not_stale() {
        let report = trend_of(&[], "2026-06-01");
        assert_eq!(report.freshness, Freshness::NeverObserved);
        assert!(report.is_never_observed());
        assert!(!report.is_stale());
        assert_eq!(report.trend, Trend::Steady);
        assert_eq!(report.strength_now, None);
        assert_eq!(report.days_since_contact, None);
        assert_eq!(report.reason, "never observed");
    }

    #[test]
    fn the_one_recorded_last_on_a_day_wins_at_both_ends() {
        // Two on the baseline day (5 then 2) and two today (1 then 4): 2 -> 4.
        let report = trend_of(
            &[
                ("2026-01-10", 5),
                ("2026-06-01", 1),
                ("2026-01-10", 2),
                ("2026-06-01", 4),
            ],
            "2026-06-01",
        );
        assert_eq!(report.strength_then.map(Strength::get), Some(2));
        assert_eq!(report.strength_now.map(Strength::get), Some(4));
        assert_eq!(report.trend, Trend::Rising);
    }

    #[test]
    fn unsorted_logs_read_like_sorted_ones() {
        let sorted = [("2025-09-01", 4), ("2026-02-01", 3), ("2026-05-01", 1)];
        let mut shuffled = sorted;
        shuffled.swap(0, 2);
        shuffled.swap(1, 2);
        assert_ne!(shuffled, sorted);
        let a = trend_of(&sorted, "2026-06-01");
        let b = trend_of(&shuffled, "2026-06-01");
        assert_eq!(a, b);
        assert_eq!(
            (a.strength_then, a.strength_now),
            (Some(Strength::COOPERATING), Some(Strength::AWARE))
        );
    }

    #[test]
    fn future_observations_are_ignored() {
        let report = trend_of(&[("2026-05-01", 3), ("2026-07-01", 0)], "2026-06-01");
        assert_eq!(
            report.strength_now,
            Some(Strength::COORDINATING),
            "the July 0 has not happened yet"
        );
        assert_eq!(report.last_contact, Some(date("2026-05-01")));
        assert_eq!(report.trend, Trend::Steady);

        let only_future = trend_of(&[("2027-01-01", 5)], "2026-06-01");
        assert!(only_future.is_never_observed());
        assert_eq!(
            only_future.reason,
            "never observed: its first observation is dated 2027-01-01, after 2026-06-01"
        );
    }

    #[test]
    fn stale_only_after_more_than_the_limit() {
        let today = date("2026-06-01");
        let exactly = today.add_days(-90).to_string();
        let one_more = today.add_days(-91).to_string();

        let at_limit = trend_of(&[(exactly.as_str(), 3)], "2026-06-01");
        assert_eq!(at_limit.days_since_contact, Some(90));
        assert_eq!(at_limit.freshness, Freshness::Recent);
        assert_eq!(at_limit.trend, Trend::Steady);

        let past_limit = trend_of(&[(one_more.as_str(), 3)], "2026-06-01");
        assert_eq!(past_limit.freshness, Freshness::Stale);
        assert_eq!(past_limit.trend, Trend::Cooling, "stale is cooling");
        assert!(past_limit.reason.ends_with("; no contact for 91 days"));
    }

    #[test]
    fn rising_but_stale_is_cooling() {
        let report = trend_of(&[("2026-01-01", 1), ("2026-02-01", 4)], "2026-06-01");
        assert_eq!(report.change, 3);
        assert!(report.is_stale());
        assert_eq!(report.trend, Trend::Cooling);
        assert_eq!(
            report.reason,
            "strength rose from 1 to 4 since 2026-01-01; no contact for 120 days"
        );
    }

    #[test]
    fn changes_under_the_minimum_are_steady() {
        let r = relationship(
            1,
            1,
            2,
            RelationshipKind::Informal,
            &[("2026-01-01", 3), ("2026-05-01", 2)],
        );
        let settings = TrendSettings {
            min_change: 2,
            ..TrendSettings::default()
        };
        let report = relationship_trend(&r, date("2026-06-01"), &settings);
        assert_eq!(report.trend, Trend::Steady);
        assert!(report.reason.contains("less than the 2 levels"));
        let strict = relationship_trend(&r, date("2026-06-01"), &TrendSettings::default());
        assert_eq!(strict.trend, Trend::Cooling);
    }

    #[test]
    fn tone_does_not_change_the_trend() {
        let mut r = relationship(1, 1, 2, RelationshipKind::Partnership, &[]);
        r.observations = vec![
            observation("2026-05-01", 3, Tone::Positive),
            observation("2026-05-30", 3, Tone::Strained),
        ];
        let report = relationship_trend(&r, date("2026-06-01"), &TrendSettings::default());
        assert_eq!(report.trend, Trend::Steady);
    }
}
