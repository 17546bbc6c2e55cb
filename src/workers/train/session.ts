/**
 * The one training loop of the MNIST widgets, used both inside the worker (./worker.ts) and by
 * the main-thread fallback (./client.ts). It speaks only the protocol of ./protocol.ts through
 * `emit`; its tensor pieces are in src/tf (mlp.ts, mnist-tensors.ts, backend.ts).
 *
 * Design points:
 *  - backend chosen and self-tested first (src/tf/backend.ts), then the data is loaded;
 *  - a manual batch loop (optimizer.minimize) so we control yielding and stopping:
 *    `control.stopped()` is checked before every batch, and the loop yields to the event loop
 *    at least every 10 ms (25 ms in the worker; src/lib/runtime/yield.ts), so a stop message
 *    gets in within that and one batch, and on the main thread the page keeps responding
 *    (yielding after every batch cost a few per cent: npm run bench -- --only worker-vs-main);
 *  - loss/accuracy are summed on the device and read back only when a `metrics` message is
 *    due (~every 100 ms and at the end of each epoch), without waiting for it (src/tf/batch-metrics.ts),
 *    so the GPU's queue is not drained mid-epoch;
 *  - everything is disposed at the end: tf.memory().numTensors is what it was before.
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit as defaultLoadSplit, type SplitData, type SplitLoader } from '../../lib/data/load.ts';
import { describeFailure } from '../../lib/runtime/errors.ts';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { batchRanges, epochSeed, shuffledIndices } from '../../lib/runtime/shuffle.ts';
import { checkConfig } from './check-config.ts';
import type { FromWorker, Phase, Predictions, SessionTimings, TrainConfig } from './protocol.ts';
import { initBackend, loseWebglContext, type BackendResult } from '../../tf/backend.ts';
import { ContextLost, WebglWatch } from '../../tf/webgl-watch.ts';
import { buildMlp, makeOptimizer, readWeights, trainableVariables, writeWeights } from '../../tf/mlp.ts';
import { BatchMetrics } from '../../tf/batch-metrics.ts';
import { evaluateBatched } from '../../tf/evaluate.ts';
import { lossAndCorrect, NUM_CLASSES, toTensors } from '../../tf/mnist-tensors.ts';

export type Emit = (message: FromWorker, transfer?: Transferable[]) => void;

export interface SessionControl {
  /** True once the reader asked to stop; checked before every batch. */
  stopped(): boolean;
  /** Aborts downloads when the reader stops during loading. */
  signal?: AbortSignal;
}

export type { SplitData, SplitLoader };

export interface SessionDeps {
  /** Data loader; tests inject synthetic data. */
  loadSplit?: SplitLoader;
  /** Backend set-up; defaults to initBackend (tests may inject failures). */
  initBackend?: (request: TrainConfig['backend']) => Promise<BackendResult>;
  /** Yield to the event loop between batches. Default: src/lib/runtime/yield.ts. */
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
  /** Longest time between two yields of the batch loop (ms). Default 10; 0 = after every batch. */
  yieldIntervalMs?: number;
  /** Minimum time between two `metrics` messages (ms). Default 100. */
  metricsIntervalMs?: number;
  /** Test hook, called after every trained batch (epoch and batch are 0-based). May throw. */
  afterBatch?: (epoch: number, batch: number) => void;
}

const DOWNLOAD_INTERVAL_MS = 100;
/** The batch loop yields (lets a stop in; keeps the page responsive on the main thread) at least this often. */
const YIELD_INTERVAL_MS = 10;

/** Test hook: lose the WebGL context of this module's tfjs (returns false when not on WebGL). */
export function simulateContextLoss(): boolean {
  return loseWebglContext(tf);
}

class StopRequested extends Error {
  constructor() {
    super('stopped');
    this.name = 'StopRequested';
  }
}

export async function runTrainingSession(config: TrainConfig, emit: Emit, control: SessionControl, deps: SessionDeps = {}): Promise<void> {
  const load = deps.loadSplit ?? defaultLoadSplit;
  const setUpBackend = deps.initBackend ?? ((request: TrainConfig['backend']) => initBackend(tf, request));
  const yieldNow = deps.yieldToEventLoop ?? yieldToEventLoop;
  const now = deps.now ?? (() => performance.now());
  const metricsInterval = deps.metricsIntervalMs ?? 100;
  const yieldInterval = deps.yieldIntervalMs ?? YIELD_INTERVAL_MS;

  const tensorsBefore = tf.memory().numTensors;
  const timings: SessionTimings = { backendMs: 0, dataMs: 0, trainingMs: 0, yieldMs: 0, yields: 0, metricsMs: 0, batches: 0, metricsMessages: 0 };
  // Everything this session creates on the device, disposed in `finally`.
  const owned: { dispose(): void }[] = [];
  let model: tf.Sequential | null = null;
  let optimizer: tf.Optimizer | null = null;
  let metrics: BatchMetrics | null = null;
  let failurePhase: 'config' | 'backend' | 'data' | 'training' = 'config';
  const watch = new WebglWatch(tf);

  const setPhase = (phase: Phase, message: string): void => emit({ type: 'phase', phase, message });
  const readBack = <T>(read: Promise<T>): Promise<T> => watch.readBack(read);

  try {
    checkConfig(config);
    failurePhase = 'backend';

    // 1. Backend.
    if (control.stopped()) throw new StopRequested();
    let t0 = now();
    const choice = await setUpBackend(config.backend);
    timings.backendMs = now() - t0;
    if (control.stopped()) throw new StopRequested();
    emit({ type: 'backend', backend: choice.backend, ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}) });
    watch.start(choice.backend);

    // 2. Data (train and test in parallel), with download progress per file.
    failurePhase = 'data';
    const name = config.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
    setPhase('loading-data', `Loading ${name}…`);
    const lastReport = new Map<string, number>();
    const onProgress = (p: { files: Array<{ file: string; loaded: number; total: number | null }> }): void => {
      const t = now();
      for (const f of p.files) {
        const finished = f.total !== null && f.loaded === f.total;
        const last = lastReport.get(f.file);
        if (last === -1) continue; // already reported complete
        if (!finished && last !== undefined && t - last < DOWNLOAD_INTERVAL_MS) continue;
        lastReport.set(f.file, finished ? -1 : t);
        emit({ type: 'download', file: f.file, loaded: f.loaded, total: f.total });
      }
    };
    t0 = now();
    const loadOptions = (limit: number) => ({ limit, onProgress, ...(control.signal ? { signal: control.signal } : {}) });
    const [train, test] = await Promise.all([
      load(config.dataUrl, config.dataset, 'train', loadOptions(config.trainLimit)),
      load(config.dataUrl, config.dataset, 'test', loadOptions(config.testLimit)),
    ]);
    if (control.stopped()) throw new StopRequested();
    const trainData = toTensors(tf, train);
    owned.push(trainData.x, trainData.y);
    const testData = toTensors(tf, test);
    owned.push(testData.x, testData.y);
    timings.dataMs = now() - t0;

    // 3. Model.
    failurePhase = 'training';
    const inputSize = train.rows * train.cols;
    model = buildMlp(tf, { inputSize, hidden: config.hidden, classes: NUM_CLASSES, seed: config.seed });
    if (config.initialWeights) writeWeights(tf, model, config.initialWeights);
    optimizer = makeOptimizer(tf, config.learningRate);
    const variables = trainableVariables(model);
    const net = model;
    const opt = optimizer;

    const evaluate = (): Promise<{ accuracy: number; loss: number }> =>
      evaluateBatched(tf, net, testData.x, testData.y, {
        between: async () => {
          await yieldNow();
          watch.check();
        },
        readBack,
      });

    const sendCheckpoint = async (epoch: number): Promise<void> => {
      const weights = await readBack(readWeights(net));
      emit(
        { type: 'checkpoint', epoch, weights },
        weights.map((w) => w.buffer as ArrayBuffer),
      );
    };

    // 4. Train.
    const ranges = batchRanges(train.count, config.batchSize);
    const batchesPerEpoch = ranges.length;
    let epochsCompleted = 0;
    let examplesSeen = 0;
    let trainingMs = 0;
    let lastTest: { accuracy: number; loss: number } | null = null;
    let trainedSinceEval = false;
    let stopped = false;

    // Device-side sums since the last metrics message, read back without stalling the loop.
    metrics = new BatchMetrics(tf, readBack, emit, now);
    const running = metrics;
    let lastMetricsAt = -Infinity;
    let lastYieldAt = -Infinity;
    const fields = (epoch: number, batch: number) => ({ epoch, batch, batchesPerEpoch, examplesSeen });

    for (let epoch = 0; epoch < config.epochs && !stopped; epoch++) {
      setPhase('training', `Training: epoch ${epoch + 1} of ${config.epochs}`);
      const order = shuffledIndices(train.count, epochSeed(config.seed, epoch));
      let epochStart = now();
      let lastBatch = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (control.stopped()) {
          stopped = true;
          break;
        }
        watch.check();
        const [start, end] = ranges[b]!;
        const idx = tf.tensor1d(order.subarray(start, end), 'int32');
        const [xb, yb] = tf.tidy(() => [tf.gather(trainData.x, idx), tf.gather(trainData.y, idx)] as const);
        idx.dispose();
        // The batch's summed loss and number of correct answers, from the same forward pass.
        const kept: { lossSum: tf.Scalar | null; correct: tf.Scalar | null } = { lossSum: null, correct: null };
        let cost: tf.Scalar | null = null;
        try {
          cost = opt.minimize(
            () => {
              const preds = net.apply(xb, { training: true }) as tf.Tensor;
              const { lossSum: l, correct } = lossAndCorrect(tf, yb, preds);
              kept.lossSum = tf.keep(l);
              kept.correct = tf.keep(correct);
              return tf.div(l, end - start) as tf.Scalar;
            },
            true,
            variables,
          );
        } catch (err) {
          kept.lossSum?.dispose();
          kept.correct?.dispose();
          throw err;
        } finally {
          xb.dispose();
          yb.dispose();
        }
        cost?.dispose();
        if (!cost || !kept.lossSum || !kept.correct) throw new Error('The optimizer returned no loss.');
        running.add(kept.lossSum, kept.correct, end - start);
        lastBatch = b;
        examplesSeen += end - start;
        trainedSinceEval = true;
        deps.afterBatch?.(epoch, b);

        const lastOfEpoch = b === batchesPerEpoch - 1;
        if (lastOfEpoch || control.stopped() || now() - lastMetricsAt >= metricsInterval) {
          await running.report(fields(epoch, b));
          lastMetricsAt = now();
        }
        timings.batches++;
        let t = now();
        if (t - lastYieldAt >= yieldInterval) {
          await yieldNow();
          lastYieldAt = now();
          timings.yieldMs += lastYieldAt - t;
          timings.yields++;
          t = lastYieldAt;
        }
        trainingMs += t - epochStart;
        epochStart = t;
      }
      // Every metrics message out (and those of a partial epoch cut short by Stop). Timed as
      // training: on WebGL this is where the epoch's last queued batches finish on the GPU.
      await running.flush(fields(epoch, lastBatch));
      trainingMs += now() - epochStart;
      if (stopped) break;

      setPhase('evaluating', `Testing on ${test.count.toLocaleString('en')} images…`);
      lastTest = await evaluate();
      trainedSinceEval = false;
      epochsCompleted = epoch + 1;
      emit({ type: 'epoch', epoch, testAccuracy: lastTest.accuracy, testLoss: lastTest.loss });
      await sendCheckpoint(epochsCompleted);
    }

    // 5. Finish: a final evaluation if training happened since the last one, then the preview.
    let testAccuracy: number | null = lastTest?.accuracy ?? null;
    let predictions: Predictions | null = null;
    if (trainedSinceEval) {
      await sendCheckpoint(epochsCompleted);
      setPhase('evaluating', `Testing on ${test.count.toLocaleString('en')} images…`);
      testAccuracy = (await evaluate()).accuracy;
    }
    if (testAccuracy === null && config.epochs === 0 && config.initialWeights) {
      // Nothing to train: just report how good the given weights are.
      testAccuracy = (await evaluate()).accuracy;
    }
    if (testAccuracy !== null && config.previewCount > 0) {
      const k = Math.min(config.previewCount, test.count);
      const predicted = tf.tidy(() => tf.argMax(net.predict(testData.x.slice([0, 0], [k, inputSize])) as tf.Tensor, 1));
      const values = await readBack(predicted.data());
      predicted.dispose();
      predictions = {
        images: test.images.slice(0, k * inputSize),
        labels: test.labels.slice(0, k),
        predicted: Uint8Array.from(values),
      };
    }
    emit(
      {
        type: 'done',
        stopped,
        epochsCompleted,
        testAccuracy,
        examplesPerSecond: trainingMs > 0 ? examplesSeen / (trainingMs / 1000) : 0,
        predictions,
        timings: { ...timings, trainingMs, metricsMs: running.waitedMs, metricsMessages: running.reads },
      },
      predictions
        ? [predictions.images.buffer as ArrayBuffer, predictions.labels.buffer as ArrayBuffer, predictions.predicted.buffer as ArrayBuffer]
        : [],
    );
  } catch (err) {
    metrics?.mute();
    if (err instanceof StopRequested || (control.stopped() && failurePhase !== 'training')) {
      emit({ type: 'done', stopped: true, epochsCompleted: 0, testAccuracy: null, examplesPerSecond: 0, predictions: null });
    } else {
      const lost = err instanceof ContextLost || watch.lost;
      const report = describeFailure({ error: err, phase: failurePhase, contextLost: lost });
      emit({ type: 'error', ...report });
    }
  } finally {
    watch.stop();
    await metrics?.settle().catch(() => {}); // a read-back still in flight after a failure
    metrics?.dispose();
    const disposeQuietly = (thing: { dispose(): unknown } | null): void => {
      try {
        thing?.dispose();
      } catch {
        /* a lost context may refuse; the engine has still forgotten the tensors */
      }
    };
    for (const t of owned) disposeQuietly(t);
    disposeQuietly(optimizer);
    disposeQuietly(model);
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0 && !watch.lost) {
      console.warn(`Training session left ${leaked} tensor(s) behind; this is a bug in src/workers/train/session.ts.`);
    }
  }
}
