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
        let paths = if purpose == FilePurpose::Import {
            self.in_app.take_picked_multiple()?
        } else {
            vec![with_ron_extension(self.in_app.take_picked()?, purpose)]
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
