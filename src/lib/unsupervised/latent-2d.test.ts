import { describe, expect, it } from 'vitest';
import { latentPlaneText, latentTo2d } from './latent-2d.ts';

describe('latentTo2d', () => {
  it('keeps a 2-D code as it is', () => {
    const codes = Float32Array.from([1, 2, 3, 4]);
    const plane = latentTo2d(codes, 2, 2);
    expect([...plane.xy]).toEqual([1, 2, 3, 4]);
    expect(plane.xy).not.toBe(codes);
    expect(latentPlaneText(2, plane)).toBe('the 2 numbers of each code');
  });

  it('projects wider codes on their first two principal components', () => {
    // Points spread along (1, 1, 0) and a little along (0, 0, 1): the plane keeps nearly all the variance.
    const n = 200;
    const codes = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = (i - n / 2) / 10;
      const s = ((i * 7) % 13) / 13 - 0.5;
      codes.set([t, t, s], i * 3);
    }
    const plane = latentTo2d(codes, n, 3);
    expect(plane.method).toBe('pca');
    expect(plane.xy.length).toBe(2 * n);
    expect(plane.shown).toBeCloseTo(1, 5);
    // The first coordinate follows t along (1, 1)/√2: distances are kept.
    expect(Math.abs(plane.xy[2 * (n - 1)]! - plane.xy[0]!)).toBeCloseTo(Math.SQRT2 * ((n - 1) / 10), 3);
    expect(latentPlaneText(3, plane)).toBe('the first 2 principal components of the 3-D codes (100% of their variance)');
  });

  it('explains bad shapes', () => {
    expect(() => latentTo2d(new Float32Array(3), 3, 1)).toThrow(/at least 2 numbers/);
    expect(() => latentTo2d(new Float32Array(5), 2, 3)).toThrow(/expected 2 × 3 = 6 numbers, got 5/);
  });
});
