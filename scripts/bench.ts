/**
 * Benchmarks, measured side by side in one browser session (npm run bench).
 *
 *   node scripts/bench.ts [--dist DIR] [--only NAME[,NAME]] [--examples N] [--headed]
 *
 * Builds the test site (npm run build:test: the site plus its /dev/ pages) if DIR (default dist-test) has no build, serves it with a tiny static server,
 * opens the hidden page /dev/bench/ in Chromium (CHROMIUM_PATH, else /usr/bin/chromium, else
 * Playwright's own) and runs each named benchmark through `window.tinkerBench`. Prints a table.
 * Add a benchmark by appending to BENCHMARKS below. The `nn` benchmark also measures in this Node
 * process (same code, src/tf/nn-bench.ts), reading MNIST from public/data, $DATASETS_DIR or the build.
 * The `rl` benchmark (Q-learning on 3×3 Snake, src/lib/rl/qlearning-bench.ts) runs in the page and in Node too.
 * The `author` benchmark (the /author preview, src/lib/author/author-bench.ts) runs in the page and in Node too.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { CHROMIUM_TEST_ARGS, findChromium } from './check-browser.ts';
import type { CodeRunTiming, RunResult, WorkerRunResult, WorkerVsMainResult } from '../src/tf/bench-harness.ts';
import type { ImageFilterBenchResult, TimedRuns } from '../src/tf/image-bench.ts';
import type { NnBenchBackend, NnBenchData, NnBenchOptions, NnBenchResult } from '../src/tf/nn-bench.ts';
import { parseImages, parseLabels } from '../src/lib/data/idx.ts';
import { runQBench, type QBenchOptions, type QBenchResult } from '../src/lib/rl/qlearning-bench.ts';
import { AUTHOR_EDIT_KINDS, type AuthorBenchOptions, type AuthorBenchResult } from '../src/lib/author/author-bench.ts';
import type { AuthorPageBenchResult } from '../src/widgets/author/bench.ts';

/** The browser flags the end-to-end tests use, plus WebGPU so the bench can measure it too. */
export const CHROMIUM_ARGS = [...CHROMIUM_TEST_ARGS, '--enable-unsafe-webgpu'];

/** One printed line: what was measured, the figure, and the goal if there is one. */
export interface Row {
  label: string;
  value: string;
  goal?: string;
  /** true/false when there is a goal: met or not. */
  met?: boolean;
}

export interface BenchContext {
  page: Page;
  examples: number;
  /** The build being served (its data/ folder holds the datasets too). */
  dist: string;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const task = (r: RunResult): string =>
  `${r.longTasks === 0 ? '< 50 ms (no long task)' : `${fmt(r.longestTaskMs)} ms (${r.longTasks} long task${r.longTasks === 1 ? '' : 's'})`}; heartbeat gap ${fmt(r.maxHeartbeatGapMs)} ms, frame gap ${fmt(r.maxFrameGapMs)} ms`;

/** Where a worker run's time went: set-up outside the timed loop, then the loop and its overheads. */
const breakdown = (t: WorkerRunResult['breakdown']): string =>
  `start+tfjs ${fmt(t.startMs)}, backend ${fmt(t.backendMs)}, data ${fmt(t.dataMs)} | loop ${fmt(t.trainingMs)} = ` +
  `${t.batches} batches ${fmt(t.trainingMs - t.yieldMs - t.metricsMs)} + ${t.yields} yields ${fmt(t.yieldMs, 1)} + waiting for ` +
  `${t.metricsMessages} metric read-backs ${fmt(t.metricsMs, 1)} (${t.messages} messages to the page)`;

function workerVsMainRows(r: WorkerVsMainResult): Row[] {
  const b = r.requestedBackend;
  const rows: Row[] = [
    { label: `[${b}] setup`, value: `MNIST, ${fmt(r.examples)} examples (1 epoch), batch ${r.batchSize}, MLP 784-${r.hidden.join('-')}-10, Adam` },
    { label: `[${b}] backend, worker run`, value: r.worker.backend },
    { label: `[${b}] backend, model.fit runs`, value: r.mainFit.backend },
    { label: `[${b}] examples/s, worker loop, fresh worker`, value: `${fmt(r.worker.examplesPerSecond)}  (1st run: includes its warm-up)` },
    { label: `[${b}] examples/s, worker loop, same worker again`, value: `${fmt(r.workerWarm.examplesPerSecond)}  (2nd run: warmed up)` },
    { label: `[${b}] examples/s, main-thread model.fit, 1st run`, value: `${fmt(r.mainFitCold.examplesPerSecond)}  (includes its warm-up)` },
    { label: `[${b}] examples/s, main-thread model.fit`, value: `${fmt(r.mainFit.examplesPerSecond)}  (2nd run: warmed up)` },
    { label: `[${b}] ratio worker / model.fit, both warm`, value: fmt(r.ratio, 2), goal: '>= 0.95', met: r.ratio >= 0.95 },
    { label: `[${b}] ratio worker / model.fit, both cold`, value: fmt(r.ratioCold, 2), goal: '>= 0.95', met: r.ratioCold >= 0.95 },
    { label: `[${b}] ratio fresh worker / warm model.fit`, value: `${fmt(r.ratioFreshVsWarm, 2)}  (lopsided: for comparison with older reports)` },
    { label: `[${b}] worker time, fresh (ms)`, value: breakdown(r.worker.breakdown) },
    { label: `[${b}] worker time, warm (ms)`, value: breakdown(r.workerWarm.breakdown) },
    { label: `[${b}] longest main-thread task, worker`, value: task(r.worker), goal: '< 50 ms', met: r.worker.longestTaskMs < 50 },
    { label: `[${b}] longest main-thread task, model.fit`, value: task(r.mainFit) },
    { label: `[${b}] longest main-thread task, model.fit 1st run`, value: task(r.mainFitCold) },
  ];
  if (r.mainSession) {
    rows.push(
      { label: `[${b}] examples/s, our loop on main thread (fallback)`, value: `${fmt(r.mainSession.examplesPerSecond)}  (${r.mainSession.backend})` },
      { label: `[${b}] longest main-thread task, fallback loop`, value: task(r.mainSession) },
    );
  }
  return rows;
}

// --- nn: the from-scratch engine vs tfjs cpu and wasm, in the page and in this Node process ---

/** MNIST training images for the Node side: public/data/mnist, else $DATASETS_DIR/mnist, else the build's data/mnist. */
function readMnistTrain(dist: string, limit: number): NnBenchData {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dirs = [join(root, 'public', 'data', 'mnist'), ...(process.env.DATASETS_DIR ? [join(resolve(process.env.DATASETS_DIR), 'mnist')] : []), join(dist, 'data', 'mnist')];
  const dir = dirs.find((d) => existsSync(join(d, 'train-images-idx3-ubyte.gz')) && existsSync(join(d, 'train-labels-idx1-ubyte.gz')));
  if (!dir) throw new Error(`No MNIST training files in ${dirs.join(', ')}: run \`npm run datasets\` first.`);
  const images = parseImages(gunzipSync(readFileSync(join(dir, 'train-images-idx3-ubyte.gz'))), 'mnist/train-images-idx3-ubyte.gz');
  const labels = parseLabels(gunzipSync(readFileSync(join(dir, 'train-labels-idx1-ubyte.gz'))), 'mnist/train-labels-idx1-ubyte.gz');
  const count = Math.min(limit, images.count, labels.count);
  const pixels = images.rows * images.cols;
  return { images: images.data.subarray(0, count * pixels), labels: labels.data.subarray(0, count), count, pixels };
}

/** The same measurement as the page's, run in this Node process (tfjs cpu, and wasm loaded from node_modules). */
async function nodeNnBench(options: NnBenchOptions, dist: string): Promise<NnBenchResult> {
  const [tf, wasm, { runNnBench, nnBenchImagesNeeded }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('@tensorflow/tfjs-backend-wasm'),
    import('../src/tf/nn-bench.ts'),
  ]);
  // The .wasm binaries sit next to the package's main file; Node reads them from disk.
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // same as the site (no cross-origin isolation there)
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the middle of the table
  wasm.setWasmPaths(`${wasmDir}${sep}`);
  const useBackend = async (name: NnBenchBackend): Promise<string | null> => {
    try {
      if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
      await tf.ready();
      return tf.getBackend() === name ? null : `tfjs ended up on ${tf.getBackend()}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  return runNnBench(tf, readMnistTrain(dist, nnBenchImagesNeeded(options)), useBackend, options);
}

// --- rl: tabular Q-learning on 3×3 Snake, in the page and in this Node process ---

/** Rows for one QBenchResult, labelled with where it ran. */
function rlRows(where: string, r: QBenchResult): Row[] {
  const pct = (x: number) => `${fmt(x * 100, 1)}%`;
  const list = (xs: number[], digits = 0) => xs.map((x) => fmt(x, digits)).join(', ');
  const rows: Row[] = [
    { label: `[${where}] episodes/s per seed`, value: `${list(r.runs.map((x) => x.episodesPerSecond))}  (moves/s ${list(r.runs.map((x) => x.stepsPerSecond))})` },
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
    { label: `[${where}] greedy win rate after 1 s of training`, value: list(r.runs.map((x) => x.winRateAt1s * 100), 1) + ' (%)' },
    {
      label: `[${where}] final greedy win rate`,
      value: `${list(r.runs.map((x) => x.finalWinRate * 100), 1)} (%) after ${fmt(Math.min(...r.runs.map((x) => x.trainMs)))}+ ms; states seen ${list(r.runs.map((x) => x.statesSeen))} of ${fmt(r.optimum.states)}`,
    },
    { label: `[${where}] one evaluation (${fmt(r.evalGames)} games)`, value: `${fmt(r.runs.reduce((a, x) => a + x.evaluationMs, 0) / r.runs.length, 1)} ms on average (not counted as training)` },
    {
      label: `[${where}] exact optimum, 3×3 (value iteration)`,
      value: `${fmt(r.optimum.states)} reachable states (${r.optimum.startStates} starts), best win probability ${pct(r.optimum.winProbability)}, solved in ${fmt(r.optimum.ms)} ms; 4×4: ${r.optimum.states4x4 >= 0 ? fmt(r.optimum.states4x4) : `more than ${fmt(-r.optimum.states4x4)}`} reachable states (counted in ${fmt(r.optimum.count4x4Ms)} ms)`,
    },
  );
  return rows;
}

/** Rows for one NnBenchResult, labelled with where it ran. */
function nnRows(where: string, r: NnBenchResult): Row[] {
  const rows: Row[] = [];
  const ex = (t: { examplesPerSecond: number } | undefined) => (t ? fmt(t.examplesPerSecond) : '—');
  rows.push({ label: `[${where}] examples/s, this engine`, value: ex(r.engine) });
  const losses = [`engine ${r.engine.finalLoss?.toFixed(4) ?? '?'}`];
  const best = new Map<string, { eps: number; how: string }>();
  for (const b of r.tf) {
    if (b.error) {
      rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}`, value: `failed: ${b.error}` });
      continue;
    }
    const left = b.tensorsLeft ? `  (${b.tensorsLeft} tensors left!)` : '';
    rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}, custom loop (minimize)`, value: ex(b.loop) + left });
    if (b.fit) rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}, model.fit`, value: ex(b.fit) });
    const candidates = [
      ...(b.loop ? [{ eps: b.loop.examplesPerSecond, how: 'custom loop' }] : []),
      ...(b.fit ? [{ eps: b.fit.examplesPerSecond, how: 'model.fit' }] : []),
    ];
    if (candidates.length) best.set(b.backend, candidates.reduce((a, c) => (c.eps > a.eps ? c : a)));
    if (b.loop?.finalLoss !== undefined) losses.push(`tfjs ${b.backend} ${b.loop.finalLoss.toFixed(4)}`);
  }
  for (const [backend, goal] of [['cpu', 2], ['wasm', 1]] as const) {
    const b = best.get(backend);
    if (!b) continue;
    const ratio = r.engine.examplesPerSecond / b.eps;
    rows.push({ label: `[${where}] ratio engine / tfjs ${backend}`, value: `${fmt(ratio, 2)}  (vs its faster path, ${b.how})`, goal: `>= ${goal}`, met: ratio >= goal });
  }
  rows.push({ label: `[${where}] last-batch loss (same start, same batches)`, value: losses.join(', ') });
  return rows;
}

// --- author: the /author preview on a long lesson, in the page and in this Node process ---

const AUTHOR_UPDATES = 60;

/** Rows for one AuthorBenchResult, labelled with where it ran. */
function authorRows(where: string, r: AuthorBenchResult): Row[] {
  const ms = (n: number): string => `${fmt(n, 1)} ms`;
  const what = r.applied ? 'render + DOM' : 'render';
  const rows: Row[] = [
    { label: `[${where}] cold render (new renderer)`, value: r.applied ? `${ms(r.coldMs)} + DOM ${ms(r.coldApplyMs)}` : ms(r.coldMs) },
    { label: `[${where}] re-render, no change`, value: ms(r.unchangedMs) },
  ];
  for (const k of r.perKind) {
    rows.push({
      label: `[${where}] ${k.label} (${what}, ${k.total.count}×)`,
      value: `median ${ms(k.total.median)}, p95 ${ms(k.total.p95)}, max ${ms(k.total.max)}`,
      goal: '< 50 ms',
      met: k.total.p95 < 50,
    });
  }
  const o = r.overall;
  rows.push(
    {
      label: `[${where}] any edit, median (${what}, ${o.total.count} updates)`,
      value: `${ms(o.total.median)}${r.applied ? `  (render ${ms(o.render.median)}, DOM ${ms(o.apply.median)})` : ''}`,
      goal: '< 50 ms',
      met: o.total.median < 50,
    },
    {
      label: `[${where}] any edit, p95 / max`,
      value: `${ms(o.total.p95)} / ${ms(o.total.max)}${r.applied ? `  (render p95 ${ms(o.render.p95)}, DOM p95 ${ms(o.apply.p95)})` : ''}`,
      goal: '< 50 ms',
      met: o.total.p95 < 50,
    },
  );
  if (r.meanBlocksRendered !== null) {
    rows.push({
      label: `[${where}] rendered afresh per update`,
      value: `${fmt(r.meanBlocksRendered, 2)} blocks, ${fmt(r.meanFormulasRendered ?? 0, 2)} formulas (the rest from the cache)`,
    });
  }
  return rows;
}

/** The same measurement in this Node process (render only: no DOM here). */
async function nodeAuthorBench(options: AuthorBenchOptions): Promise<AuthorBenchResult> {
  const [{ runAuthorBench }, { createPreviewRenderer }, { benchDocument }] = await Promise.all([
    import('../src/lib/author/author-bench.ts'),
    import('../src/lib/author/render.ts'),
    import('../src/lib/author/bench-document.ts'),
  ]);
  return runAuthorBench(() => createPreviewRenderer(), benchDocument(), options);
}

export const BENCHMARKS: Benchmark[] = [
  {
    name: 'worker-vs-main',
    title: 'Training loop: worker vs plain main-thread model.fit (same MLP, same backend), per backend',
    async run({ page, examples }) {
      const caps = (await page.evaluate(() =>
        (window as unknown as { tinkerBench: { capabilities(): unknown } }).tinkerBench.capabilities(),
      )) as Record<string, boolean>;
      // WebGL first (the GPU backend the goal is about), then WebAssembly (what 'auto' picks where WebGL is software).
      const backends = ['webgl', 'wasm'].filter((b) => caps[b]);
      const rows: Row[] = [];
      for (const backend of backends) {
        // A fresh page per backend: its first model.fit is then as cold as a fresh worker (the
        // tfjs code not yet optimised by the JavaScript engine), so cold is compared with cold.
        await page.reload();
        await page.waitForFunction(() => document.documentElement.dataset['benchReady'] === 'true', null, { timeout: 30_000 });
        const r = (await page.evaluate(
          (o) => (window as unknown as { tinkerBench: { workerVsMain(o: object): Promise<unknown> } }).tinkerBench.workerVsMain(o),
          { examples, backend },
        )) as WorkerVsMainResult;
        rows.push(...workerVsMainRows(r));
      }
      return rows;
    },
  },
  {
    name: 'backends',
    title: 'Our training loop in a worker on each backend (1,280 examples, batch 64, same MLP)',
    async run({ page }) {
      const r = (await page.evaluate(() =>
        (window as unknown as { tinkerBench: { backendsInWorker(): Promise<unknown> } }).tinkerBench.backendsInWorker(),
      )) as Array<{ requested: string; backend?: string; examplesPerSecond?: number; error?: string }>;
      return r.map((x) => ({
        label: `examples/s, ${x.requested}`,
        value: x.error ? `failed: ${x.error}` : `${fmt(x.examplesPerSecond ?? 0)}  (${x.backend})`,
      }));
    },
  },
  {
    name: 'auto-backend',
    title: "Backend that 'auto' picks",
    async run({ page }) {
      const r = (await page.evaluate(async () => {
        const b = (window as unknown as { tinkerBench: Record<string, () => Promise<unknown> | unknown> }).tinkerBench;
        return { caps: b['capabilities']!(), main: await b['autoBackend']!(), worker: await b['autoBackendInWorker']!() };
      })) as { caps: Record<string, boolean>; main: { backend: string; fallbackReason?: string }; worker: string };
      const caps = Object.entries(r.caps)
        .map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`)
        .join(', ');
      return [
        { label: 'capabilities (page)', value: caps },
        { label: "auto on the main thread", value: r.main.backend + (r.main.fallbackReason ? ` (${r.main.fallbackReason})` : '') },
        { label: "auto in a worker", value: r.worker },
      ];
    },
  },
  {
    name: 'fashion-load',
    title: 'Fashion-MNIST train set in the browser: fetch + gunzip + SHA-256 + parse (no cache)',
    async run({ page }) {
      const r = (await page.evaluate(() =>
        (window as unknown as { tinkerBench: { loadFashionTrain(): Promise<unknown> } }).tinkerBench.loadFashionTrain(),
      )) as { ms: number; count: number; bytes: number | null };
      return [
        { label: 'images loaded', value: fmt(r.count) },
        { label: 'bytes downloaded (gzip)', value: r.bytes === null ? 'unknown' : fmt(r.bytes) },
        { label: 'load + parse time', value: `${fmt(r.ms)} ms` },
      ];
    },
  },
  {
    name: 'code-cells',
    title: 'Code cells: a fresh worker per run (3 runs of print(1) per backend), then the MNIST-above-90% solution, graded',
    async run({ page }) {
      const codeRun = (options: object) =>
        page.evaluate(
          (o) => (window as unknown as { tinkerBench: { codeRun(o: object): Promise<CodeRunTiming> } }).tinkerBench.codeRun(o),
          options,
        );
      const rows: Row[] = [];
      for (const backend of ['wasm', 'webgl', 'cpu']) {
        const runs: CodeRunTiming[] = [];
        for (let i = 0; i < 3; i++) runs.push(await codeRun({ code: 'print(1);', backend }));
        const starts = runs.map((r) => r.startMs ?? NaN).sort((a, b) => a - b);
        const totals = runs.map((r) => r.totalMs).sort((a, b) => a - b);
        rows.push({
          label: `Run to result, print(1), ${backend}`,
          value: `median ${fmt(totals[1]!)} ms (start-up ${fmt(starts[1]!)} ms; runs ${runs.map((r) => fmt(r.totalMs)).join(', ')} ms)`,
        });
      }
      const solution = readFileSync(new URL('../content/exercises/mnist-90/solution.js', import.meta.url), 'utf8');
      const grader = { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.9 };
      const r = await codeRun({ code: solution, backend: 'auto', grader, expose: [] });
      rows.push({
        label: 'mnist-90 solution (auto backend)',
        value:
          `${r.grade?.pass ? 'passed' : 'NOT passed'}: ${r.grade?.figureText ?? r.outcome}; on ${r.backend ?? '?'}, ` +
          `training ${fmt((r.codeMs ?? NaN) / 1000, 1)} s, Run to grade ${fmt(r.totalMs / 1000, 1)} s, tensors left ${r.tensorsLeft ?? '?'}`,
      });
      return rows;
    },
  },
  {
    name: 'image-filter',
    title: 'Filtering an RGB image with a 5×5 Gaussian (σ = 1, zero border): naive 2D loops vs separable TypeScript vs tf.conv2d',
    async run({ page }) {
      const r = (await page.evaluate(() =>
        (window as unknown as { tinkerBench: { imageFilter(): Promise<unknown> } }).tinkerBench.imageFilter(),
      )) as ImageFilterBenchResult;
      const ms = (t: TimedRuns) => `${fmt(t.medianMs, 1)} ms`;
      const runs = (t: TimedRuns) => `(best ${fmt(Math.min(...t.runsMs), 1)}; runs ${t.runsMs.map((v) => fmt(v, 1)).join(', ')} ms)`;
      const vsNaive = (t: TimedRuns) => `${fmt(r.naive.medianMs / t.medianMs, 1)}× naive`;
      const px = `${r.size}×${r.size}`;
      const backend = r.backend + (r.fallbackReason ? ` (${r.fallbackReason})` : '');
      return [
        { label: 'setup', value: `${px} RGB synthetic image (seeded), median of ${r.runs} runs each; tf backend ${backend}` },
        { label: `${px} naive 2D loops (convolve)`, value: `${ms(r.naive)}  1.0× naive  ${runs(r.naive)}` },
        { label: `${px} separable TypeScript (convolveSeparable)`, value: `${ms(r.separable)}  ${vsNaive(r.separable)}  ${runs(r.separable)}` },
        { label: `${px} tf.conv2d on ${r.backend}, Img → Img`, value: `${ms(r.tf)}  ${vsNaive(r.tf)}  ${runs(r.tf)}; warm-up run ${fmt(r.tfWarmupMs)} ms` },
        { label: `${px} tf.conv2d on ${r.backend}, tensor resident`, value: `${ms(r.tfResident)}  ${vsNaive(r.tfResident)}  ${runs(r.tfResident)}, conv2d + await data() only` },
        { label: 'max |difference| from naive', value: `separable ${r.maxDiffSeparable.toExponential(1)}, tf.conv2d ${r.maxDiffTf.toExponential(1)} (0–255 scale)` },
        { label: `${r.widgetSize}×${r.widgetSize} RGB 5×5 naive (widget redraw)`, value: `${ms(r.widgetNaive)}  ${runs(r.widgetNaive)}` },
        { label: `${r.widgetSize}×${r.widgetSize} RGB 5×5 separable`, value: `${ms(r.widgetSeparable)}  ${runs(r.widgetSeparable)}` },
        { label: `${r.widgetSize}×${r.widgetSize} toRgba (to draw it)`, value: `${ms(r.widgetToRgba)}` },
      ];
    },
  },
  {
    name: 'nn',
    title: 'From-scratch engine vs tfjs cpu and wasm: MLP 784-128-10 (ReLU, softmax cross-entropy, Adam 0.001, batch 64) on MNIST, in the page and in Node',
    async run({ page, examples, dist }) {
      const options: NnBenchOptions = { examples };
      const browser = (await page.evaluate(
        (o) => (window as unknown as { tinkerBench: { nn(o: object): Promise<unknown> } }).tinkerBench.nn(o),
        options,
      )) as NnBenchResult;
      const node = await nodeNnBench(options, dist);
      return [
        {
          label: 'setup',
          value:
            `MNIST train images /255, ${fmt(browser.examples)} timed examples per contender after ${browser.warmupBatches} warm-up batches, ` +
            `batch ${browser.batchSize}, 784-${browser.hidden}-${browser.classes}, same initial weights; engine on the page's main thread`,
        },
        ...nnRows('browser', browser),
        ...nnRows(`node ${process.version}`, node),
      ];
    },
  },
  {
    name: 'rl',
    title: 'Tabular Q-learning on 3×3 Snake (DEFAULT_Q_CONFIG, 5 seeds): episodes/s, training time to 60/90/99% greedy wins on the 1,000 fixed evaluation games, and the exact optimum; in the page and in Node',
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
  },
  {
    name: 'author',
    title: `The /author live preview on benchDocument() (~5,000 words, 100 formulas): cold render, then ${AUTHOR_UPDATES} updates after typical edits (${AUTHOR_EDIT_KINDS.map((k) => k.label).join(', ')}, in turn); in the page (render + the /author page's DOM update + layout) and in Node (render only)`,
    async run({ page }) {
      const options: AuthorBenchOptions = { updates: AUTHOR_UPDATES };
      const browser = (await page.evaluate(
        (o) => (window as unknown as { tinkerBench: { author(o: object): Promise<unknown> } }).tinkerBench.author(o),
        options,
      )) as AuthorPageBenchResult;
      const d = browser.lesson;
      const rows: Row[] = [
        {
          label: 'document',
          value: `${fmt(d.chars)} characters, ${fmt(d.blocks)} blocks; the renderer counts ${fmt(d.words ?? 0)} words and ${fmt(d.formulas ?? 0)} formulas; no code highlighter (plain <pre>)`,
        },
        ...authorRows('browser', browser),
        {
          label: '[browser] DOM per update',
          value: `${fmt(browser.domCreatedPerUpdate, 2)} blocks put into the DOM; layout median ${fmt(browser.layoutMedianMs, 1)} ms (site and KaTeX CSS loaded)`,
        },
      ];
      try {
        rows.push(...authorRows(`node ${process.version}`, await nodeAuthorBench(options)));
      } catch (err) {
        rows.push({ label: `[node ${process.version}] FAILED`, value: err instanceof Error ? err.message : String(err) });
      }
      return rows;
    },
  },
];

// ---------------------------------------------------------------------------------------

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A minimal static file server for a build: no compression, so .gz files arrive as they are. */
export function serveStatic(root: string, base = '/'): Promise<{ server: Server; url: string }> {
  const rootDir = resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(base.length);
    let file = normalize(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': String(statSync(file).size),
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({ server, url: `http://127.0.0.1:${port}${base}` });
    });
  });
}

function printSection(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.label.length));
  for (const r of rows) {
    const goal = r.goal ? `   goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${r.label.padEnd(width)}  ${r.value}${goal}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist-test' },
      only: { type: 'string' },
      examples: { type: 'string', default: '6400' },
      headed: { type: 'boolean', default: false },
    },
  });
  const dist = resolve(values.dist!);
  const examples = Number(values.examples);
  if (!Number.isInteger(examples) || examples < 64) {
    console.error(`--examples must be a whole number >= 64, got ${values.examples}.`);
    return 2;
  }
  const wanted = values.only ? values.only.split(',') : BENCHMARKS.map((b) => b.name);
  const unknown = wanted.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
    return 2;
  }

  if (!existsSync(join(dist, 'index.html'))) {
    if (values.dist !== 'dist-test') {
      console.error(`No build in ${dist}. Build there first (npm run build:test -- --outDir ${values.dist}) or omit --dist.`);
      return 1;
    }
    console.log('No build found in dist-test/: running `npm run build:test` first…');
    const built = spawnSync('npm', ['run', 'build:test'], { stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('The build failed; fix it and run the benchmark again.');
      return 1;
    }
  }
  if (!existsSync(join(dist, 'dev', 'bench', 'index.html'))) {
    console.error(`${dist} has no dev/bench/ page: it is a production build or an old one. Rebuild with the /dev/ pages (npm run build:test) and try again.`);
    return 1;
  }
  if (!existsSync(join(dist, 'data', 'mnist', 'train-images-idx3-ubyte.gz'))) {
    console.error(`${dist} has no data/mnist/: run \`npm run datasets\`, then rebuild (npm run build:test).`);
    return 1;
  }

  const choice = findChromium();
  if (choice.kind === 'none') {
    console.error(`${choice.reason} Set CHROMIUM_PATH or run \`npx playwright install chromium\`.`);
    return 1;
  }
  const base = process.env.BASE_PATH ?? '/';
  const { server, url } = await serveStatic(dist, base.endsWith('/') ? base : `${base}/`);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    headless: !values.headed,
    args: CHROMIUM_ARGS,
    ...(choice.kind === 'env' || choice.kind === 'system' ? { executablePath: choice.path } : {}),
  });
  let failures = 0;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  [browser console error] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
    await page.goto(`${url}dev/bench/`);
    await page.waitForFunction(() => document.documentElement.dataset['benchReady'] === 'true', null, { timeout: 30_000 });
    console.log(`Tinker benchmarks — ${browser.browserType().name()} ${browser.version()} (${choice.path}), site ${url}`);
    for (const bench of BENCHMARKS.filter((b) => wanted.includes(b.name))) {
      const t0 = performance.now();
      try {
        const rows = await bench.run({ page, examples, dist });
        printSection(`[${bench.name}] ${bench.title}  (${fmt((performance.now() - t0) / 1000, 1)} s)`, rows);
      } catch (err) {
        failures++;
        printSection(`[${bench.name}] ${bench.title}`, [{ label: 'FAILED', value: err instanceof Error ? err.message : String(err) }]);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log('');
  return failures === 0 ? 0 : 1;
}

// Run only when executed directly (not when a test imports the helpers above).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
