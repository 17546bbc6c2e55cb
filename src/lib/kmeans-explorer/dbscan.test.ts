import { describe, expect, it } from 'vitest';
import { dbscan, NOISE } from './dbscan.ts';

const f32 = (pts: number[][]) => new Float32Array(pts.flat());

describe('dbscan', () => {
  it('two crowds and an outlier: two clusters and one noise point', () => {
    const pts = [
      [0, 0],
      [0.1, 0],
      [0, 0.1],
      [0.1, 0.1],
      [5, 5],
      [5.1, 5],
      [5, 5.1],
      [10, -10],
    ];
    const r = dbscan(f32(pts), pts.length, 2, { eps: 0.2, minPoints: 3 });
    expect(r.clusters).toBe(2);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, NOISE]);
    expect(r.noise).toBe(1);
  });

  it('a point within eps of a core point but with too few neighbours is a border point: in the cluster, not core', () => {
    // On a line: 0.1, 0.2 and 0.3 each have 3 points within eps (itself included), the two ends only 2.
    const pts = [[0], [0.1], [0.2], [0.3], [0.42]];
    const r = dbscan(f32(pts), 5, 1, { eps: 0.125, minPoints: 3 });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(r.core)).toEqual([0, 1, 1, 1, 0]);
    // Found first as noise (point 0 comes before any core point), then claimed as a border point.
    expect(r.noise).toBe(0);
  });

  it('density-connected points form one cluster however long the chain', () => {
    const pts = Array.from({ length: 50 }, (_, i) => [i * 0.1, Math.sin(i)]);
    const r = dbscan(f32(pts), 50, 2, { eps: 2, minPoints: 2 });
    expect(r.clusters).toBe(1);
    expect(new Set(r.labels)).toEqual(new Set([0]));
  });

  it('with minPoints 1 every point is core and nothing is noise', () => {
    const pts = [
      [0, 0],
      [3, 3],
      [9, 9],
    ];
    const r = dbscan(f32(pts), 3, 2, { eps: 1, minPoints: 1 });
    expect(Array.from(r.labels)).toEqual([0, 1, 2]);
    expect(r.noise).toBe(0);
  });

  it('refuses bad settings with a sentence', () => {
    const data = f32([[0, 0]]);
    expect(() => dbscan(data, 1, 2, { eps: 0, minPoints: 3 })).toThrow(/eps must be a positive number/);
    expect(() => dbscan(data, 1, 2, { eps: 1, minPoints: 0.5 })).toThrow(/minPoints must be a whole number/);
    expect(() => dbscan(data, 2, 2, { eps: 1, minPoints: 2 })).toThrow(/expected n·d = 2·2 values, got 2/);
  });
});
