/**
 * Adversarial examples with tfjs, for a classifier whose last layer is a Dense with softmax (the
 * Fashion-MNIST CNN): the input gradient, a GradientOracle for the attacks of
 * src/lib/adversarial/attacks.ts, robustness curves over many images in batches, and adversarial
 * fine-tuning. The attacks' arithmetic (sign, step, projection, clip) is lib's, the same the page's
 * engine uses; tfjs only gives the gradients and predictions.
 *
 * The loss is computed from the logits (the last Dense layer without its softmax) as
 * logsumexp(z) − z_y, never as −log p_y: a confident model's p_y rounds to 1 in float32 and the
 * gradient of −log p_y would vanish exactly where an attack needs it.
 *
 * Adversarial fine-tuning, each batch: craft adversarial examples of the batch from the CURRENT
 * weights — 'fgsm-rs', FGSM from a random start (Wong, Rice & Kolter 2020, "Fast is better than
 * free": start uniform in the ε-ball, one step of 1.25ε, project back into the ball, clip); or
 * 'pgd' (Madry et al. 2018: k steps of 2.5ε/k from a random start) — then one Adam step on the clean
 * batch AND its adversarial copy together, i.e. the loss ½·CE(clean) + ½·CE(adversarial). Half and
 * half (Goodfellow et al. 2015's α = ½) because the model must stay a good classifier of ordinary
 * images: training on adversarial examples alone costs more clean accuracy, and the lesson compares
 * the robust model's clean accuracy with the standard one's.
 *
 * Every tensor made here is disposed (fine-tuning leaves the tensor count where it found it).
 */
import type * as TF from '@tensorflow/tfjs';
import { fgsm, pgd, pgdStep, randomStart, type GradientOracle } from '../lib/adversarial/attacks.ts';
import { attackSummary } from '../lib/adversarial/robustness.ts';
import { batchRanges, epochSeed, shuffledIndices } from '../lib/runtime/shuffle.ts';

type Tf = typeof TF;

export type AttackName = 'fgsm' | 'pgd';
export type TrainMethod = 'fgsm-rs' | 'pgd';

/** Pixels per image and the NHWC shape of one image. */
const IMAGE_SHAPE = [28, 28, 1] as const;
const PIXELS = 784;
/** PGD's default iterations for curves, and its step size α = PGD_STEP_FACTOR·ε/steps (Madry et al.). */
export const DEFAULT_PGD_STEPS = 10;
const PGD_STEP_FACTOR = 2.5;
/** FGSM with a random start steps 1.25ε (Wong et al. 2020). */
const FGSM_RS_STEP = 1.25;

/** α for k PGD steps at ε. */
export const pgdStepSize = (epsilon: number, steps: number): number => (PGD_STEP_FACTOR * epsilon) / steps;

/** The logits of `model` for x (NHWC): every layer but the last, then the last Dense's z = hW + b without its softmax. */
export function modelLogits(tf: Tf, model: TF.LayersModel, x: TF.Tensor): TF.Tensor2D {
  return tf.tidy(() => {
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    const last = layers[layers.length - 1];
    const activation = last?.getConfig()['activation'];
    if (!last || last.getClassName() !== 'Dense' || (activation !== 'softmax' && activation !== 'linear')) {
      throw new Error('The model must end in a Dense layer with a softmax (or linear) activation to give logits.');
    }
    let h = x;
    for (const layer of layers.slice(0, -1)) h = layer.apply(h) as TF.Tensor;
    const [kernel, bias] = last.getWeights();
    const z = tf.matMul(h as TF.Tensor2D, kernel as TF.Tensor2D);
    return (bias ? tf.add(z, bias) : z) as TF.Tensor2D;
  });
}

/** Cross-entropy of class labels[i] for logits row i, per image (n): logsumexp(z) − z_y. */
function crossEntropies(tf: Tf, logits: TF.Tensor2D, labels: TF.Tensor1D): TF.Tensor1D {
  const classes = logits.shape[1];
  const picked = tf.sum(tf.mul(logits, tf.oneHot(labels, classes)), 1);
  return tf.sub(tf.logSumExp(logits, 1), picked);
}

/** d(Σᵢ cross-entropy of class labels[i] for image i)/dx: summed over the batch, not averaged; x's shape. */
export function inputGradient(tf: Tf, model: TF.LayersModel, x: TF.Tensor, labels: TF.Tensor1D): TF.Tensor {
  return tf.tidy(() => tf.grad((xi: TF.Tensor) => tf.sum(crossEntropies(tf, modelLogits(tf, model, xi), labels)))(x));
}

/**
 * A GradientOracle for lib's attacks: the input gradient of the loss of class classes[i] for image
 * i (the true classes: untargeted; a target class: targeted). `classes` must have one entry per image.
 */
export function gradientOracle(tf: Tf, model: TF.LayersModel, classes: ArrayLike<number>): GradientOracle {
  return async (x, n) => {
    if (n !== classes.length || x.length !== n * PIXELS) {
      throw new RangeError(`gradientOracle: expected ${classes.length} images of ${PIXELS} pixels, got ${n} (${x.length} values).`);
    }
    const g = tf.tidy(() => inputGradient(tf, model, tf.tensor4d(x, [n, ...IMAGE_SHAPE]), tf.tensor1d(Array.from(classes), 'int32')));
    const values = (await g.data()) as Float32Array;
    g.dispose();
    return values;
  };
}

/** The predicted class of each of n images. */
export async function predictClasses(tf: Tf, model: TF.LayersModel, x: Float32Array, n: number): Promise<Int32Array> {
  const classes = tf.tidy(() => tf.argMax(modelLogits(tf, model, tf.tensor4d(x, [n, ...IMAGE_SHAPE])), 1));
  const values = (await classes.data()) as Int32Array;
  classes.dispose();
  return Int32Array.from(values);
}

export interface CurvePoint {
  epsilon: number;
  successRate: number;
  robustAccuracy: number;
  confusion: number[][];
}

export interface CurveResult {
  points: CurvePoint[];
  cleanAccuracy: number;
  /** Attack and prediction time ÷ (images × ε values), seconds. */
  secondsPerImage: number;
}

export interface CurveOptions {
  attack: AttackName;
  epsilons: readonly number[];
  steps?: number;
  /** Images per batch (default 100). */
  batchSize?: number;
  /** After each batch at each ε: image×ε pairs done of images × epsilons. */
  onProgress?(done: number, total: number): void;
  /** Checked between batches: true ends the curve early (null is returned). */
  stopped?(): boolean;
  /** Awaited between batches (the session yields to hear a stop). */
  between?(): Promise<void>;
  now?(): number;
}

/**
 * Attack success rate and robust accuracy of `model` at every ε over the n images (attackSummary of
 * src/lib/adversarial/robustness.ts). FGSM's gradient is taken once per batch and reused for every ε.
 */
export async function robustnessCurve(
  tf: Tf,
  model: TF.LayersModel,
  images: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  options: CurveOptions,
): Promise<CurveResult | null> {
  const now = options.now ?? (() => performance.now());
  const batchSize = options.batchSize ?? 100;
  const { epsilons } = options;
  const clean = new Int32Array(n);
  const adversarial = epsilons.map(() => new Int32Array(n));
  const total = n * epsilons.length;
  let done = 0;
  let seconds = 0;
  for (const [start, end] of batchRanges(n, batchSize)) {
    let t0 = now();
    const count = end - start;
    const x = images.subarray(start * PIXELS, end * PIXELS);
    const y = Array.from(labels).slice(start, end);
    clean.set(await predictClasses(tf, model, x, count), start);
    const oracle = gradientOracle(tf, model, y);
    const gradient = options.attack === 'fgsm' ? await oracle(x, count) : null;
    for (const [e, epsilon] of epsilons.entries()) {
      let xAdv: Float32Array;
      if (epsilon === 0) xAdv = x;
      else if (gradient) xAdv = fgsm(x, gradient, epsilon);
      else {
        const steps = options.steps ?? DEFAULT_PGD_STEPS;
        xAdv = await pgd(x, count, oracle, { epsilon, stepSize: pgdStepSize(epsilon, steps), steps });
      }
      adversarial[e]!.set(await predictClasses(tf, model, xAdv, count), start);
      done += count;
      seconds += (now() - t0) / 1000;
      options.onProgress?.(done, total);
      await options.between?.();
      if (options.stopped?.()) return null;
      t0 = now();
    }
  }
  const truth = Array.from(labels).slice(0, n);
  const points = epsilons.map((epsilon, e) => {
    const s = attackSummary(truth, clean, adversarial[e]!);
    return { epsilon, successRate: s.successRate, robustAccuracy: s.robustAccuracy, confusion: s.confusion };
  });
  let correct = 0;
  for (let i = 0; i < n; i++) if (clean[i] === truth[i]) correct++;
  return { points, cleanAccuracy: n > 0 ? correct / n : 0, secondsPerImage: total > 0 ? seconds / total : 0 };
}

export interface FineTuneOptions {
  method: TrainMethod;
  epsilon: number;
  /** 'pgd': iterations per batch (default DEFAULT_TRAIN_PGD_STEPS). */
  steps?: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Shuffling and random starts. */
  seed: number;
  /** After each batch: its mean loss, accuracy and the adversarial half's accuracy (before the step). */
  onBatch?(report: BatchReport): void;
  /** After each epoch: the means over its images. */
  onEpoch?(report: EpochReport): void;
  /** Checked before every batch: true ends training after the batch that is going on. */
  stopped?(): boolean;
  /** Awaited between batches (the session yields to hear a stop). */
  between?(): Promise<void>;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  /** Clean images whose batch has been trained (each trained twice: clean and adversarial). */
  examplesSeen: number;
  loss: number;
  accuracy: number;
  adversarialAccuracy: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  accuracy: number;
  adversarialAccuracy: number;
}

export interface FineTuneResult {
  epochsCompleted: number;
  /** Batches trained in all. */
  batches: number;
  stopped: boolean;
}

/** PGD adversarial training's default iterations per batch. */
export const DEFAULT_TRAIN_PGD_STEPS = 7;

/** Adversarial examples of one training batch from the current weights (see the file's comment). */
async function craft(oracle: GradientOracle, x0: Float32Array, n: number, options: FineTuneOptions, seed: number): Promise<Float32Array> {
  const { epsilon } = options;
  const start = randomStart(x0, epsilon, seed);
  if (options.method === 'fgsm-rs') return pgdStep(x0, start, await oracle(start, n), { epsilon, stepSize: FGSM_RS_STEP * epsilon }).next;
  const steps = options.steps ?? DEFAULT_TRAIN_PGD_STEPS;
  return pgd(x0, n, oracle, { epsilon, stepSize: pgdStepSize(epsilon, steps), steps, randomStart: true, seed });
}

/**
 * Adversarial fine-tuning of `model` in place on n images (row-major, 0..1) with classes `labels`:
 * Adam, each epoch in a seeded order; per batch, adversarial examples from the current weights,
 * then one step on ½·CE(clean) + ½·CE(adversarial).
 */
export async function adversarialFineTune(
  tf: Tf,
  model: TF.LayersModel,
  images: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  options: FineTuneOptions,
): Promise<FineTuneResult> {
  const optimizer = tf.train.adam(options.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as TF.Variable);
  const ranges = batchRanges(n, options.batchSize);
  let batches = 0;
  let epochsCompleted = 0;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = shuffledIndices(n, epochSeed(options.seed, epoch));
      const sums = { loss: 0, correct: 0, adversarialCorrect: 0, images: 0 };
      for (const [b, [start, end]] of ranges.entries()) {
        if (options.stopped?.()) return { epochsCompleted, batches, stopped: true };
        const count = end - start;
        const x0 = new Float32Array(count * PIXELS);
        const y = new Int32Array(count);
        for (let i = 0; i < count; i++) {
          const k = order[start + i]!;
          x0.set(images.subarray(k * PIXELS, (k + 1) * PIXELS), i * PIXELS);
          y[i] = labels[k]!;
        }
        const xAdv = await craft(gradientOracle(tf, model, y), x0, count, options, epochSeed(options.seed, epoch) + b + 1);
        const step = trainStep(tf, model, optimizer, variables, x0, xAdv, y);
        const [loss, correct, adversarialCorrect] = Array.from(await step.data());
        step.dispose();
        sums.loss += loss! * count;
        sums.correct += correct!;
        sums.adversarialCorrect += adversarialCorrect!;
        sums.images += count;
        batches++;
        options.onBatch?.({
          epoch,
          batch: b,
          batchesPerEpoch: ranges.length,
          examplesSeen: epoch * n + end,
          loss: loss!,
          accuracy: correct! / (2 * count),
          adversarialAccuracy: adversarialCorrect! / count,
        });
        await options.between?.();
      }
      epochsCompleted++;
      options.onEpoch?.({
        epoch,
        loss: sums.loss / sums.images,
        accuracy: sums.correct / (2 * sums.images),
        adversarialAccuracy: sums.adversarialCorrect / sums.images,
      });
    }
    return { epochsCompleted, batches, stopped: false };
  } finally {
    optimizer.dispose();
  }
}

/** One Adam step on the clean batch and its adversarial copy; returns [mean loss, correct (of 2n), adversarial correct (of n)]. */
function trainStep(
  tf: Tf,
  model: TF.LayersModel,
  optimizer: TF.Optimizer,
  variables: TF.Variable[],
  x0: Float32Array,
  xAdv: Float32Array,
  y: Int32Array,
): TF.Tensor1D {
  const n = y.length;
  return tf.tidy(() => {
    const x = tf.concat([tf.tensor4d(x0, [n, ...IMAGE_SHAPE]), tf.tensor4d(xAdv, [n, ...IMAGE_SHAPE])]);
    const labels = tf.concat([tf.tensor1d(y, 'int32'), tf.tensor1d(y, 'int32')]);
    let hits: TF.Tensor1D | null = null;
    const loss = optimizer.minimize(
      () => {
        const logits = modelLogits(tf, model, x);
        hits = tf.keep(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32') as TF.Tensor1D);
        return tf.mean(crossEntropies(tf, logits, labels)) as TF.Scalar;
      },
      true,
      variables,
    )!;
    const h = hits as unknown as TF.Tensor1D;
    const out = tf.stack([loss, tf.sum(h), tf.sum(h.slice(n, n))]) as TF.Tensor1D;
    h.dispose();
    return out;
  });
}

/** The model's weights in getWeights order (kernel, bias per layer), copied out. */
export async function readWeights(model: TF.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)));
}

/** Sets the model's weights from getWeights-ordered arrays (each checked against its shape). */
export function writeWeights(tf: Tf, model: TF.LayersModel, weights: readonly Float32Array[]): void {
  const shapes = model.weights.map((w) => w.shape.map((d) => d ?? 0));
  if (weights.length !== shapes.length) throw new RangeError(`The model has ${shapes.length} weight arrays, got ${weights.length}.`);
  const tensors = weights.map((w, i) => {
    const shape = shapes[i]!;
    const size = shape.reduce((a, b) => a * b, 1);
    if (w.length !== size) throw new RangeError(`Weight array ${i} should have ${size} values (${shape.join('×')}), got ${w.length}.`);
    return tf.tensor(w, shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Correct ÷ n of the model's predictions on n images, in batches of `batchSize`. */
export async function cleanAccuracy(
  tf: Tf,
  model: TF.LayersModel,
  x: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  batchSize = 500,
): Promise<number> {
  let correct = 0;
  for (const [start, end] of batchRanges(n, batchSize)) {
    const predicted = await predictClasses(tf, model, x.subarray(start * PIXELS, end * PIXELS), end - start);
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[start + i]) correct++;
  }
  return n > 0 ? correct / n : 0;
}
