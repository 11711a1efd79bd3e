//! A stakeholder's fields as the XML exchange formats carry them: GraphML declares each as
//! a typed `<key>` and GEXF as a typed `<attribute>`, in this order, and both write a
//! stakeholder's values from [`stakeholder_values`]. One table, so the two cannot drift.

use crate::io::fields::join_tags;
use crate::model::{Score, Stakeholder};

/// The type of a field's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FieldType {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// `true` or absent.
    Boolean,
}

/// Every stakeholder field an exchange file carries beyond its id, name and position.
pub(super) const STAKEHOLDER_FIELDS: [(&str, FieldType); 17] = [
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
    ("sector", FieldType::Text),
    ("area", FieldType::Text),
    ("tags", FieldType::Text),
    ("influence", FieldType::Integer),
    ("interest", FieldType::Integer),
    ("engagement", FieldType::Text),
    ("desired_engagement", FieldType::Text),
    ("sara_stage", FieldType::Text),
    ("priority", FieldType::Integer),
    ("confidential", FieldType::Boolean),
    ("pinned", FieldType::Boolean),
    ("contact_person", FieldType::Text),
    ("contact_role", FieldType::Text),
    ("contact_email", FieldType::Text),
    ("contact_phone", FieldType::Text),
];

/// A stakeholder's value for each of [`STAKEHOLDER_FIELDS`], in order; empty where it has
/// none (writers leave those out).
pub(super) fn stakeholder_values(s: &Stakeholder) -> [(&'static str, String); 17] {
    let score = |v: Option<Score>| v.map(|v| v.to_string()).unwrap_or_default();
    let named = |v: Option<String>| v.unwrap_or_default();
    let flag = |b: bool| if b { "true".to_owned() } else { String::new() };
    let contact = |f: fn(&crate::model::Contact) -> &String| {
        s.contact.as_ref().map(|c| f(c).clone()).unwrap_or_default()
    };
    [
        ("kind", s.kind.to_string()),
        ("description", s.description.clone()),
        ("sector", s.sector.clone()),
        ("area", s.area.clone()),
        ("tags", join_tags(&s.tags)),
        ("influence", score(s.influence)),
        ("interest", score(s.interest)),
        ("engagement", named(s.engagement.map(|e| e.to_string()))),
        (
            "desired_engagement",
            named(s.desired_engagement.map(|e| e.to_string())),
        ),
        ("sara_stage", named(s.sara_stage.map(|e| e.to_string()))),
        ("priority", score(s.priority)),
        ("confidential", flag(s.confidential)),
        ("pinned", flag(s.pinned)),
        ("contact_person", contact(|c| &c.person)),
        ("contact_role", contact(|c| &c.role)),
        ("contact_email", contact(|c| &c.email)),
        ("contact_phone", contact(|c| &c.phone)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_declared_has_its_value_in_the_same_place() {
        let s = Stakeholder::new(
            crate::model::StakeholderId(1),
            crate::model::StakeholderKind::Partner,
            "A",
        );
        let names: Vec<&str> = stakeholder_values(&s).iter().map(|(n, _)| *n).collect();
        let declared: Vec<&str> = STAKEHOLDER_FIELDS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, declared);
    }
}
