/**
 * The engine's image layers (Conv2D, MaxPool2D, Flatten; src/lib/nn) against TensorFlow.js on the
 * cpu backend, on the SAME weights and inputs: forward outputs (tf.conv2d, tf.maxPool, tf.reshape),
 * input and parameter gradients (tf.grads of Σ dY ⊙ layer(X)) and a whole small CNN's output and
 * parameter gradients, all within 1e-4. Both store images NHWC and filters [kh, kw, inC, outC].
 * Strides above 1 with dilation above 1 are left out: tf.conv2d refuses them.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2D } from '../lib/nn/conv2d.ts';
import { MaxPool2D } from '../lib/nn/max-pool-2d.ts';
import { Flatten } from '../lib/nn/flatten.ts';
import { buildNetwork } from '../lib/nn/network.ts';
import { SoftmaxCrossEntropy } from '../lib/nn/losses.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import type { ImageShape, Padding } from '../lib/nn/types.ts';

const TOL = 1e-4;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

async function noLeaks(f: () => Promise<void>): Promise<void> {
  const start = tf.memory().numTensors;
  await f();
  expect(tf.memory().numTensors).toBe(start);
}

function random(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rand());
}

function expectClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, what: string): void {
  expect(ours.length, what).toBe(theirs.length);
  let m = 0;
  for (let i = 0; i < ours.length; i++) {
    const d = Math.abs(ours[i]! - theirs[i]!);
    if (!(d <= m)) m = d;
  }
  expect(m, `${what}: max |engine − tfjs| = ${m}`).toBeLessThanOrEqual(TOL);
}

interface ConvCase {
  shape: ImageShape;
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: Padding;
  dilation: [number, number];
}

const CONV_CASES: ConvCase[] = [
  { shape: [6, 6, 1], filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1] },
  { shape: [7, 5, 2], filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'same', dilation: [1, 1] },
  { shape: [8, 7, 3], filters: 2, kernelSize: [3, 2], strides: [2, 2], padding: 'same', dilation: [1, 1] },
  { shape: [9, 8, 2], filters: 2, kernelSize: [2, 3], strides: [2, 3], padding: 'valid', dilation: [1, 1] },
  { shape: [7, 7, 2], filters: 3, kernelSize: [3, 3], strides: [2, 1], padding: 1, dilation: [1, 1] },
  { shape: [9, 9, 1], filters: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [2, 2] },
  { shape: [8, 8, 2], filters: 2, kernelSize: [2, 3], strides: [1, 1], padding: 'same', dilation: [3, 2] },
];

const name = (c: ConvCase): string => `${c.shape.join('×')} k${c.kernelSize} s${c.strides} p${c.padding} d${c.dilation}`;

describe('Conv2D agrees with tf.conv2d', () => {
  const batch = 3;
  for (const c of CONV_CASES) {
    it(`forward and gradients, ${name(c)}`, () =>
      noLeaks(async () => {
        const conv = new Conv2D(c.shape, { ...c, seed: 4 });
        conv.bias.value.set(random(c.filters, 5));
        const x = random(batch * conv.inputSize, 6);
        const y = Float32Array.from(conv.forward(x, batch));
        const dy = random(y.length, 7);
        for (const p of conv.params()) p.grad.fill(0);
        const dx = Float32Array.from(conv.backward(dy, batch, true));

        // tf.conv2d's gradient refuses dilation, so the gradients are taken through the same
        // convolution written without it: the kernel spread out with zeros between its taps.
        const [kh, kw] = c.kernelSize;
        const [dh, dw] = c.dilation;
        const spreadH = dh * (kh - 1) + 1;
        const spreadW = dw * (kw - 1) + 1;
        const taps = c.shape[2] * c.filters;
        const spread = new Float32Array(spreadH * spreadW * taps);
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++)
            spread.set(conv.kernel.value.subarray((ky * kw + kx) * taps, (ky * kw + kx + 1) * taps), (ky * dh * spreadW + kx * dw) * taps);
        // A number pads every side (tfjs' own numeric padding assumes equal strides, so spell it out).
        const pad: 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]] =
          typeof c.padding === 'number'
            ? [
                [0, 0],
                [c.padding, c.padding],
                [c.padding, c.padding],
                [0, 0],
              ]
            : c.padding;
        const [out, gx, gSpread, gb] = tf.tidy(() => {
          const xt = tf.tensor4d(x, [batch, ...c.shape]);
          const bt = tf.tensor1d(conv.bias.value);
          const forward = tf.add(
            tf.conv2d(xt, tf.tensor4d(conv.kernel.value, [kh, kw, c.shape[2], c.filters]), c.strides, pad, 'NHWC', c.dilation),
            bt,
          );
          const apply = (x4: tf.Tensor, w4: tf.Tensor, b1: tf.Tensor): tf.Tensor =>
            tf.add(tf.conv2d(x4 as tf.Tensor4D, w4 as tf.Tensor4D, c.strides, pad), b1);
          const weight = tf.tensor4d(spread, [spreadH, spreadW, c.shape[2], c.filters]);
          const grads = tf.grads((x4: tf.Tensor, w4: tf.Tensor, b1: tf.Tensor) => tf.sum(tf.mul(apply(x4, w4, b1), tf.tensor(dy, forward.shape))))([
            xt,
            weight,
            bt,
          ]);
          return [forward, ...grads];
        }) as tf.Tensor[];
        const spreadGrad = await gSpread!.data();
        const gw = new Float32Array(conv.kernel.value.length);
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++)
            gw.set(spreadGrad.subarray((ky * dh * spreadW + kx * dw) * taps, (ky * dh * spreadW + kx * dw + 1) * taps), (ky * kw + kx) * taps);
        expect(out!.shape.slice(1)).toEqual([...conv.outputShape]);
        expectClose(y, await out!.data(), 'Y');
        expectClose(dx, await gx!.data(), 'dX');
        expectClose(conv.kernel.grad, gw, 'dW');
        expectClose(conv.bias.grad, await gb!.data(), 'db');
        tf.dispose([out!, gx!, gSpread!, gb!]);
      }));
  }
});

describe('MaxPool2D agrees with tf.maxPool', () => {
  const cases: [ImageShape, [number, number], [number, number]][] = [
    [
      [6, 6, 2],
      [2, 2],
      [2, 2],
    ],
    [
      [7, 5, 3],
      [3, 2],
      [2, 1],
    ],
    [
      [5, 5, 1],
      [3, 3],
      [1, 1],
    ],
  ];
  for (const [shape, poolSize, strides] of cases) {
    it(`forward and dX, ${shape.join('×')} pool ${poolSize} stride ${strides}, mostly negative inputs`, () =>
      noLeaks(async () => {
        const batch = 2;
        const pool = new MaxPool2D(shape, { poolSize, strides });
        const x = random(batch * pool.inputSize, 11, -2, 0.5);
        const y = Float32Array.from(pool.forward(x, batch));
        const dy = random(y.length, 12);
        const dx = Float32Array.from(pool.backward(dy, batch, true));
        const [out, gx] = tf.tidy(() => {
          const xt = tf.tensor4d(x, [batch, ...shape]);
          const forward = tf.maxPool(xt, poolSize, strides, 'valid');
          const grad = tf.grad((t: tf.Tensor) =>
            tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, poolSize, strides, 'valid'), tf.tensor(dy, forward.shape))),
          )(xt);
          return [forward, grad];
        }) as tf.Tensor[];
        expect(out!.shape.slice(1)).toEqual([...pool.outputShape]);
        expectClose(y, await out!.data(), 'Y');
        expectClose(dx, await gx!.data(), 'dX');
        tf.dispose([out!, gx!]);
      }));
  }
});

describe('a small CNN agrees with the same network in tfjs', () => {
  it('conv → relu → pool → conv → relu → pool → flatten → dense: outputs, loss and every parameter gradient', () =>
    noLeaks(async () => {
      const batch = 4;
      const net = buildNetwork(
        [12, 12, 1],
        [
          { kind: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' },
          { kind: 'relu' },
          { kind: 'maxPool', poolSize: 2 },
          { kind: 'conv2d', filters: 6, kernelSize: 3, padding: 'same' },
          { kind: 'relu' },
          { kind: 'maxPool', poolSize: 2 },
          { kind: 'flatten' },
          { kind: 'dense', units: 5 },
        ],
        { seed: 8 },
      );
      net.params().forEach((p, i) => {
        if (p.shape.length === 1) p.value.set(random(p.value.length, 50 + i, -0.1, 0.1));
      });
      expect(net.layers[6]).toBeInstanceOf(Flatten);
      const x = random(batch * 144, 21, 0, 1);
      const targets = new Float32Array(batch * 5);
      [0, 3, 1, 4].forEach((c, r) => (targets[r * 5 + c] = 1));
      const loss = new SoftmaxCrossEntropy();
      net.zeroGrads();
      const logits = Float32Array.from(net.forward(x, batch));
      const value = loss.forward(logits, targets, batch, 5);
      net.backward(loss.backward(), batch);

      const weights = net.params().map((p) => tf.tensor(p.value, [...p.shape]));
      const [theirLogits, theirLoss, ...grads] = tf.tidy(() => {
        const model = (...w: tf.Tensor[]): tf.Tensor => {
          let h: tf.Tensor4D = tf.tensor4d(x, [batch, 12, 12, 1]);
          const block = (input: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor4D =>
            tf.maxPool(tf.relu(tf.add(tf.conv2d(input, kernel as tf.Tensor4D, 1, 'same'), bias)) as tf.Tensor4D, 2, 2, 'valid');
          h = block(block(h, w[0]!, w[1]!), w[2]!, w[3]!);
          return tf.add(tf.matMul(tf.reshape(h, [batch, -1]), w[4] as tf.Tensor2D), w[5]!);
        };
        const lossOf = (...w: tf.Tensor[]): tf.Scalar => tf.losses.softmaxCrossEntropy(tf.tensor2d(targets, [batch, 5]), model(...w));
        return [model(...weights), lossOf(...weights), ...tf.grads(lossOf)(weights)];
      }) as tf.Tensor[];
      expectClose(logits, await theirLogits!.data(), 'logits');
      expect(Math.abs(value - (await theirLoss!.data())[0]!)).toBeLessThanOrEqual(TOL);
      for (const [i, p] of net.params().entries()) expectClose(p.grad, await grads[i]!.data(), p.name);
      tf.dispose([...weights, theirLogits!, theirLoss!, ...grads]);
    }));
});
