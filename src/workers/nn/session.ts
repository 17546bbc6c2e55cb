/**
 * One from-scratch training run (src/lib/nn, no tfjs): load MNIST, build the network,
 * train in shuffled mini-batches, validate each epoch, stop early, evaluate on the test
 * set. Emits the NnFromWorker messages of nn/protocol.ts.
 *
 * No DOM: `nn/worker.ts` runs it in a Web Worker, and unit tests run it in Node with a
 * fake data loader. A training step allocates nothing: the batch buffers are made once
 * and the layers reuse theirs.
 *
 * Stopping: between groups of `reportEveryBatches` batches the session yields to the
 * event loop, so a 'stop' message is seen within one group. A stopped run still
 * evaluates the weights it has on the test set (quick) and ends with `done`
 * (stopped: true) carrying those weights; a run stopped while downloading ends with
 * test: null and no weights.
 */
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { loadSplit as defaultLoadSplit, type LoadProgress, type LoadSplitOptions, type SplitLoader } from '../../lib/data/load.ts';
import { errorText } from '../../lib/format/error-text.ts';
import {
  countCorrect,
  epochOrder,
  evaluate,
  fillBatch,
  imageSet,
  lossTakesLogits,
  makeBatchBuffers,
  trainValidationSplit,
  type ImageSet,
  type TargetKind,
} from '../../lib/nn/batches.ts';
import { EarlyStopping } from '../../lib/nn/early-stopping.ts';
import { makeLoss } from '../../lib/nn/losses.ts';
import { confusionMatrix } from '../../lib/nn/metrics.ts';
import { buildNetwork } from '../../lib/nn/network.ts';
import { makeOptimizer } from '../../lib/nn/optimizers.ts';
import type { NnEpochSummary, NnFromWorker, NnTestResult, NnTrainConfig } from './protocol.ts';

export type { SplitLoader };

export interface SessionControl {
  /** True once the reader asked to stop. */
  stopped(): boolean;
  /** Aborts downloads when the reader stops during loading. */
  signal?: AbortSignal;
  /** Replaces the MNIST loader (tests). */
  loadSplit?: SplitLoader;
  /** Lets queued messages (a 'stop') through; default: yieldToEventLoop (src/lib/runtime/yield.ts). */
  yieldToEvents?: () => Promise<void>;
  /** Milliseconds clock; default performance.now. */
  now?: () => number;
}

export type Emit = (message: NnFromWorker, transfer?: Transferable[]) => void;

const MNIST_TRAIN_COUNT = 60_000;
const MNIST_TEST_COUNT = 10_000;

/** Checks a config; returns a sentence saying what is wrong, or null when it is fine. */
export function configProblem(c: NnTrainConfig): string | null {
  const whole = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (c.task !== 'digits' && c.task !== 'zero-vs-rest') return `Unknown task "${String(c.task)}": use "digits" or "zero-vs-rest".`;
  if (!whole(c.trainLimit, 1)) return `trainLimit must be a whole number ≥ 1, got ${c.trainLimit}.`;
  if (!whole(c.validationCount, 0)) return `validationCount must be a whole number ≥ 0, got ${c.validationCount}.`;
  if (c.trainLimit + c.validationCount > MNIST_TRAIN_COUNT) {
    return `${c.trainLimit} training plus ${c.validationCount} validation images is more than the ${MNIST_TRAIN_COUNT} MNIST training images: lower one of them.`;
  }
  if (!whole(c.testLimit, 1) || c.testLimit > MNIST_TEST_COUNT) return `testLimit must be between 1 and ${MNIST_TEST_COUNT}, got ${c.testLimit}.`;
  if (!whole(c.batchSize, 1)) return `batchSize must be a whole number ≥ 1, got ${c.batchSize}.`;
  if (!whole(c.epochs, 1)) return `epochs must be a whole number ≥ 1, got ${c.epochs}.`;
  if (!whole(c.earlyStoppingPatience, 0)) return `earlyStoppingPatience must be a whole number ≥ 0, got ${c.earlyStoppingPatience}.`;
  if (c.earlyStoppingPatience > 0 && c.validationCount === 0) return 'Early stopping needs validation images: set validationCount above 0.';
  if (!whole(c.reportEveryBatches, 1)) return `reportEveryBatches must be a whole number ≥ 1, got ${c.reportEveryBatches}.`;
  if (!(c.optimizer.learningRate > 0)) return `The learning rate must be above 0, got ${c.optimizer.learningRate}.`;
  const last = [...c.layers].reverse().find((l) => l.kind === 'dense');
  const outputs = c.task === 'digits' ? 10 : 1;
  if (!last || last.kind !== 'dense' || last.units !== outputs) {
    return `The ${c.task} task needs a last dense layer with ${outputs} unit${outputs === 1 ? '' : 's'}.`;
  }
  return null;
}

class StoppedError extends Error {}

/** Runs one training session, reporting through `emit`. Never throws: failures become an `error` message. */
export async function runNnSession(config: NnTrainConfig, emit: Emit, control: SessionControl): Promise<void> {
  const now = control.now ?? (() => performance.now());
  const pause = control.yieldToEvents ?? yieldToEventLoop;
  const load = control.loadSplit ?? defaultLoadSplit;

  const problem = configProblem(config);
  if (problem) {
    emit({ type: 'error', code: 'config', message: problem });
    return;
  }
  const kind: TargetKind = config.task;

  // 1. Data: train and test in parallel, with download progress per file.
  emit({ type: 'phase', phase: 'loading-data', message: 'Loading the MNIST images…' });
  let train: ImageSet;
  let validation: ImageSet | null;
  let test: ImageSet;
  try {
    const onProgress = (p: LoadProgress): void => {
      for (const f of p.files) emit({ type: 'download', file: f.file, loaded: f.loaded, total: f.total });
    };
    const options = (limit?: number): LoadSplitOptions => ({
      onProgress,
      ...(limit !== undefined ? { limit } : {}),
      ...(control.signal ? { signal: control.signal } : {}),
    });
    const [trainSplit, testSplit] = await Promise.all([
      load(config.dataUrl, 'mnist', 'train', options()),
      load(config.dataUrl, 'mnist', 'test', options(config.testLimit)),
    ]);
    const pixels = trainSplit.rows * trainSplit.cols;
    const all = imageSet(trainSplit.images, trainSplit.labels, trainSplit.count, pixels);
    ({ train, validation } = trainValidationSplit(all, config.trainLimit, config.validationCount));
    test = imageSet(testSplit.images, testSplit.labels, testSplit.count, testSplit.rows * testSplit.cols);
  } catch (err) {
    if (control.stopped()) {
      emit({ type: 'done', stopped: true, epochsCompleted: 0, test: null, weights: [] });
    } else {
      emit({ type: 'error', code: 'data', message: errorText(err) });
    }
    return;
  }
  if (control.stopped()) {
    emit({ type: 'done', stopped: true, epochsCompleted: 0, test: null, weights: [] });
    return;
  }

  try {
    await train_(config, kind, train, validation, test, emit, control, now, pause);
  } catch (err) {
    emit({ type: 'error', code: err instanceof RangeError ? 'config' : 'unknown', message: errorText(err) });
  }
}

async function train_(
  config: NnTrainConfig,
  kind: TargetKind,
  train: ImageSet,
  validation: ImageSet | null,
  test: ImageSet,
  emit: Emit,
  control: SessionControl,
  now: () => number,
  pause: () => Promise<void>,
): Promise<void> {
  // 2. The network, loss and optimiser.
  const network = buildNetwork(train.pixels, config.layers, {
    seed: config.seed,
    ...(config.init ? { init: config.init } : {}),
  });
  const loss = makeLoss(config.loss);
  const evalLoss = makeLoss(config.loss);
  const optimizer = makeOptimizer(config.optimizer);
  const params = network.params();
  const logits = lossTakesLogits(config.loss);
  const buffers = makeBatchBuffers(config.batchSize, train.pixels, kind);
  const width = buffers.width;
  if (network.outputSize !== width) {
    throw new RangeError(`The network has ${network.outputSize} outputs but the ${config.task} task needs ${width}.`);
  }
  const firstDense = params.find((p) => p.shape.length === 2) ?? null;
  const stopper = config.earlyStoppingPatience > 0 ? new EarlyStopping(config.earlyStoppingPatience) : null;
  const batchesPerEpoch = Math.ceil(train.count / config.batchSize);

  emit({ type: 'phase', phase: 'training', message: 'Training…' });
  let epochsCompleted = 0;
  let examplesSeen = 0;
  let stopped = false;

  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = epochOrder(train.count, config.seed, epoch);
      let epochLoss = 0;
      let epochCorrect = 0;
      let epochExamples = 0;
      let epochMillis = 0;
      // Since the last metrics message:
      let groupLoss = 0;
      let groupCorrect = 0;
      let groupExamples = 0;
      let groupStart = now();

      for (let b = 0; b < batchesPerEpoch; b++) {
        const start = b * config.batchSize;
        const rows = fillBatch(train, order, start, Math.min(train.count, start + config.batchSize), buffers, kind);
        // One step: zero, forward, loss, backward, update (Network.trainBatch, opened up to count hits).
        network.zeroGrads();
        const output = network.forward(buffers.x, rows);
        const value = loss.forward(output, buffers.y, rows, width);
        groupCorrect += countCorrect(output, buffers.y, rows, width, logits);
        network.backward(loss.backward(), rows);
        optimizer.step(params);
        groupLoss += value * rows;
        groupExamples += rows;
        examplesSeen += rows;

        const last = b === batchesPerEpoch - 1;
        if ((b + 1) % config.reportEveryBatches === 0 || last) {
          const millis = now() - groupStart;
          epochMillis += millis;
          epochLoss += groupLoss;
          epochCorrect += groupCorrect;
          epochExamples += groupExamples;
          const weights = config.sendFirstLayerWeights && firstDense ? firstDense.value.slice() : undefined;
          emit(
            {
              type: 'metrics',
              epoch,
              batch: b,
              batchesPerEpoch,
              examplesSeen,
              loss: groupLoss / groupExamples,
              accuracy: groupCorrect / groupExamples,
              examplesPerSecond: epochMillis > 0 ? (epochExamples * 1000) / epochMillis : 0,
              ...(weights ? { firstLayerWeights: weights } : {}),
            },
            weights ? [weights.buffer] : [],
          );
          groupLoss = 0;
          groupCorrect = 0;
          groupExamples = 0;
          await pause();
          if (control.stopped()) throw new StoppedError();
          groupStart = now();
        }
      }

      // End of epoch: validation and early stopping.
      let validationLoss: number | null = null;
      let validationAccuracy: number | null = null;
      if (validation) {
        const v = evaluate(network, evalLoss, validation, kind, { logits });
        validationLoss = v.loss;
        validationAccuracy = v.accuracy;
      }
      epochsCompleted = epoch + 1;
      const decision = stopper && validationLoss !== null ? stopper.update(epoch, validationLoss, () => network.getWeights()) : null;
      const summary: NnEpochSummary = {
        epoch,
        trainLoss: epochLoss / epochExamples,
        trainAccuracy: epochCorrect / epochExamples,
        validationLoss,
        validationAccuracy,
        millis: epochMillis,
      };
      emit({ type: 'epoch', summary, best: decision?.improved ?? false });
      if (decision?.stop && stopper) {
        emit({
          type: 'early-stop',
          bestEpoch: stopper.bestEpoch,
          message:
            `Validation loss has not improved for ${stopper.patience} epoch${stopper.patience === 1 ? '' : 's'}: ` +
            `stopped and kept the weights of epoch ${stopper.bestEpoch + 1}.`,
        });
        break;
      }
      await pause();
      if (control.stopped()) throw new StoppedError();
    }
  } catch (err) {
    if (!(err instanceof StoppedError)) throw err;
    stopped = true;
  }

  // 3. The best weights (early stopping), then the test set.
  if (stopper?.bestWeights) network.setWeights(stopper.bestWeights);
  emit({ type: 'phase', phase: 'evaluating', message: 'Measuring accuracy on the test images…' });
  const t = evaluate(network, evalLoss, test, kind, { logits });
  const labels = test.labels.slice();
  const result: NnTestResult = { accuracy: t.accuracy, loss: t.loss, count: t.count, labels, scores: t.scores };
  if (kind === 'digits') result.confusion = confusionMatrix(labels, t.scores, 10);
  const weights = network.getWeights();
  // Each buffer once (a list naming a buffer twice cannot be transferred).
  const transfer = new Set<ArrayBufferLike>([labels.buffer, t.scores.buffer, ...weights.map((w) => w.buffer)]);
  if (result.confusion) transfer.add(result.confusion.buffer);
  emit({ type: 'done', stopped, epochsCompleted, test: result, weights }, [...transfer] as Transferable[]);
}
