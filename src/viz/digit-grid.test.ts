import { describe, expect, it } from 'vitest';
import { DIGIT_PIXELS, digitCount, digitToRgba, mistakeIndices, type DigitSet } from './digit-grid.ts';

function set(labels: number[], predicted: number[]): DigitSet {
  const images = new Uint8Array(labels.length * DIGIT_PIXELS);
  labels.forEach((label, i) => images.fill(label * 20, i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS));
  return { images, labels: Uint8Array.from(labels), predicted: Uint8Array.from(predicted) };
}

describe('mistakeIndices', () => {
  it('lists where the guess differs from the label', () => {
    expect(mistakeIndices(set([7, 2, 1, 0], [7, 3, 1, 6]))).toEqual([1, 3]);
    expect(mistakeIndices(set([4, 4], [4, 4]))).toEqual([]);
  });
});

describe('digitCount', () => {
  it('rejects arrays that do not agree', () => {
    const good = set([1, 2], [1, 2]);
    expect(digitCount(good)).toBe(2);
    expect(() => digitCount({ ...good, predicted: new Uint8Array(1) })).toThrow(/2 labels but 1 predictions/);
    expect(() => digitCount({ ...good, images: new Uint8Array(100) })).toThrow(/1568 pixels, got 100/);
  });
});

describe('digitToRgba', () => {
  it('draws ink dark on white, opaque', () => {
    const images = new Uint8Array(2 * DIGIT_PIXELS);
    images[DIGIT_PIXELS + 5] = 255; // second digit, pixel 5: full ink
    images[DIGIT_PIXELS + 6] = 100;
    const rgba = digitToRgba(images, 1);
    expect(rgba.length).toBe(DIGIT_PIXELS * 4);
    expect([...rgba.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...rgba.subarray(20, 24)]).toEqual([0, 0, 0, 255]);
    expect([...rgba.subarray(24, 28)]).toEqual([155, 155, 155, 255]);
  });
  it('reuses the output buffer', () => {
    const out = new Uint8ClampedArray(DIGIT_PIXELS * 4);
    expect(digitToRgba(new Uint8Array(DIGIT_PIXELS), 0, out)).toBe(out);
  });
  it('refuses an index past the end', () => {
    expect(() => digitToRgba(new Uint8Array(DIGIT_PIXELS), 1)).toThrow(/no digit 1 in 1 images/);
  });
});
