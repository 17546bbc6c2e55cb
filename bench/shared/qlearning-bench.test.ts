import { describe, expect, it } from 'vitest';
import { runQBench } from './qlearning-bench.ts';

describe('runQBench', () => {
  it('measures training time on the given clock, excluding evaluations, and reports the optimum', () => {
    let t = 0;
    const now = () => (t += 1); // every clock read is 1 ms later
    const r = runQBench({ seeds: [1, 2], evalEvery: 2000, trainMs: 10, thresholds: [0.6, 0.99] }, now);
    expect(r.runs).toHaveLength(2);
    for (const run of r.runs) {
      // One chunk of 2,000 episodes costs 1 ms of training on this clock: 10 chunks, 20,000 episodes.
      expect(run.episodes).toBe(20_000);
      expect(run.trainMs).toBe(10);
      expect(run.evaluations).toBe(10);
      expect(run.evaluationMs).toBe(1);
      expect(run.timeTo[0]).not.toBeNull();
      expect(run.timeTo[0] as number).toBeLessThanOrEqual(run.timeTo[1] ?? Infinity);
      expect(run.finalWinRate).toBeGreaterThanOrEqual(0.99);
    }
    expect(r.optimum).toMatchObject({ states: 2040, startStates: 72, winProbability: 1, states4x4: 143_368 });
  });
});
