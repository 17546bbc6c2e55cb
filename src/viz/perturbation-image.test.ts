import { describe, expect, it } from 'vitest';
import { SIGNED_COLOURS, signedColour, signedLegendSvg, signedToRgba } from './perturbation-image.ts';

describe('signed images', () => {
  it('draws 0 white, +scale vermillion, -scale blue, halfway halfway, and clamps beyond the scale', () => {
    const rgba = signedToRgba([0, 0.1, -0.1, 0.05, 0.4, -3], 0.1);
    const px = (i: number) => [...rgba.slice(4 * i, 4 * i + 4)];
    expect(px(0)).toEqual([...SIGNED_COLOURS.zero, 255]);
    expect(px(1)).toEqual([...SIGNED_COLOURS.positive, 255]);
    expect(px(2)).toEqual([...SIGNED_COLOURS.negative, 255]);
    expect(px(3)).toEqual([234, 175, 128, 255]);
    expect(px(4)).toEqual(px(1));
    expect(px(5)).toEqual(px(2));
    expect(signedColour(Number.NaN)).toEqual(SIGNED_COLOURS.zero);
  });

  it('refuses a scale that is not positive', () => {
    expect(() => signedToRgba([1], 0)).toThrow(/positive/);
  });

  it('names the ends of its legend in words', () => {
    const svg = signedLegendSvg({ negative: '−ε', positive: '+ε' });
    expect(svg).toContain('aria-label="Colour scale: blue −ε, white no change, vermillion +ε"');
    expect(svg.match(/<rect /g)).toHaveLength(10);
  });
});
