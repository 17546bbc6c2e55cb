import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomGraderSpec } from '../exercises/types.ts';
import { checkGradeResult, customPlan, gradeCustom, judgeCustom, measureCustom, type CustomGraderContext } from './custom-grader.ts';
import { denseBackwardInput } from './judges/dense-backward.ts';

const DIR = join(import.meta.dirname, '../../../content/exercises/dense-backward');
const spec: CustomGraderSpec = { kind: 'custom', source: readFileSync(join(DIR, 'measure.js'), 'utf8'), judge: 'dense-backward', expose: ['Dense'] };

function context(overrides: Partial<CustomGraderContext> = {}): CustomGraderContext & { printed: unknown[][] } {
  const printed: unknown[][] = [];
  return {
    returned: undefined,
    exports: {},
    tf: { marker: 'tf' },
    datasets: { marker: 'datasets' },
    print: (...args) => printed.push(args),
    printed,
    ...overrides,
  };
}

/** A Dense layer as the reader writes it; `divide` divides the gradients by the batch size (a common mistake). */
function denseClass(divide = false, transposeDW = false) {
  return class Dense {
    W: number[][];
    b: number[];
    X: number[][] = [];
    dW: number[][] = [];
    db: number[] = [];
    constructor(n: number, m: number) {
      this.W = Array.from({ length: n }, () => new Array(m).fill(0));
      this.b = new Array(m).fill(0);
    }
    forward(X: number[][]) {
      this.X = X;
      return X.map((row) => this.b.map((bj, j) => row.reduce((s, x, i) => s + x * this.W[i]![j]!, bj)));
    }
    backward(G: number[][]) {
      const scale = divide ? 1 / G.length : 1;
      const n = this.W.length;
      const m = this.b.length;
      this.dW = Array.from({ length: n }, (_, i) =>
        Array.from({ length: m }, (_, j) => scale * this.X.reduce((s, row, r) => s + row[i]! * G[r]![j]!, 0)),
      );
      if (transposeDW) this.dW = Array.from({ length: m }, (_, j) => Array.from({ length: n }, (_, i) => this.dW[i]![j]!));
      this.db = Array.from({ length: m }, (_, j) => scale * G.reduce((s, row) => s + row[j]!, 0));
      return G.map((g) => this.W.map((wi) => scale * g.reduce((s, gj, j) => s + gj * wi[j]!, 0)));
    }
  };
}

describe('the custom grader: measuring script in the worker, judge in the page', () => {
  it("gives the measuring script the judge's input and copies what it returns", async () => {
    const plan = customPlan(spec)!;
    expect(plan.input).toEqual(denseBackwardInput());
    const measured = await measureCustom(plan, context({ exports: { Dense: denseClass() } }));
    expect(measured.kind).toBe('custom');
    expect('measured' in measured && measured.measured).toMatchObject({ t: 'object', keys: ['layers'] });
  });

  it('passes a right Dense and fails a wrong one with the exact place and value', async () => {
    expect((await gradeCustom(spec, context({ exports: { Dense: denseClass() } }))).pass).toBe(true);
    const divided = await gradeCustom(spec, context({ exports: { Dense: denseClass(true) } }));
    expect(divided.pass).toBe(false);
    // The first layer has a batch of 1 (dividing changes nothing); the second has 5.
    expect(divided.message).toMatch(
      /^dW, db and dX are wrong on a layer of 4 inputs → 3 units on a batch of 5: dW\[\d\]\[\d\] is .* but the exact gradient is .*Every value of dW is the right one divided by the batch size 5/,
    );
    const transposed = await gradeCustom(spec, context({ exports: { Dense: denseClass(false, true) } }));
    expect(transposed.message).toBe(
      'On a layer of 3 inputs → 2 units on a batch of 1: this.dW is 2 × 3, transposed: it should be 3 × 2, the shape of W: one row per input, one column per unit.',
    );
  });

  it('says to define the class, from what the script measured', async () => {
    expect((await gradeCustom(spec, context())).message).toMatch(/^Define a class named Dense/);
  });

  it('blames the exercise when its script throws or does not compile, or its judge is missing', async () => {
    expect((await gradeCustom({ ...spec, source: 'const x = undefined; return x.pass;' }, context())).message).toMatch(
      /^The grader of this exercise failed: its measuring script threw TypeError: .*This is a bug in the exercise, not in your code/,
    );
    expect((await gradeCustom({ ...spec, source: 'return {' }, context())).message).toMatch(
      /^The grader of this exercise failed: its measuring script does not compile/,
    );
    expect((await gradeCustom({ ...spec, judge: 'nope' }, context())).message).toMatch(/names a judge "nope" that does not exist/);
  });

  it('never passes a malformed measurement', async () => {
    for (const bad of [
      null,
      42,
      { kind: 'custom' },
      { kind: 'function', outcomes: [] },
      { kind: 'custom', measured: { t: 'evil' } },
      { kind: 'custom', measured: { t: 'object', keys: ['layers'], values: [] } },
    ]) {
      const result = await judgeCustom(spec, bad);
      expect(result.pass, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('checkGradeResult', () => {
  it('accepts a minimal result and copies it', () => {
    expect(checkGradeResult({ pass: false, message: 'Not yet.' })).toEqual({ result: { pass: false, message: 'Not yet.' } });
  });

  it("keeps a heading for the details list, the code cell's title for them", () => {
    const checked = checkGradeResult({ pass: true, message: 'ok', details: ['a', 'b'], detailsTitle: 'The 2 clusters' });
    expect(checked).toEqual({ result: { pass: true, message: 'ok', details: ['a', 'b'], detailsTitle: 'The 2 clusters' } });
  });

  it('names the field that is wrong', () => {
    const problem = (v: unknown) => ('problem' in checkGradeResult(v) ? (checkGradeResult(v) as { problem: string }).problem : '');
    expect(problem(null)).toMatch(/returned null instead of an object/);
    expect(problem({ pass: true, message: '' })).toMatch(/"message" is the string "", not a non-empty string/);
    expect(problem({ pass: true, message: 'ok', figure: NaN })).toMatch(/"figure" is NaN, not a finite number/);
    expect(problem({ pass: true, message: 'ok', details: 'x' })).toMatch(/"details" is the string "x", not a list of strings/);
    expect(problem({ pass: true, message: 'ok', detailsTitle: ' ' })).toMatch(/"detailsTitle" is the string " ", not a non-empty string/);
    expect(problem({ pass: true, message: 'ok', score: 1 })).toMatch(/unknown field\(s\) "score"/);
  });
});
