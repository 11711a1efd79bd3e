//! Saved views: what a planner set up to show (a filter, a day or a comparison, a focus,
//! a layout, where the camera looks, size and colour), kept in the map file under a name,
//! in the order a workshop steps through them. As Kumu's "views" and Gephi's saved
//! workspaces, but with the map: a facilitator opens one file and has everything.
//!
//! Plain data, with no behaviour: the window turns a view into its filter and settings
//! (`crate::filter`, `crate::style::encoding`), which is why metrics, trends and encodings
//! are kept by their stable keys (`"betweenness"`, `"cooling"`, `"community"`) rather
//! than by types of those modules.

use super::{Date, Engagement, Position, StakeholderId, StakeholderKind, Strength, Tone};
use serde::{Deserialize, Serialize};

/// One saved view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SavedView {
    /// Its name, as the list and the presentation's caption say it.
    pub name: String,
    /// How the stakeholders are set out.
    pub layout: ViewLayout,
    /// Which stakeholders and relationships it shows.
    #[serde(skip_serializing_if = "SavedFilter::is_empty")]
    pub filter: SavedFilter,
    /// The map as of this day; `None`: as of the day it is opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// A comparison of two moments instead, each a date (`YYYY-MM-DD`) or a baseline's
    /// name, as typed in the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<(String, String)>,
    /// One stakeholder and those near it in front.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<SavedFocus>,
    /// Where the camera looks; `None`: the whole map fitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camera: Option<SavedCamera>,
    /// What size shows, by key (`influence`, `interest`, a metric's key); `None`:
    /// influence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_by: Option<String>,
    /// What colour shows, by key (`kind`, `sector`, `area`, `engagement`, a metric's
    /// key); `None`: kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour_by: Option<String>,
}

/// How a view sets the stakeholders out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewLayout {
    /// The map's own positions.
    #[default]
    Network,
    /// On a circle, grouped by kind.
    CircleByKind,
    /// On a circle, grouped by sector.
    CircleBySector,
    /// In rings around a stakeholder, by steps.
    Rings(StakeholderId),
    /// The power/interest grid.
    PowerInterest,
    /// By engagement now.
    Engagement,
}

/// A view's filter: the window's filter (`crate::filter::Filter`) as kept in the file.
/// Empty lists and fields mean "any".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SavedFilter {
    /// Stakeholders of these kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<StakeholderKind>,
    /// In these sectors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// In these areas.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// With one of these tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// At these levels of engagement now (`None`: not assessed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub engagement: Vec<Option<Engagement>>,
    /// Whose name, description, sector, area or a tag contains this.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// With a metric in a range: the metric's key and the bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<(String, Option<f64>, Option<f64>)>,
    /// Relationships at least this strong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_strength: Option<Strength>,
    /// Relationships of these tones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tones: Vec<Tone>,
    /// Relationships with these trends: `rising`, `steady`, `cooling`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trends: Vec<String>,
    /// Hide what is left out rather than fade it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hide: bool,
}

impl SavedFilter {
    /// Whether it lets everything through (and so is not written).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A view's focus: a stakeholder and what lies within some steps of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedFocus {
    /// The stakeholder in the middle.
    pub centre: StakeholderId,
    /// How many relationships away still counts as near.
    pub hops: u8,
    /// Hide the rest rather than fade it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide: bool,
}

/// Where a view's camera looks: the point of the map at the middle of the screen and the
/// zoom (screen points per canvas unit), so that a view opens on the same part of the
/// map whatever the window's size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedCamera {
    /// The middle of the screen, canvas units.
    pub centre: Position,
    /// Screen points per canvas unit.
    pub zoom: f32,
}
