import { describe, expect, it } from 'vitest';
import { accuracyOf, cellName, confusionCounts, pairCaption, pairIndices } from './confusion.ts';

describe('the confusion matrix', () => {
  const labels = [4, 4, 4, 9, 1, 4];
  const predicted = [4, 9, 9, 9, 7, 9];

  it('counts rows by true digit and columns by prediction', () => {
    const counts = confusionCounts(labels, predicted);
    expect(counts[4 * 10 + 4]).toBe(1);
    expect(counts[4 * 10 + 9]).toBe(3);
    expect(counts[9 * 10 + 9]).toBe(1);
    expect(counts[1 * 10 + 7]).toBe(1);
    expect(counts[9 * 10 + 4]).toBe(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(accuracyOf(counts)).toBeCloseTo(2 / 6);
    expect(() => confusionCounts([1], [])).toThrow(/1 labels but 0 predictions/);
  });

  it('finds the images of one cell, the first few and how many', () => {
    expect(pairIndices(labels, predicted, 4, 9, 2)).toEqual({ indices: [1, 2], total: 3 });
    expect(pairIndices(labels, predicted, 9, 4, 40)).toEqual({ indices: [], total: 0 });
  });

  it('names cells and captions their images in words', () => {
    expect(cellName(4, 9, 23)).toBe('true 4, predicted 9: 23 images');
    expect(cellName(1, 1, 1)).toBe('true 1, predicted 1: 1 image');
    expect(pairCaption(4, 9, 3, 3)).toBe('3 images of 4 predicted as 9. Choose one to open it in the pad.');
    expect(pairCaption(7, 7, 40, 1012)).toBe('1,012 images of 7 predicted right; the first 40 are shown. Choose one to open it in the pad.');
    expect(pairCaption(9, 4, 0, 0)).toBe('No test image of 9 was predicted as 4.');
  });
});
