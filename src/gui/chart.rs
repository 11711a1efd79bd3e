//! Strength over time: a step plot of a relationship's log (tone as the marker colour), or
//! of every relationship of a stakeholder.

use super::scene_paint::colour;
use crate::model::{Date, Map, Relationship, StakeholderId, Strength, Tone};
use crate::style;
use egui::Ui;
use egui_plot::{Line, Plot, PlotPoints, Points};

/// The step line of a relationship's strength, from its first observation to `until`,
/// as (day number, strength) corners. Same-day entries: the one recorded last counts.
/// Observations after `until` (planned ones, when `until` is today) are not on the line:
/// they count from their day on.
pub fn steps(r: &Relationship, until: Date) -> Vec<[f64; 2]> {
    let mut log: Vec<(usize, &crate::model::Observation)> = r
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.date <= until)
        .collect();
    log.sort_by_key(|&(i, o)| (o.date, i));
    let mut corners: Vec<[f64; 2]> = Vec::new();
    for (_, o) in log {
        let x = o.date.to_days() as f64;
        let y = f64::from(o.strength.get());
        match corners.last_mut() {
            Some(last) if last[0] == x => last[1] = y,
            Some(&mut [_, previous]) => {
                corners.push([x, previous]);
                corners.push([x, y]);
            }
            None => corners.push([x, y]),
        }
    }
    if let Some(&[x, y]) = corners.last()
        && (until.to_days() as f64) > x
    {
        corners.push([until.to_days() as f64, y]);
    }
    corners
}

fn plot(id: &str) -> Plot<'static> {
    Plot::new(id.to_owned())
        .height(150.0)
        .include_y(0.0)
        .include_y(f64::from(Strength::MAX.get()))
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        // Marks on the calendar's boundaries: egui_plot's powers of a base fell on days
        // no one names, and their labels did not fit (testers saw no dates on the axis).
        .x_grid_spacer(|input| calendar_marks(input.bounds))
        .x_axis_formatter(|mark, range| {
            // A label centred on a mark by the plot's edge is cut there ("202" for 2027).
            let room = EDGE_ROOM * (range.end() - range.start());
            if mark.value - range.start() < room || range.end() - mark.value < room {
                String::new()
            } else {
                date_mark_label(mark.value, mark.step_size)
            }
        })
        .y_axis_formatter(|mark, _| {
            let level = mark.value;
            let levels = f64::from(Strength::MIN.get())..=f64::from(Strength::MAX.get());
            if level.fract() == 0.0 && levels.contains(&level) {
                format!("{level}")
            } else {
                String::new()
            }
        })
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let date = Date::from_days(position.x.round() as i64);
                Some(format!("{plot_name}\n{date}: strength {:.0}", position.y))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
}

/// The share of the time axis at either end where marks are left unlabelled: half a
/// year's label in a chart as narrow as the inspector's.
const EDGE_ROOM: f64 = 0.06;

/// Days in a year, a quarter and a month on average: the step sizes of [`calendar_marks`].
const YEAR: f64 = 365.25;

/// Grid marks for an axis of day numbers ([`Date::to_days`]) from `low` to `high`: the
/// first of every month, with the step size of a quarter on a quarter's first day, of a
/// year on the 1st of January and of five years every fifth year, and each Monday in a
/// span of a few months. egui_plot labels the marks whose step is wide enough on screen
/// for their label, so a chart of years reads "2024 2025 2026" and one of weeks
/// "2025-03-03 2025-03-10" (as spreadsheet and Grafana time axes do).
pub fn calendar_marks((low, high): (f64, f64)) -> Vec<egui_plot::GridMark> {
    // A plot of ten thousand years has nothing to mark by the month.
    if !(low.is_finite() && high.is_finite()) || high <= low || high - low > 1000.0 * YEAR {
        return Vec::new();
    }
    let (first, last) = (
        Date::from_days(low.floor() as i64),
        Date::from_days(high.ceil() as i64),
    );
    let mut marks = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while let Some(day) = Date::from_ymd(year, month, 1).filter(|&d| d <= last) {
        let value = day.to_days() as f64;
        if value >= low {
            let step_size = match month {
                1 if year.rem_euclid(5) == 0 => 5.0 * YEAR,
                1 => YEAR,
                4 | 7 | 10 => YEAR / 4.0,
                _ => YEAR / 12.0,
            };
            marks.push(egui_plot::GridMark { value, step_size });
        }
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    if high - low <= 4.0 * YEAR / 12.0 {
        // 1970-01-05, day 4, was a Monday.
        let mut monday = ((low.ceil() as i64 - 4).div_euclid(7) + 1) * 7 + 4;
        while (monday as f64) <= high {
            if Date::from_days(monday).to_string().ends_with("-01") {
                // The first of the month is marked already.
            } else {
                marks.push(egui_plot::GridMark {
                    value: monday as f64,
                    step_size: 7.0,
                });
            }
            monday += 7;
        }
    }
    marks
}

/// The label of a calendar mark at day `value` with `step_size` days: the year for a year's
/// mark, year and month for a month's or a quarter's, the date for a week's.
pub fn date_mark_label(value: f64, step_size: f64) -> String {
    let date = Date::from_days(value.round() as i64).to_string();
    let length = if step_size >= YEAR - 1.0 {
        4
    } else if step_size >= 28.0 {
        7
    } else {
        date.len()
    };
    date.get(..length).unwrap_or(&date).to_owned()
}

/// How far apart, in strength levels, lines of one chart are drawn: a stakeholder's
/// relationships often hold the same strength for months, and lines on one another read
/// as one. Small against a level (1), so each still reads at its strength.
const LINE_SPREAD: f64 = 0.1;

/// The offset of line `i` of `n` (centred on the true strength, at most a quarter level
/// either way): a dodge, as a step chart of several series draws them side by side.
pub fn line_offset(i: usize, n: usize) -> f64 {
    if n < 2 {
        return 0.0;
    }
    let step = LINE_SPREAD.min(0.5 / (n - 1) as f64);
    (i as f64 - (n - 1) as f64 / 2.0) * step
}

/// The strength of one relationship over time, markers coloured by tone.
pub fn relationship_chart(ui: &mut Ui, r: &Relationship, today: Date) {
    if r.observations.is_empty() {
        return;
    }
    span_ui(ui, r.observations.iter().map(|o| o.date).min(), today);
    let text = ui.visuals().text_color();
    plot("relationship_chart").show(ui, |plot_ui| {
        plot_ui.line(
            Line::new("Strength", PlotPoints::from(steps(r, today)))
                .color(text)
                .width(2.0),
        );
        for tone in Tone::ALL {
            let points: Vec<[f64; 2]> = r
                .observations
                .iter()
                .filter(|o| o.tone == tone && o.date <= today)
                .map(|o| [o.date.to_days() as f64, f64::from(o.strength.get())])
                .collect();
            if !points.is_empty() {
                plot_ui.points(
                    Points::new(tone.to_string(), PlotPoints::from(points))
                        .color(colour(style::edge_colour(tone)))
                        .radius(4.0),
                );
            }
        }
        // Planned interactions: hollow, apart from the line, which ends today.
        let planned: Vec<[f64; 2]> = r
            .observations
            .iter()
            .filter(|o| o.date > today)
            .map(|o| [o.date.to_days() as f64, f64::from(o.strength.get())])
            .collect();
        if !planned.is_empty() {
            plot_ui.points(
                Points::new("Planned", PlotPoints::from(planned))
                    .color(text)
                    .filled(false)
                    .radius(5.0),
            );
        }
    });
    let planned = r.observations.iter().filter(|o| o.date > today).count();
    if planned > 0 {
        ui.weak(format!(
            "The line ends today; {planned} planned (hollow) count from their day on."
        ));
    }
}

/// The strengths of all relationships of a stakeholder over time, one line each.
pub fn stakeholder_chart(ui: &mut Ui, map: &Map, id: StakeholderId, today: Date) {
    let relationships: Vec<&Relationship> = map
        .relationships_of(id)
        .into_iter()
        .filter(|r| !r.observations.is_empty())
        .collect();
    if relationships.is_empty() {
        return;
    }
    let first = relationships
        .iter()
        .flat_map(|r| r.observations.iter().map(|o| o.date))
        .min();
    span_ui(ui, first, today);
    // Each line its own colour from the categorical palette, dashed once the colours come
    // round again; the key is a list below the chart, not egui_plot's legend, which lay
    // over the lines and was cut at the panel's edge by long names.
    let lines: Vec<(String, egui::Color32, bool)> = relationships
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let other = if r.from() == id { r.to() } else { r.from() };
            let name = map.stakeholder(other).map_or("?", |s| s.name.as_str());
            let colours = style::encoding::CATEGORY_COLOURS;
            (
                format!("{} · {name}", r.kind),
                colour(colours[i % colours.len()]),
                i >= colours.len(),
            )
        })
        .collect();
    plot("stakeholder_chart").show(ui, |plot_ui| {
        let n = relationships.len();
        for (i, (r, (name, colour, dashed))) in relationships.iter().zip(&lines).enumerate() {
            let offset = line_offset(i, n);
            let corners: Vec<[f64; 2]> = steps(r, today)
                .into_iter()
                .map(|[x, y]| [x, y + offset])
                .collect();
            let mut line = Line::new(name.clone(), PlotPoints::from(corners))
                .color(*colour)
                .width(2.0);
            if *dashed {
                line = line.style(egui_plot::LineStyle::dashed_loose());
            }
            plot_ui.line(line);
        }
    });
    for (name, colour, dashed) in &lines {
        // A long key wraps under its own text, not under the swatch.
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
            let stroke = egui::Stroke::new(2.0, *colour);
            let (a, b) = (rect.left_center(), rect.right_center());
            if *dashed {
                let mid = egui::pos2((a.x + b.x) / 2.0, a.y);
                ui.painter()
                    .line_segment([a, egui::pos2(mid.x - 2.0, a.y)], stroke);
                ui.painter()
                    .line_segment([egui::pos2(mid.x + 2.0, a.y), b], stroke);
            } else {
                ui.painter().line_segment([a, b], stroke);
            }
            ui.add(egui::Label::new(name.as_str()).wrap());
        });
    }
}

/// The dates the chart runs between, said in words above it (the axis has room for few).
fn span_ui(ui: &mut Ui, first: Option<Date>, until: Date) {
    if let Some(first) = first {
        ui.weak(format!("Strength from {first} to {until}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InteractionKind, Observation, RelationshipId, RelationshipKind, Strength};

    fn observation(date: &str, strength: u8) -> Observation {
        let strength = Strength::new(strength).expect("a strength");
        Observation::new(date.parse().expect("date"), strength, Tone::Neutral)
            .with_interaction(InteractionKind::Call)
    }

    #[test]
    fn steps_hold_each_strength_until_the_next_observation() {
        let mut r = Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::Informal,
        );
        r.observations = vec![
            observation("2025-01-10", 3),
            observation("2025-01-01", 1),
            observation("2025-01-10", 4), // same day, recorded later: wins
        ];
        let d = |s: &str| s.parse::<Date>().expect("date").to_days() as f64;
        let corners = steps(&r, "2025-02-01".parse().expect("date"));
        assert_eq!(
            corners,
            [
                [d("2025-01-01"), 1.0],
                [d("2025-01-10"), 1.0],
                [d("2025-01-10"), 4.0],
                [d("2025-02-01"), 4.0]
            ]
        );
    }

    fn marks(from: &str, to: &str) -> Vec<(String, f64)> {
        let d = |s: &str| s.parse::<Date>().expect("date").to_days() as f64;
        calendar_marks((d(from), d(to)))
            .into_iter()
            .map(|m| (Date::from_days(m.value as i64).to_string(), m.step_size))
            .collect()
    }

    #[test]
    fn the_time_axis_is_marked_on_the_calendar() {
        // Two and a half years: every month's first, years and quarters the wider marks.
        let marks = marks("2024-03-15", "2026-11-29");
        assert_eq!(marks.first().map(|m| m.0.as_str()), Some("2024-04-01"));
        assert_eq!(marks.last().map(|m| m.0.as_str()), Some("2026-11-01"));
        assert_eq!(marks.len(), 32);
        let step = |day: &str| marks.iter().find(|m| m.0 == day).map(|m| m.1);
        assert_eq!(step("2025-01-01"), Some(5.0 * YEAR));
        assert_eq!(step("2026-01-01"), Some(YEAR));
        assert_eq!(step("2025-07-01"), Some(YEAR / 4.0));
        assert_eq!(step("2025-08-01"), Some(YEAR / 12.0));
        // A year's mark reads as the year, a month's as year and month, a week's in full.
        let day = |s: &str| s.parse::<Date>().expect("date").to_days() as f64;
        assert_eq!(date_mark_label(day("2026-01-01"), YEAR), "2026");
        assert_eq!(date_mark_label(day("2025-08-01"), YEAR / 12.0), "2025-08");
        assert_eq!(date_mark_label(day("2025-08-11"), 7.0), "2025-08-11");
    }

    #[test]
    fn a_span_of_weeks_is_marked_each_monday() {
        let marks = marks("2025-03-01", "2025-04-10");
        let mondays: Vec<&str> = marks
            .iter()
            .filter(|m| m.1 == 7.0)
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(
            mondays,
            [
                "2025-03-03",
                "2025-03-10",
                "2025-03-17",
                "2025-03-24",
                "2025-03-31",
                "2025-04-07"
            ]
        );
        assert!(marks.iter().any(|m| m.0 == "2025-04-01" && m.1 > 7.0));
    }

    #[test]
    fn lines_at_one_strength_are_drawn_apart_but_read_at_it() {
        for n in [2, 3, 7, 40] {
            let offsets: Vec<f64> = (0..n).map(|i| line_offset(i, n)).collect();
            assert!(offsets.windows(2).all(|w| w[1] > w[0]), "{offsets:?}");
            assert!(
                offsets.iter().all(|o| o.abs() <= 0.25 + 1e-9),
                "{offsets:?}"
            );
            let mean = offsets.iter().sum::<f64>() / n as f64;
            assert!(mean.abs() < 1e-9, "centred: {offsets:?}");
        }
        assert_eq!(line_offset(0, 1), 0.0);
    }

    #[test]
    fn a_planned_observation_is_not_on_the_line_before_its_day() {
        let mut r = Relationship::new(
            RelationshipId(1),
            StakeholderId(1),
            StakeholderId(2),
            RelationshipKind::Informal,
        );
        r.observations = vec![observation("2025-05-01", 2), observation("2030-01-01", 5)];
        let today: Date = "2026-11-29".parse().expect("date");
        let corners = steps(&r, today);
        assert!(corners.iter().all(|&[_, y]| y == 2.0), "{corners:?}");
        assert_eq!(corners.last().map(|c| c[0]), Some(today.to_days() as f64));
    }
}
