import { describe, expect, it } from 'vitest';
import { boxKernel, gaussianKernel, gaussianKernel1d, gaussianSize, identityKernel, KERNEL_PRESETS, makeKernel } from './kernels.ts';

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

describe('kernels', () => {
  it('makeKernel checks the size and the values', () => {
    expect([...makeKernel(3, [1, 2, 3, 4, 5, 6, 7, 8, 9]).values]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => makeKernel(2, [1, 2, 3, 4])).toThrow(/odd whole number/);
    expect(() => makeKernel(3, [1, 2])).toThrow(/needs 9 values, got 2/);
    expect(() => makeKernel(3, [1, 2, 3, 4, NaN, 6, 7, 8, 9])).toThrow(/row 2, column 2/);
  });
  it('identity has a single 1 in the centre', () => {
    expect([...identityKernel(3).values]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(identityKernel(5).values[12]).toBe(1);
    expect(sum(identityKernel(5).values)).toBe(1);
  });
  it('box weights are 1 / size²', () => {
    const b = boxKernel(5);
    expect(b.values.length).toBe(25);
    expect(b.values[0]).toBeCloseTo(1 / 25, 7);
    expect(sum(b.values)).toBeCloseTo(1, 6);
  });
  it('Gaussian 1D weights: size 2·ceil(3σ)+1, sum 1, symmetric, peak in the middle', () => {
    expect(gaussianSize(1)).toBe(7);
    expect(gaussianSize(0.5)).toBe(5);
    const g = gaussianKernel1d(1);
    expect(g.length).toBe(7);
    expect(sum(g)).toBeCloseTo(1, 6);
    for (let i = 0; i < 7; i++) expect(g[i]).toBeCloseTo(g[6 - i]!, 7);
    expect(g[3]! / g[2]!).toBeCloseTo(Math.exp(0.5), 5); // exp(0) / exp(−1/2)
    const g3 = gaussianKernel1d(1, 3);
    const e = Math.exp(-0.5);
    expect(g3[0]).toBeCloseTo(e / (1 + 2 * e), 6);
    expect(() => gaussianKernel1d(0)).toThrow(/positive/);
  });
  it('Gaussian 2D kernels sum to 1, are symmetric and are the outer product of the 1D weights', () => {
    for (const [sigma, size] of [
      [1, 5],
      [0.8, 3],
      [2, undefined],
    ] as const) {
      const k = gaussianKernel(sigma, size);
      const n = k.size;
      const g = gaussianKernel1d(sigma, size);
      expect(sum(k.values)).toBeCloseTo(1, 5);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = k.values[i * n + j]!;
          expect(v).toBeCloseTo(k.values[j * n + i]!, 7); // transpose
          expect(v).toBeCloseTo(k.values[(n - 1 - i) * n + (n - 1 - j)]!, 7); // 180° rotation
          expect(v).toBeCloseTo(g[i]! * g[j]!, 7);
        }
      }
    }
  });
  it('presets are valid kernels with the documented weights', () => {
    for (const p of Object.values(KERNEL_PRESETS)) {
      expect(p.kernel.values.length).toBe(p.kernel.size * p.kernel.size);
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(0);
    }
    expect(sum(KERNEL_PRESETS.sharpen.kernel.values)).toBe(1);
    expect(sum(KERNEL_PRESETS.emboss.kernel.values)).toBe(1);
    expect(sum(KERNEL_PRESETS.laplacian.kernel.values)).toBe(0);
    expect(sum(KERNEL_PRESETS.sobelX.kernel.values)).toBe(0);
    expect(KERNEL_PRESETS.gaussian.kernel.size).toBe(5);
    expect(sum(KERNEL_PRESETS.gaussian.kernel.values)).toBeCloseTo(1, 6);
  });
});
