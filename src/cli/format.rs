//! `stakemap format FILE [--check] [--force]`: rewrite a map in canonical form, or check
//! that it is.

use super::output::{Printer, err, load_failure, save_failure, save_warnings, shown};
use crate::io::{LoadedMap, SaveOptions};
use std::path::Path;

pub(super) fn run(file: &Path, check: bool, force: bool) -> u8 {
    let mut out = Printer::new();
    let code = format(file, check, force, &mut out);
    out.finish(code)
}

fn format(file: &Path, check: bool, force: bool, out: &mut Printer) -> u8 {
    let origin = shown(file);
    let loaded = crate::io::read_text(file)
        .and_then(|text| LoadedMap::parse(&text, &origin).map(|loaded| (text, loaded)));
    let (current, loaded) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return load_failure(out, &e),
    };
    if current == crate::io::to_ron(&loaded.map) {
        return super::EXIT_OK;
    }
    if check {
        let comments = match loaded.comments {
            0 => String::new(),
            n => format!(" (formatting would drop its {n} comment(s))"),
        };
        out.line(&format!("{origin}: not in canonical form{comments}"));
        return super::EXIT_PROBLEMS;
    }
    // Comments are checked again by the save, under its lock: the file may change between.
    let options = SaveOptions {
        overwrite_read_only: force,
        drop_comments: force,
        ..SaveOptions::default()
    };
    match crate::io::save_with(&loaded.map, file, &options) {
        Ok(saved) => {
            save_warnings(&saved);
            if loaded.comments > 0 {
                err(&format!(
                    "warning: {origin}: dropped {} comment(s) (--force)",
                    loaded.comments
                ));
            }
            out.line(&format!("formatted {origin}"));
            super::EXIT_OK
        }
        Err(e) => save_failure(&e),
    }
}
