/**
 * Where the explorer's centroids start, and the elbow curve of a point set.
 *
 * - 'k-means++' and 'random' are `initCentroids` (seeded);
 * - 'bad' is a deliberately bad start that leaves the last cluster empty at the first assignment:
 *   k − 1 centroids by k-means++, and the last one in a corner of the plane so far from the points
 *   that no point is nearest to it (if every corner has a point nearest to it, the last centroid sits
 *   on the first one, and the tie goes to the first). The explorer then shows what k-means does about it.
 */
import { initCentroids, kmeans } from '../unsupervised/kmeans.ts';
import { PLANE } from './datasets.ts';

export type StartMethod = 'k-means++' | 'random' | 'bad';

export const START_METHODS: readonly StartMethod[] = ['k-means++', 'random', 'bad'];

export const START_NAMES: Readonly<Record<StartMethod, string>> = {
  'k-means++': 'k-means++',
  random: 'Random points',
  bad: 'Bad start (one centroid far away)',
};

/** The largest k the explorer offers (and the elbow curve's last k). */
export const MAX_K = 8;

/** True when no point has (x, y) as its nearest of `centroids` (k × 2, ties to the lower index) if (x, y) is centroid k. */
function claimsNoPoint(points: Float32Array, n: number, centroids: Float32Array, k: number, x: number, y: number): boolean {
  for (let i = 0; i < n; i++) {
    const px = points[2 * i]!;
    const py = points[2 * i + 1]!;
    const mine = (px - x) ** 2 + (py - y) ** 2;
    let nearest = Infinity;
    for (let c = 0; c < k; c++) nearest = Math.min(nearest, (px - centroids[2 * c]!) ** 2 + (py - centroids[2 * c + 1]!) ** 2);
    if (mine < nearest) return false;
  }
  return true;
}

/** The k starting centroids (k × 2). Needs k ≤ n (RangeError otherwise, with a sentence). */
export function startCentroids(points: Float32Array, n: number, k: number, method: StartMethod, seed: number): Float32Array {
  if (method !== 'bad') return initCentroids(points, n, 2, k, method, seed);
  if (k < 2) return initCentroids(points, n, 2, k, 'k-means++', seed); // one centroid always has every point
  const out = new Float32Array(2 * k);
  out.set(initCentroids(points, n, 2, k - 1, 'k-means++', seed));
  const inset = 0.3; // the centroid's mark stays whole inside the plane
  const corners: [number, number][] = [
    [PLANE.x[1] - inset, PLANE.y[1] - inset],
    [PLANE.x[0] + inset, PLANE.y[1] - inset],
    [PLANE.x[1] - inset, PLANE.y[0] + inset],
    [PLANE.x[0] + inset, PLANE.y[0] + inset],
  ];
  const corner = corners.find(([x, y]) => claimsNoPoint(points, n, out, k - 1, x, y)) ?? [out[0]!, out[1]!];
  out[2 * (k - 1)] = corner[0];
  out[2 * (k - 1) + 1] = corner[1];
  return out;
}

/** Seed of the elbow curve's runs (fixed, so the curve depends on the points only). */
export const ELBOW_SEED = 1;

/** Inertia after k-means++ (seed ELBOW_SEED) to convergence for k = 1 … min(maxK, n). */
export function elbowCurve(points: Float32Array, n: number, maxK = MAX_K): number[] {
  const out: number[] = [];
  for (let k = 1; k <= Math.min(maxK, n); k++) out.push(kmeans(points, n, 2, { k, init: 'k-means++', seed: ELBOW_SEED }).inertia);
  return out;
}
