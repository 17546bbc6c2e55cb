import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../exercises/types.ts';
import { countTensorsLeft, judgeTensorsLeft, readTensorsLeft, type TrackedTensor } from './tensors-left.ts';

const t = (shape: number[], extra: Partial<TrackedTensor> = {}): TrackedTensor => ({ isDisposed: false, shape, ...extra });

const accurate: GradeResult = {
  pass: true,
  figure: 0.962,
  figureText: '96.2% of the 10,000 MNIST test images',
  message: 'Your model reaches 96.2% on the 10,000 MNIST test images (95% needed). Well done!',
  details: ['9,620 of 10,000 images classified correctly.'],
};
const short: GradeResult = {
  ...accurate,
  pass: false,
  figure: 0.9,
  message: 'Your model reaches 90.0% on the 10,000 MNIST test images; 95% is needed.',
};

describe('countTensorsLeft', () => {
  it('counts live tensors, skipping disposed and kept ones, grouped by shape, largest groups first', () => {
    const track = [
      t([64, 784]),
      t([64, 784]),
      t([64, 784], { isDisposed: true }),
      t([]),
      t([], { kept: true }),
      t([64, 10]),
      t([64, 10]),
      t([64, 10]),
    ];
    expect(countTensorsLeft(track)).toEqual({
      count: 6,
      shapes: [
        { shape: [64, 10], count: 3 },
        { shape: [64, 784], count: 2 },
        { shape: [], count: 1 },
      ],
    });
  });

  it('lists at most four shapes but counts every tensor', () => {
    const track = [1, 2, 3, 4, 5, 6].map((n) => t([n]));
    const left = countTensorsLeft(track);
    expect(left.count).toBe(6);
    expect(left.shapes).toHaveLength(4);
  });

  it('gives zero for a clean run', () => {
    expect(countTensorsLeft([t([2], { isDisposed: true })])).toEqual({ count: 0, shapes: [] });
  });
});

describe('readTensorsLeft: a count from the worker is checked', () => {
  it('accepts a well-formed count and refuses anything else', () => {
    expect(readTensorsLeft({ count: 2, shapes: [{ shape: [3], count: 2 }] })).toEqual({ count: 2, shapes: [{ shape: [3], count: 2 }] });
    for (const bad of [
      null,
      3,
      { count: -1, shapes: [] },
      { count: 1.5, shapes: [] },
      { count: 1 },
      { count: 1, shapes: [{ shape: ['a'], count: 1 }] },
    ]) {
      expect(readTensorsLeft(bad)).toBeNull();
    }
  });
});

describe('judgeTensorsLeft', () => {
  const leak = {
    count: 1407,
    shapes: [
      { shape: [64, 784], count: 469 },
      { shape: [64, 10], count: 469 },
      { shape: [], count: 469 },
    ],
  };

  it('changes nothing when the exercise does not grade memory', () => {
    expect(judgeTensorsLeft(undefined, accurate, leak)).toBe(accurate);
    expect(judgeTensorsLeft(undefined, accurate, undefined)).toBe(accurate);
  });

  it('keeps a pass with no tensors left, and says so in the details', () => {
    const result = judgeTensorsLeft(0, accurate, { count: 0, shapes: [] });
    expect(result.pass).toBe(true);
    expect(result.message).toBe(accurate.message);
    expect(result.details).toEqual([...accurate.details!, 'No tensors left behind when your code returned.']);
  });

  it('fails an accurate model that leaked, saying how many tensors, of which shapes, and what to do', () => {
    const result = judgeTensorsLeft(0, accurate, leak);
    expect(result.pass).toBe(false);
    expect(result.figure).toBe(0.962);
    expect(result.message).toMatch(
      /^Your model is accurate enough \(96\.2% of the 10,000 MNIST test images\), but your code left 1,407 tensors still allocated/,
    );
    expect(result.message).toContain('(none allowed): a memory leak.');
    expect(result.message).toContain('`tf.tidy(() => …)`');
    expect(result.message).toContain('`dispose()`');
    expect(result.details).toContain('Tensors left behind, by shape: 469 × [64, 784]; 469 × [64, 10]; 469 × [].');
  });

  it('adds the leak to a model that also falls short', () => {
    const result = judgeTensorsLeft(0, short, { count: 1, shapes: [{ shape: [], count: 1 }] });
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^Your model reaches 90\.0%.*Your code also left 1 tensor still allocated when it returned \(none allowed\)/);
  });

  it('allows up to the maximum', () => {
    expect(judgeTensorsLeft(2, accurate, { count: 2, shapes: [{ shape: [3], count: 2 }] }).pass).toBe(true);
    expect(judgeTensorsLeft(2, accurate, { count: 3, shapes: [{ shape: [3], count: 3 }] }).message).toContain('(2 allowed)');
  });

  it('never passes without a well-formed count', () => {
    expect(judgeTensorsLeft(0, accurate, undefined).pass).toBe(false);
    expect(judgeTensorsLeft(0, accurate, { count: 'none' }).message).toMatch(/could not read the measurements/);
  });
});
