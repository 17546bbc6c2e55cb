/**
 * Messages between the SnakeDqn widget and `dqn/worker.ts`, which trains the deep Q-network of
 * src/tf/snake-dqn.ts with tfjs off the main thread.
 */
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { DqnFrame } from '../../tf/snake-dqn.ts';

export interface DqnRunConfig {
  /** Which tfjs backend to ask for ('wasm' suits this tiny network; it falls back to cpu). */
  backend: BackendRequest;
  /** Board size (5 in the lesson). */
  size: number;
  seed: number;
  /** Training time between two greedy evaluations, ms. */
  evalEveryMs: number;
  /** Stop by itself after this much training time, ms (0 = until Stop). */
  maxTrainMs: number;
}

export type DqnToWorker = { type: 'start'; config: DqnRunConfig } | { type: 'stop' };

/** One greedy evaluation on the fixed games. */
export interface DqnEvalPoint {
  /** Training time so far (evaluations not counted), seconds. */
  seconds: number;
  averageFood: number;
  bestFood: number;
  wins: number;
  games: number;
  /** Transitions and finished training games so far. */
  steps: number;
  episodes: number;
  epsilon: number;
  loss: number | null;
  /** The first evaluation game, frame by frame, for the board. */
  frames: DqnFrame[];
}

export type DqnFromWorker =
  | { type: 'ready'; backend: BackendName; fallbackReason?: string; randomFood: number; evalGames: number }
  | { type: 'eval'; point: DqnEvalPoint }
  | { type: 'done'; stopped: boolean; seconds: number }
  | { type: 'error'; message: string };
