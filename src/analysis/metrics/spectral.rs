//! Eigenvector centrality and PageRank by power iteration, weighted by strength, with
//! networkx's iterations, parameters and stopping rules so the values agree with it.

use super::ties::TieGraph;

/// The most power iterations for eigenvector centrality. networkx stops at 100 and raises
/// when it has not converged; some maps in several parts need more, so we allow 1,000 and
/// give the last iterate (flagged) if even that is not enough.
pub(crate) const EIGENVECTOR_MAX_ITERATIONS: usize = 1000;
/// networkx's default tolerance: iteration stops when the summed change is below
/// `n * TOLERANCE`.
const TOLERANCE: f64 = 1e-6;
/// PageRank's damping factor (networkx's default `alpha`).
pub(crate) const DAMPING: f64 = 0.85;
/// PageRank's most iterations (networkx's default `max_iter`).
const PAGERANK_MAX_ITERATIONS: usize = 100;

/// Eigenvector centrality weighted by strength, and whether the iteration converged.
///
/// networkx's `eigenvector_centrality(G, weight="weight", max_iter=1000)`: start from
/// `1/n` everywhere, repeat `x <- (A + I) x` normalised to unit Euclidean length (adding
/// the identity keeps the iteration from oscillating on bipartite maps without changing
/// the eigenvector), stop when the summed absolute change is below `n * 1e-6`. After
/// P. Bonacich, "Power and centrality: a family of measures", American Journal of
/// Sociology 92(5), 1987.
pub(crate) fn eigenvector(g: &TieGraph) -> (Vec<f64>, bool) {
    let n = g.node_count();
    if n == 0 {
        return (Vec::new(), true);
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..EIGENVECTOR_MAX_ITERATIONS {
        next.copy_from_slice(&x);
        for (v, &xv) in x.iter().enumerate() {
            let (neighbours, strengths) = g.neighbours(v);
            for (&w, &strength) in neighbours.iter().zip(strengths) {
                next[w as usize] += xv * f64::from(strength.get());
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for v in &mut next {
            *v /= norm;
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * TOLERANCE {
            return (x, true);
        }
    }
    (x, false)
}

/// PageRank weighted by strength, summing to 1 over the map.
///
/// networkx's `pagerank(G, alpha=0.85, weight="weight")` on the undirected map (each tie
/// read both ways): a random walker follows a tie with probability proportional to its
/// strength, and with probability 0.15 (or always, from a stakeholder with no tie) jumps to
/// any stakeholder at random. Start from `1/n`, stop when the summed absolute change is
/// below `n * 1e-6`, at most 100 iterations. After S. Brin and L. Page, "The anatomy of a
/// large-scale hypertextual web search engine", WWW 1998.
pub(crate) fn pagerank(g: &TieGraph) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let out_strength: Vec<f64> = (0..n)
        .map(|v| g.neighbours(v).1.iter().map(|s| f64::from(s.get())).sum())
        .collect();
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..PAGERANK_MAX_ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|&v| out_strength[v] == 0.0)
            .map(|v| x[v])
            .sum();
        next.fill(0.0);
        for v in 0..n {
            if out_strength[v] == 0.0 {
                continue;
            }
            let share = x[v] / out_strength[v];
            let (neighbours, strengths) = g.neighbours(v);
            for (&w, &strength) in neighbours.iter().zip(strengths) {
                next[w as usize] += share * f64::from(strength.get());
            }
        }
        for v in &mut next {
            *v = DAMPING * (*v + dangling * uniform) + (1.0 - DAMPING) * uniform;
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * TOLERANCE {
            break;
        }
    }
    x
}
