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
        // Marks every 2^k days: the default powers of ten leave months of days unmarked.
        .x_grid_spacer(egui_plot::log_grid_spacer(2))
        .x_axis_formatter(|mark, _| {
            // Year and month: a full date is too wide to fit between the grid marks.
            let date = Date::from_days(mark.value.round() as i64).to_string();
            date.get(..7).unwrap_or(&date).to_owned()
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
        for (r, (name, colour, dashed)) in relationships.iter().zip(&lines) {
            let mut line = Line::new(name.clone(), PlotPoints::from(steps(r, today)))
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
