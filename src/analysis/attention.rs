//! "Needs attention": the relationships that are cooling, stale or never observed, and the
//! issues no strong enough relationship addresses, most urgent first; with the network's
//! findings ([`super::findings`]) joined in, one list ranked by urgency.

use super::diff::relationship_name;
use super::metrics::NetworkMetrics;
use super::trend::{Freshness, Trend, TrendReport, TrendSettings, relationship_trend};
use crate::model::{
    Date, Map, Relationship, RelationshipId, RelationshipKind, Score, StakeholderId,
    StakeholderKind, Strength, Tone, UNOBSERVED_STRENGTH,
};

/// The strength (coordinating) a relationship needs, as of today, to count as addressing an
/// issue: below it the two only know of each other or exchange information.
pub const ADDRESSING_STRENGTH: Strength = Strength::COORDINATING;

/// What an attention item is about: what the window selects and centres when it is clicked.
///
/// Ordered relationships first, then issues, then other stakeholders, each by id: the
/// tie-break among equal urgency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttentionSubject {
    /// A relationship: cooling, stale or never observed, or one whose loss would cut
    /// partners off from the police service.
    Relationship(RelationshipId),
    /// An issue that no relationship of strength [`ADDRESSING_STRENGTH`] or more addresses.
    Issue(StakeholderId),
    /// Any other stakeholder a finding is about: a broker, a single point of failure, a
    /// partner whose relationships hang on one officer, an engagement gap, an isolate.
    Stakeholder(StakeholderId),
}

/// What kind of thing needs attention: the short title a list shows above the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttentionKind {
    /// A relationship whose strength fell, or with no contact for too long.
    Cooling,
    /// A relationship with no observation on or before today.
    NeverObserved,
    /// An issue no one works on, or only through weak ties.
    UnaddressedIssue,
    /// A stakeholder on many of the shortest paths between others.
    Broker,
    /// A stakeholder or relationship whose loss would cut partners off from the police
    /// service.
    SinglePointOfFailure,
    /// A stakeholder whose relationships are all held by one officer.
    SingleOwner,
    /// A stakeholder engaged less than wanted.
    EngagementGap,
    /// A stakeholder with no working relationship.
    Isolated,
    /// A group of stakeholders with no path at all to the police service.
    NoRouteToPolice,
}

impl AttentionKind {
    /// Every kind, in the order a legend lists them.
    pub const ALL: [Self; 9] = [
        Self::Cooling,
        Self::NeverObserved,
        Self::UnaddressedIssue,
        Self::Broker,
        Self::SinglePointOfFailure,
        Self::SingleOwner,
        Self::EngagementGap,
        Self::Isolated,
        Self::NoRouteToPolice,
    ];

    /// The short title shown above the reason ("Single point of failure").
    pub fn title(self) -> &'static str {
        match self {
            Self::Cooling => "Cooling",
            Self::NeverObserved => "Never observed",
            Self::UnaddressedIssue => "Unaddressed issue",
            Self::Broker => "Broker",
            Self::SinglePointOfFailure => "Single point of failure",
            Self::SingleOwner => "Hangs on one officer",
            Self::EngagementGap => "Engagement gap",
            Self::Isolated => "Isolated",
            Self::NoRouteToPolice => "No route to the police service",
        }
    }

    /// Its name in `stakemap stats --json` (`"single_point_of_failure"`). Stable.
    pub fn key(self) -> &'static str {
        match self {
            Self::Cooling => "cooling",
            Self::NeverObserved => "never_observed",
            Self::UnaddressedIssue => "unaddressed_issue",
            Self::Broker => "broker",
            Self::SinglePointOfFailure => "single_point_of_failure",
            Self::SingleOwner => "single_owner",
            Self::EngagementGap => "engagement_gap",
            Self::Isolated => "isolated",
            Self::NoRouteToPolice => "no_route_to_police",
        }
    }
}

/// One thing that needs attention, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct AttentionItem {
    /// What it is about.
    pub subject: AttentionSubject,
    /// What kind of thing it is; its title is [`AttentionKind::title`].
    pub kind: AttentionKind,
    /// How urgent, higher first. A relative score for ordering, not a unit: roughly 1 to 20,
    /// with never-observed relationships at 0.5 so they come last.
    pub urgency: f32,
    /// Why, in a line: "strength fell from 4 to 2 since 2026-05-28; last contact 3 days ago".
    pub reason: String,
}

impl AttentionItem {
    /// The short title shown above the reason ("Broker").
    pub fn title(&self) -> &'static str {
        self.kind.title()
    }
}

impl AttentionSubject {
    /// The subject's name on a map: "Youth Services — Eastview CPC", or the stakeholder's
    /// name; its id ("#12") when it is not on the map.
    pub fn name(self, map: &Map) -> String {
        match self {
            Self::Relationship(id) => relationship_name(map, id),
            Self::Issue(id) | Self::Stakeholder(id) => map
                .stakeholder(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone()),
        }
    }

    /// The stakeholder it is about, if it is about a stakeholder (an issue or another).
    pub fn stakeholder(self) -> Option<StakeholderId> {
        match self {
            Self::Relationship(_) => None,
            Self::Issue(id) | Self::Stakeholder(id) => Some(id),
        }
    }

    /// The relationship it is about, if it is about a relationship.
    pub fn relationship(self) -> Option<RelationshipId> {
        match self {
            Self::Relationship(id) => Some(id),
            Self::Issue(_) | Self::Stakeholder(_) => None,
        }
    }
}

/// Whether a relationship addresses an issue: it touches the issue and is of kind
/// [`RelationshipKind::WorksOn`], in either direction.
///
/// Only "works on" counts: the domain defines it as "a stakeholder addresses an issue",
/// while "affected by" is the opposite, "conflict" is not addressing, and a partnership or
/// membership drawn to an issue says too little to count as work on it.
pub fn addresses(r: &Relationship, issue: StakeholderId) -> bool {
    r.kind == RelationshipKind::WorksOn && (r.from() == issue || r.to() == issue)
}

/// Everything on a map that needs attention on `today`, most urgent first; equal urgency in
/// subject order (relationships by id, then issues by id).
///
/// - Cooling relationships (strength fell, or stale): urgency grows with how far strength
///   fell and from how high, and with how strong a stale relationship is and how long it
///   has gone without contact (up to four times the stale limit); a strained latest tone
///   adds 1. A strong partnership gone quiet for months ranks above a weak one that slipped
///   one level.
/// - Relationships never observed: urgency 0.5, so they come after everything else.
/// - Issues ([`StakeholderKind::Issue`]) that no relationship of strength
///   [`ADDRESSING_STRENGTH`] or more, as of today, [`addresses`]: urgency grows with the
///   issue's priority (1 highest; unprioritised counts as 3) and with the gap to
///   [`ADDRESSING_STRENGTH`].
///
/// Observations after `today` are ignored throughout, as in [`relationship_trend`].
pub fn needs_attention(map: &Map, today: Date, settings: &TrendSettings) -> Vec<AttentionItem> {
    let mut items = relationship_items(map, today, settings);
    items.extend(unaddressed_issues(map, today));
    ranked(items)
}

/// Everything that needs attention on `today` and every finding of the network, in one
/// list, most urgent first: [`needs_attention`]'s items (cooling, stale and never-observed
/// relationships, unaddressed issues) and [`super::findings::findings`]' (brokers, single
/// points of failure, partnerships that hang on one officer, engagement gaps, isolates),
/// ranked together by urgency, equal urgency in subject order.
///
/// `metrics` must be of this `map` (the window computes them on a worker, keyed on the
/// map's revision, and shows [`needs_attention`] until they are ready).
pub fn needs_attention_with_findings(
    map: &Map,
    metrics: &NetworkMetrics,
    today: Date,
    settings: &TrendSettings,
) -> Vec<AttentionItem> {
    let mut items = relationship_items(map, today, settings);
    // The findings include the unaddressed issues.
    items.extend(super::findings::findings(map, metrics, today));
    ranked(items)
}

/// Items sorted most urgent first; equal urgency in subject order, then by kind.
pub(crate) fn ranked(mut items: Vec<AttentionItem>) -> Vec<AttentionItem> {
    items.sort_by(|a, b| {
        b.urgency
            .total_cmp(&a.urgency)
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    items
}

/// The cooling, stale and never-observed relationships, unsorted.
fn relationship_items(map: &Map, today: Date, settings: &TrendSettings) -> Vec<AttentionItem> {
    map.relationships()
        .filter_map(|r| {
            let report = relationship_trend(r, today, settings);
            let kind = if report.is_never_observed() {
                AttentionKind::NeverObserved
            } else {
                AttentionKind::Cooling
            };
            relationship_urgency(r, &report, today, settings).map(|urgency| AttentionItem {
                subject: AttentionSubject::Relationship(r.id()),
                kind,
                urgency,
                reason: report.reason,
            })
        })
        .collect()
}

/// The issues no relationship of strength [`ADDRESSING_STRENGTH`] or more addresses as of
/// `today`, unsorted.
pub(crate) fn unaddressed_issues(map: &Map, today: Date) -> Vec<AttentionItem> {
    map.stakeholders()
        .filter(|s| s.kind == StakeholderKind::Issue)
        .filter_map(|issue| unaddressed_issue(map, issue.id(), issue.priority, today))
        .collect()
}

/// The urgency of a relationship, or `None` when it needs no attention.
fn relationship_urgency(
    r: &Relationship,
    report: &TrendReport,
    today: Date,
    settings: &TrendSettings,
) -> Option<f32> {
    match (report.freshness, report.trend) {
        (Freshness::NeverObserved, _) => Some(0.5),
        (_, Trend::Rising | Trend::Steady) => None,
        (_, Trend::Cooling) => {
            let then = report.strength_then.unwrap_or(Strength::NONE);
            let now = f32::from(report.strength_now.unwrap_or(Strength::NONE).get());
            // Only a fall counts here: a stale relationship may have risen before it went quiet.
            let fall = f32::from((-report.change).max(0));
            let fall_score = fall * (1.0 + then.fraction());
            let stale_score = if report.is_stale() {
                let limit = settings.stale_after_days.max(1) as f32;
                let days = report.days_since_contact.unwrap_or(0) as f32;
                (1.0 + now) * (days / limit).min(4.0)
            } else {
                0.0
            };
            let strained = r
                .latest_as_of(today)
                .is_some_and(|o| o.tone == Tone::Strained);
            Some(fall_score + stale_score + if strained { 1.0 } else { 0.0 })
        }
    }
}

/// An attention item for an issue no strong enough relationship addresses, or `None`.
fn unaddressed_issue(
    map: &Map,
    issue: StakeholderId,
    priority: Option<Score>,
    today: Date,
) -> Option<AttentionItem> {
    let strength_now = |r: &Relationship| {
        r.latest_as_of(today)
            .map_or(UNOBSERVED_STRENGTH, |o| o.strength)
    };
    // Strongest first, lowest id among equals, so the reason names the same one every time.
    let strongest = map
        .relationships_of(issue)
        .into_iter()
        .filter(|r| addresses(r, issue))
        .max_by(|a, b| {
            strength_now(a)
                .cmp(&strength_now(b))
                .then_with(|| b.id().cmp(&a.id()))
        });
    let best = strongest.map_or(Strength::NONE, strength_now);
    if best >= ADDRESSING_STRENGTH {
        return None;
    }
    // Priority 1 is the most pressing: it weighs 5, priority 5 weighs 1.
    let priority = priority.unwrap_or(Score::MIDDLE).get();
    let weight = f32::from(Score::MAX.get() + Score::MIN.get() - priority);
    let gap = f32::from(ADDRESSING_STRENGTH.get() - best.get());
    let reason = match strongest {
        None => format!(
            "no relationship works on it; it needs one at strength {ADDRESSING_STRENGTH} \
             ({}) or more",
            ADDRESSING_STRENGTH.name()
        ),
        Some(r) => {
            let other = if r.from() == issue { r.to() } else { r.from() };
            let other = map
                .stakeholder(other)
                .map_or_else(|| other.to_string(), |s| s.name.clone());
            format!(
                "the strongest relationship working on it ({other}) is at {best} ({}); it \
                 needs {ADDRESSING_STRENGTH} ({}) or more",
                best.name(),
                ADDRESSING_STRENGTH.name()
            )
        }
    };
    Some(AttentionItem {
        subject: AttentionSubject::Issue(issue),
        kind: AttentionKind::UnaddressedIssue,
        urgency: weight * (1.0 + gap) / 2.0,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::{date, map, relationship};
    use crate::model::StakeholderKind::{Issue, Organisation, Partner};

    fn subjects(items: &[AttentionItem]) -> Vec<AttentionSubject> {
        items.iter().map(|i| i.subject).collect()
    }

    #[test]
    fn strong_gone_stale_ranks_above_weak_cooling_slightly() {
        let today = date("2026-06-01");
        let m = map(
            &[
                (1, Partner, "Ana"),
                (2, Organisation, "Eastview CPC"),
                (3, Partner, "Ben"),
            ],
            vec![
                // Weak, slipped one level, recent contact.
                relationship(
                    10,
                    1,
                    3,
                    RelationshipKind::Informal,
                    &[("2026-01-01", 2), ("2026-05-25", 1)],
                ),
                // Strong, no contact for 150 days.
                relationship(
                    11,
                    1,
                    2,
                    RelationshipKind::Partnership,
                    &[("2026-01-02", 5)],
                ),
                // Fine: steady and recent.
                relationship(12, 2, 3, RelationshipKind::Membership, &[("2026-05-30", 3)]),
            ],
        );
        let items = needs_attention(&m, today, &TrendSettings::default());
        assert_eq!(
            subjects(&items),
            [
                AttentionSubject::Relationship(RelationshipId(11)),
                AttentionSubject::Relationship(RelationshipId(10)),
            ]
        );
        assert!(items[0].urgency > items[1].urgency);
        assert_eq!(
            items[0].reason,
            "strength steady at 5 (collaborating) since 2026-01-02; no contact for 150 days"
        );
        assert_eq!(
            AttentionSubject::Relationship(RelationshipId(11)).name(&m),
            "Ana — Eastview CPC"
        );
    }

    #[test]
    fn falling_far_from_high_ranks_above_falling_a_little() {
        let today = date("2026-06-01");
        let m = map(
            &[(1, Partner, "A"), (2, Partner, "B")],
            vec![
                relationship(
                    1,
                    1,
                    2,
                    RelationshipKind::Informal,
                    &[("2026-02-01", 3), ("2026-05-20", 2)],
                ),
                relationship(
                    2,
                    1,
                    2,
                    RelationshipKind::Partnership,
                    &[("2026-02-01", 5), ("2026-05-20", 1)],
                ),
            ],
        );
        let items = needs_attention(&m, today, &TrendSettings::default());
        assert_eq!(
            subjects(&items),
            [
                AttentionSubject::Relationship(RelationshipId(2)),
                AttentionSubject::Relationship(RelationshipId(1)),
            ]
        );
    }

    #[test]
    fn the_same_fall_or_silence_matters_more_for_a_stronger_relationship() {
        let today = date("2026-06-01");
        let m = map(
            &[(1, Partner, "A"), (2, Partner, "B")],
            vec![
                // One level down each, recent: from 2 (id 1) and from 5 (id 2).
                relationship(
                    1,
                    1,
                    2,
                    RelationshipKind::Informal,
                    &[("2026-02-01", 2), ("2026-05-20", 1)],
                ),
                relationship(
                    2,
                    1,
                    2,
                    RelationshipKind::Partnership,
                    &[("2026-02-01", 5), ("2026-05-20", 4)],
                ),
                // Silent for the same 120 days: at 1 (id 3) and at 4 (id 4).
                relationship(3, 1, 2, RelationshipKind::Informal, &[("2026-02-01", 1)]),
                relationship(4, 1, 2, RelationshipKind::Partnership, &[("2026-02-01", 4)]),
            ],
        );
        let items = needs_attention(&m, today, &TrendSettings::default());
        let rank = |id| {
            subjects(&items)
                .iter()
                .position(|&s| s == AttentionSubject::Relationship(RelationshipId(id)))
                .expect("listed")
        };
        assert!(rank(2) < rank(1), "5 -> 4 above 2 -> 1");
        assert!(rank(4) < rank(3), "silent at 4 above silent at 1");
    }

    #[test]
    fn issues_need_a_works_on_relationship_of_strength_three() {
        let today = date("2026-06-01");
        let m = map(
            &[
                (1, Organisation, "Youth Services"),
                (2, Issue, "Youth engagement"),
                (3, Issue, "Trust and confidence"),
                (4, Issue, "Neighbourhood insecurity"),
                (5, Organisation, "School board"),
            ],
            vec![
                // Addresses issue 2 strongly, in the "issue <- works on" direction too.
                relationship(1, 1, 2, RelationshipKind::WorksOn, &[("2026-05-01", 4)]),
                // Issue 3: strong, but "affected by" does not address it.
                relationship(2, 5, 3, RelationshipKind::AffectedBy, &[("2026-05-01", 5)]),
                // Issue 4: works on it, but only at 2 now; 4 in the future does not count.
                relationship(
                    3,
                    5,
                    4,
                    RelationshipKind::WorksOn,
                    &[("2026-05-01", 2), ("2026-09-01", 4)],
                ),
            ],
        );
        let items = needs_attention(&m, today, &TrendSettings::default());
        let issues: Vec<_> = items
            .iter()
            .filter(|i| matches!(i.subject, AttentionSubject::Issue(_)))
            .collect();
        assert_eq!(issues.len(), 2);
        // Issue 3 has nothing working on it, a wider gap than issue 4.
        assert_eq!(issues[0].subject, AttentionSubject::Issue(StakeholderId(3)));
        assert_eq!(
            issues[0].reason,
            "no relationship works on it; it needs one at strength 3 (coordinating) or more"
        );
        assert_eq!(issues[1].subject, AttentionSubject::Issue(StakeholderId(4)));
        assert!(
            issues[1]
                .reason
                .contains("(School board) is at 2 (networking)")
        );
    }

    #[test]
    fn priority_raises_an_issue_and_ties_fall_back_to_id_order() {
        let today = date("2026-06-01");
        let mut m = map(
            // Added out of id order, so insertion order cannot pass for id order.
            &[
                (6, Issue, "Also low"),
                (7, Issue, "High"),
                (5, Issue, "Low"),
            ],
            vec![],
        );
        for (id, priority) in [(5, 4), (6, 4), (7, 1)] {
            m.stakeholder_mut(StakeholderId(id))
                .expect("on the map")
                .priority = Some(Score::new(priority).expect("a score"));
        }
        let items = needs_attention(&m, today, &TrendSettings::default());
        assert_eq!(
            subjects(&items),
            [
                AttentionSubject::Issue(StakeholderId(7)),
                AttentionSubject::Issue(StakeholderId(5)),
                AttentionSubject::Issue(StakeholderId(6)),
            ]
        );
    }

    #[test]
    fn never_observed_comes_last_and_healthy_is_left_out() {
        let today = date("2026-06-01");
        let m = map(
            &[(1, Partner, "A"), (2, Partner, "B")],
            vec![
                relationship(1, 1, 2, RelationshipKind::Informal, &[]),
                relationship(2, 1, 2, RelationshipKind::Informal, &[("2026-05-01", 1)]),
                relationship(
                    3,
                    1,
                    2,
                    RelationshipKind::Informal,
                    &[("2026-01-01", 2), ("2026-05-01", 1)],
                ),
            ],
        );
        let items = needs_attention(&m, today, &TrendSettings::default());
        assert_eq!(
            subjects(&items),
            [
                AttentionSubject::Relationship(RelationshipId(3)),
                AttentionSubject::Relationship(RelationshipId(1)),
            ]
        );
        assert_eq!(items[1].reason, "never observed");
    }
}
