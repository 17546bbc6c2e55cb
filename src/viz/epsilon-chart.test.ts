import { describe, expect, it } from 'vitest';
import { describeEpsilonChart, epsilonChart, epsilonChartSvg, epsilonTable, type EpsilonSeries } from './epsilon-chart.ts';

const success: EpsilonSeries = {
  id: 'success',
  label: 'attack success rate',
  points: [
    { epsilon: 0.1, value: 0.8 },
    { epsilon: 0, value: 0 },
    { epsilon: 0.3, value: 1 },
  ],
};
const robust: EpsilonSeries = {
  id: 'robust',
  label: 'robust accuracy',
  points: [
    { epsilon: 0, value: 0.87 },
    { epsilon: 0.1, value: 0.17 },
    { epsilon: 0.3, value: 0 },
  ],
};

/** The [x, y] of each vertex of a series' line. */
function vertices(svg: string, id: string): [number, number][] {
  const d = new RegExp(`data-series="${id}"><path class="tk-chart__line" fill="none" d="([^"]+)"`).exec(svg)?.[1] ?? '';
  return [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('epsilonChart', () => {
  it('draws the empty axes before any data, labelled with what the chart will show', () => {
    const html = epsilonChart({ title: 'Attack success rate', yLabel: 'Share of images', series: [{ ...success, points: [] }] });
    expect(html).toContain('tk-chart__svg--empty');
    expect(html).toContain('aria-label="Attack success rate chart, no data yet: share of images against ε from 0 to 0.3 for attack success rate."');
    expect(html).toContain('>ε, the largest change to any pixel</text>');
    expect(html).toContain('>0.3</text>');
    expect(html).not.toContain('tk-chart__line');
    expect(html).not.toContain('<details');
    expect(html).toContain('<li data-series="success">');
  });

  it('draws each series through its points in ε order, higher values higher up, with one marker per point', () => {
    const svg = epsilonChartSvg({ title: 'Attack', yLabel: 'Share', series: [success, robust] });
    const s = vertices(svg, 'success');
    expect(s).toHaveLength(3);
    expect(s.map((p) => p[0])).toEqual([...s.map((p) => p[0])].sort((a, b) => a - b));
    expect(s[0]).toEqual([0, 180]);
    expect(s[2]![1]).toBe(0);
    expect(s[1]![0]).toBeCloseTo(((360 - 52 - 14) * 0.1) / 0.3, 0);
    const r = vertices(svg, 'robust');
    expect(r[0]![1]).toBeLessThan(r[2]![1]);
    expect(svg.match(/data-points="3"/g)).toHaveLength(2);
    // Told apart without colour: the second series is dashed.
    expect(svg).toMatch(/data-series="robust"><path[^>]+stroke-dasharray:6 4/);
    expect(svg).not.toMatch(/data-series="success"><path[^>]+stroke-dasharray/);
  });

  it('says the figures in words, at the ends and at the marked ε', () => {
    const text = describeEpsilonChart({ title: 'Attack', yLabel: 'Share', series: [success, robust], marker: { epsilon: 0.1, label: 'ε = 0.1' } });
    expect(text).toBe(
      'Attack chart: attack success rate 0.0% at ε = 0, 80.0% at ε = 0.1, 100.0% at ε = 0.3; robust accuracy 87.0% at ε = 0, 17.0% at ε = 0.1, 0.0% at ε = 0.3.',
    );
    const svg = epsilonChartSvg({ title: 'Attack', yLabel: 'Share', series: [success], marker: { epsilon: 0.1, label: 'ε = 0.1' } });
    expect(svg).toContain('tk-epsilon-chart__marker');
    expect(svg).toContain('>ε = 0.1</text>');
  });

  it('lists the numbers in a table, one row per ε, a dash where a series was not measured', () => {
    const partial: EpsilonSeries = { id: 'trained', label: 'trained <model>', points: [{ epsilon: 0.1, value: 0.5 }] };
    const table = epsilonTable({ title: 'Robust accuracy', yLabel: 'Accuracy', series: [robust, partial] });
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['0', '87.0%', '—'],
      ['0.1', '17.0%', '50.0%'],
      ['0.3', '0.0%', '—'],
    ]);
    expect(table).toContain('<th scope="col">trained &lt;model&gt;</th>');
    expect(epsilonChart({ title: 'Robust accuracy', yLabel: 'Accuracy', series: [robust] })).toContain(
      '<details class="tk-epsilon-chart__numbers"><summary>The numbers</summary>',
    );
  });
});
