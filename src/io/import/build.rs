//! From records as files give them (a row, an element: named fields with text values) to
//! stakeholders and relationships, by the rules every importer shares: which field a name
//! stands for (`io::fields`), how values are read (`values`), what happens to unknown
//! fields (kept as note lines), and how relationships find their ends.

use super::values::{self, DayOrder, StrengthRule, ValueError};
use crate::io::fields::{self, EdgeField, EdgeNaming, NodeField};
use crate::io::mapping::{Action, Location, MappingReport};
use crate::model::text::{has_visible, make_nfc};
use crate::model::{
    Contact, InteractionKind, Observation, Position, RelationshipKind, Score, Stakeholder,
    StakeholderId, StakeholderKind, Strength, Tone,
};
use std::collections::HashMap;

/// A stakeholder as a file gave it, before it is matched into a map.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedStakeholder {
    /// Its id in the file, if the file gives one.
    pub key: Option<String>,
    /// Its fields; the id is not yet assigned (0).
    pub stakeholder: Stakeholder,
    /// Whether the file gave its kind (otherwise it is Partner by rule, and a merge does
    /// not change the kind of the stakeholder it matches).
    pub kind_given: bool,
    /// Where it is in the file.
    pub at: Location,
}

/// A strength given without a date (a Kumu `Strength`, a Gephi `Weight`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Undated {
    /// The strength.
    pub strength: Strength,
    /// The tone, if the file gave one.
    pub tone: Option<Tone>,
}

/// A relationship as a file gave it, its ends as indices into the graph's stakeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRelationship {
    /// Its id in the file, if any.
    pub key: Option<String>,
    /// Index of the stakeholder it starts from.
    pub from: usize,
    /// Index of the stakeholder it goes to.
    pub to: usize,
    /// Its kind.
    pub kind: RelationshipKind,
    /// Whether it reads with a direction.
    pub directed: bool,
    /// Whether the file said the direction (otherwise a format default applied).
    pub direction_given: bool,
    /// The owner.
    pub owner: String,
    /// Notes, with note lines for fields stakemap has no place for.
    pub notes: String,
    /// Dated observations.
    pub observations: Vec<Observation>,
    /// A strength without a date, dated when merged.
    pub undated: Option<Undated>,
    /// Where it is in the file.
    pub at: Location,
}

/// What one input gave: a graph in the file's own terms, and the report of reading it.
#[derive(Clone, Debug, Default)]
pub struct ImportedGraph {
    /// The map title the file gives, if any.
    pub title: Option<String>,
    /// The map description the file gives, if any.
    pub description: Option<String>,
    /// Stakeholders, in file order.
    pub stakeholders: Vec<ImportedStakeholder>,
    /// Relationships, in file order.
    pub relationships: Vec<ImportedRelationship>,
    /// What was mapped, converted, kept, dropped, and every bad row or element.
    pub report: MappingReport,
}

/// How a format names things and what it leaves unsaid.
#[derive(Clone, Copy, Debug)]
pub(super) struct Settings {
    /// What the format calls a field: "column", "key", "attribute", "field".
    pub term: &'static str,
    /// Gephi's or Kumu's meaning of `Type` on relationships.
    pub naming: EdgeNaming,
    /// Whether `,` is a decimal point.
    pub decimal_comma: bool,
    /// Whether the file's y axis points up (Gephi, Graphviz), so y is negated.
    pub y_up: bool,
    /// The direction of a relationship the file does not give one for.
    pub default_directed: bool,
    /// Why, in words, for the report.
    pub default_direction_rule: &'static str,
    /// Slash dates' order, when the file's dates settle it.
    pub day_order: DayOrder,
    /// Whether relationship ends may name a stakeholder by its label (Kumu) as well as by
    /// its id.
    pub ends_by_label: bool,
}

/// A stakeholder record: fields as the file names them, and what the importer read from
/// the format's own structures.
#[derive(Debug)]
pub(super) struct NodeRecord {
    pub at: Location,
    pub key: Option<String>,
    pub fields: Vec<(String, String)>,
    /// A label from the format's drawing (yEd's `y:NodeLabel`), preferred to fields.
    pub label: Option<String>,
    /// A position on the canvas (y down) from the format's drawing, preferred to fields.
    pub position: Option<Position>,
    /// Lines for the description, for things stakemap has no field for.
    pub notes: Vec<String>,
}

impl NodeRecord {
    pub fn new(at: Location, key: Option<String>) -> Self {
        Self {
            at,
            key,
            fields: Vec::new(),
            label: None,
            position: None,
            notes: Vec::new(),
        }
    }
}

/// A relationship record.
#[derive(Debug)]
pub(super) struct EdgeRecord {
    pub at: Location,
    pub key: Option<String>,
    pub from: String,
    pub to: String,
    pub fields: Vec<(String, String)>,
    /// The direction the format's own structure gives (GraphML `directed`, GEXF `type`).
    pub directed: Option<bool>,
    /// A label from the format's drawing (yEd's `y:EdgeLabel`).
    pub label: Option<String>,
    /// Observations the format's own structure gives (GEXF's dynamic weight).
    pub observations: Option<Vec<Observation>>,
    /// A strength the format's own structure gives (GEXF's `weight` attribute).
    pub weight: Option<String>,
    /// Lines for the notes.
    pub notes: Vec<String>,
}

impl EdgeRecord {
    pub fn new(at: Location, key: Option<String>, from: String, to: String) -> Self {
        Self {
            at,
            key,
            from,
            to,
            fields: Vec::new(),
            directed: None,
            label: None,
            observations: None,
            weight: None,
            notes: Vec::new(),
        }
    }
}

/// Counts per field name, reported once at the end ("column `Secteur` -> sector (3)").
#[derive(Default)]
struct Tally {
    index: HashMap<String, usize>,
    entries: Vec<(Action, String, usize)>,
}

impl Tally {
    fn add(&mut self, name: &str, action: Action, message: impl FnOnce() -> String) {
        if let Some(&i) = self.index.get(name) {
            self.entries[i].2 += 1;
            return;
        }
        self.index.insert(name.to_owned(), self.entries.len());
        self.entries.push((action, message(), 1));
    }

    fn into_report(self, report: &mut MappingReport) {
        for (action, message, count) in self.entries {
            report.note_n(action, message, count);
        }
    }
}

/// Builds an [`ImportedGraph`] record by record.
pub(super) struct Builder {
    graph: ImportedGraph,
    settings: Settings,
    by_key: HashMap<String, usize>,
    by_label: HashMap<String, Vec<usize>>,
    node_fields: Tally,
    edge_fields: Tally,
}

fn contact(s: &mut Stakeholder) -> &mut Contact {
    s.contact.get_or_insert_with(Contact::default)
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

impl Builder {
    pub fn new(settings: Settings, report: MappingReport) -> Self {
        Self {
            graph: ImportedGraph {
                report,
                ..ImportedGraph::default()
            },
            settings,
            by_key: HashMap::new(),
            by_label: HashMap::new(),
            node_fields: Tally::default(),
            edge_fields: Tally::default(),
        }
    }

    pub fn report(&mut self) -> &mut MappingReport {
        &mut self.graph.report
    }

    pub fn set_title(&mut self, title: Option<String>, description: Option<String>) {
        self.graph.title = title.filter(|t| has_visible(t));
        self.graph.description = description.filter(|t| !t.trim().is_empty());
    }

    pub fn set_day_order(&mut self, order: DayOrder) {
        self.settings.day_order = order;
    }

    /// Whether a stakeholder with this key was read.
    pub fn has_key(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    fn problem(&mut self, at: &Location, message: String) {
        self.graph.report.problem(at.clone(), message);
    }

    /// Adds a stakeholder; a second one with a key already read is reported and skipped.
    pub fn add_node(&mut self, record: NodeRecord) {
        self.add_node_noting(record, true);
    }

    fn add_node_noting(&mut self, record: NodeRecord, note_kind: bool) {
        if let Some(key) = &record.key
            && self.by_key.contains_key(key)
        {
            let at = record.at.clone();
            self.problem(
                &at,
                format!("a second stakeholder with id `{key}`: skipped"),
            );
            return;
        }
        let term = self.settings.term;
        let mut s = Stakeholder::new(StakeholderId(0), StakeholderKind::Partner, "");
        let mut kind_given = false;
        let mut position = (None, None);
        let mut empty = 0;
        for (name, value) in &record.fields {
            let Some(field) = fields::node_field(name) else {
                if !value.trim().is_empty() {
                    push_line(&mut s.description, &format!("{name}: {}", value.trim()));
                    self.node_fields.add(name, Action::Kept, || {
                        format!("{term} `{name}` (no stakemap field) -> a note line `{name}: ...` in the description")
                    });
                }
                continue;
            };
            if value.trim().is_empty() {
                empty += 1;
                continue;
            }
            let action = if field == NodeField::Derived {
                Action::Dropped
            } else {
                Action::Mapped
            };
            self.node_fields.add(name, action, || {
                format!("{term} `{name}` -> {}", field.target())
            });
            self.node_value(
                &mut s,
                field,
                value,
                &record.at,
                &mut kind_given,
                &mut position,
            );
        }
        self.graph.report.note_n(
            Action::Assumed,
            format!("empty {term}s of stakeholders: the field is left unset"),
            empty,
        );
        for line in &record.notes {
            push_line(&mut s.description, line);
        }
        match position {
            (Some(x), Some(y)) => s.position = Some(Position(x, y)),
            (None, None) => {}
            _ => self.problem(&record.at, "only one of x and y: left unplaced".to_owned()),
        }
        if record.position.is_some() {
            s.position = record.position;
        }
        if let Some(label) = record
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            s.name = label.to_owned();
        }
        // A name of only invisible characters (a zero-width space) shows nothing: the map
        // refuses it as it refuses an empty one.
        if !has_visible(&s.name) {
            match &record.key {
                Some(key) if has_visible(key) => {
                    s.name = key.trim().to_owned();
                    self.problem(
                        &record.at,
                        format!("no label: named after its id `{}`", s.name),
                    );
                }
                _ => {
                    s.name = format!("Unnamed {}", self.graph.stakeholders.len() + 1);
                    self.problem(
                        &record.at,
                        format!("no label and no id: named `{}`", s.name),
                    );
                }
            }
        }
        if !kind_given && note_kind {
            self.graph.report.note(
                Action::Assumed,
                "no kind given: imported as Partner (a person, the kind redaction treats most carefully)",
            );
        }
        let index = self.graph.stakeholders.len();
        if let Some(key) = &record.key {
            self.by_key.insert(key.clone(), index);
        }
        self.by_label
            .entry(fields::normalise(&s.name))
            .or_default()
            .push(index);
        self.graph.stakeholders.push(ImportedStakeholder {
            key: record.key,
            stakeholder: s,
            kind_given,
            at: record.at,
        });
    }

    fn node_value(
        &mut self,
        s: &mut Stakeholder,
        field: NodeField,
        value: &str,
        at: &Location,
        kind_given: &mut bool,
        position: &mut (Option<f32>, Option<f32>),
    ) {
        let trimmed = value.trim();
        let comma = self.settings.decimal_comma;
        match field {
            NodeField::Id | NodeField::Derived => {}
            NodeField::Label => s.name = trimmed.to_owned(),
            NodeField::Kind => {
                let mut found = None;
                let mut others = Vec::new();
                for part in fields::split_tags(trimmed) {
                    match (found.is_none(), fields::stakeholder_kind(&part)) {
                        (true, Some(kind)) => found = Some((kind, part)),
                        _ => others.push(part),
                    }
                }
                let recognised = found.is_some();
                match found {
                    Some((kind, part)) => {
                        s.kind = kind;
                        *kind_given = true;
                        if part != kind.to_string() {
                            self.graph.report.note(
                                Action::Converted,
                                format!("kind `{part}` -> {kind}"),
                            );
                        }
                    }
                    None => self.graph.report.note(
                        Action::Converted,
                        format!("kind `{trimmed}` is no stakemap kind: imported as Partner, with `{trimmed}` as a tag"),
                    ),
                }
                if recognised && !others.is_empty() {
                    self.graph.report.note(
                        Action::Kept,
                        format!("further kinds in `{trimmed}` -> tags"),
                    );
                }
                if !recognised {
                    others = vec![trimmed.to_owned()];
                }
                for tag in others {
                    if !s.tags.contains(&tag) {
                        s.tags.push(tag);
                    }
                }
            }
            NodeField::Description => push_line(&mut s.description, value.trim_end()),
            NodeField::Sector => s.sector = trimmed.to_owned(),
            NodeField::Area => s.area = trimmed.to_owned(),
            NodeField::Tags => {
                for tag in fields::split_tags(trimmed) {
                    if !s.tags.contains(&tag) {
                        s.tags.push(tag);
                    }
                }
            }
            NodeField::Influence | NodeField::Interest | NodeField::Priority => {
                let what = field.target();
                match values::score(trimmed, comma) {
                    Ok((score, rounded)) => {
                        if rounded {
                            self.graph.report.note(
                                Action::Converted,
                                format!("{what} with a fraction: rounded to the nearest whole number ({}-{})", Score::MIN, Score::MAX),
                            );
                        }
                        let slot = match field {
                            NodeField::Influence => &mut s.influence,
                            NodeField::Interest => &mut s.interest,
                            _ => &mut s.priority,
                        };
                        *slot = Some(score);
                    }
                    Err(e) => self.problem(at, format!("{} ({} to {}): left unset", e.describe(trimmed, what), Score::MIN, Score::MAX)),
                }
            }
            NodeField::Engagement | NodeField::DesiredEngagement => match fields::engagement(trimmed) {
                Some(level) => {
                    if field == NodeField::Engagement {
                        s.engagement = Some(level);
                    } else {
                        s.desired_engagement = Some(level);
                    }
                }
                None => self.problem(
                    at,
                    format!("{} `{trimmed}` is not Unaware, Resistant, Neutral, Supportive or Leading: left unset", field.target()),
                ),
            },
            NodeField::SaraStage => match fields::sara_stage(trimmed) {
                Some(stage) => s.sara_stage = Some(stage),
                None => self.problem(
                    at,
                    format!("SARA stage `{trimmed}` is not Scanning, Analysis, Response or Assessment: left unset"),
                ),
            },
            NodeField::Confidential | NodeField::Pinned => match fields::boolean(trimmed) {
                Some(flag) => {
                    if field == NodeField::Confidential {
                        s.confidential = flag;
                    } else {
                        s.pinned = flag;
                    }
                }
                None => {
                    // Privacy first: an unreadable confidential flag counts as set.
                    if field == NodeField::Confidential {
                        s.confidential = true;
                    }
                    self.problem(
                        at,
                        format!("{} `{trimmed}` is not true or false: read as {}", field.target(), field == NodeField::Confidential),
                    );
                }
            },
            NodeField::X | NodeField::Y => match values::number(trimmed, comma) {
                Ok(v) => {
                    let v = v as f32;
                    if field == NodeField::X {
                        position.0 = Some(v);
                    } else {
                        position.1 = Some(if self.settings.y_up { -v } else { v });
                    }
                }
                Err(e) => self.problem(at, format!("{}: left unplaced", e.describe(trimmed, field.target()))),
            },
            NodeField::ContactPerson => contact(s).person = trimmed.to_owned(),
            NodeField::ContactRole => contact(s).role = trimmed.to_owned(),
            NodeField::ContactEmail => contact(s).email = trimmed.to_owned(),
            NodeField::ContactPhone => contact(s).phone = trimmed.to_owned(),
        }
    }

    /// The stakeholder a relationship end names: by id, then (Kumu) by label. A name no
    /// stakeholder has creates one (as Gephi and Kumu do), reported; a label two
    /// stakeholders share is ambiguous: `None`, reported.
    fn end(&mut self, text: &str, at: &Location, which: &str) -> Option<usize> {
        let text = text.trim();
        if text.is_empty() {
            self.problem(at, format!("no {which}: skipped"));
            return None;
        }
        if let Some(&i) = self.by_key.get(text) {
            return Some(i);
        }
        if self.settings.ends_by_label
            && let Some(found) = self.by_label.get(&fields::normalise(text)).cloned()
        {
            match found.as_slice() {
                [i] => return Some(*i),
                many => {
                    let lines: Vec<String> = many
                        .iter()
                        .filter_map(|&i| self.graph.stakeholders.get(i))
                        .map(|s| {
                            s.at.line
                                .map_or_else(|| s.at.to_string(), |l| format!("line {l}"))
                        })
                        .collect();
                    self.problem(
                        at,
                        format!(
                            "{which} `{text}` names {} stakeholders ({}): skipped, not attached to the first; give them ids and use those",
                            many.len(),
                            lines.join(", ")
                        ),
                    );
                    return None;
                }
            }
        }
        let what = if self.settings.ends_by_label {
            "label or id"
        } else {
            "id"
        };
        self.problem(
            at,
            format!("{which} `{text}`: no stakeholder has that {what}; created as a Partner"),
        );
        let mut record = NodeRecord::new(at.clone(), Some(text.to_owned()));
        record.label = Some(text.to_owned());
        // The created stakeholder's missing kind is part of the problem above, not news.
        self.add_node_noting(record, false);
        self.by_key.get(text).copied()
    }

    /// Adds the relationship(s) a record gives (one a kind when it names several).
    pub fn add_edge(&mut self, record: EdgeRecord) {
        let EdgeRecord {
            at,
            key,
            from,
            to,
            fields: record_fields,
            directed: record_directed,
            label: record_label,
            observations: record_observations,
            weight: record_weight,
            notes: record_notes,
        } = record;
        let Some(from) = self.end(&from, &at, "from") else {
            return;
        };
        let Some(to) = self.end(&to, &at, "to") else {
            return;
        };
        let term = self.settings.term;
        let comma = self.settings.decimal_comma;
        let mut kinds: Vec<RelationshipKind> = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        let mut direction: Option<bool> = None;
        let mut directed_flag: Option<bool> = None;
        let mut weight: Option<String> = record_weight;
        let mut tone: Option<Tone> = None;
        let mut date = None;
        let mut log: Option<Vec<Observation>> = record_observations;
        let mut owner = String::new();
        let mut notes = String::new();
        let mut empty = 0;
        for (name, value) in &record_fields {
            let trimmed = value.trim();
            let Some(field) = fields::edge_field(name, self.settings.naming) else {
                if !trimmed.is_empty() {
                    push_line(&mut notes, &format!("{name}: {trimmed}"));
                    self.edge_fields.add(name, Action::Kept, || {
                        format!("{term} `{name}` (no stakemap field) -> a note line `{name}: ...` in the relationship's notes")
                    });
                }
                continue;
            };
            if trimmed.is_empty() {
                empty += 1;
                continue;
            }
            let action = match field {
                EdgeField::Derived | EdgeField::FirstObserved => Action::Dropped,
                _ => Action::Mapped,
            };
            self.edge_fields.add(name, action, || {
                format!("{term} `{name}` -> {}", field.target())
            });
            match field {
                EdgeField::Id | EdgeField::From | EdgeField::To | EdgeField::Derived | EdgeField::FirstObserved => {}
                EdgeField::Kind => {
                    let parts = fields::split_tags(trimmed);
                    if parts.len() > 1 {
                        self.graph.report.note(
                            Action::Converted,
                            format!("several kinds in one {term} (`{trimmed}`): one relationship a kind"),
                        );
                    }
                    for part in parts {
                        match fields::relationship_kind(&part) {
                            Some(kind) => {
                                if !kinds.contains(&kind) {
                                    kinds.push(kind);
                                }
                            }
                            None => {
                                push_line(&mut notes, &format!("type: {part}"));
                                self.graph.report.note(
                                    Action::Kept,
                                    format!("relationship type `{part}` is no stakemap kind: a note line `type: {part}`"),
                                );
                            }
                        }
                    }
                }
                EdgeField::Label => labels.push(trimmed.to_owned()),
                EdgeField::Direction => match fields::normalise(trimmed).as_str() {
                    "directed" => direction = Some(true),
                    "undirected" => direction = Some(false),
                    "mutual" | "bidirectional" | "both" => {
                        direction = Some(false);
                        self.graph.report.note(Action::Converted, "direction `mutual` -> undirected");
                    }
                    _ => self.problem(
                        &at,
                        format!("direction `{trimmed}` is not directed, undirected or mutual: the default applies"),
                    ),
                },
                EdgeField::Directed => match fields::boolean(trimmed) {
                    Some(flag) => directed_flag = Some(flag),
                    None => self.problem(&at, format!("directed `{trimmed}` is not true or false: the default applies")),
                },
                EdgeField::Weight => weight = Some(trimmed.to_owned()),
                EdgeField::Tone => match fields::tone(trimmed) {
                    Some(t) => tone = Some(t),
                    None => self.problem(&at, format!("tone `{trimmed}` is not Positive, Neutral or Strained: left out")),
                },
                EdgeField::Owner => owner = trimmed.to_owned(),
                EdgeField::Notes => push_line(&mut notes, value.trim_end()),
                EdgeField::Date => match values::date(trimmed, self.settings.day_order) {
                    Ok(d) => date = Some(d),
                    Err(e) => self.problem(&at, format!("{}: the strength is taken as undated", e.describe(trimmed, "date"))),
                },
                EdgeField::Observations => match fields::observations_from_json(trimmed) {
                    Ok(observations) => log = Some(observations),
                    Err(why) => {
                        self.problem(&at, format!("observation log unreadable ({why}): kept as a note"));
                        push_line(&mut notes, &format!("observations: {trimmed}"));
                    }
                },
            }
        }
        self.graph.report.note_n(
            Action::Assumed,
            format!("empty {term}s of relationships: the field is left unset"),
            empty,
        );
        if let Some(label) = record_label {
            labels.push(label.trim().to_owned());
        }
        for label in labels.into_iter().filter(|l| !l.is_empty()) {
            match fields::relationship_kind(&label) {
                Some(kind) if kinds.is_empty() => {
                    kinds.push(kind);
                    self.graph.report.note(
                        Action::Converted,
                        format!("label `{label}` names a kind: {kind}"),
                    );
                }
                Some(kind) if kinds.contains(&kind) => {}
                _ => {
                    push_line(&mut notes, &format!("label: {label}"));
                    self.graph.report.note(
                        Action::Kept,
                        "labels that name no kind -> a note line `label: ...`",
                    );
                }
            }
        }
        for line in &record_notes {
            push_line(&mut notes, line);
        }
        if kinds.is_empty() {
            kinds.push(RelationshipKind::Informal);
            self.graph
                .report
                .note(Action::Assumed, "no kind given: Informal");
        }
        let given = record_directed.or(directed_flag).or(direction);
        let directed = given.unwrap_or(self.settings.default_directed);
        if given.is_none() {
            self.graph.report.note(
                Action::Assumed,
                format!(
                    "no direction given: {}",
                    self.settings.default_direction_rule
                ),
            );
        }
        let mut undated = None;
        let mut observations = Vec::new();
        if let Some(log) = log {
            observations = log;
        } else if let Some(text) = weight {
            match values::strength(&text, comma) {
                Ok((strength, rule)) => {
                    match rule {
                        StrengthRule::AsIs => {}
                        StrengthRule::Rounded => self.graph.report.note(
                            Action::Converted,
                            "weights with a fraction: rounded to the nearest strength (0-5)",
                        ),
                        StrengthRule::Clamped => self.problem(
                            &at,
                            format!(
                                "weight `{text}` is outside {}-{}: read as strength {strength}",
                                Strength::MIN,
                                Strength::MAX
                            ),
                        ),
                    }
                    if comma && text.contains(',') {
                        self.graph.report.note(Action::Converted, "decimal commas read as decimal points (the file is not comma-separated)");
                    }
                    match date {
                        Some(date) => {
                            if tone.is_none() {
                                self.graph.report.note(
                                    Action::Assumed,
                                    "a dated strength without a tone: Neutral",
                                );
                            }
                            observations.push(
                                Observation::new(date, strength, tone.unwrap_or(Tone::Neutral))
                                    .with_interaction(InteractionKind::Other),
                            );
                        }
                        None => undated = Some(Undated { strength, tone }),
                    }
                }
                Err(ValueError::Empty) => {}
                Err(e) => self.problem(
                    &at,
                    format!("{}: no strength recorded", e.describe(&text, "weight")),
                ),
            }
        }
        for (n, kind) in kinds.into_iter().enumerate() {
            self.graph.relationships.push(ImportedRelationship {
                key: if n == 0 { key.clone() } else { None },
                from,
                to,
                kind,
                directed,
                direction_given: given.is_some(),
                owner: owner.clone(),
                notes: notes.clone(),
                observations: observations.clone(),
                undated,
                at: at.clone(),
            });
        }
    }

    /// The graph, with the field counts in its report, and its text in Unicode NFC as a
    /// map stores it (so "é" typed as `e` and an accent matches the map's "é").
    pub fn finish(mut self) -> ImportedGraph {
        let mut composed = 0;
        let mut compose = |text: &mut String| composed += usize::from(make_nfc(text));
        for text in [&mut self.graph.title, &mut self.graph.description]
            .into_iter()
            .flatten()
        {
            compose(text);
        }
        for s in &mut self.graph.stakeholders {
            s.stakeholder.for_each_text_mut(&mut compose);
        }
        for r in &mut self.graph.relationships {
            compose(&mut r.owner);
            compose(&mut r.notes);
            for o in &mut r.observations {
                compose(&mut o.note);
                compose(&mut o.recorded_by);
            }
        }
        self.graph.report.note_n(
            Action::Converted,
            "text composed into Unicode NFC (as maps store it)",
            composed,
        );
        let mut report = std::mem::take(&mut self.graph.report);
        self.node_fields.into_report(&mut report);
        self.edge_fields.into_report(&mut report);
        report.stakeholders = self.graph.stakeholders.len();
        report.relationships = self.graph.relationships.len();
        report.observations = self
            .graph
            .relationships
            .iter()
            .map(|r| r.observations.len() + usize::from(r.undated.is_some()))
            .sum();
        self.graph.report = report;
        self.graph
    }
}
