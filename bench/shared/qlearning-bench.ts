/**
 * The `rl` benchmark (npm run bench -- --only rl), run the same way in the browser page
 * (bench/browser/install.ts → window.tinkerBench.rl) and in Node (bench/runner/rl.ts).
 *
 * For each seed the reference agent (DEFAULT_Q_CONFIG) trains in chunks of `evalEvery` episodes;
 * after each chunk it is evaluated greedily on the fixed EVAL_GAMES games. Only the time spent in
 * trainEpisode counts as training time: evaluation is not training and its time is excluded.
 * "Time to X%" is the training time at the first evaluation reaching X% (so it is an upper bound,
 * at most one chunk late).
 */
import { DEFAULT_Q_CONFIG, EVAL_GAMES, QLearner } from '../../src/lib/rl/qlearning.ts';
import { countReachableStates, solveSnake } from '../../src/lib/rl/snake-optimum.ts';
import type { QLearningConfig } from '../../src/lib/rl/snake-types.ts';

export interface QBenchOptions {
  seeds?: number[];
  /** Episodes between evaluations (default 500). */
  evalEvery?: number;
  /** Training time per seed, in milliseconds (default 2,000). */
  trainMs?: number;
  /** Win rates whose time to reach is measured (default 0.6, 0.9, 0.99). */
  thresholds?: number[];
  config?: Partial<QLearningConfig>;
}

export interface QBenchRun {
  seed: number;
  episodes: number;
  steps: number;
  statesSeen: number;
  trainMs: number;
  episodesPerSecond: number;
  stepsPerSecond: number;
  /** Training milliseconds to reach each threshold (null: not reached within trainMs). */
  timeTo: (number | null)[];
  /** Episodes trained when each threshold was reached. */
  episodesTo: (number | null)[];
  /** Greedy win rate at the last evaluation within 1 s of training. */
  winRateAt1s: number;
  finalWinRate: number;
  /** Mean moves per evaluation game at the end. */
  finalAverageLength: number;
  evaluations: number;
  /** Mean milliseconds of one evaluation (EVAL_GAMES games), not counted as training. */
  evaluationMs: number;
}

export interface QBenchResult {
  config: QLearningConfig;
  evalGames: number;
  evalEvery: number;
  thresholds: number[];
  runs: QBenchRun[];
  optimum: { states: number; startStates: number; winProbability: number; ms: number; states4x4: number; count4x4Ms: number };
}

export function runQBench(options: QBenchOptions = {}, now: () => number = () => performance.now()): QBenchResult {
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  const evalEvery = options.evalEvery ?? 500;
  const trainMs = options.trainMs ?? 2000;
  const thresholds = options.thresholds ?? [0.6, 0.9, 0.99];
  const config: QLearningConfig = { ...DEFAULT_Q_CONFIG, ...options.config };

  const runs: QBenchRun[] = [];
  for (const seed of seeds) {
    const learner = new QLearner({ ...config, seed });
    const timeTo: (number | null)[] = thresholds.map(() => null);
    const episodesTo: (number | null)[] = thresholds.map(() => null);
    let trained = 0;
    let evalTotal = 0;
    let evaluations = 0;
    let winRateAt1s = 0;
    let last = { winRate: 0, averageLength: 0 };
    while (trained < trainMs) {
      const t0 = now();
      for (let i = 0; i < evalEvery; i++) learner.trainEpisode();
      trained += now() - t0;
      const e0 = now();
      last = learner.evaluate();
      evalTotal += now() - e0;
      evaluations += 1;
      if (trained <= 1000) winRateAt1s = last.winRate;
      thresholds.forEach((threshold, i) => {
        if (timeTo[i] === null && last.winRate >= threshold) {
          timeTo[i] = trained;
          episodesTo[i] = learner.episodes;
        }
      });
    }
    runs.push({
      seed,
      episodes: learner.episodes,
      steps: learner.steps,
      statesSeen: learner.statesSeen,
      trainMs: trained,
      episodesPerSecond: (learner.episodes / trained) * 1000,
      stepsPerSecond: (learner.steps / trained) * 1000,
      timeTo,
      episodesTo,
      winRateAt1s,
      finalWinRate: last.winRate,
      finalAverageLength: last.averageLength,
      evaluations,
      evaluationMs: evalTotal / evaluations,
    });
  }

  const s0 = now();
  const solution = solveSnake(3);
  const ms = now() - s0;
  const c0 = now();
  const four = countReachableStates(4);
  const count4x4Ms = now() - c0;
  return {
    config,
    evalGames: EVAL_GAMES,
    evalEvery,
    thresholds,
    runs,
    optimum: {
      states: solution.states,
      startStates: solution.startStates,
      winProbability: solution.winProbability,
      ms,
      states4x4: four.complete ? four.states : -four.atLeast,
      count4x4Ms,
    },
  };
}
