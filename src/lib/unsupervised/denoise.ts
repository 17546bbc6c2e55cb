/**
 * The denoiser's comparison, pure: a corrupted image restored two ways — by the images lesson's
 * Gaussian blur (src/lib/image/convolve.ts, the same function) and by the denoising autoencoder —
 * and each scored by its mean squared error against the clean image.
 */
import { gaussianBlur } from '../image/convolve.ts';
import { clamp01, meanSquaredError } from './corrupt.ts';

/**
 * The Gaussian blur of a grey image (row-major floats, `width` wide), with the images lesson's
 * function: separable, kernel radius ⌈3σ⌉, edges clamped. The blur is linear, so the 0..1 scale
 * needs no conversion; the result is clamped to 0..1.
 */
export function blurGrey(pixels: Float32Array, width: number, sigma: number): Float32Array {
  const height = pixels.length / width;
  if (!Number.isInteger(height)) throw new RangeError(`blurGrey: ${pixels.length} pixels do not make rows of width ${width}.`);
  return clamp01(gaussianBlur({ width, height, channels: 1, data: pixels }, sigma, 'clamp').data);
}

/** Mean squared error against the clean image of each version (restored: null until the model has run). */
export interface DenoiseScores {
  corrupted: number;
  blurred: number;
  restored: number | null;
}

export function denoiseScores(clean: Float32Array, corrupted: Float32Array, blurred: Float32Array, restored: Float32Array | null): DenoiseScores {
  return {
    corrupted: meanSquaredError(clean, corrupted),
    blurred: meanSquaredError(clean, blurred),
    restored: restored ? meanSquaredError(clean, restored) : null,
  };
}

/** An error as the widget writes it: three decimals below 1 ("0.052"), or "0" for none. */
export function formatError(mse: number): string {
  if (mse === 0) return '0';
  return mse < 0.001 ? mse.toExponential(1) : mse.toFixed(3);
}

/** The key figure in words: "Error vs the clean image: corrupted 0.052, blurred 0.031, denoised 0.012 (the autoencoder is best)". */
export function scoresSentence(s: DenoiseScores): string {
  const parts = [`corrupted ${formatError(s.corrupted)}`, `blurred ${formatError(s.blurred)}`];
  if (s.restored === null) return `Error vs the clean image: ${parts.join(', ')}; the denoising autoencoder is loading`;
  parts.push(`denoised ${formatError(s.restored)}`);
  const best =
    s.restored < s.blurred && s.restored < s.corrupted
      ? 'the autoencoder is best'
      : s.blurred < s.corrupted
        ? 'the blur is best'
        : 'neither helps here';
  return `Mean squared error vs the clean image: ${parts.join(', ')} (${best})`;
}
