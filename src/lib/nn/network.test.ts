import { describe, expect, it } from 'vitest';
import { Network, buildNetwork } from './network.ts';
import { Dense } from './dense.ts';
import { ReLU, Sigmoid, Softmax, Tanh } from './activations.ts';
import { CrossEntropy, MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from './losses.ts';
import { Adam, SGD } from './optimizers.ts';
import { checkNetworkGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import type { Layer, LayerSpec } from './types.ts';

/**
 * Whole-network checks: ε = 1e-2, and gradients below 1e-2 are compared with an absolute
 * tolerance (floor 1e-2). The hidden activations are float32, so the loss carries ~1e-7 of
 * rounding noise, i.e. ~5e-6 of noise in each numeric gradient: relative to a 1e-3 gradient
 * (common in a sigmoid network) that alone would be 5e-3.
 */
const NETWORK_CHECK = { epsilon: 1e-2, floor: 1e-2 };

function random(length: number, seed: number, low = -1, high = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => low + rand() * (high - low));
}

function oneHot(labels: number[], classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, r) => (out[r * classes + label] = 1));
  return out;
}

/** Smallest |input| seen by any ReLU in a forward pass of x (how far from the kink we are). */
function closestToReluKink(network: Network, x: Float32Array, batch: number): number {
  let closest = Infinity;
  let activation = x;
  for (const layer of network.layers) {
    if (layer.kind === 'ReLU') for (const v of activation) closest = Math.min(closest, Math.abs(v));
    activation = layer.forward(activation, batch);
  }
  return closest;
}

describe('Network', () => {
  it('is declared like Keras and walks the widths through its layers', () => {
    const network = new Network([new Dense(784, 64), new ReLU(), new Dense(64, 10)]);
    expect(network.inputSize).toBe(784);
    expect(network.outputSize).toBe(10);
    expect(network.params().map((p) => p.name)).toEqual(['dense.kernel', 'dense.bias', 'dense.kernel', 'dense.bias']);
    expect(() => new Network([new Dense(784, 64), new ReLU(), new Dense(10, 10)])).toThrow(
      "Layer 3 (Dense): Dense expects inputs of width 10, got 64: check the previous layer's units",
    );
    expect(() => new Network([])).toThrow('at least one layer');
    expect(() => network.forward(new Float32Array(10), 1)).toThrow('Network expects 1 rows of 784 inputs, got rows of 10');
  });

  it('buildNetwork: He before ReLU, Glorot otherwise, named and seeded layers', () => {
    const specs: LayerSpec[] = [{ kind: 'dense', units: 32 }, { kind: 'relu' }, { kind: 'dense', units: 10 }, { kind: 'softmax' }];
    const network = buildNetwork(100, specs, { seed: 9 });
    expect(network.layers.map((l) => l.kind)).toEqual(['Dense', 'ReLU', 'Dense', 'Softmax']);
    expect(network.params().map((p) => p.name)).toEqual(['dense1.kernel', 'dense1.bias', 'dense2.kernel', 'dense2.bias']);
    const first = network.params()[0]!.value;
    const std = Math.sqrt(first.reduce((s, v) => s + v * v, 0) / first.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 100), 2); // He
    const glorotLimit = Math.sqrt(6 / 42);
    expect(network.params()[2]!.value.every((v) => Math.abs(v) <= glorotLimit)).toBe(true);
    expect(buildNetwork(100, specs, { seed: 9 }).getWeights()).toEqual(network.getWeights());
    expect(buildNetwork(100, specs, { seed: 10 }).getWeights()[0]).not.toEqual(network.getWeights()[0]);
    expect(
      buildNetwork(4, [{ kind: 'dense', units: 1 }], { init: 'zeros' })
        .getWeights()[0]!
        .every((v) => v === 0),
    ).toBe(true);
    expect(() => buildNetwork(4, [{ kind: 'conv' } as never])).toThrow('Unknown layer kind "conv"');
  });

  it('getWeights copies, setWeights loads and checks lengths', () => {
    const network = buildNetwork(3, [{ kind: 'dense', units: 2 }], { seed: 1 });
    const weights = network.getWeights();
    weights[0]!.fill(7);
    expect(network.params()[0]!.value[0]).not.toBe(7);
    network.setWeights(weights);
    expect(network.params()[0]!.value[0]).toBe(7);
    expect(() => network.setWeights([weights[0]!])).toThrow('has 2 parameter arrays, got 1');
    expect(() => network.setWeights([new Float32Array(5), weights[1]!])).toThrow('dense1.kernel [3 × 2] needs 6 values, got 5');
  });

  it('predict runs in chunks and matches forward', () => {
    const network = buildNetwork(5, [{ kind: 'dense', units: 4 }, { kind: 'tanh' }, { kind: 'dense', units: 3 }], { seed: 2 });
    const count = 600; // more than one chunk
    const x = random(count * 5, 3);
    const out = network.predict(x, count);
    expect(out.length).toBe(count * 3);
    const direct = network.forward(x.subarray(590 * 5), 10);
    Array.from(direct).forEach((v, i) => expect(out[590 * 3 + i]).toBe(v));
    const into = new Float32Array(count * 3);
    expect(network.predict(x, count, into)).toBe(into);
  });

  const hidden: Array<[string, () => Layer]> = [
    ['ReLU', () => new ReLU()],
    ['Sigmoid', () => new Sigmoid()],
    ['Tanh', () => new Tanh()],
  ];
  for (const [name, activation] of hidden) {
    it(`a 6-5-4-3 network with ${name} passes a finite-difference gradient check on every parameter`, () => {
      const batch = 4;
      const x = random(batch * 6, 21);
      const targets = oneHot([0, 2, 1, 2], 3);
      // For ReLU, pick the first seed whose pre-activations all stay clear of the kink at 0.
      let seed = 1;
      let network: Network;
      for (;;) {
        network = new Network([
          new Dense(6, 5, { seed, init: 'glorot' }),
          activation(),
          new Dense(5, 4, { seed: seed + 100, init: 'glorot' }),
          activation(),
          new Dense(4, 3, { seed: seed + 200, init: 'glorot' }),
        ]);
        for (const p of network.params()) if (p.name.endsWith('bias')) p.value.set(random(p.value.length, seed + 7, -0.5, 0.5));
        if (name !== 'ReLU' || closestToReluKink(network, x, batch) > 0.05) break;
        seed++;
      }
      const result = checkNetworkGradients(network, new SoftmaxCrossEntropy(), x, targets, batch, NETWORK_CHECK);
      expect(result.checked).toBe(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-3);
    });
  }

  it('a network ending in Softmax + CrossEntropy, and one with Sigmoid-BCE and MSE, pass the check too', () => {
    const x = random(3 * 4, 5);
    const softmaxNet = new Network([new Dense(4, 3, { seed: 3 }), new Tanh(), new Dense(3, 3, { seed: 4 }), new Softmax()]);
    const a = checkNetworkGradients(softmaxNet, new CrossEntropy(), x, oneHot([0, 1, 2], 3), 3, NETWORK_CHECK);
    expect(a.maxRelativeError, JSON.stringify(a.worst)).toBeLessThan(1e-3);
    const binary = new Network([new Dense(4, 3, { seed: 5 }), new Sigmoid(), new Dense(3, 1, { seed: 6 })]);
    const b = checkNetworkGradients(binary, new SigmoidBinaryCrossEntropy(), x, new Float32Array([1, 0, 1]), 3, NETWORK_CHECK);
    expect(b.maxRelativeError, JSON.stringify(b.worst)).toBeLessThan(1e-3);
    const regression = new Network([new Dense(4, 2, { seed: 7 }), new Tanh(), new Dense(2, 2, { seed: 8 })]);
    const c = checkNetworkGradients(regression, new MeanSquaredError(), x, random(6, 9), 3, NETWORK_CHECK);
    expect(c.maxRelativeError, JSON.stringify(c.worst)).toBeLessThan(1e-3);
  });

  it('the gradient check catches a wrong backward pass', () => {
    class BrokenTanh extends Tanh {
      override backward(gradOutput: Float32Array, batch: number): Float32Array {
        return super.backward(gradOutput, batch).map((v) => v * 1.01); // 1% off
      }
    }
    const network = new Network([new Dense(4, 3, { seed: 3 }), new BrokenTanh(), new Dense(3, 2, { seed: 4 })]);
    const result = checkNetworkGradients(network, new SoftmaxCrossEntropy(), random(8, 1), oneHot([0, 1], 2), 2);
    expect(result.maxRelativeError).toBeGreaterThan(5e-3);
    expect(result.worst.param).toBe('dense.kernel');
  });

  it('trainBatch zeroes, steps and returns the mean loss; a tiny network learns XOR to 100%', () => {
    const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const y = new Float32Array([0, 1, 1, 0]);
    const network = buildNetwork(2, [{ kind: 'dense', units: 8 }, { kind: 'tanh' }, { kind: 'dense', units: 1 }], { seed: 3 });
    const loss = new SigmoidBinaryCrossEntropy();
    const optimizer = new Adam(0.05);
    const first = network.trainBatch(x, y, 4, loss, optimizer);
    expect(first).toBeCloseTo(loss.forward(network.forward(x, 4), y, 4, 1), 1); // roughly; weights moved one step
    let last = first;
    for (let i = 0; i < 500; i++) last = network.trainBatch(x, y, 4, loss, optimizer);
    expect(last).toBeLessThan(0.05);
    const logits = network.predict(x, 4);
    expect(Array.from(logits, (z) => (z > 0 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('a ReLU network with softmax cross-entropy and SGD also learns XOR (one-hot targets)', () => {
    const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const y = oneHot([0, 1, 1, 0], 2);
    const network = buildNetwork(2, [{ kind: 'dense', units: 16 }, { kind: 'relu' }, { kind: 'dense', units: 2 }], { seed: 5 });
    const loss = new SoftmaxCrossEntropy();
    const optimizer = new SGD(0.5);
    for (let i = 0; i < 1000; i++) network.trainBatch(x, y, 4, loss, optimizer);
    const out = network.predict(x, 4);
    const predicted = [0, 1, 2, 3].map((r) => (out[r * 2 + 1]! > out[r * 2]! ? 1 : 0));
    expect(predicted).toEqual([0, 1, 1, 0]);
  });

  it('a training step allocates no new buffers: outputs and gradients are the same objects every step', () => {
    const network = buildNetwork(20, [{ kind: 'dense', units: 8 }, { kind: 'relu' }, { kind: 'dense', units: 3 }], { seed: 1 });
    const loss = new SoftmaxCrossEntropy();
    const optimizer = new Adam();
    const x = random(16 * 20, 2, 0, 1);
    const y = oneHot([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 3);
    network.trainBatch(x, y, 16, loss, optimizer);
    const out = network.forward(x, 16);
    const grad = loss.backward();
    const paramGrads = network.params().map((p) => p.grad);
    for (let i = 0; i < 5; i++) network.trainBatch(x, y, 16, loss, optimizer);
    expect(network.forward(x, 16)).toBe(out);
    expect(loss.backward()).toBe(grad);
    network.params().forEach((p, i) => expect(p.grad).toBe(paramGrads[i]));
  });
});

describe('Network.inputGradient', () => {
  it('of one Dense layer under softmax cross-entropy is the analytic W·(p − y), per row', () => {
    const inputs = 5;
    const classes = 4;
    const batch = 3;
    const dense = new Dense(inputs, classes, { seed: 11 });
    dense.bias.value.set([0.1, -0.2, 0.3, 0]);
    const net = new Network([dense]);
    const x = random(batch * inputs, 12);
    const labels = [2, 0, 3];
    const logits = net.forward(x, batch).slice();
    // dL/dz of the SUMMED loss: p − y per row.
    const gradLogits = new Float32Array(batch * classes);
    for (let r = 0; r < batch; r++) {
      const row = Array.from(logits.subarray(r * classes, (r + 1) * classes));
      const max = Math.max(...row);
      const sum = row.reduce((s, z) => s + Math.exp(z - max), 0);
      row.forEach((z, j) => (gradLogits[r * classes + j] = Math.exp(z - max) / sum - (j === labels[r] ? 1 : 0)));
    }
    const ours = net.inputGradient(gradLogits, batch);
    expect(ours).toHaveLength(batch * inputs);
    const w = dense.kernel.value; // inputs × classes
    for (let r = 0; r < batch; r++) {
      for (let i = 0; i < inputs; i++) {
        let expected = 0;
        for (let j = 0; j < classes; j++) expected += w[i * classes + j]! * gradLogits[r * classes + j]!;
        expect(ours[r * inputs + i]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('matches finite differences of the loss through a small CNN, first layer included, and returns a new array', () => {
    const net = buildNetwork(
      [6, 6, 1],
      [
        { kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
        { kind: 'relu' },
        { kind: 'maxPool', poolSize: 2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 3 },
      ],
    );
    const batch = 2;
    const x = random(batch * 36, 5, 0, 1);
    const targets = oneHot([1, 2], 3);
    const loss = new SoftmaxCrossEntropy();
    const lossAt = (input: Float32Array): number => loss.forward(net.forward(input, batch), targets, batch, 3);
    lossAt(x);
    const grad = net.inputGradient(loss.backward(), batch);
    const first = grad.slice();
    const h = 1e-2;
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const plus = x.slice();
      plus[i]! += h;
      const minus = x.slice();
      minus[i]! -= h;
      const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[i]!));
    }
    expect(worst).toBeLessThan(2e-3);
    expect(grad).toEqual(first); // later forward/backward calls leave the returned array alone
    expect(grad.some((g) => g !== 0)).toBe(true);
  });
});
