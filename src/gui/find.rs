//! Find: stakeholders whose name, tags, sector or area contain what was typed.

use crate::model::{Map, StakeholderId};

/// The stakeholders matching `query` (case-insensitive; every word must match somewhere),
/// names first, then tags, sector and area; at most `limit`.
pub fn find(map: &Map, query: &str, limit: usize) -> Vec<StakeholderId> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, &str, StakeholderId)> = map
        .stakeholders()
        .filter_map(|s| {
            let name = s.name.to_lowercase();
            let rest = format!(
                "{} {} {}",
                s.tags.join(" ").to_lowercase(),
                s.sector.to_lowercase(),
                s.area.to_lowercase()
            );
            let all = words
                .iter()
                .all(|w| name.contains(w.as_str()) || rest.contains(w.as_str()));
            if !all {
                return None;
            }
            let rank = if words.iter().all(|w| name.contains(w.as_str())) {
                u8::from(!name.starts_with(words[0].as_str()))
            } else {
                2
            };
            Some((rank, s.name.as_str(), s.id))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, id)| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, StakeholderKind};

    #[test]
    fn finds_by_name_tag_sector_and_area_names_first() {
        let mut map = Map::new("t");
        let mut school = Stakeholder::new(
            StakeholderId(1),
            StakeholderKind::Organisation,
            "Northway High",
        );
        school.sector = "Education".into();
        map.add_stakeholder(school).expect("fresh");
        let mut coach = Stakeholder::new(StakeholderId(2), StakeholderKind::Partner, "Coach Dee");
        coach.tags = vec!["youth".into(), "northway".into()];
        map.add_stakeholder(coach).expect("fresh");
        assert_eq!(
            find(&map, "northway", 10),
            [StakeholderId(1), StakeholderId(2)]
        );
        assert_eq!(find(&map, "EDUC", 10), [StakeholderId(1)]);
        assert_eq!(find(&map, "youth coach", 10), [StakeholderId(2)]);
        assert!(find(&map, "  ", 10).is_empty());
        assert!(find(&map, "nothing", 10).is_empty());
    }
}
