/**
 * The Snake player's input and words, pure: keys and swipes to moves, the best of four Q-values,
 * cell names and loss causes.
 */
import { DEFAULT_STARVATION } from '../../lib/rl/snake.ts';
import type { SnakeAction } from '../../lib/rl/snake-types.ts';

export const SIZE = 3;

/** Arrow keys and W, A, S, D (either case) to moves: 0 up, 1 down, 2 left, 3 right. */
export const KEYS: Record<string, SnakeAction> = {
  ArrowUp: 0,
  ArrowDown: 1,
  ArrowLeft: 2,
  ArrowRight: 3,
  w: 0,
  s: 1,
  a: 2,
  d: 3,
  W: 0,
  S: 1,
  A: 2,
  D: 3,
};

/** Shortest swipe taken as a move, CSS pixels. */
const MIN_SWIPE = 24;

/** The move a swipe of (dx, dy) pixels means, or null when it is too short to be one. */
export function swipeDirection(dx: number, dy: number): SnakeAction | null {
  if (Math.max(Math.abs(dx), Math.abs(dy)) < MIN_SWIPE) return null;
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? 3 : 2;
  return dy > 0 ? 1 : 0;
}

/** Why a game was lost, in words. */
export const CAUSES: Record<string, string> = {
  wall: 'the snake hit the wall',
  body: 'the snake ran into its own body',
  starved: `the snake starved (${DEFAULT_STARVATION(SIZE)} moves without food)`,
};

/** The action with the largest value (first on ties, like QLearner.greedyAction). */
export function bestOf(q: readonly number[]): SnakeAction {
  let best = 0;
  for (let i = 1; i < 4; i++) if ((q[i] ?? 0) > (q[best] ?? 0)) best = i;
  return best as SnakeAction;
}

/** "row 2, column 3" for cell 5 of the 3×3 board. */
export function cellName(cell: number): string {
  return `row ${Math.floor(cell / SIZE) + 1}, column ${(cell % SIZE) + 1}`;
}
