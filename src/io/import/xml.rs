//! Reading XML safely for the GraphML and GEXF importers, over quick-xml's streaming
//! reader: elements with their attributes already unescaped, text with references
//! resolved, and the line and column of every element.
//!
//! Entities: quick-xml never expands entities a DOCTYPE declares. A DOCTYPE that declares
//! any (`<!ENTITY`) is refused outright, which also stops entity bombs ("billion laughs")
//! in their tracks; a plain DOCTYPE is ignored. Only XML's five predefined entities and
//! character references are resolved; any other reference is an error at its place.

use super::ImportError;
use crate::io::mapping::{Action, MappingReport};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::borrow::Cow;

/// One thing the reader saw.
pub(super) enum Item {
    /// An element opens (`empty` when it also closes: `<a/>`).
    Start {
        /// Its local name (without a namespace prefix).
        name: String,
        /// Its attributes, names as written (with prefixes), values unescaped.
        attributes: Vec<(String, String)>,
        /// Whether it is an empty element.
        empty: bool,
        /// Line and column of its `<`.
        at: (u64, u64),
    },
    /// An element closes.
    End {
        /// Its local name.
        name: String,
    },
    /// Character data (text, CDATA, or a resolved reference).
    Text(String),
    /// The end of the document.
    Eof,
}

/// Byte offsets to lines and columns, advancing forwards only, so a whole file costs one
/// pass however many elements ask (and a file on a single line stays linear).
struct Lines<'t> {
    bytes: &'t [u8],
    pos: usize,
    line: u64,
    column: u64,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> (u64, u64) {
        let offset = offset.min(self.bytes.len());
        if offset < self.pos {
            return super::line_column(self.bytes, offset);
        }
        for &b in &self.bytes[self.pos..offset] {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // A byte that starts a character (not a UTF-8 continuation byte).
                self.column += 1;
            }
        }
        self.pos = offset;
        (self.line, self.column)
    }
}

/// A safe XML reader over text in memory.
pub(super) struct XmlReader<'t> {
    reader: Reader<&'t [u8]>,
    lines: Lines<'t>,
    origin: String,
    /// The elements open now, innermost last.
    open: Vec<String>,
}

impl<'t> XmlReader<'t> {
    pub fn new(origin: &str, text: &'t str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            reader,
            lines: Lines {
                bytes: text.as_bytes(),
                pos: 0,
                line: 1,
                column: 1,
            },
            origin: origin.to_owned(),
            open: Vec::new(),
        }
    }

    /// An error at a byte offset.
    pub fn error_at(&mut self, offset: u64, message: impl Into<String>) -> ImportError {
        let (line, column) = self.lines.at(usize::try_from(offset).unwrap_or(usize::MAX));
        ImportError::Syntax {
            origin: self.origin.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    fn attributes(
        &mut self,
        e: &BytesStart<'_>,
        offset: u64,
    ) -> Result<Vec<(String, String)>, ImportError> {
        let mut out = Vec::new();
        for attribute in e.attributes() {
            let attribute =
                attribute.map_err(|err| self.error_at(offset, format!("bad attribute: {err}")))?;
            let key = attribute.key.as_ref().to_owned();
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| self.error_at(offset, format!("attribute `{key}`: {err} (only &lt; &gt; &amp; &apos; &quot; and character references are read)")))?;
            out.push((key, value.into_owned()));
        }
        Ok(out)
    }

    /// The next item, or an error naming its line and column.
    pub fn next(&mut self, report: &mut MappingReport) -> Result<Item, ImportError> {
        loop {
            let offset = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = self.reader.error_position();
                    return Err(self.error_at(at, format!("not well-formed XML: {e}")));
                }
            };
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name().as_ref().to_owned();
                    if !empty {
                        self.open.push(name.clone());
                    }
                    let attributes = self.attributes(e, offset)?;
                    let at = self.lines.at(usize::try_from(offset).unwrap_or(usize::MAX));
                    return Ok(Item::Start {
                        name,
                        attributes,
                        empty,
                        at,
                    });
                }
                Event::End(e) => {
                    self.open.pop();
                    return Ok(Item::End {
                        name: e.local_name().as_ref().to_owned(),
                    });
                }
                Event::Text(t) => {
                    let text = t.xml10_content();
                    if !text.is_empty() {
                        return Ok(Item::Text(text.into_owned()));
                    }
                }
                Event::CData(c) => {
                    let text: Cow<'_, str> = c.xml10_content();
                    return Ok(Item::Text(text.into_owned()));
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match &*r.xml10_content() {
                            "lt" => "<".to_owned(),
                            "gt" => ">".to_owned(),
                            "amp" => "&".to_owned(),
                            "apos" => "'".to_owned(),
                            "quot" => "\"".to_owned(),
                            other => {
                                let message = format!(
                                    "undefined entity `&{other};` (stakemap reads only &lt; &gt; &amp; &apos; &quot; and character references)"
                                );
                                return Err(self.error_at(offset, message));
                            }
                        },
                        Err(e) => {
                            return Err(
                                self.error_at(offset, format!("bad character reference: {e}"))
                            );
                        }
                    };
                    return Ok(Item::Text(resolved));
                }
                Event::DocType(d) => {
                    if d.contains("<!ENTITY") || d.contains("<!entity") {
                        return Err(self.error_at(
                            offset,
                            "the DOCTYPE declares entities; stakemap does not expand entities (it keeps files such as entity bombs from exhausting memory): remove the DOCTYPE",
                        ));
                    }
                    report.note(Action::Dropped, "DOCTYPE (no entities): ignored");
                }
                Event::Decl(d) => {
                    if let Some(Ok(encoding)) = d.encoding() {
                        let name = encoding.to_ascii_lowercase();
                        if !matches!(name.as_str(), "utf-8" | "utf8" | "utf-16" | "utf16") {
                            report.note(
                                Action::Assumed,
                                format!("the file declares encoding `{name}` but is valid UTF-8: read as UTF-8"),
                            );
                        }
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    if let Some(name) = self.open.last() {
                        let message =
                            format!("the file ends before <{name}> is closed (is it cut short?)");
                        return Err(self.error_at(offset, message));
                    }
                    return Ok(Item::Eof);
                }
            }
        }
    }
}

/// The value of an attribute by its name as written (`id`, `attr.name`, `y:foo`).
pub(super) fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
