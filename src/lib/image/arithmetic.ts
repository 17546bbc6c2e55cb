/**
 * Image arithmetic: differences between two images of the same shape (pure TypeScript).
 *
 * Results are not clamped: a difference can be negative, and `toRgba` decides how to show it
 * ('abs' or 'signed' display).
 */
import { createImg } from './image.ts';
import type { Img } from './types.ts';

function checkSameShape(a: Img, b: Img, op: string): void {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new RangeError(
      `${op}: the two images must have the same shape; got ${a.width}×${a.height}×${a.channels} and ` +
        `${b.width}×${b.height}×${b.channels}. Resize or convert one of them first.`,
    );
  }
}

/**
 * out = a − b, for every channel of every pixel, alpha included.
 *
 * This is the classic pitfall: two opaque RGBA images both have alpha 255, so the difference has
 * alpha 255 − 255 = 0 everywhere, and the result is fully transparent ("blank") however much the
 * colours differ. Use `absDifference` (which keeps alpha) or drop alpha first.
 */
export function subtract(a: Img, b: Img): Img {
  checkSameShape(a, b, 'subtract');
  const out = createImg(a.width, a.height, a.channels);
  const x = a.data;
  const y = b.data;
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = x[i]! - y[i]!;
  return out;
}

export interface AbsDifferenceOptions {
  /** RGBA only: true (default) sets alpha to 255 (opaque) instead of |αa − αb|. */
  keepAlpha?: boolean;
}

/**
 * out = |a − b| per colour channel. For RGBA images, alpha is 255 (opaque) when `keepAlpha`
 * is true (the default, the fix for the pitfall), else |αa − αb| like every other channel.
 */
export function absDifference(a: Img, b: Img, { keepAlpha = true }: AbsDifferenceOptions = {}): Img {
  checkSameShape(a, b, 'absDifference');
  const out = createImg(a.width, a.height, a.channels);
  const x = a.data;
  const y = b.data;
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = Math.abs(x[i]! - y[i]!);
  if (a.channels === 4 && keepAlpha) {
    for (let i = 3; i < d.length; i += 4) d[i] = 255;
  }
  return out;
}
