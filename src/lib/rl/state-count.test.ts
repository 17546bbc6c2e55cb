import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_STATE,
  countSnakePaths,
  formatBigBytes,
  formatBigCount,
  formatBigDuration,
  positionsFromPaths,
  positionsUpperBound,
  stateCountRow,
} from './state-count.ts';

describe('countSnakePaths', () => {
  it('counts directed simple paths on 2×2 and 3×3 by hand-checkable lengths', () => {
    // 2×2: 4 single cells, 8 directed edges, 8 L-shapes, 8 Hamiltonian paths.
    expect(countSnakePaths(2).counts).toEqual([0, 4, 8, 8, 8]);
    const three = countSnakePaths(3);
    expect(three.complete).toBe(true);
    // 9 cells; 12 undirected edges → 24 directed; 40 directed Hamiltonian paths on 3×3.
    expect(three.counts[1]).toBe(9);
    expect(three.counts[2]).toBe(24);
    expect(three.counts[9]).toBe(40);
  });

  it('knows the directed Hamiltonian path counts of 4×4 (552) and 5×5 (8,648)', () => {
    expect(countSnakePaths(4).counts[16]).toBe(552);
    expect(countSnakePaths(5).counts[25]).toBe(8648);
  });

  it('stops at maxLength and says it is incomplete', () => {
    const p = countSnakePaths(4, 3);
    expect(p.complete).toBe(false);
    expect(p.counts).toHaveLength(4);
    expect(p.counts.slice(0, 3)).toEqual([0, 16, 48]);
  });

  it('rejects impossible sizes with a clear message', () => {
    expect(() => countSnakePaths(0)).toThrow(/whole number/);
  });
});

describe('positions', () => {
  it('gives 2,040 positions on 3×3, the reachable state count of the game', () => {
    expect(positionsFromPaths(countSnakePaths(3))).toBe(2040);
  });

  it('explodes with the board: 4×4 and 5×5', () => {
    expect(stateCountRow(4)).toMatchObject({ kind: 'exact', states: 143_368 });
    expect(stateCountRow(5)).toMatchObject({ kind: 'exact', states: 22_064_488 });
  });

  it('bounds hold: exact ≤ upper bound, and a truncated count is a lower bound', () => {
    for (const n of [2, 3, 4]) expect(positionsFromPaths(countSnakePaths(n))).toBeLessThanOrEqual(positionsUpperBound(n));
    const row = stateCountRow(6, 5, 8);
    expect(row.kind).toBe('bounds');
    expect(row.countedUpTo).toBe(8);
    expect(row.states).toBeLessThan(row.upper);
    expect(row.states).toBeGreaterThan(stateCountRow(5).states / 100);
  });

  it('turns states into memory and visiting time', () => {
    const row = stateCountRow(3);
    expect(row.bytes).toBe(2040 * BYTES_PER_STATE);
    expect(row.seconds).toBeCloseTo(0.00204, 8);
  });
});

describe('formatting', () => {
  it('writes big numbers, bytes and durations in words', () => {
    expect(formatBigCount(2040)).toBe('2,040');
    expect(formatBigCount(22_064_488)).toBe('22.1 million');
    expect(formatBigCount(1.7e49)).toBe('1.7 × 10^49');
    expect(formatBigBytes(65_280)).toBe('65.3 KB');
    expect(formatBigBytes(706_063_616)).toBe('706 MB');
    expect(formatBigDuration(0.002)).toBe('2 ms');
    expect(formatBigDuration(22)).toBe('22 s');
    expect(formatBigDuration(100 * 365.25 * 86400)).toBe('100 years');
  });
});
