import { describe, expect, it } from 'vitest';
import { compareValues, numbersClose } from './compare.ts';
import { describeReturned, expectedKind, formatNumber, formatBrief } from './describe.ts';
import { percentAgainst, thresholdPercent } from './figures.ts';

const tol = { absolute: 1e-6, relative: 1e-6 };

describe('numbersClose', () => {
  it('accepts a difference within the absolute or the relative tolerance', () => {
    expect(numbersClose(0.5000005, 0.5, tol)).toBe(true);
    expect(numbersClose(0.50001, 0.5, tol)).toBe(false);
    expect(numbersClose(1e9 + 100, 1e9, tol)).toBe(true); // relative 1e-7
    expect(numbersClose(1e9 + 10000, 1e9, tol)).toBe(false);
  });

  it('treats NaN and the infinities strictly', () => {
    expect(numbersClose(NaN, 0, tol)).toBe(false);
    expect(numbersClose(0, NaN, tol)).toBe(false);
    expect(numbersClose(NaN, NaN, tol)).toBe(true);
    expect(numbersClose(Infinity, Infinity, tol)).toBe(true);
    expect(numbersClose(Infinity, 1e300, tol)).toBe(false);
    expect(numbersClose(-Infinity, Infinity, tol)).toBe(false);
  });
});

describe('compareValues', () => {
  it('matches numbers, strings, booleans and null', () => {
    expect(compareValues(0.5, 0.5, tol)).toBeNull();
    expect(compareValues('a', 'a', tol)).toBeNull();
    expect(compareValues(true, true, tol)).toBeNull();
    expect(compareValues(null, null, tol)).toBeNull();
  });

  it('reports a string where a number is expected as a type mismatch', () => {
    expect(compareValues('0.5', 0.5, tol)).toEqual({ path: '', kind: 'type', actual: '0.5', expected: 0.5 });
    expect(compareValues(undefined, 0.5, tol)?.kind).toBe('type');
    expect(compareValues(1, true, tol)?.kind).toBe('type');
    expect(compareValues(false, true, tol)?.kind).toBe('value');
  });

  it('compares arrays, typed arrays and nested arrays element by element', () => {
    expect(compareValues([1, 2.0000001], [1, 2], tol)).toBeNull();
    expect(compareValues(Float32Array.of(0.5, 0.25), [0.5, 0.25], tol)).toBeNull();
    expect(
      compareValues(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 5],
        ],
        tol,
      ),
    ).toEqual({ path: '[1][1]', kind: 'value', actual: 4, expected: 5 });
    expect(compareValues([1, 2], [1, 2, 3], tol)?.kind).toBe('length');
    expect(compareValues(1, [1], tol)?.kind).toBe('type');
    expect(compareValues([Float64Array.of(1, 2)], [[1, 2]], tol)).toBeNull();
  });

  it('compares plain objects key by key, ignoring extra keys', () => {
    expect(compareValues({ a: 1, b: [2], extra: 'x' }, { a: 1, b: [2] }, tol)).toBeNull();
    expect(compareValues({ a: 1 }, { a: 1, b: 2 }, tol)).toEqual({ path: '.b', kind: 'missing-key', actual: undefined, expected: 2 });
    expect(compareValues({ a: { 'q-value': 1 } }, { a: { 'q-value': 2 } }, tol)?.path).toBe('.a["q-value"]');
    expect(compareValues([1], { a: 1 }, tol)?.kind).toBe('type');
  });
});

describe('describing values', () => {
  it('formats numbers compactly but distinguishably', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1 / 3)).toBe('0.3333333333');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });

  it('formats values as in code, shortening long ones', () => {
    expect(formatBrief([1, 2, 3])).toBe('[1, 2, 3]');
    expect(formatBrief(Float32Array.of(1, 2))).toBe('Float32Array [1, 2]');
    expect(formatBrief({ a: 1, 'b c': 'x' })).toBe('{a: 1, "b c": "x"}');
    expect(formatBrief(Array.from({ length: 10 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, … 4 more]');
  });

  it('spells out the type of what was returned', () => {
    expect(describeReturned('0.5')).toBe('the string "0.5"');
    expect(describeReturned(undefined)).toMatch(/^undefined \(nothing/);
    expect(describeReturned({ shape: [3], dtype: 'float32', dataSync: () => [] })).toBe('a tfjs tensor of shape [3]');
    expect(describeReturned(() => 1)).toBe('a function');
  });

  it('names what is expected', () => {
    expect(expectedKind(0.5)).toBe('a number');
    expect(expectedKind([1, 2])).toBe('an array of 2 numbers');
    expect(expectedKind({ a: 1, b: 2 })).toBe('an object with keys a, b');
  });
});

describe('percentAgainst', () => {
  it('never rounds a fraction across the threshold', () => {
    expect(percentAgainst(0.873, 0.9)).toBe('87.3%');
    expect(percentAgainst(0.8996, 0.9)).toBe('89.96%');
    expect(percentAgainst(0.89999, 0.9)).toBe('89.999%');
    expect(percentAgainst(0.9, 0.9)).toBe('90.0%');
    expect(thresholdPercent(0.9)).toBe('90%');
    expect(thresholdPercent(0.925)).toBe('92.5%');
  });
});
