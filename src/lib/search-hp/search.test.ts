import { describe, expect, it } from 'vitest';
import { SearchState } from './search.ts';
import { DEFAULT_SPACE, sampleTrials, type TrialParams } from './space.ts';
import { computeSummary, searchSummary } from './summary.ts';

const params = (n: number): TrialParams[] =>
  Array.from({ length: n }, (_, i) => ({ learningRate: 0.001 * (i + 1), hiddenUnits: 64, dropout: 0.1, batchSize: 32 }));

describe('SearchState: the pool', () => {
  it('places pending trials on free workers in order, and no more than there are workers', () => {
    const s = new SearchState(params(5), { maxEpochs: 9, eta: 3, workers: 2 });
    expect(s.assign().map((a) => [a.worker, a.trial.id])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(s.assign()).toEqual([]);
    expect(s.concurrent).toBe(2);
    expect(s.runningOn(1)).toBe(2);
  });

  it('skips workers that are not available (still loading their data, or failed)', () => {
    const s = new SearchState(params(3), { maxEpochs: 9, eta: 3, workers: 3 });
    expect(s.assign((w) => w === 1).map((a) => [a.worker, a.trial.id])).toEqual([[1, 1]]);
    expect(s.assign().map((a) => [a.worker, a.trial.id])).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('gives a freed worker the next trial: a trial stopped at a rung frees it at once', () => {
    const s = new SearchState(params(4), { maxEpochs: 9, eta: 3, workers: 2 });
    s.assign();
    expect(s.report(1, 1, 0.9)).toBe('continue');
    expect(s.report(2, 1, 0.5)).toBe('stop');
    expect(s.trial(2)).toMatchObject({ status: 'stopped', stoppedAt: 1, epochs: 1, worker: null });
    expect(s.assign().map((a) => [a.worker, a.trial.id])).toEqual([[1, 3]]);
  });

  it('finishes a trial at maxEpochs and counts the compute', () => {
    const s = new SearchState(params(2), { maxEpochs: 3, eta: 3, workers: 1 });
    s.assign();
    expect(s.report(1, 1, 0.8)).toBe('continue');
    expect(s.report(1, 2, 0.85)).toBe('continue');
    expect(s.report(1, 3, 0.9)).toBe('finish');
    expect(s.trial(1).status).toBe('finished');
    s.assign();
    expect(s.report(2, 1, 0.7)).toBe('stop');
    expect(s.done).toBe(true);
    expect(s.compute()).toEqual({ epochsRun: 4, epochsFull: 6 });
    expect(computeSummary(s)).toBe('ran 4 epochs instead of 6 (33% saved)');
  });

  it('refuses a report from a trial that is not running', () => {
    const s = new SearchState(params(1), { maxEpochs: 3, eta: 3, workers: 1 });
    expect(() => s.report(1, 1, 0.5)).toThrow(/pending/);
  });

  it('frees the worker of a failed trial and of every trial when the reader stops', () => {
    const s = new SearchState(params(3), { maxEpochs: 3, eta: 3, workers: 2 });
    s.assign();
    s.fail(1);
    expect(s.trial(1).status).toBe('failed');
    expect(s.assign().map((a) => a.trial.id)).toEqual([3]);
    s.report(2, 1, 0.5);
    s.stopAll();
    expect(s.trials.map((t) => t.status)).toEqual(['failed', 'stopped', 'stopped']);
    expect(s.trial(2)).toMatchObject({ stoppedAt: null, epochs: 1 });
    expect(s.concurrent).toBe(0);
    expect(s.done).toBe(true);
  });
});

describe('SearchState: a whole search, simulated', () => {
  /** Runs a search where a trial's accuracy after e epochs is a fixed function of its parameters. */
  const simulate = (seed: number, workers: number) => {
    const trials = sampleTrials(DEFAULT_SPACE, 12, seed);
    const s = new SearchState(trials, { maxEpochs: 9, eta: 3, workers });
    const quality = (p: TrialParams) => 0.97 - Math.abs(Math.log10(p.learningRate) + 2.7) * 0.1 - p.dropout * 0.05;
    // Round-robin over the running trials, one epoch each, like parallel workers taking turns.
    for (let guard = 0; !s.done && guard < 1000; guard++) {
      s.assign();
      for (const t of s.trials.filter((t) => t.status === 'running')) {
        const e = t.epochs + 1;
        s.report(t.id, e, quality(t.params) * (1 - 0.5 ** e));
      }
    }
    return s;
  };

  it('ends with every trial finished or stopped, saving compute, and the best trial among the finished', () => {
    const s = simulate(3, 3);
    expect(s.done).toBe(true);
    const { epochsRun, epochsFull } = s.compute();
    expect(epochsFull).toBe(108);
    expect(epochsRun).toBeLessThan(epochsFull);
    expect(s.trials.some((t) => t.status === 'stopped' && t.stoppedAt === 1)).toBe(true);
    expect(s.best()?.status).toBe('finished');
    expect(searchSummary(s)).toMatch(/^12 trials, \d+ stopped early at 1 epoch.*, \d+ finished, best \d+\.\d% \(trial \d+: lr /);
  });

  it('is deterministic with a seed', () => {
    const a = simulate(11, 2);
    const b = simulate(11, 2);
    expect(a.trials).toEqual(b.trials);
  });
});
