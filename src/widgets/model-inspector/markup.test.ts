import { describe, expect, it } from 'vitest';
import { barsSvg, inspectorMarkup, matrixMarkup, parseLimit } from './markup.ts';

describe('the inspector markup', () => {
  it('is a figure before anything runs: the empty 10×10 matrix with its axes, the pad and the empty bars', () => {
    const html = inspectorMarkup(10_000);
    expect(matrixMarkup().match(/<td class="tk-matrix__cell"><\/td>/g)).toHaveLength(100);
    expect(matrixMarkup()).toContain('Predicted digit');
    expect(matrixMarkup()).toContain('True');
    expect(html).toContain('data-part="pad"');
    expect(html).toContain('nothing drawn yet');
    expect(html).toContain('Test image (0–9,999)');
    // No model yet: nothing to download or open.
    expect(html).toMatch(/data-part="download" disabled/);
    expect(html).toMatch(/data-part="open" disabled/);
  });

  it('draws the bars of the ten probabilities, the most likely one marked, and says them in words', () => {
    const empty = barsSvg(null);
    expect(empty).not.toContain('tk-bars__bar"');
    expect(empty).toContain('data-best="-1"');
    const probs = [0.01, 0, 0, 0.02, 0, 0, 0, 0.9, 0.05, 0.02];
    const svg = barsSvg(probs);
    expect(svg.match(/class="tk-bars__bar( tk-bars__bar--best)?"/g)).toHaveLength(10);
    expect(svg.match(/tk-bars__bar--best/g)).toHaveLength(1);
    expect(svg).toContain('data-best="7"');
    expect(svg).toContain(
      'aria-label="Probability of each digit: 0: 1.0%, 1: 0.0%, 2: 0.0%, 3: 2.0%, 4: 0.0%, 5: 0.0%, 6: 0.0%, 7: 90.0%, 8: 5.0%, 9: 2.0%"',
    );
  });

  it('reads image counts from attributes, falling back on anything that is not a positive whole number', () => {
    expect(parseLimit('2000', 10_000)).toBe(2000);
    expect(parseLimit('20000', 10_000)).toBe(10_000);
    expect(parseLimit('20000', 10_000, 60_000)).toBe(20_000);
    for (const raw of [undefined, '', '0', '-5', '1.5', 'many']) expect(parseLimit(raw, 10_000)).toBe(10_000);
  });
});
