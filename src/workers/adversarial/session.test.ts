/**
 * The adversarial session in Node on the wasm backend, with the committed pretrained CNN and the
 * Fashion-MNIST files read from disk (scripts/cnn-node.ts): the message sequence of a curve and of a
 * short training run, success rates in [0, 1] that rise with ε, weights sent back that differ from
 * the standard ones, stopping, bad requests, and no tensor left behind.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SplitLoader } from '../../lib/data/load.ts';
import { registerWasmTrainingKernels } from '../../tf/wasm-kernels.ts';
import { folderLoadHandler, MODEL_DIR, readFashion } from '../../../scripts/cnn-node.ts';
import type { AdversarialFromWorker, AdversarialRequest, CurveRequest, TrainRequest } from './protocol.ts';
import { runAdversarialSession, type AdversarialSessionDeps } from './session.ts';

beforeAll(async () => {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmTrainingKernels(tf);
});

const diskLoader: SplitLoader = async (_url, _dataset, split, options) => readFashion(split === 'train' ? 'train' : 'test', options.limit);

const DEPS: AdversarialSessionDeps = {
  loadSplit: diskLoader,
  initBackend: async () => ({ backend: 'wasm', attempts: [] }),
  loadModel: () => tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR)),
  yieldIntervalMs: 0,
  batchIntervalMs: 0,
};

const BASE = { backend: 'wasm', dataUrl: 'http://localhost/data/', modelUrl: 'http://localhost/models/fashion-cnn/model.json' } as const;
const CURVE: CurveRequest = { ...BASE, task: 'curve', model: 'standard', attack: 'fgsm', epsilons: [0.02, 0.1], images: 100 };
const TRAIN: TrainRequest = {
  ...BASE,
  task: 'train',
  method: 'fgsm-rs',
  epsilon: 0.1,
  images: 100,
  epochs: 1,
  batchSize: 50,
  learningRate: 1e-3,
  seed: 1,
  evaluate: { attack: 'fgsm', epsilons: [0, 0.1], images: 100 },
};

async function run(request: AdversarialRequest, stopped: (messages: AdversarialFromWorker[]) => boolean = () => false) {
  const messages: AdversarialFromWorker[] = [];
  await runAdversarialSession(request, (m) => messages.push(m), { stopped: () => stopped(messages) }, DEPS);
  return messages;
}

/** The message types in order, runs of the same type shown once. */
const sequence = (messages: AdversarialFromWorker[]): string[] =>
  messages.map((m) => (m.type === 'phase' ? `phase:${m.phase}` : m.type)).filter((t, i, all) => t !== all[i - 1]);

describe('the curve task', () => {
  it('sends phase, backend, progress and one curve whose success rates lie in [0, 1] and rise with ε, then done with no tensor left', async () => {
    const messages = await run(CURVE);
    expect(sequence(messages)).toEqual(['backend', 'phase:loading-data', 'phase:loading-model', 'phase:attacking', 'progress', 'curve', 'done']);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ model: 'requested', done: 200, total: 200 });
    const curve = messages.find((m) => m.type === 'curve')!;
    expect(curve).toMatchObject({ model: 'requested', attack: 'fgsm', images: 100 });
    const rates = curve.points.map((p) => p.successRate);
    for (const r of rates) expect(r).toBeGreaterThanOrEqual(0);
    for (const r of rates) expect(r).toBeLessThanOrEqual(1);
    expect(rates[1]).toBeGreaterThan(rates[0]!);
    expect(curve.points.map((p) => p.epsilon)).toEqual([0.02, 0.1]);
    expect(curve.cleanAccuracy).toBeGreaterThan(0.8);
    expect(curve.secondsPerImage).toBeGreaterThan(0);
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: false, tensorsLeft: 0 });
  });

  it('attacks other weights when given them (zeroed weights: every image is one class)', async () => {
    const model = await DEPS.loadModel!('');
    const zeros = model.getWeights().map((w) => new Float32Array(w.size));
    model.dispose();
    const messages = await run({ ...CURVE, model: { weights: zeros }, epsilons: [0] });
    const curve = messages.find((m) => m.type === 'curve')!;
    // All logits 0: argmax is class 0 (T-shirt/top) for every image, right for about a tenth.
    expect(curve.cleanAccuracy).toBeLessThan(0.2);
  });

  it('refuses bad requests in words before loading anything', async () => {
    const messages = await run({ ...CURVE, epsilons: [0.7], images: 0 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'error', code: 'unknown' });
    expect((messages[0] as { message: string }).message).toMatch(/ε.*test images/s);
  });

  it('ends with done (stopped) when stopped while attacking', async () => {
    const messages = await run({ ...CURVE, epsilons: [0.02, 0.05, 0.1] }, (m) => m.some((x) => x.type === 'progress' && x.done > 0));
    expect(messages.some((m) => m.type === 'curve')).toBe(false);
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: true, tensorsLeft: 0 });
  });
});

describe('the train task', () => {
  it('trains, sends the trained weights, then the curves of the trained and the standard model', async () => {
    const messages = await run(TRAIN);
    expect(sequence(messages)).toEqual([
      'backend',
      'phase:loading-data',
      'phase:loading-model',
      'phase:training',
      'batch',
      'epoch',
      'trained',
      'phase:evaluating',
      'progress',
      'curve',
      'progress',
      'curve',
      'done',
    ]);
    const batches = messages.filter((m) => m.type === 'batch');
    expect(batches.map((b) => b.batch)).toEqual([0, 1]);
    for (const b of batches) for (const v of [b.accuracy, b.adversarialAccuracy]) expect(v).toBeGreaterThanOrEqual(0);
    const trained = messages.find((m) => m.type === 'trained')!;
    expect(trained.weights.map((w) => w.length)).toEqual([72, 8, 1152, 16, 7840, 10]);
    const standard = await DEPS.loadModel!('');
    const standardWeights = standard.getWeights().map((w) => w.dataSync());
    standard.dispose();
    expect(trained.weights[0]).not.toEqual(standardWeights[0]);
    const curves = messages.filter((m) => m.type === 'curve');
    expect(curves.map((c) => c.model)).toEqual(['trained', 'standard']);
    expect(curves[0]!.cleanAccuracy).toBeCloseTo(trained.cleanAccuracy, 10);
    for (const c of curves) expect(c.points[0]!.successRate).toBe(0);
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: false, tensorsLeft: 0 });
  });

  it('sends what it trained, and no curves, when stopped after a batch', async () => {
    const messages = await run(TRAIN, (m) => m.some((x) => x.type === 'batch'));
    expect(sequence(messages).slice(-3)).toEqual(['batch', 'trained', 'done']);
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: true, tensorsLeft: 0 });
  });
});
