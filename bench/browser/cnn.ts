/**
 * Browser side of the `cnn` benchmark (bench/runner/cnn.ts), installed as `window.tinkerCnnBench`
 * by the hidden page bench/pages/cnn.astro. The default CNN of the course (conv 8 3×3 same relu →
 * max-pool 2 → conv 16 3×3 same relu → max-pool 2 → flatten → dense 10 softmax; Adam 0.001,
 * batch 64), built with plain tf.layers calls as reader code would, trained on Fashion-MNIST on
 * this page's main thread with model.trainOnBatch:
 *  1. examples/s on wasm (with src/tf/wasm-kernels.ts, set up by src/tf/backend.ts), cpu and webgl;
 *  2. time to the target test accuracy on the fastest of wasm and cpu, testing on all 10,000
 *     test images (batches of 1,000) every `evalEvery` batches;
 *  3. one layer forward and backward, three ways (./cnn-layer.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import { loadSplit, type LoadedSplit } from '../../src/lib/data/load.ts';
import type { BackendName } from '../../src/lib/runtime/backends.ts';
import { detectCapabilities } from '../../src/tf/capabilities.ts';
import type { LayerBenchResult } from './cnn-layer.ts';
import { dataUrl } from './training.ts';

export interface CnnBenchOptions {
  /** Seconds of timed training per backend for the examples/s figures. */
  throughputSeconds?: number;
  target?: number;
  evalEvery?: number;
  /** Give up on the target after this many seconds of training. */
  maxSeconds?: number;
  /** Skip parts (for quick runs). */
  skipTarget?: boolean;
  skipLayer?: boolean;
}

export interface ThroughputResult {
  backend: BackendName;
  examplesPerSecond: number;
  batches: number;
  error?: string;
}

export interface TargetPoint {
  batch: number;
  trainSeconds: number;
  accuracy: number;
}

export interface CnnBenchResult {
  webglSoftware: boolean;
  throughput: ThroughputResult[];
  target: number;
  bestCpuPath: BackendName | null;
  history: TargetPoint[];
  reached: TargetPoint | null;
  wallSeconds: number;
  layer: LayerBenchResult | null;
}

const BATCH = 64;

/** The default CNN with plain tf.layers calls. */
function defaultCnn(tf: typeof TF): TF.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Images [start, start + count) of a split as tensors: pixels / 255 in NHWC, one-hot labels. */
function batchOf(tf: typeof TF, split: LoadedSplit, start: number, count: number): { xs: TF.Tensor4D; ys: TF.Tensor2D } {
  const pixels = 28 * 28;
  const xs = new Float32Array(count * pixels);
  const ys = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) {
    const n = (start + i) % split.count;
    const src = n * pixels;
    for (let p = 0; p < pixels; p++) xs[i * pixels + p] = split.images[src + p]! / 255;
    ys[i * 10 + split.labels[n]!] = 1;
  }
  return { xs: tf.tensor4d(xs, [count, 28, 28, 1]), ys: tf.tensor2d(ys, [count, 10]) };
}

async function trainBatch(tf: typeof TF, model: TF.Sequential, split: LoadedSplit, index: number): Promise<void> {
  const { xs, ys } = batchOf(tf, split, index * BATCH, BATCH);
  try {
    await model.trainOnBatch(xs, ys);
  } finally {
    tf.dispose([xs, ys]);
  }
}

async function throughput(tf: typeof TF, backend: BackendName, train: LoadedSplit, seconds: number): Promise<ThroughputResult> {
  const { tryBackend } = await import('../../src/tf/backend.ts');
  const attempt = await tryBackend(tf, backend, true);
  if (!attempt.ok) return { backend, examplesPerSecond: 0, batches: 0, error: attempt.reason ?? 'it could not start' };
  const model = defaultCnn(tf);
  try {
    // Warm-up: the first batches compile shaders, grow the heap, etc.
    for (let i = 0; i < 2; i++) await trainBatch(tf, model, train, i);
    const t0 = performance.now();
    let batches = 0;
    while (batches < 3 || performance.now() - t0 < seconds * 1000) await trainBatch(tf, model, train, 2 + batches++);
    return { backend, examplesPerSecond: (batches * BATCH) / ((performance.now() - t0) / 1000), batches };
  } finally {
    model.dispose();
  }
}

/** Test accuracy on all test images, in batches of 1,000. */
async function testAccuracy(tf: typeof TF, model: TF.Sequential, test: LoadedSplit): Promise<number> {
  let correct = 0;
  for (let start = 0; start < test.count; start += 1000) {
    const count = Math.min(1000, test.count - start);
    const { xs, ys } = batchOf(tf, test, start, count);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(xs) as TF.Tensor, 1), tf.argMax(ys, 1)), 'int32')));
    correct += (await hits.data())[0]!;
    tf.dispose([xs, ys, hits]);
  }
  return correct / test.count;
}

export async function cnnBench(options: CnnBenchOptions = {}): Promise<CnnBenchResult> {
  const tf = await import('@tensorflow/tfjs');
  const target = options.target ?? 0.85;
  const evalEvery = options.evalEvery ?? 100;
  const [train, test] = await Promise.all([loadSplit(dataUrl(), 'fashion-mnist', 'train'), loadSplit(dataUrl(), 'fashion-mnist', 'test')]);

  const results: ThroughputResult[] = [];
  for (const backend of ['wasm', 'cpu', 'webgl'] as const) results.push(await throughput(tf, backend, train, options.throughputSeconds ?? 10));

  const cpuPaths = results.filter((r) => (r.backend === 'wasm' || r.backend === 'cpu') && !r.error);
  const best = cpuPaths.sort((a, b) => b.examplesPerSecond - a.examplesPerSecond)[0]?.backend ?? null;
  const history: TargetPoint[] = [];
  let reached: TargetPoint | null = null;
  const wall0 = performance.now();
  if (best && !options.skipTarget) {
    const { tryBackend } = await import('../../src/tf/backend.ts');
    await tryBackend(tf, best, true);
    const model = defaultCnn(tf);
    let trainMs = 0;
    for (let batch = 0; trainMs < (options.maxSeconds ?? 300) * 1000;) {
      const t0 = performance.now();
      for (let i = 0; i < evalEvery; i++) await trainBatch(tf, model, train, batch++);
      trainMs += performance.now() - t0;
      const point = { batch, trainSeconds: trainMs / 1000, accuracy: await testAccuracy(tf, model, test) };
      history.push(point);
      if (point.accuracy >= target) {
        reached = point;
        break;
      }
    }
    model.dispose();
  }
  const wallSeconds = (performance.now() - wall0) / 1000;

  let layer: LayerBenchResult | null = null;
  if (!options.skipLayer) {
    const { tryBackend } = await import('../../src/tf/backend.ts');
    await tryBackend(tf, 'wasm', true);
    layer = await (await import('./cnn-layer.ts')).layerBench(tf);
  }
  return {
    webglSoftware: detectCapabilities().webglSoftware ?? false,
    throughput: results,
    target,
    bestCpuPath: best,
    history,
    reached,
    wallSeconds,
    layer,
  };
}
