/**
 * The training session on tfjs's cpu backend in Node, with a tiny synthetic dataset injected
 * in place of the real loader: message sequence, stopping, resuming, errors, and no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker, TrainConfig } from './protocol.ts';
import { runTrainingSession, type SessionDeps, type SplitData, type SplitLoader } from './session.ts';

const ROWS = 4;
const COLS = 4;

/** A learnable toy dataset: class c lights pixel c (plus noise), as 4×4 "images". */
function synthetic(count: number, seed: number): SplitData {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const images = new Uint8Array(count * ROWS * COLS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < ROWS * COLS; p++) images[i * ROWS * COLS + p] = Math.floor(rand() * 60);
    images[i * ROWS * COLS + label] = 255;
  }
  return { images, labels, count, rows: ROWS, cols: COLS };
}

const TRAIN = synthetic(200, 1);
const TEST = synthetic(50, 2);

const fakeLoader: SplitLoader = async (_url, _dataset, split, options) => {
  const data = split === 'train' ? TRAIN : TEST;
  const count = Math.min(options.limit ?? data.count, data.count);
  options.onProgress?.({ loaded: 10, total: 10, files: [{ file: `mnist/${split}-images`, loaded: 10, total: 10 }] });
  return { ...data, count, images: data.images.subarray(0, count * ROWS * COLS), labels: data.labels.subarray(0, count) };
};

const config: TrainConfig = {
  dataset: 'mnist',
  dataUrl: 'http://localhost/data/',
  trainLimit: 200,
  testLimit: 50,
  epochs: 2,
  batchSize: 20,
  learningRate: 0.05,
  hidden: [8],
  backend: 'cpu',
  previewCount: 6,
  seed: 7,
};

const baseDeps: SessionDeps = {
  loadSplit: fakeLoader,
  yieldToEventLoop: () => Promise.resolve(),
  now: () => 0, // frozen clock: metrics only on the first batch and the last of each epoch
};

async function run(cfg: Partial<TrainConfig> = {}, deps: SessionDeps = {}, stopped: () => boolean = () => false) {
  const messages: FromWorker[] = [];
  await runTrainingSession({ ...config, ...cfg }, (m) => messages.push(m), { stopped }, { ...baseDeps, ...deps });
  return messages;
}

const ofType = <T extends FromWorker['type']>(messages: FromWorker[], type: T) =>
  messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('runTrainingSession', () => {
  it('runs a full session: backend, data, metrics, epochs, checkpoints, done — and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const messages = await run();
    expect(tf.memory().numTensors).toBe(before);

    const kinds = messages.map((m) => (m.type === 'phase' ? `phase:${m.phase}` : m.type));
    expect(kinds[0]).toBe('backend');
    expect(kinds[1]).toBe('phase:loading-data');
    expect(kinds).toContain('download');
    expect(kinds.at(-1)).toBe('done');
    // Per epoch: training phase, metrics…, evaluating phase, epoch, checkpoint.
    const compact = kinds.filter((k) => k !== 'download').join(' ');
    expect(compact).toBe(
      'backend phase:loading-data ' +
        'phase:training metrics metrics phase:evaluating epoch checkpoint ' +
        'phase:training metrics phase:evaluating epoch checkpoint done',
    );
    expect(ofType(messages, 'backend')[0]).toEqual({ type: 'backend', backend: 'cpu' });

    const metrics = ofType(messages, 'metrics');
    // Throttled (the clock is frozen, so only the very first batch is "due"), but the last
    // batch of each epoch is always reported.
    expect(metrics.map((m) => [m.epoch, m.batch])).toEqual([
      [0, 0],
      [0, 9],
      [1, 9],
    ]);
    expect(metrics.at(-1)).toMatchObject({ batchesPerEpoch: 10, examplesSeen: 400 });
    for (const m of metrics) {
      expect(Number.isFinite(m.loss)).toBe(true);
      expect(m.accuracy).toBeGreaterThanOrEqual(0);
      expect(m.accuracy).toBeLessThanOrEqual(1);
    }

    const epochs = ofType(messages, 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    const done = ofType(messages, 'done')[0]!;
    expect(done).toMatchObject({ stopped: false, epochsCompleted: 2 });
    expect(done.testAccuracy).toBe(epochs[1]!.testAccuracy);
    // The toy task is easy: a trained network gets most of it right.
    expect(done.testAccuracy).toBeGreaterThan(0.8);
    expect(done.examplesPerSecond).toBe(0); // frozen clock: no measurable training time
    expect(done.predictions!.labels).toEqual(TEST.labels.slice(0, 6));
    expect(done.predictions!.images.length).toBe(6 * ROWS * COLS);
    expect(done.predictions!.predicted.length).toBe(6);

    const checkpoints = ofType(messages, 'checkpoint');
    expect(
      checkpoints.map((c) => c.epoch),
      'epochs completed when each was taken',
    ).toEqual([1, 2]);
    expect(checkpoints[0]!.weights.map((w) => w.length)).toEqual([16 * 8, 8, 8 * 10, 10]);
  });

  it('is reproducible: the same seed gives the same weights', async () => {
    const a = ofType(await run({ epochs: 1 }), 'checkpoint')[0]!.weights;
    const b = ofType(await run({ epochs: 1 }), 'checkpoint')[0]!.weights;
    const c = ofType(await run({ epochs: 1, seed: 8 }), 'checkpoint')[0]!.weights;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('stops within one batch, evaluates what it trained, sends a checkpoint, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    let stop = false;
    const messages = await run(
      {},
      {
        afterBatch: (epoch, batch) => {
          if (epoch === 0 && batch === 2) stop = true;
        },
      },
      () => stop,
    );
    expect(tf.memory().numTensors).toBe(before);
    const metrics = ofType(messages, 'metrics');
    expect(metrics.at(-1)).toMatchObject({ epoch: 0, batch: 2, examplesSeen: 60 });
    expect(ofType(messages, 'epoch')).toEqual([]);
    expect(ofType(messages, 'checkpoint').map((c) => c.epoch)).toEqual([0]);
    const done = ofType(messages, 'done')[0]!;
    expect(done).toMatchObject({ stopped: true, epochsCompleted: 0 });
    expect(done.testAccuracy).toEqual(expect.any(Number));
    expect(done.predictions).not.toBeNull();
    expect(messages.at(-1)!.type).toBe('done');
  });

  it('stopped before any batch: done with no accuracy and no predictions', async () => {
    const before = tf.memory().numTensors;
    const messages = await run({}, {}, () => true);
    expect(tf.memory().numTensors).toBe(before);
    expect(ofType(messages, 'metrics')).toEqual([]);
    expect(messages.at(-1)).toEqual({
      type: 'done',
      stopped: true,
      epochsCompleted: 0,
      testAccuracy: null,
      examplesPerSecond: 0,
      predictions: null,
    });
  });

  it('resumes from initialWeights: the checkpoint is loaded exactly', async () => {
    const first = await run({ epochs: 1 });
    const saved = ofType(first, 'checkpoint')[0]!.weights;
    const accuracy = ofType(first, 'epoch')[0]!.testAccuracy;
    // With a learning rate of 0 the resumed network must be exactly the saved one.
    const resumed = await run({ epochs: 1, learningRate: 0, seed: 99, initialWeights: saved.map((w) => w.slice()) });
    expect(ofType(resumed, 'checkpoint')[0]!.weights).toEqual(saved);
    expect(ofType(resumed, 'epoch')[0]!.testAccuracy).toBe(accuracy);
  });

  it('rejects weights that do not fit the network, clearly and without leaking', async () => {
    const before = tf.memory().numTensors;
    const messages = await run({ initialWeights: [new Float32Array(3)] });
    expect(tf.memory().numTensors).toBe(before);
    const error = ofType(messages, 'error')[0]!;
    expect(error.message).toMatch(/saved weights have 1 arrays but this network needs 4/);
  });

  it('turns a failure mid-training into an error message and still leaks nothing', async () => {
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
    expect(messages.at(-1)).toMatchObject({ type: 'error', code: 'unknown', message: 'Training failed: injected failure' });
    // The first epoch's checkpoint was sent before the failure: nothing is lost.
    expect(ofType(messages, 'checkpoint').map((c) => c.epoch)).toEqual([1]);
    expect(ofType(messages, 'done')).toEqual([]);
  });

  it('maps running out of memory and lost contexts to their own codes', async () => {
    const oom = await run(
      {},
      {
        afterBatch: () => {
          throw new RangeError('Array buffer allocation failed');
        },
      },
    );
    expect(oom.at(-1)).toMatchObject({ type: 'error', code: 'out-of-memory' });
    const lost = await run(
      {},
      {
        afterBatch: () => {
          throw new Error('WebGL context lost');
        },
      },
    );
    expect(lost.at(-1)).toMatchObject({ type: 'error', code: 'webgl-context-lost' });
    expect((lost.at(-1) as { message: string }).message).toMatch(/GPU context was lost.*Training stopped/);
  });

  it('reports a failing download as a data error', async () => {
    const before = tf.memory().numTensors;
    const messages = await run(
      {},
      {
        loadSplit: async () => {
          throw new Error('Could not download mnist/train-images-idx3-ubyte.gz: HTTP 404');
        },
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(messages.at(-1)).toMatchObject({ type: 'error', code: 'data' });
    expect((messages.at(-1) as { message: string }).message).toContain('HTTP 404');
  });

  it('reports a stop during the download as a stopped run, not an error', async () => {
    let stop = false;
    const messages = await run(
      {},
      {
        loadSplit: async () => {
          stop = true;
          throw new DOMException('The operation was aborted.', 'AbortError');
        },
      },
      () => stop,
    );
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: true, testAccuracy: null });
  });

  it('refuses a nonsensical config with a clear message', async () => {
    const messages = await run({ batchSize: 0 });
    expect(messages).toEqual([
      expect.objectContaining({ type: 'error', message: 'The training settings are not valid: batchSize must be a positive whole number, got 0.' }),
    ]);
  });
});
