/**
 * The autoencoder session on tfjs's cpu backend in Node, with synthetic 28 × 28 images in place of
 * Fashion-MNIST: the message sequence, the VAE's KL, the denoiser's corruption, a pretrained start,
 * stopping, bad requests — and THE test of the issue: tf.memory().numTensors stays flat across a
 * whole AE and VAE training run (after the first batch, no growth) and nothing is left at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SplitData, SplitLoader } from '../../lib/data/load.ts';
import { autoencoderSpec, type AutoencoderKind } from '../../lib/unsupervised/ae-spec.ts';
import { buildAutoencoder } from '../../tf/autoencoder.ts';
import type { AutoencoderFromWorker, AutoencoderRequest } from './protocol.ts';
import { runAutoencoderSession, type AutoencoderSessionDeps } from './session.ts';

/** Images with a bright band at a class-dependent row (a learnable structure), seeded. */
function synthetic(count: number, seed: number): SplitData {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < 784; p++) {
      const row = Math.floor(p / 28);
      images[i * 784 + p] = row >= label * 2 && row < label * 2 + 6 ? 230 : Math.floor(rand() * 30);
    }
  }
  return { images, labels, count, rows: 28, cols: 28 };
}

const TRAIN = synthetic(240, 1);
const TEST = synthetic(50, 2);
const fakeLoader: SplitLoader = async (_url, _dataset, split, options) => {
  const data = split === 'train' ? TRAIN : TEST;
  const n = Math.min(options.limit ?? data.count, data.count);
  return { ...data, count: n, images: data.images.subarray(0, n * 784), labels: data.labels.subarray(0, n) };
};

const REQUEST: AutoencoderRequest = {
  kind: 'ae',
  latent: 3,
  hidden: [16],
  images: 240,
  epochs: 2,
  learningRate: 0.01,
  batchSize: 20,
  seed: 5,
  sampleCount: 4,
  latentCount: 30,
  testImages: 50,
  backend: 'cpu',
  dataUrl: 'http://localhost/data/',
};

async function run(request: Partial<AutoencoderRequest> = {}, deps: AutoencoderSessionDeps = {}, stopped: () => boolean = () => false) {
  const messages: AutoencoderFromWorker[] = [];
  await runAutoencoderSession(
    { ...REQUEST, ...request },
    (m) => messages.push(m),
    { stopped },
    { loadSplit: fakeLoader, yieldToEventLoop: () => Promise.resolve(), ...deps },
  );
  return messages;
}

const ofType = <T extends AutoencoderFromWorker['type']>(messages: AutoencoderFromWorker[], type: T) =>
  messages.filter((m): m is Extract<AutoencoderFromWorker, { type: T }> => m.type === type);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('runAutoencoderSession', () => {
  it.each(['ae', 'vae'] as AutoencoderKind[])(
    '%s: the tensor count stays flat across a whole training run, and nothing is left at the end',
    async (kind) => {
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      const messages = await run({ kind, epochs: 3 }, { afterBatch: () => counts.push(tf.memory().numTensors), batchIntervalMs: 0 });
      expect(counts).toHaveLength(3 * 12);
      // After the first batch (Adam creates its moments there), not one tensor more, batch after batch, epoch after epoch.
      expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
      expect(ofType(messages, 'done')[0]!.tensorsLeft).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('sends samples and latents before training, batches, epochs, latents after each epoch and the test losses', async () => {
    const messages = await run();
    const types = messages.map((m) => m.type);
    expect(types.slice(0, 4)).toEqual(['backend', 'phase', 'samples', 'latent']);
    expect(types.at(-1)).toBe('done');
    const epochs = ofType(messages, 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(epochs[1]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(epochs[0]!.kl).toBeUndefined();
    const latents = ofType(messages, 'latent');
    expect(latents.map((l) => l.epochsCompleted)).toEqual([0, 1, 2]);
    expect(latents[0]).toMatchObject({ count: 30, dimensions: 3 });
    expect(latents[0]!.values).toHaveLength(90);
    expect(Array.from(latents[0]!.labels.slice(0, 3))).toEqual([0, 1, 2]);
    const samples = ofType(messages, 'samples');
    expect(samples[0]!.inputs).toHaveLength(4 * 784);
    expect(samples[0]!.inputs[0]).toBeCloseTo(TEST.images[0]! / 255, 6);
    expect(samples.at(-1)!.outputs).toHaveLength(4 * 784);
    expect(ofType(messages, 'batch').at(-1)).toMatchObject({ epoch: 1, batch: 11, batchesPerEpoch: 12, examplesSeen: 480 });
    const done = ofType(messages, 'done')[0]!;
    expect(done).toMatchObject({ stopped: false, epochsCompleted: 2, tensorsLeft: 0 });
    expect(done.testLoss).toBeGreaterThan(0);
    expect(done.testLoss).toBe(done.testReconstruction);
  });

  it('gives the VAE a KL term in every loss, the same run for the same seed', async () => {
    const a = await run({ kind: 'vae', epochs: 1 });
    const b = await run({ kind: 'vae', epochs: 1 });
    const epoch = ofType(a, 'epoch')[0]!;
    expect(epoch.kl).toBeGreaterThan(0);
    expect(epoch.loss).toBeCloseTo(epoch.reconstruction + epoch.kl!, 3);
    const done = ofType(a, 'done')[0]!;
    expect(done.testKl).toBeGreaterThan(0);
    expect(ofType(b, 'done')[0]!.testLoss).toBe(done.testLoss);
  });

  it('trains the denoiser on corrupted inputs against clean targets, the sample inputs corrupted the same way each time', async () => {
    const seeds: number[] = [];
    const messages = await run(
      { kind: 'dae', latent: 8, corruption: { kind: 'gaussian', strength: 0.3 } },
      {
        corrupt: (pixels, _n, _d, seed) => {
          seeds.push(seed);
          expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true); // pixels 0..1, not 0–255
          return pixels.map((v, i) => (i % 2 ? 0 : v));
        },
      },
    );
    const samples = ofType(messages, 'samples');
    expect(samples[0]!.inputs[1]).toBe(0);
    expect(samples.at(-1)!.inputs).toEqual(samples[0]!.inputs);
    // Once for the test images, then a new seed for every one of the 24 batches.
    expect(new Set(seeds).size).toBe(25);
    expect(ofType(messages, 'done')[0]!.testLoss).toBeGreaterThan(0);
  });

  it('starts from pretrained weights when they fit, and says what differs when they do not', async () => {
    const pretrained = buildAutoencoder(tf, autoencoderSpec('ae', 3, [16]), 99);
    const urls = { encoder: 'enc.json', decoder: 'dec.json' };
    const loadModel = async (url: string) => (url === urls.encoder ? pretrained.encoder : pretrained.decoder);
    const scratch = ofType(await run({ epochs: 1 }), 'samples')[0]!.outputs;
    const fromPretrained = ofType(await run({ epochs: 1, pretrained: urls }, { loadModel }), 'samples')[0]!.outputs;
    expect(fromPretrained).not.toEqual(scratch);
    const again = buildAutoencoder(tf, autoencoderSpec('ae', 3, [16]), 99);
    const wrong = await run({ latent: 4, pretrained: urls }, { loadModel: async (url) => (url === urls.encoder ? again.encoder : again.decoder) });
    expect(ofType(wrong, 'error')[0]!.message).toMatch(/does not fit this run.*784 → 16 → 4/);
  });

  it('stops within a batch, tests what it trained and says it stopped', async () => {
    let batches = 0;
    const messages = await run({ epochs: 3 }, { afterBatch: () => batches++ }, () => batches >= 5);
    const done = ofType(messages, 'done')[0]!;
    expect(done).toMatchObject({ stopped: true, epochsCompleted: 0, tensorsLeft: 0 });
    expect(done.testLoss).toBeGreaterThan(0);
    expect(ofType(messages, 'epoch')).toEqual([]);
  });

  it('refuses bad requests in words, before loading anything', async () => {
    const messages = await run({ latent: 100, batchSize: 0, sampleCount: 500 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'error' });
    const { message } = ofType(messages, 'error')[0]!;
    expect(message).toMatch(/from 2 to 64, not 100/);
    expect(message).toMatch(/batch size/);
    expect(message).toMatch(/sample images/);
  });
});
