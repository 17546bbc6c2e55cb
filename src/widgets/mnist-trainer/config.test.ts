import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, batchesPerEpoch, buildConfig, settingsFromAttributes, settingsFromValues } from './config.ts';

const attrs = (map: Record<string, string>) => (name: string) => map[name] ?? null;

describe('settingsFromAttributes', () => {
  it('uses the defaults when nothing is set', () => {
    expect(settingsFromAttributes(attrs({}))).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ epochs: 1, trainLimit: 60_000, hidden: 128, backend: 'auto' });
  });
  it('reads allowed values, with or without separators', () => {
    expect(settingsFromAttributes(attrs({ 'data-epochs': '3', 'data-train-limit': '10,000', 'data-hidden': '256', 'data-backend': 'wasm' }))).toEqual(
      { epochs: 3, trainLimit: 10_000, hidden: 256, backend: 'wasm' },
    );
  });
  it('falls back for values the selects do not offer', () => {
    expect(settingsFromAttributes(attrs({ 'data-epochs': '9', 'data-train-limit': 'lots', 'data-hidden': '100', 'data-backend': 'tpu' }))).toEqual(
      DEFAULT_SETTINGS,
    );
  });
});

describe('settingsFromValues', () => {
  it('reads the select values', () => {
    expect(settingsFromValues({ epochs: '2', trainLimit: '30000', hidden: '32', backend: 'cpu' })).toEqual({
      epochs: 2,
      trainLimit: 30_000,
      hidden: 32,
      backend: 'cpu',
    });
  });
});

describe('buildConfig', () => {
  it('fills in the fixed parts of the run', () => {
    const config = buildConfig(DEFAULT_SETTINGS, 'https://example.org/tinker/data/');
    expect(config).toEqual({
      dataset: 'mnist',
      dataUrl: 'https://example.org/tinker/data/',
      trainLimit: 60_000,
      testLimit: 10_000,
      epochs: 1,
      batchSize: 64,
      learningRate: 0.001,
      hidden: [128],
      backend: 'auto',
      previewCount: 48,
      seed: 1,
    });
    expect('initialWeights' in config).toBe(false);
  });
  it('passes resume weights', () => {
    const weights = [new Float32Array(3)];
    expect(buildConfig(DEFAULT_SETTINGS, '/data/', weights).initialWeights).toBe(weights);
  });
});

describe('batchesPerEpoch', () => {
  it('counts the last partial batch', () => {
    expect(batchesPerEpoch(60_000)).toBe(938);
    expect(batchesPerEpoch(10_000)).toBe(157);
    expect(batchesPerEpoch(64)).toBe(1);
  });
});
