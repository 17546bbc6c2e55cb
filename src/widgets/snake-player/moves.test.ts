import { describe, expect, it } from 'vitest';
import { bestOf, cellName, swipeDirection } from './moves.ts';

describe('swipeDirection', () => {
  it('reads the larger of the two movements as the move', () => {
    expect(swipeDirection(0, -40)).toBe(0); // up
    expect(swipeDirection(5, 40)).toBe(1); // down
    expect(swipeDirection(-60, 20)).toBe(2); // left
    expect(swipeDirection(30, -10)).toBe(3); // right
  });

  it('ignores taps and short slips', () => {
    expect(swipeDirection(0, 0)).toBeNull();
    expect(swipeDirection(10, -20)).toBeNull();
  });
});

describe('bestOf and cellName', () => {
  it('picks the largest Q-value, the first on ties', () => {
    expect(bestOf([0.1, 0.5, -1, 0.2])).toBe(1);
    expect(bestOf([0, 0, 0, 0])).toBe(0);
  });
  it('names cells by row and column', () => {
    expect(cellName(5)).toBe('row 2, column 3');
  });
});
