import { describe, expect, it } from 'vitest';
import {
  autoencoderParameters,
  autoencoderSpec,
  autoencoderSpecProblems,
  decoderLayers,
  encoderLayers,
  PRETRAINED_SPECS,
  readAutoencoderMetrics,
  readAutoencoderSpec,
  TRAINING_DEFAULTS,
  trainingProblems,
} from './ae-spec.ts';

describe('autoencoder layers', () => {
  it('mirrors the encoder in the decoder, relu inside, linear code and sigmoid pixels', () => {
    const spec = autoencoderSpec('ae', 3, [64, 32]);
    expect(encoderLayers(spec)).toEqual([
      { inputs: 784, units: 64, activation: 'relu' },
      { inputs: 64, units: 32, activation: 'relu' },
      { inputs: 32, units: 3, activation: 'linear' },
    ]);
    expect(decoderLayers(spec)).toEqual([
      { inputs: 3, units: 32, activation: 'relu' },
      { inputs: 32, units: 64, activation: 'relu' },
      { inputs: 64, units: 784, activation: 'sigmoid' },
    ]);
  });

  it('gives the VAE encoder μ and log σ² (2·latent outputs) and the decoder the latent only', () => {
    const spec = autoencoderSpec('vae', 3, [16]);
    expect(encoderLayers(spec).at(-1)).toEqual({ inputs: 16, units: 6, activation: 'linear' });
    expect(decoderLayers(spec)[0]).toEqual({ inputs: 3, units: 16, activation: 'relu' });
  });

  it('counts weights and biases as tfjs does', () => {
    // 784·10+10 + 10·2+2 = 7,872 ; 2·10+10 + 10·784+784 = 8,654
    expect(autoencoderParameters(autoencoderSpec('ae', 2, [10]))).toEqual({ encoder: 7872, decoder: 8654, total: 16526 });
    expect(autoencoderParameters(autoencoderSpec('vae', 2, [10])).encoder).toBe(7872 + 22);
  });

  it('keeps every pretrained model small enough for a ~600 KB folder (float32 weights, + 120 KB embedding)', () => {
    for (const spec of Object.values(PRETRAINED_SPECS)) {
      const bytes = autoencoderParameters(spec).total * 4 + (spec.kind === 'dae' ? 0 : 10_000 * 3 * 4);
      expect(bytes).toBeLessThan(580_000);
    }
    expect(PRETRAINED_SPECS.ae.latent).toBe(3);
    expect(PRETRAINED_SPECS.vae.latent).toBe(3);
  });
});

describe('checks', () => {
  it('accepts every latent of the slider and refuses others in words', () => {
    for (const latent of [2, 3, 32, 64]) expect(autoencoderSpecProblems(autoencoderSpec('ae', latent))).toEqual([]);
    expect(autoencoderSpecProblems(autoencoderSpec('ae', 1))[0]).toMatch(/from 2 to 64, not 1/);
    expect(autoencoderSpecProblems(autoencoderSpec('vae', 2.5))[0]).toMatch(/whole number/);
    expect(autoencoderSpecProblems({ kind: 'gan' as 'ae', latent: 3, hidden: [8] })[0]).toMatch(/not an autoencoder kind/);
    expect(autoencoderSpecProblems(autoencoderSpec('ae', 3, [0]))[0]).toMatch(/hidden layer/);
  });

  it('reads a spec from JSON, copying it, and refuses junk', () => {
    const read = readAutoencoderSpec({ kind: 'vae', latent: 3, hidden: [64, 64], extra: 1 });
    expect(read).toEqual({ ok: true, spec: { kind: 'vae', latent: 3, hidden: [64, 64] } });
    expect(readAutoencoderSpec(null).ok).toBe(false);
    expect(readAutoencoderSpec({ kind: 'ae', latent: '3', hidden: [] }).ok).toBe(false);
  });

  it('checks training settings and the corruption', () => {
    expect(trainingProblems(TRAINING_DEFAULTS)).toEqual([]);
    expect(trainingProblems({ ...TRAINING_DEFAULTS, images: 10 })[0]).toMatch(/training images/);
    expect(trainingProblems({ ...TRAINING_DEFAULTS, epochs: 0 })[0]).toMatch(/epochs/);
    expect(trainingProblems({ ...TRAINING_DEFAULTS, learningRate: 5 })[0]).toMatch(/learning rate/);
    expect(trainingProblems({ ...TRAINING_DEFAULTS, batchSize: 0 })[0]).toMatch(/batch size/);
    expect(trainingProblems({ ...TRAINING_DEFAULTS, seed: 0.5 })[0]).toMatch(/seed/);
    expect(trainingProblems(TRAINING_DEFAULTS, { kind: 'gaussian', strength: 1.5 })[0]).toMatch(/strength/);
  });

  it('reads metrics.json and refuses one without its losses', () => {
    const metrics = {
      spec: PRETRAINED_SPECS.ae,
      testLoss: 240,
      testReconstruction: 240,
      testImages: 10_000,
      trainImages: 60_000,
      epochs: 5,
      batchSize: 64,
      learningRate: 0.001,
      seed: 1,
      trainSeconds: 60,
      backend: 'wasm',
      trainedAt: '2026-12-05T15:00:00Z',
    };
    const read = readAutoencoderMetrics(metrics);
    expect(read.ok && read.metrics.parameters.total).toBe(autoencoderParameters(PRETRAINED_SPECS.ae).total);
    expect(readAutoencoderMetrics({ ...metrics, testLoss: null })).toEqual({
      ok: false,
      problem: 'The model’s metrics have no number for testLoss.',
    });
    expect(readAutoencoderMetrics({ ...metrics, spec: { kind: 'ae' } }).ok).toBe(false);
  });
});
