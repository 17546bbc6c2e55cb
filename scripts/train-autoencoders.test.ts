/**
 * The committed pretrained autoencoders (public/models/fashion-{ae,vae,dae}/, made by
 * `npm run train:autoencoders`): where pretrained.ts says, small, Dense-only decoders with the
 * activations src/lib may run, the pretrained specs, the test losses their metrics.json state
 * when evaluated afresh on all 10,000 test images (within 0.1 %: another backend may round
 * differently), and an embedding.bin that is encode() of the test images in order.
 * Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORRUPTION, IMAGE_PIXELS, PRETRAINED_SPECS, readAutoencoderMetrics, type AutoencoderKind } from '../src/lib/unsupervised/ae-spec.ts';
import { EMBEDDING_COUNT, EMBEDDING_DIMENSIONS, PRETRAINED_AUTOENCODERS } from '../src/lib/unsupervised/pretrained.ts';
import { encodeAll, evaluateAutoencoder, shapeProblems, type Autoencoder } from '../src/tf/autoencoder.ts';
import { corruptionFor } from '../src/workers/autoencoder/noise.ts';
import { TEST_NOISE_SEED } from '../src/workers/autoencoder/session.ts';
import { ROOT, folderLoadHandler, readFashion } from './cnn-node.ts';
import { modelDir } from './train-autoencoders.ts';

const KINDS: AutoencoderKind[] = ['ae', 'vae', 'dae'];
let clean: Float32Array;

beforeAll(async () => {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  expect(await tf.setBackend('wasm')).toBe(true);
  const test = readFashion('test');
  expect(test.count).toBe(10_000);
  clean = Float32Array.from(test.images, (v) => v / 255);
});

async function load(kind: AutoencoderKind): Promise<Autoencoder> {
  const dir = modelDir(kind);
  const [encoder, decoder] = await Promise.all([
    tf.loadLayersModel(folderLoadHandler(tf, join(dir, 'encoder'))),
    tf.loadLayersModel(folderLoadHandler(tf, join(dir, 'decoder'))),
  ]);
  return { spec: PRETRAINED_SPECS[kind], encoder, decoder };
}

const folderBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );

const metricsOf = (kind: AutoencoderKind) => {
  const read = readAutoencoderMetrics(JSON.parse(readFileSync(join(modelDir(kind), 'metrics.json'), 'utf8')));
  if (!read.ok) throw new Error(read.problem);
  return read.metrics;
};

describe.each(KINDS)('the pretrained %s', (kind) => {
  it('lives where pretrained.ts says, under 600 KB, with the pretrained spec in its metrics', () => {
    const urls = PRETRAINED_AUTOENCODERS[kind];
    expect(join(ROOT, 'public', urls.encoder)).toBe(join(modelDir(kind), 'encoder', 'model.json'));
    expect(join(ROOT, 'public', urls.decoder)).toBe(join(modelDir(kind), 'decoder', 'model.json'));
    expect(join(ROOT, 'public', urls.metrics)).toBe(join(modelDir(kind), 'metrics.json'));
    expect(folderBytes(modelDir(kind))).toBeLessThan(600_000);
    const metrics = metricsOf(kind);
    expect(metrics.spec).toEqual(PRETRAINED_SPECS[kind]);
    expect(metrics).toMatchObject({ testImages: 10_000, trainImages: 60_000 });
    if (kind === 'dae') expect(metrics.corruption).toEqual(DEFAULT_CORRUPTION);
  });

  it('has the shapes of its spec and a decoder of Dense layers with relu, sigmoid or linear only', async () => {
    const model = await load(kind);
    expect(shapeProblems(model.spec, model.encoder, model.decoder)).toEqual([]);
    for (const layer of model.decoder.layers) {
      expect(layer.getClassName()).toBe('Dense');
      expect(['relu', 'sigmoid', 'linear']).toContain((layer.getConfig() as { activation: string }).activation);
    }
    model.encoder.dispose();
    model.decoder.dispose();
  });

  it('has the test losses its metrics.json states, on all 10,000 test images', async () => {
    const model = await load(kind);
    const metrics = metricsOf(kind);
    const inputs = kind === 'dae' ? corruptionFor(DEFAULT_CORRUPTION)(clean, 10_000, IMAGE_PIXELS, TEST_NOISE_SEED) : clean;
    const losses = await evaluateAutoencoder(tf, model, inputs, clean, 10_000);
    expect(Math.abs(losses.loss - metrics.testLoss) / metrics.testLoss).toBeLessThan(1e-3);
    expect(Math.abs(losses.reconstruction - metrics.testReconstruction) / metrics.testReconstruction).toBeLessThan(1e-3);
    if (kind === 'vae') expect(Math.abs(losses.kl - metrics.testKl!) / metrics.testKl!).toBeLessThan(1e-3);
    model.encoder.dispose();
    model.decoder.dispose();
  });
});

describe.each(['ae', 'vae'] as const)('the %s embedding', (kind) => {
  it('is Float32 10,000 × 3: the codes (the VAE: means μ) of the test images, in order', async () => {
    const bytes = readFileSync(join(ROOT, 'public', PRETRAINED_AUTOENCODERS[kind].embedding));
    expect(bytes.byteLength).toBe(EMBEDDING_COUNT * EMBEDDING_DIMENSIONS * 4);
    const embedding = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const model = await load(kind);
    const n = 500;
    const codes = await encodeAll(tf, model, clean, n);
    for (let i = 0; i < n * EMBEDDING_DIMENSIONS; i++) expect(embedding[i]).toBeCloseTo(codes[i]!, 4);
    model.encoder.dispose();
    model.decoder.dispose();
  });
});
