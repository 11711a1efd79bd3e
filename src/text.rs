//! Right-to-left text for display: names are stored in logical order (the order they are
//! typed and read), and these functions give the order to hand a left-to-right text layout
//! so a line reads as the Unicode Bidirectional Algorithm says.
//!
//! Only for what is drawn: files, exports and SVG keep the logical order.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation as _;

/// `text` in the order to lay out for display by a layout that places runs left to right
/// and shapes each run of a right-to-left script itself, as egui 0.36 does: it splits a
/// line into runs by font, and its shaper (HarfBuzz's algorithm, in harfrust) joins the
/// Arabic letters of a run and reverses every run whose script is Hebrew or Arabic, but
/// nothing orders the runs, the words between spaces, the numbers or the punctuation.
///
/// So each line (split at `\n`) is put in visual order by the Unicode Bidirectional
/// Algorithm (UAX #9, via `unicode-bidi`: the base direction from the first strong
/// character, brackets mirrored in right-to-left runs, embedding and isolate controls
/// dropped once applied), except that every run of Hebrew- or Arabic-block characters
/// is left in logical order for the shaper to reverse and join, and Arabic-Indic numbers
/// are handed to it reversed so they come out left to right.
///
/// Text with nothing right to left in it is returned as it is, without allocating.
///
/// ```
/// use stakemap::text::display_order;
/// // The Hebrew words swap places; each word stays in logical order for the shaper.
/// assert_eq!(display_order("הרב יעל"), "יעל הרב");
/// assert_eq!(display_order("Nguyễn Thị Ánh"), "Nguyễn Thị Ánh");
/// ```
pub fn display_order(text: &str) -> Cow<'_, str> {
    reorder(text, |out, run| {
        if run.rtl {
            // Right to left: pieces in reverse order, each script piece left for the shaper
            // to reverse, everything else reversed and mirrored here.
            for piece in pieces(&run.graphemes).rev() {
                if piece.rtl_script {
                    piece.graphemes.iter().for_each(|g| out.push_str(g));
                } else {
                    piece
                        .graphemes
                        .iter()
                        .rev()
                        .for_each(|g| push_mirrored(out, g));
                }
            }
        } else {
            for piece in pieces(&run.graphemes) {
                if piece.rtl_script {
                    // Left to right, but the shaper will reverse it (Arabic-Indic digits).
                    piece.graphemes.iter().rev().for_each(|g| out.push_str(g));
                } else {
                    piece.graphemes.iter().for_each(|g| out.push_str(g));
                }
            }
        }
    })
}

/// `text` in visual order by the Unicode Bidirectional Algorithm (UAX #9, rules L1-L4 as
/// far as one line goes): what a reader sees from left to right, each grapheme kept whole
/// (a letter and its marks), brackets mirrored in right-to-left runs, embedding and isolate
/// controls dropped. For a layout that does no reordering or reversing of its own.
///
/// ```
/// use stakemap::text::visual_order;
/// assert_eq!(visual_order("שלום"), "םולש");
/// assert_eq!(visual_order("Rabbi · הרב"), "Rabbi · ברה");
/// ```
pub fn visual_order(text: &str) -> Cow<'_, str> {
    reorder(text, |out, run| {
        if run.rtl {
            run.graphemes
                .iter()
                .rev()
                .for_each(|g| push_mirrored(out, g));
        } else {
            run.graphemes.iter().for_each(|g| out.push_str(g));
        }
    })
}

/// One directional run of a line, in logical order.
struct Run<'a> {
    rtl: bool,
    graphemes: Vec<&'a str>,
}

/// Splits each line of `text` into directional runs in visual order and lets `emit` write
/// each run; returns `text` itself when it has nothing right to left.
fn reorder<'a>(text: &'a str, mut emit: impl FnMut(&mut String, &Run<'_>)) -> Cow<'a, str> {
    if !text.chars().any(needs_bidi) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let info = ParagraphBidiInfo::new(line, None);
        let (levels, runs) = info.visual_runs(0..line.len());
        for range in runs {
            let rtl = levels.get(range.start).is_some_and(|level| level.is_rtl());
            let graphemes = line
                .get(range)
                .unwrap_or_default()
                .graphemes(true)
                .filter(|g| !is_directional_control(g))
                .collect();
            emit(&mut out, &Run { rtl, graphemes });
        }
    }
    Cow::Owned(out)
}

/// Consecutive graphemes of a run that are, or are not, of a right-to-left script.
struct Piece<'r, 'a> {
    rtl_script: bool,
    graphemes: &'r [&'a str],
}

fn pieces<'r, 'a>(graphemes: &'r [&'a str]) -> impl DoubleEndedIterator<Item = Piece<'r, 'a>> {
    graphemes
        .chunk_by(|a, b| is_rtl_script(a) == is_rtl_script(b))
        .map(|graphemes| Piece {
            rtl_script: graphemes.first().is_some_and(|g| is_rtl_script(g)),
            graphemes,
        })
}

/// Whether a grapheme's base character is in a block of a right-to-left script (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko and the rest of U+0590-U+08FF, their presentation forms,
/// and the right-to-left historic and African scripts of the supplementary planes). These
/// are what a font run is made of when egui's shaper reverses it; blocks rather than the
/// Script property, so that the Arabic comma and question mark stay with their words.
fn is_rtl_script(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(|c| {
        matches!(c,
            '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}')
    })
}

/// Whether a character calls for the bidirectional algorithm: right to left, Arabic
/// number, or an explicit embedding, override or isolate.
fn needs_bidi(c: char) -> bool {
    use BidiClass::{AL, AN, FSI, LRE, LRI, LRO, PDF, PDI, R, RLE, RLI, RLO};
    // Nothing before Hebrew is right to left or a control: Latin text costs one comparison
    // a character.
    c >= '\u{0590}'
        && matches!(
            bidi_class(c),
            R | AL | AN | RLE | RLO | RLI | LRE | LRO | LRI | FSI | PDF | PDI
        )
}

/// The marks and controls that only steer the algorithm and are not drawn (rule X9, and
/// the marks whose work is done once the text is in visual order).
fn is_directional_control(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "\u{200E}"
            | "\u{200F}"
            | "\u{061C}"
            | "\u{202A}"
            | "\u{202B}"
            | "\u{202C}"
            | "\u{202D}"
            | "\u{202E}"
            | "\u{2066}"
            | "\u{2067}"
            | "\u{2068}"
            | "\u{2069}"
    )
}

/// Pushes a grapheme drawn in a right-to-left run: a bracket or other mirrored character
/// becomes its mirror image (rule L4; the common pairs of Unicode's BidiMirroring.txt).
fn push_mirrored(out: &mut String, grapheme: &str) {
    let mut chars = grapheme.chars();
    if let Some(first) = chars.next() {
        out.push(mirror(first));
        out.push_str(chars.as_str());
    }
}

fn mirror(c: char) -> char {
    const PAIRS: [(char, char); 14] = [
        ('(', ')'),
        ('<', '>'),
        ('[', ']'),
        ('{', '}'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('≤', '≥'),
        ('⟨', '⟩'),
        ('⟦', '⟧'),
        ('〈', '〉'),
        ('《', '》'),
    ];
    PAIRS
        .iter()
        .find_map(|&(open, close)| {
            if c == open {
                Some(close)
            } else if c == close {
                Some(open)
            } else {
                None
            }
        })
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_nothing_right_to_left_is_not_copied() {
        for text in ["Nguyễn Thị Ánh", "夜间噪音 (night noise)", "Олена", ""] {
            assert!(matches!(display_order(text), Cow::Borrowed(_)), "{text}");
            assert!(matches!(visual_order(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn a_hebrew_word_reads_right_to_left() {
        // Logical order: shin, lamed, vav, final mem. Seen left to right: the reverse.
        assert_eq!(visual_order("שלום"), "םולש");
        // For egui the word stays in logical order: its shaper reverses it.
        assert_eq!(display_order("שלום"), "שלום");
    }

    #[test]
    fn hebrew_words_and_their_punctuation_swap_places() {
        assert_eq!(visual_order("הרב יעל בן-דוד"), "דוד-ןב לעי ברה");
        assert_eq!(display_order("הרב יעל בן-דוד"), "דוד-בן יעל הרב");
    }

    #[test]
    fn latin_then_hebrew_keeps_the_latin_first() {
        let name = "Rabbi Yael Ben-David · הרב יעל בן-דוד";
        assert_eq!(visual_order(name), "Rabbi Yael Ben-David · דוד-ןב לעי ברה");
        assert_eq!(display_order(name), "Rabbi Yael Ben-David · דוד-בן יעל הרב");
    }

    #[test]
    fn an_arabic_name_keeps_its_letters_in_logical_order_for_joining() {
        // Three words: the last is drawn leftmost, each word left whole for the shaper.
        assert_eq!(
            display_order("جمعية الجالية العربية"),
            "العربية الجالية جمعية"
        );
    }

    #[test]
    fn numbers_in_right_to_left_text_read_left_to_right() {
        // European digits after Hebrew: the number stays 2025, placed to the left.
        assert_eq!(visual_order("שנה 2025"), "2025 הנש");
        assert_eq!(display_order("שנה 2025"), "2025 שנה");
        // Arabic-Indic digits 5.0: seen as ٥٫٠, handed to the shaper reversed.
        assert_eq!(visual_order("٥٫٠"), "٥٫٠");
        assert_eq!(display_order("٥٫٠"), "٠٫٥");
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        assert_eq!(visual_order("שלום (עולם)"), "(םלוע) םולש");
        assert_eq!(display_order("שלום (עולם)"), "(עולם) שלום");
        assert_eq!(visual_order("a (b)"), "a (b)");
    }

    #[test]
    fn marks_stay_with_their_letters() {
        // Bet with a dagesh and a qamats: one grapheme, reversed as one.
        let text = "שָׁלוֹם";
        let visual = visual_order(text);
        assert_eq!(visual.chars().count(), text.chars().count());
        assert!(visual.starts_with('ם'), "{visual}");
        assert!(visual.ends_with("שָׁ"), "{visual}");
    }

    #[test]
    fn directional_controls_are_dropped_and_lines_kept() {
        assert_eq!(visual_order("\u{2067}שלום\u{2069} ok"), "םולש ok");
        assert_eq!(visual_order("שלום\nעולם"), "םולש\nםלוע");
    }
}
