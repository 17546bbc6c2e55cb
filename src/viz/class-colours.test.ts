import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { themeTokens } from '../lib/style/tokens.ts';
import { contrastRatio, parseHex } from '../widgets/code-cell/contrast.ts';
import { CLASS_COLOURS } from './class-colours.ts';

const css = readFileSync(new URL('../styles/tokens.css', import.meta.url), 'utf8');

/** CIE L*a*b* (D65) of a hex colour. */
function lab(colour: string): [number, number, number] {
  const [r, g, b] = parseHex(colour).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('CLASS_COLOURS', () => {
  it('has ten distinct hex colours', () => {
    expect(CLASS_COLOURS).toHaveLength(10);
    expect(new Set(CLASS_COLOURS.map((c) => c.toLowerCase())).size).toBe(10);
  });

  for (const theme of ['light', 'dark', 'dark-system'] as const) {
    it(`has at least 3:1 contrast on the ${theme} page and figure backgrounds`, () => {
      const tokens = themeTokens(css, theme);
      for (const name of ['--bg', '--figure-bg']) {
        const background = tokens.get(name);
        expect(background, name).toMatch(/^#/);
        for (const colour of CLASS_COLOURS) expect(contrastRatio(colour, background!), `${colour} on ${theme} ${name}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('keeps every pair at least 25 apart in L*a*b*', () => {
    for (let i = 0; i < 10; i++) {
      for (let j = i + 1; j < 10; j++) {
        const [a, b] = [lab(CLASS_COLOURS[i]!), lab(CLASS_COLOURS[j]!)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `${i} and ${j}`).toBeGreaterThanOrEqual(25);
      }
    }
  });
});
