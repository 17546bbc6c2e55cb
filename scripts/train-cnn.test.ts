/**
 * The committed pretrained CNN (public/models/fashion-cnn/, made by `npm run train:cnn`): it loads
 * with tf.loadLayersModel, it is the default CNN, its files are small, and the test accuracy its
 * metrics.json states is what a fresh evaluation on all 10,000 Fashion-MNIST test images gives
 * (within 0.1 percentage point: another backend may round differently). Data: public/data or
 * $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC, IMAGE_SHAPE } from '../src/lib/supervised/model-spec.ts';
import { PRETRAINED_CNN_METRICS_URL, PRETRAINED_CNN_URL, readPretrainedMetrics } from '../src/lib/supervised/pretrained.ts';
import { readSavedModelMeta } from '../src/lib/supervised/saved-model.ts';
import { evaluateBatched } from '../src/tf/evaluate.ts';
import { toTensors } from '../src/tf/mnist-tensors.ts';
import { MODEL_DIR, ROOT, folderLoadHandler, parseTrainArgs, readFashion } from './cnn-node.ts';

let model: tf.LayersModel;

beforeAll(async () => {
  // WebAssembly evaluates convolutions many times faster than the cpu backend.
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  expect(await tf.setBackend('wasm')).toBe(true);
  model = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
});

afterAll(() => model?.dispose());

describe('the pretrained CNN', () => {
  it('lives where PRETRAINED_CNN_URL says, and its weights are small', () => {
    expect(join(ROOT, 'public', PRETRAINED_CNN_URL)).toBe(join(MODEL_DIR, 'model.json'));
    expect(join(ROOT, 'public', PRETRAINED_CNN_METRICS_URL)).toBe(join(MODEL_DIR, 'metrics.json'));
    expect(statSync(join(MODEL_DIR, 'weights.bin')).size).toBe(9098 * 4);
  });

  it('is the default CNN, on 28 × 28 × 1 images, and says so in its metadata and metrics', () => {
    expect(model.inputs[0]!.shape).toEqual([null, ...IMAGE_SHAPE]);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    expect(model.countParams()).toBe(9098);
    const meta = readSavedModelMeta(model.getUserDefinedMetadata());
    if (!meta.ok) throw new Error(meta.problem);
    expect(meta.meta.spec.layers).toEqual(DEFAULT_CNN_SPEC.layers);
    const metrics = readPretrainedMetrics(JSON.parse(readFileSync(join(MODEL_DIR, 'metrics.json'), 'utf8')));
    if (!metrics.ok) throw new Error(metrics.problem);
    expect(metrics.metrics).toMatchObject({ dataset: 'fashion-mnist', testImages: 10_000, testAccuracy: meta.meta.testAccuracy });
    expect({ ...metrics.metrics.spec, epochs: 0 }).toEqual({ ...DEFAULT_CNN_SPEC, epochs: 0 });
  });

  it('has the test accuracy its metrics state, on all 10,000 test images', async () => {
    const metrics = JSON.parse(readFileSync(join(MODEL_DIR, 'metrics.json'), 'utf8')) as { testAccuracy: number };
    const test = readFashion('test');
    expect(test.count).toBe(10_000);
    const { x, y } = toTensors(tf, test);
    const images = x.reshape([test.count, ...IMAGE_SHAPE]);
    try {
      const { accuracy } = await evaluateBatched(tf, model, images, y);
      expect(Math.abs(accuracy - metrics.testAccuracy)).toBeLessThanOrEqual(0.001);
      expect(accuracy).toBeGreaterThan(0.5); // far above chance (10%): a model that learned something
    } finally {
      tf.dispose([x, y, images]);
    }
  }, 120_000);
});

describe('train:cnn options', () => {
  const defaults = { epochs: 3, wasmAvailable: false };
  it('defaults to all 60,000 images, the spec’s epochs, seed 1, and wasm only when its training kernels exist', () => {
    expect(parseTrainArgs([], defaults)).toEqual({ backend: 'cpu', trainLimit: 60_000, epochs: 3, seed: 1 });
    expect(parseTrainArgs([], { ...defaults, wasmAvailable: true }).backend).toBe('wasm');
    expect(parseTrainArgs(['--train-limit', '5000', '--epochs', '1', '--backend', 'wasm', '--seed', '9', '--note', 'x'], defaults)).toEqual({
      backend: 'wasm',
      trainLimit: 5000,
      epochs: 1,
      seed: 9,
      note: 'x',
    });
  });

  it('says what is wrong with an option', () => {
    expect(() => parseTrainArgs(['--epochs', '0'], defaults)).toThrow('--epochs needs a whole number from 1 to 100, not 0.');
    expect(() => parseTrainArgs(['--train-limit'], defaults)).toThrow('--train-limit needs a whole number from 1 to 60000, not nothing.');
    expect(() => parseTrainArgs(['--backend', 'webgl'], defaults)).toThrow('--backend must be cpu or wasm, not webgl.');
    expect(() => parseTrainArgs(['--fast'], defaults)).toThrow('Unknown option --fast; use --backend, --train-limit, --epochs, --seed or --note.');
  });
});
