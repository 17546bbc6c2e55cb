/**
 * The run comparison's presets: which runs are overlaid, with which models and settings, on
 * which data (MNIST, or Fashion-MNIST for mlp-vs-cnn); and its settings table (how many training images, how many epochs, the backend).
 * Pure: no DOM, no tfjs. Every run is a ModelSpec trained by the builder worker, one after another.
 *
 *   optimizers      the same 784-128-10 network with SGD, momentum, RMSProp and Adam, each at a
 *                   learning rate that suits it; validation accuracy per epoch, overlaid.
 *   regularisation  a wider 784-256-10 network on a small training set, trained long enough to
 *                   overfit: plain, dropout, L2, both; training and validation accuracy, and the gap.
 *   mlp-vs-cnn      the default MLP (784-128-10) against the default CNN on Fashion-MNIST with the same
 *                   training budget (images, epochs, batches, Adam at 0.001); validation accuracy per
 *                   epoch overlaid, the test accuracies in the table and the status.
 */
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC, type DataPlan, type DatasetName, type ModelSpec } from '../../lib/supervised/model-spec.ts';
import { paramCounts } from '../../lib/supervised/param-counts.ts';
import { BACKEND_CHOICES } from '../shared/backend-picker.ts';
import { numberChoice, textChoice, type SettingsOf } from '../shared/settings.ts';

export const PRESET_IDS = ['optimizers', 'regularisation', 'mlp-vs-cnn'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** One run of a comparison. */
export interface ComparedRun {
  id: string;
  /** Short name: legend, table, status. */
  name: string;
  /** Its settings in words ("learning rate 0.1"), shown beside the name. */
  detail: string;
  spec: ModelSpec;
  /** A data colour (both themes). */
  color: string;
  /** Drawn dashed: a second cue besides colour. */
  dashed: boolean;
}

export interface Preset {
  id: PresetId;
  title: string;
  /** One or two sentences before the figure: what is compared and what to look for. */
  intro: string;
  runs: ComparedRun[];
  /** Validation images (from the end of the 60,000) and test images, unless the author gives others. */
  validationCount: number;
  testLimit: number;
  /** The images every run trains on (default MNIST). */
  dataset?: DatasetName;
}

/** One chart with every run's validation curve (optimizers, mlp-vs-cnn), or one chart per run with training and validation (regularisation). */
export const overlaid = (preset: Pick<Preset, 'id'>): boolean => preset.id !== 'regularisation';

/** All runs of a comparison use the same seed: the same initial weights and batch order. */
export const SEED = 7;

const COLORS = ['var(--class-0, #0072b2)', 'var(--class-5, #d55e00)', 'var(--class-2, #009e73)', 'var(--class-7, #882255)'] as const;

const mlp = (units: number, dropout: number): ModelSpec['layers'] =>
  dropout > 0
    ? [
        { kind: 'dense', units, activation: 'relu' },
        { kind: 'dropout', rate: dropout },
      ]
    : [{ kind: 'dense', units, activation: 'relu' }];

function optimizerRun(i: number, name: string, optimizer: ModelSpec['optimizer'], learningRate: number, detail: string): ComparedRun {
  return {
    id: optimizer,
    name,
    detail,
    spec: { layers: mlp(128, 0), l2: 0, optimizer, learningRate, momentum: 0.9, batchSize: 64, epochs: 1 },
    color: COLORS[i]!,
    dashed: i % 2 === 1,
  };
}

/**
 * Dropout rate and L2 factor of the regularised runs. Measured on 1,000 images over 40 epochs (node, wasm):
 * L2 0.001 hardly changed anything; 0.01 closes most of the gap (at a small cost in validation accuracy).
 */
export const DROPOUT = 0.5;
export const L2 = 0.01;

function regularisationRun(i: number, id: string, name: string, dropout: number, l2: number, detail: string): ComparedRun {
  return {
    id,
    name,
    detail,
    spec: { layers: mlp(256, dropout), l2, optimizer: 'adam', learningRate: 0.001, momentum: 0.9, batchSize: 32, epochs: 1 },
    color: COLORS[i]!,
    dashed: false,
  };
}

/** "101,770 parameters". */
const paramsText = (spec: ModelSpec): string => `${paramCounts(spec).total.toLocaleString('en-US')} parameters`;

/** The MLP and the CNN differ only in their layers: same optimiser, learning rate, batch size (and, per run, images and epochs). */
const CNN_RUNS: ComparedRun[] = [
  {
    id: 'mlp',
    name: 'MLP',
    detail: `784-128-10, ${paramsText(DEFAULT_SPEC)}`,
    spec: { ...DEFAULT_SPEC, epochs: 1 },
    color: COLORS[0],
    dashed: true,
  },
  {
    id: 'cnn',
    name: 'CNN',
    detail: `3×3 convolutions of 8 and 16 filters, each pooled 2×2, ${paramsText(DEFAULT_CNN_SPEC)}`,
    spec: { ...DEFAULT_CNN_SPEC, epochs: 1 },
    color: COLORS[1],
    dashed: false,
  },
];

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  optimizers: {
    id: 'optimizers',
    title: 'Four optimisers on MNIST',
    intro:
      'The same 784-128-10 network, the same initial weights and the same batches, trained four times: only the optimiser changes. Each has a learning rate that suits it (stated beside its name).',
    runs: [
      optimizerRun(0, 'SGD', 'sgd', 0.1, 'learning rate 0.1'),
      optimizerRun(1, 'Momentum', 'momentum', 0.01, 'learning rate 0.01, β 0.9'),
      optimizerRun(2, 'RMSProp', 'rmsprop', 0.001, 'learning rate 0.001'),
      optimizerRun(3, 'Adam', 'adam', 0.001, 'learning rate 0.001'),
    ],
    validationCount: 5000,
    testLimit: 10_000,
  },
  regularisation: {
    id: 'regularisation',
    title: 'Overfitting and its cures',
    intro: `A 784-256-10 network trained for many epochs on a small set of images: it learns them by heart. Dropout (rate ${DROPOUT}) and L2 weight decay (${L2}) are two cures; each run shows its training accuracy (dashed) against its validation accuracy (solid).`,
    runs: [
      regularisationRun(0, 'plain', 'Plain', 0, 0, 'no regularisation'),
      regularisationRun(1, 'dropout', 'Dropout', DROPOUT, 0, `dropout ${DROPOUT} after the hidden layer`),
      regularisationRun(2, 'l2', 'L2', 0, L2, `L2 weight decay ${L2}`),
      regularisationRun(3, 'both', 'Dropout + L2', DROPOUT, L2, `dropout ${DROPOUT} and L2 ${L2}`),
    ],
    validationCount: 5000,
    testLimit: 10_000,
  },
  'mlp-vs-cnn': {
    id: 'mlp-vs-cnn',
    title: 'A dense network against a convolutional one on Fashion-MNIST',
    intro:
      'The default MLP (every pixel wired to each of 128 units) and the default CNN (small filters slid over the image, then pooled) trained on the same Fashion-MNIST images for the same epochs, with the same optimiser (Adam, learning rate 0.001) and batches of 64.',
    runs: CNN_RUNS,
    validationCount: 5000,
    testLimit: 10_000,
    dataset: 'fashion-mnist',
  },
};

const BACKENDS = BACKEND_CHOICES.map((c) => c.value);
const backendLabel = (b: BackendRequest): string => BACKEND_CHOICES.find((c) => c.value === b)?.label ?? b;

/** The settings of each preset: its own choices of data size and epochs. */
export const SETTINGS = {
  optimizers: {
    trainLimit: numberChoice({
      label: 'Training images',
      choices: [1000, 5000, 10_000, 20_000],
      default: 10_000,
      format: (n) => n.toLocaleString('en-US'),
    }),
    epochs: numberChoice({ label: 'Epochs', choices: [2, 5, 10], default: 5 }),
    backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', format: backendLabel, secondary: true }),
  },
  regularisation: {
    trainLimit: numberChoice({ label: 'Training images', choices: [250, 500, 1000, 2000], default: 1000, format: (n) => n.toLocaleString('en-US') }),
    epochs: numberChoice({ label: 'Epochs', choices: [10, 20, 40], default: 40 }),
    backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', format: backendLabel, secondary: true }),
  },
  'mlp-vs-cnn': {
    trainLimit: numberChoice({
      label: 'Training images',
      choices: [250, 2000, 10_000, 50_000],
      default: 10_000,
      format: (n) => n.toLocaleString('en-US'),
    }),
    epochs: numberChoice({ label: 'Epochs', choices: [1, 3, 5], default: 3 }),
    backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', format: backendLabel, secondary: true }),
  },
} as const;

export type CompareSettings = SettingsOf<(typeof SETTINGS)['optimizers']>;

/** Author-only sizes (attributes, not controls): validation and test images, for short test pages. */
export interface DataSizes {
  validationCount?: number;
  testLimit?: number;
}

const clampInt = (v: number | undefined, min: number, max: number, fallback: number): number =>
  v !== undefined && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;

/** The data every run of the comparison uses. */
export function dataPlanOf(preset: Preset, settings: Pick<CompareSettings, 'trainLimit'>, sizes: DataSizes = {}): DataPlan {
  return {
    trainLimit: settings.trainLimit,
    validationCount: clampInt(sizes.validationCount, 100, 10_000, preset.validationCount),
    testLimit: clampInt(sizes.testLimit, 100, 10_000, preset.testLimit),
    ...(preset.dataset ? { dataset: preset.dataset } : {}),
  };
}

/** The runs of a preset with the chosen number of epochs. */
export function runsOf(preset: Preset, settings: Pick<CompareSettings, 'epochs'>): ComparedRun[] {
  return preset.runs.map((run) => ({ ...run, spec: { ...run.spec, epochs: settings.epochs } }));
}

/** The preset named by an attribute, or the optimisers. */
export const presetOf = (value: string | null | undefined): Preset =>
  PRESETS[(PRESET_IDS as readonly string[]).includes(value ?? '') ? (value as PresetId) : 'optimizers'];
