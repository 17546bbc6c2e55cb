import { describe, expect, it } from 'vitest';
import { cellUsesTensorFlow, usesTensorFlow } from './uses-tf.ts';

describe('usesTensorFlow', () => {
  it('sees tf used as a value', () => {
    expect(usesTensorFlow('const model = tf.sequential();')).toBe(true);
    expect(usesTensorFlow('const { tensor } = tf;\nprint(tensor([1]));')).toBe(true);
    expect(usesTensorFlow("print(tf['tensor']([1, 2]));")).toBe(true);
    expect(usesTensorFlow('const text = `sum: ${tf.sum(x)}`;')).toBe(true);
    expect(usesTensorFlow('await train(tf);')).toBe(true);
  });

  it('ignores tf in comments, strings, template text and as a property name', () => {
    expect(usesTensorFlow('// no tf anywhere\nconst x = 1;')).toBe(false);
    expect(usesTensorFlow('/* like tf.conv2d */ function convolve() {}')).toBe(false);
    expect(usesTensorFlow("print('tf.tensor is not used here');")).toBe(false);
    expect(usesTensorFlow('print(`tf.${name}`);')).toBe(false);
    expect(usesTensorFlow('const options = { tf: 1 }; print(options.tf, options?.tf);')).toBe(false);
  });

  it('sees a pretrained model loaded with models.load: it runs on TensorFlow.js', () => {
    expect(usesTensorFlow("const model = await models.load('fashion-cnn');\nprint(model.predict(x));")).toBe(true);
    expect(usesTensorFlow('const m = { models: 2 }; print(m.models);')).toBe(false);
    expect(usesTensorFlow("const model = await models.load('fashion-cnn'\n")).toBe(true);
  });

  it('does not count tensors from datasets alone', () => {
    expect(usesTensorFlow("const train = await datasets.load('mnist', 'train');\nlet w = 0;")).toBe(false);
  });

  it('still answers for code that does not parse yet', () => {
    expect(usesTensorFlow('const model = tf.sequential(\n')).toBe(true);
    expect(usesTensorFlow('// tf.sequential\nconst x = (\n')).toBe(false);
  });

  it('takes any of a cell’s codes into account', () => {
    expect(cellUsesTensorFlow('let x = 1;', '', 'return tf.scalar(1);')).toBe(true);
    expect(cellUsesTensorFlow('let x = 1;', null, undefined)).toBe(false);
  });
});
