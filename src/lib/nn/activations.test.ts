import { describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Softmax, Tanh, sigmoid, softmaxRow } from './activations.ts';
import { checkLayerGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

/** Values in ±[0.1, 2): kept away from 0 so a ReLU's kink is never within ε of an input. */
function awayFromZero(length: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => (rand() < 0.5 ? -1 : 1) * (0.1 + rand() * 1.9));
}

describe('sigmoid', () => {
  it('is the logistic function and stays finite for huge |z|', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(sigmoid(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid(-1000))).toBe(false);
    expect(sigmoid(-40)).toBeGreaterThan(0); // 1/(1+e^40) is tiny but not 0
  });
});

describe('softmaxRow', () => {
  it('gives probabilities summing to 1 without overflow, and the log-sum-exp', () => {
    const out = new Float32Array(3);
    const lse = softmaxRow([1000, 1001, 1002], 0, 3, out, 0);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0]! + e[1]! + e[2]!;
    Array.from(out).forEach((p, i) => expect(p).toBeCloseTo(e[i]! / s, 6));
    expect(lse).toBeCloseTo(1002 + Math.log(s), 10);
  });
});

describe('activation layers', () => {
  it('compute their functions element-wise', () => {
    const x = new Float32Array([-2, -0.5, 0, 0.5, 2, 3]);
    expect(Array.from(new ReLU().forward(x, 2))).toEqual([0, 0, 0, 0.5, 2, 3]);
    Array.from(new Sigmoid().forward(x, 2)).forEach((v, i) => expect(v).toBeCloseTo(sigmoid(x[i]!), 6));
    Array.from(new Tanh().forward(x, 2)).forEach((v, i) => expect(v).toBeCloseTo(Math.tanh(x[i]!), 6));
    const softmax = new Softmax();
    softmax.outputSize(3);
    const p = softmax.forward(x, 2);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 6);
    expect(p[3]! + p[4]! + p[5]!).toBeCloseTo(1, 6);
    expect(p[5]).toBeGreaterThan(p[4]!);
  });

  it('ReLU passes the gradient only where its input was positive', () => {
    const relu = new ReLU();
    relu.forward(new Float32Array([-1, 0, 2]), 1);
    expect(Array.from(relu.backward(new Float32Array([5, 5, 5]), 1))).toEqual([0, 0, 5]);
  });

  for (const [name, make] of [
    ['ReLU', () => new ReLU()],
    ['Sigmoid', () => new Sigmoid()],
    ['Tanh', () => new Tanh()],
    ['Softmax', () => new Softmax()],
  ] as const) {
    it(`${name} passes a finite-difference gradient check`, () => {
      const layer = make();
      layer.outputSize(5);
      const x = awayFromZero(3 * 5, name.length);
      const result = checkLayerGradients(layer, x, 3, { epsilon: 1e-2 });
      expect(result.checked).toBe(15);
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-3);
    });
  }

  it('reuse their buffers', () => {
    const tanh = new Tanh();
    const x = awayFromZero(6, 1);
    expect(tanh.forward(x, 2)).toBe(tanh.forward(x, 2));
    const g = new Float32Array(6).fill(1);
    expect(tanh.backward(g, 2)).toBe(tanh.backward(g, 2));
  });

  it('explain shape errors', () => {
    const softmax = new Softmax();
    softmax.outputSize(10);
    expect(() => softmax.forward(new Float32Array(5), 1)).toThrow("Softmax expects inputs of width 10, got 5: check the previous layer's units");
    expect(() => new ReLU().forward(new Float32Array(5), 2)).toThrow('5 values do not split into 2 rows');
    const relu = new ReLU();
    relu.forward(new Float32Array(4), 2);
    expect(() => relu.backward(new Float32Array(2), 1)).toThrow('call forward first');
  });
});
