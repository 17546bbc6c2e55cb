/**
 * Finite-difference gradient checks: the way to know a backward pass is right.
 *
 * For a scalar function L(w), the centred difference
 *     numeric = (L(w + ε) − L(w − ε)) / 2ε
 * matches dL/dw up to O(ε²). We nudge one number at a time (a weight, a bias, an input or an
 * output), recompute L, and compare with the analytic gradient from `backward`:
 *     relative error = |analytic − numeric| / max(|analytic|, |numeric|, floor)
 * The floor keeps tiny gradients (where both are ~0) from producing a huge ratio out of noise.
 *
 * float32 care: the buffers are float32, so w + ε is rounded. We divide by the step that was
 * really taken, float32(w + ε) − float32(w − ε), not by 2ε. L itself is summed in double.
 * ReLU care: the check is meaningless where a ReLU input is within ε·|x| of 0 (the kink):
 * choose inputs away from it (the tests check this explicitly).
 */
import type { Layer, Loss, Param } from './types.ts';
import type { Network } from './network.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

export interface GradCheckOptions {
  /** The nudge ε (default 1e-2: big enough that float32 rounding noise stays small next to the change). */
  epsilon?: number;
  /** Check at most this many entries of each array, chosen at random (default: all). */
  maxChecksPerParam?: number;
  /** Seed for the sampled entries and the layer check's random projection (default 1). */
  seed?: number;
  /**
   * Denominator floor of the relative error (default 1e-2): gradients smaller than this are
   * compared absolutely, since float32 activations leave ~1e-6 of noise in a numeric gradient.
   */
  floor?: number;
}

export interface GradCheckWorst {
  /** The param's name, or "input" / "output" for the layer's input or the loss's input. */
  param: string;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradCheckResult {
  /** The largest relative error over all checked entries (0 when all agree exactly). */
  maxRelativeError: number;
  /** Where the largest error occurred. */
  worst: GradCheckWorst;
  /** How many entries were checked. */
  checked: number;
}

/** |a − n| / max(|a|, |n|, floor). */
export function relativeError(analytic: number, numeric: number, floor = 1e-2): number {
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric), floor);
  return scale === 0 ? 0 : Math.abs(analytic - numeric) / scale;
}

/** Which entries of an array of `length` values to check. */
function entriesToCheck(length: number, max: number | undefined, rand: () => number): number[] {
  if (max === undefined || max >= length) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: max }, () => Math.floor(rand() * length));
}

/**
 * Compares `analytic` with centred differences of `evaluate` over the entries of `values`
 * (each nudged in place, then restored), and folds the result into `result`.
 */
function compareArray(
  name: string,
  values: Float32Array,
  analytic: Float32Array,
  evaluate: () => number,
  options: GradCheckOptions,
  rand: () => number,
  result: GradCheckResult,
): void {
  const epsilon = options.epsilon ?? 1e-2;
  const floor = options.floor ?? 1e-2;
  for (const index of entriesToCheck(values.length, options.maxChecksPerParam, rand)) {
    const original = values[index] as number;
    values[index] = original + epsilon;
    const plusValue = values[index] as number; // rounded to float32
    const lossPlus = evaluate();
    values[index] = original - epsilon;
    const minusValue = values[index] as number;
    const lossMinus = evaluate();
    values[index] = original;
    const numeric = (lossPlus - lossMinus) / (plusValue - minusValue);
    const a = analytic[index] as number;
    const error = relativeError(a, numeric, floor);
    result.checked++;
    if (error > result.maxRelativeError || result.checked === 1) {
      result.maxRelativeError = Math.max(error, result.maxRelativeError);
      result.worst = { param: name, index, analytic: a, numeric };
    }
  }
}

function emptyResult(): GradCheckResult {
  return { maxRelativeError: 0, worst: { param: '', index: -1, analytic: 0, numeric: 0 }, checked: 0 };
}

/**
 * Checks one layer's backward pass: its parameter gradients and its input gradient.
 * The layer is scored by a fixed random projection of its output, L = Σ r_i · y_i, so that
 * dL/dy = r exercises every output. Zeroes the layer's gradients first; on return they hold
 * the analytic gradients of L.
 */
export function checkLayerGradients(layer: Layer, input: Float32Array, batch: number, options: GradCheckOptions = {}): GradCheckResult {
  const rand = mulberry32(options.seed ?? 1);
  const x = input.slice(); // nudged in place: work on our own copy
  const outputLength = layer.forward(x, batch).length;
  const projection = new Float32Array(outputLength);
  for (let i = 0; i < outputLength; i++) projection[i] = rand() * 2 - 1;
  const evaluate = (): number => {
    const y = layer.forward(x, batch);
    let sum = 0;
    for (let i = 0; i < outputLength; i++) sum += (projection[i] as number) * (y[i] as number);
    return sum;
  };

  const params: readonly Param[] = layer.params();
  for (const param of params) param.grad.fill(0);
  layer.forward(x, batch);
  const inputGrad = layer.backward(projection, batch, true).slice();

  const result = emptyResult();
  for (const param of params) compareArray(param.name, param.value, param.grad, evaluate, options, rand, result);
  compareArray('input', x, inputGrad, evaluate, options, rand, result);
  return result;
}

/** Checks a loss's gradient with respect to its input (the network's output). */
export function checkLossGradients(
  loss: Loss,
  output: Float32Array,
  targets: Float32Array,
  batch: number,
  width: number,
  options: GradCheckOptions = {},
): GradCheckResult {
  const rand = mulberry32(options.seed ?? 1);
  const y = output.slice();
  loss.forward(y, targets, batch, width);
  const analytic = loss.backward().slice();
  const result = emptyResult();
  compareArray('output', y, analytic, () => loss.forward(y, targets, batch, width), options, rand, result);
  return result;
}

/**
 * Checks a whole network's parameter gradients against the loss: backpropagation through every
 * layer at once. Zeroes the gradients first; on return they hold the analytic gradients.
 */
export function checkNetworkGradients(
  network: Network,
  loss: Loss,
  x: Float32Array,
  targets: Float32Array,
  batch: number,
  options: GradCheckOptions = {},
): GradCheckResult {
  const rand = mulberry32(options.seed ?? 1);
  const evaluate = (): number => loss.forward(network.forward(x, batch), targets, batch, network.outputSize);
  network.zeroGrads();
  evaluate();
  network.backward(loss.backward(), batch);
  const result = emptyResult();
  for (const param of network.params()) compareArray(param.name, param.value, param.grad, evaluate, options, rand, result);
  return result;
}
