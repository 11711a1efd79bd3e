//! Text from a map as people see it: whether a name shows anything at all, the one
//! normal form names are stored in (NFC), and escaping of the characters that must never
//! reach a terminal or a report raw (controls and bidirectional overrides).

use super::map::Map;
use super::relationship::Relationship;
use super::stakeholder::Stakeholder;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `text` shows anything: at least one character that is not white space, a
/// control character, a combining mark standing alone, or a default-ignorable code point
/// (zero-width spaces and joiners, direction marks, the byte-order mark, variation
/// selectors, Hangul fillers ...).
///
/// A name made only of such characters is empty to the eye even when it is not empty as
/// text: `"\u{200B}"` (zero-width space), `"\u{200F}"` (right-to-left mark),
/// `"\u{FEFF}"` (byte-order mark) and `"\u{301}"` (a lone combining acute accent) all show
/// nothing. A combining mark counts once it sits on something visible (`"e\u{301}"`).
pub fn has_visible(text: &str) -> bool {
    text.chars().any(is_visible)
}

/// Whether a character shows by itself (see [`has_visible`]).
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || is_default_ignorable(c)
        || unicode_normalization::char::is_combining_mark(c)
        // The braille pattern blank is a letter-like symbol that draws as a space.
        || c == '\u{2800}')
}

/// The Default_Ignorable_Code_Point property of Unicode 16
/// (`DerivedCoreProperties.txt`): characters a renderer draws as nothing when it does not
/// support them, and usually draws as nothing anyway.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// What the invisible characters of a name are, for a message: `U+200B U+200F`.
pub fn code_points(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "U+{:04X}", u32::from(c));
    }
    out
}

/// Whether a character must be escaped wherever text from a map is shown as a line of
/// text (a terminal, a Markdown report, the map file itself): control characters (C0, DEL
/// and C1: an escape sequence can retitle or clear a terminal, a newline forges a second
/// line), the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069: they reverse the rest of a line, "Trojan Source"), and the line and
/// paragraph separators (U+2028, U+2029).
///
/// Direction marks (U+200E, U+200F, U+061C), joiners and variation selectors are left as
/// they are: right-to-left names and emoji need them, and they cannot reorder what follows.
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` with every character of [`must_escape`] written as a Rust-style escape: `\n`,
/// `\r`, `\t`, or `\u{1b}`. Everything else, backslashes included, is left as it is, so
/// names in other scripts read as themselves. Borrowed when there is nothing to escape.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(must_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Pushes `c`, escaped when [`must_escape`] says so.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if must_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` in Unicode Normalization Form C (composed: "é" as one code point, not "e" and a
/// combining accent), the one form names and every other text field are stored in, so a
/// name typed on one keyboard matches the same name typed on another. Borrowed when it is
/// already in NFC (ASCII always is), which is checked without allocating.
pub fn nfc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => {
            let normal: String = text.nfc().collect();
            if normal == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(normal)
            }
        }
    }
}

/// `text` in NFC as an owned string (see [`nfc`]): what a field stores once typed.
pub fn normalise(text: &str) -> String {
    nfc(text).into_owned()
}

/// Puts a text field into NFC in place (see [`nfc`]); returns whether it changed.
pub fn make_nfc(text: &mut String) -> bool {
    match nfc(text) {
        Cow::Borrowed(_) => false,
        Cow::Owned(normal) => {
            *text = normal;
            true
        }
    }
}

impl Map {
    /// Puts every text field of the map into NFC ([`nfc`]): title, description, baseline
    /// names, and every stakeholder's, relationship's and observation's text. Returns
    /// whether anything changed.
    pub fn compose_text(&mut self) -> bool {
        let mut changed = false;
        let mut compose = |text: &mut String| changed |= make_nfc(text);
        compose(&mut self.title);
        compose(&mut self.description);
        for b in self.baselines_unchecked().iter_mut() {
            compose(&mut b.name);
        }
        for s in self.stakeholders_mut() {
            s.for_each_text_mut(&mut compose);
        }
        for r in self.relationships_mut() {
            r.for_each_text_mut(&mut compose);
        }
        changed
    }

    /// Whether every text field of the map is in NFC already (see [`Map::compose_text`]).
    pub fn is_composed(&self) -> bool {
        let mut composed = true;
        let mut check = |text: &str| composed &= matches!(nfc(text), Cow::Borrowed(_));
        check(&self.title);
        check(&self.description);
        for b in self.baselines() {
            check(&b.name);
        }
        for s in self.stakeholders() {
            s.for_each_text(&mut check);
        }
        for r in self.relationships() {
            r.for_each_text(&mut check);
        }
        composed
    }
}

impl Stakeholder {
    /// Calls `f` on every text field: name, description, sector, area, tags, contact.
    pub fn for_each_text(&self, mut f: impl FnMut(&str)) {
        for text in [&self.name, &self.description, &self.sector, &self.area] {
            f(text);
        }
        self.tags.iter().for_each(|t| f(t));
        if let Some(c) = &self.contact {
            for text in [&c.person, &c.role, &c.email, &c.phone] {
                f(text);
            }
        }
    }

    /// Calls `f` on every text field, to change it (see [`Stakeholder::for_each_text`]).
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String)) {
        for text in [
            &mut self.name,
            &mut self.description,
            &mut self.sector,
            &mut self.area,
        ] {
            f(text);
        }
        self.tags.iter_mut().for_each(&mut f);
        if let Some(c) = &mut self.contact {
            for text in [&mut c.person, &mut c.role, &mut c.email, &mut c.phone] {
                f(text);
            }
        }
    }
}

impl Relationship {
    /// Calls `f` on every text field: owner, notes, and each observation's note and
    /// recorder.
    pub fn for_each_text(&self, mut f: impl FnMut(&str)) {
        f(&self.owner);
        f(&self.notes);
        for o in &self.observations {
            f(&o.note);
            f(&o.recorded_by);
        }
    }

    /// Calls `f` on every text field, to change it (see [`Relationship::for_each_text`]).
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String)) {
        f(&mut self.owner);
        f(&mut self.notes);
        for o in &mut self.observations {
            f(&mut o.note);
            f(&mut o.recorded_by);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_show_nothing_are_found() {
        for hidden in [
            "",
            "   ",
            "\u{200B}",
            "\u{200F}",
            "\u{200E}\u{200F}",
            "\u{FEFF}",
            "\u{301}",
            "\u{301}\u{308}",
            " \u{2060} ",
            "\u{3164}",
            "\u{2800}",
            "\u{E0041}",
            "\u{FE0F}",
            "\u{1B}",
            "\u{202E}",
        ] {
            assert!(!has_visible(hidden), "{:?} should show nothing", hidden);
        }
        for shown in [
            "A",
            "e\u{301}",
            "\u{200B}B",
            "夜间噪音",
            "جمعية",
            "👩‍👩‍👧",
            "❤️",
            ".",
        ] {
            assert!(has_visible(shown), "{shown:?} shows something");
        }
    }

    #[test]
    fn controls_and_overrides_are_escaped_and_scripts_are_not() {
        assert_eq!(
            escape_controls("a\u{1b}]0;owned\u{7}b\nc\u{202E}d\u{2066}\u{85}"),
            "a\\u{1b}]0;owned\\u{7}b\\nc\\u{202e}d\\u{2066}\\u{85}"
        );
        for kept in [
            "Québec",
            "Nguyễn Thị Ánh",
            "הרב יעל\u{200F}",
            "👩‍👩‍👧 ❤️",
            "C:\\maps",
        ] {
            assert!(matches!(escape_controls(kept), Cow::Borrowed(_)), "{kept}");
        }
    }

    #[test]
    fn text_is_composed() {
        assert_eq!(nfc("Que\u{301}bec"), "Québec");
        assert!(matches!(nfc("Québec"), Cow::Borrowed(_)));
        let mut name = "Nguye\u{302}\u{303}n".to_owned();
        assert!(make_nfc(&mut name));
        assert_eq!(name, "Nguyễn");
        assert!(!make_nfc(&mut name));
    }

    #[test]
    fn code_points_are_spelled_out() {
        assert_eq!(code_points("\u{200B}\u{301}"), "U+200B U+0301");
    }
}
