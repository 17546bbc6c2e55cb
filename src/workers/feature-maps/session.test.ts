/** The model worker's session on the cpu backend, with an in-memory CNN and synthetic test images. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SplitLoader } from '../../lib/data/load.ts';
import { FeatureMapSession } from './session.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const COUNT = 30;
const images = Uint8Array.from({ length: COUNT * 784 }, (_, i) => (i * 37) % 256);
const labels = Uint8Array.from({ length: COUNT }, (_, i) => i % 10);
const loader: SplitLoader = async (_url, dataset, split, options) => {
  expect([dataset, split]).toEqual(['fashion-mnist', 'test']);
  const n = Math.min(COUNT, options.limit ?? COUNT);
  return { images: images.subarray(0, n * 784), labels: labels.subarray(0, n), count: n, rows: 28, cols: 28 };
};

function cnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

const session = (loadModel: (url: string) => Promise<tf.LayersModel>) =>
  new FeatureMapSession({ loadSplit: loader, loadModel, backend: async () => 'cpu' });
const data = { dataUrl: 'http://x/data/', testLimit: 20 };
const quiet = () => {};

describe('FeatureMapSession', () => {
  it("loads a model, tests it on the first test images, reads its filters and one image's maps", async () => {
    const before = tf.memory().numTensors;
    const s = session(async () => cnn());
    const { filters, evaluation } = await s.load('pretrained', 'url', data, quiet);
    expect(filters!.shape).toEqual([3, 3, 1, 4]);
    expect(evaluation.labels).toEqual(labels.slice(0, 20));
    expect(evaluation.predicted.length).toBe(20);
    const right = evaluation.predicted.filter((p, i) => p === labels[i]).length;
    expect(evaluation.accuracy).toBeCloseTo(right / 20, 10);
    const maps = await s.maps('pretrained', 3);
    expect(maps.map((m) => m.shape)).toEqual([[28, 28, 4], [14, 14, 4], [784], [10]]);
    // Only the model's own weights (kernel and bias of two layers) are left.
    expect(tf.memory().numTensors - before).toBe(4);
    expect(Array.from(s.images([1, 2]))).toEqual(Array.from(images.subarray(784, 3 * 784)));
  });

  it('replaces a model loaded again under the same key (the old one is disposed), and keeps both keys apart', async () => {
    const before = tf.memory().numTensors;
    const s = session(async () => cnn());
    await s.load('pretrained', 'a', data, quiet);
    await s.load('own', 'b', data, quiet);
    await s.load('own', 'c', data, quiet);
    expect(tf.memory().numTensors - before).toBe(8);
  });

  it('refuses in words: a model that is not a 28×28×1 CNN, an unknown image, maps before any model', async () => {
    const s = session(async () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10 })] }));
    await expect(s.load('own', 'x', data, quiet)).rejects.toThrow('This model takes inputs of shape [, 784], not 28 × 28 × 1 images.');
    await expect(s.maps('own', 0)).rejects.toThrow('No model is loaded yet.');
    const ok = session(async () => cnn());
    await ok.load('own', 'x', data, quiet);
    await expect(ok.maps('own', 99)).rejects.toThrow('There is no test image number 99.');
    const failing = session(async () => {
      throw new Error('404 Not Found');
    });
    await expect(failing.load('pretrained', 'x', data, quiet)).rejects.toThrow('The pretrained model could not be loaded (404 Not Found).');
  });
});
