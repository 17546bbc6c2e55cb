/** Checks a TrainConfig before a session starts; throws an Error saying what is wrong. */
import type { TrainConfig } from './protocol.ts';

export function checkConfig(config: TrainConfig): void {
  const positive: Array<[string, number]> = [
    ['trainLimit', config.trainLimit],
    ['testLimit', config.testLimit],
    ['batchSize', config.batchSize],
  ];
  for (const [name, value] of positive) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got ${value}.`);
  }
  if (!Number.isInteger(config.epochs) || config.epochs < 0) throw new Error(`epochs must be a whole number ≥ 0, got ${config.epochs}.`);
  if (!(config.learningRate >= 0) || !Number.isFinite(config.learningRate)) {
    throw new Error(`learningRate must be a number ≥ 0, got ${config.learningRate}.`);
  }
  if (!Number.isInteger(config.previewCount) || config.previewCount < 0) {
    throw new Error(`previewCount must be a whole number ≥ 0, got ${config.previewCount}.`);
  }
}
