//! GraphML (<http://graphml.graphdrawing.org/specification.html>) in the conventions of
//! Gephi, yEd and networkx.
//!
//! - `<key>` declarations come first, one typed key per stakeholder and relationship field
//!   (`attr.name` as stakemap names the field, `attr.type` string, int, double or
//!   boolean); Gephi reads `label`, `weight`, `x`, `y`, `size` and `color` by name.
//! - Each node and edge carries yEd's graphics (`y:ShapeNode` with `y:Geometry`,
//!   `y:Fill`, `y:NodeLabel`, `y:Shape`; `y:PolyLineEdge` with colour, width and arrows)
//!   as its first `<data>`, so yEd shows the drawing and networkx, which reads those
//!   graphics into `x`, `y` and `label`, then reads stakemap's own keys over them.
//! - Node ids are stakeholder ids, edge ids relationship ids; parallel relationships,
//!   self-relationships and isolated stakeholders are all written.
//! - `observations` holds the whole log as JSON text (see `io::fields`), so a GraphML
//!   round trip keeps the history; `weight` is the current strength.

use super::fields::{FieldType, STAKEHOLDER_FIELDS, stakeholder_values};
use super::xml::Xml;
use super::{MixedDirections, direction_counts, hex, kind_name, number, observed_span};
use crate::io::fields::observations_to_json;
use crate::io::mapping::{Action, MappingReport};
use crate::model::{Map, Relationship, Stakeholder};
use crate::style;
use std::io::Write;

/// Items written between two flushes of the buffer.
const CHUNK: usize = 2_000;

/// Every node key, its `attr.name` and its `attr.type`: the name, the stakeholder's fields,
/// then where and how Gephi draws it.
fn node_keys() -> Vec<(&'static str, &'static str)> {
    let graphml_type = |kind| match kind {
        FieldType::Text => "string",
        FieldType::Integer => "int",
        FieldType::Boolean => "boolean",
    };
    std::iter::once(("label", "string"))
        .chain(
            STAKEHOLDER_FIELDS
                .iter()
                .map(|&(name, kind)| (name, graphml_type(kind))),
        )
        .chain([
            ("x", "double"),
            ("y", "double"),
            ("size", "double"),
            ("color", "string"),
        ])
        .collect()
}

const EDGE_KEYS: [(&str, &str); 11] = [
    ("label", "string"),
    ("kind", "string"),
    ("weight", "double"),
    ("directed", "boolean"),
    ("tone", "string"),
    ("owner", "string"),
    ("notes", "string"),
    ("first_observed", "string"),
    ("last_observed", "string"),
    ("observations", "string"),
    ("color", "string"),
];

/// Key ids: `title` and `description` of the graph, yEd's node and edge graphics, then
/// `n_NAME` and `e_NAME` for the typed keys (readable, and distinct between nodes and
/// edges that share a name).
fn node_key(name: &str) -> String {
    format!("n_{name}")
}

fn edge_key(name: &str) -> String {
    format!("e_{name}")
}

fn yed_shape(kind: crate::model::StakeholderKind) -> &'static str {
    match style::node_shape(kind) {
        style::NodeShape::Circle => "ellipse",
        style::NodeShape::Square => "rectangle",
        style::NodeShape::Diamond => "diamond",
        style::NodeShape::Hexagon => "hexagon",
    }
}

pub(super) fn write(
    map: &Map,
    options: super::ExportOptions,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> std::io::Result<()> {
    let mut xml = Xml::new();
    xml.open(
        0,
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xmlns:y", "http://www.yworks.com/xml/graphml"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd",
            ),
        ],
    );
    for name in ["title", "description"] {
        xml.empty(
            1,
            "key",
            &[
                ("id", name),
                ("for", "graph"),
                ("attr.name", name),
                ("attr.type", "string"),
            ],
        );
    }
    xml.empty(
        1,
        "key",
        &[
            ("id", "n_graphics"),
            ("for", "node"),
            ("yfiles.type", "nodegraphics"),
        ],
    );
    xml.empty(
        1,
        "key",
        &[
            ("id", "e_graphics"),
            ("for", "edge"),
            ("yfiles.type", "edgegraphics"),
        ],
    );
    for (name, kind) in node_keys() {
        let id = node_key(name);
        let attributes = [
            ("id", id.as_str()),
            ("for", "node"),
            ("attr.name", name),
            ("attr.type", kind),
        ];
        if kind == "boolean" {
            xml.open(1, "key", &attributes);
            xml.text(2, "default", &[], "false");
            xml.close(1, "key");
        } else {
            xml.empty(1, "key", &attributes);
        }
    }
    for (name, kind) in EDGE_KEYS {
        let id = edge_key(name);
        xml.empty(
            1,
            "key",
            &[
                ("id", id.as_str()),
                ("for", "edge"),
                ("attr.name", name),
                ("attr.type", kind),
            ],
        );
    }
    let (directed, undirected) = direction_counts(map);
    let default_directed = directed > 0;
    xml.open(
        1,
        "graph",
        &[
            ("id", "G"),
            (
                "edgedefault",
                if default_directed {
                    "directed"
                } else {
                    "undirected"
                },
            ),
        ],
    );
    xml.text(2, "data", &[("key", "title")], &map.title);
    if !map.description.is_empty() {
        xml.text(2, "data", &[("key", "description")], &map.description);
    }
    let mut unplaced = 0;
    for (i, s) in map.stakeholders_by_id().into_iter().enumerate() {
        if s.position.is_none() {
            unplaced += 1;
        }
        node(&mut xml, s);
        if i % CHUNK == CHUNK - 1 {
            xml.flush_to(out)?;
        }
    }
    let native = options.mixed_directions == MixedDirections::Native;
    for (i, r) in map.relationships_by_id().into_iter().enumerate() {
        edge(&mut xml, r, default_directed && !r.directed && native);
        if i % CHUNK == CHUNK - 1 {
            xml.flush_to(out)?;
        }
    }
    xml.close(1, "graph");
    xml.close(0, "graphml");
    xml.flush_to(out)?;

    report.note(
        Action::Mapped,
        "stakeholder -> node (id = stakeholder id), relationship -> edge (id = relationship id)",
    );
    report.note(
        Action::Mapped,
        "every stakeholder and relationship field -> a typed key named after it",
    );
    report.note(
        Action::Mapped,
        "current strength -> edge key `weight` (0-5)",
    );
    report.note(
        Action::Mapped,
        "observation log -> edge key `observations` (JSON text, oldest first)",
    );
    report.note(Action::Converted, "position -> keys `x`, `-y` (y grows upwards, as Gephi draws) and yEd `y:Geometry` (y downwards, as the canvas)");
    report.note(Action::Converted, "kind -> yEd shape and colour, influence -> size, tone -> edge colour, strength -> edge width (stakemap's style)");
    if directed > 0 && undirected > 0 {
        let how = if native {
            "the graph is directed; undirected relationships carry directed=\"false\" (Gephi draws them right; networkx refuses such files)"
        } else {
            "the graph is directed; each relationship's own direction is the `directed` key (networkx reads it; Gephi and yEd draw every edge with an arrow)"
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
            "position: stakeholders with none have no `x`/`y` (yEd puts them at 0, 0)",
            unplaced,
        );
    }
    note_shapes(map, report);
    let dropped = xml.dropped;
    report.note_n(
        Action::Dropped,
        "characters XML 1.0 cannot hold (control characters)",
        dropped,
    );
    Ok(())
}

/// Counts the relationships that some readers merge or lose: parallel ones and loops.
pub(super) fn note_shapes(map: &Map, report: &mut MappingReport) {
    let mut pairs = std::collections::HashMap::new();
    let mut loops = 0;
    for r in map.relationships() {
        if r.from() == r.to() {
            loops += 1;
        }
        let key = if r.from() <= r.to() {
            (r.from(), r.to())
        } else {
            (r.to(), r.from())
        };
        *pairs.entry(key).or_insert(0_usize) += 1;
    }
    let parallel: usize = pairs.values().filter(|&&n| n > 1).map(|&n| n - 1).sum();
    report.note_n(
        Action::Mapped,
        "parallel relationships kept as separate edges (each with its `kind`)",
        parallel,
    );
    report.note_n(Action::Mapped, "self-relationships kept", loops);
}

fn node(xml: &mut Xml, s: &Stakeholder) {
    let id = s.id().0.to_string();
    xml.open(2, "node", &[("id", &id)]);
    let radius = style::node_radius(s.influence);
    let size = number(2.0 * radius);
    xml.open(3, "data", &[("key", "n_graphics")]);
    xml.open(4, "y:ShapeNode", &[]);
    match s.position {
        Some(p) => {
            let (x, y) = (number(p.0 - radius), number(p.1 - radius));
            xml.empty(
                5,
                "y:Geometry",
                &[("height", &size), ("width", &size), ("x", &x), ("y", &y)],
            );
        }
        None => xml.empty(5, "y:Geometry", &[("height", &size), ("width", &size)]),
    }
    let colour = hex(style::node_colour(s.kind));
    xml.empty(5, "y:Fill", &[("color", &colour), ("transparent", "false")]);
    xml.empty(
        5,
        "y:BorderStyle",
        &[("color", "#000000"), ("type", "line"), ("width", "1.0")],
    );
    xml.text(5, "y:NodeLabel", &[], &s.name);
    xml.empty(5, "y:Shape", &[("type", yed_shape(s.kind))]);
    xml.close(4, "y:ShapeNode");
    xml.close(3, "data");

    let mut data = |name: &str, value: &str| {
        if !value.is_empty() {
            let key = node_key(name);
            xml.text(3, "data", &[("key", &key)], value);
        }
    };
    data("label", &s.name);
    for (name, v) in stakeholder_values(s) {
        data(name, &v);
    }
    if let Some(p) = s.position {
        data("x", &number(p.0));
        data("y", &number(-p.1));
    }
    data("size", &number(radius));
    data("color", &colour);
    xml.close(2, "node");
}

fn edge(xml: &mut Xml, r: &Relationship, say_undirected: bool) {
    let id = r.id().0.to_string();
    let (from, to) = (r.from().0.to_string(), r.to().0.to_string());
    let mut attributes = vec![
        ("id", id.as_str()),
        ("source", from.as_str()),
        ("target", to.as_str()),
    ];
    if say_undirected {
        attributes.push(("directed", "false"));
    }
    xml.open(2, "edge", &attributes);
    let colour = hex(style::edge_colour(r.tone()));
    let width = number(style::edge_width(r.strength()));
    xml.open(3, "data", &[("key", "e_graphics")]);
    xml.open(4, "y:PolyLineEdge", &[]);
    xml.empty(
        5,
        "y:LineStyle",
        &[("color", &colour), ("type", "line"), ("width", &width)],
    );
    let arrow = if r.directed { "standard" } else { "none" };
    xml.empty(5, "y:Arrows", &[("source", "none"), ("target", arrow)]);
    xml.close(4, "y:PolyLineEdge");
    xml.close(3, "data");

    let mut data = |name: &str, value: &str| {
        if !value.is_empty() {
            let key = edge_key(name);
            xml.text(3, "data", &[("key", &key)], value);
        }
    };
    let kind = kind_name(r.kind);
    data("label", &kind);
    data("kind", &kind);
    // A relationship never observed has no weight (Gephi's and networkx's default is 1,
    // stakemap's "aware") and no tone, so reading it back records nothing.
    if !r.observations.is_empty() {
        data("weight", &r.strength().to_string());
        data("tone", &r.tone().to_string());
    }
    data("directed", if r.directed { "true" } else { "false" });
    data("owner", &r.owner);
    data("notes", &r.notes);
    if let Some((first, last)) = observed_span(r) {
        data("first_observed", &first.to_string());
        data("last_observed", &last.to_string());
    }
    // Written even when empty (`[]`), so a reader knows the log is empty rather than
    // unknown and does not take `weight` for a new observation.
    data("observations", &observations_to_json(&r.observations));
    data("color", &colour);
    xml.close(2, "edge");
}
