import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping.ts';

describe('EarlyStopping', () => {
  it('keeps the best epoch and its weights, and stops after `patience` epochs without improvement', () => {
    const es = new EarlyStopping(2);
    let w = [new Float32Array([1, 2])];
    const weights = () => w;
    expect(es.update(0, 1.0, weights)).toEqual({ improved: true, stop: false });
    w = [new Float32Array([3, 4])];
    expect(es.update(1, 0.5, weights)).toEqual({ improved: true, stop: false });
    w[0]![0] = 99; // later changes must not reach the kept copy
    w = [new Float32Array([5, 6])];
    expect(es.update(2, 0.6, weights)).toEqual({ improved: false, stop: false });
    expect(es.update(3, 0.55, weights)).toEqual({ improved: false, stop: true });
    expect(es.bestEpoch).toBe(1);
    expect(es.bestLoss).toBe(0.5);
    expect([...es.bestWeights![0]!]).toEqual([3, 4]);
  });

  it('resets its patience on an improvement and ignores NaN losses', () => {
    const es = new EarlyStopping(2);
    const weights = () => [new Float32Array([0])];
    es.update(0, 1, weights);
    expect(es.update(1, NaN, weights).improved).toBe(false);
    expect(es.update(2, 0.9, weights)).toEqual({ improved: true, stop: false });
    expect(es.update(3, 0.95, weights).stop).toBe(false);
    expect(es.update(4, Infinity, weights).stop).toBe(true);
  });

  it('needs an improvement larger than minDelta', () => {
    const es = new EarlyStopping(1, 0.1);
    const weights = () => [];
    es.update(0, 1, weights);
    expect(es.update(1, 0.95, weights)).toEqual({ improved: false, stop: true });
  });

  it('rejects a patience that is not a whole number ≥ 1', () => {
    expect(() => new EarlyStopping(0)).toThrow(/patience/);
    expect(() => new EarlyStopping(1.5)).toThrow(/patience/);
  });
});
