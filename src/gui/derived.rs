//! Data derived from the document, kept up to date by key: the shown map is recomputed when
//! the map's revision, the view's settings or the day change, never on a frame where none
//! did. A large map is computed on a worker thread while the last result stays on screen
//! and the status bar says so.

use crate::analysis::{AttentionItem, NetworkMetrics, TrendSettings};
use crate::document::Document;
use crate::model::{Date, Map};
use crate::shown::{ShowSettings, Shown, shown};
use std::sync::Arc;
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

/// A value computed on a worker thread.
struct Worker<T>(Receiver<T>);

impl<T: Send + 'static> Worker<T> {
    fn start(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (send, receive) = channel();
        std::thread::spawn(move || {
            // The window may have moved on and dropped the receiver: nothing to do.
            let _ = send.send(work());
        });
        Self(receive)
    }
}

/// The value of the job under way once it is ready; the job is then done (also when its
/// thread ended without one).
fn finished<T>(job: &mut Option<Worker<T>>) -> Option<T> {
    let result = match job.as_ref()?.0.try_recv() {
        Ok(value) => Some(value),
        Err(TryRecvError::Empty) => return None,
        Err(TryRecvError::Disconnected) => None,
    };
    *job = None;
    result
}

/// The shown map of the document, derived by [`crate::shown::shown`].
#[derive(Default)]
pub struct DerivedShown {
    key: Option<Key>,
    current: Option<Shown>,
    job: Option<Worker<Shown>>,
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
            let (map, settings) = (doc.map().clone(), settings.clone());
            self.job = Some(Worker::start(move || shown(&map, &settings, today)));
        }
        let Some(result) = finished(&mut self.job) else {
            return false;
        };
        self.current = Some(result);
        self.generation += 1;
        true
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

/// Needs attention with the network's findings, and the metrics they were found from, for
/// one shown map.
struct Findings {
    /// Which shown map (its generation) they are for.
    key: u64,
    items: Vec<AttentionItem>,
    /// Kept for the table's metric columns: computing them is the slow part.
    metrics: Arc<NetworkMetrics>,
}

/// The Needs attention list with the network's findings (brokers, single points of
/// failure, unaddressed issues, engagement gaps, isolates) ranked in, and the network
/// metrics they come from, keyed on which shown map they are for. The metrics take too long
/// for a frame on a large map, so above [`FINDINGS_AT_ONCE`] stakeholders they are computed
/// on a worker thread, and until they are ready the window shows the shown map's own list
/// (and the table's metric columns say they are computing).
#[derive(Default)]
pub struct DerivedAttention {
    key: Option<u64>,
    current: Option<Findings>,
    job: Option<Worker<Findings>>,
}

/// Needs attention of `map` on `date`, the findings of its network metrics ranked in, for
/// shown map number `key`.
fn with_findings(key: u64, map: &Map, date: Date, trend: &TrendSettings) -> Findings {
    let metrics = crate::analysis::network_metrics(map, &Default::default());
    let items = crate::analysis::needs_attention_with_findings(map, &metrics, date, trend);
    Findings {
        key,
        items,
        metrics: Arc::new(metrics),
    }
}

impl DerivedAttention {
    /// Starts the findings for shown map number `key` if they are not under way; takes
    /// them when ready. Returns true when a new list arrived.
    pub fn update(&mut self, key: u64, shown: &Shown, trend: &TrendSettings) -> bool {
        if self.key != Some(key) {
            self.key = Some(key);
            // A small map's metrics take a few milliseconds (`cargo bench --bench metrics`):
            // done at once, the list never flickers from one to the other.
            if shown.map.stakeholder_count() <= FINDINGS_AT_ONCE {
                self.job = None;
                self.current = Some(with_findings(key, &shown.map, shown.date, trend));
                return true;
            }
            let (map, date, trend) = (shown.map.clone(), shown.date, *trend);
            self.job = Some(Worker::start(move || {
                with_findings(key, &map, date, &trend)
            }));
        }
        let Some(done) = finished(&mut self.job) else {
            return false;
        };
        self.current = Some(done);
        true
    }

    /// The list with findings for shown map number `key`, once ready.
    pub fn get(&self, key: u64) -> Option<&[AttentionItem]> {
        self.for_key(key).map(|f| f.items.as_slice())
    }

    /// The network metrics of shown map number `key`, once ready (the table reads them
    /// rather than computing them again).
    pub fn metrics(&self, key: u64) -> Option<&Arc<NetworkMetrics>> {
        self.for_key(key).map(|f| &f.metrics)
    }

    fn for_key(&self, key: u64) -> Option<&Findings> {
        self.current.as_ref().filter(|f| f.key == key)
    }

    /// Whether findings are being computed.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }
}
