/**
 * TEMPORARY stand-in for src/tf/build-model.ts (the builder's, not merged yet), with its signature:
 * `buildModel(tf, spec, seed)` returns a compiled tf.Sequential. Deleted at merge.
 */
import type * as TF from '@tensorflow/tfjs';
import { CLASSES, INPUT_SIZE, type ModelSpec } from '../../lib/supervised/model-spec.ts';

export function buildModel(tf: typeof TF, spec: ModelSpec, seed: number): TF.Sequential {
  const model = tf.sequential();
  let first = true;
  spec.layers.forEach((l, i) => {
    const input = first ? { inputShape: [INPUT_SIZE] } : {};
    if (l.kind === 'dense') {
      model.add(
        tf.layers.dense({ units: l.units, activation: l.activation, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }), ...input }),
      );
    } else {
      model.add(tf.layers.dropout({ rate: l.rate, seed: seed + i, ...input }));
    }
    first = false;
  });
  model.add(
    tf.layers.dense({
      units: CLASSES,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }),
      ...(first ? { inputShape: [INPUT_SIZE] } : {}),
    }),
  );
  model.compile({ optimizer: tf.train.adam(spec.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
