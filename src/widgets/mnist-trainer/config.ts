/**
 * The trainer's settings: the choices offered, the defaults, reading an author's
 * `data-*` attributes, and turning settings into the worker's TrainConfig.
 */
import type { BackendRequest, TrainConfig } from '../../workers/train/protocol.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import type { LayerSpec } from '../../viz/network-layout.ts';
import { attributeName, defaults, numberChoice, parseSettings, textChoice, type SettingsOf } from '../shared/settings.ts';

export const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** The settings, declared once: choices, defaults and labels (the selects and the parsing come from here). */
export const SETTINGS = {
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 3, 4, 5], default: 1 }),
  hidden: numberChoice({ label: 'Hidden units', choices: [32, 128, 256], default: 128 }),
  trainLimit: numberChoice({
    label: 'Training images',
    choices: [10_000, 30_000, 60_000],
    default: 60_000,
    format: (n) => (n === 60_000 ? `${formatCount(n)} (all)` : formatCount(n)),
    secondary: true,
  }),
  backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', secondary: true }),
};

export type TrainerSettings = SettingsOf<typeof SETTINGS>;

export const DEFAULT_SETTINGS: Readonly<TrainerSettings> = defaults(SETTINGS);

/** Fixed parts of the run, the same for every reader so results can be compared. */
export const FIXED = {
  dataset: 'mnist',
  batchSize: 64,
  learningRate: 0.001,
  testLimit: 10_000,
  previewCount: 48,
  seed: 1,
} as const;

/**
 * Settings from an element's attributes (`data-epochs`, `data-train-limit`,
 * `data-hidden`, `data-backend`); values outside the offered choices fall back to
 * the defaults so the selects can always show them.
 */
export function settingsFromAttributes(get: (name: string) => string | null): TrainerSettings {
  return parseSettings(SETTINGS, (name) => get(attributeName(name)));
}

/** Settings from the values of the widget's selects (strings), checked like attributes. */
export function settingsFromValues(values: { epochs: string; trainLimit: string; hidden: string; backend: string }): TrainerSettings {
  return parseSettings(SETTINGS, (name) => values[name as keyof typeof values]);
}

/** The network these settings train, layer by layer (as src/tf/mlp.ts builds it), for the diagram. */
export function networkLayers(settings: Pick<TrainerSettings, 'hidden'>): LayerSpec[] {
  return [
    { name: 'Input', units: 784, note: '28×28 pixels' },
    { name: 'Hidden', units: settings.hidden, activation: 'ReLU' },
    { name: 'Output', units: 10, activation: 'softmax' },
  ];
}

/** The accuracy the lesson aims at, drawn as the chart's target line. */
export const TARGET_ACCURACY = 0.9;

/** The worker's config for these settings. */
export function buildConfig(settings: TrainerSettings, dataUrl: string, initialWeights?: Float32Array[]): TrainConfig {
  const config: TrainConfig = {
    ...FIXED,
    dataUrl,
    trainLimit: settings.trainLimit,
    epochs: settings.epochs,
    hidden: [settings.hidden],
    backend: settings.backend,
  };
  if (initialWeights) config.initialWeights = initialWeights;
  return config;
}

/** Batches in one epoch of `trainLimit` images. */
export function batchesPerEpoch(trainLimit: number, batchSize: number = FIXED.batchSize): number {
  return Math.ceil(trainLimit / batchSize);
}
