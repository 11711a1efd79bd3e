//! Time on the map: the as-of slider with play, named baselines, and comparing two dates
//! or baselines.

use crate::analysis::Moment;
use crate::model::{Date, Map};
use crate::redaction::RedactionProfile;
use egui::Ui;

/// How many days the map moves per second while playing.
const PLAY_DAYS_PER_SECOND: f64 = 60.0;

/// What the time panel asks the app to do.
#[derive(Debug)]
pub enum TimeAction {
    /// Show the map as of this date (`None`: today).
    ShowAsOf(Option<Date>),
    /// Compare two moments (`None`: stop comparing).
    Compare(Option<(Moment, Moment)>),
    /// Keep a baseline of the map on this date under this name.
    SaveBaseline { name: String, date: Date },
    /// Write the change report of the comparison to a file, under a profile.
    SaveReport(RedactionProfile),
    /// Tell the person why what they typed was not taken as it was.
    Say(String),
}

/// Who a change report is for, in the order offered.
const REPORT_PROFILES: [(RedactionProfile, &str); 3] = [
    (
        RedactionProfile::Partner,
        "For partners (no contact details, notes or recorded-by)...",
    ),
    (
        RedactionProfile::Public,
        "For the public (also no owners, no confidential stakeholders)...",
    ),
    (RedactionProfile::Internal, "Internal (everything)..."),
];

/// The time controls' state.
#[derive(Default)]
pub struct Timeline {
    /// The date the canvas shows; `None` for today, the map as it is.
    pub as_of: Option<Date>,
    /// Playing: the date moves forward by itself.
    pub playing: bool,
    /// Comparing two moments: the canvas highlights what changed between them.
    pub compare: Option<(Moment, Moment)>,
    /// Where the day of `as_of` is, as a fractional day while playing.
    play_day: f64,
    date_text: String,
    baseline_name: String,
    from_text: String,
    to_text: String,
}

impl Timeline {
    /// The date the canvas shows.
    pub fn shown_date(&self, today: Date) -> Date {
        self.as_of.unwrap_or(today)
    }

    /// Advances the date while playing; returns the date to show when it moved to another
    /// day (`Some(None)`: today, where playing stops).
    pub fn tick(&mut self, dt: f64, today: Date) -> Option<Option<Date>> {
        let date = self.as_of.filter(|_| self.playing)?;
        if self.play_day < date.to_days() as f64 {
            self.play_day = date.to_days() as f64;
        }
        self.play_day += dt * PLAY_DAYS_PER_SECOND;
        let next = Date::from_days(self.play_day.floor() as i64);
        if next >= today {
            self.playing = false;
            return Some(None);
        }
        (next != date).then_some(Some(next))
    }

    /// The bottom panel: as-of slider, play, baselines and comparison. `first` is the
    /// map's first observation (kept by the app, not looked for every frame). Returns what
    /// the person asked for; `as_of` and `compare` are changed by the app, not here.
    /// The time bar; `shown` is the profile the map is shown under: a change report never
    /// offers more than it.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        map: &Map,
        first: Option<Date>,
        today: Date,
        shown: RedactionProfile,
    ) -> Vec<TimeAction> {
        let mut actions = Vec::new();
        let Some(first) = first else {
            ui.weak("Log interactions on relationships to follow the map through time.");
            return actions;
        };
        let first = first.min(today);
        ui.horizontal(|ui| {
            let as_of_label = ui.label("As of");
            let mut day = self.shown_date(today).to_days();
            let slider = egui::Slider::new(&mut day, first.to_days()..=today.to_days())
                .show_value(false)
                .clamping(egui::SliderClamping::Always);
            if ui.add_sized([280.0, 18.0], slider).changed() {
                let date = Date::from_days(day);
                self.playing = false;
                actions.push(TimeAction::ShowAsOf((date < today).then_some(date)));
            }
            let shown = self.shown_date(today).to_string();
            if !ui.memory(|m| m.has_focus(egui::Id::new("as_of_date"))) {
                self.date_text = shown;
            }
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.date_text)
                        .id(egui::Id::new("as_of_date"))
                        .desired_width(90.0),
                )
                .labelled_by(as_of_label.id)
                .on_hover_text("The date the map is shown as of, YYYY-MM-DD");
            if field.lost_focus() {
                let typed = self.date_text.trim().to_owned();
                match typed.parse::<Date>() {
                    Ok(date) => {
                        if date > today {
                            actions.push(TimeAction::Say(format!(
                                "The map is shown as of today at the latest ({today}): observations after today are planned, and count from their day on."
                            )));
                        } else if date < first {
                            actions.push(TimeAction::Say(format!(
                                "Nothing was observed before {first}: the map is shown as of then."
                            )));
                        }
                        let date = date.clamp(first, today);
                        actions.push(TimeAction::ShowAsOf((date < today).then_some(date)));
                    }
                    Err(_) => {
                        self.date_text = self.shown_date(today).to_string();
                        actions.push(TimeAction::Say(format!(
                            "“{typed}” is not a date (YYYY-MM-DD); the map stays as of {}.",
                            self.date_text
                        )));
                    }
                }
            }
            let play = if self.playing { "Pause" } else { "Play" };
            if ui
                .button(play)
                .on_hover_text("Animate the map through time")
                .clicked()
            {
                self.playing = !self.playing;
                if self.playing && self.as_of.is_none() {
                    self.play_day = first.to_days() as f64;
                    actions.push(TimeAction::ShowAsOf(Some(first)));
                }
            }
            if ui
                .add_enabled(self.as_of.is_some(), egui::Button::new("Today"))
                .clicked()
            {
                self.playing = false;
                actions.push(TimeAction::ShowAsOf(None));
            }
            ui.separator();
            let baseline_label = ui.label("Baseline");
            ui.add(
                egui::TextEdit::singleline(&mut self.baseline_name)
                    .hint_text("Name")
                    .desired_width(140.0),
            )
            .labelled_by(baseline_label.id);
            let name = self.baseline_name.trim().to_owned();
            let can_save = !name.is_empty() && map.baseline(&name).is_none();
            if ui
                .add_enabled(can_save, egui::Button::new("Save baseline"))
                .on_hover_text("Keep the map as it stands on the date shown, under this name")
                .clicked()
            {
                actions.push(TimeAction::SaveBaseline {
                    name,
                    date: self.shown_date(today),
                });
                self.baseline_name.clear();
            }
        });
        ui.horizontal(|ui| {
            let compare_label = ui.label("Compare");
            moment_picker(
                ui,
                "compare_from",
                &mut self.from_text,
                map,
                compare_label.id,
            );
            let with_label = ui.label("with");
            moment_picker(ui, "compare_to", &mut self.to_text, map, with_label.id);
            let from = Moment::parse(self.from_text.trim());
            let to = Moment::parse(self.to_text.trim());
            // Checked every frame: whether they exist, not the maps they give.
            let valid = from.is_in(map) && to.is_in(map);
            let why_not = [self.from_text.trim(), self.to_text.trim()]
                .into_iter()
                .filter(|text| !text.is_empty())
                .find_map(|text| match Moment::read(text) {
                    Err(e) => Some(e.to_string()),
                    Ok(moment) if !moment.is_in(map) => {
                        Some(format!("the map has no baseline “{text}”"))
                    }
                    Ok(_) => None,
                });
            let comparing = self.compare.is_some();
            if comparing {
                if ui.button("Stop comparing").clicked() {
                    actions.push(TimeAction::Compare(None));
                }
                ui.menu_button("Save change report", |ui| {
                    for (profile, label) in REPORT_PROFILES
                        .into_iter()
                        .filter(|&(p, _)| p.stricter(shown) == p)
                    {
                        if ui.button(label).clicked() {
                            actions.push(TimeAction::SaveReport(profile));
                        }
                    }
                })
                .response
                .on_hover_text("A report leaves stakemap: choose what it may say");
            } else {
                if ui
                    .add_enabled(valid, egui::Button::new("Show changes"))
                    .on_hover_text("Highlight what was added, removed, strengthened or weakened")
                    .on_disabled_hover_text(
                        "Type two dates (YYYY-MM-DD) or pick two baselines to compare",
                    )
                    .clicked()
                {
                    actions.push(TimeAction::Compare(Some((from, to))));
                }
                if let Some(why) = why_not {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
            }
        });
        actions
    }

    /// Starts comparing two moments (for tests and the command palette).
    pub fn compare(&mut self, from: Moment, to: Moment) {
        self.from_text = moment_text(&from);
        self.to_text = moment_text(&to);
        self.compare = Some((from, to));
    }
}

fn moment_text(moment: &Moment) -> String {
    match moment {
        Moment::Date(date) => date.to_string(),
        Moment::Baseline(name) => name.clone(),
    }
}

/// A field for a date (`YYYY-MM-DD`) or a baseline name, with the baselines to pick from.
fn moment_picker(ui: &mut Ui, id: &str, text: &mut String, map: &Map, label: egui::Id) -> bool {
    let mut changed = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text("YYYY-MM-DD or baseline")
                .desired_width(150.0),
        )
        .labelled_by(label)
        .changed();
    if !map.baselines().is_empty() {
        egui::ComboBox::from_id_salt(id)
            .selected_text("Baselines")
            .show_ui(ui, |ui| {
                for b in map.baselines() {
                    if ui.button(format!("{} ({})", b.name, b.date)).clicked() {
                        text.clone_from(&b.name);
                        changed = true;
                    }
                }
            });
    }
    changed
}
