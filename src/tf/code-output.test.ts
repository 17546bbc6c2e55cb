/** The tfjs hooks of the code cells' output API, on tfjs's cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeValue } from '../lib/code/describe.ts';
import { formatValue } from '../lib/code/format.ts';
import { normalizeImages } from '../lib/code/image-args.ts';
import { normalizePlot } from '../lib/code/plot-args.ts';
import { tfHooks } from './code-output.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfHooks', () => {
  const hooks = tfHooks(tf);

  it('formats tensors with dtype, shape and values', () => {
    const t = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    expect(formatValue(t, { hooks })).toBe('Tensor float32 [2, 2]\n    [[1, 2],\n     [3, 4]]');
    expect(formatValue({ t }, { hooks })).toContain('t: Tensor float32 [2, 2]');
    t.dispose();
    expect(formatValue(t, { hooks })).toBe('Tensor float32 [2, 2] (disposed)');
  });

  it('describes tensors and models in words', () => {
    const s = tf.scalar(0.5);
    const v = tf.zeros([3, 4], 'int32');
    expect(describeValue(s, hooks)).toBe('a float32 scalar tensor (0.5)');
    expect(describeValue(v, hooks)).toBe('an int32 tensor of shape [3, 4]');
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10 })] });
    expect(describeValue(model, hooks)).toBe('a tfjs model with 101,770 parameters');
    expect(formatValue(model, { hooks })).toMatch(/^Sequential model ".+" with 101,770 parameters: dense \[n, 128\] → dense \[n, 10\]$/);
    tf.dispose([s, v]);
    tf.disposeVariables();
  });

  it('leave undefined, null and plain values to the generic description', () => {
    // tf.Optimizer's Symbol.hasInstance reads properties of its argument: it must never see undefined.
    for (const value of [undefined, null, 5, 'text', [1, 2], { a: 1 }]) {
      expect(hooks.describe?.(value)).toBeUndefined();
      expect(hooks.format?.(value)).toBeUndefined();
    }
    expect(describeValue(undefined, hooks)).toBeUndefined();
    expect(describeValue(null, hooks)).toBe('null');
  });

  it('lets plots and images read tensors', () => {
    const t = tf.tensor1d([3, 4]);
    expect(normalizePlot('line', [t], hooks, 'k').series[0]!.points).toEqual([
      [0, 3],
      [1, 4],
    ]);
    const imgs = tf.ones([2, 4, 4, 1]);
    expect(normalizeImages([imgs], hooks).images).toHaveLength(2);
    tf.dispose([t, imgs]);
    expect(() => normalizePlot('line', [t], hooks, 'k')).toThrow(/disposed/);
  });
});
