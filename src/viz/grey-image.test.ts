import { describe, expect, it } from 'vitest';
import { greyToRgba } from './grey-image.ts';

describe('greyToRgba', () => {
  it('draws ink dark on white, clamped, opaque', () => {
    const rgba = greyToRgba([9, 9, 0, 1, 0.5, -2, 3, 9], 1, 3);
    expect([...rgba]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    expect(greyToRgba([0, 0.5, 2], 0, 3).slice(8, 12)).toEqual(new Uint8ClampedArray([0, 0, 0, 255]));
    expect(greyToRgba([-2, 3], 0, 2).slice(0, 8)).toEqual(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]));
  });

  it('says when the image is not there', () => {
    expect(() => greyToRgba([0, 0], 1, 2)).toThrow(/no image 1 in 1/);
  });
});
