/**
 * The model a reader builds in the supervised lessons, as plain data: the layers (dense and
 * dropout), weight decay, optimiser and training settings. The model builder edits one, the
 * builder worker trains one (src/tf/build-model.ts turns it into a tf.Sequential), the search
 * samples them, and a saved model carries its own in its metadata. Pure: no tfjs, no DOM.
 */

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** A hidden layer. The output layer (10 units, softmax) is implied and always last. */
export type LayerSpec = { kind: 'dense'; units: number; activation: Activation } | { kind: 'dropout'; rate: number };

export interface ModelSpec {
  /** Hidden layers in order, input side first; the 784 inputs and the 10-way softmax output are implied. */
  layers: LayerSpec[];
  /** L2 weight decay on every dense kernel (0 = none): the loss gains l2 · Σ w². */
  l2: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** For 'momentum' (and ignored by the others). */
  momentum: number;
  batchSize: number;
  epochs: number;
}

/** The data a run uses: the first `trainLimit` training images, the next `validationCount` held out. */
export interface DataPlan {
  /** Training images used for the gradient steps (taken from the start of the 60,000). */
  trainLimit: number;
  /** Validation images, taken from the END of the 60,000 so they never overlap the training ones. */
  validationCount: number;
  /** Test images evaluated at the end (the first N of the 10,000), in batches. */
  testLimit: number;
}

export const INPUT_SIZE = 784;
export const CLASSES = 10;

/** The builder's starting model: the 784 → 128 → 10 network of the from-scratch lesson. */
export const DEFAULT_SPEC: ModelSpec = {
  layers: [{ kind: 'dense', units: 128, activation: 'relu' }],
  l2: 0,
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  batchSize: 64,
  epochs: 3,
};
