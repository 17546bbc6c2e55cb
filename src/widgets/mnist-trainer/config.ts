/**
 * The trainer's settings: the choices offered, the defaults, reading an author's
 * `data-*` attributes, and turning settings into the worker's TrainConfig.
 */
import type { BackendRequest, TrainConfig } from '../../workers/train/protocol.ts';

export const EPOCH_CHOICES = [1, 2, 3, 4, 5] as const;
export const TRAIN_LIMIT_CHOICES = [10_000, 30_000, 60_000] as const;
export const HIDDEN_CHOICES = [32, 128, 256] as const;
export const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface TrainerSettings {
  epochs: number;
  trainLimit: number;
  hidden: number;
  backend: BackendRequest;
}

export const DEFAULT_SETTINGS: Readonly<TrainerSettings> = {
  epochs: 1,
  trainLimit: 60_000,
  hidden: 128,
  backend: 'auto',
};

/** Fixed parts of the run, the same for every reader so results can be compared. */
export const FIXED = {
  dataset: 'mnist',
  batchSize: 64,
  learningRate: 0.001,
  testLimit: 10_000,
  previewCount: 48,
  seed: 1,
} as const;

function pick(raw: string | null | undefined, allowed: readonly number[], fallback: number): number {
  if (raw === null || raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  return allowed.includes(n) ? n : fallback;
}

/**
 * Settings from an element's attributes (`data-epochs`, `data-train-limit`,
 * `data-hidden`, `data-backend`); values outside the offered choices fall back to
 * the defaults so the selects can always show them.
 */
export function settingsFromAttributes(get: (name: string) => string | null): TrainerSettings {
  const backend = get('data-backend');
  return {
    epochs: pick(get('data-epochs'), EPOCH_CHOICES, DEFAULT_SETTINGS.epochs),
    trainLimit: pick(get('data-train-limit'), TRAIN_LIMIT_CHOICES, DEFAULT_SETTINGS.trainLimit),
    hidden: pick(get('data-hidden'), HIDDEN_CHOICES, DEFAULT_SETTINGS.hidden),
    backend: BACKENDS.includes(backend as BackendRequest) ? (backend as BackendRequest) : DEFAULT_SETTINGS.backend,
  };
}

/** Settings from the values of the widget's selects (strings), checked like attributes. */
export function settingsFromValues(values: {
  epochs: string;
  trainLimit: string;
  hidden: string;
  backend: string;
}): TrainerSettings {
  return settingsFromAttributes(
    (name) =>
      ({
        'data-epochs': values.epochs,
        'data-train-limit': values.trainLimit,
        'data-hidden': values.hidden,
        'data-backend': values.backend,
      })[name] ?? null,
  );
}

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
