/**
 * The exact optimum of Snake: the best possible win probability, by value iteration over every
 * reachable state.
 *
 * States: a (body, food) pair that a game can reach, starting from every start (a snake of length
 * 1 on any cell, food on any other cell) and following every action and every food placement.
 * Game-over positions (dead, or the full board) are outcomes, not states: they are not counted.
 * Under the rules of snake.ts this gives 2,040 states on 3×3 (72 of them start states).
 *
 * Starvation makes hunger part of the true state. The solver handles it exactly: W_h(s) is the
 * win probability from state s with hunger h under optimal play,
 *   W_h(s) = max over actions of: 0 (death) | 1 (the move fills the board)
 *          | mean over food cells f of W_0(s + eat, f)      (eating resets hunger)
 *          | W_{h+1}(s')  if h + 1 < starvation, else 0     (a plain move)
 * Eating makes the snake longer, so sweeping lengths from longest to shortest and, within a length,
 * hunger from starvation − 1 down to 0, each Bellman backup only reads values already final: one
 * sweep is the fixed point of value iteration. With `starvation: Infinity` the hunger horizon is
 * the number of states of that length (a shortest path to food never needs more moves).
 * On 3×3 both give 100%: the optimal policy always reaches food well before starvation.
 */
import { cloneSnake, DEFAULT_STARVATION, snakeKey, stepSnake } from './snake.ts';
import type { SnakeAction, SnakeGame } from './snake-types.ts';

export interface SnakeSolution {
  size: number;
  /** The starvation limit the solution respects (Infinity: ignored). */
  starvation: number;
  /** Reachable (body, food) states. */
  states: number;
  /** Start states (head cell × food cell). */
  startStates: number;
  /** The optimal win probability of a new game (mean over the equally likely starts). */
  winProbability: number;
  /** Optimal win probability from the state with this snakeKey, with hunger 0 (NaN if unreachable). */
  value(key: number): number;
  /** Same, with `hunger` moves since the last meal. */
  valueAt(key: number, hunger: number): number;
  /** An optimal action for `game` (its hunger counts). */
  bestAction(game: SnakeGame): SnakeAction;
}

export interface SolveOptions {
  /** Default DEFAULT_STARVATION(size); Infinity ignores starvation. */
  starvation?: number;
  /** Give up (throw) beyond this many states (default 200,000). */
  limit?: number;
}

// Transition kinds per (state, action).
const DEAD = -1;
const WIN = -2;

interface Graph {
  games: SnakeGame[];
  index: Map<number, number>;
  starts: number[];
  /** Per state and action: DEAD, WIN, a state index (plain move), or an eat-list id ≥ 0 in `eats` marked by `isEat`. */
  next: Int32Array;
  isEat: Uint8Array;
  eats: Int32Array[];
}

/** The start states of a size × size board: every head cell with every other food cell. */
function startGames(size: number): SnakeGame[] {
  const cells = size * size;
  const out: SnakeGame[] = [];
  for (let head = 0; head < cells; head++) {
    for (let food = 0; food < cells; food++) {
      if (food !== head) out.push({ size, body: [head], food, hunger: 0, steps: 0, over: false, won: false, cause: null });
    }
  }
  return out;
}

/**
 * The successors of `game` under `action`, using stepSnake itself (so the rules cannot drift):
 * an rng returning (k + 0.5) / free places the food on the k-th free cell.
 */
function successors(game: SnakeGame, action: SnakeAction): { kind: 'dead' | 'win' | 'move' | 'eat'; games: SnakeGame[] } {
  const cells = game.size * game.size;
  const free = cells - game.body.length - 1;
  const first = cloneSnake(game);
  first.hunger = 0;
  const result = stepSnake(first, action, () => 0.5 / Math.max(1, free), undefined, Infinity);
  if (result.done) return { kind: result.won ? 'win' : 'dead', games: [] };
  if (!result.ate) return { kind: 'move', games: [first] };
  const games = [first];
  for (let k = 1; k < free; k++) {
    const g = cloneSnake(game);
    g.hunger = 0;
    stepSnake(g, action, () => (k + 0.5) / free, undefined, Infinity);
    games.push(g);
  }
  return { kind: 'eat', games };
}

function explore(size: number, limit: number, withEdges: boolean): Graph | number {
  const games: SnakeGame[] = [];
  const index = new Map<number, number>();
  const add = (g: SnakeGame): number => {
    const key = snakeKey(g);
    let i = index.get(key);
    if (i === undefined) {
      i = games.length;
      if (i >= limit) throw new StateLimit(limit);
      index.set(key, i);
      g.steps = 0;
      games.push(g);
    }
    return i;
  };
  const starts = startGames(size).map(add);
  const next: number[] = [];
  const isEat: number[] = [];
  const eats: Int32Array[] = [];
  for (let s = 0; s < games.length; s++) {
    for (let a = 0; a < 4; a++) {
      const { kind, games: after } = successors(games[s] as SnakeGame, a as SnakeAction);
      const ids = after.map(add);
      if (!withEdges) continue;
      isEat.push(kind === 'eat' ? 1 : 0);
      if (kind === 'dead') next.push(DEAD);
      else if (kind === 'win') next.push(WIN);
      else if (kind === 'move') next.push(ids[0] as number);
      else {
        next.push(eats.length);
        eats.push(Int32Array.from(ids));
      }
    }
  }
  if (!withEdges) return games.length;
  return { games, index, starts, next: Int32Array.from(next), isEat: Uint8Array.from(isEat), eats };
}

class StateLimit extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`more than ${limit} reachable states`);
    this.limit = limit;
  }
}

/**
 * The number of reachable (body, food) states of a size × size board, or `{ atLeast: limit }`
 * when there are more than `limit` (exploration stops there).
 */
export function countReachableStates(size: number, limit = 1_000_000): { states: number; complete: true } | { atLeast: number; complete: false } {
  try {
    return { states: explore(size, limit, false) as number, complete: true };
  } catch (error) {
    if (error instanceof StateLimit) return { atLeast: error.limit, complete: false };
    throw error;
  }
}

/** Solves Snake on a size × size board exactly (see the file comment). */
export function solveSnake(size = 3, options: SolveOptions = {}): SnakeSolution {
  const starvation = options.starvation ?? DEFAULT_STARVATION(size);
  const limit = options.limit ?? 200_000;
  let graph: Graph;
  try {
    graph = explore(size, limit, true) as Graph;
  } catch (error) {
    if (error instanceof StateLimit) {
      throw new Error(
        `solveSnake: ${size}×${size} has more than ${limit} reachable states; raise options.limit (memory grows with states × hunger levels) or solve a smaller board.`,
      );
    }
    throw error;
  }
  const { games, index, starts, next, isEat, eats } = graph;
  const n = games.length;

  // Group states by snake length, longest first.
  const byLength = new Map<number, number[]>();
  for (let s = 0; s < n; s++) {
    const len = (games[s] as SnakeGame).body.length;
    const list = byLength.get(len) ?? [];
    list.push(s);
    byLength.set(len, list);
  }
  const lengths = [...byLength.keys()].sort((x, y) => y - x);
  const maxGroup = Math.max(...[...byLength.values()].map((l) => l.length));
  // Hunger levels that matter: a plain-move path longer than the states of its length repeats one.
  const horizon = Number.isFinite(starvation) ? starvation : maxGroup + 1;
  if (!(horizon >= 1)) throw new RangeError(`solveSnake: starvation must be at least 1, got ${starvation}.`);

  // W[h * n + s]; eatValue[s * 4 + a] = mean of W_0 over food placements.
  const W = new Float64Array(horizon * n);
  const actionValue = (s: number, a: number, h: number): number => {
    const t = next[s * 4 + a] as number;
    if (t === DEAD) return 0;
    if (t === WIN) return 1;
    if (isEat[s * 4 + a]) {
      const ids = eats[t] as Int32Array;
      let sum = 0;
      for (const id of ids) sum += W[id] as number; // hunger 0 after eating
      return sum / ids.length;
    }
    return h + 1 < horizon ? (W[(h + 1) * n + t] as number) : 0;
  };
  for (const len of lengths) {
    const group = byLength.get(len) as number[];
    for (let h = horizon - 1; h >= 0; h--) {
      for (const s of group) {
        let best = 0;
        for (let a = 0; a < 4; a++) best = Math.max(best, actionValue(s, a, h));
        W[h * n + s] = best;
      }
    }
  }

  let total = 0;
  for (const s of starts) total += W[s] as number;
  const valueAt = (key: number, hunger: number): number => {
    const s = index.get(key);
    if (s === undefined) return NaN;
    const h = Math.min(hunger, horizon - 1);
    return hunger >= horizon ? 0 : (W[h * n + s] as number);
  };
  return {
    size,
    starvation,
    states: n,
    startStates: starts.length,
    winProbability: total / starts.length,
    value: (key) => valueAt(key, 0),
    valueAt,
    bestAction(game: SnakeGame): SnakeAction {
      const s = index.get(snakeKey(game));
      if (s === undefined || game.over) {
        throw new Error(
          `solveSnake(${size}).bestAction: ${game.over ? 'the game is over' : 'this position is not reachable under the rules'}; pass a game in progress on a ${size}×${size} board.`,
        );
      }
      const h = Math.min(game.hunger, horizon - 1);
      let best = 0;
      let bestValue = -1;
      for (let a = 0; a < 4; a++) {
        const v = actionValue(s, a, h);
        if (v > bestValue + 1e-12) {
          best = a;
          bestValue = v;
        }
      }
      return best as SnakeAction;
    },
  };
}
