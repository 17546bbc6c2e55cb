/**
 * Experience replay for the deep Q-network: a ring buffer of transitions
 * (state features, action, reward, next state features, done), stored in flat typed arrays
 * so sampling a batch allocates nothing. When full, the oldest transition is overwritten.
 * Pure TypeScript, no DOM, no tfjs.
 */
import type { Rng } from './environment.ts';

/** A sampled batch, in flat arrays ready for tensors: states is batch × featureCount. */
export interface ReplayBatch {
  size: number;
  states: Float32Array<ArrayBuffer>;
  actions: Int32Array<ArrayBuffer>;
  rewards: Float32Array<ArrayBuffer>;
  nextStates: Float32Array<ArrayBuffer>;
  /** 1 when the episode ended with this transition (no bootstrapping), else 0. */
  dones: Float32Array<ArrayBuffer>;
}

export function createReplayBatch(size: number, featureCount: number): ReplayBatch {
  return {
    size,
    states: new Float32Array(size * featureCount),
    actions: new Int32Array(size),
    rewards: new Float32Array(size),
    nextStates: new Float32Array(size * featureCount),
    dones: new Float32Array(size),
  };
}

export class ReplayBuffer {
  private readonly states: Float32Array;
  private readonly nextStates: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float32Array;
  private readonly dones: Float32Array;
  private next = 0;
  private count = 0;

  readonly capacity: number;
  readonly featureCount: number;

  constructor(capacity: number, featureCount: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ReplayBuffer: capacity must be a whole number ≥ 1, got ${capacity}.`);
    if (!Number.isInteger(featureCount) || featureCount < 1) {
      throw new RangeError(`ReplayBuffer: featureCount must be a whole number ≥ 1, got ${featureCount}.`);
    }
    this.capacity = capacity;
    this.featureCount = featureCount;
    this.states = new Float32Array(capacity * featureCount);
    this.nextStates = new Float32Array(capacity * featureCount);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.dones = new Float32Array(capacity);
  }

  /** Transitions stored (at most capacity). */
  get size(): number {
    return this.count;
  }

  /**
   * Stores one transition; `state` and `nextState` are read from `source` arrays at the given
   * offsets (featureCount numbers each), so callers can pass rows of a bigger batch.
   */
  push(state: ArrayLike<number>, action: number, reward: number, nextState: ArrayLike<number>, done: boolean, stateOffset = 0, nextOffset = 0): void {
    const f = this.featureCount;
    const base = this.next * f;
    for (let i = 0; i < f; i++) {
      this.states[base + i] = state[stateOffset + i]!;
      this.nextStates[base + i] = nextState[nextOffset + i]!;
    }
    this.actions[this.next] = action;
    this.rewards[this.next] = reward;
    this.dones[this.next] = done ? 1 : 0;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Fills `batch` with `batch.size` transitions drawn uniformly (with replacement) using `rng`. */
  sample(batch: ReplayBatch, rng: Rng): ReplayBatch {
    if (this.count === 0) throw new Error('ReplayBuffer: nothing to sample yet; push some transitions first.');
    if (batch.states.length !== batch.size * this.featureCount) {
      throw new RangeError(
        `ReplayBuffer: the batch was made for ${batch.states.length / batch.size} features, the buffer holds ${this.featureCount}.`,
      );
    }
    const f = this.featureCount;
    for (let b = 0; b < batch.size; b++) {
      const i = Math.min(this.count - 1, Math.floor(rng() * this.count));
      batch.states.set(this.states.subarray(i * f, i * f + f), b * f);
      batch.nextStates.set(this.nextStates.subarray(i * f, i * f + f), b * f);
      batch.actions[b] = this.actions[i]!;
      batch.rewards[b] = this.rewards[i]!;
      batch.dones[b] = this.dones[i]!;
    }
    return batch;
  }
}
