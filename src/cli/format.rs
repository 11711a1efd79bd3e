//! `stakemap format FILE [--check]`: rewrite a map in canonical form, or check that it is.

use super::output::{err, load_failure, out};
use std::path::Path;

pub(super) fn run(file: &Path, check: bool) -> u8 {
    let loaded = crate::io::read_text(file)
        .and_then(|text| crate::io::parse(&text, &file.display().to_string()).map(|m| (text, m)));
    let (current, map) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return load_failure(&e),
    };
    let canonical = crate::io::to_ron(&map);
    let already = current == canonical;
    if check {
        if already {
            return super::EXIT_OK;
        }
        out(&format!("{}: not in canonical form", file.display()));
        return super::EXIT_PROBLEMS;
    }
    if already {
        return super::EXIT_OK;
    }
    match crate::io::write_atomically(file, |f| std::io::Write::write_all(f, canonical.as_bytes()))
    {
        Ok(()) => {
            out(&format!("formatted {}", file.display()));
            super::EXIT_OK
        }
        Err(e) => {
            err(&format!("error: {e}"));
            super::EXIT_ERROR
        }
    }
}
