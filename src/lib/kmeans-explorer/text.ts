/**
 * The k-means explorer's sentences: what the half-step just done did, and what the next one will do.
 * Clusters are numbered from 1 for readers (cluster 1 is index 0). English, fixed formatting, so the
 * status line that tests read is what readers see.
 */
import { formatPercent } from '../format/numbers.ts';
import type { Comparison } from './compare.ts';
import type { PointsChoice } from './explorer.ts';
import { START_NAMES, type StartMethod } from './start.ts';
import type { Snapshot, StepKind } from './stepper.ts';

/** −1.234 → "−1.23" (a true minus sign). */
export const formatCoordinate = (v: number): string => (Math.round(v * 100) / 100).toFixed(2).replace('-', '−');

export const formatXY = (x: number, y: number): string => `(${formatCoordinate(x)}, ${formatCoordinate(y)})`;

/** Inertia with one decimal ("73.4"). */
export const formatInertia = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(1));

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** "cluster 3", "clusters 2 and 3", "clusters 1, 2 and 4". */
export function clusterList(clusters: readonly number[]): string {
  const names = clusters.map((c) => String(c + 1));
  if (names.length === 1) return `cluster ${names[0]}`;
  return `clusters ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const NEXT: Readonly<Record<Exclude<StepKind, 'start' | 'move'>, string>> = {
  assign: 'Next: each point joins its nearest centroid.',
  update: 'Next: each centroid moves to the mean of its points.',
  reseed: 'Next: the empty cluster gets a new centroid, on the point farthest from its own centroid (what kmeans does about an empty cluster).',
};

export interface StepContext {
  n: number;
  k: number;
  start: StartMethod;
  seed: number;
  /** The next half-step, or null once converged. */
  next: Exclude<StepKind, 'start' | 'move'> | null;
}

/** What happened in the half-step that made `s`, then what comes next (or that it has converged). */
export function stepSentence(s: Snapshot, points: Float32Array, ctx: StepContext): string {
  const inertia = `Inertia ${formatInertia(s.inertia)}.`;
  const next = ctx.next ? NEXT[ctx.next] : '';
  switch (s.kind) {
    case 'start': {
      const how = ctx.start === 'bad' ? 'a bad start: one centroid far from every point' : `${START_NAMES[ctx.start]} (seed ${ctx.seed})`;
      return `Ready: ${plural(ctx.n, 'point')}, k = ${ctx.k}, centroids placed by ${how}. ${next}`;
    }
    case 'assign': {
      if (s.converged) {
        return `Converged after ${plural(s.iteration, 'iteration')}: no point changed cluster, so the centroids would stay where they are. ${inertia}`;
      }
      const empty = s.sizes.map((size, c) => (size === 0 ? c : -1)).filter((c) => c >= 0);
      const emptyText = empty.length > 0 ? ` No point is nearest to the centroid of ${clusterList(empty)}: it is empty.` : '';
      return `Assignment: each point joined its nearest centroid; ${plural(s.changed, 'point')} changed cluster.${emptyText} ${inertia} ${next}`;
    }
    case 'update': {
      const moved = `the largest move was ${formatCoordinate(s.moved)}`;
      if (s.empty.length > 0) {
        const list = clusterList(s.empty);
        return (
          `Update ${s.iteration}: each centroid moved to the mean of its points (${moved}). ` +
          `${list[0]!.toUpperCase()}${list.slice(1)} had no point, so no mean: its centroid stayed where it was. ${inertia} ${next}`
        );
      }
      return `Update ${s.iteration}: each centroid moved to the mean of its points; ${moved}. ${inertia} ${next}`;
    }
    case 'reseed': {
      const where = s.seededAt.map((i) => formatXY(points[2 * i]!, points[2 * i + 1]!)).join(' and ');
      return `Re-seeded ${clusterList(s.empty)}: its centroid jumped to the point farthest from its own centroid, at ${where}. ${next}`;
    }
    case 'move': {
      const c = s.centroid;
      return `You moved centroid ${c + 1} to ${formatXY(s.centroids[2 * c]!, s.centroids[2 * c + 1]!)}; the clusters are out of date. ${inertia} ${next}`;
    }
  }
}

/** The text alternative of the comparison panel, and its caption. */
export function comparisonSentence(cmp: Comparison): string {
  const db = cmp.dbscan;
  const found = `DBSCAN found ${plural(db.clusters, 'cluster')} and ${plural(db.noise, 'noise point')}`;
  if (cmp.kmeans.accuracy === null || db.accuracy === null) return `${found}; k-means was asked for ${cmp.kmeans.k}.`;
  return `Points in their own group's cluster: k-means (k = ${cmp.kmeans.k}) ${formatPercent(cmp.kmeans.accuracy)}, DBSCAN ${formatPercent(db.accuracy)}. ${found}.`;
}

/** The elbow plot's text alternative. */
export function elbowSentence(inertias: readonly number[], k: number): string {
  if (inertias.length === 0) return 'Elbow plot: add points to see the inertia for each k.';
  const list = inertias.map((v, i) => `k = ${i + 1}: ${formatInertia(v)}`).join(', ');
  return `Elbow plot, inertia after k-means++ to convergence: ${list}. The chosen k is ${k}.`;
}

/** What each set shows about k-means (the caption under the plane); the reader's own points get the instructions. */
export const SET_NOTES: Readonly<Record<PointsChoice, string>> = {
  blobs: 'Round blobs of the same size: what k-means is made for.',
  moons:
    'k-means draws straight borders, halfway between two centroids, so no start and no k lets it follow a curved moon. DBSCAN joins points that have crowded neighbours, so it follows any shape.',
  anisotropic: 'k-means measures plain distance, as if every cluster were round: it cuts stretched blobs across.',
  densities:
    "k-means puts each border halfway between two centroids, whatever each cluster's spread; DBSCAN's one radius ε cannot suit a tight cluster and a sparse one at once.",
  own: 'Your own points: click the plane to add more.',
};
