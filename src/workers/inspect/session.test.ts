/**
 * The inspector's session on tfjs's cpu backend in Node, with synthetic 28×28 data and a memory
 * store in place of IndexedDB: quick model → evaluation → save → restore gives the same
 * predictions; export → load round-trips; bad files leave the model in use alone; no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SplitData, SplitLoader } from '../../lib/data/load.ts';
import { parseModelJson, type ModelJson } from '../../lib/model-files/model-json.ts';
import { InspectSession, type ModelStore } from './session.ts';

/** Class c lights a 4×4 block at (4c mod 28, 8): learnable in one epoch. */
function synthetic(count: number, seed: number): SplitData {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(rand() * 40);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) images[i * 784 + (8 + y + (label > 6 ? 10 : 0)) * 28 + ((label * 4) % 28) + x] = 255;
  }
  return { images, labels, count, rows: 28, cols: 28 };
}

const TRAIN = synthetic(300, 1);
const TEST = synthetic(100, 2);
const loader: SplitLoader = async (_url, _dataset, split, options) => {
  const data = split === 'train' ? TRAIN : TEST;
  const count = Math.min(options.limit ?? data.count, data.count);
  return { ...data, count, images: data.images.subarray(0, count * 784), labels: data.labels.subarray(0, count) };
};

function memoryStore(): ModelStore & { saved: tf.io.ModelArtifacts | null } {
  const store = {
    saved: null as tf.io.ModelArtifacts | null,
    exists: async () => store.saved !== null,
    saveTo: () =>
      tf.io.withSaveHandler(async (artifacts) => {
        store.saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    loadFrom: () => ({ load: async () => store.saved! }),
  };
  return store;
}

const data = { dataUrl: 'http://localhost/data/', testLimit: 100 };
const progress = () => {};
const input = () => Float32Array.from(TEST.images.subarray(3 * 784, 4 * 784), (v) => v / 255);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the inspector session', () => {
  it('trains the quick model, saves it, and restores it with the same predictions; nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const store = memoryStore();
    const session = new InspectSession({ loadSplit: loader, backend: async () => 'cpu', store });
    const { info, evaluation } = await session.trainQuick(data, 300, 1, progress);
    expect(info).toMatchObject({ source: 'quick', units: [784, 128, 10], params: 784 * 128 + 128 + 1290 });
    expect(evaluation.predicted).toHaveLength(100);
    expect(evaluation.accuracy).toBeGreaterThan(0.5);
    expect(store.saved?.userDefinedMetadata).toMatchObject({ tinker: { testAccuracy: evaluation.accuracy, spec: { epochs: 1 } } });
    const first = await session.predict(input());
    session.dispose();

    const again = new InspectSession({ loadSplit: loader, backend: async () => 'cpu', store });
    const restored = await again.restore();
    expect(restored?.meta?.testAccuracy).toBe(evaluation.accuracy);
    expect([...(await again.predict(input()))]).toEqual([...first]);
    const ev = await again.evaluate(data, progress);
    expect([...ev.predicted]).toEqual([...evaluation.predicted]);
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says there is nothing to restore when nothing is saved', async () => {
    const session = new InspectSession({ loadSplit: loader, backend: async () => 'cpu', store: memoryStore() });
    expect(await session.restore()).toBeNull();
  });

  it('exports model files that load back to the same model, and a bad model leaves the one in use alone', async () => {
    const before = tf.memory().numTensors;
    const session = new InspectSession({ loadSplit: loader, backend: async () => 'cpu', store: memoryStore() });
    await session.trainQuick(data, 300, 2, progress);
    const first = await session.predict(input());
    const { modelJson, weightData } = await session.export('model.weights.bin');
    const parsed = parseModelJson(modelJson, 'model.json');
    expect(parsed.ok).toBe(true);
    const json = (parsed as { value: ModelJson }).value;
    expect(json.weightBytes).toBe(weightData.byteLength);

    const other = new InspectSession({ loadSplit: loader, backend: async () => 'cpu', store: memoryStore() });
    const info = await other.loadFiles(json, weightData);
    expect(info).toMatchObject({ source: 'files', units: [784, 128, 10] });
    expect([...(await other.predict(input()))]).toEqual([...first]);

    // Weights of the wrong size, or a topology tfjs cannot build: an error in words, the model in use stays.
    await expect(other.loadFiles(json, weightData.slice(4))).rejects.toThrow(/weights hold 407076 bytes but model.json describes 407080/);
    const broken = { ...json, modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'NoSuchLayer', config: {} }] } } };
    await expect(other.loadFiles(broken, weightData)).rejects.toThrow(/TensorFlow.js could not build a model from these files/);
    expect([...(await other.predict(input()))]).toEqual([...first]);
    session.dispose();
    other.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
