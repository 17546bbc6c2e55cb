import { describe, expect, it } from 'vitest';
import { luminance, readableTextColour } from './text-colour.ts';

describe('readableTextColour', () => {
  it('writes black on light and white on dark colours', () => {
    expect(readableTextColour(255, 255, 255)).toBe('#000000');
    expect(readableTextColour(0, 0, 0)).toBe('#ffffff');
    expect(readableTextColour(255, 255, 0)).toBe('#000000'); // yellow is light
    expect(readableTextColour(0, 0, 255)).toBe('#ffffff'); // blue is dark
  });

  it('always reaches 4.5:1 contrast (every grey level and the primaries)', () => {
    const ratio = (l1: number, l2: number) => (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const colours: [number, number, number][] = [];
    for (let v = 0; v <= 255; v++) colours.push([v, v, v], [v, 0, 0], [0, v, 0], [0, 0, v], [v, v, 0]);
    for (const [r, g, b] of colours) {
      const text = readableTextColour(r, g, b) === '#000000' ? 0 : 1;
      expect(ratio(luminance(r, g, b), text), `${r},${g},${b}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('clamps values outside 0–255', () => {
    expect(luminance(-20, 300, 0)).toBeCloseTo(luminance(0, 255, 0), 12);
  });
});
