/**
 * The CNN trainer's settings and the fixed parts of its runs: the default CNN (the same everywhere:
 * DEFAULT_CNN_SPEC), trained on the first N Fashion-MNIST training images and tested on the first M
 * test images, saved in the browser under its own name so the model inspector's model is left alone.
 * No DOM here.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import { DEFAULT_CNN_SPEC, type DataPlan, type ModelSpec } from '../../lib/supervised/model-spec.ts';
import { CNN_SAVE_URL } from '../../lib/supervised/pretrained.ts';
import type { BuilderRequest } from '../../workers/builder/protocol.ts';
import { attributeName, numberChoice, parseSettings, textChoice, type SettingsOf } from '../shared/settings.ts';

export const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** The settings, declared once. Small defaults: a run finishes in well under a minute on a CPU. */
export const SETTINGS = {
  trainLimit: numberChoice({
    label: 'Training images',
    choices: [2_000, 5_000, 10_000, 30_000, 60_000],
    default: 5_000,
    format: (n) => (n === 60_000 ? `${formatCount(n)} (all)` : formatCount(n)),
  }),
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 3, 5], default: 1 }),
  learningRate: numberChoice({
    label: 'Learning rate',
    choices: [0.001, 0.003, 0.01],
    // A short run takes few steps, so larger ones: on 5,000 images for 1 epoch, 0.01 reached 80.5% on
    // the test images where the default CNN's 0.001 (made for 3 epochs of all 60,000) reached 68%.
    default: 0.01,
    format: (r) => (r === DEFAULT_CNN_SPEC.learningRate ? `${r} (the default CNN's)` : String(r)),
    secondary: true,
  }),
  testLimit: numberChoice({
    label: 'Test images',
    choices: [1_000, 10_000],
    default: 10_000,
    format: (n) => (n === 10_000 ? `${formatCount(n)} (all)` : formatCount(n)),
    secondary: true,
  }),
  backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', secondary: true }),
};

export type CnnSettings = SettingsOf<typeof SETTINGS>;

/** Settings from an element's attributes (`data-train-limit`, `data-epochs`, `data-learning-rate`, `data-test-limit`, `data-backend`); anything not offered falls back. */
export function settingsFromAttributes(get: (name: string) => string | null): CnnSettings {
  return parseSettings(SETTINGS, (name) => get(attributeName(name)));
}

/** One seed for every reader, so results can be compared. */
export const SEED = 1;
/** The accuracy the lesson's exercise asks for, drawn as the target line. */
export const TARGET_ACCURACY = 0.75;
/** Mistakes shown in the gallery. */
export const MISTAKES_SHOWN = 24;

/** The model a run trains: the default CNN (Adam) for `epochs` epochs at `learningRate`. */
export const specFor = (epochs: number, learningRate = DEFAULT_CNN_SPEC.learningRate): ModelSpec => ({
  ...DEFAULT_CNN_SPEC,
  layers: DEFAULT_CNN_SPEC.layers.map((l) => ({ ...l })),
  epochs,
  learningRate,
});

/** The data of a run: Fashion-MNIST, no validation images (the test images judge it at the end). */
export const dataPlan = (s: Pick<CnnSettings, 'trainLimit' | 'testLimit'>): DataPlan => ({
  trainLimit: s.trainLimit,
  validationCount: 0,
  testLimit: s.testLimit,
  dataset: 'fashion-mnist',
});

/** The builder worker's request for a run with these settings. */
export function runRequest(s: CnnSettings, dataUrl: string): BuilderRequest {
  return { spec: specFor(s.epochs, s.learningRate), data: dataPlan(s), seed: SEED, backend: s.backend, dataUrl, save: true, saveUrl: CNN_SAVE_URL };
}
