import { describe, expect, it } from 'vitest';
import { AshaScheduler, quantile, rungs } from './asha.ts';

const asha = (maxEpochs = 9, eta = 3) => new AshaScheduler({ maxEpochs, eta, grace: 1 });

describe('rungs', () => {
  it('are grace · η^k below the maximum, as Ray Tune places them', () => {
    expect(rungs({ maxEpochs: 9, eta: 3, grace: 1 })).toEqual([1, 3]);
    expect(rungs({ maxEpochs: 27, eta: 3, grace: 1 })).toEqual([1, 3, 9]);
    expect(rungs({ maxEpochs: 10, eta: 3, grace: 1 })).toEqual([1, 3, 9]);
    expect(rungs({ maxEpochs: 16, eta: 2, grace: 2 })).toEqual([2, 4, 8]);
    expect(rungs({ maxEpochs: 1, eta: 3, grace: 1 })).toEqual([]);
  });

  it('refuse a reduction factor of 1 or less and a fractional grace', () => {
    expect(() => rungs({ maxEpochs: 9, eta: 1, grace: 1 })).toThrow(/η/);
    expect(() => rungs({ maxEpochs: 9, eta: 3, grace: 0.5 })).toThrow(/first rung/);
  });
});

describe('quantile', () => {
  it('interpolates linearly like numpy.percentile', () => {
    expect(quantile([1, 2, 3, 4], 2 / 3)).toBeCloseTo(3, 12);
    expect(quantile([0.5], 2 / 3)).toBe(0.5);
    expect(quantile([0.2, 0.8], 2 / 3)).toBeCloseTo(0.6, 12);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
  });
});

describe('AshaScheduler.decide', () => {
  it('lets the first trial at a rung continue: there is nothing to compare it with', () => {
    const s = asha();
    expect(s.decide(1, 1, 0.1)).toBe('continue');
    expect(s.count(1)).toBe(1);
  });

  it('stops a trial below the top third of the results recorded before it, and keeps one inside it', () => {
    const s = asha();
    for (const [id, acc] of [
      [1, 0.5],
      [2, 0.6],
      [3, 0.7],
      [4, 0.8],
    ] as const)
      s.decide(id, 1, acc);
    // cutoff = 2/3 quantile of [0.5, 0.6, 0.7, 0.8] = 0.7
    expect(s.cutoff(1)).toBeCloseTo(0.7, 12);
    expect(s.decide(5, 1, 0.69)).toBe('stop');
    expect(s.decide(6, 1, 0.75)).toBe('continue');
  });

  it('is asynchronous: early trials are judged against fewer results than η, never held back', () => {
    const s = asha();
    expect(s.decide(1, 1, 0.9)).toBe('continue');
    // One earlier result: the newcomer must match it.
    expect(s.decide(2, 1, 0.8)).toBe('stop');
    // Two earlier results [0.8, 0.9]: cutoff 0.8667.
    expect(s.decide(3, 1, 0.85)).toBe('stop');
    expect(s.decide(4, 1, 0.87)).toBe('continue');
  });

  it('lets ties continue', () => {
    const s = asha();
    s.decide(1, 1, 0.5);
    expect(s.decide(2, 1, 0.5)).toBe('continue');
    expect(s.decide(3, 1, 0.5)).toBe('continue');
  });

  it('judges each rung against its own results', () => {
    const s = asha(27);
    s.decide(1, 1, 0.9);
    s.decide(1, 3, 0.95);
    // Trial 2 is good enough at rung 1 (0.9 is the only result) but not at rung 3.
    expect(s.decide(2, 1, 0.91)).toBe('continue');
    expect(s.decide(2, 3, 0.93)).toBe('stop');
    expect(s.count(3)).toBe(2);
  });

  it('says continue off the rungs and records nothing there', () => {
    const s = asha();
    expect(s.isRung(2)).toBe(false);
    expect(s.decide(1, 2, 0)).toBe('continue');
    expect(s.count(2)).toBe(0);
  });

  it('stops a trial whose accuracy is not a number once others are recorded', () => {
    const s = asha();
    s.decide(1, 1, 0.3);
    expect(s.decide(2, 1, NaN)).toBe('stop');
  });

  it('replaces the earlier result of a trial that reports the same rung again', () => {
    const s = asha();
    s.decide(1, 1, 0.9);
    s.decide(1, 1, 0.1);
    expect(s.count(1)).toBe(1);
    expect(s.decide(2, 1, 0.05)).toBe('stop');
    expect(s.decide(3, 1, 0.2)).toBe('continue');
  });

  it('keeps a fraction near 1/η over many trials in random order', () => {
    const s = asha();
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let kept = 0;
    const n = 900;
    for (let i = 0; i < n; i++) if (s.decide(i, 1, rand()) === 'continue') kept++;
    expect(kept / n).toBeGreaterThan(0.28);
    expect(kept / n).toBeLessThan(0.42);
  });

  it('is deterministic: the same results in the same order give the same decisions', () => {
    const results = [0.3, 0.9, 0.5, 0.7, 0.6, 0.95, 0.1, 0.8];
    const run = () => {
      const s = asha();
      return results.map((a, i) => s.decide(i, 1, a));
    };
    expect(run()).toEqual(run());
    // Worked by hand: each cutoff is the 2/3 quantile of the results before it (0.7, 0.633, 0.7, …).
    expect(run()).toEqual(['continue', 'continue', 'stop', 'continue', 'stop', 'continue', 'stop', 'continue']);
  });
});
