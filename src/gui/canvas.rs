//! The canvas: the scene of the shown map ([`crate::style::scene`]) painted with egui, and
//! what the pointer does on it (click, Shift+click, box select, drag a selection, Alt+drag
//! to connect, double-click to add), found through egui_graphs' hit tests. It reports what
//! happened as [`CanvasEvent`]s; the app turns them into edits.

use super::scene_paint::{self, EguiMeasure};
use super::selection::Selection;
use super::still_layout::{Still, StillState};
use super::view_model::ViewModel;
use crate::layout::for_map::Backdrop;
use crate::model::{Map, Position, RelationshipId, StakeholderId};
use crate::shown::Decorations;
use crate::style::scene::{self, Camera, SceneInput};
use crate::style::{Palette, Tokens};
use egui::{Color32, Pos2, Rect, Stroke, Ui};
use egui_graphs::{
    GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use std::collections::HashMap;

/// The id egui_graphs keeps the canvas's zoom and pan under.
const CANVAS_ID: &str = "map_canvas";

/// Something the user did on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasEvent {
    /// A click on a stakeholder; with Shift it toggles it in the selection.
    StakeholderClicked { id: StakeholderId, shift: bool },
    /// A click on a relationship.
    RelationshipClicked { id: RelationshipId, shift: bool },
    /// A click on empty canvas.
    BackgroundClicked { shift: bool },
    /// A double-click on empty canvas, at this canvas position.
    BackgroundDoubleClicked { at: Position },
    /// A drag ended: these stakeholders now stand here.
    Moved(Vec<(StakeholderId, Position)>),
    /// A Shift+drag box enclosed these stakeholders.
    BoxSelected(Vec<StakeholderId>),
    /// An Alt+drag (or a drag in connect mode) went from one stakeholder to another.
    ConnectRequested {
        from: StakeholderId,
        to: StakeholderId,
    },
}

/// How much one point of scrolling zooms: a wheel notch (about 50 points in egui) zooms by
/// about 16%, so zooming stays smooth and three notches never lose the map.
const ZOOM_PER_SCROLL_POINT: f32 = 0.003;

/// The zoom is kept between these: further out a map of thousands is a speck, further in
/// one stakeholder fills many screens.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.02..=20.0;

/// What the canvas draws: the shown map and its decorations (from [`crate::shown`]), what
/// the view draws behind it, and the look.
pub struct Look<'a> {
    /// The shown map.
    pub map: &'a Map,
    /// Its decorations (faded, cooling, changes).
    pub decorations: &'a Decorations,
    /// What the view draws behind the map.
    pub backdrop: &'a Backdrop,
    /// Relationships drawn faint, behind a view about the stakeholders.
    pub faint: bool,
    /// Colours around the encoding.
    pub palette: Palette,
    /// Sizes.
    pub tokens: Tokens,
}

/// The least distance from a stakeholder's centre, screen points, at which a click still
/// finds it, however small it is drawn.
pub const LEAST_HIT_PX: f32 = 6.0;

/// Room left around the map by Zoom to fit, as a fraction of the view on each side.
const FIT_PADDING: f32 = 0.03;

/// A stakeholder being dragged: which, and where on it the pointer took hold (canvas units
/// from its centre), so it moves with the pointer instead of jumping to it.
#[derive(Clone, Copy, Debug)]
struct NodeDrag {
    node: petgraph::stable_graph::NodeIndex,
    grab: egui::Vec2,
}

/// What the canvas remembers between frames.
#[derive(Default)]
pub struct CanvasState {
    /// Fit the whole map on the next frame.
    pub fit_requested: bool,
    /// Centre the canvas on this position on the next frame.
    pub centre_on: Option<Position>,
    /// A camera asked for (a saved view's): this point of the map in the middle of the
    /// canvas, at this zoom.
    pub look_at: Option<(Position, f32)>,
    /// A camera gliding to a saved view's: from, to (centre and zoom), and when it
    /// started (egui's clock, seconds).
    camera_move: Option<(CameraAt, CameraAt, f64)>,
    /// Connect mode: a drag from a stakeholder to another connects them.
    pub connect_mode: bool,
    /// Where the canvas was drawn last frame, in screen points.
    pub rect: Option<Rect>,
    /// The canvas size and the camera (zoom, pan) of the last fit, while nobody has moved
    /// the camera since: the map is fitted again when the canvas changes size (the side
    /// panels settle their widths after the first frame, a window is resized).
    fitted: Option<(egui::Vec2, f32, egui::Vec2)>,
    /// Stakeholders on screen whose names did not fit, last frame.
    pub unlabelled: usize,
    /// Nothing on the map may move (shown under a profile, or a read-only window): a drag
    /// on a stakeholder pans instead of moving it.
    pub read_only: bool,
    /// The scene painted last frame: what a picture of the screen writes.
    pub last_scene: Option<scene::Scene>,
    /// The stakeholder the keyboard is on ([`super::keyboard`]).
    pub focused: Option<StakeholderId>,
    /// Whether the canvas has the keyboard focus.
    pub has_keyboard: bool,
    box_start: Option<Pos2>,
    connect_from: Option<StakeholderId>,
    drag: Option<NodeDrag>,
    panning: bool,
}

/// Where a camera looks: the point of the map in the middle, and the zoom.
type CameraAt = (Position, f32);

/// How long the camera takes to glide to a saved view's, seconds.
const CAMERA_GLIDE_SECONDS: f64 = 0.6;

/// The camera a fraction `t` (0-1) of the way from `from` to `to`, eased in and out: the
/// centre moves evenly, the zoom by equal ratios, so the glide feels the same at any zoom.
fn glide(from: CameraAt, to: CameraAt, t: f32) -> CameraAt {
    let e = t * t * (3.0 - 2.0 * t);
    let (Position(x0, y0), z0) = from;
    let (Position(x1, y1), z1) = to;
    let zoom = if z0 > 0.0 && z1 > 0.0 {
        z0 * (z1 / z0).powf(e)
    } else {
        z1
    };
    (Position(x0 + (x1 - x0) * e, y0 + (y1 - y0) * e), zoom)
}

fn metadata_key() -> egui::Id {
    // egui_graphs stores its frame metadata under the hash of its own id.
    egui::Id::new(MetadataFrame::new(Some(CANVAS_ID.to_owned())).get_id())
}

/// The canvas's current zoom and pan, as egui_graphs keeps them.
pub fn metadata(ctx: &egui::Context) -> Option<MetadataFrame> {
    ctx.data_mut(|d| d.get_persisted::<MetadataFrame>(metadata_key()))
}

impl CanvasState {
    /// Where the camera looks now: the point of the map in the middle of the canvas, and
    /// the zoom.
    pub fn camera(&self, ctx: &egui::Context) -> Option<(Position, f32)> {
        let rect = self.rect?;
        let centre = self.to_canvas(ctx, rect.center())?;
        Some((centre, metadata(ctx)?.zoom))
    }

    /// A canvas that fits the whole map on its first frame.
    pub fn fitted() -> Self {
        Self {
            fit_requested: true,
            ..Self::default()
        }
    }

    /// The canvas-to-screen mapping as it stands, read once for many points.
    fn screen_mapping(&self, ctx: &egui::Context) -> Option<impl Fn(Position) -> Pos2> {
        let meta = metadata(ctx)?;
        let offset = self.rect?.min.to_vec2();
        Some(move |Position(x, y): Position| meta.canvas_to_screen_pos(egui::pos2(x, y)) + offset)
    }

    /// Where a canvas position is on screen now.
    pub fn to_screen(&self, ctx: &egui::Context, position: Position) -> Option<Pos2> {
        self.screen_mapping(ctx).map(|mapping| mapping(position))
    }

    /// The canvas position under a screen point.
    pub fn to_canvas(&self, ctx: &egui::Context, screen: Pos2) -> Option<Position> {
        let meta = metadata(ctx)?;
        let p = meta.screen_to_canvas_pos((screen - self.rect?.min).to_pos2());
        Some(Position(p.x, p.y))
    }

    /// Draws the map and handles the pointer; returns what happened.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        view: &mut ViewModel,
        selection: &Selection,
        look: &Look<'_>,
    ) -> Vec<CanvasEvent> {
        let (shift, alt) = ui.input(|i| (i.modifiers.shift, i.modifiers.alt));
        let connecting = self.connect_mode || alt;
        if let (Some(target), Some(rect)) = (self.centre_on.take(), self.rect) {
            centre(ui.ctx(), rect, target);
        }
        let now = ui.input(|i| i.time);
        if let Some(to) = self.look_at.take() {
            // From where the camera is now, so a saved view glides into place.
            self.camera_move = self.camera(ui.ctx()).map(|from| (from, to, now));
            if self.camera_move.is_none() {
                self.camera_move = Some((to, to, now));
            }
        }
        if let (Some((from, to, start)), Some(rect)) = (self.camera_move, self.rect) {
            let t = ((now - start) / CAMERA_GLIDE_SECONDS).clamp(0.0, 1.0) as f32;
            let (centre_at, zoom) = glide(from, to, t);
            let key = metadata_key();
            ui.ctx().data_mut(|d| {
                if let Some(mut meta) = d.get_persisted::<MetadataFrame>(key) {
                    meta.zoom = zoom;
                    d.insert_persisted(key, meta);
                }
            });
            centre(ui.ctx(), rect, centre_at);
            if t < 1.0 {
                ui.ctx().request_repaint();
            } else {
                self.camera_move = None;
            }
        }
        // The map is painted into this slot once the pointer has moved things this frame,
        // under the box and connect overlays painted after it.
        let slot = ui.painter().add(egui::Shape::Noop);
        // Dragging, panning and zooming are ours (`navigate`): egui_graphs' snap a node to
        // the pointer on press (a click moved it) and zoom only with Ctrl, in big steps. Its
        // node and edge shapes draw nothing: they are there for hit tests.
        let interaction = SettingsInteraction::new()
            .with_dragging_enabled(false)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(false)
            .with_fit_to_screen_enabled(false);
        let style = SettingsStyle::new().with_labels_always(false);
        // A click finds a stakeholder where and as large as the scene draws it: seen from
        // far out symbols keep a least size on screen, and a small one has a few points
        // round it (the grid's symbols, drawn at their least size, were found only by a
        // click on their very centre).
        if let Some(zoom) = metadata(ui.ctx()).map(|m| m.zoom).filter(|z| *z > 0.0) {
            let least = LEAST_HIT_PX / zoom;
            let grown = zoom.max(look.tokens.min_symbol_scale) / zoom;
            view.set_hit_radii((zoom, look.tokens.min_symbol_scale), |id| {
                let s = look.map.stakeholder(id)?;
                Some((look.decorations.encoded.radius_of(s) * grown).max(least))
            });
        }
        let response = GraphView::<StillState, Still>::new()
            .with_id(Some(CANVAS_ID.to_owned()))
            .with_interactions(&interaction)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut view.graph);
        let rect = response.response.rect;
        self.rect = Some(rect);
        // Still as fitted, but for a canvas of another size: fitted again, so the names
        // placed are those of the canvas shown (the first frame's canvas is not yet its
        // final size, and the window had opened on a map fitted to the wrong one).
        let camera_now = metadata(ui.ctx()).map(|m| (m.zoom, m.pan));
        let resized = self.fitted.is_some_and(|(size, zoom, pan)| {
            size != rect.size() && camera_now == Some((zoom, pan))
        });
        if std::mem::take(&mut self.fit_requested) || resized {
            fit(ui.ctx(), view, look, rect);
            self.fitted = metadata(ui.ctx()).map(|m| (rect.size(), m.zoom, m.pan));
        }

        let mut events = Vec::new();
        let mut hit = false;
        for change in &response.changes {
            match *change {
                GraphChange::NodeClicked { node } => {
                    hit = true;
                    if let Some(id) = view.stakeholder_at(node) {
                        events.push(CanvasEvent::StakeholderClicked { id, shift });
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    hit = true;
                    if let Some(id) = view.relationship_at(edge) {
                        events.push(CanvasEvent::RelationshipClicked { id, shift });
                    }
                }
                GraphChange::NodeDoubleClicked { .. } => hit = true,
                _ => {}
            }
        }
        // A click on a name is a click on its stakeholder: the name is drawn over the
        // lines, so it is what the pointer is on (as in Kumu and yEd).
        let on_symbol = events
            .iter()
            .any(|e| matches!(e, CanvasEvent::StakeholderClicked { .. }));
        let named = response
            .response
            .clicked()
            .then(|| response.response.interact_pointer_pos())
            .flatten()
            .filter(|_| !on_symbol)
            .and_then(|at| self.name_at(at - rect.min.to_vec2()));
        if let Some(id) = named {
            events.retain(|e| !matches!(e, CanvasEvent::RelationshipClicked { .. }));
            events.push(CanvasEvent::StakeholderClicked { id, shift });
            hit = true;
        }
        let background = !hit && view.graph.hovered_node().is_none();
        if response.response.double_clicked() && background {
            if let Some(at) = response
                .response
                .interact_pointer_pos()
                .and_then(|p| self.to_canvas(ui.ctx(), p))
            {
                events.push(CanvasEvent::BackgroundDoubleClicked { at });
            }
        } else if response.response.clicked() && background {
            events.push(CanvasEvent::BackgroundClicked { shift });
        }
        self.navigate(
            ui,
            view,
            selection,
            &response.response,
            shift || connecting,
            &mut events,
        );
        self.keyboard(ui, view, look, &response.response, &mut events);
        let overlay = scene_paint::colour(look.palette.engagement_arrow);
        self.box_select(ui, view, &response.response, shift, overlay, &mut events);
        self.connect(
            ui,
            view,
            &response.response,
            connecting,
            overlay,
            &mut events,
        );
        if let Some(scene) = self.scene(ui.ctx(), view, selection, look, rect) {
            self.unlabelled = scene.unlabelled;
            ui.painter().set(
                slot,
                egui::Shape::Vec(scene_paint::shapes(ui.ctx(), &scene, rect.min)),
            );
            self.last_scene = Some(scene);
        }
        events
    }

    /// The stakeholder whose name was drawn last frame at `at` (canvas-relative screen
    /// points), with its halo.
    fn name_at(&self, at: Pos2) -> Option<StakeholderId> {
        let scene = self.last_scene.as_ref()?;
        // The last drawn is on top.
        scene.labels.iter().rev().find_map(|l| {
            l.rect
                .expand(l.halo_px)
                .contains([at.x, at.y])
                .then_some(l.id)
        })
    }

    /// The canvas as a focusable widget: the keys of [`super::keyboard`] move the focus
    /// among the stakeholders, and its accessible description says the focused one.
    fn keyboard(
        &mut self,
        ui: &Ui,
        view: &ViewModel,
        look: &Look<'_>,
        canvas: &egui::Response,
        events: &mut Vec<CanvasEvent>,
    ) {
        let id = super::keyboard::focus_id();
        let focus = ui.interact(canvas.rect, id, egui::Sense::focusable_noninteractive());
        if canvas.clicked() || canvas.drag_started() {
            focus.request_focus();
        }
        self.has_keyboard = focus.has_focus();
        if self.has_keyboard {
            // Tab and the arrows stay on the canvas instead of moving among widgets; Esc
            // gives the keyboard back.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    },
                );
            });
            let moves = ui.input_mut(|input| {
                super::keyboard::moves(input, look.map, &|s| view.position_of(s), self.focused)
            });
            for m in moves {
                match m {
                    super::keyboard::Move::To(s) => {
                        self.focused = Some(s);
                        // Keep it in sight.
                        if let (Some(p), Some(rect)) = (view.position_of(s), self.rect)
                            && let Some(at) = self.to_screen(ui.ctx(), p)
                            && !rect.shrink(40.0).contains(at)
                        {
                            self.centre_on = Some(p);
                        }
                    }
                    super::keyboard::Move::Open(s) => {
                        events.push(CanvasEvent::StakeholderClicked {
                            id: s,
                            shift: false,
                        });
                    }
                }
            }
        }
        let said = self
            .focused
            .filter(|_| self.has_keyboard)
            .and_then(|s| super::keyboard::description(look.map, s))
            .unwrap_or_else(|| {
                "Map canvas. Tab goes from stakeholder to stakeholder, arrows along relationships, Enter opens one"
                    .to_owned()
            });
        focus.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, &said));
    }

    /// The scene as the canvas stands now: its camera, where each stakeholder is drawn
    /// (dragged or animated ones included), the selection and what is under the pointer.
    fn scene(
        &self,
        ctx: &egui::Context,
        view: &ViewModel,
        selection: &Selection,
        look: &Look<'_>,
        rect: Rect,
    ) -> Option<scene::Scene> {
        let meta = metadata(ctx)?;
        let camera = Camera {
            zoom: meta.zoom,
            pan: [meta.pan.x, meta.pan.y],
            viewport: [rect.width(), rect.height()],
        };
        let positions: HashMap<StakeholderId, Position> = view.stakeholders().collect();
        let hovered = view
            .graph
            .hovered_node()
            .and_then(|n| view.stakeholder_at(n))
            .or_else(|| view.dragged().map(|(id, _)| id));
        // The keyboard's stakeholder is drawn and named as a selected one is: the thick
        // outline is what a person following the focus looks for.
        let focused = self.focused.filter(|_| self.has_keyboard);
        let with_focus;
        let selected_stakeholders = match focused {
            Some(id) if !selection.stakeholders.contains(&id) => {
                with_focus = {
                    let mut set = selection.stakeholders.clone();
                    set.insert(id);
                    set
                };
                &with_focus
            }
            _ => &selection.stakeholders,
        };
        let input = SceneInput {
            map: look.map,
            decorations: look.decorations,
            positions: &positions,
            camera,
            tokens: look.tokens,
            palette: look.palette,
            selected_stakeholders,
            selected_relationships: &selection.relationships,
            hovered,
            faint: look.faint,
            backdrop: look.backdrop,
        };
        Some(scene::build(&input, &EguiMeasure { ctx }))
    }

    /// Zoom (wheel, pinch, Ctrl+wheel) about the pointer, pan (drag the background, or
    /// the middle button anywhere), and drag stakeholders: only a drag past egui's
    /// threshold moves one, so a click never does.
    fn navigate(
        &mut self,
        ui: &Ui,
        view: &mut ViewModel,
        selection: &Selection,
        response: &egui::Response,
        gesture: bool,
        events: &mut Vec<CanvasEvent>,
    ) {
        let ctx = ui.ctx();
        let Some(mut meta) = metadata(ctx) else {
            return;
        };
        let origin = response.rect.min.to_vec2();
        let before = (meta.zoom, meta.pan);
        if response.contains_pointer() {
            let (scroll, pinch, pointer) = ui.input(|i| {
                (
                    i.smooth_scroll_delta.y,
                    i.zoom_delta(),
                    i.pointer.hover_pos(),
                )
            });
            let factor = pinch * (scroll * ZOOM_PER_SCROLL_POINT).exp();
            if (factor - 1.0).abs() > 1e-4
                && let Some(pointer) = pointer
            {
                let local = pointer.to_vec2() - origin;
                let under = (local - meta.pan) / meta.zoom;
                let zoom = (meta.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
                meta.pan = local - under * zoom;
                meta.zoom = zoom;
            }
        }
        let press = ui.input(|i| i.pointer.press_origin());
        if response.drag_started_by(egui::PointerButton::Primary) && !gesture {
            let node = press.and_then(|p| {
                view.graph
                    .node_by_screen_pos(&meta, (p.to_vec2() - origin).to_pos2())
            });
            let node = node.filter(|_| !self.read_only);
            match node.and_then(|n| Some((n, view.graph.node(n)?.location()))) {
                Some((node, at)) => {
                    let pressed = meta.screen_to_canvas_pos(
                        (press.unwrap_or_default().to_vec2() - origin).to_pos2(),
                    );
                    self.drag = Some(NodeDrag {
                        node,
                        grab: pressed - at,
                    });
                    view.graph.set_dragged_node(Some(node));
                    if let Some(n) = view.graph.node_mut(node) {
                        n.set_dragged(true);
                    }
                }
                None => self.panning = true,
            }
        }
        if response.drag_started_by(egui::PointerButton::Middle) {
            self.panning = true;
        }
        if let Some(drag) = self.drag
            && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
        {
            let target =
                meta.screen_to_canvas_pos((pointer.to_vec2() - origin).to_pos2()) - drag.grab;
            if let Some(node) = view.graph.node(drag.node) {
                let delta = target - node.location();
                let id = node.payload().id;
                view.move_by(id, delta);
                // The selection moves together with the stakeholder dragged.
                if selection.stakeholders.contains(&id) {
                    for &other in selection.stakeholders.iter().filter(|&&o| o != id) {
                        view.move_by(other, delta);
                    }
                }
            }
        } else if self.panning && response.dragged() {
            meta.pan += response.drag_delta();
        }
        if response.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
            self.panning = false;
            if let Some(drag) = self.drag.take() {
                view.graph.set_dragged_node(None);
                if let Some(n) = view.graph.node_mut(drag.node) {
                    n.set_dragged(false);
                }
                if let Some(id) = view.stakeholder_at(drag.node) {
                    let moved: Vec<StakeholderId> = if selection.stakeholders.contains(&id) {
                        selection.stakeholders.iter().copied().collect()
                    } else {
                        vec![id]
                    };
                    let positions = moved
                        .into_iter()
                        .filter_map(|m| Some((m, view.position_of(m)?)))
                        .collect();
                    events.push(CanvasEvent::Moved(positions));
                }
            }
        }
        if (meta.zoom, meta.pan) != before {
            let key = metadata_key();
            ctx.data_mut(|d| d.insert_persisted(key, meta));
        }
    }

    fn box_select(
        &mut self,
        ui: &Ui,
        view: &ViewModel,
        response: &egui::Response,
        shift: bool,
        colour: Color32,
        events: &mut Vec<CanvasEvent>,
    ) {
        let (pressed, released, pointer) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_released(),
                i.pointer.interact_pos(),
            )
        });
        if pressed && shift && response.hovered() && view.graph.hovered_node().is_none() {
            self.box_start = pointer;
        }
        let (Some(start), Some(now)) = (self.box_start, pointer) else {
            return;
        };
        let area = Rect::from_two_pos(start, now);
        if released {
            self.box_start = None;
            if area.area() > 16.0 {
                let inside = match self.screen_mapping(ui.ctx()) {
                    Some(mapping) => view
                        .stakeholders()
                        .filter(|&(_, p)| area.contains(mapping(p)))
                        .map(|(id, _)| id)
                        .collect(),
                    None => Vec::new(),
                };
                events.push(CanvasEvent::BoxSelected(inside));
            }
            return;
        }
        ui.painter().rect(
            area,
            0.0,
            colour.gamma_multiply(0.2),
            Stroke::new(1.0, colour),
            egui::StrokeKind::Inside,
        );
    }

    fn connect(
        &mut self,
        ui: &Ui,
        view: &ViewModel,
        response: &egui::Response,
        connecting: bool,
        colour: Color32,
        events: &mut Vec<CanvasEvent>,
    ) {
        let (pressed, released, pointer) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_released(),
                i.pointer.interact_pos(),
            )
        });
        let under_pointer = view
            .graph
            .hovered_node()
            .and_then(|n| view.stakeholder_at(n));
        if connecting && pressed && response.hovered() {
            self.connect_from = under_pointer;
        }
        let Some(from) = self.connect_from else {
            return;
        };
        if released {
            self.connect_from = None;
            if let Some(to) = under_pointer
                && to != from
            {
                events.push(CanvasEvent::ConnectRequested { from, to });
            }
            return;
        }
        let start = view
            .position_of(from)
            .and_then(|p| self.to_screen(ui.ctx(), p));
        if let (Some(start), Some(now)) = (start, pointer) {
            ui.painter()
                .line_segment([start, now], Stroke::new(2.0, colour));
            ui.painter().circle_filled(now, 4.0, colour);
        }
    }
}

/// Zooms and pans so that every stakeholder shown and its name fit in the canvas
/// ([`scene::fit`]).
fn fit(ctx: &egui::Context, view: &ViewModel, look: &Look<'_>, rect: Rect) {
    let positions: HashMap<StakeholderId, Position> = view.stakeholders().collect();
    let names = scene::names(look.map);
    let camera = scene::fit_with(
        &names,
        &positions,
        look.backdrop,
        [rect.width(), rect.height()],
        FIT_PADDING,
        &look.tokens,
        &EguiMeasure { ctx },
    );
    let key = metadata_key();
    ctx.data_mut(|d| {
        let mut meta = d
            .get_persisted::<MetadataFrame>(key)
            .unwrap_or_else(|| MetadataFrame::new(Some(CANVAS_ID.to_owned())));
        meta.zoom = camera.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        meta.pan = egui::vec2(camera.pan[0], camera.pan[1]);
        d.insert_persisted(key, meta);
    });
}

/// Pans so that `target` is at the middle of the canvas, keeping the zoom.
fn centre(ctx: &egui::Context, rect: Rect, target: Position) {
    let key = metadata_key();
    ctx.data_mut(|d| {
        if let Some(mut meta) = d.get_persisted::<MetadataFrame>(key) {
            meta.pan = rect.size() / 2.0 - egui::vec2(target.0, target.1) * meta.zoom;
            d.insert_persisted(key, meta);
        }
    });
}

#[cfg(test)]
mod glide_tests {
    use super::*;

    #[test]
    fn the_camera_glides_from_where_it_is_to_where_it_goes_by_equal_zoom_ratios() {
        let from = (Position(0.0, 0.0), 1.0);
        let to = (Position(100.0, -50.0), 4.0);
        assert_eq!(glide(from, to, 0.0), from);
        let (Position(x, y), z) = glide(from, to, 1.0);
        assert!((x - 100.0).abs() < 1e-4 && (y + 50.0).abs() < 1e-4 && (z - 4.0).abs() < 1e-4);
        let (Position(x, _), z) = glide(from, to, 0.5);
        assert!((x - 50.0).abs() < 1e-3, "halfway across");
        assert!((z - 2.0).abs() < 1e-3, "halfway in ratio: 2x, not 2.5x");
    }
}
