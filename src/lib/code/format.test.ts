import { describe, expect, it } from 'vitest';
import { describeThrown, describeValue } from './describe.ts';
import { formatArgs, formatValue } from './format.ts';

describe('formatValue', () => {
  it('shows primitives as a console would', () => {
    expect(formatValue('plain text')).toBe('plain text');
    expect(formatValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(10n)).toBe('10n');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(Symbol('s'))).toBe('Symbol(s)');
  });

  it('quotes nested strings and escapes them', () => {
    expect(formatValue(['a', "it's"])).toBe("['a', 'it\\'s']");
    expect(formatValue({ 'odd key': 1, ok: 'x\ny' })).toBe("{ 'odd key': 1, ok: 'x\\ny' }");
  });

  it('cuts long arrays and typed arrays with a count of the rest', () => {
    const long = formatValue(Array.from({ length: 1000 }, (_, i) => i));
    expect(long).toMatch(/^\[\n {2}0, 1, 2/);
    expect(long).toContain('29, … 970 more');
    expect(formatValue(new Float32Array([1, 0.5]))).toBe('Float32Array(2) [1, 0.5]');
    expect(formatValue(new Uint8Array(784))).toContain('… 754 more');
    expect(formatValue([1, 2, 3], { maxItems: 2 })).toBe('[1, 2, … 1 more]');
  });

  it('shows nested objects up to a depth and marks cycles', () => {
    expect(formatValue({ a: 1, b: { c: [1, 2] } })).toBe('{ a: 1, b: { c: [1, 2] } }');
    expect(formatValue({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{ a: { b: { c: { d: [Object] } } } }');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe("{ name: 'loop', self: [Circular] }");
    const shared = { v: 1 };
    expect(formatValue([shared, shared])).toBe('[{ v: 1 }, { v: 1 }]');
  });

  it('lays out big objects over several lines', () => {
    const text = formatValue({ first: 'a'.repeat(40), second: { inner: 'b'.repeat(70), n: 1 } });
    expect(text.split('\n')).toEqual([
      '{',
      `  first: '${'a'.repeat(40)}',`,
      '  second: {',
      `    inner: '${'b'.repeat(70)}',`,
      '    n: 1',
      '  }',
      '}',
    ]);
  });

  it('shows Map, Set, errors, functions, classes, dates and class instances', () => {
    expect(formatValue(new Map([['a', 1]]))).toBe("Map(1) { 'a' => 1 }");
    expect(formatValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
    expect(formatValue(new Set())).toBe('Set(0) {}');
    expect(formatValue(new RangeError('too big'))).toBe('RangeError: too big');
    expect(formatValue([new Error('x')])).toBe('[[Error: x]]');
    expect(formatValue(function sigmoid() {})).toBe('[Function: sigmoid]');
    expect(formatValue(() => 1)).toBe('[Function (anonymous)]');
    expect(formatValue(class Net {})).toBe('[class Net]');
    expect(formatValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    class Point {
      x = 1;
    }
    expect(formatValue(new Point())).toBe('Point { x: 1 }');
    // eslint-disable-next-line no-sparse-arrays -- a hole is the point of the case
    expect(formatValue([, 1])).toBe('[<1 empty item>, 1]');
  });

  it('formats values through the hook (tensors)', () => {
    const hooks = { format: (v: unknown) => (v instanceof Uint16Array ? 'Tensor [2]' : undefined) };
    expect(formatValue({ t: new Uint16Array(2) }, { hooks })).toBe('{ t: Tensor [2] }');
  });

  it('never throws, even for a getter that throws', () => {
    const bad = {
      get x() {
        throw new Error('nope');
      },
    };
    expect(formatValue(bad)).toBe('{ x: [getter threw: nope] }');
  });
});

describe('formatArgs', () => {
  it('joins arguments with spaces', () => {
    expect(formatArgs(['loss', 0.5, [1]])).toBe('loss 0.5 [1]');
  });
  it('applies printf-style placeholders', () => {
    expect(formatArgs(['%s has %d items (%i%%)', 'list', 3.7, 42.9])).toBe('list has 3.7 items (42%)');
    expect(formatArgs(['%o', { a: 1 }, 'extra'])).toBe('{ a: 1 } extra');
    expect(formatArgs(['100%'])).toBe('100%');
  });
});

describe('describeValue', () => {
  it('describes what code returned in words', () => {
    expect(describeValue(undefined)).toBeUndefined();
    expect(describeValue(0.5)).toBe('the number 0.5');
    expect(describeValue('hi')).toBe('the string "hi"');
    expect(describeValue('x'.repeat(100))).toBe('a string of 100 characters');
    expect(describeValue([1, 2, 3])).toBe('an array of 3 items');
    expect(describeValue([1])).toBe('an array of 1 item');
    expect(describeValue(new Float32Array(784))).toBe('a Float32Array of 784 numbers');
    expect(describeValue(function sigmoid() {})).toBe('the function sigmoid');
    expect(describeValue({ a: 1, b: 2 })).toBe('an object with keys a, b');
    expect(describeValue(new Map([[1, 1]]))).toBe('a Map with 1 entry');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(true)).toBe('the boolean true');
  });
  it('uses the hook for tfjs values', () => {
    expect(describeValue({}, { describe: () => 'a tfjs model with 101,770 parameters' })).toBe('a tfjs model with 101,770 parameters');
  });
});

describe('describeThrown', () => {
  it('keeps an Error name and message', () => {
    expect(describeThrown(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
  });
  it('says what was thrown when it is not an Error', () => {
    expect(describeThrown('oops').message).toMatch(/^oops \(your code threw a string, not an Error/);
    expect(describeThrown(42).message).toMatch(/^42 \(your code threw a number/);
    expect(describeThrown({ code: 7 }).message).toMatch(/^\{ code: 7 \} \(your code threw a object/);
    expect(describeThrown(undefined).message).toMatch(/threw undefined/);
    expect(describeThrown({ name: 'Custom', message: 'like an error' })).toEqual({ name: 'Custom', message: 'like an error' });
  });
});
