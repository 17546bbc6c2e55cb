/**
 * What the CNN trainer's model worker does (tfjs): load a trained CNN (the pretrained one from the
 * site, or the reader's own from the browser), test it on the Fashion-MNIST test images in batches,
 * read its first layer's filters, and every layer's output for one test image (src/tf/feature-maps.ts).
 * Up to two models at a time, one per key; loading a key again replaces (and disposes) its model.
 * The test images are kept as bytes; every tensor is disposed as soon as each step is done.
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit, type SplitData, type SplitLoader } from '../../lib/data/load.ts';
import { accuracyOf, confusionCounts } from '../../lib/digits/confusion.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { initBackend } from '../../tf/backend.ts';
import { featureMapReader, firstConvFilters, type FeatureMapReader } from '../../tf/feature-maps.ts';
import type { Evaluation, Filters, LayerOutput, ModelKey } from './protocol.ts';

const EVAL_BATCH = 500;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** A failure the reader can act on: the message and what to do. */
export class FeatureMapError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'FeatureMapError';
  }
}

export type Progress = (text: string, loaded?: number, total?: number | null) => void;

export interface FeatureMapDeps {
  loadSplit?: SplitLoader;
  loadModel?: (url: string) => Promise<tf.LayersModel>;
  /** The backend to use; default: the best that works (src/tf/backend.ts). */
  backend?: () => Promise<string>;
}

interface Held {
  model: tf.LayersModel;
  reader: FeatureMapReader;
}

const DATA_HINT = 'Check your connection and reload the page. If you run the site yourself, run `npm run datasets` first.';

export class FeatureMapSession {
  private readonly loadSplit: SplitLoader;
  private readonly loadModel: (url: string) => Promise<tf.LayersModel>;
  private readonly chooseBackend: () => Promise<string>;
  private readonly models = new Map<ModelKey, Held>();
  private test: SplitData | null = null;
  private backend: string | null = null;

  constructor(deps: FeatureMapDeps = {}) {
    this.loadSplit = deps.loadSplit ?? loadSplit;
    this.loadModel = deps.loadModel ?? ((url) => tf.loadLayersModel(url));
    this.chooseBackend = deps.backend ?? (async () => (await initBackend(tf, 'auto')).backend);
  }

  async ensureBackend(): Promise<string> {
    this.backend ??= await this.chooseBackend();
    return this.backend;
  }

  /** Loads model `key` from `url` and tests it; the model held under `key` before stays if this fails. */
  async load(
    key: ModelKey,
    url: string,
    data: { dataUrl: string; testLimit: number },
    progress: Progress,
  ): Promise<{ filters: Filters | null; evaluation: Evaluation }> {
    await this.ensureBackend();
    progress(key === 'pretrained' ? 'Loading the pretrained model…' : 'Loading your trained model…');
    let model: tf.LayersModel;
    try {
      model = await this.loadModel(url);
    } catch (err) {
      throw new FeatureMapError(
        `The ${key === 'pretrained' ? 'pretrained' : 'trained'} model could not be loaded (${errorText(err)}).`,
        key === 'pretrained' ? 'Check your connection and try again.' : 'Train again: the model is kept in this browser after a finished run.',
      );
    }
    const shape = model.inputs[0]?.shape ?? [];
    if (shape.length !== 4 || shape[1] !== SIDE || shape[2] !== SIDE || shape[3] !== 1) {
      model.dispose();
      throw new FeatureMapError(
        `This model takes inputs of shape [${shape.join(', ')}], not 28 × 28 × 1 images.`,
        'Use a CNN trained on Fashion-MNIST.',
      );
    }
    try {
      const evaluation = await this.evaluate(model, data, progress);
      const filters = await firstConvFilters(model);
      this.models.get(key)?.model.dispose();
      this.models.set(key, { model, reader: featureMapReader(tf, model) });
      return { filters, evaluation };
    } catch (err) {
      model.dispose();
      throw err;
    }
  }

  private async testImages(data: { dataUrl: string; testLimit: number }, progress: Progress): Promise<SplitData> {
    if (this.test && this.test.count >= data.testLimit) return this.test;
    try {
      this.test = await this.loadSplit(data.dataUrl, 'fashion-mnist', 'test', {
        limit: data.testLimit,
        onProgress: (p) => {
          const loaded = p.files.reduce((a, f) => a + f.loaded, 0);
          const known = p.files.every((f) => f.total !== null);
          progress('Downloading the Fashion-MNIST test images…', loaded, known ? p.files.reduce((a, f) => a + (f.total ?? 0), 0) : null);
        },
      });
    } catch (err) {
      throw new FeatureMapError(`The Fashion-MNIST test images could not be loaded (${errorText(err)}).`, DATA_HINT);
    }
    return this.test;
  }

  /** The model's predictions on the first `testLimit` test images, in batches. */
  private async evaluate(model: tf.LayersModel, data: { dataUrl: string; testLimit: number }, progress: Progress): Promise<Evaluation> {
    const test = await this.testImages(data, progress);
    const count = Math.min(data.testLimit, test.count);
    const predicted = new Uint8Array(count);
    for (let start = 0; start < count; start += EVAL_BATCH) {
      const end = Math.min(count, start + EVAL_BATCH);
      progress(`Testing on ${formatCount(count)} test images: ${formatCount(start)} done`, start, count);
      const guess = tf.tidy(() => {
        const x = tf.tensor4d(test.images.subarray(start * PIXELS, end * PIXELS), [end - start, SIDE, SIDE, 1], 'float32').div(255);
        return (model.predict(x) as tf.Tensor).argMax(-1);
      });
      try {
        predicted.set(await guess.data(), start);
      } finally {
        guess.dispose();
      }
    }
    const labels = test.labels.slice(0, count);
    return { labels, predicted, accuracy: accuracyOf(confusionCounts(labels, predicted)) };
  }

  /** Every layer's output for test image `index` from model `key`. */
  async maps(key: ModelKey, index: number): Promise<LayerOutput[]> {
    const held = this.models.get(key);
    if (!held) throw new FeatureMapError('No model is loaded yet.', 'Load the pretrained model or train one first.');
    const image = Float32Array.from(this.pixels(index), (v) => v / 255);
    return held.reader.read(image);
  }

  /** Test images by index, 784 bytes each. */
  images(indices: readonly number[]): Uint8Array {
    const out = new Uint8Array(indices.length * PIXELS);
    indices.forEach((index, i) => out.set(this.pixels(index), i * PIXELS));
    return out;
  }

  private pixels(index: number): Uint8Array {
    const test = this.test;
    if (!test || !Number.isInteger(index) || index < 0 || index >= test.count)
      throw new FeatureMapError(`There is no test image number ${index}.`, 'Choose one of the test images shown.');
    return test.images.subarray(index * PIXELS, (index + 1) * PIXELS);
  }
}
