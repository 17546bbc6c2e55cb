/**
 * Snake for reinforcement learning (rules in snake-types.ts).
 *
 * Conventions fixed here:
 *  - Reversing a snake of length 2 is "moving into the cell the tail is leaving": allowed (the
 *    head and tail swap cells). For longer snakes the neck is not the tail, so reversing is death.
 *  - On the move that eats, the tail stays, so the whole body (tail included) blocks the head;
 *    food is never on the body, so in practice this only matters for the cell the tail holds.
 *  - Rewards: `food` for eating, `win` (instead of `food`) for the move that fills the board,
 *    `loss` for dying (wall, body, starvation), `step` for every other move.
 *  - Randomness: `newSnakeGame` draws the head cell then the food cell; each meal draws the next
 *    food cell; each draw is one rng() call, so a seed replays a game exactly.
 */
import type { Environment, Rng, StepResult } from './environment.ts';
import { SNAKE_ACTIONS, type SnakeAction, type SnakeGame, type SnakeOptions, type SnakeRewards, type SnakeStep } from './snake-types.ts';

/** Rewards of the reference agent (tuned by the `rl` bench: see qlearning.ts). */
export const DEFAULT_REWARDS: SnakeRewards = { food: 1, win: 10, loss: -10, step: 0 };

/** Steps without food that end a game by default: twice the number of cells. */
export function DEFAULT_STARVATION(size: number): number {
  return size * size * 2;
}

/** The largest board `snakeKey` encodes exactly (the key must stay below 2^53). */
export const MAX_KEYED_SIZE = 5;

/** Row and column offsets of the actions 0 up, 1 down, 2 left, 3 right. */
const DR = [-1, 1, 0, 0] as const;
const DC = [0, 0, -1, 1] as const;

function checkSize(size: number, where: string): void {
  if (!Number.isInteger(size) || size < 2 || size > 16) {
    throw new RangeError(`${where}: the board size must be a whole number from 2 to 16, got ${String(size)}.`);
  }
}

/** A uniformly random cell of `size × size` not on `body` (−1 when the board is full). */
export function placeFood(size: number, body: readonly number[], rng: Rng): number {
  const cells = size * size;
  const free = cells - body.length;
  if (free <= 0) return -1;
  // The k-th free cell in index order, k uniform in 0 … free − 1.
  let k = Math.min(free - 1, Math.floor(rng() * free));
  for (let cell = 0; cell < cells; cell++) {
    if (body.includes(cell)) continue;
    if (k === 0) return cell;
    k -= 1;
  }
  return -1; // unreachable: there are `free` free cells
}

/** A new game: a snake of length 1 on a uniformly random cell, food on a random free cell. */
export function newSnakeGame(size: number, rng: Rng): SnakeGame {
  checkSize(size, 'newSnakeGame');
  const cells = size * size;
  const head = Math.min(cells - 1, Math.floor(rng() * cells));
  const body = [head];
  return { size, body, food: placeFood(size, body, rng), hunger: 0, steps: 0, over: false, won: false, cause: null };
}

/** Restarts `game` in place (same as newSnakeGame, without allocating a new object). */
export function resetSnakeGame(game: SnakeGame, rng: Rng): SnakeGame {
  const cells = game.size * game.size;
  game.body.length = 0;
  game.body.push(Math.min(cells - 1, Math.floor(rng() * cells)));
  game.food = placeFood(game.size, game.body, rng);
  game.hunger = 0;
  game.steps = 0;
  game.over = false;
  game.won = false;
  game.cause = null;
  return game;
}

export function cloneSnake(game: SnakeGame): SnakeGame {
  return { ...game, body: game.body.slice() };
}

/** The cell the head would enter with `action`, or −1 for a wall. */
export function nextHead(size: number, head: number, action: number): number {
  const r = Math.floor(head / size) + (DR[action as SnakeAction] ?? 0);
  const c = (head % size) + (DC[action as SnakeAction] ?? 0);
  if (r < 0 || r >= size || c < 0 || c >= size) return -1;
  return r * size + c;
}

/**
 * Plays `action` (0 up, 1 down, 2 left, 3 right). MUTATES `game`; `rng` places the next food.
 * `starvation` defaults to DEFAULT_STARVATION(size).
 */
export function stepSnake(
  game: SnakeGame,
  action: SnakeAction | number,
  rng: Rng,
  rewards: SnakeRewards = DEFAULT_REWARDS,
  starvation: number = DEFAULT_STARVATION(game.size),
): SnakeStep {
  if (game.over) throw new Error('stepSnake: the game is over; start a new one with newSnakeGame(size, rng).');
  if (!(action === 0 || action === 1 || action === 2 || action === 3)) {
    throw new RangeError(`stepSnake: ${String(action)} is not an action: use 0 up, 1 down, 2 left or 3 right.`);
  }
  const { size, body } = game;
  game.steps += 1;
  const head = nextHead(size, body[0] as number, action);
  if (head < 0) return end(game, 'wall', rewards.loss);
  const ate = head === game.food;
  // Without eating the tail leaves its cell this move, so only body[0 … length − 2] blocks.
  const blocking = ate ? body.length : body.length - 1;
  for (let i = 0; i < blocking; i++) if (body[i] === head) return end(game, 'body', rewards.loss);
  if (ate) {
    body.unshift(head);
    game.hunger = 0;
    if (body.length === size * size) {
      game.food = -1;
      game.over = true;
      game.won = true;
      game.cause = 'full';
      return { ate: true, done: true, won: true, reward: rewards.win };
    }
    game.food = placeFood(size, body, rng);
    return { ate: true, done: false, won: false, reward: rewards.food };
  }
  // Move: shift every segment one place toward the head (no allocation).
  for (let i = body.length - 1; i > 0; i--) body[i] = body[i - 1] as number;
  body[0] = head;
  game.hunger += 1;
  if (game.hunger >= starvation) return end(game, 'starved', rewards.loss);
  return { ate: false, done: false, won: false, reward: rewards.step };
}

function end(game: SnakeGame, cause: 'wall' | 'body' | 'starved', reward: number): SnakeStep {
  game.over = true;
  game.won = false;
  game.cause = cause;
  return { ate: false, done: true, won: false, reward };
}

/** The direction (0 up, 1 down, 2 left, 3 right) from cell `from` to the adjacent cell `to`. */
function direction(size: number, from: number, to: number): number {
  const d = to - from;
  return d === -size ? 0 : d === size ? 1 : d === -1 ? 2 : 3;
}
const OPPOSITE = [1, 0, 3, 2] as const;

/**
 * An exact integer id of the game's (body, food), without hunger: collision-free and below
 * 2^53 for boards up to 5×5. Layout, from most to least significant:
 *   shape · 26 · 25 · 26 + length · 25 · 26 + head · 26 + (food + 1), with size² in place of 25,
 * where `shape` encodes the path from the head: the first segment's direction (4 choices) then,
 * for each later segment, its turn relative to the previous direction (3 choices: a body never
 * folds back on itself). Shapes < 4·3^23 on 5×5, so keys < 6.4e15 < 2^53 ≈ 9.0e15.
 */
export function snakeKey(game: SnakeGame): number {
  const { size, body } = game;
  const cells = size * size;
  if (size > MAX_KEYED_SIZE) {
    throw new RangeError(`snakeKey: boards up to ${MAX_KEYED_SIZE}×${MAX_KEYED_SIZE} have exact numeric keys; this one is ${size}×${size}.`);
  }
  let shape = 0;
  let previous = -1;
  for (let i = 1; i < body.length; i++) {
    const d = direction(size, body[i - 1] as number, body[i] as number);
    if (previous < 0) shape = d;
    else {
      // Turn index 0 … 2 among the three directions other than the reverse of `previous`.
      const reverse = OPPOSITE[previous as SnakeAction];
      shape = shape * 3 + (d < reverse ? d : d - 1);
    }
    previous = d;
  }
  return ((shape * (cells + 1) + body.length) * cells + (body[0] as number)) * (cells + 1) + (game.food + 1);
}

function cellName(size: number, cell: number): string {
  return `row ${Math.floor(cell / size) + 1}, column ${(cell % size) + 1}`;
}

/** The game in words, e.g. "snake of length 2, head at row 1, column 2, food at row 3, column 3". */
export function describeSnake(game: SnakeGame): string {
  const { size, body } = game;
  const head = `head at ${cellName(size, body[0] as number)}`;
  const food = game.food >= 0 ? `food at ${cellName(size, game.food)}` : 'no food (the board is full)';
  const tail = body.length > 1 ? `, tail at ${cellName(size, body[body.length - 1] as number)}` : '';
  const state = game.over ? (game.won ? ' (won)' : ` (lost: ${game.cause ?? 'over'})`) : '';
  return `snake of length ${body.length} on ${size}×${size}, ${head}${tail}, ${food}${state}`;
}

/** Steps an episode may last at most: starvation ends games long before this. */
export function snakeMaxSteps(size: number, starvation: number = DEFAULT_STARVATION(size)): number {
  return size * size * starvation;
}

/**
 * Snake as an `Environment` (id `snake-NxN`). States are fresh copies (safe to keep); the reward
 * scale is DEFAULT_REWARDS (food +1, win +10, loss −10, step 0).
 */
export function createSnakeEnvironment(options: SnakeOptions): Environment<SnakeGame> {
  const { size } = options;
  checkSize(size, 'createSnakeEnvironment');
  const starvation = options.starvation ?? DEFAULT_STARVATION(size);
  let game: SnakeGame | null = null;
  let rng: Rng = Math.random;
  return {
    id: `snake-${size}x${size}`,
    actions: 4,
    actionNames: SNAKE_ACTIONS,
    maxSteps: snakeMaxSteps(size, starvation),
    reset(r: Rng): SnakeGame {
      rng = r;
      game = newSnakeGame(size, rng);
      return cloneSnake(game);
    },
    step(action: number): StepResult<SnakeGame> {
      if (!game) throw new Error(`${`snake-${size}x${size}`}: call reset() before step().`);
      const result = stepSnake(game, action, rng, DEFAULT_REWARDS, starvation);
      return { state: cloneSnake(game), reward: result.reward, done: result.done, won: result.won };
    },
    stateKey: (state) => String(snakeKey(state)),
    describe: (state) => describeSnake(state),
  };
}
