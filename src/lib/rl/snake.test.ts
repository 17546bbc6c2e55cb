import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { playable } from './environment.ts';
import { createEnvironment, ENVIRONMENT_IDS } from './environments.ts';
import {
  cloneSnake,
  createSnakeEnvironment,
  DEFAULT_REWARDS,
  DEFAULT_STARVATION,
  describeSnake,
  newSnakeGame,
  placeFood,
  snakeKey,
  stepSnake,
} from './snake.ts';
import type { SnakeGame } from './snake-types.ts';

const UP = 0;
const DOWN = 1;
const LEFT = 2;
const RIGHT = 3;

/** A game in progress with this body (head first) and food. */
function game(size: number, body: number[], food: number, hunger = 0): SnakeGame {
  return { size, body, food, hunger, steps: 0, over: false, won: false, cause: null };
}
/** An rng that always returns `x`. */
const fixed = (x: number) => () => x;

describe('newSnakeGame', () => {
  it('starts with length 1 and food on another cell, both uniformly random', () => {
    const rng = mulberry32(7);
    const heads = new Array<number>(9).fill(0);
    for (let i = 0; i < 9000; i++) {
      const g = newSnakeGame(3, rng);
      expect(g.body).toHaveLength(1);
      expect(g.food).not.toBe(g.body[0]);
      expect(g.food).toBeGreaterThanOrEqual(0);
      expect(g.food).toBeLessThan(9);
      heads[g.body[0] as number] = (heads[g.body[0] as number] ?? 0) + 1;
      expect(g).toMatchObject({ hunger: 0, steps: 0, over: false, won: false, cause: null });
    }
    for (const count of heads) expect(count).toBeGreaterThan(850); // expected 1,000 each
  });

  it('replays exactly from the same seed', () => {
    const play = (seed: number) => {
      const rng = mulberry32(seed);
      const g = newSnakeGame(4, rng);
      const trace: string[] = [];
      const moves = mulberry32(99);
      while (!g.over) {
        stepSnake(g, Math.floor(moves() * 4), rng);
        trace.push(`${g.body.join(',')}|${g.food}`);
      }
      return trace;
    };
    expect(play(5)).toEqual(play(5));
    expect(play(5)).not.toEqual(play(6));
  });
});

describe('stepSnake rules', () => {
  it('moves the head and the body follows', () => {
    // 3×3: cells 0 1 2 / 3 4 5 / 6 7 8. Snake 4 (head), 3, 0; food at 8.
    const g = game(3, [4, 3, 0], 8);
    const step = stepSnake(g, RIGHT, fixed(0));
    expect(step).toEqual({ ate: false, done: false, won: false, reward: DEFAULT_REWARDS.step });
    expect(g.body).toEqual([5, 4, 3]);
    expect(g.hunger).toBe(1);
    expect(g.steps).toBe(1);
  });

  it('hitting a wall loses', () => {
    for (const [head, action] of [
      [0, UP],
      [0, LEFT],
      [8, DOWN],
      [8, RIGHT],
      [2, RIGHT],
      [6, LEFT],
    ] as const) {
      const g = game(3, [head], 4);
      const step = stepSnake(g, action, fixed(0));
      expect(step).toEqual({ ate: false, done: true, won: false, reward: DEFAULT_REWARDS.loss });
      expect(g).toMatchObject({ over: true, won: false, cause: 'wall' });
    }
  });

  it('hitting the body loses (reversing into the neck of a snake of length 3)', () => {
    const g = game(3, [4, 3, 0], 8);
    expect(stepSnake(g, LEFT, fixed(0)).done).toBe(true);
    expect(g.cause).toBe('body');
    const h = game(3, [4, 1, 0, 3], 8); // head 4, body curls round: moving up hits 1
    stepSnake(h, UP, fixed(0));
    expect(h.cause).toBe('body');
  });

  it('moving into the cell the tail is leaving is allowed', () => {
    // A 2×2 ring: head 0, then 1, 3, tail 2. Moving down from 0 enters 2, which the tail leaves.
    const g = game(3, [0, 1, 4, 3], 8);
    const step = stepSnake(g, DOWN, fixed(0));
    expect(step.done).toBe(false);
    expect(g.body).toEqual([3, 0, 1, 4]);
    // Length 2 reversing is the same rule: the head takes the tail's cell, the tail the head's.
    const two = game(3, [4, 3], 8);
    expect(stepSnake(two, LEFT, fixed(0)).done).toBe(false);
    expect(two.body).toEqual([3, 4]);
  });

  it('eating grows the snake: the tail stays, places new food on a free cell and gives the food reward', () => {
    const g = game(3, [4, 3], 5, 6);
    const step = stepSnake(g, RIGHT, fixed(0));
    expect(step).toEqual({ ate: true, done: false, won: false, reward: DEFAULT_REWARDS.food });
    expect(g.body).toEqual([5, 4, 3]);
    expect(g.hunger).toBe(0);
    expect(g.food).toBe(0); // the first free cell (rng 0)
  });

  it('when eating, the tail stays: a snake of length 2 may reverse, but not once it has eaten', () => {
    // Food is never on the body, so the head can never enter the tail's cell on an eating move;
    // what the rule changes is the length: the tail that would have left stays.
    const two = game(3, [4, 3], 8);
    expect(stepSnake(cloneSnake(two), LEFT, fixed(0)).done).toBe(false); // reversing = following the tail
    const eats = game(3, [4, 3], 5);
    stepSnake(eats, RIGHT, fixed(0.99));
    expect(eats.body).toEqual([5, 4, 3]); // the tail stayed on 3
    expect(stepSnake(eats, LEFT, fixed(0)).done).toBe(true); // 4 is now the neck, not the tail
    expect(eats.cause).toBe('body');
  });

  it('on the move after eating the tail moves again, so following it is allowed', () => {
    // 3×3: head 0, then 1, 4, 7, tail 6; food at 3. Eat at 3 (tail 6 stays), then move down into 6.
    const g = game(3, [0, 1, 4, 7, 6], 3);
    stepSnake(g, DOWN, fixed(0));
    expect(g.body).toEqual([3, 0, 1, 4, 7, 6]);
    expect(stepSnake(g, DOWN, fixed(0)).done).toBe(false);
    expect(g.body).toEqual([6, 3, 0, 1, 4, 7]);
  });

  it('a head moving onto food sitting where the tail is cannot happen: food is never placed on the body', () => {
    const rng = mulberry32(3);
    const body = [0, 1, 2, 5, 4];
    const counts = new Map<number, number>();
    for (let i = 0; i < 8000; i++) {
      const cell = placeFood(3, body, rng);
      expect(body).not.toContain(cell);
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([3, 6, 7, 8]);
    for (const n of counts.values()) expect(n).toBeGreaterThan(1800); // expected 2,000 each (uniform)
    expect(placeFood(2, [0, 1, 3, 2], rng)).toBe(-1);
  });

  it('filling the board wins with the win reward and no food', () => {
    // 2×2: head 0, then 1, 3; food at 2, the last free cell.
    const g = game(2, [0, 1, 3], 2);
    const step = stepSnake(g, DOWN, fixed(0));
    expect(step).toEqual({ ate: true, done: true, won: true, reward: DEFAULT_REWARDS.win });
    expect(g).toMatchObject({ over: true, won: true, cause: 'full', food: -1 });
    expect(g.body).toEqual([2, 0, 1, 3]);
  });

  it('starves after `starvation` moves in a row without eating', () => {
    const g = game(3, [0], 8);
    expect(DEFAULT_STARVATION(3)).toBe(18);
    const moves = [RIGHT, LEFT];
    for (let i = 0; i < 17; i++) expect(stepSnake(g, moves[i % 2] as number, fixed(0)).done).toBe(false);
    const last = stepSnake(g, RIGHT, fixed(0));
    expect(last).toEqual({ ate: false, done: true, won: false, reward: DEFAULT_REWARDS.loss });
    expect(g).toMatchObject({ cause: 'starved', hunger: 18 });
    // A custom limit.
    const h = game(3, [0], 8);
    stepSnake(h, RIGHT, fixed(0), DEFAULT_REWARDS, 2);
    expect(stepSnake(h, LEFT, fixed(0), DEFAULT_REWARDS, 2).done).toBe(true);
  });

  it('uses the rewards given', () => {
    const rewards = { food: 2, win: 50, loss: -7, step: -0.25 };
    expect(stepSnake(game(3, [4], 8), UP, fixed(0), rewards).reward).toBe(-0.25);
    expect(stepSnake(game(3, [4], 5), RIGHT, fixed(0), rewards).reward).toBe(2);
    expect(stepSnake(game(3, [0], 5), UP, fixed(0), rewards).reward).toBe(-7);
  });

  it('refuses finished games and bad actions', () => {
    const g = game(3, [0], 5);
    expect(() => stepSnake(g, 4, fixed(0))).toThrow(/not an action/);
    stepSnake(g, UP, fixed(0));
    expect(() => stepSnake(g, DOWN, fixed(0))).toThrow(/game is over/);
  });
});

describe('snakeKey', () => {
  it('is an exact id of body and food, ignoring hunger and steps', () => {
    const a = game(3, [4, 3, 0], 8, 0);
    const b = game(3, [4, 3, 0], 8, 5);
    b.steps = 9;
    expect(snakeKey(a)).toBe(snakeKey(b));
    expect(snakeKey(a)).not.toBe(snakeKey(game(3, [4, 3, 0], 7)));
    expect(snakeKey(a)).not.toBe(snakeKey(game(3, [4, 3, 6], 8)));
    expect(snakeKey(a)).not.toBe(snakeKey(game(3, [4, 3], 8)));
  });

  it('has no collisions among random positions and stays below 2^53 on 5×5', () => {
    for (const size of [3, 4, 5]) {
      const seen = new Map<number, string>();
      const rng = mulberry32(size);
      for (let i = 0; i < 800; i++) {
        const g = newSnakeGame(size, rng);
        while (!g.over) {
          const key = snakeKey(g);
          expect(Number.isSafeInteger(key)).toBe(true);
          const id = `${g.body.join(',')}|${g.food}`;
          const before = seen.get(key);
          if (before !== undefined) expect(before).toBe(id);
          seen.set(key, id);
          stepSnake(g, Math.floor(rng() * 4), rng);
        }
      }
    }
    // The longest 5×5 snake: a full serpentine with the largest shape digits.
    const serpentine: number[] = [];
    for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) serpentine.push(r * 5 + (r % 2 === 0 ? c : 4 - c));
    expect(Number.isSafeInteger(snakeKey(game(5, serpentine.reverse(), -1)))).toBe(true);
  });
});

describe('describeSnake and the environment', () => {
  it('describes a game in words', () => {
    expect(describeSnake(game(3, [4, 3], 8))).toBe(
      'snake of length 2 on 3×3, head at row 2, column 2, tail at row 2, column 1, food at row 3, column 3',
    );
  });

  it('registers snake-3x3, snake-4x4 and snake-5x5, playable with seeded replays', () => {
    expect(ENVIRONMENT_IDS).toEqual(expect.arrayContaining(['snake-3x3', 'snake-4x4', 'snake-5x5']));
    for (const size of [3, 4, 5]) {
      const env = createEnvironment(`snake-${size}x${size}`);
      expect(env).toMatchObject({ id: `snake-${size}x${size}`, actions: 4, actionNames: ['up', 'down', 'left', 'right'] });
      expect(env.maxSteps).toBeGreaterThan(DEFAULT_STARVATION(size) * size * size - 1);
    }
    const run = () => {
      const env = playable(createSnakeEnvironment({ size: 3 }), mulberry32(11));
      const keys: string[] = [];
      let state = env.reset();
      keys.push(env.stateKey(state));
      for (let i = 0; i < 200; i++) {
        const result = env.step(i % 4);
        keys.push(env.stateKey(result.state));
        state = result.state;
        if (result.done) {
          expect(result.reward).toBe(result.won ? DEFAULT_REWARDS.win : DEFAULT_REWARDS.loss);
          state = env.reset();
        }
      }
      return keys;
    };
    expect(run()).toEqual(run());
  });

  it('returns copies: a kept state does not change with later steps', () => {
    const env = createSnakeEnvironment({ size: 3 });
    const first = env.reset(mulberry32(1));
    const copy = cloneSnake(first);
    env.step(first.body[0] === 0 ? DOWN : UP);
    expect(first).toEqual(copy);
    expect(env.stateKey(first)).toBe(String(snakeKey(first)));
  });
});
