import { describe, expect, it } from 'vitest';
import { Dense } from './dense.ts';
import { checkLayerGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

/** Random values in [-1, 1); `zeroFraction` of them set to exactly 0 (like MNIST pixels). */
function randomMatrix(length: number, seed: number, zeroFraction = 0): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rand() < zeroFraction ? 0 : rand() * 2 - 1;
  return out;
}

/** The textbook triple loop, in doubles, for comparison. */
function naiveForward(x: Float32Array, w: Float32Array, b: Float32Array, batch: number, inputs: number, units: number): number[] {
  const y: number[] = [];
  for (let r = 0; r < batch; r++) {
    for (let j = 0; j < units; j++) {
      let sum = b[j] as number;
      for (let k = 0; k < inputs; k++) sum += (x[r * inputs + k] as number) * (w[k * units + j] as number);
      y.push(sum);
    }
  }
  return y;
}

describe('Dense', () => {
  it('computes X·W + b with the kernel stored inputs × units, row-major', () => {
    const dense = new Dense(2, 3, { init: 'zeros' });
    dense.kernel.value.set([1, 2, 3, 4, 5, 6]); // row k = input k's weights to the 3 units
    dense.bias.value.set([0.5, -0.5, 1]);
    const y = dense.forward(new Float32Array([1, 0, 2, -1]), 2);
    expect(Array.from(y)).toEqual([1.5, 1.5, 4, 2 - 4 + 0.5, 4 - 5 - 0.5, 6 - 6 + 1]);
  });

  it('matches the naive triple loop for every width (blocks of 8 and the remainder), with sparse inputs', () => {
    for (const units of [1, 3, 8, 10, 17, 128]) {
      const inputs = 23;
      const batch = 5;
      const dense = new Dense(inputs, units, { init: 'glorot', seed: units });
      dense.bias.value.set(randomMatrix(units, 99));
      const x = randomMatrix(batch * inputs, units + 1, 0.6);
      const y = dense.forward(x, batch);
      const expected = naiveForward(x, dense.kernel.value, dense.bias.value, batch, inputs, units);
      expect(y.length).toBe(batch * units);
      y.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
    }
  });

  it('passes a finite-difference gradient check on kernel, bias and input', () => {
    for (const units of [1, 4, 9]) {
      const dense = new Dense(6, units, { init: 'glorot', seed: 5 });
      dense.bias.value.set(randomMatrix(units, 3));
      const x = randomMatrix(4 * 6, 11, 0.3);
      const result = checkLayerGradients(dense, x, 4, { epsilon: 1e-2 });
      expect(result.checked).toBe(6 * units + units + 24);
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-3);
    }
  });

  it('accumulates gradients across backward calls until they are zeroed', () => {
    const dense = new Dense(3, 2, { seed: 2 });
    const x = new Float32Array([1, 2, 3]);
    const dy = new Float32Array([1, -1]);
    dense.forward(x, 1);
    dense.backward(dy, 1);
    const once = dense.kernel.grad.slice();
    dense.forward(x, 1);
    dense.backward(dy, 1);
    expect(Array.from(dense.kernel.grad)).toEqual(Array.from(once, (v) => 2 * v));
    expect(Array.from(once)).toEqual([1, -1, 2, -2, 3, -3]);
    expect(Array.from(dense.bias.grad)).toEqual([2, -2]);
  });

  it('skips the input gradient when it is not needed', () => {
    const dense = new Dense(3, 2, { seed: 2 });
    dense.forward(new Float32Array([1, 2, 3]), 1);
    expect(dense.backward(new Float32Array([1, 1]), 1, false).length).toBe(0);
    expect(dense.kernel.grad.some((v) => v !== 0)).toBe(true);
  });

  it('reuses its buffers: the same batch returns the same array object', () => {
    const dense = new Dense(4, 3, { seed: 1 });
    const x = randomMatrix(8, 1);
    const first = dense.forward(x, 2);
    const second = dense.forward(x, 2);
    expect(second).toBe(first);
    const g1 = dense.backward(new Float32Array(6).fill(1), 2);
    dense.forward(x, 2);
    const g2 = dense.backward(new Float32Array(6).fill(1), 2);
    expect(g2).toBe(g1);
    // A smaller batch is a view over the same memory (no new buffer), of exactly batch × units values.
    const smaller = dense.forward(x, 1);
    expect(smaller.length).toBe(3);
    expect(smaller.buffer).toBe(first.buffer);
  });

  it('initialises deterministically: He and Glorot with the right spread, zeros, same seed same weights', () => {
    const he = new Dense(400, 50, { init: 'he', seed: 4 }).kernel.value;
    const again = new Dense(400, 50, { init: 'he', seed: 4 }).kernel.value;
    expect(Array.from(again)).toEqual(Array.from(he));
    const std = Math.sqrt(he.reduce((s, v) => s + v * v, 0) / he.length);
    expect(std).toBeGreaterThan(Math.sqrt(2 / 400) * 0.95);
    expect(std).toBeLessThan(Math.sqrt(2 / 400) * 1.05);
    const glorot = new Dense(400, 50, { init: 'glorot', seed: 4 }).kernel.value;
    const limit = Math.sqrt(6 / 450);
    expect(glorot.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(Math.max(...glorot)).toBeGreaterThan(limit * 0.99);
    expect(new Dense(10, 3, { init: 'zeros' }).kernel.value.every((v) => v === 0)).toBe(true);
    expect(new Dense(10, 3, { name: 'dense7' }).kernel.name).toBe('dense7.kernel');
  });

  it('explains a width mismatch', () => {
    const dense = new Dense(784, 10);
    expect(() => dense.forward(new Float32Array(10), 1)).toThrow("Dense expects inputs of width 784, got 10: check the previous layer's units");
    expect(() => dense.outputSize(64)).toThrow("Dense expects inputs of width 784, got 64: check the previous layer's units");
    expect(() => new Dense(0, 3)).toThrow('inputSize must be a positive integer');
    const small = new Dense(2, 2);
    small.forward(new Float32Array(4), 2);
    expect(() => small.backward(new Float32Array(2), 1)).toThrow('last forward batch was 2');
  });
});
