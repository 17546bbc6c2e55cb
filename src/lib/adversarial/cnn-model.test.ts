/**
 * The engine CNN read from a tfjs Layers model.json: the committed pretrained model loads with its
 * layers in words, every unsupported or broken file is refused in a sentence, and the batch helpers
 * (probabilities, classes, input gradients) are consistent with each other. The same model against
 * tfjs itself (predict and tf.grad) is src/tf/cnn-model-reference.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { CnnModelError, cnnWithWeights, inputGradient, parseLayersCnn, predictClasses, probabilities, type CnnModel } from './cnn-model.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'public', 'models', 'fashion-cnn');
const modelJson = (): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, 'model.json'), 'utf8')) as Record<string, unknown>;
const weightsBin = (): ArrayBuffer => {
  const b = readFileSync(join(DIR, 'weights.bin'));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const pretrained = (): CnnModel => parseLayersCnn(modelJson(), weightsBin());

function images(n: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n * 784 }, () => rand());
}

/** The committed model.json with its layer list edited. */
function withLayers(edit: (layers: Record<string, unknown>[]) => void): Record<string, unknown> {
  const json = modelJson();
  const layers = ((json['modelTopology'] as Record<string, unknown>)['config'] as Record<string, unknown>)['layers'] as Record<string, unknown>[];
  edit(layers);
  return json;
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CnnModelError);
    return (error as Error).message;
  }
  throw new Error('expected a CnnModelError');
};

describe('parseLayersCnn', () => {
  it('reads the pretrained CNN: its layers in words, 28×28×1 in, 10 logits out', () => {
    const model = pretrained();
    expect(model.layers).toEqual(['Conv2D 8 3×3 relu', 'MaxPooling2D 2×2', 'Conv2D 16 3×3 relu', 'MaxPooling2D 2×2', 'Flatten', 'Dense 10 softmax']);
    expect(model.inputShape).toEqual([28, 28, 1]);
    expect(model.classCount).toBe(10);
    expect(model.network.inputSize).toBe(784);
    expect(model.network.outputSize).toBe(10);
    // The weights are the file's, in order: the first conv kernel starts the file, the dense bias ends it.
    const file = new Float32Array(weightsBin());
    const loaded = model.network.getWeights();
    expect(loaded.map((w) => w.length)).toEqual([72, 8, 1152, 16, 7840, 10]);
    expect(loaded[0]).toEqual(file.subarray(0, 72));
    expect(loaded[5]).toEqual(file.subarray(file.length - 10));
  });

  it('ignores Dropout layers', () => {
    const json = withLayers((layers) => layers.splice(5, 0, { class_name: 'Dropout', config: { name: 'dropout1', rate: 0.5 } }));
    const x = images(2, 3);
    expect(probabilities(parseLayersCnn(json, weightsBin()), x, 2)).toEqual(probabilities(pretrained(), x, 2));
  });

  it('refuses a layer the engine cannot run, naming it and saying what to do', () => {
    const json = withLayers((layers) => layers.splice(1, 0, { class_name: 'BatchNormalization', config: { name: 'batch_normalization1' } }));
    const message = refusal(() => parseLayersCnn(json, weightsBin()));
    expect(message).toContain('batch_normalization1 is a BatchNormalization layer');
    expect(message).toContain('Conv2D, MaxPooling2D, Flatten, Dropout and Dense');
  });

  it('refuses a cut-short weights file, saying both sizes', () => {
    const message = refusal(() => parseLayersCnn(modelJson(), weightsBin().slice(0, 1000)));
    expect(message).toMatch(/weights\.bin holds 1000 bytes but model\.json's manifest describes 36392/);
    expect(message).toContain('cut short');
  });

  it('refuses unsupported activations, softmax before the end, Dense on images, missing or misshapen weights', () => {
    const eluConv = withLayers((layers) => ((layers[0]!['config'] as Record<string, unknown>)['activation'] = 'elu'));
    expect(refusal(() => parseLayersCnn(eluConv, weightsBin()))).toMatch(
      /conv2d_Conv2D1 has activation "elu"; here it can only be relu, sigmoid, tanh or linear\. Save the model/,
    );
    const softmaxMid = withLayers((layers) => layers.push({ class_name: 'Dense', config: { name: 'extra', units: 10, activation: 'linear' } }));
    expect(refusal(() => parseLayersCnn(softmaxMid, weightsBin()))).toMatch(
      /dense_Dense1 has activation "softmax"; here it can only be relu, sigmoid, tanh or linear/,
    );
    const noFlatten = withLayers((layers) => layers.splice(4, 1));
    expect(refusal(() => parseLayersCnn(noFlatten, weightsBin()))).toMatch(/Dense layer dense_Dense1 gets images: put a Flatten layer before it/);
    const json = modelJson();
    const manifest = json['weightsManifest'] as { weights: { name: string; shape: number[] }[] }[];
    manifest[0]!.weights[4]!.name = 'dense_Dense1/kernel_renamed';
    expect(refusal(() => parseLayersCnn(json, weightsBin()))).toMatch(/no dense_Dense1\/kernel/);
    const reshaped = modelJson();
    const weights = (reshaped['weightsManifest'] as { weights: { shape: number[] }[] }[])[0]!.weights;
    weights[0]!.shape = [1, 3, 3, 8];
    expect(refusal(() => parseLayersCnn(reshaped, weightsBin()))).toMatch(
      /conv2d_Conv2D1\/kernel has shape \[1, 3, 3, 8\] but the layer needs \[3, 3, 1, 8\]/,
    );
  });

  it('refuses what is not a tfjs Layers model at all', () => {
    expect(refusal(() => parseLayersCnn(null, new ArrayBuffer(0)))).toMatch(/not a JSON object/);
    expect(refusal(() => parseLayersCnn({ format: 'graph-model' }, new ArrayBuffer(0)))).toMatch(/no modelTopology/);
  });
});

describe('the batch helpers', () => {
  const model = pretrained();

  it('probabilities are a distribution per image; predictClasses is their argmax', () => {
    const n = 5;
    const x = images(n, 8);
    const p = probabilities(model, x, n);
    const classes = predictClasses(model, x, n);
    for (let r = 0; r < n; r++) {
      const row = Array.from(p.subarray(r * 10, r * 10 + 10));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(classes[r]).toBe(row.indexOf(Math.max(...row)));
    }
  });

  it("inputGradient gives each image its own loss's gradient, whatever the batch (summed, not averaged; chunks of 100 agree)", () => {
    const n = 103;
    const x = images(n, 9);
    const classes = Array.from({ length: n }, (_, i) => i % 10);
    const all = inputGradient(model, x, n, classes);
    for (const i of [0, 57, 102]) {
      const one = inputGradient(model, x.slice(i * 784, (i + 1) * 784), 1, [classes[i]!]);
      const part = all.subarray(i * 784, (i + 1) * 784);
      for (let j = 0; j < 784; j++) expect(part[j]).toBeCloseTo(one[j]!, 6);
    }
  });

  it('inputGradient points uphill: a small step along it raises the loss', () => {
    const x = images(1, 10);
    const label = 3;
    const g = inputGradient(model, x, 1, [label]);
    const loss = (v: Float32Array): number => -Math.log(probabilities(model, v, 1)[label]!);
    const up = x.map((v, i) => v + 1e-3 * g[i]!);
    const down = x.map((v, i) => v - 1e-3 * g[i]!);
    expect(loss(up)).toBeGreaterThan(loss(x));
    expect(loss(down)).toBeLessThan(loss(x));
  });

  it('refuses a wrong class or too few values, in words', () => {
    expect(() => inputGradient(model, images(1, 1), 1, [10])).toThrow(/class 10 of image 0 is not one of the 10 classes/);
    expect(() => probabilities(model, new Float32Array(700), 1)).toThrow(/1 images of 784 values need 784 values, got 700/);
  });
});

describe('cnnWithWeights', () => {
  it('copies the architecture with other weights and leaves the original alone', () => {
    const model = pretrained();
    const x = images(3, 11);
    const before = probabilities(model, x, 3);
    const zeros = model.network.getWeights().map((w) => new Float32Array(w.length));
    const blank = cnnWithWeights(model, zeros);
    expect(blank.layers).toEqual(model.layers);
    for (const p of probabilities(blank, x, 3)) expect(p).toBeCloseTo(0.1, 6);
    expect(probabilities(model, x, 3)).toEqual(before);
    expect(probabilities(cnnWithWeights(model, model.network.getWeights()), x, 3)).toEqual(before);
  });

  it('refuses weights of another shape', () => {
    const model = pretrained();
    expect(() => cnnWithWeights(model, model.network.getWeights().slice(1))).toThrow(CnnModelError);
    expect(() => cnnWithWeights(model, model.network.getWeights().slice(1))).toThrow(
      /do not fit the model: setWeights: the network has 6 parameter arrays, got 5/,
    );
  });
});
