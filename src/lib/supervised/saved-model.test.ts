import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from './model-spec.ts';
import { readSavedModelMeta, savedModelMetadata } from './saved-model.ts';

describe('saved model metadata', () => {
  const meta = { spec: DEFAULT_SPEC, testAccuracy: 0.975, trainedAt: '2026-12-05T08:00:00.000Z' };

  it('round-trips through JSON', () => {
    expect(readSavedModelMeta(JSON.parse(JSON.stringify(savedModelMetadata(meta))))).toEqual({ ok: true, meta });
  });

  it('rejects a model from elsewhere and broken fields, saying why', () => {
    expect(readSavedModelMeta(undefined)).toMatchObject({ ok: false, problem: expect.stringMatching(/not saved by the model builder/) });
    expect(readSavedModelMeta({ other: 1 })).toMatchObject({ ok: false });
    expect(readSavedModelMeta({ tinker: { ...meta, testAccuracy: 97 } })).toEqual({
      ok: false,
      problem: 'The model’s test accuracy is missing or not between 0 and 1.',
    });
    expect(readSavedModelMeta({ tinker: { ...meta, trainedAt: 'yesterday' } })).toEqual({
      ok: false,
      problem: 'The model’s training date is missing or not a date.',
    });
    expect(readSavedModelMeta({ tinker: { ...meta, spec: { ...DEFAULT_SPEC, batchSize: 0 } } })).toEqual({
      ok: false,
      problem: 'The model’s description is not usable: The batch size must be a whole number from 1 to 4096, not 0.',
    });
  });
});
