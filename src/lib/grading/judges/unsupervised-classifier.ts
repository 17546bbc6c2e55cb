/**
 * The judge of the exercise "An unsupervised image classifier" (content/exercises/unsupervised-classifier/).
 *
 * The protocol: the reader's code clusters Fashion-MNIST images without their labels and defines
 * `assign(images)`, a cluster id for each image. The measuring script (measure.js, in the code
 * worker) calls it on the first TRAIN_COUNT training images and on the TEST_COUNT test images and
 * returns the ids, untouched. Here, in the page, where the labels are (loaded by the page, never
 * sent to the worker): each cluster is named by the commonest class of the TRAINING images in it
 * (a cluster with no training image names nothing), and the score is the share of TEST images
 * whose cluster's name is their class. At most MAX_CLUSTERS ids, so naming clusters cannot turn
 * into naming single images (one cluster per image would be a nearest-neighbour classifier: supervised).
 */
import { FASHION_CLASS_NAMES } from '../../data/manifest.ts';
import type { GradeResult } from '../../exercises/types.ts';
import { errorText } from '../../format/error-text.ts';
import { formatCount } from '../../format/numbers.ts';
import { contingency, majorityMapping } from '../../unsupervised/metrics.ts';
import type { JudgeContext } from './index.ts';

export interface ClassifierInput {
  dataset: 'fashion-mnist';
  /** The first trainCount training images name the clusters. */
  trainCount: number;
  /** The first testCount test images are classified. */
  testCount: number;
  /** Ids must be whole numbers from 0 to maxClusters − 1. */
  maxClusters: number;
}

export const TRAIN_COUNT = 10_000;
export const TEST_COUNT = 10_000;
/** Three clusters per class: room for a class with several looks, far too few to name single images. */
export const MAX_CLUSTERS = 30;
/** The bar (see exercise.yaml for the measured starter and solution it sits between). */
export const THRESHOLD = 0.63;

export function unsupervisedClassifierInput(): ClassifierInput {
  return { dataset: 'fashion-mnist', trainCount: TRAIN_COUNT, testCount: TEST_COUNT, maxClusters: MAX_CLUSTERS };
}

const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

const fail = (message: string): GradeResult => ({ pass: false, message });

/** The ids of one set, checked: a whole number in 0..maxClusters − 1 for each of `count` images; the problem in words otherwise. */
function readIds(value: unknown, count: number, which: string, maxClusters: number): { ids: Int32Array } | { problem: string } {
  const call = `\`assign(images)\` on the ${formatCount(count)} ${which} images`;
  if (!isList(value)) {
    return { problem: `${call} returned no list of cluster ids. Return an array (or a typed array, or a 1-D tensor) with one id per image.` };
  }
  if (value.length !== count) {
    return { problem: `${call} returned ${formatCount(value.length)} cluster ids; it must return one per image (row), ${formatCount(count)}.` };
  }
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const id = value[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= maxClusters) {
      const shown = typeof id === 'number' ? String(id) : typeof id === 'string' ? `the string "${id.slice(0, 20)}"` : String(id);
      return {
        problem: `${call} gave image ${i} the cluster id ${shown}. Cluster ids must be whole numbers from 0 to ${maxClusters - 1} (at most ${maxClusters} clusters).`,
      };
    }
    ids[i] = id;
  }
  return { ids };
}

/**
 * The exercise's score: each of the k clusters named after the commonest class of its training images
 * (−1 when no training image is in it), then the share of test images whose cluster bears their class.
 */
export function namedClusterAccuracy(
  trainIds: ArrayLike<number>,
  trainLabels: ArrayLike<number>,
  testIds: ArrayLike<number>,
  testLabels: ArrayLike<number>,
  k: number,
): { names: number[]; accuracy: number } {
  const names = majorityMapping(trainIds, trainLabels, k, 10);
  let right = 0;
  contingency(testIds, testLabels, k, 10).forEach((row, c) => (right += names[c]! >= 0 ? row[names[c]!]! : 0));
  return { names, accuracy: right / testIds.length };
}

export async function judgeUnsupervisedClassifier(input: ClassifierInput, measured: unknown, context: JudgeContext): Promise<GradeResult> {
  if (typeof measured !== 'object' || measured === null || Array.isArray(measured)) {
    return fail('The grader received nothing it could read from your code; run it again.');
  }
  const m = measured as Record<string, unknown>;
  if (typeof m.problem === 'string') return fail(m.problem);
  if (typeof m.threw === 'string') {
    const which = m.where === 'test' ? 'test' : 'training';
    return fail(`\`assign(images)\` threw an error on the ${which} images: ${m.threw}. Run \`assign\` on a few images yourself to see where.`);
  }
  const train = readIds(m.train, input.trainCount, 'training', input.maxClusters);
  if ('problem' in train) return fail(train.problem);
  const test = readIds(m.test, input.testCount, 'test', input.maxClusters);
  if ('problem' in test) return fail(test.problem);

  let trainLabels: Uint8Array;
  let testLabels: Uint8Array;
  try {
    [trainLabels, testLabels] = await Promise.all([context.labels(input.dataset, 'train'), context.labels(input.dataset, 'test')]);
  } catch (error) {
    return fail(
      `The grader could not load the labels it scores with (${errorText(error)}), so this run is not graded. Check your connection and run your code again.`,
    );
  }
  if (trainLabels.length < input.trainCount || testLabels.length < input.testCount) {
    return fail(
      'The grader found fewer labels than images in the dataset files, so this run is not graded. Reload the page and run your code again.',
    );
  }
  trainLabels = trainLabels.subarray(0, input.trainCount);
  testLabels = testLabels.subarray(0, input.testCount);

  const k = input.maxClusters;
  const { names, accuracy } = namedClusterAccuracy(train.ids, trainLabels, test.ids, testLabels, k);
  const pass = accuracy >= THRESHOLD;

  const trainTable = contingency(train.ids, trainLabels, k, 10);
  const testTable = contingency(test.ids, testLabels, k, 10);
  const used = trainTable
    .map((row, c) => ({ c, train: row.reduce((a, b) => a + b, 0), test: testTable[c]!.reduce((a, b) => a + b, 0) }))
    .filter((u) => u.train + u.test > 0);
  const details = used.map(({ c, train: inTrain, test: inTest }) => {
    const name = names[c]! >= 0 ? FASHION_CLASS_NAMES[names[c]!] : 'no class (no training image)';
    const share = inTrain > 0 ? ` (${percent(trainTable[c]![names[c]!]! / inTrain)} of them)` : '';
    return `Cluster ${c} → ${name}: ${formatCount(inTrain)} training images${share}, ${formatCount(inTest)} test images.`;
  });
  const detailsTitle = used.length === 1 ? 'The cluster' : `The ${used.length} clusters`;
  const unnamed = FASHION_CLASS_NAMES.filter((_, y) => !names.includes(y));
  const figureText = `${percent(accuracy)} of the ${formatCount(input.testCount)} test images`;
  const bar = `${Math.round(100 * THRESHOLD)}%`;
  const named = `Each of your ${used.length} clusters is named after the commonest class of its training images`;
  if (pass)
    return {
      pass,
      figure: accuracy,
      figureText,
      message: `${named}, and at least ${bar} of the test images had to land in a cluster of their own class. Passed.`,
      details,
      detailsTitle,
    };
  const missing = unnamed.length ? ` No cluster stands for ${unnamed.join(', ')}: those test images all count as wrong.` : '';
  return {
    pass,
    figure: accuracy,
    figureText,
    message: `${named}; at least ${bar} of the test images must land in a cluster of their own class.${missing} The list below shows which classes share a cluster; see the hints.`,
    details,
    detailsTitle,
  };
}
