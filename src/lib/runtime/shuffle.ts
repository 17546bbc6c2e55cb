/**
 * Seeded randomness for training: the same seed gives the same shuffles, so two runs
 * (worker vs main thread, or before/after a change) can be compared batch for batch.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mix a seed and an epoch number into a new 32-bit seed (so every epoch shuffles differently). */
export function epochSeed(seed: number, epoch: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (epoch + 1), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A permutation of 0..n-1 (Fisher–Yates), determined by `seed`. */
export function shuffledIndices(n: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`shuffledIndices: n must be a non-negative integer, got ${n}`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}

/** Split 0..n-1 into consecutive [start, end) batch ranges of `batchSize` (the last may be shorter). */
export function batchRanges(n: number, batchSize: number): Array<[number, number]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < n; start += batchSize) ranges.push([start, Math.min(n, start + batchSize)]);
  return ranges;
}
