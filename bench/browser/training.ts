/**
 * The training benchmarks of the /dev/bench/ page: our training loop in a worker (and on the main
 * thread) against a plain main-thread `model.fit` on the same backend (workerVsMain: cold against
 * cold, a fresh worker and the page's first fit; warm against warm, a second run in the same worker
 * and the second fit; with where the worker's time went), our loop on
 * each backend (backendsInWorker), and which backend 'auto' picks on the page and in a worker; and
 * the main-thread monitor (Long Tasks, heartbeats, frames) the measurements share.
 */
import { loadSplit } from '../../src/lib/data/load.ts';
import { startTraining, type RunMode } from '../../src/workers/train/client.ts';
import type { BackendName, FromWorker, SessionTimings, ToWorker, TrainConfig } from '../../src/workers/train/protocol.ts';
import { detectCapabilities } from '../../src/tf/capabilities.ts';
import { datasetsUrl } from '../../src/lib/data/datasets-url.ts';
import { errorText } from '../../src/lib/format/error-text.ts';
import { pauseForPaint } from '../../src/lib/runtime/yield.ts';

export interface WorkerVsMainOptions {
  /** Training examples per run (default 6400 = 100 batches of 64). */
  examples?: number;
  batchSize?: number;
  hidden?: number[];
  learningRate?: number;
  /** Default: webgl when the page has it, else wasm. */
  backend?: BackendName;
  /** Also run our training loop on the main thread (the fallback), default true. */
  includeMainThreadSession?: boolean;
}

export interface MainThreadLoad {
  /** Longest Long Tasks API entry (ms); 0 when no task reached 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Longest gap between two setTimeout(0) heartbeats (ms): how long the page could not respond. */
  maxHeartbeatGapMs: number;
  /** Longest gap between two animation frames (ms). */
  maxFrameGapMs: number;
}

export interface RunResult extends MainThreadLoad {
  examplesPerSecond: number;
  backend: BackendName | string;
  ms: number;
}

/** Where a worker run's time went (ms): the session's own timings plus what only the page sees. */
export interface WorkerBreakdown extends SessionTimings {
  /** From posting `start` to the `backend` message, less backendMs: worker start + tfjs import (≈0 when warm). */
  startMs: number;
  /** Messages the page received during the training loop. */
  messages: number;
}

export interface WorkerRunResult extends RunResult {
  breakdown: WorkerBreakdown;
}

export interface WorkerVsMainResult {
  examples: number;
  batchSize: number;
  hidden: number[];
  requestedBackend: BackendName;
  /** Our loop in a fresh worker: its first run (tfjs import, backend, shaders/JIT warm-up included). */
  worker: WorkerRunResult;
  /** Our loop again in the same worker, warmed up: the steady state. */
  workerWarm: WorkerRunResult;
  /** model.fit, first run on the page: includes compiling the shaders. */
  mainFitCold: RunResult;
  /** model.fit again, shaders compiled: the steady state. */
  mainFit: RunResult;
  mainSession?: RunResult;
  /** warm worker examples/s ÷ warm model.fit examples/s (steady state against steady state). */
  ratio: number;
  /** fresh worker examples/s ÷ cold model.fit examples/s (both warm up inside the timed loop). */
  ratioCold: number;
  /** fresh worker ÷ warm model.fit (the old, lopsided comparison, kept for continuity). */
  ratioFreshVsWarm: number;
  capabilities: ReturnType<typeof detectCapabilities>;
}

/** The site's data/ folder (the datasets), as the page sees it. */
export function dataUrl(): string {
  return datasetsUrl(import.meta.env.BASE_URL, location.href);
}

/** Watches the main thread until stopped. */
function monitorMainThread(): { stop(): MainThreadLoad } {
  const durations: number[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) durations.push(e.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    observer = null;
  }
  let running = true;
  let maxGap = 0;
  let last = performance.now();
  const beat = (): void => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (running) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  let maxFrameGap = 0;
  let lastFrame = performance.now();
  const frame = (t: number): void => {
    maxFrameGap = Math.max(maxFrameGap, t - lastFrame);
    lastFrame = t;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return {
    stop() {
      running = false;
      if (observer) {
        for (const e of observer.takeRecords()) durations.push(e.duration);
        observer.disconnect();
      }
      return {
        longestTaskMs: durations.length ? Math.max(...durations) : 0,
        longTasks: durations.length,
        maxHeartbeatGapMs: maxGap,
        maxFrameGapMs: maxFrameGap,
      };
    },
  };
}

/** Runs our training session (worker or main thread) and measures the main thread during its training phase. */
export function runSession(config: TrainConfig, mode: RunMode): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let monitor: ReturnType<typeof monitorMainThread> | null = null;
    let load: MainThreadLoad | null = null;
    let backend: string = '?';
    let t0 = 0;
    let t1 = 0;
    const handle = startTraining(
      config,
      (m: FromWorker) => {
        if (m.type === 'backend') backend = m.backend + (m.fallbackReason ? ` (${m.fallbackReason})` : '');
        if (m.type === 'phase' && m.phase === 'training' && !monitor) {
          monitor = monitorMainThread();
          t0 = performance.now();
        }
        if (m.type === 'phase' && m.phase === 'evaluating' && monitor && !load) {
          // Only the training loop is compared; evaluation is not part of model.fit either.
          t1 = performance.now();
          load = monitor.stop();
        }
        if (m.type === 'error') {
          load ??= monitor?.stop() ?? null;
          reject(new Error(`${m.code}: ${m.message}`));
        }
        if (m.type === 'done') {
          load ??= monitor?.stop() ?? null;
          if (!load) return reject(new Error('The run ended before training started.'));
          resolve({ ...load, examplesPerSecond: m.examplesPerSecond, backend: `${backend} in ${handle.mode}`, ms: t1 - t0 });
        }
      },
      { mode },
    );
  });
}

/** One training run in a kept-alive worker (src/workers/train/worker.ts takes one `start` after another). */
function runInWorker(worker: Worker, config: TrainConfig): Promise<WorkerRunResult> {
  return new Promise((resolve, reject) => {
    const posted = performance.now();
    let backendAt = posted;
    let backend = '?';
    let monitor: ReturnType<typeof monitorMainThread> | null = null;
    let load: MainThreadLoad | null = null;
    let messages = 0;
    let t0 = 0;
    let t1 = 0;
    const onMessage = (event: MessageEvent<FromWorker>): void => {
      const m = event.data;
      if (monitor && !load) messages++;
      if (m.type === 'backend') {
        backendAt = performance.now();
        backend = m.backend + (m.fallbackReason ? ` (${m.fallbackReason})` : '');
      }
      if (m.type === 'phase' && m.phase === 'training' && !monitor) {
        monitor = monitorMainThread();
        t0 = performance.now();
      }
      if (m.type === 'phase' && m.phase === 'evaluating' && monitor && !load) {
        t1 = performance.now();
        load = monitor.stop();
      }
      if (m.type !== 'done' && m.type !== 'error') return;
      worker.removeEventListener('message', onMessage);
      load ??= monitor?.stop() ?? null;
      if (m.type === 'error') return reject(new Error(`${m.code}: ${m.message}`));
      if (!load || !m.timings) return reject(new Error('The run ended before training started.'));
      const breakdown = { ...m.timings, startMs: backendAt - posted - m.timings.backendMs, messages };
      resolve({ ...load, examplesPerSecond: m.examplesPerSecond, backend: `${backend} in worker`, ms: t1 - t0, breakdown });
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'the training worker failed')), { once: true });
    worker.postMessage({ type: 'start', config } satisfies ToWorker);
  });
}

/**
 * Our loop in a fresh worker (cold), then again in the same worker (warm), each right next to
 * the model.fit it is compared with (`afterCold`, `afterWarm`), so that both sides of a
 * ratio see the same load on a busy machine.
 */
async function workerColdThenWarm(
  config: TrainConfig,
  afterCold: () => Promise<RunResult>,
  afterWarm: () => Promise<RunResult>,
): Promise<{ cold: WorkerRunResult; warm: WorkerRunResult; fitCold: RunResult; fitWarm: RunResult }> {
  const worker = new Worker(new URL('../../src/workers/train/worker.ts', import.meta.url), { type: 'module', name: 'tinker-bench-trainer' });
  try {
    const cold = await runInWorker(worker, config);
    const fitCold = await afterCold();
    const warm = await runInWorker(worker, config);
    const fitWarm = await afterWarm();
    return { cold, warm, fitCold, fitWarm };
  } finally {
    worker.terminate();
  }
}

/** The standard tfjs way: model.fit on the main thread, same model, data and backend. */
export async function runMainThreadFit(
  opts: Required<Omit<WorkerVsMainOptions, 'includeMainThreadSession'>>,
  /** Exploration only: let fit yield to the event loop after every batch (an empty onBatchEnd callback). */
  yieldEveryBatch = false,
): Promise<RunResult> {
  const [tf, { initBackend }, { buildMlp }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../../src/tf/backend.ts'),
    import('../../src/tf/mlp.ts'),
  ]);
  const chosen = await initBackend(tf, opts.backend);
  const data = await loadSplit(dataUrl(), 'mnist', 'train', { limit: opts.examples });
  const pixels = data.rows * data.cols;
  const xs = tf.tidy(() => tf.tensor2d(data.images, [data.count, pixels], 'int32').toFloat().div(255));
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10).toFloat());
  const model = buildMlp(tf, { inputSize: pixels, hidden: opts.hidden, classes: 10, seed: 1 });
  model.compile({ optimizer: tf.train.adam(opts.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  try {
    const monitor = monitorMainThread();
    const t0 = performance.now();
    await model.fit(xs, ys, {
      batchSize: opts.batchSize,
      epochs: 1,
      shuffle: true,
      verbose: 0,
      ...(yieldEveryBatch ? { callbacks: { onBatchEnd: pauseForPaint } } : {}),
    });
    const ms = performance.now() - t0;
    const load = monitor.stop();
    return { ...load, examplesPerSecond: data.count / (ms / 1000), backend: `${chosen.backend} on main thread`, ms };
  } finally {
    xs.dispose();
    ys.dispose();
    model.optimizer?.dispose();
    model.dispose();
  }
}

export async function workerVsMain(options: WorkerVsMainOptions = {}): Promise<WorkerVsMainResult> {
  const caps = detectCapabilities();
  const opts = {
    examples: options.examples ?? 6400,
    batchSize: options.batchSize ?? 64,
    hidden: options.hidden ?? [128],
    learningRate: options.learningRate ?? 0.001,
    backend: options.backend ?? (caps.webgl ? 'webgl' : 'wasm'),
  } satisfies Required<Omit<WorkerVsMainOptions, 'includeMainThreadSession'>>;
  const config: TrainConfig = {
    dataset: 'mnist',
    dataUrl: dataUrl(),
    trainLimit: opts.examples,
    testLimit: 1000,
    epochs: 1,
    batchSize: opts.batchSize,
    learningRate: opts.learningRate,
    hidden: opts.hidden,
    backend: opts.backend,
    previewCount: 0,
    seed: 1,
  };
  // Order: fresh worker, first fit, same worker again, second fit (each ratio's two runs adjacent).
  const fit = () => runMainThreadFit(opts);
  const { cold: worker, warm: workerWarm, fitCold: mainFitCold, fitWarm: mainFit } = await workerColdThenWarm(config, fit, fit);
  const mainSession = options.includeMainThreadSession === false ? undefined : await runSession(config, 'main-thread');
  return {
    examples: opts.examples,
    batchSize: opts.batchSize,
    hidden: opts.hidden,
    requestedBackend: opts.backend,
    worker,
    workerWarm,
    mainFitCold,
    mainFit,
    ...(mainSession ? { mainSession } : {}),
    ratio: workerWarm.examplesPerSecond / mainFit.examplesPerSecond,
    ratioCold: worker.examplesPerSecond / mainFitCold.examplesPerSecond,
    ratioFreshVsWarm: worker.examplesPerSecond / mainFit.examplesPerSecond,
    capabilities: caps,
  };
}

/** Our training loop in a worker on each backend in turn (explicit requests), same model and data. */
export async function backendsInWorker(
  options: { examples?: number; backends?: BackendName[] } = {},
): Promise<Array<{ requested: BackendName; backend: string; examplesPerSecond: number } | { requested: BackendName; error: string }>> {
  const caps = detectCapabilities();
  const backends = options.backends ?? (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).filter((b) => b === 'cpu' || caps[b]);
  const out: Array<{ requested: BackendName; backend: string; examplesPerSecond: number } | { requested: BackendName; error: string }> = [];
  for (const backend of backends) {
    const config: TrainConfig = {
      dataset: 'mnist',
      dataUrl: dataUrl(),
      trainLimit: options.examples ?? 1280,
      testLimit: 500,
      epochs: 1,
      batchSize: 64,
      learningRate: 0.001,
      hidden: [128],
      backend,
      previewCount: 0,
      seed: 1,
    };
    try {
      const r = await runSession(config, 'worker');
      out.push({ requested: backend, backend: r.backend, examplesPerSecond: r.examplesPerSecond });
    } catch (err) {
      out.push({ requested: backend, error: errorText(err) });
    }
  }
  return out;
}

/** Which backend 'auto' picks on this page (main thread), for the report. */
export async function autoBackend(): Promise<{ backend: string; fallbackReason?: string; attempts: unknown }> {
  const [tf, { initBackend }] = await Promise.all([import('@tensorflow/tfjs'), import('../../src/tf/backend.ts')]);
  const r = await initBackend(tf, 'auto');
  return { backend: r.backend, ...(r.fallbackReason ? { fallbackReason: r.fallbackReason } : {}), attempts: r.attempts };
}

/** Which backend 'auto' picks inside a worker (via a short training run's `backend` message). */
export function autoBackendInWorker(): Promise<string> {
  return new Promise((resolve) => {
    const handle = startTraining(
      {
        dataset: 'mnist',
        dataUrl: dataUrl(),
        trainLimit: 64,
        testLimit: 64,
        epochs: 0,
        batchSize: 64,
        learningRate: 0.001,
        hidden: [8],
        backend: 'auto',
        previewCount: 0,
        seed: 1,
      },
      (m) => {
        if (m.type === 'backend') {
          resolve(`${m.backend}${m.fallbackReason ? ` (${m.fallbackReason})` : ''}`);
          handle.dispose();
        } else if (m.type === 'error') {
          resolve(`error: ${m.message}`);
        }
      },
      { mode: 'worker' },
    );
  });
}
