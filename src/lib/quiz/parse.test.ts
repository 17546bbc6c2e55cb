import { describe, expect, it } from 'vitest';
import { parseNumberInput, typeANumberMessage } from './parse.ts';

const value = (text: string, options = {}) => {
  const r = parseNumberInput(text, options);
  if (!r.ok) throw new Error(`expected "${text}" to parse, got: ${r.message}`);
  return r.value;
};
const message = (text: string, options = {}) => {
  const r = parseNumberInput(text, options);
  if (r.ok) throw new Error(`expected "${text}" to be refused, got ${r.value}`);
  return r.message;
};

describe('parseNumberInput', () => {
  it('reads plain decimals, signs and exponents', () => {
    expect(value('0.9')).toBe(0.9);
    expect(value('  0.9  ')).toBe(0.9);
    expect(value('-3')).toBe(-3);
    expect(value('+2')).toBe(2);
    expect(value('−0.5')).toBe(-0.5); // Unicode minus sign
    expect(value('.5')).toBe(0.5);
    expect(value('5.')).toBe(5);
    expect(value('1e-3')).toBe(0.001);
    expect(value('2.5E4')).toBe(25000);
    expect(value('0')).toBe(0);
    expect(Object.is(value('-0'), 0)).toBe(true);
  });

  it('reads a decimal comma', () => {
    expect(value(' 0,9 ')).toBe(0.9);
    expect(value('10,28')).toBe(10.28);
    expect(value(',5')).toBe(0.5);
    expect(value('0,028')).toBe(0.028); // a leading 0 cannot start a thousands group
  });

  it('reads thousands grouped in threes', () => {
    expect(value('60,000.5')).toBe(60000.5);
    expect(value('1,000,000')).toBe(1_000_000);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('60 000')).toBe(60000);
    expect(value('60\u202f000')).toBe(60000); // narrow no-break space, as pasted from formatted text
    expect(value('10 000,5')).toBe(10000.5);
  });

  it('refuses a lone comma before three digits, which could mean either thing', () => {
    const m = message('1,028');
    expect(m).toContain('1028');
    expect(m).toContain('1.028');
  });

  it('refuses malformed groups and stray marks', () => {
    for (const text of ['1.2.3', '1,2.3', '12,34,567', '1 2', '1e', 'e5', '.', '-', '1..2', '1,2,3.4,5', '--1', '0x10', 'Infinity', 'NaN'])
      expect(message(text), text).toBe('Type a number, e.g. 0.25');
  });

  it('refuses text with a message saying what to type', () => {
    expect(message('abc')).toBe('Type a number, e.g. 0.25');
    expect(message('')).toBe('Type a number, e.g. 0.25');
    expect(message('   ')).toBe('Type a number, e.g. 0.25');
    expect(message('abc', { percent: true })).toBe('Type a number, e.g. 25 for 25%');
    expect(message('abc', { unit: 'ms' })).toBe('Type a number of ms, e.g. 0.25');
  });

  it('reads fractions', () => {
    expect(value('1/4')).toBe(0.25);
    expect(value(' 3 / 8 ')).toBe(0.375);
    expect(value('1/10')).toBe(0.1);
    expect(message('1/0')).toMatch(/divide by zero/);
    expect(message('1/2/3')).toBe('Type a number, e.g. 0.25');
    expect(message('1/x')).toBe('Type a number, e.g. 0.25');
  });

  it('treats % as hundredths in a plain quiz', () => {
    expect(value('90%')).toBe(0.9);
    expect(value('10 %')).toBeCloseTo(0.1, 15);
    expect(value('1/4 %')).toBe(0.0025);
  });

  it('takes the number as a percentage in a percent quiz, with or without %', () => {
    expect(value('10.28', { percent: true })).toBe(10.28);
    expect(value('10.28%', { percent: true })).toBe(10.28);
    expect(value('10,28 %', { percent: true })).toBe(10.28);
  });

  it('accepts the unit after the number, and refuses % in a quiz with another unit', () => {
    expect(value('12 ms', { unit: 'ms' })).toBe(12);
    expect(value('12MS', { unit: 'ms' })).toBe(12);
    expect(value('12', { unit: 'ms' })).toBe(12);
    expect(message('12%', { unit: 'ms' })).toMatch(/in ms, not a percentage/);
    expect(message('12 s', { unit: 'ms' })).toBe('Type a number of ms, e.g. 0.25');
  });

  it('refuses numbers too large to be finite', () => {
    expect(message('1e999')).toMatch(/too large/);
  });

  it('has a default message for the plain case', () => {
    expect(typeANumberMessage()).toBe('Type a number, e.g. 0.25');
  });
});
