/**
 * The tiny picture the convolution stepper works on, as plain data (no DOM), so the end-to-end
 * test can compute the expected outputs with src/lib/image on exactly the same numbers.
 *
 * 8×8 grey pixels (0 = black, 255 = white): a bright square in the lower right of a dark,
 * slightly noisy background. It has a vertical edge (Sobel x lights up), a horizontal edge
 * (Sobel y), a dark corner and a bright corner, where the border modes give clearly different
 * results (zero padding darkens the bright corner; clamp and reflect do not).
 */
import type { Img } from '../../lib/image/types.ts';

export const DEMO_WIDTH = 8;
export const DEMO_HEIGHT = 8;

/** Row-major grey values, one row per line. */
export const DEMO_PIXELS: readonly number[] = [
  14, 22, 19, 27, 31, 24, 18, 26, 20, 35, 28, 33, 40, 36, 29, 21, 17, 30, 45, 38, 42, 47, 39, 25, 23, 36, 41, 196, 204, 199, 207, 201, 19, 33, 39,
  203, 221, 214, 209, 198, 26, 40, 37, 210, 218, 230, 217, 205, 21, 29, 34, 200, 212, 219, 226, 211, 16, 24, 31, 195, 206, 213, 208, 220,
];

/** A fresh copy of the demo image (one grey channel). */
export function demoImage(): Img {
  return { width: DEMO_WIDTH, height: DEMO_HEIGHT, channels: 1, data: Float32Array.from(DEMO_PIXELS) };
}
