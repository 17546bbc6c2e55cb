/**
 * `show.table(rows, options)` (and `console.table`), and `progress(fraction, label)`:
 * arguments turned into protocol items.
 *
 * Tables: an array of objects (columns are the keys, in order of appearance), an array of
 * arrays (columns from `options.columns`, else 0, 1, 2…), an object of objects or values
 * (one row per key, in an "(index)" column), or a 2-D tensor. Cells that are not text,
 * numbers, booleans or null are shown as short text.
 */
import { formatValue, type FormatHooks } from './format.ts';
import type { OutputItem } from './output-item.ts';
import { OutputArgumentError, isPlainObject, kindOf, type DataHooks } from './values.ts';

export type TableItem = Extract<OutputItem, { kind: 'table' }>;
export type ProgressItem = Extract<OutputItem, { kind: 'progress' }>;
type Cell = string | number | boolean | null;

export const MAX_TABLE_ROWS = 1000;
export const MAX_TABLE_COLUMNS = 50;

export interface TableOptions {
  columns?: string[];
  title?: string;
}

const INDEX = '(index)';

function cell(value: unknown, hooks: FormatHooks): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return formatValue(value, { depth: 1, maxItems: 10, maxKeys: 10, hooks });
}

/** Builds a table item from the arguments of one `show.table` call. */
export function normalizeTable(args: readonly unknown[], hooks: DataHooks & FormatHooks): TableItem {
  const [data, second] = args;
  const options = readOptions(Array.isArray(second) ? { columns: second } : second);
  let columns: string[];
  let rows: Cell[][];

  const dense = hooks.toData?.(data);
  if (dense) {
    if (dense.shape.length !== 2 && dense.shape.length !== 1) {
      throw new OutputArgumentError(`show.table shows a 1-D or 2-D tensor; got shape [${dense.shape.join(', ')}].`);
    }
    const [n = 0, m = 1] = dense.shape.length === 2 ? dense.shape : [dense.shape[0], 1];
    const values = dense.read();
    rows = Array.from({ length: Math.min(n, MAX_TABLE_ROWS) }, (_, i) => Array.from({ length: m }, (_, j) => values[i * m + j]!));
    columns = options.columns ?? Array.from({ length: m }, (_, j) => String(j));
    return finish(columns, rows, n, options);
  }

  if (Array.isArray(data)) {
    const shown = data.slice(0, MAX_TABLE_ROWS);
    if (shown.length > 0 && shown.every((r) => Array.isArray(r) || ArrayBuffer.isView(r))) {
      const width = Math.max(...shown.map((r) => (r as ArrayLike<unknown>).length));
      columns = options.columns ?? Array.from({ length: width }, (_, j) => String(j));
      rows = shown.map((r) => Array.from({ length: columns.length }, (_, j) => cell((r as ArrayLike<unknown>)[j], hooks)));
    } else if (shown.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
      columns = options.columns ?? unionOfKeys(shown as object[]);
      rows = shown.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c], hooks)));
    } else if (shown.every((r) => typeof r !== 'object' || r === null)) {
      // A list of plain values: one column.
      columns = options.columns ?? ['value'];
      rows = shown.map((v) => [cell(v, hooks)]);
    } else {
      const bad = shown.findIndex((r) => typeof r !== 'object' || r === null);
      throw new OutputArgumentError(`show.table expects an array of objects or an array of arrays; item ${bad} is ${kindOf(shown[bad])}.`);
    }
    return finish(columns, rows, data.length, options);
  }

  if (typeof data === 'object' && data !== null && !(data instanceof Map) && !(data instanceof Set)) {
    const entries = Object.entries(data);
    const nested = entries.every(([, v]) => isPlainObject(v) || Array.isArray(v));
    if (nested && entries.length > 0) {
      const inner = options.columns ?? unionOfKeys(entries.map(([, v]) => v as object));
      columns = [INDEX, ...inner];
      rows = entries.slice(0, MAX_TABLE_ROWS).map(([k, v]) => [k, ...inner.map((c) => cell((v as Record<string, unknown>)[c], hooks))]);
    } else {
      columns = [INDEX, 'value'];
      rows = entries.slice(0, MAX_TABLE_ROWS).map(([k, v]) => [k, cell(v, hooks)]);
    }
    return finish(columns, rows, entries.length, options);
  }
  throw new OutputArgumentError(`show.table expects an array of objects or an array of arrays; got ${kindOf(data)}.`);
}

function unionOfKeys(objects: object[]): string[] {
  const seen = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
  return [...seen];
}

function finish(columns: string[], rows: Cell[][], total: number, options: TableOptions): TableItem {
  const cols = columns.slice(0, MAX_TABLE_COLUMNS);
  const cut = rows.map((r) => r.slice(0, MAX_TABLE_COLUMNS));
  const notes: string[] = [];
  if (total > rows.length) notes.push(`first ${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
  if (columns.length > cols.length) notes.push(`first ${cols.length} of ${columns.length} columns`);
  const title = options.title ?? '';
  const fullTitle = notes.length ? `${title}${title ? ' ' : ''}(${notes.join(', ')})` : title;
  return { kind: 'table', ...(fullTitle ? { title: fullTitle } : {}), columns: cols, rows: cut };
}

function readOptions(value: unknown): TableOptions {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { title: value };
  if (!isPlainObject(value)) {
    throw new OutputArgumentError(`show.table: the options must be an object like { columns: ['a', 'b'], title: '…' }; got ${kindOf(value)}.`);
  }
  for (const k of Object.keys(value)) {
    if (k !== 'columns' && k !== 'title') throw new OutputArgumentError(`show.table: unknown option "${k}"; the options are columns, title.`);
  }
  const out: TableOptions = {};
  if (value.columns !== undefined) {
    if (!Array.isArray(value.columns))
      throw new OutputArgumentError(`show.table: columns must be an array of column names; got ${kindOf(value.columns)}.`);
    out.columns = value.columns.map((c) => String(c));
  }
  if (value.title !== undefined) out.title = String(value.title);
  return out;
}

/** `progress(fraction, label)`: fraction between 0 and 1. */
export function normalizeProgress(fraction: unknown, label: unknown): ProgressItem {
  if (typeof fraction !== 'number' || Number.isNaN(fraction)) {
    throw new OutputArgumentError(`progress expects a fraction between 0 and 1 (e.g. progress(0.5, 'half way')); got ${kindOf(fraction)}.`);
  }
  if (fraction < 0 || fraction > 1) {
    throw new OutputArgumentError(`progress expects a fraction between 0 and 1 (e.g. 0.5 for half way); got ${fraction}.`);
  }
  const text = label === undefined || label === null ? `${Math.round(fraction * 100)}%` : typeof label === 'string' ? label : formatValue(label);
  return { kind: 'progress', fraction, label: text };
}
