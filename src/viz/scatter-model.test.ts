import { describe, expect, it } from 'vitest';
import { PointGrid, fitPoints, placePoints } from './scatter-model.ts';

describe('fitPoints and placePoints', () => {
  it('fits the points inside the margins with one scale, centred, y upwards', () => {
    const xy = Float32Array.from([0, 0, 10, 5, 5, 2.5]);
    const fit = fitPoints(xy, { width: 220, height: 120 }, 10);
    expect(fit.scaleX).toBeCloseTo(20, 6); // 200 px for a span of 10
    expect(fit.scaleY).toBeCloseTo(-20, 6);
    const px = placePoints(xy, fit);
    expect(Array.from(px)).toEqual([10, 110, 210, 10, 110, 60]);
  });

  it('uses the narrower side when the points are tall', () => {
    const fit = fitPoints(Float32Array.from([0, 0, 1, 10]), { width: 200, height: 100 }, 0);
    expect(fit.scaleX).toBeCloseTo(10, 6);
    const px = placePoints(Float32Array.from([0.5, 5]), fit);
    expect(px[0]).toBeCloseTo(100, 6);
    expect(px[1]).toBeCloseTo(50, 6);
  });

  it('ignores non-finite points, and leaves them NaN', () => {
    const xy = Float32Array.from([NaN, 3, 0, 0, 2, 2, Infinity, 1]);
    const px = placePoints(xy, fitPoints(xy, { width: 100, height: 100 }, 0));
    expect(px[0]).toBeNaN();
    expect(px[6]).toBeNaN();
    expect(Array.from(px.subarray(2, 6))).toEqual([0, 100, 100, 0]);
  });
});

describe('PointGrid', () => {
  it('finds the same nearest point as a scan over every point', () => {
    let s = 1;
    const random = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 400;
    const positions = Float32Array.from({ length: 2000 }, random);
    const grid = new PointGrid(positions, 8);
    for (let t = 0; t < 200; t++) {
      const [x, y, r] = [random(), random(), 3 + random() / 20];
      let best: number | null = null;
      let bestD = r * r;
      for (let i = 0; i < 1000; i++) {
        const d = (positions[2 * i]! - x) ** 2 + (positions[2 * i + 1]! - y) ** 2;
        if (d < bestD) [best, bestD] = [i, d];
      }
      expect(grid.nearest(x, y, r)).toBe(best);
    }
  });

  it('answers null when nothing is within reach, and skips NaN points', () => {
    const grid = new PointGrid(Float32Array.from([0, 0, NaN, NaN, 50, 50]), 8);
    expect(grid.nearest(25, 25, 10)).toBeNull();
    expect(grid.nearest(48, 49, 10)).toBe(2);
    expect(grid.nearest(-100, -100, 5)).toBeNull();
    expect(new PointGrid(new Float32Array(0)).nearest(0, 0, 10)).toBeNull();
  });
});
