/**
 * The explorer's setting as TensorFlow.js code (the op and the layer), and what tfjs refuses.
 * Pure text; the explorer shows it with a copy button and runs the same op on a sneaker.
 */
import { outputSize, type AxisSetting } from '../nn/conv-geometry.ts';
import type { ExplorerMode } from './setting.ts';

/** Why tfjs will not run this setting, in words; null when it will. */
export function tfRefusal(setting: AxisSetting, mode: ExplorerMode): string | null {
  if (setting.s > 1 && setting.d > 1) {
    const op = mode === 'conv' ? 'tf.conv2d' : 'tf.pool';
    return (
      `${op} refuses a stride above 1 together with a dilation above 1 (“Either strides or dilations must be 1”). ` +
      `Set the stride or the dilation to 1 to run it; the grids above still show what such a patch would read.`
    );
  }
  if (mode !== 'conv' && setting.d > 1 && setting.p > 0) {
    return (
      `tf.pool ignores a numeric padding when the dilation is above 1 (it pools as 'valid', so its output would not match the formula). ` +
      `Set the padding to 0 or the dilation to 1 to run it.`
    );
  }
  return null;
}

/** The output's shape for one image of `size` × `size` pixels and one channel: [1, out, out, 1]. */
export function outputShape(setting: AxisSetting, size: number): [number, number, number, number] {
  const out = outputSize({ ...setting, n: size });
  return [1, out, out, 1];
}

/** The op call with the current numbers, e.g. tf.conv2d(x, kernel, [2, 2], 1, 'NHWC', [1, 1]). */
export function opCall(setting: AxisSetting, mode: ExplorerMode): string {
  const { k, s, p, d } = setting;
  if (mode === 'conv') return `tf.conv2d(x, kernel, [${s}, ${s}], ${p}, 'NHWC', [${d}, ${d}])`;
  if (d === 1) return `tf.${mode === 'max' ? 'maxPool' : 'avgPool'}(x, [${k}, ${k}], [${s}, ${s}], ${p})`;
  return `tf.pool(x, [${k}, ${k}], '${mode}', ${p}, [${d}, ${d}], [${s}, ${s}])`;
}

/** The layers version: Keras-style layers know only 'valid' and 'same', so explicit padding is its own layer. */
function layerLines(setting: AxisSetting, mode: ExplorerMode): string[] {
  const { k, s, p, d } = setting;
  const lines: string[] = [];
  if (p > 0) lines.push(`model.add(tf.layers.zeroPadding2d({ padding: ${p} })); // layers pad 'valid' or 'same' only`);
  if (mode === 'conv') {
    lines.push(`model.add(tf.layers.conv2d({ filters: 1, kernelSize: ${k}, strides: ${s}, padding: 'valid', dilationRate: ${d} }));`);
  } else {
    const layer = mode === 'max' ? 'maxPooling2d' : 'averagePooling2d';
    lines.push(`model.add(tf.layers.${layer}({ poolSize: ${k}, strides: ${s}, padding: 'valid' }));`);
    if (d > 1) lines.push(`// (pooling layers have no dilation: use tf.pool as above for dilation ${d})`);
  }
  return lines;
}

/**
 * A small program that does what the explorer shows: one n × n image, one channel; the op, its
 * output shape as a comment, and the same step as a layer.
 */
export function codeText(setting: AxisSetting, mode: ExplorerMode): string {
  const { n, k } = setting;
  const out = outputSize(setting);
  const lines = [`// ${n} × ${n} image, 1 channel, NHWC: [batch, height, width, channels]`, `const x = tf.zeros([1, ${n}, ${n}, 1]);`];
  if (mode === 'conv') lines.push(`const kernel = tf.ones([${k}, ${k}, 1, 1]); // [height, width, in channels, out channels]`);
  lines.push(`const y = ${opCall(setting, mode)};`, `// y.shape: [1, ${out}, ${out}, 1]`);
  const refusal = tfRefusal(setting, mode);
  if (refusal !== null) {
    lines.push(
      setting.s > 1 && setting.d > 1
        ? '// tfjs throws here: stride and dilation cannot both be above 1.'
        : `// careful: with dilation above 1, tf.pool ignores this padding and gives a smaller output.`,
    );
  }
  lines.push('', '// The same step as a layer of a model:', 'const model = tf.sequential();');
  lines.push(`model.add(tf.layers.inputLayer({ inputShape: [${n}, ${n}, 1] }));`, ...layerLines(setting, mode));
  return lines.join('\n');
}
