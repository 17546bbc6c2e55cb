import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import {
  DEFAULT_Q_CONFIG,
  deserializeQTable,
  EVAL_GAMES,
  EVAL_SEED,
  epsilonAt,
  evaluatePolicy,
  QLearner,
  qUpdate,
  serializeQTable,
} from './qlearning.ts';
import { DEFAULT_EVAL_SEED } from '../grading/agent-grader.ts';
import { newSnakeGame, snakeKey } from './snake.ts';

describe('qUpdate', () => {
  it('moves Q toward r + γ max Q(s′) by α (hand-worked)', () => {
    // Q = 0.5, r = 1, γ = 0.9, max Q(s′) = 2 (row [−1, 2, 0.5, 0]), α = 0.25:
    // target = 1 + 0.9·2 = 2.8; Q ← 0.5 + 0.25·(2.8 − 0.5) = 1.075.
    const row = Float64Array.from([0, 0.5, 0, 0]);
    const next = Float64Array.from([-1, 2, 0.5, 0]);
    expect(qUpdate(row, 1, 1, next, 0.25, 0.9)).toBeCloseTo(1.075, 12);
    expect(Array.from(row)).toEqual([0, 1.075, 0, 0]);
  });

  it('does not bootstrap on a terminal move', () => {
    // Q = 2, r = −10, α = 0.5: Q ← 2 + 0.5·(−10 − 2) = −4.
    const row = Float64Array.from([2, 0, 0, 0]);
    expect(qUpdate(row, 0, -10, null, 0.5, 0.99)).toBe(-4);
  });

  it('with α = 1 and γ = 0 Q becomes the reward', () => {
    const row = Float64Array.from([3, 3, 3, 3]);
    qUpdate(row, 2, 1, Float64Array.from([100, 100, 100, 100]), 1, 0);
    expect(row[2]).toBe(1);
  });
});

describe('epsilon schedule', () => {
  it('is linear from start to end over the decay episodes, then constant', () => {
    const c = { epsilonStart: 1, epsilonEnd: 0.1, epsilonDecayEpisodes: 10 };
    expect(epsilonAt(c, 0)).toBe(1);
    expect(epsilonAt(c, 5)).toBeCloseTo(0.55, 12);
    expect(epsilonAt(c, 10)).toBe(0.1);
    expect(epsilonAt(c, 1000)).toBe(0.1);
    expect(epsilonAt({ ...c, epsilonDecayEpisodes: 0 }, 0)).toBe(0.1);
  });
});

describe('QLearner', () => {
  it('learns its own updates: after one episode the table holds the visited states', () => {
    const learner = new QLearner({ ...DEFAULT_Q_CONFIG, epsilonStart: 1, epsilonEnd: 1 });
    const { length } = learner.trainEpisode();
    expect(learner.episodes).toBe(1);
    expect(learner.steps).toBe(length);
    expect(learner.statesSeen).toBeGreaterThan(0);
    expect(learner.statesSeen).toBeLessThanOrEqual(length);
    // The last move ended the game: some value is non-zero.
    expect([...learner.table.values()].some((row) => row.some((v) => v !== 0))).toBe(true);
  });

  it('is deterministic from its seed', () => {
    const run = (seed: number) => {
      const learner = new QLearner({ ...DEFAULT_Q_CONFIG, seed });
      for (let i = 0; i < 300; i++) learner.trainEpisode();
      return [learner.steps, learner.statesSeen, learner.evaluate(200).wins];
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('the reference agent wins at least 99% of the evaluation games on 3×3 after 20,000 episodes', () => {
    const learner = new QLearner(DEFAULT_Q_CONFIG);
    for (let i = 0; i < 20_000; i++) learner.trainEpisode();
    const evaluation = learner.evaluate();
    expect(evaluation.games).toBe(EVAL_GAMES);
    expect(evaluation.winRate).toBeGreaterThanOrEqual(0.99);
    expect(evaluation.averageSnakeLength).toBeGreaterThan(8.9);
  });

  it('an untrained agent (always up) wins nothing', () => {
    const evaluation = new QLearner(DEFAULT_Q_CONFIG).evaluate(100);
    expect(evaluation.wins).toBe(0);
    expect(evaluation.averageLength).toBeGreaterThanOrEqual(1);
  });

  it('trainFor stops on the clock it is given', () => {
    let t = 0;
    const learner = new QLearner(DEFAULT_Q_CONFIG);
    const episodes = learner.trainFor(10, () => (t += 1)); // each clock read is 1 ms later
    expect(episodes).toBe(learner.episodes);
    expect(episodes).toBeGreaterThanOrEqual(4);
    expect(episodes).toBeLessThanOrEqual(10);
  });

  it('qValues are zeros for an unseen state; greedyAction takes the largest', () => {
    const learner = new QLearner(DEFAULT_Q_CONFIG);
    const game = newSnakeGame(3, mulberry32(1));
    expect(Array.from(learner.qValues(game))).toEqual([0, 0, 0, 0]);
    learner.table.set(snakeKey(game), Float64Array.from([0, 1, 3, 2]));
    expect(learner.greedyAction(game)).toBe(2);
  });

  it('rejects settings out of range with a clear message', () => {
    expect(() => new QLearner({ ...DEFAULT_Q_CONFIG, alpha: 0 })).toThrow(/alpha/);
    expect(() => new QLearner({ ...DEFAULT_Q_CONFIG, gamma: 1.5 })).toThrow(/gamma/);
  });
});

describe('evaluation games', () => {
  it('use the grader seed and the same games every time', () => {
    expect(EVAL_SEED).toBe(DEFAULT_EVAL_SEED);
    const policy = (g: { body: number[] }) => ((g.body[0] as number) % 2 === 0 ? 3 : 1);
    expect(evaluatePolicy(policy, 3)).toEqual(evaluatePolicy(policy, 3));
  });
});

describe('serializeQTable', () => {
  it('round-trips a table', () => {
    const table = new Map([
      [12, Float64Array.from([1, 2, 3, 4])],
      [2 ** 52 + 1, Float64Array.from([-1, 0, 0.5, 9])],
    ]);
    const data = serializeQTable(table);
    expect(data.keys).toHaveLength(2);
    expect(deserializeQTable(data)).toEqual(table);
    expect(() => deserializeQTable({ keys: data.keys, values: new Float64Array(3) })).toThrow(/4 per key/);
  });
});
