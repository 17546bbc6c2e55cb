/**
 * Losses. Each returns the MEAN loss over the batch and, from `backward`, the gradient of that
 * mean with respect to the network's output (so it carries the 1/batch factor).
 *
 * Cross-entropies sum over a row's classes and average over rows. Binary cross-entropy and MSE
 * treat every output as its own prediction and average over all batch × width values (as Keras
 * and tfjs do); with one output per example, that is the mean over the batch.
 *
 * Losses are computed in double precision; the gradient is computed during `forward` (it needs
 * the same intermediate values) and stored in a reused buffer that `backward` returns.
 */
import type { Loss, LossKind } from './types.ts';
import { sigmoid, softmaxRow } from './activations.ts';
import { ensureFloat32 } from './kernels.ts';

/** Probabilities are clamped to [EPSILON, 1 − EPSILON] before a log (Keras' epsilon). */
export const PROBABILITY_EPSILON = 1e-7;

abstract class BaseLoss implements Loss {
  abstract readonly kind: string;
  protected grad: Float32Array = new Float32Array(0);
  protected ready = false;

  abstract forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number;

  backward(): Float32Array {
    if (!this.ready) throw new Error(`${this.kind}.backward: call forward first.`);
    return this.grad;
  }

  /** Validates shapes and sizes the gradient buffer; returns batch × width. */
  protected prepare(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`${this.kind}: batch must be a positive integer, got ${batch}.`);
    if (!Number.isInteger(width) || width < 1) throw new Error(`${this.kind}: width must be a positive integer, got ${width}.`);
    const n = batch * width;
    if (output.length < n) {
      throw new Error(`${this.kind}: expected ${batch} rows of ${width} outputs (${n} values), got ${output.length}: check the last layer's units.`);
    }
    if (targets.length < n) {
      throw new Error(
        `${this.kind}: expected ${batch} rows of ${width} targets (${n} values), got ${targets.length}: ` +
          `targets must have the output's shape (one-hot rows for ${width} classes).`,
      );
    }
    this.grad = ensureFloat32(this.grad, n);
    this.ready = true;
    return n;
  }
}

/**
 * Softmax + cross-entropy on LOGITS, fused: loss_r = logΣe^z − Σ_j y_j z_j (with the max trick),
 * gradient (Σy · softmax(z) − y) / batch, i.e. (softmax − y) / batch for one-hot targets.
 */
export class SoftmaxCrossEntropy extends BaseLoss {
  readonly kind = 'SoftmaxCrossEntropy';

  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    this.prepare(output, targets, batch, width);
    const grad = this.grad;
    const scale = 1 / batch;
    let total = 0;
    for (let r = 0; r < batch; r++) {
      const row = r * width;
      // grad's row temporarily holds softmax(z).
      const logSumExp = softmaxRow(output, row, width, grad, row);
      let targetSum = 0;
      for (let j = 0; j < width; j++) {
        const y = targets[row + j] as number;
        targetSum += y;
        total += y * (logSumExp - (output[row + j] as number)); // −y · log softmax(z)_j
      }
      for (let j = 0; j < width; j++) {
        grad[row + j] = ((grad[row + j] as number) * targetSum - (targets[row + j] as number)) * scale;
      }
    }
    return total * scale;
  }
}

/**
 * Sigmoid + binary cross-entropy on LOGITS, fused and stable:
 * loss = max(z, 0) − z·y + log(1 + e^−|z|), gradient (σ(z) − y) / n.
 */
export class SigmoidBinaryCrossEntropy extends BaseLoss {
  readonly kind = 'SigmoidBinaryCrossEntropy';

  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    const n = this.prepare(output, targets, batch, width);
    const grad = this.grad;
    const scale = 1 / n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = output[i] as number;
      const y = targets[i] as number;
      total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      grad[i] = (sigmoid(z) - y) * scale;
    }
    return total * scale;
  }
}

/**
 * Binary cross-entropy on PROBABILITIES p (e.g. after a Sigmoid layer), clamped to
 * [1e-7, 1 − 1e-7]: loss = −(y log p + (1 − y) log(1 − p)), gradient (p − y) / (p (1 − p)) / n
 * (zero where p was clamped, as the clamp is flat there).
 */
export class BinaryCrossEntropy extends BaseLoss {
  readonly kind = 'BinaryCrossEntropy';

  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    const n = this.prepare(output, targets, batch, width);
    const grad = this.grad;
    const scale = 1 / n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const raw = output[i] as number;
      const y = targets[i] as number;
      const clamped = raw < PROBABILITY_EPSILON || raw > 1 - PROBABILITY_EPSILON;
      const p = Math.min(Math.max(raw, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
      total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
      grad[i] = clamped ? 0 : ((p - y) / (p * (1 - p))) * scale;
    }
    return total * scale;
  }
}

/**
 * Categorical cross-entropy on PROBABILITIES (e.g. after a Softmax layer), clamped to
 * [1e-7, 1 − 1e-7]: loss_r = −Σ_j y_j log p_j, gradient −y / p / batch (zero where clamped).
 */
export class CrossEntropy extends BaseLoss {
  readonly kind = 'CrossEntropy';

  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    const n = this.prepare(output, targets, batch, width);
    const grad = this.grad;
    const scale = 1 / batch;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const raw = output[i] as number;
      const y = targets[i] as number;
      const clamped = raw < PROBABILITY_EPSILON || raw > 1 - PROBABILITY_EPSILON;
      const p = Math.min(Math.max(raw, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
      total -= y * Math.log(p);
      grad[i] = clamped ? 0 : (-y / p) * scale;
    }
    return total * scale;
  }
}

/** Mean squared error over all batch × width values: mean((ŷ − y)²), gradient 2(ŷ − y) / n. */
export class MeanSquaredError extends BaseLoss {
  readonly kind = 'MeanSquaredError';

  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number {
    const n = this.prepare(output, targets, batch, width);
    const grad = this.grad;
    const scale = 1 / n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = (output[i] as number) - (targets[i] as number);
      total += d * d;
      grad[i] = 2 * d * scale;
    }
    return total * scale;
  }
}

/** A loss from its serialisable name. */
export function makeLoss(kind: LossKind): Loss {
  switch (kind) {
    case 'softmax-cross-entropy':
      return new SoftmaxCrossEntropy();
    case 'sigmoid-binary-cross-entropy':
      return new SigmoidBinaryCrossEntropy();
    case 'binary-cross-entropy':
      return new BinaryCrossEntropy();
    case 'cross-entropy':
      return new CrossEntropy();
    case 'mse':
      return new MeanSquaredError();
    default:
      throw new Error(
        `Unknown loss "${String(kind)}": use 'softmax-cross-entropy', 'sigmoid-binary-cross-entropy', 'binary-cross-entropy', 'cross-entropy' or 'mse'.`,
      );
  }
}
