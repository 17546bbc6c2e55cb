import { describe, expect, it } from 'vitest';
import { firstOfEachClass, mistakes, shadeLevel, stepIndex } from './picks.ts';

describe('picks', () => {
  it('finds the first image of each class, in class order, skipping missing classes', () => {
    expect(firstOfEachClass([9, 2, 1, 1, 0, 2, 9], 10)).toEqual([4, 2, 1, 0]);
    expect(firstOfEachClass([1, 0, 1], 2)).toEqual([1, 0]);
    expect(firstOfEachClass([], 10)).toEqual([]);
  });

  it('lists the first mistakes and counts them all', () => {
    expect(mistakes([0, 1, 2, 3, 4], [0, 2, 2, 0, 1], 2)).toEqual({ indices: [1, 3], total: 3 });
    expect(mistakes([0, 1], [0, 1], 5)).toEqual({ indices: [], total: 0 });
    expect(() => mistakes([0], [0, 1], 5)).toThrow('1 labels but 2 predictions.');
  });

  it('steps through a list and wraps at both ends', () => {
    expect(stepIndex(0, 1, 10)).toBe(1);
    expect(stepIndex(9, 1, 10)).toBe(0);
    expect(stepIndex(0, -1, 10)).toBe(9);
    expect(stepIndex(3, 0, 0)).toBe(0);
  });

  it('shades confusion cells from 0 (empty) to 4 (the largest), a single image already visible', () => {
    expect(shadeLevel(0, 900)).toBe(0);
    expect(shadeLevel(1, 900)).toBe(1);
    expect(shadeLevel(30, 900)).toBe(3);
    expect(shadeLevel(900, 900)).toBe(4);
    expect(shadeLevel(5, 0)).toBe(0);
  });
});
