/**
 * A fully connected layer: Y = X·W + b.
 *
 * X is batch × inputSize, W (the kernel) is inputSize × units row-major (the layout tfjs uses for
 * a Dense kernel, so weights copy across directly), b is units, Y is batch × units.
 * Backward: dW += Xᵀ·dY, db += Σ_rows dY, dX = dY·Wᵀ.
 * The matrix kernels live in kernels.ts (they skip zero inputs: see the notes there).
 */
import type { InitKind, Layer, Param } from './types.ts';
import {
  biasGrad,
  compressRows,
  ensureFloat32,
  ensureFloat32Capacity,
  ensureInt32Capacity,
  gaussian,
  inputGrad,
  rowsToColumns,
  sparseMatMulBias,
  sparseWeightGrad,
} from './kernels.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

/** Returned by backward when the input gradient is not needed (shared, never written). */
const EMPTY = new Float32Array(0);

export interface DenseOptions {
  /** Weight initialisation (default 'glorot'); biases always start at 0. */
  init?: InitKind;
  /** Seed of the initialisation (default 1): the same seed gives the same weights. */
  seed?: number;
  /** Name prefix of the params, e.g. "dense1" gives "dense1.kernel" and "dense1.bias" (default "dense"). */
  name?: string;
}

/** Fills `w` (fanIn × fanOut) with the chosen initialisation. */
export function initWeights(w: Float32Array, fanIn: number, fanOut: number, init: InitKind, seed: number): void {
  if (init === 'zeros') {
    w.fill(0);
  } else if (init === 'he') {
    // He normal: N(0, 2 / fanIn) keeps ReLU activations' variance steady from layer to layer.
    const normal = gaussian(seed);
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < w.length; i++) w[i] = normal() * std;
  } else if (init === 'glorot') {
    // Glorot (Xavier) uniform, Keras' default: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)).
    const uniform = mulberry32(seed);
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < w.length; i++) w[i] = (uniform() * 2 - 1) * limit;
  } else {
    throw new Error(`Unknown init "${String(init)}": use 'he', 'glorot' or 'zeros'.`);
  }
}

function checkPositiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`Dense: ${what} must be a positive integer, got ${value}.`);
}

export class Dense implements Layer {
  readonly kind = 'Dense';
  readonly inputSize: number;
  readonly units: number;
  readonly kernel: Param;
  readonly bias: Param;
  private readonly paramList: readonly Param[];

  private output: Float32Array = new Float32Array(0);
  private gradInput: Float32Array = new Float32Array(0);
  // The last forward batch's input, compressed to its non-zero entries (CSR: by row) ...
  private rowStart: Int32Array = new Int32Array(1);
  private index: Int32Array = new Int32Array(0);
  private offset: Int32Array = new Int32Array(0);
  private value: Float32Array = new Float32Array(0);
  // ... and re-sorted by column (CSC) for the weight gradient.
  private colStart: Int32Array;
  private rowOffset: Int32Array = new Int32Array(0);
  private colValue: Float32Array = new Float32Array(0);
  private lastBatch = -1;

  constructor(inputSize: number, units: number, options: DenseOptions = {}) {
    checkPositiveInteger(inputSize, 'inputSize');
    checkPositiveInteger(units, 'units');
    this.inputSize = inputSize;
    this.units = units;
    const name = options.name ?? 'dense';
    const kernel = new Float32Array(inputSize * units);
    initWeights(kernel, inputSize, units, options.init ?? 'glorot', options.seed ?? 1);
    this.kernel = { name: `${name}.kernel`, shape: [inputSize, units], value: kernel, grad: new Float32Array(kernel.length) };
    this.bias = { name: `${name}.bias`, shape: [units], value: new Float32Array(units), grad: new Float32Array(units) };
    this.paramList = [this.kernel, this.bias];
    this.colStart = new Int32Array(inputSize + 1);
  }

  outputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) {
      throw new Error(`Dense expects inputs of width ${this.inputSize}, got ${inputSize}: check the previous layer's units.`);
    }
    return this.units;
  }

  forward(input: Float32Array, batch: number): Float32Array {
    this.checkInput(input, batch);
    const n = batch * this.inputSize;
    // Compress X to its non-zero entries once; both the forward product and dW use them.
    this.rowStart = ensureInt32Capacity(this.rowStart, batch + 1);
    this.index = ensureInt32Capacity(this.index, n);
    this.offset = ensureInt32Capacity(this.offset, n);
    this.value = ensureFloat32Capacity(this.value, n);
    compressRows(input, batch, this.inputSize, this.units, this.rowStart, this.index, this.offset, this.value);
    this.output = ensureFloat32(this.output, batch * this.units);
    sparseMatMulBias(batch, this.units, this.rowStart, this.offset, this.value, this.kernel.value, this.bias.value, this.output);
    this.lastBatch = batch;
    return this.output;
  }

  backward(gradOutput: Float32Array, batch: number, needInputGrad = true): Float32Array {
    if (batch !== this.lastBatch) {
      throw new Error(`Dense.backward got batch ${batch} but the last forward batch was ${this.lastBatch}: call forward first.`);
    }
    if (gradOutput.length < batch * this.units) {
      throw new Error(`Dense.backward expects a gradient of ${batch} × ${this.units} values, got ${gradOutput.length}.`);
    }
    const nnz = this.rowStart[batch] as number;
    this.rowOffset = ensureInt32Capacity(this.rowOffset, nnz);
    this.colValue = ensureFloat32Capacity(this.colValue, nnz);
    rowsToColumns(batch, this.inputSize, this.rowStart, this.index, this.value, this.units, this.colStart, this.rowOffset, this.colValue);
    sparseWeightGrad(this.inputSize, this.units, this.colStart, this.rowOffset, this.colValue, gradOutput, this.kernel.grad);
    biasGrad(batch, this.units, gradOutput, this.bias.grad);
    // The first layer's input is the data: nobody needs its gradient, so skip the dY·Wᵀ product.
    if (!needInputGrad) return EMPTY;
    this.gradInput = ensureFloat32(this.gradInput, batch * this.inputSize);
    inputGrad(batch, this.inputSize, this.units, gradOutput, this.kernel.value, this.gradInput);
    return this.gradInput;
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  private checkInput(input: Float32Array, batch: number): void {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`Dense.forward: batch must be a positive integer, got ${batch}.`);
    const needed = batch * this.inputSize;
    // A longer buffer is fine (a reused buffer sized for a bigger batch), as long as it holds whole rows.
    if (input.length < needed || input.length % this.inputSize !== 0) {
      const width = input.length / batch;
      const got = Number.isInteger(width) ? `${width}` : `an array of ${input.length} values for ${batch} rows`;
      throw new Error(`Dense expects inputs of width ${this.inputSize}, got ${got}: check the previous layer's units.`);
    }
  }
}
