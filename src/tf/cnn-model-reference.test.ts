/**
 * The engine CNN (src/lib/adversarial/cnn-model.ts: the committed pretrained Fashion-MNIST CNN read
 * without tfjs) against TensorFlow.js on the cpu backend running the SAME files: class probabilities
 * (model.predict) and the input gradient of the cross-entropy (tf.grad), within 1e-4, on test images
 * and on random ones. This is what lets the pages attack the model with the engine and the worker with
 * tfjs and quote the same numbers. Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputGradient, parseLayersCnn, probabilities, type CnnModel } from '../lib/adversarial/cnn-model.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import { MODEL_DIR, folderLoadHandler, readFashion } from '../../scripts/cnn-node.ts';

const TOL = 1e-4;
const TEST_IMAGES = [0, 1, 2, 3, 70, 123];

let engine: CnnModel;
let model: tf.LayersModel;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
  model = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
  const b = readFileSync(join(MODEL_DIR, 'weights.bin'));
  engine = parseLayersCnn(JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')), b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
});

afterAll(() => model?.dispose());

function expectClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, what: string): void {
  expect(ours.length, what).toBe(theirs.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
  expect(worst, `${what}: max |engine − tfjs| = ${worst}`).toBeLessThanOrEqual(TOL);
}

/** Test images by index, 0..1, and their labels. */
function testImages(indices: readonly number[]): { x: Float32Array; labels: number[] } {
  const data = readFashion('test', Math.max(...indices) + 1);
  const x = new Float32Array(indices.length * 784);
  indices.forEach((index, r) => {
    for (let j = 0; j < 784; j++) x[r * 784 + j] = data.images[index * 784 + j]! / 255;
  });
  return { x, labels: indices.map((index) => data.labels[index]!) };
}

/** tfjs: Σᵢ −log p(classes[i] | xᵢ) differentiated with respect to the images. */
function tfGradient(x: Float32Array, n: number, classes: readonly number[]): Float32Array {
  return tf.tidy(() => {
    const images = tf.tensor4d(x, [n, 28, 28, 1]);
    const targets = tf.oneHot(tf.tensor1d(classes, 'int32'), 10);
    const loss = (input: tf.Tensor): tf.Scalar => tf.neg(tf.sum(tf.mul(targets, tf.log(model.predict(input) as tf.Tensor))));
    return tf.grad(loss)(images).dataSync() as Float32Array;
  });
}

describe('the engine CNN agrees with tfjs on the pretrained model', () => {
  it('probabilities equal model.predict on test images', () => {
    const { x } = testImages(TEST_IMAGES);
    const n = TEST_IMAGES.length;
    const theirs = tf.tidy(() => (model.predict(tf.tensor4d(x, [n, 28, 28, 1])) as tf.Tensor).dataSync());
    expectClose(probabilities(engine, x, n), theirs, 'probabilities');
  });

  it('the input gradient of the true class’s cross-entropy equals tf.grad, test images', () => {
    const { x, labels } = testImages(TEST_IMAGES);
    const ours = inputGradient(engine, x, TEST_IMAGES.length, labels);
    expect(ours.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    expectClose(ours, tfGradient(x, TEST_IMAGES.length, labels), 'input gradient');
  });

  it('the input gradient towards any target class equals tf.grad, random images', () => {
    const n = 4;
    const rand = mulberry32(19);
    const x = Float32Array.from({ length: n * 784 }, () => rand());
    const targets = [8, 0, 5, 9];
    expectClose(inputGradient(engine, x, n, targets), tfGradient(x, n, targets), 'input gradient (random images)');
  });

  it('leaks no tensors', () => {
    const start = tf.memory().numTensors;
    const { x, labels } = testImages([0]);
    tfGradient(x, 1, labels);
    expect(tf.memory().numTensors).toBe(start);
  });
});
