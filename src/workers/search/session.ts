/**
 * One trial worker's session: pick the backend, load the data once (the first `trainLimit` training
 * images and the last `validationCount` as validation), then train the trials the page hands over,
 * one at a time, each with the layers API (`buildModel` → `model.fit` one epoch at a time on a
 * seeded shuffle → `model.evaluate` on the validation set). After each epoch it reports the
 * validation accuracy; at a rung it waits for the page's continue/stop. Every trial disposes its
 * model and optimiser; the data is disposed when the session ends (tf.memory() flat, tested).
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit as defaultLoadSplit, type SplitData, type SplitLoader } from '../../lib/data/load.ts';
import { describeFailure } from '../../lib/runtime/errors.ts';
import { epochSeed, shuffledIndices } from '../../lib/runtime/shuffle.ts';
import { currentWebglContext, initBackend, type BackendResult } from '../../tf/backend.ts';
import { buildModel, disposeModel } from '../../tf/build-model.ts';
import { toTensors } from '../../tf/mnist-tensors.ts';
import type { Inbox, InboxMessage } from './inbox.ts';
import type { FromWorker, SearchWorkerConfig, TrialRequest } from './protocol.ts';

export type Emit = (message: FromWorker) => void;

export interface SessionControl {
  stopped(): boolean;
  signal?: AbortSignal;
}

export interface SearchSessionDeps {
  loadSplit?: SplitLoader;
  initBackend?: (request: SearchWorkerConfig['backend']) => Promise<BackendResult>;
  now?: () => number;
}

/** The 60,000 MNIST training images: validation is taken from their end. */
const EVAL_BATCH = 1000;

type Data = { xTrain: tf.Tensor2D; yTrain: tf.Tensor2D; xVal: tf.Tensor2D; yVal: tf.Tensor2D; trainCount: number };

/** The first `trainLimit` and the last `validationCount` images of a split, without copying. */
export function splitPlan(all: SplitData, trainLimit: number, validationCount: number): { train: SplitData; validation: SplitData } {
  if (trainLimit + validationCount > all.count) {
    throw new RangeError(`The data plan needs ${trainLimit + validationCount} images but the training set has ${all.count}.`);
  }
  const px = all.rows * all.cols;
  const part = (start: number, count: number): SplitData => ({
    images: all.images.subarray(start * px, (start + count) * px),
    labels: all.labels.subarray(start, start + count),
    count,
    rows: all.rows,
    cols: all.cols,
  });
  return { train: part(0, trainLimit), validation: part(all.count - validationCount, validationCount) };
}

const isTrial = (m: InboxMessage): m is Extract<InboxMessage, { type: 'trial' }> => m.type === 'trial';

export async function runSearchSession(
  config: SearchWorkerConfig,
  emit: Emit,
  control: SessionControl,
  inbox: Inbox,
  deps: SearchSessionDeps = {},
): Promise<void> {
  const load = deps.loadSplit ?? defaultLoadSplit;
  const setUpBackend = deps.initBackend ?? ((request: SearchWorkerConfig['backend']) => initBackend(tf, request));
  const now = deps.now ?? (() => performance.now());
  const tensorsBefore = tf.memory().numTensors;
  const onAbort = (): void => inbox.close();
  control.signal?.addEventListener('abort', onAbort);
  let data: Data | null = null;
  let phase: 'backend' | 'data' | 'training' = 'backend';
  let current: number | undefined;
  let trials = 0;
  try {
    const choice = await setUpBackend(config.backend);
    emit({ type: 'backend', backend: choice.backend, ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}) });
    phase = 'data';
    emit({ type: 'phase', phase: 'loading-data', message: 'Loading MNIST…' });
    const all = await load(config.dataUrl, config.dataset, 'train', {
      onProgress: (p) => p.files.forEach((f) => emit({ type: 'download', ...f })),
      ...(control.signal ? { signal: control.signal } : {}),
    });
    const plan = splitPlan(all, config.trainLimit, config.validationCount);
    const train = toTensors(tf, plan.train);
    const validation = toTensors(tf, plan.validation);
    data = { xTrain: train.x, yTrain: train.y, xVal: validation.x, yVal: validation.y, trainCount: plan.train.count };
    emit({ type: 'ready', trainCount: plan.train.count, validationCount: plan.validation.count });
    phase = 'training';
    for (;;) {
      const next = await inbox.next(isTrial);
      if (!next || control.stopped()) break;
      current = next.trial;
      await runTrial(next, data, config.rungs, emit, control, inbox, now);
      current = undefined;
      trials++;
    }
    emit({ type: 'done', stopped: control.stopped(), trials });
  } catch (err) {
    if (control.stopped() && phase !== 'training') {
      emit({ type: 'done', stopped: true, trials });
    } else {
      const lost = (() => {
        try {
          return currentWebglContext(tf)?.isContextLost() ?? false;
        } catch {
          return false;
        }
      })();
      emit({ type: 'error', ...describeFailure({ error: err, phase, contextLost: lost }), ...(current !== undefined ? { trial: current } : {}) });
    }
  } finally {
    control.signal?.removeEventListener('abort', onAbort);
    if (data) for (const t of [data.xTrain, data.yTrain, data.xVal, data.yVal]) t.dispose();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0) console.warn(`The search worker left ${leaked} tensor(s) behind; this is a bug in src/workers/search/session.ts.`);
  }
}

async function runTrial(
  request: TrialRequest,
  data: Data,
  rungs: readonly number[],
  emit: Emit,
  control: SessionControl,
  inbox: Inbox,
  now: () => number,
): Promise<void> {
  const { trial, spec, seed } = request;
  const model = buildModel(tf, spec, seed);
  let epochs = 0;
  let stopped = false;
  try {
    for (let epoch = 1; epoch <= spec.epochs; epoch++) {
      if (control.stopped()) {
        stopped = true;
        break;
      }
      const t0 = now();
      // A seeded shuffle per epoch (fit's own shuffle is not seeded), then one epoch of fit.
      const [xs, ys] = tf.tidy(() => {
        const idx = tf.tensor1d(shuffledIndices(data.trainCount, epochSeed(seed, epoch)), 'int32');
        return [tf.gather(data.xTrain, idx), tf.gather(data.yTrain, idx)];
      });
      try {
        await model.fit(xs, ys, { epochs: 1, batchSize: spec.batchSize, shuffle: false, verbose: 0, yieldEvery: 'never' });
      } finally {
        xs.dispose();
        ys.dispose();
      }
      const result = model.evaluate(data.xVal, data.yVal, { batchSize: EVAL_BATCH }) as tf.Scalar[];
      const [loss, accuracy] = await Promise.all(result.map(async (s) => (await s.data())[0]!));
      tf.dispose(result);
      epochs = epoch;
      emit({ type: 'epoch', trial, epoch, accuracy: accuracy!, loss: loss!, ms: now() - t0 });
      if (epoch < spec.epochs && rungs.includes(epoch)) {
        const isMine = (m: InboxMessage): m is Extract<InboxMessage, { type: 'decision' }> => m.type === 'decision' && m.trial === trial;
        const decision = await inbox.next(isMine);
        if (!decision || decision.decision === 'stop') {
          stopped = true;
          break;
        }
      }
    }
  } finally {
    // The model does not own its optimiser (src/tf/build-model.ts): both go.
    disposeModel(model);
  }
  emit({ type: 'trial-end', trial, epochs, stopped });
}
