import { describe, expect, it } from 'vitest';
import { Conv2D } from './conv2d.ts';
import { Flatten } from './flatten.ts';
import { MaxPool2D } from './max-pool-2d.ts';
import { checkLayerGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import type { ImageShape, Padding } from './types.ts';

/** Seeded values in [lo, hi). */
function random(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rand());
}

/** The convolution written out as its definition (no im2col), in doubles. */
function naiveConv(conv: Conv2D, x: Float32Array, batch: number): number[] {
  const g = conv.geometry;
  const [H, W, C] = conv.inputShape;
  const [outH, outW, F] = conv.outputShape;
  const w = conv.kernel.value;
  const y: number[] = [];
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let f = 0; f < F; f++) {
          let sum = conv.bias.value[f]!;
          for (let ky = 0; ky < g.kernelHeight; ky++)
            for (let kx = 0; kx < g.kernelWidth; kx++) {
              const iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
              const ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              for (let c = 0; c < C; c++) sum += x[((b * H + iy) * W + ix) * C + c]! * w[((ky * g.kernelWidth + kx) * C + c) * F + f]!;
            }
          y.push(sum);
        }
  return y;
}

interface ConvCase {
  shape: ImageShape;
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: Padding;
  dilation?: number | [number, number];
}

const CASES: ConvCase[] = [
  { shape: [5, 5, 1], filters: 2, kernelSize: 3 },
  { shape: [6, 5, 2], filters: 3, kernelSize: 3, padding: 'same' },
  { shape: [7, 6, 2], filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same' },
  { shape: [7, 7, 1], filters: 2, kernelSize: 3, strides: [2, 3], padding: 1 },
  { shape: [8, 7, 2], filters: 2, kernelSize: 3, dilation: 2 },
  { shape: [6, 6, 1], filters: 2, kernelSize: 2, dilation: [2, 1], padding: 'same' },
  { shape: [9, 9, 1], filters: 1, kernelSize: 3, strides: 2, dilation: 2, padding: 2 },
];

const describeCase = (c: ConvCase): string => JSON.stringify({ ...c, shape: c.shape.join('×') });

describe('Conv2D', () => {
  it('has tfjs shapes: kernel [kh, kw, inC, outC], output NHWC, same = ⌈n / s⌉', () => {
    const conv = new Conv2D([28, 28, 1], { filters: 8, kernelSize: 3, padding: 'same' });
    expect(conv.kernel.shape).toEqual([3, 3, 1, 8]);
    expect(conv.bias.shape).toEqual([8]);
    expect(conv.outputShape).toEqual([28, 28, 8]);
    expect(conv.outputSize(784)).toBe(28 * 28 * 8);
    expect(new Conv2D([28, 28, 1], { filters: 4, kernelSize: 5 }).outputShape).toEqual([24, 24, 4]);
    expect(new Conv2D([7, 8, 3], { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }).outputShape).toEqual([4, 4, 2]);
    // 'same' with an even total pads the smaller half first (tfjs): 4 + 1 cells in all for k 2, s 1 → top 0.
    expect(new Conv2D([5, 5, 1], { filters: 1, kernelSize: 2, padding: 'same' }).geometry.padTop).toBe(0);
  });

  it('matches the definition of a convolution for strides, paddings and dilations, on negative inputs', () => {
    for (const c of CASES) {
      const conv = new Conv2D(c.shape, { ...c, seed: 3 });
      conv.bias.value.set(random(c.filters, 9));
      const x = random(3 * conv.inputSize, 5);
      const y = conv.forward(x, 3);
      const expected = naiveConv(conv, x, 3);
      expect(y.length, describeCase(c)).toBe(expected.length);
      y.forEach((v, i) => expect(v, describeCase(c)).toBeCloseTo(expected[i]!, 5));
    }
  });

  it('passes a finite-difference gradient check on kernel, bias and input for every case', () => {
    for (const c of CASES) {
      const conv = new Conv2D(c.shape, { ...c, seed: 7 });
      conv.bias.value.set(random(c.filters, 2));
      const x = random(2 * conv.inputSize, 13);
      const result = checkLayerGradients(conv, x, 2);
      expect(result.checked).toBe(conv.kernel.value.length + c.filters + x.length);
      expect(result.maxRelativeError, `${describeCase(c)} ${JSON.stringify(result.worst)}`).toBeLessThan(1e-3);
    }
  });

  it('adds to the parameter gradients and skips the input gradient for a first layer', () => {
    const conv = new Conv2D([4, 4, 1], { filters: 2, kernelSize: 3 });
    const x = random(16, 1);
    conv.forward(x, 1);
    const dy = random(8, 2);
    conv.backward(dy, 1);
    const once = conv.kernel.grad.slice();
    expect(conv.backward(dy, 1, false).length).toBe(0);
    conv.kernel.grad.forEach((v, i) => expect(v).toBeCloseTo(2 * once[i]!, 5));
  });

  it('Glorot and He initialisations are seeded and scaled by the window', () => {
    const a = new Conv2D([8, 8, 4], { filters: 16, kernelSize: 3, init: 'he', seed: 5 });
    const b = new Conv2D([8, 8, 4], { filters: 16, kernelSize: 3, init: 'he', seed: 5 });
    expect(Array.from(a.kernel.value)).toEqual(Array.from(b.kernel.value));
    const std = Math.sqrt(a.kernel.value.reduce((s, v) => s + v * v, 0) / a.kernel.value.length);
    expect(std).toBeGreaterThan(0.8 * Math.sqrt(2 / 36));
    expect(std).toBeLessThan(1.2 * Math.sqrt(2 / 36));
    const glorot = new Conv2D([8, 8, 4], { filters: 16, kernelSize: 3 });
    const limit = Math.sqrt(6 / (36 + 144));
    expect(Math.max(...glorot.kernel.value.map(Math.abs))).toBeLessThanOrEqual(limit);
  });

  it('reuses its buffers from step to step', () => {
    const conv = new Conv2D([6, 6, 2], { filters: 3, kernelSize: 3, padding: 'same' });
    const x = random(4 * 72, 3);
    const y1 = conv.forward(x, 4);
    const dx1 = conv.backward(y1, 4);
    expect(conv.forward(x, 4)).toBe(y1);
    expect(conv.backward(y1, 4)).toBe(dx1);
  });

  it('says in words what is wrong with a shape or a setting', () => {
    const conv = new Conv2D([28, 28, 1], { filters: 8, kernelSize: 3 });
    expect(() => conv.outputSize(100)).toThrow('Conv2D expects 28 × 28 × 1 inputs (784 values per image), got 100: check the previous layer');
    expect(() => conv.forward(new Float32Array(100), 1)).toThrow('Conv2D expects 28 × 28 × 1 inputs');
    expect(() => new Conv2D([4, 4, 1], { filters: 1, kernelSize: 5 })).toThrow(/kernel spans 5 cells .* padded input has only 4/);
    expect(() => new Conv2D([4, 4, 1], { filters: 0, kernelSize: 3 })).toThrow('filters must be a whole number');
    expect(() => new Conv2D([4, 4, 1], { filters: 1, kernelSize: 3, strides: 0 })).toThrow('stride must be a whole number');
    expect(() => new Conv2D([28, 28] as unknown as ImageShape, { filters: 1, kernelSize: 3 })).toThrow('[height, width, channels]');
  });
});

describe('MaxPool2D', () => {
  it('takes the max of each window per channel, also when every value is negative', () => {
    const pool = new MaxPool2D([2, 4, 2], { poolSize: 2 });
    // Channel 0: positive and mixed windows; channel 1: all negative.
    const x = new Float32Array([1, -5, 3, -2, 0, -9, 2, -7, 4, -3, -1, -4, 5, -8, 6, -6]);
    expect(pool.outputShape).toEqual([1, 2, 2]);
    expect(Array.from(pool.forward(x, 1))).toEqual([4, -2, 6, -6]);
    const dx = pool.backward(new Float32Array([10, 20, 30, 40]), 1);
    expect(Array.from(dx)).toEqual([0, 0, 0, 20, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 30, 40]);
  });

  it('on a tie sends the gradient to the first max in reading order', () => {
    const pool = new MaxPool2D([2, 2, 1], { poolSize: 2 });
    pool.forward(new Float32Array([-1, -1, -1, -1]), 1);
    expect(Array.from(pool.backward(new Float32Array([1]), 1))).toEqual([1, 0, 0, 0]);
  });

  it('passes a finite-difference gradient check with and without overlapping windows', () => {
    for (const [shape, poolSize, strides] of [
      [[4, 6, 2], 2, undefined],
      [[5, 5, 1], 3, 1],
      [
        [7, 6, 3],
        [3, 2],
        [2, 1],
      ],
    ] as [ImageShape, number | [number, number], number | [number, number] | undefined][]) {
      const pool = new MaxPool2D(shape, { poolSize, ...(strides === undefined ? {} : { strides }) });
      // Distinct values (no ties within ε), mostly negative.
      const n = 2 * pool.inputSize;
      const rand = mulberry32(4);
      const order = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      const x = Float32Array.from(order, (k) => -1 + (k / n) * 1.2);
      const result = checkLayerGradients(pool, x, 2, { epsilon: 1e-3 });
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-3);
    }
  });

  it('says what is wrong with a window', () => {
    expect(() => new MaxPool2D([3, 3, 1], { poolSize: 4 })).toThrow(/MaxPool2D on height 3: The kernel spans 4 cells/);
    expect(() => new MaxPool2D([4, 4, 2], { poolSize: 2 }).outputSize(16)).toThrow(
      'MaxPool2D expects 4 × 4 × 2 inputs (32 values per image), got 16',
    );
  });
});

describe('Flatten', () => {
  it('keeps the values in NHWC order and passes the gradient through', () => {
    const flat = new Flatten([2, 2, 3]);
    expect(flat.outputSize(12)).toBe(12);
    const x = random(24, 1);
    expect(Array.from(flat.forward(x, 2))).toEqual(Array.from(x));
    const dy = random(24, 2);
    expect(Array.from(flat.backward(dy, 2))).toEqual(Array.from(dy));
    expect(() => flat.outputSize(10)).toThrow('Flatten expects 2 × 2 × 3 inputs');
  });
});
