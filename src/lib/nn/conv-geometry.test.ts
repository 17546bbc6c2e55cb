import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { axisProblem, col2im, convGeometry, effectiveKernel, im2col, im2colShape, outputSize, type AxisSetting } from './conv-geometry.ts';

const random = (n: number, seed: number): Float32Array => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
};

/** Counts the window positions by sliding one: the definition the formula must match. */
function countPositions({ n, k, s, p, d }: AxisSetting): number {
  let count = 0;
  for (let start = -p; start + d * (k - 1) <= n - 1 + p; start += s) count++;
  return count;
}

describe('outputSize', () => {
  it('matches sliding the window by hand on every valid setting of a grid', () => {
    let checked = 0;
    for (let n = 1; n <= 9; n++)
      for (let k = 1; k <= 5; k++)
        for (let s = 1; s <= 3; s++)
          for (let p = 0; p <= 3; p++)
            for (let d = 1; d <= 3; d++) {
              const setting = { n, k, s, p, d };
              if (axisProblem(setting) !== null) continue;
              expect(outputSize(setting), JSON.stringify(setting)).toBe(countPositions(setting));
              checked++;
            }
    expect(checked).toBeGreaterThan(500);
  });

  it('gives the textbook sizes', () => {
    expect(outputSize({ n: 28, k: 3, s: 1, p: 0, d: 1 })).toBe(26);
    expect(outputSize({ n: 28, k: 3, s: 1, p: 1, d: 1 })).toBe(28);
    expect(outputSize({ n: 28, k: 2, s: 2, p: 0, d: 1 })).toBe(14);
    expect(outputSize({ n: 7, k: 3, s: 2, p: 1, d: 1 })).toBe(4);
    expect(outputSize({ n: 7, k: 3, s: 1, p: 0, d: 2 })).toBe(3);
    expect(effectiveKernel(3, 2)).toBe(5);
  });
});

describe('axisProblem', () => {
  it('accepts possible settings', () => {
    expect(axisProblem({ n: 5, k: 3, s: 1, p: 0, d: 1 })).toBeNull();
    expect(axisProblem({ n: 1, k: 1, s: 1, p: 0, d: 1 })).toBeNull();
  });
  it('says why a setting is impossible and what to change', () => {
    expect(axisProblem({ n: 4, k: 3, s: 1, p: 0, d: 2 })).toMatch(/spans 5 cells .* only 4 .*smaller kernel or dilation, or more padding/);
    expect(axisProblem({ n: 5, k: 3, s: 0, p: 0, d: 1 })).toMatch(/stride must be a whole number of at least 1 \(got 0\)/);
    expect(axisProblem({ n: 5, k: 2.5, s: 1, p: 0, d: 1 })).toMatch(/kernel size must be a whole number/);
    expect(axisProblem({ n: 5, k: 3, s: 1, p: -1, d: 1 })).toMatch(/padding must be a whole number of at least 0/);
    expect(axisProblem({ n: 5, k: 3, s: 1, p: 3, d: 1 })).toMatch(/Padding 3 is as wide as the kernel's span \(3\)/);
    expect(axisProblem({ n: 0, k: 1, s: 1, p: 0, d: 1 })).toMatch(/input size/);
    expect(axisProblem({ n: 5, k: 1, s: 1, p: 0, d: 0 })).toMatch(/dilation/);
  });
});

describe('im2col and col2im', () => {
  it('unrolls a 3 × 3 one-channel image with a 2 × 2 kernel, one row per output position', () => {
    const g = convGeometry(1, 1, { n: 3, k: 2, s: 1, p: 0, d: 1 }, { n: 3, k: 2, s: 1, p: 0, d: 1 });
    expect(im2colShape(g)).toEqual({ rows: 4, cols: 4 });
    const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(im2col(image, g))).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
  });

  it('reads zeros in the padding and follows stride and dilation', () => {
    const g = convGeometry(1, 1, { n: 3, k: 2, s: 2, p: 1, d: 1 }, { n: 3, k: 2, s: 2, p: 1, d: 1 });
    const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(im2col(image, g))).toEqual([0, 0, 0, 1, 0, 0, 2, 3, 0, 4, 0, 7, 5, 6, 8, 9]);
    const dilated = convGeometry(1, 1, { n: 3, k: 2, s: 1, p: 0, d: 2 }, { n: 3, k: 2, s: 1, p: 0, d: 2 });
    expect(Array.from(im2col(image, dilated))).toEqual([1, 3, 7, 9]);
  });

  it('as a matrix product equals the convolution summed directly (batch, channels, stride, padding, dilation)', () => {
    const g = convGeometry(2, 3, { n: 7, k: 3, s: 2, p: 1, d: 1 }, { n: 6, k: 2, s: 1, p: 1, d: 2 });
    const outChannels = 4;
    const x = random(g.batch * g.inHeight * g.inWidth * g.inChannels, 1);
    const w = random(g.kernelHeight * g.kernelWidth * g.inChannels * outChannels, 2);
    const { rows, cols } = im2colShape(g);
    const c = im2col(x, g);
    for (let b = 0; b < g.batch; b++)
      for (let oy = 0; oy < g.outHeight; oy++)
        for (let ox = 0; ox < g.outWidth; ox++)
          for (let f = 0; f < outChannels; f++) {
            let direct = 0;
            for (let ky = 0; ky < g.kernelHeight; ky++)
              for (let kx = 0; kx < g.kernelWidth; kx++)
                for (let ch = 0; ch < g.inChannels; ch++) {
                  const y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
                  const xx = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
                  if (y < 0 || y >= g.inHeight || xx < 0 || xx >= g.inWidth) continue;
                  direct +=
                    x[((b * g.inHeight + y) * g.inWidth + xx) * g.inChannels + ch]! *
                    w[((ky * g.kernelWidth + kx) * g.inChannels + ch) * outChannels + f]!;
                }
            const row = (b * g.outHeight + oy) * g.outWidth + ox;
            let product = 0;
            for (let j = 0; j < cols; j++) product += c[row * cols + j]! * w[j * outChannels + f]!;
            expect(product).toBeCloseTo(direct, 5);
          }
    expect(rows).toBe(g.batch * g.outHeight * g.outWidth);
  });

  it('col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)>', () => {
    const g = convGeometry(2, 2, { n: 6, k: 3, s: 2, p: 1, d: 1 }, { n: 5, k: 2, s: 1, p: 0, d: 3 });
    const { rows, cols } = im2colShape(g);
    const x = random(g.batch * g.inHeight * g.inWidth * g.inChannels, 3);
    const c = random(rows * cols, 4);
    const left = im2col(x, g).reduce((sum, v, i) => sum + v * c[i]!, 0);
    const back = col2im(c, g);
    const right = x.reduce((sum, v, i) => sum + v * back[i]!, 0);
    expect(left).toBeCloseTo(right, 4);
  });

  it('refuses an output buffer that is too small', () => {
    const g = convGeometry(1, 1, { n: 3, k: 2, s: 1, p: 0, d: 1 }, { n: 3, k: 2, s: 1, p: 0, d: 1 });
    expect(() => im2col(new Float32Array(9), g, new Float32Array(3))).toThrow(/16 needed/);
    expect(() => col2im(new Float32Array(16), g, new Float32Array(3))).toThrow(/9 needed/);
  });
});
