/** Convolutional networks from specs: buildNetwork with an image shape, whole-network gradients, training. */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from './network.ts';
import { Conv2D } from './conv2d.ts';
import { Dense } from './dense.ts';
import { Network } from './network.ts';
import { SoftmaxCrossEntropy } from './losses.ts';
import { Adam } from './optimizers.ts';
import { checkNetworkGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import type { LayerSpec } from './types.ts';

/** The default CNN of the course, in the engine's specs (activations are layers of their own). */
const DEFAULT_CNN: LayerSpec[] = [
  { kind: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
  { kind: 'relu' },
  { kind: 'maxPool', poolSize: 2 },
  { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same' },
  { kind: 'relu' },
  { kind: 'maxPool', poolSize: 2 },
  { kind: 'flatten' },
  { kind: 'dense', units: 10 },
];

/**
 * A toy problem a CNN should solve: 8 × 8 images holding a bar 3 cells long, vertical (class 0)
 * or horizontal (class 1), anywhere, on a little noise.
 */
function bars(count: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rand = mulberry32(seed);
  const x = new Float32Array(count * 64);
  const y = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    y[i * 2 + label] = 1;
    for (let p = 0; p < 64; p++) x[i * 64 + p] = rand() * 0.2;
    const r = Math.floor(rand() * (label === 0 ? 6 : 8));
    const c = Math.floor(rand() * (label === 0 ? 8 : 6));
    for (let t = 0; t < 3; t++) x[i * 64 + (label === 0 ? (r + t) * 8 + c : r * 8 + c + t)] = 1;
  }
  return { x, y };
}

describe('convolutional networks', () => {
  it('buildNetwork walks the image shapes: the default CNN on 28 × 28 × 1 has 7 × 7 × 16 = 784 features', () => {
    const net = buildNetwork([28, 28, 1], DEFAULT_CNN, { seed: 3 });
    expect(net.layers.map((l) => l.kind)).toEqual(['Conv2D', 'ReLU', 'MaxPool2D', 'Conv2D', 'ReLU', 'MaxPool2D', 'Flatten', 'Dense']);
    expect(net.inputSize).toBe(784);
    expect(net.outputSize).toBe(10);
    expect(net.params().map((p) => [p.name, p.shape.join('×')])).toEqual([
      ['conv2d1.kernel', '3×3×1×8'],
      ['conv2d1.bias', '8'],
      ['conv2d2.kernel', '3×3×8×16'],
      ['conv2d2.bias', '16'],
      ['dense1.kernel', '784×10'],
      ['dense1.bias', '10'],
    ]);
    // Seeded: the same seed gives the same weights, another seed others; get/setWeights round-trips.
    const again = buildNetwork([28, 28, 1], DEFAULT_CNN, { seed: 3 });
    expect(again.getWeights().map((w) => Array.from(w))).toEqual(net.getWeights().map((w) => Array.from(w)));
    const other = buildNetwork([28, 28, 1], DEFAULT_CNN, { seed: 4 });
    expect(Array.from(other.params()[0]!.value)).not.toEqual(Array.from(net.params()[0]!.value));
    other.setWeights(net.getWeights());
    const x = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 29) / 29);
    expect(Array.from(other.forward(x, 2))).toEqual(Array.from(net.forward(x, 2)));
  });

  it('says in words how a stack of layers does not fit', () => {
    expect(() => buildNetwork(784, DEFAULT_CNN)).toThrow(
      'Layer 1 (conv2d) needs images, but the input is a flat row of 784 values: give buildNetwork the image shape',
    );
    expect(() =>
      buildNetwork(
        [28, 28, 1],
        [
          { kind: 'conv2d', filters: 4, kernelSize: 3 },
          { kind: 'dense', units: 10 },
        ],
      ),
    ).toThrow('Layer 2 (dense) gets 26 × 26 × 4 images: put a flatten layer before it.');
    expect(() => buildNetwork([28, 28, 1], [{ kind: 'flatten' }, { kind: 'maxPool', poolSize: 2 }])).toThrow('Layer 2 (maxPool) needs images');
    expect(() =>
      buildNetwork(
        [4, 4, 1],
        [
          { kind: 'maxPool', poolSize: 2 },
          { kind: 'conv2d', filters: 2, kernelSize: 3 },
        ],
      ),
    ).toThrow('Layer 2: Conv2D on height 2: The kernel spans 3 cells');
    // Layers put together by hand: the network names the layer and the shape it expected.
    expect(
      () => new Network([new Conv2D([28, 28, 1], { filters: 4, kernelSize: 3 }), new Conv2D([28, 28, 4], { filters: 4, kernelSize: 3 })]),
    ).toThrow('Layer 2 (Conv2D): Conv2D expects 28 × 28 × 4 inputs (3136 values per image), got 2704: check the previous layer');
    expect(() => new Network([new Conv2D([6, 6, 1], { filters: 2, kernelSize: 3 }), new Dense(100, 2)])).toThrow(
      'Dense expects inputs of width 100, got 32',
    );
  });

  // No max pooling here: a nudge of ε to a kernel can change which input wins a pool window (a kink
  // like ReLU's at 0), which spoils the finite difference; the pooling layer is checked on its own.
  it('a small CNN passes a whole-network finite-difference check (dilated, then strided)', () => {
    const specs: LayerSpec[] = [
      { kind: 'conv2d', filters: 3, kernelSize: 3, strides: 1, padding: 'same', dilation: 2 },
      { kind: 'tanh' },
      { kind: 'conv2d', filters: 2, kernelSize: 2, strides: 2, padding: 1 },
      { kind: 'flatten' },
      { kind: 'dense', units: 3 },
    ];
    const net = buildNetwork([8, 8, 2], specs, { seed: 5 });
    const rand = mulberry32(8);
    const x = Float32Array.from({ length: 3 * 128 }, () => rand() * 2 - 1);
    const y = new Float32Array(9);
    [0, 2, 1].forEach((c, r) => (y[r * 3 + c] = 1));
    const result = checkNetworkGradients(net, new SoftmaxCrossEntropy(), x, y, 3, { epsilon: 1e-2, floor: 1e-2 });
    expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(2e-3);
  });

  it('conv → relu → pool → flatten → dense learns to tell vertical bars from horizontal ones', () => {
    const specs: LayerSpec[] = [
      { kind: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' },
      { kind: 'relu' },
      { kind: 'maxPool', poolSize: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 2 },
    ];
    const net = buildNetwork([8, 8, 1], specs, { seed: 2 });
    const loss = new SoftmaxCrossEntropy();
    const adam = new Adam(0.01);
    const train = bars(256, 1);
    const losses: number[] = [];
    for (let epoch = 0; epoch < 10; epoch++) {
      let sum = 0;
      for (let b = 0; b < 16; b++)
        sum += net.trainBatch(train.x.subarray(b * 16 * 64, (b + 1) * 16 * 64), train.y.subarray(b * 32, (b + 1) * 32), 16, loss, adam);
      losses.push(sum / 16);
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 5);
    const test = bars(40, 99);
    const out = net.predict(test.x, 40);
    let correct = 0;
    for (let i = 0; i < 40; i++) if ((out[i * 2 + 1]! > out[i * 2]! ? 1 : 0) === (test.y[i * 2 + 1] === 1 ? 1 : 0)) correct++;
    expect(correct).toBeGreaterThanOrEqual(38);
  });
});
