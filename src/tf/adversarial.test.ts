/**
 * The tfjs side of adversarial examples, on the wasm backend with the project's training kernels
 * (as scripts/train-cnn.ts; the cpu backend trains a CNN many times slower): the input gradient of a linear softmax
 * model against the analytic one, the pretrained CNN's gradient against the engine's
 * (src/lib/adversarial/cnn-model.ts), a curve whose success rises with ε, and a tiny adversarial
 * fine-tune that changes the weights and leaves no tensor behind.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputGradient as engineGradient, parseLayersCnn } from '../lib/adversarial/cnn-model.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import { folderLoadHandler, MODEL_DIR, readFashion } from '../../scripts/cnn-node.ts';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';
import { adversarialFineTune, gradientOracle, inputGradient, modelLogits, readWeights, robustnessCurve, writeWeights } from './adversarial.ts';

let cnn: tf.LayersModel;
let testX: Float32Array;
let testY: Uint8Array;

beforeAll(async () => {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmTrainingKernels(tf);
  cnn = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
  const test = readFashion('test', 200);
  testX = Float32Array.from(test.images, (v) => v / 255);
  testY = test.labels;
});

afterAll(() => cnn?.dispose());

function linearModel(seed: number): { model: tf.Sequential; w: Float32Array; b: Float32Array } {
  const rand = mulberry32(seed);
  const w = Float32Array.from({ length: 784 * 10 }, () => (rand() - 0.5) * 0.2);
  const b = Float32Array.from({ length: 10 }, () => rand() - 0.5);
  const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  model.setWeights([tf.tensor2d(w, [784, 10]), tf.tensor1d(b)]);
  return { model, w, b };
}

describe('inputGradient', () => {
  it('equals the analytic gradient W(p − onehot(y)) of a linear softmax model, image by image', async () => {
    const { model, w, b } = linearModel(3);
    const rand = mulberry32(4);
    const n = 3;
    const x = Float32Array.from({ length: n * 784 }, () => rand());
    const labels = [2, 7, 0];
    const g = (await gradientOracle(tf, model, labels)(x, n)) as Float32Array;
    for (let i = 0; i < n; i++) {
      const z = Array.from({ length: 10 }, (_, k) => {
        let s = b[k]!;
        for (let j = 0; j < 784; j++) s += x[i * 784 + j]! * w[j * 10 + k]!;
        return s;
      });
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, c) => a + c, 0);
      const d = e.map((v, k) => v / sum - (k === labels[i] ? 1 : 0));
      for (const j of [0, 100, 400, 783]) {
        const expected = d.reduce((s, dk, k) => s + dk * w[j * 10 + k]!, 0);
        expect(g[i * 784 + j]).toBeCloseTo(expected, 5);
      }
    }
    model.dispose();
  });

  it('is not lost when the model is sure: a logit margin of 100 still gives a gradient (the loss comes from logits)', () => {
    const { model } = linearModel(5);
    const w = new Float32Array(784 * 10);
    w[0 * 10 + 3] = 100; // pixel 0 drives class 3 hard
    w[0 * 10 + 4] = 99; // and class 4 almost as hard
    model.setWeights([tf.tensor2d(w, [784, 10]), tf.zeros([10])]);
    const x = new Float32Array(784);
    x[0] = 1;
    const g = tf.tidy(() => inputGradient(tf, model, tf.tensor4d(x, [1, 28, 28, 1]), tf.tensor1d([3], 'int32')).dataSync());
    // p₃ ≈ 0.73 here, so the gradient is about (p₃ − 1)·100 + p₄·99 ≈ −0.7 ≠ 0, and finite.
    expect(Number.isFinite(g[0]!)).toBe(true);
    expect(Math.abs(g[0]!)).toBeGreaterThan(0.1);
    model.dispose();
  });

  it('of the pretrained CNN equals the engine’s gradient of the same files', async () => {
    const json = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')) as unknown;
    const bytes = readFileSync(join(MODEL_DIR, 'weights.bin'));
    const engine = parseLayersCnn(json, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const n = 4;
    const x = testX.subarray(0, n * 784);
    const labels = Array.from(testY.subarray(0, n));
    const fromTf = (await gradientOracle(tf, cnn, labels)(x, n)) as Float32Array;
    const fromEngine = engineGradient(engine, x, n, labels);
    const scale = Math.max(...Array.from(fromEngine, Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (let i = 0; i < fromTf.length; i++) expect(Math.abs(fromTf[i]! - fromEngine[i]!)).toBeLessThan(1e-4 * scale + 1e-7);
  });
});

describe('robustnessCurve', () => {
  it('gives success rates in [0, 1] that rise with ε, 0 at ε = 0, and the clean accuracy', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const curve = await robustnessCurve(tf, cnn, testX, testY, 100, {
      attack: 'fgsm',
      epsilons: [0, 0.02, 0.1],
      batchSize: 50,
      onProgress: (done, total) => {
        expect(total).toBe(300);
        progress.push(done);
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress).toEqual([50, 100, 150, 200, 250, 300]);
    const rates = curve!.points.map((p) => p.successRate);
    expect(rates[0]).toBe(0);
    expect(rates[1]).toBeGreaterThan(0);
    expect(rates[2]).toBeGreaterThan(rates[1]!);
    expect(rates[2]).toBeLessThanOrEqual(1);
    expect(curve!.cleanAccuracy).toBeGreaterThan(0.8);
    expect(curve!.points[0]!.robustAccuracy).toBeCloseTo(curve!.cleanAccuracy, 10);
    // The confusion matrix counts the clean-correct images that the attack flipped off the diagonal.
    const flipped = curve!.points[2]!.confusion.flatMap((row, t) => row.filter((_, p) => p !== t)).reduce((a, c) => a + c, 0);
    expect(flipped / Math.round(curve!.cleanAccuracy * 100)).toBeCloseTo(rates[2]!, 10);
  });

  it('PGD finds at least as many flips as FGSM at the same ε', async () => {
    const options = { epsilons: [0.05], batchSize: 50 } as const;
    const f = await robustnessCurve(tf, cnn, testX, testY, 50, { ...options, attack: 'fgsm' });
    const p = await robustnessCurve(tf, cnn, testX, testY, 50, { ...options, attack: 'pgd', steps: 5 });
    expect(p!.points[0]!.successRate).toBeGreaterThanOrEqual(f!.points[0]!.successRate);
  });
});

describe('adversarialFineTune', () => {
  it('trains on a few hundred images, changes the weights, and keeps the tensor count flat', async () => {
    const train = readFashion('train', 200);
    const x = Float32Array.from(train.images, (v) => v / 255);
    const model = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
    const start = await readWeights(model);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const reports: number[] = [];
    const result = await adversarialFineTune(tf, model, x, train.labels, 200, {
      method: 'fgsm-rs',
      epsilon: 0.1,
      epochs: 1,
      batchSize: 50,
      learningRate: 1e-3,
      seed: 1,
      onBatch: (r) => {
        counts.push(tf.memory().numTensors);
        reports.push(r.loss, r.accuracy, r.adversarialAccuracy);
      },
    });
    expect(result).toEqual({ epochsCompleted: 1, batches: 4, stopped: false });
    // Adam's moments appear with the first step; after that nothing grows, and the end leaves nothing.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    for (const v of reports) expect(Number.isFinite(v)).toBe(true);
    const end = await readWeights(model);
    const moved = end.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - start[i]![j]!))));
    for (const m of moved) expect(m).toBeGreaterThan(0);
    // writeWeights puts them back exactly.
    writeWeights(tf, model, start);
    expect(await readWeights(model)).toEqual(start);
    model.dispose();
  });

  it('stops before the next batch when asked', async () => {
    const model = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
    let batches = 0;
    const result = await adversarialFineTune(tf, model, testX, testY, 100, {
      method: 'pgd',
      steps: 2,
      epsilon: 0.05,
      epochs: 2,
      batchSize: 25,
      learningRate: 1e-3,
      seed: 2,
      onBatch: () => batches++,
      stopped: () => batches >= 2,
    });
    expect(result).toEqual({ epochsCompleted: 0, batches: 2, stopped: true });
    model.dispose();
  });

  it('refuses a model that does not end in a Dense softmax', () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.activation({ activation: 'softmax' })] });
    expect(() => modelLogits(tf, model, tf.zeros([1, 28, 28, 1]))).toThrow(/Dense layer/);
    model.dispose();
  });
});
