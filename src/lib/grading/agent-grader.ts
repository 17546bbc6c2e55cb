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
import { describeReturned } from './describe.ts';
import { append, apply, list, mathMax, now } from './intrinsics.ts';
import { malformedMeasurement } from './malformed.ts';
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
      `${entry}(env, budget) returned ${describeReturned(value)}; it should return your policy: ` +
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

/** What the code worker is asked to measure for an agent grader. */
export interface AgentPlan {
  kind: 'agent';
  env: string;
  entry: string;
  games: number;
  seconds: number;
  seed: number;
}

/**
 * What the worker measured: how long training took and how many episodes it played, and every
 * action the policy chose in each evaluation game (game g is `lengths[g]` actions, in order).
 * The page replays these actions on its own copy of the seeded games to count the wins.
 */
export type AgentMeasurement =
  { kind: 'agent'; problem: string } | { kind: 'agent'; elapsedMs: number; episodes: number; actions: number[]; lengths: number[] };

export function agentPlan(spec: AgentWinRateGraderSpec): AgentPlan {
  return {
    kind: 'agent',
    env: spec.env,
    entry: spec.entry ?? 'train',
    games: spec.games ?? DEFAULT_GAMES,
    seconds: spec.trainSeconds ?? DEFAULT_TRAIN_SECONDS,
    seed: spec.seed ?? DEFAULT_EVAL_SEED,
  };
}

const trainSeed = (seed: number) => (seed ^ 0x5bd1e995) >>> 0;

/**
 * Runs in the code worker: trains the reader's agent within the budget, then lets its policy
 * play the evaluation games and records each action. Decides nothing. Throws only for an
 * unknown environment id (a bug in the exercise).
 */
export async function measureAgent(plan: AgentPlan, exports: ReaderExports, options: AgentGraderOptions = {}): Promise<AgentMeasurement> {
  const clock = options.now ?? now;
  const info = environmentInfo(plan.env);
  const { entry, games, seconds } = plan;
  const found = findReaderFunction(exports, entry, `function ${entry}(env, budget) { … return policy; }`);
  if ('problem' in found) return { kind: 'agent', problem: found.problem };

  // 1. Training, on its own environment and random numbers (never the evaluation games).
  const trainEnv = playable(info.create(), mulberry32(trainSeed(plan.seed)));
  const start = clock();
  const deadline = start + seconds * 1000;
  const budget: TrainingBudget = { seconds, deadline, timeLeft: () => mathMax(0, deadline - clock()) };
  let trained: unknown;
  try {
    trained = apply(found.fn, undefined, [trainEnv, budget]);
    if (isThenable(trained)) trained = await trained;
  } catch (error) {
    return {
      kind: 'agent',
      problem: `${entry}(env, budget) threw ${thrownText(error)} during training, after ${plural(trainEnv.episodes, 'episode')}.`,
    };
  }
  const elapsedMs = clock() - start;
  const episodes = trainEnv.episodes;
  const got = asPolicy(trained, entry);
  if ('problem' in got) return { kind: 'agent', problem: got.problem };

  // 2. Evaluation: the same seeded games for every reader; every action is recorded.
  const evalRules = info.create();
  const evalEnv = playable(evalRules, mulberry32(plan.seed));
  const actions = list<number>();
  const lengths = list<number>();
  for (let game = 1; game <= games; game++) {
    let state = evalEnv.reset();
    let length = 0;
    for (;;) {
      const where = `in game ${formatCount(game)} at step ${evalEnv.steps + 1} (${stateText(evalRules, state)})`;
      let action: unknown;
      try {
        action = got.policy(state);
        if (isThenable(action)) action = await action;
      } catch (error) {
        return { kind: 'agent', problem: `Your policy threw ${thrownText(error)} ${where}.` };
      }
      const reason = invalidActionReason(evalRules, action);
      if (reason) return { kind: 'agent', problem: `Your policy chose an invalid action ${where}: ${reason}.` };
      append(actions, action as number);
      length += 1;
      const result = evalEnv.step(action as number);
      state = result.state;
      if (result.done) break;
    }
    append(lengths, length);
  }
  return { kind: 'agent', elapsedMs, episodes, actions, lengths };
}

function checkAgentMeasurement(
  data: unknown,
  games: number,
): { problem: string } | { readerProblem: string } | { m: { elapsedMs: number; episodes: number; actions: number[]; lengths: number[] } } {
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== 'agent')
    return { problem: 'it is not an agent measurement' };
  const m = data as Record<string, unknown>;
  if (typeof m.problem === 'string' && m.problem !== '') return { readerProblem: m.problem };
  if (typeof m.elapsedMs !== 'number' || !Number.isFinite(m.elapsedMs) || m.elapsedMs < 0)
    return { problem: 'the training time is not a number of milliseconds' };
  if (typeof m.episodes !== 'number' || !Number.isInteger(m.episodes) || m.episodes < 0)
    return { problem: 'the episode count is not a whole number' };
  if (!Array.isArray(m.actions) || !m.actions.every((a) => typeof a === 'number')) return { problem: 'the actions are not a list of numbers' };
  if (!Array.isArray(m.lengths) || m.lengths.length !== games || !m.lengths.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)) {
    return { problem: `it does not hold ${formatCount(games)} games` };
  }
  const total = m.lengths.reduce((a: number, b) => a + (b as number), 0);
  if (total !== m.actions.length) return { problem: 'the game lengths do not add up to the actions' };
  return { m: m as { elapsedMs: number; episodes: number; actions: number[]; lengths: number[] } };
}

/** What a failing agent should try, from what the run measured (never a guess the run contradicts). */
export function agentAdvice(facts: {
  /** Different states the policy met in the evaluation games. */
  states: number;
  /** Different actions it chose there. */
  actionsUsed: number;
  /** The one action it chose everywhere, when actionsUsed is 1. */
  onlyAction?: string;
  elapsedMs: number;
  seconds: number;
  episodes: number;
}): string {
  if (facts.actionsUsed === 1 && facts.states > 1) {
    return (
      `Your policy chose *${facts.onlyAction ?? 'the same action'}* in every one of the ${formatCount(facts.states)} different states it met, ` +
      'which is what a greedy policy does when all the values in its table are still equal: nothing was learned. ' +
      'Check that `update()` changes the value it is given, `values(state)[action]`, moving it towards the target; an empty `update()` stores nothing.'
    );
  }
  if (facts.elapsedMs < facts.seconds * 1000 * 0.5) {
    return (
      `Training stopped after ${formatDuration(facts.elapsedMs)} (${plural(facts.episodes, 'episode')}) of the ${formatDuration(facts.seconds * 1000)} budget: ` +
      'train for longer, looping while `budget.timeLeft() > 0`, and check that your policy picks the best action rather than a random one.'
    );
  }
  return (
    `Your policy does learn (it chooses ${facts.actionsUsed} different actions across ${formatCount(facts.states)} states) but not well enough yet. ` +
    'Check the update: the target is `reward` alone when `done`, otherwise `reward + gamma * Math.max(...values(next))`; ' +
    'and check that exploration (ε) falls during training and the policy you return is greedy (no random moves).'
  );
}

/**
 * Runs in the page: replays the recorded actions on the page's own copy of the seeded
 * evaluation games, counts the wins and decides. A measurement that does not fit the games
 * (a game that ends early or not at all, an invalid action) fails and is never trusted.
 */
export function judgeAgent(spec: AgentWinRateGraderSpec, measurement: unknown): GradeResult {
  const plan = agentPlan(spec);
  const info = environmentInfo(plan.env);
  const { games, seconds } = plan;
  const checked = checkAgentMeasurement(measurement, games);
  if ('readerProblem' in checked) return { pass: false, message: checked.readerProblem };
  if ('problem' in checked) return malformedMeasurement(checked.problem);
  const { elapsedMs: elapsed, episodes, actions, lengths } = checked.m;
  const rules = info.create();
  const env = playable(rules, mulberry32(plan.seed));
  let wins = 0;
  let at = 0;
  const states = new Set<string>();
  const used = new Set<number>();
  for (let game = 0; game < games; game++) {
    let state = env.reset();
    const length = lengths[game]!;
    for (let step = 0; step < length; step++) {
      const action = actions[at++]!;
      if (invalidActionReason(rules, action)) return malformedMeasurement(`game ${game + 1} holds an invalid action`);
      states.add(rules.stateKey(state));
      used.add(action);
      const result = env.step(action);
      state = result.state;
      if (result.done !== (step === length - 1)) return malformedMeasurement(`game ${game + 1} does not end where the recorded actions end`);
      if (result.done && result.won) wins += 1;
    }
  }
  const totalSteps = actions.length;
  const overBudget = elapsed > seconds * 1000 * (1 + BUDGET_GRACE);
  const winRate = wins / games;
  const rate = percentAgainst(winRate, spec.threshold);
  const needed = thresholdPercent(spec.threshold);
  const gamesText = `${formatCount(games)} evaluation ${games === 1 ? 'game' : 'games'}`;
  const figureText = `${rate} of ${gamesText} won`;
  const details = [
    `Training took ${formatDuration(elapsed)} of the ${formatDuration(seconds * 1000)} budget (${plural(episodes, 'episode')}).`,
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
      message: `Your agent wins ${rate} of the ${gamesText}; ${needed} is needed. ${agentAdvice({
        states: states.size,
        actionsUsed: used.size,
        ...(used.size === 1 ? { onlyAction: rules.actionNames[[...used][0]!] ?? 'one action' } : {}),
        elapsedMs: elapsed,
        seconds,
        episodes,
      })}`,
      details,
    };
  }
  return { pass: true, figure: winRate, figureText, message: `Your agent wins ${rate} of the ${gamesText} (${needed} needed). Well done!`, details };
}

/** Grades the reader's agent: measure (as the worker does), copy as a message would, judge (as the page does). */
export async function gradeAgent(spec: AgentWinRateGraderSpec, exports: ReaderExports, options: AgentGraderOptions = {}): Promise<GradeResult> {
  return judgeAgent(spec, structuredClone(await measureAgent(agentPlan(spec), exports, options)));
}
