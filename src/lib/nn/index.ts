/** The from-scratch neural network engine (plain TypeScript over Float32Array). */
export type { Param, Layer, Loss, Optimizer, LayerSpec, LossKind, OptimizerSpec, InitKind, ImageShape, Size2D, Padding } from './types.ts';
export { Dense, initWeights } from './dense.ts';
export type { DenseOptions } from './dense.ts';
export { Conv2D } from './conv2d.ts';
export type { Conv2DOptions } from './conv2d.ts';
export { MaxPool2D } from './max-pool-2d.ts';
export type { MaxPool2DOptions } from './max-pool-2d.ts';
export { Flatten } from './flatten.ts';
export { ReLU, Sigmoid, Tanh, Softmax, sigmoid, softmaxRow } from './activations.ts';
export {
  SoftmaxCrossEntropy,
  SigmoidBinaryCrossEntropy,
  BinaryCrossEntropy,
  CrossEntropy,
  MeanSquaredError,
  PROBABILITY_EPSILON,
  makeLoss,
} from './losses.ts';
export { SGD, Momentum, Adam, makeOptimizer } from './optimizers.ts';
export { Network, buildNetwork } from './network.ts';
export type { BuildOptions } from './network.ts';
export { checkLayerGradients, checkLossGradients, checkNetworkGradients, relativeError } from './gradcheck.ts';
export type { GradCheckOptions, GradCheckResult, GradCheckWorst } from './gradcheck.ts';
