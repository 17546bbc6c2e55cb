import { describe, expect, it } from 'vitest';
import { borderIndex, convolutionAt, convolve, convolveSeparable, gaussianBlur, sampleAt, sobel } from './convolve.ts';
import { createImg } from './image.ts';
import { boxKernel, gaussianKernel, gaussianKernel1d, identityKernel, makeKernel } from './kernels.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import type { BorderMode, Img } from './types.ts';

const BORDERS: BorderMode[] = ['zero', 'clamp', 'reflect'];
const grey = (width: number, height: number, values: number[]): Img => ({ width, height, channels: 1, data: Float32Array.from(values) });
const ones = (size: number) => makeKernel(size, new Array(size * size).fill(1));
function randomImg(width: number, height: number, channels: Img['channels'], seed: number): Img {
  const rand = mulberry32(seed);
  const img = createImg(width, height, channels);
  for (let i = 0; i < img.data.length; i++) img.data[i] = Math.round(rand() * 255);
  return img;
}
function maxDiff(a: Img, b: Img): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

// 1 2 3
// 4 5 6
// 7 8 9
const NINE = grey(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

describe('borderIndex / sampleAt', () => {
  it('zero: −1 outside; clamp: nearest edge; reflect: mirrored without repeating the edge', () => {
    // abcd, n = 4: reflect …c b | a b c d | c b…
    expect([-2, -1, 0, 3, 4, 5].map((i) => borderIndex(i, 4, 'zero'))).toEqual([-1, -1, 0, 3, -1, -1]);
    expect([-2, -1, 0, 3, 4, 5].map((i) => borderIndex(i, 4, 'clamp'))).toEqual([0, 0, 0, 3, 3, 3]);
    expect([-2, -1, 0, 3, 4, 5].map((i) => borderIndex(i, 4, 'reflect'))).toEqual([2, 1, 0, 3, 2, 1]);
  });
  it('reflect works far outside (kernels larger than the image) and on a 1-pixel-wide image', () => {
    // n = 2: …0 1 | 0 1 | 0 1…
    expect([-3, -2, -1, 2, 3, 4].map((i) => borderIndex(i, 2, 'reflect'))).toEqual([1, 0, 1, 0, 1, 0]);
    // n = 3: period 4: −4 … 6 → 0 1 2 1 | 0 1 2 | 1 0 1 2
    expect([-4, -3, -2, -1, 3, 4, 5, 6].map((i) => borderIndex(i, 3, 'reflect'))).toEqual([0, 1, 2, 1, 1, 0, 1, 2]);
    expect([-5, -1, 1, 7].map((i) => borderIndex(i, 1, 'reflect'))).toEqual([0, 0, 0, 0]);
  });
  it('sampleAt reads through the border mode', () => {
    expect(sampleAt(NINE, -1, -1, 0, 'zero')).toBe(0);
    expect(sampleAt(NINE, -1, -1, 0, 'clamp')).toBe(1);
    expect(sampleAt(NINE, -1, -1, 0, 'reflect')).toBe(5);
    expect(sampleAt(NINE, 3, 1, 0, 'reflect')).toBe(5);
    expect(sampleAt(NINE, 2, 2, 0, 'zero')).toBe(9);
  });
});

describe('convolve', () => {
  it('sums k² products, with each border mode (hand-computed 3×3)', () => {
    // zero: corner 1+2+4+5, top middle 1+…+6, centre 45
    const z = convolve(NINE, ones(3), 'zero');
    expect([...z.data]).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
    // clamp corner: rows (1 1 2), (1 1 2), (4 4 5)
    expect(convolve(NINE, ones(3), 'clamp').data[0]).toBe(21);
    // reflect corner: rows (5 4 5), (2 1 2), (5 4 5)
    expect(convolve(NINE, ones(3), 'reflect').data[0]).toBe(33);
    expect(convolve(NINE, ones(3), 'reflect').data[4]).toBe(45);
  });
  it('is cross-correlation: a 1 at the top right reads I(x + 1, y − 1)', () => {
    const k = makeKernel(3, [0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect([...convolve(NINE, k, 'zero').data]).toEqual([0, 0, 0, 2, 3, 0, 5, 6, 0]);
  });
  it('defaults to the zero border', () => {
    expect([...convolve(NINE, ones(3)).data]).toEqual([...convolve(NINE, ones(3), 'zero').data]);
  });
  it('reflect on a 1-pixel-wide image', () => {
    const col = grey(1, 3, [1, 2, 3]);
    // every column of the neighbourhood is the one column; rows y−1, y, y+1 mirrored
    expect([...convolve(col, ones(3), 'reflect').data]).toEqual([3 * (2 + 1 + 2), 3 * (1 + 2 + 3), 3 * (2 + 3 + 2)]);
    expect([...convolve(col, ones(3), 'clamp').data]).toEqual([3 * (1 + 1 + 2), 18, 3 * (2 + 3 + 3)]);
    expect([...convolve(col, ones(3), 'zero').data]).toEqual([3, 6, 5]);
  });
  it('kernels larger than the image (5×5 on 2×2, 7×7 on 1×1)', () => {
    const four = grey(2, 2, [1, 2, 3, 4]);
    expect([...convolve(four, ones(5), 'zero').data]).toEqual([10, 10, 10, 10]);
    // clamp, pixel (1, 0): columns (0 0 1 1 1), rows (0 0 0 1 1): 3 · 8 + 2 · 18
    expect(convolve(four, ones(5), 'clamp').data[1]).toBe(60);
    // reflect, pixel (0, 0): columns and rows (0 1 0 1 0): 3 · 7 + 2 · 17
    expect(convolve(four, ones(5), 'reflect').data[0]).toBe(55);
    for (const b of BORDERS) expect(convolve(grey(1, 1, [2]), ones(7), b).data[0]).toBe(b === 'zero' ? 2 : 98);
  });
  it('the identity kernel returns the input', () => {
    const img = randomImg(5, 4, 3, 1);
    for (const b of BORDERS) {
      expect([...convolve(img, identityKernel(3), b).data]).toEqual([...img.data]);
      expect([...convolve(img, identityKernel(5), b).data]).toEqual([...img.data]);
    }
  });
  it('a box blur of a constant image is constant (clamp, reflect) and darker at the edges with zero', () => {
    const flat = createImg(4, 3, 3, 100);
    for (const b of ['clamp', 'reflect'] as const) {
      for (const v of convolve(flat, boxKernel(3), b).data) expect(v).toBeCloseTo(100, 4);
    }
    const z = convolve(flat, boxKernel(3), 'zero');
    expect(z.data[0]).toBeCloseTo((4 / 9) * 100, 4);
    expect(z.data[(1 * 4 + 1) * 3]).toBeCloseTo(100, 4);
  });
  it('filters each colour channel on its own and copies alpha', () => {
    const img: Img = { width: 2, height: 1, channels: 4, data: Float32Array.from([10, 20, 30, 255, 40, 50, 60, 7]) };
    const out = convolve(img, ones(3), 'zero');
    expect([...out.data]).toEqual([50, 70, 90, 255, 50, 70, 90, 7]);
  });
  it('rejects a bad kernel', () => {
    expect(() => convolve(NINE, { size: 2, values: new Float32Array(4) })).toThrow(/odd size/);
  });
});

describe('convolveSeparable / gaussianBlur', () => {
  it('equals 2D convolution with the outer-product kernel within 1e-4, every border mode', () => {
    const img = randomImg(9, 7, 3, 2);
    const g = gaussianKernel1d(1.2, 5);
    const k2 = gaussianKernel(1.2, 5);
    for (const b of BORDERS) expect(maxDiff(convolveSeparable(img, g, g, b), convolve(img, k2, b))).toBeLessThan(1e-4);
    // different row and column weights, kernel larger than a 3×2 image
    const row = Float32Array.from([1, 2, 3]);
    const col = Float32Array.from([1, -1, 0.5, 2, 1]);
    const outer = new Float32Array(25).fill(0);
    // 5×5 kernel: K(i, j) = col[i] · row[j − 1] (row weights in the middle three columns)
    for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) outer[i * 5 + j + 1] = col[i]! * row[j]!;
    const small = randomImg(3, 2, 1, 3);
    for (const b of BORDERS) expect(maxDiff(convolveSeparable(small, row, col, b), convolve(small, makeKernel(5, outer), b))).toBeLessThan(1e-4);
  });
  it('gaussianBlur is the separable Gaussian of size 2·ceil(3σ)+1, clamp by default', () => {
    const img = randomImg(12, 10, 1, 4);
    expect(maxDiff(gaussianBlur(img, 1), convolve(img, gaussianKernel(1), 'clamp'))).toBeLessThan(1e-4);
    expect(maxDiff(gaussianBlur(img, 0.7, 'zero'), convolve(img, gaussianKernel(0.7), 'zero'))).toBeLessThan(1e-4);
    for (const v of gaussianBlur(createImg(6, 5, 3, 80), 2).data) expect(v).toBeCloseTo(80, 3);
  });
  it('keeps alpha and rejects even-length weights', () => {
    const img: Img = { width: 1, height: 1, channels: 4, data: Float32Array.from([1, 2, 3, 44]) };
    expect(convolveSeparable(img, Float32Array.from([1]), Float32Array.from([2])).data[3]).toBe(44);
    expect(() => convolveSeparable(img, Float32Array.from([1, 1]), Float32Array.from([1]))).toThrow(/odd length/);
  });
});

describe('sobel', () => {
  it('finds a vertical step edge in gx only', () => {
    // 5×4 grey: columns 0–1 are 0, columns 2–4 are 100
    const step = grey(
      5,
      4,
      Array.from({ length: 20 }, (_, i) => (i % 5 >= 2 ? 100 : 0)),
    );
    const { gx, gy, magnitude } = sobel(step);
    for (let y = 0; y < 4; y++) {
      expect([...gx.data.slice(y * 5, y * 5 + 5)]).toEqual([0, 400, 400, 0, 0]); // (1 + 2 + 1) · 100
    }
    expect(gy.data.every((v) => v === 0)).toBe(true);
    expect([...magnitude.data]).toEqual([...gx.data]);
  });
  it('works on colour images through their luma', () => {
    const rgb = createImg(3, 3, 3);
    for (let p = 0; p < 9; p++) if (Math.floor(p / 3) === 2) rgb.data.fill(255, p * 3, p * 3 + 3); // bottom row white
    const { gx, gy, magnitude } = sobel(rgb);
    expect(gx.channels).toBe(1);
    expect(gy.data[4]).toBeCloseTo(4 * 255, 2); // centre: below minus above
    expect(magnitude.data[4]).toBeCloseTo(4 * 255, 2);
  });
});

describe('convolutionAt', () => {
  it('lists the patch, the products and their sum, marking cells outside the image', () => {
    const k = makeKernel(3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const s = convolutionAt(NINE, k, 0, 0, 0, 'zero');
    expect(s.patch).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    expect(s.products).toEqual([0, 0, 0, 0, 5, 12, 0, 32, 45]);
    expect(s.sum).toBe(94);
    expect(s.outside).toEqual([true, true, true, true, false, false, true, false, false]);
    expect(convolutionAt(NINE, k, 0, 0, 0, 'reflect').patch).toEqual([5, 4, 5, 2, 1, 2, 5, 4, 5]);
  });
  it('matches convolve at that pixel (every border, corners and inside, each channel)', () => {
    const img = randomImg(6, 5, 3, 5);
    const k = makeKernel(
      5,
      Array.from({ length: 25 }, (_, i) => (i % 7) - 3),
    );
    for (const b of BORDERS) {
      const full = convolve(img, k, b);
      for (const [x, y] of [
        [0, 0],
        [5, 4],
        [2, 3],
        [5, 0],
      ] as const) {
        for (let c = 0; c < 3; c++) {
          expect(convolutionAt(img, k, x, y, c, b).sum).toBeCloseTo(full.data[(y * 6 + x) * 3 + c]!, 2);
        }
      }
    }
  });
  it('rejects a pixel or channel that does not exist', () => {
    expect(() => convolutionAt(NINE, identityKernel(3), 3, 0, 0, 'zero')).toThrow(/outside the 3×3 image/);
    expect(() => convolutionAt(NINE, identityKernel(3), 0, 0, 1, 'zero')).toThrow(/channel 1 does not exist/);
  });
});
