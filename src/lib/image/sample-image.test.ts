/**
 * The whole pipeline on a real photo: decode public/images/samples/chelsea.png (the cat) with
 * pngjs, as the browser would get it from a canvas (RGBA bytes), and run the operations on it.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { absDifference, subtract } from './arithmetic.ts';
import { mangle, DEFAULT_MANGLE } from './colour.ts';
import { convolve, gaussianBlur, sobel } from './convolve.ts';
import { fromRgba, resizeToFit, toGray, toRgba } from './image.ts';
import { KERNEL_PRESETS } from './kernels.ts';
import type { Img } from './types.ts';

const png = PNG.sync.read(readFileSync(new URL('../../../public/images/samples/chelsea.png', import.meta.url)));

/** Total variation: Σ |I(x + 1, y) − I(x, y)| + |I(x, y + 1) − I(x, y)| over all channels. */
function totalVariation(img: Img): number {
  const { width: w, height: h, channels: ch, data } = img;
  let tv = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * ch;
      for (let c = 0; c < ch; c++) {
        if (x + 1 < w) tv += Math.abs(data[i + ch + c]! - data[i + c]!);
        if (y + 1 < h) tv += Math.abs(data[i + w * ch + c]! - data[i + c]!);
      }
    }
  }
  return tv;
}

describe('the chelsea sample photo', () => {
  const rgb = fromRgba(png.data, png.width, png.height, 3);
  const rgba = fromRgba(png.data, png.width, png.height, 4);

  it('decodes to a 451×300 RGB image with values in 0–255', () => {
    expect([rgb.width, rgb.height, rgb.channels]).toEqual([451, 300, 3]);
    expect(rgb.data.length).toBe(451 * 300 * 3);
    let min = Infinity;
    let max = -Infinity;
    for (const v of rgb.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(255);
    expect(max - min).toBeGreaterThan(150); // a real photo, not a blank
  });

  it('round-trips through toRgba unchanged (opaque PNG)', () => {
    expect(Buffer.from(toRgba(rgba)).equals(png.data)).toBe(true);
  });

  it('blurring reduces total variation, more with a larger sigma', () => {
    const tv = totalVariation(rgb);
    const tv1 = totalVariation(gaussianBlur(rgb, 1));
    const tv3 = totalVariation(gaussianBlur(rgb, 3));
    expect(tv1).toBeLessThan(0.8 * tv);
    expect(tv3).toBeLessThan(tv1);
    expect(totalVariation(convolve(rgb, KERNEL_PRESETS.sharpen.kernel, 'clamp'))).toBeGreaterThan(tv);
  });

  it('the alpha pitfall on a real photo, and its fix', () => {
    const brighter = mangle(rgba, { ...DEFAULT_MANGLE, brightness: 40 });
    const diff = toRgba(subtract(brighter, rgba));
    let visible = 0;
    for (let i = 3; i < diff.length; i += 4) visible += diff[i]!;
    expect(visible).toBe(0); // fully transparent
    const fixed = toRgba(absDifference(brighter, rgba));
    expect(fixed[3]).toBe(255);
  });

  it('Sobel magnitude is strongest on edges, shrinking keeps the aspect ratio', () => {
    const { magnitude } = sobel(rgb);
    const grey = toGray(rgb);
    expect(magnitude.width).toBe(grey.width);
    const mean = magnitude.data.reduce((a, b) => a + b, 0) / magnitude.data.length;
    expect(mean).toBeGreaterThan(5);
    const small = resizeToFit(rgb, 100);
    expect([small.width, small.height]).toEqual([100, 67]);
  });
});
