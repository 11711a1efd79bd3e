//! DOT for Graphviz (<https://graphviz.org/doc/info/lang.html>), laid out where the map
//! has its stakeholders.
//!
//! - `layout=neato` and `pos="x,y!"` (pinned; in inches, a canvas unit counted as a
//!   point, y negated because Graphviz's y axis points up), so `dot -Tsvg`, `neato -Tsvg`
//!   and the other commands draw the map's own arrangement; stakeholders without a
//!   position are placed by neato around the others. `-Kdot` asks for a hierarchical
//!   layout instead.
//! - Shapes and colours from stakemap's style: partners circles, organisations boxes,
//!   issues diamonds, initiatives hexagons; edge colour by tone, width by strength, an
//!   arrow for relationships that read with a direction (`dir=none` for the others).
//! - The name is the node's `xlabel` (beside the shape, as on the canvas); `kind`,
//!   `strength` and `tone` are written as extra attributes, which Graphviz ignores and
//!   readers such as pydot keep.

use super::{direction_counts, hex, kind_name, number};
use crate::io::export::xml::allowed;
use crate::io::mapping::{Action, MappingReport};
use crate::model::Map;
use crate::style;
use std::io::Write;

/// Canvas units per inch: a canvas unit is drawn as a point.
const POINTS_PER_INCH: f32 = 72.0;

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n` (a centred line
/// in a label), carriage returns and other control characters dropped and counted.
fn quoted(text: &str, dropped: &mut usize) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c == '\r' || !allowed(c) => *dropped += 1,
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(kind: crate::model::StakeholderKind) -> &'static str {
    match style::node_shape(kind) {
        style::NodeShape::Circle => "circle",
        style::NodeShape::Square => "box",
        style::NodeShape::Diamond => "diamond",
        style::NodeShape::Hexagon => "hexagon",
    }
}

fn inches(canvas: f32) -> String {
    number(canvas / POINTS_PER_INCH)
}

pub(super) fn write(
    map: &Map,
    out: &mut dyn Write,
    report: &mut MappingReport,
) -> std::io::Result<()> {
    let mut dropped = 0;
    let (directed, undirected) = direction_counts(map);
    let (graph, arrow) = if directed > 0 {
        ("digraph", "->")
    } else {
        ("graph", "--")
    };
    let mut text = String::new();
    text.push_str(&format!(
        "{graph} {} {{\n",
        quoted(&map.title, &mut dropped)
    ));
    text.push_str("  graph [layout=neato, overlap=true, splines=true, outputorder=edgesfirst, forcelabels=true];\n");
    text.push_str("  node [style=filled, fixedsize=true, label=\"\", fontname=\"Helvetica\", fontsize=10, color=\"#000000\"];\n");
    text.push_str("  edge [arrowsize=0.7];\n");
    let mut unplaced = 0;
    for s in map.stakeholders_by_id() {
        let size = inches(2.0 * style::node_radius(s.influence));
        text.push_str(&format!(
            "  \"{}\" [xlabel={}, shape={}, fillcolor=\"{}\", width={size}, height={size}, kind=\"{}\"",
            s.id().0,
            quoted(&s.name, &mut dropped),
            shape(s.kind),
            hex(style::node_colour(s.kind)),
            s.kind
        ));
        match s.position {
            Some(p) => text.push_str(&format!(", pos=\"{},{}!\"", inches(p.0), inches(-p.1))),
            None => unplaced += 1,
        }
        text.push_str("];\n");
        if text.len() > 1 << 16 {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    for r in map.relationships_by_id() {
        let kind = kind_name(r.kind);
        text.push_str(&format!(
            "  \"{}\" {arrow} \"{}\" [color=\"{}\", penwidth={}, tooltip={}, kind={}, strength={}, tone=\"{}\"",
            r.from().0,
            r.to().0,
            hex(style::edge_colour(r.tone())),
            number(style::edge_width(r.strength())),
            quoted(&kind, &mut dropped),
            quoted(&kind, &mut dropped),
            r.strength(),
            r.tone()
        ));
        if directed > 0 && !r.directed {
            text.push_str(", dir=none");
        }
        text.push_str(&format!(", id=\"r{}\"];\n", r.id().0));
        if text.len() > 1 << 16 {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    text.push_str("}\n");
    out.write_all(text.as_bytes())?;

    report.note(
        Action::Mapped,
        "stakeholder -> node named by its id, with its name as `xlabel` and `kind`",
    );
    report.note(
        Action::Mapped,
        "relationship -> edge with `kind`, current `strength` and `tone`",
    );
    report.note(
        Action::Converted,
        "position -> pos=\"x/72,-y/72!\" in inches, pinned (y grows upwards, as Graphviz draws)",
    );
    report.note(Action::Converted, "kind -> shape and fill colour, influence -> size, tone -> edge colour, strength -> pen width (stakemap's style)");
    if directed > 0 && undirected > 0 {
        report.note_n(
            Action::Converted,
            "undirected relationships in a directed graph -> dir=none",
            undirected,
        );
    }
    report.note(Action::Dropped, "descriptions, sectors, areas, tags, scores, engagement, contact details, owners, notes and the observation log: DOT carries a drawing, not the data (use GraphML or GEXF)");
    report.note_n(
        Action::Assumed,
        "no position: neato places these stakeholders around the others",
        unplaced,
    );
    report.note_n(
        Action::Dropped,
        "control characters (DOT strings cannot hold them)",
        dropped,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_for_dot() {
        let mut dropped = 0;
        assert_eq!(
            quoted("Coach \"Malik\" \\ co\nline\r", &mut dropped),
            r#""Coach \"Malik\" \\ co\nline""#
        );
        assert_eq!(dropped, 1);
    }
}
