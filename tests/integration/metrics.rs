//! Network metrics against networkx: each fixture in tests/data/metrics (written by
//! make_fixtures.py there) holds a graph and the values networkx computed on it; the same
//! graph as a map must give the same values.

use serde_json::Value;
use stakemap::analysis::{Metric, MetricSettings, NetworkMetrics, modularity, network_metrics};
use stakemap::model::{
    Date, Map, Observation, Relationship, RelationshipId, RelationshipKind, Stakeholder,
    StakeholderId, StakeholderKind, Strength, Tone,
};

const FIXTURES: [&str; 5] = [
    "karate",
    "florentine",
    "weighted_ties",
    "disconnected",
    "two_cliques",
];

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/data/metrics/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture is in the repository");
    serde_json::from_str(&text).expect("fixture is JSON")
}

fn ids(values: &Value) -> Vec<u64> {
    values
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_u64().expect("an id"))
        .collect()
}

/// The fixture's graph as a map: every stakeholder a partner, every relationship a
/// partnership with one observation at its strength. `reversed` adds everything in the
/// opposite order, which must change nothing.
fn map_of(fixture: &Value, reversed: bool) -> Map {
    let mut map = Map::new(fixture["name"].as_str().expect("a name"));
    let mut stakeholders = ids(&fixture["stakeholders"]);
    let mut relationships: Vec<(u64, &Value)> = fixture["relationships"]
        .as_array()
        .expect("a list")
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 1, r))
        .collect();
    if reversed {
        stakeholders.reverse();
        relationships.reverse();
    }
    for id in stakeholders {
        let name = fixture["names"][id.to_string()]
            .as_str()
            .map_or_else(|| format!("S{id}"), str::to_owned);
        map.add_stakeholder(Stakeholder::new(
            StakeholderId(id),
            StakeholderKind::Partner,
            name,
        ))
        .expect("fresh id");
    }
    for (id, r) in relationships {
        let end = |k: usize| StakeholderId(r[k].as_u64().expect("an id"));
        let mut relationship = Relationship::new(
            RelationshipId(id),
            end(0),
            end(1),
            RelationshipKind::Partnership,
        );
        let strength = r[2]
            .as_u64()
            .and_then(|s| u8::try_from(s).ok())
            .and_then(|s| Strength::new(s).ok())
            .expect("a strength");
        relationship.observations.push(Observation::new(
            Date::from_ymd(2026, 1, 1).expect("date"),
            strength,
            Tone::Neutral,
        ));
        map.add_relationship(relationship).expect("both ends exist");
    }
    map
}

/// How far from networkx's value a metric may be: the path metrics and counts are exact up
/// to rounding; the power iterations stop on a tolerance, so the last step may differ.
fn tolerance(metric: Metric) -> f64 {
    match metric {
        Metric::Eigenvector | Metric::PageRank => 1e-6,
        _ => 1e-9,
    }
}

fn expected_column(fixture: &Value, metric: Metric) -> Option<Vec<f64>> {
    fixture["expected"][metric.key()].as_array().map(|values| {
        values
            .iter()
            .map(|v| v.as_f64().expect("a number"))
            .collect()
    })
}

#[test]
fn every_metric_equals_networkx_on_every_fixture() {
    for name in FIXTURES {
        let f = fixture(name);
        let metrics = network_metrics(&map_of(&f, false), &MetricSettings::default());
        let order = ids(&f["stakeholders"]);
        let mut checked = 0;
        for metric in Metric::ALL {
            // Communities are compared by modularity below: partitions differ between
            // implementations.
            let Some(expected) = expected_column(&f, metric) else {
                assert_eq!(metric, Metric::Community, "{name}: no fixture for {metric}");
                continue;
            };
            for (&id, want) in order.iter().zip(expected) {
                let got = metrics
                    .value(StakeholderId(id), metric)
                    .expect("every stakeholder has metrics");
                assert!(
                    (got - want).abs() <= tolerance(metric),
                    "{name}: {metric} of #{id} is {got}, networkx says {want}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, order.len() * (Metric::ALL.len() - 1), "{name}");
    }
}

#[test]
fn graph_figures_equal_networkx() {
    for name in FIXTURES {
        let f = fixture(name);
        let want = &f["expected"]["graph"];
        let metrics = network_metrics(&map_of(&f, false), &MetricSettings::default());
        let g = &metrics.graph;
        assert_eq!(
            g.ties as u64,
            want["ties"].as_u64().expect("ties"),
            "{name}"
        );
        assert!(
            (g.density - want["density"].as_f64().expect("density")).abs() < 1e-12,
            "{name}: density {}",
            g.density
        );
        assert_eq!(
            g.components as u64,
            want["components"].as_u64().expect("components"),
            "{name}"
        );
        match (g.average_path_length, want["average_path_length"].as_f64()) {
            (Some(got), Some(want)) => assert!((got - want).abs() < 1e-12, "{name}: {got}"),
            (got, want) => assert_eq!(got, want, "{name}"),
        }
        let cut: Vec<u64> = metrics.cut_points.iter().map(|id| id.0).collect();
        assert_eq!(cut, ids(&want["articulation_points"]), "{name}");
        let bridges: Vec<[u64; 2]> = metrics
            .bridges
            .iter()
            .map(|b| [b.ends.0.0, b.ends.1.0])
            .collect();
        let want_bridges: Vec<[u64; 2]> = want["bridges"]
            .as_array()
            .expect("bridges")
            .iter()
            .map(|pair| {
                let pair = ids(pair);
                [pair[0], pair[1]]
            })
            .collect();
        assert_eq!(bridges, want_bridges, "{name}");
        assert!(g.eigenvector_converged, "{name}");
    }
}

#[test]
fn louvain_modularity_is_as_good_as_networkx() {
    for name in FIXTURES {
        let f = fixture(name);
        let want = &f["expected"]["graph"];
        let (low, mean, high) = (
            want["louvain_modularity_min"].as_f64().expect("min"),
            want["louvain_modularity_mean"].as_f64().expect("mean"),
            want["louvain_modularity_max"].as_f64().expect("max"),
        );
        let map = map_of(&f, false);
        let mut total = 0.0;
        for seed in 0..20 {
            let metrics = network_metrics(
                &map,
                &MetricSettings {
                    seed,
                    ..MetricSettings::default()
                },
            );
            let q = metrics.graph.modularity;
            assert!(
                q >= low - 0.01 && q <= high + 1e-9,
                "{name}, seed {seed}: modularity {q}, networkx's from {low} to {high}"
            );
            // The reported modularity is that of the reported communities.
            let again = modularity(&map, &metrics.communities, 1.0);
            assert!((q - again).abs() < 1e-12, "{name}: {q} vs {again}");
            total += q;
        }
        let ours = total / 20.0;
        assert!(
            (ours - mean).abs() < 0.01,
            "{name}: mean modularity {ours}, networkx's {mean}"
        );
    }
}

#[test]
fn modularity_of_a_grouping_equals_networkx() {
    for name in ["karate", "two_cliques"] {
        let f = fixture(name);
        let groups: Vec<Vec<StakeholderId>> = f["grouping"]["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| ids(g).into_iter().map(StakeholderId).collect())
            .collect();
        let want = f["grouping"]["modularity"].as_f64().expect("modularity");
        let got = modularity(&map_of(&f, false), &groups, 1.0);
        assert!((got - want).abs() < 1e-12, "{name}: {got}, networkx {want}");
    }
}

#[test]
fn same_map_same_communities_whatever_the_order_it_was_built_in() {
    for name in FIXTURES {
        let f = fixture(name);
        let settings = MetricSettings::default();
        let forward = network_metrics(&map_of(&f, false), &settings);
        let backward = network_metrics(&map_of(&f, true), &settings);
        assert_eq!(forward, network_metrics(&map_of(&f, false), &settings));
        assert_eq!(forward.communities, backward.communities, "{name}");
        assert_eq!(forward.stakeholders(), backward.stakeholders(), "{name}");
    }
}

#[test]
fn two_cliques_split_into_their_two_communities() {
    let metrics: NetworkMetrics = network_metrics(
        &map_of(&fixture("two_cliques"), false),
        &MetricSettings::default(),
    );
    let community = |id| {
        metrics
            .value(StakeholderId(id), Metric::Community)
            .expect("on the map")
    };
    assert_eq!(metrics.graph.communities, 2);
    for id in 2..=5 {
        assert_eq!(community(id), community(1));
    }
    for id in 8..=11 {
        assert_eq!(community(id), community(7));
    }
    assert_ne!(community(1), community(7));
}
