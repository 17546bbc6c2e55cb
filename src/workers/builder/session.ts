/**
 * The model builder's training run: a ModelSpec (src/lib/supervised) built with the tfjs layers
 * API (src/tf/build-model.ts) and trained on MNIST or Fashion-MNIST (`data.dataset`), in the
 * worker (./worker.ts) or on the main thread (./client.ts). It speaks only ./protocol.ts through `emit`.
 *
 *  - a spatial spec (first layer conv2d or maxPool) gets its images as [n, rows, cols, 1]; a spec
 *    with a conv2d layer sends that layer's kernel (`filters`) before the first batch, at most
 *    every FILTERS_INTERVAL_MS while training and after the last batch;
 *  - the data: the first `trainLimit` of the 60,000 training images for the gradient steps, the
 *    last `validationCount` for validation after every epoch, the first `testLimit` of the 10,000
 *    test images once at the end; every evaluation in batches of ≤ 1,000 (src/tf/evaluate.ts);
 *  - a manual batch loop (optimizer.minimize, with the model's L2 penalties added to the loss) so
 *    that a stop is heard within one batch and the loop yields (src/lib/runtime/yield.ts);
 *    running loss and accuracy are summed on the device and read back ~every 100 ms
 *    (src/tf/batch-metrics.ts), as in src/workers/train/session.ts;
 *  - a finished run stores the model (at `saveUrl`, default SAVED_MODEL_URL in IndexedDB) with its spec, test accuracy
 *    and date as metadata, for the model inspector;
 *  - everything is disposed before the last message, which says so: `done.tensorsLeft` is the
 *    change in tf.memory().numTensors over the run (0).
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit as defaultLoadSplit, type SplitData, type SplitLoader } from '../../lib/data/load.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { describeFailure } from '../../lib/runtime/errors.ts';
import { batchRanges, epochSeed, shuffledIndices } from '../../lib/runtime/shuffle.ts';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { SAVED_MODEL_URL, savedModelMetadata, type SavedModelMeta } from '../../lib/supervised/saved-model.ts';
import { planDataset, takesImages } from '../../lib/supervised/model-spec.ts';
import { planProblems, specProblems } from '../../lib/supervised/spec-check.ts';
import { initBackend, type BackendResult } from '../../tf/backend.ts';
import { BatchMetrics } from '../../tf/batch-metrics.ts';
import { buildModel, disposeModel } from '../../tf/build-model.ts';
import { firstConvIndex, readFilters } from '../../tf/conv-filters.ts';
import { evaluateBatched } from '../../tf/evaluate.ts';
import { trainableVariables } from '../../tf/mlp.ts';
import { accumulate, lossAndCorrect, toTensors } from '../../tf/mnist-tensors.ts';
import { ContextLost, WebglWatch } from '../../tf/webgl-watch.ts';
import type { BuilderFromWorker, BuilderPhase, BuilderRequest } from './protocol.ts';

export type Emit = (message: BuilderFromWorker) => void;

export interface SessionControl {
  /** True once the reader asked to stop; checked before every batch. */
  stopped(): boolean;
  /** Aborts downloads when the reader stops during loading. */
  signal?: AbortSignal;
}

export type { SplitData, SplitLoader };

export interface BuilderSessionDeps {
  /** Data loader; tests inject synthetic data. */
  loadSplit?: SplitLoader;
  initBackend?: (request: BuilderRequest['backend']) => Promise<BackendResult>;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
  /** Longest time between two yields of the batch loop (ms). Default 10; 0 = after every batch. */
  yieldIntervalMs?: number;
  /** Minimum time between two `metrics` messages (ms). Default 100. */
  metricsIntervalMs?: number;
  /** Test hook, called after every trained batch (0-based). May throw. */
  afterBatch?: (epoch: number, batch: number) => void;
  /** Stores the trained model (default: IndexedDB through model.save). */
  saveModel?: (model: tf.LayersModel, url: string) => Promise<unknown>;
}

const DOWNLOAD_INTERVAL_MS = 100;
/** Minimum time between two `filters` messages while training: at most 4 a second. */
const FILTERS_INTERVAL_MS = 250;
const YIELD_INTERVAL_MS = 10;

class StopRequested extends Error {
  constructor() {
    super('stopped');
    this.name = 'StopRequested';
  }
}

/** Rows [start, end) of a split (zero-copy). */
function rows(data: SplitData, start: number, end: number): SplitData {
  const pixels = data.rows * data.cols;
  return { ...data, images: data.images.subarray(start * pixels, end * pixels), labels: data.labels.subarray(start, end), count: end - start };
}

const count = (n: number): string => n.toLocaleString('en-US');

export async function runBuilderSession(request: BuilderRequest, emit: Emit, control: SessionControl, deps: BuilderSessionDeps = {}): Promise<void> {
  const load = deps.loadSplit ?? defaultLoadSplit;
  const setUpBackend = deps.initBackend ?? ((r: BuilderRequest['backend']) => initBackend(tf, r));
  const yieldNow = deps.yieldToEventLoop ?? yieldToEventLoop;
  const now = deps.now ?? (() => performance.now());
  const save = deps.saveModel ?? ((model: tf.LayersModel, url: string) => model.save(url));
  const metricsInterval = deps.metricsIntervalMs ?? 100;
  const yieldInterval = deps.yieldIntervalMs ?? YIELD_INTERVAL_MS;
  const { spec, data: plan } = request;
  const dataset = planDataset(plan);
  const saveUrl = request.saveUrl ?? SAVED_MODEL_URL;

  const tensorsBefore = tf.memory().numTensors;
  const owned: { dispose(): void }[] = [];
  let model: tf.Sequential | null = null;
  let metrics: BatchMetrics | null = null;
  let failurePhase: 'config' | 'backend' | 'data' | 'training' = 'config';
  const watch = new WebglWatch(tf);
  const readBack = <T>(read: Promise<T>): Promise<T> => watch.readBack(read);
  const setPhase = (phase: BuilderPhase, message: string): void => emit({ type: 'phase', phase, message });
  /** The run's last message (`done` or `error`), sent once everything is disposed. */
  let ending: Extract<BuilderFromWorker, { type: 'done' | 'error' }> | null = null;

  const problems = [...specProblems(spec), ...planProblems(plan)];
  if (problems.length > 0) {
    emit({
      type: 'error',
      code: 'unknown',
      message: `This model cannot be trained: ${problems.join(' ')}`,
      hint: 'Fix the setting named and start again.',
    });
    return;
  }

  try {
    // 1. Backend.
    failurePhase = 'backend';
    if (control.stopped()) throw new StopRequested();
    const choice = await setUpBackend(request.backend);
    if (control.stopped()) throw new StopRequested();
    emit({ type: 'backend', backend: choice.backend, ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}) });
    watch.start(choice.backend);

    // 2. Data: the whole training file when validation images come from its end.
    failurePhase = 'data';
    setPhase('loading-data', dataset === 'fashion-mnist' ? 'Loading Fashion-MNIST…' : 'Loading MNIST…');
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
    const options = (limit?: number) => ({ ...(limit ? { limit } : {}), onProgress, ...(control.signal ? { signal: control.signal } : {}) });
    const [trainFile, test] = await Promise.all([
      load(request.dataUrl, dataset, 'train', options(plan.validationCount > 0 ? undefined : plan.trainLimit)),
      load(request.dataUrl, dataset, 'test', options(plan.testLimit)),
    ]);
    if (control.stopped()) throw new StopRequested();
    if (trainFile.count < plan.trainLimit + plan.validationCount || test.count < plan.testLimit) {
      throw new Error(`The data has ${count(trainFile.count)} training and ${count(test.count)} test images, fewer than the run needs.`);
    }
    const train = rows(trainFile, 0, plan.trainLimit);
    // One example: an image for a spatial model, a vector of pixels otherwise.
    const example = takesImages(spec) ? [train.rows, train.cols, 1] : [train.rows * train.cols];
    const tensors = (split: SplitData): { x: tf.Tensor; y: tf.Tensor2D } => {
      const { x, y } = toTensors(tf, split);
      owned.push(x, y);
      if (example.length === 1) return { x, y };
      const images = x.reshape([split.count, ...example]);
      owned.push(images);
      return { x: images, y };
    };
    const trainData = tensors(train);
    const valData = plan.validationCount > 0 ? tensors(rows(trainFile, trainFile.count - plan.validationCount, trainFile.count)) : null;
    const testData = tensors(test);

    // 3. Model (its optimiser comes with it).
    failurePhase = 'training';
    model = buildModel(tf, spec, request.seed, example);
    const net = model;
    const optimizer = net.optimizer;
    const variables = trainableVariables(net);
    const between = async (): Promise<void> => {
      await yieldNow();
      watch.check();
    };
    const evaluate = (split: { x: tf.Tensor; y: tf.Tensor2D }) => evaluateBatched(tf, net, split.x, split.y, { between, readBack });

    // 4. Train.
    const ranges = batchRanges(train.count, spec.batchSize);
    const batchesPerEpoch = ranges.length;
    let epochsCompleted = 0;
    let examplesSeen = 0;
    let batchMs = 0;
    let trainedAnything = false;
    let stopped = false;
    metrics = new BatchMetrics(tf, readBack, emit, now);
    const running = metrics;
    let lastMetricsAt = -Infinity;
    let lastYieldAt = -Infinity;
    const fields = (epoch: number, batch: number) => ({ epoch, batch, batchesPerEpoch, examplesSeen });
    const convIndex = firstConvIndex(spec);
    let lastFiltersAt = -Infinity;
    let lastEpoch = 0;
    const sendFilters = async (epoch: number): Promise<void> => {
      const { shape, values } = await readFilters(net, convIndex, readBack);
      emit({ type: 'filters', layer: convIndex, shape, values, epoch, examplesSeen });
      lastFiltersAt = now();
    };
    if (convIndex >= 0) await sendFilters(0);

    for (let epoch = 0; epoch < spec.epochs && !stopped; epoch++) {
      setPhase('training', `Training: epoch ${epoch + 1} of ${spec.epochs}`);
      lastEpoch = epoch;
      const order = shuffledIndices(train.count, epochSeed(request.seed, epoch));
      // The epoch's own sums (the metrics' sums are reset at every message).
      let epochLoss = tf.scalar(0);
      let epochCorrect = tf.scalar(0);
      owned.push({ dispose: () => tf.dispose([epochLoss, epochCorrect]) });
      let epochExamples = 0;
      let lastBatch = 0;
      const t0 = now();
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
        const kept: { lossSum: tf.Scalar | null; correct: tf.Scalar | null } = { lossSum: null, correct: null };
        let cost: tf.Scalar | null = null;
        try {
          cost = optimizer.minimize(
            () => {
              const preds = net.apply(xb, { training: true }) as tf.Tensor;
              const { lossSum, correct } = lossAndCorrect(tf, yb, preds);
              kept.lossSum = tf.keep(lossSum);
              kept.correct = tf.keep(correct);
              // The data loss plus the L2 penalties of the dense kernels (none when l2 = 0).
              return tf.addN([tf.div(lossSum, end - start), ...net.calculateLosses()]) as tf.Scalar;
            },
            true,
            variables,
          );
        } catch (err) {
          tf.dispose([kept.lossSum, kept.correct].filter((t): t is tf.Scalar => t !== null));
          throw err;
        } finally {
          tf.dispose([xb, yb]);
        }
        cost?.dispose();
        if (!cost || !kept.lossSum || !kept.correct) throw new Error('The optimizer returned no loss.');
        epochLoss = accumulate(tf, epochLoss, kept.lossSum.clone());
        epochCorrect = accumulate(tf, epochCorrect, kept.correct.clone());
        running.add(kept.lossSum, kept.correct, end - start);
        epochExamples += end - start;
        examplesSeen += end - start;
        lastBatch = b;
        trainedAnything = true;
        deps.afterBatch?.(epoch, b);

        if (b === batchesPerEpoch - 1 || control.stopped() || now() - lastMetricsAt >= metricsInterval) {
          await running.report(fields(epoch, b));
          lastMetricsAt = now();
        }
        if (convIndex >= 0 && now() - lastFiltersAt >= FILTERS_INTERVAL_MS) await sendFilters(epoch);
        const t = now();
        if (t - lastYieldAt >= yieldInterval) {
          await yieldNow();
          lastYieldAt = now();
        }
      }
      await running.flush(fields(epoch, lastBatch));
      const [lossValue, correctValue] = await readBack(Promise.all([epochLoss.data(), epochCorrect.data()]));
      tf.dispose([epochLoss, epochCorrect]);
      batchMs += now() - t0;
      if (stopped) break;

      let validation: { loss: number; accuracy: number } | null = null;
      if (valData) {
        setPhase('validating', `Validating on ${count(plan.validationCount)} images…`);
        validation = await evaluate(valData);
      }
      let testAccuracy: number | undefined;
      if (request.testEveryEpoch) {
        setPhase('testing', `Testing on ${count(test.count)} images…`);
        testAccuracy = (await evaluate(testData)).accuracy;
      }
      epochsCompleted = epoch + 1;
      emit({
        type: 'epoch',
        epoch,
        trainLoss: (lossValue[0] as number) / epochExamples,
        trainAccuracy: (correctValue[0] as number) / epochExamples,
        valLoss: validation?.loss ?? null,
        valAccuracy: validation?.accuracy ?? null,
        ...(testAccuracy !== undefined ? { testAccuracy } : {}),
        seconds: batchMs / 1000,
      });
    }

    // 5. The filters as trained, test once, then store a finished run's model.
    if (convIndex >= 0 && trainedAnything) await sendFilters(lastEpoch);
    let final: { loss: number; accuracy: number } | null = null;
    if (trainedAnything) {
      setPhase('testing', `Testing on ${count(test.count)} images…`);
      final = await evaluate(testData);
    }
    if (!stopped && final && request.save !== false) {
      setPhase('saving', 'Saving the model in this browser…');
      const meta: SavedModelMeta = {
        spec,
        testAccuracy: final.accuracy,
        trainedAt: new Date().toISOString(),
        ...(dataset !== 'mnist' ? { dataset } : {}),
      };
      net.setUserDefinedMetadata(savedModelMetadata(meta));
      try {
        await save(net, saveUrl);
        emit({ type: 'saved', url: saveUrl, meta });
      } catch (err) {
        emit({ type: 'save-failed', message: `The model could not be saved in this browser (${errorText(err)}).` });
      }
    }
    ending = {
      type: 'done',
      stopped,
      testAccuracy: final?.accuracy ?? null,
      testLoss: final?.loss ?? null,
      epochsCompleted,
      examplesPerSecond: batchMs > 0 ? examplesSeen / (batchMs / 1000) : 0,
      seconds: batchMs / 1000,
      tensorsLeft: 0,
    };
  } catch (err) {
    metrics?.mute();
    if (err instanceof StopRequested || (control.stopped() && failurePhase !== 'training')) {
      ending = {
        type: 'done',
        stopped: true,
        testAccuracy: null,
        testLoss: null,
        epochsCompleted: 0,
        examplesPerSecond: 0,
        seconds: 0,
        tensorsLeft: 0,
      };
    } else {
      ending = { type: 'error', ...describeFailure({ error: err, phase: failurePhase, contextLost: err instanceof ContextLost || watch.lost }) };
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
    if (model) disposeQuietly({ dispose: () => disposeModel(model!) });
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0 && !watch.lost)
      console.warn(`The builder session left ${leaked} tensor(s) behind; this is a bug in src/workers/builder/session.ts.`);
    if (ending) emit(ending.type === 'done' ? { ...ending, tensorsLeft: leaked } : ending);
  }
}
