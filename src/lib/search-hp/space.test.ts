import { describe, expect, it } from 'vitest';
import { specProblems } from '../supervised/spec-check.ts';
import { DEFAULT_SPACE, sampleTrials, specFor } from './space.ts';

describe('sampleTrials', () => {
  it('draws the same trials from the same seed and others from another', () => {
    expect(sampleTrials(DEFAULT_SPACE, 8, 42)).toEqual(sampleTrials(DEFAULT_SPACE, 8, 42));
    expect(sampleTrials(DEFAULT_SPACE, 8, 42)).not.toEqual(sampleTrials(DEFAULT_SPACE, 8, 43));
  });

  it('stays inside the space: rates in range, units and batch sizes from their sets, dropout in range', () => {
    for (const t of sampleTrials(DEFAULT_SPACE, 500, 1)) {
      expect(t.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(t.learningRate).toBeLessThanOrEqual(0.1);
      expect(DEFAULT_SPACE.hiddenUnits).toContain(t.hiddenUnits);
      expect(DEFAULT_SPACE.batchSize).toContain(t.batchSize);
      expect(t.dropout).toBeGreaterThanOrEqual(0);
      expect(t.dropout).toBeLessThanOrEqual(0.5);
    }
  });

  it('draws the learning rate log-uniformly: about a third of the draws in each decade', () => {
    const rates = sampleTrials(DEFAULT_SPACE, 3000, 5).map((t) => t.learningRate);
    for (const [lo, hi] of [
      [1e-4, 1e-3],
      [1e-3, 1e-2],
      [1e-2, 1e-1],
    ] as const) {
      const share = rates.filter((r) => r >= lo && r < hi).length / rates.length;
      expect(share).toBeGreaterThan(0.28);
      expect(share).toBeLessThan(0.39);
    }
  });

  it('uses every choice of a set', () => {
    const units = new Set(sampleTrials(DEFAULT_SPACE, 200, 3).map((t) => t.hiddenUnits));
    expect([...units].sort((a, b) => a - b)).toEqual([32, 64, 128, 256]);
  });

  it('refuses a bad count or an empty set', () => {
    expect(() => sampleTrials(DEFAULT_SPACE, -1, 1)).toThrow(/count/);
    expect(() => sampleTrials({ ...DEFAULT_SPACE, hiddenUnits: [] }, 1, 1)).toThrow(/choice/);
    expect(() => sampleTrials({ ...DEFAULT_SPACE, learningRate: { min: 0, max: 1 } }, 1, 1)).toThrow(/positive/);
  });
});

describe('specFor', () => {
  it('turns a trial into the ModelSpec the builder trains', () => {
    expect(specFor({ learningRate: 0.002, hiddenUnits: 256, dropout: 0.2, batchSize: 64 }, 9)).toEqual({
      layers: [
        { kind: 'dense', units: 256, activation: 'relu' },
        { kind: 'dropout', rate: 0.2 },
      ],
      l2: 0,
      optimizer: 'adam',
      learningRate: 0.002,
      momentum: 0.9,
      batchSize: 64,
      epochs: 9,
    });
  });

  it('leaves the dropout layer out at rate 0', () => {
    expect(specFor({ learningRate: 0.01, hiddenUnits: 32, dropout: 0, batchSize: 32 }, 3).layers).toEqual([
      { kind: 'dense', units: 32, activation: 'relu' },
    ]);
  });
});

describe('sampled specs and the builder', () => {
  it('are all models the builder accepts (src/lib/supervised/spec-check.ts)', () => {
    for (const t of sampleTrials(DEFAULT_SPACE, 300, 9)) expect(specProblems(specFor(t, 9))).toEqual([]);
  });
});
