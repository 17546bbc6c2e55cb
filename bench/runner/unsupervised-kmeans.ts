/**
 * unsupervised-kmeans: k-means (k = 10, k-means++ start, seed 1) on the 10,000 Fashion-MNIST test
 * images × 784 pixels to convergence, src/lib/unsupervised/kmeans.ts against ml-kmeans, both in this
 * Node process. Both start from the SAME centroids (our seeded k-means++ pick, handed to ml-kmeans
 * as its initialization) and stop on the same rule (every centroid moved by at most 1e-4, squared), so
 * they take the same steps: the iterations and the inertia must agree, and only the time differs.
 * Matched accuracy: each cluster named by its commonest class ('majority') and one to one ('hungarian').
 */
import { kmeans as mlKmeans } from 'ml-kmeans';
import { readFashion } from '../../scripts/cnn-node.ts';
import { assignPoints, initCentroids, kmeans } from '../../src/lib/unsupervised/kmeans.ts';
import { matchedAccuracy } from '../../src/lib/unsupervised/metrics.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

const K = 10;
const SEED = 1;
const TOLERANCE = 1e-4;
const ROUNDS = 2;

export const unsupervisedKmeansBench: Benchmark = {
  name: 'unsupervised-kmeans',
  title: 'k-means, k = 10, on the 10,000 Fashion-MNIST test images (784 pixels): ours vs ml-kmeans, same start, in Node',
  run: async () => {
    const test = readFashion('test');
    const n = test.count;
    const d = test.rows * test.cols;
    const data = Float32Array.from(test.images, (v) => v / 255);
    const accuracy = (labels: ArrayLike<number>): string =>
      `${fmt(100 * matchedAccuracy(labels, test.labels, K, 10, 'majority'), 1)}% majority, ${fmt(100 * matchedAccuracy(labels, test.labels, K, 10, 'hungarian'), 1)}% one to one`;

    let t = performance.now();
    const start = initCentroids(data, n, d, K, 'k-means++', SEED);
    const initSeconds = (performance.now() - t) / 1000;
    // Ours first, ROUNDS times (the faster run counts: a busy machine slows single runs), then ml-kmeans on
    // its own layout (arrays of numbers), built only then: its 10,000 arrays would slow our runs' garbage collection.
    let ours = kmeans(data, n, d, { k: K, init: 'k-means++', seed: SEED, tolerance: TOLERANCE });
    let oursSeconds = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      t = performance.now();
      ours = kmeans(data, n, d, { k: K, init: 'k-means++', seed: SEED, tolerance: TOLERANCE });
      oursSeconds = Math.min(oursSeconds, (performance.now() - t) / 1000);
    }
    const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
    const startRows = Array.from({ length: K }, (_, c) => Array.from(start.subarray(c * d, (c + 1) * d)));
    let theirs = mlKmeans(rows, K, { initialization: startRows, tolerance: TOLERANCE, maxIterations: 100 });
    let theirSeconds = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      t = performance.now();
      theirs = mlKmeans(rows, K, { initialization: startRows, tolerance: TOLERANCE, maxIterations: 100 });
      theirSeconds = Math.min(theirSeconds, (performance.now() - t) / 1000);
    }
    // ml-kmeans returns the centroids after its last update; score them the way ours are scored.
    const theirScore = assignPoints(data, n, d, Float32Array.from(theirs.centroids.flat()), K);

    const out: Row[] = [
      {
        label: 'ours: seconds to convergence (k-means++ start included; best of 2)',
        value: `${fmt(oursSeconds, 2)} s (the start alone ${fmt(initSeconds, 2)} s)`,
      },
      { label: 'ml-kmeans: seconds to convergence from the same start (best of 2)', value: `${fmt(theirSeconds, 2)} s` },
      { label: 'speed-up (ml-kmeans time / ours)', value: `${fmt(theirSeconds / oursSeconds, 1)}×` },
      {
        label: 'iterations: ours / ml-kmeans',
        value: `${ours.iterations} / ${theirs.iterations}${ours.converged ? '' : ' (ours did not converge)'}`,
      },
      { label: 'inertia: ours / ml-kmeans', value: `${fmt(ours.inertia, 1)} / ${fmt(theirScore.inertia, 1)}` },
      { label: 'accuracy of the clusters (ours)', value: accuracy(ours.labels) },
      { label: 'accuracy of the clusters (ml-kmeans)', value: accuracy(theirs.clusters) },
    ];
    const agree = Math.abs(ours.inertia - theirScore.inertia) <= 1e-4 * theirScore.inertia;
    out.push({ label: 'same inertia (within 0.01%)', value: agree ? 'yes' : 'NO', goal: 'yes', met: agree });
    return out;
  },
};
