//! Printing for the headless jobs.
//!
//! - Lines for people ([`Printer::line`], [`err`]) have control characters and
//!   bidirectional overrides escaped ([`escape_controls`]): text from a map (a name, a
//!   file name) can never drive the terminal or forge a second line. Reports for programs
//!   (CSV, JSON) and the Markdown report, which escapes its own names, are written as they
//!   are ([`Printer::text`]); an export sent to standard output is written byte for byte
//!   ([`Printer::bytes`]).
//! - A closed pipe (`stakemap validate f | head -1`) is not an error; any other failure to
//!   write standard output (a full disk, `> /dev/full`) is: the job exits 2 with one
//!   message on standard error, never 0 with its output cut short.
//! - Every error is printed once.

use crate::errors::said;
use crate::io::{LoadError, SaveError, Saved};
use crate::model::text::escape_controls;
use std::io::{self, Write};
use std::path::Path;

/// Standard output for one job: remembers the first write error and writes nothing after
/// it; [`Printer::finish`] turns it into the exit code.
pub struct Printer {
    out: io::StdoutLock<'static>,
    error: Option<io::Error>,
}

impl Printer {
    /// Takes standard output for the job.
    pub fn new() -> Self {
        Self {
            out: io::stdout().lock(),
            error: None,
        }
    }

    /// Prints one line for people, with control characters escaped (a newline inside
    /// `text` is shown as `\n`, so one call is always one line).
    pub fn line(&mut self, text: &str) {
        let mut line = escape_controls(text).into_owned();
        line.push('\n');
        self.write(line.as_bytes());
    }

    /// Prints `text` as it is (a report), ending it with a newline.
    pub fn text(&mut self, text: &str) {
        self.write(text.as_bytes());
        if !text.ends_with('\n') {
            self.write(b"\n");
        }
    }

    /// Writes `bytes` exactly as they are (an export sent to standard output with `-o -`,
    /// which must be byte for byte what the file would hold).
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.write(bytes);
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(bytes)
        {
            self.error = Some(e);
        }
    }

    /// Flushes standard output and returns the job's exit code: `code` when everything
    /// was written or the reader closed the pipe, [`super::EXIT_ERROR`] (after one message
    /// on standard error) when writing failed otherwise.
    pub fn finish(mut self, code: u8) -> u8 {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
        match self.error {
            None => code,
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
            Some(e) => {
                err(&format!("error: cannot write the output: {e}"));
                super::EXIT_ERROR
            }
        }
    }
}

/// Prints a line on standard error, with control characters escaped. A failure to write
/// standard error has nowhere to be reported.
pub fn err(line: &str) {
    let mut line = escape_controls(line).into_owned();
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// A path as messages show it.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Reports a load failure: problems one a line on stdout (exit 1), anything else as one
/// line on stderr (exit 2). Returns the exit code.
pub fn load_failure(out: &mut Printer, error: &LoadError) -> u8 {
    match error {
        LoadError::Invalid { origin, problems } => {
            for problem in problems {
                out.line(&format!("{origin}: {problem}"));
            }
            err(&format!("{origin}: {} problem(s)", problems.len()));
            super::EXIT_PROBLEMS
        }
        other => {
            err(&format!("error: {}", said(other)));
            super::EXIT_ERROR
        }
    }
}

/// Reports a save that did not happen, saying how to go ahead where the person can
/// (`--force`). Returns the exit code.
pub fn save_failure(error: &SaveError) -> u8 {
    let file = shown(error.path());
    match error {
        SaveError::CommentsDropped { count, .. } => err(&format!(
            "error: {file} has {count} comment(s), which a saved map cannot keep (the file is \
             rewritten in canonical form); move what they say into a description or notes, or \
             run again with --force to drop them"
        )),
        SaveError::ReadOnly { .. } => err(&format!(
            "error: {error}; make it writable, or run again with --force to write it anyway"
        )),
        other => err(&format!("error: {}", said(other))),
    }
    super::EXIT_ERROR
}

/// Prints what a save could not keep, one warning a line on standard error.
pub fn save_warnings(saved: &Saved) {
    for warning in &saved.warnings {
        err(&format!("warning: {}", said(warning)));
    }
}
