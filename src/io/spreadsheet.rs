//! CSV made safe for spreadsheets: one helper that every CSV stakemap writes goes through
//! (exports and the change report), so Excel reads accents and never runs a cell.
//!
//! - A UTF-8 byte-order mark starts the file: without it Excel on Windows reads UTF-8 as
//!   the local code page and "Québec" arrives as "QuÃ©bec".
//! - A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
//!   to Excel, LibreOffice and Google Sheets ("CSV injection", OWASP). Such a cell is
//!   written with a leading apostrophe (`'=HYPERLINK(...)`), which spreadsheets show as
//!   text and hide. A plain number (`-3`, `+4.5`, `-1e3`) is left alone: it cannot run,
//!   and coordinates must stay numbers. stakemap's importers remove the apostrophe again
//!   ([`restore_cell`]), so exports round-trip.

use std::borrow::Cow;
use std::io::Write;

/// The UTF-8 byte-order mark that starts every CSV file stakemap writes.
pub const UTF8_BOM: &str = "\u{feff}";

/// Whether a spreadsheet would read this cell as a formula.
fn starts_a_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Whether the cell is a plain decimal number (`-3`, `+4.50`, `-1.5e3`), which is safe.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (digits, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && all_digits(whole)
        && all_digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && all_digits(e))
}

/// The cell as it is safe to write: with a leading apostrophe when a spreadsheet would
/// read it as a formula and it is not a plain number.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if starts_a_formula(cell) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise`]: an apostrophe followed by what starts a
/// formula is taken off; any other cell is returned as it is.
pub fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_a_formula(rest) => rest,
        _ => cell,
    }
}

/// A CSV writer that starts with the byte-order mark and neutralises every cell.
///
/// Records are written with the `csv` crate (RFC 4180 quoting: separators, quotes and
/// line breaks inside a cell are quoted). `neutralised` counts the cells that needed it,
/// for the mapping report.
pub struct SafeCsvWriter<W: Write> {
    inner: csv::Writer<W>,
    /// How many cells were given a leading apostrophe.
    pub neutralised: usize,
}

impl<W: Write> SafeCsvWriter<W> {
    /// Writes the byte-order mark and returns a writer for the records.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(UTF8_BOM.as_bytes())?;
        Ok(Self {
            inner: csv::Writer::from_writer(out),
            neutralised: 0,
        })
    }

    /// Writes one record, each cell neutralised.
    pub fn write_record<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut record = csv::StringRecord::new();
        for cell in cells {
            let safe = neutralise(cell.as_ref());
            if let Cow::Owned(_) = safe {
                self.neutralised += 1;
            }
            record.push_field(&safe);
        }
        self.inner.write_record(&record)
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> csv::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for (cell, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("-", "'-"),
            ("-3", "-3"),
            ("+4.5", "+4.5"),
            ("-285.5", "-285.5"),
            ("-1.5e3", "-1.5e3"),
            ("Québec", "Québec"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
            assert_eq!(restore_cell(&neutralise(cell)), cell, "{cell:?}");
        }
        assert_eq!(
            restore_cell("'quoted"),
            "'quoted",
            "an ordinary apostrophe stays"
        );
    }

    #[test]
    fn the_writer_starts_with_a_bom_and_reads_back() {
        let mut writer = SafeCsvWriter::new(Vec::new()).expect("memory");
        writer.write_record(["Label", "Note"]).expect("memory");
        writer
            .write_record(["=cmd|' /C calc'!A0", "line\nbreak, \"quoted\""])
            .expect("memory");
        assert_eq!(writer.neutralised, 1);
        let bytes = writer.into_inner().expect("memory");
        assert!(bytes.starts_with(UTF8_BOM.as_bytes()));
        let mut reader = csv::Reader::from_reader(&bytes[UTF8_BOM.len()..]);
        let row = reader.records().next().expect("a row").expect("valid");
        assert_eq!(&row[0], "'=cmd|' /C calc'!A0");
        assert_eq!(&row[1], "line\nbreak, \"quoted\"");
    }
}
