//! Find: stakeholders whose name, tags, sector or area contain what was typed, whatever the
//! case, the accents or the Unicode form ("quebec" finds "Québec", written either way).

use crate::model::{Map, StakeholderId};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching: decomposed (NFD), accents and other combining marks dropped,
/// lower case. "Québec", "Que\u{301}bec" and "QUEBEC" all fold to "quebec".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The stakeholders matching `query` (every word must match somewhere, case, accents and
/// Unicode form aside), names first, then tags, sector and area; at most `limit`.
pub fn find(map: &Map, query: &str, limit: usize) -> Vec<StakeholderId> {
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, String, StakeholderId)> = map
        .stakeholders()
        .filter_map(|s| {
            let name = fold(&s.name);
            let rest = fold(&format!("{} {} {}", s.tags.join(" "), s.sector, s.area));
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
            Some((rank, name, s.id()))
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

    #[test]
    fn case_accents_and_unicode_form_do_not_matter() {
        let mut map = Map::new("t");
        // Stored decomposed: e + combining acute, as some editors write it.
        let decomposed = "Que\u{301}bec Youth Centre";
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(1),
            StakeholderKind::Organisation,
            decomposed,
        ))
        .expect("fresh");
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(2),
            StakeholderKind::Partner,
            "Nguyễn Thị Lan",
        ))
        .expect("fresh");
        for query in ["Québec", "Que\u{301}bec", "quebec", "QUEBEC", "québ"] {
            assert_eq!(find(&map, query, 10), [StakeholderId(1)], "{query}");
        }
        for query in ["nguyen thi", "Nguyễn", "NGUYÊN"] {
            assert_eq!(find(&map, query, 10), [StakeholderId(2)], "{query}");
        }
    }
}
