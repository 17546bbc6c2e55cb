/**
 * The DQN's pure parts (ε schedule, targets, greedy play, the random baseline) and a short,
 * deterministic training run on the tfjs cpu backend: it must leave no tensor behind and play
 * far better than random afterwards.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../lib/rl/snake-features.ts';
import { DEFAULT_DQN_CONFIG, SnakeDqn, argmax4, dqnEpsilon, dqnTargets, playGames, randomPolicyFood, validateDqnConfig } from './snake-dqn.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

describe('pure parts', () => {
  it('decays ε linearly, then holds it', () => {
    const c = { epsilonStart: 1, epsilonEnd: 0.1, epsilonDecaySteps: 100 };
    expect(dqnEpsilon(c, 0)).toBe(1);
    expect(dqnEpsilon(c, 50)).toBeCloseTo(0.55);
    expect(dqnEpsilon(c, 100)).toBe(0.1);
    expect(dqnEpsilon(c, 1e6)).toBe(0.1);
  });

  it('computes r + γ max Q(s′) and just r at the end of a game', () => {
    const y = dqnTargets(new Float32Array([1, -1]), new Float32Array([0, 1]), [0, 2, 1, -3, 5, 5, 5, 5], 0.5);
    expect(Array.from(y)).toEqual([2, -1]);
  });

  it('picks the best action, the first on ties', () => {
    expect(argmax4([0, 3, 3, 1, 9, 0, 0, 0], 0)).toBe(1);
    expect(argmax4([0, 3, 3, 1, 9, 0, 0, 0], 1)).toBe(0);
  });

  it('rejects unusable settings', () => {
    expect(() => validateDqnConfig({ ...DEFAULT_DQN_CONFIG, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => validateDqnConfig({ ...DEFAULT_DQN_CONFIG, gamma: 2 })).toThrow(/gamma/);
  });

  it('plays seeded games repeatably and records the first one', () => {
    let calls = 0;
    const down = (_f: Float32Array, n: number) => {
      calls++;
      return new Array<number>(n).fill(1);
    };
    const a = playGames(5, 6, 42, down);
    const b = playGames(5, 6, 42, down);
    expect(a).toEqual(b);
    expect(calls).toBeGreaterThan(0);
    // Always going down hits the bottom wall within 5 moves: the first game has ≤ 6 frames.
    expect(a.frames.length).toBeGreaterThanOrEqual(2);
    expect(a.frames.length).toBeLessThanOrEqual(6);
    expect(a.frames[0]!.body).toHaveLength(1);
  });

  it('a random player eats almost nothing on 5×5', () => {
    const food = randomPolicyFood(5);
    expect(food).toBeGreaterThanOrEqual(0);
    expect(food).toBeLessThan(1);
  });
});

describe('SnakeDqn', () => {
  it('learns to eat far more than a random player, without leaking tensors', () => {
    const agent = new SnakeDqn(tf, { ...DEFAULT_DQN_CONFIG, epsilonDecaySteps: 3000, warmup: 256, seed: 3 });
    // A fake clock that ticks once per loop iteration makes the run deterministic.
    let tick = 0;
    const clock = () => tick++;
    agent.trainFor(100, clock); // warm-up and the first train steps create the optimiser's slots
    const tensors = tf.memory().numTensors;
    const progress = agent.trainFor(250, clock);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(progress.trainSteps).toBeGreaterThan(200);
    expect(progress.loss).not.toBeNull();
    const greedy = agent.evaluate(12);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(greedy.averageFood).toBeGreaterThan(5 * Math.max(0.5, randomPolicyFood(5)));
    const q = agent.qValues(new Float32Array(FEATURE_COUNT), 1);
    expect(q).toHaveLength(4);
    agent.dispose();
    expect(() => agent.trainFor(1, clock)).toThrow(/disposed/);
  });
});
