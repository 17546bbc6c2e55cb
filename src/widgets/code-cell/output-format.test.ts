import { describe, expect, it } from 'vitest';
import {
  formatCell,
  hiddenLinesNotice,
  imageScale,
  isNumericColumn,
  outputSummary,
  percentText,
  streamPrefix,
  truncatedNotice,
} from './output-format.ts';

describe('output words and numbers', () => {
  it('prefixes warnings, errors and info with a word', () => {
    expect(streamPrefix('warn')).toBe('Warning:');
    expect(streamPrefix('error')).toBe('Error:');
    expect(streamPrefix('info')).toBe('Info:');
    expect(streamPrefix('print')).toBe('');
    expect(streamPrefix('log')).toBe('');
  });

  it('formats table cells', () => {
    expect(formatCell(null)).toBe('—');
    expect(formatCell(true)).toBe('true');
    expect(formatCell('a<b')).toBe('a<b');
    expect(formatCell(60000)).toBe('60000');
    expect(formatCell(0.123456789)).toBe('0.123457');
    expect(formatCell(2 / 3)).toBe('0.666667');
    expect(formatCell(0.00001234)).toBe('1.234e-5');
    expect(formatCell(Number.NaN)).toBe('NaN');
    expect(formatCell(-Infinity)).toBe('-Infinity');
  });

  it('right-aligns only columns of numbers', () => {
    const rows = [
      [1, 'a', null],
      [2.5, 'b', null],
      [null, 3, null],
    ];
    expect(isNumericColumn(rows, 0)).toBe(true);
    expect(isNumericColumn(rows, 1)).toBe(false);
    expect(isNumericColumn(rows, 2)).toBe(false);
  });

  it('scales small images up by whole numbers and leaves large ones', () => {
    expect(imageScale(28, 28)).toBe(3);
    expect(imageScale(8, 8)).toBe(8);
    expect(imageScale(32, 16)).toBe(2);
    expect(imageScale(200, 100)).toBe(1);
    expect(imageScale(0, 0)).toBe(8);
  });

  it('clamps progress to 0..100%', () => {
    expect(percentText(0.456)).toBe('46%');
    expect(percentText(1.5)).toBe('100%');
    expect(percentText(-1)).toBe('0%');
    expect(percentText(Number.NaN)).toBe('0%');
  });

  it('summarises the output in words', () => {
    expect(outputSummary({ lines: 0, plots: 0, images: 0, tables: 0 })).toBe('No output');
    expect(outputSummary({ lines: 1, plots: 0, images: 0, tables: 0 })).toBe('1 line of output');
    expect(outputSummary({ lines: 1200, plots: 1, images: 16, tables: 2 })).toBe('1,200 lines of output, 1 plot, 16 images and 2 tables');
    expect(outputSummary({ lines: 0, plots: 2, images: 0, tables: 1 })).toBe('2 plots and 1 table');
  });

  it('explains hidden and truncated lines', () => {
    expect(hiddenLinesNotice(1, 1000)).toBe('1 earlier line is not shown (the output keeps the last 1,000).');
    expect(hiddenLinesNotice(2500, 1000)).toBe('2,500 earlier lines are not shown (the output keeps the last 1,000).');
    expect(truncatedNotice(12345)).toBe('Output limit reached: 12,345 more lines were not shown.');
  });
});
