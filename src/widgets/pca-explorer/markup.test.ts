import { describe, expect, it } from 'vitest';
import type { ClassSpread } from '../../lib/unsupervised/pca-summary.ts';
import { spreadFigureSvg, spreadLabels } from './figure.ts';
import { pcaExplorerMarkup, reconstructionIdle } from './markup.ts';

const spreads: ClassSpread[] = Array.from({ length: 10 }, (_, label) => ({
  label,
  count: 100,
  centre: [label - 5, (label % 3) - 1],
  spread: [1, 0.5],
}));
const info = { explainedRatio: Array.from({ length: 64 }, (_, i) => 0.5 / 2 ** i), testClasses: spreads, dimension: 784 };

describe('spreadLabels', () => {
  it('moves overlapping labels apart until none overlap, and leaves separate ones alone', () => {
    const out = spreadLabels(
      [
        { x: 100, y: 100, width: 60 },
        { x: 110, y: 104, width: 60 },
        { x: 300, y: 100, width: 40 },
      ],
      16,
      400,
    );
    expect(Math.abs(out[0]!.y - out[1]!.y)).toBeGreaterThanOrEqual(16);
    expect(out[0]!.y).toBeLessThan(out[1]!.y);
    expect(out[2]).toEqual({ x: 300, y: 100, width: 40 });
  });
});

describe('the static markup', () => {
  it('draws one ellipse and one name per class', () => {
    const svg = spreadFigureSvg(spreads, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], Array(10).fill('#123456'));
    expect(svg.match(/<ellipse /g)).toHaveLength(10);
    expect(svg.match(/<text /g)).toHaveLength(10);
    expect(svg).toContain('role="img"');
  });

  it('has the figure, the controls in the kit grid, the load button, two status lines and the scatter in words', () => {
    const html = pcaExplorerMarkup(info, { components: 3, image: 12 });
    expect(html).toContain('class="tk-figure"');
    expect(html).toContain('class="tk-controls"');
    expect(html).toMatch(/<input type="range" name="components" data-part="components" min="1" max="64" step="1" value="3">/);
    expect(html).toMatch(/<input type="number" name="image" data-part="image" min="0" max="9999" step="1" value="12">/);
    expect(html.match(/role="status"/g)).toHaveLength(2);
    expect(html.match(/data-part="pc-\d+"/g)).toHaveLength(16);
    expect(html).toContain('Overlapping most:');
    expect(html).toContain('3 components: 87.5%');
    expect(reconstructionIdle(info, 3)).toBe('3 of 784 numbers per image keep 87.5% of the variance. Load the test images to rebuild one.');
  });
});
