/**
 * The training benchmarks: our loop in a worker against a plain main-thread `model.fit` on the same
 * backend (worker-vs-main), our loop on each backend (backends), and which backend 'auto' picks.
 * The browser side is bench/browser/training.ts.
 */
import type { RunResult, WorkerRunResult, WorkerVsMainResult } from '../browser/training.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

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
      {
        label: `[${b}] examples/s, our loop on main thread (fallback)`,
        value: `${fmt(r.mainSession.examplesPerSecond)}  (${r.mainSession.backend})`,
      },
      { label: `[${b}] longest main-thread task, fallback loop`, value: task(r.mainSession) },
    );
  }
  return rows;
}

export const workerVsMainBench: Benchmark = {
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
};

export const backendsBench: Benchmark = {
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
};

export const autoBackendBench: Benchmark = {
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
      { label: 'auto on the main thread', value: r.main.backend + (r.main.fallbackReason ? ` (${r.main.fallbackReason})` : '') },
      { label: 'auto in a worker', value: r.worker },
    ];
  },
};
