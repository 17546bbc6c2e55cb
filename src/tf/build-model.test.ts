/**
 * buildModel against the pure spec helpers: tfjs' own parameter counts (model and per layer)
 * equal paramCounts(spec), the code text of modelCode(spec) runs and builds the same model, the
 * optimisers and L2 are what the spec says, and building and disposing leaks no tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC, inputShape, type ModelSpec } from '../lib/supervised/model-spec.ts';
import { LENET_SPEC, VGG_SPEC } from '../lib/supervised/architectures.ts';
import { modelCode } from '../lib/supervised/model-code.ts';
import { paramCounts } from '../lib/supervised/param-counts.ts';
import { buildModel, disposeModel, disposeOptimizer, makeOptimizer } from './build-model.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

const SPECS: Record<string, ModelSpec> = {
  default: DEFAULT_SPEC,
  'no hidden layer': { ...DEFAULT_SPEC, layers: [] },
  'dropout first, two dense, L2': {
    ...DEFAULT_SPEC,
    l2: 1e-4,
    optimizer: 'momentum',
    layers: [
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 256, activation: 'relu' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', units: 32, activation: 'tanh' },
    ],
  },
  'tiny sigmoid, rmsprop': { ...DEFAULT_SPEC, optimizer: 'rmsprop', layers: [{ kind: 'dense', units: 1, activation: 'sigmoid' }] },
  'default CNN': DEFAULT_CNN_SPEC,
  'CNN: pool first, valid stride-2 kernel, dropout, dense, L2': {
    ...DEFAULT_CNN_SPEC,
    l2: 1e-3,
    optimizer: 'sgd',
    layers: [
      { kind: 'maxPool', poolSize: 2, strides: 2 },
      { kind: 'conv2d', filters: 3, kernelSize: 5, strides: 2, padding: 'valid', activation: 'tanh' },
      { kind: 'dropout', rate: 0.25 },
      { kind: 'flatten' },
      { kind: 'dense', units: 12, activation: 'relu' },
    ],
  },
};

const CLASS_NAMES = { dense: 'Dense', output: 'Dense', dropout: 'Dropout', conv2d: 'Conv2D', maxPool: 'MaxPooling2D', flatten: 'Flatten' } as const;

describe('buildModel', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`has the parameter counts of paramCounts: ${name}`, () => {
      const before = tf.memory().numTensors;
      const model = buildModel(tf, spec, 1);
      const counts = paramCounts(spec);
      expect(model.countParams()).toBe(counts.total);
      expect(model.layers.map((l) => l.countParams())).toEqual(counts.layers.map((c) => c.params));
      expect(model.layers.map((l) => l.getClassName())).toEqual(counts.layers.map((c) => CLASS_NAMES[c.kind]));
      expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual(counts.layers.map((c) => c.outputShape));
      expect(model.inputs[0]!.shape).toEqual([null, ...inputShape(spec)]);
      expect(model.outputs[0]!.shape).toEqual([null, 10]);
      disposeModel(model);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('counts the parameters and shapes of the LeNet-style and VGG-style tables as tfjs does', () => {
    for (const spec of [LENET_SPEC, VGG_SPEC]) {
      const model = buildModel(tf, spec, 1);
      const counts = paramCounts(spec);
      expect(model.layers.map((l) => l.countParams())).toEqual(counts.layers.map((c) => c.params));
      expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual(counts.layers.map((c) => c.outputShape));
      disposeModel(model);
    }
  });

  it('matches the hand count of the default 784-128-10 network', () => {
    expect(paramCounts(DEFAULT_SPEC).layers.map((c) => c.params)).toEqual([784 * 128 + 128, 128 * 10 + 10]);
    expect(paramCounts(DEFAULT_SPEC).total).toBe(101_770);
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const weights = (seed: number) => {
      const model = buildModel(tf, DEFAULT_SPEC, seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      disposeModel(model);
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(4)[0]).not.toEqual(weights(3)[0]);
  });

  it('seeds convolution kernels too: the same seed gives the same filters', () => {
    const filters = (seed: number) => {
      const model = buildModel(tf, DEFAULT_CNN_SPEC, seed);
      const values = Array.from(model.layers[0]!.getWeights()[0]!.dataSync());
      disposeModel(model);
      return values;
    };
    expect(filters(5)).toEqual(filters(5));
    expect(filters(6)).not.toEqual(filters(5));
  });

  it('adds an L2 penalty on every dense kernel only when l2 > 0', () => {
    const plain = buildModel(tf, { ...DEFAULT_SPEC, layers: [{ kind: 'dense', units: 8, activation: 'relu' }] }, 1);
    expect(tf.tidy(() => plain.calculateLosses().length)).toBe(0);
    disposeModel(plain);
    const l2 = 0.01;
    const model = buildModel(tf, { ...DEFAULT_SPEC, l2, layers: [{ kind: 'dense', units: 8, activation: 'relu' }] }, 1);
    const [penalty, expected] = tf.tidy(() => {
      const losses = model.calculateLosses();
      expect(losses).toHaveLength(2);
      const kernels = model.layers.map((l) => l.getWeights()[0]!);
      return [tf.addN(losses).dataSync()[0]!, tf.addN(kernels.map((k) => tf.sum(tf.square(k)))).dataSync()[0]! * l2];
    });
    expect(penalty).toBeCloseTo(expected, 5);
    disposeModel(model);
  });

  it('compiles with the spec’s optimiser and categorical cross-entropy', () => {
    const classes = { sgd: 'SGD', momentum: 'Momentum', rmsprop: 'RMSProp', adam: 'Adam' } as const;
    for (const [optimizer, className] of Object.entries(classes)) {
      const spec = { ...DEFAULT_SPEC, optimizer: optimizer as ModelSpec['optimizer'], learningRate: 0.05, momentum: 0.8 };
      const model = buildModel(tf, spec, 1);
      expect(model.optimizer.getClassName()).toBe(className);
      expect(model.optimizer.getConfig()['learningRate']).toBe(0.05);
      if (optimizer === 'momentum') expect(model.optimizer.getConfig()['momentum']).toBe(0.8);
      expect(model.loss).toBe('categoricalCrossentropy');
      disposeModel(model);
    }
    const before = tf.memory().numTensors;
    const opt = makeOptimizer(tf, { optimizer: 'momentum', learningRate: 0.01, momentum: 0.5 });
    expect(opt.getConfig()['learningRate']).toBe(0.01);
    disposeOptimizer(opt);
    expect(tf.memory().numTensors, 'tfjs forgets one scalar of a momentum optimiser; disposeOptimizer frees it').toBe(before);
  });

  it('rejects a spec out of range with the reason in words', () => {
    expect(() => buildModel(tf, { ...DEFAULT_SPEC, layers: [{ kind: 'dense', units: 0, activation: 'relu' }] }, 1)).toThrow(
      /Layer 1 \(dense\) needs a whole number of units from 1 to 2048, not 0/,
    );
  });
});

describe('modelCode', () => {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<tf.Sequential>;

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`is code that runs and builds the same model: ${name}`, async () => {
      const code = modelCode({ ...spec, epochs: 1, batchSize: 8 });
      const run = new AsyncFunction('tf', 'xTrain', 'yTrain', 'xVal', 'yVal', 'xTest', 'yTest', 'console', `${code}\nreturn model;`);
      const x = tf.randomUniform([16, ...inputShape(spec)]);
      const y = tf
        .oneHot(
          tf.tensor1d(
            Array.from({ length: 16 }, (_, i) => i % 10),
            'int32',
          ),
          10,
        )
        .toFloat();
      const printed: unknown[][] = [];
      const quiet = { log: (...args: unknown[]) => printed.push(args) };
      const before = tf.memory().numTensors;
      const model = await run(tf, x, y, x, y, x, y, quiet);
      expect(model.countParams()).toBe(paramCounts(spec).total);
      expect(model.layers.map((l) => l.countParams())).toEqual(paramCounts(spec).layers.map((c) => c.params));
      expect(model.optimizer.getClassName().toLowerCase()).toBe(spec.optimizer);
      expect(printed.at(-1)![0]).toBe('test accuracy');
      expect(printed.at(-1)![1]).toEqual(expect.any(Number));
      disposeModel(model);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
    });
  }

  it('shows dropout and L2 only when the spec has them', () => {
    expect(modelCode(DEFAULT_SPEC)).not.toMatch(/dropout|regularizers/);
    const code = modelCode({ ...DEFAULT_SPEC, l2: 0.001, layers: [...DEFAULT_SPEC.layers, { kind: 'dropout', rate: 0.3 }] });
    expect(code).toContain('model.add(tf.layers.dropout({ rate: 0.3 }));');
    expect(code.match(/tf\.regularizers\.l2\(\{ l2: 0\.001 \}\)/g)).toHaveLength(2);
  });

  it('writes the default CNN as conv2d, maxPooling2d and flatten lines on 28 × 28 × 1 images', () => {
    expect(modelCode(DEFAULT_CNN_SPEC).split('\n').slice(0, 7)).toEqual([
      'const model = tf.sequential();',
      "model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }));",
      'model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));',
      "model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }));",
      'model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));',
      'model.add(tf.layers.flatten());',
      "model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));",
    ]);
  });
});
