import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { createCorridor, CORRIDOR_GOAL, CORRIDOR_MAX_STEPS, type CorridorState } from './corridor.ts';
import { invalidActionReason, playable } from './environment.ts';
import { createEnvironment, ENVIRONMENT_IDS, environmentInfo } from './environments.ts';

describe('corridor rules', () => {
  it('starts on a cell from 1 to 4, each of them for some seed', () => {
    const env = createCorridor();
    const rng = mulberry32(1);
    const starts = new Set<number>();
    for (let i = 0; i < 200; i++) starts.add(env.reset(rng).position);
    expect([...starts].sort()).toEqual([1, 2, 3, 4]);
  });

  it('right from 4 reaches the goal: +1, done, won', () => {
    const env = createCorridor();
    env.reset(() => 0.99); // start on cell 4
    expect(env.step(1)).toEqual({ state: { position: CORRIDOR_GOAL }, reward: 1, done: true, won: true });
  });

  it('left from 1 falls into the pit: −1, done, lost', () => {
    const env = createCorridor();
    env.reset(() => 0); // start on cell 1
    expect(env.step(0)).toEqual({ state: { position: 0 }, reward: -1, done: true, won: false });
  });

  it('a step inside the corridor is worth 0 and does not end the episode', () => {
    const env = createCorridor();
    env.reset(() => 0.3); // cell 2
    expect(env.step(1)).toEqual({ state: { position: 3 }, reward: 0, done: false, won: false });
    expect(env.step(0)).toEqual({ state: { position: 2 }, reward: 0, done: false, won: false });
  });

  it('keys and describes states', () => {
    const env = createCorridor();
    expect(env.stateKey({ position: 3 })).toBe('3');
    expect(env.describe?.({ position: 3 })).toBe('position 3 (pit at 0, goal at 5)');
  });
});

describe('playable', () => {
  it('ends a game that runs out of steps, as not won, and refuses to step it further', () => {
    const p = playable(createCorridor(), () => 0.5); // always starts on cell 3
    p.reset();
    let last;
    // Right, left, right, left, … never reaches either end.
    for (let i = 0; i < CORRIDOR_MAX_STEPS; i++) {
      expect(last?.done ?? false).toBe(false);
      last = p.step(1 - (i % 2));
    }
    expect(last).toEqual({ state: { position: 3 }, reward: 0, done: true, won: false });
    expect(p.steps).toBe(CORRIDOR_MAX_STEPS);
    expect(p.episodes).toBe(1);
    expect(() => p.step(1)).toThrow(/after the episode ended.*env\.reset\(\)/);
  });

  it('refuses steps before reset and bad actions, saying what to do', () => {
    const env = playable(createCorridor(), mulberry32(3));
    expect(() => env.step(1)).toThrow(/before env\.reset\(\)/);
    env.reset();
    expect(() => env.step(2)).toThrow(/whole number from 0 to 1 \(0 = left, 1 = right\)/);
    expect(() => env.step(0.5)).toThrow(RangeError);
    expect(() => env.step('1' as unknown as number)).toThrow(/the string "1"/);
  });

  it('counts episodes and uses its own random numbers', () => {
    const a = playable(createCorridor(), mulberry32(9));
    const b = playable(createCorridor(), mulberry32(9));
    const startsA: CorridorState[] = [];
    const startsB: CorridorState[] = [];
    for (let i = 0; i < 20; i++) {
      startsA.push(a.reset());
      startsB.push(b.reset());
    }
    expect(startsA).toEqual(startsB);
    expect(a.episodes).toBe(20);
  });

  it('invalidActionReason accepts exactly the action indices', () => {
    const env = createCorridor();
    expect(invalidActionReason(env, 0)).toBeNull();
    expect(invalidActionReason(env, 1)).toBeNull();
    expect(invalidActionReason(env, -1)).toMatch(/-1 is not an action of corridor/);
    expect(invalidActionReason(env, undefined)).toMatch(/undefined/);
    expect(invalidActionReason(env, NaN)).toMatch(/NaN/);
  });
});

describe('environment registry', () => {
  it('creates a fresh corridor by id', () => {
    expect(ENVIRONMENT_IDS).toContain('corridor');
    const a = createEnvironment('corridor');
    const b = createEnvironment('corridor');
    expect(a).not.toBe(b);
    expect(a.actions).toBe(2);
    expect(environmentInfo('corridor').title).toBe('Corridor');
  });

  it('names the known ids for an unknown one', () => {
    expect(() => createEnvironment('chess')).toThrow(/Unknown environment "chess".*"corridor"/);
    expect(() => createEnvironment('toString')).toThrow(/Unknown environment/);
  });
});
