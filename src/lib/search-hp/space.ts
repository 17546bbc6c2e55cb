/**
 * The search space of the hyperparameter search and its seeded random sampler (random search, as
 * Ray Tune's `tune.loguniform` / `tune.choice` / `tune.uniform` do it): the learning rate is drawn
 * log-uniformly, the hidden units and the batch size from sets, the dropout rate uniformly. A
 * sample becomes a ModelSpec of the supervised lessons (one hidden dense layer, then dropout).
 */
import { mulberry32 } from '../runtime/shuffle.ts';
import type { ModelSpec } from '../supervised/model-spec.ts';

/** One trial's hyperparameters. */
export interface TrialParams {
  learningRate: number;
  hiddenUnits: number;
  dropout: number;
  batchSize: number;
}

export interface SearchSpace {
  learningRate: { min: number; max: number };
  hiddenUnits: readonly number[];
  dropout: { min: number; max: number };
  batchSize: readonly number[];
}

export const DEFAULT_SPACE: SearchSpace = {
  learningRate: { min: 1e-4, max: 1e-1 },
  hiddenUnits: [32, 64, 128, 256],
  dropout: { min: 0, max: 0.5 },
  batchSize: [32, 64, 128],
};

/** Rounds to `digits` significant digits, so a sampled value reads well in the table and the code. */
function significant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/** `count` trials drawn from `space`; the same seed gives the same trials. */
export function sampleTrials(space: SearchSpace, count: number, seed: number): TrialParams[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`sampleTrials: count must be a non-negative integer, got ${count}.`);
  const { min, max } = space.learningRate;
  if (!(min > 0 && max >= min)) throw new RangeError(`sampleTrials: the learning rate range must be positive, got ${min}..${max}.`);
  if (space.hiddenUnits.length === 0 || space.batchSize.length === 0)
    throw new RangeError('sampleTrials: hidden units and batch sizes need at least one choice.');
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(rand() * xs.length))]!;
  const trials: TrialParams[] = [];
  for (let i = 0; i < count; i++) {
    const learningRate = significant(Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min))), 2);
    const hiddenUnits = pick(space.hiddenUnits);
    const dropout = Math.round((space.dropout.min + rand() * (space.dropout.max - space.dropout.min)) * 100) / 100;
    const batchSize = pick(space.batchSize);
    trials.push({ learningRate, hiddenUnits, dropout, batchSize });
  }
  return trials;
}

/** The model a trial trains: 784 → hidden (ReLU) → dropout → 10, Adam at the trial's learning rate. */
export function specFor(params: TrialParams, epochs: number): ModelSpec {
  return {
    layers: [
      { kind: 'dense', units: params.hiddenUnits, activation: 'relu' },
      ...(params.dropout > 0 ? [{ kind: 'dropout' as const, rate: params.dropout }] : []),
    ],
    l2: 0,
    optimizer: 'adam',
    learningRate: params.learningRate,
    momentum: 0.9,
    batchSize: params.batchSize,
    epochs,
  };
}
