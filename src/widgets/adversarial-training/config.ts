/**
 * The adversarial trainer's settings and the fixed parts of its runs: the pretrained CNN fine-tuned
 * on adversarial examples (FGSM with a random start, or PGD) made afresh for every batch, in the
 * adversarial worker (src/workers/adversarial/), then the robust accuracy against ε of the trained
 * model and of the standard one, measured on the first test images. No DOM here.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import type { TrainRequest } from '../../workers/adversarial/protocol.ts';
import { EPSILONS } from '../../lib/adversarial/robustness.ts';
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { attributeName, numberChoice, parseSettings, textChoice, type SettingsOf } from '../shared/settings.ts';

export const METHODS = ['fgsm-rs', 'pgd'] as const;
export type TrainMethod = (typeof METHODS)[number];
export const ATTACKS = ['fgsm', 'pgd'] as const;
export type CurveAttack = (typeof ATTACKS)[number];

const METHOD_NAMES: Readonly<Record<TrainMethod, string>> = { 'fgsm-rs': 'FGSM with a random start', pgd: 'PGD (several steps)' };
export const ATTACK_NAMES: Readonly<Record<CurveAttack, string>> = { fgsm: 'FGSM', pgd: 'PGD' };

/** The ε choices, the lesson's among them. */
const EPSILON_CHOICES = [...new Set([0.03, 0.05, 0.1, 0.15, 0.2, LESSON_EPSILON])].sort((a, b) => a - b);

/** The settings, declared once. The defaults fine-tune on 2,000 images for one epoch: well under a minute on a laptop's CPU. */
export const SETTINGS = {
  method: textChoice<TrainMethod>({ label: 'Train on', choices: METHODS, default: 'fgsm-rs', format: (m) => METHOD_NAMES[m] }),
  epsilon: numberChoice({ label: 'ε (largest change per pixel)', choices: EPSILON_CHOICES, default: LESSON_EPSILON }),
  images: numberChoice({ label: 'Training images', choices: [200, 500, 1_000, 2_000, 5_000, 10_000], default: 2_000, format: formatCount }),
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 3, 5], default: 1 }),
  steps: numberChoice({ label: 'PGD steps (when training on PGD)', choices: [3, 5, 7, 10], default: 5, secondary: true }),
  // Measured on 2,000 images, 1 epoch, FGSM-RS at ε = 0.1 (wasm, headless Chromium): 0.003 took the accuracy under
  // FGSM at ε = 0.1 from 20% to 43% on 1,000 test images (clean 87.5% → 81.8%); 0.001 only to 30% (clean 85.5%).
  learningRate: numberChoice({ label: 'Learning rate', choices: [0.001, 0.003, 0.01], default: 0.003, secondary: true }),
  evaluationAttack: textChoice<CurveAttack>({
    label: 'Attack the curves measure',
    choices: ATTACKS,
    default: 'fgsm',
    format: (a) => (a === 'pgd' ? 'PGD, 10 steps' : 'FGSM'),
    secondary: true,
  }),
  evaluationImages: numberChoice({
    label: 'Test images the curves use',
    choices: [100, 500, 1_000],
    default: 1_000,
    format: formatCount,
    secondary: true,
  }),
  backend: textChoice<BackendRequest>({ label: 'Backend', choices: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'], default: 'auto', secondary: true }),
};

export type DefenceSettings = SettingsOf<typeof SETTINGS>;

/** Settings from an element's attributes (`data-method`, `data-epsilon`, `data-images`, …); anything not offered falls back. */
export function settingsFromAttributes(get: (name: string) => string | null): DefenceSettings {
  return parseSettings(SETTINGS, (name) => get(attributeName(name)));
}

/** Training batches of this many images, each attacked afresh. */
export const BATCH_SIZE = 100;
/** One seed for every reader, so runs can be compared. */
export const SEED = 1;
/** PGD steps of the evaluation when the curves measure PGD. */
export const EVALUATION_PGD_STEPS = 10;
/** Largest ε a curve may go to. */
const MAX_EPSILON = 0.5;

/**
 * The ε grid of the curves from an author's `data-epsilons` ("0, 0.1, 0.2"): numbers in [0, 0.5],
 * sorted, each once, at least two of them; anything else gives the lesson's grid (EPSILONS).
 */
export function parseEpsilons(raw: string | null | undefined): number[] {
  if (!raw || raw.trim() === '') return [...EPSILONS];
  const values = raw
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number);
  if (values.some((v) => !Number.isFinite(v) || v < 0 || v > MAX_EPSILON)) return [...EPSILONS];
  const grid = [...new Set(values)].sort((a, b) => a - b);
  return grid.length >= 2 ? grid : [...EPSILONS];
}

/** The worker's request for a run with these settings, its curves over `epsilons`. */
export function trainRequest(s: DefenceSettings, epsilons: readonly number[], urls: { dataUrl: string; modelUrl: string }): TrainRequest {
  const pgd = s.evaluationAttack === 'pgd';
  return {
    task: 'train',
    method: s.method,
    epsilon: s.epsilon,
    ...(s.method === 'pgd' ? { steps: s.steps } : {}),
    images: s.images,
    epochs: s.epochs,
    batchSize: BATCH_SIZE,
    learningRate: s.learningRate,
    seed: SEED,
    evaluate: { attack: s.evaluationAttack, epsilons: [...epsilons], images: s.evaluationImages, ...(pgd ? { steps: EVALUATION_PGD_STEPS } : {}) },
    backend: s.backend,
    dataUrl: urls.dataUrl,
    modelUrl: urls.modelUrl,
  };
}
