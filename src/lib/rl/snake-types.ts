/**
 * Snake for reinforcement learning: the shapes shared by the environment, the exact optimum,
 * the Q-learning agent, the widgets and the lesson (issue 6 contract; owners may ADD, not rename).
 *
 * Board: size × size cells, cell index = row * size + col (row 0 at the top).
 * Rules: the snake starts with length 1 on a uniformly random cell; food appears on a uniformly
 * random FREE cell; actions 0 up, 1 down, 2 left, 3 right; moving into the cell the tail is
 * leaving is allowed (unless the snake eats on that move, since then the tail stays); hitting a
 * wall or the body ends the game (loss); `starvation` steps in a row without eating end the game
 * (loss); filling the whole board is a win. All randomness comes from a seeded Rng, so games replay.
 */

export const SNAKE_ACTIONS = ['up', 'down', 'left', 'right'] as const;
export type SnakeAction = 0 | 1 | 2 | 3;

export interface SnakeGame {
  size: number;
  /** Cell indices, head first. */
  body: number[];
  /** The food's cell, or −1 once the board is full. */
  food: number;
  /** Steps since the snake last ate (or since the start). */
  hunger: number;
  steps: number;
  over: boolean;
  won: boolean;
  /** Why the game ended, when over. */
  cause: 'wall' | 'body' | 'starved' | 'full' | null;
}

export interface SnakeRewards {
  /** Reward for eating (not counting the win). */
  food: number;
  /** Reward for filling the board. */
  win: number;
  /** Reward for dying (wall, body, starvation). */
  loss: number;
  /** Reward for every other step (usually 0 or slightly negative). */
  step: number;
}

export interface SnakeOptions {
  size: number;
  /** Steps without food that end the game; default DEFAULT_STARVATION(size) = size * size * 2. */
  starvation?: number;
}

/** The outcome of one move. */
export interface SnakeStep {
  ate: boolean;
  done: boolean;
  won: boolean;
  reward: number;
}

/** Tabular Q-learning settings (the trainer widget's sliders). */
export interface QLearningConfig {
  size: number;
  /** Learning rate η in (0, 1] (the lesson writes η for every learning rate; the field keeps the name alpha). */
  alpha: number;
  /** Discount γ in [0, 1]. */
  gamma: number;
  /** ε-greedy schedule: linear from epsilonStart to epsilonEnd over epsilonDecayEpisodes, then constant. */
  epsilonStart: number;
  epsilonEnd: number;
  epsilonDecayEpisodes: number;
  rewards: SnakeRewards;
  seed: number;
  starvation?: number;
}

/** Greedy evaluation on a fixed set of games (the same seeds every time). */
export interface Evaluation {
  games: number;
  wins: number;
  winRate: number;
  /** Mean number of moves per game. */
  averageLength: number;
  /** Mean final snake length. */
  averageSnakeLength: number;
}
