import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './qlearning.ts';
import { countReachableStates, solveSnake } from './snake-optimum.ts';
import { snakeKey } from './snake.ts';

describe('solveSnake (value iteration over every reachable state)', () => {
  const solution = solveSnake(3);

  it('finds the 2,040 reachable states of 3×3 (72 starts) and a 100% optimum', () => {
    expect(solution.states).toBe(2040);
    expect(solution.startStates).toBe(72);
    expect(solution.starvation).toBe(18);
    expect(Math.abs(solution.winProbability - 1)).toBeLessThan(1e-9);
  });

  it('starvation does not bind at the default limit: the optimum ignoring it is the same', () => {
    const free = solveSnake(3, { starvation: Infinity });
    expect(free.states).toBe(2040);
    expect(Math.abs(free.winProbability - 1)).toBeLessThan(1e-9);
    // A tight limit does: with 3 moves between meals most games cannot be won.
    expect(solveSnake(3, { starvation: 3 }).winProbability).toBeLessThan(0.5);
  });

  it('its best action wins every evaluation game', () => {
    const evaluation = evaluatePolicy((game) => solution.bestAction(game), 3);
    expect(evaluation.winRate).toBe(1);
  });

  it('values: a trapped position is worth 0; an unreachable key is NaN', () => {
    // 3×3: head 0 (corner) with its neck on 1 and its body on 3 (the tail is 6): every move dies.
    const trapped = { size: 3, body: [0, 1, 4, 3, 6], food: 8, hunger: 0, steps: 0, over: false, won: false, cause: null };
    expect(solution.value(snakeKey(trapped))).toBe(0);
    expect(solution.value(123456789)).toBeNaN();
  });

  it('solves 2×2 too (every position is winnable by circling)', () => {
    const small = solveSnake(2);
    expect(small.winProbability).toBeCloseTo(1, 12);
    expect(countReachableStates(2)).toEqual({ states: small.states, complete: true });
  });
});

describe('countReachableStates', () => {
  it('counts 3×3 exactly and caps large boards', () => {
    expect(countReachableStates(3)).toEqual({ states: 2040, complete: true });
    expect(countReachableStates(4, 5000)).toEqual({ atLeast: 5000, complete: false });
  });
});
