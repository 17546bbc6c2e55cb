import { describe, expect, it } from 'vitest';
import { TOY_KINDS, toyDataset } from './toy-data.ts';

const point = (d: { x: Float32Array }, i: number) => [d.x[2 * i]!, d.x[2 * i + 1]!] as const;

describe('toyDataset', () => {
  it.each(TOY_KINDS)('%s: shapes, balanced 0/1 labels, points roughly in [-1, 1]', (kind) => {
    const d = toyDataset(kind, 201, { noise: 0.1, seed: 3 });
    expect(d.kind).toBe(kind);
    expect(d.count).toBe(201);
    expect(d.x).toBeInstanceOf(Float32Array);
    expect(d.x.length).toBe(402);
    expect(d.y.length).toBe(201);
    expect([...d.y].every((v) => v === 0 || v === 1)).toBe(true);
    const ones = d.y.reduce((s, v) => s + v, 0);
    expect(ones).toBe(101); // alternating labels: 101 ones, 100 zeros
    for (const v of d.x) expect(Math.abs(v)).toBeLessThan(1.6);
    // Spread out over the square, not collapsed to a point.
    const xs = [...d.x].filter((_, i) => i % 2 === 0);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = toyDataset('spirals', 50, { seed: 7 });
    const b = toyDataset('spirals', 50, { seed: 7 });
    const c = toyDataset('spirals', 50, { seed: 8 });
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.x]).not.toEqual([...c.x]);
  });

  it('xor without noise: label 1 exactly where the coordinates share a sign', () => {
    const d = toyDataset('xor', 400, { noise: 0, seed: 1 });
    for (let i = 0; i < d.count; i++) {
      const [a, b] = point(d, i);
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.0499);
      expect(d.y[i]).toBe(a * b > 0 ? 1 : 0);
    }
  });

  it('circles without noise: label 1 inside radius 0.45, label 0 in the ring 0.65–0.95', () => {
    const d = toyDataset('circles', 300, { noise: 0, seed: 2 });
    for (let i = 0; i < d.count; i++) {
      const [a, b] = point(d, i);
      const r = Math.hypot(a, b);
      if (d.y[i] === 1) expect(r).toBeLessThanOrEqual(0.4501);
      else {
        expect(r).toBeGreaterThanOrEqual(0.6499);
        expect(r).toBeLessThanOrEqual(0.9501);
      }
    }
  });

  it('spirals without noise: the two arms are point reflections of each other', () => {
    const d = toyDataset('spirals', 100, { noise: 0, seed: 1 });
    // Point 2k is arm 1's k-th point, 2k + 1 arm 0's: half a turn apart at the same radius.
    for (let k = 0; k < 50; k++) {
      const [a1, b1] = point(d, 2 * k);
      const [a0, b0] = point(d, 2 * k + 1);
      expect(a0).toBeCloseTo(-a1, 5);
      expect(b0).toBeCloseTo(-b1, 5);
    }
    // Radius grows along the arm.
    expect(Math.hypot(...point(d, 98))).toBeGreaterThan(Math.hypot(...point(d, 10)));
  });

  it('noise moves points by about its standard deviation', () => {
    const clean = toyDataset('circles', 2000, { noise: 0, seed: 5 });
    const noisy = toyDataset('circles', 2000, { noise: 0.2, seed: 5 });
    // Same seed, but noise draws from the generator too, so compare spread of radii instead.
    const spread = (d: typeof clean) => {
      let outside = 0;
      for (let i = 0; i < d.count; i++) if (d.y[i] === 1 && Math.hypot(...point(d, i)) > 0.55) outside++;
      return outside;
    };
    expect(spread(clean)).toBe(0);
    expect(spread(noisy)).toBeGreaterThan(50);
  });

  it('rejects bad arguments with clear messages', () => {
    expect(() => toyDataset('moons' as never, 10)).toThrow(/unknown kind "moons"/);
    expect(() => toyDataset('xor', 1)).toThrow(/count must be an integer of at least 2/);
    expect(() => toyDataset('xor', 10.5)).toThrow(/count/);
    expect(() => toyDataset('xor', 10, { noise: -0.1 })).toThrow(/noise must be a number from 0 to 1/);
    expect(() => toyDataset('xor', 10, { seed: Number.NaN })).toThrow(/seed/);
  });
});
