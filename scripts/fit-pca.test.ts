/**
 * The committed PCA (public/models/fashion-pca/, made by `npm run fit:pca`): its files read back
 * with the site's reader, and what they say is re-derived from the data here: the mean is the mean
 * of the 60,000 training images, the embedding is project() of the test images, the recorded test
 * reconstruction errors are what the components give, and the first components agree with a fresh
 * fit on a sample. Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEmbedding } from '../src/lib/unsupervised/embedding-file.ts';
import { pcaFromFiles, pixelsToUnit, readPcaInfo, type PcaInfo } from '../src/lib/unsupervised/pca-files.ts';
import { classSpreads } from '../src/lib/unsupervised/pca-summary.ts';
import { explainedRatio, fitPca, project, reconstructionMse } from '../src/lib/unsupervised/pca.ts';
import { PRETRAINED_PCA } from '../src/lib/unsupervised/pretrained.ts';
import { ROOT, readFashion } from './cnn-node.ts';

const bytes = (url: string): ArrayBuffer => {
  const b = readFileSync(join(ROOT, 'public', url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const read = readPcaInfo(JSON.parse(readFileSync(join(ROOT, 'public', PRETRAINED_PCA.info), 'utf8')));
if (!read.ok) throw new Error(read.problem);
const info: PcaInfo = read.info;
const pca = pcaFromFiles(info, bytes(PRETRAINED_PCA.weights));
const d = 784;

describe('the committed PCA of Fashion-MNIST', () => {
  it('has the shapes of the contract and stays small', () => {
    expect(info).toMatchObject({ dataset: 'fashion-mnist', trainImages: 60_000, dimension: d, components: 64 });
    expect(info.embedding).toEqual({ split: 'test', count: 10_000, dimensions: 3 });
    const size = [PRETRAINED_PCA.weights, PRETRAINED_PCA.info, PRETRAINED_PCA.embedding].reduce((s, url) => s + bytes(url).byteLength, 0);
    expect(size).toBeLessThan(600_000);
  });

  it('has unit, orthogonal components by decreasing variance, explaining at most all of it', () => {
    for (let a = 0; a < 64; a += 7) {
      for (let b = a; b < 64; b += 9) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += pca.components[a * d + j]! * pca.components[b * d + j]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 4);
      }
    }
    for (let c = 1; c < 64; c++) expect(info.variances[c]).toBeLessThanOrEqual(info.variances[c - 1]!);
    const sum = info.explainedRatio.reduce((s, v) => s + v, 0);
    expect(sum).toBeGreaterThan(0.8);
    expect(sum).toBeLessThanOrEqual(1);
    explainedRatio(pca).forEach((r, c) => expect(r).toBeCloseTo(info.explainedRatio[c]!, 6));
  });

  it('has the mean of the training images and the total variance of their pixels', () => {
    const train = readFashion('train');
    const sums = new Float64Array(d);
    const squares = new Float64Array(d);
    for (let i = 0; i < train.count; i++) {
      for (let j = 0; j < d; j++) {
        const v = train.images[i * d + j]! / 255;
        sums[j] = sums[j]! + v;
        squares[j] = squares[j]! + v * v;
      }
    }
    let total = 0;
    for (let j = 0; j < d; j++) {
      const mean = sums[j]! / train.count;
      expect(pca.mean[j]).toBeCloseTo(mean, 5);
      total += (squares[j]! - train.count * mean * mean) / (train.count - 1);
    }
    expect(info.totalVariance / total).toBeCloseTo(1, 4);
  });

  it('embeds the test images as project() does, with the class spreads it records, and rebuilds them with the errors it records', () => {
    const test = readFashion('test');
    const x = pixelsToUnit(test.images, 0, test.count * d);
    const embedding = readEmbedding(bytes(PRETRAINED_PCA.embedding), info.embedding.count, info.embedding.dimensions, PRETRAINED_PCA.embedding);
    const fresh = project(pca, x, test.count, 3);
    let worst = 0;
    for (let i = 0; i < fresh.length; i++) worst = Math.max(worst, Math.abs(fresh[i]! - embedding[i]!));
    expect(worst).toBeLessThan(1e-4);
    const spreads = classSpreads(fresh, 3, test.labels, 10);
    spreads.forEach((c, k) => {
      const saved = info.testClasses[k]!;
      expect(saved.count).toBe(c.count);
      for (let a = 0; a < 2; a++) {
        expect(saved.centre[a]).toBeCloseTo(c.centre[a]!, 3);
        expect(saved.spread[a]).toBeCloseTo(c.spread[a]!, 3);
      }
    });
    const recorded = info.testReconstruction.filter((r) => [1, 10, 50].includes(r.components));
    expect(recorded).toHaveLength(3);
    const mses = reconstructionMse(pca, x, test.count, [1, 10, 50]);
    recorded.forEach((r, i) => expect(mses[i]! / r.mse).toBeCloseTo(1, 4));
    expect(mses[1]).toBeLessThan(mses[0]!);
    expect(mses[2]).toBeLessThan(mses[1]!);
  });

  it('agrees with a fresh fit on 2,000 training images: first variances within 10%, same first directions', () => {
    const train = readFashion('train', 2000);
    const sample = fitPca(pixelsToUnit(train.images, 0, 2000 * d), 2000, d, { components: 2 });
    for (let c = 0; c < 2; c++) {
      expect(sample.variances[c]! / info.variances[c]!).toBeGreaterThan(0.9);
      expect(sample.variances[c]! / info.variances[c]!).toBeLessThan(1.1);
      let dot = 0;
      for (let j = 0; j < d; j++) dot += sample.components[c * d + j]! * pca.components[c * d + j]!;
      expect(Math.abs(dot)).toBeGreaterThan(0.98);
    }
  });
});
