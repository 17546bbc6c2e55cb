/**
 * The reader of the committed PCA of Fashion-MNIST (public/models/fashion-pca/, URLs in
 * PRETRAINED_PCA of ./pretrained.ts, written by `npm run fit:pca`, scripts/fit-pca.ts):
 *   pca.bin        Float32 little-endian: the mean (784) then the top 64 components (64 × 784, unit rows)
 *   pca.json       a PcaInfo: shapes, variances, total variance, explained ratios, test reconstruction errors, date
 *   embedding.bin  Float32 10,000 × 3, row-major: the test images projected on the first 3 components, in test-set order
 * embedding.bin is read by ./embedding-file.ts, as the autoencoders' are; images come back from
 * components with ./pca.ts's reconstruct.
 */
import type { Pca } from './pca.ts';
import type { ClassSpread } from './pca-summary.ts';

export const PCA_FORMAT = 'tinker-pca-1';

export interface PcaInfo {
  format: typeof PCA_FORMAT;
  dataset: 'fashion-mnist';
  /** Images the PCA was fitted on (the training split). */
  trainImages: number;
  /** Pixels per image (28 × 28). */
  dimension: number;
  /** Components in pca.bin. */
  components: number;
  /** Variance along each component (pixels scaled to 0…1). */
  variances: number[];
  /** Total variance of the training images (every direction). */
  totalVariance: number;
  /** variances / totalVariance. */
  explainedRatio: number[];
  /** What embedding.bin holds. */
  embedding: { split: 'test'; count: number; dimensions: number };
  /** Each class's centre and spread of the test images on the first two components (for the scatter's figure and words). */
  testClasses: ClassSpread[];
  /** Mean squared error per pixel of the test images rebuilt from their first m components. */
  testReconstruction: { components: number; mse: number }[];
  /** Seconds the fit took (covariance and eigen-decomposition, in Node). */
  seconds: number;
  /** When it was fitted (ISO 8601). */
  date: string;
}

export type PcaInfoResult = { ok: true; info: PcaInfo } | { ok: false; problem: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isNumbers = (v: unknown, length: number): v is number[] => Array.isArray(v) && v.length === length && v.every((x) => Number.isFinite(x));

/** Checks a parsed pca.json; the problem, in words, when it is not one. */
export function readPcaInfo(json: unknown): PcaInfoResult {
  const fail = (problem: string): PcaInfoResult => ({ ok: false, problem: `pca.json: ${problem} Run \`npm run fit:pca\` to write it again.` });
  if (typeof json !== 'object' || json === null) return fail('not a JSON object.');
  const o = json as Record<string, unknown>;
  if (o.format !== PCA_FORMAT) return fail(`format is ${JSON.stringify(o.format)}, expected "${PCA_FORMAT}".`);
  if (!isCount(o.dimension) || !isCount(o.components) || !isCount(o.trainImages))
    return fail('dimension, components and trainImages must be positive whole numbers.');
  if (o.components > o.dimension) return fail(`${o.components} components for dimension ${o.dimension}.`);
  if (!isNumbers(o.variances, o.components) || !isNumbers(o.explainedRatio, o.components))
    return fail(`variances and explainedRatio must hold ${o.components} numbers.`);
  if (typeof o.totalVariance !== 'number' || !(o.totalVariance > 0)) return fail('totalVariance must be a positive number.');
  const e = o.embedding as Record<string, unknown> | undefined;
  if (!e || e.split !== 'test' || !isCount(e.count) || !isCount(e.dimensions))
    return fail('embedding must say { split: "test", count, dimensions }.');
  const r = o.testReconstruction;
  if (!Array.isArray(r) || !r.every((x: { components?: unknown; mse?: unknown }) => isCount(x?.components) && typeof x.mse === 'number')) {
    return fail('testReconstruction must list { components, mse }.');
  }
  const classes = o.testClasses;
  const pair = (v: unknown): boolean => isNumbers(v, 2);
  if (!Array.isArray(classes) || !classes.every((c: Partial<ClassSpread>) => Number.isInteger(c?.label) && pair(c.centre) && pair(c.spread))) {
    return fail('testClasses must list { label, count, centre: [x, y], spread: [x, y] }.');
  }
  return { ok: true, info: json as PcaInfo };
}

/** The Pca that pca.bin holds, shaped by its pca.json. Throws in words when the sizes disagree. */
export function pcaFromFiles(info: PcaInfo, weights: ArrayBuffer): Pca {
  const d = info.dimension;
  const m = info.components;
  const expected = (m + 1) * d * 4;
  if (weights.byteLength !== expected) {
    throw new Error(
      `pca.bin holds ${weights.byteLength} bytes; pca.json describes ${m} components of ${d} plus the mean (${expected} bytes). Run \`npm run fit:pca\` again.`,
    );
  }
  const all = new Float32Array(weights);
  return { mean: all.slice(0, d), components: all.slice(d), variances: Float64Array.from(info.variances), totalVariance: info.totalVariance };
}

/** Pixels 0…255 (the data loader's bytes) as the Float32 0…1 vectors the PCA was fitted on. */
export function pixelsToUnit(pixels: Uint8Array, from = 0, count = pixels.length): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = pixels[from + i]! / 255;
  return out;
}
