/**
 * The `agent-win-rate` grader: trains the reader's agent within a time budget, then plays
 * evaluation games and measures the share won.
 *
 *  1. `train(env, budget)` is called once with a fresh environment of the exercise (its own
 *     seeded randomness) and `budget = { seconds, deadline, timeLeft() }`. It may be async.
 *     It returns the policy: a function `(state) => action` or an object with `act(state)`.
 *  2. The policy plays `games` games seeded by `spec.seed`, the same games for every reader.
 *     Each action is checked; a policy that throws or returns a non-action fails with a
 *     message naming the game, the step and the state.
 *  3. Training more than 10% over the budget fails too: the budget is part of the exercise.
 *
 * Sync training cannot be interrupted here; the code runner's time limit stops runaway code.
 */
import type { AgentWinRateGraderSpec, GradeResult } from '../exercises/types.ts';
import { formatCount, formatDuration, plural } from '../format/numbers.ts';
import { playable, invalidActionReason, type Environment } from '../rl/environment.ts';
import { environmentInfo } from '../rl/environments.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import { describeValue } from './describe.ts';
import { percentAgainst, thresholdPercent } from './figures.ts';
import { findReaderFunction, isThenable, thrownText, type ReaderExports } from './function-grader.ts';

export const DEFAULT_GAMES = 1000;
export const DEFAULT_TRAIN_SECONDS = 30;
export const DEFAULT_EVAL_SEED = 20240601;
/** Training may overrun its budget by this fraction before it counts as over budget. */
export const BUDGET_GRACE = 0.1;

/** The `budget` argument of the reader's `train(env, budget)`. */
export interface TrainingBudget {
  /** Seconds allowed for training. */
  seconds: number;
  /** When training must be over, on the clock of `performance.now()` (milliseconds). */
  deadline: number;
  /** Milliseconds left before the deadline (0 once it has passed). */
  timeLeft(): number;
}

export interface AgentGraderOptions {
  /** Millisecond clock (default performance.now); tests pass a fake one. */
  now?: () => number;
}

type Policy = (state: unknown) => unknown;

/** The reader's policy as a function, or what is wrong with the value `train` returned. */
export function asPolicy(value: unknown, entry: string): { policy: Policy } | { problem: string } {
  if (typeof value === 'function') return { policy: value as Policy };
  if (typeof value === 'object' && value !== null && typeof (value as { act?: unknown }).act === 'function') {
    const agent = value as { act: Policy };
    return { policy: (state) => agent.act(state) };
  }
  return {
    problem:
      `${entry}(env, budget) returned ${describeValue(value)}; it should return your policy: ` +
      'a function `(state) => action`, or an object with an `act(state)` method.',
  };
}

function stateText(env: Environment<unknown>, state: unknown): string {
  try {
    return env.describe ? env.describe(state) : `state ${env.stateKey(state)}`;
  } catch {
    return 'a state';
  }
}

/** Grades the reader's agent. Throws only for an unknown environment id (a bug in the exercise). */
export async function gradeAgent(spec: AgentWinRateGraderSpec, exports: ReaderExports, options: AgentGraderOptions = {}): Promise<GradeResult> {
  const now = options.now ?? (() => performance.now());
  const info = environmentInfo(spec.env);
  const entry = spec.entry ?? 'train';
  const games = spec.games ?? DEFAULT_GAMES;
  const seconds = spec.trainSeconds ?? DEFAULT_TRAIN_SECONDS;
  const seed = spec.seed ?? DEFAULT_EVAL_SEED;

  const found = findReaderFunction(exports, entry, `function ${entry}(env, budget) { … return policy; }`);
  if ('problem' in found) return { pass: false, message: found.problem };

  // 1. Training, on its own environment and random numbers (never the evaluation games).
  const trainEnv = playable(info.create(), mulberry32((seed ^ 0x5bd1e995) >>> 0));
  const start = now();
  const deadline = start + seconds * 1000;
  const budget: TrainingBudget = { seconds, deadline, timeLeft: () => Math.max(0, deadline - now()) };
  let trained: unknown;
  try {
    trained = found.fn(trainEnv, budget);
    if (isThenable(trained)) trained = await trained;
  } catch (error) {
    return { pass: false, message: `${entry}(env, budget) threw ${thrownText(error)} during training, after ${plural(trainEnv.episodes, 'episode')}.` };
  }
  const elapsed = now() - start;
  const overBudget = elapsed > seconds * 1000 * (1 + BUDGET_GRACE);
  const got = asPolicy(trained, entry);
  if ('problem' in got) return { pass: false, message: got.problem };

  // 2. Evaluation: the same seeded games for every reader.
  const evalRules = info.create();
  const evalEnv = playable(evalRules, mulberry32(seed));
  let wins = 0;
  let totalSteps = 0;
  for (let game = 1; game <= games; game++) {
    let state = evalEnv.reset();
    for (;;) {
      const where = `in game ${formatCount(game)} at step ${evalEnv.steps + 1} (${stateText(evalRules, state)})`;
      let action: unknown;
      try {
        action = got.policy(state);
        if (isThenable(action)) action = await action;
      } catch (error) {
        return { pass: false, message: `Your policy threw ${thrownText(error)} ${where}.` };
      }
      const reason = invalidActionReason(evalRules, action);
      if (reason) return { pass: false, message: `Your policy chose an invalid action ${where}: ${reason}.` };
      const result = evalEnv.step(action as number);
      state = result.state;
      if (result.done) {
        if (result.won) wins += 1;
        totalSteps += evalEnv.steps;
        break;
      }
    }
  }

  const winRate = wins / games;
  const rate = percentAgainst(winRate, spec.threshold);
  const needed = thresholdPercent(spec.threshold);
  const gamesText = `${formatCount(games)} evaluation ${games === 1 ? 'game' : 'games'}`;
  const figureText = `${rate} of ${gamesText} won`;
  const details = [
    `Training took ${formatDuration(elapsed)} of the ${formatDuration(seconds * 1000)} budget (${plural(trainEnv.episodes, 'episode')}).`,
    `Won ${formatCount(wins)} of ${gamesText}; a game lasted ${(totalSteps / games).toFixed(1)} steps on average.`,
  ];
  const reached = winRate >= spec.threshold;
  if (overBudget) {
    return {
      pass: false,
      figure: winRate,
      figureText,
      message:
        `Training took ${formatDuration(elapsed)}, over the budget of ${formatDuration(seconds * 1000)}. ` +
        `Stop training when \`budget.timeLeft()\` reaches 0 (your agent ${reached ? 'would have passed' : 'also falls short'}: it wins ${rate}; ${needed} is needed).`,
      details,
    };
  }
  if (!reached) {
    return {
      pass: false,
      figure: winRate,
      figureText,
      message:
        `Your agent wins ${rate} of the ${gamesText}; ${needed} is needed. ` +
        'Train on more episodes (loop while `budget.timeLeft() > 0`), and check that your policy picks the best action rather than a random one.',
      details,
    };
  }
  return { pass: true, figure: winRate, figureText, message: `Your agent wins ${rate} of the ${gamesText} (${needed} needed). Well done!`, details };
}
