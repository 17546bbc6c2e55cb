import { describe, expect, it } from 'vitest';
import { compare, matchedAccuracyWithNoise } from './compare.ts';
import { generateSet } from './datasets.ts';

describe('matchedAccuracyWithNoise', () => {
  it('matches clusters to groups one-to-one and counts noise as wrong', () => {
    // Cluster 1 is group 0, cluster 0 is group 1; one noise point, one point in the wrong cluster.
    expect(matchedAccuracyWithNoise([1, 1, 0, 0, -1, 0], [0, 0, 1, 1, 1, 0], 2, 2)).toBeCloseTo(4 / 6);
    // Two clusters cannot both take group 0: the smaller one is wrong.
    expect(matchedAccuracyWithNoise([0, 0, 1], [0, 0, 0], 2, 1)).toBeCloseTo(2 / 3);
    expect(matchedAccuracyWithNoise([-1, -1], [0, 1], 0, 2)).toBe(0);
  });
});

describe('compare', () => {
  it('on the moons k-means (k = 2) cuts both moons; DBSCAN finds them', () => {
    const cmp = compare(generateSet('moons'), 2, 'k-means++', 1, { eps: 0.3, minPoints: 5 });
    expect(cmp.kmeans.accuracy!).toBeLessThan(0.85);
    expect(cmp.dbscan.accuracy!).toBeGreaterThan(0.98);
    expect(cmp.dbscan.clusters).toBe(2);
  });

  it('points the reader placed have no groups, so no accuracy', () => {
    const set = generateSet('blobs');
    const cmp = compare({ points: set.points, n: set.n }, 3, 'random', 1, { eps: 0.3, minPoints: 5 });
    expect(cmp.kmeans.accuracy).toBeNull();
    expect(cmp.dbscan.accuracy).toBeNull();
    expect(cmp.dbscan.clusters).toBe(3);
  });
});
