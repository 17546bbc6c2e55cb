import { describe, expect, it } from 'vitest';
import { epochsElapsed, runFraction, sumDownloads } from './progress.ts';

describe('epochsElapsed', () => {
  it('turns epoch and batch into a real number of epochs', () => {
    expect(epochsElapsed({ epoch: 1, batch: 0, batchesPerEpoch: 938 })).toBe(0);
    expect(epochsElapsed({ epoch: 2, batch: 469, batchesPerEpoch: 938 })).toBe(1.5);
    expect(epochsElapsed({ epoch: 1, batch: 938, batchesPerEpoch: 938 })).toBe(1);
  });
  it('clamps a batch beyond the epoch', () => {
    expect(epochsElapsed({ epoch: 1, batch: 2000, batchesPerEpoch: 938 })).toBe(1);
  });
});

describe('runFraction', () => {
  it('is the share of all epochs done', () => {
    expect(runFraction({ epoch: 2, batch: 469, batchesPerEpoch: 938 }, 3)).toBe(0.5);
    expect(runFraction({ epoch: 3, batch: 938, batchesPerEpoch: 938 }, 3)).toBe(1);
  });
  it('stays within 0..1', () => {
    expect(runFraction({ epoch: 5, batch: 938, batchesPerEpoch: 938 }, 3)).toBe(1);
    expect(runFraction({ epoch: 1, batch: 1, batchesPerEpoch: 938 }, 0)).toBe(0);
  });
});

describe('sumDownloads', () => {
  it('adds bytes over files', () => {
    expect(
      sumDownloads([
        { loaded: 100, total: 1000 },
        { loaded: 50, total: 60 },
      ]),
    ).toEqual({ loaded: 150, total: 1060 });
  });
  it('has no total while one file size is unknown', () => {
    expect(
      sumDownloads([
        { loaded: 100, total: 1000 },
        { loaded: 50, total: null },
      ]),
    ).toEqual({ loaded: 150, total: null });
  });
  it('is zero for no files', () => {
    expect(sumDownloads([])).toEqual({ loaded: 0, total: 0 });
  });
});
