import { describe, expect, it } from 'vitest';
import { angleLabel, DEFAULT_CAMERA, fitBounds, MAX_DISTANCE, MAX_PITCH, multiply, projectAll, rotate, viewProjection, zoom } from './camera.ts';
import { clampCursor, cursorRange, moveCursor } from './cursor.ts';
import { interpolate } from './interpolate.ts';
import { indexToRgb, nearestPoint, nearestProjected, rgbToIndex } from './pick.ts';
import { summarise, summaryLines } from './summary.ts';

const cube = new Float32Array([-1, -1, -1, 1, 1, 1, 3, 5, 7]);

describe('orbit camera', () => {
  it('fits the bounding box', () => {
    const b = fitBounds(cube, 3);
    expect(b.min).toEqual([-1, -1, -1]);
    expect(b.max).toEqual([3, 5, 7]);
    expect(b.centre).toEqual([1, 2, 3]);
    expect(b.radius).toBeCloseTo(Math.hypot(4, 6, 8) / 2);
  });

  it('keeps the pitch short of the poles, wraps the yaw and bounds the zoom', () => {
    expect(rotate(DEFAULT_CAMERA, 0, 10).pitch).toBe(MAX_PITCH);
    expect(rotate(DEFAULT_CAMERA, 0, -10).pitch).toBe(-MAX_PITCH);
    expect(rotate({ ...DEFAULT_CAMERA, yaw: 3 }, 1, 0).yaw).toBeCloseTo(4 - 2 * Math.PI);
    expect(zoom(DEFAULT_CAMERA, 100).distance).toBe(MAX_DISTANCE);
    expect(angleLabel({ yaw: Math.PI / 2, pitch: -Math.PI / 4, distance: 3 })).toBe('90,-45');
  });

  it('multiplies by the identity', () => {
    const id = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const m = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    expect(multiply(id, m)).toEqual(m);
    expect(multiply(m, id)).toEqual(m);
  });

  it('puts the centre in the middle of the view, all points inside it, and nearer points at smaller depth', () => {
    const b = fitBounds(cube, 3);
    const camera = { yaw: 0, pitch: 0, distance: 3 };
    const m = viewProjection(camera, 2, b);
    const centre = projectAll(m, new Float32Array(b.centre), 1, 200, 100);
    expect(centre[0]).toBeCloseTo(100);
    expect(centre[1]).toBeCloseTo(50);
    const p = projectAll(m, cube, 3, 200, 100);
    for (let i = 0; i < 3; i++) {
      expect(p[i * 3]).toBeGreaterThanOrEqual(0);
      expect(p[i * 3]).toBeLessThanOrEqual(200);
      expect(p[i * 3 + 2]).toBeGreaterThan(0);
      expect(p[i * 3 + 2]).toBeLessThan(1);
    }
    // Looking from +z (yaw 0): a point with larger z is nearer; a point with larger x is to the right, larger y higher up.
    const near = projectAll(m, new Float32Array([1, 2, 5, 1, 2, 1, 2, 2, 3, 1, 3, 3]), 4, 200, 100);
    expect(near[2]).toBeLessThan(near[5]!);
    expect(near[6]).toBeGreaterThan(100);
    expect(near[10]).toBeLessThan(50);
  });

  it('turning by yaw moves a point round the centre', () => {
    const b = fitBounds(cube, 3);
    const right = new Float32Array([2, 2, 3]);
    const front = projectAll(viewProjection({ yaw: 0, pitch: 0, distance: 3 }, 1, b), right, 1, 100, 100);
    const side = projectAll(viewProjection({ yaw: Math.PI / 2, pitch: 0, distance: 3 }, 1, b), right, 1, 100, 100);
    expect(front[0]).toBeGreaterThan(50);
    expect(side[0]).toBeCloseTo(50, 3); // seen from +x, the point is straight ahead
    expect(side[2]).toBeLessThan(front[2]!); // and nearer
  });
});

describe('picking', () => {
  const projected = new Float32Array([10, 10, 0.5, 12, 10, 0.2, 50, 50, 0.5, 11, 10, 1.5]);
  it('finds the nearest drawn point within the radius, skipping clipped ones', () => {
    expect(nearestProjected(projected, 4, 11, 10, 5)).toBe(1); // 0 and 1 equally near; 1 is nearer the camera; 3 is clipped
    expect(nearestProjected(projected, 4, 49, 49, 5)).toBe(2);
    expect(nearestProjected(projected, 4, 30, 30, 5)).toBeNull();
  });
  it('finds the nearest data point', () => {
    expect(nearestPoint(cube, 3, [2.9, 5, 7])).toBe(2);
    expect(nearestPoint(cube, 0, [0, 0, 0])).toBeNull();
  });
  it('round-trips an index through an id colour; black is the background', () => {
    for (const i of [0, 1, 255, 256, 9999, 70_000]) expect(rgbToIndex(...indexToRgb(i))).toBe(i);
    expect(rgbToIndex(0, 0, 0)).toBeNull();
  });
});

describe('cursor', () => {
  const b = fitBounds(cube, 3);
  it('moves along one axis by a fortieth of the range and stays within the margin', () => {
    const { min, max } = cursorRange(b);
    expect(min[0]).toBeCloseTo(-1.4);
    expect(max[2]).toBeCloseTo(7.8);
    const moved = moveCursor([1, 2, 3], 1, 2, b);
    expect(moved[0]).toBe(1);
    expect(moved[1]).toBeCloseTo(2 + (2 * 7.2) / 40);
    expect(moveCursor([1, 2, 3], 2, 1000, b)[2]).toBeCloseTo(7.8);
    expect(clampCursor([-100, 0, 100], b)).toEqual([min[0], 0, max[2]]);
  });
});

describe('interpolation', () => {
  it('runs straight from a to b, both ends included', () => {
    const line = interpolate([0, 0, 0], [1, 2, -4], 5);
    expect(line).toHaveLength(5);
    expect(Array.from(line[0]!)).toEqual([0, 0, 0]);
    expect(Array.from(line[2]!)).toEqual([0.5, 1, -2]);
    expect(Array.from(line[4]!)).toEqual([1, 2, -4]);
    expect(() => interpolate([0], [1, 2], 3)).toThrow(RangeError);
    expect(() => interpolate([0], [1], 1)).toThrow(/steps/);
  });
});

describe('summary', () => {
  // Class 0 tight about (0, 0, 0); class 1 tight about (10, 0, 0); class 2 wide about (0, 12, 0); no class 3.
  const pts = new Float32Array([-0.1, 0, 0, 0.1, 0, 0, 9.9, 0, 0, 10.1, 0, 0, 0, 7, 0, 0, 17, 0]);
  const classes = [0, 0, 1, 1, 2, 2];
  const s = summarise(pts, 6, classes, 4);
  it('finds centroids, spreads and the closest class centres', () => {
    expect(s.classes.map((c) => c.label)).toEqual([0, 1, 2]);
    expect(s.classes[1]!.centroid[0]).toBeCloseTo(10);
    expect(s.classes[0]!.spread).toBeCloseTo(0.1);
    expect(s.classes[2]!.spread).toBeCloseTo(5);
    expect(s.closest[0]).toMatchObject({ a: 0, b: 1 });
    expect(s.closest[0]!.distance).toBeCloseTo(10);
  });
  it('says it in words', () => {
    const lines = summaryLines(s, ['Alpha', 'Beta', 'Gamma', 'Delta']);
    expect(lines[0]).toBe('Alpha: 2 images centred at (0, 0, 0), spread 0.10, a tight cluster.');
    expect(lines[2]).toBe('Gamma: 2 images centred at (0, 12.00, 0), spread 5.00, a loose cluster.');
    expect(lines[3]).toMatch(
      /Tightest: Alpha; widest: Gamma\. Closest class centres: Alpha and Beta \(10\.00 apart\) and Alpha and Gamma \(12\.00 apart\)\.$/,
    );
  });
});
