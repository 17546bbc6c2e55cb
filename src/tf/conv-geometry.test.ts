/** The output-size formula and im2col (src/lib/nn/conv-geometry.ts) against tf.conv2d on the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { axisProblem, convGeometry, im2col, im2colShape, outputSize } from '../lib/nn/conv-geometry.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('conv geometry against tf.conv2d', () => {
  it("the formula gives tf.conv2d's output shape over a grid of settings (tfjs needs stride or dilation 1)", () => {
    let checked = 0;
    for (const n of [1, 4, 7, 10])
      for (const k of [1, 2, 3, 5])
        for (const s of [1, 2, 3])
          for (const p of [0, 1, 2])
            for (const d of [1, 2]) {
              const setting = { n, k, s, p, d };
              if (axisProblem(setting) !== null || (s > 1 && d > 1)) continue;
              const shape = tf.tidy(
                () =>
                  tf.conv2d(
                    tf.zeros([1, n, n, 1]) as tf.Tensor4D,
                    tf.zeros([k, k, 1, 1]) as tf.Tensor4D,
                    s,
                    [
                      [0, 0],
                      [p, p],
                      [p, p],
                      [0, 0],
                    ],
                    'NHWC',
                    d,
                  ).shape,
              );
              expect(shape, JSON.stringify(setting)).toEqual([1, outputSize(setting), outputSize(setting), 1]);
              checked++;
            }
    expect(checked).toBeGreaterThan(100);
  });

  it('im2col times the flattened filter equals tf.conv2d within 1e-5', () => {
    const rand = mulberry32(7);
    const [batch, inC, outC] = [2, 3, 5];
    const h = { n: 9, k: 3, s: 2, p: 1, d: 1 };
    const w = { n: 8, k: 2, s: 2, p: 0, d: 1 };
    const g = convGeometry(batch, inC, h, w);
    const x = Float32Array.from({ length: batch * h.n * w.n * inC }, () => rand() - 0.5);
    const filter = Float32Array.from({ length: h.k * w.k * inC * outC }, () => rand() - 0.5);
    const expected = tf.tidy(() =>
      tf
        .conv2d(
          tf.tensor4d(x, [batch, h.n, w.n, inC]),
          tf.tensor4d(filter, [h.k, w.k, inC, outC]),
          [h.s, w.s],
          [
            [0, 0],
            [h.p, h.p],
            [w.p, w.p],
            [0, 0],
          ],
        )
        .dataSync(),
    );
    const { rows, cols } = im2colShape(g);
    const c = im2col(x, g);
    const got = new Float32Array(rows * outC);
    for (let r = 0; r < rows; r++)
      for (let f = 0; f < outC; f++) {
        let sum = 0;
        for (let j = 0; j < cols; j++) sum += c[r * cols + j]! * filter[j * outC + f]!;
        got[r * outC + f] = sum;
      }
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-5);
  });
});
