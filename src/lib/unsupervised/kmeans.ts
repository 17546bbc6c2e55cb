/**
 * k-means (Lloyd's algorithm) over a set of n points of dimension d, stored as one row-major
 * Float32Array of length n·d (the layout of every unsupervised module here).
 *
 * The three steps are exported separately so that a widget can run them one at a time:
 * `initCentroids` (k-means++ or k random points, seeded), `assignPoints` (each point to its
 * nearest centroid) and `updateCentroids` (each centroid to the mean of its points). `kmeans`
 * loops them to convergence.
 *
 * Speed: squared distances come from ‖x‖² − 2·x·c + ‖c‖², so the heavy part is the product of
 * a block of points with all the centroids, done by the tiled `gemmNT` (./../nn/gemm.ts) on
 * blocks of BLOCK points into one reused buffer: nothing is allocated per point. The winner's
 * distance is then recomputed directly (d more steps per point), so the inertia is exact.
 */

import { gemmNT } from '../nn/gemm.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

export type KMeansInit = 'k-means++' | 'random';

export interface KMeansOptions {
  k: number;
  init: KMeansInit;
  seed: number;
  /** Stop after this many assign + update steps even if not converged (default 100). */
  maxIterations?: number;
  /** Converged when no centroid moved by more than this squared distance in a step (default 1e-4). */
  tolerance?: number;
  /** Called after every step with the state it produced (the arrays are the run's own: copy them to keep them). */
  onIteration?: (state: KMeansIteration) => void;
}

export interface KMeansIteration {
  /** 1 for the first step. */
  iteration: number;
  /** The labels of this step's assignment and its inertia (against the centroids before the update). */
  labels: Int32Array;
  inertia: number;
  /** The centroids after the update. */
  centroids: Float32Array;
  /** Clusters that had no point in this step (re-seeded, see `kmeans`). */
  empty: number[];
  /** The largest squared distance a centroid moved in this step. */
  shift: number;
}

export interface KMeansResult {
  centroids: Float32Array;
  labels: Int32Array;
  /** Sum over the points of the squared distance to their centroid. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** gemmNT's fast path takes centroids four at a time; the distance product pads them to a multiple of 4. */
const paddedCount = (k: number): number => Math.ceil(k / 4) * 4;

/** Points per block in the distance product: 256 × 784 floats of data stay in cache while the centroids stream past. */
const BLOCK = 256;

function checkSet(name: string, data: Float32Array, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name}: the number of points must be a positive integer, got ${n}.`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`${name}: the dimension must be a positive integer, got ${d}.`);
  if (data.length < n * d) {
    throw new RangeError(`${name}: ${n} points of dimension ${d} need ${n * d} values, but the array holds ${data.length}.`);
  }
}

function checkK(name: string, k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${name}: k must be a positive integer, got ${k}.`);
  if (k > n) throw new RangeError(`${name}: k = ${k} clusters need at least ${k} points, but there are ${n}.`);
}

/** Squared Euclidean distance between row i of `a` and row j of `b`, both of dimension d. */
function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, d: number): number {
  let sum = 0;
  const ai = i * d;
  const bj = j * d;
  for (let p = 0; p < d; p++) {
    const diff = a[ai + p]! - b[bj + p]!;
    sum += diff * diff;
  }
  return sum;
}

function rowNorms(data: Float32Array, n: number, d: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let p = i * d, end = p + d; p < end; p++) sum += data[p]! * data[p]!;
    norms[i] = sum;
  }
  return norms;
}

/**
 * The first centroids, as copies of k distinct points of the set (k·d values).
 * 'random': k different points, uniformly. 'k-means++' (Arthur and Vassilvitskii, 2007): the first
 * uniformly, each next one with probability proportional to its squared distance to the nearest
 * centroid chosen so far (if every point already sits on a centroid, uniformly among the others).
 * The same seed gives the same centroids.
 */
export function initCentroids(data: Float32Array, n: number, d: number, k: number, method: KMeansInit, seed: number): Float32Array {
  checkSet('initCentroids', data, n, d);
  checkK('initCentroids', k, n);
  const rand = mulberry32(seed);
  const centroids = new Float32Array(k * d);
  const copy = (point: number, slot: number): void => centroids.set(data.subarray(point * d, point * d + d), slot * d);
  if (method === 'random') {
    // A partial Fisher–Yates shuffle: the first k of a random permutation.
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let c = 0; c < k; c++) {
      const j = c + Math.floor(rand() * (n - c));
      const t = order[c]!;
      order[c] = order[j]!;
      order[j] = t;
      copy(order[c]!, c);
    }
    return centroids;
  }
  if (method !== 'k-means++') throw new RangeError(`initCentroids: unknown method '${String(method)}'; use 'k-means++' or 'random'.`);
  const chosen = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Infinity);
  let point = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    chosen[point] = 1;
    copy(point, c);
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(data, i, centroids, c, d);
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
    point = total > 0 ? sampleProportional(nearest, total, rand()) : sampleUnchosen(chosen, n, rand());
  }
  return centroids;
}

/** The index i drawn with probability weights[i] / total, given u uniform in [0, 1). */
function sampleProportional(weights: Float64Array, total: number, u: number): number {
  const target = u * total;
  let sum = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i]! <= 0) continue;
    sum += weights[i]!;
    last = i;
    if (sum > target) return i;
  }
  return last; // rounding: the last point with a positive weight
}

function sampleUnchosen(chosen: Uint8Array, n: number, u: number): number {
  let free = 0;
  for (let i = 0; i < n; i++) if (!chosen[i]) free++;
  let r = Math.floor(u * free);
  for (let i = 0; i < n; i++) if (!chosen[i] && r-- === 0) return i;
  return 0; // unreachable while k ≤ n
}

/**
 * Each point to its nearest centroid (the lowest index on a tie). `inertia` is the sum of the
 * squared distances to those centroids. With `distances` (length ≥ n) each point's squared
 * distance is also written there.
 */
export function assignPoints(
  data: Float32Array,
  n: number,
  d: number,
  centroids: Float32Array,
  k: number,
  distances?: Float64Array,
): { labels: Int32Array; inertia: number } {
  checkSet('assignPoints', data, n, d);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`assignPoints: k must be a positive integer, got ${k}.`);
  if (centroids.length < k * d) throw new RangeError(`assignPoints: ${k} centroids of dimension ${d} need ${k * d} values, got ${centroids.length}.`);
  const labels = new Int32Array(n);
  const inertia = assignInto(data, n, d, centroids, k, labels, distances, new Float32Array(Math.min(n, BLOCK) * paddedCount(k)));
  return { labels, inertia };
}

/** assignPoints on caller-owned buffers (the loop of `kmeans` reuses them): returns the inertia. */
function assignInto(
  data: Float32Array,
  n: number,
  d: number,
  centroids: Float32Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array | undefined,
  dots: Float32Array,
): number {
  const centroidNorms = rowNorms(centroids, k, d);
  // gemmNT's fast path takes centroids four at a time: pad with zero rows (never chosen) to a multiple of 4.
  const padded = paddedCount(k);
  const block = padded === k ? centroids : new Float32Array(padded * d);
  if (block !== centroids) block.set(centroids.subarray(0, k * d));
  let inertia = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const rows = Math.min(BLOCK, n - start);
    gemmNT(data.subarray(start * d, (start + rows) * d), block, dots, rows, d, padded);
    for (let r = 0; r < rows; r++) {
      const i = start + r;
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = centroidNorms[c]! - 2 * dots[r * padded + c]!;
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      // The expansion picks the centroid; the distance itself is recomputed directly, since
      // ‖x‖² − 2x·c + ‖c‖² loses digits (even below zero) when x sits near c.
      const dist = squaredDistance(data, i, centroids, best, d);
      labels[i] = best;
      inertia += dist;
      if (distances) distances[i] = dist;
    }
  }
  return inertia;
}

/**
 * Each centroid to the mean of the points labelled with it. A cluster with no point keeps its
 * `previous` centroid and is listed in `empty` (k-means itself then re-seeds it; the explorer shows it).
 */
export function updateCentroids(
  data: Float32Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  previous: Float32Array,
): { centroids: Float32Array; empty: number[] } {
  checkSet('updateCentroids', data, n, d);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`updateCentroids: k must be a positive integer, got ${k}.`);
  if (labels.length < n) throw new RangeError(`updateCentroids: ${n} points need ${n} labels, got ${labels.length}.`);
  if (previous.length < k * d)
    throw new RangeError(`updateCentroids: ${k} previous centroids of dimension ${d} need ${k * d} values, got ${previous.length}.`);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < k)) throw new RangeError(`updateCentroids: point ${i} has label ${c}, outside 0..${k - 1}.`);
    counts[c]!++;
    const row = c * d;
    for (let p = 0, q = i * d; p < d; p++, q++) sums[row + p]! += data[q]!;
  }
  const centroids = new Float32Array(k * d);
  const empty: number[] = [];
  for (let c = 0; c < k; c++) {
    const row = c * d;
    if (counts[c] === 0) {
      empty.push(c);
      centroids.set(previous.subarray(row, row + d), row);
      continue;
    }
    const inv = 1 / counts[c]!;
    for (let p = 0; p < d; p++) centroids[row + p] = sums[row + p]! * inv;
  }
  return { centroids, empty };
}

/**
 * k-means to convergence: initialise (seeded), then repeat assign + update until no centroid
 * moves by more than `tolerance` (squared distance, as ml-kmeans measures it) or `maxIterations`
 * steps have run. An EMPTY cluster is re-seeded at the point farthest from its own centroid (the
 * point the current clustering explains worst; each empty cluster takes a different point), so
 * k clusters come out whenever the set has k distinct points. The returned labels and inertia
 * are those of the returned centroids (one last assignment after the loop).
 */
export function kmeans(data: Float32Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const { k, init, seed, maxIterations = 100, tolerance = 1e-4, onIteration } = options;
  checkSet('kmeans', data, n, d);
  checkK('kmeans', k, n);
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    throw new RangeError(`kmeans: maxIterations must be a non-negative integer, got ${maxIterations}.`);
  if (!(tolerance >= 0)) throw new RangeError(`kmeans: tolerance must be a non-negative number, got ${tolerance}.`);
  const dots = new Float32Array(Math.min(n, BLOCK) * paddedCount(k));
  const distances = new Float64Array(n);
  let labels = new Int32Array(n);
  let centroids = initCentroids(data, n, d, k, init, seed);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const inertia = assignInto(data, n, d, centroids, k, labels, distances, dots);
    const update = updateCentroids(data, n, d, labels, k, centroids);
    for (const c of update.empty) reseed(data, d, update.centroids, c, distances);
    let shift = 0;
    for (let c = 0; c < k; c++) shift = Math.max(shift, squaredDistance(update.centroids, c, centroids, c, d));
    centroids = update.centroids;
    converged = shift <= tolerance;
    onIteration?.({ iteration: iterations, labels, inertia, centroids, empty: update.empty, shift });
    if (onIteration) labels = new Int32Array(n); // the callback may keep the last array
  }
  const inertia = assignInto(data, n, d, centroids, k, labels, undefined, dots);
  return { centroids, labels, inertia, iterations, converged };
}

/** Put centroid c on the point with the largest distance, and zero that distance so the next empty cluster takes another point. */
function reseed(data: Float32Array, d: number, centroids: Float32Array, c: number, distances: Float64Array): void {
  let far = 0;
  for (let i = 1; i < distances.length; i++) if (distances[i]! > distances[far]!) far = i;
  centroids.set(data.subarray(far * d, far * d + d), c * d);
  distances[far] = 0;
}
