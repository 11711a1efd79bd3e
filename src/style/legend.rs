//! The legend as plain data: what every shape, size, width, colour and mark means. The
//! window's legend panel and the exported picture both draw this one list.

use super::encoding::Encoded;
use super::{Change, NodeShape, Rgba, ToneMark};
use crate::model::{StakeholderKind, Strength, Tone};

/// The little picture beside a legend entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Symbol {
    /// A stakeholder's shape.
    Node {
        /// Its outline.
        shape: NodeShape,
        /// Its fill; `None` draws the outline alone (a size, not a kind).
        fill: Option<Rgba>,
        /// Radius in points.
        radius: f32,
    },
    /// A relationship's line.
    Line {
        /// Width in points.
        width: f32,
        /// Colour; `None` takes the text colour (a width, a dash, an arrow).
        colour: Option<Rgba>,
        /// Dashed (cooling, removed).
        dashed: bool,
        /// Its mark.
        mark: ToneMark,
        /// An arrowhead at its end.
        arrow: bool,
    },
    /// A rings view's ring round its centre: a faint circle round a dot, `radius` points.
    Ring {
        /// Radius in points.
        radius: f32,
    },
}

/// One entry: a symbol and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The picture.
    pub symbol: Symbol,
    /// The words.
    pub text: String,
}

/// A titled group of entries ("Kinds", "Width is strength").
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// Its entries, in order.
    pub entries: Vec<Entry>,
    /// Entries of this section sit side by side (sizes), not one a line.
    pub in_a_row: bool,
}

/// The whole legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Its sections, in order.
    pub sections: Vec<Section>,
    /// A closing note in words.
    pub note: &'static str,
}

fn line(width: f32, colour: Option<Rgba>, mark: ToneMark) -> Symbol {
    Symbol::Line {
        width,
        colour,
        dashed: false,
        mark,
        arrow: false,
    }
}

/// The name of the stakeholder a view of rings goes round, in `map` (the shown map), for
/// [`legend`]'s `rings`; `None` for any other view.
pub fn rings_round(
    map: &crate::model::Map,
    view: crate::layout::for_map::MapLayout,
) -> Option<&str> {
    match view {
        crate::layout::for_map::MapLayout::Radial(centre) => {
            map.stakeholder(centre).map(|s| s.name.as_str())
        }
        _ => None,
    }
}

/// The legend of the map as drawn; while `comparing`, the change colours replace the tones.
/// `encoded` says what size and colour show when not influence and kind
/// ([`super::encoding`]); a view of rings round the stakeholder named `rings` says what a
/// ring is and round whom.
pub fn legend(comparing: bool, encoded: &Encoded, rings: Option<&str>) -> Legend {
    let kinds = StakeholderKind::ALL
        .iter()
        .map(|&kind| Entry {
            symbol: Symbol::Node {
                shape: super::node_shape(kind),
                fill: Some(super::node_colour(kind)),
                radius: 7.0,
            },
            text: kind.to_string(),
        })
        .collect();
    let sizes = super::LEGEND_INFLUENCE
        .iter()
        .map(|&level| Entry {
            symbol: Symbol::Node {
                shape: NodeShape::Circle,
                fill: None,
                radius: super::node_radius(Some(level)) * 0.5,
            },
            text: level.to_string(),
        })
        .collect();
    let widths = Strength::ALL
        .into_iter()
        .rev()
        .map(|strength| Entry {
            symbol: line(super::edge_width(strength), None, ToneMark::None),
            text: format!("{strength} {}", strength.name()),
        })
        .collect();
    let colours = if comparing {
        Section {
            heading: "Colour is change".to_owned(),
            entries: Change::ALL
                .iter()
                .map(|&change| Entry {
                    symbol: Symbol::Line {
                        width: 3.0,
                        colour: Some(super::change_colour(change)),
                        dashed: change == Change::Removed,
                        mark: super::change_mark(change),
                        arrow: false,
                    },
                    text: change.label().to_owned(),
                })
                .chain(std::iter::once(Entry {
                    symbol: line(3.0, Some(super::UNCHANGED_COLOUR), ToneMark::None),
                    text: "Unchanged".to_owned(),
                }))
                .collect(),
            in_a_row: false,
        }
    } else {
        Section {
            heading: "Colour is tone".to_owned(),
            entries: Tone::ALL
                .iter()
                .map(|&tone| Entry {
                    symbol: line(3.0, Some(super::edge_colour(tone)), super::tone_mark(tone)),
                    text: tone.to_string(),
                })
                .chain(std::iter::once(Entry {
                    symbol: Symbol::Line {
                        width: 2.0,
                        colour: None,
                        dashed: true,
                        mark: ToneMark::None,
                        arrow: false,
                    },
                    text: "Cooling".to_owned(),
                }))
                .collect(),
            in_a_row: false,
        }
    };
    let direction = Section {
        heading: "Direction".to_owned(),
        entries: vec![Entry {
            symbol: Symbol::Line {
                width: 2.0,
                colour: None,
                dashed: false,
                mark: ToneMark::None,
                arrow: true,
            },
            text: "Reads with a direction".to_owned(),
        }],
        in_a_row: false,
    };
    let mut sections = Vec::new();
    // Colour by something else than kind: the kinds keep their shapes, and the colours get
    // a section of their own.
    match &encoded.colour_legend {
        Some(colour) => {
            sections.push(Section {
                heading: "Kinds".to_owned(),
                entries: super::encoding::kind_shapes(),
                in_a_row: false,
            });
            sections.push(colour.clone());
        }
        None => sections.push(Section {
            heading: "Kinds".to_owned(),
            entries: kinds,
            in_a_row: false,
        }),
    }
    sections.push(encoded.size_legend.clone().unwrap_or(Section {
        heading: "Size is influence".to_owned(),
        entries: sizes,
        in_a_row: true,
    }));
    sections.push(Section {
        heading: "Width is strength".to_owned(),
        entries: widths,
        in_a_row: false,
    });
    sections.push(colours);
    sections.push(direction);
    if let Some(centre) = rings {
        // The rings are labelled "1 step", "2 steps"...: testers asked what a step was,
        // and away from whom.
        sections.push(Section {
            heading: format!("Rings round {centre}"),
            entries: vec![Entry {
                symbol: Symbol::Ring { radius: 7.0 },
                text: "1 step: 1 relationship away".to_owned(),
            }],
            in_a_row: false,
        });
    }
    Legend {
        sections,
        note: "Colours stay apart for colour-blind viewers; marks on the lines say the same.",
    }
}
