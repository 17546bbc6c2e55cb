import { describe, expect, it } from 'vitest';
import { lineForPreviewTop, normalizeAnchors, previewTopForLine, type ScrollAnchor } from './scroll-sync.ts';

const anchors: ScrollAnchor[] = [
  { line: 1, top: 0 },
  { line: 11, top: 100 },
  { line: 21, top: 400 },
];

describe('previewTopForLine', () => {
  it('interpolates linearly between anchors, fractional lines included', () => {
    expect(previewTopForLine(anchors, 1)).toBe(0);
    expect(previewTopForLine(anchors, 6)).toBe(50);
    expect(previewTopForLine(anchors, 11)).toBe(100);
    expect(previewTopForLine(anchors, 16)).toBe(250);
    expect(previewTopForLine(anchors, 11.5)).toBe(115);
  });

  it('clamps before the first and after the last anchor', () => {
    const later = [{ line: 5, top: 40 }, ...anchors.slice(1)];
    expect(previewTopForLine(later, 1)).toBe(40);
    expect(previewTopForLine(anchors, 500)).toBe(400);
    expect(previewTopForLine(anchors, -3)).toBe(0);
  });

  it('sorts anchors given in any order', () => {
    expect(previewTopForLine([...anchors].reverse(), 16)).toBe(250);
  });

  it('gives 0 with no anchors, and the one anchor when there is one', () => {
    expect(previewTopForLine([], 10)).toBe(0);
    expect(previewTopForLine([{ line: 4, top: 70 }], 1)).toBe(70);
    expect(previewTopForLine([{ line: 4, top: 70 }], 9)).toBe(70);
    expect(previewTopForLine(anchors, Number.NaN)).toBe(0);
  });

  it('keeps the topmost of anchors on the same line', () => {
    const dup = [...anchors, { line: 11, top: 300 }];
    expect(previewTopForLine(dup, 11)).toBe(100);
    expect(previewTopForLine(dup, 16)).toBe(250);
  });

  it('never goes back up when a later anchor is measured higher', () => {
    const bent = [
      { line: 1, top: 0 },
      { line: 11, top: 200 },
      { line: 21, top: 150 },
      { line: 31, top: 400 },
    ];
    expect(previewTopForLine(bent, 16)).toBe(200);
    expect(previewTopForLine(bent, 26)).toBe(300);
    let previous = -Infinity;
    for (let line = 0; line <= 35; line += 0.5) {
      const top = previewTopForLine(bent, line);
      expect(top).toBeGreaterThanOrEqual(previous);
      previous = top;
    }
  });
});

describe('lineForPreviewTop', () => {
  it('is the inverse of previewTopForLine between anchors', () => {
    expect(lineForPreviewTop(anchors, 50)).toBe(6);
    expect(lineForPreviewTop(anchors, 250)).toBe(16);
    for (const line of [1, 2.5, 7, 11, 13.25, 20, 21]) {
      expect(lineForPreviewTop(anchors, previewTopForLine(anchors, line))).toBeCloseTo(line, 9);
    }
  });

  it('clamps outside the anchors and gives line 1 with none', () => {
    expect(lineForPreviewTop(anchors, -20)).toBe(1);
    expect(lineForPreviewTop(anchors, 9999)).toBe(21);
    expect(lineForPreviewTop([], 300)).toBe(1);
    expect(lineForPreviewTop([{ line: 8, top: 10 }], 300)).toBe(8);
  });

  it('handles several anchors at one top without dividing by zero', () => {
    const flat = [
      { line: 1, top: 0 },
      { line: 5, top: 100 },
      { line: 7, top: 100 },
      { line: 9, top: 300 },
    ];
    expect(lineForPreviewTop(flat, 50)).toBe(3);
    expect(lineForPreviewTop(flat, 200)).toBe(8);
    expect(Number.isFinite(lineForPreviewTop(flat, 100))).toBe(true);
    const allSame = [
      { line: 3, top: 0 },
      { line: 9, top: 0 },
    ];
    expect(lineForPreviewTop(allSame, 0)).toBe(3);
    expect(lineForPreviewTop(allSame, 10)).toBe(9);
  });

  it('stays monotonic for non-increasing tops and duplicate lines', () => {
    const messy = [
      { line: 10, top: 500 },
      { line: 1, top: 0 },
      { line: 5, top: 600 },
      { line: 5, top: 50 },
      { line: 20, top: 550 },
    ];
    let previous = -Infinity;
    for (let top = -10; top <= 700; top += 5) {
      const line = lineForPreviewTop(messy, top);
      expect(Number.isFinite(line)).toBe(true);
      expect(line).toBeGreaterThanOrEqual(previous);
      previous = line;
    }
  });
});

describe('normalizeAnchors', () => {
  it('sorts, removes duplicate lines and non-finite values, and makes tops non-decreasing', () => {
    expect(
      normalizeAnchors([
        { line: 9, top: 10 },
        { line: 2, top: 40 },
        { line: 2, top: 30 },
        { line: Number.NaN, top: 5 },
        { line: 5, top: Number.POSITIVE_INFINITY },
        { line: 4, top: 80 },
      ]),
    ).toEqual([
      { line: 2, top: 30 },
      { line: 4, top: 80 },
      { line: 9, top: 80 },
    ]);
  });
});
