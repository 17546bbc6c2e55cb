/**
 * What the inspector's worker does with its model (tfjs): restore it from the browser, train the
 * small default one, load one from checked files, evaluate it on the test set (in batches of
 * 1,000: bigger single tensors exceed WebGL texture limits on some GPUs, tfjs #1686), classify a
 * drawing, export it for a download and save it in the browser. One model at a time; tensors are
 * disposed as soon as each step is done, the test set is kept as bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { loadSplit, type LoadProgress, type SplitData, type SplitLoader } from '../../lib/data/load.ts';
import { confusionCounts, accuracyOf } from '../../lib/digits/confusion.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { readTinkerMetadata, type TinkerMetadata } from '../../lib/model-files/metadata.ts';
import { JSON_HINT, modelJsonText, type ModelJson, type WeightSpec } from '../../lib/model-files/model-json.ts';
import { CLASSES, DEFAULT_SPEC, INPUT_SIZE, type ModelSpec } from '../../lib/supervised/model-spec.ts';
import { SAVED_MODEL_URL } from '../../lib/supervised/saved-model.ts';
import { initBackend } from '../../tf/backend.ts';
import { buildMlp } from '../../tf/mlp.ts';
import { toTensors } from '../../tf/mnist-tensors.ts';
import type { Evaluation, ModelInfo, ModelSource, TestData } from './protocol.ts';

const EVAL_BATCH = 1000;
const QUICK_BATCH = 64;
/** The quick model: the builder's default network, one epoch. */
export const QUICK_SPEC: ModelSpec = { ...DEFAULT_SPEC, epochs: 1, batchSize: QUICK_BATCH };

/** A failure the reader can act on: the message and what to do. */
export class InspectError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'InspectError';
  }
}

export type Progress = (text: string, loaded?: number, total?: number | null) => void;

const DATA_HINT = 'Check your connection and reload the page. If you run the site yourself, run `npm run datasets` first.';

/** Where the saved model lives: the browser's IndexedDB, or (tests) memory. */
export interface ModelStore {
  exists(): Promise<boolean>;
  saveTo(): string | tf.io.IOHandler;
  loadFrom(): string | tf.io.IOHandler;
}

const BROWSER_STORE: ModelStore = {
  exists: async () => Object.hasOwn(await tf.io.listModels(), SAVED_MODEL_URL),
  saveTo: () => SAVED_MODEL_URL,
  loadFrom: () => SAVED_MODEL_URL,
};

export interface InspectDeps {
  /** Data loader; tests inject synthetic data. */
  loadSplit?: SplitLoader;
  /** The backend to use; default: the best that works (src/tf/backend.ts). */
  backend?: () => Promise<string>;
  store?: ModelStore;
}

export class InspectSession {
  private readonly loadSplit: SplitLoader;
  private readonly chooseBackend: () => Promise<string>;
  private readonly store: ModelStore;
  private model: tf.LayersModel | null = null;
  private source: ModelSource = 'saved';
  private meta: TinkerMetadata | null = null;
  private test: SplitData | null = null;
  private backend: string | null = null;

  constructor(deps: InspectDeps = {}) {
    this.loadSplit = deps.loadSplit ?? loadSplit;
    this.chooseBackend = deps.backend ?? (async () => (await initBackend(tf, 'auto')).backend);
    this.store = deps.store ?? BROWSER_STORE;
  }

  async ensureBackend(): Promise<string> {
    this.backend ??= await this.chooseBackend();
    return this.backend;
  }

  /** The saved model, or null when the browser holds none. */
  async restore(): Promise<ModelInfo | null> {
    await this.ensureBackend();
    if (!(await this.store.exists())) return null;
    let model: tf.LayersModel;
    try {
      model = await tf.loadLayersModel(this.store.loadFrom());
    } catch (err) {
      throw new InspectError(
        `The model saved in this browser could not be read (${errorText(err)}).`,
        'Train a quick model, or train one in the builder: it replaces the saved one.',
      );
    }
    checkShape(model);
    return this.use(model, 'saved', readTinkerMetadata(model.getUserDefinedMetadata()));
  }

  /** Trains the small default model on the first `trainLimit` training images, evaluates it and saves it in the browser. */
  async trainQuick(data: TestData, trainLimit: number, seed: number, progress: Progress): Promise<{ info: ModelInfo; evaluation: Evaluation }> {
    await this.ensureBackend();
    const split = await this.load(data.dataUrl, 'train', trainLimit, 'training images', progress);
    const model = buildMlp(tf, { inputSize: INPUT_SIZE, hidden: [128], classes: CLASSES, seed });
    const optimizer = tf.train.adam(QUICK_SPEC.learningRate);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const { x, y } = toTensors(tf, split);
    const batches = Math.ceil(split.count / QUICK_BATCH);
    try {
      await model.fit(x, y, {
        batchSize: QUICK_BATCH,
        epochs: 1,
        shuffle: true,
        callbacks: {
          onBatchEnd: (batch) => {
            if (batch % 10 === 0) progress(`Training the quick model: batch ${batch + 1} of ${batches}`, batch + 1, batches);
          },
        },
      });
    } catch (err) {
      model.dispose();
      throw err;
    } finally {
      x.dispose();
      y.dispose();
      // Its moment estimates are not needed once trained (and the model does not own it).
      optimizer.dispose();
    }
    this.use(model, 'quick', null);
    const evaluation = await this.evaluate(data, progress);
    this.meta = { spec: QUICK_SPEC, testAccuracy: evaluation.accuracy, trainedAt: new Date().toISOString() };
    await this.save();
    return { info: this.info(), evaluation };
  }

  /** Builds the model of checked files. The model in use (and the saved one) stay as they were if it fails. */
  async loadFiles(json: ModelJson, weightData: ArrayBuffer): Promise<ModelInfo> {
    await this.ensureBackend();
    if (weightData.byteLength !== json.weightBytes) {
      throw new InspectError(`The weights hold ${weightData.byteLength} bytes but model.json describes ${json.weightBytes}.`, JSON_HINT);
    }
    let model: tf.LayersModel;
    try {
      const { modelTopology, weightSpecs, format, generatedBy, convertedBy, userDefinedMetadata } = json;
      model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology,
          weightSpecs: weightSpecs as tf.io.WeightsManifestEntry[],
          weightData,
          ...(format ? { format } : {}),
          ...(generatedBy ? { generatedBy } : {}),
          ...(convertedBy !== undefined ? { convertedBy } : {}),
          ...(userDefinedMetadata ? { userDefinedMetadata } : {}),
        }),
      );
    } catch (err) {
      throw new InspectError(`TensorFlow.js could not build a model from these files: ${errorText(err)}`, JSON_HINT);
    }
    checkShape(model);
    return this.use(model, 'files', readTinkerMetadata(model.getUserDefinedMetadata()));
  }

  /** The model's predictions on the first `testLimit` test images, in batches. */
  async evaluate(data: TestData, progress: Progress): Promise<Evaluation> {
    const model = this.current();
    const test =
      this.test && this.test.count >= data.testLimit ? this.test : await this.load(data.dataUrl, 'test', data.testLimit, 'test images', progress);
    this.test = test;
    const count = Math.min(data.testLimit, test.count);
    const predicted = new Uint8Array(count);
    for (let start = 0; start < count; start += EVAL_BATCH) {
      const end = Math.min(count, start + EVAL_BATCH);
      progress(`Testing on ${count.toLocaleString('en-US')} test images: ${start.toLocaleString('en-US')} done`, start, count);
      const guess = tf.tidy(() => {
        const x = tf.tensor2d(test.images.subarray(start * INPUT_SIZE, end * INPUT_SIZE), [end - start, INPUT_SIZE], 'float32').div(255);
        return (model.predict(x) as tf.Tensor).argMax(-1);
      });
      predicted.set(await guess.data(), start);
      guess.dispose();
    }
    const labels = test.labels.slice(0, count);
    const accuracy = accuracyOf(confusionCounts(labels, predicted));
    // A model that did not record its accuracy gets the one just measured (saved with it).
    if (this.source !== 'quick')
      this.meta = { spec: this.meta?.spec ?? null, trainedAt: this.meta?.trainedAt ?? null, testAccuracy: this.meta?.testAccuracy ?? accuracy };
    return { labels, predicted, accuracy };
  }

  /** The ten class probabilities for one 784-pixel input (values 0..1). */
  async predict(pixels: Float32Array): Promise<Float32Array> {
    const model = this.current();
    const out = tf.tidy(() => model.predict(tf.tensor2d(pixels, [1, INPUT_SIZE])) as tf.Tensor);
    const probs = (await out.data()) as Float32Array;
    out.dispose();
    return Float32Array.from(probs);
  }

  /** Test images by index, 784 bytes each. */
  images(indices: readonly number[]): Uint8Array {
    const test = this.test;
    if (!test) throw new InspectError('The test images are not loaded yet.', 'Wait until the confusion matrix is drawn.');
    const out = new Uint8Array(indices.length * INPUT_SIZE);
    indices.forEach((index, i) => {
      if (!Number.isInteger(index) || index < 0 || index >= test.count)
        throw new InspectError(`There is no test image ${index}.`, `Choose 0 to ${test.count - 1}.`);
      out.set(test.images.subarray(index * INPUT_SIZE, (index + 1) * INPUT_SIZE), i * INPUT_SIZE);
    });
    return out;
  }

  /** The model in use as a model.json text (naming `weightsFile`) and its weights. */
  async export(weightsFile: string): Promise<{ modelJson: string; weightData: ArrayBuffer }> {
    const model = this.current();
    model.setUserDefinedMetadata(this.metadata());
    let result: { modelJson: string; weightData: ArrayBuffer } | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
        const modelJson = modelJsonText(
          {
            modelTopology: artifacts.modelTopology as Record<string, unknown>,
            weightSpecs: (artifacts.weightSpecs ?? []) as WeightSpec[],
            ...(artifacts.format ? { format: artifacts.format } : {}),
            ...(artifacts.generatedBy ? { generatedBy: artifacts.generatedBy } : {}),
            ...(artifacts.convertedBy !== undefined ? { convertedBy: artifacts.convertedBy } : {}),
            ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata as Record<string, unknown> } : {}),
          },
          weightsFile,
        );
        result = { modelJson, weightData };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
      }),
    );
    if (!result) throw new Error('The model could not be exported.');
    return result;
  }

  /** Saves the model in use in the browser (replacing the saved one). */
  async save(): Promise<ModelInfo> {
    const model = this.current();
    model.setUserDefinedMetadata(this.metadata());
    try {
      await model.save(this.store.saveTo());
    } catch (err) {
      throw new InspectError(
        `The model could not be saved in this browser (${errorText(err)}).`,
        'Your browser may block storage for this site (private mode?). Download the model instead.',
      );
    }
    this.source = this.source === 'files' ? 'saved' : this.source;
    return this.info();
  }

  info(): ModelInfo {
    const model = this.current();
    const units = [INPUT_SIZE, ...model.layers.flatMap((l) => ('units' in l && typeof l.units === 'number' ? [l.units] : []))];
    return { source: this.source, units, params: model.countParams(), meta: this.meta };
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }

  private use(model: tf.LayersModel, source: ModelSource, meta: TinkerMetadata | null): ModelInfo {
    this.model?.dispose();
    this.model = model;
    this.source = source;
    this.meta = meta;
    return this.info();
  }

  private current(): tf.LayersModel {
    if (!this.model) throw new InspectError('There is no model yet.', 'Train a quick model or load model files first.');
    return this.model;
  }

  private metadata(): { tinker: TinkerMetadata } {
    const meta = this.meta ?? { spec: null, testAccuracy: null, trainedAt: null };
    return { tinker: { ...meta, trainedAt: meta.trainedAt ?? new Date().toISOString() } };
  }

  private async load(dataUrl: string, split: 'train' | 'test', limit: number, what: string, progress: Progress): Promise<SplitData> {
    const onProgress = (p: LoadProgress) => progress(`Downloading the ${what}`, p.loaded, p.total);
    try {
      return await this.loadSplit(dataUrl, 'mnist', split, { limit, onProgress });
    } catch (err) {
      throw new InspectError(`The ${what} could not be loaded: ${errorText(err)}`, DATA_HINT);
    }
  }
}

/** A model the inspector can use takes 784 pixels and gives 10 probabilities. */
function checkShape(model: tf.LayersModel): void {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  if (model.inputs.length !== 1 || input.length !== 2 || input[1] !== INPUT_SIZE || output.length !== 2 || output[1] !== CLASSES) {
    model.dispose();
    throw new InspectError(
      `This model takes [${input.join(', ')}] and gives [${output.join(', ')}]; the inspector needs ${INPUT_SIZE} pixels in and ${CLASSES} probabilities out.`,
      'Load a model that classifies MNIST digits, like the ones the model builder trains.',
    );
  }
}
