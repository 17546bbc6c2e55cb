/**
 * The builder session on tfjs's cpu backend in Node, with synthetic data in place of MNIST: the
 * message sequence, the train/validation/test split, L2 and dropout, saving, stopping, bad
 * specs, and no tensor left behind after a whole run.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC, type ModelSpec } from '../../lib/supervised/model-spec.ts';
import { SAVED_MODEL_URL } from '../../lib/supervised/saved-model.ts';
import type { BuilderFromWorker, BuilderRequest } from './protocol.ts';
import { runBuilderSession, type BuilderSessionDeps, type SplitData, type SplitLoader } from './session.ts';

const SIDE = 4;

/** A learnable toy dataset: class c lights pixel c (plus noise). `labelOffset` marks a block of rows apart. */
function synthetic(count: number, seed: number): SplitData {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const images = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < SIDE * SIDE; p++) images[i * SIDE * SIDE + p] = Math.floor(rand() * 60);
    images[i * SIDE * SIDE + label] = 255;
  }
  return { images, labels, count, rows: SIDE, cols: SIDE };
}

const TRAIN = synthetic(300, 1);
const TEST = synthetic(60, 2);
const loads: Array<{ split: string; limit: number | undefined }> = [];

const datasets: string[] = [];
const fakeLoader: SplitLoader = async (_url, dataset, split, options) => {
  loads.push({ split, limit: options.limit });
  datasets.push(dataset);
  const data = split === 'train' ? TRAIN : TEST;
  const n = Math.min(options.limit ?? data.count, data.count);
  options.onProgress?.({ loaded: 10, total: 10, files: [{ file: `mnist/${split}-images`, loaded: 10, total: 10 }] });
  return { ...data, count: n, images: data.images.subarray(0, n * SIDE * SIDE), labels: data.labels.subarray(0, n) };
};

const SPEC: ModelSpec = { ...DEFAULT_SPEC, layers: [{ kind: 'dense', units: 8, activation: 'relu' }], learningRate: 0.05, batchSize: 20, epochs: 2 };

const REQUEST: BuilderRequest = {
  spec: SPEC,
  data: { trainLimit: 200, validationCount: 50, testLimit: 60 },
  seed: 7,
  backend: 'cpu',
  dataUrl: 'http://localhost/data/',
};

const saved: Array<{ url: string; meta: unknown; weights: number }> = [];
const baseDeps: BuilderSessionDeps = {
  loadSplit: fakeLoader,
  yieldToEventLoop: () => Promise.resolve(),
  now: () => 0,
  saveModel: async (model, url) => {
    saved.push({ url, meta: model.getUserDefinedMetadata(), weights: model.getWeights().length });
  },
};

async function run(request: Partial<BuilderRequest> = {}, deps: BuilderSessionDeps = {}, stopped: () => boolean = () => false) {
  const messages: BuilderFromWorker[] = [];
  await runBuilderSession({ ...REQUEST, ...request }, (m) => messages.push(m), { stopped }, { ...baseDeps, ...deps });
  return messages;
}

const ofType = <T extends BuilderFromWorker['type']>(messages: BuilderFromWorker[], type: T) =>
  messages.filter((m): m is Extract<BuilderFromWorker, { type: T }> => m.type === type);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('runBuilderSession', () => {
  it('runs a whole session: epochs with training and validation figures, a test, a save — and leaks nothing', async () => {
    saved.length = 0;
    loads.length = 0;
    const before = tf.memory().numTensors;
    const messages = await run();
    expect(tf.memory().numTensors).toBe(before);

    const kinds = messages.filter((m) => m.type !== 'download').map((m) => (m.type === 'phase' ? `phase:${m.phase}` : m.type));
    expect(kinds.join(' ')).toBe(
      'backend phase:loading-data ' +
        'phase:training metrics metrics phase:validating epoch ' +
        'phase:training metrics phase:validating epoch ' +
        'phase:testing phase:saving saved done',
    );
    // Validation comes from the END of the training file, so the whole file is loaded.
    expect(loads).toEqual([
      { split: 'train', limit: undefined },
      { split: 'test', limit: 60 },
    ]);
    const epochs = ofType(messages, 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    for (const e of epochs) {
      for (const v of [e.trainLoss, e.trainAccuracy, e.valLoss, e.valAccuracy]) expect(Number.isFinite(v)).toBe(true);
      expect(e.testAccuracy).toBeUndefined();
    }
    expect(epochs[1]!.trainLoss).toBeLessThan(epochs[0]!.trainLoss);
    const done = ofType(messages, 'done')[0]!;
    expect(done).toMatchObject({ stopped: false, epochsCompleted: 2, seconds: 0, examplesPerSecond: 0, tensorsLeft: 0 });
    expect(done.testAccuracy).toBeGreaterThan(0.8);
    expect(done.testLoss).toEqual(expect.any(Number));

    const save = ofType(messages, 'saved')[0]!;
    expect(save.url).toBe(SAVED_MODEL_URL);
    expect(save.meta).toMatchObject({ spec: SPEC, testAccuracy: done.testAccuracy });
    expect(Number.isNaN(Date.parse(save.meta.trainedAt))).toBe(false);
    expect(saved).toEqual([{ url: SAVED_MODEL_URL, meta: { tinker: save.meta }, weights: 4 }]);
  });

  it('validates on the last rows of the training file, never on training rows', async () => {
    // The last 50 rows are labelled one class off: a model that learned rows 0–249 gets them all wrong.
    const labels = TRAIN.labels.slice();
    for (let i = 250; i < 300; i++) labels[i] = (labels[i]! + 1) % 10;
    const messages = await run(
      { data: { trainLimit: 250, validationCount: 50, testLimit: 60 }, save: false },
      {
        loadSplit: async (url, dataset, split, options) => (split === 'train' ? { ...TRAIN, labels } : fakeLoader(url, dataset, split, options)),
      },
    );
    const last = ofType(messages, 'epoch').at(-1)!;
    expect(last.trainAccuracy).toBeGreaterThan(0.8);
    expect(last.valAccuracy).toBeLessThan(0.2);
    const overlap = await run({ data: { trainLimit: 260, validationCount: 50, testLimit: 60 } });
    expect(ofType(overlap, 'error')[0]!.message).toMatch(/fewer than the run needs/);
  });

  it('reports test accuracy after every epoch when asked, and skips validation without validation images', async () => {
    const messages = await run({ testEveryEpoch: true, data: { trainLimit: 200, validationCount: 0, testLimit: 60 }, save: false });
    const epochs = ofType(messages, 'epoch');
    expect(epochs.map((e) => [e.valLoss, e.valAccuracy])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(epochs.every((e) => typeof e.testAccuracy === 'number')).toBe(true);
    expect(epochs[1]!.testAccuracy).toBe(ofType(messages, 'done')[0]!.testAccuracy);
    expect(ofType(messages, 'saved')).toEqual([]);
    expect(messages.map((m) => m.type)).not.toContain('phase:validating');
  });

  it('trains models with dropout, L2 and every optimiser without leaking', async () => {
    for (const optimizer of ['sgd', 'momentum', 'rmsprop', 'adam'] as const) {
      const before = tf.memory().numTensors;
      const spec: ModelSpec = {
        ...SPEC,
        optimizer,
        l2: 0.001,
        layers: [
          { kind: 'dense', units: 16, activation: 'tanh' },
          { kind: 'dropout', rate: 0.3 },
          { kind: 'dense', units: 8, activation: 'relu' },
        ],
      };
      const messages = await run({ spec, save: false });
      expect(tf.memory().numTensors, optimizer).toBe(before);
      expect(ofType(messages, 'done')[0]!.testAccuracy, optimizer).toEqual(expect.any(Number));
    }
  });

  it('stops within one batch: tests what it trained, does not save, leaks nothing', async () => {
    saved.length = 0;
    const before = tf.memory().numTensors;
    let stop = false;
    const messages = await run({}, { afterBatch: (epoch, batch) => void (epoch === 0 && batch === 2 && (stop = true)) }, () => stop);
    expect(tf.memory().numTensors).toBe(before);
    expect(ofType(messages, 'metrics').at(-1)).toMatchObject({ epoch: 0, batch: 2, examplesSeen: 60 });
    expect(ofType(messages, 'epoch')).toEqual([]);
    expect(ofType(messages, 'done')[0]).toMatchObject({ stopped: true, epochsCompleted: 0, testAccuracy: expect.any(Number), tensorsLeft: 0 });
    expect(saved).toEqual([]);
  });

  it('stopped before anything: done with no figures', async () => {
    const messages = await run({}, {}, () => true);
    expect(messages.at(-1)).toEqual({
      type: 'done',
      stopped: true,
      testAccuracy: null,
      testLoss: null,
      epochsCompleted: 0,
      examplesPerSecond: 0,
      seconds: 0,
      tensorsLeft: 0,
    });
  });

  it('rejects a bad spec or plan in words before loading anything', async () => {
    loads.length = 0;
    const messages = await run({
      spec: { ...SPEC, layers: [{ kind: 'dense', units: 0, activation: 'relu' }] },
      data: { trainLimit: 0, validationCount: 0, testLimit: 1 },
    });
    expect(messages).toEqual([
      {
        type: 'error',
        code: 'unknown',
        message:
          'This model cannot be trained: Layer 1 (dense) needs a whole number of units from 1 to 2048, not 0. Training images must be a whole number from 1 to 60,000, not 0.',
        hint: 'Fix the setting named and start again.',
      },
    ]);
    expect(loads).toEqual([]);
  });

  it('a failed save is said, and the run still succeeds', async () => {
    const messages = await run({}, { saveModel: () => Promise.reject(new Error('QuotaExceededError')) });
    expect(ofType(messages, 'save-failed')[0]!.message).toBe('The model could not be saved in this browser (QuotaExceededError).');
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: false });
  });

  it('turns a failure mid-training into an error and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const messages = await run(
      {},
      {
        afterBatch: (epoch, batch) => {
          if (epoch === 1 && batch === 4) throw new Error('injected failure');
        },
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(messages.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/injected failure/) });
  });

  describe('convolutional specs', () => {
    // The default CNN on the 4 × 4 toy images: 4×4×1 → 4×4×8 → 2×2×8 → 2×2×16 → 1×1×16 → 16 → 10.
    const CNN: ModelSpec = { ...DEFAULT_CNN_SPEC, learningRate: 0.02, batchSize: 20, epochs: 2 };

    it('trains on images, sends the first convolution’s filters as they change, saves where asked — and leaks nothing', async () => {
      saved.length = 0;
      datasets.length = 0;
      const before = tf.memory().numTensors;
      let clock = 0;
      const messages = await run(
        { spec: CNN, data: { trainLimit: 200, validationCount: 50, testLimit: 60, dataset: 'fashion-mnist' }, saveUrl: 'indexeddb://cnn-test' },
        // 100 ms per batch: filters at most every 250 ms, i.e. after every third batch.
        { now: () => clock, afterBatch: () => void (clock += 100) },
      );
      expect(tf.memory().numTensors).toBe(before);
      expect(datasets).toEqual(['fashion-mnist', 'fashion-mnist']);
      expect(messages.find((m) => m.type === 'phase' && m.phase === 'loading-data')).toMatchObject({ message: 'Loading Fashion-MNIST…' });

      const filters = ofType(messages, 'filters');
      // Before the first batch, then every third batch of 20 (epochs of 200), then once after the last.
      expect(filters.map((f) => f.examplesSeen)).toEqual([0, 60, 120, 180, 240, 300, 360, 400]);
      expect(filters.map((f) => f.epoch)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
      for (const f of filters) {
        expect(f.layer).toBe(0);
        expect(f.shape).toEqual([3, 3, 1, 8]);
        expect(f.values).toBeInstanceOf(Float32Array);
        expect(f.values.length).toBe(72);
      }
      expect(Array.from(filters.at(-1)!.values)).not.toEqual(Array.from(filters[0]!.values));
      // The first message is sent before training, the last after it, before testing.
      const types = messages.map((m) => (m.type === 'phase' ? `phase:${m.phase}` : m.type));
      expect(types.indexOf('filters')).toBeLessThan(types.indexOf('metrics'));
      expect(types.lastIndexOf('filters')).toBeGreaterThan(types.lastIndexOf('epoch'));
      expect(types.lastIndexOf('filters')).toBeLessThan(types.indexOf('phase:testing'));

      const done = ofType(messages, 'done')[0]!;
      expect(done).toMatchObject({ stopped: false, epochsCompleted: 2, tensorsLeft: 0 });
      expect(done.testAccuracy).toBeGreaterThan(0.5);
      const save = ofType(messages, 'saved')[0]!;
      expect(save.url).toBe('indexeddb://cnn-test');
      expect(save.meta).toMatchObject({ spec: CNN, dataset: 'fashion-mnist' });
      expect(saved.map((s) => [s.url, s.weights])).toEqual([['indexeddb://cnn-test', 6]]);
    });

    it('sends no filters for a dense model, and loads MNIST by default', async () => {
      datasets.length = 0;
      const messages = await run({ save: false });
      expect(ofType(messages, 'filters')).toEqual([]);
      expect(datasets).toEqual(['mnist', 'mnist']);
    });

    it('stops a CNN within a batch without leaking', async () => {
      const before = tf.memory().numTensors;
      let stop = false;
      const messages = await run({ spec: CNN }, { afterBatch: (epoch, batch) => void (epoch === 0 && batch === 1 && (stop = true)) }, () => stop);
      expect(tf.memory().numTensors).toBe(before);
      expect(ofType(messages, 'done')[0]).toMatchObject({ stopped: true, tensorsLeft: 0, testAccuracy: expect.any(Number) });
      expect(ofType(messages, 'filters').map((f) => f.examplesSeen)).toEqual([0, 40]);
    });

    it('rejects a CNN without a flatten in words', async () => {
      const messages = await run({ spec: { ...CNN, layers: CNN.layers.slice(0, 4) } });
      expect(messages).toEqual([
        expect.objectContaining({
          type: 'error',
          message:
            'This model cannot be trained: The output layer needs one list of numbers, but gets a 7 × 7 × 16 image: add a flatten layer after the last pooling or convolution layer.',
        }),
      ]);
    });
  });
});
