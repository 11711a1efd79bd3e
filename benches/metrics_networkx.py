#!/usr/bin/env python3
"""networkx's time for the metrics stakemap computes, on the edge lists that
`cargo bench --bench metrics` writes (`# stakeholders N`, then `from<TAB>to<TAB>strength`).

Prints `n<TAB>part<TAB>seconds` lines, one run each, with the parts named as in
benches/metrics.rs. Seconds are this process's CPU time (`time.process_time`): on a busy
machine the wall clock would count other programs' time too. The graph is built by stakemap's rules (undirected, strength 0 and
self-relationships left out, one edge per pair at the strongest strength), and each metric
is called as stakemap's documentation says it matches:

    paths        betweenness_centrality(G) and (G, weight="distance"),
                 closeness_centrality(G) and (G, distance="distance"),
                 the average shortest path length over connected pairs
    eigenvector  eigenvector_centrality(G, weight="weight", max_iter=1000)
    pagerank     pagerank(G, weight="weight")
    communities  louvain_communities(G, weight="weight", seed=1) and its modularity
    structure    connected_components, articulation_points, bridges
"""

import sys
import time

import networkx as nx


def read(path):
    g = nx.Graph()
    with open(path) as f:
        first = f.readline().split()
        g.add_nodes_from(range(1, int(first[2]) + 1))
        for line in f:
            a, b, s = (int(x) for x in line.split("\t"))
            if s == 0 or a == b:
                continue
            if g.has_edge(a, b):
                s = max(s, g[a][b]["weight"])
            g.add_edge(a, b, weight=s, distance=1.0 / s)
    return g


def average_path_length(g):
    total = pairs = 0
    for _, lengths in nx.all_pairs_shortest_path_length(g):
        for d in lengths.values():
            if d > 0:
                total += d
                pairs += 1
    return total / pairs if pairs else None


def paths(g):
    nx.betweenness_centrality(g)
    nx.betweenness_centrality(g, weight="distance")
    nx.closeness_centrality(g)
    nx.closeness_centrality(g, distance="distance")
    average_path_length(g)


def communities(g):
    parts = nx.community.louvain_communities(g, weight="weight", seed=1)
    nx.community.modularity(g, parts, weight="weight")


def structure(g):
    list(nx.connected_components(g))
    list(nx.articulation_points(g))
    list(nx.bridges(g))


PARTS = [
    ("paths", paths),
    ("eigenvector", lambda g: nx.eigenvector_centrality(g, weight="weight", max_iter=1000)),
    ("pagerank", lambda g: nx.pagerank(g, weight="weight")),
    ("communities", communities),
    ("structure", structure),
]


def main(paths_to_files):
    for path in paths_to_files:
        t = time.process_time()
        g = read(path)
        print(f"{len(g)}\ttie graph\t{time.process_time() - t}", flush=True)
        total = 0.0
        for name, part in PARTS:
            t = time.process_time()
            part(g)
            seconds = time.process_time() - t
            total += seconds
            print(f"{len(g)}\t{name}\t{seconds}", flush=True)
        print(f"{len(g)}\tall metrics\t{total}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
