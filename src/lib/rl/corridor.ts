/**
 * "corridor": the smallest game worth learning. A corridor of 6 cells, 0 to 5: a pit at
 * cell 0 (falling in loses), the goal at cell 5 (reaching it wins). Each episode starts on a
 * random cell from 1 to 4; the actions are 0 = left and 1 = right. Reward +1 for the goal,
 * −1 for the pit, 0 otherwise; an episode ends after 20 steps at most.
 *
 * A random walker wins about half the games (from cell k it reaches the goal first with
 * probability k/5); always walking right wins every game.
 */
import type { Environment, Rng, StepResult } from './environment.ts';

export const CORRIDOR_LENGTH = 6;
export const CORRIDOR_PIT = 0;
export const CORRIDOR_GOAL = CORRIDOR_LENGTH - 1;
export const CORRIDOR_MAX_STEPS = 20;

/** The state: the cell the player stands on, 0 … 5. */
export interface CorridorState {
  position: number;
}

export function createCorridor(): Environment<CorridorState> {
  let position = 1;
  return {
    id: 'corridor',
    actions: 2,
    actionNames: ['left', 'right'],
    maxSteps: CORRIDOR_MAX_STEPS,
    reset(rng: Rng): CorridorState {
      // A start cell from 1 to GOAL − 1, uniformly.
      position = 1 + Math.min(CORRIDOR_GOAL - 2, Math.floor(rng() * (CORRIDOR_GOAL - 1)));
      return { position };
    },
    step(action: number): StepResult<CorridorState> {
      position += action === 1 ? 1 : -1;
      const won = position === CORRIDOR_GOAL;
      const lost = position === CORRIDOR_PIT;
      return { state: { position }, reward: won ? 1 : lost ? -1 : 0, done: won || lost, won };
    },
    stateKey: (state) => String(state.position),
    describe: (state) => `position ${state.position} (pit at ${CORRIDOR_PIT}, goal at ${CORRIDOR_GOAL})`,
  };
}
