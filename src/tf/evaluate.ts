/**
 * Evaluating a model on a whole split in batches (large single tensors exceed WebGL texture
 * limits on some GPUs: tfjs #1686): mean cross-entropy and accuracy, summed on the device and
 * read back once. Used by the training sessions of src/workers/train and src/workers/builder.
 */
import type * as TF from '@tensorflow/tfjs';
import { batchRanges } from '../lib/runtime/shuffle.ts';
import { accumulate, lossAndCorrect } from './mnist-tensors.ts';

type Tf = typeof TF;

/** Largest batch an evaluation sends through the model. */
export const EVAL_BATCH = 1000;

export interface EvaluateOptions {
  /** Called between batches (yield to the event loop, check the WebGL context); may throw. */
  between?: () => Promise<void>;
  /** Wraps the final read-back (e.g. WebglWatch.readBack). */
  readBack?: <T>(read: Promise<T>) => Promise<T>;
  batchSize?: number;
}

/** Mean loss and accuracy of `model` on x (examples along the first axis: [n, 784] or [n, 28, 28, 1]) and one-hot y, in batches; disposes everything it makes. */
export async function evaluateBatched(
  tf: Tf,
  model: TF.LayersModel,
  x: TF.Tensor,
  y: TF.Tensor2D,
  options: EvaluateOptions = {},
): Promise<{ loss: number; accuracy: number }> {
  const [count = 0, ...example] = x.shape;
  const classes = y.shape[1];
  let lossSum = tf.scalar(0);
  let correctSum = tf.scalar(0);
  try {
    for (const [start, end] of batchRanges(count, options.batchSize ?? EVAL_BATCH)) {
      const { lossSum: l, correct: c } = tf.tidy(() => {
        const xb = x.slice([start, ...example.map(() => 0)], [end - start, ...example]);
        const yb = y.slice([start, 0], [end - start, classes]);
        return lossAndCorrect(tf, yb, model.predict(xb) as TF.Tensor);
      });
      lossSum = accumulate(tf, lossSum, l);
      correctSum = accumulate(tf, correctSum, c);
      await options.between?.();
    }
    const read = Promise.all([lossSum.data(), correctSum.data()]);
    const [l, c] = await (options.readBack ? options.readBack(read) : read);
    return { loss: (l[0] as number) / count, accuracy: (c[0] as number) / count };
  } finally {
    lossSum.dispose();
    correctSum.dispose();
  }
}
