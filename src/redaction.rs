//! Redaction profiles: the one pure pass every output goes through (exports, change
//! reports, and later the canvas in a workshop), so privacy is decided in one place.
//!
//! | profile | leaves out |
//! |---|---|
//! | `internal` | nothing |
//! | `partner` | contact details; internal notes (relationship notes, observation notes); who recorded each observation; the descriptions of confidential stakeholders |
//! | `public` | as partner, and owners; descriptions of people (Partner-kind stakeholders); confidential stakeholders, omitted with their relationships or shown as placeholders ([`ConfidentialAs`]) |
//! | `workshop` | as public (presentation mode forces it) |
//!
//! Under `partner` a confidential stakeholder stays on the map (a partner export goes to
//! the people the CDS works with, not to a projector or the public) with its name, kind
//! and relationships, but without contact details (as everyone) and without its
//! description, the free text most likely to hold why it is confidential. Its
//! `confidential` flag is kept so the reader knows.
//!
//! A placeholder keeps the stakeholder's kind, id, position, pin and its relationships,
//! and nothing else: its name becomes "Partner 12" (the kind and the id), stable for the
//! same map and never derived from the name; description, sector, area, tags, scores,
//! engagement, SARA stage, priority and contact details are emptied.

use crate::model::{Map, StakeholderId};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

/// Who an output is for, and so what it may show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RedactionProfile {
    /// Everything: for the CDS's own files.
    #[default]
    Internal,
    /// For partner organisations: no contact details, no internal notes, no recorded-by.
    Partner,
    /// For anyone: as partner, and no owners, no descriptions of people, no confidential
    /// stakeholders.
    Public,
    /// For a projector in a workshop: as public.
    Workshop,
}

impl RedactionProfile {
    /// Every profile, from the most to the least shown.
    pub const ALL: [Self; 4] = [Self::Internal, Self::Partner, Self::Public, Self::Workshop];

    /// The profile's name as the command line and settings spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Partner => "partner",
            Self::Public => "public",
            Self::Workshop => "workshop",
        }
    }

    /// Whether the profile strips contact details, internal notes and recorded-by.
    fn strips_internal(self) -> bool {
        self != Self::Internal
    }

    /// The one of the two that shows less: of partner and public, public.
    pub fn stricter(self, other: Self) -> Self {
        let rank = |p: Self| Self::ALL.iter().position(|&q| q == p).unwrap_or(0);
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }

    /// Whether the profile is public-grade (public or workshop).
    fn is_public(self) -> bool {
        matches!(self, Self::Public | Self::Workshop)
    }
}

impl fmt::Display for RedactionProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a redaction profile.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a redaction profile; choose internal, partner, public or workshop")]
pub struct UnknownProfile(pub String);

impl FromStr for RedactionProfile {
    type Err = UnknownProfile;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownProfile(text.to_owned()))
    }
}

/// How the public and workshop profiles show a confidential stakeholder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ConfidentialAs {
    /// Left out, with its relationships, and out of baselines.
    #[default]
    Omitted,
    /// Shown as a placeholder ("Partner 12") that keeps kind, id, position and
    /// relationships.
    Placeholder,
}

/// What the redaction pass is asked to do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RedactionOptions {
    /// The profile.
    pub profile: RedactionProfile,
    /// For public and workshop: how confidential stakeholders are shown.
    pub confidential_as: ConfidentialAs,
}

impl RedactionOptions {
    /// A profile with confidential stakeholders omitted.
    pub fn new(profile: RedactionProfile) -> Self {
        Self {
            profile,
            confidential_as: ConfidentialAs::Omitted,
        }
    }
}

/// What a profile left out of a map, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RedactionReport {
    /// The options the pass ran with.
    pub options: RedactionOptions,
    /// Stakeholders whose contact details were removed.
    pub contacts: usize,
    /// Relationship notes removed.
    pub relationship_notes: usize,
    /// Observation notes removed.
    pub observation_notes: usize,
    /// Observations whose recorded-by was removed.
    pub recorded_by: usize,
    /// Relationship owners removed.
    pub owners: usize,
    /// Stakeholder descriptions removed.
    pub descriptions: usize,
    /// Confidential stakeholders left out.
    pub confidential_omitted: usize,
    /// Confidential stakeholders shown as placeholders.
    pub confidential_replaced: usize,
    /// Relationships left out with the confidential stakeholders they join.
    pub relationships_dropped: usize,
}

impl RedactionReport {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.parts().is_empty()
    }

    fn parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        let mut add = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        add(self.confidential_omitted, "confidential stakeholder(s)");
        add(
            self.relationships_dropped,
            "relationship(s) of confidential stakeholders",
        );
        add(
            self.confidential_replaced,
            "confidential stakeholder(s) replaced by placeholders",
        );
        add(self.contacts, "contact detail(s)");
        add(self.descriptions, "description(s)");
        add(self.owners, "owner(s)");
        add(self.relationship_notes, "relationship note(s)");
        add(self.observation_notes, "observation note(s)");
        add(self.recorded_by, "recorded-by name(s)");
        parts
    }

    /// The report in one line of words: "partner profile left out 12 contact
    /// detail(s), 30 observation note(s)" or "internal profile: nothing left out".
    pub fn sentence(&self) -> String {
        let parts = self.parts();
        let profile = self.options.profile;
        if parts.is_empty() {
            format!("{profile} profile: nothing left out")
        } else {
            format!("{profile} profile left out {}", parts.join(", "))
        }
    }
}

impl fmt::Display for RedactionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence())
    }
}

/// A map after the redaction pass, with what was left out. Only [`redact`] makes one, so a
/// writer that takes a `&Redacted` cannot be handed a map that skipped the pass.
#[derive(Clone, Debug)]
pub struct Redacted<'a> {
    map: Cow<'a, Map>,
    left_out: RedactionReport,
}

impl Redacted<'_> {
    /// The map to show or write.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// What the profile left out.
    pub fn left_out(&self) -> &RedactionReport {
        &self.left_out
    }

    /// The map, owned.
    pub fn into_map(self) -> Map {
        self.map.into_owned()
    }
}

/// The placeholder name of a confidential stakeholder: its kind and id ("Partner 12").
pub fn placeholder_name(kind: crate::model::StakeholderKind, id: StakeholderId) -> String {
    format!("{kind} {}", id.0)
}

fn take(text: &mut String) -> usize {
    let had = !text.is_empty();
    text.clear();
    usize::from(had)
}

/// Runs the redaction pass: the map as `options.profile` may show it, and what it left
/// out. `internal` borrows the map unchanged; every other profile works on a copy.
pub fn redact(map: &Map, options: RedactionOptions) -> Redacted<'_> {
    let mut left_out = RedactionReport {
        options,
        ..RedactionReport::default()
    };
    let profile = options.profile;
    if !profile.strips_internal() {
        return Redacted {
            map: Cow::Borrowed(map),
            left_out,
        };
    }
    let mut shown = map.clone();
    let public = profile.is_public();
    let confidential: Vec<StakeholderId> = map
        .stakeholders_by_id()
        .into_iter()
        .filter(|s| s.confidential)
        .map(|s| s.id())
        .collect();

    if public && options.confidential_as == ConfidentialAs::Omitted {
        let gone: HashSet<StakeholderId> = confidential.iter().copied().collect();
        let mut dropped = HashSet::new();
        for &id in &confidential {
            if let Some((_, relationships)) = shown.remove_stakeholder(id) {
                left_out.confidential_omitted += 1;
                dropped.extend(relationships.into_iter().map(|r| r.id()));
            }
        }
        left_out.relationships_dropped = dropped.len();
        for baseline in shown.baselines_unchecked().iter_mut() {
            baseline.stakeholders.retain(|id| !gone.contains(id));
            baseline.relationships.retain(|r| !dropped.contains(&r.id));
        }
    }

    for s in shown.stakeholders_mut() {
        if s.contact.take().is_some_and(|c| {
            !(c.person.is_empty() && c.role.is_empty() && c.email.is_empty() && c.phone.is_empty())
        }) {
            left_out.contacts += 1;
        }
        if s.confidential && public {
            // Only placeholders are left here (omitted ones were removed above).
            left_out.confidential_replaced += 1;
            left_out.descriptions += take(&mut s.description);
            s.name = placeholder_name(s.kind, s.id());
            s.sector.clear();
            s.area.clear();
            s.tags.clear();
            s.influence = None;
            s.interest = None;
            s.engagement = None;
            s.desired_engagement = None;
            s.sara_stage = None;
            s.priority = None;
        } else if s.confidential || (public && s.kind == crate::model::StakeholderKind::Partner) {
            left_out.descriptions += take(&mut s.description);
        }
    }
    let ids: Vec<_> = map.relationships_by_id().iter().map(|r| r.id()).collect();
    for id in ids {
        let Some(r) = shown.relationship_mut(id) else {
            continue;
        };
        left_out.relationship_notes += take(&mut r.notes);
        if public {
            left_out.owners += take(&mut r.owner);
        }
        for o in &mut r.observations {
            left_out.observation_notes += take(&mut o.note);
            left_out.recorded_by += take(&mut o.recorded_by);
        }
    }
    Redacted {
        map: Cow::Owned(shown),
        left_out,
    }
}

/// Test maps with personal data planted in every field a profile must strip, shared by
/// the unit tests here and the export tests.
#[cfg(test)]
pub(crate) mod planted {
    use crate::model::{
        Baseline, BaselineRelationship, Contact, Map, Observation, Position, Relationship,
        RelationshipId, RelationshipKind, Stakeholder, StakeholderId, StakeholderKind, Strength,
        Tone,
    };

    /// Strings that must not survive `partner` (contact, notes, recorded-by, the
    /// confidential stakeholder's description).
    pub const PARTNER_SECRETS: [&str; 8] = [
        "zelda.quarrington@example.org",
        "+1 613 555 0199",
        "Cousin of Zelda Q.",
        "Mentioned the custody hearing",
        "Said the landlord threatens tenants",
        "PC Okonkwo-Vance",
        "Lives above the laundromat",
        "Private line",
    ];

    /// Strings that must not survive `public` and `workshop` as well.
    pub const PUBLIC_SECRETS: [&str; 4] = [
        "Zelda Quarrington",
        "Sgt. Ambrose Tull",
        "Retired teacher who hosts tenant meetings",
        "Quarrington Tenants",
    ];

    /// A map with a confidential partner holding every kind of personal data, an ordinary
    /// partner with a description, an organisation, and a baseline.
    pub fn map() -> Map {
        let mut map = Map::new("Planted");
        let mut zelda = Stakeholder::new(
            StakeholderId(7),
            StakeholderKind::Partner,
            "Zelda Quarrington",
        );
        zelda.confidential = true;
        zelda.description = "Lives above the laundromat".to_owned();
        zelda.sector = "Quarrington Tenants".to_owned();
        zelda.tags = vec!["Quarrington Tenants".to_owned()];
        zelda.contact = Some(Contact {
            person: "Cousin of Zelda Q.".to_owned(),
            role: "Private line".to_owned(),
            email: "zelda.quarrington@example.org".to_owned(),
            phone: "+1 613 555 0199".to_owned(),
        });
        zelda.position = Some(Position(120.0, -40.0));
        map.add_stakeholder(zelda).expect("fresh");
        let mut ana = Stakeholder::new(StakeholderId(2), StakeholderKind::Partner, "Ana Ruiz");
        ana.description = "Retired teacher who hosts tenant meetings".to_owned();
        map.add_stakeholder(ana).expect("fresh");
        let mut cpc = Stakeholder::new(
            StakeholderId(3),
            StakeholderKind::Organisation,
            "Maple Crossing CPC",
        );
        cpc.description = "Storefront centre".to_owned();
        map.add_stakeholder(cpc).expect("fresh");
        let observation = |note: &str| {
            let day = "2025-03-04".parse().expect("date");
            Observation::new(day, Strength::COORDINATING, Tone::Positive)
                .with_note(note)
                .with_recorded_by("PC Okonkwo-Vance")
        };
        let mut r = Relationship::new(
            RelationshipId(1),
            StakeholderId(7),
            StakeholderId(3),
            RelationshipKind::Membership,
        );
        r.owner = "Sgt. Ambrose Tull".to_owned();
        r.notes = "Mentioned the custody hearing".to_owned();
        r.observations
            .push(observation("Said the landlord threatens tenants"));
        map.add_relationship(r).expect("ends exist");
        let mut r = Relationship::new(
            RelationshipId(2),
            StakeholderId(2),
            StakeholderId(3),
            RelationshipKind::Partnership,
        );
        r.observations.push(observation(""));
        map.add_relationship(r).expect("ends exist");
        map.baselines_unchecked().push(Baseline {
            name: "Spring".to_owned(),
            date: "2025-04-01".parse().expect("date"),
            stakeholders: vec![StakeholderId(2), StakeholderId(3), StakeholderId(7)],
            relationships: vec![
                BaselineRelationship {
                    id: RelationshipId(1),
                    strength: Strength::COORDINATING,
                    tone: Tone::Positive,
                },
                BaselineRelationship {
                    id: RelationshipId(2),
                    strength: Strength::COORDINATING,
                    tone: Tone::Positive,
                },
            ],
        });
        map
    }
}

#[cfg(test)]
mod tests {
    use super::planted::{PARTNER_SECRETS, PUBLIC_SECRETS};
    use super::*;
    use crate::io::to_ron;
    use crate::model::{RelationshipId, StakeholderKind};

    fn text_under(
        profile: RedactionProfile,
        confidential_as: ConfidentialAs,
    ) -> (String, RedactionReport) {
        let map = planted::map();
        let redacted = redact(
            &map,
            RedactionOptions {
                profile,
                confidential_as,
            },
        );
        (to_ron(redacted.map()), *redacted.left_out())
    }

    #[test]
    fn profiles_parse_and_print_and_refuse_others_listing_the_choices() {
        for profile in RedactionProfile::ALL {
            assert_eq!(profile.to_string().parse::<RedactionProfile>(), Ok(profile));
        }
        assert_eq!("Public".parse(), Ok(RedactionProfile::Public));
        let error = "secret"
            .parse::<RedactionProfile>()
            .expect_err("not a profile");
        assert_eq!(
            error.to_string(),
            "`secret` is not a redaction profile; choose internal, partner, public or workshop"
        );
    }

    #[test]
    fn internal_keeps_everything() {
        let (text, left_out) = text_under(RedactionProfile::Internal, ConfidentialAs::Omitted);
        for secret in PARTNER_SECRETS.iter().chain(&PUBLIC_SECRETS) {
            assert!(text.contains(secret), "{secret} kept under internal");
        }
        assert!(left_out.is_empty());
        assert_eq!(left_out.sentence(), "internal profile: nothing left out");
    }

    #[test]
    fn partner_strips_contacts_notes_and_recorded_by_but_keeps_names() {
        let (text, left_out) = text_under(RedactionProfile::Partner, ConfidentialAs::Omitted);
        for secret in PARTNER_SECRETS {
            assert!(
                !text.contains(secret),
                "{secret} leaked under partner:\n{text}"
            );
        }
        assert!(
            text.contains("Zelda Quarrington"),
            "partner keeps confidential names"
        );
        assert!(text.contains("Sgt. Ambrose Tull"), "partner keeps owners");
        assert!(
            text.contains("Retired teacher"),
            "partner keeps descriptions of others"
        );
        assert_eq!(left_out.contacts, 1);
        assert_eq!(left_out.relationship_notes, 1);
        assert_eq!(left_out.observation_notes, 1);
        assert_eq!(left_out.recorded_by, 2);
        assert_eq!(
            left_out.descriptions, 1,
            "the confidential one's description"
        );
        assert_eq!(left_out.owners, 0);
        assert_eq!(
            left_out.sentence(),
            "partner profile left out 1 contact detail(s), 1 description(s), \
             1 relationship note(s), 1 observation note(s), 2 recorded-by name(s)"
        );
    }

    #[test]
    fn public_and_workshop_omit_confidential_stakeholders_and_people_s_descriptions() {
        for profile in [RedactionProfile::Public, RedactionProfile::Workshop] {
            let (text, left_out) = text_under(profile, ConfidentialAs::Omitted);
            for secret in PARTNER_SECRETS.iter().chain(&PUBLIC_SECRETS) {
                assert!(
                    !text.contains(secret),
                    "{secret} leaked under {profile}:\n{text}"
                );
            }
            assert!(
                text.contains("Storefront centre"),
                "organisations keep descriptions"
            );
            assert_eq!(left_out.confidential_omitted, 1);
            assert_eq!(left_out.relationships_dropped, 1);
            assert_eq!(left_out.descriptions, 1, "Ana's (Zelda went whole)");
            assert!(
                left_out
                    .sentence()
                    .starts_with(&format!("{profile} profile left out 1 confidential"))
            );
        }
        let map = planted::map();
        let shown = redact(&map, RedactionOptions::new(RedactionProfile::Public));
        let baseline = &shown.map().baselines()[0];
        assert_eq!(baseline.stakeholders.len(), 2, "out of baselines too");
        assert_eq!(baseline.relationships.len(), 1);
        assert!(shown.map().relationship(RelationshipId(1)).is_none());
    }

    #[test]
    fn a_placeholder_keeps_kind_id_position_and_relationships_but_nothing_personal() {
        let (text, left_out) = text_under(RedactionProfile::Public, ConfidentialAs::Placeholder);
        for secret in PARTNER_SECRETS.iter().chain(&PUBLIC_SECRETS) {
            assert!(
                !text.contains(secret),
                "{secret} leaked in a placeholder:\n{text}"
            );
        }
        assert_eq!(left_out.confidential_replaced, 1);
        assert_eq!(left_out.confidential_omitted, 0);
        let map = planted::map();
        let options = RedactionOptions {
            profile: RedactionProfile::Workshop,
            confidential_as: ConfidentialAs::Placeholder,
        };
        let once = redact(&map, options).into_map();
        let placeholder = once
            .stakeholder(StakeholderId(7))
            .expect("kept as a placeholder");
        assert_eq!(placeholder.name, "Partner 7");
        assert_eq!(placeholder.kind, StakeholderKind::Partner);
        assert_eq!(
            placeholder.position,
            map.stakeholder(StakeholderId(7)).and_then(|s| s.position)
        );
        assert!(placeholder.tags.is_empty() && placeholder.sector.is_empty());
        assert!(
            once.relationship(RelationshipId(1)).is_some(),
            "relationships kept"
        );
        // Stable: the same map gives the same placeholder, whatever the name was.
        let mut renamed = map.clone();
        if let Some(s) = renamed.stakeholder_mut(StakeholderId(7)) {
            s.name = "Someone else".to_owned();
        }
        assert_eq!(to_ron(&redact(&renamed, options).into_map()), to_ron(&once));
    }

    #[test]
    fn internal_borrows_and_the_others_do_not_change_the_original() {
        let map = planted::map();
        let before = to_ron(&map);
        for profile in RedactionProfile::ALL {
            let _ = redact(&map, RedactionOptions::new(profile));
        }
        assert_eq!(to_ron(&map), before);
        assert!(matches!(
            redact(&map, RedactionOptions::default()).map,
            Cow::Borrowed(_)
        ));
    }
}
