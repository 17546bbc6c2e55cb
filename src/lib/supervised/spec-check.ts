/**
 * Checking a ModelSpec: the limits a reader's model must keep (so a typo like 0 units or a
 * learning rate of 50 gets a sentence saying what is wrong, not a tfjs stack trace), and reading
 * a spec from untrusted data (a stored model's metadata, an `OPEN_IN_BUILDER_EVENT` detail).
 */
import { ACTIVATIONS, OPTIMIZERS, type Activation, type DataPlan, type LayerSpec, type ModelSpec, type OptimizerName } from './model-spec.ts';

/** The limits of a spec. Wide enough for every experiment in the lessons, small enough to train in a browser. */
export const SPEC_LIMITS = {
  maxHiddenLayers: 8,
  units: { min: 1, max: 2048 },
  dropout: { min: 0, max: 0.9 },
  l2: { min: 0, max: 0.1 },
  learningRate: { min: 1e-6, max: 2 },
  momentum: { min: 0, max: 0.999 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 100 },
} as const;

/** "layer 2 (dense, 128 units)", "layer 3 (dropout 0.2)": how the builder names a hidden layer. */
export function layerName(layer: LayerSpec, index: number): string {
  const n = index + 1;
  if (layer.kind === 'dropout') return `layer ${n} (dropout ${layer.rate})`;
  return `layer ${n} (dense, ${layer.units} ${layer.units === 1 ? 'unit' : 'units'})`;
}

/** A value as a message shows it: an empty number field reads as NaN. */
const shown = (v: number): string => (Number.isNaN(v) ? 'an empty or unreadable value' : String(v));
const inRange = (v: number, r: { min: number; max: number }): boolean => Number.isFinite(v) && v >= r.min && v <= r.max;
const wholeInRange = (v: number, r: { min: number; max: number }): boolean => Number.isInteger(v) && inRange(v, r);

/** What is wrong with a spec, one sentence per problem (empty when it can be trained). */
export function specProblems(spec: ModelSpec): string[] {
  const L = SPEC_LIMITS;
  const problems: string[] = [];
  if (spec.layers.length > L.maxHiddenLayers) {
    problems.push(`The model has ${spec.layers.length} hidden layers; at most ${L.maxHiddenLayers} train in a browser. Remove some.`);
  }
  spec.layers.forEach((layer, i) => {
    if (layer.kind === 'dense') {
      if (!wholeInRange(layer.units, L.units)) {
        problems.push(`Layer ${i + 1} (dense) needs a whole number of units from ${L.units.min} to ${L.units.max}, not ${shown(layer.units)}.`);
      }
      if (!(ACTIVATIONS as readonly string[]).includes(layer.activation)) {
        problems.push(`Layer ${i + 1} (dense) has an unknown activation "${layer.activation}"; use ${ACTIVATIONS.join(', ')}.`);
      }
    } else if (!inRange(layer.rate, L.dropout)) {
      problems.push(`Layer ${i + 1} (dropout) needs a rate from ${L.dropout.min} to ${L.dropout.max}, not ${shown(layer.rate)}.`);
    }
  });
  if (!inRange(spec.l2, L.l2)) problems.push(`L2 weight decay must be from ${L.l2.min} to ${L.l2.max}, not ${shown(spec.l2)}.`);
  if (!(OPTIMIZERS as readonly string[]).includes(spec.optimizer)) {
    problems.push(`Unknown optimiser "${spec.optimizer}"; use ${OPTIMIZERS.join(', ')}.`);
  }
  if (!inRange(spec.learningRate, L.learningRate)) {
    problems.push(`The learning rate must be from ${L.learningRate.min} to ${L.learningRate.max}, not ${shown(spec.learningRate)}.`);
  }
  if (!inRange(spec.momentum, L.momentum))
    problems.push(`Momentum must be from ${L.momentum.min} to ${L.momentum.max}, not ${shown(spec.momentum)}.`);
  if (!wholeInRange(spec.batchSize, L.batchSize)) {
    problems.push(`The batch size must be a whole number from ${L.batchSize.min} to ${L.batchSize.max}, not ${shown(spec.batchSize)}.`);
  }
  if (!wholeInRange(spec.epochs, L.epochs)) {
    problems.push(`Epochs must be a whole number from ${L.epochs.min} to ${L.epochs.max}, not ${shown(spec.epochs)}.`);
  }
  return problems;
}

export type SpecReading = { ok: true; spec: ModelSpec } | { ok: false; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readLayer(v: unknown, i: number): LayerSpec | string {
  if (!isRecord(v)) return `Layer ${i + 1} is not a layer description.`;
  if (v['kind'] === 'dense' && typeof v['units'] === 'number' && typeof v['activation'] === 'string') {
    return { kind: 'dense', units: v['units'], activation: v['activation'] as Activation };
  }
  if (v['kind'] === 'dropout' && typeof v['rate'] === 'number') return { kind: 'dropout', rate: v['rate'] };
  return `Layer ${i + 1} is neither a dense layer (units, activation) nor a dropout layer (rate).`;
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

/** MNIST's training and test images. */
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
  return problems;
}
