import { describe, expect, it } from 'vitest';
import { convolve, sobel } from '../../lib/image/convolve.ts';
import { createImg, toGray } from '../../lib/image/image.ts';
import { KERNEL_PRESETS } from '../../lib/image/kernels.ts';
import type { Img } from '../../lib/image/types.ts';
import { applyFilter, colourRange, renderFilter, transposeKernel } from './ops.ts';
import type { FilterJob } from './protocol.ts';

/** A small RGB test image: a bright square on a dark ground, with colour. */
function testImage(): Img {
  const img = createImg(6, 5, 3);
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 6; x++) {
      const on = x >= 2 && x <= 4 && y >= 1 && y <= 3;
      const i = (y * 6 + x) * 3;
      img.data[i] = on ? 220 : 20;
      img.data[i + 1] = on ? 120 : 40;
      img.data[i + 2] = 10 * y; // changes downwards only: no response to Sobel x
    }
  }
  return img;
}

const sobelX = Array.from(KERNEL_PRESETS.sobelX.kernel.values);
const job = (over: Partial<FilterJob>): FilterJob => ({
  kind: 'kernel',
  size: 3,
  values: sobelX,
  border: 'clamp',
  display: 'clamp',
  grey: false,
  ...over,
});

describe('filter lab operations', () => {
  it('transposes a kernel: Sobel x becomes Sobel y', () => {
    const t = transposeKernel(KERNEL_PRESETS.sobelX.kernel);
    expect(Array.from(t.values)).toEqual(Array.from(KERNEL_PRESETS.sobelY.kernel.values));
  });

  it('convolves each colour channel, or the luma when asked', () => {
    const img = testImage();
    expect(applyFilter(img, job({ border: 'reflect' })).data).toEqual(convolve(img, KERNEL_PRESETS.sobelX.kernel, 'reflect').data);
    const grey = applyFilter(img, job({ grey: true }));
    expect(grey.channels).toBe(1);
    expect(grey.data).toEqual(convolve(toGray(img), KERNEL_PRESETS.sobelX.kernel, 'clamp').data);
  });

  it('computes the gradient magnitude as the library’s Sobel does', () => {
    const img = testImage();
    for (const border of ['zero', 'clamp', 'reflect'] as const) {
      const ours = applyFilter(img, job({ kind: 'magnitude', grey: true, border }));
      const lib = sobel(img, border).magnitude;
      expect(ours.data.length).toBe(lib.data.length);
      ours.data.forEach((v, i) => expect(v).toBeCloseTo(lib.data[i]!, 3));
    }
  });

  it('leaves alpha as it was in a magnitude', () => {
    const img = createImg(3, 3, 4, 100);
    for (let i = 3; i < img.data.length; i += 4) img.data[i] = 77;
    const out = applyFilter(img, job({ kind: 'magnitude' }));
    for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(77);
  });

  it('reports the range before display and draws it as asked', () => {
    const img = testImage();
    const filtered = applyFilter(img, job({ grey: true }));
    const { min, max } = colourRange(filtered);
    expect(min).toBeLessThan(0);
    expect(max).toBeGreaterThan(255);
    const signed = renderFilter(img, job({ grey: true, display: 'signed' }));
    expect(signed).toMatchObject({ width: 6, height: 5, min, max });
    expect(signed.rgba).toHaveLength(6 * 5 * 4);
    // A flat stretch (response 0) shows as mid grey in signed mode; the top-left pixel is flat.
    expect(filtered.data[0]).toBe(0);
    expect(signed.rgba[0]).toBe(128);
    expect(signed.rgba[3]).toBe(255);
  });

  it('says which cell is not a number', () => {
    expect(() => applyFilter(testImage(), job({ values: [0, 0, 0, 0, Number.NaN, 0, 0, 0, 0] }))).toThrow(/row 2, column 2/);
  });
});
