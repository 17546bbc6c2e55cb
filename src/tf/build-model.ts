/**
 * A ModelSpec (src/lib/supervised/model-spec.ts) as a compiled tf.Sequential: the hidden layers
 * (dense, dropout, conv2d, maxPooling2d, flatten) in order, then a 10-way softmax; seeded Glorot
 * initialisation of every dense and conv2d kernel (as src/tf/mlp.ts), L2 weight decay as a kernel
 * regulariser on each of them, categorical cross-entropy and accuracy. A spec whose first layer is
 * conv2d or maxPool takes [28, 28, 1] images, any other 784 values (`inputShape` of the spec). The builder worker, the run comparison and the search all build their models here.
 *
 * The optimiser is made by `makeOptimizer` and handed to `compile`, so the model does NOT own it:
 * whoever disposes the model disposes `model.optimizer` too.
 */
import type * as TF from '@tensorflow/tfjs';
import { CLASSES, inputShape, type ModelSpec } from '../lib/supervised/model-spec.ts';
import { specProblems } from '../lib/supervised/spec-check.ts';

type Tf = typeof TF;

/** Seed of the i-th kernel (dense or conv2d, counted together), derived from the run's seed (as buildMlp does). */
const layerSeed = (seed: number, kernelIndex: number): number => seed + kernelIndex * 7919;

/** The spec's optimiser at its learning rate (momentum only for 'momentum'). */
export function makeOptimizer(tf: Tf, spec: Pick<ModelSpec, 'optimizer' | 'learningRate' | 'momentum'>): TF.Optimizer {
  switch (spec.optimizer) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate);
    case 'adam':
      return tf.train.adam(spec.learningRate);
  }
}

/**
 * Builds and compiles the model of `spec`; throws an Error in words when the spec is out of range.
 * `shape` overrides the input shape of one example (tests use smaller images).
 */
export function buildModel(tf: Tf, spec: ModelSpec, seed: number, shape: number[] = inputShape(spec)): TF.Sequential {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  const model = tf.sequential();
  let kernelIndex = 0;
  const first = (): { inputShape?: number[] } => (model.layers.length === 0 ? { inputShape: shape } : {});
  const kernel = () => ({
    kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed(seed, kernelIndex++) }),
    biasInitializer: 'zeros' as const,
    ...(spec.l2 > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2: spec.l2 }) } : {}),
  });
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'dense':
        model.add(tf.layers.dense({ units: layer.units, activation: layer.activation, ...kernel(), ...first() }));
        break;
      case 'dropout':
        // No seed: a seeded dropout layer would drop the same units on every batch.
        model.add(tf.layers.dropout({ rate: layer.rate, ...first() }));
        break;
      case 'conv2d':
        model.add(
          tf.layers.conv2d({
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            strides: layer.strides,
            padding: layer.padding,
            activation: layer.activation,
            ...kernel(),
            ...first(),
          }),
        );
        break;
      case 'maxPool':
        model.add(tf.layers.maxPooling2d({ poolSize: layer.poolSize, strides: layer.strides, padding: 'valid', ...first() }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten(first()));
        break;
    }
  }
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', ...kernel(), ...first() }));
  model.compile({ optimizer: makeOptimizer(tf, spec), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * Disposes an optimiser completely. tfjs 4.22's MomentumOptimizer.dispose() forgets the
 * learning-rate scalar (`c`) of the SGD optimiser it extends: one tensor per momentum run
 * would be left behind. Disposing a tensor twice is harmless.
 */
export function disposeOptimizer(optimizer: TF.Optimizer): void {
  optimizer.dispose();
  (optimizer as unknown as { c?: TF.Tensor }).c?.dispose();
}

/** Disposes a model built by buildModel and its optimiser (which the model does not own). */
export function disposeModel(model: TF.LayersModel): void {
  const optimizer = model.optimizer as TF.Optimizer | undefined;
  model.dispose();
  if (optimizer) disposeOptimizer(optimizer);
}
