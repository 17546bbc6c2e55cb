/**
 * The model a reader builds in the supervised lessons, as plain data: the layers (dense, dropout,
 * and for convolutional networks conv2d, maxPool and flatten), weight decay, optimiser and training settings. The model builder edits one, the
 * builder worker trains one (src/tf/build-model.ts turns it into a tf.Sequential), the search
 * samples them, and a saved model carries its own in its metadata. Pure: no tfjs, no DOM.
 */

import type { DatasetId } from '../data/manifest.ts';

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/**
 * A hidden layer. The output layer (10 units, softmax) is implied and always last.
 * Spatial layers (conv2d, maxPool) work on images, height × width × channels (NHWC, as tfjs); a
 * `flatten` turns their output into one vector before the first dense layer. Sizes are square:
 * `kernelSize: 3` is a 3 × 3 kernel, `strides: 2` moves 2 pixels both ways.
 */
export type LayerSpec =
  | { kind: 'dense'; units: number; activation: Activation }
  | { kind: 'dropout'; rate: number }
  | { kind: 'conv2d'; filters: number; kernelSize: number; strides: number; padding: Padding; activation: Activation }
  | { kind: 'maxPool'; poolSize: number; strides: number }
  | { kind: 'flatten' };

export type LayerKind = LayerSpec['kind'];

export interface ModelSpec {
  /**
   * Hidden layers in order, input side first; the inputs (784 values, or a 28 × 28 × 1 image when
   * the first layer is conv2d or maxPool: see `takesImages`) and the 10-way softmax output are implied.
   */
  layers: LayerSpec[];
  /** L2 weight decay on every dense and conv2d kernel (0 = none): the loss gains l2 · Σ w². */
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
  /** Which images: MNIST digits (the default) or Fashion-MNIST clothes (same sizes, same counts). */
  dataset?: DatasetName;
}

export const DATASET_NAMES = ['mnist', 'fashion-mnist'] as const satisfies readonly DatasetId[];
/** The data/manifest's DatasetId: 'mnist' | 'fashion-mnist'. */
export type DatasetName = DatasetId;

export const INPUT_SIZE = 784;
export const CLASSES = 10;
/** The input of a spatial model: one 28 × 28 grey image (height, width, channels). */
export const IMAGE_SHAPE = [28, 28, 1] as const;

export const isSpatialLayer = (layer: LayerSpec): layer is Extract<LayerSpec, { kind: 'conv2d' | 'maxPool' }> =>
  layer.kind === 'conv2d' || layer.kind === 'maxPool';

/** True when the model's input is an image (its first layer is conv2d or maxPool); false for 784 inputs. */
export function takesImages(spec: Pick<ModelSpec, 'layers'>): boolean {
  const first = spec.layers[0];
  return first !== undefined && isSpatialLayer(first);
}

/** The shape of ONE input example: [28, 28, 1] for a spatial model, [784] otherwise. */
export function inputShape(spec: Pick<ModelSpec, 'layers'>): number[] {
  return takesImages(spec) ? [...IMAGE_SHAPE] : [INPUT_SIZE];
}

/** The dataset of a plan (mnist when unset). */
export const planDataset = (plan: Pick<DataPlan, 'dataset'>): DatasetName => plan.dataset ?? 'mnist';

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

/**
 * The default CNN ("the default CNN" everywhere: the CNN trainer, the pretrained model, the
 * benchmark, the MLP-vs-CNN comparison): two 3 × 3 'same' convolutions (8 then 16 filters), each
 * followed by a 2 × 2 max pool, then flatten and the implied 10-way softmax.
 * 28×28×1 → 28×28×8 → 14×14×8 → 14×14×16 → 7×7×16 → 784 → 10: 80 + 1,168 + 7,850 = 9,098 parameters.
 */
export const DEFAULT_CNN_SPEC: ModelSpec = {
  layers: [
    { kind: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, strides: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, strides: 2 },
    { kind: 'flatten' },
  ],
  l2: 0,
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  batchSize: 64,
  epochs: 3,
};
