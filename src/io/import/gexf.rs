//! GEXF (1.1 to 1.3) from Gephi, networkx and stakemap, static and dynamic.
//!
//! - Attributes are matched by `title` (networkx numbers their ids); `for="weight"` with no
//!   declaration is Gephi's built-in weight. A declared `<default>` fills nodes and edges
//!   that lack the value.
//! - A dynamic `weight` (attvalues with `start`, `startopen` or `timestamp`) becomes one
//!   observation a value, dated the calendar day its time starts on; the dynamic `tone`
//!   starting the same day gives its tone (else Neutral, said in the report). Times are
//!   read as written: `2025-03-31T23:30:00-04:00` is 31 March in its own offset, and a
//!   time without an offset is in the graph's time zone, so its written day is the day
//!   (no conversion to UTC ever moves a day). An edge's `end` becomes an observation of
//!   strength 0 (none) on that day, noted "ended (GEXF end)". A static weight on an edge
//!   with a `start` is observed on that day. Times that are not dates (`timeformat`
//!   `double` or `integer`) give no dates: the latest value is kept as an undated
//!   strength. A file without `timeformat` (networkx wrote some) is read the same way,
//!   times that look like dates as dates, and the report says so.
//! - Positions: `viz:position` with y negated (Gephi's y axis points up). Colours, sizes
//!   and shapes are dropped: stakemap derives them.
//! - A node's `start` (stakeholders keep no dates) becomes a note line in its description:
//!   "On the map from 2025-03-01".
//! - stakemap's own `observations` attribute (the whole log as JSON) is preferred to the
//!   dynamic weight when present.

use super::ImportError;
use super::build::{Builder, EdgeRecord, ImportedGraph, NodeRecord, Settings};
use super::values::{self, DayOrder, StrengthRule};
use super::xml::{Item, XmlReader, attribute};
use crate::io::fields::{self, EdgeNaming};
use crate::io::mapping::{Action, Location, MappingReport};
use crate::model::{Date, InteractionKind, Observation, Position, Strength, Tone};
use std::collections::HashMap;

/// An `<attribute>` declaration.
struct Declared {
    title: String,
    dynamic: bool,
    default: Option<String>,
}

/// How the file writes its times.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Times {
    /// `date` or `dateTime`: calendar days.
    Dates,
    /// `double`, `integer`...: numbers, no calendar.
    Numbers,
    /// Not said: dates when they look like dates.
    #[default]
    Unsaid,
}

/// One value of a dynamic attribute.
struct Spell {
    value: String,
    start: Option<String>,
}

/// The node or edge being read.
#[derive(Default)]
struct Pending {
    node: Option<NodeRecord>,
    edge: Option<EdgeRecord>,
    start: Option<String>,
    end: Option<String>,
    weights: Vec<Spell>,
    tones: Vec<Spell>,
    seen: Vec<String>,
}

/// Everything the reading loop keeps between events.
#[derive(Default)]
struct State {
    /// Declarations by (class, id).
    declared: HashMap<(String, String), Declared>,
    class: String,
    class_dynamic: bool,
    attribute_id: Option<String>,
    in_default: bool,
    meta: Option<&'static str>,
    buffer: String,
    title: Option<String>,
    description: Option<String>,
    times: Times,
    timezone: Option<String>,
    default_directed: bool,
    pending: Pending,
    nodes: Vec<NodeRecord>,
    edges: Vec<(EdgeRecord, Pending)>,
    derived: usize,
    node_starts: usize,
    dynamic_others: usize,
    labels: usize,
    weights: usize,
}

pub(super) fn read(
    origin: &str,
    text: &str,
    mut report: MappingReport,
) -> Result<ImportedGraph, ImportError> {
    report.subject = format!("{origin} (GEXF)");
    let mut xml = XmlReader::new(origin, text);
    let mut s = State::default();
    let mut root = false;
    loop {
        match xml.next(&mut report)? {
            Item::Eof => break,
            Item::Text(t) => {
                if s.in_default || s.meta.is_some() {
                    s.buffer.push_str(&t);
                }
            }
            Item::End { name } => close(&name, &mut s),
            Item::Start {
                name,
                attributes,
                empty,
                at,
            } => {
                if !root {
                    if name != "gexf" {
                        return Err(xml.error_at(
                            0,
                            format!("not GEXF: the document is a <{name}>, not a <gexf>"),
                        ));
                    }
                    root = true;
                }
                open(
                    &name,
                    &attributes,
                    Location::new(origin, Some(at.0), Some(at.1)),
                    &mut s,
                );
                if empty {
                    close(&name, &mut s);
                }
            }
        }
    }
    if !root {
        return Err(xml.error_at(0, "not GEXF: no <gexf> element"));
    }
    let settings = Settings {
        term: "attribute",
        naming: EdgeNaming::Kumu,
        decimal_comma: false,
        y_up: true,
        default_directed: s.default_directed,
        default_direction_rule: if s.default_directed {
            "directed (the graph's defaultedgetype)"
        } else {
            "undirected (the graph's defaultedgetype, or GEXF's default when it has none)"
        },
        day_order: DayOrder::Unknown,
        ends_by_label: false,
    };
    let mut builder = Builder::new(settings, report);
    builder.set_title(s.title.take(), s.description.take());
    let timed = s
        .edges
        .iter()
        .any(|(_, p)| !p.weights.is_empty() || p.end.is_some() || p.start.is_some());
    let report = builder.report();
    if timed {
        let rule = match (s.times, &s.timezone) {
            (Times::Dates, Some(zone)) => format!(
                "times -> the calendar day as written: in each time's own offset, else in the graph's time zone {zone}"
            ),
            (Times::Dates, None) => "times -> the calendar day as written (in each time's own offset, if any)".to_owned(),
            (Times::Unsaid, _) => {
                "no timeformat: times that look like ISO dates are read as dates, the calendar day as written".to_owned()
            }
            (Times::Numbers, _) => {
                "timeformat is not a date: times give no days; the latest dynamic weight is kept as an undated strength".to_owned()
            }
        };
        report.note(Action::Assumed, rule);
    }
    report.note_n(
        Action::Kept,
        "node start (stakeholders keep no dates) -> a note line `On the map from ...` in the description",
        s.node_starts,
    );
    report.note_n(
        Action::Dropped,
        "viz colours, sizes, shapes and thicknesses: stakemap derives them",
        s.derived,
    );
    report.note_n(
        Action::Converted,
        "other dynamic attributes: the last value listed is kept",
        s.dynamic_others,
    );
    // `label` and `weight` are XML attributes of <node> and <edge>, not declared
    // attributes, so the builder's per-field counts do not see them.
    report.note_n(Action::Mapped, "node attribute `label` -> name", s.labels);
    report.note_n(
        Action::Mapped,
        "edge attribute `weight` -> strength",
        s.weights,
    );
    for record in std::mem::take(&mut s.nodes) {
        builder.add_node(record);
    }
    for (mut record, pending) in std::mem::take(&mut s.edges) {
        spells_to_log(&mut record, &pending, s.times, builder.report());
        builder.add_edge(record);
    }
    Ok(builder.finish())
}

fn open(name: &str, attributes: &[(String, String)], at: Location, s: &mut State) {
    let get = |k: &str| attribute(attributes, k).map(str::to_owned);
    match name {
        "graph" => {
            s.times = match get("timeformat").map(|t| t.to_ascii_lowercase()).as_deref() {
                Some("date" | "datetime") => Times::Dates,
                Some(_) => Times::Numbers,
                None => Times::Unsaid,
            };
            s.timezone = get("timezone");
            s.default_directed = get("defaultedgetype").as_deref() == Some("directed");
        }
        "title" | "description" if s.pending.node.is_none() && s.pending.edge.is_none() => {
            s.meta = Some(if name == "title" {
                "title"
            } else {
                "description"
            });
            s.buffer.clear();
        }
        "attributes" => {
            s.class = get("class").unwrap_or_default();
            s.class_dynamic = get("mode").as_deref() == Some("dynamic");
        }
        "attribute" => {
            let id = get("id").unwrap_or_default();
            let declared = Declared {
                title: get("title").unwrap_or_else(|| id.clone()),
                dynamic: s.class_dynamic,
                default: None,
            };
            s.declared.insert((s.class.clone(), id.clone()), declared);
            s.attribute_id = Some(id);
        }
        "default" if s.attribute_id.is_some() => {
            s.in_default = true;
            s.buffer.clear();
        }
        "node" => {
            let mut record = NodeRecord::new(at, get("id"));
            record.label = get("label");
            s.labels += usize::from(record.label.is_some());
            s.pending = Pending {
                node: Some(record),
                start: get("start").or_else(|| get("startopen")),
                ..Pending::default()
            };
        }
        "edge" => {
            let mut record = EdgeRecord::new(
                at,
                get("id"),
                get("source").unwrap_or_default(),
                get("target").unwrap_or_default(),
            );
            record.directed = match get("type").as_deref() {
                Some("directed") => Some(true),
                Some("undirected" | "mutual") => Some(false),
                _ => None,
            };
            record.label = get("kind").or_else(|| get("label"));
            if let (Some(kind), Some(label)) = (get("kind"), get("label"))
                && kind != label
            {
                record.fields.push(("label".to_owned(), label));
            }
            record.weight = get("weight");
            s.weights += usize::from(record.weight.is_some());
            s.pending = Pending {
                edge: Some(record),
                start: get("start").or_else(|| get("startopen")),
                end: get("end").or_else(|| get("endopen")),
                ..Pending::default()
            };
        }
        "attvalue" => attvalue(&get, s),
        "position" => {
            if let Some(n) = s.pending.node.as_mut() {
                let number = |k: &str| {
                    get(k)
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .filter(|v| v.is_finite())
                };
                if let (Some(x), Some(y)) = (number("x"), number("y")) {
                    n.position = Some(Position(x, 0.0 - y));
                }
            }
        }
        "color" | "size" | "shape" | "thickness" => s.derived += 1,
        "spell" if s.pending.start.is_none() => {
            s.pending.start = get("start").or_else(|| get("startopen"));
        }
        _ => {}
    }
}

fn attvalue(get: &dyn Fn(&str) -> Option<String>, s: &mut State) {
    let key = get("for").unwrap_or_default();
    let value = get("value").unwrap_or_default();
    let start = get("start")
        .or_else(|| get("startopen"))
        .or_else(|| get("timestamp"));
    let on_edge = s.pending.edge.is_some();
    let class = if on_edge { "edge" } else { "node" };
    let declaration = s.declared.get(&(class.to_owned(), key.clone()));
    let dynamic = start.is_some() || get("end").is_some() || declaration.is_some_and(|d| d.dynamic);
    let title = declaration.map_or_else(|| key.clone(), |d| d.title.clone());
    s.pending.seen.push(key);
    let normal = fields::normalise(&title);
    if on_edge && dynamic && normal == "weight" {
        s.pending.weights.push(Spell { value, start });
        return;
    }
    if on_edge && dynamic && normal == "tone" {
        s.pending.tones.push(Spell { value, start });
        return;
    }
    if on_edge && normal == "weight" {
        if let Some(e) = s.pending.edge.as_mut() {
            e.weight = Some(value);
        }
        return;
    }
    let fields = match (s.pending.edge.as_mut(), s.pending.node.as_mut()) {
        (Some(e), _) => &mut e.fields,
        (None, Some(n)) => &mut n.fields,
        (None, None) => return,
    };
    if dynamic {
        // A later value of a dynamic attribute replaces an earlier one: the latest is kept.
        s.dynamic_others += 1;
        fields.retain(|(t, _)| *t != title);
    }
    fields.push((title, value));
}

fn close(name: &str, s: &mut State) {
    match name {
        "default" if s.in_default => {
            if let Some(id) = s.attribute_id.as_ref()
                && let Some(d) = s.declared.get_mut(&(s.class.clone(), id.clone()))
            {
                d.default = Some(s.buffer.clone());
            }
            s.in_default = false;
        }
        "attribute" => s.attribute_id = None,
        "title" | "description" if s.meta.is_some() => {
            let text = std::mem::take(&mut s.buffer);
            if s.meta == Some("title") {
                s.title = Some(text);
            } else {
                s.description = Some(text);
            }
            s.meta = None;
        }
        "node" => {
            let pending = std::mem::take(&mut s.pending);
            if let Some(mut record) = pending.node {
                apply_defaults(&s.declared, "node", &pending.seen, &mut record.fields);
                if let Some(start) = &pending.start {
                    let day = day(start, s.times).map_or_else(|| start.clone(), |d| d.to_string());
                    record.notes.push(format!("On the map from {day}"));
                    s.node_starts += 1;
                }
                s.nodes.push(record);
            }
        }
        "edge" => {
            let mut pending = std::mem::take(&mut s.pending);
            if let Some(mut record) = pending.edge.take() {
                apply_defaults(&s.declared, "edge", &pending.seen, &mut record.fields);
                s.edges.push((record, pending));
            }
        }
        _ => {}
    }
}

fn apply_defaults(
    declared: &HashMap<(String, String), Declared>,
    class: &str,
    seen: &[String],
    fields: &mut Vec<(String, String)>,
) {
    let mut extra: Vec<(String, String)> = declared
        .iter()
        .filter(|((c, id), _)| c == class && !seen.contains(id))
        .filter_map(|(_, d)| {
            let value = d.default.as_deref()?.trim();
            // An empty or false default is what stakemap assumes anyway.
            (!value.is_empty() && !value.eq_ignore_ascii_case("false"))
                .then(|| (d.title.clone(), value.to_owned()))
        })
        .collect();
    extra.sort();
    fields.extend(extra);
}

/// A time as a calendar day, if the file's times are days.
fn day(time: &str, times: Times) -> Option<Date> {
    if times == Times::Numbers {
        return None;
    }
    values::date(time, DayOrder::Unknown).ok()
}

fn observation(date: Date, strength: Strength, tone: Tone, note: &str) -> Observation {
    Observation::new(date, strength, tone)
        .with_interaction(InteractionKind::Other)
        .with_note(note)
}

/// Turns an edge's dynamic weight and tone, its start and its end into its log.
fn spells_to_log(
    record: &mut EdgeRecord,
    pending: &Pending,
    times: Times,
    report: &mut MappingReport,
) {
    let mut observations = Vec::new();
    let mut latest_undated = None;
    let mut undated = 0;
    let mut toneless = 0;
    for spell in &pending.weights {
        let Some(date) = spell.start.as_deref().and_then(|t| day(t, times)) else {
            undated += 1;
            latest_undated = Some(spell.value.clone());
            continue;
        };
        let strength = match values::strength(&spell.value, false) {
            Ok((strength, StrengthRule::AsIs)) => strength,
            Ok((strength, rule)) => {
                let what = if rule == StrengthRule::Clamped {
                    format!("outside {}-{}", Strength::MIN, Strength::MAX)
                } else {
                    "not a whole number".to_owned()
                };
                report.problem(
                    record.at.clone(),
                    format!(
                        "weight `{}` on {date} is {what}: read as strength {strength}",
                        spell.value
                    ),
                );
                strength
            }
            Err(e) => {
                report.problem(
                    record.at.clone(),
                    format!(
                        "{} on {date}: that observation is left out",
                        e.describe(&spell.value, "weight")
                    ),
                );
                continue;
            }
        };
        let tone = pending
            .tones
            .iter()
            .find(|t| t.start.as_deref().and_then(|t| day(t, times)) == Some(date))
            .and_then(|t| fields::tone(&t.value));
        toneless += usize::from(tone.is_none());
        observations.push(observation(
            date,
            strength,
            tone.unwrap_or(Tone::Neutral),
            "",
        ));
    }
    report.note_n(
        Action::Assumed,
        "dynamic weights without a dated start: the latest is kept as an undated strength",
        undated,
    );
    report.note_n(
        Action::Assumed,
        "dynamic weights with no tone starting the same day: tone Neutral",
        toneless,
    );
    report.note_n(
        Action::Converted,
        "dynamic weight -> one observation a value, dated the day it starts",
        observations.len(),
    );
    if observations.is_empty() {
        let weight = latest_undated.or_else(|| record.weight.clone());
        let start = pending.start.as_deref().and_then(|t| day(t, times));
        match (weight, start) {
            (Some(weight), Some(start)) => match values::strength(&weight, false) {
                Ok((strength, _)) => {
                    observations.push(observation(start, strength, Tone::Neutral, ""));
                    record.weight = None;
                    report.note(Action::Assumed, "a static weight on an edge with a start: observed on its start day, tone Neutral");
                }
                // The builder reports the bad weight.
                Err(_) => record.weight = Some(weight),
            },
            (weight, _) => record.weight = weight,
        }
    } else {
        record.weight = None;
    }
    if let Some(end) = pending.end.as_deref().and_then(|t| day(t, times)) {
        if observations.is_empty() && record.weight.take().is_some() {
            report.problem(
                record.at.clone(),
                "a weight with no day on an edge that ends: the weight cannot be dated and is left out".to_owned(),
            );
        }
        let tone = observations.last().map_or(Tone::Neutral, |o| o.tone);
        observations.push(observation(end, Strength::NONE, tone, "ended (GEXF end)"));
        report.note(
            Action::Converted,
            "edge end -> an observation of strength 0 (none) that day, noted \"ended (GEXF end)\"",
        );
    }
    if !observations.is_empty() {
        observations.sort_by_key(|o| o.date);
        record.observations = Some(observations);
    }
}
