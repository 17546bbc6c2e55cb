import { describe, expect, it } from 'vitest';
import { checkGradeResult, runCustomGrader, type CustomGraderContext } from './custom-grader.ts';

function context(overrides: Partial<CustomGraderContext> = {}): CustomGraderContext & { printed: unknown[][] } {
  const printed: unknown[][] = [];
  return { returned: undefined, exports: {}, tf: { marker: 'tf' }, datasets: { marker: 'datasets' }, print: (...args) => printed.push(args), printed, ...overrides };
}

describe('runCustomGrader', () => {
  it('runs grader.js as an async function body with the reader values', async () => {
    const source = `
      const double = exports.double;
      if (typeof double !== 'function') return { pass: false, message: 'Define double(x).' };
      await Promise.resolve();
      print('checking', tf.marker, datasets.marker);
      const got = double(returned);
      return { pass: got === 42, message: 'double(21) gave ' + got, figure: got, figureText: String(got), details: ['one'] };
    `;
    const ctx = context({ returned: 21, exports: { double: (x: number) => 2 * x } });
    const result = await runCustomGrader(source, ctx);
    expect(result).toEqual({ pass: true, message: 'double(21) gave 42', figure: 42, figureText: '42', details: ['one'] });
    expect(ctx.printed).toEqual([['checking', 'tf', 'datasets']]);
    expect(await runCustomGrader(source, context())).toEqual({ pass: false, message: 'Define double(x).' });
  });

  it('blames the grader, not the reader, when it throws', async () => {
    const result = await runCustomGrader('const x = undefined; return x.pass;', context());
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^The grader of this exercise failed: it threw TypeError: .*This is a bug in the exercise, not in your code/);
  });

  it('blames the grader when it does not compile', async () => {
    const result = await runCustomGrader('return {', context());
    expect(result.message).toMatch(/^The grader of this exercise failed: grader\.js does not compile \(.+\)\. This is a bug in the exercise/);
  });

  it('blames the grader when it returns a malformed result', async () => {
    expect((await runCustomGrader('return true;', context())).message).toMatch(/it returned the boolean true instead of an object \{ pass, message \}/);
    expect((await runCustomGrader("return { pass: 'yes', message: 'x' };", context())).message).toMatch(/"pass" is the string "yes", not true or false/);
  });
});

describe('checkGradeResult', () => {
  it('accepts a minimal result and copies it', () => {
    expect(checkGradeResult({ pass: false, message: 'Not yet.' })).toEqual({ result: { pass: false, message: 'Not yet.' } });
  });

  it('names the field that is wrong', () => {
    const problem = (v: unknown) => ('problem' in checkGradeResult(v) ? (checkGradeResult(v) as { problem: string }).problem : '');
    expect(problem(null)).toMatch(/returned null instead of an object/);
    expect(problem({ pass: true, message: '' })).toMatch(/"message" is the string "", not a non-empty string/);
    expect(problem({ pass: true, message: 'ok', figure: NaN })).toMatch(/"figure" is NaN, not a finite number/);
    expect(problem({ pass: true, message: 'ok', details: 'x' })).toMatch(/"details" is the string "x", not a list of strings/);
    expect(problem({ pass: true, message: 'ok', score: 1 })).toMatch(/unknown field\(s\) "score"/);
  });
});
