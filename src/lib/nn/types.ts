/**
 * The from-scratch neural network engine: the shapes every layer, loss and optimiser share.
 *
 * Plain TypeScript over Float32Array, no tfjs, no DOM. Every batch is a row-major matrix
 * `batch × width` stored in one Float32Array: row r, column c is `data[r * width + c]`.
 * A layer owns its output and input-gradient buffers and reuses them from step to step
 * (they grow only when a larger batch arrives), so a training step allocates nothing.
 * The arrays a layer returns stay valid until its next forward/backward call: copy them
 * if you need to keep them.
 */

/** A trainable array and its gradient, same length. Gradients ACCUMULATE until zeroed. */
export interface Param {
  /** e.g. "dense1.kernel", "dense1.bias". */
  readonly name: string;
  /** e.g. [784, 128] for a kernel (row-major: inputs × units, the layout tfjs uses), [128] for a bias. */
  readonly shape: readonly number[];
  readonly value: Float32Array;
  readonly grad: Float32Array;
}

export interface Layer {
  /** "Dense", "Conv2D", "MaxPool2D", "Flatten", "ReLU", "Sigmoid", "Tanh", "Softmax". */
  readonly kind: string;
  /** Width of the output for an input of width `inputSize`; throws a clear error on a mismatch. */
  outputSize(inputSize: number): number;
  /**
   * Forward a batch of `batch` rows of width `inputSize` (set by the first call, or by the network).
   * Remembers what backward needs. Returns a buffer owned by the layer.
   */
  forward(input: Float32Array, batch: number): Float32Array;
  /**
   * Given dL/d(output) for the last forward batch, ADDS the parameter gradients to `param.grad`
   * and returns dL/d(input) (owned by the layer). When `needInputGrad` is false (the first layer
   * of a network), it may skip that work and return an empty array.
   */
  backward(gradOutput: Float32Array, batch: number, needInputGrad?: boolean): Float32Array;
  /** Trainable parameters (none for activations). */
  params(): readonly Param[];
}

/** A loss on the network's output. The value is the MEAN over the batch. */
export interface Loss {
  readonly kind: string;
  /**
   * Mean loss of `output` (batch × width) against `targets` (same shape: one-hot rows, 0/1 labels,
   * or real values for MSE). Remembers what `backward` needs.
   */
  forward(output: Float32Array, targets: Float32Array, batch: number, width: number): number;
  /** dL/d(output) of the mean loss for the last forward call (owned by the loss). */
  backward(): Float32Array;
}

export interface Optimizer {
  readonly kind: string;
  learningRate: number;
  /** Updates every param from its accumulated gradient (it does not zero the gradients). */
  step(params: readonly Param[]): void;
}

/** The shape of one image, NHWC like tfjs: [height, width, channels], e.g. [28, 28, 1] for MNIST. */
export type ImageShape = readonly [height: number, width: number, channels: number];

/** One number for both axes, or [height, width]. */
export type Size2D = number | readonly [height: number, width: number];

/**
 * Zero padding of a convolution: 'valid' (none), 'same' (tfjs' rule: the output is ⌈n / stride⌉,
 * any odd extra padding goes at the bottom and right), or a number of cells on every side.
 */
export type Padding = 'valid' | 'same' | number;

/** A serialisable description of a layer, so workers and widgets can describe networks in messages. */
export type LayerSpec =
  | { kind: 'dense'; units: number }
  | { kind: 'relu' }
  | { kind: 'sigmoid' }
  | { kind: 'tanh' }
  | { kind: 'softmax' }
  /** Strides default to 1, padding to 'valid', dilation to 1 (as in tfjs). */
  | { kind: 'conv2d'; filters: number; kernelSize: Size2D; strides?: Size2D; padding?: Padding; dilation?: Size2D }
  /** Strides default to the pool size; no padding. */
  | { kind: 'maxPool'; poolSize: Size2D; strides?: Size2D }
  | { kind: 'flatten' };

export type LossKind = 'softmax-cross-entropy' | 'sigmoid-binary-cross-entropy' | 'binary-cross-entropy' | 'cross-entropy' | 'mse';
export type OptimizerSpec =
  | { kind: 'sgd'; learningRate: number }
  | { kind: 'momentum'; learningRate: number; momentum?: number }
  | { kind: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number };

/** Weight initialisation for Dense: He (ReLU nets), Glorot (tanh/sigmoid), or zeros (one neuron). */
export type InitKind = 'he' | 'glorot' | 'zeros';
