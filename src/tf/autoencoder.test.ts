/**
 * The autoencoders on tfjs's cpu backend: shapes and parameter counts against the pure spec, the
 * loss terms on known values (KL = 0 at μ = 0, log σ² = 0), the reparameterisation trick, the
 * loss going down over a few steps, and no tensor left behind by a step.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { autoencoderParameters, autoencoderSpec, type AutoencoderKind } from '../lib/unsupervised/ae-spec.ts';
import {
  autoencoderVariables,
  buildAutoencoder,
  decode,
  disposeAutoencoder,
  encode,
  encodeAll,
  evaluateAutoencoder,
  klDivergence,
  reconstructionLoss,
  reparameterise,
  shapeProblems,
  trainStep,
} from './autoencoder.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

/** n images of 784 pixels: a few bright blobs, seeded. */
function images(n: number, seed = 3): Float32Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const out = new Float32Array(n * 784);
  for (let i = 0; i < n; i++) {
    const row = Math.floor(rand() * 20);
    for (let p = 0; p < 784; p++) out[i * 784 + p] = Math.floor(p / 28) >= row && Math.floor(p / 28) < row + 6 ? 0.9 : 0.05;
  }
  return out;
}

describe('building', () => {
  it.each(['ae', 'dae', 'vae'] as AutoencoderKind[])('%s: encode to the latent, decode to 784 pixels in 0..1, counts as the spec says', (kind) => {
    const spec = autoencoderSpec(kind, 3, [16, 8]);
    const model = buildAutoencoder(tf, spec, 1);
    const x = tf.tensor2d(images(5), [5, 784]);
    const z = encode(tf, model, x);
    const xHat = decode(tf, model, z);
    expect(z.shape).toEqual([5, 3]);
    expect(xHat.shape).toEqual([5, 784]);
    expect(xHat.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(xHat.max().dataSync()[0]).toBeLessThanOrEqual(1);
    const counts = autoencoderParameters(spec);
    expect(model.encoder.countParams()).toBe(counts.encoder);
    expect(model.decoder.countParams()).toBe(counts.decoder);
    expect(shapeProblems(spec, model.encoder, model.decoder)).toEqual([]);
    expect(shapeProblems(autoencoderSpec(kind, 4, [16, 8]), model.encoder, model.decoder)[0]).toMatch(/needs 784 → 16 → 8 → (4|8)/);
    tf.dispose([x, z, xHat]);
    disposeAutoencoder(model);
  });

  it('gives the same weights for the same seed', () => {
    const a = buildAutoencoder(tf, autoencoderSpec('ae', 2, [4]), 9);
    const b = buildAutoencoder(tf, autoencoderSpec('ae', 2, [4]), 9);
    expect(Array.from(a.decoder.getWeights()[0]!.dataSync())).toEqual(Array.from(b.decoder.getWeights()[0]!.dataSync()));
    disposeAutoencoder(a);
    disposeAutoencoder(b);
  });
});

describe('loss terms', () => {
  it('KL is 0 when μ = 0 and log σ² = 0, and ½ μ² per dimension when only μ moves', () => {
    const zeros = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(Array.from(klDivergence(tf, zeros, zeros).dataSync(), Math.abs)).toEqual([0, 0]); // −½ (1 + 0 − 0 − 1)
    const mu = tf.tensor2d([[1, 2, 0]]);
    expect(klDivergence(tf, mu, tf.zeros([1, 3])).dataSync()[0]).toBeCloseTo(0.5 + 2, 5);
    // log σ² = 1: −½ (1 + 1 − 0 − e) per dimension.
    expect(klDivergence(tf, tf.zeros([1, 1]), tf.ones([1, 1])).dataSync()[0]).toBeCloseTo(-0.5 * (2 - Math.E), 5);
  });

  it('binary cross-entropy is summed over the pixels: 784 ln 2 for x = 1 at x̂ = ½, ~0 for a perfect copy', () => {
    const half = tf.fill([1, 784], 0.5) as tf.Tensor2D;
    expect(reconstructionLoss(tf, tf.ones([1, 784]), half).dataSync()[0]).toBeCloseTo(784 * Math.LN2, 2);
    const x = tf.tensor2d([[0, 1, 1, 0]]);
    expect(reconstructionLoss(tf, x, x).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('reparameterises z = μ + exp(½ log σ²) ε', () => {
    const z = reparameterise(tf, tf.tensor2d([[1, -1]]), tf.tensor2d([[0, Math.log(4)]]), tf.tensor2d([[2, 3]]));
    const [a, b] = z.dataSync();
    expect(a).toBeCloseTo(3, 5);
    expect(b).toBeCloseTo(-1 + 2 * 3, 5);
  });
});

describe('training', () => {
  it.each(['ae', 'vae'] as AutoencoderKind[])('%s: the loss goes down over a few steps on one batch, and a step leaves no tensor', async (kind) => {
    const model = buildAutoencoder(tf, autoencoderSpec(kind, 3, [32]), 2);
    const optimizer = tf.train.adam(0.01);
    const variables = autoencoderVariables(model);
    const pixels = images(32);
    const x = tf.tensor2d(pixels, [32, 784]);
    const before = await evaluateAutoencoder(tf, model, pixels, pixels, 32);
    let tensors = -1;
    for (let step = 0; step < 30; step++) {
      const sums = trainStep(tf, model, optimizer, variables, x, x, step);
      tf.dispose([sums.reconstruction, sums.kl]);
      if (step === 1) tensors = tf.memory().numTensors;
      if (step > 1) expect(tf.memory().numTensors).toBe(tensors);
    }
    const after = await evaluateAutoencoder(tf, model, pixels, pixels, 32);
    expect(after.loss).toBeLessThan(before.loss * 0.7);
    if (kind === 'vae') expect(after.kl).toBeGreaterThan(0);
    else expect(after.kl).toBe(0);
    const codes = await encodeAll(tf, model, pixels, 32);
    expect(codes.length).toBe(32 * 3);
    x.dispose();
    optimizer.dispose();
    disposeAutoencoder(model);
  });
});
