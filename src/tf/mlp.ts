/**
 * The small multilayer perceptron the MNIST widgets train: dense ReLU hidden layers and a
 * softmax over 10 classes, with seeded Glorot initialisation so runs are reproducible.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

export interface MlpSpec {
  /** Pixels per image (784 for 28×28). */
  inputSize: number;
  /** Sizes of the hidden layers, e.g. [128]. */
  hidden: readonly number[];
  /** Number of classes (10). */
  classes: number;
  seed: number;
}

export function buildMlp(tf: Tf, spec: MlpSpec): TF.Sequential {
  for (const units of spec.hidden) {
    if (!Number.isInteger(units) || units < 1) throw new Error(`Hidden layer sizes must be positive integers, got ${units}.`);
  }
  const model = tf.sequential();
  const sizes = [...spec.hidden, spec.classes];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    model.add(
      tf.layers.dense({
        units,
        activation: last ? 'softmax' : 'relu',
        // Each layer gets its own seed, derived from the run's seed.
        kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + i * 7919 }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [spec.inputSize] } : {}),
      }),
    );
  });
  return model;
}

export function makeOptimizer(tf: Tf, learningRate: number): TF.Optimizer {
  return tf.train.adam(learningRate);
}

/** The trainable variables, in the same order as getWeights(). */
export function trainableVariables(model: TF.LayersModel): TF.Variable[] {
  return model.trainableWeights.map((w) => w.read() as TF.Variable);
}

export function weightShapes(model: TF.LayersModel): number[][] {
  return model.weights.map((w) => [...w.shape] as number[]);
}

/** A copy of every weight as a Float32Array (safe to transfer: it does not alias tensor memory). */
export async function readWeights(model: TF.LayersModel): Promise<Float32Array[]> {
  const tensors = model.getWeights();
  const values = await Promise.all(tensors.map((t) => t.data()));
  return values.map((v) => Float32Array.from(v as Float32Array));
}

/** Load weights (from a checkpoint) into the model, checking that they fit its shapes. */
export function writeWeights(tf: Tf, model: TF.LayersModel, weights: readonly Float32Array[]): void {
  const shapes = weightShapes(model);
  if (weights.length !== shapes.length) {
    throw new WeightsMismatchError(
      `The saved weights have ${weights.length} arrays but this network needs ${shapes.length}; were they saved from a network with other layer sizes?`,
    );
  }
  shapes.forEach((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const got = weights[i]!.length;
    if (got !== size) {
      throw new WeightsMismatchError(
        `Saved weight ${i} has ${got} numbers but this network needs ${size} (shape ${shape.join('×')}); were they saved from a network with other layer sizes?`,
      );
    }
  });
  tf.tidy(() => {
    model.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i]!, 'float32')));
  });
}

export class WeightsMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsMismatchError';
  }
}
