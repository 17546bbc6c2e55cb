/**
 * Tensor pieces of the MNIST training loop (src/workers/train/session.ts): a split as tensors,
 * a batch's summed loss and number of correct answers, and a device-side running sum.
 */
import type * as TF from '@tensorflow/tfjs';
import type { SplitData } from '../lib/data/load.ts';

type Tf = typeof TF;

export const NUM_CLASSES = 10;

/** Images (0–255) → float32 [count, pixels] in [0, 1]; labels → one-hot float32 [count, 10]. */
export function toTensors(tf: Tf, data: SplitData): { x: TF.Tensor2D; y: TF.Tensor2D } {
  const pixels = data.rows * data.cols;
  if (data.images.length < data.count * pixels || data.labels.length < data.count) {
    throw new Error(`The data holds fewer values than its header says (${data.count} images of ${data.rows}×${data.cols}).`);
  }
  const xs = new Float32Array(data.count * pixels);
  for (let i = 0; i < xs.length; i++) xs[i] = (data.images[i] as number) / 255;
  const ys = new Float32Array(data.count * NUM_CLASSES);
  for (let i = 0; i < data.count; i++) {
    const label = data.labels[i] as number;
    if (label >= NUM_CLASSES) throw new Error(`Label ${label} at position ${i} is not a class 0–9.`);
    ys[i * NUM_CLASSES + label] = 1;
  }
  const x = tf.tensor2d(xs, [data.count, pixels], 'float32');
  const y = tf.tensor2d(ys, [data.count, NUM_CLASSES], 'float32');
  return { x, y };
}

/** Summed loss and number of correct predictions of a batch (both scalars; caller disposes). */
export function lossAndCorrect(tf: Tf, yTrue: TF.Tensor, yPred: TF.Tensor): { lossSum: TF.Scalar; correct: TF.Scalar } {
  return tf.tidy(() => ({
    lossSum: tf.sum(tf.metrics.categoricalCrossentropy(yTrue, yPred)) as TF.Scalar,
    correct: tf.sum(tf.cast(tf.equal(tf.argMax(yPred, 1), tf.argMax(yTrue, 1)), 'float32')) as TF.Scalar,
  }));
}

/** Add `delta` into a running device-side sum, disposing the old sum and the delta. */
export function accumulate(tf: Tf, sum: TF.Scalar, delta: TF.Scalar): TF.Scalar {
  const next = tf.add(sum, delta) as TF.Scalar;
  sum.dispose();
  delta.dispose();
  return next;
}
