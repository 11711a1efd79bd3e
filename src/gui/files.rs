//! Choosing files: the desktop's native dialog where there is one (through the XDG portal
//! on Linux, the system dialogs on Windows and macOS), the in-app dialog where there is
//! not (Linux with no portal, headless sessions), or when the user prefers it.

use egui_file_dialog::FileDialog;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open this map.
    Open,
    /// Save the map here.
    SaveAs,
    /// Write a change report here (`.md` or `.csv`).
    SaveReport,
    /// Write a picture here (`.svg` or `.png`).
    ExportPicture,
    /// Import these files into the open map (GraphML, GEXF, Kumu JSON, CSV tables).
    Import,
    /// Import these files as a new map.
    ImportNew,
    /// Write an export for another tool here.
    Export,
}

/// A native dialog that comes back this fast with nothing chose nothing: no dialog was
/// shown (no portal answered), so the in-app dialog takes over.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(300);

/// The file dialogs of the window.
pub struct FileDialogs {
    in_app: FileDialog,
    pending: Option<FilePurpose>,
    chosen: Option<(FilePurpose, Vec<PathBuf>)>,
    /// Whether to try the native dialog first.
    pub native: bool,
}

impl FileDialogs {
    /// Dialogs that try the native one first when the platform is likely to have one.
    pub fn new() -> Self {
        Self {
            in_app: in_app_dialog(),
            pending: None,
            chosen: None,
            native: native_likely(),
        }
    }

    /// Asks the user for a file; the answer comes from [`FileDialogs::poll`].
    pub fn request(&mut self, purpose: FilePurpose, suggested_name: &str) {
        if self.native {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                FilePurpose::Import | FilePurpose::ImportNew => {
                    match dialog
                        .add_filter(
                            "Maps from other tools",
                            &["graphml", "gexf", "json", "csv", "xml", "txt"],
                        )
                        .pick_files()
                    {
                        Some(paths) => {
                            self.chosen = Some((purpose, paths));
                            return;
                        }
                        None if started.elapsed() >= NO_DIALOG_SHOWN => return,
                        None => {
                            self.native = false;
                            None
                        }
                    }
                }
                FilePurpose::Open => dialog.add_filter("stakemap map", &["ron"]).pick_file(),
                FilePurpose::SaveAs => dialog
                    .add_filter("stakemap map", &["ron"])
                    .set_file_name(suggested_name)
                    .save_file(),
                FilePurpose::SaveReport => dialog
                    .add_filter("Markdown", &["md"])
                    .add_filter("CSV", &["csv"])
                    .set_file_name(suggested_name)
                    .save_file(),
                FilePurpose::ExportPicture => dialog
                    .add_filter("SVG picture", &["svg"])
                    .add_filter("PNG picture", &["png"])
                    .set_file_name(suggested_name)
                    .save_file(),
                FilePurpose::Export => dialog.set_file_name(suggested_name).save_file(),
            };
            match picked {
                Some(path) => {
                    self.chosen = Some((purpose, vec![with_ron_extension(path, purpose)]));
                    return;
                }
                None if !self.native => {}
                None if started.elapsed() >= NO_DIALOG_SHOWN => return, // the user cancelled
                None => self.native = false,                            // there was no dialog
            }
        }
        self.pending = Some(purpose);
        self.in_app = match purpose {
            FilePurpose::SaveReport
            | FilePurpose::ExportPicture
            | FilePurpose::Import
            | FilePurpose::ImportNew
            | FilePurpose::Export => FileDialog::new(),
            FilePurpose::Open | FilePurpose::SaveAs => in_app_dialog(),
        }
        .default_file_name(suggested_name);
        match purpose {
            FilePurpose::Open => self.in_app.pick_file(),
            FilePurpose::Import | FilePurpose::ImportNew => self.in_app.pick_multiple(),
            FilePurpose::SaveAs
            | FilePurpose::SaveReport
            | FilePurpose::ExportPicture
            | FilePurpose::Export => {
                self.in_app.save_file();
            }
        }
    }

    /// Whether the in-app dialog is open, waiting for a file.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the in-app dialog if it is open; returns the files once chosen (one, but for
    /// an import).
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, Vec<PathBuf>)> {
        if let Some(chosen) = self.chosen.take() {
            return Some(chosen);
        }
        let purpose = self.pending?;
        self.in_app.update(ctx);
        let paths = if matches!(purpose, FilePurpose::Import | FilePurpose::ImportNew) {
            self.in_app.take_picked_multiple()?
        } else {
            let picked = without_doubled_extension(self.in_app.take_picked()?, purpose);
            vec![with_ron_extension(picked, purpose)]
        };
        self.pending = None;
        Some((purpose, paths))
    }
}

fn in_app_dialog() -> FileDialog {
    FileDialog::new()
        .add_file_filter(
            "stakemap maps (.ron)",
            egui_file_dialog::Filter::new(|p: &std::path::Path| {
                p.extension().is_some_and(|e| e == "ron")
            }),
        )
        .default_file_filter("stakemap maps (.ron)")
        .add_save_extension("stakemap map", "ron")
        .default_save_extension("stakemap map")
}

/// The extensions a file chosen for `purpose` may have.
fn extensions(purpose: FilePurpose) -> &'static [&'static str] {
    match purpose {
        FilePurpose::Open | FilePurpose::SaveAs => &["ron"],
        FilePurpose::SaveReport => &["md", "csv", "json"],
        FilePurpose::ExportPicture => &["svg", "png"],
        FilePurpose::Export => &["graphml", "gexf", "dot", "csv", "json"],
        FilePurpose::Import | FilePurpose::ImportNew => &[],
    }
}

/// The in-app save dialog offers `map.svg` with only `map` selected, so a person who types
/// a whole name (`report.png`) gets `report.png.svg`: when a name ends in two extensions
/// the purpose knows, the one typed (the inner) is kept.
fn without_doubled_extension(path: PathBuf, purpose: FilePurpose) -> PathBuf {
    let known = |e: &std::ffi::OsStr| {
        extensions(purpose)
            .iter()
            .any(|k| e.to_string_lossy().eq_ignore_ascii_case(k))
    };
    let (Some(outer), Some(stem)) = (path.extension(), path.file_stem()) else {
        return path;
    };
    let inner = std::path::Path::new(stem).extension();
    if known(outer) && inner.is_some_and(known) {
        path.with_file_name(stem)
    } else {
        path
    }
}

/// A map saved without an extension gets `.ron` (a report `.md`), so it opens again by a
/// double-click.
fn with_ron_extension(path: PathBuf, purpose: FilePurpose) -> PathBuf {
    match purpose {
        FilePurpose::SaveAs if path.extension().is_none() => path.with_extension("ron"),
        FilePurpose::SaveReport if path.extension().is_none() => path.with_extension("md"),
        FilePurpose::ExportPicture if path.extension().is_none() => path.with_extension("svg"),
        _ => path,
    }
}

/// Whether a native dialog is likely: always on Windows and macOS; on Linux only with a
/// D-Bus session (for the portal) or zenity.
pub fn native_likely() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let dbus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    dbus || zenity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_name_typed_over_the_offered_one_keeps_its_own_extension() {
        let cases = [
            ("out/win.png.svg", FilePurpose::ExportPicture, "out/win.png"),
            ("out/win.svg.svg", FilePurpose::ExportPicture, "out/win.svg"),
            (
                "out/a.graphml.graphml",
                FilePurpose::Export,
                "out/a.graphml",
            ),
            ("out/a.gexf.graphml", FilePurpose::Export, "out/a.gexf"),
            ("out/notes.md.md", FilePurpose::SaveReport, "out/notes.md"),
            ("out/map.ron.ron", FilePurpose::SaveAs, "out/map.ron"),
            // One extension, or an inner part that is no extension of the purpose: as typed.
            ("out/win.svg", FilePurpose::ExportPicture, "out/win.svg"),
            ("out/v1.2.svg", FilePurpose::ExportPicture, "out/v1.2.svg"),
            (
                "out/map.backup.ron",
                FilePurpose::SaveAs,
                "out/map.backup.ron",
            ),
        ];
        for (typed, purpose, kept) in cases {
            assert_eq!(
                without_doubled_extension(PathBuf::from(typed), purpose),
                PathBuf::from(kept),
                "{typed}"
            );
        }
    }
}
