import { describe, expect, it } from 'vitest';
import { MISSING, formatBytes, formatCount, formatDuration, formatLoss, formatMegabytes, formatPercent, plural } from './numbers.ts';

describe('formatCount', () => {
  it('groups thousands and rounds', () => {
    expect(formatCount(60000)).toBe('60,000');
    expect(formatCount(938)).toBe('938');
    expect(formatCount(1234.6)).toBe('1,235');
  });
  it('shows a dash for non-numbers', () => {
    expect(formatCount(Number.NaN)).toBe(MISSING);
  });
});

describe('formatPercent', () => {
  it('uses one decimal by default', () => {
    expect(formatPercent(0.92413)).toBe('92.4%');
    expect(formatPercent(0.9999)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
  });
  it('accepts other precisions', () => {
    expect(formatPercent(0.92413, 2)).toBe('92.41%');
    expect(formatPercent(0.5, 0)).toBe('50%');
  });
  it('shows a dash for NaN and infinity', () => {
    expect(formatPercent(Number.NaN)).toBe(MISSING);
    expect(formatPercent(Infinity)).toBe(MISSING);
  });
});

describe('formatLoss', () => {
  it('uses two decimals for ordinary losses', () => {
    expect(formatLoss(2.302585)).toBe('2.30');
    expect(formatLoss(0.3104)).toBe('0.31');
  });
  it('keeps tiny losses readable', () => {
    expect(formatLoss(0.004213)).toBe('0.00421');
    expect(formatLoss(0)).toBe('0.00');
  });
  it('shows a dash for a diverged loss', () => {
    expect(formatLoss(Number.NaN)).toBe(MISSING);
  });
});

describe('bytes', () => {
  it('formats megabytes with one decimal', () => {
    expect(formatMegabytes(3_141_592)).toBe('3.1');
    expect(formatMegabytes(11_400_000)).toBe('11.4');
    expect(formatMegabytes(0)).toBe('0.0');
  });
  it('picks a unit', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(28_881)).toBe('28.9 kB');
    expect(formatBytes(9_912_422)).toBe('9.9 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.50 GB');
    expect(formatBytes(-1)).toBe(MISSING);
  });
});

describe('formatDuration', () => {
  it('shows tenths under ten seconds', () => {
    expect(formatDuration(850)).toBe('0.9 s');
    expect(formatDuration(9_940)).toBe('9.9 s');
  });
  it('shows whole seconds, then minutes, then hours', () => {
    expect(formatDuration(42_300)).toBe('42 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_725_000)).toBe('1 h 2 min');
    expect(formatDuration(7_200_000)).toBe('2 h');
  });
  it('rejects negative and missing durations', () => {
    expect(formatDuration(-5)).toBe(MISSING);
    expect(formatDuration(Number.NaN)).toBe(MISSING);
  });
});

describe('plural', () => {
  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'epoch')).toBe('1 epoch');
    expect(plural(2, 'epoch')).toBe('2 epochs');
    expect(plural(0, 'epoch')).toBe('0 epochs');
    expect(plural(3, 'child', 'children')).toBe('3 children');
  });
});
