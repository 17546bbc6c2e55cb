/**
 * The from-scratch engine (src/lib/nn) against TensorFlow.js (cpu backend) on the SAME weights:
 * forward outputs of every layer kind and of multi-layer networks, every loss value, the
 * gradients of every parameter (tf.grads / tf.variableGrads) and the weights after optimiser
 * steps (tf.train.sgd / momentum / adam), all within 1e-4. Kernels are inputs × units
 * row-major in both. Every test also checks that it left no tfjs tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Softmax, Tanh } from '../lib/nn/activations.ts';
import { Dense } from '../lib/nn/dense.ts';
import { BinaryCrossEntropy, CrossEntropy, MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from '../lib/nn/losses.ts';
import { buildNetwork, Network } from '../lib/nn/network.ts';
import { Adam, Momentum, SGD } from '../lib/nn/optimizers.ts';
import type { Layer, Loss, Optimizer, Param } from '../lib/nn/types.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';

const TOL = 1e-4;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe('cpu');
});

/** Runs `f` and checks that it left tf.memory().numTensors where it found it. */
async function noLeaks(f: () => void | Promise<void>): Promise<void> {
  const start = tf.memory().numTensors;
  await f();
  expect(tf.memory().numTensors).toBe(start);
}

/** Uniform values in [lo, hi), seeded. */
function random(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/** One-hot rows for seeded random classes. */
function oneHot(batch: number, classes: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(batch * classes);
  for (let r = 0; r < batch; r++) out[r * classes + Math.floor(rand() * classes)] = 1;
  return out;
}

/** Seeded 0/1 labels. */
function bits(length: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => (rand() < 0.5 ? 0 : 1));
}

/** Largest |a − b|, after checking the lengths agree. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= m)) m = d; // NaN propagates (and fails the check)
  }
  return m;
}

function expectClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, what: string): void {
  const d = maxDiff(ours, theirs);
  expect(d, `${what}: max |engine − tfjs| = ${d}`).toBeLessThanOrEqual(TOL);
}

/** Sets every parameter of `params` to seeded random values (scaled by `scale`). */
function randomiseParams(params: readonly Param[], seed: number, scale = 0.5): void {
  params.forEach((p, i) => p.value.set(random(p.value.length, seed + 101 * i, -scale, scale)));
}

/** The tfjs counterpart of one engine layer, applied to a 2D tensor. */
function tfLayer(layer: Layer, x: tf.Tensor2D): tf.Tensor2D {
  switch (layer.kind) {
    case 'Dense': {
      const d = layer as Dense;
      const w = tf.tensor2d(d.kernel.value.slice(), d.kernel.shape as [number, number]);
      const b = tf.tensor1d(d.bias.value.slice());
      return tf.add(tf.matMul(x, w), b);
    }
    case 'ReLU':
      return tf.relu(x);
    case 'Sigmoid':
      return tf.sigmoid(x);
    case 'Tanh':
      return tf.tanh(x);
    case 'Softmax':
      return tf.softmax(x);
    default:
      throw new Error(`no tfjs counterpart for layer kind ${layer.kind}`);
  }
}

/** tfjs forward of a whole network with variables standing for its parameters (params order). */
function tfForward(net: Network, x: tf.Tensor2D, vars: readonly tf.Tensor[]): tf.Tensor2D {
  let h = x;
  let v = 0;
  for (const layer of net.layers) {
    if (layer.kind === 'Dense') {
      h = tf.add(tf.matMul(h, vars[v]! as tf.Tensor2D), vars[v + 1]!);
      v += 2;
    } else {
      h = tfLayer(layer, h);
    }
  }
  return h;
}

describe('forward outputs match tfjs', () => {
  const batch = 5;

  it('Dense: X·W + b', () =>
    noLeaks(async () => {
      const dense = new Dense(7, 4, { seed: 3 });
      randomiseParams(dense.params(), 10);
      const x = random(batch * 7, 1);
      const ours = Float32Array.from(dense.forward(x, batch));
      const theirs = tf.tidy(() => tfLayer(dense, tf.tensor2d(x, [batch, 7])));
      expectClose(ours, await theirs.data(), 'Dense forward');
      theirs.dispose();
    }));

  for (const make of [() => new ReLU(), () => new Sigmoid(), () => new Tanh(), () => new Softmax()]) {
    const layer: Layer = make();
    it(`${layer.kind}, including large inputs`, () =>
      noLeaks(async () => {
        const width = 6;
        const x = random(batch * width, 2, -4, 4);
        x[0] = 40; // sigmoid/softmax must stay finite for large |z|
        x[1] = -40;
        x[width] = 90;
        layer.outputSize(width);
        const ours = Float32Array.from(layer.forward(x, batch));
        const theirs = tf.tidy(() => tfLayer(layer, tf.tensor2d(x, [batch, width])));
        expectClose(ours, await theirs.data(), `${layer.kind} forward`);
        theirs.dispose();
      }));
  }

  it('a multi-layer network (Dense, ReLU, Dense, Tanh, Dense, Sigmoid, Dense, Softmax)', () =>
    noLeaks(async () => {
      const net = buildNetwork(
        9,
        [
          { kind: 'dense', units: 12 },
          { kind: 'relu' },
          { kind: 'dense', units: 8 },
          { kind: 'tanh' },
          { kind: 'dense', units: 6 },
          { kind: 'sigmoid' },
          { kind: 'dense', units: 4 },
          { kind: 'softmax' },
        ],
        { seed: 4 },
      );
      randomiseParams(net.params(), 20, 0.6);
      const x = random(batch * 9, 5);
      const ours = Float32Array.from(net.forward(x, batch));
      const theirs = tf.tidy(() => {
        let h = tf.tensor2d(x, [batch, 9]);
        for (const layer of net.layers) h = tfLayer(layer, h);
        return h;
      });
      expect(theirs.shape).toEqual([batch, 4]);
      expectClose(ours, await theirs.data(), 'network forward');
      theirs.dispose();
      // predict (chunked) gives the same rows.
      expectClose(net.predict(x, batch), ours, 'predict vs forward');
    }));
});

describe('backward: input and parameter gradients match tf.grads', () => {
  const batch = 4;

  it('Dense: dW = Xᵀ·dY, db = Σ dY, dX = dY·Wᵀ', () =>
    noLeaks(async () => {
      const dense = new Dense(6, 3, { seed: 1 });
      randomiseParams(dense.params(), 30);
      const x = random(batch * 6, 6);
      x[2] = 0; // zero inputs take the engine's sparse path
      x[9] = 0;
      const dy = random(batch * 3, 7);
      dense.forward(x, batch);
      for (const p of dense.params()) p.grad.fill(0);
      const dx = Float32Array.from(dense.backward(dy, batch, true));

      const [gx, gw, gb] = tf.tidy(() => {
        const g = tf.grads((xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor) =>
          tf.sum(tf.mul(tf.add(tf.matMul(xt as tf.Tensor2D, wt as tf.Tensor2D), bt), tf.tensor2d(dy, [batch, 3]))),
        );
        return g([tf.tensor2d(x, [batch, 6]), tf.tensor2d(dense.kernel.value, [6, 3]), tf.tensor1d(dense.bias.value)]);
      }) as [tf.Tensor, tf.Tensor, tf.Tensor];
      expectClose(dx, await gx.data(), 'Dense dX');
      expectClose(dense.kernel.grad, await gw.data(), 'Dense dW');
      expectClose(dense.bias.grad, await gb.data(), 'Dense db');
      tf.dispose([gx, gw, gb]);
    }));

  for (const make of [() => new ReLU(), () => new Sigmoid(), () => new Tanh(), () => new Softmax()]) {
    const layer: Layer = make();
    it(`${layer.kind}: dX`, () =>
      noLeaks(async () => {
        const width = 5;
        const x = random(batch * width, 8, -3, 3);
        const dy = random(batch * width, 9);
        layer.outputSize(width);
        layer.forward(x, batch);
        const dx = Float32Array.from(layer.backward(dy, batch, true));
        const theirs = tf.tidy(() =>
          tf.grad((xt: tf.Tensor) => tf.sum(tf.mul(tfLayer(layer, xt as tf.Tensor2D), tf.tensor2d(dy, [batch, width]))))(
            tf.tensor2d(x, [batch, width]),
          ),
        );
        expectClose(dx, await theirs.data(), `${layer.kind} dX`);
        theirs.dispose();
      }));
  }
});

/** A loss, its tfjs counterpart (mean over the batch) and the outputs/targets to try it on. */
interface LossCase {
  name: string;
  make: () => Loss;
  width: number;
  output: (batch: number, width: number) => Float32Array;
  targets: (batch: number, width: number) => Float32Array;
  tfLoss: (targets: tf.Tensor2D, output: tf.Tensor2D) => tf.Scalar;
}

/** Probabilities (rows summing to 1): softmax of seeded logits. */
function probabilities(batch: number, width: number, seed: number): Float32Array {
  const z = random(batch * width, seed, -2, 2);
  for (let r = 0; r < batch; r++) {
    const row = z.subarray(r * width, (r + 1) * width);
    let sum = 0;
    for (let j = 0; j < width; j++) sum += row[j] = Math.exp(row[j]!);
    for (let j = 0; j < width; j++) row[j] = row[j]! / sum;
  }
  return z;
}

const LOSS_CASES: LossCase[] = [
  {
    name: 'SoftmaxCrossEntropy (on logits)',
    make: () => new SoftmaxCrossEntropy(),
    width: 4,
    output: (b, w) => {
      const z = random(b * w, 11, -3, 3);
      z[0] = 60; // stable for large logits
      return z;
    },
    targets: (b, w) => oneHot(b, w, 12),
    tfLoss: (y, z) => tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar,
  },
  {
    name: 'SigmoidBinaryCrossEntropy (on logits, 2 outputs: mean over all values)',
    make: () => new SigmoidBinaryCrossEntropy(),
    width: 2,
    output: (b, w) => {
      const z = random(b * w, 13, -3, 3);
      z[0] = 50;
      z[1] = -50;
      return z;
    },
    targets: (b, w) => bits(b * w, 14),
    tfLoss: (y, z) => tf.losses.sigmoidCrossEntropy(y, z) as tf.Scalar,
  },
  {
    name: 'BinaryCrossEntropy (on probabilities, 2 outputs: mean over all values)',
    make: () => new BinaryCrossEntropy(),
    width: 2,
    output: (b, w) => random(b * w, 15, 0.02, 0.98),
    targets: (b, w) => bits(b * w, 16),
    // tf.metrics.binaryCrossentropy: the Keras loss (clips to [1e-7, 1 − 1e-7]), mean over a row's outputs.
    tfLoss: (y, p) => tf.mean(tf.metrics.binaryCrossentropy(y, p)) as tf.Scalar,
  },
  {
    name: 'CrossEntropy (on probabilities)',
    make: () => new CrossEntropy(),
    width: 4,
    output: (b, w) => probabilities(b, w, 17),
    targets: (b, w) => oneHot(b, w, 18),
    // −Σ y log p per row, clipped to [1e-7, 1 − 1e-7]. (tf.metrics.categoricalCrossentropy has the same
    // value but first divides p by its row sum, which adds 1/batch to every gradient entry.)
    tfLoss: (y, p) => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), 1))) as tf.Scalar,
  },
  {
    name: 'MeanSquaredError (3 outputs: mean over all values)',
    make: () => new MeanSquaredError(),
    width: 3,
    output: (b, w) => random(b * w, 19, -2, 2),
    targets: (b, w) => random(b * w, 20, -2, 2),
    tfLoss: (y, p) => tf.losses.meanSquaredError(y, p) as tf.Scalar,
  },
];

describe('losses: value and dL/d(output) match tfjs', () => {
  const batch = 6;
  for (const c of LOSS_CASES) {
    it(c.name, () =>
      noLeaks(async () => {
        const output = c.output(batch, c.width);
        const targets = c.targets(batch, c.width);
        const loss = c.make();
        const value = loss.forward(output, targets, batch, c.width);
        const grad = Float32Array.from(loss.backward());
        const { value: tv, grad: tg } = tf.tidy(() =>
          tf.valueAndGrad((o: tf.Tensor) => c.tfLoss(tf.tensor2d(targets, [batch, c.width]), o as tf.Tensor2D))(
            tf.tensor2d(output, [batch, c.width]),
          ),
        );
        expect(Math.abs(value - (await tv.data())[0]!), `${c.name} value ${value}`).toBeLessThanOrEqual(TOL);
        expectClose(grad, await tg.data(), `${c.name} gradient`);
        tf.dispose([tv, tg]);
      }),
    );
  }
});

/** Engine gradients of every param for one batch (zeroed first). */
function engineGradients(net: Network, loss: Loss, x: Float32Array, y: Float32Array, batch: number): { value: number; grads: Float32Array[] } {
  net.zeroGrads();
  const out = net.forward(x, batch);
  const value = loss.forward(out, y, batch, net.outputSize);
  net.backward(loss.backward(), batch);
  return { value, grads: net.params().map((p) => Float32Array.from(p.grad)) };
}

/**
 * optimizer.dispose(), plus the learning-rate scalar `c` that tfjs 4.22's MomentumOptimizer
 * inherits from SGDOptimizer but does not dispose (its dispose() skips super.dispose()).
 */
function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}

/** tfjs variables holding a network's current parameters (params order). */
function variablesOf(net: Network): tf.Variable[] {
  return net.params().map((p) => tf.tidy(() => tf.variable(tf.tensor(p.value.slice(), [...p.shape]))));
}

describe('gradients of every parameter match tf.variableGrads', () => {
  const batch = 8;
  const cases = [
    {
      name: 'Dense-ReLU-Dense-Tanh-Dense with softmax cross-entropy',
      specs: [{ kind: 'dense', units: 10 }, { kind: 'relu' }, { kind: 'dense', units: 7 }, { kind: 'tanh' }, { kind: 'dense', units: 4 }] as const,
      loss: () => new SoftmaxCrossEntropy(),
      targets: (b: number) => oneHot(b, 4, 31),
      tfLoss: (y: tf.Tensor2D, z: tf.Tensor2D) => tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar,
    },
    {
      name: 'Dense-Sigmoid-Dense-ReLU-Dense(1) with sigmoid binary cross-entropy',
      specs: [{ kind: 'dense', units: 9 }, { kind: 'sigmoid' }, { kind: 'dense', units: 5 }, { kind: 'relu' }, { kind: 'dense', units: 1 }] as const,
      loss: () => new SigmoidBinaryCrossEntropy(),
      targets: (b: number) => bits(b, 32),
      tfLoss: (y: tf.Tensor2D, z: tf.Tensor2D) => tf.losses.sigmoidCrossEntropy(y, z) as tf.Scalar,
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      noLeaks(async () => {
        const net = buildNetwork(6, [...c.specs], { seed: 5 });
        randomiseParams(net.params(), 40, 0.7);
        const x = random(batch * 6, 33, 0, 1);
        x[0] = 0; // like MNIST: some exact zeros
        x[7] = 0;
        const y = c.targets(batch);
        const ours = engineGradients(net, c.loss(), x, y, batch);

        const vars = variablesOf(net);
        const { value, grads } = tf.tidy(() =>
          tf.variableGrads(() => c.tfLoss(tf.tensor2d(y, [batch, net.outputSize]), tfForward(net, tf.tensor2d(x, [batch, 6]), vars)), vars),
        );
        expect(Math.abs(ours.value - (await value.data())[0]!)).toBeLessThanOrEqual(TOL);
        const params = net.params();
        expect(Object.keys(grads)).toHaveLength(params.length);
        for (let i = 0; i < params.length; i++) {
          expectClose(ours.grads[i]!, await grads[vars[i]!.name]!.data(), `d loss / d ${params[i]!.name}`);
        }
        tf.dispose([value, ...Object.values(grads), ...vars]);
      }),
    );
  }
});

describe('optimisers: weights after training steps match tf.train', () => {
  const batch = 8;
  const optimizers: Array<{ name: string; ours: () => Optimizer; theirs: () => tf.Optimizer }> = [
    { name: 'SGD (lr 0.1)', ours: () => new SGD(0.1), theirs: () => tf.train.sgd(0.1) },
    { name: 'Momentum (lr 0.05, 0.9)', ours: () => new Momentum(0.05, 0.9), theirs: () => tf.train.momentum(0.05, 0.9) },
    { name: 'Adam (lr 0.01, defaults)', ours: () => new Adam(0.01), theirs: () => tf.train.adam(0.01, 0.9, 0.999, 1e-7) },
  ];

  for (const o of optimizers) {
    it(`${o.name}: one step on given gradients`, () =>
      noLeaks(async () => {
        const dense = new Dense(5, 3, { seed: 2 });
        randomiseParams(dense.params(), 50);
        const params = dense.params();
        const vars = params.map((p) => tf.tidy(() => tf.variable(tf.tensor(p.value.slice(), [...p.shape]))));
        params.forEach((p, i) => p.grad.set(random(p.grad.length, 60 + i)));
        o.ours().step(params);
        const optimizer = o.theirs();
        tf.tidy(() => {
          const grads: Record<string, tf.Tensor> = {};
          params.forEach((p, i) => (grads[vars[i]!.name] = tf.tensor(p.grad, [...p.shape])));
          optimizer.applyGradients(grads);
        });
        for (let i = 0; i < params.length; i++) expectClose(params[i]!.value, await vars[i]!.data(), `${o.name} ${params[i]!.name}`);
        disposeOptimizer(optimizer);
        tf.dispose(vars);
      }));

    it(`${o.name}: three trainBatch steps of a network with softmax cross-entropy`, () =>
      noLeaks(async () => {
        const net = new Network([new Dense(6, 8, { seed: 7 }), new ReLU(), new Dense(8, 3, { seed: 8 })]);
        randomiseParams(net.params(), 70, 0.6);
        const vars = variablesOf(net);
        const loss = new SoftmaxCrossEntropy();
        const ours = o.ours();
        const optimizer = o.theirs();
        for (let step = 0; step < 3; step++) {
          const x = random(batch * 6, 80 + step, 0, 1);
          const y = oneHot(batch, 3, 90 + step);
          const value = net.trainBatch(x, y, batch, loss, ours);
          const cost = optimizer.minimize(
            () => tf.losses.softmaxCrossEntropy(tf.tensor2d(y, [batch, 3]), tfForward(net, tf.tensor2d(x, [batch, 6]), vars)) as tf.Scalar,
            true,
            vars,
          )!;
          expect(Math.abs(value - (await cost.data())[0]!), `loss at step ${step}`).toBeLessThanOrEqual(TOL);
          cost.dispose();
        }
        const params = net.params();
        for (let i = 0; i < params.length; i++) expectClose(params[i]!.value, await vars[i]!.data(), `${o.name} ${params[i]!.name} after 3 steps`);
        disposeOptimizer(optimizer);
        tf.dispose(vars);
      }));
  }
});
