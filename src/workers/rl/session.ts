/**
 * One tabular Q-learning run on Snake (src/lib/rl/qlearning.ts), emitting the RlFromWorker
 * messages of rl/protocol.ts. No DOM: `rl/worker.ts` runs it in a Web Worker and unit tests
 * run it in Node.
 *
 * The run alternates short training slices (`trainFor`) with a greedy evaluation on the fixed
 * evaluation games. Slices are short at first (the win rate climbs within the first second on
 * 3×3, and the curve should show it) and longer later. Only the slices count as training time.
 * Between slices the session yields to the event loop so a 'stop' message is seen at once.
 */
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { EVAL_SEED, QLearner } from '../../lib/rl/qlearning.ts';
import { DEFAULT_STARVATION, newSnakeGame, snakeKey, stepSnake } from '../../lib/rl/snake.ts';
import { solveSnake } from '../../lib/rl/snake-optimum.ts';
import type { SnakeAction, SnakeGame } from '../../lib/rl/snake-types.ts';
import { mulberry32 } from '../../lib/runtime/shuffle.ts';
import type { InspectedGame, InspectedState, RlFromWorker, RlTrainConfig } from './protocol.ts';

export interface RlSessionControl {
  /** True once the reader asked to stop. */
  stopped(): boolean;
  /** Lets queued messages (a 'stop') through; default: yieldToEventLoop (src/lib/runtime/yield.ts). */
  yieldToEvents?: () => Promise<void>;
  /** Milliseconds clock; default performance.now. */
  now?: () => number;
}

export type RlEmit = (message: RlFromWorker) => void;

/** The board sizes the trainer offers. */
export const BOARD_SIZES = [3, 4, 5] as const;

/** Training slice length (ms) after `trainingMs` of training: short at first, longer later. */
export function sliceMillis(trainingMs: number): number {
  if (trainingMs < 1000) return 25;
  if (trainingMs < 5000) return 50;
  return 100;
}

/** Checks a config; returns a sentence saying what is wrong, or null when it is fine. */
export function rlConfigProblem(c: RlTrainConfig): string | null {
  const q = c.q;
  if (!BOARD_SIZES.includes(q.size as 3 | 4 | 5)) return `Board size ${q.size} is not offered: choose 3, 4 or 5.`;
  if (!(q.alpha > 0 && q.alpha <= 1)) return `The learning rate η must be above 0 and at most 1 (got ${q.alpha}).`;
  if (!(q.gamma >= 0 && q.gamma <= 1)) return `The discount γ must be between 0 and 1 (got ${q.gamma}).`;
  for (const [name, v] of [
    ['start', q.epsilonStart],
    ['end', q.epsilonEnd],
  ] as const) {
    if (!(v >= 0 && v <= 1)) return `ε ${name} must be between 0 and 1 (got ${v}).`;
  }
  if (!(Number.isInteger(q.epsilonDecayEpisodes) && q.epsilonDecayEpisodes >= 0)) {
    return `The ε decay must be a whole number of episodes, 0 or more (got ${q.epsilonDecayEpisodes}).`;
  }
  for (const [name, v] of Object.entries(q.rewards)) {
    if (!Number.isFinite(v)) return `The ${name} reward must be a number (got ${String(v)}).`;
  }
  if (!(c.maxTrainingMs > 0)) return `The training time must be positive (got ${c.maxTrainingMs} ms).`;
  if (c.stopAtWinRate !== null && !(c.stopAtWinRate > 0 && c.stopAtWinRate <= 1)) {
    return `The target win rate must be above 0 and at most 1, or none (got ${c.stopAtWinRate}).`;
  }
  if (!(Number.isInteger(c.evalGames) && c.evalGames > 0)) return `Evaluation games must be a whole number above 0 (got ${c.evalGames}).`;
  return null;
}

/**
 * Plays the first `count` evaluation games greedily with the learner's table, recording every
 * state with its four Q-values. One rng draws each game's start and food in turn, exactly as
 * `QLearner.evaluate` does (mulberry32(EVAL_SEED)), so these are the games the win rate counts.
 */
export function inspectGames(learner: QLearner, config: RlTrainConfig, count: number): InspectedGame[] {
  const { size, rewards } = config.q;
  const starvation = config.q.starvation ?? DEFAULT_STARVATION(size);
  const rng = mulberry32(EVAL_SEED);
  const record = (game: SnakeGame, action: SnakeAction | null): InspectedState => {
    const q = learner.qValues(game);
    return {
      body: [...game.body],
      food: game.food,
      q: [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0, q[3] ?? 0],
      seen: !game.over && learner.table.has(snakeKey(game)),
      action,
    };
  };
  const out: InspectedGame[] = [];
  for (let index = 0; index < count; index++) {
    const game = newSnakeGame(size, rng);
    const states: InspectedState[] = [];
    while (!game.over) {
      const action = learner.greedyAction(game);
      states.push(record(game, action));
      stepSnake(game, action, rng, rewards, starvation); // starvation always ends a game that loops
    }
    states.push(record(game, null));
    out.push({ index, size, won: game.won, states });
  }
  return out;
}

/** Runs one training session to its end (time budget reached or stopped). */
export async function runRlSession(config: RlTrainConfig, emit: RlEmit, control: RlSessionControl): Promise<void> {
  const now = control.now ?? (() => performance.now());
  const pause = control.yieldToEvents ?? yieldToEventLoop;
  const problem = rlConfigProblem(config);
  if (problem) {
    emit({ type: 'error', code: 'config', message: problem });
    return;
  }

  if (config.solveOptimum) {
    try {
      const t0 = now();
      const optimum = solveSnake(config.q.size, config.q.starvation === undefined ? {} : { starvation: config.q.starvation });
      emit({ type: 'optimum', states: optimum.states, winProbability: optimum.winProbability, millis: now() - t0 });
    } catch (err) {
      // The optimum is a bonus: training goes on without it.
      console.warn(`The exact optimum could not be computed: ${errorText(err)}`);
    }
    await pause();
  }

  const learner = new QLearner(config.q);
  let trainingMs = 0;
  let reachedTarget = false;
  const progress = (): void => {
    const evaluation = learner.evaluate(config.evalGames, EVAL_SEED);
    if (config.stopAtWinRate !== null && evaluation.winRate >= config.stopAtWinRate) reachedTarget = true;
    const inspect = inspectGames(learner, config, config.inspectGames);
    emit({
      type: 'progress',
      trainingMs,
      episodes: learner.episodes,
      steps: learner.steps,
      statesSeen: learner.statesSeen,
      epsilon: learner.epsilon(),
      evaluation,
      inspect,
    });
  };

  progress(); // the untrained table, at time 0
  while (!control.stopped() && !reachedTarget && trainingMs < config.maxTrainingMs) {
    const slice = Math.min(sliceMillis(trainingMs), config.maxTrainingMs - trainingMs);
    const t0 = now();
    learner.trainFor(slice, now);
    trainingMs += now() - t0;
    progress();
    await pause();
  }
  emit({ type: 'done', stopped: control.stopped() && !reachedTarget, reachedTarget, trainingMs, episodes: learner.episodes });
}
