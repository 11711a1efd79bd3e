//! The map model: stakeholders, relationships and their observation logs, stable ids, and
//! validation. Uses nothing else of the crate.

mod baseline;
mod date;
mod ids;
mod map;
mod relationship;
mod stakeholder;
mod strength;
pub mod text;
mod validate;
mod view;

pub use baseline::{Baseline, BaselineRelationship};
pub use date::{Date, DateError};
pub use ids::{RelationshipId, StakeholderId};
pub use map::{Map, MapError};
pub use relationship::{
    InteractionKind, Observation, Relationship, RelationshipKind, Tone, UNOBSERVED_STRENGTH,
    UNOBSERVED_TONE,
};
pub use stakeholder::{
    Contact, Engagement, Pending, Position, SaraStage, Stakeholder, StakeholderKind,
};
pub use strength::{OutOfRange, Score, Strength};
pub use text::normalise;
pub use validate::{EARLIEST_LIKELY_YEAR, Problem, Subject, baseline_name_problem, name_problem};
pub use view::{SavedCamera, SavedFilter, SavedFocus, SavedView, ViewLayout};
