//! `stakemap import IN... -o OUT.ron [--into MAP.ron]`: maps made in Kumu, Gephi, yEd,
//! networkx or a spreadsheet, into a new map or merged into an existing one, with the
//! mapping report on standard error.

use super::output::{err, load_failure};
use crate::model::Date;
use std::path::{Path, PathBuf};

pub(super) fn run(inputs: &[PathBuf], output: &Path, into: Option<&Path>) -> u8 {
    let imported = match crate::io::import::read(inputs) {
        Ok(imported) => imported,
        Err(e) => {
            err(&format!("error: {e}"));
            return super::EXIT_ERROR;
        }
    };
    let today = Date::today();
    let (map, report) = match into {
        Some(path) => {
            let mut map = match crate::io::load(path) {
                Ok(map) => map,
                Err(e) => return load_failure(&e),
            };
            let merge = imported.merge_into(&map, today);
            let report = merge.report.clone();
            if let Err(e) = crate::edit::apply(&mut map, merge.into_edit()) {
                err(&format!(
                    "error: the import could not be merged into {}: {e}",
                    path.display()
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
                        "error: the import could not be made into a map: {e}"
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
    if let Err(e) = crate::io::save(&map, output) {
        err(&format!("error: {e}"));
        return super::EXIT_ERROR;
    }
    err(&format!(
        "wrote {}: {} stakeholders, {} relationships, {} observations",
        output.display(),
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
