/**
 * Scoring a classifier beyond accuracy: a binary confusion at a decision threshold
 * (for "is this digit a zero?"), precision, recall, F1, the "always answer no" baseline,
 * and a 10-class confusion matrix.
 *
 * Undefined ratios (0/0) are `null`, never NaN or a made-up 0: precision is null when
 * nothing was predicted positive, recall when there are no positives, accuracy when
 * there are no examples. F1 is 2·TP / (2·TP + FP + FN), which equals the harmonic mean of
 * precision and recall when both exist, is 0 when there are positives but none was found,
 * and is null only when there are no positives and none was predicted.
 */

/** Counts for the positive class (here: "the digit is a zero"). */
export interface BinaryConfusion {
  /** Positives predicted positive. */
  tp: number;
  /** Negatives predicted positive (false alarms). */
  fp: number;
  /** Negatives predicted negative. */
  tn: number;
  /** Positives predicted negative (misses). */
  fn: number;
}

export interface BinaryScores {
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/**
 * Confusion at `threshold`: example i is predicted positive when `scores[i] >= threshold`,
 * and is truly positive when `labels[i] === positiveLabel` (default 0: "is a zero").
 */
export function binaryConfusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number, positiveLabel = 0): BinaryConfusion {
  if (scores.length !== labels.length) {
    throw new RangeError(`binaryConfusion: ${scores.length} scores but ${labels.length} labels; they must match one to one.`);
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    const actual = labels[i] === positiveLabel;
    if (predicted) {
      if (actual) tp++;
      else fp++;
    } else if (actual) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** `a / b`, or null when b is 0. */
function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

export function precision(c: BinaryConfusion): number | null {
  return ratio(c.tp, c.tp + c.fp);
}

export function recall(c: BinaryConfusion): number | null {
  return ratio(c.tp, c.tp + c.fn);
}

export function f1Score(c: BinaryConfusion): number | null {
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

export function binaryAccuracy(c: BinaryConfusion): number | null {
  return ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn);
}

/** Accuracy, precision, recall and F1 of a confusion. */
export function binaryScores(c: BinaryConfusion): BinaryScores {
  return { accuracy: binaryAccuracy(c), precision: precision(c), recall: recall(c), f1: f1Score(c) };
}

/**
 * The "always answer not-zero" baseline: what a classifier that never says "positive"
 * scores on `labels`. Its accuracy is the share of negatives (about 90% for MNIST zeros);
 * its recall is 0 and its precision undefined (null).
 */
export function alwaysNegativeBaseline(labels: ArrayLike<number>, positiveLabel = 0): BinaryConfusion {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === positiveLabel) positives++;
  return { tp: 0, fp: 0, tn: labels.length - positives, fn: positives };
}

/**
 * A `classes × classes` confusion matrix: row = true label, column = predicted class.
 * Predictions may be floats holding whole class numbers (the protocol's digit scores).
 */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): Int32Array {
  if (labels.length !== predicted.length) {
    throw new RangeError(`confusionMatrix: ${labels.length} labels but ${predicted.length} predictions; they must match one to one.`);
  }
  const m = new Int32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i] as number;
    const p = Math.round(predicted[i] as number);
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) {
      throw new RangeError(`confusionMatrix: example ${i} has label ${t} and prediction ${p}; both must be in 0..${classes - 1}.`);
    }
    m[t * classes + p]! += 1;
  }
  return m;
}

/** Share of the diagonal of a square confusion matrix (null when it is empty). */
export function matrixAccuracy(matrix: Int32Array, classes = 10): number | null {
  let total = 0;
  let diagonal = 0;
  for (let t = 0; t < classes; t++) {
    for (let p = 0; p < classes; p++) {
      const v = matrix[t * classes + p] as number;
      total += v;
      if (t === p) diagonal += v;
    }
  }
  return ratio(diagonal, total);
}
