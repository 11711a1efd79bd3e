//! GEXF 1.3 (<https://gexf.net/>) for Gephi, with strength over time on Gephi's timeline.
//!
//! - The graph is `mode="dynamic"` with `timeformat="date"` (days, `YYYY-MM-DD`) and
//!   interval time representation. Each relationship's strength over time is a dynamic
//!   `weight`, as Gephi writes it: one `<attvalue for="weight">` a day with observations,
//!   from that day to the day before the next (the last one open-ended), holding the
//!   strength the day ended with; its tone likewise as the dynamic attribute `tone`. The
//!   edge starts (`start`) on its first observation. The static `weight` is the current
//!   strength (none for a relationship never observed: Gephi's default, 1, is stakemap's
//!   "aware" too).
//! - The relationship kind is the edge's `kind` (GEXF 1.3's way of telling parallel edges
//!   apart) and its `label`; the whole log, notes and all, is the static attribute
//!   `observations` (JSON text), so a round trip keeps every observation.
//! - Positions are `viz:position` with y negated (Gephi's y axis points up, the canvas's
//!   down); colour, size and shape come from stakemap's style.

use super::fields::{FieldType, STAKEHOLDER_FIELDS, stakeholder_values};
use super::graphml::note_shapes;
use super::xml::Xml;
use super::{MixedDirections, daily_log, direction_counts, kind_name, number, observed_span};
use crate::io::fields::observations_to_json;
use crate::io::mapping::{Action, MappingReport};
use crate::model::{Map, Relationship, Stakeholder};
use crate::style::{self, Rgba};
use std::collections::HashMap;
use std::io::Write;

const CHUNK: usize = 2_000;

/// GEXF's name for a field's type.
fn gexf_type(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "string",
        FieldType::Integer => "integer",
        FieldType::Boolean => "boolean",
    }
}

const EDGE_ATTRIBUTES: [(&str, &str); 4] = [
    ("directed", "boolean"),
    ("owner", "string"),
    ("notes", "string"),
    ("observations", "string"),
];

pub(super) fn write(
    map: &Map,
    options: super::ExportOptions,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> std::io::Result<()> {
    let mut xml = Xml::new();
    xml.open(
        0,
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    );
    xml.open(1, "meta", &[]);
    xml.text(2, "creator", &[], "stakemap");
    xml.text(2, "title", &[], &map.title);
    if !map.description.is_empty() {
        xml.text(2, "description", &[], &map.description);
    }
    xml.close(1, "meta");
    let (directed, undirected) = direction_counts(map);
    let default_directed = directed > 0;
    xml.open(
        1,
        "graph",
        &[
            ("mode", "dynamic"),
            (
                "defaultedgetype",
                if default_directed {
                    "directed"
                } else {
                    "undirected"
                },
            ),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ],
    );
    xml.open(2, "attributes", &[("class", "node"), ("mode", "static")]);
    for (name, kind) in STAKEHOLDER_FIELDS.map(|(name, kind)| (name, gexf_type(kind))) {
        if kind == "boolean" {
            xml.open(
                3,
                "attribute",
                &[("id", name), ("title", name), ("type", kind)],
            );
            xml.text(4, "default", &[], "false");
            xml.close(3, "attribute");
        } else {
            xml.empty(
                3,
                "attribute",
                &[("id", name), ("title", name), ("type", kind)],
            );
        }
    }
    xml.close(2, "attributes");
    xml.open(2, "attributes", &[("class", "edge"), ("mode", "static")]);
    for (name, kind) in EDGE_ATTRIBUTES {
        xml.empty(
            3,
            "attribute",
            &[("id", name), ("title", name), ("type", kind)],
        );
    }
    xml.close(2, "attributes");
    xml.open(2, "attributes", &[("class", "edge"), ("mode", "dynamic")]);
    xml.empty(
        3,
        "attribute",
        &[("id", "tone"), ("title", "tone"), ("type", "string")],
    );
    xml.close(2, "attributes");

    xml.open(2, "nodes", &[]);
    let mut unplaced = 0;
    let mut initiatives = 0;
    for (i, s) in map.stakeholders_by_id().into_iter().enumerate() {
        unplaced += usize::from(s.position.is_none());
        initiatives += usize::from(style::node_shape(s.kind) == style::NodeShape::Hexagon);
        node(&mut xml, s);
        if i % CHUNK == CHUNK - 1 {
            xml.flush_to(out)?;
        }
    }
    xml.close(2, "nodes");
    xml.open(2, "edges", &[]);
    let native = options.mixed_directions == MixedDirections::Native;
    let mut spells = 0;
    for (i, r) in map.relationships_by_id().into_iter().enumerate() {
        spells += edge(&mut xml, r, default_directed && !r.directed && native);
        if i % CHUNK == CHUNK - 1 {
            xml.flush_to(out)?;
        }
    }
    xml.close(2, "edges");
    xml.close(1, "graph");
    xml.close(0, "gexf");
    xml.flush_to(out)?;

    report.note(
        Action::Mapped,
        "stakeholder -> node (id = stakeholder id), relationship -> edge (id = relationship id)",
    );
    report.note(
        Action::Mapped,
        "relationship kind -> edge `kind` and `label`",
    );
    report.note(
        Action::Mapped,
        "every other field -> an attribute named after it",
    );
    report.note_n(Action::Converted, "strength over time -> dynamic `weight` spells, one a day with observations (the strength that day ended with)", spells);
    report.note(
        Action::Mapped,
        "observation log -> edge attribute `observations` (JSON text, oldest first, every entry)",
    );
    report.note(
        Action::Converted,
        "position -> viz:position (x, -y): y grows upwards, as Gephi draws",
    );
    report.note(Action::Converted, "kind -> viz:color and viz:shape, influence -> viz:size, tone -> edge viz:color, strength -> viz:thickness (stakemap's style)");
    report.note_n(
        Action::Dropped,
        "hexagon shape of initiatives: GEXF has none (no viz:shape written)",
        initiatives,
    );
    if directed > 0 && undirected > 0 {
        let how = if native {
            "the graph is directed; undirected relationships carry type=\"undirected\" (Gephi draws them right; networkx refuses such files)"
        } else {
            "the graph is directed; each relationship's own direction is the `directed` attribute (networkx reads it; Gephi draws every edge with an arrow)"
        };
        report.note_n(
            Action::Converted,
            format!("mixed directions: {how}"),
            undirected,
        );
    }
    if unplaced > 0 {
        report.note_n(
            Action::Dropped,
            "position: stakeholders with none have no viz:position",
            unplaced,
        );
    }
    note_shapes(map, report);
    let mut same_kind: HashMap<_, usize> = HashMap::new();
    for r in map.relationships() {
        let ends = if r.from() <= r.to() {
            (r.from(), r.to())
        } else {
            (r.to(), r.from())
        };
        *same_kind.entry((ends, r.kind)).or_default() += 1;
    }
    let merged: usize = same_kind.values().filter(|&&n| n > 1).map(|&n| n - 1).sum();
    report.note_n(Action::Converted, "parallel relationships of the same kind: written apart, but Gephi merges edges that share ends and `kind`", merged);
    let dropped = xml.dropped;
    report.note_n(
        Action::Dropped,
        "characters XML 1.0 cannot hold (control characters)",
        dropped,
    );
    Ok(())
}

fn colour_attributes(colour: Rgba) -> [(&'static str, String); 3] {
    let [r, g, b, _] = colour.0;
    [
        ("r", r.to_string()),
        ("g", g.to_string()),
        ("b", b.to_string()),
    ]
}

fn viz_shape(kind: crate::model::StakeholderKind) -> Option<&'static str> {
    match style::node_shape(kind) {
        style::NodeShape::Circle => Some("disc"),
        style::NodeShape::Square => Some("square"),
        style::NodeShape::Diamond => Some("diamond"),
        style::NodeShape::Hexagon => None,
    }
}

fn node(xml: &mut Xml, s: &Stakeholder) {
    let id = s.id().0.to_string();
    xml.open(3, "node", &[("id", &id), ("label", &s.name)]);
    xml.open(4, "attvalues", &[]);
    let mut value = |name: &str, value: &str| {
        if !value.is_empty() {
            xml.empty(5, "attvalue", &[("for", name), ("value", value)]);
        }
    };
    for (name, v) in stakeholder_values(s) {
        value(name, &v);
    }
    xml.close(4, "attvalues");
    let [r, g, b] = colour_attributes(style::node_colour(s.kind));
    xml.empty(4, "viz:color", &[(r.0, &r.1), (g.0, &g.1), (b.0, &b.1)]);
    if let Some(p) = s.position {
        xml.empty(
            4,
            "viz:position",
            &[("x", &number(p.0)), ("y", &number(-p.1)), ("z", "0")],
        );
    }
    xml.empty(
        4,
        "viz:size",
        &[("value", &number(style::node_radius(s.influence)))],
    );
    if let Some(shape) = viz_shape(s.kind) {
        xml.empty(4, "viz:shape", &[("value", shape)]);
    }
    xml.close(3, "node");
}

/// Writes one edge; returns how many weight spells it has.
fn edge(xml: &mut Xml, r: &Relationship, say_undirected: bool) -> usize {
    let id = r.id().0.to_string();
    let (from, to) = (r.from().0.to_string(), r.to().0.to_string());
    let kind = kind_name(r.kind);
    let weight = r.strength().to_string();
    let start = observed_span(r).map(|(first, _)| first.to_string());
    let mut attributes = vec![
        ("id", id.as_str()),
        ("source", from.as_str()),
        ("target", to.as_str()),
        ("kind", kind.as_str()),
        ("label", kind.as_str()),
    ];
    // A relationship never observed has no weight (Gephi's default is 1, stakemap's
    // "aware"), so reading it back records nothing.
    if !r.observations.is_empty() {
        attributes.push(("weight", weight.as_str()));
    }
    if say_undirected {
        attributes.push(("type", "undirected"));
    }
    if let Some(start) = &start {
        attributes.push(("start", start));
    }
    xml.open(3, "edge", &attributes);
    xml.open(4, "attvalues", &[]);
    xml.empty(
        5,
        "attvalue",
        &[
            ("for", "directed"),
            ("value", if r.directed { "true" } else { "false" }),
        ],
    );
    for (name, value) in [("owner", &r.owner), ("notes", &r.notes)] {
        if !value.is_empty() {
            xml.empty(5, "attvalue", &[("for", name), ("value", value)]);
        }
    }
    // Written even when empty (`[]`): the log is known to be empty, so a reader does not
    // take the static weight for a new observation.
    let log = observations_to_json(&r.observations);
    xml.empty(5, "attvalue", &[("for", "observations"), ("value", &log)]);
    let days = daily_log(r);
    for (attribute, text) in [("weight", false), ("tone", true)] {
        for (i, (date, strength, tone)) in days.iter().enumerate() {
            let value = if text {
                tone.to_string()
            } else {
                strength.to_string()
            };
            let start = date.to_string();
            match days.get(i + 1) {
                Some((next, _, _)) => {
                    let end = next.add_days(-1).to_string();
                    xml.empty(
                        5,
                        "attvalue",
                        &[
                            ("for", attribute),
                            ("value", &value),
                            ("start", &start),
                            ("end", &end),
                        ],
                    );
                }
                None => xml.empty(
                    5,
                    "attvalue",
                    &[("for", attribute), ("value", &value), ("start", &start)],
                ),
            }
        }
    }
    xml.close(4, "attvalues");
    let [red, green, blue] = colour_attributes(style::edge_colour(r.tone()));
    xml.empty(
        4,
        "viz:color",
        &[(red.0, &red.1), (green.0, &green.1), (blue.0, &blue.1)],
    );
    xml.empty(
        4,
        "viz:thickness",
        &[("value", &number(style::edge_width(r.strength())))],
    );
    xml.close(3, "edge");
    days.len()
}
