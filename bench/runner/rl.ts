/** rl: tabular Q-learning on 3×3 Snake (bench/shared/qlearning-bench.ts), in the page and in this Node process. */
import { runQBench, type QBenchOptions, type QBenchResult } from '../shared/qlearning-bench.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

/** Rows for one QBenchResult, labelled with where it ran. */
function rlRows(where: string, r: QBenchResult): Row[] {
  const pct = (x: number) => `${fmt(x * 100, 1)}%`;
  const list = (xs: number[], digits = 0) => xs.map((x) => fmt(x, digits)).join(', ');
  const rows: Row[] = [
    {
      label: `[${where}] episodes/s per seed`,
      value: `${list(r.runs.map((x) => x.episodesPerSecond))}  (moves/s ${list(r.runs.map((x) => x.stepsPerSecond))})`,
    },
  ];
  r.thresholds.forEach((threshold, i) => {
    const times = r.runs.map((x) => x.timeTo[i] ?? null);
    const reached = times.filter((t): t is number => t !== null);
    const worst = reached.length === times.length ? Math.max(...reached) : Infinity;
    const shown = times.map((t) => (t === null ? 'not reached' : `${fmt(t)} ms`)).join(', ');
    const episodes = r.runs.map((x) => (x.episodesTo[i] === null ? '—' : fmt(x.episodesTo[i] as number))).join(', ');
    rows.push({
      label: `[${where}] training time to ${pct(threshold)} greedy wins`,
      value: `${shown}  (episodes ${episodes})`,
      ...(threshold === 0.99 ? { goal: '< 1,000 ms (every seed)', met: worst < 1000 } : {}),
    });
  });
  rows.push(
    {
      label: `[${where}] greedy win rate after 1 s of training`,
      value:
        list(
          r.runs.map((x) => x.winRateAt1s * 100),
          1,
        ) + ' (%)',
    },
    {
      label: `[${where}] final greedy win rate`,
      value: `${list(
        r.runs.map((x) => x.finalWinRate * 100),
        1,
      )} (%) after ${fmt(Math.min(...r.runs.map((x) => x.trainMs)))}+ ms; states seen ${list(r.runs.map((x) => x.statesSeen))} of ${fmt(r.optimum.states)}`,
    },
    {
      label: `[${where}] one evaluation (${fmt(r.evalGames)} games)`,
      value: `${fmt(r.runs.reduce((a, x) => a + x.evaluationMs, 0) / r.runs.length, 1)} ms on average (not counted as training)`,
    },
    {
      label: `[${where}] exact optimum, 3×3 (value iteration)`,
      value: `${fmt(r.optimum.states)} reachable states (${r.optimum.startStates} starts), best win probability ${pct(r.optimum.winProbability)}, solved in ${fmt(r.optimum.ms)} ms; 4×4: ${r.optimum.states4x4 >= 0 ? fmt(r.optimum.states4x4) : `more than ${fmt(-r.optimum.states4x4)}`} reachable states (counted in ${fmt(r.optimum.count4x4Ms)} ms)`,
    },
  );
  return rows;
}

export const rlBench: Benchmark = {
  name: 'rl',
  title:
    'Tabular Q-learning on 3×3 Snake (DEFAULT_Q_CONFIG, 5 seeds): episodes/s, training time to 60/90/99% greedy wins on the 1,000 fixed evaluation games, and the exact optimum; in the page and in Node',
  async run({ page }) {
    const options: QBenchOptions = {};
    const browser = (await page.evaluate(
      (o) => (window as unknown as { tinkerBench: { rl(o: object): Promise<unknown> } }).tinkerBench.rl(o),
      options,
    )) as QBenchResult;
    const node = runQBench(options);
    const c = browser.config;
    return [
      {
        label: 'setup',
        value:
          `α ${c.alpha}, γ ${c.gamma}, ε ${c.epsilonStart} → ${c.epsilonEnd} over ${fmt(c.epsilonDecayEpisodes)} episodes, rewards food ${c.rewards.food} / win ${c.rewards.win} / loss ${c.rewards.loss} / step ${c.rewards.step}; ` +
          `seeds ${browser.runs.map((x) => x.seed).join(', ')}; greedy evaluation every ${fmt(browser.evalEvery)} episodes (evaluation time excluded; times are at most one interval late); page's main thread`,
      },
      ...rlRows('browser', browser),
      ...rlRows(`node ${process.version}`, node),
    ];
  },
};
