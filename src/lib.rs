//! stakemap: draw, edit and track the Police and Community Mind Map.
//!
//! The crate is arranged in rooms whose doors point one way: [`model`] is the map and uses
//! nothing else; [`io`] reads and writes it; [`cli`] runs headless jobs; `gui` is the
//! window, and nothing else uses it (or egui). [`fonts`] and [`text`] let names in every
//! script draw: fonts that cover them, and right-to-left text in the order to lay out.

pub mod analysis;
pub mod builtin;
pub mod cli;
pub mod edit;
pub mod fonts;
pub mod gui;
pub mod io;
pub mod layout;
pub mod model;
pub mod style;
pub mod text;
