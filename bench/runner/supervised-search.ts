/**
 * The search's figures for the `supervised` benchmark (issue 16), measured through the widget on the
 * test-only page /dev/hyper-search/ in the bench's headless Chromium:
 *
 *  - trials per minute with 1 worker and with `hardwareConcurrency` workers (at most 4, the widget's
 *    maximum), the same trials (same seed) each run to the end, and their ratio (goal ≥ 0.8 × workers
 *    on an idle machine);
 *  - how much compute successive halving (ASHA) saves against running every trial to the end, at
 *    equal best accuracy: both searches on the same workers, their epochs and best validation accuracy.
 *
 * Time is the widget's `data-search-ms`: from the first trial's start to the last result (loading
 * tfjs and the data in each worker is left out, as it is the same whatever the number of workers).
 * Each search runs on a fresh page, so its workers start cold.
 */
import type { Page } from '@playwright/test';
import { fmt, type BenchContext, type Row } from './types.ts';

export interface SearchBenchOptions {
  /** Trials per search (a choice of the widget: 4, 8, 12, 16, 24). Default 8. */
  trials?: number;
  /** Most epochs per trial (3 or 9). Default 9: rungs at 1 and 3 epochs. */
  maxEpochs?: number;
  /** Training images (1000, 6000, 12000). Default 6000. */
  trainLimit?: number;
  /** Validation images (500, 2000). Default 2000. */
  validationCount?: number;
  /** Random seed (1–5). Default 1. */
  seed?: number;
  /** Parallel workers to compare with 1. Default: the browser's hardwareConcurrency, at most 4. */
  workers?: number;
  /** Longest wait for one search (ms). Default 20 minutes. */
  timeoutMs?: number;
}

interface SearchRun {
  workers: number;
  earlyStopping: boolean;
  ms: number;
  epochsRun: number;
  best: number;
  mostRunning: number;
  backend: string;
}

const WIDGET = 'tk-hyper-search';

async function runSearch(ctx: BenchContext, o: Required<SearchBenchOptions>, workers: number, earlyStopping: boolean): Promise<SearchRun> {
  // A page of its own (the bench's page comes from browser.newPage(), whose context takes no second page).
  const browser = ctx.page.context().browser();
  const page: Page = browser ? await browser.newPage() : await ctx.page.context().newPage();
  try {
    await page.goto(new URL('dev/hyper-search/', ctx.url).href);
    await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
    const widget = page.locator(WIDGET);
    const choose = async (name: string, value: number | string): Promise<void> => {
      await widget.locator(`select[name="${name}"]`).selectOption(String(value));
    };
    await widget.getByText('More settings').click();
    await choose('trials', o.trials);
    await choose('workers', workers);
    await choose('maxEpochs', o.maxEpochs);
    await choose('trainLimit', o.trainLimit);
    await choose('validationCount', o.validationCount);
    await choose('seed', o.seed);
    await widget.locator('input[name="earlyStopping"]').setChecked(earlyStopping);
    await widget.getByRole('button', { name: 'Start search' }).click();
    await page.waitForFunction(
      (w) => {
        const s = document.querySelector(w)?.getAttribute('data-state');
        return s === 'done' || s === 'error';
      },
      WIDGET,
      { timeout: o.timeoutMs, polling: 500 },
    );
    if ((await widget.getAttribute('data-state')) === 'error')
      throw new Error(`The search failed: ${await widget.getByRole('status').textContent()}`);
    const attr = async (name: string): Promise<number> => Number(await widget.getAttribute(name));
    return {
      workers,
      earlyStopping,
      ms: await attr('data-search-ms'),
      epochsRun: await attr('data-epochs-run'),
      best: await attr('data-best'),
      mostRunning: await attr('data-most-running'),
      backend: (await widget.getAttribute('data-backend')) ?? '?',
    };
  } finally {
    await page.close();
  }
}

/**
 * Runs three searches (every trial to the end on 1 worker and on N workers, then ASHA on N
 * workers) and returns the rows of the `supervised` benchmark's search section.
 */
export async function supervisedSearchRows(ctx: BenchContext, options: SearchBenchOptions = {}): Promise<Row[]> {
  const cores = await ctx.page.evaluate(() => navigator.hardwareConcurrency);
  const o: Required<SearchBenchOptions> = {
    trials: 8,
    maxEpochs: 9,
    trainLimit: 6000,
    validationCount: 2000,
    seed: 1,
    workers: Math.max(1, Math.min(4, cores || 1)),
    timeoutMs: 20 * 60_000,
    ...options,
  };
  const perMinute = (r: SearchRun): number => o.trials / (r.ms / 60_000);
  const one = await runSearch(ctx, o, 1, false);
  const many = o.workers > 1 ? await runSearch(ctx, o, o.workers, false) : one;
  const asha = await runSearch(ctx, o, o.workers, true);
  const ratio = perMinute(many) / perMinute(one);
  const goal = 0.8 * o.workers;
  const pct = (x: number): string => `${fmt(x * 100, 1)}%`;
  const rows: Row[] = [
    {
      label: 'search: setup',
      value: `${o.trials} trials (seed ${o.seed}), ≤ ${o.maxEpochs} epochs, ${fmt(o.trainLimit)} train / ${fmt(o.validationCount)} validation images, backend ${many.backend}, ${cores} cores`,
    },
    { label: 'search: trials/min, 1 worker, every trial to the end', value: `${fmt(perMinute(one), 2)}  (${fmt(one.ms / 1000, 1)} s)` },
  ];
  if (o.workers > 1) {
    rows.push(
      {
        label: `search: trials/min, ${o.workers} workers, every trial to the end`,
        value: `${fmt(perMinute(many), 2)}  (${fmt(many.ms / 1000, 1)} s; up to ${many.mostRunning} trials at once)`,
      },
      {
        label: `search: speed-up ${o.workers} workers / 1`,
        value: fmt(ratio, 2),
        goal: `>= ${fmt(goal, 1)} (0.8 × workers, idle machine)`,
        met: ratio >= goal,
      },
    );
  }
  const equal = asha.best >= many.best - 0.005;
  rows.push(
    {
      label: `search: epochs, ASHA (η = 3) vs every trial to the end (${o.workers} workers)`,
      value: `${asha.epochsRun} vs ${many.epochsRun}  (${fmt((1 - asha.epochsRun / many.epochsRun) * 100)}% saved; ${fmt(asha.ms / 1000, 1)} s vs ${fmt(many.ms / 1000, 1)} s)`,
    },
    {
      label: 'search: best validation accuracy, ASHA vs every trial to the end',
      value: `${pct(asha.best)} vs ${pct(many.best)}`,
      goal: 'equal (within 0.5 points)',
      met: equal,
    },
  );
  return rows;
}
