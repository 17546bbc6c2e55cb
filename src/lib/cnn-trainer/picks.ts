/**
 * Which test images the CNN trainer shows: a strip with the first test image of each class (to pick
 * one for its feature maps), and the mistakes (images whose predicted class is not the true one).
 * Pure.
 */

/** The index of the first test image of each class 0…classes−1, in class order (classes with no image are left out). */
export function firstOfEachClass(labels: ArrayLike<number>, classes = 10): number[] {
  const first = new Array<number>(classes).fill(-1);
  let found = 0;
  for (let i = 0; i < labels.length && found < classes; i++) {
    const c = labels[i]!;
    if (c >= 0 && c < classes && first[c] === -1) {
      first[c] = i;
      found++;
    }
  }
  return first.filter((i) => i >= 0);
}

/** The first `limit` images predicted wrong, and how many there are in all. */
export function mistakes(labels: ArrayLike<number>, predicted: ArrayLike<number>, limit: number): { indices: number[]; total: number } {
  if (labels.length !== predicted.length) throw new Error(`${labels.length} labels but ${predicted.length} predictions.`);
  const indices: number[] = [];
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === predicted[i]) continue;
    total++;
    if (indices.length < limit) indices.push(i);
  }
  return { indices, total };
}

/** The next position in a list of `length` after a step of `delta` (wrapping), for previous/next buttons. */
export function stepIndex(position: number, delta: number, length: number): number {
  if (length <= 0) return 0;
  return (((position + delta) % length) + length) % length;
}

/** A confusion cell's shade, 0 (none) to 4 (the largest count), on a log scale so that a few mistakes show beside many right answers. */
export function shadeLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(4, Math.ceil((4 * Math.log1p(count)) / Math.log1p(max))));
}
