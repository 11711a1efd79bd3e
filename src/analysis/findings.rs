//! Findings: what the network metrics mean for a CDS planner, each with its reason in words
//! and a subject the window can select and centre. Brokers, single points of failure,
//! partnerships that hang on one officer, unaddressed issues, engagement gaps, isolated
//! stakeholders and groups with no route to the police service.
//!
//! Findings are [`AttentionItem`]s, so they rank in one list with the cooling relationships
//! ([`super::attention::needs_attention_with_findings`]).
//!
//! # The police service
//!
//! Single points of failure are about partners being cut off *from the police service*, so
//! the map must say who that is ([`police_service`]):
//!
//! 1. The organisations that say they are the police: named with the word "police" or
//!    "policing" (the City Police Service, a Community Police Centre), or tagged `police`.
//! 2. The police's sector: the sector most of those organisations have ("Policing" on the
//!    built-in map; equal counts go to the alphabetically first).
//! 3. The police service: every organisation in that sector (so the Community Development
//!    Section, which is neither named nor tagged so, belongs), plus the organisations of
//!    step 1.
//!
//! People in the police's sector (officers, civilian staff) are not the service: they
//! carry its relationships, can be transferred, and so can be single points of failure.
//! The *partners* a finding counts are the people and organisations outside the police's
//! sector. On a map with no organisation named or tagged police there is no police
//! service, and the findings that need one (single points of failure, no route to the
//! police service) are not made.

use super::attention::{AttentionItem, AttentionKind, AttentionSubject, unaddressed_issues};
use super::metrics::NetworkMetrics;
use super::metrics::ties::TieGraph;
use crate::model::{
    Date, Map, Relationship, Score, Stakeholder, StakeholderId, StakeholderKind, Strength,
};
use std::collections::{BTreeMap, BTreeSet};

/// The betweenness (share of shortest paths between others, 0-1) from which a stakeholder
/// counts as a broker: one path in ten passes through it.
pub const BROKER_BETWEENNESS: f64 = 0.1;
/// At most this many brokers are named, the highest first: a list of every stakeholder
/// with some betweenness would bury the few the network leans on.
pub const MAX_BROKERS: usize = 5;
/// A stakeholder needs this many working relationships before "all held by one officer"
/// says more than "it has one relationship".
pub const SINGLE_OWNER_MIN_RELATIONSHIPS: usize = 2;
/// How many names a reason lists before "and N more".
const NAMES_IN_REASON: usize = 3;

/// Who the police service is on a map: see the module documentation for the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoliceService {
    /// The police's sector as the map writes it ("Policing"); `None` when the police
    /// organisations have no sector, or there are none.
    pub sector: Option<String>,
    /// The organisations that are the police service, by id. Empty when the map names none.
    pub members: BTreeSet<StakeholderId>,
}

impl PoliceService {
    /// Whether a stakeholder is in the police's sector (a member, or police staff).
    pub fn in_sector(&self, s: &Stakeholder) -> bool {
        self.members.contains(&s.id())
            || self
                .sector
                .as_deref()
                .is_some_and(|sector| same_sector(&s.sector, sector))
    }

    /// Whether a stakeholder is a partner whose route to the police service counts: a
    /// person or an organisation outside the police's sector.
    pub fn is_partner(&self, s: &Stakeholder) -> bool {
        matches!(
            s.kind,
            StakeholderKind::Partner | StakeholderKind::Organisation
        ) && !self.in_sector(s)
    }
}

fn same_sector(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether an organisation says it is the police: named with the word "police" or
/// "policing", or tagged `police`.
fn says_police(s: &Stakeholder) -> bool {
    s.kind == StakeholderKind::Organisation
        && (s
            .name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("police") || w.eq_ignore_ascii_case("policing"))
            || s.tags
                .iter()
                .any(|t| t.trim().eq_ignore_ascii_case("police")))
}

/// The police service on a map, by the rule in the module documentation.
pub fn police_service(map: &Map) -> PoliceService {
    let named: Vec<&Stakeholder> = map
        .stakeholders_by_id()
        .into_iter()
        .filter(|s| says_police(s))
        .collect();
    let mut sectors: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for s in &named {
        let sector = s.sector.trim();
        if !sector.is_empty() {
            let entry = sectors
                .entry(sector.to_lowercase())
                .or_insert((0, sector.to_owned()));
            entry.0 += 1;
        }
    }
    // Most organisations first; among equals the BTreeMap's order, alphabetical.
    let sector = sectors
        .into_values()
        .fold(None::<(usize, String)>, |best, (count, name)| match best {
            Some((c, _)) if c >= count => best,
            _ => Some((count, name)),
        })
        .map(|(_, name)| name);
    let mut members: BTreeSet<StakeholderId> = named.iter().map(|s| s.id()).collect();
    if let Some(sector) = &sector {
        members.extend(
            map.stakeholders()
                .filter(|s| {
                    s.kind == StakeholderKind::Organisation && same_sector(&s.sector, sector)
                })
                .map(|s| s.id()),
        );
    }
    PoliceService { sector, members }
}

/// Every finding on a map, most urgent first (equal urgency in subject order).
///
/// `metrics` must be [`super::metrics::network_metrics`] of this same map; `today` is the
/// day issues are judged on (their relationships' strengths as of then, as in
/// [`super::attention::needs_attention`]). The rest reads the map's current strengths, as
/// the metrics do. Urgency is on the same relative scale as the attention list's, so they
/// rank together:
///
/// - **Brokers** ([`AttentionKind::Broker`]): the stakeholders other than issues with
///   betweenness (by hops) of [`BROKER_BETWEENNESS`] or more, at most [`MAX_BROKERS`],
///   highest first. Urgency 2 + 6 x betweenness.
/// - **Single points of failure** ([`AttentionKind::SinglePointOfFailure`]): a stakeholder
///   outside the police service whose removal leaves partners that now have a path to the
///   police service with none (urgency 3 + the number cut off, up to 7 counted); and a
///   relationship that is the only working one of a bridge whose loss does the same, unless
///   a stakeholder finding at one of its ends already names everyone it cuts off (urgency
///   as a stakeholder's, plus 1 when the relationship is weak, strength 2 or less).
/// - **Hangs on one officer** ([`AttentionKind::SingleOwner`]): a stakeholder outside the
///   police's sector, not an issue, with [`SINGLE_OWNER_MIN_RELATIONSHIPS`] or more working
///   relationships all held by the same owner. Urgency 1.5 + 0.5 per relationship, up to
///   6 counted.
/// - **Unaddressed issues** ([`AttentionKind::UnaddressedIssue`]): as in
///   [`super::attention::needs_attention`].
/// - **Engagement gaps** ([`AttentionKind::EngagementGap`]): desired engagement above the
///   current one. Urgency 1.5 per level of gap plus 0.1 per level of influence (unscored
///   counts as 3), so a larger gap always ranks first.
/// - **Isolated** ([`AttentionKind::Isolated`]): a stakeholder other than an issue with no
///   working relationship (an issue with none is an unaddressed issue). Urgency 3.
/// - **No route to the police service** ([`AttentionKind::NoRouteToPolice`]): a connected
///   group of two or more, with at least one partner, and no path to any of the police
///   service; the subject is its best-connected member. Urgency 3 + 0.5 per member, up to
///   7 counted.
pub fn findings(map: &Map, metrics: &NetworkMetrics, today: Date) -> Vec<AttentionItem> {
    let g = TieGraph::of(map);
    let police = police_service(map);
    let mut items = brokers(map, metrics);
    items.extend(single_points_of_failure(map, metrics, &g, &police));
    items.extend(single_owners(map, &police));
    items.extend(unaddressed_issues(map, today));
    items.extend(engagement_gaps(map));
    items.extend(isolated(map, &g, &police));
    super::attention::ranked(items)
}

fn stakeholder_item(
    id: StakeholderId,
    kind: AttentionKind,
    urgency: f32,
    reason: String,
) -> AttentionItem {
    AttentionItem {
        subject: AttentionSubject::Stakeholder(id),
        kind,
        urgency,
        reason,
    }
}

fn name_of(map: &Map, id: StakeholderId) -> String {
    map.stakeholder(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// "A", "A and B", "A, B and C", "A, B, C and 2 more".
fn names(map: &Map, ids: &[StakeholderId]) -> String {
    let mut shown: Vec<String> = ids
        .iter()
        .take(NAMES_IN_REASON)
        .map(|&id| name_of(map, id))
        .collect();
    let more = ids.len().saturating_sub(NAMES_IN_REASON);
    if more > 0 {
        shown.push(format!("{more} more"));
    }
    match shown.len() {
        0 => String::new(),
        1 => shown.remove(0),
        _ => {
            let last = shown.pop().unwrap_or_default();
            format!("{} and {last}", shown.join(", "))
        }
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn brokers(map: &Map, metrics: &NetworkMetrics) -> Vec<AttentionItem> {
    metrics
        .ranked(super::metrics::Metric::Betweenness)
        .into_iter()
        .filter(|m| {
            map.stakeholder(m.id)
                .is_some_and(|s| s.kind != StakeholderKind::Issue)
        })
        .take_while(|m| m.betweenness >= BROKER_BETWEENNESS)
        .take(MAX_BROKERS)
        .map(|m| {
            let mut reason = format!(
                "{} of the shortest paths between other stakeholders pass through it: it holds \
                 parts of the network together",
                percent(m.betweenness)
            );
            if m.cut_point {
                reason.push_str(", and without it the network would split");
            }
            stakeholder_item(
                m.id,
                AttentionKind::Broker,
                2.0 + 6.0 * m.betweenness as f32,
                reason,
            )
        })
        .collect()
}

/// Which nodes have a path to a police member, leaving out one node or one tie.
fn reaches_police(
    g: &TieGraph,
    anchors: &[usize],
    without_node: Option<usize>,
    without_tie: Option<(u32, u32)>,
) -> Vec<bool> {
    let mut reached = vec![false; g.node_count()];
    let mut queue: Vec<usize> = Vec::new();
    for &a in anchors {
        if Some(a) != without_node && !reached[a] {
            reached[a] = true;
            queue.push(a);
        }
    }
    while let Some(v) = queue.pop() {
        for &w in g.neighbours(v).0 {
            let w = w as usize;
            let tie = (v.min(w) as u32, v.max(w) as u32);
            if reached[w] || Some(w) == without_node || Some(tie) == without_tie {
                continue;
            }
            reached[w] = true;
            queue.push(w);
        }
    }
    reached
}

fn single_points_of_failure(
    map: &Map,
    metrics: &NetworkMetrics,
    g: &TieGraph,
    police: &PoliceService,
) -> Vec<AttentionItem> {
    let anchors: Vec<usize> = police.members.iter().filter_map(|&id| g.node(id)).collect();
    if anchors.is_empty() {
        return Vec::new();
    }
    let partner: Vec<bool> = g
        .ids()
        .iter()
        .map(|&id| map.stakeholder(id).is_some_and(|s| police.is_partner(s)))
        .collect();
    let before = reaches_police(g, &anchors, None, None);
    // Partners with a path to the police service before, none after.
    let cut_off = |after: &[bool], skip: Option<usize>| -> Vec<StakeholderId> {
        (0..g.node_count())
            .filter(|&v| Some(v) != skip && partner[v] && before[v] && !after[v])
            .map(|v| g.id(v))
            .collect()
    };
    let urgency = |count: usize| 3.0 + count.min(7) as f32;

    let mut items = Vec::new();
    let mut stakeholder_cuts: BTreeMap<StakeholderId, BTreeSet<StakeholderId>> = BTreeMap::new();
    for &id in &metrics.cut_points {
        let Some(v) = g.node(id) else { continue };
        if police.members.contains(&id) {
            continue;
        }
        let lost = cut_off(&reaches_police(g, &anchors, Some(v), None), Some(v));
        if lost.is_empty() {
            continue;
        }
        let reason = format!(
            "the only route to the police service for {}: without it, {} cut off",
            names(map, &lost),
            if lost.len() == 1 {
                "that partner is"
            } else {
                "they are"
            }
        );
        items.push(stakeholder_item(
            id,
            AttentionKind::SinglePointOfFailure,
            urgency(lost.len()),
            reason,
        ));
        stakeholder_cuts.insert(id, lost.into_iter().collect());
    }
    for bridge in &metrics.bridges {
        let [relationship] = bridge.relationships[..] else {
            continue;
        };
        let (Some(a), Some(b)) = (g.node(bridge.ends.0), g.node(bridge.ends.1)) else {
            continue;
        };
        let tie = (a.min(b) as u32, a.max(b) as u32);
        let lost = cut_off(&reaches_police(g, &anchors, None, Some(tie)), None);
        if lost.is_empty() {
            continue;
        }
        let covered = [bridge.ends.0, bridge.ends.1].iter().any(|end| {
            stakeholder_cuts
                .get(end)
                .is_some_and(|cut| lost.iter().all(|id| cut.contains(id)))
        });
        if covered {
            continue;
        }
        let weak = map
            .relationship(relationship)
            .is_some_and(|r| r.strength() <= Strength::NETWORKING);
        let reason = format!(
            "the only route to the police service for {}{}: if it ends, {} cut off",
            names(map, &lost),
            if weak { ", and a weak one" } else { "" },
            if lost.len() == 1 {
                "that partner is"
            } else {
                "they are"
            }
        );
        items.push(AttentionItem {
            subject: AttentionSubject::Relationship(relationship),
            kind: AttentionKind::SinglePointOfFailure,
            urgency: urgency(lost.len()) + if weak { 1.0 } else { 0.0 },
            reason,
        });
    }
    items
}

fn single_owners(map: &Map, police: &PoliceService) -> Vec<AttentionItem> {
    map.stakeholders_by_id()
        .into_iter()
        .filter(|s| s.kind != StakeholderKind::Issue && !police.in_sector(s))
        .filter_map(|s| {
            let working: Vec<&Relationship> = map
                .relationships_of(s.id())
                .into_iter()
                .filter(|r| r.strength() > Strength::NONE && r.from() != r.to())
                .collect();
            if working.len() < SINGLE_OWNER_MIN_RELATIONSHIPS {
                return None;
            }
            let owner = working[0].owner.trim();
            let one_owner = !owner.is_empty() && working.iter().all(|r| r.owner.trim() == owner);
            one_owner.then(|| {
                stakeholder_item(
                    s.id(),
                    AttentionKind::SingleOwner,
                    1.5 + 0.5 * working.len().min(6) as f32,
                    format!(
                        "all {} of its relationships are held by {owner}: if that officer moves \
                         on, no one holds them",
                        working.len()
                    ),
                )
            })
        })
        .collect()
}

fn engagement_gaps(map: &Map) -> Vec<AttentionItem> {
    map.stakeholders_by_id()
        .into_iter()
        .filter_map(|s| {
            let (now, wanted) = (s.engagement?, s.desired_engagement?);
            let gap = (wanted as i32) - (now as i32);
            if gap <= 0 {
                return None;
            }
            let influence = s.influence.unwrap_or(Score::MIDDLE).get();
            let mut reason = format!(
                "engagement is {now}, {wanted} is wanted: {gap} level{} to go",
                if gap == 1 { "" } else { "s" }
            );
            if let Some(influence) = s.influence {
                reason.push_str(&format!("; influence {influence} of {}", Score::MAX));
            }
            Some(stakeholder_item(
                s.id(),
                AttentionKind::EngagementGap,
                1.5 * gap as f32 + 0.1 * f32::from(influence),
                reason,
            ))
        })
        .collect()
}

fn isolated(map: &Map, g: &TieGraph, police: &PoliceService) -> Vec<AttentionItem> {
    let mut items: Vec<AttentionItem> = (0..g.node_count())
        .filter(|&v| g.degree(v) == 0)
        .filter_map(|v| map.stakeholder(g.id(v)))
        .filter(|s| s.kind != StakeholderKind::Issue)
        .map(|s| {
            let any = !map.relationships_of(s.id()).is_empty();
            stakeholder_item(
                s.id(),
                AttentionKind::Isolated,
                3.0,
                if any {
                    "no working relationship: every relationship it has is at strength 0 (none)"
                        .to_owned()
                } else {
                    "no relationship with anyone on the map".to_owned()
                },
            )
        })
        .collect();
    let anchors: Vec<usize> = police.members.iter().filter_map(|&id| g.node(id)).collect();
    if anchors.is_empty() {
        return items;
    }
    let reached = reaches_police(g, &anchors, None, None);
    let mut seen = reached.clone();
    for start in 0..g.node_count() {
        if seen[start] || g.degree(start) == 0 {
            continue;
        }
        // The group `start` is in: none of it reaches the police service.
        let mut group = vec![start];
        seen[start] = true;
        let mut k = 0;
        while let Some(&v) = group.get(k) {
            k += 1;
            for &w in g.neighbours(v).0 {
                let w = w as usize;
                if !seen[w] {
                    seen[w] = true;
                    group.push(w);
                }
            }
        }
        let has_partner = group.iter().any(|&v| {
            map.stakeholder(g.id(v))
                .is_some_and(|s| police.is_partner(s))
        });
        if !has_partner {
            continue;
        }
        group.sort_unstable();
        // The best-connected member, lowest id among equals: where to start mending.
        let Some(&hub) = group
            .iter()
            .max_by(|&&a, &&b| g.degree(a).cmp(&g.degree(b)).then(b.cmp(&a)))
        else {
            continue;
        };
        let others: Vec<StakeholderId> = group
            .iter()
            .filter(|&&v| v != hub)
            .map(|&v| g.id(v))
            .collect();
        items.push(stakeholder_item(
            g.id(hub),
            AttentionKind::NoRouteToPolice,
            3.0 + 0.5 * group.len().min(7) as f32,
            format!(
                "it and {} form a group of {} with no path to the police service",
                names(map, &others),
                group.len()
            ),
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::metrics::{MetricSettings, network_metrics};
    use crate::analysis::test_support::{date, map, relationship};
    use crate::model::RelationshipId;
    use crate::model::RelationshipKind::{Membership, Partnership};
    use crate::model::StakeholderKind::{Initiative, Issue, Organisation, Partner};

    /// The built-in map's findings on a fixed day (its last observations are in November
    /// 2026).
    fn builtin_findings() -> (Map, Vec<AttentionItem>) {
        let m = crate::builtin::police_community();
        let metrics = network_metrics(&m, &MetricSettings::default());
        let items = findings(&m, &metrics, date("2026-11-29"));
        (m, items)
    }

    fn of_kind(items: &[AttentionItem], kind: AttentionKind) -> Vec<AttentionSubject> {
        items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.subject)
            .collect()
    }

    fn stakeholders(ids: &[u64]) -> Vec<AttentionSubject> {
        ids.iter()
            .map(|&id| AttentionSubject::Stakeholder(StakeholderId(id)))
            .collect()
    }

    fn reason(items: &[AttentionItem], kind: AttentionKind, subject: AttentionSubject) -> &str {
        items
            .iter()
            .find(|i| i.kind == kind && i.subject == subject)
            .map(|i| i.reason.as_str())
            .expect("the finding is there")
    }

    #[test]
    fn the_police_service_is_the_organisations_in_the_police_sector() {
        let police = police_service(&crate::builtin::police_community());
        assert_eq!(police.sector.as_deref(), Some("Policing"));
        // The City Police Service, the CDS (in the sector, though not named police), the
        // four Community Police Centres and the Kestrel Park NRT; not the police-run
        // initiatives (PIA, Police Week...) and not the officers.
        let members: Vec<u64> = police.members.iter().map(|id| id.0).collect();
        assert_eq!(members, [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn brokers_on_the_builtin_map_are_the_cds_and_the_police_hubs() {
        let (m, items) = builtin_findings();
        // Highest betweenness first; the Kestrel Park drug issue (0.106) is not a broker:
        // issues are not actors.
        assert_eq!(
            of_kind(&items, AttentionKind::Broker),
            stakeholders(&[2, 1, 7, 3, 46])
        );
        let cds = AttentionSubject::Stakeholder(StakeholderId(2));
        assert_eq!(cds.name(&m), "Community Development Section (CDS)");
        assert_eq!(
            reason(&items, AttentionKind::Broker, cds),
            "58% of the shortest paths between other stakeholders pass through it: it holds \
             parts of the network together, and without it the network would split"
        );
    }

    #[test]
    fn single_points_of_failure_on_the_builtin_map() {
        let (_, items) = builtin_findings();
        let found = of_kind(&items, AttentionKind::SinglePointOfFailure);
        // The Kestrel Park Youth Drop-in is Yasmin Farah's only way to the police; the
        // women's shelter reaches it only through its partnership with the CDS (#101), and
        // Tomás Reyes only through his membership of the Larch Hollow CPC (#15). Yasmin's
        // own tie (#22) is covered by the drop-in's finding; the CDS and the Larch Hollow
        // CPC are cut points too, but they are the police service.
        let mut expected = stakeholders(&[21]);
        expected.extend([
            AttentionSubject::Relationship(RelationshipId(101)),
            AttentionSubject::Relationship(RelationshipId(15)),
        ]);
        let mut sorted = found.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected);
        assert_eq!(
            reason(
                &items,
                AttentionKind::SinglePointOfFailure,
                AttentionSubject::Stakeholder(StakeholderId(21))
            ),
            "the only route to the police service for Yasmin Farah: without it, that partner \
             is cut off"
        );
        assert_eq!(
            reason(
                &items,
                AttentionKind::SinglePointOfFailure,
                AttentionSubject::Relationship(RelationshipId(15))
            ),
            "the only route to the police service for Tomás Reyes: if it ends, that partner \
             is cut off"
        );
    }

    #[test]
    fn partnerships_that_hang_on_one_officer_on_the_builtin_map() {
        let (_, items) = builtin_findings();
        let mut found = of_kind(&items, AttentionKind::SingleOwner);
        found.sort();
        assert_eq!(
            found,
            stakeholders(&[
                9, 11, 12, 17, 20, 21, 24, 32, 33, 51, 52, 53, 57, 58, 61, 62
            ])
        );
        // Teresa Vance, the principal: both her ties are Cst. Thibodeau's.
        assert_eq!(
            reason(
                &items,
                AttentionKind::SingleOwner,
                AttentionSubject::Stakeholder(StakeholderId(51))
            ),
            "all 2 of its relationships are held by Cst. Liam Thibodeau: if that officer \
             moves on, no one holds them"
        );
    }

    #[test]
    fn unaddressed_issues_gaps_and_no_isolates_on_the_builtin_map() {
        let (m, items) = builtin_findings();
        let mut issues = of_kind(&items, AttentionKind::UnaddressedIssue);
        issues.sort();
        // Newcomer inclusion and senior fraud: worked on only at strength 2 or less.
        assert_eq!(
            issues,
            [38, 41].map(|id| AttentionSubject::Issue(StakeholderId(id)))
        );
        let gaps: Vec<&AttentionItem> = items
            .iter()
            .filter(|i| i.kind == AttentionKind::EngagementGap)
            .collect();
        assert_eq!(gaps.len(), 30);
        // Largest gap first: Yasmin Farah, unaware, should be supportive.
        assert_eq!(
            gaps[0].subject,
            AttentionSubject::Stakeholder(StakeholderId(63))
        );
        assert_eq!(
            gaps[0].reason,
            "engagement is Unaware, Supportive is wanted: 3 levels to go"
        );
        let gap = |i: &AttentionItem| {
            let s = i.subject.stakeholder().and_then(|id| m.stakeholder(id));
            s.and_then(|s| Some(s.desired_engagement? as i32 - s.engagement? as i32))
        };
        assert!(gaps.windows(2).all(|w| gap(w[0]) >= gap(w[1])));
        assert!(of_kind(&items, AttentionKind::Isolated).is_empty());
        assert!(of_kind(&items, AttentionKind::NoRouteToPolice).is_empty());
    }

    #[test]
    fn isolates_and_groups_with_no_route_to_the_police() {
        let m = map(
            &[
                (1, Organisation, "Riverside Police Station"),
                (2, Organisation, "Riverside School"),
                (3, Partner, "Ana"),
                (4, Organisation, "Hillcrest Mosque"),
                (5, Partner, "Ben"),
                (6, Initiative, "Night walk"),
                (7, Issue, "Speeding"),
                (8, Partner, "Cleo"),
            ],
            vec![
                relationship(1, 1, 2, Partnership, &[("2026-01-01", 3)]),
                relationship(2, 3, 2, Membership, &[("2026-01-01", 4)]),
                // A group of two with no path to the police station.
                relationship(3, 5, 4, Membership, &[("2026-01-01", 4)]),
                // Cleo's only relationship is at strength 0: no working tie.
                relationship(4, 8, 2, Partnership, &[("2026-01-01", 0)]),
            ],
        );
        let metrics = network_metrics(&m, &MetricSettings::default());
        let items = findings(&m, &metrics, date("2026-06-01"));
        assert_eq!(
            of_kind(&items, AttentionKind::Isolated),
            // The issue is left to the unaddressed issues; equal urgency in id order.
            stakeholders(&[6, 8])
        );
        assert_eq!(
            reason(
                &items,
                AttentionKind::Isolated,
                AttentionSubject::Stakeholder(StakeholderId(8))
            ),
            "no working relationship: every relationship it has is at strength 0 (none)"
        );
        assert_eq!(
            of_kind(&items, AttentionKind::NoRouteToPolice),
            stakeholders(&[4])
        );
        assert_eq!(
            reason(
                &items,
                AttentionKind::NoRouteToPolice,
                AttentionSubject::Stakeholder(StakeholderId(4))
            ),
            "it and Ben form a group of 2 with no path to the police service"
        );
        // The school is Ana's only route to the police (her tie to it says no more, so it
        // is left out); the station's one tie to the school cuts off both of them.
        assert_eq!(
            of_kind(&items, AttentionKind::SinglePointOfFailure),
            [
                AttentionSubject::Relationship(RelationshipId(1)),
                AttentionSubject::Stakeholder(StakeholderId(2)),
            ]
        );
        assert_eq!(
            reason(
                &items,
                AttentionKind::SinglePointOfFailure,
                AttentionSubject::Relationship(RelationshipId(1))
            ),
            "the only route to the police service for Riverside School and Ana: if it ends, \
             they are cut off"
        );
    }

    #[test]
    fn a_map_without_police_has_no_police_findings() {
        let m = map(
            &[
                (1, Organisation, "Policy Institute"),
                (2, Partner, "Ana"),
                (3, Partner, "Ben"),
                (4, Partner, "Cleo"),
            ],
            vec![
                relationship(1, 1, 2, Partnership, &[("2026-01-01", 3)]),
                relationship(2, 2, 3, Partnership, &[("2026-01-01", 3)]),
                relationship(3, 4, 4, Partnership, &[("2026-01-01", 3)]),
            ],
        );
        // "Policy" is not "police".
        assert_eq!(police_service(&m), PoliceService::default());
        let metrics = network_metrics(&m, &MetricSettings::default());
        let items = findings(&m, &metrics, date("2026-06-01"));
        assert!(of_kind(&items, AttentionKind::SinglePointOfFailure).is_empty());
        assert!(of_kind(&items, AttentionKind::NoRouteToPolice).is_empty());
        // Ana lies on the only path between the institute and Ben: 100% betweenness.
        assert_eq!(of_kind(&items, AttentionKind::Broker), stakeholders(&[2]));
        // Cleo's only relationship is with herself.
        assert_eq!(of_kind(&items, AttentionKind::Isolated), stakeholders(&[4]));
    }

    #[test]
    fn findings_join_the_attention_list_ranked_together() {
        let m = crate::builtin::police_community();
        let metrics = network_metrics(&m, &MetricSettings::default());
        let today = date("2026-11-29");
        let settings = crate::analysis::TrendSettings::default();
        let plain = crate::analysis::needs_attention(&m, today, &settings);
        let all = crate::analysis::needs_attention_with_findings(&m, &metrics, today, &settings);
        // Everything the plain list had is still there, once.
        for item in &plain {
            assert_eq!(all.iter().filter(|i| *i == item).count(), 1, "{item:?}");
        }
        assert_eq!(
            all.len(),
            plain.len() + findings(&m, &metrics, today).len() - 2
        );
        assert!(all.windows(2).all(|w| w[0].urgency >= w[1].urgency));
        // Relationship items and findings interleave: the list is one ranking.
        let first_finding = all
            .iter()
            .position(|i| i.kind == AttentionKind::Broker)
            .expect("a broker");
        assert!(first_finding < all.len() - 1);
        assert!(all[first_finding + 1..].iter().any(|i| i.kind == AttentionKind::Cooling || i.kind == AttentionKind::NeverObserved));
    }
}
