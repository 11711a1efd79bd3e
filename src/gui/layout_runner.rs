//! Running layouts in the window: the force layout on a worker thread (so the window never
//! stalls, whatever the size of the map) with the canvas showing its latest positions, and
//! the other views arranged on a worker thread too (making room for names takes up to a
//! fifth of a second) and animated from wherever the stakeholders are drawn when they
//! arrive.

use super::scene_paint::EguiMeasure;
use super::view_model::ViewModel;
use crate::layout::Point;
use crate::layout::animate::interpolate;
use crate::layout::for_map::{self, Arrangement, Backdrop, MapGraph, MapLayout};
use crate::layout::force::ForceLayout;
use crate::layout::name_room::Reader;
use crate::model::{Map, Position, StakeholderId};
use crate::style::Tokens;
use crate::style::encoding::Encoded;
use crate::style::measure::FontMeasure;
use crate::style::scene::TextMeasure;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

/// How long switching between views takes, in seconds.
const ANIMATION_SECONDS: f64 = 0.6;

/// A view being arranged on a worker thread, shown when it arrives.
struct ArrangeJob {
    /// The view.
    layout: MapLayout,
    /// The stakeholders of the map it is arranged for, in order.
    ids: Vec<StakeholderId>,
    /// Animated there from where the stakeholders are drawn (a new view), or put there at
    /// once (the same view after an edit).
    animate: bool,
    result: Receiver<Arrangement>,
}

/// What the worker and the window share while the force layout runs.
#[derive(Default)]
struct Shared {
    positions: Vec<Point>,
    settled: bool,
    /// Stakeholders being dragged in the window: held where the pointer is.
    held: Vec<(usize, Point)>,
    /// Dragged stakeholders let go: free again, and the layout warms up to make room.
    released: Vec<usize>,
}

/// A force layout running on a worker thread.
struct ForceJob {
    ids: Vec<StakeholderId>,
    index: HashMap<StakeholderId, usize>,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
}

impl ForceJob {
    /// Starts a layout of `map`; stakeholders in `current` start where it has them (where
    /// a previous run left them), the others where the map has them.
    fn start(map: &Map, fresh: bool, current: &HashMap<StakeholderId, Point>) -> Self {
        let graph = MapGraph::new(map);
        let pinned = graph.pinned(map);
        let mut start = graph.positions(map);
        for (slot, id) in start.iter_mut().zip(&graph.ids) {
            if let Some(&p) = current.get(id) {
                *slot = p;
            }
        }
        // A fresh run ignores where things are (unless some are pinned there).
        let initial = (!fresh || pinned.iter().any(|&p| p)).then_some(start.clone());
        let mut layout = ForceLayout::new(
            &graph.graph,
            initial,
            pinned.clone(),
            for_map::map_force_params(),
        );
        if !fresh {
            layout.reheat();
        }
        let shared = Arc::new(Mutex::new(Shared {
            positions: layout.positions().to_vec(),
            ..Shared::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (worker_shared, worker_stop) = (Arc::clone(&shared), Arc::clone(&stop));
        // The worker ends as every layout does, making room for the names: it needs the
        // names, sizes and relationships, so it takes its own copy of the map.
        let names_of = map.clone();
        std::thread::spawn(move || {
            run(layout, &names_of, &worker_shared, &worker_stop);
        });
        let index = graph
            .ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        Self {
            ids: graph.ids,
            index,
            shared,
            stop,
        }
    }
}

impl Drop for ForceJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The worker: steps until settled or stopped, publishing positions as it goes; once
/// settled, makes room for the names ([`crate::layout::overlap`]) as every layout ends.
fn run(mut layout: ForceLayout, map: &Map, shared: &Mutex<Shared>, stop: &AtomicBool) {
    let graph = MapGraph::new(map);
    let pinned = graph.pinned(map);
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if let Ok(mut s) = shared.lock() {
            for (i, p) in std::mem::take(&mut s.held) {
                layout.set_position(i, p);
                layout.set_pinned(i, true);
            }
            let released = std::mem::take(&mut s.released);
            for &i in &released {
                layout.set_pinned(i, pinned.get(i).copied().unwrap_or(false));
            }
            if !released.is_empty() {
                layout.reheat();
            }
        }
        let outcome = layout.step();
        let mut positions = layout.positions().to_vec();
        let holding = shared.lock().is_ok_and(|s| !s.held.is_empty());
        if outcome.settled && !holding {
            for_map::leave_room_for_names(map, &graph, &mut positions);
        }
        if let Ok(mut s) = shared.lock() {
            s.positions.clear();
            s.positions.extend_from_slice(&positions);
            s.settled = outcome.settled;
            if outcome.settled && s.held.is_empty() {
                return;
            }
        }
        if outcome.settled {
            // Settled with a stakeholder still held: wait for the drag to end.
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// A move from one arrangement to another, drawn over [`ANIMATION_SECONDS`].
struct Animation {
    ids: Vec<StakeholderId>,
    from: Vec<Point>,
    to: Vec<Point>,
    started: f64,
}

/// A view that is not the window's (a presentation's), in which names are made room for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    /// Its canvas, points.
    pub view: [f32; 2],
    /// The sizes it draws names and symbols at.
    pub tokens: Tokens,
}

/// What room for names depends on in `shown` seen in `layout`: which stakeholders there
/// are, their names, influence and sizes, and the relationships joining them (the more
/// joined are named first). Not what is faded or highlighted, so a spotlight moves nothing.
fn what_names_need(shown: &Map, sizes: &Encoded, layout: MapLayout) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    layout.hash(&mut hasher);
    for s in shown.stakeholders_by_id() {
        (s.id(), &s.name, s.influence).hash(&mut hasher);
        sizes
            .radius
            .get(&s.id())
            .map(|r| r.to_bits())
            .hash(&mut hasher);
    }
    for r in shown.relationships_by_id() {
        (r.from(), r.to()).hash(&mut hasher);
    }
    hasher.finish()
}

/// What the window's layouts are doing.
pub struct LayoutRunner {
    /// The view shown.
    pub layout: MapLayout,
    /// Keep the force layout going: a change to the map wakes it.
    pub live: bool,
    job: Option<ForceJob>,
    arrangement: Option<Arrangement>,
    animation: Option<Animation>,
    /// The view names are made room for when it is not the window's (a presentation's):
    /// even the network is then arranged, not the map's own positions shown.
    reading: Option<Reading>,
    /// The window's fonts, which measure names as they are drawn there.
    fonts: Option<egui::Context>,
    /// What the arrangement for the reading was made from ([`what_names_need`]).
    made_for: Option<u64>,
    /// The shown map's generation and view [`what_names_need`] was last worked out for,
    /// and what it was: worked out again only when a new shown map arrives, not every
    /// frame.
    needs: Option<((u64, MapLayout), u64)>,
    /// A view being arranged on a worker thread; the one before stays on screen meanwhile.
    arranging: Option<ArrangeJob>,
    /// Whether views are arranged on a worker thread (the window) or at once, within the
    /// frame that asks (window tests that look at a view the frame after choosing it).
    pub in_background: bool,
}

impl Default for LayoutRunner {
    fn default() -> Self {
        Self {
            layout: MapLayout::Network,
            live: false,
            job: None,
            arrangement: None,
            animation: None,
            reading: None,
            fonts: None,
            made_for: None,
            needs: None,
            arranging: None,
            in_background: false,
        }
    }
}

/// What the runner asks of the app after a frame.
pub enum LayoutOutcome {
    /// Nothing to do.
    Idle,
    /// Still moving: draw again soon.
    Moving,
    /// A switch between views just finished: time to fit the new arrangement on screen.
    Arrived,
    /// The force layout settled here: store these positions in the map (one undo step).
    Settled(Vec<(StakeholderId, Option<Position>)>),
}

impl LayoutRunner {
    /// Whether the force layout is running now.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Whether a view is being arranged on the worker thread, not yet shown.
    pub fn is_arranging(&self) -> bool {
        self.arranging.is_some()
    }

    /// What the current view draws behind the map.
    pub fn backdrop(&self) -> &Backdrop {
        self.arrangement
            .as_ref()
            .map_or(&Backdrop::None, |a| &a.backdrop)
    }

    /// Whether the view shows the map's own positions (so dragging moves the map).
    pub fn shows_network(&self) -> bool {
        self.layout == MapLayout::Network
    }

    /// Starts the force layout: from where stakeholders are, or afresh.
    pub fn run_force(&mut self, map: &Map, fresh: bool) {
        self.switch(map, MapLayout::Network, None, 0.0);
        self.job = Some(ForceJob::start(map, fresh, &HashMap::new()));
        self.live = true;
    }

    /// Stops the force layout where it is; returns the positions reached, to store.
    pub fn pause(&mut self) -> Vec<(StakeholderId, Option<Position>)> {
        self.live = false;
        self.job
            .take()
            .map(|job| positions_of(&job))
            .unwrap_or_default()
    }

    /// The map changed (an edit, an undo): a live layout wakes up and makes room.
    pub fn map_changed(&mut self, map: &Map) {
        if self.live && self.layout == MapLayout::Network {
            // Carry on from where the running layout has them, not where the map had them.
            let current: HashMap<StakeholderId, Point> = self
                .job
                .as_ref()
                .map(|job| {
                    positions_of(job)
                        .into_iter()
                        .filter_map(|(id, p)| p.map(|Position(x, y)| (id, [x, y])))
                        .collect()
                })
                .unwrap_or_default();
            self.job = Some(ForceJob::start(map, false, &current));
        } else if self.reading.is_some() {
            // Arranged for the wall again by `read_in`, from the map as shown there.
            self.made_for = None;
        } else if self.layout != MapLayout::Network {
            let (shown, layout) = (map.clone(), self.layout);
            let ids = ids_of(map);
            self.arrange(layout, ids, false, None, 0.0, move || {
                for_map::arrange(&shown, layout)
            });
        }
    }

    /// Makes room for names in `reading` (a presentation's canvas), or in the window's
    /// again when none: the current view is arranged again and animated there from where
    /// `view` draws it. On the wall room is made for `shown`, the map as shown there with
    /// its symbols' sizes and its generation ([`super::derived::DerivedShown`]), and made
    /// again only when what it names, sizes or joins changes (a spotlight fades, it moves
    /// nothing) or the view does; `map` is the document's.
    /// Nothing happens while the canvas stays within a few per cent of what it was (a
    /// window going full screen passes through several sizes). Names are measured with
    /// `ctx`'s fonts, as the canvas draws them.
    pub fn read_in(
        &mut self,
        ctx: &egui::Context,
        map: &Map,
        shown: Option<(&Map, &Encoded, u64)>,
        reading: Option<Reading>,
        view: &ViewModel,
        now: f64,
    ) {
        if self.fonts.is_none() {
            self.fonts = Some(ctx.clone());
        }
        if self.job.is_some() {
            return;
        }
        let near = |a: [f32; 2], b: [f32; 2]| {
            (a[0] - b[0]).abs() <= 0.03 * b[0] && (a[1] - b[1]).abs() <= 0.03 * b[1]
        };
        let same_view = match (self.reading, reading) {
            (None, None) => true,
            (Some(a), Some(b)) => a.tokens == b.tokens && near(a.view, b.view),
            _ => false,
        };
        match (reading, shown) {
            (None, _) if !same_view => {
                self.reading = None;
                self.made_for = None;
                self.switch(map, self.layout, Some(view), now);
            }
            (Some(reading), Some((shown, sizes, generation))) => {
                let key = match self.needs {
                    Some((of, key)) if of == (generation, self.layout) => key,
                    _ => {
                        let key = what_names_need(shown, sizes, self.layout);
                        self.needs = Some(((generation, self.layout), key));
                        key
                    }
                };
                if same_view && self.made_for == Some(key) {
                    return;
                }
                if !same_view {
                    self.reading = Some(reading);
                }
                self.made_for = Some(key);
                let reading = self.reading.unwrap_or(reading);
                // The worker measures names with the window's fonts, as the canvas draws them.
                let (fonts, layout) = (self.fonts.clone(), self.layout);
                let (shown, sizes) = (shown.clone(), sizes.clone());
                let ids = ids_of(&shown);
                self.arrange(layout, ids, true, Some(view), now, move || {
                    let measure: Box<dyn TextMeasure + '_> = match &fonts {
                        Some(ctx) => Box::new(EguiMeasure { ctx }),
                        None => Box::new(FontMeasure::new(Vec::new())),
                    };
                    let reader = Reader {
                        view: reading.view,
                        tokens: &reading.tokens,
                        drawn: measure.as_ref(),
                        sizes: &sizes,
                    };
                    for_map::arrange_for(&shown, layout, &reader)
                });
            }
            _ => {}
        }
    }

    /// Shows another view, animated from where the stakeholders are drawn now. On the wall
    /// the view is arranged for the map as shown there, by [`Self::read_in`] next frame.
    pub fn switch(&mut self, map: &Map, layout: MapLayout, view: Option<&ViewModel>, now: f64) {
        if layout != MapLayout::Network {
            self.job = None;
        }
        if self.reading.is_some() {
            self.layout = layout;
            self.made_for = None;
            return;
        }
        if layout == MapLayout::Network {
            // The map's own positions: nothing to work out.
            self.arranging = None;
            let arrangement = for_map::arrange(map, layout);
            self.go_to(&ids_of(map), layout, arrangement, view, now);
            return;
        }
        // Chosen now (the toolbar and legend say so); drawn so when it arrives.
        self.layout = layout;
        let shown = map.clone();
        self.arrange(layout, ids_of(map), true, view, now, move || {
            for_map::arrange(&shown, layout)
        });
    }

    /// Arranges `layout` by `work`, for the stakeholders `ids`: on a worker thread when
    /// [`Self::in_background`] (the view before stays on screen until it arrives, see
    /// [`Self::update`]), else at once. `animate`: from where `view` draws them.
    fn arrange(
        &mut self,
        layout: MapLayout,
        ids: Vec<StakeholderId>,
        animate: bool,
        view: Option<&ViewModel>,
        now: f64,
        work: impl FnOnce() -> Arrangement + Send + 'static,
    ) {
        // An edit while a chosen view is still being made: it still animates in (and is
        // fitted) when it arrives.
        let animate = animate
            || (self.arranging.as_ref()).is_some_and(|job| job.animate && job.layout == layout);
        if !self.in_background {
            self.arranging = None;
            self.arrived(&ids, layout, animate, work(), view, now);
            return;
        }
        let (sender, result) = mpsc::channel();
        let wake = self.fonts.clone();
        std::thread::spawn(move || {
            // A job asked for again before it ends is dropped: its result goes nowhere.
            if sender.send(work()).is_ok()
                && let Some(ctx) = wake
            {
                ctx.request_repaint();
            }
        });
        self.arranging = Some(ArrangeJob {
            layout,
            ids,
            animate,
            result,
        });
    }

    /// An arrangement of `layout` for the stakeholders `ids` is ready: shown, animated from
    /// where `view` draws them if `animate`, unless another view was chosen meanwhile.
    fn arrived(
        &mut self,
        ids: &[StakeholderId],
        layout: MapLayout,
        animate: bool,
        arrangement: Arrangement,
        view: Option<&ViewModel>,
        now: f64,
    ) {
        if animate {
            self.go_to(ids, layout, arrangement, view, now);
        } else if layout == self.layout {
            self.arrangement = Some(arrangement);
        }
    }

    /// Shows `layout` arranged as `arrangement`, animated from where `view` draws the
    /// stakeholders `ids`.
    fn go_to(
        &mut self,
        ids: &[StakeholderId],
        layout: MapLayout,
        arrangement: Arrangement,
        view: Option<&ViewModel>,
        now: f64,
    ) {
        if let Some(view) = view {
            let ids = ids.to_vec();
            let point = |p: Option<Position>| p.map_or([0.0, 0.0], |Position(x, y)| [x, y]);
            let from = ids.iter().map(|&id| point(view.position_of(id))).collect();
            let to = ids
                .iter()
                .map(|id| point(arrangement.positions.get(id).copied()))
                .collect();
            self.animation = Some(Animation {
                ids,
                from,
                to,
                started: now,
            });
        }
        self.layout = layout;
        self.arrangement =
            (layout != MapLayout::Network || self.reading.is_some()).then_some(arrangement);
    }

    /// Puts the view's stakeholders where the current view or the running layout has them
    /// (after the view model was rebuilt from the map).
    pub fn reapply(&self, view: &mut ViewModel) {
        if let Some(arrangement) = &self.arrangement {
            for (&id, &p) in &arrangement.positions {
                view.set_position(id, p);
            }
        }
        if let Some(job) = &self.job
            && let Ok(shared) = job.shared.lock()
        {
            for (&id, &[x, y]) in job.ids.iter().zip(&shared.positions) {
                view.set_position(id, Position(x, y));
            }
        }
    }

    /// Moves the view's stakeholders one frame on (an animation between views, or the
    /// running force layout); call every frame.
    pub fn update(&mut self, view: &mut ViewModel, now: f64) -> LayoutOutcome {
        if let Some(job) = &self.arranging {
            match job.result.try_recv() {
                Ok(arrangement) => {
                    if let Some(job) = self.arranging.take() {
                        self.arrived(
                            &job.ids,
                            job.layout,
                            job.animate,
                            arrangement,
                            Some(view),
                            now,
                        );
                    }
                }
                // The worker wakes the window when it is done.
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.arranging = None,
            }
        }
        if let Some(animation) = &self.animation {
            let t = ((now - animation.started) / ANIMATION_SECONDS).clamp(0.0, 1.0) as f32;
            let points = interpolate(&animation.from, &animation.to, t);
            for (&id, &[x, y]) in animation.ids.iter().zip(&points) {
                view.set_position(id, Position(x, y));
            }
            if t >= 1.0 {
                self.animation = None;
                return LayoutOutcome::Arrived;
            }
            return LayoutOutcome::Moving;
        }
        if let Some(arrangement) = &self.arrangement {
            for (&id, &p) in &arrangement.positions {
                view.set_position(id, p);
            }
        }
        let Some(job) = &self.job else {
            return LayoutOutcome::Idle;
        };
        let dragged = view.dragged();
        let (positions, settled) = match job.shared.lock() {
            Ok(mut shared) => {
                if let Some((id, p)) = dragged
                    && let Some(&i) = job.index.get(&id)
                {
                    shared.held.push((i, [p.0, p.1]));
                }
                (
                    shared.positions.clone(),
                    shared.settled && dragged.is_none(),
                )
            }
            Err(_) => (Vec::new(), true),
        };
        for (&id, &[x, y]) in job.ids.iter().zip(&positions) {
            if dragged.is_none_or(|(d, _)| d != id) {
                view.set_position(id, Position(x, y));
            }
        }
        if settled {
            let job = self.job.take();
            return LayoutOutcome::Settled(job.map(|j| positions_of(&j)).unwrap_or_default());
        }
        LayoutOutcome::Moving
    }

    /// A drag on the canvas ended: the running layout lets the stakeholder go.
    pub fn released(&mut self, id: StakeholderId) {
        if let Some(job) = &self.job
            && let Some(&i) = job.index.get(&id)
            && let Ok(mut shared) = job.shared.lock()
        {
            shared.released.push(i);
        }
    }
}

/// The stakeholders of `map`, in order.
fn ids_of(map: &Map) -> Vec<StakeholderId> {
    map.stakeholders_by_id().iter().map(|s| s.id()).collect()
}

fn positions_of(job: &ForceJob) -> Vec<(StakeholderId, Option<Position>)> {
    let positions = job
        .shared
        .lock()
        .map(|s| s.positions.clone())
        .unwrap_or_default();
    job.ids
        .iter()
        .zip(positions)
        .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
        .map(|(&id, [x, y])| (id, Some(Position(x, y))))
        .collect()
}
