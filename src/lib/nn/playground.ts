/**
 * The decision-boundary playground's pure side: the architectures it offers, a trainer that runs
 * epochs of mini-batch Adam on a 2D toy dataset, the grid of points its heat map is computed on,
 * and `collapseLinear`, which multiplies stacked linear layers into the single linear map they are.
 *
 * The network ends in one unit, a logit z; ŷ = σ(z) is the probability of class 1, trained with
 * sigmoid binary cross-entropy (fused and stable). No DOM: the widget draws what this computes.
 */
import { epochSeed, shuffledIndices } from '../runtime/shuffle.ts';
import { sigmoid } from './activations.ts';
import { makeLoss } from './losses.ts';
import { buildNetwork, type Network } from './network.ts';
import { makeOptimizer } from './optimizers.ts';
import type { ToyDataset } from './toy-data.ts';
import type { Loss, Optimizer, Param } from './types.ts';
import { architectureLayers, isLinearArchitecture, type ArchitectureId } from './architectures.ts';

export * from './architectures.ts';

export interface PlaygroundConfig {
  architecture: ArchitectureId;
  hidden: number;
  learningRate: number;
  /** Mini-batch size. Default 16. */
  batchSize?: number;
  /** Seeds the initial weights and the shuffles. Default 1. */
  seed?: number;
}

export interface Evaluation {
  /** Mean binary cross-entropy over the whole dataset. */
  loss: number;
  /** Fraction of points on the right side of the boundary (ŷ > 0.5 ⇔ class 1). */
  accuracy: number;
}

/** log(1 + eᵗ) without overflow. */
function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** Mean binary cross-entropy and accuracy of logits against 0/1 labels. */
export function evaluateLogits(logits: Float32Array, labels: Float32Array, count: number): Evaluation {
  if (count < 1 || logits.length < count || labels.length < count) {
    throw new Error(`evaluateLogits: need ${count} logits and labels, got ${logits.length} and ${labels.length}.`);
  }
  let loss = 0;
  let right = 0;
  for (let i = 0; i < count; i++) {
    const z = logits[i]!;
    const y = labels[i]!;
    loss += y * softplus(-z) + (1 - y) * softplus(z);
    if (z > 0 === y > 0.5) right++;
  }
  return { loss: loss / count, accuracy: right / count };
}

/** Trains a small network on a toy dataset, one epoch at a time (the widget calls it between frames). */
export class PlaygroundTrainer {
  readonly network: Network;
  readonly data: ToyDataset;
  readonly config: Required<PlaygroundConfig>;
  /** Epochs trained so far. */
  epoch = 0;
  private readonly loss: Loss;
  private readonly optimizer: Optimizer;
  private readonly batchX: Float32Array;
  private readonly batchY: Float32Array;
  private readonly logits: Float32Array;

  constructor(data: ToyDataset, config: PlaygroundConfig) {
    this.data = data;
    this.config = { batchSize: 16, seed: 1, ...config };
    const { batchSize, learningRate } = this.config;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`playground: batch size must be a positive integer, got ${batchSize}.`);
    if (!(learningRate > 0)) throw new Error(`playground: learning rate must be positive, got ${learningRate}.`);
    this.network = buildNetwork(2, architectureLayers(this.config.architecture, this.config.hidden), { seed: this.config.seed });
    this.loss = makeLoss('sigmoid-binary-cross-entropy');
    this.optimizer = makeOptimizer({ kind: 'adam', learningRate });
    this.batchX = new Float32Array(batchSize * 2);
    this.batchY = new Float32Array(batchSize);
    this.logits = new Float32Array(data.count);
  }

  set learningRate(value: number) {
    if (!(value > 0)) throw new Error(`playground: learning rate must be positive, got ${value}.`);
    this.optimizer.learningRate = value;
    this.config.learningRate = value;
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  /** One pass over the data in shuffled mini-batches. Returns the mean training loss of its batches. */
  trainEpoch(): number {
    const { data } = this;
    const { batchSize, seed } = this.config;
    const order = shuffledIndices(data.count, epochSeed(seed, this.epoch));
    let total = 0;
    let batches = 0;
    for (let start = 0; start < data.count; start += batchSize) {
      const rows = Math.min(batchSize, data.count - start);
      for (let r = 0; r < rows; r++) {
        const i = order[start + r]!;
        this.batchX[2 * r] = data.x[2 * i]!;
        this.batchX[2 * r + 1] = data.x[2 * i + 1]!;
        this.batchY[r] = data.y[i]!;
      }
      // The last batch may be short: the network reads only the first `rows` rows.
      total += this.network.trainBatch(this.batchX, this.batchY, rows, this.loss, this.optimizer);
      batches++;
    }
    this.epoch++;
    return total / batches;
  }

  /** Loss and accuracy over the whole dataset. */
  evaluate(): Evaluation {
    this.network.predict(this.data.x, this.data.count, this.logits);
    return evaluateLogits(this.logits, this.data.y, this.data.count);
  }

  /** ŷ = σ(z) for each of `count` points (count × 2), into `out`. */
  probabilities(x: Float32Array, count: number, out: Float32Array = new Float32Array(count)): Float32Array {
    this.network.predict(x, count, out);
    for (let i = 0; i < count; i++) out[i] = sigmoid(out[i]!);
    return out;
  }

  /** For a linear architecture, the single linear map it computes; null otherwise. */
  collapsed(): CollapsedLinear | null {
    return isLinearArchitecture(this.config.architecture) ? collapseLinear(this.network.layers) : null;
  }
}

/**
 * The centres of an n × n grid over the square [-extent, extent]², row by row from the TOP
 * (x₂ = +extent side) down, left to right: point k is the centre of pixel (k mod n, ⌊k / n⌋).
 */
export function gridInputs(n: number, extent: number): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gridInputs: n must be a positive integer, got ${n}.`);
  if (!(extent > 0)) throw new Error(`gridInputs: extent must be positive, got ${extent}.`);
  const out = new Float32Array(n * n * 2);
  const step = (2 * extent) / n;
  for (let row = 0; row < n; row++) {
    const x2 = extent - (row + 0.5) * step;
    for (let col = 0; col < n; col++) {
      const k = row * n + col;
      out[2 * k] = -extent + (col + 0.5) * step;
      out[2 * k + 1] = x2;
    }
  }
  return out;
}

/** A linear map y = x·W + b with W of shape inputSize × outputSize (row-major), in float64. */
export interface CollapsedLinear {
  inputSize: number;
  outputSize: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** The layer shape collapseLinear reads: Dense layers expose a kernel [in, out] and a bias [out]. */
interface LayerLike {
  readonly kind: string;
  params(): readonly Param[];
}

/**
 * Multiplies a stack of linear (Dense) layers into one: x·W₁ + b₁ then ·W₂ + b₂ is x·(W₁W₂) + (b₁W₂ + b₂).
 * Throws if a layer is not linear (an activation bends the map, and then no single matrix exists).
 */
export function collapseLinear(layers: readonly LayerLike[]): CollapsedLinear {
  if (layers.length === 0) throw new Error('collapseLinear: no layers given.');
  let result: CollapsedLinear | null = null;
  layers.forEach((layer, li) => {
    if (layer.kind !== 'Dense') {
      throw new Error(`collapseLinear: layer ${li + 1} is ${layer.kind}, not linear; only a stack of Dense layers is one linear map.`);
    }
    const [kernel, bias] = layer.params();
    if (!kernel || !bias || kernel.shape.length !== 2) throw new Error(`collapseLinear: layer ${li + 1} has no kernel [in, out] and bias [out].`);
    const inputs = kernel.shape[0]!;
    const units = kernel.shape[1]!;
    if (result && result.outputSize !== inputs) {
      throw new Error(`collapseLinear: layer ${li + 1} takes ${inputs} inputs but the layers before give ${result.outputSize}.`);
    }
    if (!result) {
      result = { inputSize: inputs, outputSize: units, weights: Float64Array.from(kernel.value), bias: Float64Array.from(bias.value) };
      return;
    }
    const prev: CollapsedLinear = result;
    const weights = new Float64Array(prev.inputSize * units);
    const newBias = Float64Array.from(bias.value);
    for (let i = 0; i < prev.inputSize; i++) {
      for (let k = 0; k < inputs; k++) {
        const a = prev.weights[i * inputs + k]!;
        if (a === 0) continue;
        for (let j = 0; j < units; j++) weights[i * units + j]! += a * kernel.value[k * units + j]!;
      }
    }
    for (let k = 0; k < inputs; k++) {
      const a = prev.bias[k]!;
      for (let j = 0; j < units; j++) newBias[j]! += a * kernel.value[k * units + j]!;
    }
    result = { inputSize: prev.inputSize, outputSize: units, weights, bias: newBias };
  });
  return result!;
}

/** Where w₁x₁ + w₂x₂ + b = 0 crosses the square [-extent, extent]²: two end points, or null if it misses it. */
export function boundaryLine(w1: number, w2: number, b: number, extent: number): [number, number, number, number] | null {
  const hits: [number, number][] = [];
  const add = (p: [number, number]) => {
    if (Math.abs(p[0]) <= extent + 1e-9 && Math.abs(p[1]) <= extent + 1e-9 && !hits.some((h) => Math.hypot(h[0] - p[0], h[1] - p[1]) < 1e-9))
      hits.push(p);
  };
  if (w2 !== 0) for (const x1 of [-extent, extent]) add([x1, -(b + w1 * x1) / w2]);
  if (w1 !== 0) for (const x2 of [-extent, extent]) add([-(b + w2 * x2) / w1, x2]);
  if (hits.length < 2) return null;
  const [p, q] = hits;
  // (+ 0 turns −0 into 0.)
  return [p![0] + 0, p![1] + 0, q![0] + 0, q![1] + 0];
}

/** x·W + b for `count` rows of x (count × inputSize), in float64. */
export function applyLinear(map: CollapsedLinear, x: Float32Array, count: number): Float64Array {
  const { inputSize, outputSize, weights, bias } = map;
  if (x.length < count * inputSize)
    throw new Error(`applyLinear: ${count} rows of ${inputSize} inputs need ${count * inputSize} values, got ${x.length}.`);
  const out = new Float64Array(count * outputSize);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < outputSize; j++) {
      let sum = bias[j]!;
      for (let i = 0; i < inputSize; i++) sum += x[r * inputSize + i]! * weights[i * outputSize + j]!;
      out[r * outputSize + j] = sum;
    }
  }
  return out;
}
