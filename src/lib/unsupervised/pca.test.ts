import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';
import { covariance, explainedRatio, fitPca, project, reconstruct, symmetricEigen } from './pca.ts';

/** A small deterministic generator (mulberry32) and standard normals from it. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** n points with independent coordinates of the given standard deviations, rotated by `angle` (2-D) and shifted. */
function ellipse(n: number, sx: number, sy: number, angle: number, seed: number): Float32Array {
  const z = normals(seed);
  const out = new Float32Array(n * 2);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let i = 0; i < n; i++) {
    const a = z() * sx;
    const b = z() * sy;
    out[2 * i] = 3 + c * a - s * b;
    out[2 * i + 1] = -1 + s * a + c * b;
  }
  return out;
}

/** n points in d dimensions with a few strong directions (a random mixing of decreasing scales) and a little noise. */
function correlated(n: number, d: number, seed: number): Float32Array {
  const z = normals(seed);
  const k = 5;
  const mix = Array.from({ length: k * d }, () => z());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const latent = Array.from({ length: k }, (_, j) => z() * (k - j));
    for (let j = 0; j < d; j++) {
      let v = 0.5 + 0.1 * z();
      for (let t = 0; t < k; t++) v += latent[t]! * mix[t * d + j]!;
      out[i * d + j] = v;
    }
  }
  return out;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, ao = 0, bo = 0, len = a.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

describe('fitPca on a 2-D ellipse', () => {
  it('finds the long axis first, the short one second, with their variances', () => {
    const angle = Math.PI / 6;
    const data = ellipse(20_000, 3, 1, angle, 1);
    const pca = fitPca(data, 20_000, 2, { components: 2 });
    expect(pca.mean[0]).toBeCloseTo(3, 1);
    expect(pca.mean[1]).toBeCloseTo(-1, 1);
    // Up to sign, the first component is (cos, sin) of the angle and the second is perpendicular.
    expect(Math.abs(pca.components[0]! * Math.cos(angle) + pca.components[1]! * Math.sin(angle))).toBeGreaterThan(0.999);
    expect(Math.abs(-pca.components[2]! * Math.sin(angle) + pca.components[3]! * Math.cos(angle))).toBeGreaterThan(0.999);
    expect(pca.variances[0]).toBeGreaterThan(9 * 0.95);
    expect(pca.variances[0]).toBeLessThan(9 * 1.05);
    expect(pca.variances[1]).toBeGreaterThan(0.95);
    expect(pca.variances[1]).toBeLessThan(1.05);
    expect(pca.totalVariance).toBeCloseTo(pca.variances[0]! + pca.variances[1]!, 6);
    const ratio = explainedRatio(pca);
    expect(ratio[0]).toBeCloseTo(0.9, 1);
    expect(ratio[0]! + ratio[1]!).toBeCloseTo(1, 6);
  });

  it('keeps one component when asked, and signs it so its largest entry is positive', () => {
    const pca = fitPca(ellipse(2000, 2, 1, Math.PI * 0.8, 2), 2000, 2, { components: 1 });
    expect(pca.components).toHaveLength(2);
    expect(pca.variances).toHaveLength(1);
    const big = Math.abs(pca.components[0]!) > Math.abs(pca.components[1]!) ? pca.components[0]! : pca.components[1]!;
    expect(big).toBeGreaterThan(0);
    expect(explainedRatio(pca)[0]).toBeLessThan(1);
  });
});

describe('fitPca in higher dimensions', () => {
  const n = 600;
  const d = 40;
  const data = correlated(n, d, 7);
  const pca = fitPca(data, n, d, { components: d, blockRows: 128 });

  it('gives orthonormal rows in decreasing variance', () => {
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) expect(dot(pca.components, pca.components, a * d, b * d, d)).toBeCloseTo(a === b ? 1 : 0, 5);
      if (a > 0) expect(pca.variances[a]).toBeLessThanOrEqual(pca.variances[a - 1]!);
    }
    const sum = pca.variances.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(pca.totalVariance, 3);
  });

  it('reconstructs exactly with every component, and worse with fewer', () => {
    const coords = project(pca, data, n);
    const back = reconstruct(pca, coords, n, d);
    let worst = 0;
    for (let i = 0; i < n * d; i++) worst = Math.max(worst, Math.abs(back[i]! - data[i]!));
    expect(worst).toBeLessThan(1e-3);
    const error = (m: number): number => {
      const r = reconstruct(pca, coords, n, m);
      let s = 0;
      for (let i = 0; i < n * d; i++) s += (r[i]! - data[i]!) ** 2;
      return s / n;
    };
    // The squared error left with m components is (n − 1)/n times the variance of the dropped ones.
    const e5 = error(5);
    const dropped = pca.variances.subarray(5).reduce((s, v) => s + v, 0);
    expect(e5).toBeCloseTo((dropped * (n - 1)) / n, 2);
    expect(error(1)).toBeGreaterThan(error(3));
    expect(error(3)).toBeGreaterThan(e5);
  });

  it('projects onto the first m components only when asked, with centred coordinates', () => {
    const two = project(pca, data, n, 2);
    const all = project(pca, data, n);
    expect(two).toHaveLength(n * 2);
    for (let i = 0; i < 20; i++) {
      expect(two[2 * i]).toBeCloseTo(all[i * d]!, 4);
      expect(two[2 * i + 1]).toBeCloseTo(all[i * d + 1]!, 4);
    }
    let mean0 = 0;
    for (let i = 0; i < n; i++) mean0 += two[2 * i]!;
    expect(Math.abs(mean0 / n)).toBeLessThan(1e-3);
  });

  it('matches ml-pca: same variances, components equal up to sign', () => {
    const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, i * d + d)));
    const reference = new PCA(rows);
    const values = reference.getEigenvalues();
    const vectors = reference.getEigenvectors();
    const ratios = reference.getExplainedVariance();
    const ours = explainedRatio(pca);
    for (let c = 0; c < 10; c++) {
      expect(pca.variances[c]! / values[c]!).toBeCloseTo(1, 4);
      expect(ours[c]).toBeCloseTo(ratios[c]!, 5);
      const column = vectors.getColumn(c);
      expect(Math.abs(dot(column, pca.components, 0, c * d, d))).toBeCloseTo(1, 4);
    }
  });
});

describe('the pieces', () => {
  it('covariance matches the textbook formula, whatever the block size', () => {
    const n = 37;
    const d = 5;
    const data = correlated(n, d, 3);
    const { mean, cov } = covariance(data, n, d, 8);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (data[i * d + a]! - mean[a]!) * (data[i * d + b]! - mean[b]!);
        expect(cov[a * d + b]).toBeCloseTo(s / (n - 1), 4);
      }
    }
  });

  it('symmetricEigen solves a known 3 × 3 matrix', () => {
    // Eigenvalues of [[2, 1, 0], [1, 2, 1], [0, 1, 2]] are 2 − √2, 2, 2 + √2.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 1, 0, 1, 2]), 3);
    const sorted = Array.from(values).sort((a, b) => a - b);
    expect(sorted[0]).toBeCloseTo(2 - Math.SQRT2, 10);
    expect(sorted[1]).toBeCloseTo(2, 10);
    expect(sorted[2]).toBeCloseTo(2 + Math.SQRT2, 10);
    const a = [2, 1, 0, 1, 2, 1, 0, 1, 2];
    for (let k = 0; k < 3; k++) {
      const v = vectors.subarray(k * 3, k * 3 + 3);
      for (let r = 0; r < 3; r++) expect(dot(a, v, r * 3, 0, 3)).toBeCloseTo(values[k]! * v[r]!, 10);
    }
  });

  it('reconstruct reads the first m of longer coordinate rows', () => {
    const data = correlated(50, 6, 9);
    const pca = fitPca(data, 50, 6, { components: 4 });
    const coords = project(pca, data, 50);
    const short = project(pca, data, 50, 2);
    expect(Array.from(reconstruct(pca, coords, 50, 2))).toEqual(Array.from(reconstruct(pca, short, 50, 2)));
  });

  it('says what is wrong with bad input', () => {
    const data = new Float32Array(12);
    expect(() => fitPca(data, 4, 3, { components: 4 })).toThrow(/from 1 to 3/);
    expect(() => fitPca(data, 5, 3, { components: 2 })).toThrow(/too few/);
    expect(() => fitPca(data, 1, 3, { components: 2 })).toThrow(/at least 2/);
    const pca = fitPca(Float32Array.from([0, 0, 1, 2, 2, 1, 3, 3]), 4, 2, { components: 1 });
    expect(() => project(pca, data, 4, 2)).toThrow(/from 1 to 1/);
    expect(() => reconstruct(pca, new Float32Array(3), 2, 1)).toThrow(/not 2 rows/);
  });
});
