/**
 * The registry of environments that exercises and widgets name by id
 * (e.g. `env: corridor` in an exercise's grader spec).
 */
import { createCorridor } from './corridor.ts';
import type { Environment } from './environment.ts';
import { createSnakeEnvironment, DEFAULT_STARVATION } from './snake.ts';

export interface EnvironmentInfo {
  id: string;
  title: string;
  /** One or two sentences for readers: the board, the actions, how to win. */
  description: string;
  /** A fresh environment (its own episode state; randomness comes from reset's rng). */
  create: () => Environment<unknown>;
}

/** Snake on a size × size board (rules in snake-types.ts, code in snake.ts). */
function snakeInfo(size: number): EnvironmentInfo {
  const cells = size * size;
  return {
    id: `snake-${size}x${size}`,
    title: `Snake ${size}×${size}`,
    description:
      `Snake on a ${size}×${size} board (${cells} cells), starting with length 1 on a random cell. ` +
      'Actions: 0 = up, 1 = down, 2 = left, 3 = right. Eating grows the snake; hitting a wall or the body, or ' +
      `${DEFAULT_STARVATION(size)} moves in a row without eating, loses. Fill the whole board to win.`,
    create: (() => createSnakeEnvironment({ size })) as () => Environment<unknown>,
  };
}

export const ENVIRONMENTS: Readonly<Record<string, EnvironmentInfo>> = {
  corridor: {
    id: 'corridor',
    title: 'Corridor',
    description:
      'A corridor of 6 cells with a pit at the left end and the goal at the right end. ' +
      'Actions: 0 = left, 1 = right. Reach the goal within 20 steps to win.',
    create: createCorridor as () => Environment<unknown>,
  },
  'snake-3x3': snakeInfo(3),
  'snake-4x4': snakeInfo(4),
  'snake-5x5': snakeInfo(5),
};

export const ENVIRONMENT_IDS: readonly string[] = Object.keys(ENVIRONMENTS);

/** The registry entry for `id`; an unknown id is an error listing the known ones. */
export function environmentInfo(id: string): EnvironmentInfo {
  const info = Object.hasOwn(ENVIRONMENTS, id) ? ENVIRONMENTS[id] : undefined;
  if (!info) {
    throw new Error(
      `Unknown environment "${id}": the known environments are ${ENVIRONMENT_IDS.map((k) => `"${k}"`).join(', ')} (src/lib/rl/environments.ts).`,
    );
  }
  return info;
}

/** A fresh environment of the given id. */
export function createEnvironment(id: string): Environment<unknown> {
  return environmentInfo(id).create();
}
