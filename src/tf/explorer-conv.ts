/**
 * The convolution explorer's real op: tf.conv2d (or tf.maxPool / tf.avgPool / tf.pool) on one
 * grey image with the explorer's setting, so the reader sees tfjs agree with the formula.
 * The caller checks `tfRefusal` (src/lib/conv-explorer/code.ts) first.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ExplorerMode } from '../lib/conv-explorer/setting.ts';
import type { AxisSetting } from '../lib/nn/conv-geometry.ts';

type Tf = typeof TF;

export interface OpResult {
  /** The output tensor's shape, [1, height, width, 1]. */
  shape: number[];
  /** Its values, row-major. */
  values: Float32Array;
}

/**
 * Runs the op on a size × size image (values row-major, one channel) with the setting's k, s, p, d
 * (its n is ignored: the image has its own size). `weights` is the k × k kernel (convolution only).
 */
export function runExplorerOp(tf: Tf, image: Float32Array, size: number, setting: AxisSetting, mode: ExplorerMode, weights: Float32Array): OpResult {
  const { k, s, p, d } = setting;
  const result = tf.tidy(() => {
    const x = tf.tensor4d(image, [1, size, size, 1]);
    if (mode === 'conv') return tf.conv2d(x, tf.tensor4d(weights, [k, k, 1, 1]), [s, s], p, 'NHWC', [d, d]);
    if (d === 1) return mode === 'max' ? tf.maxPool(x, [k, k], [s, s], p) : tf.avgPool(x, [k, k], [s, s], p);
    return tf.pool(x, [k, k], mode, p, [d, d], [s, s]) as TF.Tensor4D;
  });
  try {
    return { shape: result.shape.slice(), values: Float32Array.from(result.dataSync()) };
  } finally {
    result.dispose();
  }
}
