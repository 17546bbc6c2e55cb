/**
 * The results table of the search: its columns, how each sorts, and the words of a trial's status.
 * Sorting is stable (equal rows keep trial order) and puts trials without a value last either way.
 */
import { accuracyOf, type Trial } from './search.ts';

export type ColumnKey = 'id' | 'learningRate' | 'hiddenUnits' | 'dropout' | 'batchSize' | 'epochs' | 'accuracy' | 'status';
export type SortDirection = 'ascending' | 'descending';

export interface Column {
  key: ColumnKey;
  label: string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'id', label: 'Trial' },
  { key: 'learningRate', label: 'Learning rate' },
  { key: 'hiddenUnits', label: 'Hidden units' },
  { key: 'dropout', label: 'Dropout' },
  { key: 'batchSize', label: 'Batch size' },
  { key: 'epochs', label: 'Epochs run' },
  { key: 'accuracy', label: 'Validation accuracy' },
  { key: 'status', label: 'Status' },
];

/** Status order when sorting by status: what is going on first, then the outcomes. */
const STATUS_RANK: Record<Trial['status'], number> = { running: 0, finished: 1, stopped: 2, failed: 3, pending: 4 };

function value(t: Trial, key: ColumnKey): number | null {
  switch (key) {
    case 'id':
      return t.id;
    case 'epochs':
      return t.epochs;
    case 'accuracy':
      return accuracyOf(t);
    case 'status':
      return STATUS_RANK[t.status] * 1000 + (t.stoppedAt ?? 0);
    default:
      return t.params[key];
  }
}

/** A sorted copy of `trials`. */
export function sortTrials(trials: readonly Trial[], key: ColumnKey, direction: SortDirection): Trial[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return trials
    .map((t, i) => ({ t, i, v: value(t, key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return a.v === b.v ? a.i - b.i : (a.v - b.v) * sign;
    })
    .map((x) => x.t);
}

/** The direction a header click gives: a new column starts with its natural order (accuracy: best first), the same column flips. */
export function nextSort(current: { key: ColumnKey; direction: SortDirection }, clicked: ColumnKey): { key: ColumnKey; direction: SortDirection } {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key: clicked, direction: clicked === 'accuracy' ? 'descending' : 'ascending' };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A trial's status in words: "running", "stopped early at 1 epoch", "finished", … */
export function statusText(t: Trial): string {
  switch (t.status) {
    case 'stopped':
      return t.stoppedAt !== null ? `stopped early at ${plural(t.stoppedAt, 'epoch')}` : 'stopped by you';
    case 'failed':
      return 'failed';
    default:
      return t.status;
  }
}

/** A learning rate as the table and the status write it: 0.0021, 1.5e-4. */
export function formatRate(x: number): string {
  return x >= 0.001 ? String(Number(x.toPrecision(2))) : x.toExponential(1).replace('e-', 'e−');
}

/** An accuracy 0..1 as a percentage with one decimal. */
export function formatAccuracy(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

export { plural };
