import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, buildNeuronConfig, reportEvery, settingsFromValues } from './config.ts';

describe('settingsFromValues', () => {
  it('keeps offered choices and falls back to the defaults otherwise', () => {
    expect(settingsFromValues({ epochs: '3', learningRate: '0.1', batchSize: '256' })).toEqual({ epochs: 3, learningRate: 0.1, batchSize: 256 });
    expect(settingsFromValues({ epochs: '9', learningRate: 'fast', batchSize: null })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromValues({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe('buildNeuronConfig', () => {
  it('describes one neuron on all 60,000 images with SGD and BCE on the logit', () => {
    const c = buildNeuronConfig({ epochs: 2, learningRate: 0.1, batchSize: 64 }, 'http://x/data/');
    expect(c.task).toBe('zero-vs-rest');
    expect(c.layers).toEqual([{ kind: 'dense', units: 1 }]);
    expect(c.loss).toBe('sigmoid-binary-cross-entropy');
    expect(c.optimizer).toEqual({ kind: 'sgd', learningRate: 0.1 });
    expect(c.trainLimit + c.validationCount).toBe(60_000);
    expect(c.testLimit).toBe(10_000);
    expect(c.epochs).toBe(2);
    expect(c.init).toBe('zeros');
    expect(c.sendFirstLayerWeights).toBe(true);
  });
  it('reports about 100 times per epoch', () => {
    expect(reportEvery(64)).toBe(10); // 938 batches
    expect(reportEvery(256)).toBe(3); // 235 batches
    expect(reportEvery(16)).toBe(38); // 3,750 batches
  });
});
