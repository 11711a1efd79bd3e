//! Printing for the headless jobs: a closed pipe (`stakemap validate f | head -1`) is not
//! an error, and every error is printed once.

use std::io::Write;

/// Prints a line on standard output, ignoring a closed pipe.
pub fn out(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Prints a line on standard error.
pub fn err(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Reports a load failure: problems one a line on stdout (exit 1), anything else as one
/// line on stderr (exit 2). Returns the exit code.
pub fn load_failure(error: &crate::io::LoadError) -> u8 {
    match error {
        crate::io::LoadError::Invalid { origin, problems } => {
            for problem in problems {
                out(&format!("{origin}: {problem}"));
            }
            err(&format!("{origin}: {} problem(s)", problems.len()));
            super::EXIT_PROBLEMS
        }
        other => {
            err(&format!("error: {other}"));
            super::EXIT_ERROR
        }
    }
}
