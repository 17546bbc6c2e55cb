/**
 * DBSCAN (Ester, Kriegel, Sander and Xu, 1996): clusters are regions where points are crowded,
 * so a cluster may have any shape (two interleaved moons), and a point far from any crowd is noise.
 *
 * A point is a core point when at least `minPoints` points (itself included) lie within `eps` of it.
 * Core points within `eps` of each other share a cluster; a point that is not core but lies within
 * `eps` of a core point joins that cluster as a border point (the first cluster to reach it, in point
 * order); every other point is noise (label −1). No number of clusters is given: it follows from
 * `eps` and `minPoints`.
 *
 * Any dimension d, row-major `Float32Array` of n·d. Neighbours are found by brute force (n² distances):
 * fine for the explorer's few hundred points. Deterministic: the same points give the same labels.
 */

export const NOISE = -1;

export interface DbscanOptions {
  /** The neighbourhood radius (Euclidean), > 0. */
  eps: number;
  /** Points (itself included) a neighbourhood needs for its centre to be a core point, ≥ 1. */
  minPoints: number;
}

export interface DbscanResult {
  /** The cluster of each point, 0 … clusters − 1, or NOISE (−1). Clusters are numbered in the order they are found. */
  labels: Int32Array;
  clusters: number;
  /** 1 where the point is a core point. */
  core: Uint8Array;
  /** How many points are noise. */
  noise: number;
}

/** The indices of the points within `eps` of point i (i included). */
function neighbours(data: Float32Array, n: number, d: number, i: number, eps2: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let c = 0; c < d; c++) {
      const diff = data[i * d + c]! - data[j * d + c]!;
      s += diff * diff;
    }
    if (s <= eps2) out.push(j);
  }
  return out;
}

export function dbscan(data: Float32Array, n: number, d: number, options: DbscanOptions): DbscanResult {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1 || data.length < n * d) {
    throw new Error(`dbscan: expected n·d = ${n}·${d} values, got ${data.length}.`);
  }
  const { eps, minPoints } = options;
  if (!(eps > 0) || !Number.isFinite(eps)) throw new Error(`dbscan: eps must be a positive number, got ${eps}.`);
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new Error(`dbscan: minPoints must be a whole number of at least 1, got ${minPoints}.`);

  const eps2 = eps * eps;
  const UNSEEN = -2;
  const labels = new Int32Array(n).fill(UNSEEN);
  const core = new Uint8Array(n);
  let clusters = 0;

  for (let i = 0; i < n; i++) {
    if (labels[i] !== UNSEEN) continue;
    const around = neighbours(data, n, d, i, eps2);
    if (around.length < minPoints) {
      labels[i] = NOISE; // for now: a later cluster may reach it as a border point
      continue;
    }
    const cluster = clusters++;
    core[i] = 1;
    labels[i] = cluster;
    const queue = around.filter((j) => j !== i);
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q]!;
      if (labels[j] === NOISE) labels[j] = cluster; // a border point
      if (labels[j] !== UNSEEN) continue;
      labels[j] = cluster;
      const next = neighbours(data, n, d, j, eps2);
      if (next.length >= minPoints) {
        core[j] = 1;
        for (const m of next) if (labels[m] === UNSEEN || labels[m] === NOISE) queue.push(m);
      }
    }
  }
  let noise = 0;
  for (let i = 0; i < n; i++) if (labels[i] === NOISE) noise++;
  return { labels, clusters, core, noise };
}
