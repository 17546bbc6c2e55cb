/**
 * A ModelSpec (src/lib/supervised/model-spec.ts) as a compiled tf.Sequential: the hidden dense and
 * dropout layers in order, then a 10-way softmax; seeded Glorot initialisation (as src/tf/mlp.ts),
 * L2 weight decay as a kernel regulariser on every dense layer, categorical cross-entropy and
 * accuracy. The builder worker, the run comparison and the search all build their models here.
 *
 * The optimiser is made by `makeOptimizer` and handed to `compile`, so the model does NOT own it:
 * whoever disposes the model disposes `model.optimizer` too.
 */
import type * as TF from '@tensorflow/tfjs';
import { CLASSES, INPUT_SIZE, type ModelSpec } from '../lib/supervised/model-spec.ts';
import { specProblems } from '../lib/supervised/spec-check.ts';

type Tf = typeof TF;

/** Seed of the i-th dense layer's kernel, derived from the run's seed (as buildMlp does). */
const layerSeed = (seed: number, denseIndex: number): number => seed + denseIndex * 7919;

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

/** Builds and compiles the model of `spec`; throws an Error in words when the spec is out of range. */
export function buildModel(tf: Tf, spec: ModelSpec, seed: number, inputSize = INPUT_SIZE): TF.Sequential {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  const model = tf.sequential();
  let denseIndex = 0;
  const dense = (units: number, activation: 'relu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax'): TF.layers.Layer =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed(seed, denseIndex++) }),
      biasInitializer: 'zeros',
      ...(spec.l2 > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2: spec.l2 }) } : {}),
      ...(model.layers.length === 0 ? { inputShape: [inputSize] } : {}),
    });
  for (const layer of spec.layers) {
    if (layer.kind === 'dense') {
      model.add(dense(layer.units, layer.activation));
    } else {
      // No seed: a seeded dropout layer would drop the same units on every batch.
      model.add(tf.layers.dropout({ rate: layer.rate, ...(model.layers.length === 0 ? { inputShape: [inputSize] } : {}) }));
    }
  }
  model.add(dense(CLASSES, 'softmax'));
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
