import { describe, expect, it } from 'vitest';
import {
  classSpreads,
  closestPairs,
  cumulativeRatio,
  describeSpreads,
  divergingPixels,
  divergingRgb,
  greyPixels,
  meanSquaredError,
} from './pca-summary.ts';

describe('classSpreads', () => {
  it('gives each class its centre and standard deviation on the first two columns', () => {
    // Rows of 3: class 0 at (0, 0) and (2, 4); class 1 at (10, 10) three times; class 2 empty.
    const coords = Float32Array.from([0, 0, 9, 10, 10, 9, 2, 4, 9, 10, 10, 9, 10, 10, 9]);
    const spreads = classSpreads(coords, 3, [0, 1, 0, 1, 1], 3);
    expect(spreads[0]).toEqual({ label: 0, count: 2, centre: [1, 2], spread: [Math.SQRT2, 2 * Math.SQRT2] });
    expect(spreads[1]).toEqual({ label: 1, count: 3, centre: [10, 10], spread: [0, 0] });
    expect(spreads[2]).toEqual({ label: 2, count: 0, centre: [0, 0], spread: [0, 0] });
  });

  it('refuses labels out of range and short coordinates', () => {
    expect(() => classSpreads(new Float32Array(4), 2, [0, 5], 3)).toThrow(/label 5 of row 1/);
    expect(() => classSpreads(new Float32Array(3), 2, [0, 1], 3)).toThrow(/too few/);
  });
});

describe('describeSpreads and closestPairs', () => {
  const spreads = [
    { label: 0, count: 5, centre: [0, 0] as [number, number], spread: [1, 1] as [number, number] },
    { label: 1, count: 5, centre: [10, 0] as [number, number], spread: [1, 1] as [number, number] },
    { label: 2, count: 5, centre: [-5, 1] as [number, number], spread: [1, 1] as [number, number] },
    { label: 3, count: 5, centre: [0.5, 0.5] as [number, number], spread: [1, 1] as [number, number] },
  ];

  it('finds the most overlapping pair first', () => {
    expect(closestPairs(spreads, 1)).toEqual([[0, 3]]);
  });

  it('says the axes, every class from left to right, and the overlaps', () => {
    const lines = describeSpreads(spreads, ['Zero', 'One', 'Two', 'Three'], [0.29, 0.177]);
    expect(lines[0]).toBe(
      '20 test images, each placed by its first two principal components: component 1 across (29.0% of the variance), component 2 up (17.7%).',
    );
    expect(lines.slice(1, 5).map((l) => l.split(':')[0])).toEqual(['Two', 'Zero', 'Three', 'One']);
    expect(lines[1]).toBe('Two: centre at (−5.0, 1.0), spread ±1.0 across and ±1.0 up.');
    expect(lines[5]).toMatch(/^Overlapping most: Zero with Three; /);
  });
});

describe('pixels and errors', () => {
  it('maps the diverging scale: blue below zero, light grey at zero, red above, clamped', () => {
    expect(divergingRgb(0, 1)).toEqual([236, 236, 236]);
    expect(divergingRgb(-1, 1)).toEqual([33, 102, 172]);
    expect(divergingRgb(5, 1)).toEqual([178, 24, 43]);
    expect(divergingRgb(1, 0)).toEqual([236, 236, 236]);
    const px = divergingPixels([-2, 0, 1]);
    expect(Array.from(px.subarray(0, 4))).toEqual([33, 102, 172, 255]);
    expect(Array.from(px.subarray(4, 8))).toEqual([236, 236, 236, 255]);
    expect(px[8]).toBeGreaterThan(px[10]!); // half-way to red
  });

  it('draws grey images and measures the error of a rebuilt one', () => {
    expect(Array.from(greyPixels([0, 1, 2, -1]))).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
    expect(meanSquaredError([0, 1, 2], [0, 0, 0])).toBeCloseTo(5 / 3, 10);
    expect(() => meanSquaredError([0], [0, 1])).toThrow(/differ/);
    expect(cumulativeRatio([0.5, 0.25, 0.125], 2)).toBe(0.75);
  });
});
