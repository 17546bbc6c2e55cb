import { describe, expect, it } from 'vitest';
import { Adam, Momentum, SGD, makeOptimizer } from './optimizers.ts';
import type { Param } from './types.ts';

function param(value: number[]): Param {
  return { name: 'w', shape: [value.length], value: Float32Array.from(value), grad: new Float32Array(value.length) };
}

describe('optimizers: update arithmetic on a hand-worked example', () => {
  // One weight w = 1, learning rate 0.1, gradients 0.5 then −1.
  it('SGD: w ← w − lr·g', () => {
    const p = param([1, -2]);
    const sgd = new SGD(0.1);
    p.grad.set([0.5, 2]);
    sgd.step([p]);
    expect(p.value[0]).toBeCloseTo(0.95, 6);
    expect(p.value[1]).toBeCloseTo(-2.2, 6);
    expect(Array.from(p.grad)).toEqual([0.5, 2]); // the optimiser does not zero gradients
  });

  it('Momentum: v ← 0.9v + g, w ← w − lr·v', () => {
    const p = param([1]);
    const momentum = new Momentum(0.1, 0.9);
    p.grad[0] = 0.5;
    momentum.step([p]); // v = 0.5, w = 1 − 0.05
    expect(p.value[0]).toBeCloseTo(0.95, 6);
    p.grad[0] = -1;
    momentum.step([p]); // v = 0.45 − 1 = −0.55, w = 0.95 + 0.055
    expect(p.value[0]).toBeCloseTo(1.005, 6);
  });

  it('Adam: moments with bias correction, ε added after the square root (as tfjs)', () => {
    const p = param([1]);
    const adam = new Adam(0.1);
    expect([adam.beta1, adam.beta2, adam.epsilon]).toEqual([0.9, 0.999, 1e-7]);
    p.grad[0] = 0.5;
    adam.step([p]);
    // m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25; w = 1 − 0.1·0.5/(0.5 + 1e-7)
    expect(p.value[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-7), 6);
    p.grad[0] = -1;
    adam.step([p]);
    // m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975
    // m̂ = −0.055/0.19 = −0.28947, v̂ = 0.00124975/0.001999 = 0.62519; w += 0.1·0.28947/(0.79069 + 1e-7)
    expect(p.value[0]).toBeCloseTo(0.93661037, 6);
    expect(adam.iterations).toBe(2);
  });

  it("Adam's first step moves every weight by about lr, whatever the gradient scale", () => {
    const p = param([0, 0, 0]);
    p.grad.set([1e-3, 1, -1e3]);
    new Adam(0.01).step([p]);
    Array.from(p.value).forEach((v, i) => expect(v).toBeCloseTo(i === 2 ? 0.01 : -0.01, 4));
  });

  it('makeOptimizer builds each kind with tfjs defaults and rejects bad settings', () => {
    expect(makeOptimizer({ kind: 'sgd', learningRate: 0.1 }).kind).toBe('SGD');
    const momentum = makeOptimizer({ kind: 'momentum', learningRate: 0.1 }) as Momentum;
    expect(momentum.momentum).toBe(0.9);
    const adam = makeOptimizer({ kind: 'adam', learningRate: 0.002, beta2: 0.99 }) as Adam;
    expect([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon]).toEqual([0.002, 0.9, 0.99, 1e-7]);
    expect(() => new SGD(0)).toThrow('learning rate must be a positive number');
    expect(() => makeOptimizer({ kind: 'rmsprop', learningRate: 1 } as never)).toThrow('Unknown optimizer "rmsprop"');
  });
});
