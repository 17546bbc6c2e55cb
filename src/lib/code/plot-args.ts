/**
 * `plot.line(…)` and `plot.scatter(…)`: the shapes of data a reader may pass, turned into
 * the protocol's plot item (named series of [x, y] points), with errors that say what was
 * expected and what was given.
 *
 * Accepted data (numbers may be arrays, typed arrays or 1-D tensors):
 *   plot.line([0.9, 0.5, 0.3])                   y values; x is the index 0, 1, 2…
 *   plot.line([[0, 0.9], [1, 0.5]])              [x, y] pairs (or a [n, 2] tensor)
 *   plot.line([{ x: 0, y: 0.9 }, …])             point objects
 *   plot.line({ x: [0, 1], y: [0.9, 0.5] })       x and y arrays
 *   plot.line(xs, ys)                            x and y arrays as two arguments
 *   plot.line({ loss: [...], accuracy: [...] })  several named series (each any of the above)
 * followed by options { title, xLabel, yLabel, name, key }.
 */
import type { OutputItem } from './output-item.ts';
import { OutputArgumentError, isNumberArrayLike, isPlainObject, kindOf, type DataHooks } from './values.ts';

export type PlotItem = Extract<OutputItem, { kind: 'plot' }>;
export type PlotKind = PlotItem['plot'];
type Point = [number, number];

export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Name of the series when the data is a single series. */
  name?: string;
  /** Plots with the same key replace each other (a chart updated in a loop); default: the title, else the call's line. */
  key?: string;
}

/** More points than this in one series are thinned evenly (first and last kept). */
export const MAX_POINTS_PER_SERIES = 5000;
export const MAX_SERIES = 20;

const OPTION_KEYS = new Set(['title', 'xLabel', 'yLabel', 'name', 'key']);

function expected(kind: PlotKind): string {
  return `plot.${kind} expects numbers or [x, y] pairs`;
}

/**
 * Builds a plot item from the arguments of one `plot.line`/`plot.scatter` call.
 * `defaultKey` identifies the call (e.g. its line in the reader's code) when no key or title is given.
 */
export function normalizePlot(kind: PlotKind, args: readonly unknown[], hooks: DataHooks, defaultKey: string): PlotItem {
  if (args.length === 0) throw new OutputArgumentError(`plot.${kind} needs data, e.g. plot.${kind}([0.9, 0.5, 0.3]).`);
  let data: unknown = args[0];
  let optionsArg: unknown = args[1];
  // plot.line(xs, ys[, options])
  if (args.length >= 2 && looksLikeNumbers(args[1], hooks)) {
    data = { x: args[0], y: args[1] };
    optionsArg = args[2];
  }
  const options = readOptions(kind, optionsArg);
  const series = toSeries(kind, data, hooks, options.name ?? 'data');
  if (series.length > MAX_SERIES) {
    throw new OutputArgumentError(`plot.${kind} draws at most ${MAX_SERIES} series in one chart; got ${series.length}.`);
  }
  const key = `${kind}:${options.key ?? (options.title !== undefined ? `title:${options.title}` : defaultKey)}`;
  return {
    kind: 'plot',
    plot: kind,
    key,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.xLabel !== undefined ? { xLabel: options.xLabel } : {}),
    ...(options.yLabel !== undefined ? { yLabel: options.yLabel } : {}),
    series,
  };
}

function looksLikeNumbers(value: unknown, hooks: DataHooks): boolean {
  if (isNumberArrayLike(value)) return true;
  const dense = hooks.toData?.(value);
  return dense !== undefined && dense.shape.length === 1;
}

function readOptions(kind: PlotKind, value: unknown): PlotOptions {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { title: value };
  if (!isPlainObject(value)) {
    throw new OutputArgumentError(`plot.${kind}: the options must be an object like { title: 'Loss' }; got ${kindOf(value)}.`);
  }
  const out: PlotOptions = {};
  for (const [k, v] of Object.entries(value)) {
    if (!OPTION_KEYS.has(k)) {
      throw new OutputArgumentError(`plot.${kind}: unknown option "${k}"; the options are ${[...OPTION_KEYS].join(', ')}.`);
    }
    if (v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new OutputArgumentError(`plot.${kind}: option "${k}" must be text; got ${kindOf(v)}.`);
    }
    out[k as keyof PlotOptions] = String(v);
  }
  return out;
}

/** The data argument as one or more series. */
function toSeries(kind: PlotKind, data: unknown, hooks: DataHooks, name: string): PlotItem['series'] {
  const single = toPoints(kind, data, hooks, '');
  if (single) return [{ name, points: thin(single) }];
  if (isPlainObject(data) && !('x' in data && 'y' in data)) {
    const entries = Object.entries(data);
    if (entries.length === 0)
      throw new OutputArgumentError(`plot.${kind} got an empty object: give it at least one series, e.g. { loss: [0.9, 0.5] }.`);
    return entries.map(([seriesName, values]) => {
      const points = toPoints(kind, values, hooks, ` (series "${seriesName}")`);
      if (!points) throw new OutputArgumentError(`${expected(kind)} for series "${seriesName}"; got ${kindOf(values)}.`);
      return { name: seriesName, points: thin(points) };
    });
  }
  throw new OutputArgumentError(`${expected(kind)}; got ${kindOf(data)}.`);
}

/**
 * One series' points, or undefined when `data` is not a single series (e.g. an object of
 * named series). Throws for data that is clearly meant as one series but is wrong.
 */
function toPoints(kind: PlotKind, data: unknown, hooks: DataHooks, where: string): Point[] | undefined {
  const dense = hooks.toData?.(data);
  if (dense) {
    const values = dense.read();
    if (dense.shape.length === 1) return fromYs(values);
    if (dense.shape.length === 2 && dense.shape[1] === 2) {
      const pts: Point[] = [];
      for (let i = 0; i < dense.shape[0]!; i++) pts.push([values[2 * i]!, values[2 * i + 1]!]);
      return finite(pts);
    }
    throw new OutputArgumentError(
      `plot.${kind}${where} expects a 1-D tensor of y values or a [n, 2] tensor of [x, y] pairs; got a tensor of shape [${dense.shape.join(', ')}].`,
    );
  }
  if (isNumberArrayLike(data)) return fromYs(data);
  if (Array.isArray(data)) {
    if (typeof data[0] === 'number') {
      // Meant as y values: name the first item that is not a number.
      const bad = data.findIndex((v) => typeof v !== 'number');
      throw new OutputArgumentError(`${expected(kind)}${where}; item ${bad} is ${kindOf(data[bad])}.`);
    }
    const pts: Point[] = [];
    data.forEach((item, i) => pts.push(toPoint(kind, item, i, hooks, where)));
    return finite(pts);
  }
  if (isPlainObject(data) && 'x' in data && 'y' in data) {
    const xs = numbers(kind, data.x, hooks, `x${where}`);
    const ys = numbers(kind, data.y, hooks, `y${where}`);
    if (xs.length !== ys.length) {
      throw new OutputArgumentError(`plot.${kind}${where}: x has ${xs.length} values but y has ${ys.length}; they must have the same length.`);
    }
    return finite(Array.from(xs, (x, i) => [x, ys[i]!] as Point));
  }
  if (isPlainObject(data)) return undefined;
  throw new OutputArgumentError(`${expected(kind)}${where}; got ${kindOf(data)}.`);
}

function toPoint(kind: PlotKind, item: unknown, index: number, hooks: DataHooks, where: string): Point {
  if (Array.isArray(item) || ArrayBuffer.isView(item)) {
    const pair = item as ArrayLike<unknown>;
    if (pair.length === 2 && typeof pair[0] === 'number' && typeof pair[1] === 'number') return [pair[0], pair[1]];
    throw new OutputArgumentError(`${expected(kind)}${where}; item ${index} is an array of ${pair.length} values, not an [x, y] pair.`);
  }
  if (isPlainObject(item) && typeof item.x === 'number' && typeof item.y === 'number') return [item.x, item.y];
  const dense = hooks.toData?.(item);
  if (dense && dense.shape.length === 0) {
    throw new OutputArgumentError(`${expected(kind)}${where}; item ${index} is a tensor: use plain numbers (await t.data()) or pass one 1-D tensor.`);
  }
  throw new OutputArgumentError(`${expected(kind)}${where}; item ${index} is ${kindOf(item)}.`);
}

function numbers(kind: PlotKind, value: unknown, hooks: DataHooks, what: string): ArrayLike<number> {
  const dense = hooks.toData?.(value);
  if (dense && dense.shape.length === 1) return dense.read();
  if (isNumberArrayLike(value)) return value;
  throw new OutputArgumentError(`plot.${kind}: ${what} must be an array of numbers; got ${kindOf(value)}.`);
}

function fromYs(ys: ArrayLike<number>): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < ys.length; i++) pts.push([i, ys[i]!]);
  return finite(pts);
}

/** Points a chart cannot draw (NaN, ±Infinity) are left out. */
function finite(points: Point[]): Point[] {
  return points.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    ? points
    : points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

/** At most MAX_POINTS_PER_SERIES points, evenly spaced, keeping the first and the last. */
export function thin(points: Point[], max = MAX_POINTS_PER_SERIES): Point[] {
  if (points.length <= max) return points;
  const out: Point[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}
