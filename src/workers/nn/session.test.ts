import { describe, expect, it } from 'vitest';
import type { NnFromWorker, NnTrainConfig } from './protocol.ts';
import { configProblem, runNnSession, type SplitLoader } from './session.ts';

/**
 * Synthetic 4×4 "digits": a zero is a ring of ink around an empty centre, every other
 * digit a bar through the centre, with seeded noise. One neuron separates them easily.
 */
function syntheticSplit(count: number, seed: number) {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const images = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  const centre = new Set([5, 6, 9, 10]);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < 16; p++) {
      const ink = label === 0 ? !centre.has(p) : centre.has(p);
      images[i * 16 + p] = Math.round((ink ? 200 : 0) + rand() * 55);
    }
  }
  return { images, labels, count, rows: 4, cols: 4 };
}

const loader: SplitLoader = async (_url, _dataset, split, options) => {
  options.onProgress?.({ loaded: 10, total: 10, files: [{ file: `mnist/${split}.gz`, loaded: 10, total: 10 }] });
  const all = syntheticSplit(split === 'train' ? 600 : 200, split === 'train' ? 1 : 2);
  const n = Math.min(options.limit ?? all.count, all.count);
  return { ...all, images: all.images.subarray(0, n * 16), labels: all.labels.subarray(0, n), count: n };
};

const base: NnTrainConfig = {
  task: 'zero-vs-rest',
  dataUrl: 'http://test/data/',
  trainLimit: 500,
  validationCount: 100,
  testLimit: 200,
  layers: [{ kind: 'dense', units: 1 }],
  loss: 'sigmoid-binary-cross-entropy',
  optimizer: { kind: 'sgd', learningRate: 0.5 },
  batchSize: 20,
  epochs: 2,
  earlyStoppingPatience: 0,
  seed: 3,
  init: 'zeros',
  reportEveryBatches: 5,
  sendFirstLayerWeights: true,
};

async function run(config: NnTrainConfig, stopAfter = Infinity): Promise<NnFromWorker[]> {
  const messages: NnFromWorker[] = [];
  let metrics = 0;
  await runNnSession(
    config,
    (m) => {
      messages.push(m);
      if (m.type === 'metrics') metrics++;
    },
    { stopped: () => metrics >= stopAfter, loadSplit: loader, yieldToEvents: async () => {} },
  );
  return messages;
}

const byType = <T extends NnFromWorker['type']>(ms: NnFromWorker[], type: T) =>
  ms.filter((m): m is Extract<NnFromWorker, { type: T }> => m.type === type);

describe('runNnSession', () => {
  it('trains one neuron to tell zeros apart, reporting metrics, epochs and a test result', async () => {
    const ms = await run(base);
    expect(byType(ms, 'phase').map((m) => m.phase)).toEqual(['loading-data', 'training', 'evaluating']);
    expect(byType(ms, 'download').length).toBeGreaterThan(0);
    const metrics = byType(ms, 'metrics');
    // 25 batches per epoch, a report every 5 batches: 5 per epoch.
    expect(metrics).toHaveLength(10);
    expect(metrics[0]!.batchesPerEpoch).toBe(25);
    expect(metrics.at(-1)!.examplesSeen).toBe(1000);
    expect(metrics[0]!.firstLayerWeights).toHaveLength(16);
    const epochs = byType(ms, 'epoch');
    expect(epochs.map((e) => e.summary.epoch)).toEqual([0, 1]);
    expect(epochs[1]!.summary.validationAccuracy).toBeGreaterThan(0.95);
    expect(epochs[1]!.summary.trainLoss).toBeLessThan(epochs[0]!.summary.trainLoss);
    const done = byType(ms, 'done')[0]!;
    expect(done.stopped).toBe(false);
    expect(done.epochsCompleted).toBe(2);
    expect(done.test!.count).toBe(200);
    expect(done.test!.accuracy).toBeGreaterThan(0.95);
    expect(done.test!.scores).toHaveLength(200);
    // P(zero) is high for the zeros (every 10th example).
    expect(done.test!.scores[0]!).toBeGreaterThan(0.5);
    expect(done.test!.scores[1]!).toBeLessThan(0.5);
    expect(done.weights.map((w) => w.length)).toEqual([16, 1]);
    // The weights learned: ink on the ring says "zero" (positive), ink in the centre says "not zero".
    expect(done.weights[0]![0]!).toBeGreaterThan(0);
    expect(done.weights[0]![5]!).toBeLessThan(0);
  });

  it('gives digits a 10 × 10 confusion matrix and predicted classes as scores', async () => {
    const ms = await run({
      ...base,
      task: 'digits',
      layers: [{ kind: 'dense', units: 10 }],
      loss: 'softmax-cross-entropy',
      init: undefined,
      epochs: 1,
    } as NnTrainConfig);
    const done = byType(ms, 'done')[0]!;
    const confusion = done.test!.confusion!;
    expect(confusion).toHaveLength(100);
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(200);
    expect(done.test!.scores.every((s) => Number.isInteger(s) && s >= 0 && s <= 9)).toBe(true);
  });

  it('stops at the next report when asked, still evaluating the weights so far', async () => {
    const ms = await run(base, 2);
    const done = byType(ms, 'done')[0]!;
    expect(done.stopped).toBe(true);
    expect(done.epochsCompleted).toBe(0);
    expect(byType(ms, 'metrics')).toHaveLength(2);
    expect(done.test).not.toBeNull();
  });

  it('stops early and keeps the best weights when validation loss stops improving', async () => {
    // A huge learning rate makes the validation loss bounce; patience 1 ends the run early.
    const ms = await run({ ...base, epochs: 30, earlyStoppingPatience: 1, optimizer: { kind: 'sgd', learningRate: 50 } });
    const stop = byType(ms, 'early-stop');
    expect(stop).toHaveLength(1);
    const epochs = byType(ms, 'epoch');
    expect(epochs.length).toBeLessThan(30);
    const best = epochs.filter((e) => e.best).at(-1)!;
    expect(stop[0]!.bestEpoch).toBe(best.summary.epoch);
    const bestLoss = Math.min(...epochs.map((e) => e.summary.validationLoss!));
    expect(best.summary.validationLoss).toBe(bestLoss);
  });

  it('reports a bad config or failed download as an error in words', async () => {
    const bad = await run({ ...base, trainLimit: 60_000, validationCount: 1 });
    expect(bad).toEqual([{ type: 'error', code: 'config', message: expect.stringMatching(/more than the 60000/) }]);
    const ms: NnFromWorker[] = [];
    await runNnSession(base, (m) => ms.push(m), {
      stopped: () => false,
      loadSplit: async () => {
        throw new Error('mnist/train-images-idx3-ubyte.gz: HTTP 404');
      },
    });
    expect(ms.at(-1)).toEqual({ type: 'error', code: 'data', message: 'mnist/train-images-idx3-ubyte.gz: HTTP 404' });
  });

  it('configProblem explains mismatched outputs and early stopping without validation', () => {
    expect(configProblem({ ...base, layers: [{ kind: 'dense', units: 10 }] })).toMatch(/1 unit/);
    expect(configProblem({ ...base, validationCount: 0, earlyStoppingPatience: 2 })).toMatch(/validation/);
    expect(configProblem(base)).toBeNull();
  });
});
