/**
 * The pretrained CNN: DEFAULT_CNN_SPEC trained on Fashion-MNIST by `npm run train:cnn`
 * (scripts/train-cnn.ts) and shipped with the site under public/models/fashion-cnn/. Its URLs are
 * relative to the site base (join them with the base, e.g. `withBase(PRETRAINED_CNN_URL)`), and
 * `metrics.json` says how it was trained and how well it does, read with `readPretrainedMetrics`.
 */
import { type DatasetName, type ModelSpec } from './model-spec.ts';
import { readModelSpec } from './spec-check.ts';

/** tf.loadLayersModel URL of the pretrained CNN (relative to the site base). */
export const PRETRAINED_CNN_URL = 'models/fashion-cnn/model.json';
/** Its measured figures (relative to the site base): a PretrainedMetrics. */
export const PRETRAINED_CNN_METRICS_URL = 'models/fashion-cnn/metrics.json';

/**
 * Where the CNN lesson's trainer keeps the reader's finished model in the browser (a tfjs
 * `indexeddb://` URL; not the model inspector's SAVED_MODEL_URL). The FGSM explorer attacks it.
 */
export const CNN_SAVE_URL = 'indexeddb://tinker-cnn-trainer';

/** What metrics.json holds. */
export interface PretrainedMetrics {
  dataset: DatasetName;
  /** On ALL the test images (testImages of them), 0–1. */
  testAccuracy: number;
  testImages: number;
  /** Training images used (the first N of the 60,000; no validation). */
  trainImages: number;
  epochs: number;
  seed: number;
  spec: ModelSpec;
  /** Training examples per second of the batch loop, and its total time in seconds. */
  examplesPerSecond: number;
  trainSeconds: number;
  /** The tfjs backend that trained it ('cpu', 'wasm', 'tensorflow'). */
  backend: string;
  /** ISO 8601 date of the end of training. */
  trainedAt: string;
  /** Anything a reader of the figures must know (e.g. a provisional model trained on a subset). */
  note?: string;
}

export type MetricsReading = { ok: true; metrics: PretrainedMetrics } | { ok: false; problem: string };

/** Reads metrics.json (fetched, so untrusted): every field checked. */
export function readPretrainedMetrics(value: unknown): MetricsReading {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'The model’s metrics file is not a JSON object.' };
  const v = value as Record<string, unknown>;
  const numbers = ['testAccuracy', 'testImages', 'trainImages', 'epochs', 'seed', 'examplesPerSecond', 'trainSeconds'] as const;
  for (const key of numbers) {
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key])) return { ok: false, problem: `The model’s metrics have no number for ${key}.` };
  }
  if (!((v['testAccuracy'] as number) >= 0 && (v['testAccuracy'] as number) <= 1)) {
    return { ok: false, problem: 'The model’s test accuracy is not between 0 and 1.' };
  }
  if (v['dataset'] !== 'mnist' && v['dataset'] !== 'fashion-mnist') return { ok: false, problem: 'The model’s metrics name no known dataset.' };
  for (const key of ['backend', 'trainedAt'] as const) {
    if (typeof v[key] !== 'string') return { ok: false, problem: `The model’s metrics have no text for ${key}.` };
  }
  const spec = readModelSpec(v['spec']);
  if (!spec.ok) return { ok: false, problem: `The model’s description is not usable: ${spec.problems.join(' ')}` };
  const metrics: PretrainedMetrics = {
    dataset: v['dataset'],
    testAccuracy: v['testAccuracy'] as number,
    testImages: v['testImages'] as number,
    trainImages: v['trainImages'] as number,
    epochs: v['epochs'] as number,
    seed: v['seed'] as number,
    spec: spec.spec,
    examplesPerSecond: v['examplesPerSecond'] as number,
    trainSeconds: v['trainSeconds'] as number,
    backend: v['backend'] as string,
    trainedAt: v['trainedAt'] as string,
    ...(typeof v['note'] === 'string' ? { note: v['note'] } : {}),
  };
  return { ok: true, metrics };
}
