//! The Filter section of the side panel and the row of chips above the canvas: what the
//! view shows, changed through [`Command::SetFilter`] like every other view setting.

use super::command::Command;
use crate::analysis::{Metric, NetworkMetrics, Trend};
use crate::filter::{Filter, FilterMode, MetricRange, trend_name};
use crate::model::{Engagement, Map, StakeholderKind, Strength, Tone};
use crate::style::encoding::format_value;
use egui::Ui;
use std::collections::BTreeSet;

/// The Filter section: text, kinds, sectors, areas, tags, engagement, a metric range, least
/// strength, tones, trends, and whether what is left out is faded or hidden. `map` offers
/// the sectors, areas and tags to choose from; `metrics` (once the pipeline has computed
/// them for a metric range) the range of values a metric takes.
pub fn filter_ui(
    ui: &mut Ui,
    map: &Map,
    metrics: Option<&NetworkMetrics>,
    filter: &Filter,
    commands: &mut Vec<Command>,
) {
    let mut f = filter.clone();
    ui.horizontal(|ui| {
        let label = ui.label("Filter text");
        ui.add(
            egui::TextEdit::singleline(&mut f.text)
                // Its own id: the field keeps the keyboard while the chips and the
                // panel's heading change under it at the first letter typed.
                .id_salt("filter_text")
                .hint_text("name, tag, sector…")
                .desired_width(120.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Stakeholders whose name, description, sector, area or a tag contains this");
    });
    ui.horizontal(|ui| {
        ui.label("Left out:");
        ui.radio_value(&mut f.mode, FilterMode::Fade, "fade");
        ui.radio_value(&mut f.mode, FilterMode::Hide, "hide");
    });
    ui.label("Kinds");
    ui.horizontal_wrapped(|ui| {
        for kind in StakeholderKind::ALL {
            toggle(ui, &mut f.kinds, kind, &kind.to_string());
        }
    });
    let values = |field: fn(&crate::model::Stakeholder) -> Vec<String>| {
        map.stakeholders()
            .flat_map(field)
            .filter(|v| !v.trim().is_empty())
            .collect::<BTreeSet<String>>()
    };
    pick(
        ui,
        "Sector",
        &values(|s| vec![s.sector.clone()]),
        &mut f.sectors,
    );
    pick(ui, "Area", &values(|s| vec![s.area.clone()]), &mut f.areas);
    pick(ui, "Tag", &values(|s| s.tags.clone()), &mut f.tags);
    ui.label("Engagement now");
    ui.horizontal_wrapped(|ui| {
        for level in Engagement::ALL {
            toggle(ui, &mut f.engagement, Some(level), &level.to_string());
        }
        toggle(ui, &mut f.engagement, None, "not assessed");
    });
    metric_range_ui(ui, metrics, &mut f.metric);
    ui.separator();
    ui.label("Relationships");
    ui.horizontal(|ui| {
        ui.label("At least");
        let shown = f.min_strength.map_or("any strength".to_owned(), |s| {
            format!("{} {}", s.get(), s.name())
        });
        egui::ComboBox::from_id_salt("filter_min_strength")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.min_strength, None, "any strength");
                for level in 1..=5u8 {
                    if let Ok(s) = Strength::new(level) {
                        ui.selectable_value(
                            &mut f.min_strength,
                            Some(s),
                            format!("{} {}", s.get(), s.name()),
                        );
                    }
                }
            });
    });
    ui.horizontal_wrapped(|ui| {
        for tone in Tone::ALL {
            toggle(ui, &mut f.tones, tone, &tone.to_string());
        }
    });
    ui.horizontal_wrapped(|ui| {
        for trend in [Trend::Rising, Trend::Steady, Trend::Cooling] {
            toggle(ui, &mut f.trends, trend, trend_name(trend));
        }
    });
    if !f.is_empty() && ui.button("Clear the filter").clicked() {
        f = Filter {
            mode: f.mode,
            ..Filter::default()
        };
    }
    if f != *filter {
        commands.push(Command::SetFilter(f));
    }
}

/// The active filter as chips, each removed by its ×, and a way to clear them all.
pub fn chips_ui(ui: &mut Ui, filter: &Filter, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let verb = match filter.mode {
            FilterMode::Fade => "Fading all but",
            FilterMode::Hide => "Showing only",
        };
        ui.label(verb);
        for chip in filter.chips() {
            let label = format!("{}  ×", filter.chip_label(&chip));
            if ui
                .button(label)
                .on_hover_text("Remove this condition")
                .clicked()
            {
                commands.push(Command::SetFilter(filter.without(&chip)));
            }
        }
        if ui.link("Clear").clicked() {
            commands.push(Command::SetFilter(Filter {
                mode: filter.mode,
                ..Filter::default()
            }));
        }
    });
}

/// A network metric and the range of it to keep. The bounds start open; each shows the
/// map's own least or greatest value until it is set, and the values the map takes are
/// said beside them.
fn metric_range_ui(ui: &mut Ui, metrics: Option<&NetworkMetrics>, range: &mut Option<MetricRange>) {
    ui.horizontal(|ui| {
        let label = ui.label("Metric");
        let chosen = range.map_or("any".to_owned(), |r| r.metric.label().to_owned());
        egui::ComboBox::from_id_salt("filter_metric")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                if ui.selectable_label(range.is_none(), "any").clicked() {
                    *range = None;
                }
                // Communities and components are numbers that name groups: no range of them
                // means anything.
                for metric in Metric::ALL.into_iter().filter(|m| !m.is_category()) {
                    let on = range.is_some_and(|r| r.metric == metric);
                    if ui
                        .selectable_label(on, metric.label())
                        .on_hover_text(metric.description())
                        .clicked()
                        && !on
                    {
                        *range = Some(MetricRange {
                            metric,
                            least: None,
                            most: None,
                        });
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let Some(r) = range.as_mut() else { return };
    let Some((low, high)) = metrics.and_then(|m| m.range(r.metric)) else {
        ui.weak("Computing the metrics…");
        return;
    };
    let speed = ((high - low) / 200.0).max(1e-4);
    let decimals = if r.metric == Metric::Degree { 0 } else { 3 };
    ui.horizontal(|ui| {
        let label = ui.label("from");
        let mut least = r.least.unwrap_or(low);
        if ui
            .add(
                egui::DragValue::new(&mut least)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id)
            .changed()
        {
            r.least = Some(least);
        }
        let label = ui.label("to");
        let mut most = r.most.unwrap_or(high);
        if ui
            .add(
                egui::DragValue::new(&mut most)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id)
            .changed()
        {
            r.most = Some(most);
        }
    });
    ui.weak(format!(
        "the map's values: {} to {}",
        format_value(low),
        format_value(high)
    ));
}

/// A checkbox for one value of a set.
fn toggle<T: Ord + Clone>(ui: &mut Ui, set: &mut BTreeSet<T>, value: T, label: &str) {
    let mut on = set.contains(&value);
    if ui.checkbox(&mut on, label).changed() {
        if on {
            set.insert(value);
        } else {
            set.remove(&value);
        }
    }
}

/// A drop-down that adds one of `choices` to `chosen` (removed again from the chips).
fn pick(ui: &mut Ui, label: &str, choices: &BTreeSet<String>, chosen: &mut BTreeSet<String>) {
    if choices.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(label);
        egui::ComboBox::from_id_salt(("filter_pick", label))
            .selected_text(format!("add a {}…", label.to_lowercase()))
            .show_ui(ui, |ui| {
                for choice in choices {
                    let mut on = chosen.contains(choice);
                    if ui.checkbox(&mut on, choice).changed() {
                        if on {
                            chosen.insert(choice.clone());
                        } else {
                            chosen.remove(choice);
                        }
                    }
                }
            });
    });
}
