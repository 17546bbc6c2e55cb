import { describe, expect, it } from 'vitest';
import { normalizeProgress, normalizeTable } from './table-args.ts';
import { FakeTensor, fakeTensorHooks as hooks } from './test-hooks.ts';

const table = (...args: unknown[]) => normalizeTable(args, hooks);

describe('normalizeTable', () => {
  it('takes an array of objects, columns in order of appearance', () => {
    expect(
      table([
        { epoch: 1, loss: 0.5 },
        { epoch: 2, acc: 0.9 },
      ]),
    ).toEqual({
      kind: 'table',
      columns: ['epoch', 'loss', 'acc'],
      rows: [
        [1, 0.5, null],
        [2, null, 0.9],
      ],
    });
  });

  it('takes an array of arrays with or without column names', () => {
    expect(
      table(
        [
          [1, 'a'],
          [2, 'b'],
        ],
        { columns: ['n', 'letter'], title: 'T' },
      ),
    ).toEqual({
      kind: 'table',
      title: 'T',
      columns: ['n', 'letter'],
      rows: [
        [1, 'a'],
        [2, 'b'],
      ],
    });
    expect(table([[1, 2]], ['x', 'y']).columns).toEqual(['x', 'y']);
    expect(table([[1, 2]]).columns).toEqual(['0', '1']);
  });

  it('takes an object of rows, plain values, and 2-D tensors', () => {
    expect(table({ a: { x: 1 }, b: { x: 2 } })).toMatchObject({
      columns: ['(index)', 'x'],
      rows: [
        ['a', 1],
        ['b', 2],
      ],
    });
    expect(table({ lr: 0.1 })).toMatchObject({ columns: ['(index)', 'value'], rows: [['lr', 0.1]] });
    expect(table([3, 'x'])).toMatchObject({ columns: ['value'], rows: [[3], ['x']] });
    expect(table(new FakeTensor([1, 2, 3, 4, 5, 6], [2, 3]))).toMatchObject({
      columns: ['0', '1', '2'],
      rows: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
  });

  it('shows other cell values as short text', () => {
    expect(table([{ v: [1, 2], t: new FakeTensor([1], [1]), u: undefined }]).rows[0]).toEqual(['[1, 2]', 'Tensor [1]', null]);
  });

  it('keeps the first 1,000 rows and says so in the title', () => {
    const item = table(Array.from({ length: 1500 }, (_, i) => ({ i })));
    expect(item.rows).toHaveLength(1000);
    expect(item.title).toBe('(first 1,000 of 1,500 rows)');
  });

  it('explains bad arguments', () => {
    expect(() => table(5)).toThrow('show.table expects an array of objects or an array of arrays; got a number.');
    expect(() => table([{ a: 1 }, 2])).toThrow(/item 1 is a number/);
    expect(() => table([[1]], { cols: [] })).toThrow(/unknown option "cols"/);
  });
});

describe('normalizeProgress', () => {
  it('makes a progress item with a default label', () => {
    expect(normalizeProgress(0.25, 'epoch 1')).toEqual({ kind: 'progress', fraction: 0.25, label: 'epoch 1' });
    expect(normalizeProgress(0.5, undefined)).toEqual({ kind: 'progress', fraction: 0.5, label: '50%' });
  });
  it('explains fractions out of range', () => {
    expect(() => normalizeProgress(50, 'x')).toThrow(/between 0 and 1 \(e.g. 0.5 for half way\); got 50/);
    expect(() => normalizeProgress('half', 'x')).toThrow(/got a string/);
  });
});
