//! Every change to a map as a value ([`Edit`]), the one place that applies it ([`apply`]),
//! the capped undo/redo history with its save point ([`History`]), and copy and paste of
//! stakeholders as map-file text ([`clipboard`]).

pub mod clipboard;
#[expect(
    clippy::module_inception,
    reason = "the house layout names the file of the Edit type edit/edit.rs"
)]
mod edit;
mod history;

pub use clipboard::{ClipboardError, copy, duplicate, paste, paste_at};
pub use edit::{Edit, EditError, apply};
pub use history::{DEFAULT_LIMIT, History};

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod proptests;
