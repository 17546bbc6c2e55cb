/** The models API of code cells: names, URLs and messages (with an injected loader), and the real pretrained CNN from disk. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderLoadHandler, MODEL_DIR } from '../../scripts/cnn-node.ts';
import { createModels } from './code-models.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('models.load', () => {
  it('loads the pretrained Fashion-MNIST CNN from under the site base, a fresh copy each time', async () => {
    const urls: string[] = [];
    const models = createModels(tf, {
      siteUrl: 'https://example.org/tinker/',
      loadModel: (url) => {
        urls.push(url);
        return tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
      },
    });
    expect(models.names).toEqual(['fashion-cnn']);
    const [a, b] = await Promise.all([models.load('fashion-cnn'), models.load('fashion-cnn')]);
    expect(urls).toEqual(['https://example.org/tinker/models/fashion-cnn/model.json', 'https://example.org/tinker/models/fashion-cnn/model.json']);
    expect(a).not.toBe(b);
    expect(a.inputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(a.outputs[0]!.shape).toEqual([null, 10]);
    a.dispose();
    b.dispose();
  });

  it('names the models when the name is unknown, and says what to do when loading fails', async () => {
    const models = createModels(tf, { siteUrl: 'https://e.org/', loadModel: () => Promise.reject(new Error('HTTP 404')) });
    await expect(models.load('mnist-cnn' as 'fashion-cnn')).rejects.toThrow(/unknown model "mnist-cnn". The models are 'fashion-cnn'/);
    await expect((models.load as (n?: unknown) => Promise<unknown>)()).rejects.toThrow(/unknown model nothing/);
    await expect(models.load('fashion-cnn')).rejects.toThrow(/the model 'fashion-cnn' could not be loaded \(HTTP 404\)\. Check your connection/);
  });
});
