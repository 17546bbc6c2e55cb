import { describe, expect, it } from 'vitest';
import { DATASET_GROUPS, DATASET_IDS, generateSet, PLANE } from './datasets.ts';

describe('generateSet', () => {
  it.each(DATASET_IDS)('%s: the same seed gives the same points, another seed other points', (id) => {
    const a = generateSet(id, { seed: 3 });
    expect(generateSet(id, { seed: 3 }).points).toEqual(a.points);
    expect(generateSet(id, { seed: 4 }).points).not.toEqual(a.points);
  });

  it.each(DATASET_IDS)('%s: n points inside the plane, each with a group', (id) => {
    const set = generateSet(id, { count: 101 });
    expect(set.n).toBe(101);
    expect(set.points).toHaveLength(202);
    expect(set.groups).toBe(DATASET_GROUPS[id]);
    for (let i = 0; i < set.n; i++) {
      expect(set.points[2 * i]).toBeGreaterThanOrEqual(PLANE.x[0]);
      expect(set.points[2 * i]).toBeLessThanOrEqual(PLANE.x[1]);
      expect(set.points[2 * i + 1]).toBeGreaterThanOrEqual(PLANE.y[0]);
      expect(set.points[2 * i + 1]).toBeLessThanOrEqual(PLANE.y[1]);
      expect(set.classes![i]).toBeLessThan(set.groups!);
    }
  });

  /** Mean and spread (root mean squared distance to the mean) of each group. */
  function groupStats(id: (typeof DATASET_IDS)[number]) {
    const set = generateSet(id, { count: 3000 });
    return Array.from({ length: set.groups! }, (_, g) => {
      const xs: [number, number][] = [];
      for (let i = 0; i < set.n; i++) if (set.classes![i] === g) xs.push([set.points[2 * i]!, set.points[2 * i + 1]!]);
      const mx = xs.reduce((s, p) => s + p[0], 0) / xs.length;
      const my = xs.reduce((s, p) => s + p[1], 0) / xs.length;
      const spread = Math.sqrt(xs.reduce((s, p) => s + (p[0] - mx) ** 2 + (p[1] - my) ** 2, 0) / xs.length);
      return { count: xs.length, mx, my, spread };
    });
  }

  it('blobs are equal in size and spread; the densities set has a crowded tight blob and a sparse wide one', () => {
    const blobs = groupStats('blobs');
    for (const b of blobs) {
      expect(b.count).toBe(1000);
      expect(b.spread).toBeCloseTo(0.38 * Math.SQRT2, 1);
    }
    const [tight, wide, middle] = groupStats('densities');
    expect(tight!.count).toBe(1500);
    expect(wide!.count).toBe(600);
    expect(middle!.count).toBe(900);
    expect(wide!.spread).toBeGreaterThan(3 * tight!.spread);
  });

  it('moons: two half circles, one opening down and one opening up, interleaved', () => {
    const set = generateSet('moons', { count: 2000 });
    const [upper, lower] = groupStats('moons');
    // Each moon's mean lies inside its arc's bowl; the upper moon's mean is above the lower's.
    expect(upper!.my).toBeGreaterThan(lower!.my + 0.8);
    // Interleaved: each moon reaches into the other's x range.
    let upperMaxX = -Infinity;
    let lowerMinX = Infinity;
    for (let i = 0; i < set.n; i++) {
      if (set.classes![i] === 0) upperMaxX = Math.max(upperMaxX, set.points[2 * i]!);
      else lowerMinX = Math.min(lowerMinX, set.points[2 * i]!);
    }
    expect(upperMaxX).toBeGreaterThan(lowerMinX + 1);
  });

  it('stretched blobs are long one way and thin the other', () => {
    const set = generateSet('anisotropic', { count: 3000 });
    const xs: [number, number][] = [];
    for (let i = 0; i < set.n; i++) if (set.classes![i] === 1) xs.push([set.points[2 * i]!, set.points[2 * i + 1]!]);
    let [mx, my] = [0, 0];
    for (const [x, y] of xs) [mx, my] = [mx + x / xs.length, my + y / xs.length];
    let [a, b, c] = [0, 0, 0];
    for (const [x, y] of xs) [a, b, c] = [a + (x - mx) ** 2 / xs.length, b + ((x - mx) * (y - my)) / xs.length, c + (y - my) ** 2 / xs.length];
    const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const major = (a + c) / 2 + root;
    const minor = (a + c) / 2 - root;
    expect(Math.sqrt(major / minor)).toBeGreaterThan(4);
  });

  it('refuses an unknown set or a bad count with a sentence', () => {
    expect(() => generateSet('spirals' as never)).toThrow(/unknown set "spirals"; use one of blobs, moons/);
    expect(() => generateSet('blobs', { count: 0 })).toThrow(/count must be a positive integer/);
  });
});
