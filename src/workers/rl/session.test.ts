import { describe, expect, it } from 'vitest';
import { DEFAULT_Q_CONFIG, EVAL_SEED, QLearner } from '../../lib/rl/qlearning.ts';
import type { RlFromWorker, RlProgress, RlTrainConfig } from './protocol.ts';
import { inspectGames, rlConfigProblem, runRlSession, sliceMillis } from './session.ts';

const config = (over: Partial<RlTrainConfig> = {}): RlTrainConfig => ({
  q: { ...DEFAULT_Q_CONFIG },
  maxTrainingMs: 300,
  stopAtWinRate: null,
  evalGames: 200,
  inspectGames: 2,
  solveOptimum: false,
  ...over,
});

/** A clock that moves 1 ms per reading: sessions are deterministic and need no real time. */
function fakeClock(): () => number {
  let t = 0;
  return () => (t += 1);
}

async function run(c: RlTrainConfig, stopAfter = Infinity): Promise<RlFromWorker[]> {
  const got: RlFromWorker[] = [];
  let progressCount = 0;
  await runRlSession(
    c,
    (m) => {
      got.push(m);
      if (m.type === 'progress') progressCount++;
    },
    { stopped: () => progressCount >= stopAfter, now: fakeClock(), yieldToEvents: async () => {} },
  );
  return got;
}

describe('rlConfigProblem', () => {
  it('accepts the defaults and names what is wrong otherwise', () => {
    expect(rlConfigProblem(config())).toBeNull();
    expect(rlConfigProblem(config({ q: { ...DEFAULT_Q_CONFIG, size: 7 } }))).toMatch(/Board size 7/);
    expect(rlConfigProblem(config({ q: { ...DEFAULT_Q_CONFIG, alpha: 0 } }))).toMatch(/learning rate η/);
    expect(rlConfigProblem(config({ q: { ...DEFAULT_Q_CONFIG, epsilonDecayEpisodes: 1.5 } }))).toMatch(/whole number/);
    expect(rlConfigProblem(config({ evalGames: 0 }))).toMatch(/Evaluation games/);
  });
});

describe('sliceMillis', () => {
  it('uses short slices first and longer ones later', () => {
    expect(sliceMillis(0)).toBeLessThan(sliceMillis(2000));
    expect(sliceMillis(2000)).toBeLessThan(sliceMillis(10_000));
  });
});

describe('runRlSession', () => {
  it('reports progress from time 0, counts only training time, and ends with done', async () => {
    const got = await run(config());
    const progress = got.filter((m): m is RlProgress => m.type === 'progress');
    expect(progress[0]?.trainingMs).toBe(0);
    expect(progress[0]?.episodes).toBe(0);
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.trainingMs).toBeGreaterThan(progress[i - 1]!.trainingMs);
      expect(progress[i]!.episodes).toBeGreaterThan(progress[i - 1]!.episodes);
      expect(progress[i]!.statesSeen).toBeGreaterThanOrEqual(progress[i - 1]!.statesSeen);
    }
    const last = got.at(-1);
    expect(last).toMatchObject({ type: 'done', stopped: false });
    expect((last as { trainingMs: number }).trainingMs).toBeGreaterThanOrEqual(300);
    expect(progress.at(-1)!.evaluation.games).toBe(200);
    expect(progress.at(-1)!.inspect).toHaveLength(2);
  });

  it('stops when asked, with done stopped: true', async () => {
    const got = await run(config({ maxTrainingMs: 1e9 }), 3);
    expect(got.filter((m) => m.type === 'progress')).toHaveLength(3);
    expect(got.at(-1)).toMatchObject({ type: 'done', stopped: true });
  });

  it('sends the exact optimum of 3×3 first when asked', async () => {
    const got = await run(config({ solveOptimum: true, maxTrainingMs: 30 }));
    expect(got[0]).toMatchObject({ type: 'optimum', states: 2040 });
    expect(got.at(-1)).toMatchObject({ type: 'done', stopped: false, reachedTarget: false });
    expect((got[0] as { winProbability: number }).winProbability).toBeCloseTo(1, 9);
  });

  it('ends as soon as the greedy win rate reaches the target', async () => {
    const got = await run(config({ stopAtWinRate: 0.05, maxTrainingMs: 1e9 }));
    const progress = got.filter((m): m is RlProgress => m.type === 'progress');
    expect(progress.at(-1)!.evaluation.winRate).toBeGreaterThanOrEqual(0.05);
    expect(progress.slice(0, -1).every((p) => p.evaluation.winRate < 0.05)).toBe(true);
    expect(got.at(-1)).toMatchObject({ type: 'done', stopped: false, reachedTarget: true });
  });

  it('rejects a bad config with an error and no training', async () => {
    const got = await run(config({ q: { ...DEFAULT_Q_CONFIG, gamma: 2 } }));
    expect(got).toEqual([{ type: 'error', code: 'config', message: expect.stringMatching(/discount γ/) }]);
  });
});

describe('inspectGames', () => {
  it('replays the evaluation games exactly: same outcomes and lengths as QLearner.evaluate', () => {
    const learner = new QLearner({ ...DEFAULT_Q_CONFIG });
    for (let i = 0; i < 3000; i++) learner.trainEpisode();
    const c = config();
    const games = inspectGames(learner, c, 20);
    const ev = learner.evaluate(20, EVAL_SEED);
    expect(games.filter((g) => g.won).length).toBe(ev.wins);
    const moves = games.reduce((sum, g) => sum + g.states.length - 1, 0);
    expect(moves / 20).toBeCloseTo(ev.averageLength, 9);
    for (const g of games) {
      expect(g.size).toBe(3);
      expect(g.states.at(-1)!.action).toBeNull();
      for (const s of g.states.slice(0, -1)) {
        // The action recorded is the greedy one: a largest of the four values.
        expect(s.q[s.action!]).toBe(Math.max(...s.q));
      }
    }
  });
});
