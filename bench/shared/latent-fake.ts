/**
 * Stand-in files for the latent-space view while the real pretrained ones (public/models/fashion-{vae,ae,pca}/,
 * written by scripts/train-autoencoders.ts and scripts/fit-pca.ts) are not in the build: the same formats,
 * seeded, made here. e2e/latent-space.spec.ts and the unsupervised-scatter benchmark serve them with
 * page.route only for the files the build lacks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { parseLabels } from '../../src/lib/data/idx.ts';
import { PCA_FORMAT, type PcaInfo } from '../../src/lib/unsupervised/pca-files.ts';

const N = 10_000;
const PIXELS = 784;
const HIDDEN = 64;

/** A small seeded generator (mulberry32) and a normal sample from it. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (rand: () => number) => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

/** Ten clusters of points in 3-D, one per class of `labels`' pattern (i mod 10 when no labels are given). */
function embedding(seed: number, labels: Uint8Array | null): Buffer {
  const rand = random(seed);
  const centres = Array.from({ length: 10 }, () => [normal(rand) * 2, normal(rand) * 2, normal(rand) * 2]);
  const out = new Float32Array(N * 3);
  for (let i = 0; i < N; i++) {
    const c = centres[labels ? labels[i]! : i % 10]!;
    for (let a = 0; a < 3; a++) out[i * 3 + a] = c[a]! + normal(rand) * 0.4;
  }
  return Buffer.from(out.buffer);
}

/** A Dense decoder 3 → 64 (relu) → 784 (sigmoid) in tfjs's Layers format, with seeded weights. */
function decoder(seed: number): { json: Buffer; weights: Buffer } {
  const rand = random(seed);
  const sizes = [3 * HIDDEN, HIDDEN, HIDDEN * PIXELS, PIXELS];
  const weights = new Float32Array(sizes.reduce((a, b) => a + b));
  for (let i = 0; i < weights.length; i++) weights[i] = normal(rand) * 0.5;
  const json = {
    format: 'layers-model',
    generatedBy: 'bench/shared/latent-fake.ts',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'decoder',
        layers: [
          { class_name: 'Dense', config: { name: 'd1', units: HIDDEN, activation: 'relu', use_bias: true, batch_input_shape: [null, 3] } },
          { class_name: 'Dense', config: { name: 'd2', units: PIXELS, activation: 'sigmoid', use_bias: true } },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'd1/kernel', shape: [3, HIDDEN], dtype: 'float32' },
          { name: 'd1/bias', shape: [HIDDEN], dtype: 'float32' },
          { name: 'd2/kernel', shape: [HIDDEN, PIXELS], dtype: 'float32' },
          { name: 'd2/bias', shape: [PIXELS], dtype: 'float32' },
        ],
      },
    ],
  };
  return { json: Buffer.from(JSON.stringify(json)), weights: Buffer.from(weights.buffer) };
}

/** PCA's mean image and 64 components (random, not orthogonal: a stand-in only). */
function pcaBin(seed: number): Buffer {
  const rand = random(seed);
  const out = new Float32Array(65 * PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = i < PIXELS ? rand() * 0.5 : normal(rand) * 0.05;
  return Buffer.from(out.buffer);
}

/** The pca.json that describes pcaBin (lib/unsupervised/pca-files.ts's format; made-up variances). */
function pcaJson(): Buffer {
  const variances = Array.from({ length: 64 }, (_, k) => 1 / (k + 1));
  const info: PcaInfo = {
    format: PCA_FORMAT,
    dataset: 'fashion-mnist',
    trainImages: 60_000,
    dimension: PIXELS,
    components: 64,
    variances,
    totalVariance: 10,
    explainedRatio: variances.map((v) => v / 10),
    embedding: { split: 'test', count: 10_000, dimensions: 3 },
    testClasses: [],
    testReconstruction: [],
    seconds: 0,
    date: '2026-01-01T00:00:00.000Z',
  };
  return Buffer.from(JSON.stringify(info));
}

/** Every stand-in file by its path under models/. `labels` (the test labels) puts each class in its own cluster. */
export function fakeLatentFiles(labels: Uint8Array | null = null): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [k, folder] of ['fashion-vae', 'fashion-ae'].entries()) {
    files.set(`${folder}/embedding.bin`, embedding(10 + k, labels));
    const d = decoder(20 + k);
    files.set(`${folder}/decoder/model.json`, d.json);
    files.set(`${folder}/decoder/weights.bin`, d.weights);
  }
  files.set('fashion-pca/embedding.bin', embedding(30, labels));
  files.set('fashion-pca/pca.bin', pcaBin(31));
  files.set('fashion-pca/pca.json', pcaJson());
  return files;
}

/** The Fashion-MNIST test labels as the build in `dist` serves them. */
export function readTestLabels(dist: string): Uint8Array {
  const file = 't10k-labels-idx1-ubyte';
  return parseLabels(gunzipSync(readFileSync(join(dist, 'data', 'fashion-mnist', `${file}.gz`))), file).data;
}

/**
 * Serves the stand-ins on `page` for each file that the build in `dist` does not have (each class in its
 * own cluster), and returns the paths faked: none once the real files are committed.
 */
export async function routeMissingLatentFiles(page: Page, dist: string): Promise<string[]> {
  const missing = [...fakeLatentFiles(readTestLabels(dist))].filter(([path]) => !existsSync(join(dist, 'models', path)));
  for (const [path, body] of missing) {
    await page.route(`**/models/${path}`, (route) =>
      route.fulfill({ body, contentType: path.endsWith('.json') ? 'application/json' : 'application/octet-stream' }),
    );
  }
  return missing.map(([path]) => path);
}
