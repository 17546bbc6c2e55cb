/**
 * The measured figures that the two unsupervised lessons quote (content/lessons/08-clustering-and-pca.mdx
 * and 09-autoencoders.mdx), recomputed here from the committed code and files, and found in the
 * lessons' prose as printed. When a model is retrained or a generator changes, this test says which
 * sentence to update.
 *
 * - The k-means explorer: its generated sets (src/lib/kmeans-explorer/, set seed SET_SEED), k-means run
 *   to convergence by the explorer's own stepper, DBSCAN with the widget's default settings.
 * - PCA: public/models/fashion-pca/pca.json (its test reconstruction errors are recomputed from the
 *   data by scripts/fit-pca.test.ts).
 * - The pretrained autoencoders: public/models/fashion-{ae,vae,dae}/metrics.json.
 * - The denoiser: the widget's own code (corruptImage with its seed rule, blurGrey) and the pretrained
 *   denoising autoencoder run without tfjs (runDense) over all 10,000 test images.
 *
 * Nothing is trained here. Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../src/lib/kmeans-explorer/compare.ts';
import { generateSet, type DatasetId } from '../src/lib/kmeans-explorer/datasets.ts';
import { SET_SEED } from '../src/lib/kmeans-explorer/explorer.ts';
import { elbowCurve, startCentroids, type StartMethod } from '../src/lib/kmeans-explorer/start.ts';
import { KMeansStepper, type Snapshot } from '../src/lib/kmeans-explorer/stepper.ts';
import { corruptImage, meanSquaredError } from '../src/lib/unsupervised/corrupt.ts';
import { blurGrey } from '../src/lib/unsupervised/denoise.ts';
import { parseDenseModel, runDense, type DenseModel } from '../src/lib/unsupervised/dense-model.ts';
import { readPcaInfo } from '../src/lib/unsupervised/pca-files.ts';
import { PRETRAINED_AUTOENCODERS, PRETRAINED_PCA } from '../src/lib/unsupervised/pretrained.ts';
import { defaults } from '../src/widgets/shared/settings.ts';
import { SETTINGS as EXPLORER_SETTINGS } from '../src/widgets/kmeans-explorer/config.ts';
import { CORRUPTION_SETTINGS } from '../src/widgets/denoiser/config.ts';
import { ROOT, readFashion } from './cnn-node.ts';

/** A lesson's prose: MDX comments removed (a figure only in a comment is not quoted), white space collapsed. */
function prose(file: string): string {
  const text = readFileSync(join(ROOT, 'content', 'lessons', file), 'utf8');
  return text.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ').replace(/\s+/g, ' ');
}
const clustering = prose('08-clustering-and-pca.mdx');
const autoencoders = prose('09-autoencoders.mdx');

const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'public', path), 'utf8')) as Record<string, unknown>;
const bytes = (path: string): ArrayBuffer => {
  const b = readFileSync(join(ROOT, 'public', path));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

/** The lesson says `sentence` word for word (a shorter failure message than toContain's, which prints the whole lesson). */
function expectQuoted(lesson: string, sentence: string): void {
  expect(lesson.includes(sentence), `the lesson should say: ${sentence}`).toBe(true);
}

const one = (x: number): string => x.toFixed(1);
const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;
const three = (x: number): string => x.toFixed(3);
const count = (x: number): string => x.toLocaleString('en-GB');

describe('lesson 08: the k-means explorer', () => {
  const explorer = defaults(EXPLORER_SETTINGS);
  const dbscanOptions = { eps: explorer.eps, minPoints: explorer.minPoints };
  const set = (id: DatasetId) => generateSet(id, { seed: SET_SEED });
  /** k-means to convergence with the explorer's stepper: final inertia and matched accuracy (as the widget scores it). */
  const run = (id: DatasetId, k: number, start: StartMethod, seed: number) => {
    const points = set(id);
    const stepper = new KMeansStepper(points.points, points.n, startCentroids(points.points, points.n, k, start, seed), k);
    stepper.run();
    return { inertia: stepper.current.inertia!, comparison: compare(points, k, start, seed, dbscanOptions) };
  };
  const seeds = Array.from({ length: 10 }, (_, i) => i + 1);

  it('uses the DBSCAN defaults the lesson names', () => {
    expect(dbscanOptions).toEqual({ eps: 0.3, minPoints: 5 });
    expectQuoted(clustering, '$\\varepsilon_\\text{DB} = 0.3$ and 5 points');
  });

  it('different densities: k-means++ finds the good solution from every seed, a random start with seed 2 does not', () => {
    const good = seeds.map((s) => run('densities', 3, 'k-means++', s).inertia);
    for (const inertia of good) expect(one(inertia)).toBe(one(good[0]!));
    const poor = run('densities', 3, 'random', 2).inertia;
    expect(poor).toBeGreaterThan(2 * good[0]!);
    expectQuoted(
      clustering,
      `while a random start with seed 2 ends in a poor local minimum: an inertia of ${one(poor)} instead of ${one(good[0]!)}.`,
    );
  });

  it('blobs: a bad start leaves a cluster empty, is repaired, and converges to the inertia of k-means++', () => {
    const blobs = set('blobs');
    const bad = new KMeansStepper(blobs.points, blobs.n, startCentroids(blobs.points, blobs.n, 3, 'bad', 1), 3);
    const steps: Snapshot[] = [];
    while (bad.step()) steps.push(bad.current);
    expect(steps.find((s) => s.kind === 'update')?.empty).toEqual([2]);
    expect(steps.some((s) => s.kind === 'reseed')).toBe(true);
    const plusPlus = run('blobs', 3, 'k-means++', 1).inertia;
    expect(one(bad.current.inertia!)).toBe(one(plusPlus));
    expectQuoted(clustering, `then converges to the same inertia, ${one(plusPlus)}, as a run started by k-means++.`);
  });

  it('the elbow curves of the blobs and the moons', () => {
    const blobs = set('blobs');
    const moons = set('moons');
    const b = elbowCurve(blobs.points, blobs.n, 4).map(one);
    const m = elbowCurve(moons.points, moons.n, 4).map(one);
    expectQuoted(clustering, `give an inertia of ${b[0]}, ${b[1]}, ${b[2]} and ${b[3]} for $k = 1$ to 4`);
    expectQuoted(clustering, `(${m.join(', ')})`);
  });

  it('moons: k-means matches 77.5% whatever its start, DBSCAN all of them', () => {
    const first = run('moons', 2, 'k-means++', 1);
    const accuracy = first.comparison.kmeans.accuracy!;
    expectQuoted(clustering, `On the explorer's moons, ${percent(accuracy)} of the points end up in the cluster matched to their own moon`);
    for (const start of ['k-means++', 'random'] as const) {
      for (const s of seeds) expect(Math.abs(run('moons', 2, start, s).inertia / first.inertia - 1)).toBeLessThan(0.001);
    }
    expect(first.comparison.dbscan.accuracy).toBe(1);
    expect(first.comparison.dbscan.clusters).toBe(2);
    expectQuoted(clustering, 'each moon becomes one cluster, and all 100% of the points land in their own moon');
  });

  it('different densities: DBSCAN calls some points noise and does worse than k-means', () => {
    const { comparison } = run('densities', 3, 'k-means++', 1);
    expectQuoted(
      clustering,
      `DBSCAN calls ${comparison.dbscan.noise} points noise and gets ${percent(comparison.dbscan.accuracy!)}, where k-means gets ${percent(comparison.kmeans.accuracy!)}.`,
    );
  });
});

describe('lesson 08: PCA of Fashion-MNIST (public/models/fashion-pca/pca.json)', () => {
  const read = readPcaInfo(json(PRETRAINED_PCA.info));
  if (!read.ok) throw new Error(read.problem);
  const info = read.info;

  it('explained variance of the first 1, 2, 10 and 50 components', () => {
    const share = (m: number) => info.variances.slice(0, m).reduce((s, v) => s + v, 0) / info.totalVariance;
    expectQuoted(
      clustering,
      `the first component alone explains ${percent(share(1))} of the variance, the first two ${percent(share(2))}, the first ten ${percent(share(10))} and the first 50 ${percent(share(50))}`,
    );
  });

  it('test reconstruction errors with 1, 10 and 50 components', () => {
    const mse = (m: number) => info.testReconstruction.find((r) => r.components === m)!.mse;
    expectQuoted(clustering, `falls from ${three(mse(1))} with one component to ${three(mse(10))} with ten and ${three(mse(50))} with 50.`);
  });
});

describe('lesson 09: the pretrained autoencoders (metrics.json)', () => {
  const metrics = (kind: 'ae' | 'vae' | 'dae') => json(PRETRAINED_AUTOENCODERS[kind].metrics);
  const ae = metrics('ae');
  const vae = metrics('vae');
  const dae = metrics('dae');
  const two = (x: unknown) => (x as number).toFixed(2);

  it('the plain autoencoder: 3-D bottleneck, three epochs on 60,000 images, its test loss; the 0.5 decoder', () => {
    expect(ae).toMatchObject({ spec: { kind: 'ae', latent: 3 }, epochs: 3, trainImages: 60_000, testImages: 10_000 });
    expectQuoted(autoencoders, `three epochs on the 60,000 training images, it reaches a loss of ${two(ae.testLoss)} per test image.`);
    expectQuoted(autoencoders, `scores $784 \\log 2 \\approx ${Math.round(784 * Math.log(2))}$`);
  });

  it('the VAE: reconstruction and KL, against the plain autoencoder', () => {
    expect(vae).toMatchObject({ spec: { kind: 'vae', latent: 3 }, epochs: 3 });
    expectQuoted(
      autoencoders,
      `ends with a reconstruction loss of ${two(vae.testReconstruction)} per test image and a KL term of ${two(vae.testKl)}: it rebuilds a little less well than the plain autoencoder's ${two(ae.testLoss)}`,
    );
    expect(vae.testReconstruction as number).toBeGreaterThan(ae.testLoss as number);
  });

  it('the denoising autoencoder: its training and its loss on noisy test images', () => {
    expect(dae).toMatchObject({ spec: { kind: 'dae', latent: 32 }, epochs: 2, corruption: { kind: 'gaussian', strength: 0.4 } });
    expectQuoted(
      autoencoders,
      'The one below has a bottleneck of 32 numbers and was trained for two epochs on Gaussian noise of standard deviation 0.4',
    );
    expectQuoted(autoencoders, `its output's loss against the clean ones is ${two(dae.testLoss)} per image.`);
  });
});

describe('lesson 09: the denoiser over all 10,000 test images', () => {
  const SIDE = 28;
  const PIXELS = SIDE * SIDE;
  /** The widget's noise seed for test image i: its seed (1 until "New noise") · 100,003 + i (src/widgets/denoiser/element.ts). */
  const widgetSeed = (i: number) => 1 * 100_003 + i;
  const blurSigma = defaults(CORRUPTION_SETTINGS).blurSigma;
  const load = (url: string): DenseModel => {
    const model = json(url);
    const weightsPath = (model.weightsManifest as { paths: string[] }[])[0]!.paths[0]!;
    return parseDenseModel(model, bytes(join(url, '..', weightsPath)));
  };
  const encoder = load(PRETRAINED_AUTOENCODERS.dae.encoder);
  const decoder = load(PRETRAINED_AUTOENCODERS.dae.decoder);
  const test = readFashion('test');

  /** Mean errors (per pixel, against the clean image) and how many images the autoencoder restores better than the blur. */
  function errors(sigma: number) {
    let noisy = 0;
    let blurred = 0;
    let denoised = 0;
    let aeWins = 0;
    const clean = new Float32Array(PIXELS);
    for (let i = 0; i < test.count; i++) {
      for (let p = 0; p < PIXELS; p++) clean[p] = test.images[i * PIXELS + p]! / 255;
      const corrupted = corruptImage(clean, SIDE, { kind: 'gaussian', strength: sigma }, widgetSeed(i));
      const b = meanSquaredError(clean, blurGrey(corrupted, SIDE, blurSigma));
      const d = meanSquaredError(clean, runDense(decoder, runDense(encoder, corrupted)));
      noisy += meanSquaredError(clean, corrupted);
      blurred += b;
      denoised += d;
      if (d < b) aeWins++;
    }
    return { noisy: noisy / test.count, blurred: blurred / test.count, denoised: denoised / test.count, aeWins };
  }

  it('uses the widget defaults the lesson names', () => {
    expect(test.count).toBe(10_000);
    expect(blurSigma).toBe(1);
    expect(defaults(CORRUPTION_SETTINGS)).toMatchObject({ kind: 'gaussian', strength: 0.4 });
  });

  it('at σ = 0.4, the noise it was trained for, the autoencoder beats the blur', () => {
    const e = errors(0.4);
    expect(e.denoised).toBeLessThan(e.blurred);
    expect(e.denoised).toBeGreaterThan(0.02);
    expectQuoted(
      autoencoders,
      `is ${three(e.noisy)} for the noisy image, ${three(e.blurred)} after the blur ($\\sigma = 1$ pixel) and ${three(e.denoised)} after the autoencoder, which is the better of the two on ${count(e.aeWins)} of them.`,
    );
  }, 30_000);

  it('at σ = 0.2, light noise it was not trained for, the blur wins on average', () => {
    const e = errors(0.2);
    expect(e.blurred).toBeLessThan(e.denoised);
    expect(e.denoised).toBeGreaterThan(0.02);
    expectQuoted(autoencoders, `the blur beats it on average, ${three(e.blurred)} against ${three(e.denoised)}.`);
  }, 30_000);

  it('its mean error stays above 0.02, even on the clean images', () => {
    const e = errors(0);
    expect(e.noisy).toBe(0);
    expect(e.denoised).toBeGreaterThan(0.02);
    expectQuoted(autoencoders, 'so its mean error never falls much below 0.02');
    expectQuoted(autoencoders, `fed the clean test images themselves, it makes ${three(e.denoised)}.`);
  }, 30_000);
});
