/** The datasets API of code cells, on tfjs's cpu backend with a synthetic loader (no downloads). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatasets, type CreateDatasetsOptions } from './code-datasets.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup() {
  const calls: string[] = [];
  const progress: Array<[number, string]> = [];
  const loadSplit: NonNullable<CreateDatasetsOptions['loadSplit']> = async (_url, dataset, split, options) => {
    calls.push(`${dataset}/${split}`);
    options.onProgress?.({ loaded: 50, total: 100, files: [] });
    const count = 5;
    const images = new Uint8Array(count * 784);
    for (let i = 0; i < count; i++) images[i * 784] = i * 50;
    return { images, labels: Uint8Array.from([3, 1, 4, 1, 5]), count, rows: 28, cols: 28 };
  };
  const datasets = createDatasets(tf, { dataUrl: 'http://x/data/', loadSplit, progress: (f, l) => progress.push([f, l]) });
  return { datasets, calls, progress };
}

describe('datasets.load', () => {
  it('returns flat float32 images 0–1, one-hot and int32 labels, bytes and class names', async () => {
    const { datasets, progress } = setup();
    const before = tf.memory().numTensors;
    const d = await datasets.load('mnist', 'test', { limit: 3 });
    expect(d.count).toBe(3);
    expect(d.xs.shape).toEqual([3, 784]);
    expect(d.xs.dtype).toBe('float32');
    expect(d.xs.dataSync()[784]).toBeCloseTo(50 / 255);
    expect(d.ys.shape).toEqual([3, 10]);
    expect(d.ys.dtype).toBe('float32');
    expect(Array.from(d.ys.argMax(1).dataSync())).toEqual([3, 1, 4]);
    expect(d.labels.dtype).toBe('int32');
    expect(Array.from(d.labels.dataSync())).toEqual([3, 1, 4]);
    expect(d.pixels).toHaveLength(3 * 784);
    expect(Array.from(d.labelValues)).toEqual([3, 1, 4]);
    expect(d.classNames[3]).toBe('3');
    // xs, ys, labels: nothing else is left allocated (argMax above made one more).
    expect(tf.memory().numTensors - before).toBe(4);
    expect(progress[0]![0]).toBe(0.5);
    expect(progress[0]![1]).toMatch(/^Downloading the MNIST test set: 50 bytes of 100 bytes$/);
    expect(progress.at(-1)).toEqual([1, 'MNIST test set: 5 images ready']);
    tf.dispose([d.xs, d.ys, d.labels]);
  });

  it('gives [n, 28, 28, 1] images with shape "image", Fashion-MNIST class names, and downloads a split once', async () => {
    const { datasets, calls } = setup();
    const a = await datasets.load('fashion-mnist', 'train', { shape: 'image' });
    const b = await datasets.load('fashion-mnist', 'train', { limit: 2 });
    expect(a.xs.shape).toEqual([5, 28, 28, 1]);
    expect(b.xs.shape).toEqual([2, 784]);
    expect(a.classNames[0]).toBe('T-shirt/top');
    expect(calls).toEqual(['fashion-mnist/train']);
    // Each load has its own copy of the bytes.
    a.pixels[0] = 99;
    expect(b.pixels[0]).toBe(0);
    tf.dispose([a.xs, a.ys, a.labels, b.xs, b.ys, b.labels]);
  });

  it('explains wrong arguments', async () => {
    const { datasets } = setup();
    const load = datasets.load as (...args: unknown[]) => Promise<unknown>;
    await expect(load('mnst', 'train')).rejects.toThrow(`datasets.load: unknown dataset "mnst". The datasets are 'mnist' and 'fashion-mnist'`);
    await expect(load('mnist')).rejects.toThrow(/the split must be 'train' or 'test'; got nothing/);
    await expect(load('mnist', 'validation')).rejects.toThrow(/got "validation"/);
    await expect(load('mnist', 'test', { limit: 0 })).rejects.toThrow(/limit must be a whole number of at least 1; got 0/);
    await expect(load('mnist', 'test', { limt: 5 })).rejects.toThrow(/unknown option "limt"/);
    await expect(load('mnist', 'test', { shape: 'square' })).rejects.toThrow(/shape must be 'flat'/);
  });

  it('tries a failed download again on the next load', async () => {
    let attempts = 0;
    const datasets = createDatasets(tf, {
      dataUrl: 'http://x/',
      loadSplit: async () => {
        attempts++;
        if (attempts === 1) throw new Error('network down');
        return { images: new Uint8Array(784), labels: new Uint8Array(1), count: 1, rows: 28, cols: 28 };
      },
    });
    await expect(datasets.load('mnist', 'test')).rejects.toThrow('network down');
    const d = await datasets.load('mnist', 'test');
    expect(d.count).toBe(1);
    tf.dispose([d.xs, d.ys, d.labels]);
  });
});
