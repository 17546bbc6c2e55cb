/**
 * Episodic games for reinforcement-learning exercises and widgets.
 *
 * An `Environment` holds the rules of one game and the state of the episode being played.
 * It is plain TypeScript (no DOM, no tfjs) so Node tests, workers and graders share it.
 *
 * Readers never see an `Environment` directly: they get a `PlayableEnvironment` (see
 * `playable`), which binds a seeded random source to `reset()`, enforces the step limit,
 * checks every action and refuses to step a finished game, with messages that say what to do.
 */

/** A source of random numbers in [0, 1), e.g. `mulberry32(seed)` from lib/runtime/shuffle.ts. */
export type Rng = () => number;

/** What one step of the game produced. */
export interface StepResult<S> {
  /** The state after the action. */
  state: S;
  /** The reward for this step (the environment documents its scale). */
  reward: number;
  /** True when the episode is over: won, lost or out of steps. */
  done: boolean;
  /** True when the episode ended in a win (only meaningful when `done`). */
  won: boolean;
}

/** The rules of one episodic game and the state of the episode in progress. */
export interface Environment<S = unknown> {
  /** Registry id, e.g. "corridor". */
  readonly id: string;
  /** Number of actions; actions are the whole numbers 0 … actions − 1. */
  readonly actions: number;
  /** A short name for each action, e.g. ["left", "right"] (length `actions`). */
  readonly actionNames: readonly string[];
  /** An episode that reaches this many steps ends (done, not won). */
  readonly maxSteps: number;
  /** Starts a new episode (drawing any randomness from `rng`) and returns its first state. */
  reset(rng: Rng): S;
  /** Applies a valid action to the current episode. Called only between reset() and done. */
  step(action: number): StepResult<S>;
  /** A string that identifies the state, for tables (e.g. a Q-table keyed by state). */
  stateKey(state: S): string;
  /** The state in words for messages, e.g. "position 3 of 0–5". Defaults to stateKey. */
  describe?(state: S): string;
}

/** The environment as the reader's code sees it (the `env` argument of `train(env, budget)`). */
export interface PlayableEnvironment<S = unknown> {
  readonly id: string;
  readonly actions: number;
  readonly actionNames: readonly string[];
  readonly maxSteps: number;
  /** Starts a new episode and returns its first state. */
  reset(): S;
  /** Plays an action (a whole number from 0 to actions − 1) in the current episode. */
  step(action: number): StepResult<S>;
  stateKey(state: S): string;
  /** Steps taken in the current episode. */
  readonly steps: number;
  /** Episodes started so far (calls to reset). */
  readonly episodes: number;
}

/** An action that is not a whole number from 0 to actions − 1, in words. Null when valid. */
export function invalidActionReason(env: { id: string; actions: number; actionNames: readonly string[] }, action: unknown): string | null {
  if (typeof action === 'number' && Number.isInteger(action) && action >= 0 && action < env.actions) return null;
  const shown =
    typeof action === 'string'
      ? `the string "${action}"`
      : typeof action === 'number'
        ? String(action)
        : action === undefined
          ? 'undefined (nothing)'
          : typeof action;
  const names = env.actionNames.map((n, i) => `${i} = ${n}`).join(', ');
  return `${shown} is not an action of ${env.id}: an action is a whole number from 0 to ${env.actions - 1} (${names})`;
}

/**
 * Wraps an environment for the reader's code: `reset()` draws from `rng`, episodes end after
 * `maxSteps` steps, and misuse (stepping before reset or after the end, a bad action) throws
 * an error that says what to do.
 */
export function playable<S>(env: Environment<S>, rng: Rng): PlayableEnvironment<S> {
  let steps = 0;
  let episodes = 0;
  let inEpisode = false;
  return {
    id: env.id,
    actions: env.actions,
    actionNames: env.actionNames,
    maxSteps: env.maxSteps,
    get steps() {
      return steps;
    },
    get episodes() {
      return episodes;
    },
    reset() {
      steps = 0;
      episodes += 1;
      inEpisode = true;
      return env.reset(rng);
    },
    step(action: number) {
      if (!inEpisode) {
        throw new Error(
          episodes === 0
            ? `env.step(${String(action)}) was called before env.reset(): start each episode with \`let state = env.reset();\`.`
            : `env.step(${String(action)}) was called after the episode ended (done was true): call env.reset() to start a new one.`,
        );
      }
      const reason = invalidActionReason(env, action);
      if (reason) throw new RangeError(`env.step(${String(action)}): ${reason}.`);
      const result = env.step(action);
      steps += 1;
      const outOfSteps = !result.done && steps >= env.maxSteps;
      const done = result.done || outOfSteps;
      if (done) inEpisode = false;
      return { state: result.state, reward: result.reward, done, won: done && result.won && !outOfSteps };
    },
    stateKey: (state: S) => env.stateKey(state),
  };
}
