/**
 * runGrader and the model-accuracy grader on tfjs's cpu backend in Node, with a small
 * generated "MNIST" injected in place of the real loader: class c lights pixel c.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraderSpec, ModelAccuracyGraderSpec } from '../lib/exercises/types.ts';
import { countTensorsLeft, type TrackedTensor } from '../lib/grading/tensors-left.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import {
  captureModelSaving,
  gradeModelAccuracy,
  loadSavedModel,
  modelAdvice,
  runGrader,
  saveModel,
  type GraderContext,
  type GradingSplit,
  type GradingSplitLoader,
} from './graders.ts';

const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;

function synthetic(count: number, seed: number): GradingSplit {
  const rand = mulberry32(seed);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    for (let p = 0; p < PIXELS; p++) images[i * PIXELS + p] = Math.floor(rand() * 60);
    images[i * PIXELS + (i % 10)] = 255;
  }
  return { images, labels, count, rows: ROWS, cols: COLS };
}

const TEST = synthetic(2500, 3); // more than one evaluation batch
const calls: Array<{ split: string; limit: number | undefined }> = [];
const loader: GradingSplitLoader = async (_url, _dataset, split, options) => {
  calls.push({ split, limit: options.limit });
  const count = Math.min(options.limit ?? TEST.count, TEST.count);
  return { ...TEST, count, images: TEST.images.subarray(0, count * PIXELS), labels: TEST.labels.subarray(0, count) };
};

/** Weights of a dense 784 → 10 layer that reads pixel c as the score of class c (or all zeros). */
function denseWeights(perfect: boolean, units = 10): [tf.Tensor, tf.Tensor] {
  const kernel = new Float32Array(PIXELS * units);
  if (perfect) for (let c = 0; c < units; c++) kernel[c * units + c] = 10;
  return [tf.tensor2d(kernel, [PIXELS, units]), tf.zeros([units])];
}

function flatModel(perfect: boolean, units = 10): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [PIXELS], units, activation: 'softmax' })] });
  const weights = denseWeights(perfect, units);
  model.layers[0]!.setWeights(weights);
  tf.dispose(weights);
  return model;
}

function imageModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [ROWS, COLS, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
  });
  const weights = denseWeights(true);
  model.layers[1]!.setWeights(weights);
  tf.dispose(weights);
  return model;
}

const spec: ModelAccuracyGraderSpec = { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.9 };

function context(returned: unknown, extra: Partial<GraderContext> = {}): GraderContext {
  return { returned, exports: {}, tf, dataUrl: 'http://localhost/data/', datasets: {}, print: () => {}, ...extra };
}

const grade = (returned: unknown, s: ModelAccuracyGraderSpec = spec) => gradeModelAccuracy(s, context(returned), { loadSplit: loader });

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('gradeModelAccuracy', () => {
  it('passes a model that classifies every image, with the figure in words, and leaks no tensors', async () => {
    const model = flatModel(true);
    const before = tf.memory().numTensors;
    const result = await grade(model);
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toEqual({
      pass: true,
      figure: 1,
      figureText: '100.0% of the 2,500 MNIST test images',
      message: 'Your model reaches 100.0% on the 2,500 MNIST test images (90% needed). Well done!',
      details: ['2,500 of 2,500 images classified correctly.'],
    });
    model.dispose();
  });

  it('fails a model below the threshold, with the measured figure and advice', async () => {
    const model = flatModel(false); // all scores equal: always predicts class 0
    const result = await grade(model, { ...spec, advice: 'Train it for a few epochs.' });
    expect(result.pass).toBe(false);
    expect(result.figure).toBeCloseTo(0.1, 10);
    // 10% is what guessing gets: the advice says so rather than the exercise's general advice.
    expect(result.message).toMatch(
      /^Your model reaches 10\.0% on the 2,500 MNIST test images; 90% is needed\. That is about what guessing gets \(1 in 10\): the model has not learned\./,
    );
    model.dispose();
  });

  it('feeds 28 × 28 × 1 images to a model that wants them', async () => {
    const model = imageModel();
    const result = await grade(model);
    expect(result.pass).toBe(true);
    model.dispose();
  });

  it('evaluates only the first `limit` images when the spec says so', async () => {
    const model = flatModel(true);
    calls.length = 0;
    const result = await grade(model, { ...spec, limit: 100 });
    expect(calls).toEqual([{ split: 'test', limit: 100 }]);
    expect(result.figureText).toBe('100.0% of the 100 MNIST test images');
    model.dispose();
  });

  it('says to return the model when the code returned nothing, a tensor or the history', async () => {
    expect((await grade(undefined)).message).toMatch(/^Your code must end with `return model;`/);
    const t = tf.zeros([2, 3]);
    expect((await grade(t)).message).toMatch(/^Your code returned a tensor of shape \[2, 3\], not a model\. End your code with `return model;`/);
    t.dispose();
    expect((await grade({ history: { loss: [1] }, epoch: [0] })).message).toMatch(/the training history that model\.fit gives back, not the model/);
    expect((await grade(42)).message).toMatch(/^Your code returned 42, not a tfjs model/);
  });

  it('explains a wrong number of outputs before loading any data', async () => {
    const model = flatModel(false, 5);
    calls.length = 0;
    const result = await grade(model);
    expect(calls).toEqual([]);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(
      /^Your model's output has 5 values per image; it needs 10, one score per class \(the digits 0 to 9\)\. Make the last layer `tf\.layers\.dense\(\{ units: 10/,
    );
    model.dispose();
  });

  it('explains an output that is not one score vector per image', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [ROWS, COLS], units: 10 })] });
    expect((await grade(model)).message).toMatch(/output has shape \[null, 28, 10\]; it should be \[null, 10\].*tf\.layers\.flatten\(\)/);
    model.dispose();
  });

  it('explains an input shape that does not fit the images', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [100], units: 10, activation: 'softmax' })] });
    const result = await grade(model);
    expect(result.message).toMatch(
      /^Your model expects inputs of shape \[null, 100\], but MNIST images are 28 × 28 pixels\. Give the first layer `inputShape: \[784\]`/,
    );
    model.dispose();
  });

  it('says when the scores are NaN (training diverged)', async () => {
    const model = flatModel(true);
    const [kernel] = model.layers[0]!.getWeights();
    const nanBias = tf.fill([10], NaN);
    model.layers[0]!.setWeights([kernel!, nanBias]);
    nanBias.dispose();
    const result = await grade(model);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/Its scores are NaN or infinite for 2,500 images: training diverged, so try a smaller learning rate\./);
    model.dispose();
  });

  it('reports a model that can no longer predict', async () => {
    const model = flatModel(true);
    model.dispose();
    const result = await grade(model);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^Your model could not make predictions: .*dispose the model/);
  });
});

describe('runGrader', () => {
  it('dispatches to the function grader', async () => {
    const s: GraderSpec = { kind: 'function', name: 'double', cases: [{ args: [2], expected: 4 }] };
    expect((await runGrader(s, context(undefined, { exports: { double: (x: number) => 2 * x } }))).pass).toBe(true);
    expect((await runGrader(s, context(undefined))).message).toMatch(/^Define a function named double/);
  });

  it('dispatches to the agent grader', async () => {
    const s: GraderSpec = { kind: 'agent-win-rate', env: 'corridor', threshold: 0.9, games: 50, trainSeconds: 1 };
    const result = await runGrader(s, context(undefined, { exports: { train: () => () => 1 } }));
    expect(result).toMatchObject({ pass: true, figure: 1 });
  });

  it("gives a custom measuring script the returned value, exports, tf, datasets, print and the judge's input", async () => {
    const printed: unknown[] = [];
    const s: GraderSpec = {
      kind: 'custom',
      judge: 'dense-backward',
      expose: ['size'],
      source:
        "print('size', exports.size); const t = tf.tensor(returned); const n = t.size; t.dispose(); return n === exports.size && datasets.ok && input.cases.length === 3 ? { problem: 'measured ' + n } : null;",
    };
    const result = await runGrader(s, context([1, 2, 3], { exports: { size: 3 }, datasets: { ok: true }, print: (...a) => printed.push(...a) }));
    expect(result).toEqual({ pass: false, message: 'measured 3' });
    expect(printed).toEqual(['size', 3]);
  });

  it('with maxTensorsLeft, fails an accurate model whose code leaked, counted as the code worker counts', async () => {
    const model = flatModel(true);
    tf.engine().startScope();
    const scope = (tf.engine() as unknown as { state: { activeScope: { track: TrackedTensor[] } } }).state.activeScope;
    // A training step outside tf.tidy: its batch and loss stay allocated; a kept tensor and a variable do not count.
    const batch = tf.ones([64, PIXELS]);
    const loss = tf.tidy(() => tf.mean(tf.square(model.predict(batch) as tf.Tensor)));
    tf.keep(tf.scalar(0.1));
    const variable = tf.tidy(() => tf.variable(tf.zeros([3])));
    const leaked = countTensorsLeft(scope.track);
    tf.engine().endScope();
    variable.dispose();
    expect(leaked).toEqual({
      count: 2,
      shapes: [
        { shape: [64, PIXELS], count: 1 },
        { shape: [], count: 1 },
      ],
    });
    expect(loss.isDisposed).toBe(true);

    const strict = { ...spec, maxTensorsLeft: 0 };
    const failed = await runGrader(strict, context(model, { tensorsLeft: leaked }), { loadSplit: loader });
    expect(failed.pass).toBe(false);
    expect(failed.message).toMatch(/^Your model is accurate enough .*but your code left 2 tensors still allocated when it returned \(none allowed\)/);
    const clean = await runGrader(strict, context(model, { tensorsLeft: { count: 0, shapes: [] } }), { loadSplit: loader });
    expect(clean.pass).toBe(true);
    // Without the count, the run is never passed.
    expect((await runGrader(strict, context(model), { loadSplit: loader })).pass).toBe(false);
    model.dispose();
  });

  it('dispatches to the model-accuracy grader with the injected loader', async () => {
    const model = flatModel(true);
    const result = await runGrader(spec, context(model), { loadSplit: loader });
    expect(result.pass).toBe(true);
    model.dispose();
  });
});

describe('modelAdvice: what a model that falls short should try, from what was measured', () => {
  it('a model no better than guessing has not learned: check that it trains', () => {
    expect(modelAdvice(0.098, 10, 0, 'Try a hidden layer.')).toMatch(
      /^That is about what guessing gets \(1 in 10\): the model has not learned\. Check that your code trains it before returning it \(`await model\.fit\(…\)`\)/,
    );
  });
  it("a model that learned something gets the exercise's advice, or the default", () => {
    expect(modelAdvice(0.85, 10, 0, 'Try a hidden layer.')).toBe('Try a hidden layer.');
    expect(modelAdvice(0.85, 10, 0, undefined)).toMatch(/^Try a hidden layer \(e\.g\. `tf\.layers\.dense/);
  });
  it('says nothing more when the scores are NaN (the divergence note says what to do)', () => {
    expect(modelAdvice(0.098, 10, 10_000, 'Try a hidden layer.')).toBe('');
  });
});

describe("saving the reader's model for the grader worker", () => {
  it('refuses something shaped like a model that is not one, saying what to return', async () => {
    const fake = { predict: () => tf.zeros([1, 10]), inputs: [{ shape: [null, 784] }], outputs: [{ shape: [null, 10] }] };
    const measured = await saveModel(tf, fake);
    expect(measured).toEqual({ kind: 'model', problem: expect.stringMatching(/not a tfjs model\. End your code with `return model;`/) });
  });

  it('saves the real weights even when save and withSaveHandler were replaced after capture', async () => {
    const saving = captureModelSaving(tf);
    const model = flatModel(true);
    const save = tf.LayersModel.prototype.save;
    const withSaveHandler = tf.io.withSaveHandler;
    let measured;
    try {
      tf.LayersModel.prototype.save = async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
      (tf.io as { withSaveHandler: unknown }).withSaveHandler = () => null;
      measured = await saveModel(tf, model, saving);
    } catch {
      // tf.io is a frozen module namespace in some builds: replacing withSaveHandler throws, save alone is enough.
      tf.LayersModel.prototype.save = async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
      measured = await saveModel(tf, model, saving);
    } finally {
      tf.LayersModel.prototype.save = save;
      if (tf.io.withSaveHandler !== withSaveHandler) (tf.io as { withSaveHandler: unknown }).withSaveHandler = withSaveHandler;
    }
    if (!('artifacts' in measured)) throw new Error(measured.problem);
    const rebuilt = await loadSavedModel(tf, measured.artifacts);
    const a = model.getWeights().map((w) => Array.from(w.dataSync()));
    const b = rebuilt.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    rebuilt.dispose();
    model.dispose();
  });
});
