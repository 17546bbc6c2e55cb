import { describe, expect, it } from 'vitest';
import { normalizePlot, thin } from './plot-args.ts';
import { FakeTensor, fakeTensorHooks as hooks } from './test-hooks.ts';

const line = (...args: unknown[]) => normalizePlot('line', args, hooks, 'line 3');

describe('normalizePlot', () => {
  it('takes an array of numbers as y values over their index', () => {
    expect(line([0.9, 0.5, 0.3])).toEqual({
      kind: 'plot',
      plot: 'line',
      key: 'line:line 3',
      series: [
        {
          name: 'data',
          points: [
            [0, 0.9],
            [1, 0.5],
            [2, 0.3],
          ],
        },
      ],
    });
  });

  it('takes [x, y] pairs, point objects, {x, y} arrays and two arrays', () => {
    const expected = [
      [1, 10],
      [2, 20],
    ];
    expect(
      line([
        [1, 10],
        [2, 20],
      ]).series[0]!.points,
    ).toEqual(expected);
    expect(
      line([
        { x: 1, y: 10 },
        { x: 2, y: 20 },
      ]).series[0]!.points,
    ).toEqual(expected);
    expect(line({ x: [1, 2], y: new Float32Array([10, 20]) }).series[0]!.points).toEqual(expected);
    expect(line([1, 2], [10, 20], { title: 'T' })).toMatchObject({ title: 'T', series: [{ points: expected }] });
  });

  it('takes several named series', () => {
    const item = line(
      {
        loss: [2, 1],
        accuracy: [
          [0, 0.5],
          [1, 0.8],
        ],
      },
      { title: 'Training', xLabel: 'epoch' },
    );
    expect(item.series.map((s) => s.name)).toEqual(['loss', 'accuracy']);
    expect(item.series[1]!.points).toEqual([
      [0, 0.5],
      [1, 0.8],
    ]);
    expect(item).toMatchObject({ title: 'Training', xLabel: 'epoch', key: 'line:title:Training' });
  });

  it('takes 1-D tensors and [n, 2] tensors', () => {
    expect(line(new FakeTensor([3, 4], [2])).series[0]!.points).toEqual([
      [0, 3],
      [1, 4],
    ]);
    expect(normalizePlot('scatter', [new FakeTensor([1, 2, 3, 4], [2, 2])], hooks, 'k').series[0]!.points).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => line(new FakeTensor(new Array(6).fill(0), [2, 3]))).toThrow(/got a tensor of shape \[2, 3\]/);
  });

  it('uses the given key, name and a string as title', () => {
    expect(line([1], { key: 'k', name: 'loss' })).toMatchObject({ key: 'line:k', series: [{ name: 'loss' }] });
    expect(line([1], 'Loss')).toMatchObject({ title: 'Loss' });
  });

  it('leaves out points a chart cannot draw', () => {
    expect(line([1, NaN, Infinity, 4]).series[0]!.points).toEqual([
      [0, 1],
      [3, 4],
    ]);
  });

  it('explains bad arguments', () => {
    expect(() => line('loss')).toThrow('plot.line expects numbers or [x, y] pairs; got a string.');
    expect(() => line()).toThrow(/needs data/);
    expect(() => line([1, 'a'])).toThrow(/item 1 is a string/);
    expect(() => line([[1, 2, 3]])).toThrow(/item 0 is an array of 3 values/);
    expect(() => line({ x: [1, 2], y: [1] })).toThrow(/x has 2 values but y has 1/);
    expect(() => line({ loss: 'high' })).toThrow('plot.line expects numbers or [x, y] pairs (series "loss"); got a string.');
    expect(() => line([1], { colour: 'red' })).toThrow(/unknown option "colour"/);
    expect(() => normalizePlot('scatter', [5], hooks, 'k')).toThrow('plot.scatter expects numbers or [x, y] pairs; got a number.');
  });
});

describe('thin', () => {
  it('keeps at most max points, evenly, with the first and the last', () => {
    const pts = Array.from({ length: 1001 }, (_, i) => [i, i] as [number, number]);
    const out = thin(pts, 11);
    expect(out.map((p) => p[0])).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(thin(pts.slice(0, 5), 11)).toHaveLength(5);
  });
});
