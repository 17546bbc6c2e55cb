/**
 * Messages between a from-scratch trainer widget and `nn/worker.ts`, which trains a
 * `src/lib/nn` network on MNIST off the main thread (no tfjs anywhere in this path).
 *
 * Tasks:
 * - `zero-vs-rest`: one output, label 1 when the digit is a 0 (Part 1: one neuron).
 * - `digits`: ten outputs with softmax cross-entropy (Part 2).
 */
import type { InitKind, LayerSpec, LossKind, OptimizerSpec } from '../../lib/nn/types.ts';

export type NnTask = 'zero-vs-rest' | 'digits';

export interface NnTrainConfig {
  task: NnTask;
  /** Absolute URL of the folder holding `mnist/<file>.gz` (resolved against the page). */
  dataUrl: string;
  /** Training examples: the first N of the 60,000 (after the validation examples are taken out). */
  trainLimit: number;
  /** Validation examples, taken from the END of the 60,000 training images (0 = none). */
  validationCount: number;
  /** Test examples: the first N of the 10,000. */
  testLimit: number;
  /** Hidden and output layers, e.g. [{kind:'dense',units:128},{kind:'relu'},{kind:'dense',units:10}]. */
  layers: LayerSpec[];
  loss: LossKind;
  optimizer: OptimizerSpec;
  batchSize: number;
  epochs: number;
  /** Stop when validation loss has not improved for this many epochs, and keep the best weights (0 = off). */
  earlyStoppingPatience: number;
  seed: number;
  /**
   * Weight initialisation for every Dense layer (optional; default: buildNetwork's choice, He or Glorot).
   * The one neuron uses 'zeros': MNIST's border pixels are always 0, so their weights never move and
   * would show random init noise in the weight heat map forever.
   */
  init?: InitKind;
  /** Send a `metrics` message every this many batches (plus one at each epoch end). */
  reportEveryBatches: number;
  /** Send the first Dense layer's kernel with each metrics message (the one neuron's 784 weights). */
  sendFirstLayerWeights: boolean;
}

export type NnToWorker = { type: 'start'; config: NnTrainConfig } | { type: 'stop' };

export type NnPhase = 'loading-data' | 'training' | 'evaluating';

export interface NnEpochSummary {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** null when validationCount is 0. */
  validationLoss: number | null;
  validationAccuracy: number | null;
  /** Wall time of the epoch's training, ms. */
  millis: number;
}

export interface NnTestResult {
  accuracy: number;
  loss: number;
  count: number;
  labels: Uint8Array;
  /** zero-vs-rest: P(zero) per test example; digits: the predicted class per example (as floats). */
  scores: Float32Array;
  /** digits only: 10 × 10 counts, row = true label, column = predicted. */
  confusion?: Int32Array;
}

export type NnFromWorker =
  | { type: 'phase'; phase: NnPhase; message: string }
  | { type: 'download'; file: string; loaded: number; total: number | null }
  | {
      type: 'metrics';
      epoch: number;
      batch: number;
      batchesPerEpoch: number;
      examplesSeen: number;
      /** Mean training loss and accuracy over the batches since the last metrics message. */
      loss: number;
      accuracy: number;
      examplesPerSecond: number;
      /** When sendFirstLayerWeights: a copy of the first Dense kernel (inputs × units). */
      firstLayerWeights?: Float32Array;
    }
  | { type: 'epoch'; summary: NnEpochSummary; /** early stopping: this epoch is the best so far */ best: boolean }
  | { type: 'early-stop'; bestEpoch: number; message: string }
  | { type: 'done'; stopped: boolean; epochsCompleted: number; test: NnTestResult | null; weights: Float32Array[] }
  | { type: 'error'; code: 'data' | 'config' | 'unknown'; message: string };
