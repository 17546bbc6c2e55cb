import { describe, expect, it } from 'vitest';
import { assignPoints, initCentroids } from '../unsupervised/kmeans.ts';
import { DATASET_IDS, generateSet } from './datasets.ts';
import { elbowCurve, startCentroids } from './start.ts';

describe('startCentroids', () => {
  it('k-means++ and random are initCentroids with the same seed', () => {
    const set = generateSet('blobs');
    expect(startCentroids(set.points, set.n, 3, 'k-means++', 7)).toEqual(initCentroids(set.points, set.n, 2, 3, 'k-means++', 7));
    expect(startCentroids(set.points, set.n, 4, 'random', 7)).toEqual(initCentroids(set.points, set.n, 2, 4, 'random', 7));
  });

  it.each(DATASET_IDS)('the bad start on %s leaves the last cluster empty at the first assignment, for every k from 2 to 8', (id) => {
    const set = generateSet(id);
    for (let k = 2; k <= 8; k++) {
      const { labels } = assignPoints(set.points, set.n, 2, startCentroids(set.points, set.n, k, 'bad', 1), k);
      expect(labels.includes(k - 1), `k = ${k}`).toBe(false);
    }
  });

  it('a bad start with points in every corner puts the last centroid on the first (the tie goes to the first)', () => {
    const pts = new Float32Array([-2.9, -1.9, 2.9, -1.9, -2.9, 1.9, 2.9, 1.9, 0, 0]);
    const c = startCentroids(pts, 5, 2, 'bad', 1);
    expect([c[2], c[3]]).toEqual([c[0], c[1]]);
    expect(assignPoints(pts, 5, 2, c, 2).labels.includes(1)).toBe(false);
  });
});

describe('elbowCurve', () => {
  it('falls with k, bends at the number of blobs, and stops at n', () => {
    const set = generateSet('blobs');
    const curve = elbowCurve(set.points, set.n);
    expect(curve).toHaveLength(8);
    curve.slice(1).forEach((v, i) => expect(v).toBeLessThan(curve[i]!));
    // The drop from 2 to 3 clusters is far larger than from 3 to 4: the elbow is at 3.
    expect(curve[1]! - curve[2]!).toBeGreaterThan(4 * (curve[2]! - curve[3]!));
    expect(elbowCurve(set.points, 5)).toHaveLength(5);
  });
});
