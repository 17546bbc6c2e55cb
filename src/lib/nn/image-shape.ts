/**
 * Shapes of the image layers (Conv2D, MaxPool2D, Flatten): NHWC images flattened row by row,
 * so a batch is still a `batch × (height · width · channels)` matrix like every other layer's.
 * Helpers to read [height, width] settings, work out one axis of a patch with its padding,
 * and say in words what is wrong with a shape.
 */
import { axisProblem, effectiveKernel, outputSize } from './conv-geometry.ts';
import type { ImageShape, Padding, Size2D } from './types.ts';

/** "28 × 28 × 1". */
export const shapeText = (shape: ImageShape): string => shape.join(' × ');

/** The number of values in one image. */
export const imageSize = (shape: ImageShape): number => shape[0] * shape[1] * shape[2];

/** [height, width] from one number or a pair. */
export function pair(size: Size2D): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

/** Throws unless every entry of `shape` is a whole number of at least 1. */
export function checkImageShape(kind: string, shape: ImageShape): void {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new Error(`${kind} needs an input shape [height, width, channels] of whole numbers ≥ 1, e.g. [28, 28, 1]; got [${String(shape)}].`);
  }
}

/** The error of an image layer given a flat input width that is not its image's size. */
export function shapeMismatch(kind: string, shape: ImageShape, got: number): Error {
  return new Error(
    `${kind} expects ${shapeText(shape)} inputs (${imageSize(shape)} values per image), got ${got}: check the previous layer ` +
      `(or the input shape given to the network).`,
  );
}

/** One axis of a patch once its padding is resolved: zero cells before the first row/column and the output size. */
export interface ResolvedAxis {
  padBefore: number;
  out: number;
}

/**
 * Resolves one axis (input n, kernel k, stride s, dilation d) under `padding`, tfjs' way:
 * 'valid' pads nothing; 'same' gives ⌈n / s⌉ outputs, padding (out − 1)·s + span − n cells in all,
 * the smaller half before; a number pads that many cells on each side. Throws what is wrong, in words.
 */
export function resolveAxis(kind: string, axis: 'height' | 'width', n: number, k: number, s: number, d: number, padding: Padding): ResolvedAxis {
  const p = typeof padding === 'number' ? padding : 0;
  if (padding !== 'valid' && padding !== 'same' && typeof padding !== 'number') {
    throw new Error(`${kind}: padding must be 'valid', 'same' or a whole number of cells, got ${String(padding)}.`);
  }
  // 'same' never runs out of room, so check its numbers against an input at least as wide as the kernel.
  const problem = axisProblem({ n: padding === 'same' ? Math.max(n, effectiveKernel(k, d)) : n, k, s, p, d });
  if (problem) throw new Error(`${kind} on ${axis} ${n}: ${problem}`);
  if (padding !== 'same') return { padBefore: p, out: outputSize({ n, k, s, p, d }) };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + effectiveKernel(k, d) - n, 0);
  return { padBefore: Math.floor(total / 2), out };
}
