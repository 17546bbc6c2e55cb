import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/lib/runtime/shuffle.ts';
import { useFastFilterGrad } from './cpu-filter-grad.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const random = (shape: number[], seed: number): tf.Tensor => {
  const r = mulberry32(seed);
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r() * 2 - 1),
    shape,
  );
};

describe('useFastFilterGrad', () => {
  const cases: Array<{ x: number[]; f: number[]; stride: number; pad: 'same' | 'valid' }> = [
    { x: [3, 9, 9, 2], f: [3, 3, 2, 4], stride: 1, pad: 'same' },
    { x: [2, 8, 7, 3], f: [3, 2, 3, 5], stride: 2, pad: 'same' },
    { x: [2, 10, 10, 1], f: [5, 5, 1, 3], stride: 2, pad: 'valid' },
  ];
  for (const c of cases) {
    it(`gives tfjs' own filter gradient: x ${c.x.join('×')}, filter ${c.f.join('×')}, stride ${c.stride}, ${c.pad}`, () => {
      const x = random(c.x, 1) as tf.Tensor4D;
      const w = random(c.f, 2) as tf.Tensor4D;
      const upstream = tf.conv2d(x, w, c.stride, c.pad);
      const dy = random(upstream.shape, 3);
      const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, v as tf.Tensor4D, c.stride, c.pad), dy)));
      const expected = grad(w);
      const own = tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
      const restore = useFastFilterGrad(tf);
      let actual: tf.Tensor;
      try {
        expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc).not.toBe(own);
        actual = grad(w);
      } finally {
        restore();
      }
      expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc).toBe(own);
      expect(actual.shape).toEqual(c.f);
      const diff = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-4);
      tf.dispose([x, w, upstream, dy, expected, actual]);
    });
  }
});
