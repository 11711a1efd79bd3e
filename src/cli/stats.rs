//! `stakemap stats FILE [--json] [--as-of DATE] [--profile P] [--placeholders]`: the map's
//! counts, what needs attention (the findings ranked with cooling relationships), and every
//! stakeholder's network metrics, as text or as JSON whose shape is documented in the
//! README. The map goes through the redaction pass before anything is computed (partner by
//! default, as for `diff` and `export`: the output leaves the machine), so what a profile
//! hides never reaches the metrics, the findings or their reasons; what it left out is said
//! on standard error.

use super::output::{Printer, err, load_failure};
use crate::analysis::{
    self, AttentionItem, AttentionSubject, Metric, MetricSettings, NetworkMetrics, PoliceService,
    TrendSettings,
};
use crate::io::RedactionOptions;
use crate::model::text::escape_controls;
use crate::model::{Date, Map, StakeholderKind};
use serde::Serialize;
use std::path::Path;

/// What `stats` was asked for.
#[derive(Clone, Copy, Debug)]
pub(super) struct StatsRequest<'a> {
    /// The map file.
    pub file: &'a Path,
    /// JSON instead of text.
    pub json: bool,
    /// The `--as-of` date as typed (checked here, before the file is read).
    pub as_of: Option<&'a str>,
    /// The redaction pass applied before anything is computed.
    pub redaction: RedactionOptions,
}

pub(super) fn run(request: &StatsRequest<'_>) -> u8 {
    let mut out = Printer::new();
    let code = stats(request, &mut out);
    out.finish(code)
}

fn stats(request: &StatsRequest<'_>, out: &mut Printer) -> u8 {
    // The date is checked before the file is read: a mistyped date is a mistake on the
    // command line, whatever the map holds.
    let as_of = match request.as_of.map(str::parse::<Date>).transpose() {
        Ok(date) => date,
        Err(e) => {
            err(&format!("error: --as-of: {e}"));
            return super::EXIT_ERROR;
        }
    };
    let map = match crate::io::load(request.file) {
        Ok(map) => map,
        Err(e) => return load_failure(out, &e),
    };
    let today = Date::today();
    // The pipeline every report reads: map -> as of a date -> redaction -> analyses, so
    // names a profile hides never reach the metrics' output.
    let (map, day) = match as_of {
        Some(date) => (analysis::map_as_of(&map, date, today), date),
        None => (map, today),
    };
    let redacted = crate::io::redact(&map, request.redaction);
    let report = Report::of(redacted.map(), day, as_of);
    if request.json {
        match serde_json::to_string_pretty(&report.json()) {
            Ok(text) => {
                err(&redacted.left_out().sentence());
                out.text(&text);
            }
            Err(e) => {
                err(&format!("error: cannot write the statistics as JSON: {e}"));
                return super::EXIT_ERROR;
            }
        }
    } else {
        err(&redacted.left_out().sentence());
        for line in report.lines() {
            out.line(&line);
        }
    }
    super::EXIT_OK
}

/// Everything `stats` prints, computed once.
struct Report<'a> {
    map: &'a Map,
    day: Date,
    as_of: Option<Date>,
    metrics: NetworkMetrics,
    police: PoliceService,
    attention: Vec<AttentionItem>,
}

impl<'a> Report<'a> {
    fn of(map: &'a Map, day: Date, as_of: Option<Date>) -> Self {
        let metrics = analysis::network_metrics(map, &MetricSettings::default());
        let attention =
            analysis::needs_attention_with_findings(map, &metrics, day, &TrendSettings::default());
        Self {
            map,
            day,
            as_of,
            police: analysis::police_service(map),
            metrics,
            attention,
        }
    }

    fn count(&self, kind: StakeholderKind) -> usize {
        self.map.stakeholders().filter(|s| s.kind == kind).count()
    }

    fn name(&self, id: crate::model::StakeholderId) -> String {
        self.map
            .stakeholder(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// The text report, one line for people each: [`Printer::line`] escapes what a name
    /// could hold (a newline, a bidirectional override), so one entry is always one line.
    fn lines(&self) -> Vec<String> {
        let mut t = Vec::new();
        let g = &self.metrics.graph;
        let when = match self.as_of {
            Some(date) => format!("as of {date}"),
            None => format!("today, {}", self.day),
        };
        t.push(format!("{} ({when})", self.map.title));
        let by_kind: Vec<String> = StakeholderKind::ALL
            .iter()
            .map(|&k| format!("{} {}", self.count(k), k.plural()))
            .collect();
        t.push(format!(
            "{} stakeholders ({}), {} relationships, {} observations",
            self.map.stakeholder_count(),
            by_kind.join(", "),
            self.map.relationship_count(),
            self.map.observation_count()
        ));
        let path = g.average_path_length.map_or_else(
            || "no paths".to_owned(),
            |l| format!("average path {l:.2} steps"),
        );
        t.push(format!(
            "network: {} ties, density {:.3}, {path}, {} component{}, {} communities (modularity {:.3})",
            g.ties,
            g.density,
            g.components,
            if g.components == 1 { "" } else { "s" },
            g.communities,
            g.modularity
        ));
        t.push(match &self.police.sector {
            _ if self.police.members.is_empty() => {
                "police service: none named (no organisation named or tagged police)".to_owned()
            }
            Some(sector) => format!(
                "police service: {} organisations in the sector \"{sector}\"",
                self.police.members.len()
            ),
            None => format!(
                "police service: {} organisations named or tagged police",
                self.police.members.len()
            ),
        });
        let cut: Vec<String> = self
            .metrics
            .cut_points
            .iter()
            .map(|&id| self.name(id))
            .collect();
        t.push(format!("cut points: {}", listed(&cut)));
        let bridges: Vec<String> = self
            .metrics
            .bridges
            .iter()
            .map(|b| format!("{} — {}", self.name(b.ends.0), self.name(b.ends.1)))
            .collect();
        t.push(format!("bridges: {}", listed(&bridges)));
        if !g.eigenvector_converged {
            t.push(
                "note: eigenvector centrality did not converge in 1,000 iterations; its values are approximate"
                    .to_owned(),
            );
        }

        t.push(String::new());
        t.push(format!(
            "Needs attention ({}), most urgent first",
            self.attention.len()
        ));
        for (i, item) in self.attention.iter().enumerate() {
            t.push(format!(
                "{:>3}. {}: {} — {}",
                i + 1,
                item.title(),
                item.subject.name(self.map),
                item.reason
            ));
        }

        t.push(String::new());
        t.push("Stakeholders (metrics: see `stakemap stats --help` and the README)".to_owned());
        let header: Vec<String> = Metric::ALL
            .iter()
            .map(|m| short_header(*m).to_owned())
            .collect();
        t.push(format!(
            "{:>5}  {:<32}  {}",
            "id",
            "name",
            header.join("  ")
        ));
        for s in self.metrics.stakeholders() {
            let cells: Vec<String> = Metric::ALL
                .iter()
                .map(|&m| {
                    let width = short_header(m).len();
                    let v = s.value(m);
                    if matches!(
                        m,
                        Metric::Degree | Metric::Community | Metric::Component | Metric::CutPoint
                    ) {
                        format!("{:>width$}", v as u64)
                    } else if m == Metric::Strength {
                        format!("{v:>width$.0}")
                    } else {
                        format!("{v:>width$.4}")
                    }
                })
                .collect();
            // Escaped before clipping, so the column is as wide as what is printed.
            let name = escape_controls(&self.name(s.id)).into_owned();
            t.push(format!(
                "{:>5}  {:<32}  {}",
                s.id.0,
                clipped(&name, 32),
                cells.join("  ")
            ));
        }
        t
    }

    fn json(&self) -> StatsJson {
        let g = &self.metrics.graph;
        StatsJson {
            title: self.map.title.clone(),
            as_of: self.as_of.map(|d| d.to_string()),
            date: self.day.to_string(),
            counts: Counts {
                stakeholders: self.map.stakeholder_count(),
                partners: self.count(StakeholderKind::Partner),
                organisations: self.count(StakeholderKind::Organisation),
                issues: self.count(StakeholderKind::Issue),
                initiatives: self.count(StakeholderKind::Initiative),
                relationships: self.map.relationship_count(),
                observations: self.map.observation_count(),
            },
            graph: GraphJson {
                ties: g.ties,
                density: g.density,
                average_path_length: g.average_path_length,
                components: g.components,
                communities: g.communities,
                modularity: g.modularity,
                eigenvector_converged: g.eigenvector_converged,
                cut_points: self.metrics.cut_points.iter().map(|id| id.0).collect(),
                bridges: self
                    .metrics
                    .bridges
                    .iter()
                    .map(|b| BridgeJson {
                        ends: [b.ends.0.0, b.ends.1.0],
                        relationships: b.relationships.iter().map(|r| r.0).collect(),
                    })
                    .collect(),
            },
            police_service: PoliceJson {
                sector: self.police.sector.clone(),
                members: self.police.members.iter().map(|id| id.0).collect(),
            },
            metrics: Metric::ALL
                .iter()
                .map(|&m| MetricJson {
                    key: m.key(),
                    label: m.label(),
                    description: m.description(),
                    category: m.is_category(),
                })
                .collect(),
            stakeholders: self
                .metrics
                .stakeholders()
                .iter()
                .map(|s| StakeholderJson {
                    id: s.id.0,
                    name: self.name(s.id),
                    degree: s.degree,
                    strength: s.strength,
                    betweenness: s.betweenness,
                    weighted_betweenness: s.weighted_betweenness,
                    closeness: s.closeness,
                    weighted_closeness: s.weighted_closeness,
                    eigenvector: s.eigenvector,
                    pagerank: s.pagerank,
                    community: s.community,
                    component: s.component,
                    cut_point: u8::from(s.cut_point),
                })
                .collect(),
            findings: self
                .attention
                .iter()
                .map(|item| FindingJson {
                    kind: item.kind.key(),
                    title: item.title(),
                    subject: match item.subject {
                        AttentionSubject::Relationship(id) => SubjectJson::Relationship(id.0),
                        AttentionSubject::Issue(id) | AttentionSubject::Stakeholder(id) => {
                            SubjectJson::Stakeholder(id.0)
                        }
                    },
                    name: item.subject.name(self.map),
                    // Two decimals: the score orders the list; more digits would only show
                    // the f32 it is kept in.
                    urgency: (f64::from(item.urgency) * 100.0).round() / 100.0,
                    reason: item.reason.clone(),
                })
                .collect(),
        }
    }
}

/// A column header no wider than the numbers under it.
fn short_header(metric: Metric) -> &'static str {
    match metric {
        Metric::Degree => "degree",
        Metric::Strength => "strength",
        Metric::Betweenness => "betweenness",
        Metric::WeightedBetweenness => "betw_strength",
        Metric::Closeness => "closeness",
        Metric::WeightedCloseness => "close_strength",
        Metric::Eigenvector => "eigenvector",
        Metric::PageRank => "pagerank",
        Metric::Community => "community",
        Metric::Component => "component",
        Metric::CutPoint => "cut_point",
    }
}

/// Items joined by "; ", or "none".
fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join("; ")
    }
}

/// At most `width` characters, with "..." when cut.
fn clipped(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(width - 3).collect();
        format!("{kept}...")
    }
}

// The JSON shape of `stakemap stats --json`, documented in the README. Field order here is
// the order written; names are stable.

#[derive(Serialize)]
struct StatsJson {
    title: String,
    as_of: Option<String>,
    date: String,
    counts: Counts,
    graph: GraphJson,
    police_service: PoliceJson,
    metrics: Vec<MetricJson>,
    stakeholders: Vec<StakeholderJson>,
    findings: Vec<FindingJson>,
}

#[derive(Serialize)]
struct Counts {
    stakeholders: usize,
    partners: usize,
    organisations: usize,
    issues: usize,
    initiatives: usize,
    relationships: usize,
    observations: usize,
}

#[derive(Serialize)]
struct GraphJson {
    ties: usize,
    density: f64,
    average_path_length: Option<f64>,
    components: usize,
    communities: usize,
    modularity: f64,
    eigenvector_converged: bool,
    cut_points: Vec<u64>,
    bridges: Vec<BridgeJson>,
}

#[derive(Serialize)]
struct BridgeJson {
    ends: [u64; 2],
    relationships: Vec<u64>,
}

#[derive(Serialize)]
struct PoliceJson {
    sector: Option<String>,
    members: Vec<u64>,
}

#[derive(Serialize)]
struct MetricJson {
    key: &'static str,
    label: &'static str,
    description: &'static str,
    category: bool,
}

/// One stakeholder: `id`, `name`, then one number per [`Metric`], in [`Metric::ALL`]'s
/// order, named by [`Metric::key`].
#[derive(Serialize)]
struct StakeholderJson {
    id: u64,
    name: String,
    degree: usize,
    strength: f64,
    betweenness: f64,
    weighted_betweenness: f64,
    closeness: f64,
    weighted_closeness: f64,
    eigenvector: f64,
    pagerank: f64,
    community: usize,
    component: usize,
    cut_point: u8,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum SubjectJson {
    Stakeholder(u64),
    Relationship(u64),
}

#[derive(Serialize)]
struct FindingJson {
    kind: &'static str,
    title: &'static str,
    subject: SubjectJson,
    name: String,
    urgency: f64,
    reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_a_stakeholder_field_in_order() {
        let map = crate::builtin::police_community();
        let report = Report::of(&map, Date::from_ymd(2026, 11, 29).expect("date"), None);
        let json = serde_json::to_value(report.json()).expect("serialises");
        let first = json["stakeholders"][0]
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect::<Vec<String>>();
        let mut expected = vec!["id".to_owned(), "name".to_owned()];
        expected.extend(Metric::ALL.iter().map(|m| m.key().to_owned()));
        // serde_json sorts an object's keys; the set must match exactly.
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(first, sorted);
    }

    #[test]
    fn long_names_are_clipped_by_characters() {
        assert_eq!(clipped("Tomás Reyes", 32), "Tomás Reyes");
        assert_eq!(clipped("ééééééééé", 6), "ééé...");
    }
}
