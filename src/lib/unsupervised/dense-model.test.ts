import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenseModelError, denseAutoencoder, parseDenseModel, runDense, runDenseBatch } from './dense-model.ts';

/** A tfjs model saved with tf.io, as the training script saves the decoders: model.json + weights.bin. */
interface Saved {
  json: { modelTopology: unknown; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  weights: ArrayBuffer;
}

async function save(model: tf.LayersModel): Promise<Saved> {
  let saved: Saved | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData!;
      const weights = new tf.io.CompositeArrayBuffer(data).slice();
      saved = {
        json: { modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs! }] },
        weights: weights.slice(0),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  // As the browser would see it: model.json through JSON.
  return { json: JSON.parse(JSON.stringify(saved!.json)) as Saved['json'], weights: saved!.weights };
}

/** A decoder-shaped model, 3 → 16 (relu) → 12 (linear, no bias) → 10 (sigmoid), with seeded weights. */
function decoderLike(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [3],
      units: 16,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      biasInitializer: tf.initializers.randomNormal({ seed: 2 }),
    }),
  );
  model.add(tf.layers.dense({ units: 12, useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(
    tf.layers.dense({
      units: 10,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
      biasInitializer: tf.initializers.randomNormal({ seed: 5 }),
    }),
  );
  return model;
}

/** An encoder-shaped model as the VAE's: 10 pixels → 8 (relu) → 6 (linear: μ then log σ² of a 3-D code). */
function encoderLike(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [10],
      units: 8,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }),
      biasInitializer: tf.initializers.randomNormal({ seed: 7 }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: 6,
      kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }),
      biasInitializer: tf.initializers.randomNormal({ seed: 9 }),
    }),
  );
  return model;
}

const predict = (model: tf.LayersModel, inputs: number[][]): number[][] =>
  tf.tidy(() => (model.predict(tf.tensor2d(inputs)) as tf.Tensor).arraySync() as number[][]);

describe('dense model', () => {
  let saved: Saved;
  let model: tf.Sequential;
  let encoderSaved: Saved;
  let encoder: tf.Sequential;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = decoderLike();
    saved = await save(model);
    encoder = encoderLike();
    encoderSaved = await save(encoder);
  });

  it('gives what tfjs predict gives on the same saved model', () => {
    const parsed = parseDenseModel(saved.json, saved.weights);
    expect(parsed.inputSize).toBe(3);
    expect(parsed.outputSize).toBe(10);
    expect(parsed.layers.map((l) => l.activation)).toEqual(['relu', 'linear', 'sigmoid']);
    const inputs = [
      [0, 0, 0],
      [1.5, -2, 0.25],
      [-3, 0.5, 2],
      [0.1, 0.2, -0.3],
    ];
    const expected = tf.tidy(() => (model.predict(tf.tensor2d(inputs)) as tf.Tensor).arraySync() as number[][]);
    for (const [i, z] of inputs.entries()) {
      const ours = Array.from(runDense(parsed, z));
      ours.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5));
    }
  });

  it('runs an encoder-shaped model on a batch as tfjs predict does', () => {
    const parsed = parseDenseModel(encoderSaved.json, encoderSaved.weights);
    expect([parsed.inputSize, parsed.outputSize]).toEqual([10, 6]);
    const inputs = Array.from({ length: 5 }, (_, r) => Array.from({ length: 10 }, (_, p) => ((r * 10 + p) % 7) / 7));
    const expected = predict(encoder, inputs);
    const ours = runDenseBatch(parsed, Float32Array.from(inputs.flat()), 5);
    expect(ours).toHaveLength(5 * 6);
    expected.flat().forEach((v, k) => expect(ours[k]).toBeCloseTo(v, 5));
    expect(() => runDenseBatch(parsed, new Float32Array(25), 3)).toThrow(/takes 3 × 10 numbers, got 25/);
  });

  it('pairs an encoder (μ then log σ²) with a decoder: encode keeps μ, reconstruct decodes it', () => {
    const enc = parseDenseModel(encoderSaved.json, encoderSaved.weights);
    const dec = parseDenseModel(saved.json, saved.weights);
    const ae = denseAutoencoder(enc, dec);
    expect([ae.latent, ae.pixels]).toEqual([3, 10]);
    const inputs = [Array.from({ length: 10 }, (_, p) => p / 10), Array.from({ length: 10 }, (_, p) => 1 - p / 10)];
    const mu = predict(encoder, inputs).map((row) => row.slice(0, 3));
    const codes = ae.encode(Float32Array.from(inputs.flat()), 2);
    mu.flat().forEach((v, k) => expect(codes[k]).toBeCloseTo(v, 5));
    const rebuilt = ae.reconstruct(Float32Array.from(inputs.flat()), 2);
    predict(model, mu)
      .flat()
      .forEach((v, k) => expect(rebuilt[k]).toBeCloseTo(v, 5));
    expect(() => denseAutoencoder(dec, dec)).toThrow(/decoder gives 10 pixels, the encoder takes 3/);
  });

  it('says which weight is missing', () => {
    const json = structuredClone(saved.json);
    const firstBias = json.weightsManifest[0]!.weights[1]!.name;
    expect(firstBias).toMatch(/\/bias$/);
    json.weightsManifest[0]!.weights.splice(1, 1);
    const cut = saved.weights.slice(0, saved.weights.byteLength - 16 * 4);
    expect(() => parseDenseModel(json, cut)).toThrow(/missing: no .*\/bias/);
  });

  it('rejects a weights file of the wrong size, a wrong shape, a non-Dense layer and an unknown activation', () => {
    expect(() => parseDenseModel(saved.json, saved.weights.slice(4))).toThrow(/bytes but the manifest describes/);
    const shape = structuredClone(saved.json);
    shape.weightsManifest[0]!.weights[0]!.shape = [4, 12];
    expect(() => parseDenseModel(shape, saved.weights)).toThrow(DenseModelError);
    const conv = structuredClone(saved.json) as { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } };
    conv.modelTopology.config.layers[1]!.class_name = 'Conv2D';
    expect(() => parseDenseModel(conv, saved.weights)).toThrow(/Conv2D layer; only Dense/);
    const act = structuredClone(saved.json) as typeof conv;
    act.modelTopology.config.layers[0]!.config['activation'] = 'softmax';
    expect(() => parseDenseModel(act, saved.weights)).toThrow(/activation "softmax"/);
    expect(() => parseDenseModel('nope', saved.weights)).toThrow(/not a JSON object/);
    expect(() => parseDenseModel({}, saved.weights)).toThrow(/no modelTopology/);
  });

  it('checks the input length', () => {
    const parsed = parseDenseModel(saved.json, saved.weights);
    expect(() => runDense(parsed, [1, 2])).toThrow(/takes 3 numbers, got 2/);
  });
});
