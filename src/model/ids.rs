//! Stable ids for stakeholders and relationships: what files, exports and the command line
//! use to name things, never petgraph indices (those change when items are removed).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable id of a stakeholder, unique within a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StakeholderId(pub u64);

/// The stable id of a relationship, unique within a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationshipId(pub u64);

impl fmt::Display for StakeholderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for RelationshipId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}
