import { describe, expect, it } from 'vitest';
import { generateSet } from './datasets.ts';
import { startCentroids } from './start.ts';
import { KMeansStepper } from './stepper.ts';
import { clusterList, elbowSentence, formatXY, stepSentence } from './text.ts';

describe('explorer sentences', () => {
  it('formats coordinates with a true minus sign and names clusters from 1', () => {
    expect(formatXY(-1.234, 0.5)).toBe('(−1.23, 0.50)');
    expect(clusterList([2])).toBe('cluster 3');
    expect(clusterList([0, 1, 3])).toBe('clusters 1, 2 and 4');
  });

  it('says what each half-step of a bad start did, and what comes next', () => {
    const set = generateSet('blobs');
    const s = new KMeansStepper(set.points, set.n, startCentroids(set.points, set.n, 3, 'bad', 1), 3);
    const say = () => stepSentence(s.current, set.points, { n: set.n, k: 3, start: 'bad', seed: 1, next: s.next });
    expect(say()).toBe(
      'Ready: 240 points, k = 3, centroids placed by a bad start: one centroid far from every point. Next: each point joins its nearest centroid.',
    );
    s.step();
    expect(say()).toMatch(
      /^Assignment: each point joined its nearest centroid; 240 points changed cluster\. No point is nearest to the centroid of cluster 3: it is empty\. Inertia \d+\.\d\. Next: each centroid moves/,
    );
    s.step();
    expect(say()).toMatch(
      /^Update 1: .* Cluster 3 had no point, so no mean: its centroid stayed where it was\. .* Next: the empty cluster gets a new centroid/,
    );
    s.step();
    expect(say()).toMatch(
      /^Re-seeded cluster 3: its centroid jumped to the point farthest from its own centroid, at \(−?\d\.\d\d, −?\d\.\d\d\)\. Next: each point joins/,
    );
    s.run();
    expect(say()).toMatch(
      /^Converged after \d+ iterations: no point changed cluster, so the centroids would stay where they are\. Inertia \d+\.\d\.$/,
    );
    s.moveCentroid(0, 1, -1);
    expect(say()).toMatch(/^You moved centroid 1 to \(1\.00, −1\.00\); the clusters are out of date\. Inertia \d+\.\d\. Next: each point joins/);
  });

  it('reads the elbow curve out', () => {
    expect(elbowSentence([100, 40.55, 10], 2)).toBe(
      'Elbow plot, inertia after k-means++ to convergence: k = 1: 100.0, k = 2: 40.5, k = 3: 10.0. The chosen k is 2.',
    );
  });
});
