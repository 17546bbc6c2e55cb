/**
 * The confusion matrix of a classifier on the test set: how many images of each true digit
 * (row) were predicted as each digit (column), the images behind one cell, and the words a cell
 * is read out with. Pure.
 */
import { formatCount } from '../format/numbers.ts';

export const DIGITS = 10;

/** counts[true * 10 + predicted]. */
export function confusionCounts(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[] {
  if (labels.length !== predicted.length) throw new Error(`Confusion matrix: ${labels.length} labels but ${predicted.length} predictions.`);
  const counts = new Array<number>(DIGITS * DIGITS).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i] as number;
    const p = predicted[i] as number;
    if (t >= 0 && t < DIGITS && p >= 0 && p < DIGITS) counts[t * DIGITS + p]! += 1;
  }
  return counts;
}

/** The fraction of images on the diagonal (predicted right). */
export function accuracyOf(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let right = 0;
  for (let d = 0; d < DIGITS; d++) right += counts[d * DIGITS + d] ?? 0;
  return total > 0 ? right / total : 0;
}

/** Indices of the test images whose true digit is `truth` and predicted digit is `guess`: the first `limit`, and how many there are. */
export function pairIndices(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  truth: number,
  guess: number,
  limit: number,
): { indices: number[]; total: number } {
  const indices: number[] = [];
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== truth || predicted[i] !== guess) continue;
    total++;
    if (indices.length < limit) indices.push(i);
  }
  return { indices, total };
}

const images = (n: number): string => `${formatCount(n)} ${n === 1 ? 'image' : 'images'}`;

/** How a cell is read out: "true 4, predicted 9: 23 images". */
export function cellName(truth: number, guess: number, count: number): string {
  return `true ${truth}, predicted ${guess}: ${images(count)}`;
}

/** The sentence over a cell's thumbnails. */
export function pairCaption(truth: number, guess: number, shown: number, total: number): string {
  const what = truth === guess ? `${images(total)} of ${truth} predicted right` : `${images(total)} of ${truth} predicted as ${guess}`;
  if (total === 0) return `No test image of ${truth} was predicted as ${guess}.`;
  return shown < total
    ? `${what}; the first ${formatCount(shown)} are shown. Choose one to open it in the pad.`
    : `${what}. Choose one to open it in the pad.`;
}
