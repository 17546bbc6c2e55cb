import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, Momentum, SGD } from '../nn/optimizers.ts';
import type { Optimizer, Param } from '../nn/types.ts';
import { makeStepper, OPTIMIZER_KINDS, type OptimizerKind, type Point } from './steppers.ts';
import { SURFACES } from './surfaces.ts';

/** `n` steps of a stepper on a surface's gradient, from `start`; every point of the path. */
function run(kind: OptimizerKind, start: Point, n: number, learningRate: number, momentum = 0.9): Point[] {
  const stepper = makeStepper(kind, { learningRate, momentum });
  const surface = SURFACES.rosenbrock;
  const path = [start];
  for (let i = 0; i < n; i++) {
    const p = path[path.length - 1]!;
    path.push(stepper.step(p, surface.gradient(p[0], p[1])));
  }
  return path;
}

describe('optimiser steppers: first steps by hand', () => {
  // p = (1, −2), gradients (0.5, 2) then (−1, 0.5), learning rate 0.1.
  const g1: Point = [0.5, 2];
  const g2: Point = [-1, 0.5];

  it('SGD: p ← p − lr·g', () => {
    const s = makeStepper('sgd', { learningRate: 0.1 });
    const p1 = s.step([1, -2], g1);
    expect(p1[0]).toBeCloseTo(0.95, 12);
    expect(p1[1]).toBeCloseTo(-2.2, 12);
  });

  it('Momentum: v ← β·v + g, p ← p − lr·v', () => {
    const s = makeStepper('momentum', { learningRate: 0.1, momentum: 0.5 });
    const p1 = s.step([1, -2], g1); // v = (0.5, 2)
    expect(p1).toEqual([expect.closeTo(0.95, 12), expect.closeTo(-2.2, 12)]);
    const p2 = s.step(p1, g2); // v = (0.25 − 1, 1 + 0.5) = (−0.75, 1.5)
    expect(p2).toEqual([expect.closeTo(1.025, 12), expect.closeTo(-2.35, 12)]);
  });

  it('RMSProp: s ← 0.9·s + 0.1·g², p ← p − lr·g/√(s + ε)', () => {
    const s = makeStepper('rmsprop', { learningRate: 0.1 });
    const p1 = s.step([1, -2], g1); // s = (0.025, 0.4): steps 0.1·0.5/√0.025 = 0.316228, 0.1·2/√0.4 = 0.316228
    expect(p1[0]).toBeCloseTo(1 - 0.1 * (0.5 / Math.sqrt(0.025 + 1e-7)), 12);
    expect(p1[0]).toBeCloseTo(0.683772, 5);
    expect(p1[1]).toBeCloseTo(-2.316228, 5);
    const p2 = s.step(p1, g2); // s = (0.0225 + 0.1, 0.36 + 0.025)
    expect(p2[0]).toBeCloseTo(p1[0] + 0.1 / Math.sqrt(0.1225 + 1e-7), 12);
    expect(p2[1]).toBeCloseTo(p1[1] - 0.05 / Math.sqrt(0.385 + 1e-7), 12);
  });

  it('Adam: bias-corrected moments, the first step is lr in each coordinate', () => {
    const s = makeStepper('adam', { learningRate: 0.1 });
    const p1 = s.step([1, -2], g1);
    expect(p1[0]).toBeCloseTo(0.9, 6);
    expect(p1[1]).toBeCloseTo(-2.1, 6);
    // Step 2, x: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001; m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999.
    const p2 = s.step(p1, g2);
    expect(p2[0]).toBeCloseTo(p1[0] + (0.1 * (0.055 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-7), 10);
  });

  it('rejects a learning rate that is not positive and a β outside [0, 1)', () => {
    expect(() => makeStepper('sgd', { learningRate: 0 })).toThrow(/positive/);
    expect(() => makeStepper('momentum', { learningRate: 0.1, momentum: 1 })).toThrow(/\[0, 1\)/);
  });
});

describe("optimiser steppers agree with the from-scratch engine's optimisers", () => {
  const engines: [OptimizerKind, () => Optimizer][] = [
    ['sgd', () => new SGD(0.001)],
    ['momentum', () => new Momentum(0.001, 0.9)],
    ['adam', () => new Adam(0.001)],
  ];
  it.each(engines)('%s: 20 steps on Rosenbrock from (−1.2, 1)', (kind, make) => {
    const engine = make();
    const param: Param = { name: 'p', shape: [2], value: Float32Array.from([-1.2, 1]), grad: new Float32Array(2) };
    const ours = run(kind, [-1.2, 1], 20, 0.001);
    for (let i = 1; i <= 20; i++) {
      param.grad.set(SURFACES.rosenbrock.gradient(param.value[0]!, param.value[1]!));
      engine.step([param]);
      expect(param.value[0]).toBeCloseTo(ours[i]![0], 4);
      expect(param.value[1]).toBeCloseTo(ours[i]![1], 4);
    }
  });
});

describe('optimiser steppers agree with tfjs (tf.train.*) step for step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const tfOptimizer = (kind: OptimizerKind, lr: number, beta: number): tf.Optimizer => {
    switch (kind) {
      case 'sgd':
        return tf.train.sgd(lr);
      case 'momentum':
        return tf.train.momentum(lr, beta);
      case 'rmsprop':
        return tf.train.rmsprop(lr);
      case 'adam':
        return tf.train.adam(lr);
    }
  };

  it.each(OPTIMIZER_KINDS)('%s: 10 steps on Rosenbrock, momentum β 0.8', (kind) => {
    const optimizer = tfOptimizer(kind, 0.001, 0.8);
    const p = tf.variable(tf.tensor1d([-1.2, 1]));
    const ours = run(kind, [-1.2, 1], 10, 0.001, 0.8);
    for (let i = 1; i <= 10; i++) {
      optimizer.minimize(() => {
        const [x, y] = tf.split(p, 2) as [tf.Tensor1D, tf.Tensor1D];
        return tf.sum(tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x)))))) as tf.Scalar;
      });
      const [x, y] = p.dataSync();
      expect(x).toBeCloseTo(ours[i]![0], 3);
      expect(y).toBeCloseTo(ours[i]![1], 3);
    }
    optimizer.dispose();
    p.dispose();
  });
});
