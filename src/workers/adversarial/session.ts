/**
 * The adversarial worker's run (./worker.ts, or the main thread through ./client.ts), speaking only
 * ./protocol.ts through `emit`. Stateless: everything is loaded for the run and disposed at its end.
 *
 *  - 'curve': the pretrained CNN (or the same architecture with the request's weights) attacked on
 *    the first `images` test images at every ε (robustnessCurve of src/tf/adversarial.ts);
 *  - 'train': the pretrained CNN fine-tuned on adversarial examples of the first `images` training
 *    images (adversarialFineTune), its weights sent back, then the curves of the trained and the
 *    standard model on the first `evaluate.images` test images;
 *  - a stop is heard between batches; everything is disposed before the last message, which says
 *    so (`done.tensorsLeft`: 0).
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit as defaultLoadSplit, type SplitLoader } from '../../lib/data/load.ts';
import { describeFailure } from '../../lib/runtime/errors.ts';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { adversarialFineTune, cleanAccuracy, readWeights, robustnessCurve, writeWeights, type BatchReport } from '../../tf/adversarial.ts';
import { initBackend, type BackendResult } from '../../tf/backend.ts';
import { ContextLost, WebglWatch } from '../../tf/webgl-watch.ts';
import { requestProblems, unitPixels } from './check-request.ts';
import type { AdversarialFromWorker, AdversarialPhase, AdversarialRequest, AttackName, CurveModel } from './protocol.ts';

export type Emit = (message: AdversarialFromWorker) => void;

export interface SessionControl {
  /** True once the reader asked to stop; checked between batches. */
  stopped(): boolean;
  /** Aborts downloads when the reader stops during loading. */
  signal?: AbortSignal;
}

export interface AdversarialSessionDeps {
  /** Data loader; tests and scripts read the files from disk. */
  loadSplit?: SplitLoader;
  initBackend?: (request: AdversarialRequest['backend']) => Promise<BackendResult>;
  /** Loads the pretrained CNN (default tf.loadLayersModel). */
  loadModel?: (url: string) => Promise<tf.LayersModel>;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
  /** Longest time between two yields (ms). Default 10. */
  yieldIntervalMs?: number;
  /** Minimum time between two `batch` messages (ms). Default 100. */
  batchIntervalMs?: number;
  /** Called with the fine-tuned model before it is evaluated (scripts/train-robust.ts saves it). */
  onTrained?: (model: tf.LayersModel) => Promise<void>;
}

class StopRequested extends Error {}

const count = (n: number): string => n.toLocaleString('en-US');

export async function runAdversarialSession(
  request: AdversarialRequest,
  emit: Emit,
  control: SessionControl,
  deps: AdversarialSessionDeps = {},
): Promise<void> {
  const problems = requestProblems(request);
  if (problems.length > 0) {
    const what = request.task === 'train' ? 'This training run' : 'This attack';
    emit({ type: 'error', code: 'unknown', message: `${what} cannot start: ${problems.join(' ')}`, hint: 'Fix the setting named and start again.' });
    return;
  }
  const load = deps.loadSplit ?? defaultLoadSplit;
  const setUpBackend = deps.initBackend ?? ((r: AdversarialRequest['backend']) => initBackend(tf, r));
  const loadModel = deps.loadModel ?? ((url: string) => tf.loadLayersModel(url));
  const yieldNow = deps.yieldToEventLoop ?? yieldToEventLoop;
  const now = deps.now ?? (() => performance.now());
  const yieldInterval = deps.yieldIntervalMs ?? 10;
  const batchInterval = deps.batchIntervalMs ?? 100;
  const started = now();
  let lastYieldAt = now();
  const between = async (): Promise<void> => {
    if (now() - lastYieldAt < yieldInterval) return;
    await yieldNow();
    lastYieldAt = now();
  };

  const tensorsBefore = tf.memory().numTensors;
  let model: tf.LayersModel | null = null;
  let failurePhase: 'config' | 'backend' | 'data' | 'training' = 'config';
  const watch = new WebglWatch(tf);
  const setPhase = (phase: AdversarialPhase, message: string): void => emit({ type: 'phase', phase, message });
  let ending: Extract<AdversarialFromWorker, { type: 'done' | 'error' }> | null = null;
  let stopped = false;

  try {
    // 1. Backend.
    failurePhase = 'backend';
    if (control.stopped()) throw new StopRequested();
    const choice = await setUpBackend(request.backend);
    if (control.stopped()) throw new StopRequested();
    emit({ type: 'backend', backend: choice.backend, ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}) });
    watch.start(choice.backend);

    // 2. Data: the test images attacked, and for training the training images.
    failurePhase = 'data';
    setPhase('loading-data', 'Loading Fashion-MNIST…');
    const onProgress = (p: { files: Array<{ file: string; loaded: number; total: number | null }> }): void => {
      for (const f of p.files)
        if (f.total !== null && f.loaded === f.total) emit({ type: 'download', file: f.file, loaded: f.loaded, total: f.total });
    };
    const options = (limit: number) => ({ limit, onProgress, ...(control.signal ? { signal: control.signal } : {}) });
    const testCount = request.task === 'curve' ? request.images : request.evaluate.images;
    const [test, train] = await Promise.all([
      load(request.dataUrl, 'fashion-mnist', 'test', options(testCount)),
      request.task === 'train' ? load(request.dataUrl, 'fashion-mnist', 'train', options(request.images)) : null,
    ]);
    if (control.stopped()) throw new StopRequested();
    if (test.count < testCount || (train && request.task === 'train' && train.count < request.images)) {
      throw new Error(`The data has ${count(test.count)} test and ${count(train?.count ?? 0)} training images, fewer than the run needs.`);
    }
    const testX = unitPixels(test.images, testCount);

    // 3. The model.
    failurePhase = 'training';
    setPhase('loading-model', 'Loading the CNN…');
    model = await loadModel(request.modelUrl);
    if (control.stopped()) throw new StopRequested();
    const trained = model;

    const curve = async (which: CurveModel, attack: AttackName, epsilons: number[], steps: number | undefined): Promise<boolean> => {
      emit({ type: 'progress', model: which, done: 0, total: testCount * epsilons.length });
      const result = await robustnessCurve(tf, trained, testX, test.labels, testCount, {
        attack,
        epsilons,
        ...(steps !== undefined ? { steps } : {}),
        onProgress: (done, total) => emit({ type: 'progress', model: which, done, total }),
        stopped: () => control.stopped(),
        between,
        now,
      });
      if (!result) return false;
      emit({
        type: 'curve',
        model: which,
        attack,
        ...(attack === 'pgd' ? { steps: steps ?? 10 } : {}),
        images: testCount,
        points: result.points,
        cleanAccuracy: result.cleanAccuracy,
        secondsPerImage: result.secondsPerImage,
      });
      return true;
    };

    if (request.task === 'curve') {
      if (request.model !== 'standard') writeWeights(tf, trained, request.model.weights);
      const how = request.attack === 'fgsm' ? 'FGSM' : `PGD (${request.steps ?? 10} steps)`;
      setPhase('attacking', `Attacking ${count(testCount)} test images with ${how}…`);
      stopped = !(await curve('requested', request.attack, request.epsilons, request.steps));
    } else {
      const standardWeights = await readWeights(trained);
      const trainX = unitPixels(train!.images, request.images);
      setPhase('training', `Fine-tuning on adversarial examples of ${count(request.images)} training images…`);
      const t0 = now();
      let pending: BatchReport[] = [];
      let lastBatchAt = now();
      const flush = (): void => {
        const last = pending.at(-1);
        if (!last) return;
        const mean = (key: 'loss' | 'accuracy' | 'adversarialAccuracy'): number => pending.reduce((s, r) => s + r[key], 0) / pending.length;
        emit({ type: 'batch', ...last, loss: mean('loss'), accuracy: mean('accuracy'), adversarialAccuracy: mean('adversarialAccuracy') });
        pending = [];
        lastBatchAt = now();
      };
      const result = await adversarialFineTune(tf, trained, trainX, train!.labels, request.images, {
        method: request.method,
        epsilon: request.epsilon,
        ...(request.steps !== undefined ? { steps: request.steps } : {}),
        epochs: request.epochs,
        batchSize: request.batchSize,
        learningRate: request.learningRate,
        seed: request.seed,
        onBatch: (report) => {
          pending.push(report);
          if (report.batch === report.batchesPerEpoch - 1 || now() - lastBatchAt >= batchInterval) flush();
        },
        onEpoch: (report) => emit({ type: 'epoch', ...report, seconds: (now() - t0) / 1000 }),
        stopped: () => control.stopped(),
        between,
      });
      flush();
      stopped = result.stopped;
      if (result.batches > 0) {
        const weights = await readWeights(trained);
        const accuracy = await cleanAccuracy(tf, trained, testX, test.labels, testCount);
        emit({ type: 'trained', weights, cleanAccuracy: accuracy, epochsCompleted: result.epochsCompleted, seconds: (now() - t0) / 1000 });
        await deps.onTrained?.(trained);
      }
      if (!stopped) {
        const { attack, epsilons, steps } = request.evaluate;
        setPhase('evaluating', `Attacking ${count(testCount)} test images: the trained model, then the standard one…`);
        stopped = !(await curve('trained', attack, epsilons, steps));
        if (!stopped) {
          writeWeights(tf, trained, standardWeights);
          stopped = !(await curve('standard', attack, epsilons, steps));
        }
      }
    }
    ending = { type: 'done', stopped, seconds: (now() - started) / 1000, tensorsLeft: 0 };
  } catch (err) {
    if (err instanceof StopRequested || (control.stopped() && failurePhase !== 'training')) {
      ending = { type: 'done', stopped: true, seconds: (now() - started) / 1000, tensorsLeft: 0 };
    } else {
      ending = { type: 'error', ...describeFailure({ error: err, phase: failurePhase, contextLost: err instanceof ContextLost || watch.lost }) };
    }
  } finally {
    watch.stop();
    try {
      model?.dispose();
    } catch {
      /* a lost context may refuse; the engine has still forgotten the tensors */
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0 && !watch.lost)
      console.warn(`The adversarial session left ${leaked} tensor(s) behind; this is a bug in src/workers/adversarial/session.ts.`);
    if (ending) emit(ending.type === 'done' ? { ...ending, tensorsLeft: leaked } : ending);
  }
}
