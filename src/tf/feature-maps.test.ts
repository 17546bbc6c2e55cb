/** Feature maps and filters of a small CNN, on the cpu backend: shapes per layer, the first map against tf.conv2d + ReLU, no tensors left. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import { featureMapReader, firstConvFilters, isImageShaped } from './feature-maps.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The default CNN's shape: conv 8 3×3 same relu → pool 2 → conv 16 3×3 same relu → pool 2 → flatten → dense 10. */
function smallCnn(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

function randomImage(seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: 784 }, () => rand());
}

describe('featureMapReader', () => {
  it("gives every layer's output with that layer's shape, and disposes every tensor it made", async () => {
    const model = smallCnn();
    const before = tf.memory().numTensors;
    const maps = await featureMapReader(tf, model).read(randomImage(1));
    expect(tf.memory().numTensors).toBe(before);
    expect(maps.map((m) => m.className)).toEqual(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    expect(maps.map((m) => m.shape)).toEqual([[28, 28, 8], [14, 14, 8], [14, 14, 16], [7, 7, 16], [784], [10]]);
    for (const m of maps) expect(m.values.length).toBe(m.shape.reduce((a, b) => a * b, 1));
    expect(maps.filter(isImageShaped).map((m) => m.shape.length)).toEqual([3, 3, 3, 3]);
    // The last output is the model's own prediction.
    const probs = tf.tidy(() => (model.predict(tf.tensor(randomImage(1), [1, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(Array.from(maps.at(-1)!.values)).toEqual(Array.from(probs).map((p) => expect.closeTo(p, 6)));
    model.dispose();
  });

  it('makes the first map equal to tf.conv2d of the image with the first kernel, plus bias, through ReLU', async () => {
    const model = smallCnn();
    const image = randomImage(2);
    const [first] = await featureMapReader(tf, model).read(image);
    const [kernel, bias] = model.layers[0]!.getWeights();
    const expected = tf.tidy(() =>
      tf.relu(tf.add(tf.conv2d(tf.tensor4d(image, [1, 28, 28, 1]), kernel as tf.Tensor4D, 1, 'same'), bias!)).dataSync(),
    );
    expect(first!.values.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(first!.values[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-5);
    // ReLU: some maps are cut at zero, so the check is not vacuous.
    expect(expected.some((v) => v === 0)).toBe(true);
    expect(expected.some((v) => v > 0)).toBe(true);
    model.dispose();
  });

  it('leaves the model usable (the reader shares its weights and is never disposed)', async () => {
    const model = smallCnn();
    const reader = featureMapReader(tf, model);
    await reader.read(randomImage(3));
    await reader.read(randomImage(4));
    const out = tf.tidy(() => (model.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor).shape);
    expect(out).toEqual([1, 10]);
    model.dispose();
  });

  it('refuses an image of the wrong size in words', async () => {
    const model = smallCnn();
    await expect(featureMapReader(tf, model).read(new Float32Array(100))).rejects.toThrow(
      'The image has 100 values; this model takes 784 (28 × 28 × 1).',
    );
    model.dispose();
  });
});

describe('firstConvFilters', () => {
  it("reads the first conv layer's kernel [kh, kw, in, out] without disposing it", async () => {
    const model = smallCnn();
    const before = tf.memory().numTensors;
    const filters = await firstConvFilters(model);
    expect(filters!.shape).toEqual([3, 3, 1, 8]);
    expect(Array.from(filters!.values)).toEqual(Array.from(model.layers[0]!.getWeights()[0]!.dataSync()));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('is null for a model without convolutions', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10 })] });
    expect(await firstConvFilters(model)).toBeNull();
    model.dispose();
  });
});
