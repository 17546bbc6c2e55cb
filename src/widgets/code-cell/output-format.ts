/**
 * Pure helpers of the output view (output.ts): words and numbers shown to the reader, and the
 * layout choices that do not need the DOM. Unit-tested in Node.
 */

import { plural } from '../../lib/format/numbers.ts';

export type Stream = 'print' | 'log' | 'info' | 'warn' | 'error';

/** The visible word before a line of a stream, so streams differ by text and not colour only. */
export function streamPrefix(stream: Stream): string {
  switch (stream) {
    case 'warn':
      return 'Warning:';
    case 'error':
      return 'Error:';
    case 'info':
      return 'Info:';
    default:
      return '';
  }
}

/** A table cell value as text: numbers with at most 6 significant digits, null as "—". */
export function formatCell(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return value.toExponential(3);
  return String(Number(value.toPrecision(6)));
}

/** Whether a column holds numbers only (then it is right-aligned). */
export function isNumericColumn(rows: ReadonlyArray<ReadonlyArray<unknown>>, column: number): boolean {
  let any = false;
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number') return false;
    any = true;
  }
  return any;
}

/**
 * How many times a small image is scaled up for display: tiny images (28×28 digits) become about
 * 84 px wide, large ones are shown at their size. Always a whole number, so pixels stay square.
 */
export function imageScale(width: number, height: number, target = 84): number {
  const side = Math.max(width, height, 1);
  return Math.min(8, Math.max(1, Math.floor(target / side)));
}

/** A progress fraction as a whole percentage, clamped to 0..100: 0.456 → "46%". */
export function percentText(fraction: number): string {
  if (!Number.isFinite(fraction)) return '0%';
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export interface OutputCounts {
  lines: number;
  plots: number;
  images: number;
  tables: number;
}

/** "12 lines of output, 1 plot and 16 images" — for the cell's status line; "No output" when empty. */
export function outputSummary(c: OutputCounts): string {
  const parts: string[] = [];
  if (c.lines > 0) parts.push(plural(c.lines, 'line of output', 'lines of output'));
  if (c.plots > 0) parts.push(plural(c.plots, 'plot', 'plots'));
  if (c.images > 0) parts.push(plural(c.images, 'image', 'images'));
  if (c.tables > 0) parts.push(plural(c.tables, 'table', 'tables'));
  if (parts.length === 0) return 'No output';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The notice shown when older lines were dropped to keep the page light. */
export function hiddenLinesNotice(hidden: number, kept: number): string {
  const lines = hidden === 1 ? '1 earlier line is' : `${hidden.toLocaleString('en-US')} earlier lines are`;
  return `${lines} not shown (the output keeps the last ${kept.toLocaleString('en-US')}).`;
}

/** The notice for the worker's `truncated` item. */
export function truncatedNotice(hiddenLines: number): string {
  const more = hiddenLines === 1 ? '1 more line was' : `${hiddenLines.toLocaleString('en-US')} more lines were`;
  return `Output limit reached: ${more} not shown.`;
}
