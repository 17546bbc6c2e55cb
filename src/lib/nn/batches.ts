/**
 * Feeding MNIST to a from-scratch network: filling reused batch buffers from the raw
 * Uint8 images, shuffled epoch orders, a validation split, and evaluation in chunks.
 *
 * Nothing here allocates per training step: `fillBatch` writes into buffers the caller
 * made once (see `makeBatchBuffers`). Pure TypeScript, no DOM, no tfjs.
 */
import { epochSeed, shuffledIndices } from '../runtime/shuffle.ts';
import type { Loss, LossKind } from './types.ts';

/**
 * What the network is asked to answer:
 * - `digits`: ten outputs, one-hot targets (label 3 → [0,0,0,1,0,0,0,0,0,0]);
 * - `zero-vs-rest`: one output, target 1 when the digit is a 0, else 0.
 */
export type TargetKind = 'digits' | 'zero-vs-rest';

/** A set of images and labels (a view into a loaded split; no copies). */
export interface ImageSet {
  /** count × pixels bytes, 0–255, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  /** Pixels per image (784 for MNIST). */
  pixels: number;
}

/** Width of the network's output (and of each target row) for a task. */
export function targetWidth(kind: TargetKind): number {
  return kind === 'digits' ? 10 : 1;
}

/** Builds an ImageSet, checking that the arrays are as long as `count` says. */
export function imageSet(images: Uint8Array, labels: Uint8Array, count: number, pixels: number): ImageSet {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`imageSet: count must be a non-negative integer, got ${count}.`);
  if (!Number.isInteger(pixels) || pixels < 1) throw new RangeError(`imageSet: pixels must be a positive integer, got ${pixels}.`);
  if (images.length < count * pixels) {
    throw new RangeError(`imageSet: ${count} images of ${pixels} pixels need ${count * pixels} bytes, got ${images.length}.`);
  }
  if (labels.length < count) throw new RangeError(`imageSet: ${count} images need ${count} labels, got ${labels.length}.`);
  return { images, labels, count, pixels };
}

/** Examples `start .. start+count-1` of a set, without copying. */
export function subset(set: ImageSet, start: number, count: number): ImageSet {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > set.count) {
    throw new RangeError(`subset: examples ${start}..${start + count - 1} are outside a set of ${set.count}.`);
  }
  return {
    images: set.images.subarray(start * set.pixels, (start + count) * set.pixels),
    labels: set.labels.subarray(start, start + count),
    count,
    pixels: set.pixels,
  };
}

/**
 * The protocol's split of the 60,000 training images: validation from the END,
 * training the first `trainLimit` of what is left. Throws a clear error when they do not fit.
 */
export function trainValidationSplit(set: ImageSet, trainLimit: number, validationCount: number): { train: ImageSet; validation: ImageSet | null } {
  if (!Number.isInteger(validationCount) || validationCount < 0) {
    throw new RangeError(`validationCount must be a non-negative integer, got ${validationCount}.`);
  }
  if (!Number.isInteger(trainLimit) || trainLimit < 1) {
    throw new RangeError(`trainLimit must be a positive integer, got ${trainLimit}.`);
  }
  if (trainLimit + validationCount > set.count) {
    throw new RangeError(`${trainLimit} training plus ${validationCount} validation examples do not fit in ${set.count}: lower one of them.`);
  }
  return {
    train: subset(set, 0, trainLimit),
    validation: validationCount > 0 ? subset(set, set.count - validationCount, validationCount) : null,
  };
}

/** Buffers for one batch, made once and reused every step. */
export interface BatchBuffers {
  /** batchSize × pixels inputs in [0, 1]. */
  x: Float32Array;
  /** batchSize × targetWidth targets. */
  y: Float32Array;
  batchSize: number;
  pixels: number;
  width: number;
}

export function makeBatchBuffers(batchSize: number, pixels: number, kind: TargetKind): BatchBuffers {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  const width = targetWidth(kind);
  return { x: new Float32Array(batchSize * pixels), y: new Float32Array(batchSize * width), batchSize, pixels, width };
}

const INV_255 = 1 / 255;

/**
 * Fills rows 0..(end-start-1) of `buffers` with the examples `order[start..end)` of `set`:
 * pixels / 255 and the targets of `kind`. Returns the number of rows filled.
 * Allocates nothing.
 */
export function fillBatch(set: ImageSet, order: ArrayLike<number>, start: number, end: number, buffers: BatchBuffers, kind: TargetKind): number {
  const rows = end - start;
  if (rows < 0 || rows > buffers.batchSize) {
    throw new RangeError(`fillBatch: ${rows} rows do not fit in a batch of ${buffers.batchSize}.`);
  }
  if (set.pixels !== buffers.pixels) {
    throw new RangeError(`fillBatch: images have ${set.pixels} pixels but the batch buffers expect ${buffers.pixels}.`);
  }
  const { x, y, pixels, width } = buffers;
  const images = set.images;
  for (let r = 0; r < rows; r++) {
    const index = order[start + r] as number;
    if (!(index >= 0 && index < set.count)) throw new RangeError(`fillBatch: example ${index} is outside a set of ${set.count}.`);
    const src = index * pixels;
    const dst = r * pixels;
    for (let p = 0; p < pixels; p++) x[dst + p] = (images[src + p] as number) * INV_255;
    const label = set.labels[index] as number;
    if (kind === 'zero-vs-rest') {
      y[r] = label === 0 ? 1 : 0;
    } else {
      const row = r * width;
      for (let c = 0; c < width; c++) y[row + c] = 0;
      y[row + label] = 1;
    }
  }
  return rows;
}

/** The order of the examples in epoch `epoch` (0-based): a fresh shuffle per epoch, fixed by `seed`. */
export function epochOrder(count: number, seed: number, epoch: number): Int32Array {
  return shuffledIndices(count, epochSeed(seed, epoch));
}

/** The identity order 0..count-1 (evaluation does not shuffle). */
export function inOrder(count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = i;
  return out;
}

/** Whether a loss reads logits (so a 0/1 decision is at 0 and probabilities need a sigmoid). */
export function lossTakesLogits(kind: LossKind): boolean {
  return kind === 'sigmoid-binary-cross-entropy' || kind === 'softmax-cross-entropy';
}

/**
 * How many rows of a batch the network got right. With one output, the answer is "yes"
 * when the output is above 0 (logits) or 0.5 (probabilities) and the target is ≥ 0.5;
 * with several, the largest output must be the target's largest (one-hot) column.
 */
export function countCorrect(output: Float32Array, targets: Float32Array, batch: number, width: number, logits: boolean): number {
  let correct = 0;
  if (width === 1) {
    const cut = logits ? 0 : 0.5;
    for (let r = 0; r < batch; r++) {
      if ((output[r] as number) > cut === (targets[r] as number) >= 0.5) correct++;
    }
    return correct;
  }
  for (let r = 0; r < batch; r++) {
    const row = r * width;
    if (argmaxRow(output, row, width) === argmaxRow(targets, row, width)) correct++;
  }
  return correct;
}

/** Index (0..width-1) of the largest value in `data[offset .. offset+width)`; the first one on ties. */
export function argmaxRow(data: Float32Array, offset: number, width: number): number {
  let best = 0;
  let bestValue = data[offset] as number;
  for (let c = 1; c < width; c++) {
    const v = data[offset + c] as number;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** Stable logistic function (no overflow for large |z|). */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** What `evaluate` needs from a network (a `Network` fits). */
export interface Forwarder {
  forward(x: Float32Array, batch: number): Float32Array;
}

export interface Evaluation {
  /** Mean loss over the set. */
  loss: number;
  accuracy: number;
  count: number;
  /**
   * zero-vs-rest: P(zero) per example (the sigmoid of a logit output);
   * digits: the predicted class per example, as a float.
   */
  scores: Float32Array;
}

export interface EvaluateOptions {
  /** Rows per forward pass. Default 1,000. */
  chunk?: number;
  /** Whether the network's outputs are logits (see `lossTakesLogits`). */
  logits: boolean;
  /** Reuse this array for the scores (length ≥ count). */
  scores?: Float32Array;
}

/**
 * Runs the network over a whole set in chunks (no shuffling, no training) and returns
 * the mean loss, the accuracy and one score per example. `loss` is used only for its
 * forward pass.
 */
export function evaluate(network: Forwarder, loss: Loss, set: ImageSet, kind: TargetKind, options: EvaluateOptions): Evaluation {
  const count = set.count;
  const chunk = Math.max(1, Math.min(options.chunk ?? 1000, Math.max(1, count)));
  const scores = options.scores ?? new Float32Array(count);
  if (scores.length < count) throw new RangeError(`evaluate: the scores array holds ${scores.length}, need ${count}.`);
  if (count === 0) return { loss: NaN, accuracy: NaN, count: 0, scores };
  const buffers = makeBatchBuffers(chunk, set.pixels, kind);
  const order = inOrder(count);
  const width = buffers.width;
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < count; start += chunk) {
    const end = Math.min(count, start + chunk);
    const rows = fillBatch(set, order, start, end, buffers, kind);
    const output = network.forward(buffers.x, rows);
    lossSum += loss.forward(output, buffers.y, rows, width) * rows;
    correct += countCorrect(output, buffers.y, rows, width, options.logits);
    for (let r = 0; r < rows; r++) {
      if (width === 1) {
        const o = output[r] as number;
        scores[start + r] = options.logits ? sigmoid(o) : o;
      } else {
        scores[start + r] = argmaxRow(output, r * width, width);
      }
    }
  }
  return { loss: lossSum / count, accuracy: correct / count, count, scores };
}
