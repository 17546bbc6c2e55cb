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
function tfGradient(x: Float32Array, n: number, classes: readonly number[], of: tf.LayersModel = model): Float32Array {
  return tf.tidy(() => {
    const images = tf.tensor(x, [n, ...(of.inputs[0]!.shape.slice(1) as number[])]);
    const targets = tf.oneHot(tf.tensor1d([...classes], 'int32'), 10);
    const loss = (input: tf.Tensor): tf.Scalar => tf.neg(tf.sum(tf.mul(targets, tf.log(of.predict(input) as tf.Tensor)))) as tf.Scalar;
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

/** A tfjs model's files as parseLayersCnn reads them (model.json parsed, weights.bin). */
async function files(of: tf.LayersModel): Promise<{ json: unknown; weights: ArrayBuffer }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await of.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const json = { modelTopology: saved!.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: saved!.weightSpecs }] };
  return { json: JSON.parse(JSON.stringify(json)), weights: saved!.weightData as ArrayBuffer };
}

describe('the engine agrees with tfjs on the other networks the CNN trainer can save', () => {
  const seed = (s: number) => tf.initializers.glorotUniform({ seed: s });
  const cases: [string, () => tf.Sequential][] = [
    [
      'tanh convolution with strides, sigmoid hidden Dense, Dropout',
      () =>
        tf.sequential({
          layers: [
            tf.layers.conv2d({
              inputShape: [28, 28, 1],
              filters: 4,
              kernelSize: 5,
              strides: 2,
              padding: 'same',
              activation: 'tanh',
              kernelInitializer: seed(1),
              biasInitializer: 'ones',
            }),
            tf.layers.maxPooling2d({ poolSize: 3, strides: 2 }),
            tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'valid', activation: 'linear', kernelInitializer: seed(2) }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 12, activation: 'sigmoid', kernelInitializer: seed(3), biasInitializer: 'ones' }),
            tf.layers.dropout({ rate: 0.5 }),
            tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seed(4) }),
          ],
        }),
    ],
    [
      'a Dense-only network on a flat row of 784 pixels',
      () =>
        tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: [784], units: 16, activation: 'relu', kernelInitializer: seed(5), biasInitializer: 'ones' }),
            tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seed(6) }),
          ],
        }),
    ],
  ];
  for (const [what, build] of cases) {
    it(what, async () => {
      const reference = build();
      try {
        const { json, weights } = await files(reference);
        const ours = parseLayersCnn(json, weights);
        expect(ours.inputShape).toEqual([28, 28, 1]);
        const n = 3;
        const rand = mulberry32(23);
        const x = Float32Array.from({ length: n * 784 }, () => rand());
        const classes = [1, 8, 4];
        const theirs = tf.tidy(() =>
          (reference.predict(tf.tensor(x, [n, ...(reference.inputs[0]!.shape.slice(1) as number[])])) as tf.Tensor).dataSync(),
        );
        expectClose(probabilities(ours, x, n), theirs, `${what}: probabilities`);
        const gradient = inputGradient(ours, x, n, classes);
        expect(gradient.some((g) => Math.abs(g) > 1e-3)).toBe(true);
        expectClose(gradient, tfGradient(x, n, classes, reference), `${what}: input gradient`);
      } finally {
        reference.dispose();
      }
    });
  }
});
