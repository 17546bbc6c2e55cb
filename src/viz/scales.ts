/**
 * Pure helpers behind the charts: domains that end on round numbers and
 * downsampling long series so a chart never draws more points than pixels.
 * No DOM, no d3: unit-tested in Node.
 */

export interface Point {
  x: number;
  y: number;
}

/** Smallest and largest finite values, or null when there are none. */
export function finiteExtent(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A "nice" tick step (1, 2 or 5 × 10^k) that cuts `span` into about `count` parts.
 * niceStep(2.3, 5) → 0.5; niceStep(938, 5) → 200.
 */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

export interface NiceDomainOptions {
  /** Stretch the domain to include 0 (losses, counts). */
  includeZero?: boolean;
  /** Roughly how many ticks the axis will have. */
  ticks?: number;
  /** Domain to use when there is no finite value at all. */
  fallback?: [number, number];
  /** Never go beyond these bounds (e.g. [0, 1] for accuracy). */
  clamp?: [number, number];
}

/**
 * A domain covering `values` that starts and ends on round numbers:
 * niceDomain([0.31, 2.27], { includeZero: true }) → [0, 2.5].
 * A single value gets a small span around it; no values give the fallback.
 */
export function niceDomain(values: Iterable<number>, options: NiceDomainOptions = {}): [number, number] {
  const { includeZero = false, ticks = 5, fallback = [0, 1], clamp } = options;
  const extent = finiteExtent(values);
  if (!extent) return [fallback[0], fallback[1]];
  let [lo, hi] = extent;
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    // One distinct value: open a span of 10% of its size (or 1 around zero).
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo = includeZero && lo >= 0 ? lo : lo - pad;
    hi = hi + pad;
    if (includeZero && lo > 0) lo = 0;
  }
  const step = niceStep(hi - lo, ticks);
  // Round through the step count to avoid 0.30000000000000004-style ends.
  let niceLo = roundTo(Math.floor(lo / step + 1e-9) * step, step);
  let niceHi = roundTo(Math.ceil(hi / step - 1e-9) * step, step);
  if (clamp) {
    niceLo = Math.max(niceLo, clamp[0]);
    niceHi = Math.min(niceHi, clamp[1]);
    if (niceLo >= niceHi) return [clamp[0], clamp[1]];
  }
  return [niceLo, niceHi];
}

function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 15)));
}

/**
 * Reduce a series to at most `maxPoints` points with Largest-Triangle-Three-Buckets:
 * keeps the first and last points and, in each bucket, the point that best keeps
 * the line's shape (spikes survive, flat runs thin out). Points with a non-finite
 * y are dropped first. Returns the input array itself when it is already short enough.
 */
export function downsample(points: readonly Point[], maxPoints: number): readonly Point[] {
  const data = points.every((p) => Number.isFinite(p.y) && Number.isFinite(p.x))
    ? points
    : points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  const n = data.length;
  const threshold = Math.floor(maxPoints);
  if (threshold >= n || n <= 2) return data;
  if (threshold <= 0) return [];
  if (threshold === 1) return [data[n - 1]!];
  if (threshold === 2) return [data[0]!, data[n - 1]!];

  const sampled: Point[] = [data[0]!];
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0; // index of the last chosen point
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += data[j]!.x;
      avgY += data[j]!.y;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;

    // In this bucket, pick the point making the largest triangle with a and the average.
    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    const pa = data[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = data[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    sampled.push(data[best]!);
    a = best;
  }
  sampled.push(data[n - 1]!);
  return sampled;
}

/** The last point of a series with a finite y, or undefined. */
export function lastFinite(points: readonly Point[]): Point | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (Number.isFinite(p.y)) return p;
  }
  return undefined;
}

/**
 * Round tick values across `domain`, about `count` of them (1, 2 or 5 × 10^k apart):
 * niceTicks([0, 1], 5) → [0, 0.2, 0.4, 0.6, 0.8, 1]. The same rule as d3's ticks, without d3,
 * for the charts drawn before d3 loads (chart-frame.ts).
 */
export function niceTicks(domain: readonly [number, number], count = 5): number[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  // d3's rule: the power of ten below span/count, times 1, 2, 5 or 10, whichever is closest.
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(roundTo(k * step, step));
  return out;
}

/**
 * The x domain of a line chart: "a chart ends where its data ends". With no data, the domain the
 * caller planned (the empty axes: 0 to the planned epochs, or seconds). With data, from the
 * smaller of the planned start and the first x to the last x, so a run that stopped at 0.36 s is
 * not drawn on an axis that runs on to 1 s. One x gets a small span after it so it can be drawn.
 */
export function xDomainFor(xs: Iterable<number>, planned: readonly [number, number]): [number, number] {
  const extent = finiteExtent(xs);
  if (!extent) return [planned[0], planned[1]];
  const lo = Math.min(planned[0], extent[0]);
  const hi = extent[1];
  if (hi > lo) return [lo, hi];
  const span = planned[1] > planned[0] ? (planned[1] - planned[0]) / 100 : 1;
  return [lo, lo + span];
}
