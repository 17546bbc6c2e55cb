import { describe, expect, it } from 'vitest';
import { planProblems, specProblems } from '../../lib/supervised/spec-check.ts';
import { defaults } from '../shared/settings.ts';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC } from '../../lib/supervised/model-spec.ts';
import { dataPlanOf, overlaid, PRESET_IDS, PRESETS, presetOf, runsOf, SETTINGS } from './config.ts';

describe('run comparison presets', () => {
  it.each(PRESET_IDS)('%s: runs whose specs and data plan the builder accepts, at every choice of size', (id) => {
    const preset = PRESETS[id];
    const n = id === 'mlp-vs-cnn' ? 2 : 4;
    expect(preset.runs).toHaveLength(n);
    expect(new Set(preset.runs.map((r) => r.id)).size).toBe(n);
    expect(new Set(preset.runs.map((r) => r.color)).size).toBe(n);
    for (const epochs of SETTINGS[id].epochs.choices) {
      for (const run of runsOf(preset, { epochs })) {
        expect(specProblems(run.spec)).toEqual([]);
        expect(run.spec.epochs).toBe(epochs);
      }
    }
    for (const trainLimit of SETTINGS[id].trainLimit.choices) expect(planProblems(dataPlanOf(preset, { trainLimit }))).toEqual([]);
  });

  it('optimisers: the same 784-128-10 model and batches; only the optimiser and its learning rate change', () => {
    const runs = PRESETS.optimizers.runs;
    expect(runs.map((r) => [r.spec.optimizer, r.spec.learningRate])).toEqual([
      ['sgd', 0.1],
      ['momentum', 0.01],
      ['rmsprop', 0.001],
      ['adam', 0.001],
    ]);
    for (const run of runs) {
      expect(run.spec.layers).toEqual([{ kind: 'dense', units: 128, activation: 'relu' }]);
      expect([run.spec.l2, run.spec.batchSize, run.spec.momentum]).toEqual([0, 64, 0.9]);
      expect(run.detail).toContain(`learning rate ${run.spec.learningRate}`);
    }
  });

  it('regularisation: plain, dropout, L2 and both on the same model; a small training set by default', () => {
    const runs = PRESETS.regularisation.runs;
    const cures = runs.map((r) => ({ dropout: r.spec.layers.find((l) => l.kind === 'dropout')?.rate ?? 0, l2: r.spec.l2 }));
    expect(cures).toEqual([
      { dropout: 0, l2: 0 },
      { dropout: 0.5, l2: 0 },
      { dropout: 0, l2: 0.01 },
      { dropout: 0.5, l2: 0.01 },
    ]);
    for (const run of runs) expect(run.spec.layers[0]).toEqual({ kind: 'dense', units: 256, activation: 'relu' });
    expect(defaults(SETTINGS.regularisation).trainLimit).toBeLessThanOrEqual(1000);
  });

  it('the author may shrink validation and test sets within limits; unknown presets fall back to optimisers', () => {
    const preset = PRESETS.regularisation;
    expect(dataPlanOf(preset, { trainLimit: 250 }, { validationCount: 500, testLimit: 500 })).toEqual({
      trainLimit: 250,
      validationCount: 500,
      testLimit: 500,
    });
    expect(dataPlanOf(preset, { trainLimit: 250 }, { validationCount: 5, testLimit: 1e9 })).toEqual({
      trainLimit: 250,
      validationCount: 100,
      testLimit: 10_000,
    });
    expect(dataPlanOf(preset, { trainLimit: 250 }, { validationCount: NaN })).toEqual({ trainLimit: 250, validationCount: 5000, testLimit: 10_000 });
    expect(presetOf('regularisation').id).toBe('regularisation');
    expect(presetOf('bogus').id).toBe('optimizers');
    expect(presetOf(null).id).toBe('optimizers');
  });

  it('mlp-vs-cnn: the default MLP and the default CNN on Fashion-MNIST with the same training budget, overlaid', () => {
    const preset = PRESETS['mlp-vs-cnn'];
    const [mlp, cnn] = runsOf(preset, { epochs: 3 });
    expect(mlp!.spec).toEqual({ ...DEFAULT_SPEC, epochs: 3 });
    expect(cnn!.spec).toEqual({ ...DEFAULT_CNN_SPEC, epochs: 3 });
    // Only the layers differ: the same optimiser, learning rate, batch size and epochs.
    expect({ ...mlp!.spec, layers: [] }).toEqual({ ...cnn!.spec, layers: [] });
    expect(dataPlanOf(preset, { trainLimit: 2000 })).toEqual({
      trainLimit: 2000,
      validationCount: 5000,
      testLimit: 10_000,
      dataset: 'fashion-mnist',
    });
    expect(dataPlanOf(PRESETS.optimizers, { trainLimit: 2000 }).dataset).toBeUndefined();
    expect([mlp!.detail, cnn!.detail]).toEqual([
      '784-128-10, 101,770 parameters',
      '3×3 convolutions of 8 and 16 filters, each pooled 2×2, 9,098 parameters',
    ]);
    expect(PRESET_IDS.map((id) => overlaid(PRESETS[id]))).toEqual([true, false, true]);
    expect(presetOf('mlp-vs-cnn')).toBe(preset);
  });
});
