//! The person's preferences, kept between runs in eframe's storage as one serde value:
//! recent files, theme, panels, file dialogs and trend settings. Never a map.

use crate::analysis::TrendSettings;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The storage key of [`Preferences`].
pub const KEY: &str = "stakemap_preferences";

/// How many recent files the File menu keeps.
pub const RECENT_LIMIT: usize = 10;

/// Everything the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The map open when the window last closed, reopened next time.
    pub last_file: Option<PathBuf>,
    /// Recently opened or saved maps, newest first.
    pub recent: Vec<PathBuf>,
    /// Try the desktop's file dialog before the in-app one.
    pub native_dialogs: bool,
    /// Light, dark, or as the system is.
    pub theme: egui::ThemePreference,
    /// Whether the legend panel is shown.
    pub show_legend: bool,
    /// What counts as rising, cooling or stale.
    pub trend: TrendSettings,
    /// In presentation mode, show confidential stakeholders as anonymous placeholders
    /// ("Partner 12") rather than leave them out.
    pub workshop_placeholders: bool,
    /// The workshop's name last typed in a capture, offered again.
    pub workshop_name: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            last_file: None,
            recent: Vec::new(),
            native_dialogs: super::files::native_likely(),
            theme: egui::ThemePreference::System,
            show_legend: true,
            trend: TrendSettings::default(),
            workshop_placeholders: false,
            workshop_name: String::new(),
        }
    }
}

impl Preferences {
    /// The preferences kept in `storage`, or the defaults. Reads the keys of earlier
    /// versions (plain strings) when there is no value under [`KEY`] yet.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        let Some(storage) = storage else {
            return Self::default();
        };
        if let Some(prefs) = eframe::get_value::<Self>(storage, KEY) {
            return prefs;
        }
        let mut prefs = Self::default();
        if let Some(last) = storage.get_string("last_file") {
            prefs.last_file = Some(PathBuf::from(last));
        }
        if let Some(recent) = storage.get_string("recent_files") {
            prefs.recent = recent
                .lines()
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect();
        }
        if let Some(native) = storage.get_string("native_file_dialog") {
            prefs.native_dialogs = native == "true";
        }
        prefs
    }

    /// Keeps the preferences in `storage`.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// Puts a file at the top of the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Storage as _;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn preferences_survive_a_restart() {
        let mut storage = Memory::default();
        let mut prefs = Preferences::default();
        prefs.remember(Path::new("/maps/a.ron"));
        prefs.remember(Path::new("/maps/b.ron"));
        prefs.remember(Path::new("/maps/a.ron"));
        prefs.show_legend = false;
        prefs.theme = egui::ThemePreference::Light;
        prefs.trend.stale_after_days = 30;
        prefs.store(&mut storage);
        let back = Preferences::load(Some(&storage));
        assert_eq!(back, prefs);
        assert_eq!(
            back.recent,
            [PathBuf::from("/maps/a.ron"), PathBuf::from("/maps/b.ron")]
        );
    }

    #[test]
    fn the_keys_of_earlier_versions_are_read() {
        let mut storage = Memory::default();
        storage.set_string("last_file", "/maps/old.ron".into());
        storage.set_string("recent_files", "/maps/old.ron\n/maps/older.ron".into());
        storage.set_string("native_file_dialog", "false".into());
        let prefs = Preferences::load(Some(&storage));
        assert_eq!(prefs.last_file, Some(PathBuf::from("/maps/old.ron")));
        assert_eq!(prefs.recent.len(), 2);
        assert!(!prefs.native_dialogs);
    }
}
