import { describe, expect, it } from 'vitest';
import type { FunctionGraderSpec } from '../exercises/types.ts';
import { gradeFunction } from './function-grader.ts';

const spec: FunctionGraderSpec = {
  kind: 'function',
  name: 'sigmoid',
  cases: [
    { args: [0], expected: 0.5 },
    { args: [2], expected: 1 / (1 + Math.exp(-2)) },
    { args: [-1000], expected: 0, note: 'a large negative input must not give NaN' },
  ],
};

const stable = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

describe('gradeFunction', () => {
  it('passes a correct function and lists every case', async () => {
    const result = await gradeFunction(spec, { sigmoid: stable });
    expect(result.pass).toBe(true);
    expect(result.message).toBe('All 3 test cases pass: sigmoid works.');
    expect(result.details).toEqual([
      'Pass: sigmoid(0) returned 0.5, as expected.',
      'Pass: sigmoid(2) returned 0.880797078, as expected.',
      'Pass: sigmoid(-1000) returned 0, as expected.',
    ]);
    expect(result.figure).toBeUndefined();
  });

  it('says to define the function when it is missing', async () => {
    const result = await gradeFunction(spec, {});
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^Define a function named sigmoid at the top level of your code/);
  });

  it('says when the name is not a function', async () => {
    const result = await gradeFunction(spec, { sigmoid: 0.5 });
    expect(result.message).toMatch(/^sigmoid is 0.5, not a function/);
  });

  it('reports a wrong return type clearly', async () => {
    const result = await gradeFunction(spec, { sigmoid: (x: number) => String(stable(x)) });
    expect(result.pass).toBe(false);
    expect(result.message).toBe('All 3 test cases fail. The first: sigmoid(0) returned the string "0.5"; it should return a number.');
  });

  it('reports a missing return', async () => {
    const result = await gradeFunction(spec, { sigmoid: () => undefined });
    expect(result.message).toMatch(/sigmoid\(0\) returned undefined \(nothing: is a `return` missing\?\); it should return a number/);
  });

  it('reports NaN with the case note (the naive formula overflows)', async () => {
    // exp(1000) is Infinity: Infinity / Infinity is NaN.
    const naive = (x: number) => Math.exp(x) / (Math.exp(x) + 1);
    const result = await gradeFunction(
      { ...spec, cases: [...spec.cases, { args: [1000], expected: 1, note: 'large inputs must not give NaN' }] },
      { sigmoid: naive },
    );
    expect(result.pass).toBe(false);
    expect(result.message).toBe('1 of 4 test cases fails. sigmoid(1000) returned NaN; expected 1. Large inputs must not give NaN.');
    expect(result.details?.filter((d) => d.startsWith('Fail'))).toHaveLength(1);
  });

  it('reports a wrong value with both numbers', async () => {
    const result = await gradeFunction(spec, { sigmoid: (x: number) => (x === 0 ? 0.6 : stable(x)) });
    expect(result.message).toBe('1 of 3 test cases fails. sigmoid(0) returned 0.6; expected 0.5.');
  });

  it('reports a throw in a case and still runs the others', async () => {
    const result = await gradeFunction(spec, {
      sigmoid: (x: number) => {
        if (x === 2) throw new TypeError('Cannot read properties of undefined');
        return stable(x);
      },
    });
    expect(result.pass).toBe(false);
    expect(result.message).toBe('1 of 3 test cases fails. sigmoid(2) threw TypeError: Cannot read properties of undefined.');
    expect(result.details?.map((d) => d.slice(0, 4))).toEqual(['Pass', 'Fail', 'Pass']);
  });

  it('awaits an async function', async () => {
    expect((await gradeFunction(spec, { sigmoid: async (x: number) => stable(x) })).pass).toBe(true);
    const rejected = await gradeFunction(spec, {
      sigmoid: async () => {
        throw new RangeError('nope');
      },
    });
    expect(rejected.message).toMatch(/sigmoid\(0\) threw RangeError: nope/);
  });

  it('points at the element of an array that differs, and accepts typed arrays', async () => {
    const softmax: FunctionGraderSpec = {
      kind: 'function',
      name: 'softmax',
      tolerance: 1e-4,
      cases: [{ args: [[0, 0]], expected: [0.5, 0.5] }],
    };
    expect((await gradeFunction(softmax, { softmax: () => Float32Array.of(0.5, 0.5) })).pass).toBe(true);
    const wrong = await gradeFunction(softmax, { softmax: () => [0.5, 0.4] });
    expect(wrong.message).toBe('The test case fails. softmax([0, 0]) returned [0.5, 0.4]: [1] is 0.4; expected 0.5.');
    const short = await gradeFunction(softmax, { softmax: () => [1] });
    expect(short.message).toMatch(/returned an array of 1 value, \[1\]; it should return an array of 2 numbers/);
  });

  it('suggests plain values when a tensor is returned', async () => {
    const tensor = { shape: [], dtype: 'float32', dataSync: () => Float32Array.of(0.5) };
    const result = await gradeFunction(spec, { sigmoid: () => tensor });
    expect(result.message).toMatch(/returned a tfjs tensor of shape \[\]; it should return a number \(a plain JavaScript value, not a tensor/);
  });

  it('gives each case fresh arguments, so mutation cannot spoil later cases', async () => {
    const sum: FunctionGraderSpec = {
      kind: 'function',
      name: 'sum',
      cases: [
        { args: [[1, 2]], expected: 3 },
        { args: [[1, 2]], expected: 3 },
      ],
    };
    const destructive = (xs: number[]) => {
      let s = 0;
      while (xs.length) s += xs.pop()!;
      return s;
    };
    expect((await gradeFunction(sum, { sum: destructive })).pass).toBe(true);
  });

  it('compares plain objects key by key', async () => {
    const stats: FunctionGraderSpec = { kind: 'function', name: 'stats', cases: [{ args: [[1, 3]], expected: { mean: 2, max: 3 } }] };
    expect((await gradeFunction(stats, { stats: () => ({ mean: 2, max: 3, min: 1 }) })).pass).toBe(true);
    const missing = await gradeFunction(stats, { stats: () => ({ mean: 2 }) });
    expect(missing.message).toMatch(/stats\(\[1, 3\]\) returned \{mean: 2\}, which has no max; expected \.max to be 3/);
  });
});
