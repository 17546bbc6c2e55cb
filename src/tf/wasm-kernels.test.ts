/**
 * The wasm backend with our training kernels against tfjs' cpu backend, forward and backward, in
 * Node: tfjs-backend-wasm loads its .wasm file from node_modules here, so the real backend runs.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';

type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];

const random = (shape: number[], seed: number): tf.Tensor => {
  const r = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  // Centred below zero: many all-negative windows.
  return tf.tensor(
    Float32Array.from({ length: size }, () => r() * 2 - 1.3),
    shape,
  );
};

/** Runs `f` on a backend with fresh copies of the inputs and returns every output's values. */
async function on(
  backend: 'cpu' | 'wasm',
  f: (...xs: tf.Tensor[]) => tf.Tensor[],
  inputs: { shape: number[]; seed: number }[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const xs = inputs.map(({ shape, seed }) => random(shape, seed));
  const outs = f(...xs);
  const values = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose([...xs, ...outs]);
  return values;
}

/** Same outputs on both backends, within 1e-4 (relative above 1). */
async function agree(f: (...xs: tf.Tensor[]) => tf.Tensor[], inputs: { shape: number[]; seed: number }[]): Promise<void> {
  const want = await on('cpu', f, inputs);
  const got = await on('wasm', f, inputs);
  expect(got.length).toBe(want.length);
  want.forEach((w, t) => {
    expect(got[t]!.length).toBe(w.length);
    let worst = 0;
    w.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[t]![i]! - v) / Math.max(1, Math.abs(v)))));
    expect(worst, `output ${t}`).toBeLessThan(1e-4);
  });
}

/** The value and the gradients of sum(y · r) for a fixed random r (so every output's gradient differs). */
function valueAndGrads(op: (...xs: tf.Tensor[]) => tf.Tensor): (...xs: tf.Tensor[]) => tf.Tensor[] {
  return (...xs) => {
    const y = op(...xs);
    const weights = random(y.shape, 99);
    const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => tf.sum(tf.mul(op(...args), weights)) as tf.Scalar)(xs);
    return [y, value, ...grads, weights];
  };
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmTrainingKernels(tf);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerWasmTrainingKernels', () => {
  it('registers every kernel for wasm and is idempotent', () => {
    const first = registerWasmTrainingKernels(tf).map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    const again = registerWasmTrainingKernels(tf).map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    expect(first.every((f) => typeof f === 'function')).toBe(true);
    expect(again).toEqual(first);
  });

  it('sends the gradient of an all-negative max-pool window to its largest value', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d([-4, -3, -2, -1], [1, 2, 2, 1]);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(x);
    expect(Array.from(await dx.data())).toEqual([0, 0, 0, 1]);
    tf.dispose([x, dx]);
  });

  it('frees every buffer it allocates on the heap', async () => {
    await tf.setBackend('wasm');
    const x = random([2, 6, 6, 3], 1);
    const w = random([3, 3, 3, 4], 2);
    const heapTensors = (): number => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = heapTensors();
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.maxPool(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), 2, 1, 'same')),
    )([x, w]);
    expect(heapTensors()).toBe(before + grads.length);
    tf.dispose([x, w, ...grads]);
  });
});

describe('wasm kernels agree with cpu', () => {
  const convCases: { x: number[]; w: number[]; strides: [number, number]; pad: Pad }[] = [
    { x: [2, 7, 7, 3], w: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
    { x: [3, 8, 9, 2], w: [3, 2, 2, 5], strides: [2, 2], pad: 'same' },
    { x: [2, 9, 8, 1], w: [3, 3, 1, 3], strides: [2, 3], pad: 'valid' },
    {
      x: [1, 6, 7, 2],
      w: [2, 3, 2, 2],
      strides: [1, 2],
      pad: [
        [0, 0],
        [1, 2],
        [2, 0],
        [0, 0],
      ],
    },
    { x: [4, 5, 5, 8], w: [5, 5, 8, 16], strides: [1, 1], pad: 'same' },
  ];
  for (const [i, c] of convCases.entries()) {
    it(`conv2d ${c.x.join('×')} * ${c.w.join('×')}, strides ${c.strides.join(',')}, padding ${JSON.stringify(c.pad)}: value and both gradients`, async () => {
      const op = (x: tf.Tensor, w: tf.Tensor): tf.Tensor => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad);
      await agree(valueAndGrads(op), [
        { shape: c.x, seed: i },
        { shape: c.w, seed: i + 10 },
      ]);
    });
  }

  it('fused conv2d with bias and relu (what tf.layers runs): value and the three gradients', async () => {
    const op = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias: b, activation: 'relu' });
    await agree(valueAndGrads(op), [
      { shape: [3, 8, 8, 2], seed: 1 },
      { shape: [3, 3, 2, 4], seed: 2 },
      { shape: [4], seed: 3 },
    ]);
  });

  it('conv2d with dilation (forward: tfjs has no dilated gradients)', async () => {
    await agree(
      (x, w) => [
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same', 'NHWC', [2, 2]),
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid', 'NHWC', [2, 3]),
      ],
      [
        { shape: [2, 9, 10, 2], seed: 4 },
        { shape: [3, 2, 2, 3], seed: 5 },
      ],
    );
  });

  const poolCases: { x: number[]; size: [number, number]; strides: [number, number]; pad: 'valid' | 'same' }[] = [
    { x: [2, 8, 8, 3], size: [2, 2], strides: [2, 2], pad: 'valid' },
    { x: [2, 7, 7, 2], size: [3, 3], strides: [2, 2], pad: 'same' },
    { x: [1, 9, 6, 4], size: [2, 3], strides: [1, 2], pad: 'same' },
    { x: [3, 5, 5, 1], size: [3, 3], strides: [1, 1], pad: 'valid' },
  ];
  for (const [i, c] of poolCases.entries()) {
    it(`max and average pooling ${c.x.join('×')}, window ${c.size.join('×')}, strides ${c.strides.join(',')}, ${c.pad}: value and gradient`, async () => {
      const input = [{ shape: c.x, seed: 20 + i }];
      await agree(
        valueAndGrads((x) => tf.maxPool(x as tf.Tensor4D, c.size, c.strides, c.pad)),
        input,
      );
      await agree(
        valueAndGrads((x) => tf.avgPool(x as tf.Tensor4D, c.size, c.strides, c.pad)),
        input,
      );
    });
  }

  it('the default CNN built with tf.layers: loss and every variable gradient', async () => {
    const run = (x: tf.Tensor, labels: tf.Tensor): tf.Tensor[] => {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [28, 28, 1],
            filters: 8,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({
            filters: 16,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
          }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
        ],
      });
      const target = tf.oneHot(tf.cast(tf.mul(tf.add(labels, 1.3), 4), 'int32').reshape([-1]), 10);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(target, model.apply(x) as tf.Tensor) as tf.Scalar, variables);
      const out = [value, ...variables.map((v) => grads[v.name]!)];
      model.dispose();
      return out;
    };
    await agree(run, [
      { shape: [6, 28, 28, 1], seed: 7 },
      { shape: [6, 1], seed: 8 },
    ]);
  });
});
