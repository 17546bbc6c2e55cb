import { describe, expect, it } from 'vitest';
import {
  alwaysNegativeBaseline,
  binaryAccuracy,
  binaryConfusion,
  binaryScores,
  confusionMatrix,
  f1Score,
  matrixAccuracy,
  precision,
  recall,
} from './metrics.ts';

describe('binaryConfusion', () => {
  // labels: 0 is the positive class ("a zero").
  const labels = [0, 0, 0, 7, 3, 1, 0, 9];
  const scores = [0.9, 0.6, 0.2, 0.7, 0.1, 0.4, 0.5, 0.05];

  it('counts TP, FP, TN, FN at a threshold (score ≥ threshold is positive)', () => {
    expect(binaryConfusion(scores, labels, 0.5)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(binaryConfusion(scores, labels, 0.65)).toEqual({ tp: 1, fp: 1, tn: 3, fn: 3 });
    expect(binaryConfusion(scores, labels, 0)).toEqual({ tp: 4, fp: 4, tn: 0, fn: 0 });
  });

  it('moves precision up and recall down as the threshold rises', () => {
    const low = binaryScores(binaryConfusion(scores, labels, 0.3));
    const high = binaryScores(binaryConfusion(scores, labels, 0.8));
    expect(high.precision!).toBeGreaterThan(low.precision!);
    expect(high.recall!).toBeLessThan(low.recall!);
  });

  it('computes precision, recall, F1 and accuracy', () => {
    const c = { tp: 3, fp: 1, tn: 3, fn: 1 };
    expect(precision(c)).toBeCloseTo(0.75);
    expect(recall(c)).toBeCloseTo(0.75);
    expect(f1Score(c)).toBeCloseTo(0.75);
    expect(binaryAccuracy(c)).toBeCloseTo(0.75);
    const d = { tp: 8, fp: 2, tn: 80, fn: 10 };
    const p = 0.8;
    const r = 8 / 18;
    expect(f1Score(d)).toBeCloseTo((2 * p * r) / (p + r), 10);
  });

  it('gives null for 0/0 ratios, and F1 0 when positives exist but none is found', () => {
    const none = { tp: 0, fp: 0, tn: 5, fn: 3 };
    expect(precision(none)).toBeNull();
    expect(recall(none)).toBe(0);
    expect(f1Score(none)).toBe(0);
    const noPositives = { tp: 0, fp: 0, tn: 5, fn: 0 };
    expect(recall(noPositives)).toBeNull();
    expect(f1Score(noPositives)).toBeNull();
    expect(binaryAccuracy({ tp: 0, fp: 0, tn: 0, fn: 0 })).toBeNull();
  });

  it('refuses mismatched lengths', () => {
    expect(() => binaryConfusion([0.1], [0, 1], 0.5)).toThrow(/must match/);
  });
});

describe('alwaysNegativeBaseline', () => {
  it('scores the share of negatives, with recall 0 and precision undefined', () => {
    const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const c = alwaysNegativeBaseline(labels);
    expect(c).toEqual({ tp: 0, fp: 0, tn: 9, fn: 1 });
    expect(binaryAccuracy(c)).toBeCloseTo(0.9);
    expect(recall(c)).toBe(0);
    expect(precision(c)).toBeNull();
  });
});

describe('confusionMatrix', () => {
  it('puts true labels on rows and predictions on columns', () => {
    const m = confusionMatrix([0, 1, 1, 2], [0, 2, 1, 2], 3);
    expect([...m]).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect(matrixAccuracy(m, 3)).toBeCloseTo(0.75);
  });
  it('accepts float class numbers and rejects out-of-range ones', () => {
    expect([...confusionMatrix([1], new Float32Array([1]), 2)]).toEqual([0, 0, 0, 1]);
    expect(() => confusionMatrix([0], [5], 3)).toThrow(/0\.\.2/);
    expect(matrixAccuracy(new Int32Array(4), 2)).toBeNull();
  });
});
