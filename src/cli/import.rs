//! `stakemap import IN... -o OUT.ron [--into MAP.ron] [--force]`: maps made in Kumu, Gephi,
//! yEd, networkx or a spreadsheet, into a new map or merged into an existing one, with the
//! mapping report on standard error. OUT is saved as every map is (atomically, keeping
//! `.bak`, refusing to drop comments or write a read-only file unless --force).

use super::output::{Printer, err, load_failure, save_failure, save_warnings, shown};
use crate::errors::said;
use crate::io::SaveOptions;
use crate::model::Date;
use std::path::{Path, PathBuf};

pub(super) fn run(inputs: &[PathBuf], output: &Path, into: Option<&Path>, force: bool) -> u8 {
    let mut out = Printer::new();
    let code = import(inputs, output, into, force, &mut out);
    out.finish(code)
}

fn import(
    inputs: &[PathBuf],
    output: &Path,
    into: Option<&Path>,
    force: bool,
    out: &mut Printer,
) -> u8 {
    let imported = match crate::io::import::read(inputs) {
        Ok(imported) => imported,
        Err(e) => {
            err(&format!("error: {}", said(&e)));
            return super::EXIT_ERROR;
        }
    };
    let today = Date::today();
    let (map, report) = match into {
        Some(path) => {
            let mut map = match crate::io::load(path) {
                Ok(map) => map,
                Err(e) => return load_failure(out, &e),
            };
            let merge = imported.merge_into(&map, today);
            let report = merge.report.clone();
            if let Err(e) = crate::edit::apply(&mut map, merge.into_edit()) {
                err(&format!(
                    "error: the import could not be merged into {}: {}",
                    shown(path),
                    said(&e)
                ));
                return super::EXIT_ERROR;
            }
            (map, report)
        }
        None => {
            let title = output.file_stem().map_or_else(
                || "Imported map".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            match imported.into_map(&title, today) {
                Ok(done) => done,
                Err(e) => {
                    err(&format!(
                        "error: the import could not be made into a map: {}",
                        said(&e)
                    ));
                    return super::EXIT_ERROR;
                }
            }
        }
    };
    for graph in &imported.graphs {
        err(&graph.report.summary());
    }
    for line in report.lines() {
        err(&line);
    }
    let options = SaveOptions {
        overwrite_read_only: force,
        drop_comments: force,
        ..SaveOptions::default()
    };
    match crate::io::save_with(&map, output, &options) {
        Ok(saved) => save_warnings(&saved),
        Err(e) => return save_failure(&e),
    }
    err(&format!(
        "wrote {}: {} stakeholders, {} relationships, {} observations",
        shown(output),
        map.stakeholder_count(),
        map.relationship_count(),
        map.observation_count()
    ));
    if imported.has_problems() || report.count(crate::io::Action::Problem) > 0 {
        super::EXIT_PROBLEMS
    } else {
        super::EXIT_OK
    }
}
