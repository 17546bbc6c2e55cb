import { describe, expect, it } from 'vitest';
import { judgeCustom } from '../custom-grader.ts';
import { takeSnapshot } from '../snapshot.ts';
import type { JudgeContext } from './index.ts';
import {
  judgeUnsupervisedClassifier,
  MAX_CLUSTERS,
  namedClusterAccuracy,
  THRESHOLD,
  type ClassifierInput,
  unsupervisedClassifierInput,
} from './unsupervised-classifier.ts';

// A small protocol: 40 training and 20 test images, their classes cycling 0..9.
const INPUT: ClassifierInput = { dataset: 'fashion-mnist', trainCount: 40, testCount: 20, maxClusters: 30 };
const trainLabels = Uint8Array.from({ length: 60 }, (_, i) => i % 10); // more labels than the grader uses
const testLabels = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
const asked: string[] = [];
const context: JudgeContext = {
  labels: (dataset, split) => {
    asked.push(`${dataset}/${split}`);
    return Promise.resolve(split === 'train' ? trainLabels : testLabels);
  },
};
const judge = (measured: unknown, ctx = context) => judgeUnsupervisedClassifier(INPUT, measured, ctx);

/** Cluster ids that put every image in the cluster of its class (plus `offset`), and a number of mistakes on the test images. */
function ids(count: number, labels: Uint8Array, mistakes = 0, offset = 0): number[] {
  return Array.from({ length: count }, (_, i) => (i < mistakes ? (labels[i]! + 1) % 10 : labels[i]!) + offset);
}

describe('the unsupervised-classifier judge', () => {
  it('names clusters by their training images, scores the test images, and passes at the bar', async () => {
    // Clusters 10..19 instead of 0..9: names come from the training images, not from the ids.
    const perfect = await judge({ train: ids(40, trainLabels, 0, 10), test: Int32Array.from(ids(20, testLabels, 0, 10)) });
    expect(perfect.pass).toBe(true);
    expect(perfect.figure).toBe(1);
    expect(perfect.figureText).toBe('100.0% of the 20 test images');
    expect(perfect.details).toHaveLength(10);
    expect(perfect.detailsTitle).toBe('The 10 clusters');
    expect(perfect.details![0]).toBe('Cluster 10 → T-shirt/top: 4 training images (100.0% of them), 2 test images.');
    expect(asked).toEqual(expect.arrayContaining(['fashion-mnist/train', 'fashion-mnist/test']));
    const wrong = Math.ceil(20 * (1 - THRESHOLD)) + 1; // just below the bar
    const below = await judge({ train: ids(40, trainLabels), test: ids(20, testLabels, wrong) });
    expect(below.pass).toBe(false);
    expect(below.figure).toBeCloseTo((20 - wrong) / 20, 12);
    expect(below.message).toMatch(/at least 63% of the test images must land in a cluster of their own class/);
  });

  it('counts a test image wrong when its cluster has no training image, and says which classes no cluster stands for', async () => {
    // Every training image in cluster 0 (named T-shirt/top, 4 of 40); test images spread over clusters 0..9.
    const result = await judge({ train: new Array(40).fill(0), test: ids(20, testLabels) });
    expect(result.pass).toBe(false);
    expect(result.figure).toBeCloseTo(2 / 20, 12);
    expect(result.message).toContain('No cluster stands for Trouser, Pullover');
    expect(result.message).toContain('Each of your 10 clusters is named');
    expect(result.details).toContain('Cluster 3 → no class (no training image): 0 training images, 2 test images.');
  });

  it('refuses malformed answers with a message that says what to return', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /nothing it could read/],
      [{ problem: 'Define a function named `assign`' }, /Define a function named `assign`/],
      [{ threw: 'TypeError: x is undefined', where: 'test' }, /threw an error on the test images: TypeError: x is undefined/],
      [{ test: ids(20, testLabels) }, /`assign\(images\)` on the 40 training images returned no list of cluster ids/],
      [{ train: ids(39, trainLabels), test: ids(20, testLabels) }, /returned 39 cluster ids; it must return one per image \(row\), 40/],
      [
        { train: ids(40, trainLabels), test: [...ids(19, testLabels), 2.5] },
        /gave image 19 the cluster id 2.5. Cluster ids must be whole numbers from 0 to 29/,
      ],
      [{ train: [...ids(39, trainLabels), MAX_CLUSTERS], test: ids(20, testLabels) }, /gave image 39 the cluster id 30/],
      [{ train: ['a', ...ids(39, trainLabels)], test: ids(20, testLabels) }, /gave image 0 the cluster id the string "a"/],
      [{ train: [-1, ...ids(39, trainLabels)], test: ids(20, testLabels) }, /cluster id -1/],
    ];
    for (const [measured, message] of cases) {
      const result = await judge(measured);
      expect(result.pass, JSON.stringify(measured)?.slice(0, 80)).toBe(false);
      expect(result.message).toMatch(message);
    }
  });

  it('does not grade when the labels cannot be loaded, and says so', async () => {
    const offline: JudgeContext = { labels: () => Promise.reject(new Error('network down')) };
    const result = await judge({ train: ids(40, trainLabels), test: ids(20, testLabels) }, offline);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/could not load the labels it scores with \(network down\)/);
    const short: JudgeContext = { labels: () => Promise.resolve(new Uint8Array(5)) };
    expect((await judge({ train: ids(40, trainLabels), test: ids(20, testLabels) }, short)).message).toMatch(/fewer labels than images/);
  });

  it('grades through judgeCustom from a snapshot, as the page does', async () => {
    const spec = { kind: 'custom' as const, source: '', judge: 'unsupervised-classifier' };
    const real = unsupervisedClassifierInput();
    const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
    const pageContext: JudgeContext = { labels: (_d, split) => Promise.resolve(labels(split === 'train' ? 60_000 : 10_000)) };
    const measured = { train: Int32Array.from(labels(real.trainCount)), test: Array.from(labels(real.testCount)) };
    const result = await judgeCustom(spec, { kind: 'custom', measured: takeSnapshot(measured) }, pageContext);
    expect(result.pass).toBe(true);
    expect(result.figureText).toBe('100.0% of the 10,000 test images');
    // Without the page's labels (a Node run of the generic harness) it blames the exercise, never passes.
    const noLabels = await judgeCustom(spec, { kind: 'custom', measured: takeSnapshot(measured) });
    expect(noLabels.pass).toBe(false);
    expect(noLabels.message).toMatch(/could not load the labels/);
  });
});

describe('namedClusterAccuracy', () => {
  it('names each cluster by its training images and scores the test images by those names', () => {
    // Cluster 0 holds classes 3, 3, 5 in training: named 3. Cluster 1: class 7. Cluster 2: no training image.
    const { names, accuracy } = namedClusterAccuracy([0, 0, 0, 1], [3, 3, 5, 7], [0, 0, 1, 2], [3, 5, 7, 7], 3);
    expect(names).toEqual([3, 7, -1]);
    // Test: (0, 3) right, (0, 5) wrong, (1, 7) right, (2, 7) wrong: cluster 2 names nothing.
    expect(accuracy).toBe(0.5);
  });
});
