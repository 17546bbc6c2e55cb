/**
 * k-means beside DBSCAN on the same points, scored against the groups the points were drawn from
 * (when there are any: points the reader placed have none).
 *
 * Accuracy is "matched accuracy": clusters are matched one-to-one to groups (the Hungarian method,
 * `hungarian` in lib/unsupervised/metrics.ts) so that as many points as possible land in their
 * group's cluster, and the score is the share of points that do. DBSCAN's noise points belong to no
 * cluster, so they count as wrong.
 */
import { hungarian } from '../unsupervised/metrics.ts';
import { dbscan, NOISE, type DbscanOptions, type DbscanResult } from './dbscan.ts';
import type { PointSet } from './datasets.ts';
import type { StartMethod } from './start.ts';
import { startCentroids } from './start.ts';
import { KMeansStepper } from './stepper.ts';

/** The share of all n points in their group's cluster, clusters matched one-to-one to groups; noise (−1) is never right. */
export function matchedAccuracyWithNoise(labels: ArrayLike<number>, classes: ArrayLike<number>, clusters: number, groups: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  const table = Array.from({ length: clusters }, () => new Array<number>(groups).fill(0));
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c === NOISE) continue;
    table[c]![classes[i]!]!++;
  }
  if (clusters === 0) return 0;
  const match = hungarian(table.map((row) => row.map((v) => -v)));
  let hits = 0;
  match.forEach((g, c) => {
    if (g >= 0) hits += table[c]![g]!;
  });
  return hits / n;
}

export interface Comparison {
  /** k-means run to convergence from the explorer's start (the same half-steps the reader can take). */
  kmeans: { labels: Int32Array; accuracy: number | null; k: number };
  dbscan: DbscanResult & { accuracy: number | null };
}

/** k-means (k, start, seed) and DBSCAN on the same points. */
export function compare(set: PointSet, k: number, start: StartMethod, seed: number, options: DbscanOptions): Comparison {
  const stepper = new KMeansStepper(set.points, set.n, startCentroids(set.points, set.n, k, start, seed), k);
  stepper.run();
  const labels = stepper.current.labels!;
  const db = dbscan(set.points, set.n, 2, options);
  const score = (l: ArrayLike<number>, clusters: number) =>
    set.classes && set.groups ? matchedAccuracyWithNoise(l, set.classes, clusters, set.groups) : null;
  return {
    kmeans: { labels, accuracy: score(labels, k), k },
    dbscan: { ...db, accuracy: score(db.labels, db.clusters) },
  };
}
