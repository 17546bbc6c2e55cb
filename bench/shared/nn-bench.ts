/**
 * The `nn` benchmark (`npm run bench -- --only nn`): training examples/s of a 784-128-10 MLP
 * (ReLU, softmax cross-entropy on logits, Adam lr 0.001, batch 64) on real MNIST images (/255),
 * trained by (a) the from-scratch engine in src/lib/nn, (b) tfjs on the cpu backend and (c) tfjs
 * on the wasm backend.
 *
 * One function, `runNnBench`, measures everything given a tfjs instance, the images and a way to
 * switch the tfjs backend, so the same code runs in the browser (bench/browser/install.ts) and in
 * Node (bench/runner/nn.ts). No DOM here.
 *
 * Fairness:
 *  - every contender starts from the SAME weights (the engine's seeded He/Glorot init, copied
 *    into tfjs) and trains on the SAME batches in the same order, so their losses after the run
 *    should agree (a sanity check printed with the figures);
 *  - the data is converted to floats (/255) and one-hot targets once, before timing; tfjs gets its
 *    batch tensors created before timing too, so only training steps are timed;
 *  - each contender trains `warmupBatches` batches first (JIT, wasm start-up, kernel set-up), then
 *    the timed batches;
 *  - tfjs trains with its fastest general path: variables, `tf.fused.matMul` (what tf.layers.dense
 *    uses) and `optimizer.minimize` (it runs inside tf.tidy); `model.fit` on the same model is
 *    timed as well, for reference.
 */
import type * as TF from '@tensorflow/tfjs';
import { ReLU } from '../../src/lib/nn/activations.ts';
import { Dense } from '../../src/lib/nn/dense.ts';
import { SoftmaxCrossEntropy } from '../../src/lib/nn/losses.ts';
import { Network } from '../../src/lib/nn/network.ts';
import { Adam } from '../../src/lib/nn/optimizers.ts';
import { errorText } from '../../src/lib/format/error-text.ts';

type Tf = typeof TF;

/** The tfjs backends compared with the engine. */
export type NnBenchBackend = 'cpu' | 'wasm';

export interface NnBenchData {
  /** count × pixels, 0–255, row-major. */
  images: Uint8Array;
  /** count labels 0–9. */
  labels: Uint8Array;
  count: number;
  /** Pixels per image (784). */
  pixels: number;
}

export interface NnBenchOptions {
  /** Timed training examples per contender, rounded down to whole batches (default 6400). */
  examples?: number;
  batchSize?: number;
  hidden?: number;
  learningRate?: number;
  /** Untimed batches trained first by each contender (default 10). */
  warmupBatches?: number;
  /** Also time tfjs `model.fit` (default true). */
  fit?: boolean;
  /** Which tfjs backends to compare (default cpu and wasm). */
  backends?: NnBenchBackend[];
  /** Seed of the initial weights (default 1). */
  seed?: number;
}

export interface NnTiming {
  examplesPerSecond: number;
  /** Wall time of the timed batches. */
  ms: number;
  /** Mean loss of the last timed batch (undefined for model.fit, which reports epoch means). */
  finalLoss?: number;
}

export interface NnBackendResult {
  backend: NnBenchBackend;
  /** The custom training loop (optimizer.minimize). */
  loop?: NnTiming;
  /** model.fit on the same model and batches. */
  fit?: NnTiming;
  /** Set when the backend could not run; the timings are then missing. */
  error?: string;
  /** tf.memory().numTensors after the runs minus before (0: nothing leaked). */
  tensorsLeft?: number;
}

export interface NnBenchResult {
  /** Timed examples per contender (whole batches). */
  examples: number;
  batchSize: number;
  hidden: number;
  classes: number;
  learningRate: number;
  warmupBatches: number;
  engine: NnTiming;
  tf: NnBackendResult[];
}

/** Switches tfjs to `name`: resolves to null once it is active, else to the reason it could not. */
export type UseBackend = (name: NnBenchBackend) => Promise<string | null>;

export const NN_BENCH_DEFAULTS = {
  examples: 6400,
  batchSize: 64,
  hidden: 128,
  learningRate: 0.001,
  warmupBatches: 10,
  seed: 1,
} as const;

const CLASSES = 10;

/** How many training images `runNnBench` reads for these options (warm-up reuses the first batches). */
export function nnBenchImagesNeeded(options: NnBenchOptions = {}): number {
  const batch = options.batchSize ?? NN_BENCH_DEFAULTS.batchSize;
  const timed = Math.max(1, Math.floor((options.examples ?? NN_BENCH_DEFAULTS.examples) / batch));
  const warm = options.warmupBatches ?? NN_BENCH_DEFAULTS.warmupBatches;
  return Math.max(timed, warm) * batch;
}

/** Float inputs (/255) and one-hot targets for the first `count` images, as per-batch views. */
function prepareBatches(
  data: NnBenchData,
  count: number,
  batch: number,
): { x: Float32Array; y: Float32Array; xs: Float32Array[]; ys: Float32Array[] } {
  const { pixels } = data;
  const x = new Float32Array(count * pixels);
  const y = new Float32Array(count * CLASSES);
  for (let i = 0; i < count * pixels; i++) x[i] = data.images[i]! / 255;
  for (let i = 0; i < count; i++) {
    const label = data.labels[i]!;
    if (label >= CLASSES) throw new Error(`nn bench: label ${label} at index ${i} is not a digit 0–9; is this MNIST?`);
    y[i * CLASSES + label] = 1;
  }
  const xs: Float32Array[] = [];
  const ys: Float32Array[] = [];
  for (let b = 0; b < count / batch; b++) {
    xs.push(x.subarray(b * batch * pixels, (b + 1) * batch * pixels));
    ys.push(y.subarray(b * batch * CLASSES, (b + 1) * batch * CLASSES));
  }
  return { x, y, xs, ys };
}

function buildEngineNetwork(pixels: number, hidden: number, seed: number): Network {
  return new Network([
    new Dense(pixels, hidden, { init: 'he', seed, name: 'dense1' }),
    new ReLU(),
    new Dense(hidden, CLASSES, { init: 'glorot', seed: seed + 1, name: 'dense2' }),
  ]);
}

/** Trains `warm` untimed batches, then `timed` timed ones; `step(i)` trains batch i and returns its loss. */
async function timeSteps(
  batch: number,
  warm: number,
  timed: number,
  step: (i: number, last: boolean) => number | undefined,
  settle: () => Promise<void> = async () => {},
): Promise<NnTiming> {
  for (let i = 0; i < warm; i++) step(i, false);
  await settle();
  const t0 = performance.now();
  let finalLoss: number | undefined;
  for (let i = 0; i < timed; i++) finalLoss = step(i, i === timed - 1);
  await settle();
  const ms = performance.now() - t0;
  return { examplesPerSecond: (timed * batch) / (ms / 1000), ms, ...(finalLoss !== undefined ? { finalLoss } : {}) };
}

/** tfjs: the custom loop (variables + fused matMul + optimizer.minimize), then optionally model.fit. */
async function runTf(
  tf: Tf,
  init: Float32Array[],
  prepared: ReturnType<typeof prepareBatches>,
  o: { pixels: number; hidden: number; batch: number; warm: number; timed: number; learningRate: number; fit: boolean },
): Promise<{ loop: NnTiming; fit?: NnTiming }> {
  const shapes: Array<[number, number] | [number]> = [[o.pixels, o.hidden], [o.hidden], [o.hidden, CLASSES], [CLASSES]];
  const batches = Math.max(o.warm, o.timed);
  const xs = prepared.xs.slice(0, batches).map((v) => tf.tensor2d(v, [o.batch, o.pixels]));
  const ys = prepared.ys.slice(0, batches).map((v) => tf.tensor2d(v, [o.batch, CLASSES]));
  try {
    // --- custom loop ---
    const vars = init.map((w, i) => tf.tidy(() => tf.variable(tf.tensor(w.slice(), shapes[i]!))));
    const [w1, b1, w2, b2] = vars as [TF.Variable, TF.Variable, TF.Variable, TF.Variable];
    const optimizer = tf.train.adam(o.learningRate);
    let loop: NnTiming;
    try {
      const lossOf = (i: number) => (): TF.Scalar => {
        const h = tf.fused.matMul({ a: xs[i]!, b: w1, bias: b1, activation: 'relu' });
        const logits = tf.fused.matMul({ a: h, b: w2, bias: b2 });
        return tf.losses.softmaxCrossEntropy(ys[i]!, logits) as TF.Scalar;
      };
      loop = await timeSteps(
        o.batch,
        o.warm,
        o.timed,
        (i, last) => {
          if (!last) {
            optimizer.minimize(lossOf(i), false, vars);
            return undefined;
          }
          const cost = optimizer.minimize(lossOf(i), true, vars);
          const value = cost ? cost.dataSync()[0] : undefined;
          cost?.dispose();
          return value;
        },
        async () => {
          await w2.data(); // every queued op has run
        },
      );
    } finally {
      optimizer.dispose();
      for (const v of vars) v.dispose();
    }
    if (!o.fit) return { loop };

    // --- model.fit on the same model, weights and batches ---
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [o.pixels], units: o.hidden, activation: 'relu' }), tf.layers.dense({ units: CLASSES })],
    });
    const xAll = tf.concat(xs.slice(0, o.timed));
    const yAll = tf.concat(ys.slice(0, o.timed));
    const xWarm = tf.concat(xs.slice(0, o.warm));
    const yWarm = tf.concat(ys.slice(0, o.warm));
    try {
      tf.tidy(() => model.setWeights(init.map((w, i) => tf.tensor(w.slice(), shapes[i]!))));
      model.compile({
        optimizer: tf.train.adam(o.learningRate),
        loss: (yTrue: TF.Tensor, yPred: TF.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
      });
      const fitOptions = { batchSize: o.batch, epochs: 1, shuffle: false, verbose: 0 as const };
      await model.fit(xWarm, yWarm, fitOptions);
      const t0 = performance.now();
      await model.fit(xAll, yAll, fitOptions);
      const ms = performance.now() - t0;
      return { loop, fit: { examplesPerSecond: (o.timed * o.batch) / (ms / 1000), ms } };
    } finally {
      model.optimizer?.dispose();
      model.dispose();
      for (const t of [xAll, yAll, xWarm, yWarm]) t.dispose();
    }
  } finally {
    for (const t of [...xs, ...ys]) t.dispose();
  }
}

/**
 * Measures the engine, then tfjs on each backend in turn (switched with `useBackend`), on the
 * first images of `data`. Leaves tfjs on whatever backend it used last.
 */
export async function runNnBench(tf: Tf, data: NnBenchData, useBackend: UseBackend, options: NnBenchOptions = {}): Promise<NnBenchResult> {
  const batch = options.batchSize ?? NN_BENCH_DEFAULTS.batchSize;
  const hidden = options.hidden ?? NN_BENCH_DEFAULTS.hidden;
  const learningRate = options.learningRate ?? NN_BENCH_DEFAULTS.learningRate;
  const warm = options.warmupBatches ?? NN_BENCH_DEFAULTS.warmupBatches;
  const seed = options.seed ?? NN_BENCH_DEFAULTS.seed;
  const timed = Math.max(1, Math.floor((options.examples ?? NN_BENCH_DEFAULTS.examples) / batch));
  const needed = nnBenchImagesNeeded(options);
  if (data.count < needed) {
    throw new Error(`nn bench: needs ${needed} training images for these options but got ${data.count}; lower --examples.`);
  }
  const prepared = prepareBatches(data, needed, batch);

  // (a) the engine
  const net = buildEngineNetwork(data.pixels, hidden, seed);
  const init = net.getWeights();
  const loss = new SoftmaxCrossEntropy();
  const adam = new Adam(learningRate);
  const engine = await timeSteps(batch, warm, timed, (i) => net.trainBatch(prepared.xs[i]!, prepared.ys[i]!, batch, loss, adam));

  // (b), (c) tfjs per backend
  const results: NnBackendResult[] = [];
  for (const backend of options.backends ?? (['cpu', 'wasm'] as const)) {
    const why = await useBackend(backend);
    if (why !== null) {
      results.push({ backend, error: why });
      continue;
    }
    const before = tf.memory().numTensors;
    try {
      const r = await runTf(tf, init, prepared, { pixels: data.pixels, hidden, batch, warm, timed, learningRate, fit: options.fit ?? true });
      results.push({ backend, ...r, tensorsLeft: tf.memory().numTensors - before });
    } catch (err) {
      results.push({ backend, error: errorText(err), tensorsLeft: tf.memory().numTensors - before });
    }
  }
  return { examples: timed * batch, batchSize: batch, hidden, classes: CLASSES, learningRate, warmupBatches: warm, engine, tf: results };
}
