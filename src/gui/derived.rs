//! Data derived from the document, kept up to date by key: the shown map is recomputed when
//! the map's revision, the view's settings or the day change, never on a frame where none
//! did. A large map is computed on a worker thread while the last result stays on screen
//! and the status bar says so.

use crate::document::Document;
use crate::model::Date;
use crate::shown::{ShowSettings, Shown, shown};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Maps with more stakeholders than this are derived off the UI thread.
const WORKER_ABOVE: usize = 3_000;

/// What the shown map was computed from.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    revision: u64,
    settings: ShowSettings,
    today: Date,
}

/// The shown map of the document, derived by [`crate::shown::shown`].
#[derive(Default)]
pub struct DerivedShown {
    key: Option<Key>,
    current: Option<Shown>,
    job: Option<Receiver<Shown>>,
    /// How many times the pipeline has run (for tests of "only when needed").
    pub runs: u64,
}

impl DerivedShown {
    /// Brings the shown map up to date; returns true when a new one is ready to draw.
    pub fn update(&mut self, doc: &Document, settings: &ShowSettings, today: Date) -> bool {
        let key = Key {
            revision: doc.revision(),
            settings: settings.clone(),
            today,
        };
        if self.key.as_ref() != Some(&key) {
            self.key = Some(key);
            self.runs += 1;
            if doc.map().stakeholder_count() <= WORKER_ABOVE || self.current.is_none() {
                self.job = None;
                self.current = Some(shown(doc.map(), settings, today));
                return true;
            }
            let (send, receive) = channel();
            let (map, settings) = (doc.map().clone(), settings.clone());
            std::thread::spawn(move || {
                // The window may have moved on and dropped the receiver: nothing to do.
                let _ = send.send(shown(&map, &settings, today));
            });
            self.job = Some(receive);
        }
        let Some(job) = &self.job else {
            return false;
        };
        match job.try_recv() {
            Ok(result) => {
                self.job = None;
                self.current = Some(result);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                false
            }
        }
    }

    /// The latest shown map.
    pub fn get(&self) -> Option<&Shown> {
        self.current.as_ref()
    }

    /// Whether a newer shown map is being computed.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }
}
