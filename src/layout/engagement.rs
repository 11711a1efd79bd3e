//! The engagement view: a column per current engagement level (Unaware to Leading), so
//! the gap to where each stakeholder should be stands out. The view sets each column out
//! as a block of names ([`super::blocks`], in [`super::for_map`]).

/// Highest engagement level: 0 Unaware, 1 Resistant, 2 Neutral, 3 Supportive, 4 Leading.
pub const MAX_LEVEL: u8 = 4;
