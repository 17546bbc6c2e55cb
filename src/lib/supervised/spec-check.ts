/**
 * Checking a ModelSpec: the limits a reader's model must keep (so a typo like 0 units or a
 * learning rate of 50 gets a sentence saying what is wrong, not a tfjs stack trace), and reading
 * a spec from untrusted data (a stored model's metadata, an `OPEN_IN_BUILDER_EVENT` detail).
 */
import {
  ACTIVATIONS,
  DATASET_NAMES,
  OPTIMIZERS,
  PADDINGS,
  type Activation,
  type DataPlan,
  type LayerSpec,
  type ModelSpec,
  type OptimizerName,
  type Padding,
} from './model-spec.ts';
import { paramCounts } from './param-counts.ts';
import { structureIssues } from './shapes.ts';

/** The limits of a spec. Wide enough for every experiment in the lessons, small enough to train in a browser. */
export const SPEC_LIMITS = {
  maxHiddenLayers: 8,
  units: { min: 1, max: 2048 },
  filters: { min: 1, max: 256 },
  /** Kernel and pool sizes and strides, in pixels (square). */
  patch: { min: 1, max: 28 },
  /** All weights and biases together: more would not fit a browser tab's memory with the optimiser's copies. */
  maxParams: 40_000_000,
  dropout: { min: 0, max: 0.9 },
  l2: { min: 0, max: 0.1 },
  learningRate: { min: 1e-6, max: 2 },
  momentum: { min: 0, max: 0.999 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 100 },
} as const;

/** "layer 2 (dense, 128 units)", "layer 3 (dropout 0.2)", "layer 1 (conv2d, 8 filters 3 × 3)": how the builder names a hidden layer. */
export function layerName(layer: LayerSpec, index: number): string {
  const n = index + 1;
  switch (layer.kind) {
    case 'dropout':
      return `layer ${n} (dropout ${layer.rate})`;
    case 'dense':
      return `layer ${n} (dense, ${layer.units} ${layer.units === 1 ? 'unit' : 'units'})`;
    case 'conv2d':
      return `layer ${n} (conv2d, ${layer.filters} ${layer.filters === 1 ? 'filter' : 'filters'} ${layer.kernelSize} × ${layer.kernelSize})`;
    case 'maxPool':
      return `layer ${n} (max pool ${layer.poolSize} × ${layer.poolSize})`;
    case 'flatten':
      return `layer ${n} (flatten)`;
  }
}

/** A value as a message shows it: an empty number field reads as NaN. */
const shown = (v: number): string => (Number.isNaN(v) ? 'an empty or unreadable value' : String(v));
const inRange = (v: number, r: { min: number; max: number }): boolean => Number.isFinite(v) && v >= r.min && v <= r.max;
const wholeInRange = (v: number, r: { min: number; max: number }): boolean => Number.isInteger(v) && inRange(v, r);

/** A problem of a spec and the field it is about: a ModelSpec key, or `layers.<index>` for a hidden layer. */
export interface SpecIssue {
  field: keyof ModelSpec | `layers.${number}`;
  message: string;
}

/** What is wrong with a spec, field by field (empty when it can be trained). */
export function specIssues(spec: ModelSpec): SpecIssue[] {
  const L = SPEC_LIMITS;
  const problems: SpecIssue[] = [];
  if (spec.layers.length > L.maxHiddenLayers) {
    problems.push({
      field: 'layers',
      message: `The model has ${spec.layers.length} hidden layers; at most ${L.maxHiddenLayers} train in a browser. Remove some.`,
    });
  }
  let layersOk = true;
  spec.layers.forEach((layer, i) => {
    const wrong = layerProblems(layer, i);
    if (wrong.length > 0) layersOk = false;
    for (const message of wrong) problems.push({ field: `layers.${i}`, message });
  });
  // Order and sizes only mean something once every layer's own numbers are right.
  const structure = layersOk ? structureIssues(spec) : [];
  for (const issue of structure) problems.push({ field: issue.index === null ? 'layers' : `layers.${issue.index}`, message: issue.message });
  const total = layersOk && structure.length === 0 ? paramCounts(spec).total : 0;
  if (total > L.maxParams) {
    problems.push({
      field: 'layers',
      message: `The model has ${total.toLocaleString('en-US')} parameters; at most ${L.maxParams.toLocaleString('en-US')} fit in a browser. Use fewer units or filters, or pool before flattening.`,
    });
  }
  if (!inRange(spec.l2, L.l2))
    problems.push({ field: 'l2', message: `L2 weight decay must be from ${L.l2.min} to ${L.l2.max}, not ${shown(spec.l2)}.` });
  if (!(OPTIMIZERS as readonly string[]).includes(spec.optimizer)) {
    problems.push({ field: 'optimizer', message: `Unknown optimiser "${spec.optimizer}"; use ${OPTIMIZERS.join(', ')}.` });
  }
  if (!inRange(spec.learningRate, L.learningRate)) {
    problems.push({
      field: 'learningRate',
      message: `The learning rate must be from ${L.learningRate.min} to ${L.learningRate.max}, not ${shown(spec.learningRate)}.`,
    });
  }
  if (!inRange(spec.momentum, L.momentum))
    problems.push({ field: 'momentum', message: `Momentum must be from ${L.momentum.min} to ${L.momentum.max}, not ${shown(spec.momentum)}.` });
  if (!wholeInRange(spec.batchSize, L.batchSize)) {
    problems.push({
      field: 'batchSize',
      message: `The batch size must be a whole number from ${L.batchSize.min} to ${L.batchSize.max}, not ${shown(spec.batchSize)}.`,
    });
  }
  if (!wholeInRange(spec.epochs, L.epochs)) {
    problems.push({ field: 'epochs', message: `Epochs must be a whole number from ${L.epochs.min} to ${L.epochs.max}, not ${shown(spec.epochs)}.` });
  }
  return problems;
}

/** What is wrong with one layer's own settings (not its place in the model). */
function layerProblems(layer: LayerSpec, i: number): string[] {
  const L = SPEC_LIMITS;
  const out: string[] = [];
  const activation = (a: string): void => {
    if (!(ACTIVATIONS as readonly string[]).includes(a))
      out.push(`Layer ${i + 1} (${layer.kind}) has an unknown activation "${a}"; use ${ACTIVATIONS.join(', ')}.`);
  };
  const windowSize = (what: string, v: number): void => {
    if (!wholeInRange(v, L.patch))
      out.push(`Layer ${i + 1} (${layer.kind}) needs a whole ${what} from ${L.patch.min} to ${L.patch.max} pixels, not ${shown(v)}.`);
  };
  switch (layer.kind) {
    case 'dense':
      if (!wholeInRange(layer.units, L.units)) {
        out.push(`Layer ${i + 1} (dense) needs a whole number of units from ${L.units.min} to ${L.units.max}, not ${shown(layer.units)}.`);
      }
      activation(layer.activation);
      break;
    case 'dropout':
      if (!inRange(layer.rate, L.dropout))
        out.push(`Layer ${i + 1} (dropout) needs a rate from ${L.dropout.min} to ${L.dropout.max}, not ${shown(layer.rate)}.`);
      break;
    case 'conv2d':
      if (!wholeInRange(layer.filters, L.filters)) {
        out.push(`Layer ${i + 1} (conv2d) needs a whole number of filters from ${L.filters.min} to ${L.filters.max}, not ${shown(layer.filters)}.`);
      }
      windowSize('kernel size', layer.kernelSize);
      windowSize('stride', layer.strides);
      if (!(PADDINGS as readonly string[]).includes(layer.padding))
        out.push(`Layer ${i + 1} (conv2d) has an unknown padding "${layer.padding}"; use valid or same.`);
      activation(layer.activation);
      break;
    case 'maxPool':
      windowSize('pool size', layer.poolSize);
      windowSize('stride', layer.strides);
      break;
    case 'flatten':
      break;
  }
  return out;
}

/** What is wrong with a spec, one sentence per problem (empty when it can be trained). */
export function specProblems(spec: ModelSpec): string[] {
  return specIssues(spec).map((p) => p.message);
}

export type SpecReading = { ok: true; spec: ModelSpec } | { ok: false; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readLayer(v: unknown, i: number): LayerSpec | string {
  if (!isRecord(v)) return `Layer ${i + 1} is not a layer description.`;
  const num = (key: string): boolean => typeof v[key] === 'number';
  if (v['kind'] === 'dense' && num('units') && typeof v['activation'] === 'string') {
    return { kind: 'dense', units: v['units'] as number, activation: v['activation'] as Activation };
  }
  if (v['kind'] === 'dropout' && num('rate')) return { kind: 'dropout', rate: v['rate'] as number };
  if (
    v['kind'] === 'conv2d' &&
    num('filters') &&
    num('kernelSize') &&
    num('strides') &&
    typeof v['padding'] === 'string' &&
    typeof v['activation'] === 'string'
  ) {
    return {
      kind: 'conv2d',
      filters: v['filters'] as number,
      kernelSize: v['kernelSize'] as number,
      strides: v['strides'] as number,
      padding: v['padding'] as Padding,
      activation: v['activation'] as Activation,
    };
  }
  if (v['kind'] === 'maxPool' && num('poolSize') && num('strides'))
    return { kind: 'maxPool', poolSize: v['poolSize'] as number, strides: v['strides'] as number };
  if (v['kind'] === 'flatten') return { kind: 'flatten' };
  return (
    `Layer ${i + 1} is none of: a dense layer (units, activation), a dropout layer (rate), a conv2d layer ` +
    `(filters, kernelSize, strides, padding, activation), a maxPool layer (poolSize, strides) or a flatten layer.`
  );
}

/**
 * Reads a ModelSpec from untrusted data: every field checked for type and range; unknown fields
 * dropped. Returns the problems in words when it is not a usable spec.
 */
export function readModelSpec(value: unknown): SpecReading {
  if (!isRecord(value)) return { ok: false, problems: ['This is not a model description.'] };
  if (!Array.isArray(value['layers'])) return { ok: false, problems: ['The model description has no list of layers.'] };
  const problems: string[] = [];
  const layers: LayerSpec[] = [];
  value['layers'].forEach((l, i) => {
    const layer = readLayer(l, i);
    if (typeof layer === 'string') problems.push(layer);
    else layers.push(layer);
  });
  const numbers = ['l2', 'learningRate', 'momentum', 'batchSize', 'epochs'] as const;
  for (const key of numbers) {
    if (typeof value[key] !== 'number') problems.push(`The model description has no number for ${key}.`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const spec: ModelSpec = {
    layers,
    l2: value['l2'] as number,
    optimizer: value['optimizer'] as OptimizerName,
    learningRate: value['learningRate'] as number,
    momentum: value['momentum'] as number,
    batchSize: value['batchSize'] as number,
    epochs: value['epochs'] as number,
  };
  const wrong = specProblems(spec);
  return wrong.length > 0 ? { ok: false, problems: wrong } : { ok: true, spec };
}

/** MNIST's training and test images (Fashion-MNIST has the same counts). */
export const MNIST_TRAIN_IMAGES = 60_000;
export const MNIST_TEST_IMAGES = 10_000;

/** What is wrong with a data plan (empty when it is usable): training and validation images must not overlap. */
export function planProblems(plan: DataPlan): string[] {
  const problems: string[] = [];
  const n = (v: number): string => v.toLocaleString('en-US');
  if (!Number.isInteger(plan.trainLimit) || plan.trainLimit < 1 || plan.trainLimit > MNIST_TRAIN_IMAGES) {
    problems.push(`Training images must be a whole number from 1 to ${n(MNIST_TRAIN_IMAGES)}, not ${plan.trainLimit}.`);
  }
  if (!Number.isInteger(plan.validationCount) || plan.validationCount < 0) {
    problems.push(`Validation images must be a whole number ≥ 0, not ${plan.validationCount}.`);
  } else if (plan.trainLimit + plan.validationCount > MNIST_TRAIN_IMAGES) {
    problems.push(
      `${n(plan.trainLimit)} training and ${n(plan.validationCount)} validation images overlap: together they must be at most ${n(MNIST_TRAIN_IMAGES)}.`,
    );
  }
  if (!Number.isInteger(plan.testLimit) || plan.testLimit < 1 || plan.testLimit > MNIST_TEST_IMAGES) {
    problems.push(`Test images must be a whole number from 1 to ${n(MNIST_TEST_IMAGES)}, not ${plan.testLimit}.`);
  }
  if (plan.dataset !== undefined && !(DATASET_NAMES as readonly string[]).includes(plan.dataset)) {
    problems.push(`Unknown dataset "${String(plan.dataset)}"; use ${DATASET_NAMES.join(' or ')}.`);
  }
  return problems;
}
