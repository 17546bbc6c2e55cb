/**
 * The latent view in words (its text alternative): where each class sits, how spread out it is, and
 * which classes overlap. Spread is the root-mean-square distance of a class's points to its centroid;
 * the overall spread (all points about the overall centroid) is the yardstick.
 */
import type { Vec3 } from './camera.ts';

export interface ClassSummary {
  label: number;
  count: number;
  centroid: Vec3;
  /** Root-mean-square distance of the class's points to its centroid. */
  spread: number;
}

export interface EmbeddingSummary {
  classes: ClassSummary[];
  /** RMS distance of all points to their overall centroid. */
  overallSpread: number;
  /** Class pairs by centroid distance, closest first. */
  closest: Array<{ a: number; b: number; distance: number }>;
}

/** Centroid and spread of each of `classCount` classes of n 3-D points; classes with no points are left out. */
export function summarise(points: Float32Array, n: number, classes: ArrayLike<number>, classCount: number): EmbeddingSummary {
  const sums = new Float64Array(classCount * 3);
  const counts = new Int32Array(classCount);
  const all = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const c = classes[i]!;
    counts[c]!++;
    for (let a = 0; a < 3; a++) {
      sums[c * 3 + a]! += points[i * 3 + a]!;
      all[a]! += points[i * 3 + a]!;
    }
  }
  const centroids = Array.from({ length: classCount }, (_, c) => [0, 1, 2].map((a) => sums[c * 3 + a]! / Math.max(1, counts[c]!)) as Vec3);
  const overall = all.map((s) => s / Math.max(1, n));
  const squares = new Float64Array(classCount);
  let overallSquares = 0;
  for (let i = 0; i < n; i++) {
    const c = classes[i]!;
    for (let a = 0; a < 3; a++) {
      const v = points[i * 3 + a]!;
      squares[c]! += (v - centroids[c]![a]!) ** 2;
      overallSquares += (v - overall[a]!) ** 2;
    }
  }
  const present = centroids.map((centroid, label) => ({
    label,
    count: counts[label]!,
    centroid,
    spread: Math.sqrt(squares[label]! / Math.max(1, counts[label]!)),
  }));
  const summaries = present.filter((s) => s.count > 0);
  const closest: EmbeddingSummary['closest'] = [];
  for (const [i, p] of summaries.entries()) {
    for (const q of summaries.slice(i + 1))
      closest.push({ a: p.label, b: q.label, distance: Math.hypot(...p.centroid.map((v, a) => v - q.centroid[a]!)) });
  }
  closest.sort((x, y) => x.distance - y.distance);
  return { classes: summaries, overallSpread: Math.sqrt(overallSquares / Math.max(1, n)), closest };
}

const num = (v: number) => (Math.abs(v) < 0.005 ? '0' : v.toFixed(2)).replace('-', '−');

/** One sentence per class and one about overlap, for the view's text alternative. */
export function summaryLines(summary: EmbeddingSummary, names: readonly string[]): string[] {
  const { classes, overallSpread, closest } = summary;
  if (classes.length === 0) return ['No points.'];
  const lines = classes.map((c) => {
    const ratio = c.spread / (overallSpread || 1);
    const shape = ratio < 0.4 ? 'a tight cluster' : ratio < 0.7 ? 'a loose cluster' : 'spread widely';
    return `${names[c.label] ?? `Class ${c.label}`}: ${c.count.toLocaleString('en-US')} images centred at (${c.centroid.map(num).join(', ')}), spread ${num(c.spread)}, ${shape}.`;
  });
  const sorted = [...classes].sort((a, b) => a.spread - b.spread);
  const pairs = closest.slice(0, 2).map((p) => `${names[p.a]} and ${names[p.b]} (${num(p.distance)} apart)`);
  lines.push(
    `Overall spread ${num(overallSpread)}. Tightest: ${names[sorted[0]!.label]}; widest: ${names[sorted[sorted.length - 1]!.label]}.` +
      (pairs.length ? ` Closest class centres: ${pairs.join(' and ')}.` : ''),
  );
  return lines;
}
