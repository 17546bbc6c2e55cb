import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_NAMES, headDirection, isDeadly, snakeFeatures } from './snake-features.ts';
import type { SnakeGame } from './snake-types.ts';

function game(size: number, body: number[], food: number, hunger = 0): SnakeGame {
  return { size, body, food, hunger, steps: 0, over: false, won: false, cause: null };
}

const f = (g: SnakeGame) => Array.from(snakeFeatures(g));

describe('snakeFeatures', () => {
  it('has one name per feature', () => {
    expect(FEATURE_COUNT).toBe(18);
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
  });

  it('sees the walls around a corner snake, the food direction and no heading at length 1', () => {
    // 5×5, head at 0 (top-left), food at 24 (bottom-right).
    const x = f(game(5, [0], 24));
    expect(x.slice(0, 4)).toEqual([1, 0, 1, 0]);
    expect(x.slice(4, 8)).toEqual([0, 1, 0, 1]);
    expect(x.slice(8, 12)).toEqual([0, 0, 0, 0]);
    // Room: every free cell is reachable going down or right.
    expect(x[13]).toBe(1);
    expect(x[15]).toBe(1);
    expect(x[12]).toBe(0);
    expect(x[16]).toBeCloseTo(1 / 25);
  });

  it('treats the body as danger but the leaving tail as safe, unless that move eats', () => {
    // 3×3: a U shape. Head 4 (centre), neck 1 (top), 0, 3 (tail, left of the head).
    const g = game(3, [4, 1, 0, 3], 8);
    expect(headDirection(g)).toBe(1); // moved down from 1 to 4
    expect(isDeadly(g, 0)).toBe(true); // the neck
    expect(isDeadly(g, 2)).toBe(false); // the tail's cell: it leaves
    const eating = game(3, [4, 1, 0, 3], 3);
    // Food cannot really be on the body; the rule mirrors stepSnake: eating keeps the tail.
    expect(isDeadly(eating, 2)).toBe(true);
    const x = f(g);
    expect(x.slice(8, 12)).toEqual([0, 1, 0, 0]);
  });

  it('measures the room left in each direction', () => {
    // 4×4: body up column 1, head 13 (bottom row), then 9, 5, 1 and the tail at 0.
    // Left of the head: 12, 8, 4 (and the tail's cell 0) = 4 of 12 free cells; right: the other 8.
    const x = f(game(4, [13, 9, 5, 1, 0], 3, 8));
    expect(x[0]).toBe(1);
    expect(x[12]).toBe(0);
    expect(x[14]).toBeCloseTo(4 / 12);
    expect(x[15]).toBeCloseTo(8 / 12);
    expect(x[17]).toBeCloseTo(8 / 32);
  });

  it('writes at an offset and refuses a too-short output', () => {
    const out = new Float32Array(FEATURE_COUNT * 2).fill(7);
    snakeFeatures(game(5, [0], 24), out, FEATURE_COUNT);
    expect(out[0]).toBe(7);
    expect(out[FEATURE_COUNT]).toBe(1);
    expect(() => snakeFeatures(game(5, [0], 24), new Float32Array(5))).toThrow(/needs 18/);
  });
});
