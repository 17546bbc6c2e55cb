import { describe, expect, it } from 'vitest';
import { contrastRatio, mixColour, parseColour, textOn } from './colours.ts';

describe('matrix colours', () => {
  it('parse and mix colours', () => {
    expect(parseColour('#0b3d91')).toEqual([11, 61, 145]);
    expect(parseColour(' rgb(1, 2, 3) ')).toEqual([1, 2, 3]);
    expect(parseColour('blue')).toBeNull();
    expect(mixColour([0, 0, 0], [200, 100, 50], 0.5)).toBe('rgb(100, 50, 25)');
    expect(mixColour([0, 0, 0], [200, 100, 50], 2)).toBe('rgb(200, 100, 50)');
  });

  it('pick the text colour that keeps AA contrast on every cell of both themes', () => {
    // The two themes' scales (shared/confusion-matrix/matrix.css): light from #f4f8fd to #0b3d91, dark from #18202b to #8cc4ff.
    for (const [low, high] of [
      ['#f4f8fd', '#0b3d91'],
      ['#18202b', '#8cc4ff'],
    ] as const) {
      for (let t = 0; t <= 1; t += 0.05) {
        const bg = parseColour(mixColour(parseColour(low)!, parseColour(high)!, t))!;
        const text = parseColour(textOn(bg))!;
        expect(contrastRatio(bg, text), `t=${t.toFixed(2)} on ${low}→${high}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
