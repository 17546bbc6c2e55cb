/**
 * The NeuronTrainer's settings (epochs, learning rate, batch size), their choices and
 * defaults, and the worker config they make: one neuron (784 → 1), sigmoid with binary
 * cross-entropy on the logit, plain SGD, all 60,000 training images. Pure: no DOM.
 */
import type { NnTrainConfig } from '../../workers/nn/protocol.ts';
import type { LayerSpec } from '../../viz/network-layout.ts';

import { defaults, numberChoice, parseSettings, type SettingsOf } from '../shared/settings.ts';

/** The settings, declared once: choices, defaults and labels (the selects and the parsing come from here). */
export const SETTINGS = {
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 3, 4, 5], default: 1 }),
  learningRate: numberChoice({ label: 'Learning rate', choices: [0.01, 0.1, 0.5, 2], default: 0.5 }),
  batchSize: numberChoice({ label: 'Batch size', choices: [16, 64, 256], default: 64, secondary: true }),
};

export type NeuronSettings = SettingsOf<typeof SETTINGS>;

export const DEFAULT_SETTINGS: NeuronSettings = defaults(SETTINGS);

/** The neuron as a network diagram: 784 pixels into one sigmoid unit. */
export const NEURON_LAYERS: LayerSpec[] = [
  { name: 'Input', units: 784, note: '28×28 pixels' },
  { name: 'Output', units: 1, activation: 'sigmoid: P(zero)' },
];

/**
 * The accuracy to beat, drawn on the chart: answering "not a zero" every time is right on the 9,020
 * test images that are not zeros (980 of the 10,000 are), as the imbalance panel explains after a run.
 */
export const BASELINE = { y: 0.902, label: 'always “not zero”: 90.2%' };

/** The fixed parts of every run. */
export const FIXED = { trainLimit: 60_000, testLimit: 10_000, seed: 1 } as const;

/** Settings from the element's data attributes (or the selects' values); unknown values fall back to the defaults. */
export function settingsFromValues(values: { epochs?: string | null; learningRate?: string | null; batchSize?: string | null }): NeuronSettings {
  return parseSettings(SETTINGS, (name) => values[name as keyof typeof values]);
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
