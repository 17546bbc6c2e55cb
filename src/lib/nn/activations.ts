/**
 * Activation layers. Element-wise ones (ReLU, Sigmoid, Tanh) work on any width; Softmax works
 * row by row, so it needs the width: set by `outputSize` (the network calls it) or, when the
 * layer is used alone, inferred on the first forward call as input.length / batch.
 */
import type { Layer, Param } from './types.ts';
import { ensureFloat32 } from './kernels.ts';

const NO_PARAMS: readonly Param[] = [];

/** The logistic function 1 / (1 + e^−z), written so that e^x never overflows for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z); // z < 0: e is in (0, 1), no overflow
  return e / (1 + e);
}

/**
 * Softmax of one row: dst[dstOffset + j] = e^(z_j − max) / Σ e^(z_i − max), where
 * z = src[srcOffset .. srcOffset + width). Subtracting the row's max keeps every exponent ≤ 0,
 * so nothing overflows. Returns log Σ e^(z_i) (the log-sum-exp), handy for cross-entropy.
 * `dst` may be `src` (in place).
 */
export function softmaxRow(src: ArrayLike<number>, srcOffset: number, width: number, dst: Float32Array, dstOffset: number): number {
  let max = -Infinity;
  for (let j = 0; j < width; j++) {
    const z = src[srcOffset + j] as number;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let j = 0; j < width; j++) {
    const e = Math.exp((src[srcOffset + j] as number) - max);
    dst[dstOffset + j] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let j = 0; j < width; j++) dst[dstOffset + j] = (dst[dstOffset + j] as number) * inv;
  return max + Math.log(sum);
}

/** Shared plumbing: width bookkeeping and the reused output / input-gradient buffers. */
abstract class Activation implements Layer {
  abstract readonly kind: string;
  /** Width of a row; 0 until known. */
  protected width = 0;
  protected output: Float32Array = new Float32Array(0);
  protected gradInput: Float32Array = new Float32Array(0);
  protected lastBatch = -1;

  outputSize(inputSize: number): number {
    if (!Number.isInteger(inputSize) || inputSize < 1) {
      throw new Error(`${this.kind} needs a positive integer input width, got ${inputSize}.`);
    }
    this.width = inputSize;
    return inputSize;
  }

  params(): readonly Param[] {
    return NO_PARAMS;
  }

  /** Checks the input, sizes the output buffer; returns the number of values to process. */
  protected prepareForward(input: Float32Array, batch: number): number {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`${this.kind}.forward: batch must be a positive integer, got ${batch}.`);
    if (this.width === 0) {
      const width = input.length / batch;
      if (!Number.isInteger(width) || width < 1) {
        throw new Error(`${this.kind}.forward: ${input.length} values do not split into ${batch} rows.`);
      }
      this.width = width;
    }
    const n = batch * this.width;
    if (input.length < n) {
      throw new Error(`${this.kind} expects inputs of width ${this.width}, got ${input.length / batch}: check the previous layer's units.`);
    }
    this.output = ensureFloat32(this.output, n);
    this.lastBatch = batch;
    return n;
  }

  /** Checks the gradient, sizes the input-gradient buffer; returns the number of values to process. */
  protected prepareBackward(gradOutput: Float32Array, batch: number): number {
    if (batch !== this.lastBatch) {
      throw new Error(`${this.kind}.backward got batch ${batch} but the last forward batch was ${this.lastBatch}: call forward first.`);
    }
    const n = batch * this.width;
    if (gradOutput.length < n) throw new Error(`${this.kind}.backward expects ${n} gradient values, got ${gradOutput.length}.`);
    this.gradInput = ensureFloat32(this.gradInput, n);
    return n;
  }

  abstract forward(input: Float32Array, batch: number): Float32Array;
  abstract backward(gradOutput: Float32Array, batch: number, needInputGrad?: boolean): Float32Array;
}

/** max(0, z). Its derivative is 1 where the output is positive, 0 elsewhere (0 at z = 0, like tfjs). */
export class ReLU extends Activation {
  readonly kind = 'ReLU';

  forward(input: Float32Array, batch: number): Float32Array {
    const n = this.prepareForward(input, batch);
    const out = this.output;
    for (let i = 0; i < n; i++) {
      const z = input[i] as number;
      out[i] = z > 0 ? z : 0;
    }
    return out;
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    const n = this.prepareBackward(gradOutput, batch);
    const out = this.output;
    const dx = this.gradInput;
    for (let i = 0; i < n; i++) dx[i] = (out[i] as number) > 0 ? (gradOutput[i] as number) : 0;
    return dx;
  }
}

/** σ(z) = 1 / (1 + e^−z); dσ/dz = σ(1 − σ), computed from the stored output. */
export class Sigmoid extends Activation {
  readonly kind = 'Sigmoid';

  forward(input: Float32Array, batch: number): Float32Array {
    const n = this.prepareForward(input, batch);
    const out = this.output;
    for (let i = 0; i < n; i++) out[i] = sigmoid(input[i] as number);
    return out;
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    const n = this.prepareBackward(gradOutput, batch);
    const out = this.output;
    const dx = this.gradInput;
    for (let i = 0; i < n; i++) {
      const s = out[i] as number;
      dx[i] = (gradOutput[i] as number) * s * (1 - s);
    }
    return dx;
  }
}

/** tanh(z); d tanh/dz = 1 − tanh², computed from the stored output. */
export class Tanh extends Activation {
  readonly kind = 'Tanh';

  forward(input: Float32Array, batch: number): Float32Array {
    const n = this.prepareForward(input, batch);
    const out = this.output;
    for (let i = 0; i < n; i++) out[i] = Math.tanh(input[i] as number);
    return out;
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    const n = this.prepareBackward(gradOutput, batch);
    const out = this.output;
    const dx = this.gradInput;
    for (let i = 0; i < n; i++) {
      const t = out[i] as number;
      dx[i] = (gradOutput[i] as number) * (1 - t * t);
    }
    return dx;
  }
}

/**
 * Softmax over each row. Backward (the Jacobian–vector product): dz_j = p_j (dp_j − Σ_i dp_i p_i).
 * For training a classifier prefer the fused SoftmaxCrossEntropy loss on logits (simpler and more
 * stable); this layer exists to show the pieces, and to pair with CrossEntropy.
 */
export class Softmax extends Activation {
  readonly kind = 'Softmax';

  forward(input: Float32Array, batch: number): Float32Array {
    this.prepareForward(input, batch);
    const width = this.width;
    for (let r = 0; r < batch; r++) softmaxRow(input, r * width, width, this.output, r * width);
    return this.output;
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    this.prepareBackward(gradOutput, batch);
    const width = this.width;
    const p = this.output;
    const dx = this.gradInput;
    for (let r = 0; r < batch; r++) {
      const row = r * width;
      let dot = 0;
      for (let j = 0; j < width; j++) dot += (gradOutput[row + j] as number) * (p[row + j] as number);
      for (let j = 0; j < width; j++) dx[row + j] = (p[row + j] as number) * ((gradOutput[row + j] as number) - dot);
    }
    return dx;
  }
}
