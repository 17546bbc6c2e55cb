/**
 * Fits the PCA of the clustering-and-PCA lesson on the 60,000 Fashion-MNIST training images (pixels
 * scaled to 0…1) with the project's own PCA (src/lib/unsupervised/pca.ts), in Node, and writes
 * public/models/fashion-pca/ (PRETRAINED_PCA, src/lib/unsupervised/pretrained.ts; format in pca-files.ts):
 *
 *   pca.bin        Float32: the mean (784) then the top 64 components (64 × 784)
 *   pca.json       a PcaInfo: variances, total variance, explained ratios, test reconstruction errors, seconds, date
 *   embedding.bin  Float32 10,000 × 3: the test images on the first 3 components
 *
 *   npm run fit:pca                      all 60,000 training images
 *   npm run fit:pca -- --train-limit 6000
 *
 * Nothing is random: the same images give the same files (but for the date and seconds).
 * Data: public/data/fashion-mnist, else $DATASETS_DIR/fashion-mnist (see scripts/cnn-node.ts).
 * scripts/fit-pca.test.ts re-derives the committed files' mean, embedding, errors and first variances.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PCA_FORMAT, pixelsToUnit, type PcaInfo } from '../src/lib/unsupervised/pca-files.ts';
import { classSpreads } from '../src/lib/unsupervised/pca-summary.ts';
import { explainedRatio, fitPca, project, reconstructionMse } from '../src/lib/unsupervised/pca.ts';
import { PRETRAINED_PCA } from '../src/lib/unsupervised/pretrained.ts';
import { ROOT, readFashion } from './cnn-node.ts';

/** Components kept in pca.bin, and the test-set reconstruction errors recorded. */
const PCA_COMPONENTS = 64;
const RECONSTRUCTION_COMPONENTS = [1, 2, 3, 5, 10, 20, 50, 64];
const EMBEDDING_DIMENSIONS = 3;

function parseArgs(argv: readonly string[]): { trainLimit: number } {
  let trainLimit = 60_000;
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] !== '--train-limit') throw new Error(`Unknown option ${argv[i]}; the one option is --train-limit N.`);
    if (!Number.isInteger(value) || value < 2 || value > 60_000)
      throw new Error(`--train-limit needs a whole number from 2 to 60000, not ${argv[i + 1] ?? 'nothing'}.`);
    trainLimit = value;
  }
  return { trainLimit };
}

const round = (v: number): number => Number(v.toFixed(4));

function main(): void {
  const { trainLimit } = parseArgs(process.argv.slice(2));
  const log = (text: string): void => void process.stdout.write(`${text}\n`);
  const train = readFashion('train', trainLimit);
  const test = readFashion('test');
  const d = train.rows * train.cols;
  log(`fit:pca: ${train.count} training images of ${d} pixels, ${PCA_COMPONENTS} components`);
  const x = pixelsToUnit(train.images, 0, train.count * d);
  const start = performance.now();
  const pca = fitPca(x, train.count, d, { components: PCA_COMPONENTS });
  const seconds = (performance.now() - start) / 1000;
  const ratio = explainedRatio(pca);
  const cumulative = (m: number): number => ratio.slice(0, m).reduce((s, v) => s + v, 0);
  log(
    `fitted in ${seconds.toFixed(1)} s; explained: 2 → ${cumulative(2).toFixed(4)}, 10 → ${cumulative(10).toFixed(4)}, 64 → ${cumulative(64).toFixed(4)}`,
  );

  const testX = pixelsToUnit(test.images, 0, test.count * d);
  const mses = reconstructionMse(pca, testX, test.count, RECONSTRUCTION_COMPONENTS);
  const embedding = project(pca, testX, test.count, EMBEDDING_DIMENSIONS);
  const info: PcaInfo = {
    format: PCA_FORMAT,
    dataset: 'fashion-mnist',
    trainImages: train.count,
    dimension: d,
    components: PCA_COMPONENTS,
    variances: Array.from(pca.variances, (v) => Number(v.toPrecision(8))),
    totalVariance: Number(pca.totalVariance.toPrecision(10)),
    explainedRatio: ratio.map((v) => Number(v.toPrecision(8))),
    embedding: { split: 'test', count: test.count, dimensions: EMBEDDING_DIMENSIONS },
    testReconstruction: RECONSTRUCTION_COMPONENTS.map((m, i) => ({ components: m, mse: Number(mses[i]!.toPrecision(6)) })),
    testClasses: classSpreads(embedding, EMBEDDING_DIMENSIONS, test.labels, 10).map((c) => ({
      ...c,
      centre: [round(c.centre[0]), round(c.centre[1])],
      spread: [round(c.spread[0]), round(c.spread[1])],
    })),
    seconds: Number(seconds.toFixed(1)),
    date: new Date().toISOString(),
  };
  const file = (url: string): string => join(ROOT, 'public', url);
  mkdirSync(join(ROOT, 'public', 'models', 'fashion-pca'), { recursive: true });
  const weights = new Float32Array((PCA_COMPONENTS + 1) * d);
  weights.set(pca.mean, 0);
  weights.set(pca.components, d);
  writeFileSync(file(PRETRAINED_PCA.weights), new Uint8Array(weights.buffer));
  writeFileSync(file(PRETRAINED_PCA.embedding), new Uint8Array(embedding.buffer));
  writeFileSync(file(PRETRAINED_PCA.info), `${JSON.stringify(info, null, 1)}\n`);
  log(`test reconstruction MSE: ${info.testReconstruction.map((r) => `${r.components} → ${r.mse}`).join(', ')}`);
  log(`wrote ${join('public', 'models', 'fashion-pca')}/`);
}

main();
