import { describe, expect, it } from 'vitest';
import { PCA_FORMAT, pcaFromFiles, pixelsToUnit, readPcaInfo, type PcaInfo } from './pca-files.ts';
import { reconstruct } from './pca.ts';

/** A tiny fake of pca.json: 2 components of dimension 3, an embedding of 4 × 2. */
const fake: PcaInfo = {
  format: PCA_FORMAT,
  dataset: 'fashion-mnist',
  trainImages: 10,
  dimension: 3,
  components: 2,
  variances: [2, 1],
  totalVariance: 4,
  explainedRatio: [0.5, 0.25],
  embedding: { split: 'test', count: 4, dimensions: 2 },
  testReconstruction: [{ components: 1, mse: 0.2 }],
  testClasses: [{ label: 0, count: 4, centre: [1, -1], spread: [0.5, 0.25] }],
  seconds: 0.1,
  date: '2026-01-01T00:00:00.000Z',
};

describe('readPcaInfo', () => {
  it('accepts a well-formed pca.json', () => {
    expect(readPcaInfo(structuredClone(fake))).toEqual({ ok: true, info: fake });
  });

  it('names what is wrong and how to fix it', () => {
    const bad = (patch: Record<string, unknown>): string => {
      const r = readPcaInfo({ ...fake, ...patch });
      return r.ok ? '' : r.problem;
    };
    expect(bad({ format: 'other' })).toMatch(/format is "other".*npm run fit:pca/);
    expect(bad({ components: 4 })).toMatch(/4 components for dimension 3/);
    expect(bad({ variances: [1] })).toMatch(/must hold 2 numbers/);
    expect(bad({ totalVariance: 0 })).toMatch(/totalVariance/);
    expect(bad({ embedding: { split: 'train', count: 4, dimensions: 2 } })).toMatch(/embedding/);
    expect(bad({ testReconstruction: [{ components: 0, mse: 1 }] })).toMatch(/testReconstruction/);
    expect(bad({ testClasses: [{ label: 0, count: 4, centre: [1], spread: [0.5, 0.25] }] })).toMatch(/testClasses/);
    expect(readPcaInfo(null)).toMatchObject({ ok: false });
  });
});

describe('pcaFromFiles', () => {
  it('reads the mean then the components', () => {
    const pca = pcaFromFiles(fake, Float32Array.from([1, 2, 3, 1, 0, 0, 0, 1, 0]).buffer);
    expect(Array.from(pca.mean)).toEqual([1, 2, 3]);
    expect(Array.from(pca.components)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(pca.variances)).toEqual([2, 1]);
    expect(pca.totalVariance).toBe(4);
  });

  it('refuses files of the wrong size, in words', () => {
    expect(() => pcaFromFiles(fake, new ArrayBuffer(8))).toThrow(/holds 8 bytes.*36 bytes/);
    expect(() => pcaFromFiles({ ...fake, components: 3 }, new ArrayBuffer(36))).toThrow(/pca\.bin holds 36 bytes; pca\.json describes 3 components/);
  });

  it('rebuilds images from the components it read (mean + Σ coordinate × component)', () => {
    // 2 pixels: mean (1, 2), components (1, 0), (0, 1) and (3, 3).
    const info = { ...fake, dimension: 2, components: 3, variances: [3, 2, 1], explainedRatio: [0.5, 0.3, 0.1] };
    const pca = pcaFromFiles(info, Float32Array.from([1, 2, 1, 0, 0, 1, 3, 3]).buffer);
    expect(Array.from(reconstruct(pca, Float32Array.from([0.5, -1]), 1, 2))).toEqual([1.5, 1]);
    expect(Array.from(reconstruct(pca, Float32Array.from([0, 0, 1]), 1, 3))).toEqual([4, 5]);
    expect(() => reconstruct(pca, Float32Array.from([0, 0, 0, 1]), 1, 4)).toThrow(/from 1 to 3/);
  });

  it('scales bytes to 0…1', () => {
    const unit = pixelsToUnit(Uint8Array.from([0, 255, 51]), 1, 2);
    expect(unit).toHaveLength(2);
    expect(unit[0]).toBe(1);
    expect(unit[1]).toBeCloseTo(0.2, 6);
  });
});
