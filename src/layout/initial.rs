//! Starting positions for the force layout when the caller has none: pivot MDS
//! (Brandes and Pich 2007), which lays the graph out by hop distances from a few dozen
//! well-spread pivot nodes. It gets the global shape right in a few milliseconds, which
//! plain force layouts from a random start never quite recover; the forces then only
//! have to tidy the neighbourhoods.

use std::collections::VecDeque;

use super::{Adjacency, Point, SplitMix64};

/// How many pivots: more gives a truer picture of the hop distances, at a cost of n * k
/// for the searches and n * k^2 / 2 for the k x k product. On the benchmark graphs 20, 50
/// and 100 pivots gave final stress within 2% of one another; 100 was the best by a hair
/// and cost no measurable extra time up to 20,000 nodes.
const PIVOTS: usize = 100;
/// Power iterations for each of the two leading eigenvectors of a PIVOTS x PIVOTS matrix.
const POWER_ITERATIONS: usize = 200;

/// Pivot MDS positions scaled so that the mean edge is `ideal_length` long, or `None`
/// when the graph gives no shape (fewer than three nodes, or no edges at all).
pub(crate) fn pivot_mds(adjacency: &Adjacency, seed: u64, ideal_length: f32) -> Option<Vec<Point>> {
    let n = adjacency.node_count();
    let k = PIVOTS.min(n);
    if k < 3 {
        return None;
    }

    // Pivots by max-min: each new pivot is the node furthest from all pivots so far, so
    // they spread over the whole graph (and visit every component before reusing one).
    let mut rng = SplitMix64::new(seed ^ 0xC0FF_EE00_D15C);
    let mut nearest = vec![u32::MAX; n];
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    let mut columns: Vec<Vec<u32>> = Vec::with_capacity(k);
    let mut pivot = rng.below(n);
    for _ in 0..k {
        adjacency.bfs(pivot, &mut dist, &mut queue);
        for (near, &d) in nearest.iter_mut().zip(&dist) {
            *near = (*near).min(d);
        }
        columns.push(dist.clone());
        // Ties go to the lowest index, so the choice is deterministic.
        let (best, _) =
            nearest.iter().enumerate().fold(
                (0usize, 0u32),
                |acc, (i, &d)| if d > acc.1 { (i, d) } else { acc },
            );
        if nearest[best] == 0 {
            break;
        }
        pivot = best;
    }
    let k = columns.len();
    if k < 3 {
        return None;
    }

    // Unreachable pairs count as one hop further than the furthest reachable pair, which
    // sets other components beside this one rather than at infinity.
    let far = columns
        .iter()
        .flatten()
        .filter(|&&d| d != u32::MAX)
        .max()
        .copied()
        .unwrap_or(0);
    if far == 0 {
        return None;
    }
    let unreachable = f64::from(far) + 1.0;

    // C[i][j] = -1/2 * (d_ij^2 - row mean - column mean + grand mean): the double-centred
    // squared distances, stored row-major n x k.
    let mut c = vec![0.0f64; n * k];
    for (j, column) in columns.iter().enumerate() {
        for (i, &d) in column.iter().enumerate() {
            let d = if d == u32::MAX {
                unreachable
            } else {
                f64::from(d)
            };
            c[i * k + j] = d * d;
        }
    }
    let mut column_mean = vec![0.0f64; k];
    let mut row_mean = vec![0.0f64; n];
    for i in 0..n {
        let row = &c[i * k..(i + 1) * k];
        row_mean[i] = row.iter().sum::<f64>() / k as f64;
        for (m, v) in column_mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    for m in &mut column_mean {
        *m /= n as f64;
    }
    let grand = column_mean.iter().sum::<f64>() / k as f64;
    for i in 0..n {
        for j in 0..k {
            let v = &mut c[i * k + j];
            *v = -0.5 * (*v - row_mean[i] - column_mean[j] + grand);
        }
    }

    // The two leading right singular vectors of C, from C^T C (only k x k).
    let mut ctc = vec![0.0f64; k * k];
    for i in 0..n {
        let row = &c[i * k..(i + 1) * k];
        for a in 0..k {
            let ra = row[a];
            for b in a..k {
                ctc[a * k + b] += ra * row[b];
            }
        }
    }
    for a in 0..k {
        for b in 0..a {
            ctc[a * k + b] = ctc[b * k + a];
        }
    }
    let first = leading_eigenvector(&ctc, k, None)?;
    let second = leading_eigenvector(&ctc, k, Some(&first))?;

    let mut positions: Vec<Point> = (0..n)
        .map(|i| {
            let row = &c[i * k..(i + 1) * k];
            let x: f64 = row.iter().zip(&first).map(|(a, b)| a * b).sum();
            let y: f64 = row.iter().zip(&second).map(|(a, b)| a * b).sum();
            [x as f32, y as f32]
        })
        .collect();

    // Scale to the requested edge length.
    let (mut total, mut edges) = (0.0f64, 0usize);
    for i in 0..n {
        for &j in adjacency.neighbours(i) {
            let (a, b) = (positions[i], positions[j as usize]);
            total += f64::from((a[0] - b[0]).hypot(a[1] - b[1]));
            edges += 1;
        }
    }
    let mean = total / edges.max(1) as f64;
    if !(mean.is_finite() && mean > 1e-12) {
        return None;
    }
    let scale = (f64::from(ideal_length) / mean) as f32;
    for p in &mut positions {
        p[0] *= scale;
        p[1] *= scale;
    }
    positions
        .iter()
        .all(|p| p[0].is_finite() && p[1].is_finite())
        .then_some(positions)
}

/// Power iteration on the symmetric k x k `matrix`, kept orthogonal to `orthogonal_to`;
/// `None` if the matrix has nothing left in that direction.
fn leading_eigenvector(
    matrix: &[f64],
    k: usize,
    orthogonal_to: Option<&[f64]>,
) -> Option<Vec<f64>> {
    // A fixed, uneven start vector: deterministic, and unlikely to be orthogonal to the
    // eigenvector sought.
    let mut v: Vec<f64> = (0..k)
        .map(|i| 1.0 + (i as f64 * 0.618_033_988_7).fract())
        .collect();
    let mut next = vec![0.0f64; k];
    for _ in 0..POWER_ITERATIONS {
        if let Some(u) = orthogonal_to {
            let dot: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
            for (a, b) in v.iter_mut().zip(u) {
                *a -= dot * b;
            }
        }
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if !(norm.is_finite() && norm > 1e-300) {
            return None;
        }
        for a in &mut v {
            *a /= norm;
        }
        for (a, out) in next.iter_mut().enumerate() {
            *out = matrix[a * k..(a + 1) * k]
                .iter()
                .zip(&v)
                .map(|(m, x)| m * x)
                .sum();
        }
        std::mem::swap(&mut v, &mut next);
    }
    if let Some(u) = orthogonal_to {
        let dot: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
        for (a, b) in v.iter_mut().zip(u) {
            *a -= dot * b;
        }
    }
    let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
    if !(norm.is_finite() && norm > 1e-300) {
        return None;
    }
    Some(v.into_iter().map(|a| a / norm).collect())
}
