/**
 * Messages between the Snake trainer widget and `rl/worker.ts`, which runs tabular
 * Q-learning (src/lib/rl/qlearning.ts) off the main thread.
 *
 * The worker trains in short slices (`QLearner.trainFor`), and after each slice measures the
 * greedy policy on the fixed evaluation games (`QLearner.evaluate`, same seeds every time).
 * Only the slices count as training time; evaluations and messages do not.
 */
import type { Evaluation, QLearningConfig, SnakeAction } from '../../lib/rl/snake-types.ts';

export interface RlTrainConfig {
  /** The Q-learning settings (board size, learning rate η, γ, ε schedule, rewards, seed). */
  q: QLearningConfig;
  /** Stop after this much training time, ms (evaluation time not counted). */
  maxTrainingMs: number;
  /** Stop as soon as an evaluation's greedy win rate is at least this (null: use the whole time). */
  stopAtWinRate: number | null;
  /** Evaluation games per measurement (default EVAL_GAMES = 1,000). */
  evalGames: number;
  /** How many of the evaluation games to send, move by move, for the Q-table inspector. */
  inspectGames: number;
  /** Compute the exact optimum by value iteration (cheap on 3×3 only). */
  solveOptimum: boolean;
}

export type RlToWorker = { type: 'start'; config: RlTrainConfig } | { type: 'stop' };

/** One state of an evaluation game, as the inspector shows it. */
export interface InspectedState {
  /** Cell indices, head first. */
  body: number[];
  /** The food's cell, or −1 once the board is full. */
  food: number;
  /** Q(s, a) for the four actions (up, down, left, right); zeros for a state never seen. */
  q: [number, number, number, number];
  /** Whether the state is in the Q-table. */
  seen: boolean;
  /** The greedy action taken from this state (null for the final state). */
  action: SnakeAction | null;
}

/** One evaluation game played greedily, state by state (for the inspector). */
export interface InspectedGame {
  /** 0-based index among the evaluation games. */
  index: number;
  /** Board size (cells per side). */
  size: number;
  won: boolean;
  states: InspectedState[];
}

export interface RlProgress {
  type: 'progress';
  /** Training time so far, ms (slices only). */
  trainingMs: number;
  episodes: number;
  steps: number;
  statesSeen: number;
  epsilon: number;
  evaluation: Evaluation;
  /** The first evaluation games, played greedily with the current table. */
  inspect: InspectedGame[];
}

export type RlFromWorker =
  | { type: 'optimum'; states: number; winProbability: number; millis: number }
  | RlProgress
  | {
      type: 'done';
      /** The reader pressed Stop. */
      stopped: boolean;
      /** The greedy win rate reached `stopAtWinRate`. */
      reachedTarget: boolean;
      trainingMs: number;
      episodes: number;
    }
  | { type: 'error'; code: 'config' | 'unknown'; message: string };
