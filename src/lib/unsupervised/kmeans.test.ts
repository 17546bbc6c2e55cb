import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { assignPoints, initCentroids, kmeans, updateCentroids, type KMeansIteration } from './kmeans.ts';

/** n points in d dimensions around `centres` random centres (spread 10), noise 1: well separated, seeded. */
function blobs(n: number, d: number, centres: number, seed: number): { data: Float32Array; truth: Int32Array } {
  const rand = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const means = Array.from({ length: centres * d }, () => rand() * 20 - 10);
  const data = new Float32Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres;
    truth[i] = c;
    for (let p = 0; p < d; p++) data[i * d + p] = means[c * d + p]! + gauss();
  }
  return { data, truth };
}

const rows = (x: Float32Array, d: number): number[][] => Array.from({ length: x.length / d }, (_, i) => Array.from(x.subarray(i * d, i * d + d)));

function bruteAssign(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number): { labels: number[]; inertia: number } {
  const labels: number[] = [];
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += (data[i * d + p]! - centroids[c * d + p]!) ** 2;
      if (s < bestDist) [best, bestDist] = [c, s];
    }
    labels.push(best);
    inertia += bestDist;
  }
  return { labels, inertia };
}

describe('assignPoints and updateCentroids', () => {
  it('assign each point of a hand-made 1-D set to its nearest centroid and move the centroids to the means', () => {
    const data = new Float32Array([1, 2, 3, 10, 11, 12]);
    const { labels, inertia } = assignPoints(data, 6, 1, new Float32Array([11, 2]), 2);
    expect(Array.from(labels)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(inertia).toBeCloseTo(4, 10); // 1 + 0 + 1 on each side
    const moved = assignPoints(data, 6, 1, new Float32Array([0, 5]), 2);
    expect(Array.from(moved.labels)).toEqual([0, 0, 1, 1, 1, 1]);
    const update = updateCentroids(data, 6, 1, moved.labels, 2, new Float32Array([0, 5]));
    expect(Array.from(update.centroids)).toEqual([1.5, 9]);
    expect(update.empty).toEqual([]);
  });

  it('break a tie towards the lower centroid index and report each distance when asked', () => {
    const distances = new Float64Array(2);
    const { labels } = assignPoints(new Float32Array([0, 0, 3, 4]), 2, 2, new Float32Array([1, 0, -1, 0, 3, 4]), 3, distances);
    expect(Array.from(labels)).toEqual([0, 2]);
    expect(Array.from(distances)).toEqual([1, 0]);
  });

  it('agree with a brute-force assignment on a random set larger than one block, in a dimension that is not a multiple of 4', () => {
    const { data } = blobs(601, 13, 5, 3);
    const centroids = initCentroids(data, 601, 13, 7, 'random', 9);
    const ours = assignPoints(data, 601, 13, centroids, 7);
    const want = bruteAssign(data, 601, 13, centroids, 7);
    expect(Array.from(ours.labels)).toEqual(want.labels);
    expect(ours.inertia).toBeCloseTo(want.inertia, 6);
  });

  it('keep the previous centroid of an empty cluster and list it', () => {
    const data = new Float32Array([0, 0, 2, 2, 10, 10]);
    const previous = new Float32Array([1, 1, 5, 5, 9, 9]);
    const { centroids, empty } = updateCentroids(data, 3, 2, new Int32Array([0, 0, 2]), 3, previous);
    expect(Array.from(centroids)).toEqual([1, 1, 5, 5, 10, 10]);
    expect(empty).toEqual([1]);
  });

  it('refuse arrays of the wrong size and labels out of range, saying what is wrong', () => {
    expect(() => assignPoints(new Float32Array(5), 3, 2, new Float32Array(4), 2)).toThrow(
      /3 points of dimension 2 need 6 values, but the array holds 5/,
    );
    expect(() => assignPoints(new Float32Array(6), 3, 2, new Float32Array(3), 2)).toThrow(/2 centroids of dimension 2 need 4 values/);
    expect(() => updateCentroids(new Float32Array(6), 3, 2, new Int32Array([0, 5, 1]), 2, new Float32Array(4))).toThrow(
      /point 1 has label 5, outside 0..1/,
    );
  });
});

describe('initCentroids', () => {
  const data = new Float32Array([0, 1, 3, 7, 8]);

  it('pick k distinct points of the set, the same ones for the same seed', () => {
    for (const method of ['random', 'k-means++'] as const) {
      const a = initCentroids(data, 5, 1, 4, method, 42);
      expect(new Set(a).size).toBe(4);
      for (const v of a) expect(Array.from(data)).toContain(v);
      expect(Array.from(initCentroids(data, 5, 1, 4, method, 42))).toEqual(Array.from(a));
    }
    expect(() => initCentroids(data, 5, 1, 6, 'random', 1)).toThrow(/k = 6 clusters need at least 6 points, but there are 5/);
  });

  it('draw the second k-means++ centroid with probability proportional to the squared distance to the first', () => {
    // Points 0, 1, 3: after the first pick 0, D² is 0, 1, 9, so 1 is drawn with probability 0.1 and 3 with 0.9.
    // After 3: D² is 9, 4, 0, so 0 with 9/13 and 1 with 4/13.
    const set = new Float32Array([0, 1, 3]);
    const counts = new Map<string, number>();
    const firsts = new Map<number, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const [first, second] = initCentroids(set, 3, 1, 2, 'k-means++', seed);
      firsts.set(first!, (firsts.get(first!) ?? 0) + 1);
      counts.set(`${first}→${second}`, (counts.get(`${first}→${second}`) ?? 0) + 1);
    }
    const share = (first: number, second: number): number => (counts.get(`${first}→${second}`) ?? 0) / firsts.get(first)!;
    for (const first of [0, 1, 3]) expect(firsts.get(first)! / 6000).toBeCloseTo(1 / 3, 1);
    expect(share(0, 0)).toBe(0); // a chosen point is never chosen again
    expect(share(0, 1)).toBeCloseTo(0.1, 1);
    expect(share(0, 3)).toBeCloseTo(0.9, 1);
    expect(share(3, 0)).toBeCloseTo(9 / 13, 1);
    expect(share(1, 3)).toBeCloseTo(4 / 5, 1); // from 1: D² is 1, 0, 4
  });

  it('fall back to a uniform pick when every point already sits on a centroid', () => {
    const same = new Float32Array([5, 5, 5, 5]);
    expect(Array.from(initCentroids(same, 4, 1, 3, 'k-means++', 1))).toEqual([5, 5, 5]);
  });
});

describe('kmeans', () => {
  it('find well separated blobs, converge, and never let the inertia grow from one step to the next', () => {
    const { data, truth } = blobs(400, 6, 4, 1);
    const steps: KMeansIteration[] = [];
    const result = kmeans(data, 400, 6, { k: 4, init: 'k-means++', seed: 3, onIteration: (s) => steps.push({ ...s, labels: s.labels.slice() }) });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(steps.length);
    expect(steps.at(-1)!.shift).toBeLessThanOrEqual(1e-4);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.inertia).toBeLessThanOrEqual(steps[i - 1]!.inertia + 1e-6);
    // Each found cluster is one true blob.
    const blobOf = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const seen = blobOf.get(result.labels[i]!);
      if (seen === undefined) blobOf.set(result.labels[i]!, truth[i]!);
      else expect(seen).toBe(truth[i]);
    }
    expect(blobOf.size).toBe(4);
    // The labels and inertia returned are those of the returned centroids.
    const check = bruteAssign(data, 400, 6, result.centroids, 4);
    expect(Array.from(result.labels)).toEqual(check.labels);
    expect(result.inertia).toBeCloseTo(check.inertia, 4);
  });

  it('stop after maxIterations without claiming convergence', () => {
    const { data } = blobs(300, 4, 6, 2);
    const result = kmeans(data, 300, 4, { k: 6, init: 'random', seed: 1, maxIterations: 1, tolerance: 0 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });

  it('re-seed an empty cluster at the point farthest from its centroid', () => {
    // Eight copies of 0, then 10 and 20: a random start that picks two zeros leaves a cluster empty.
    const data = new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 10, 20]);
    let seed = 0;
    while (new Set(initCentroids(data, 10, 1, 3, 'random', seed)).size === 3) seed++;
    const empties: number[][] = [];
    const result = kmeans(data, 10, 1, { k: 3, init: 'random', seed, onIteration: (s) => empties.push(s.empty) });
    expect(empties[0]!.length).toBeGreaterThan(0);
    expect(result.converged).toBe(true);
    expect(result.inertia).toBe(0);
    expect(Array.from(result.centroids).sort((a, b) => a - b)).toEqual([0, 10, 20]);
  });

  it('follow ml-kmeans step for step from the same starting centroids: same labels, inertia and iterations', () => {
    const n = 500;
    const d = 20;
    const k = 5;
    const { data } = blobs(n, d, 8, 11); // 8 blobs for 5 clusters: a few steps to settle
    const start = initCentroids(data, n, d, k, 'k-means++', 5);
    const ours = kmeans(data, n, d, { k, init: 'k-means++', seed: 5, tolerance: 1e-6 });
    const theirs = mlKmeans(rows(data, d), k, { initialization: rows(start, d), tolerance: 1e-6 });
    const theirInertia = bruteAssign(data, n, d, Float32Array.from(theirs.centroids.flat()), k).inertia;
    expect(ours.iterations).toBeGreaterThan(1);
    expect(ours.iterations).toBe(theirs.iterations);
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
    expect(Math.abs(ours.inertia - theirInertia) / theirInertia).toBeLessThan(1e-5);
  });

  it('refuse a bad k, maxIterations or tolerance in words', () => {
    const data = new Float32Array(8);
    expect(() => kmeans(data, 4, 2, { k: 0, init: 'random', seed: 1 })).toThrow(/k must be a positive integer, got 0/);
    expect(() => kmeans(data, 4, 2, { k: 2, init: 'random', seed: 1, maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => kmeans(data, 4, 2, { k: 2, init: 'random', seed: 1, tolerance: Number.NaN })).toThrow(/tolerance/);
  });
});
