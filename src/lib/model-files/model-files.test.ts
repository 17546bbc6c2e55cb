import { describe, expect, it } from 'vitest';
import { findModelJson, matchWeightFiles } from './choose-files.ts';
import { readTinkerMetadata, savedModelSentence } from './metadata.ts';
import { modelJsonText, parseModelJson, type ModelJson } from './model-json.ts';

/** A model.json as tfjs 4 writes it for tf.sequential 784 → 128 → 10 (trimmed to what matters). */
function modelJson(options: { input?: (number | null)[]; output?: number; format?: string } = {}): Record<string, unknown> {
  const dense = (name: string, units: number, extra: Record<string, unknown> = {}) => ({
    class_name: 'Dense',
    config: { name, units, activation: 'relu', use_bias: true, ...extra },
  });
  const output = options.output ?? 10;
  return {
    format: options.format ?? 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [dense('dense_1', 128, { batch_input_shape: options.input ?? [null, 784] }), dense('dense_2', output)],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: ['./model.weights.bin'],
        weights: [
          { name: 'dense_1/kernel', shape: [784, 128], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [128], dtype: 'float32' },
          { name: 'dense_2/kernel', shape: [128, output], dtype: 'float32' },
          { name: 'dense_2/bias', shape: [output], dtype: 'float32' },
        ],
      },
    ],
    userDefinedMetadata: { tinker: { spec: { epochs: 1 }, testAccuracy: 0.9791, trainedAt: '2026-12-05T09:14:00.000Z' } },
  };
}
const BYTES = (784 * 128 + 128 + 128 * 10 + 10) * 4;

const parse = (json: unknown, name = 'model.json') => parseModelJson(JSON.stringify(json), name);
const problem = (r: ReturnType<typeof parseModelJson>) => (r.ok ? '' : r.problem.message);

describe('parseModelJson', () => {
  it('accepts a tfjs layers model of 784 inputs and 10 outputs and counts its weight bytes', () => {
    const r = parse(modelJson());
    expect(r.ok).toBe(true);
    const m = (r as { value: ModelJson }).value;
    expect(m.weightBytes).toBe(BYTES);
    expect(m.weightPaths).toEqual(['./model.weights.bin']);
    expect(m.units).toEqual([784, 128, 10]);
    expect(m.weightSpecs).toHaveLength(4);
  });

  it('says a file that is not JSON is not a model.json', () => {
    const r = parseModelJson('\u0089PNG\r\n binary', 'photo.json');
    expect(problem(r)).toBe("'photo.json' is not a model.json file: its text is not valid JSON (it may be damaged, or another kind of file).");
    expect(r.ok ? '' : r.problem.hint).toMatch(/Choose the model.json/);
  });

  it('says JSON that is not a tfjs model is not one', () => {
    expect(problem(parse({ name: 'package', version: '1.0.0' }, 'package.json'))).toMatch(/'package.json' is JSON but not a TensorFlow.js model/);
    expect(problem(parse([1, 2, 3]))).toMatch(/not a TensorFlow.js model/);
    expect(problem(parse({ ...modelJson(), format: 'graph-model' }))).toMatch(/graph-model, not a layers model/);
    expect(problem(parse({ ...modelJson(), modelTopology: { class_name: 'Sequential', config: {} } }))).toMatch(/does not describe its layers/);
  });

  it('rejects a damaged weights manifest', () => {
    const damaged = modelJson();
    (damaged['weightsManifest'] as { weights: unknown[] }[])[0]!.weights.push({ name: 'x', shape: [-1], dtype: 'float32' });
    expect(problem(parse(damaged))).toMatch(/weight with no valid name, shape or data type/);
    expect(problem(parse({ ...modelJson(), weightsManifest: [{ weights: [] }] }))).toMatch(/needs its paths and weights/);
  });

  it('says what is wrong with a model whose input is not 784 or whose output is not 10', () => {
    const conv = parse(modelJson({ input: [null, 28, 28, 1] }));
    expect(problem(conv)).toBe(
      'This model takes inputs of shape [batch, 28, 28, 1], but the inspector gives it 784 pixels in a row (a 28×28 image, flattened): [batch, 784].',
    );
    expect(problem(parse(modelJson({ output: 2 })))).toBe('This model has 2 outputs, but the inspector needs 10, one per digit 0–9.');
  });

  it('round-trips through the model.json written for a download', () => {
    const m = (parse(modelJson()) as { value: ModelJson }).value;
    const text = modelJsonText(m, 'model.weights.bin');
    const again = parseModelJson(text, 'model.json');
    expect(again).toEqual({ ok: true, value: m });
  });

  it('counts quantised weights by their stored type', () => {
    const q = modelJson();
    const weights = (q['weightsManifest'] as { weights: Record<string, unknown>[] }[])[0]!.weights;
    for (const w of weights) w['quantization'] = { dtype: 'uint8', scale: 0.1, min: -1 };
    expect((parse(q) as { value: ModelJson }).value.weightBytes).toBe(BYTES / 4);
  });
});

describe('choosing the files', () => {
  const model = (parse(modelJson()) as { value: ModelJson }).value;

  it('finds the one model.json among the files', () => {
    expect(
      findModelJson([
        { name: 'model.weights.bin', size: 1 },
        { name: 'model.json', size: 2 },
      ]),
    ).toEqual({ ok: true, value: 1 });
    const none = findModelJson([{ name: 'model.weights.bin', size: 1 }]);
    expect(none.ok ? '' : none.problem.message).toBe("None of the chosen files ('model.weights.bin') is a model.json.");
    expect(findModelJson([]).ok).toBe(false);
    expect(
      findModelJson([
        { name: 'a.json', size: 1 },
        { name: 'b.json', size: 1 },
      ]).ok,
    ).toBe(false);
  });

  it('takes the weights file by its name when it matches', () => {
    const file = { name: 'model.weights.bin', size: BYTES };
    expect(matchWeightFiles(model, [file], 'model.json')).toEqual({ ok: true, value: { files: [file], note: null } });
  });

  it("takes a renamed weights file ('model (1).weights.bin') by its size, and says so", () => {
    const file = { name: 'model (1).weights.bin', size: BYTES };
    const r = matchWeightFiles(model, [file], 'model (1).json');
    expect(r).toEqual({
      ok: true,
      value: {
        files: [file],
        note: "Used 'model (1).weights.bin' as the weights for model (1).json: its name differs from 'model.weights.bin' but its size (407,080 bytes) matches.",
      },
    });
  });

  it('rejects weights of the wrong size, named right or not', () => {
    for (const name of ['model.weights.bin', 'other.bin']) {
      const r = matchWeightFiles(model, [{ name, size: 1234 }], 'model.json');
      expect(r.ok ? '' : r.problem.message).toBe(
        `'${name}' holds 1,234 bytes, but model.json describes 407,080 bytes of weights: they do not belong together.`,
      );
    }
  });

  it('asks for the weights when only model.json was chosen', () => {
    const r = matchWeightFiles(model, [], 'model.json');
    expect(r.ok ? '' : r.problem.message).toBe('Only model.json was chosen; its weights (model.weights.bin, 407,080 bytes) are needed too.');
  });
});

describe('the tinker metadata', () => {
  it('reads accuracy and date, and drops values that are not what they claim', () => {
    expect(readTinkerMetadata({ tinker: { spec: { a: 1 }, testAccuracy: 0.979, trainedAt: '2026-12-05T09:14:00Z' } })).toEqual({
      spec: { a: 1 },
      testAccuracy: 0.979,
      trainedAt: '2026-12-05T09:14:00Z',
    });
    expect(readTinkerMetadata({ tinker: { testAccuracy: 97, trainedAt: 'yesterday' } })).toEqual({ spec: null, testAccuracy: null, trainedAt: null });
    expect(readTinkerMetadata({ other: 1 })).toBeNull();
    expect(readTinkerMetadata(undefined)).toBeNull();
  });

  it('says where a saved model comes from and how well it did', () => {
    const meta = { spec: null, testAccuracy: 0.9791, trainedAt: '2026-12-05T09:14:00Z' };
    expect(savedModelSentence(meta, 'UTC')).toBe('Your model from 5 Dec 2026, 09:14: 97.9% on the test set');
    expect(savedModelSentence({ ...meta, testAccuracy: null }, 'UTC')).toBe('Your model from 5 Dec 2026, 09:14 (its test accuracy was not recorded)');
  });
});
