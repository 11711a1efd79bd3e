//! GraphML from Gephi, yEd, networkx and stakemap.
//!
//! - Keys are matched by `attr.name` (or `yfiles.type`), never by their ids, which every
//!   tool numbers its own way; a key's `<default>` fills the nodes and edges that lack its
//!   data (GraphML's rule), and the report says how often.
//! - yEd's graphics: the name comes from `y:NodeLabel` (preferred to a `label` key, since
//!   it is what yEd shows), the position from `y:Geometry` (the centre of its box; yEd's y
//!   axis points down, like the canvas), a relationship's kind from `y:EdgeLabel` when it
//!   names one. Other yFiles payload (fills, fonts, resources, ports) is ignored.
//! - Without yEd graphics, `x` and `y` keys are read in Gephi's orientation (y up).
//! - Direction: an edge's `directed` attribute, else a `directed` key (stakemap's
//!   portable form), else the graph's `edgedefault`. yEd arrows that disagree are
//!   reported, not followed.
//! - Nodes inside nested graphs (yEd groups) are read as ordinary stakeholders;
//!   hyperedges are dropped and reported. Edges may come before the nodes they join.

use super::ImportError;
use super::build::{Builder, EdgeRecord, ImportedGraph, NodeRecord, Settings};
use super::values::DayOrder;
use super::xml::{Item, XmlReader, attribute};
use crate::io::fields::{self, EdgeNaming};
use crate::io::mapping::{Action, Location, MappingReport};
use crate::model::Position;
use std::collections::{HashMap, HashSet};

/// A `<key>` declaration.
#[derive(Default)]
struct Key {
    domain: String,
    name: String,
    yfiles: Option<String>,
    default: Option<String>,
}

/// What is being read inside a node or an edge.
struct Element<R> {
    record: R,
    seen: HashSet<String>,
    arrows: Option<bool>,
    geometry: Option<(f32, f32, f32, f32)>,
}

/// Where text is going.
#[derive(Default, PartialEq, Eq)]
enum Capture {
    #[default]
    None,
    Data(String),
    Default,
    NodeLabel,
    EdgeLabel,
}

impl<R> Element<R> {
    fn new(record: R) -> Self {
        Self {
            record,
            seen: HashSet::new(),
            arrows: None,
            geometry: None,
        }
    }
}

/// Everything the reading loop keeps between events.
#[derive(Default)]
struct State {
    keys: HashMap<String, Key>,
    key_id: Option<String>,
    depth_graphs: usize,
    edgedefault: Option<bool>,
    node: Option<Element<NodeRecord>>,
    nested_nodes: Vec<Element<NodeRecord>>,
    edge: Option<Element<EdgeRecord>>,
    nodes: Vec<NodeRecord>,
    edges: Vec<EdgeRecord>,
    capture: Capture,
    buffer: String,
    title: Option<String>,
    description: Option<String>,
    in_graphics: usize,
    defaults_used: HashMap<String, usize>,
    disagreeing_arrows: usize,
    undeclared: usize,
    hyperedges: usize,
    nested: usize,
    yfiles_ignored: usize,
}

pub(super) fn read(
    origin: &str,
    text: &str,
    mut report: MappingReport,
) -> Result<ImportedGraph, ImportError> {
    report.subject = format!("{origin} (GraphML)");
    let mut xml = XmlReader::new(origin, text);
    let mut s = State::default();
    let mut root = false;
    loop {
        match xml.next(&mut report)? {
            Item::Eof => break,
            Item::Text(t) => {
                if s.capture != Capture::None {
                    s.buffer.push_str(&t);
                }
            }
            Item::Start {
                name,
                attributes,
                empty,
                at,
            } => {
                if !root {
                    if name != "graphml" {
                        return Err(xml.error_at(
                            0,
                            format!("not GraphML: the document is a <{name}>, not a <graphml>"),
                        ));
                    }
                    root = true;
                }
                start(
                    &name,
                    &attributes,
                    Location::new(origin, Some(at.0), Some(at.1)),
                    &mut s,
                );
                if empty {
                    end(&name, &mut s);
                }
            }
            Item::End { name } => end(&name, &mut s),
        }
    }
    if !root {
        return Err(xml.error_at(0, "not GraphML: no <graphml> element"));
    }
    let directed = s.edgedefault.unwrap_or(false);
    let settings = Settings {
        term: "key",
        naming: EdgeNaming::Kumu,
        decimal_comma: false,
        y_up: true,
        default_directed: directed,
        default_direction_rule: if directed {
            "directed (the graph's edgedefault)"
        } else {
            "undirected (the graph's edgedefault, or GraphML's default when it has none)"
        },
        day_order: DayOrder::Unknown,
        ends_by_label: false,
    };
    let mut builder = Builder::new(settings, report);
    builder.set_title(s.title, s.description);
    let mut used: Vec<(String, usize)> = s.defaults_used.into_iter().collect();
    used.sort();
    let report = builder.report();
    for (message, count) in used {
        report.note_n(Action::Assumed, message, count);
    }
    report.note_n(
        Action::Assumed,
        "yEd arrows disagree with the graph's direction: read by GraphML's rule (edgedefault), not the drawing",
        s.disagreeing_arrows,
    );
    report.note_n(
        Action::Dropped,
        "hyperedges (stakemap relationships join two stakeholders)",
        s.hyperedges,
    );
    report.note_n(
        Action::Converted,
        "nodes inside yEd groups (nested graphs): read as ordinary stakeholders",
        s.nested,
    );
    report.note_n(
        Action::Dropped,
        "yFiles payload other than node and edge graphics (resources, ports): ignored",
        s.yfiles_ignored,
    );
    report.note_n(
        Action::Dropped,
        "<data> whose key is not declared: ignored",
        s.undeclared,
    );
    // A file with no names at all (networkx's graphs of numbered nodes): one statement
    // instead of a problem a node.
    let named = |r: &NodeRecord| {
        r.label.is_some()
            || r.fields
                .iter()
                .any(|(k, _)| matches!(fields::normalise(k).as_str(), "label" | "name" | "nom"))
    };
    let nameless = !s.nodes.is_empty() && !s.nodes.iter().any(named);
    if nameless {
        builder.report().note(
            Action::Assumed,
            "no names in the file: stakeholders are named after their node ids",
        );
    }
    for mut record in s.nodes {
        if nameless {
            record.label.clone_from(&record.key);
        }
        builder.add_node(record);
    }
    for record in s.edges {
        builder.add_edge(record);
    }
    Ok(builder.finish())
}

fn start(name: &str, attributes: &[(String, String)], at: Location, s: &mut State) {
    match name {
        "key" => {
            let id = attribute(attributes, "id").unwrap_or_default().to_owned();
            s.keys.insert(
                id.clone(),
                Key {
                    domain: attribute(attributes, "for").unwrap_or("all").to_owned(),
                    name: attribute(attributes, "attr.name").unwrap_or(&id).to_owned(),
                    yfiles: attribute(attributes, "yfiles.type").map(str::to_owned),
                    default: None,
                },
            );
            s.key_id = Some(id);
        }
        "default" if s.key_id.is_some() => {
            s.capture = Capture::Default;
            s.buffer.clear();
        }
        "graph" => {
            s.depth_graphs += 1;
            if s.depth_graphs == 1 {
                s.edgedefault = match attribute(attributes, "edgedefault") {
                    Some("undirected") => Some(false),
                    Some(_) => Some(true),
                    None => None,
                };
            }
        }
        "node" => {
            if let Some(outer) = s.node.take() {
                s.nested += 1;
                s.nested_nodes.push(outer);
            }
            let key = attribute(attributes, "id").map(str::to_owned);
            s.node = Some(Element::new(NodeRecord::new(at, key)));
        }
        "edge" => {
            let mut record = EdgeRecord::new(
                at,
                attribute(attributes, "id").map(str::to_owned),
                attribute(attributes, "source")
                    .unwrap_or_default()
                    .to_owned(),
                attribute(attributes, "target")
                    .unwrap_or_default()
                    .to_owned(),
            );
            record.directed = attribute(attributes, "directed").and_then(fields::boolean);
            s.edge = Some(Element::new(record));
        }
        "hyperedge" => s.hyperedges += 1,
        "data" => {
            let id = attribute(attributes, "key").unwrap_or_default().to_owned();
            match s.keys.get(&id) {
                Some(k) if k.yfiles.is_some() => {
                    s.in_graphics += 1;
                    if !matches!(k.yfiles.as_deref(), Some("nodegraphics" | "edgegraphics")) {
                        s.yfiles_ignored += 1;
                    }
                }
                _ => {
                    s.capture = Capture::Data(id);
                    s.buffer.clear();
                }
            }
        }
        "Geometry" if s.in_graphics > 0 => {
            if let Some(n) = s.node.as_mut()
                && n.geometry.is_none()
            {
                let number = |k| {
                    attribute(attributes, k)
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .filter(|v| v.is_finite())
                };
                if let (Some(x), Some(y)) = (number("x"), number("y")) {
                    n.geometry = Some((
                        x,
                        y,
                        number("width").unwrap_or(0.0),
                        number("height").unwrap_or(0.0),
                    ));
                }
            }
        }
        "NodeLabel"
            if s.in_graphics > 0 && s.node.as_ref().is_some_and(|n| n.record.label.is_none()) =>
        {
            s.capture = Capture::NodeLabel;
            s.buffer.clear();
        }
        "EdgeLabel"
            if s.in_graphics > 0 && s.edge.as_ref().is_some_and(|e| e.record.label.is_none()) =>
        {
            s.capture = Capture::EdgeLabel;
            s.buffer.clear();
        }
        "Arrows" if s.in_graphics > 0 => {
            if let Some(e) = s.edge.as_mut() {
                let arrow = |k| attribute(attributes, k).is_some_and(|v| v != "none");
                e.arrows = Some(arrow("source") || arrow("target"));
            }
        }
        _ => {}
    }
}

/// The position the `x` and `y` keys give, on the canvas (y down).
fn position_keys(fields: &[(String, String)]) -> Option<Position> {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.trim().parse::<f32>().ok())
    };
    Some(Position(value("x")?, -value("y")?))
}

/// Applies the defaults of the keys for `domain` that this element did not give.
fn defaults(
    keys: &HashMap<String, Key>,
    domain: &str,
    seen: &HashSet<String>,
    used: &mut HashMap<String, usize>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = keys
        .iter()
        .filter(|(id, k)| (k.domain == domain || k.domain == "all") && !seen.contains(*id))
        .filter_map(|(_, k)| {
            let value = k.default.as_deref()?;
            // An empty or false default is what stakemap assumes anyway.
            if value.trim().is_empty() || value.trim().eq_ignore_ascii_case("false") {
                return None;
            }
            Some((k.name.clone(), value.to_owned()))
        })
        .collect();
    out.sort();
    for (name, value) in &out {
        *used
            .entry(format!(
                "key `{name}` missing: its default `{value}` applies (GraphML's rule)"
            ))
            .or_default() += 1;
    }
    out
}

fn end(name: &str, s: &mut State) {
    match name {
        "key" => s.key_id = None,
        "default" if s.capture == Capture::Default => {
            if let Some(key) = s.key_id.as_ref().and_then(|id| s.keys.get_mut(id)) {
                key.default = Some(s.buffer.clone());
            }
            s.capture = Capture::None;
        }
        "graph" => s.depth_graphs = s.depth_graphs.saturating_sub(1),
        "NodeLabel" if s.capture == Capture::NodeLabel => {
            if let Some(n) = s.node.as_mut() {
                n.record.label = Some(s.buffer.trim().to_owned());
            }
            s.capture = Capture::None;
        }
        "EdgeLabel" if s.capture == Capture::EdgeLabel => {
            if let Some(e) = s.edge.as_mut() {
                e.record.label = Some(s.buffer.trim().to_owned());
            }
            s.capture = Capture::None;
        }
        "data" => {
            let Capture::Data(id) = std::mem::take(&mut s.capture) else {
                s.in_graphics = s.in_graphics.saturating_sub(1);
                return;
            };
            let value = std::mem::take(&mut s.buffer);
            let Some(key) = s.keys.get(&id) else {
                s.undeclared += 1;
                return;
            };
            let pair = (key.name.clone(), value);
            if let Some(e) = s.edge.as_mut() {
                e.seen.insert(id);
                e.record.fields.push(pair);
            } else if let Some(n) = s.node.as_mut() {
                n.seen.insert(id);
                n.record.fields.push(pair);
            } else {
                match fields::normalise(&pair.0).as_str() {
                    "title" | "name" | "label" => s.title = Some(pair.1),
                    "description" => s.description = Some(pair.1),
                    _ => {}
                }
            }
        }
        "node" => {
            let Some(mut n) = s.node.take() else {
                return;
            };
            let extra = defaults(&s.keys, "node", &n.seen, &mut s.defaults_used);
            n.record.fields.extend(extra);
            if let Some((x, y, w, h)) = n.geometry {
                let centre = Position(x + w / 2.0, y + h / 2.0);
                // stakemap writes both; its exact `x`/`y` keys win unless the drawing was
                // moved in yEd since (the geometry is what the user sees there).
                let keys = position_keys(&n.record.fields);
                let moved = keys
                    .is_none_or(|p| (p.0 - centre.0).abs() > 0.5 || (p.1 - centre.1).abs() > 0.5);
                if moved {
                    n.record.position = Some(centre);
                }
            }
            s.nodes.push(n.record);
            s.node = s.nested_nodes.pop();
        }
        "edge" => {
            let Some(mut e) = s.edge.take() else {
                return;
            };
            let extra = defaults(&s.keys, "edge", &e.seen, &mut s.defaults_used);
            e.record.fields.extend(extra);
            let directed_key = e
                .record
                .fields
                .iter()
                .any(|(k, _)| fields::normalise(k) == "directed");
            if let (Some(arrows), None, false) = (e.arrows, e.record.directed, directed_key)
                && arrows != s.edgedefault.unwrap_or(false)
            {
                s.disagreeing_arrows += 1;
            }
            s.edges.push(e.record);
        }
        _ => {}
    }
}
