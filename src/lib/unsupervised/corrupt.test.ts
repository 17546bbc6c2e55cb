import { describe, expect, it } from 'vitest';
import {
  applyScribble,
  clamp01,
  corruptBatch,
  corruptImage,
  gaussianNoise,
  maskBlocks,
  maskSquare,
  meanSquaredError,
  paintStroke,
  saltAndPepper,
} from './corrupt.ts';

const W = 28;
const grey = (value: number, n = W * W): Float32Array => new Float32Array(n).fill(value);

function mean(a: Float32Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

describe('clamp01', () => {
  it('cuts values to 0..1 in place and turns NaN into 0', () => {
    const a = Float32Array.from([-0.5, 0, 0.25, 1, 3, NaN]);
    expect(clamp01(a)).toBe(a);
    expect([...a]).toEqual([0, 0, 0.25, 1, 1, 0]);
  });
});

describe('gaussianNoise', () => {
  it('adds noise of standard deviation σ (measured where nothing is clamped) and is seeded', () => {
    const img = grey(0.5, 20000);
    const out = gaussianNoise(img, 0.1, 7);
    const m = mean(out);
    const sd = Math.sqrt(meanSquaredError(out, grey(m, 20000)));
    expect(m).toBeCloseTo(0.5, 2);
    expect(sd).toBeGreaterThan(0.095);
    expect(sd).toBeLessThan(0.105);
    expect(gaussianNoise(img, 0.1, 7)).toEqual(out);
    expect(gaussianNoise(img, 0.1, 8)).not.toEqual(out);
    expect(img.every((v) => v === 0.5)).toBe(true); // the input is left alone
  });

  it('clamps to 0..1 and leaves the image as it was for σ = 0', () => {
    const out = gaussianNoise(grey(0.9), 2, 1);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(out.some((v) => v === 1)).toBe(true);
    expect(gaussianNoise(grey(0.3), 0, 1)).toEqual(grey(0.3));
  });

  it('explains a bad σ', () => {
    expect(() => gaussianNoise(grey(0), -1, 1)).toThrow(/σ must be a number ≥ 0, got -1/);
  });
});

describe('saltAndPepper', () => {
  it('turns about the given fraction of pixels to 0 or 1, half each', () => {
    const out = saltAndPepper(grey(0.5, 10000), 0.2, 3);
    const salt = out.filter((v) => v === 1).length;
    const pepper = out.filter((v) => v === 0).length;
    expect(salt + pepper).toBeGreaterThan(1900);
    expect(salt + pepper).toBeLessThan(2100);
    expect(Math.abs(salt - pepper)).toBeLessThan(150);
    expect(out.filter((v) => v === 0.5).length).toBe(10000 - salt - pepper);
  });

  it('changes nothing at 0 and everything at 1; rejects a fraction outside 0..1', () => {
    expect(saltAndPepper(grey(0.5), 0, 1)).toEqual(grey(0.5));
    expect(saltAndPepper(grey(0.5), 1, 1).every((v) => v === 0 || v === 1)).toBe(true);
    expect(() => saltAndPepper(grey(0.5), 1.5, 1)).toThrow(/between 0 and 1, got 1.5/);
  });
});

describe('maskSquare', () => {
  it('zeroes one square of the given area, wholly inside the image', () => {
    const out = maskSquare(grey(1), W, 0.25, 5);
    const zeros: number[] = [];
    out.forEach((v, i) => v === 0 && zeros.push(i));
    expect(zeros.length).toBe(14 * 14);
    const xs = zeros.map((i) => i % W);
    const ys = zeros.map((i) => Math.floor(i / W));
    expect(Math.max(...xs) - Math.min(...xs)).toBe(13);
    expect(Math.max(...ys) - Math.min(...ys)).toBe(13);
  });

  it('covers everything at 1 and nothing at 0, and says when the width does not fit', () => {
    expect(maskSquare(grey(1), W, 1, 1).every((v) => v === 0)).toBe(true);
    expect(maskSquare(grey(1), W, 0, 1)).toEqual(grey(1));
    expect(() => maskSquare(grey(1, 10), 3, 0.5, 1)).toThrow(/10 pixels do not make rows of width 3/);
  });
});

describe('maskBlocks', () => {
  it('zeroes round(fraction · tiles) whole 4 × 4 tiles', () => {
    const out = maskBlocks(grey(1), W, 0.5, 9);
    expect(out.filter((v) => v === 0).length).toBe(Math.round(0.5 * 49) * 16);
    for (let ty = 0; ty < 7; ty++) {
      for (let tx = 0; tx < 7; tx++) {
        const tile = [];
        for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) tile.push(out[(ty * 4 + y) * W + tx * 4 + x]);
        expect(new Set(tile).size).toBe(1); // each tile is all hidden or all kept
      }
    }
  });

  it('handles tiles cut by the edge', () => {
    const out = maskBlocks(grey(1, 25), 5, 1, 1, 4);
    expect(out.every((v) => v === 0)).toBe(true);
  });
});

describe('corruptImage and corruptBatch', () => {
  it('dispatches on the kind', () => {
    const img = grey(0.5);
    expect(corruptImage(img, W, { kind: 'square', strength: 0.25 }, 5)).toEqual(maskSquare(img, W, 0.25, 5));
    expect(corruptImage(img, W, { kind: 'gaussian', strength: 0.3 }, 5)).toEqual(gaussianNoise(img, 0.3, 5));
    expect(() => corruptImage(img, W, { kind: 'smudge' as never, strength: 0.3 }, 5)).toThrow(/Unknown corruption "smudge"/);
  });

  it('gives every image its own damage, the same whatever the batch', () => {
    const data = grey(0.5, 3 * W * W);
    const all = corruptBatch(data, 3, W * W, { kind: 'salt-and-pepper', strength: 0.3 }, 11);
    const first = all.subarray(0, W * W);
    const second = all.subarray(W * W, 2 * W * W);
    expect(first).not.toEqual(second);
    expect(corruptBatch(data.subarray(0, W * W), 1, W * W, { kind: 'salt-and-pepper', strength: 0.3 }, 11)).toEqual(first);
    expect(() => corruptBatch(data, 2, W * W, { kind: 'gaussian', strength: 0.1 }, 1)).toThrow(/expected 2 × 784/);
  });
});

describe('paintStroke and applyScribble', () => {
  it('paints a dot: full inside the radius, soft at the edge, nothing far away', () => {
    const mask = paintStroke(new Float32Array(W * W), W, { x: 14, y: 14 }, { x: 14, y: 14 }, 2);
    expect(mask[13 * W + 13]).toBe(1); // centre (13.5, 13.5): distance 0.71
    expect(mask[14 * W + 15]).toBeCloseTo(2.5 - Math.hypot(1.5, 0.5), 5); // soft edge
    expect(mask[14 * W + 20]).toBe(0);
    expect(mask[0]).toBe(0);
  });

  it('paints along the whole segment and only ever adds coverage', () => {
    const mask = new Float32Array(W * W);
    paintStroke(mask, W, { x: 2, y: 10.5 }, { x: 25, y: 10.5 }, 1);
    for (let x = 2; x < 25; x++) expect(mask[10 * W + x]).toBe(1);
    expect(mask[20 * W + 10]).toBe(0);
    mask[0] = 1;
    paintStroke(mask, W, { x: 27, y: 27 }, { x: 27, y: 27 }, 1);
    expect(mask[0]).toBe(1);
    expect(() => paintStroke(mask, W, { x: 0, y: 0 }, { x: 1, y: 1 }, 0)).toThrow(/radius must be > 0/);
  });

  it('blends the ink in by coverage', () => {
    const mask = Float32Array.from([0, 0.5, 1, 2]);
    expect([...applyScribble(Float32Array.from([0.2, 0.2, 0.2, 0.2]), mask, 1)]).toEqual([Math.fround(0.2), Math.fround(0.6), 1, 1]);
    expect([...applyScribble(Float32Array.from([0.8, 0.8]), Float32Array.from([1, 0]), 0)]).toEqual([0, Math.fround(0.8)]);
    expect(() => applyScribble(grey(0, 4), grey(0, 3))).toThrow(/mask has 3 values, the image 4/);
  });
});

describe('meanSquaredError', () => {
  it('is the mean of squared differences', () => {
    expect(meanSquaredError([0, 1, 0.5], [0, 0, 1])).toBeCloseTo((1 + 0.25) / 3, 10);
    expect(meanSquaredError([], [])).toBe(0);
    expect(() => meanSquaredError([1], [1, 2])).toThrow(/1 and 2 values/);
  });
});
