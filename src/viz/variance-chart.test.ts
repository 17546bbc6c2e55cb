import { describe, expect, it } from 'vitest';
import { varianceChartSvg, varianceMarker } from './variance-chart.ts';

const ratios = [0.4, 0.2, 0.1, 0.05];

describe('varianceChartSvg', () => {
  it('draws one bar per component, taller for larger shares, and the cumulative line through every component', () => {
    const svg = varianceChartSvg({ ratios, m: 2 });
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"\/>/g)].map((r) => Number(r[1]));
    expect(heights).toHaveLength(4);
    expect(heights[0]).toBeCloseTo(0.4 * 180, 0);
    expect(heights[3]).toBeCloseTo(0.05 * 180, 0);
    const path = /class="tk-pca__cumulative" d="([^"]+)"/.exec(svg)![1]!;
    expect(path.match(/[ML]/g)).toHaveLength(4);
    expect(svg).toContain('aria-label="Explained variance of the first 4 components: the first alone 40.0%, the first 2 60.0%, 10 75.0%, 4 75.0%');
  });

  it('puts the marker on the m-th component at the cumulative share, and says it', () => {
    const svg = varianceChartSvg({ ratios, m: 3 });
    const mark = varianceMarker(ratios, 3);
    expect(mark.label).toBe('3 components: 70.0%');
    expect(mark.y).toBeCloseTo(180 * 0.3, 6);
    expect(varianceMarker(ratios, 1).label).toBe('1 component: 40.0%');
    expect(varianceMarker(ratios, 4).x).toBeGreaterThan(mark.x);
    expect(svg).toContain(`transform="translate(${Math.round(mark.x * 10) / 10},0)"`);
    expect(svg).toContain('>3 components: 70.0%</text>');
  });
});
