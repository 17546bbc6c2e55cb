import { describe, expect, it } from 'vitest';
import { emptyChartSvg, emptyChartY, linearTicks, snakeBoardSvg } from './figure.ts';

describe('linearTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten, from 0 to the end', () => {
    expect(linearTicks(10).map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(2).map((t) => t.value)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(linearTicks(5).map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(linearTicks(60).map((t) => t.value)).toEqual([0, 20, 40, 60]);
    expect(linearTicks(30).map((t) => t.label)).toEqual(['0', '10', '20', '30']);
  });
  it('reaches past an end that is not on a step', () => {
    expect(linearTicks(7).map((t) => t.value)).toEqual([0, 2, 4, 6, 8]);
  });
});

describe('snakeBoardSvg', () => {
  const svg = snakeBoardSvg({ size: 3, body: [4, 3, 0], food: 8 }, 120);
  it('draws the grid, the food, each segment and the head with its eye', () => {
    expect(svg.match(/tk-snake-svg__body/g)).toHaveLength(2);
    expect(svg.match(/tk-snake-svg__head/g)).toHaveLength(1);
    expect(svg).toContain('class="tk-snake-svg__eye"');
    expect(svg).toMatch(/<circle class="tk-snake-svg__food" cx="100" cy="100"/);
    expect(svg).toContain('<path class="tk-snake-svg__grid" d="M40 0V120M0 40H120M80 0V120M0 80H120"/>');
  });
  it('is an image described in words', () => {
    expect(svg).toMatch(/role="img" aria-label="Board: [^"]+"/);
  });
});

describe('emptyChartSvg', () => {
  const spec = {
    title: 'Greedy win rate',
    xLabel: 'Training time (s)',
    yLabel: 'Win rate',
    xTicks: linearTicks(10),
    yTicks: [0, 0.5, 1].map((v) => ({ value: v, label: `${v * 100}%` })),
  };
  it('has both axis titles, every tick label and no target unless asked', () => {
    const svg = emptyChartSvg(spec);
    for (const text of ['Training time (s)', 'Win rate', '>0%<', '>50%<', '>100%<', '>0<', '>10<']) expect(svg).toContain(text);
    expect(svg).not.toContain('tk-empty-chart__target');
  });
  it('draws the dashed target at its value, with its words in a legend', () => {
    const svg = emptyChartSvg({ ...spec, target: { y: 1, label: 'target: 100%' } });
    expect(svg).toContain(`y1="${emptyChartY(spec, 1)}"`);
    expect(svg).toContain('<span data-part="target-label">target: 100%</span>');
    expect(svg).toMatch(/aria-label="Greedy win rate chart, empty until training starts: [^"]*target: 100%"/);
  });
});

describe('snakeBoardSvg with the next move', () => {
  it('draws an arrow from the head toward the move and says it in the label', () => {
    const svg = snakeBoardSvg({ size: 3, body: [4], food: 0 }, 90, { arrow: 3, labelSuffix: 'the agent would move right' });
    // Head centre (45, 45); the arrow's tip 0.62 of a 30 px cell to the right.
    expect(svg).toContain('<path class="tk-snake-svg__arrow" d="M63.6 45L');
    expect(svg).toMatch(/aria-label="Board: [^"]*; the agent would move right"/);
    expect(snakeBoardSvg({ size: 3, body: [4], food: 0 }, 90)).not.toContain('tk-snake-svg__arrow');
  });
});
