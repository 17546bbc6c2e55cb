/**
 * The `function` grader: the code worker calls a function the reader defined on each test
 * case's arguments (measureFunction) and the page compares what it returned with the expected
 * value (judgeFunction). Every case runs, so the reader sees all that fail;
 * the message names the first failure precisely ("sigmoid(0) returned the string \"0.5\";
 * it should return a number").
 *
 * Sync code cannot be interrupted here: a case that never returns is stopped by the code
 * runner's time limit, which terminates the whole worker.
 */
import type { FunctionCase, FunctionGraderSpec, GradeResult } from '../exercises/types.ts';
import { compareValues, DEFAULT_TOLERANCE, type Mismatch, type Tolerance } from './compare.ts';
import { isTensorLike } from '../code/values.ts';
import { describeReturned, expectedKind, formatBrief } from './describe.ts';
import { asSentence } from '../format/sentence.ts';
import { append, apply, clone, list } from './intrinsics.ts';
import { malformedMeasurement } from './malformed.ts';
import { readSnapshot, takeSnapshot, type Snapshot } from './snapshot.ts';

/** The reader's top-level names, as the code runner exposes them. */
export type ReaderExports = Record<string, unknown>;

/** "sigmoid(0)", "bce([1, 0], [0.9, 0.2])". */
export function callText(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map((a) => formatBrief(a)).join(', ')})`;
}

/** The thrown value in words: "TypeError: x is not defined". */
export function thrownText(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const e = error as { name?: unknown; message: string };
    return `${typeof e.name === 'string' ? e.name : 'Error'}: ${e.message}`;
  }
  return formatBrief(error);
}

/**
 * Finds the function `name` in the reader's exports, or says what is wrong with it.
 * `usage` shows how to define it, e.g. "function sigmoid(x) { … }".
 */
export function findReaderFunction(
  exports: ReaderExports,
  name: string,
  usage: string,
): { fn: (...args: unknown[]) => unknown } | { problem: string } {
  const value = Object.hasOwn(exports, name) ? exports[name] : undefined;
  if (typeof value === 'function') return { fn: value as (...args: unknown[]) => unknown };
  if (value === undefined) {
    return { problem: `Define a function named ${name} at the top level of your code, e.g. \`${usage}\`.` };
  }
  return { problem: `${name} is ${describeReturned(value)}, not a function. Define it at the top level of your code as \`${usage}\`.` };
}

/** True for a promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One mismatch as a sentence fragment, e.g. "sigmoid(2) returned 0.5; expected 0.8807970780". */
export function mismatchText(call: string, returned: unknown, m: Mismatch): string {
  if (m.path === '') {
    if (m.kind === 'type') {
      const tensorHint = isTensorLike(returned)
        ? ' (a plain JavaScript value, not a tensor: use Math functions, or read a tensor with `.arraySync()`)'
        : '';
      return `${call} returned ${describeReturned(returned)}; it should return ${expectedKind(m.expected)}${tensorHint}`;
    }
    if (m.kind === 'length') {
      const n = (m.actual as ArrayLike<unknown>).length;
      return `${call} returned ${n === 1 ? 'an array of 1 value' : `an array of ${n} values`}, ${formatBrief(returned)}; it should return ${expectedKind(m.expected)}`;
    }
    return `${call} returned ${formatBrief(returned)}; expected ${formatBrief(m.expected)}`;
  }
  const where = `${call} returned ${formatBrief(returned)}`;
  switch (m.kind) {
    case 'missing-key':
      return `${where}, which has no ${m.path.replace(/^\./, '')}; expected ${m.path} to be ${formatBrief(m.expected)}`;
    case 'length':
      return `${where}: ${m.path} has ${(m.actual as ArrayLike<unknown>).length} items; expected ${(m.expected as unknown[]).length}`;
    case 'type':
      return `${where}: ${m.path} is ${describeReturned(m.actual)}; it should be ${expectedKind(m.expected)}`;
    case 'value':
      return `${where}: ${m.path} is ${formatBrief(m.actual)}; expected ${formatBrief(m.expected)}`;
  }
}

/** What the code worker is asked to measure for a function grader: the arguments only, never the expected values. */
export interface FunctionPlan {
  kind: 'function';
  name: string;
  args: unknown[][];
}

/** One call of the reader's function, as measured in the worker. */
export type CallOutcome = { returned: Snapshot } | { threw: string };

/** What the worker measured: the function's outputs on the grader's inputs, or why it could not call it. */
export type FunctionMeasurement = { kind: 'function'; problem: string } | { kind: 'function'; outcomes: CallOutcome[] };

export function functionPlan(spec: FunctionGraderSpec): FunctionPlan {
  return { kind: 'function', name: spec.name, args: spec.cases.map((c) => c.args) };
}

/**
 * Runs in the code worker, beside the reader's code: calls the reader's function on each
 * argument list and copies what it returned (or threw) into plain data. Decides nothing.
 */
export async function measureFunction(plan: FunctionPlan, exports: ReaderExports): Promise<FunctionMeasurement> {
  const found = findReaderFunction(exports, plan.name, `function ${plan.name}(…) { … }`);
  if ('problem' in found) return { kind: 'function', problem: found.problem };
  const outcomes = list<CallOutcome>();
  for (let i = 0; i < plan.args.length; i++) {
    try {
      // A fresh copy per call, so a function that changes its arguments cannot spoil later cases.
      let returned = apply(found.fn, undefined, clone(plan.args[i]!));
      if (isThenable(returned)) returned = await returned;
      append(outcomes, { returned: takeSnapshot(returned) });
    } catch (error) {
      let text: string;
      try {
        text = thrownText(error);
      } catch {
        text = 'an error that could not be read';
      }
      append(outcomes, { threw: text });
    }
  }
  return { kind: 'function', outcomes };
}

interface CaseOutcome {
  pass: boolean;
  line: string;
}

function judgeCase(outcome: CallOutcome, name: string, c: FunctionCase, tolerance: Tolerance): CaseOutcome {
  const call = callText(name, c.args);
  const note = c.note ? ` ${asSentence(c.note)}` : '';
  if ('threw' in outcome) return { pass: false, line: `${call} threw ${outcome.threw}.${note}` };
  const read = readSnapshot(outcome.returned);
  if ('problem' in read) return { pass: false, line: `${call}: what it returned could not be checked (${read.problem}).` };
  const returned = read.value;
  const mismatch = compareValues(returned, c.expected, tolerance);
  if (mismatch) return { pass: false, line: `${mismatchText(call, returned, mismatch)}.${note}` };
  return { pass: true, line: `${call} returned ${formatBrief(returned)}, as expected.` };
}

/** A measurement shaped like a function grader's, or what is wrong with it. */
function checkFunctionMeasurement(data: unknown, cases: number): { problem: string } | { outcomes: CallOutcome[] } | { readerProblem: string } {
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== 'function')
    return { problem: 'it is not a function measurement' };
  const m = data as { problem?: unknown; outcomes?: unknown };
  if (typeof m.problem === 'string' && m.problem !== '') return { readerProblem: m.problem };
  if (!Array.isArray(m.outcomes)) return { problem: 'it has no outcomes' };
  if (m.outcomes.length !== cases) return { problem: `it has ${m.outcomes.length} outcomes for ${cases} test cases` };
  for (const o of m.outcomes as unknown[]) {
    if (typeof o !== 'object' || o === null) return { problem: 'an outcome is not an object' };
    const keys = Object.keys(o);
    const ok =
      (keys.length === 1 && keys[0] === 'returned') ||
      (keys.length === 1 && keys[0] === 'threw' && typeof (o as { threw: unknown }).threw === 'string');
    if (!ok) return { problem: 'an outcome is malformed' };
  }
  return { outcomes: m.outcomes as CallOutcome[] };
}

/**
 * Runs in the page, where no reader code ever ran: compares what the worker measured with the
 * exercise's expected values and decides. A malformed measurement fails with a message; it never passes.
 */
export function judgeFunction(spec: FunctionGraderSpec, measurement: unknown): GradeResult {
  const checked = checkFunctionMeasurement(measurement, spec.cases.length);
  if ('readerProblem' in checked) return { pass: false, message: checked.readerProblem };
  if ('problem' in checked) return malformedMeasurement(checked.problem);
  const tolerance: Tolerance = {
    absolute: spec.tolerance ?? DEFAULT_TOLERANCE.absolute,
    relative: spec.relativeTolerance ?? DEFAULT_TOLERANCE.relative,
  };
  const outcomes = spec.cases.map((c, i) => judgeCase(checked.outcomes[i]!, spec.name, c, tolerance));
  const failed = outcomes.filter((o) => !o.pass);
  const total = outcomes.length;
  const details = outcomes.map((o) => `${o.pass ? 'Pass' : 'Fail'}: ${o.line}`);
  const cases = outcomes.map((o) => o.pass);
  if (failed.length === 0) {
    return { pass: true, message: `All ${total} test ${total === 1 ? 'case passes' : 'cases pass'}: ${spec.name} works.`, details, cases };
  }
  const count =
    failed.length === total
      ? total === 1
        ? 'The test case fails'
        : `All ${total} test cases fail`
      : `${failed.length} of ${total} test cases ${failed.length === 1 ? 'fails' : 'fail'}`;
  return { pass: false, message: `${count}. ${failed.length > 1 ? 'The first: ' : ''}${failed[0]!.line}`, details, cases };
}

/** Grades the reader's function `spec.name` on `spec.cases`: measure, copy as a message would, judge. Never throws. */
export async function gradeFunction(spec: FunctionGraderSpec, exports: ReaderExports): Promise<GradeResult> {
  return judgeFunction(spec, structuredClone(await measureFunction(functionPlan(spec), exports)));
}
