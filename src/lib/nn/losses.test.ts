import { describe, expect, it } from 'vitest';
import { BinaryCrossEntropy, CrossEntropy, MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy, makeLoss } from './losses.ts';
import { checkLossGradients } from './gradcheck.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import type { LossKind } from './types.ts';

const batch = 4;
const width = 3;

function random(length: number, seed: number, low: number, high: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => low + rand() * (high - low));
}

function oneHot(labels: number[], classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, r) => (out[r * classes + label] = 1));
  return out;
}

/** Probability rows (positive, summing to 1). */
function probabilityRows(seed: number): Float32Array {
  const p = random(batch * width, seed, 0.1, 1);
  for (let r = 0; r < batch; r++) {
    const s = p[r * 3]! + p[r * 3 + 1]! + p[r * 3 + 2]!;
    for (let j = 0; j < 3; j++) p[r * 3 + j]! /= s;
  }
  return p;
}

describe('losses: values', () => {
  it('softmax cross-entropy is the mean of −log softmax at the target class, stable for huge logits', () => {
    const loss = new SoftmaxCrossEntropy();
    const logits = new Float32Array([1, 2, 3, 1000, 0, 0]);
    const value = loss.forward(logits, oneHot([2, 0], 3), 2, 3);
    const first = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    expect(value).toBeCloseTo((first + 0) / 2, 6);
    const grad = loss.backward();
    expect(Array.from(grad.subarray(3))).toEqual([0, 0, 0]); // already certain and right
    expect(grad[2]).toBeCloseTo((Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1) / 2, 6);
  });

  it('sigmoid binary cross-entropy on logits equals BCE on probabilities, and is finite for huge logits', () => {
    const z = new Float32Array([-2, 0.5, 3, -1]);
    const y = new Float32Array([0, 1, 1, 0]);
    const p = z.map((v) => 1 / (1 + Math.exp(-v)));
    expect(new SigmoidBinaryCrossEntropy().forward(z, y, 4, 1)).toBeCloseTo(new BinaryCrossEntropy().forward(p, y, 4, 1), 6);
    const huge = new SigmoidBinaryCrossEntropy().forward(new Float32Array([500, -500]), new Float32Array([0, 1]), 2, 1);
    expect(huge).toBeCloseTo(500, 6);
  });

  it('BCE clamps probabilities of exactly 0 and 1', () => {
    const value = new BinaryCrossEntropy().forward(new Float32Array([0, 1]), new Float32Array([1, 0]), 2, 1);
    expect(value).toBeCloseTo(-Math.log(1e-7), 4);
  });

  it('MSE and cross-entropy', () => {
    expect(new MeanSquaredError().forward(new Float32Array([1, 2, 3, 4]), new Float32Array([0, 2, 3, 6]), 2, 2)).toBeCloseTo(5 / 4, 10);
    expect(new CrossEntropy().forward(new Float32Array([0.25, 0.75]), new Float32Array([0, 1]), 1, 2)).toBeCloseTo(-Math.log(0.75), 6);
  });

  it('makeLoss builds each kind and rejects unknown ones', () => {
    const kinds: Record<LossKind, string> = {
      'softmax-cross-entropy': 'SoftmaxCrossEntropy',
      'sigmoid-binary-cross-entropy': 'SigmoidBinaryCrossEntropy',
      'binary-cross-entropy': 'BinaryCrossEntropy',
      'cross-entropy': 'CrossEntropy',
      mse: 'MeanSquaredError',
    };
    for (const [kind, name] of Object.entries(kinds)) expect(makeLoss(kind as LossKind).kind).toBe(name);
    expect(() => makeLoss('hinge' as LossKind)).toThrow('Unknown loss "hinge"');
  });

  it('explains shape mismatches', () => {
    expect(() => new SoftmaxCrossEntropy().forward(new Float32Array(20), new Float32Array(2), 2, 10)).toThrow('targets must have the output');
    expect(() => new SoftmaxCrossEntropy().forward(new Float32Array(2), new Float32Array(20), 2, 10)).toThrow("check the last layer's units");
    expect(() => new MeanSquaredError().backward()).toThrow('call forward first');
  });
});

describe('losses: finite-difference gradient checks', () => {
  const cases: Array<[string, () => { loss: import('./types.ts').Loss; output: Float32Array; targets: Float32Array }]> = [
    ['SoftmaxCrossEntropy (one-hot)', () => ({ loss: new SoftmaxCrossEntropy(), output: random(12, 1, -3, 3), targets: oneHot([0, 2, 1, 1], 3) })],
    ['SoftmaxCrossEntropy (soft labels)', () => ({ loss: new SoftmaxCrossEntropy(), output: random(12, 2, -3, 3), targets: random(12, 3, 0, 1) })],
    ['SigmoidBinaryCrossEntropy', () => ({ loss: new SigmoidBinaryCrossEntropy(), output: random(12, 4, -4, 4), targets: oneHot([0, 2, 1, 1], 3) })],
    ['BinaryCrossEntropy', () => ({ loss: new BinaryCrossEntropy(), output: random(12, 5, 0.05, 0.95), targets: oneHot([1, 0, 2, 2], 3) })],
    ['CrossEntropy', () => ({ loss: new CrossEntropy(), output: probabilityRows(6), targets: oneHot([1, 0, 2, 2], 3) })],
    ['MeanSquaredError', () => ({ loss: new MeanSquaredError(), output: random(12, 7, -2, 2), targets: random(12, 8, -2, 2) })],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const { loss, output, targets } = make();
      const result = checkLossGradients(loss, output, targets, batch, width, { epsilon: 1e-3 });
      expect(result.checked).toBe(12);
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-3);
    });
  }
});
