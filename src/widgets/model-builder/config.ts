/**
 * The model builder's settings: the training controls (a settings table, the kit's), the fixed
 * parts of a run, the spec a form describes, and the network diagram's layers. No DOM here.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import { parseLayers } from '../../lib/supervised/layer-edit.ts';
import {
  DEFAULT_SPEC,
  INPUT_SIZE,
  OPTIMIZERS,
  type DataPlan,
  type LayerSpec,
  type ModelSpec,
  type OptimizerName,
} from '../../lib/supervised/model-spec.ts';
import { MNIST_TEST_IMAGES, SPEC_LIMITS } from '../../lib/supervised/spec-check.ts';
import type { LayerSpec as DiagramLayer } from '../../viz/network-layout.ts';
import { escapeHtml } from '../shared/html.ts';
import { attributeName, numberChoice, numberRange, parseSettings, textChoice, type NumberRange, type SettingsOf } from '../shared/settings.ts';

export const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export const OPTIMIZER_LABELS: Readonly<Record<OptimizerName, string>> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

/** Validation images: the last 10,000 of the 60,000 training images, never trained on. */
export const VALIDATION_COUNT = 10_000;
/** The accuracy the lesson aims at, drawn as the target line. */
export const TARGET_ACCURACY = 0.97;
/** One seed for every reader, so results can be compared. */
export const SEED = 1;

const L = SPEC_LIMITS;

/** The training settings, declared once. The numbers are typed in (number fields), the rest chosen. */
export const SETTINGS = {
  optimizer: textChoice<OptimizerName>({
    label: 'Optimiser',
    choices: OPTIMIZERS,
    default: DEFAULT_SPEC.optimizer,
    format: (o) => OPTIMIZER_LABELS[o],
  }),
  learningRate: numberRange({ label: 'Learning rate', ...L.learningRate, step: 0.0001, default: DEFAULT_SPEC.learningRate }),
  momentum: numberRange({ label: 'Momentum', ...L.momentum, step: 0.05, default: DEFAULT_SPEC.momentum }),
  l2: numberRange({ label: 'L2 weight decay', ...L.l2, step: 0.0001, default: DEFAULT_SPEC.l2 }),
  batchSize: numberRange({ label: 'Batch size', ...L.batchSize, step: 1, default: DEFAULT_SPEC.batchSize }),
  epochs: numberRange({ label: 'Epochs', ...L.epochs, step: 1, default: DEFAULT_SPEC.epochs }),
  trainLimit: numberChoice({
    label: 'Training images',
    choices: [2_000, 10_000, 30_000, 50_000],
    default: 50_000,
    format: (n) => (n === 50_000 ? `${formatCount(n)} (all but validation)` : formatCount(n)),
    secondary: true,
  }),
  backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'auto', secondary: true }),
};

export type BuilderSettings = SettingsOf<typeof SETTINGS>;

/** The settings typed into number fields (read raw, so a bad value is named rather than replaced). */
export const NUMBER_FIELDS = ['learningRate', 'momentum', 'l2', 'batchSize', 'epochs'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** A number field in the kit's controls grid (`name` is its form name and data-part). */
export function numberFieldMarkup(name: NumberField, spec: NumberRange, value: number, hidden = false): string {
  const whole = name === 'batchSize' || name === 'epochs';
  return (
    `<label class="tk-field" data-part="${name}-field"${hidden ? ' hidden' : ''}><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<input type="number" name="${name}" data-part="${name}" min="${spec.min}" max="${spec.max}" ` +
    `step="${whole ? 1 : 'any'}" inputmode="${whole ? 'numeric' : 'decimal'}" value="${value}"></label>`
  );
}

/** What an author may set on <ModelBuilder>: a preset of layers, epochs, training images. */
export interface BuilderProps {
  layers: LayerSpec[];
  settings: BuilderSettings;
}

/** Props from attributes (`data-layers`, `data-epochs`, `data-train-limit`…); anything not understood falls back. */
export function propsFromAttributes(get: (name: string) => string | null): BuilderProps {
  const layers = parseLayers(get('data-layers') ?? '');
  return {
    layers: get('data-layers') && layers ? layers : DEFAULT_SPEC.layers.map((l) => ({ ...l })),
    settings: parseSettings(SETTINGS, (name) => get(attributeName(name))),
  };
}

/** The spec of a form: its layers, and its settings with the number fields as typed. */
export function specOf(layers: readonly LayerSpec[], settings: Pick<BuilderSettings, 'optimizer'>, numbers: Record<NumberField, number>): ModelSpec {
  return { layers: layers.map((l) => ({ ...l })), optimizer: settings.optimizer, ...numbers };
}

/** The data of a run with `trainLimit` training images. */
export function dataPlan(trainLimit: number): DataPlan {
  return { trainLimit, validationCount: VALIDATION_COUNT, testLimit: MNIST_TEST_IMAGES };
}

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', sigmoid: 'sigmoid', tanh: 'tanh', linear: 'linear' };

/**
 * Why the builder cannot take this spec (null when it can): it edits dense networks (dense and
 * dropout layers); a convolutional spec, e.g. opened from another widget, is refused in words.
 */
export function unsupportedInBuilder(spec: Pick<ModelSpec, 'layers'>): string | null {
  const i = spec.layers.findIndex((l) => l.kind !== 'dense' && l.kind !== 'dropout');
  if (i < 0) return null;
  return (
    `That model has convolution, pooling or flatten layers (layer ${i + 1} is ${spec.layers[i]!.kind}); the model builder builds dense ` +
    'networks only. Train convolutional networks in the CNN trainer of the convolutional networks lesson.'
  );
}

/** The network diagram's columns: dense layers only; a dropout is written under the column before it. */
export function diagramLayers(layers: readonly LayerSpec[]): DiagramLayer[] {
  const columns: DiagramLayer[] = [{ name: 'Input', units: INPUT_SIZE, note: '28×28 pixels' }];
  let dense = 0;
  for (const layer of layers) {
    if (layer.kind === 'dense') {
      dense++;
      columns.push({ name: `Dense ${dense}`, units: layer.units, activation: ACTIVATION_NAMES[layer.activation] ?? layer.activation });
    } else if (layer.kind === 'dropout') {
      // Under the column it follows: after the activation of a dense layer, after the shape of the input.
      const last = columns.at(-1)!;
      const key = last.activation === undefined ? 'note' : 'activation';
      last[key] = `${last[key] ?? ''}${last[key] ? ' · ' : ''}dropout ${layer.rate}`;
    }
  }
  columns.push({ name: 'Output', units: 10, activation: 'softmax' });
  return columns;
}
