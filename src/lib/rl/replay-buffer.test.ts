import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { ReplayBuffer, createReplayBatch } from './replay-buffer.ts';

describe('ReplayBuffer', () => {
  it('stores transitions and samples only stored ones', () => {
    const buf = new ReplayBuffer(10, 2);
    buf.push([1, 2], 3, 0.5, [4, 5], true);
    expect(buf.size).toBe(1);
    const batch = buf.sample(createReplayBatch(4, 2), mulberry32(1));
    expect(Array.from(batch.states)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(Array.from(batch.nextStates)).toEqual([4, 5, 4, 5, 4, 5, 4, 5]);
    expect(Array.from(batch.actions)).toEqual([3, 3, 3, 3]);
    expect(batch.rewards[0]).toBe(0.5);
    expect(batch.dones[0]).toBe(1);
  });

  it('overwrites the oldest transition when full', () => {
    const buf = new ReplayBuffer(3, 1);
    for (let i = 0; i < 5; i++) buf.push([i], i % 4, i, [i + 1], false);
    expect(buf.size).toBe(3);
    const batch = buf.sample(createReplayBatch(200, 1), mulberry32(7));
    const seen = new Set(Array.from(batch.rewards));
    expect(seen).toEqual(new Set([2, 3, 4]));
    // Every sampled row stays consistent: next = state + 1, reward = state.
    for (let b = 0; b < batch.size; b++) {
      expect(batch.nextStates[b]).toBe(batch.states[b]! + 1);
      expect(batch.rewards[b]).toBe(batch.states[b]);
    }
  });

  it('reads rows at offsets', () => {
    const buf = new ReplayBuffer(2, 2);
    buf.push([9, 9, 1, 2], 0, 0, [0, 0, 0, 3, 4], false, 2, 3);
    const batch = buf.sample(createReplayBatch(1, 2), mulberry32(3));
    expect(Array.from(batch.states)).toEqual([1, 2]);
    expect(Array.from(batch.nextStates)).toEqual([3, 4]);
  });

  it('says what is wrong', () => {
    expect(() => new ReplayBuffer(0, 2)).toThrow(/capacity/);
    expect(() => new ReplayBuffer(4, 2).sample(createReplayBatch(1, 2), mulberry32(1))).toThrow(/nothing to sample/);
    const buf = new ReplayBuffer(4, 2);
    buf.push([1, 2], 0, 0, [1, 2], false);
    expect(() => buf.sample(createReplayBatch(2, 3), mulberry32(1))).toThrow(/features/);
  });
});
