//! Pictures of the map: the scene written as SVG (text kept as text, escaped, in logical
//! order, so names stay selectable and searchable and right-to-left names read right in a
//! browser), and as PNG by rendering that SVG with resvg, with no window and no GPU.
//!
//! A picture is the map's view with a caption above it (the map's title, the date shown,
//! the redaction profile in force) and the legend beside it. The same scene and options
//! always give the same bytes.
//!
//! Formats: SVG 1.1 (<https://www.w3.org/TR/SVG11/>); PNG through resvg 0.49.

use crate::style::geometry::Rect;
use crate::style::legend::{Legend, Symbol};
use crate::style::scene::{BackdropItem, EdgePath, Scene};
use crate::style::{MarkGlyph, NodeShape, Palette, Rgba, arrowhead, mark_glyph};
use std::fmt::Write as _;

pub use crate::style::measure::FontMeasure;

/// The font families a picture names, first found wins: the window's own Latin font, then
/// broad fallbacks. PNG rendering loads the first from the program and the rest from the
/// system.
pub const FONT_FAMILIES: &str =
    "Ubuntu, 'DejaVu Sans', 'Noto Sans', 'Droid Sans Fallback', sans-serif";

/// Width of the legend column, in points.
pub const LEGEND_WIDTH: f32 = 230.0;

/// Height of the caption band, in points.
pub const CAPTION_HEIGHT: f32 = 58.0;

/// What a picture says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// The map's title.
    pub title: String,
    /// The line under it: the date shown and the profile in force.
    pub subtitle: String,
}

/// Text that can stand in XML: `&`, `<`, `>`, quotes escaped; characters XML 1.0 forbids
/// (controls other than tab, line feed and carriage return; U+FFFE and U+FFFF) dropped.
/// Returns the text and how many characters were dropped.
pub fn xml_escape(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => dropped += 1,
            c => out.push(c),
        }
    }
    (out, dropped)
}

fn colour(Rgba([r, g, b, _]): Rgba) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// ` fill="#rrggbb"` and, when not opaque, its opacity.
fn paint(attribute: &str, rgba: Rgba) -> String {
    let alpha = rgba.0[3];
    if alpha == 255 {
        format!(r#" {attribute}="{}""#, colour(rgba))
    } else {
        format!(
            r#" {attribute}="{}" {attribute}-opacity="{}""#,
            colour(rgba),
            number(f32::from(alpha) / 255.0)
        )
    }
}

/// A number with at most two decimals and no trailing zeros: small, stable files.
pub fn number(x: f32) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn point([x, y]: [f32; 2]) -> String {
    format!("{},{}", number(x), number(y))
}

fn polygon(svg: &mut String, points: &[[f32; 2]], fill: Rgba, stroke: Option<(Rgba, f32)>) {
    let points: Vec<String> = points.iter().map(|&p| point(p)).collect();
    let _ = write!(
        svg,
        r#"<polygon points="{}"{}"#,
        points.join(" "),
        paint("fill", fill)
    );
    if let Some((c, w)) = stroke {
        let _ = write!(
            svg,
            r#"{} stroke-width="{}""#,
            paint("stroke", c),
            number(w)
        );
    }
    svg.push_str("/>\n");
}

fn node_symbol(
    svg: &mut String,
    shape: NodeShape,
    centre: [f32; 2],
    radius: f32,
    fill: Option<Rgba>,
    stroke: Option<(Rgba, f32)>,
) {
    let outline = crate::style::node_outline(shape, centre, radius);
    let fill_attr = fill.map_or_else(|| r#" fill="none""#.to_owned(), |f| paint("fill", f));
    let stroke_attr = stroke.map_or_else(String::new, |(c, w)| {
        format!(r#"{} stroke-width="{}""#, paint("stroke", c), number(w))
    });
    if outline.is_empty() {
        let _ = writeln!(
            svg,
            r#"<circle cx="{}" cy="{}" r="{}"{fill_attr}{stroke_attr}/>"#,
            number(centre[0]),
            number(centre[1]),
            number(radius)
        );
    } else {
        let points: Vec<String> = outline.iter().map(|&p| point(p)).collect();
        let _ = writeln!(
            svg,
            r#"<polygon points="{}"{fill_attr}{stroke_attr}/>"#,
            points.join(" ")
        );
    }
}

/// A straight line from `a` to `b`, `width` points wide; `extra` attributes (a dash)
/// follow.
fn line(svg: &mut String, a: [f32; 2], b: [f32; 2], c: Rgba, width: f32, extra: &str) {
    let _ = writeln!(
        svg,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{} stroke-width="{}"{extra}/>"#,
        number(a[0]),
        number(a[1]),
        number(b[0]),
        number(b[1]),
        paint("stroke", c),
        number(width)
    );
}

fn mark(svg: &mut String, glyph: &MarkGlyph, c: Rgba) {
    for &[a, b] in &glyph.strokes {
        line(svg, a, b, c, glyph.stroke_width, "");
    }
    if let Some(triangle) = glyph.triangle {
        polygon(svg, &triangle, c, None);
    }
}

fn text(
    svg: &mut String,
    at: [f32; 2],
    anchor: &str,
    size: f32,
    fill: Rgba,
    halo: Option<(Rgba, f32)>,
    content: &str,
) -> usize {
    let (escaped, dropped) = xml_escape(content);
    let halo = halo.map_or_else(String::new, |(c, w)| {
        format!(
            r#"{} stroke-width="{}" stroke-linejoin="round" paint-order="stroke""#,
            paint("stroke", c),
            number(w * 2.0)
        )
    });
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}"{}{halo}>{escaped}</text>"#,
        number(at[0]),
        number(at[1]),
        number(size),
        paint("fill", fill)
    );
    dropped
}

/// The SVG of a scene with its caption and legend, `scene.viewport` wide and high for the
/// map, plus [`LEGEND_WIDTH`] and [`CAPTION_HEIGHT`]. Returns the document and how many
/// characters XML cannot hold were dropped from the text.
pub fn svg(
    scene: &Scene,
    legend: &Legend,
    caption: &Caption,
    palette: &Palette,
) -> (String, usize) {
    let [w, h] = scene.viewport;
    // The legend is written first, to know how tall it is: a picture shorter than its
    // legend grows to hold it all.
    let mut legend_svg = String::new();
    let legend_height = legend_body(&mut legend_svg, legend, palette);
    let (total_w, total_h) = (w + LEGEND_WIDTH, h.max(legend_height) + CAPTION_HEIGHT);
    let mut dropped = 0;
    let mut svg = String::with_capacity(64 * 1024);
    let (title, d) = xml_escape(&caption.title);
    dropped += d;
    let _ = writeln!(svg, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{FONT_FAMILIES}" font-weight="300">"#,
        number(total_w),
        number(total_h),
        number(total_w),
        number(total_h)
    );
    let _ = writeln!(svg, "<title>{title}</title>");
    let _ = writeln!(
        svg,
        r#"<rect x="0" y="0" width="{}" height="{}"{}/>"#,
        number(total_w),
        number(total_h),
        paint("fill", scene.background)
    );
    // Caption.
    dropped += text(
        &mut svg,
        [16.0, 26.0],
        "start",
        20.0,
        palette.text,
        None,
        &caption.title,
    );
    dropped += text(
        &mut svg,
        [16.0, 46.0],
        "start",
        13.0,
        palette.weak_text,
        None,
        &caption.subtitle,
    );
    // The map, clipped to its view.
    let _ = writeln!(
        svg,
        r#"<clipPath id="view"><rect x="0" y="0" width="{}" height="{}"/></clipPath>"#,
        number(w),
        number(h)
    );
    let _ = writeln!(
        svg,
        r#"<g transform="translate(0,{})" clip-path="url(#view)">"#,
        number(CAPTION_HEIGHT)
    );
    map_body(&mut svg, scene, &mut dropped);
    svg.push_str("</g>\n");
    // The legend.
    let _ = writeln!(
        svg,
        r#"<g transform="translate({},{})">"#,
        number(w),
        number(CAPTION_HEIGHT)
    );
    svg.push_str(&legend_svg);
    svg.push_str("</g>\n</svg>\n");
    (svg, dropped)
}

fn map_body(svg: &mut String, scene: &Scene, dropped: &mut usize) {
    // Texts on a halo go over the relationships, after them, as the canvas draws them.
    let over = |item: &&BackdropItem| matches!(item, BackdropItem::Text { halo: Some(_), .. });
    for item in scene.backdrop.iter().filter(|i| !over(i)) {
        backdrop_item(svg, item, dropped);
    }
    for e in &scene.edges {
        let d = match e.path {
            EdgePath::Line(a, b) => format!("M{} L{}", point(a), point(b)),
            EdgePath::Curve(a, c, b) => format!("M{} Q{} {}", point(a), point(c), point(b)),
            EdgePath::Loop { centre, radius } => format!(
                "M{} a{r},{r} 0 1,0 {} 0 a{r},{r} 0 1,0 {} 0",
                point([centre[0] - radius, centre[1]]),
                number(2.0 * radius),
                number(-2.0 * radius),
                r = number(radius)
            ),
        };
        let dash = e.dash.map_or_else(String::new, |(a, b)| {
            format!(r#" stroke-dasharray="{} {}""#, number(a), number(b))
        });
        let _ = writeln!(
            svg,
            r#"<path d="{d}" fill="none"{} stroke-width="{}"{dash}/>"#,
            paint("stroke", e.colour),
            number(e.width)
        );
        if let Some(tri) = e.arrow {
            polygon(svg, &tri, e.colour, None);
        }
        if let Some(glyph) = &e.mark {
            mark(svg, glyph, e.colour);
        }
    }
    for item in scene.backdrop.iter().filter(over) {
        backdrop_item(svg, item, dropped);
    }
    for n in &scene.nodes {
        node_symbol(svg, n.shape, n.centre, n.radius, Some(n.fill), n.outline);
        if let Some((c, width, gap)) = n.ring {
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{}" r="{}" fill="none"{} stroke-width="{}"{}/>"#,
                number(n.centre[0]),
                number(n.centre[1]),
                number(n.radius + gap),
                paint("stroke", c),
                number(width),
                if n.pending {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                }
            );
        }
        if let Some((head, tip, size, c)) = n.pin {
            line(svg, head, tip, c, 1.5, "");
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{}" r="{}"{}/>"#,
                number(head[0]),
                number(head[1]),
                number(size),
                paint("fill", c)
            );
        }
    }
    for leader in scene.labels.iter().filter_map(|l| l.leader) {
        line(
            svg,
            leader.line[0],
            leader.line[1],
            leader.colour,
            leader.width,
            "",
        );
        let _ = writeln!(
            svg,
            r#"<circle cx="{}" cy="{}" r="{}"{}/>"#,
            number(leader.line[0][0]),
            number(leader.line[0][1]),
            number(leader.dot),
            paint("fill", leader.colour)
        );
    }
    for l in &scene.labels {
        // The halo is the label's box, as the canvas draws it ([`SceneLabel::halo_box`]):
        // lines stop at its edge, not between the letters.
        let halo = l.halo_box();
        let _ = writeln!(
            svg,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{}/>"#,
            number(halo.min[0]),
            number(halo.min[1]),
            number(halo.width()),
            number(halo.height()),
            number(l.halo_px / 2.0),
            paint("fill", l.halo)
        );
        match l.break_at.and_then(|at| l.text.split_at_checked(at)) {
            // Two lines, each centred in the box, in one text: it reads and is found as
            // one name (the first line keeps the space between them).
            Some((first, second)) => {
                let line = l.rect.height() / 2.0;
                let x = number(l.rect.centre()[0]);
                let (first, lost_first) = xml_escape(first);
                let (second, lost_second) = xml_escape(second);
                *dropped += lost_first + lost_second;
                let _ = writeln!(
                    svg,
                    r#"<text font-size="{}" text-anchor="middle"{}><tspan x="{x}" y="{}">{first}</tspan><tspan x="{x}" y="{}">{second}</tspan></text>"#,
                    number(l.size),
                    paint("fill", l.colour),
                    number(l.rect.min[1] + line * 0.8),
                    number(l.rect.min[1] + line * 1.8),
                );
            }
            None => {
                // The box's left edge and text baseline (about four fifths down a line).
                let baseline = l.rect.min[1] + l.rect.height() * 0.8;
                *dropped += text(
                    svg,
                    [l.rect.min[0], baseline],
                    "start",
                    l.size,
                    l.colour,
                    None,
                    &l.text,
                );
            }
        }
    }
}

/// Writes the legend; returns how tall it is, in points.
fn legend_body(svg: &mut String, legend: &Legend, palette: &Palette) -> f32 {
    let mut y = 22.0;
    let x = 14.0;
    let _ = text(svg, [x, y], "start", 15.0, palette.text, None, "Legend");
    y += 10.0;
    for section in &legend.sections {
        y += 18.0;
        // A heading with a name in it ("Rings round ...") may be long: wrapped as the note.
        for (k, line) in wrapped(&section.heading, LEGEND_CHARACTERS)
            .iter()
            .enumerate()
        {
            if k > 0 {
                y += 16.0;
            }
            let _ = text(svg, [x, y], "start", 12.0, palette.text, None, line);
        }
        y += 6.0;
        let mut row_x = x;
        for entry in &section.entries {
            // Side by side, an entry takes its symbol, a gap and its words (about 7 points
            // a character at 12 points); one that would pass the legend's edge starts a new
            // row.
            let symbol_width = match entry.symbol {
                Symbol::Node { radius, .. } => (2.0 * radius).max(12.0) + 8.0,
                Symbol::Line { .. } => 42.0,
                Symbol::Ring { radius } => (2.0 * radius).max(12.0) + 8.0,
            };
            let entry_width = symbol_width + 7.0 * entry.text.chars().count() as f32 + 10.0;
            if section.in_a_row && row_x > x && row_x + entry_width > LEGEND_WIDTH - 8.0 {
                row_x = x;
                y += 26.0;
            }
            let row_y = y + 12.0;
            match &entry.symbol {
                Symbol::Node {
                    shape,
                    fill,
                    radius,
                } => {
                    let centre = if section.in_a_row {
                        [row_x + symbol_width / 2.0 - 4.0, row_y]
                    } else {
                        [row_x + 10.0, row_y]
                    };
                    let stroke = Some((
                        if fill.is_some() {
                            palette.symbol_outline
                        } else {
                            palette.text
                        },
                        1.0,
                    ));
                    node_symbol(svg, *shape, centre, *radius, *fill, stroke);
                }
                Symbol::Line {
                    width,
                    colour,
                    dashed,
                    mark: m,
                    arrow: has_arrow,
                } => {
                    let c = colour.unwrap_or(palette.text);
                    let (a, b) = ([row_x, row_y], [row_x + 34.0, row_y]);
                    let dash = if *dashed {
                        r#" stroke-dasharray="8 5""#
                    } else {
                        ""
                    };
                    line(svg, a, b, c, width.max(1.0), dash);
                    if *has_arrow {
                        polygon(svg, &arrowhead(b, [1.0, 0.0], 8.0), c, None);
                    }
                    mark(
                        svg,
                        &mark_glyph(*m, [row_x + 17.0, row_y], [1.0, 0.0], width.min(2.0)),
                        c,
                    );
                }
                Symbol::Ring { radius } => {
                    let centre = [row_x + 10.0, row_y];
                    let ring = Some((palette.weak_text, 1.0));
                    node_symbol(svg, NodeShape::Circle, centre, *radius, None, ring);
                    node_symbol(
                        svg,
                        NodeShape::Circle,
                        centre,
                        1.5,
                        Some(palette.text),
                        None,
                    );
                }
            }
            let label_x = row_x + if section.in_a_row { symbol_width } else { 42.0 };
            let _ = text(
                svg,
                [label_x, row_y + 4.0],
                "start",
                12.0,
                palette.text,
                None,
                &entry.text,
            );
            if section.in_a_row {
                row_x += entry_width;
            } else {
                y += 22.0;
            }
        }
        if section.in_a_row {
            y += 26.0;
        }
    }
    y += 20.0;
    // The note, wrapped by words.
    for line in wrapped(legend.note, LEGEND_CHARACTERS) {
        let _ = text(svg, [x, y], "start", 11.0, palette.weak_text, None, &line);
        y += 15.0;
    }
    y + 1.0
}

/// How many characters a line of the legend holds, about (12 points in [`LEGEND_WIDTH`]).
const LEGEND_CHARACTERS: usize = 32;

/// `text` in lines of about `chars` characters, broken between words (a longer word
/// keeps a line of its own).
fn wrapped(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The most pixels a PNG may have: 100 million (400 MB while it is drawn), a poster of
/// 10,000 by 10,000.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The SVG we wrote did not parse (a bug, never the map's fault).
    #[error("the picture could not be drawn: {0}")]
    Svg(String),
    /// The picture is too large to hold in memory.
    #[error(
        "a picture of {0} by {1} pixels is too large (at most 100 million pixels: lower --scale, --width or --height)"
    )]
    TooLarge(u32, u32),
    /// PNG encoding failed.
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
}

/// Renders an SVG document to PNG bytes at `scale` pixels a point, with the program's font
/// and `fallbacks` (font files' bytes) for other scripts. No window, no GPU.
pub fn png(svg: &str, scale: f32, fallbacks: &[Vec<u8>]) -> Result<Vec<u8>, PictureError> {
    let mut fonts = fontdb::Database::new();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    for bytes in fallbacks {
        fonts.load_font_data(bytes.clone());
    }
    let options = resvg::usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        ..resvg::usvg::Options::default()
    };
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).map_err(|e| PictureError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    // Asked before allocating: a request the memory cannot hold is refused, not attempted.
    if u64::from(w) * u64::from(h) > MAX_PNG_PIXELS {
        return Err(PictureError::TooLarge(w, h));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(PictureError::TooLarge(w, h))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PictureError::Png(e.to_string()))
}

/// The view rectangle of a picture's map, in the picture's points.
pub fn map_area(scene: &Scene) -> Rect {
    Rect::from_min_size([0.0, CAPTION_HEIGHT], scene.viewport)
}

/// One item of a view's backdrop, as SVG.
fn backdrop_item(svg: &mut String, item: &BackdropItem, dropped: &mut usize) {
    match item {
        BackdropItem::Area { rect, fill } => {
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{}"{}/>"#,
                number(rect.min[0]),
                number(rect.min[1]),
                number(rect.width()),
                number(rect.height()),
                paint("fill", *fill)
            );
        }
        BackdropItem::Frame { rect, colour } => {
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="none"{} stroke-width="1"/>"#,
                number(rect.min[0]),
                number(rect.min[1]),
                number(rect.width()),
                number(rect.height()),
                paint("stroke", *colour)
            );
        }
        BackdropItem::Text {
            at,
            centred,
            text: t,
            size,
            colour,
            angle,
            halo,
        } => {
            // On its halo, a stroke round the letters here (the canvas, which measures the
            // text, draws its box): lines under it stop short of the letters.
            let halo = *halo;
            let (anchor, y) = if *centred {
                ("middle", at[1])
            } else {
                ("start", at[1] + size)
            };
            if *angle == 0.0 {
                *dropped += text(svg, [at[0], y], anchor, *size, *colour, halo, t);
            } else {
                // Turned about its bottom-centre, as the scene says.
                let _ = writeln!(
                    svg,
                    r#"<g transform="rotate({} {} {})">"#,
                    number(angle.to_degrees()),
                    number(at[0]),
                    number(at[1])
                );
                *dropped += text(svg, [at[0], y], anchor, *size, *colour, halo, t);
                svg.push_str("</g>\n");
            }
        }
        BackdropItem::Ring {
            centre,
            radius,
            width,
            colour,
        } => {
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{}" r="{}" fill="none"{} stroke-width="{}"/>"#,
                number(centre[0]),
                number(centre[1]),
                number(*radius),
                paint("stroke", *colour),
                number(*width)
            );
        }
        BackdropItem::Arrow {
            from,
            to,
            width,
            head,
            colour,
        } => {
            line(svg, *from, *to, *colour, *width, "");
            polygon(svg, head, *colour, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_what_xml_forbids_is_dropped() {
        let (text, dropped) = xml_escape("A & B <script> \"q\" 'a'\u{1}\u{1b}[2J");
        assert_eq!(
            text,
            "A &amp; B &lt;script&gt; &quot;q&quot; &apos;a&apos;[2J"
        );
        assert_eq!(dropped, 2);
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(1.234_567), "1.23");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(10.5), "10.5");
    }
}
