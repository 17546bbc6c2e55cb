/**
 * k-means one half-step at a time, with a history to step back through: the model behind the k-means
 * explorer. Each half-step is one of
 *
 * - `assign`: every point joins its nearest centroid (`assignPoints`);
 * - `update`: every centroid moves to the mean of its points (`updateCentroids`); a cluster with no
 *   point has no mean, so its centroid stays where it was and the cluster is listed as empty;
 * - `reseed`: after an update that left clusters empty, each empty centroid jumps to the point farthest
 *   from its own centroid (each to a different point), exactly as `kmeans` does it;
 *
 * and the reader may also `move` a centroid by hand (a drag, or the arrow keys), after which the next
 * half-step is an assignment. The run has converged when an assignment that follows an update changes
 * no point's cluster: the next update would put every centroid where it already is. Running it to
 * convergence from `initCentroids(…, seed)` gives the clusters `kmeans` gives with that seed.
 *
 * Two-dimensional points only (the explorer's plane), row-major `Float32Array` of n·2.
 */
import { assignPoints, updateCentroids } from '../unsupervised/kmeans.ts';

export type StepKind = 'start' | 'assign' | 'update' | 'reseed' | 'move';

/** One state of the run, as the reader sees it after a half-step. Arrays are never changed once made. */
export interface Snapshot {
  /** What made this state. */
  kind: StepKind;
  /** k × 2. */
  centroids: Float32Array;
  /** Each point's cluster; null before the first assignment. */
  labels: Int32Array | null;
  /** Each point's squared distance to the centroid it was assigned to (kept for a re-seed); null before the first assignment. */
  distances: Float64Array | null;
  /** Sum of squared distances from each point to its cluster's centroid, with these centroids; null before the first assignment. */
  inertia: number | null;
  /** Completed updates. */
  iteration: number;
  /** assign: how many points changed cluster (all of them at the first assignment). */
  changed: number;
  /** update: the clusters left with no point (their centroids stayed); reseed: the clusters re-seeded. */
  empty: number[];
  /** update: the largest distance a centroid moved; move: the centroid moved. */
  moved: number;
  /** move: which centroid the reader moved. */
  centroid: number;
  /** reseed: the point each re-seeded centroid now sits on (in the order of `empty`). */
  seededAt: number[];
  /** True once an assignment after an update changed nothing. */
  converged: boolean;
  /** The cluster sizes (all zero before the first assignment). */
  sizes: number[];
}

/** Sum of squared distances from each point to the centroid of its label. */
export function inertiaOf(points: Float32Array, n: number, labels: Int32Array, centroids: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const dx = points[2 * i]! - centroids[2 * c]!;
    const dy = points[2 * i + 1]! - centroids[2 * c + 1]!;
    sum += dx * dx + dy * dy;
  }
  return sum;
}

function sizesOf(labels: Int32Array | null, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  if (labels) for (const c of labels) sizes[c]!++;
  return sizes;
}

/** Safety net for run(): no run on a few hundred points comes near it. */
export const MAX_HALF_STEPS = 1000;

export class KMeansStepper {
  private readonly history: Snapshot[];
  readonly points: Float32Array;
  readonly n: number;
  readonly k: number;

  /**
   * @param points n × 2
   * @param centroids the k starting centroids (k × 2), e.g. from `initCentroids`
   */
  constructor(points: Float32Array, n: number, centroids: Float32Array, k: number) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`KMeansStepper: k must be a positive integer, got ${k}.`);
    if (centroids.length < 2 * k) throw new RangeError(`KMeansStepper: ${k} centroids need ${2 * k} values, got ${centroids.length}.`);
    if (!Number.isInteger(n) || n < 1 || points.length < 2 * n) throw new RangeError(`KMeansStepper: expected ${n} points (n ≥ 1) of 2 values each.`);
    this.points = points;
    this.n = n;
    this.k = k;
    this.history = [
      {
        kind: 'start',
        centroids: centroids.slice(0, 2 * k),
        labels: null,
        distances: null,
        inertia: null,
        iteration: 0,
        changed: 0,
        empty: [],
        moved: 0,
        centroid: -1,
        seededAt: [],
        converged: false,
        sizes: sizesOf(null, k),
      },
    ];
  }

  get current(): Snapshot {
    return this.history[this.history.length - 1]!;
  }

  /** Half-steps taken (and moves made) since the start: how many times back() can go. */
  get depth(): number {
    return this.history.length - 1;
  }

  get canStepBack(): boolean {
    return this.history.length > 1;
  }

  /** What the next half-step will be; null once converged. */
  get next(): Exclude<StepKind, 'start' | 'move'> | null {
    const s = this.current;
    if (s.converged) return null;
    if (s.kind === 'assign') return 'update';
    if (s.kind === 'update' && s.empty.length > 0) return 'reseed';
    return 'assign';
  }

  /** Take the next half-step; false (and nothing changes) once converged. */
  step(): boolean {
    const next = this.next;
    if (next === null) return false;
    const s = this.current;
    this.history.push(next === 'assign' ? this.assign(s) : next === 'update' ? this.update(s) : this.reseed(s));
    return true;
  }

  /** Go back one half-step (or one move); false at the start. */
  back(): boolean {
    if (this.history.length <= 1) return false;
    this.history.pop();
    return true;
  }

  /** Half-steps until converged (at most `limit`); returns how many were taken. */
  run(limit = MAX_HALF_STEPS): number {
    let taken = 0;
    while (taken < limit && this.step()) taken++;
    return taken;
  }

  /**
   * Put centroid `c` at (x, y). A move that follows a move of the same centroid replaces it (one drag
   * is one step back), unless `separate` asks for a history entry of its own.
   */
  moveCentroid(c: number, x: number, y: number, separate = false): void {
    if (!Number.isInteger(c) || c < 0 || c >= this.k) throw new RangeError(`moveCentroid: no centroid ${c}; there are ${this.k}.`);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`moveCentroid: the position must be finite, got (${x}, ${y}).`);
    const s = this.current;
    const replace = !separate && s.kind === 'move' && s.centroid === c && this.history.length > 1;
    const before = replace ? this.history[this.history.length - 2]! : s;
    const centroids = before.centroids.slice();
    centroids[2 * c] = x;
    centroids[2 * c + 1] = y;
    const moved = Math.hypot(x - before.centroids[2 * c]!, y - before.centroids[2 * c + 1]!);
    const labels = before.labels;
    const state: Snapshot = {
      ...before,
      kind: 'move',
      centroids,
      inertia: labels ? inertiaOf(this.points, this.n, labels, centroids) : null,
      changed: 0,
      empty: [],
      moved,
      centroid: c,
      seededAt: [],
      converged: false,
    };
    if (replace) this.history[this.history.length - 1] = state;
    else this.history.push(state);
  }

  private assign(s: Snapshot): Snapshot {
    const distances = new Float64Array(this.n);
    const { labels, inertia } = assignPoints(this.points, this.n, 2, s.centroids, this.k, distances);
    let changed = 0;
    for (let i = 0; i < this.n; i++) if (!s.labels || s.labels[i] !== labels[i]) changed++;
    return {
      ...s,
      kind: 'assign',
      labels,
      distances,
      inertia,
      changed,
      empty: [],
      moved: 0,
      centroid: -1,
      seededAt: [],
      converged: s.kind === 'update' && changed === 0,
      sizes: sizesOf(labels, this.k),
    };
  }

  private update(s: Snapshot): Snapshot {
    const labels = s.labels!;
    const { centroids, empty } = updateCentroids(this.points, this.n, 2, labels, this.k, s.centroids);
    let moved = 0;
    for (let c = 0; c < this.k; c++)
      moved = Math.max(moved, Math.hypot(centroids[2 * c]! - s.centroids[2 * c]!, centroids[2 * c + 1]! - s.centroids[2 * c + 1]!));
    return {
      ...s,
      kind: 'update',
      centroids,
      inertia: inertiaOf(this.points, this.n, labels, centroids),
      iteration: s.iteration + 1,
      changed: 0,
      empty,
      moved,
      centroid: -1,
      seededAt: [],
    };
  }

  /** As `kmeans` does: each empty cluster's centroid onto the point farthest from its own centroid (distances from the last assignment). */
  private reseed(s: Snapshot): Snapshot {
    const distances = s.distances!.slice();
    const centroids = s.centroids.slice();
    const seededAt: number[] = [];
    for (const c of s.empty) {
      let far = 0;
      for (let i = 1; i < this.n; i++) if (distances[i]! > distances[far]!) far = i;
      centroids[2 * c] = this.points[2 * far]!;
      centroids[2 * c + 1] = this.points[2 * far + 1]!;
      distances[far] = 0;
      seededAt.push(far);
    }
    return {
      ...s,
      kind: 'reseed',
      centroids, // an empty cluster has no point, so the inertia stays what the update left
      moved: 0,
      centroid: -1,
      seededAt,
    };
  }
}
