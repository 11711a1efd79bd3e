//! Writing XML text and attribute values that every XML 1.0 parser reads back exactly.
//!
//! quick-xml's escaping covers `&`, `<`, `>`, `"` and `'` only. Two more things matter
//! for a faithful export, so the few lines are ours:
//! - Characters XML 1.0 forbids (control characters other than tab, line feed and
//!   carriage return; U+FFFE and U+FFFF) make a document unreadable; they are dropped and
//!   counted for the report.
//! - Parsers normalise a literal tab, line feed or carriage return inside an attribute
//!   value to a space, and a carriage return in text to a line feed (XML 1.0 sections 3.3.3
//!   and 2.11); written as character references (`&#10;`) they survive.

use std::borrow::Cow;

/// Whether XML 1.0 allows this character in a document (its `Char` production).
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for XML; `attribute` also escapes `"`, tab and line feed. Forbidden
/// characters are dropped and added to `dropped`.
pub fn escape<'t>(text: &'t str, attribute: bool, dropped: &mut usize) -> Cow<'t, str> {
    let needs = text.chars().any(|c| {
        !allowed(c)
            || matches!(c, '&' | '<' | '>' | '\r')
            || (attribute && matches!(c, '"' | '\t' | '\n'))
    });
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c if !allowed(c) => *dropped += 1,
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A small XML writer over a string buffer: elements, attributes and text, indented two
/// spaces a level, escaped as [`escape`] says. The buffer is flushed to the output by the
/// caller; counting dropped characters is all that can go wrong while building.
pub struct Xml {
    /// The document so far.
    pub out: String,
    /// Characters dropped because XML 1.0 cannot hold them.
    pub dropped: usize,
}

impl Xml {
    /// A document starting with the XML declaration.
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            dropped: 0,
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn open_tag(&mut self, depth: usize, name: &str, attributes: &[(&str, &str)]) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            let escaped = escape(value, true, &mut self.dropped);
            self.out.push_str(&escaped);
            self.out.push('"');
        }
    }

    /// `<name a="v">` on its own line.
    pub fn open(&mut self, depth: usize, name: &str, attributes: &[(&str, &str)]) {
        self.open_tag(depth, name, attributes);
        self.out.push_str(">\n");
    }

    /// `</name>` on its own line.
    pub fn close(&mut self, depth: usize, name: &str) {
        self.indent(depth);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name a="v"/>` on its own line.
    pub fn empty(&mut self, depth: usize, name: &str, attributes: &[(&str, &str)]) {
        self.open_tag(depth, name, attributes);
        self.out.push_str("/>\n");
    }

    /// `<name a="v">text</name>` on its own line.
    pub fn text(&mut self, depth: usize, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open_tag(depth, name, attributes);
        self.out.push('>');
        let escaped = escape(text, false, &mut self.dropped);
        self.out.push_str(&escaped);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes what has been built so far and empties the buffer, so that a large export
    /// never holds the whole document.
    pub fn flush_to(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.out.as_bytes())?;
        self.out.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_whitespace_and_drops_forbidden_characters() {
        let mut dropped = 0;
        assert_eq!(escape("a & <b>", false, &mut dropped), "a &amp; &lt;b&gt;");
        assert_eq!(
            escape("say \"hi\"\n\tnow\r", true, &mut dropped),
            "say &quot;hi&quot;&#10;&#9;now&#13;"
        );
        assert_eq!(escape("line\nbreak", false, &mut dropped), "line\nbreak");
        assert_eq!(dropped, 0);
        assert_eq!(
            escape("bell\u{7}\u{0}\u{FFFE}end", false, &mut dropped),
            "bellend"
        );
        assert_eq!(dropped, 3);
        assert!(matches!(
            escape("plain", true, &mut dropped),
            Cow::Borrowed(_)
        ));
    }
}
