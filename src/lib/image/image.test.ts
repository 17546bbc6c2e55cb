import { describe, expect, it } from 'vitest';
import { cloneImg, createImg, dropAlpha, fromPlanar, fromRgba, getPixel, isGrey, resizeToFit, toGray, toPlanar, toRgba } from './image.ts';
import type { Img } from './types.ts';

const img = (width: number, height: number, channels: Img['channels'], values: number[]): Img => ({
  width,
  height,
  channels,
  data: Float32Array.from(values),
});

describe('createImg / cloneImg', () => {
  it('creates a filled image of the right size', () => {
    const a = createImg(4, 2, 3, 7);
    expect(a.data.length).toBe(24);
    expect([...a.data].every((v) => v === 7)).toBe(true);
    expect(createImg(2, 2, 1).data.every((v) => v === 0)).toBe(true);
  });
  it('rejects bad sizes and channel counts with a clear message', () => {
    expect(() => createImg(0, 2, 1)).toThrow(/width and height/);
    expect(() => createImg(2, 2, 2 as 1)).toThrow(/1 \(grey\), 3 \(RGB\) or 4/);
  });
  it('clones into a new buffer', () => {
    const a = createImg(2, 1, 1, 5);
    const b = cloneImg(a);
    b.data[0] = 9;
    expect(a.data[0]).toBe(5);
  });
});

describe('fromRgba', () => {
  const rgba = [10, 20, 30, 255, 40, 50, 60, 128];
  it('keeps alpha with 4 channels', () => {
    const a = fromRgba(rgba, 2, 1);
    expect(a.channels).toBe(4);
    expect([...a.data]).toEqual(rgba);
  });
  it('drops alpha with 3 channels', () => {
    const a = fromRgba(rgba, 2, 1, 3);
    expect([...a.data]).toEqual([10, 20, 30, 40, 50, 60]);
  });
  it('rejects a wrong length', () => {
    expect(() => fromRgba(rgba, 3, 1)).toThrow(/expected 12 values/);
  });
});

describe('getPixel, dropAlpha, toGray', () => {
  const a = img(2, 2, 4, [1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 0, 100, 200, 50, 10]);
  it('reads every channel at (x, y)', () => {
    expect(getPixel(a, 1, 0)).toEqual([4, 5, 6, 255]);
    expect(getPixel(a, 0, 1)).toEqual([7, 8, 9, 0]);
    expect(() => getPixel(a, 2, 0)).toThrow(/outside the 2×2 image/);
  });
  it('drops alpha', () => {
    const b = dropAlpha(a);
    expect(b.channels).toBe(3);
    expect(getPixel(b, 1, 1)).toEqual([100, 200, 50]);
  });
  it('computes luma 0.299 R + 0.587 G + 0.114 B', () => {
    const g = toGray(a);
    expect(g.channels).toBe(1);
    expect(g.data[3]).toBeCloseTo(0.299 * 100 + 0.587 * 200 + 0.114 * 50, 4); // 153.0
    expect(toGray(img(1, 1, 3, [255, 255, 255])).data[0]).toBeCloseTo(255, 4);
  });
});

describe('isGrey', () => {
  it('is true when every pixel has R = G = B (and a 1-channel image)', () => {
    expect(isGrey(img(2, 1, 3, [0, 0, 0, 142, 142, 142]))).toBe(true);
    expect(isGrey(img(2, 1, 1, [3, 200]))).toBe(true);
    expect(isGrey(img(2, 1, 4, [7, 7, 7, 255, 9, 9, 9, 255]))).toBe(true);
  });
  it('is false when one channel differs in one pixel', () => {
    expect(isGrey(img(2, 1, 3, [5, 5, 5, 5, 5, 6]))).toBe(false);
    expect(isGrey(img(2, 1, 3, [5, 5, 5, 4, 5, 5]))).toBe(false);
  });
  it('counts an RGBA image only when alpha is 255 everywhere', () => {
    expect(isGrey(img(2, 1, 4, [7, 7, 7, 255, 9, 9, 9, 254]))).toBe(false);
  });
  it('toGray of a grey RGB image keeps every value exactly', () => {
    const values = Array.from({ length: 256 }, (_, v) => [v, v, v]).flat();
    const grey = toGray(img(256, 1, 3, values));
    expect(Array.from(grey.data)).toEqual(Array.from({ length: 256 }, (_, v) => v));
  });
});

describe('toRgba', () => {
  it('grey → r = g = b, a = 255 (clamp mode rounds and cuts to 0–255)', () => {
    const g = img(3, 1, 1, [-20, 100.4, 300]);
    expect([...toRgba(g)]).toEqual([0, 0, 0, 255, 100, 100, 100, 255, 255, 255, 255, 255]);
  });
  it('RGB → a = 255; RGBA keeps alpha', () => {
    expect([...toRgba(img(1, 1, 3, [1, 2, 3]))]).toEqual([1, 2, 3, 255]);
    expect([...toRgba(img(1, 1, 4, [1, 2, 3, 0]))]).toEqual([1, 2, 3, 0]);
  });
  it('abs shows |v|', () => {
    expect([...toRgba(img(2, 1, 1, [-40, 300]), 'abs')]).toEqual([40, 40, 40, 255, 255, 255, 255, 255]);
  });
  it('normalize maps min → 0 and max → 255', () => {
    const out = toRgba(img(3, 1, 1, [-10, 0, 10]), 'normalize');
    expect([out[0], out[4], out[8]]).toEqual([0, 128, 255]); // 127.5 rounds to 128
    expect(toRgba(img(2, 1, 1, [5, 5]), 'normalize')[0]).toBe(0); // flat image: no division by zero
  });
  it('signed maps 0 → 128 and ±max|v| → 1 / 255', () => {
    const out = toRgba(img(3, 1, 1, [-50, 0, 25]), 'signed');
    expect([out[0], out[4], out[8]]).toEqual([1, 128, 192]); // 128 − 127, 128, 128 + 63.5
    expect(toRgba(img(1, 1, 1, [0]), 'signed')[0]).toBe(128);
  });
  it('ignores alpha when finding the range and writes into a given array', () => {
    const out = new Uint8ClampedArray(8);
    const r = toRgba(img(2, 1, 4, [0, 0, 0, 255, 10, 10, 10, 255]), 'normalize', out);
    expect(r).toBe(out);
    expect([...out]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(() => toRgba(img(2, 1, 1, [0, 0]), 'clamp', new Uint8ClampedArray(4))).toThrow(/needs 8/);
  });
});

describe('resizeToFit', () => {
  it('returns the image itself when it fits', () => {
    const a = createImg(4, 3, 1);
    expect(resizeToFit(a, 4)).toBe(a);
  });
  it('averages areas: 4×4 → 2×2', () => {
    // prettier-ignore
    const a = img(4, 4, 1, [
      0, 2, 10, 10,
      4, 6, 20, 30,
      1, 1, 100, 0,
      1, 1, 0, 0,
    ]);
    const b = resizeToFit(a, 2);
    expect([b.width, b.height]).toEqual([2, 2]);
    expect([...b.data]).toEqual([3, 17.5, 1, 25]);
  });
  it('keeps the aspect ratio and weights partial pixels (3×1 → 2×1)', () => {
    const b = resizeToFit(img(3, 1, 3, [0, 0, 0, 30, 60, 90, 90, 90, 90]), 2);
    expect([b.width, b.height, b.channels]).toEqual([2, 1, 3]);
    // left output pixel covers source pixels 0 and half of 1: (0 · 1 + 30 · 0.5) / 1.5 = 10
    expect(b.data[0]).toBeCloseTo(10, 5);
    expect(b.data[3]).toBeCloseTo((30 * 0.5 + 90) / 1.5, 5);
    expect(b.data[4]).toBeCloseTo((60 * 0.5 + 90) / 1.5, 5);
    const c = resizeToFit(createImg(1000, 10, 1, 4), 100);
    expect([c.width, c.height]).toEqual([100, 1]);
    expect(c.data.every((v) => Math.abs(v - 4) < 1e-4)).toBe(true);
  });
});

describe('toPlanar / fromPlanar', () => {
  it('splits colour channels into planes and back, keeping alpha', () => {
    const a = img(2, 1, 4, [1, 2, 3, 9, 4, 5, 6, 8]);
    const p = toPlanar(a);
    expect([...p]).toEqual([1, 4, 2, 5, 3, 6]);
    expect([...fromPlanar(p, a).data]).toEqual([...a.data]);
  });
});
