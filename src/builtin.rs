//! The built-in Police and Community Mind Map, embedded in the binary.

use crate::model::Map;

/// The RON text of the built-in map (`assets/police_community.ron`).
pub const POLICE_COMMUNITY_RON: &str = include_str!("../assets/police_community.ron");

/// The name the built-in map goes by in messages.
pub const ORIGIN: &str = "built-in map";

/// The built-in Police and Community Mind Map.
///
/// A test checks that the embedded file is valid, so this never fails in a released build;
/// should it ever, an empty map with the right title stands in rather than a crash.
pub fn police_community() -> Map {
    crate::io::parse(POLICE_COMMUNITY_RON, ORIGIN)
        .unwrap_or_else(|_| Map::new("Police and Community Mind Map"))
}
