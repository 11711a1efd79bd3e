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
    /// Which shown map is current: counts up each time a new one arrives.
    pub generation: u64,
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
                self.generation += 1;
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
                self.generation += 1;
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

/// Maps with at most this many stakeholders get their findings at once; larger ones on a
/// worker thread.
const FINDINGS_AT_ONCE: usize = 500;

/// The Needs attention list with the network's findings (brokers, single points of
/// failure, unaddressed issues, engagement gaps, isolates) ranked in, keyed on which shown
/// map they are for. The network metrics behind them take too long for a frame on a large
/// map, so above [`FINDINGS_AT_ONCE`] stakeholders they are computed on a worker thread, and
/// until they are ready the window shows the shown map's own list.
#[derive(Default)]
pub struct DerivedAttention {
    key: Option<u64>,
    current: Option<(u64, Vec<crate::analysis::AttentionItem>)>,
    job: Option<(u64, Receiver<Vec<crate::analysis::AttentionItem>>)>,
}

impl DerivedAttention {
    /// Starts the findings for shown map number `key` if they are not under way; takes
    /// them when ready. Returns true when a new list arrived.
    pub fn update(
        &mut self,
        key: u64,
        shown: &Shown,
        trend: &crate::analysis::TrendSettings,
    ) -> bool {
        if self.key != Some(key) {
            self.key = Some(key);
            // A small map's metrics take a few milliseconds (`cargo bench --bench metrics`):
            // done at once, the list never flickers from one to the other.
            if shown.map.stakeholder_count() <= FINDINGS_AT_ONCE {
                let metrics = crate::analysis::network_metrics(&shown.map, &Default::default());
                let items = crate::analysis::needs_attention_with_findings(
                    &shown.map, &metrics, shown.date, trend,
                );
                self.job = None;
                self.current = Some((key, items));
                return true;
            }
            let (send, receive) = channel();
            let (map, date, trend) = (shown.map.clone(), shown.date, *trend);
            std::thread::spawn(move || {
                let metrics = crate::analysis::network_metrics(&map, &Default::default());
                let items =
                    crate::analysis::needs_attention_with_findings(&map, &metrics, date, &trend);
                // The window may have moved on and dropped the receiver: nothing to do.
                let _ = send.send(items);
            });
            self.job = Some((key, receive));
        }
        let Some((job_key, job)) = &self.job else {
            return false;
        };
        match job.try_recv() {
            Ok(items) => {
                self.current = Some((*job_key, items));
                self.job = None;
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                false
            }
        }
    }

    /// The list with findings for shown map number `key`, once ready.
    pub fn get(&self, key: u64) -> Option<&[crate::analysis::AttentionItem]> {
        self.current
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, items)| items.as_slice())
    }

    /// Whether findings are being computed.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }
}
