import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { convGeometry, type ConvGeometry } from './conv-geometry.ts';
import { maxPoolBackward, pooledSize } from './pooling.ts';

/** A pool geometry: size × size window, stride s, padding p on every side, over n × n images. */
const pool = (batch: number, channels: number, n: number, size: number, s: number, p = 0): ConvGeometry =>
  convGeometry(batch, channels, { n, k: size, s, p, d: 1 }, { n, k: size, s, p, d: 1 });

const randomNegative = (length: number, seed: number): Float32Array => {
  const r = mulberry32(seed);
  // Mostly negative, with repeated values so that ties happen.
  return Float32Array.from({ length }, () => Math.round((r() * 2 - 1.5) * 8) / 4);
};

/** The backward pass by brute force: every output's window listed, its largest value found with Math.max. */
function reference(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  const at = (b: number, y: number, xx: number, c: number): number => ((b * H + y) * W + xx) * C + c;
  const dx = new Float32Array(g.batch * H * W * C);
  for (let b = 0; b < g.batch; b++)
    for (let oy = 0; oy < g.outHeight; oy++)
      for (let ox = 0; ox < g.outWidth; ox++)
        for (let c = 0; c < C; c++) {
          const grad = dy[((b * g.outHeight + oy) * g.outWidth + ox) * C + c]!;
          const inside: number[] = [];
          for (let ky = 0; ky < g.kernelHeight; ky++)
            for (let kx = 0; kx < g.kernelWidth; kx++) {
              const y = oy * g.strideHeight - g.padTop + ky;
              const xx = ox * g.strideWidth - g.padLeft + kx;
              if (y >= 0 && y < H && xx >= 0 && xx < W) inside.push(at(b, y, xx, c));
            }
          const max = Math.max(...inside.map((i) => x[i]!));
          dx[inside.find((i) => x[i] === max)!]! += grad;
        }
  return dx;
}

describe('maxPoolBackward', () => {
  it('sends the gradient to the largest value of an all-negative window (−1 of −4, −3, −2, −1)', () => {
    const g = pool(1, 1, 2, 2, 2);
    expect(Array.from(maxPoolBackward(Float32Array.from([-4, -3, -2, -1]), Float32Array.from([5]), g))).toEqual([0, 0, 0, 5]);
    expect(Array.from(maxPoolBackward(Float32Array.from([-1, -3, -2, -4]), Float32Array.from([5]), g))).toEqual([5, 0, 0, 0]);
  });

  it('never picks the padding, even when every value is negative', () => {
    // 2 × 2 image, 2 × 2 window, stride 1, padding 1: 3 × 3 outputs, the corner windows see one real value each.
    const g = pool(1, 1, 2, 2, 1, 1);
    const dx = maxPoolBackward(Float32Array.from([-4, -3, -2, -1]), new Float32Array(9).fill(1), g);
    // -1 wins the 4 windows that see it; -4, -3, -2 win only the windows where they are alone or the best.
    expect(Array.from(dx)).toEqual([1, 2, 2, 4]);
  });

  it('gives ties to the first value, row by row', () => {
    const g = pool(1, 1, 2, 2, 2);
    expect(Array.from(maxPoolBackward(Float32Array.from([-2, -1, -1, -1]), Float32Array.from([3]), g))).toEqual([0, 3, 0, 0]);
  });

  for (const [batch, channels, n, size, s, p] of [
    [2, 3, 6, 2, 2, 0],
    [1, 4, 7, 3, 2, 1],
    [3, 2, 5, 3, 1, 1],
    [2, 1, 9, 2, 3, 0],
  ] as const) {
    it(`matches the reference on ${batch}×${n}×${n}×${channels}, window ${size}, stride ${s}, padding ${p}, with negatives and ties`, () => {
      const g = pool(batch, channels, n, size, s, p);
      const x = randomNegative(batch * n * n * channels, n * 7 + s);
      const dy = randomNegative(pooledSize(g), size);
      expect(Array.from(maxPoolBackward(x, dy, g, new Float32Array(x.length).fill(9)))).toEqual(Array.from(reference(x, dy, g)));
    });
  }

  it('says which array is too small', () => {
    const g = pool(1, 1, 4, 2, 2);
    expect(() => maxPoolBackward(new Float32Array(3), new Float32Array(4), g)).toThrow(/the input holds 3 values, 16 needed/);
    expect(() => maxPoolBackward(new Float32Array(16), new Float32Array(2), g)).toThrow(/dy holds 2 values, 4 needed/);
  });
});
