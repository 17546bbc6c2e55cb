/**
 * What the PCA explorer says and draws about the projected images, as pure functions: each class's
 * centre and spread on the first two components (the scatter's text alternative and its figure
 * before the points load), the error of one rebuilt image, and the diverging colour map of the
 * component images.
 */
import { formatCount, formatPercent } from '../format/numbers.ts';

export interface ClassSpread {
  /** Class index. */
  label: number;
  count: number;
  /** Mean coordinate on the first two components. */
  centre: [number, number];
  /** Standard deviation along each of the two components. */
  spread: [number, number];
}

/** Centre and spread of each class on the first two columns of `coords` (n rows of `stride` values). */
export function classSpreads(coords: Float32Array, stride: number, labels: ArrayLike<number>, classCount: number): ClassSpread[] {
  const n = labels.length;
  if (stride < 2 || coords.length < n * stride)
    throw new RangeError(`classSpreads: ${coords.length} coordinates are too few for ${n} rows of ${stride}.`);
  const count = new Float64Array(classCount);
  const sx = new Float64Array(classCount);
  const sy = new Float64Array(classCount);
  const sxx = new Float64Array(classCount);
  const syy = new Float64Array(classCount);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < classCount)) throw new RangeError(`classSpreads: label ${c} of row ${i} is not below ${classCount}.`);
    const x = coords[i * stride]!;
    const y = coords[i * stride + 1]!;
    count[c] = count[c]! + 1;
    sx[c] = sx[c]! + x;
    sy[c] = sy[c]! + y;
    sxx[c] = sxx[c]! + x * x;
    syy[c] = syy[c]! + y * y;
  }
  return Array.from({ length: classCount }, (_, label) => {
    const c = count[label]!;
    const mx = c > 0 ? sx[label]! / c : 0;
    const my = c > 0 ? sy[label]! / c : 0;
    const sd = (ss: number, m: number): number => (c > 1 ? Math.sqrt(Math.max(0, (ss - c * m * m) / (c - 1))) : 0);
    return { label, count: c, centre: [mx, my], spread: [sd(sxx[label]!, mx), sd(syy[label]!, my)] };
  });
}

const num = (v: number): string => (Math.round(v * 10) / 10).toFixed(1).replace('-', '−');

/** The pairs of classes that overlap most: centres closest relative to their spreads, most overlapped first. */
export function closestPairs(spreads: readonly ClassSpread[], count = 3): [number, number][] {
  const pairs: { a: number; b: number; score: number }[] = [];
  for (let a = 0; a < spreads.length; a++) {
    for (let b = a + 1; b < spreads.length; b++) {
      const [p, q] = [spreads[a]!, spreads[b]!];
      const distance = Math.hypot(p.centre[0] - q.centre[0], p.centre[1] - q.centre[1]);
      const size = Math.hypot(p.spread[0], p.spread[1]) + Math.hypot(q.spread[0], q.spread[1]);
      pairs.push({ a, b, score: distance / Math.max(size, 1e-9) });
    }
  }
  return pairs
    .sort((x, y) => x.score - y.score)
    .slice(0, count)
    .map(({ a, b }) => [spreads[a]!.label, spreads[b]!.label]);
}

/**
 * The scatter in words: what the axes are, where each class sits (from left to right along the first
 * component) and how far it spreads, and which classes overlap most.
 */
export function describeSpreads(spreads: readonly ClassSpread[], names: readonly string[], explained: readonly number[]): string[] {
  const name = (label: number): string => names[label] ?? `class ${label}`;
  const total = spreads.reduce((s, c) => s + c.count, 0);
  const lines = [
    `${formatCount(total)} test images, each placed by its first two principal components: component 1 across ` +
      `(${formatPercent(explained[0] ?? 0)} of the variance), component 2 up (${formatPercent(explained[1] ?? 0)}).`,
  ];
  const sorted = [...spreads].filter((c) => c.count > 0).sort((a, b) => a.centre[0] - b.centre[0]);
  for (const c of sorted) {
    lines.push(
      `${name(c.label)}: centre at (${num(c.centre[0])}, ${num(c.centre[1])}), spread ±${num(c.spread[0])} across and ±${num(c.spread[1])} up.`,
    );
  }
  const pairs = closestPairs(spreads);
  if (pairs.length > 0) lines.push(`Overlapping most: ${pairs.map(([a, b]) => `${name(a)} with ${name(b)}`).join('; ')}.`);
  return lines;
}

/** Mean squared difference of two equally long vectors (the error of a rebuilt image, per pixel). */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`meanSquaredError: lengths ${a.length} and ${b.length} differ.`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return a.length > 0 ? s / a.length : 0;
}

/** The two ends of the diverging map (negative, positive) and its middle (zero): a blue–grey–red scale. */
const NEGATIVE = [33, 102, 172];
const MIDDLE = [236, 236, 236];
const POSITIVE = [178, 24, 43];

/** RGB of value `v` on a diverging map over −limit…+limit (blue, light grey at 0, red). */
export function divergingRgb(v: number, limit: number): [number, number, number] {
  const t = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(MIDDLE[k]! + (end[k]! - MIDDLE[k]!) * a)) as [number, number, number];
}

/** RGBA pixels (for an ImageData) of a vector on the diverging map, symmetric around 0 at its largest magnitude. */
export function divergingPixels(values: ArrayLike<number>): Uint8ClampedArray {
  let limit = 0;
  for (let i = 0; i < values.length; i++) limit = Math.max(limit, Math.abs(values[i]!));
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = divergingRgb(values[i]!, limit);
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}

/** RGBA pixels of a grey image with values 0…1 (clamped): 0 black, 1 white. */
export function greyPixels(values: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const g = Math.round(Math.max(0, Math.min(1, values[i]!)) * 255);
    out.set([g, g, g, 255], i * 4);
  }
  return out;
}

/** "keep 72.0% of the variance" for the first m components. */
export function cumulativeRatio(explained: readonly number[], m: number): number {
  return explained.slice(0, m).reduce((s, v) => s + v, 0);
}
