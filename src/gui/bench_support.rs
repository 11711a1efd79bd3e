//! Headless access to the canvas for benchmarks (`benches/frame.rs`): the real canvas, view
//! model and selection, driven one frame at a time by a caller-owned `egui::Context`.
//! Not used by the app itself.

use super::canvas::{self, CanvasState};
use super::selection::Selection;
use super::view_model::ViewModel;
use crate::model::Map;

/// The map canvas on its own, as the window draws it in its central panel: fitted to the
/// map on the first frame, labels following the zoom as in the app.
pub struct CanvasBench {
    map: Map,
    decorations: crate::shown::Decorations,
    view: ViewModel,
    selection: Selection,
    canvas: CanvasState,
}

impl CanvasBench {
    /// A canvas showing `map` (every stakeholder must have a position), nothing selected,
    /// that fits the whole map on its first frame.
    pub fn new(map: &Map) -> Self {
        Self {
            map: map.clone(),
            decorations: crate::shown::Decorations::default(),
            view: ViewModel::new(map),
            selection: Selection::default(),
            canvas: CanvasState::fitted(),
        }
    }

    /// Runs one whole egui frame of the canvas in a central panel and returns egui's
    /// output (shapes not yet tessellated: call `ctx.tessellate` on them).
    pub fn frame(&mut self, ctx: &egui::Context, raw: egui::RawInput) -> egui::FullOutput {
        ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                // A benchmark has no pointer: whatever the canvas reports is dropped.
                let look = canvas::Look {
                    map: &self.map,
                    decorations: &self.decorations,
                    backdrop: &crate::layout::for_map::Backdrop::None,
                    faint: false,
                    palette: crate::style::Palette::DARK,
                    tokens: crate::style::Tokens::SCREEN,
                };
                let _events = self.canvas.ui(ui, &mut self.view, &self.selection, &look);
            });
        })
    }

    /// The canvas's zoom, once a frame has been drawn.
    pub fn zoom(&self, ctx: &egui::Context) -> Option<f32> {
        canvas::metadata(ctx).map(|meta| meta.zoom)
    }

    /// Sets the zoom for the next frame, keeping the canvas point at the middle of the
    /// canvas where it is. Does nothing before the first frame.
    pub fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let (Some(mut meta), Some(rect)) = (canvas::metadata(ctx), self.canvas.rect) else {
            return;
        };
        let half = rect.size() / 2.0;
        let middle = (half - meta.pan) / meta.zoom;
        meta.zoom = zoom;
        meta.pan = half - middle * zoom;
        let key = egui::Id::new(meta.get_id());
        ctx.data_mut(|d| d.insert_persisted(key, meta));
    }
}
