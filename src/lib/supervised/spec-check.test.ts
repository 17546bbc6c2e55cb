import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type ModelSpec } from './model-spec.ts';
import { paramCounts, paramFormula } from './param-counts.ts';
import { layerName, planProblems, readModelSpec, specProblems } from './spec-check.ts';

describe('specProblems', () => {
  it('accepts the default model', () => {
    expect(specProblems(DEFAULT_SPEC)).toEqual([]);
  });

  it('names each bad value, its layer and the allowed range', () => {
    const spec: ModelSpec = {
      ...DEFAULT_SPEC,
      layers: [
        { kind: 'dense', units: 0, activation: 'relu' },
        { kind: 'dropout', rate: 1 },
        { kind: 'dense', units: 12.5, activation: 'relu' },
      ],
      learningRate: 0,
      batchSize: 0,
      epochs: 1.5,
      l2: -1,
    };
    expect(specProblems(spec)).toEqual([
      'Layer 1 (dense) needs a whole number of units from 1 to 2048, not 0.',
      'Layer 2 (dropout) needs a rate from 0 to 0.9, not 1.',
      'Layer 3 (dense) needs a whole number of units from 1 to 2048, not 12.5.',
      'L2 weight decay must be from 0 to 0.1, not -1.',
      'The learning rate must be from 0.000001 to 2, not 0.',
      'The batch size must be a whole number from 1 to 4096, not 0.',
      'Epochs must be a whole number from 1 to 100, not 1.5.',
    ]);
  });

  it('rejects NaN', () => {
    expect(specProblems({ ...DEFAULT_SPEC, momentum: Number.NaN })).toEqual(['Momentum must be from 0 to 0.999, not an empty or unreadable value.']);
  });
});

describe('layerName', () => {
  it('names a layer as the builder’s buttons do', () => {
    expect(layerName({ kind: 'dense', units: 128, activation: 'relu' }, 1)).toBe('layer 2 (dense, 128 units)');
    expect(layerName({ kind: 'dense', units: 1, activation: 'relu' }, 0)).toBe('layer 1 (dense, 1 unit)');
    expect(layerName({ kind: 'dropout', rate: 0.2 }, 2)).toBe('layer 3 (dropout 0.2)');
  });
});

describe('readModelSpec', () => {
  it('reads a good spec and drops unknown fields', () => {
    const reading = readModelSpec({ ...DEFAULT_SPEC, extra: 1, layers: [{ kind: 'dropout', rate: 0.1, colour: 'red' }] });
    expect(reading).toEqual({ ok: true, spec: { ...DEFAULT_SPEC, layers: [{ kind: 'dropout', rate: 0.1 }] } });
  });

  it('says what is wrong with untrusted data', () => {
    expect(readModelSpec(null)).toEqual({ ok: false, problems: ['This is not a model description.'] });
    expect(readModelSpec({ layers: 3 })).toEqual({ ok: false, problems: ['The model description has no list of layers.'] });
    const bad = readModelSpec({ ...DEFAULT_SPEC, layers: [{ kind: 'conv' }], epochs: '3' });
    expect(bad).toEqual({
      ok: false,
      problems: [
        'Layer 1 is none of: a dense layer (units, activation), a dropout layer (rate), a conv2d layer (filters, kernelSize, strides, padding, activation), a maxPool layer (poolSize, strides) or a flatten layer.',
        'The model description has no number for epochs.',
      ],
    });
    expect(readModelSpec({ ...DEFAULT_SPEC, optimizer: 'lbfgs' })).toEqual({
      ok: false,
      problems: ['Unknown optimiser "lbfgs"; use sgd, momentum, rmsprop, adam.'],
    });
  });
});

describe('paramCounts', () => {
  it('counts weights and biases per layer; dropout passes its width on', () => {
    const counts = paramCounts({
      layers: [
        { kind: 'dense', units: 64, activation: 'relu' },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', units: 32, activation: 'relu' },
      ],
    });
    expect(counts.layers).toEqual([
      { kind: 'dense', inputs: 784, outputs: 64, inputShape: [784], outputShape: [64], weights: 784 * 64, biases: 64, params: 784 * 64 + 64 },
      { kind: 'dropout', inputs: 64, outputs: 64, inputShape: [64], outputShape: [64], weights: 0, biases: 0, params: 0 },
      { kind: 'dense', inputs: 64, outputs: 32, inputShape: [64], outputShape: [32], weights: 64 * 32, biases: 32, params: 64 * 32 + 32 },
      { kind: 'output', inputs: 32, outputs: 10, inputShape: [32], outputShape: [10], weights: 320, biases: 10, params: 330 },
    ]);
    expect(counts.total).toBe(784 * 64 + 64 + 64 * 32 + 32 + 330);
    expect(paramFormula(counts.layers[0]!)).toBe('784·64 + 64 = 50,240');
    expect(paramFormula(counts.layers[1]!)).toBe('0 (no parameters)');
  });
});

describe('planProblems', () => {
  it('accepts a plan inside MNIST and says what is wrong with others', () => {
    expect(planProblems({ trainLimit: 50_000, validationCount: 10_000, testLimit: 10_000 })).toEqual([]);
    expect(planProblems({ trainLimit: 55_000, validationCount: 10_000, testLimit: 0 })).toEqual([
      '55,000 training and 10,000 validation images overlap: together they must be at most 60,000.',
      'Test images must be a whole number from 1 to 10,000, not 0.',
    ]);
    expect(planProblems({ trainLimit: 0.5, validationCount: -1, testLimit: 10 })).toEqual([
      'Training images must be a whole number from 1 to 60,000, not 0.5.',
      'Validation images must be a whole number ≥ 0, not -1.',
    ]);
  });
});
