//! Exports read by the tools themselves: networkx reads the GraphML and GEXF with the right
//! node and edge counts and attributes, and Graphviz renders the DOT.
//!
//! Each test needs its tool (`python3` with networkx; `dot` from graphviz). Where the tool
//! is missing the test prints a note and passes, unless `STAKEMAP_REQUIRE_TOOLS` is set
//! (as `.ci/run` sets it, after installing them), when a missing tool fails the test.

use stakemap::io::{
    ExportFormat, ExportOptions, MixedDirections, RedactionOptions, export_bytes, redact,
};
use std::path::Path;
use std::process::Command;

fn available(program: &str, args: &[&str], what: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("STAKEMAP_REQUIRE_TOOLS").is_none(),
            "{what} is required (STAKEMAP_REQUIRE_TOOLS is set) but not found"
        );
        eprintln!(
            "note: {what} not found; skipping this test (set STAKEMAP_REQUIRE_TOOLS to make it fail instead)"
        );
    }
    ok
}

fn write(dir: &Path, name: &str, format: ExportFormat, directions: MixedDirections) -> String {
    let map = stakemap::builtin::police_community();
    let shown = redact(&map, RedactionOptions::default());
    let options = ExportOptions {
        mixed_directions: directions,
    };
    let (files, _) = export_bytes(&shown, format, options).expect("exports");
    let path = dir.join(name);
    std::fs::write(&path, &files[0]).expect("write");
    path.display().to_string()
}

const READ: &str = r#"
import json, sys
import networkx as nx
out = {}
for kind, path in (("graphml", sys.argv[1]), ("gexf", sys.argv[2])):
    g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    node = g.nodes["2"]
    edges = [d for _, _, d in g.edges(data=True)]
    out[kind] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "label": node.get("label"),
        "kind": node.get("kind"),
        "influence": node.get("influence"),
        "weights": sorted(set(float(d.get("weight", 1.0)) for d in edges)),
        "has_undirected": any(d.get("directed") is False for d in edges),
    }
out["position"] = nx.read_gexf(sys.argv[2]).nodes["2"]["viz"]["position"]
print(json.dumps(out))
"#;

#[test]
fn networkx_reads_graphml_and_gexf_with_counts_and_attributes() {
    if !available(
        "python3",
        &["-c", "import networkx"],
        "python3 with networkx",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let graphml = write(
        dir.path(),
        "map.graphml",
        ExportFormat::GraphMl,
        MixedDirections::Portable,
    );
    let gexf = write(
        dir.path(),
        "map.gexf",
        ExportFormat::Gexf,
        MixedDirections::Portable,
    );
    let output = Command::new("python3")
        .args(["-c", READ, &graphml, &gexf])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let map = stakemap::builtin::police_community();
    let two = map
        .stakeholder(stakemap::model::StakeholderId(2))
        .expect("stakeholder 2");
    for kind in ["graphml", "gexf"] {
        let g = &read[kind];
        assert_eq!(g["nodes"], map.stakeholder_count(), "{kind}");
        assert_eq!(g["edges"], map.relationship_count(), "{kind}");
        assert_eq!(
            g["directed"], true,
            "{kind}: a mixed map is written directed"
        );
        assert_eq!(g["label"], two.name.as_str(), "{kind}");
        assert_eq!(g["kind"], two.kind.to_string(), "{kind}");
        assert_eq!(
            g["influence"],
            two.influence.map_or(0, |s| i64::from(s.get())),
            "{kind}"
        );
        assert_eq!(
            g["has_undirected"], true,
            "{kind}: the `directed` attribute says which are not"
        );
        let weights: Vec<f64> = g["weights"]
            .as_array()
            .expect("weights")
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        assert!(
            weights.iter().all(|w| (0.0..=5.0).contains(w)) && weights.len() > 2,
            "{kind}: {weights:?}"
        );
    }
    let position = two.position.expect("placed");
    assert_eq!(
        read["position"]["x"].as_f64().map(|x| x as f32),
        Some(position.0)
    );
    assert_eq!(
        read["position"]["y"].as_f64().map(|y| y as f32),
        Some(-position.1),
        "y flipped for Gephi"
    );
}

#[test]
fn networkx_refuses_native_mixed_directions_as_documented() {
    if !available(
        "python3",
        &["-c", "import networkx"],
        "python3 with networkx",
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let graphml = write(
        dir.path(),
        "map.graphml",
        ExportFormat::GraphMl,
        MixedDirections::Native,
    );
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys, networkx as nx; nx.read_graphml(sys.argv[1])",
            &graphml,
        ])
        .output()
        .expect("python runs");
    assert!(
        !output.status.success(),
        "networkx reads native mixed directions now: update the docs"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("directed=false edge found in directed graph")
    );
}

#[test]
fn graphviz_renders_the_dot_export() {
    if !available("dot", &["-V"], "Graphviz (dot)") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "map.dot",
        ExportFormat::Dot,
        MixedDirections::Portable,
    );
    for engine in ["dot", "neato"] {
        let output = Command::new(engine)
            .args(["-Tsvg", &path])
            .output()
            .expect("graphviz runs");
        assert!(
            output.status.success(),
            "{engine}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let svg = String::from_utf8_lossy(&output.stdout);
        assert!(svg.contains("<svg"), "{engine}");
        assert!(
            svg.contains("City Police Service"),
            "{engine}: names are drawn"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("Error"), "{engine}: {stderr}");
    }
}
