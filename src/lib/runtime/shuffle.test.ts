import { describe, expect, it } from 'vitest';
import { batchRanges, epochSeed, mulberry32, shuffledIndices } from './shuffle.ts';

describe('shuffledIndices', () => {
  it('is a permutation of 0..n-1', () => {
    const p = shuffledIndices(1000, 42);
    expect(p.length).toBe(1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
  it('is determined by the seed and actually shuffles', () => {
    expect([...shuffledIndices(100, 7)]).toEqual([...shuffledIndices(100, 7)]);
    expect([...shuffledIndices(100, 7)]).not.toEqual([...shuffledIndices(100, 8)]);
    expect([...shuffledIndices(100, 7)]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('handles tiny and invalid sizes', () => {
    expect([...shuffledIndices(0, 1)]).toEqual([]);
    expect([...shuffledIndices(1, 1)]).toEqual([0]);
    expect(() => shuffledIndices(-1, 1)).toThrow(/non-negative integer/);
  });
  it('gives a different order each epoch', () => {
    expect(epochSeed(1, 0)).not.toBe(epochSeed(1, 1));
    expect([...shuffledIndices(50, epochSeed(1, 0))]).not.toEqual([...shuffledIndices(50, epochSeed(1, 1))]);
  });
});

describe('mulberry32', () => {
  it('yields numbers in [0, 1) with a roughly uniform mean', () => {
    const r = mulberry32(123);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 10000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('batchRanges', () => {
  it('covers 0..n in batches with a shorter last one', () => {
    expect(batchRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(batchRanges(8, 4)).toEqual([
      [0, 4],
      [4, 8],
    ]);
    expect(batchRanges(0, 4)).toEqual([]);
    expect(() => batchRanges(4, 0)).toThrow(/positive integer/);
  });
});
