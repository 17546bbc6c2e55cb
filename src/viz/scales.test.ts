import { describe, expect, it } from 'vitest';
import { downsample, finiteExtent, lastFinite, niceDomain, niceStep, type Point, niceTicks, xDomainFor } from './scales.ts';

describe('finiteExtent', () => {
  it('ignores NaN and infinities', () => {
    expect(finiteExtent([3, Number.NaN, -1, Infinity, 2])).toEqual([-1, 3]);
  });
  it('is null without finite values', () => {
    expect(finiteExtent([])).toBeNull();
    expect(finiteExtent([Number.NaN])).toBeNull();
  });
});

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(2.3, 5)).toBe(0.5);
    expect(niceStep(938, 5)).toBe(200);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(10, 10)).toBe(1);
  });
  it('falls back to 1 for empty spans', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });
});

describe('niceDomain', () => {
  it('rounds outwards to nice numbers', () => {
    expect(niceDomain([0.31, 2.27], { includeZero: true })).toEqual([0, 2.5]);
    expect(niceDomain([0.12, 0.87])).toEqual([0, 1]);
    expect(niceDomain([13, 87])).toEqual([0, 100]);
  });
  it('contains every finite value', () => {
    const values = [0.0123, 0.4567, 0.3];
    const [lo, hi] = niceDomain(values);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
  });
  it('gives no floating-point noise at the ends', () => {
    const [lo, hi] = niceDomain([0.3, 0.7]);
    expect(String(lo)).toBe('0.3');
    expect(String(hi)).toBe('0.7');
  });
  it('opens a span around a single value', () => {
    const [lo, hi] = niceDomain([2]);
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    expect(niceDomain([0])).toEqual([-1, 1]);
    expect(niceDomain([0.5], { includeZero: true })[0]).toBe(0);
  });
  it('uses the fallback when there is nothing to show', () => {
    expect(niceDomain([])).toEqual([0, 1]);
    expect(niceDomain([Number.NaN], { fallback: [0, 3] })).toEqual([0, 3]);
  });
  it('respects a clamp', () => {
    expect(niceDomain([0.62, 0.97], { clamp: [0, 1] })).toEqual([0.6, 1]);
    expect(niceDomain([0.9, 1], { clamp: [0, 1] })[1]).toBe(1);
  });
});

function line(n: number, f: (i: number) => number): Point[] {
  return Array.from({ length: n }, (_, i) => ({ x: i, y: f(i) }));
}

describe('downsample', () => {
  it('returns short series unchanged', () => {
    const pts = line(10, (i) => i);
    expect(downsample(pts, 10)).toBe(pts);
    expect(downsample(pts, 50)).toBe(pts);
  });
  it('keeps at most maxPoints, first and last included', () => {
    const pts = line(5000, (i) => Math.sin(i / 50));
    const out = downsample(pts, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.length).toBeGreaterThan(250);
    expect(out[0]).toBe(pts[0]);
    expect(out[out.length - 1]).toBe(pts[pts.length - 1]);
  });
  it('keeps x in increasing order', () => {
    const out = downsample(
      line(1000, (i) => (i * 7919) % 13),
      100,
    );
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });
  it('keeps a single spike', () => {
    const pts = line(2000, (i) => (i === 1234 ? 100 : 0));
    const out = downsample(pts, 50);
    expect(out.some((p) => p.y === 100)).toBe(true);
  });
  it('drops non-finite values', () => {
    const pts = [...line(5, (i) => i), { x: 5, y: Number.NaN }];
    expect(downsample(pts, 100)).toHaveLength(5);
  });
  it('handles tiny limits', () => {
    const pts = line(10, (i) => i);
    expect(downsample(pts, 2)).toEqual([pts[0], pts[9]]);
    expect(downsample(pts, 1)).toEqual([pts[9]]);
    expect(downsample(pts, 0)).toEqual([]);
  });
});

describe('lastFinite', () => {
  it('skips trailing NaN', () => {
    expect(
      lastFinite([
        { x: 0, y: 1 },
        { x: 1, y: Number.NaN },
      ]),
    ).toEqual({ x: 0, y: 1 });
    expect(lastFinite([])).toBeUndefined();
  });
});

describe('niceTicks', () => {
  it('puts round ticks across the domain, ends included when they are round', () => {
    expect(niceTicks([0, 1], 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks([0, 3], 5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(niceTicks([0, 100], 4)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks([0.05, 0.37], 3)).toEqual([0.1, 0.2, 0.3]);
  });
  it('copes with one value, a reversed domain and no numbers', () => {
    expect(niceTicks([2, 2])).toEqual([2]);
    expect(niceTicks([1, 0], 2)).toEqual([0, 0.5, 1]);
    expect(niceTicks([0, Number.NaN])).toEqual([]);
  });
});

describe('xDomainFor', () => {
  it('is the planned domain while there is no data (the empty axes)', () => {
    expect(xDomainFor([], [0, 5])).toEqual([0, 5]);
    expect(xDomainFor([Number.NaN], [0, 1])).toEqual([0, 1]);
  });
  it('ends at the last point, not at the planned end', () => {
    // The Snake 3×3 run: planned up to 1 s, stopped at 0.36 s.
    expect(xDomainFor([0.05, 0.2, 0.36], [0, 1])).toEqual([0, 0.36]);
    expect(xDomainFor([0.5, 1, 2.5], [0, 5])).toEqual([0, 2.5]);
  });
  it('grows past the planned end when the data does (a resumed run)', () => {
    expect(xDomainFor([1, 6], [0, 5])).toEqual([0, 6]);
  });
  it('starts at the planned start or the first point, whichever is first', () => {
    expect(xDomainFor([-1, 3], [0, 5])).toEqual([-1, 3]);
    expect(xDomainFor([2, 3], [0, 5])).toEqual([0, 3]);
  });
  it('gives one point a little room', () => {
    expect(xDomainFor([0], [0, 5])).toEqual([0, 0.05]);
    expect(xDomainFor([3], [3, 3])).toEqual([3, 4]);
  });
});
