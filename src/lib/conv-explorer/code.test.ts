import { describe, expect, it } from 'vitest';
import { codeText, opCall, outputShape, tfRefusal } from './code.ts';
import { DEFAULT_SETTING } from './setting.ts';

describe('code text', () => {
  it('writes the op with the current numbers, its output shape, and the layer', () => {
    const text = codeText(DEFAULT_SETTING, 'conv');
    expect(text).toContain("const y = tf.conv2d(x, kernel, [2, 2], 1, 'NHWC', [1, 1]);");
    expect(text).toContain('// y.shape: [1, 3, 3, 1]');
    expect(text).toContain('const x = tf.zeros([1, 5, 5, 1]);');
    expect(text).toContain('const kernel = tf.ones([3, 3, 1, 1]);');
    expect(text).toContain('tf.layers.zeroPadding2d({ padding: 1 })');
    expect(text).toContain("tf.layers.conv2d({ filters: 1, kernelSize: 3, strides: 2, padding: 'valid', dilationRate: 1 })");
  });

  it('has no padding layer without padding, and pooling layers for pooling', () => {
    const text = codeText({ ...DEFAULT_SETTING, p: 0 }, 'max');
    expect(text).not.toContain('zeroPadding2d');
    expect(text).not.toContain('kernel =');
    expect(text).toContain('const y = tf.maxPool(x, [3, 3], [2, 2], 0);');
    expect(text).toContain("tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'valid' })");
    expect(opCall({ ...DEFAULT_SETTING, s: 1, p: 0, d: 2 }, 'avg')).toBe("tf.pool(x, [3, 3], 'avg', 0, [2, 2], [1, 1])");
    expect(codeText({ ...DEFAULT_SETTING, s: 1, p: 0, d: 2 }, 'avg')).toContain('pooling layers have no dilation');
  });

  it('warns in the code where tfjs refuses, and says why in words', () => {
    const both = { n: 7, k: 2, s: 2, p: 0, d: 2 };
    expect(codeText(both, 'conv')).toContain('tfjs throws here');
    expect(tfRefusal(both, 'conv')).toMatch(/^tf\.conv2d refuses a stride above 1 together with a dilation above 1/);
    expect(tfRefusal(both, 'avg')).toMatch(/^tf\.pool refuses/);
    expect(tfRefusal(DEFAULT_SETTING, 'conv')).toBeNull();
    expect(tfRefusal({ n: 5, k: 2, s: 1, p: 1, d: 2 }, 'conv')).toBeNull();
    expect(tfRefusal({ n: 5, k: 2, s: 1, p: 1, d: 2 }, 'max')).toMatch(/ignores a numeric padding/);
  });

  it('gives the shape on a 28 × 28 image', () => {
    expect(outputShape(DEFAULT_SETTING, 28)).toEqual([1, 14, 14, 1]);
    expect(outputShape({ n: 5, k: 5, s: 1, p: 0, d: 3 }, 28)).toEqual([1, 16, 16, 1]);
  });
});
