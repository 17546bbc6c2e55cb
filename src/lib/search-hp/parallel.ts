/**
 * The parallel-coordinates model of the search, pure: one axis per hyperparameter plus validation
 * accuracy, their order (reordered by dragging a title or by the move buttons), each axis's scale as a
 * fraction of its height (0 = bottom, 1 = top), and the filters a brush or the min/max inputs set,
 * in data units: a trial passes when it is inside every filter. src/widgets/hyper-search/ draws it.
 */
import type { SearchSpace } from './space.ts';
import { accuracyOf, type Trial } from './search.ts';

export type AxisKey = 'learningRate' | 'hiddenUnits' | 'dropout' | 'batchSize' | 'accuracy';

export interface Axis {
  key: AxisKey;
  label: string;
  /** log and linear: a continuous range; points: the set's values spaced evenly. */
  kind: 'log' | 'linear' | 'points';
  domain: readonly number[];
}

/** Filter of one axis, in data units, both ends included. */
export interface Range {
  min: number;
  max: number;
}

export type Filters = Partial<Record<AxisKey, Range>>;

/** The axes before any result (accuracy spans 0–100%). */
export function searchAxes(space: SearchSpace, accuracyDomain: readonly [number, number] = [0, 1]): Axis[] {
  return [
    { key: 'learningRate', label: 'Learning rate', kind: 'log', domain: [space.learningRate.min, space.learningRate.max] },
    { key: 'hiddenUnits', label: 'Hidden units', kind: 'points', domain: [...space.hiddenUnits].sort((a, b) => a - b) },
    { key: 'dropout', label: 'Dropout', kind: 'linear', domain: [space.dropout.min, space.dropout.max] },
    { key: 'batchSize', label: 'Batch size', kind: 'points', domain: [...space.batchSize].sort((a, b) => a - b) },
    { key: 'accuracy', label: 'Validation accuracy', kind: 'linear', domain: accuracyDomain },
  ];
}

/** The accuracy axis' range for these trials: their extent rounded out to 5%, or 0–100% with no result. */
export function accuracyDomain(trials: readonly Trial[]): [number, number] {
  const xs = trials.map(accuracyOf).filter((a): a is number => a !== null && Number.isFinite(a));
  if (xs.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor(Math.min(...xs) * 20 - 1e-9) / 20);
  const hi = Math.min(1, Math.ceil(Math.max(...xs) * 20 + 1e-9) / 20);
  return hi > lo ? [lo, hi] : [Math.max(0, lo - 0.05), Math.min(1, hi + 0.05)];
}

/** A trial's value on an axis (null: no accuracy yet). */
export function axisValue(t: Trial, key: AxisKey): number | null {
  return key === 'accuracy' ? accuracyOf(t) : t.params[key];
}

/** Where `value` sits on the axis, 0 (bottom) to 1 (top), clamped. */
export function fraction(axis: Axis, value: number): number {
  const d = axis.domain;
  let f: number;
  if (axis.kind === 'points') {
    if (d.length === 1) return 0.5;
    const i = d.indexOf(value);
    // A value not in the set sits where it would fall between its neighbours.
    f = i >= 0 ? i / (d.length - 1) : interpolateIndex(d, value) / (d.length - 1);
  } else {
    const [lo, hi] = [d[0]!, d[d.length - 1]!];
    if (hi === lo) return 0.5;
    f = axis.kind === 'log' ? Math.log(value / lo) / Math.log(hi / lo) : (value - lo) / (hi - lo);
  }
  return Math.min(1, Math.max(0, f));
}

function interpolateIndex(d: readonly number[], value: number): number {
  if (value <= d[0]!) return 0;
  for (let i = 1; i < d.length; i++) if (value <= d[i]!) return i - 1 + (value - d[i - 1]!) / (d[i]! - d[i - 1]!);
  return d.length - 1;
}

/** The value at fraction `f` of a continuous axis (the inverse of `fraction`). */
export function valueAt(axis: Axis, f: number): number {
  const [lo, hi] = [axis.domain[0]!, axis.domain[axis.domain.length - 1]!];
  return axis.kind === 'log' ? lo * Math.pow(hi / lo, f) : lo + (hi - lo) * f;
}

/**
 * A brush from fraction `f0` to `f1` (either order) as a filter in data units. On a points axis it
 * covers the values whose points are inside; null when it covers none (nothing passes then: min > max).
 */
export function brushToRange(axis: Axis, f0: number, f1: number): Range {
  const [a, b] = f0 <= f1 ? [f0, f1] : [f1, f0];
  if (axis.kind !== 'points') return { min: valueAt(axis, a), max: valueAt(axis, b) };
  const inside = axis.domain.filter((v) => fraction(axis, v) >= a - 1e-9 && fraction(axis, v) <= b + 1e-9);
  return inside.length > 0 ? { min: inside[0]!, max: inside[inside.length - 1]! } : { min: Infinity, max: -Infinity };
}

/** The fractions of a filter on the axis, bottom first (to draw the brush from the min/max inputs). */
export function rangeToBrush(axis: Axis, range: Range): [number, number] | null {
  if (!(range.min <= range.max)) return null;
  return [fraction(axis, range.min), fraction(axis, range.max)];
}

/** True when the trial is inside every filter (a trial with no accuracy yet fails an accuracy filter). */
export function passes(t: Trial, filters: Filters): boolean {
  for (const [key, range] of Object.entries(filters) as [AxisKey, Range | undefined][]) {
    if (!range) continue;
    const v = axisValue(t, key);
    if (v === null || v < range.min - 1e-12 || v > range.max + 1e-12) return false;
  }
  return true;
}

/** `order` with `key` moved by `delta` places (clamped at the ends). */
export function moveAxis(order: readonly AxisKey[], key: AxisKey, delta: number): AxisKey[] {
  const from = order.indexOf(key);
  if (from < 0) return [...order];
  return moveAxisTo(order, key, from + delta);
}

/** `order` with `key` placed at index `to` (clamped). */
export function moveAxisTo(order: readonly AxisKey[], key: AxisKey, to: number): AxisKey[] {
  const rest = order.filter((k) => k !== key);
  if (rest.length === order.length) return [...order];
  const at = Math.max(0, Math.min(rest.length, Math.round(to)));
  return [...rest.slice(0, at), key, ...rest.slice(at)];
}

/** The x position (0..1 of the plot's width) of each axis in `order`, evenly spaced. */
export function axisPositions(order: readonly AxisKey[]): Map<AxisKey, number> {
  const n = order.length;
  return new Map(order.map((k, i) => [k, n === 1 ? 0.5 : i / (n - 1)]));
}

/** Where an axis dragged to x (0..1) lands in the order: the index of the nearest slot. */
export function slotAt(order: readonly AxisKey[], x: number): number {
  return order.length <= 1 ? 0 : Math.round(Math.max(0, Math.min(1, x)) * (order.length - 1));
}

export interface Tick {
  value: number;
  /** 0 (bottom) to 1 (top). */
  f: number;
  label: string;
}

/** The ticks of an axis: decades on a log axis, every value of a set, five steps on a linear one (accuracy in %). */
export function axisTicks(axis: Axis): Tick[] {
  const d = axis.domain;
  let values: number[];
  if (axis.kind === 'points') values = [...d];
  else if (axis.kind === 'log') {
    values = [];
    for (let e = Math.ceil(Math.log10(d[0]!) - 1e-9); e <= Math.floor(Math.log10(d[d.length - 1]!) + 1e-9); e++) values.push(10 ** e);
  } else {
    const [lo, hi] = [d[0]!, d[d.length - 1]!];
    // Round steps (0.05, 0.1, 0.2…) so the labels read well: at most six intervals.
    const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].find((s) => (hi - lo) / s <= 6 + 1e-9) ?? (hi - lo) / 5;
    values = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
  }
  const label = (v: number): string => {
    if (axis.key === 'accuracy') return `${Math.round(v * 1000) / 10}%`;
    if (axis.kind === 'log') return v >= 0.001 ? String(v) : `1e${Math.round(Math.log10(v))}`.replace('-', '−');
    return String(Math.round(v * 1000) / 1000);
  };
  return values.map((value) => ({ value, f: fraction(axis, value), label: label(value) }));
}
