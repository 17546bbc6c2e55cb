/**
 * unsupervised-exercise: the two figures the exercise "An unsupervised image classifier" and its lesson
 * quote, measured on the exercise's own protocol with src/lib/unsupervised/kmeans.ts in this Node process
 * (the starter and the solution do the same in tfjs, unseeded): k-means fitted on the first 3,000
 * training images without labels (at most 20 rounds), every cluster named after the commonest class of
 * the first 10,000 training images in it, the 10,000 test images scored — the judge's own scoring
 * (namedClusterAccuracy in src/lib/grading/judges/unsupervised-classifier.ts), over seeds 1 to 10:
 * - the starter: raw pixels, k = 10, a random start;
 * - the solution: 30 clusters, the square root of the pixels with each image scaled to length 1, k-means++.
 * The bar (THRESHOLD) must lie above the starter's best seed and below the solution's worst.
 */
import { readFashion } from '../../scripts/cnn-node.ts';
import { MAX_CLUSTERS, THRESHOLD, TEST_COUNT, TRAIN_COUNT, namedClusterAccuracy } from '../../src/lib/grading/judges/unsupervised-classifier.ts';
import { assignPoints, kmeans } from '../../src/lib/unsupervised/kmeans.ts';
import { fmt, type Benchmark } from './types.ts';

const FIT_IMAGES = 3_000;
const ROUNDS = 20;
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const D = 784;

/** The solution's features: √pixels, each image scaled to length 1. */
function shapeFeatures(pixels: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    let squares = 0; // the squared length of √x is the sum of the pixels
    for (let j = 0; j < D; j++) {
      const p = pixels[i * D + j]!;
      out[i * D + j] = Math.sqrt(p);
      squares += p;
    }
    const scale = 1 / Math.max(Math.sqrt(squares), 1e-6);
    for (let j = 0; j < D; j++) out[i * D + j]! *= scale;
  }
  return out;
}

export const unsupervisedExerciseBench: Benchmark = {
  name: 'unsupervised-exercise',
  title: "The exercise 'An unsupervised image classifier': starter and solution on its protocol, our k-means, seeds 1–10, in Node",
  run: async () => {
    const train = readFashion('train');
    const test = readFashion('test');
    const unit = (images: Uint8Array, count: number) => Float32Array.from(images.subarray(0, count * D), (v) => v / 255);
    const trainPixels = unit(train.images, TRAIN_COUNT);
    const testPixels = unit(test.images, TEST_COUNT);
    const trainLabels = train.labels.subarray(0, TRAIN_COUNT);
    const testLabels = test.labels.subarray(0, TEST_COUNT);

    const score = (features: (p: Float32Array, n: number) => Float32Array, k: number, init: 'random' | 'k-means++', seed: number) => {
      const trainX = features(trainPixels, TRAIN_COUNT);
      const fitted = kmeans(trainX.subarray(0, FIT_IMAGES * D), FIT_IMAGES, D, { k, init, seed, maxIterations: ROUNDS });
      const trainIds = assignPoints(trainX, TRAIN_COUNT, D, fitted.centroids, k).labels;
      const testIds = assignPoints(features(testPixels, TEST_COUNT), TEST_COUNT, D, fitted.centroids, k).labels;
      return namedClusterAccuracy(trainIds, trainLabels, testIds, testLabels, MAX_CLUSTERS).accuracy;
    };
    const summary = (values: number[]) =>
      `${fmt(100 * (values.reduce((a, b) => a + b, 0) / values.length), 1)}% on average, ${fmt(100 * Math.min(...values), 1)}% to ${fmt(100 * Math.max(...values), 1)}%`;

    const starter = SEEDS.map((seed) => score((p) => p, 10, 'random', seed));
    const solution = SEEDS.map((seed) => score(shapeFeatures, MAX_CLUSTERS, 'k-means++', seed));
    const between = Math.max(...starter) < THRESHOLD && THRESHOLD < Math.min(...solution);
    return [
      { label: 'starter: raw pixels, k = 10, random start', value: summary(starter) },
      { label: `solution: ${MAX_CLUSTERS} clusters, √pixels at length 1, k-means++`, value: summary(solution) },
      {
        label: `the bar, ${fmt(100 * THRESHOLD, 0)}%, above the starter's best and below the solution's worst`,
        value: between ? 'yes' : 'NO',
        goal: 'yes',
        met: between,
      },
    ];
  },
};
