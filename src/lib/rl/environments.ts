/**
 * The registry of environments that exercises and widgets name by id
 * (e.g. `env: corridor` in an exercise's grader spec).
 */
import { createCorridor } from './corridor.ts';
import type { Environment } from './environment.ts';

export interface EnvironmentInfo {
  id: string;
  title: string;
  /** One or two sentences for readers: the board, the actions, how to win. */
  description: string;
  /** A fresh environment (its own episode state; randomness comes from reset's rng). */
  create: () => Environment<unknown>;
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
};

export const ENVIRONMENT_IDS: readonly string[] = Object.keys(ENVIRONMENTS);

/** The registry entry for `id`; an unknown id is an error listing the known ones. */
export function environmentInfo(id: string): EnvironmentInfo {
  const info = Object.hasOwn(ENVIRONMENTS, id) ? ENVIRONMENTS[id] : undefined;
  if (!info) {
    throw new Error(`Unknown environment "${id}": the known environments are ${ENVIRONMENT_IDS.map((k) => `"${k}"`).join(', ')} (src/lib/rl/environments.ts).`);
  }
  return info;
}

/** A fresh environment of the given id. */
export function createEnvironment(id: string): Environment<unknown> {
  return environmentInfo(id).create();
}
