//! stakemap: draw, edit and track the Police and Community Mind Map.
//!
//! The crate is arranged in rooms whose doors point one way: [`model`] is the map and uses
//! nothing else; [`edit`] changes it; [`io`] reads and writes it; [`analysis`] and [`layout`]
//! are pure functions of it; [`document`] is an open map with its file and history;
//! [`redaction`] is the one pass that leaves out what a profile may not show;
//! [`shown`] is the one pipeline from the map to what is drawn, reported and exported;
//! [`style`] is the visual encoding as plain data; [`cli`] runs headless jobs; `gui` is the
//! window, and nothing else uses it (or egui).
//! [`fonts`] and [`text`] let names in every script draw: fonts that cover them, and
//! right-to-left text in the order to lay out. [`errors`] says an error and its causes
//! once, for the two edges that show errors (the CLI and the window).

pub mod analysis;
pub mod builtin;
pub mod cli;
pub mod document;
pub mod edit;
pub mod errors;
pub mod filter;
pub mod fonts;
pub mod gui;
pub mod io;
pub mod layout;
pub mod model;
pub mod redaction;
pub mod shown;
pub mod style;
pub mod text;
