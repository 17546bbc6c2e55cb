import { describe, expect, it } from 'vitest';
import type { FunctionGraderSpec } from '../exercises/types.ts';
import { describeReturned } from './describe.ts';
import { functionPlan, judgeFunction, measureFunction } from './function-grader.ts';
import { readSnapshot, takeSnapshot } from './snapshot.ts';

const roundTrip = (value: unknown) => {
  const read = readSnapshot(structuredClone(takeSnapshot(value)));
  if ('problem' in read) throw new Error(read.problem);
  return read.value;
};

describe("snapshots of the reader's values", () => {
  it('keep data as data, with its types', () => {
    expect(roundTrip(0.5)).toBe(0.5);
    expect(roundTrip(NaN)).toBeNaN();
    expect(roundTrip('0.5')).toBe('0.5');
    expect(
      roundTrip([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(roundTrip({ loss: 1, nested: { a: [true, null] } })).toEqual({ loss: 1, nested: { a: [true, null] } });
    const typed = roundTrip(new Float32Array([1, 2.5]));
    expect(typed).toBeInstanceOf(Float32Array);
    expect(Array.from(typed as Float32Array)).toEqual([1, 2.5]);
  });

  it('keep what is not data as words that the messages use', () => {
    expect(describeReturned(roundTrip(function sigmoid() {}))).toBe('a function');
    expect(describeReturned(roundTrip({ shape: [3], dataSync: () => [] }))).toBe('a tfjs tensor of shape [3]');
    expect(describeReturned(roundTrip(new Map()))).toBe('a Map object');
    expect(describeReturned(roundTrip(undefined))).toMatch(/^undefined/);
  });

  it('read a getter once and survive one that throws', () => {
    let reads = 0;
    const value = {
      get x() {
        reads += 1;
        return reads;
      },
    };
    expect(roundTrip(value)).toEqual({ x: 1 });
    const bad = {
      get x() {
        throw new Error('no');
      },
    };
    expect(describeReturned(roundTrip(bad))).toBe('a value that could not be read');
  });

  it('are refused when they arrive malformed', () => {
    for (const bad of [
      { t: 'evil' },
      { t: 'array' },
      { t: 'typed', name: 'Function', values: [] },
      { t: 'typed', name: 'Float32Array', values: ['1'] },
      { t: 'object', keys: ['a'], values: [] },
      { t: 'opaque' },
      new Date(),
      [1, 2],
    ]) {
      expect('problem' in readSnapshot(bad), JSON.stringify(bad)).toBe(true);
    }
  });
});

describe('measuring with tampered built-ins (in this realm, as reader code in the worker would)', () => {
  const spec: FunctionGraderSpec = {
    kind: 'function',
    name: 'sigmoid',
    cases: [
      { args: [0], expected: 0.5 },
      { args: [2], expected: 0.8807970779778823 },
      { args: [-2], expected: 0.11920292202211755 },
    ],
  };
  const wrong = () => 0.5;

  it('still records what the function really returned, so the page fails it', async () => {
    const saved = {
      push: Array.prototype.push,
      map: Array.prototype.map,
      every: Array.prototype.every,
      abs: Math.abs,
      isFinite: Number.isFinite,
      keys: Object.keys,
      clone: globalThis.structuredClone,
    };
    const plan = functionPlan(spec); // made in the page, before any reader code
    let measured: unknown;
    try {
      Array.prototype.push = function () {
        return 0;
      };
      Array.prototype.map = function () {
        return [];
      };
      Array.prototype.every = (() => true) as never;
      Math.abs = () => 0;
      Number.isFinite = () => true;
      Object.keys = () => [];
      globalThis.structuredClone = () => [0];
      measured = await measureFunction(plan, { sigmoid: wrong });
    } finally {
      Object.assign(Array.prototype, { push: saved.push, map: saved.map, every: saved.every });
      Math.abs = saved.abs;
      Number.isFinite = saved.isFinite;
      Object.keys = saved.keys;
      globalThis.structuredClone = saved.clone;
    }
    expect(measured).toEqual({ kind: 'function', outcomes: [{ returned: 0.5 }, { returned: 0.5 }, { returned: 0.5 }] });
    const result = judgeFunction(spec, structuredClone(measured));
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^2 of 3 test cases fail\./);
    expect(result.cases).toEqual([true, false, false]);
  });

  it('judges a forged or malformed measurement as a fail, never a pass', () => {
    for (const bad of [
      null,
      { kind: 'function' },
      { kind: 'function', outcomes: [] },
      { kind: 'function', outcomes: [{ returned: 0.5 }, { returned: 1 }, { pass: true }] },
      { pass: true, message: 'forged' },
    ]) {
      const result = judgeFunction(spec, bad);
      expect(result.pass, JSON.stringify(bad)).toBe(false);
      expect(result.message).toMatch(/could not read the measurements of this run/);
    }
  });
});
