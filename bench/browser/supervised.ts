/**
 * Browser side of the `supervised` benchmark (bench/runner/supervised.ts): the model builder's
 * default model (784-128-10, ReLU, Adam 0.001, batch 64) trained by the builder worker (tfjs
 * layers API, the active backend) and by the from-scratch worker (src/lib/nn, src/workers/nn) on
 * the same data in the same page, one after the other. Both hold out the last 10,000 training
 * images for validation; the builder also tests after every epoch. Each run stops once its
 * held-out accuracy reaches the target, or after `maxEpochs`.
 */
import { DEFAULT_SPEC } from '../../src/lib/supervised/model-spec.ts';
import { startBuilderRun } from '../../src/workers/builder/client.ts';
import type { BuilderFromWorker } from '../../src/workers/builder/protocol.ts';
import { startNnTraining } from '../../src/workers/nn/client.ts';
import type { NnFromWorker } from '../../src/workers/nn/protocol.ts';
import { dataUrl } from './training.ts';

export interface SupervisedBenchOptions {
  trainLimit?: number;
  maxEpochs?: number;
  target?: number;
}

export interface EpochPoint {
  epoch: number;
  /** Time in the batch loop so far, s (both: training steps only, no validation or testing). */
  seconds: number;
  valAccuracy: number | null;
  testAccuracy?: number;
}

export interface SupervisedRun {
  backend: string;
  epochs: EpochPoint[];
  examplesPerSecond: number;
  testAccuracy: number | null;
  tensorsLeft?: number;
  error?: string;
}

export interface SupervisedBenchResult {
  trainLimit: number;
  validationCount: number;
  target: number;
  builder: SupervisedRun;
  engine: SupervisedRun;
}

const VALIDATION = 10_000;

function builderRun(trainLimit: number, maxEpochs: number, target: number): Promise<SupervisedRun> {
  return new Promise((resolve) => {
    const run: SupervisedRun = { backend: '?', epochs: [], examplesPerSecond: 0, testAccuracy: null };
    const handle = startBuilderRun(
      {
        spec: { ...DEFAULT_SPEC, epochs: maxEpochs },
        data: { trainLimit, validationCount: VALIDATION, testLimit: 10_000 },
        seed: 1,
        backend: 'auto',
        dataUrl: dataUrl(),
        save: false,
        testEveryEpoch: true,
      },
      (m: BuilderFromWorker) => {
        if (m.type === 'backend') run.backend = `${m.backend} (${handle.mode})`;
        if (m.type === 'epoch') {
          run.epochs.push({
            epoch: m.epoch + 1,
            seconds: m.seconds,
            valAccuracy: m.valAccuracy,
            ...(m.testAccuracy !== undefined ? { testAccuracy: m.testAccuracy } : {}),
          });
          if ((m.testAccuracy ?? 0) >= target && (m.valAccuracy ?? 0) >= target) handle.stop();
        }
        if (m.type === 'done') resolve({ ...run, examplesPerSecond: m.examplesPerSecond, testAccuracy: m.testAccuracy, tensorsLeft: m.tensorsLeft });
        if (m.type === 'error') resolve({ ...run, error: m.message });
      },
    );
  });
}

function engineRun(trainLimit: number, maxEpochs: number, target: number): Promise<SupervisedRun> {
  return new Promise((resolve) => {
    const run: SupervisedRun = { backend: 'from-scratch engine (worker)', epochs: [], examplesPerSecond: 0, testAccuracy: null };
    let seconds = 0;
    let examples = 0;
    const handle = startNnTraining(
      {
        task: 'digits',
        dataUrl: dataUrl(),
        trainLimit,
        validationCount: VALIDATION,
        testLimit: 10_000,
        layers: [{ kind: 'dense', units: 128 }, { kind: 'relu' }, { kind: 'dense', units: 10 }],
        loss: 'softmax-cross-entropy',
        optimizer: { kind: 'adam', learningRate: DEFAULT_SPEC.learningRate },
        batchSize: DEFAULT_SPEC.batchSize,
        epochs: maxEpochs,
        earlyStoppingPatience: 0,
        seed: 1,
        reportEveryBatches: 100,
        sendFirstLayerWeights: false,
      },
      (m: NnFromWorker) => {
        if (m.type === 'epoch') {
          seconds += m.summary.millis / 1000;
          examples += trainLimit;
          run.epochs.push({ epoch: m.summary.epoch + 1, seconds, valAccuracy: m.summary.validationAccuracy });
          if ((m.summary.validationAccuracy ?? 0) >= target) handle.stop();
        }
        if (m.type === 'done') resolve({ ...run, examplesPerSecond: seconds > 0 ? examples / seconds : 0, testAccuracy: m.test?.accuracy ?? null });
        if (m.type === 'error') resolve({ ...run, error: m.message });
      },
    );
  });
}

export async function supervisedBench(options: SupervisedBenchOptions = {}): Promise<SupervisedBenchResult> {
  const trainLimit = options.trainLimit ?? 50_000;
  const maxEpochs = options.maxEpochs ?? 5;
  const target = options.target ?? 0.97;
  const builder = await builderRun(trainLimit, maxEpochs, target);
  const engine = await engineRun(trainLimit, maxEpochs, target);
  return { trainLimit, validationCount: VALIDATION, target, builder, engine };
}
