import { describe, expect, it } from 'vitest';
import { channelMax, divergingColour, filterToRgba, largestMagnitude, mapToRgba, meanChange } from './pixels.ts';

const grey = (rgba: Uint8ClampedArray): number[] => Array.from({ length: rgba.length / 4 }, (_, p) => rgba[p * 4]!);

describe('mapToRgba', () => {
  // A 2×2 map with 2 channels, channels last: channel 0 = [0, 1, 2, 4], channel 1 = [-1, 0, 0, 0].
  const values = [0, -1, 1, 0, 2, 0, 4, 0];
  const shape = { height: 2, width: 2, channels: 2 };

  it('draws one channel from white (0) to black (its largest value), opaque', () => {
    expect(channelMax(values, shape, 0)).toBe(4);
    const rgba = mapToRgba(values, shape, 0);
    expect(grey(rgba)).toEqual([255, 191, 128, 0]);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([191, 191, 191, 255]);
  });

  it('draws a channel with nothing above zero all white, and clips to a given scale', () => {
    expect(grey(mapToRgba(values, shape, 1))).toEqual([255, 255, 255, 255]);
    expect(grey(mapToRgba(values, shape, 0, 2))).toEqual([255, 128, 0, 0]);
  });

  it('refuses a channel or a length that does not fit, in words', () => {
    expect(() => mapToRgba(values, shape, 2)).toThrow('No channel 2 in a map of 2.');
    expect(() => mapToRgba(values.slice(1), shape, 0)).toThrow('A 2×2×2 map has 8 values, not 7.');
  });
});

describe('filters', () => {
  it('colours weights white at zero, blue below, orange above', () => {
    expect(divergingColour(0)).toEqual([255, 255, 255]);
    expect(divergingColour(-1)).toEqual([33, 102, 172]);
    expect(divergingColour(1)).toEqual([230, 97, 1]);
    expect(divergingColour(5)).toEqual([230, 97, 1]);
  });

  it('reads filter f of a [kh, kw, in, out] kernel in its layout, on one scale for all filters', () => {
    // 1×2 kernel, 1 input channel, 2 filters: values[(x * 1 + 0) * 2 + f].
    const kernel = [0.5, -2, -1, 0];
    expect(largestMagnitude(kernel)).toBe(2);
    const f0 = filterToRgba(kernel, [1, 2, 1, 2], 0);
    expect(Array.from(f0.subarray(0, 4))).toEqual([...divergingColour(0.25), 255]);
    expect(Array.from(f0.subarray(4, 8))).toEqual([...divergingColour(-0.5), 255]);
    const f1 = filterToRgba(kernel, [1, 2, 1, 2], 1);
    expect(Array.from(f1.subarray(0, 4))).toEqual([33, 102, 172, 255]);
    expect(() => filterToRgba(kernel, [1, 2, 1, 2], 2)).toThrow('No filter 2 in 2.');
  });

  it('measures how far filters moved between two readings', () => {
    expect(meanChange([0, 1, 2, 3], [0, 1, 2, 3])).toBe(0);
    expect(meanChange([0, 1, 2, 3], [1, 0, 2, 3])).toBe(0.5);
  });
});
