import { describe, expect, it } from 'vitest';
import { describePlot, finitePoints, markerPath, plotDomains, pointsToDraw, seriesStyle, SERIES_STYLES } from './xy-model.ts';

describe('xy plot model', () => {
  it('covers every finite point of every series with round domains', () => {
    const d = plotDomains([
      {
        name: 'a',
        points: [
          [0, 0.31],
          [10, 2.27],
        ],
      },
      {
        name: 'b',
        points: [
          [-3, 1],
          [4, Number.NaN],
          [Number.POSITIVE_INFINITY, 5],
        ],
      },
    ]);
    expect(d.x).toEqual([-5, 10]); // step 5 covers -3..10; NaN and Infinity points are ignored
    expect(d.y[0]).toBeLessThanOrEqual(0.31);
    expect(d.y[1]).toBeGreaterThanOrEqual(2.27);
    expect(plotDomains([])).toEqual({ x: [0, 1], y: [0, 1] });
    // A line plot's x axis spans exactly its data.
    const line = plotDomains(
      [
        {
          name: 'loss',
          points: [
            [0, 2.3],
            [12, 0.2],
          ],
        },
      ],
      'line',
    );
    expect(line.x).toEqual([0, 12]);
    expect(line.y).toEqual([0, 2.5]);
    expect(plotDomains([{ name: 'one', points: [[3, 1]] }], 'line').x[0]).toBeLessThan(3);
  });

  it('tells series apart by more than colour, and repeats after six', () => {
    const dashes = new Set(SERIES_STYLES.map((s) => s.dash));
    const markers = new Set(SERIES_STYLES.map((s) => s.marker));
    expect(dashes.size).toBe(SERIES_STYLES.length);
    expect(markers.size).toBe(SERIES_STYLES.length);
    expect(seriesStyle(0).color).toMatch(/^var\(--tk-plot-1, #/);
    expect(seriesStyle(6)).toEqual(seriesStyle(0));
  });

  it('drops non-finite points and thins long series to the limit', () => {
    expect(
      finitePoints([
        [1, 2],
        [Number.NaN, 1],
        [3, Infinity],
      ]),
    ).toEqual([{ x: 1, y: 2 }]);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i) }));
    expect(pointsToDraw('scatter', many, 500)).toHaveLength(500);
    const line = pointsToDraw('line', many, 500);
    expect(line).toHaveLength(500);
    expect(line[0]).toEqual(many[0]);
    expect(line[line.length - 1]).toEqual(many[many.length - 1]);
    const few = many.slice(0, 10);
    expect(pointsToDraw('scatter', few, 500)).toBe(few);
  });

  it('draws closed markers centred on the point', () => {
    expect(markerPath('square', 10, 10, 2)).toBe('M8.2,8.2h3.6v3.6h-3.6Z');
    expect(markerPath('circle', 5, 5, 1)).toBe('M4,5a1,1 0 1,0 2,0a1,1 0 1,0 -2,0Z');
    expect(markerPath('cross', 0, 0, 1)).toMatch(/^M-1\.1,-1\.1L1\.1,1\.1M/);
  });

  it('describes the plot in words', () => {
    expect(
      describePlot({
        kind: 'line',
        title: 'Loss',
        xLabel: 'epoch',
        series: [
          {
            name: 'train',
            points: [
              [0, 2.3],
              [1, 0.9],
              [2, 0.31],
            ],
          },
          { name: 'test', points: [] },
        ],
      }),
    ).toBe('Loss: line plot of 2 series against epoch. train: 3 points, y from 0.31 to 2.3, last 0.31. test: no points.');
    expect(describePlot({ kind: 'scatter', series: [{ name: 'data', points: [[1, 4]] }] })).toBe('scatter plot of 1 series. data: 1 point, y 4.');
  });
});
