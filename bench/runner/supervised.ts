/**
 * supervised: the model builder's default model (784-128-10, ReLU, Adam 0.001, batch 64) on MNIST,
 * trained by the builder worker (tfjs layers API, the active backend) and by the from-scratch
 * engine's worker (src/lib/nn) in the same headless Chromium, one after the other
 * (bench/browser/supervised.ts): time to 97% held-out accuracy, examples per second, and the ratio;
 * then the hyperparameter search's rows (./supervised-search.ts).
 *
 *   npm run bench -- --only supervised [--examples N]   (N: training images, default 50,000 here)
 */
import type { SupervisedBenchOptions, SupervisedBenchResult, SupervisedRun } from '../browser/supervised.ts';
import { supervisedSearchRows } from './supervised-search.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

/** Seconds of batch loop until the first epoch whose accuracy (`pick`) reached the target, or null. */
function timeTo(
  run: SupervisedRun,
  target: number,
  pick: (p: SupervisedRun['epochs'][number]) => number | null | undefined,
): { seconds: number; epoch: number } | null {
  const hit = run.epochs.find((p) => (pick(p) ?? 0) >= target);
  return hit ? { seconds: hit.seconds, epoch: hit.epoch } : null;
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${fmt(v * 100, 2)}%`);
const when = (t: { seconds: number; epoch: number } | null, maxEpochs: number): string =>
  t ? `${fmt(t.seconds, 1)} s (epoch ${t.epoch})` : `not reached in ${maxEpochs} epochs`;

export const supervisedBench: Benchmark = {
  name: 'supervised',
  title: 'Model builder (tfjs layers, builder worker) vs the from-scratch engine (nn worker): MLP 784-128-10, Adam 0.001, batch 64, MNIST',
  async run(ctx) {
    const { page, examples } = ctx;
    // --examples defaults to 6,400 for the other benchmarks; time to 97% needs most of MNIST.
    const trainLimit = examples === 6400 ? 50_000 : Math.min(examples, 50_000);
    const options: SupervisedBenchOptions = { trainLimit, maxEpochs: 5, target: 0.97 };
    const r = (await page.evaluate(
      (o) => (window as unknown as { tinkerBench: { supervised(o: object): Promise<unknown> } }).tinkerBench.supervised(o),
      options,
    )) as SupervisedBenchResult;
    const max = options.maxEpochs!;
    const rows: Row[] = [
      {
        label: 'setup',
        value: `${fmt(r.trainLimit)} training images, validation on the last ${fmt(r.validationCount)}, test on 10,000; same seed; stops at ${pct(r.target)} or after ${max} epochs; times are batch loops only`,
      },
    ];
    for (const [name, run] of [
      ['builder', r.builder],
      ['engine', r.engine],
    ] as const) {
      if (run.error) {
        rows.push({ label: `${name}: FAILED`, value: run.error });
        continue;
      }
      rows.push({ label: `${name}: backend`, value: run.backend });
      rows.push({ label: `${name}: examples/s`, value: fmt(run.examplesPerSecond) });
      rows.push({
        label: `${name}: time to ${pct(r.target)} validation accuracy`,
        value: when(
          timeTo(run, r.target, (p) => p.valAccuracy),
          max,
        ),
      });
      if (name === 'builder') {
        rows.push({
          label: `${name}: time to ${pct(r.target)} test accuracy`,
          value: when(
            timeTo(run, r.target, (p) => p.testAccuracy),
            max,
          ),
        });
        rows.push({ label: `${name}: tensors left after the run`, value: String(run.tensorsLeft ?? '?'), goal: '0', met: run.tensorsLeft === 0 });
      }
      rows.push({ label: `${name}: final test accuracy`, value: pct(run.testAccuracy) });
      rows.push({ label: `${name}: accuracy per epoch (validation)`, value: run.epochs.map((p) => pct(p.valAccuracy)).join(', ') });
    }
    if (!r.builder.error && !r.engine.error && r.engine.examplesPerSecond > 0) {
      rows.push({ label: 'examples/s, builder ÷ engine', value: fmt(r.builder.examplesPerSecond / r.engine.examplesPerSecond, 2) });
      const b = timeTo(r.builder, r.target, (p) => p.valAccuracy);
      const e = timeTo(r.engine, r.target, (p) => p.valAccuracy);
      if (b && e) rows.push({ label: 'time to target (validation), builder ÷ engine', value: fmt(b.seconds / e.seconds, 2) });
    }
    // The hyperparameter search: trials per minute on 1 and N workers, ASHA against every trial to the end.
    rows.push(...(await supervisedSearchRows(ctx)));
    return rows;
  },
};
