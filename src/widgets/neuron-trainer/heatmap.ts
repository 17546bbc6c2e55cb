/**
 * The neuron's weights as a diverging heat map: blue for negative, light grey for zero,
 * red for positive, on a scale symmetric around zero. Pure helpers (colours and the text
 * alternative) plus `drawWeights`, which paints a 28×28 canvas.
 */
import { NEGATIVE_RGB, POSITIVE_RGB, ZERO_RGB } from './markup.ts';

/** Largest |w| (at least a tiny number, so an all-zero map is drawn neutral). */
export function maxAbs(weights: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < weights.length; i++) m = Math.max(m, Math.abs(weights[i] as number));
  return m > 0 ? m : 1e-9;
}

/** RGB of `value` on a diverging scale from −`limit` (blue) through 0 (light) to +`limit` (red). */
export function divergingRgb(value: number, limit: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, value / limit));
  const end = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
  const a = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round((ZERO_RGB[i] as number) + ((end[i] as number) - (ZERO_RGB[i] as number)) * a)) as [number, number, number];
}

/** Writes the RGBA pixels of the map into `out` (length 4 × weights). */
export function weightPixels(weights: ArrayLike<number>, out: Uint8ClampedArray): number {
  const limit = maxAbs(weights);
  for (let i = 0; i < weights.length; i++) {
    const [r, g, b] = divergingRgb(weights[i] as number, limit);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return limit;
}

const signed = (v: number) => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(2)}`;

/**
 * The text alternative: the range, and where the strongest weights are, in words
 * (the centre of the image, where a zero has a hole, versus the rest).
 */
export function describeWeights(weights: ArrayLike<number>, side = 28): string {
  let min = Infinity;
  let max = -Infinity;
  let centreSum = 0;
  let centreCount = 0;
  let ringSum = 0;
  let ringCount = 0;
  const c = side / 2;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    min = Math.min(min, w);
    max = Math.max(max, w);
    const row = Math.floor(i / side) + 0.5;
    const col = (i % side) + 0.5;
    const r = Math.hypot(row - c, col - c) / side;
    if (r < 0.12) {
      centreSum += w;
      centreCount++;
    } else if (r >= 0.2 && r < 0.36) {
      ringSum += w;
      ringCount++;
    }
  }
  if (!(max > min)) return 'All 784 weights are 0: the neuron has not learned anything yet.';
  const centre = centreSum / Math.max(1, centreCount);
  const ring = ringSum / Math.max(1, ringCount);
  return (
    `Weights range from ${signed(min)} to ${signed(max)}. ` +
    `The centre of the image averages ${signed(centre)} and a ring around it ${signed(ring)}` +
    (ring > centre ? ': ink on the ring says “zero”, ink in the middle says “not zero”.' : '.')
  );
}

/** Paints `weights` (28 × 28) on `canvas`; returns the scale's limit (max |w|). */
export function drawWeights(canvas: HTMLCanvasElement, weights: Float32Array): number {
  const ctx = canvas.getContext('2d');
  const side = Math.round(Math.sqrt(weights.length));
  if (!ctx || side * side !== weights.length) return 0;
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const image = ctx.createImageData(side, side);
  const limit = weightPixels(weights, image.data);
  ctx.putImageData(image, 0, 0);
  return limit;
}
