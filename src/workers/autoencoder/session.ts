/**
 * The autoencoder trainer's run: a plain, denoising or variational autoencoder (src/tf/autoencoder.ts)
 * trained on Fashion-MNIST, in the worker (./worker.ts) or on the main thread (./client.ts). It
 * speaks only ./protocol.ts through `emit`.
 *
 *  - from random seeded weights, or from the pretrained files (`request.pretrained`, checked against the spec);
 *  - the first `images` training images, shuffled every epoch from the seed, Adam, a custom step
 *    (trainStep: optimizer.minimize inside its tidy); the denoiser gets each batch corrupted
 *    afresh (./noise.ts) and the clean batch as the target;
 *  - running losses summed on the device, read back ~every 100 ms (`batch`); `samples` (the first
 *    `sampleCount` test images and their reconstructions) before training, at most 4 a second and
 *    at the end; `latent` (codes of the first `latentCount` test images) before training and after every epoch;
 *  - a stop is heard before every batch; the run then tests what it trained and ends with `done`;
 *  - everything is disposed before the last message, which says so (`done.tensorsLeft`: 0).
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit as defaultLoadSplit, type SplitLoader } from '../../lib/data/load.ts';
import { describeFailure } from '../../lib/runtime/errors.ts';
import { batchRanges, epochSeed, shuffledIndices } from '../../lib/runtime/shuffle.ts';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import {
  autoencoderSpec,
  autoencoderSpecProblems,
  DEFAULT_CORRUPTION,
  DEFAULT_HIDDEN,
  IMAGE_PIXELS,
  trainingProblems,
  type AutoencoderSpec,
} from '../../lib/unsupervised/ae-spec.ts';
import {
  autoencoderVariables,
  buildAutoencoder,
  disposeAutoencoder,
  encodeAll,
  evaluateAutoencoder,
  reconstructAll,
  shapeProblems,
  trainStep,
  type Autoencoder,
} from '../../tf/autoencoder.ts';
import { initBackend, type BackendResult } from '../../tf/backend.ts';
import { disposeOptimizer } from '../../tf/build-model.ts';
import { ContextLost, WebglWatch } from '../../tf/webgl-watch.ts';
import { corruptionFor, type CorruptBatch } from './noise.ts';
import type { AutoencoderFromWorker, AutoencoderPhase, AutoencoderRequest } from './protocol.ts';

export type Emit = (message: AutoencoderFromWorker) => void;

export interface SessionControl {
  /** True once the reader asked to stop; checked before every batch. */
  stopped(): boolean;
  /** Aborts downloads when the reader stops during loading. */
  signal?: AbortSignal;
}

export interface AutoencoderSessionDeps {
  /** Data loader; tests inject synthetic data. */
  loadSplit?: SplitLoader;
  initBackend?: (request: AutoencoderRequest['backend']) => Promise<BackendResult>;
  /** Loads a pretrained encoder or decoder (default tf.loadLayersModel). */
  loadModel?: (url: string) => Promise<tf.LayersModel>;
  /** The denoiser's corruption (default ./noise.ts for the request's CorruptionSpec). */
  corrupt?: CorruptBatch;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
  /** Longest time between two yields of the batch loop (ms). Default 10. */
  yieldIntervalMs?: number;
  /** Minimum time between two `batch` messages (ms). Default 100. */
  batchIntervalMs?: number;
  /** Test hook, called after every trained batch. */
  afterBatch?: (epoch: number, batch: number) => void;
  /** Called with the trained model after the test, before it is disposed (scripts/train-autoencoders.ts saves it). */
  onTrained?: (model: Autoencoder) => Promise<void>;
}

const SAMPLES_INTERVAL_MS = 250;
const YIELD_INTERVAL_MS = 10;
const TEST_IMAGES = 10_000;
const SAMPLES_MAX = 64;
/** Seeds of the fixed corruption of the test images (samples and test loss), apart from training's. */
export const TEST_NOISE_SEED = 2_024;

class StopRequested extends Error {}

const count = (n: number): string => n.toLocaleString('en-US');

/** The first n images' pixels 0–255 as 0..1. */
function unitPixels(images: Uint8Array, n: number): Float32Array {
  const out = new Float32Array(n * IMAGE_PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = images[i]! / 255;
  return out;
}

/** Problems with the request beyond the spec and the training settings. */
function requestProblems(request: AutoencoderRequest): string[] {
  const problems: string[] = [];
  const whole = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
  if (!whole(request.sampleCount, SAMPLES_MAX)) problems.push(`Show from 0 to ${SAMPLES_MAX} sample images.`);
  if (request.latentCount !== undefined && !whole(request.latentCount, TEST_IMAGES))
    problems.push(`Send the codes of 0 to ${count(TEST_IMAGES)} test images.`);
  if (request.testImages !== undefined && !(whole(request.testImages, TEST_IMAGES) && request.testImages > 0)) {
    problems.push(`Test on 1 to ${count(TEST_IMAGES)} images.`);
  }
  return problems;
}

export async function runAutoencoderSession(
  request: AutoencoderRequest,
  emit: Emit,
  control: SessionControl,
  deps: AutoencoderSessionDeps = {},
): Promise<void> {
  const load = deps.loadSplit ?? defaultLoadSplit;
  const setUpBackend = deps.initBackend ?? ((r: AutoencoderRequest['backend']) => initBackend(tf, r));
  const loadModel = deps.loadModel ?? ((url: string) => tf.loadLayersModel(url));
  const yieldNow = deps.yieldToEventLoop ?? yieldToEventLoop;
  const now = deps.now ?? (() => performance.now());
  const batchInterval = deps.batchIntervalMs ?? 100;
  const yieldInterval = deps.yieldIntervalMs ?? YIELD_INTERVAL_MS;
  const spec: AutoencoderSpec = autoencoderSpec(request.kind, request.latent, request.hidden ?? DEFAULT_HIDDEN);
  const denoising = spec.kind === 'dae';
  const corrupt = deps.corrupt ?? corruptionFor(request.corruption ?? DEFAULT_CORRUPTION);
  const sampleCount = request.sampleCount;
  const latentCount = request.latentCount ?? TEST_IMAGES;

  const problems = [
    ...autoencoderSpecProblems(spec),
    ...trainingProblems(request, denoising ? request.corruption : undefined),
    ...requestProblems(request),
  ];
  if (problems.length > 0) {
    emit({
      type: 'error',
      code: 'unknown',
      message: `This autoencoder cannot be trained: ${problems.join(' ')}`,
      hint: 'Fix the setting named and start again.',
    });
    return;
  }

  const tensorsBefore = tf.memory().numTensors;
  const owned: { dispose(): void }[] = [];
  let model: Autoencoder | null = null;
  let failurePhase: 'config' | 'backend' | 'data' | 'training' = 'config';
  const watch = new WebglWatch(tf);
  const readBack = <T>(read: Promise<T>): Promise<T> => watch.readBack(read);
  const setPhase = (phase: AutoencoderPhase, message: string): void => emit({ type: 'phase', phase, message });
  let ending: Extract<AutoencoderFromWorker, { type: 'done' | 'error' }> | null = null;

  try {
    // 1. Backend.
    failurePhase = 'backend';
    if (control.stopped()) throw new StopRequested();
    const choice = await setUpBackend(request.backend);
    if (control.stopped()) throw new StopRequested();
    emit({ type: 'backend', backend: choice.backend, ...(choice.fallbackReason ? { fallbackReason: choice.fallbackReason } : {}) });
    watch.start(choice.backend);

    // 2. Data.
    failurePhase = 'data';
    setPhase('loading-data', 'Loading Fashion-MNIST…');
    const testCount = Math.max(sampleCount, latentCount, request.testImages ?? TEST_IMAGES);
    const onProgress = (p: { files: Array<{ file: string; loaded: number; total: number | null }> }): void => {
      for (const f of p.files)
        if (f.total !== null && f.loaded === f.total) emit({ type: 'download', file: f.file, loaded: f.loaded, total: f.total });
    };
    const options = (limit: number) => ({ limit, onProgress, ...(control.signal ? { signal: control.signal } : {}) });
    const [train, test] = await Promise.all([
      load(request.dataUrl, 'fashion-mnist', 'train', options(request.images)),
      load(request.dataUrl, 'fashion-mnist', 'test', options(testCount)),
    ]);
    if (control.stopped()) throw new StopRequested();
    if (train.count < request.images || test.count < testCount) {
      throw new Error(`The data has ${count(train.count)} training and ${count(test.count)} test images, fewer than the run needs.`);
    }
    const testImages = request.testImages ?? TEST_IMAGES;
    const clean = unitPixels(test.images, testCount);
    // The denoiser's test inputs: corrupted once, the same way every time.
    const testInputs = denoising ? corrupt(clean.subarray(0, testCount * IMAGE_PIXELS), testCount, IMAGE_PIXELS, TEST_NOISE_SEED) : clean;

    // 3. Model: pretrained or seeded.
    failurePhase = 'training';
    if (request.pretrained) {
      setPhase('loading-model', 'Loading the pretrained weights…');
      const [encoder, decoder] = await Promise.all([loadModel(request.pretrained.encoder), loadModel(request.pretrained.decoder)]);
      model = { spec, encoder, decoder };
      const mismatch = shapeProblems(spec, encoder, decoder);
      if (mismatch.length > 0) throw new Error(`The pretrained model does not fit this run. ${mismatch.join(' ')}`);
    } else {
      model = buildAutoencoder(tf, spec, request.seed);
    }
    const net = model;
    const optimizer = tf.train.adam(request.learningRate);
    owned.push({ dispose: () => disposeOptimizer(optimizer) });
    const variables = autoencoderVariables(net);
    const between = async (): Promise<void> => {
      await yieldNow();
      watch.check();
    };

    let examplesSeen = 0;
    let lastSamplesAt = -Infinity;
    const sendSamples = async (epoch: number): Promise<void> => {
      if (sampleCount === 0) return;
      const inputs = testInputs.slice(0, sampleCount * IMAGE_PIXELS);
      const outputs = await reconstructAll(tf, net, inputs, sampleCount);
      emit({ type: 'samples', count: sampleCount, inputs, outputs, epoch, examplesSeen });
      lastSamplesAt = now();
    };
    const sendLatent = async (epochsCompleted: number): Promise<void> => {
      if (latentCount === 0) return;
      const values = await encodeAll(tf, net, clean, latentCount, between);
      emit({ type: 'latent', count: latentCount, dimensions: spec.latent, values, labels: test.labels.slice(0, latentCount), epochsCompleted });
    };
    await sendSamples(0);
    await sendLatent(0);

    // 4. Train.
    const ranges = batchRanges(train.count, request.batchSize);
    const batchesPerEpoch = ranges.length;
    const vae = spec.kind === 'vae';
    let epochsCompleted = 0;
    let batchMs = 0;
    let step = 0;
    let stopped = false;
    let lastEpoch = 0;
    let lastYieldAt = -Infinity;
    // Running sums since the last `batch` message, and the epoch's: [reconstruction, kl] on the device.
    const zero = (): tf.Tensor1D => tf.zeros([2]) as tf.Tensor1D;
    let running = zero();
    let epochSums = zero();
    owned.push({ dispose: () => tf.dispose([running, epochSums]) });
    let runningExamples = 0;
    let lastBatchAt = now();
    const add = (sums: tf.Tensor1D, step: tf.Tensor1D): tf.Tensor1D => {
      const next = tf.add<tf.Tensor1D>(sums, step);
      sums.dispose();
      return next;
    };
    const reportBatch = async (epoch: number, batch: number): Promise<void> => {
      if (runningExamples === 0) return;
      const [r, k] = await readBack(running.data());
      running.dispose();
      running = zero();
      const reconstruction = r! / runningExamples;
      const kl = k! / runningExamples;
      emit({ type: 'batch', epoch, batch, batchesPerEpoch, examplesSeen, loss: reconstruction + kl, ...(vae ? { reconstruction, kl } : {}) });
      runningExamples = 0;
      lastBatchAt = now();
    };

    const batchPixels = new Float32Array(request.batchSize * IMAGE_PIXELS);
    for (let epoch = 0; epoch < request.epochs && !stopped; epoch++) {
      setPhase('training', `Training: epoch ${epoch + 1} of ${request.epochs}`);
      lastEpoch = epoch;
      const order = shuffledIndices(train.count, epochSeed(request.seed, epoch));
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
        const n = end - start;
        for (let i = 0; i < n; i++) {
          const from = order[start + i]! * IMAGE_PIXELS;
          for (let p = 0; p < IMAGE_PIXELS; p++) batchPixels[i * IMAGE_PIXELS + p] = train.images[from + p]! / 255;
        }
        const pixels = batchPixels.subarray(0, n * IMAGE_PIXELS);
        const stepSeed = epochSeed(request.seed ^ 0x5eed, step++);
        const target = tf.tensor2d(pixels, [n, IMAGE_PIXELS]);
        const input = denoising ? tf.tensor2d(corrupt(pixels, n, IMAGE_PIXELS, stepSeed), [n, IMAGE_PIXELS]) : target;
        let sums;
        try {
          sums = trainStep(tf, net, optimizer, variables, input, target, stepSeed);
        } finally {
          tf.dispose(input === target ? [target] : [input, target]);
        }
        const both = tf.stack([sums.reconstruction, sums.kl]) as tf.Tensor1D;
        tf.dispose([sums.reconstruction, sums.kl]);
        running = add(running, both);
        epochSums = add(epochSums, both);
        both.dispose();
        runningExamples += n;
        epochExamples += n;
        examplesSeen += n;
        lastBatch = b;
        deps.afterBatch?.(epoch, b);

        if (b === batchesPerEpoch - 1 || now() - lastBatchAt >= batchInterval) await reportBatch(epoch, b);
        if (sampleCount > 0 && now() - lastSamplesAt >= SAMPLES_INTERVAL_MS) await sendSamples(epoch);
        if (now() - lastYieldAt >= yieldInterval) {
          await yieldNow();
          lastYieldAt = now();
        }
      }
      await reportBatch(epoch, lastBatch);
      const [r, k] = await readBack(epochSums.data());
      epochSums.dispose();
      epochSums = zero();
      batchMs += now() - t0;
      if (stopped || epochExamples === 0) break;
      epochsCompleted = epoch + 1;
      const reconstruction = r! / epochExamples;
      const kl = k! / epochExamples;
      emit({ type: 'epoch', epoch, loss: reconstruction + kl, reconstruction, ...(vae ? { kl } : {}), seconds: batchMs / 1000 });
      await sendLatent(epochsCompleted);
    }

    // 5. Test what was trained.
    let final: { loss: number; reconstruction: number; kl: number } | null = null;
    if (examplesSeen > 0) {
      await sendSamples(lastEpoch);
      setPhase('testing', `Testing on ${count(testImages)} images…`);
      final = await evaluateAutoencoder(tf, net, testInputs, clean, testImages, between);
      await deps.onTrained?.(net);
    }
    ending = {
      type: 'done',
      stopped,
      testLoss: final?.loss ?? null,
      testReconstruction: final?.reconstruction ?? null,
      ...(vae ? { testKl: final?.kl ?? null } : {}),
      epochsCompleted,
      examplesPerSecond: batchMs > 0 ? examplesSeen / (batchMs / 1000) : 0,
      seconds: batchMs / 1000,
      tensorsLeft: 0,
    };
  } catch (err) {
    if (err instanceof StopRequested || (control.stopped() && failurePhase !== 'training')) {
      ending = {
        type: 'done',
        stopped: true,
        testLoss: null,
        testReconstruction: null,
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
    const disposeQuietly = (thing: { dispose(): unknown } | null): void => {
      try {
        thing?.dispose();
      } catch {
        /* a lost context may refuse; the engine has still forgotten the tensors */
      }
    };
    for (const t of owned) disposeQuietly(t);
    if (model) disposeQuietly({ dispose: () => disposeAutoencoder(model!) });
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0 && !watch.lost)
      console.warn(`The autoencoder session left ${leaked} tensor(s) behind; this is a bug in src/workers/autoencoder/session.ts.`);
    if (ending) emit(ending.type === 'done' ? { ...ending, tensorsLeft: leaked } : ending);
  }
}
