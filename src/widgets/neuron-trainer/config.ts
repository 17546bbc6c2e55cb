/**
 * The NeuronTrainer's settings (epochs, learning rate, batch size), their choices and
 * defaults, and the worker config they make: one neuron (784 → 1), sigmoid with binary
 * cross-entropy on the logit, plain SGD, all 60,000 training images. Pure: no DOM.
 */
import type { NnTrainConfig } from '../../workers/nn/protocol.ts';

export const EPOCH_CHOICES = [1, 2, 3, 4, 5] as const;
export const LEARNING_RATE_CHOICES = [0.01, 0.1, 0.5, 2] as const;
export const BATCH_SIZE_CHOICES = [16, 64, 256] as const;

export interface NeuronSettings {
  epochs: number;
  learningRate: number;
  batchSize: number;
}

export const DEFAULT_SETTINGS: NeuronSettings = { epochs: 1, learningRate: 0.5, batchSize: 64 };

/** The fixed parts of every run. */
export const FIXED = { trainLimit: 60_000, testLimit: 10_000, seed: 1 } as const;

function pick(value: string | null | undefined, choices: readonly number[], fallback: number): number {
  const n = Number(value);
  return value !== null && value !== undefined && value !== '' && choices.includes(n) ? n : fallback;
}

/** Settings from the element's data attributes (or the selects' values); unknown values fall back to the defaults. */
export function settingsFromValues(values: { epochs?: string | null; learningRate?: string | null; batchSize?: string | null }): NeuronSettings {
  return {
    epochs: pick(values.epochs, EPOCH_CHOICES, DEFAULT_SETTINGS.epochs),
    learningRate: pick(values.learningRate, LEARNING_RATE_CHOICES, DEFAULT_SETTINGS.learningRate),
    batchSize: pick(values.batchSize, BATCH_SIZE_CHOICES, DEFAULT_SETTINGS.batchSize),
  };
}

/** About 100 metrics messages (loss points and heat map updates) per epoch. */
export function reportEvery(batchSize: number, trainLimit: number = FIXED.trainLimit): number {
  return Math.max(1, Math.ceil(Math.ceil(trainLimit / batchSize) / 100));
}

export function buildNeuronConfig(settings: NeuronSettings, dataUrl: string): NnTrainConfig {
  return {
    task: 'zero-vs-rest',
    dataUrl,
    trainLimit: FIXED.trainLimit,
    validationCount: 0,
    testLimit: FIXED.testLimit,
    layers: [{ kind: 'dense', units: 1 }],
    loss: 'sigmoid-binary-cross-entropy',
    optimizer: { kind: 'sgd', learningRate: settings.learningRate },
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    earlyStoppingPatience: 0,
    seed: FIXED.seed,
    init: 'zeros',
    reportEveryBatches: reportEvery(settings.batchSize),
    sendFirstLayerWeights: true,
  };
}
