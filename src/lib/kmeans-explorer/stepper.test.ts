import { describe, expect, it } from 'vitest';
import { kmeans } from '../unsupervised/kmeans.ts';
import { generateSet } from './datasets.ts';
import { startCentroids } from './start.ts';
import { inertiaOf, KMeansStepper } from './stepper.ts';

const f32 = (pts: number[][]) => new Float32Array(pts.flat());

describe('KMeansStepper', () => {
  // Two pairs of points; centroids start on points 0 and 1 (both in the left pair).
  const pts = f32([
    [0, 0],
    [0, 2],
    [10, 0],
    [10, 2],
  ]);

  it('takes assignment and update as separate half-steps, then converges', () => {
    const s = new KMeansStepper(
      pts,
      4,
      f32([
        [0, 0],
        [0, 2],
      ]),
      2,
    );
    expect(s.current.kind).toBe('start');
    expect(s.next).toBe('assign');

    s.step();
    expect(s.current.kind).toBe('assign');
    expect(Array.from(s.current.labels!)).toEqual([0, 1, 0, 1]); // ties (10, 0)/(10, 2) → nearest by y
    expect(s.current.changed).toBe(4);
    expect(s.current.inertia).toBeCloseTo(200);
    expect(s.next).toBe('update');

    s.step();
    expect(s.current.kind).toBe('update');
    expect(Array.from(s.current.centroids)).toEqual([5, 0, 5, 2]);
    expect(s.current.iteration).toBe(1);
    expect(s.current.moved).toBeCloseTo(5);
    expect(s.current.inertia).toBeCloseTo(100);

    s.step(); // no point changes: converged
    expect(s.current.kind).toBe('assign');
    expect(s.current.changed).toBe(0);
    expect(s.current.converged).toBe(true);
    expect(s.next).toBeNull();
    expect(s.step()).toBe(false);
    expect(s.depth).toBe(3);
  });

  it('steps back through every half-step to the start', () => {
    const s = new KMeansStepper(
      pts,
      4,
      f32([
        [0, 0],
        [0, 2],
      ]),
      2,
    );
    s.run();
    const states = [s.current];
    while (s.back()) states.push(s.current);
    expect(states.map((x) => x.kind)).toEqual(['assign', 'update', 'assign', 'start']);
    expect(s.canStepBack).toBe(false);
    expect(s.back()).toBe(false);
    expect(Array.from(s.current.centroids)).toEqual([0, 0, 0, 2]);
  });

  it('each half-step lowers the inertia or keeps it', () => {
    const set = generateSet('densities', { seed: 2 });
    const s = new KMeansStepper(set.points, set.n, startCentroids(set.points, set.n, 4, 'random', 5), 4);
    s.step();
    let last = s.current.inertia!;
    while (s.step()) {
      expect(s.current.inertia!).toBeLessThanOrEqual(last + 1e-6);
      last = s.current.inertia!;
    }
    expect(s.current.converged).toBe(true);
  });

  it.each([
    ['blobs', 3, 1],
    ['moons', 2, 2],
    ['anisotropic', 3, 3],
    ['densities', 3, 4],
  ] as const)('run to convergence on %s gives the clusters kmeans gives with the same seed', (id, k, seed) => {
    const set = generateSet(id);
    for (const init of ['k-means++', 'random'] as const) {
      const s = new KMeansStepper(set.points, set.n, startCentroids(set.points, set.n, k, init, seed), k);
      s.run();
      const ref = kmeans(set.points, set.n, 2, { k, init, seed });
      expect(Array.from(s.current.labels!)).toEqual(Array.from(ref.labels));
      expect(s.current.inertia).toBeCloseTo(ref.inertia, 3);
    }
  });

  it('a bad start leaves a cluster empty: the update keeps its centroid, the re-seed moves it to the farthest point', () => {
    const set = generateSet('blobs');
    const start = startCentroids(set.points, set.n, 3, 'bad', 1);
    const s = new KMeansStepper(set.points, set.n, start, 3);
    s.step();
    expect(s.current.sizes[2]).toBe(0);
    s.step();
    expect(s.current.kind).toBe('update');
    expect(s.current.empty).toEqual([2]);
    expect(Array.from(s.current.centroids.slice(4))).toEqual(Array.from(start.slice(4)));
    expect(s.next).toBe('reseed');

    const distances = s.current.distances!;
    s.step();
    expect(s.current.kind).toBe('reseed');
    const far = s.current.seededAt[0]!;
    expect(distances[far]).toBe(Math.max(...distances));
    expect(Array.from(s.current.centroids.slice(4))).toEqual([set.points[2 * far], set.points[2 * far + 1]]);
    expect(s.next).toBe('assign');

    s.run();
    expect(s.current.converged).toBe(true);
    expect(s.current.sizes.every((size) => size > 0)).toBe(true);
    // The inertia shown is that of the final clusters and centroids.
    expect(s.current.inertia).toBeCloseTo(inertiaOf(set.points, set.n, s.current.labels!, s.current.centroids), 4);
  });

  it('a drag is one history entry; after it the clusters are out of date and the next half-step reassigns', () => {
    const s = new KMeansStepper(
      pts,
      4,
      f32([
        [0, 0],
        [0, 2],
      ]),
      2,
    );
    s.run();
    const depth = s.depth;
    s.moveCentroid(1, 9, 1);
    s.moveCentroid(1, 11, 1); // the same drag
    expect(s.depth).toBe(depth + 1);
    expect(s.current.kind).toBe('move');
    expect(s.current.moved).toBeCloseTo(Math.hypot(11 - 5, 1 - 2));
    expect(s.current.converged).toBe(false);
    expect(s.next).toBe('assign');
    s.step();
    expect(Array.from(s.current.labels!)).toEqual([0, 0, 1, 1]);
    s.back();
    s.back();
    expect(Array.from(s.current.centroids)).toEqual([5, 0, 5, 2]);
    s.moveCentroid(0, 1, 1, true);
    s.moveCentroid(0, 2, 1, true); // keyboard moves may each be their own step
    expect(s.depth).toBe(depth + 2);
  });

  it('refuses bad input with a sentence', () => {
    expect(() => new KMeansStepper(pts, 4, f32([[0, 0]]), 2)).toThrow(/2 centroids need 4 values/);
    const s = new KMeansStepper(
      pts,
      4,
      f32([
        [0, 0],
        [0, 2],
      ]),
      2,
    );
    expect(() => s.moveCentroid(2, 0, 0)).toThrow(/no centroid 2; there are 2/);
    expect(() => s.moveCentroid(0, NaN, 0)).toThrow(/must be finite/);
  });
});
