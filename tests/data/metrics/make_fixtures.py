#!/usr/bin/env python3
"""Known metric values for stakemap's tests, computed with networkx.

Run from anywhere: `python3 tests/data/metrics/make_fixtures.py` rewrites the JSON
fixtures beside this script. The Rust tests (src/analysis/metrics tests and
tests/metrics.rs) build a map from each fixture's stakeholders and relationships,
compute `stakemap::analysis::network_metrics` and compare with these values.

A map becomes a networkx graph by stakemap's documented rules:
- undirected (`nx.Graph`), whatever each relationship's direction;
- a relationship of strength 0 is no working tie and is left out;
- a relationship from a stakeholder to itself is left out;
- several relationships between one pair make one edge with the strongest strength;
- weight = strength (1-5); distance = 1 / strength.

Weighted betweenness is computed here with the distance 60 / strength, an integer, so that
networkx compares path lengths exactly (betweenness does not change when every distance is
scaled by the same factor); weighted closeness uses 1 / strength as stakemap does.
"""

import json
import os
import random
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
LOUVAIN_SEEDS = range(20)


def pagerank(g):
    """networkx's pagerank with its defaults, weighted by strength; the pure-Python variant
    (same iteration and stopping rule) where numpy and scipy are not installed."""
    try:
        import scipy  # noqa: F401

        return nx.pagerank(g, weight="weight")
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, weight="weight")


def tie_graph(stakeholders, relationships):
    """The simple undirected weighted graph stakemap analyses."""
    g = nx.Graph()
    g.add_nodes_from(stakeholders)
    for a, b, strength in relationships:
        if strength == 0 or a == b:
            continue
        if g.has_edge(a, b):
            strength = max(strength, g[a][b]["weight"])
        g.add_edge(a, b, weight=strength, distance=1.0 / strength, d60=60 // strength)
    return g


def numbered(groups):
    """Each stakeholder's group number: largest group first, ties by smallest id."""
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    label = {}
    for i, c in enumerate(ordered):
        for v in c:
            label[v] = i
    return label


def average_path_length(g):
    """Mean hops over ordered pairs of distinct stakeholders joined by a path; None if none."""
    total = pairs = 0
    for _, lengths in nx.all_pairs_shortest_path_length(g):
        for d in lengths.values():
            if d > 0:
                total += d
                pairs += 1
    return total / pairs if pairs else None


def expected(g):
    ids = sorted(g.nodes())
    col = lambda values: [float(values[v]) for v in ids]
    out = {
        "degree": col(dict(g.degree())),
        "strength": col(dict(g.degree(weight="weight"))),
        "betweenness": col(nx.betweenness_centrality(g)),
        "weighted_betweenness": col(nx.betweenness_centrality(g, weight="d60")),
        "closeness": col(nx.closeness_centrality(g)),
        "weighted_closeness": col(nx.closeness_centrality(g, distance="distance")),
        # networkx's iteration and stopping rule, weighted by strength; up to 1,000
        # iterations as stakemap allows (networkx's default of 100 is too few for some
        # disconnected maps, where it raises; when it converges the result is the same).
        "eigenvector": col(nx.eigenvector_centrality(g, weight="weight", max_iter=1000)),
        "pagerank": col(pagerank(g)),
        "component": col(numbered(nx.connected_components(g))),
        "cut_point": col({v: 1 if v in set(nx.articulation_points(g)) else 0 for v in g}),
    }
    louvain = [
        nx.community.modularity(
            g, nx.community.louvain_communities(g, weight="weight", seed=s), weight="weight"
        )
        for s in LOUVAIN_SEEDS
    ] if g.number_of_edges() else [0.0]
    out["graph"] = {
        "ties": g.number_of_edges(),
        "density": nx.density(g),
        "average_path_length": average_path_length(g),
        "components": nx.number_connected_components(g),
        "articulation_points": sorted(nx.articulation_points(g)),
        "bridges": sorted(sorted(e) for e in nx.bridges(g)),
        "louvain_modularity_min": min(louvain),
        "louvain_modularity_mean": sum(louvain) / len(louvain),
        "louvain_modularity_max": max(louvain),
    }
    return out


def fixture(name, description, stakeholders, relationships, names=None, groups=None):
    g = tie_graph(stakeholders, relationships)
    data = {
        "name": name,
        "description": description,
        "made_with": f"networkx {nx.__version__}, tests/data/metrics/make_fixtures.py",
        "stakeholders": sorted(stakeholders),
        "names": names or {},
        "relationships": [list(r) for r in relationships],
        "expected": expected(g),
    }
    if groups is not None:
        # The modularity of a given grouping, to test modularity itself exactly.
        data["grouping"] = {
            "groups": [sorted(c) for c in groups],
            "modularity": nx.community.modularity(g, groups, weight="weight"),
        }
    path = os.path.join(HERE, f"{name}.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {path}", file=sys.stderr)


def karate():
    k = nx.karate_club_graph()
    # Ids 1-34 for networkx's nodes 0-33; Zachary's interaction counts (1-7) capped at the
    # highest strength, 5.
    rels = [(a + 1, b + 1, min(int(d["weight"]), 5)) for a, b, d in k.edges(data=True)]
    clubs = {}
    for v, d in k.nodes(data=True):
        clubs.setdefault(d["club"], set()).add(v + 1)
    fixture(
        "karate",
        "Zachary's karate club (networkx's karate_club_graph), strength = interactions capped at 5",
        [v + 1 for v in k.nodes()],
        rels,
        groups=[clubs[c] for c in sorted(clubs)],
    )


def florentine():
    f = nx.florentine_families_graph()
    families = sorted(f.nodes())
    ids = {name: i + 1 for i, name in enumerate(families)}
    rng = random.Random(1434)  # strengths are made up, but fixed
    rels = [(ids[a], ids[b], rng.randint(1, 5)) for a, b in sorted(f.edges())]
    fixture(
        "florentine",
        "Padgett's Florentine families (marriage ties), ids by family name, strengths made up",
        list(ids.values()),
        rels,
        names={str(i): name for name, i in ids.items()},
    )


def hand_made():
    # Weighted paths that differ from the hop paths, equal-length alternatives, parallel
    # relationships (the strongest counts), a self-relationship and a strength-0
    # relationship (both left out).
    fixture(
        "weighted_ties",
        "hand-made: weighted shortest paths unlike hop paths, ties, parallels, self, strength 0",
        list(range(1, 9)),
        [
            (1, 2, 1),
            (1, 3, 5),
            (3, 2, 5),  # 1-3-2 is shorter (0.4) than 1-2 (1.0) by strength
            (2, 4, 3),
            (3, 4, 3),  # two equal routes from 1 to 4 through 2 or 3 ...
            (4, 5, 2),
            (4, 5, 4),  # parallel: the strongest, 4, counts
            (5, 6, 2),
            (5, 7, 2),
            (6, 8, 4),
            (7, 8, 4),  # ... and two equal routes from 5 to 8
            (6, 6, 5),  # self: left out
            (2, 8, 0),  # strength 0: left out
        ],
    )
    # Two components of different sizes, a pair, an isolated stakeholder and one whose only
    # relationship has strength 0.
    fixture(
        "disconnected",
        "hand-made: a triangle with a tail, a star, a pair, an isolate, a strength-0-only stakeholder",
        list(range(1, 15)),
        [
            (1, 2, 3),
            (2, 3, 4),
            (3, 1, 2),
            (3, 4, 5),
            (4, 5, 1),
            (6, 7, 2),
            (6, 8, 3),
            (6, 9, 4),
            (6, 10, 5),
            (11, 12, 3),
            (14, 1, 0),
        ],
    )
    # Two cliques joined by one bridge through a middle stakeholder: communities are clear.
    a = [(i, j, 4) for i in range(1, 6) for j in range(i + 1, 6)]
    b = [(i, j, 3) for i in range(7, 12) for j in range(i + 1, 12)]
    fixture(
        "two_cliques",
        "hand-made: two five-cliques joined through stakeholder 6 (two bridges, one cut point each side)",
        list(range(1, 12)),
        a + b + [(5, 6, 2), (6, 7, 2)],
        groups=[set(range(1, 7)), set(range(7, 12))],
    )


if __name__ == "__main__":
    karate()
    florentine()
    hand_made()
