/**
 * Corrupting images for the denoising autoencoder (pure, seeded: the same seed gives the same damage).
 *
 * An image is a row-major `Float32Array` of grey values in 0..1 (Fashion-MNIST: 28 × 28, 0 = black
 * background). Every function returns a new array and leaves its input alone; every result is
 * clamped to 0..1, so a corrupted image is still an image.
 *
 * - Gaussian noise: v' = clamp(v + σ·z), z ~ N(0, 1) drawn for each pixel, σ = strength.
 * - Salt and pepper: each pixel, with probability `strength`, becomes 0 or 1 (equally likely).
 * - Square mask: one square, its area `strength` of the image, at a seeded place, set to 0.
 * - Block mask: the image cut into blocks (4 × 4 by default); a `strength` share of them, chosen by
 *   the seed, set to 0.
 * - Scribble: the reader's strokes painted into a coverage mask m (0..1 per pixel), then
 *   v' = v·(1 − m) + ink·m.
 */
import { epochSeed, mulberry32, shuffledIndices } from '../runtime/shuffle.ts';

/** 'mask' hides random blocks, 'square' one square (the training worker's CorruptionSpec uses the first three). */
export const CORRUPTION_KINDS = ['gaussian', 'salt-and-pepper', 'mask', 'square'] as const;
export type CorruptionKind = (typeof CORRUPTION_KINDS)[number];

/** What to do to an image: the kind and its strength (σ for Gaussian noise, else the fraction of pixels hit, 0..1). */
export interface Corruption {
  kind: CorruptionKind;
  strength: number;
}

/** Human names for the kinds (controls and sentences). */
export const CORRUPTION_LABELS: Record<CorruptionKind, string> = {
  gaussian: 'Gaussian noise',
  'salt-and-pepper': 'Salt and pepper',
  mask: 'Masked blocks',
  square: 'Masked square',
};

/** Side of the blocks that `maskBlocks` hides, in pixels (7 × 7 blocks on a 28 × 28 image). */
export const DEFAULT_BLOCK = 4;

/** Clamp every value to 0..1 (NaN becomes 0), in place; returns the same array. */
export function clamp01(values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    values[i] = v > 0 ? (v < 1 ? v : 1) : 0;
  }
  return values;
}

function checkFraction(fraction: number, what: string): void {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`${what}: the fraction must be between 0 and 1, got ${fraction}.`);
}

function checkSize(pixels: Float32Array, width: number, what: string): number {
  if (!Number.isInteger(width) || width < 1 || pixels.length % width !== 0) {
    throw new RangeError(`${what}: ${pixels.length} pixels do not make rows of width ${width}.`);
  }
  return pixels.length / width;
}

/** A standard normal generator (Box–Muller on mulberry32), seeded. */
function normal(seed: number): () => number {
  const rand = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rand(); // (0, 1]: log is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * rand();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

/** v' = clamp(v + σ·z) with z ~ N(0, 1) independent for every pixel. */
export function gaussianNoise(pixels: Float32Array, sigma: number, seed: number): Float32Array {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianNoise: σ must be a number ≥ 0, got ${sigma}.`);
  const z = normal(seed);
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! + sigma * z();
  return clamp01(out);
}

/** Each pixel, with probability `fraction`, turns to 0 (pepper) or 1 (salt), each half the time. */
export function saltAndPepper(pixels: Float32Array, fraction: number, seed: number): Float32Array {
  checkFraction(fraction, 'saltAndPepper');
  const rand = mulberry32(seed);
  const out = clamp01(Float32Array.from(pixels));
  for (let i = 0; i < out.length; i++) {
    const u = rand();
    if (u < fraction) out[i] = u < fraction / 2 ? 0 : 1;
  }
  return out;
}

/**
 * One square set to 0: side round(√fraction · min(width, height)), so it covers about `fraction`
 * of a square image, at a seeded place wholly inside the image.
 */
export function maskSquare(pixels: Float32Array, width: number, fraction: number, seed: number): Float32Array {
  checkFraction(fraction, 'maskSquare');
  const height = checkSize(pixels, width, 'maskSquare');
  const side = Math.round(Math.sqrt(fraction) * Math.min(width, height));
  const rand = mulberry32(seed);
  const x0 = Math.floor(rand() * (width - side + 1));
  const y0 = Math.floor(rand() * (height - side + 1));
  const out = clamp01(Float32Array.from(pixels));
  for (let y = y0; y < y0 + side; y++) out.fill(0, y * width + x0, y * width + x0 + side);
  return out;
}

/**
 * The image cut into `block` × `block` tiles (the last row and column may be smaller);
 * round(fraction · tiles) of them, chosen by the seed, set to 0.
 */
export function maskBlocks(pixels: Float32Array, width: number, fraction: number, seed: number, block = DEFAULT_BLOCK): Float32Array {
  checkFraction(fraction, 'maskBlocks');
  const height = checkSize(pixels, width, 'maskBlocks');
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`maskBlocks: the block side must be a whole number ≥ 1, got ${block}.`);
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const hidden = Math.round(fraction * cols * rows);
  const order = shuffledIndices(cols * rows, seed);
  const out = clamp01(Float32Array.from(pixels));
  for (let k = 0; k < hidden; k++) {
    const tile = order[k]!;
    const x0 = (tile % cols) * block;
    const y0 = Math.floor(tile / cols) * block;
    const x1 = Math.min(width, x0 + block);
    for (let y = y0; y < Math.min(height, y0 + block); y++) out.fill(0, y * width + x0, y * width + x1);
  }
  return out;
}

/** One image corrupted as `corruption` says (a new array, clamped to 0..1). */
export function corruptImage(pixels: Float32Array, width: number, corruption: Corruption, seed: number): Float32Array {
  const { kind, strength } = corruption;
  switch (kind) {
    case 'gaussian':
      return gaussianNoise(pixels, strength, seed);
    case 'salt-and-pepper':
      return saltAndPepper(pixels, strength, seed);
    case 'mask':
      return maskBlocks(pixels, width, strength, seed);
    case 'square':
      return maskSquare(pixels, width, strength, seed);
    default:
      throw new RangeError(`Unknown corruption "${String(kind)}": use one of ${CORRUPTION_KINDS.join(', ')}.`);
  }
}

/**
 * n images of d pixels each (row-major n·d), every one corrupted with its own seed (mixed from
 * `seed` and its index, so image i gets the same damage whatever the batch around it).
 * `width` defaults to √d (square images).
 */
export function corruptBatch(data: Float32Array, n: number, d: number, corruption: Corruption, seed: number, width = Math.sqrt(d)): Float32Array {
  if (data.length !== n * d) throw new RangeError(`corruptBatch: expected ${n} × ${d} = ${n * d} values, got ${data.length}.`);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    out.set(corruptImage(data.subarray(i * d, (i + 1) * d), width, corruption, epochSeed(seed, i)), i * d);
  }
  return out;
}

/** A point on the image in pixel units: (0, 0) is the top-left corner, (width, height) the bottom-right. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Paints a round brush of `radius` pixels along the segment from → to into a coverage mask
 * (width × height, values 0..1), in place. A pixel's coverage is how far its centre lies inside the
 * brush, with a one-pixel soft edge: clamp(radius + ½ − distance, 0, 1); coverage only grows.
 * A single tap is a segment of length 0 (a dot). Returns the mask.
 */
export function paintStroke(mask: Float32Array, width: number, from: Point, to: Point, radius: number): Float32Array {
  const height = checkSize(mask, width, 'paintStroke');
  if (!(radius > 0)) throw new RangeError(`paintStroke: the brush radius must be > 0, got ${radius}.`);
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len2 = dx * dx + dy * dy;
  const reach = radius + 1;
  const xMin = Math.max(0, Math.floor(Math.min(from.x, to.x) - reach));
  const xMax = Math.min(width - 1, Math.ceil(Math.max(from.x, to.x) + reach));
  const yMin = Math.max(0, Math.floor(Math.min(from.y, to.y) - reach));
  const yMax = Math.min(height - 1, Math.ceil(Math.max(from.y, to.y) + reach));
  for (let y = yMin; y <= yMax; y++) {
    for (let x = xMin; x <= xMax; x++) {
      const px = x + 0.5 - from.x;
      const py = y + 0.5 - from.y;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const distance = Math.hypot(px - t * dx, py - t * dy);
      const cover = Math.max(0, Math.min(1, radius + 0.5 - distance));
      const i = y * width + x;
      if (cover > mask[i]!) mask[i] = cover;
    }
  }
  return mask;
}

/** The reader's scribble applied: v' = v·(1 − m) + ink·m for coverage m (0..1) per pixel; a new array. */
export function applyScribble(pixels: Float32Array, mask: Float32Array, ink = 1): Float32Array {
  if (mask.length !== pixels.length) throw new RangeError(`applyScribble: the mask has ${mask.length} values, the image ${pixels.length}.`);
  checkFraction(ink, 'applyScribble (ink)');
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const m = Math.max(0, Math.min(1, mask[i]!));
    out[i] = pixels[i]! * (1 - m) + ink * m;
  }
  return clamp01(out);
}

/** Mean squared error between two images of the same size: (1/N) Σ (aᵢ − bᵢ)². */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`meanSquaredError: the images have ${a.length} and ${b.length} values.`);
  if (a.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const e = a[i]! - b[i]!;
    sum += e * e;
  }
  return sum / a.length;
}
