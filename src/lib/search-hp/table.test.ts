import { describe, expect, it } from 'vitest';
import type { Trial } from './search.ts';
import { formatAccuracy, formatRate, nextSort, sortTrials, statusText } from './table.ts';

const trial = (id: number, lr: number, history: number[], status: Trial['status'] = 'finished', stoppedAt: number | null = null): Trial => ({
  id,
  params: { learningRate: lr, hiddenUnits: 64, dropout: 0, batchSize: 32 },
  status,
  epochs: history.length,
  history,
  stoppedAt,
  worker: null,
});

const rows = [trial(1, 0.01, [0.9]), trial(2, 0.001, [0.95]), trial(3, 0.1, [], 'pending'), trial(4, 0.001, [0.8, 0.9], 'stopped', 1)];
const ids = (ts: Trial[]) => ts.map((t) => t.id);

describe('sortTrials', () => {
  it('sorts by a parameter either way, keeping equal rows in trial order', () => {
    expect(ids(sortTrials(rows, 'learningRate', 'ascending'))).toEqual([2, 4, 1, 3]);
    expect(ids(sortTrials(rows, 'learningRate', 'descending'))).toEqual([3, 1, 2, 4]);
  });

  it('puts trials without an accuracy last in both directions', () => {
    expect(ids(sortTrials(rows, 'accuracy', 'descending'))).toEqual([2, 1, 4, 3]);
    expect(ids(sortTrials(rows, 'accuracy', 'ascending'))).toEqual([1, 4, 2, 3]);
  });

  it('sorts statuses running, finished, stopped, failed, pending', () => {
    const r = [
      trial(1, 1, [], 'pending'),
      trial(2, 1, [0.1], 'stopped', 3),
      trial(3, 1, [0.1], 'running'),
      trial(4, 1, [0.1], 'stopped', 1),
      trial(5, 1, [0.1]),
    ];
    expect(ids(sortTrials(r, 'status', 'ascending'))).toEqual([3, 5, 4, 2, 1]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortTrials(rows, 'accuracy', 'descending');
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts a new one in its natural order', () => {
    expect(nextSort({ key: 'id', direction: 'ascending' }, 'id')).toEqual({ key: 'id', direction: 'descending' });
    expect(nextSort({ key: 'id', direction: 'ascending' }, 'accuracy')).toEqual({ key: 'accuracy', direction: 'descending' });
    expect(nextSort({ key: 'accuracy', direction: 'descending' }, 'dropout')).toEqual({ key: 'dropout', direction: 'ascending' });
  });
});

describe('words', () => {
  it('say a status, a rate and an accuracy', () => {
    expect(statusText(rows[3]!)).toBe('stopped early at 1 epoch');
    expect(statusText(trial(5, 1, [0.1, 0.2, 0.3], 'stopped', 3))).toBe('stopped early at 3 epochs');
    expect(statusText(trial(5, 1, [0.1], 'stopped'))).toBe('stopped by you');
    expect(statusText(rows[0]!)).toBe('finished');
    expect(formatRate(0.0021)).toBe('0.0021');
    expect(formatRate(0.00015)).toBe('1.5e−4');
    expect(formatAccuracy(0.9684)).toBe('96.8%');
    expect(formatAccuracy(null)).toBe('—');
  });
});
