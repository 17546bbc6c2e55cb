/**
 * The `function` grader: calls a function the reader defined on each test case and compares
 * what it returns with the expected value. Every case runs, so the reader sees all that fail;
 * the message names the first failure precisely ("sigmoid(0) returned the string \"0.5\";
 * it should return a number").
 *
 * Sync code cannot be interrupted here: a case that never returns is stopped by the code
 * runner's time limit, which terminates the whole worker.
 */
import type { FunctionCase, FunctionGraderSpec, GradeResult } from '../exercises/types.ts';
import { compareValues, DEFAULT_TOLERANCE, type Mismatch, type Tolerance } from './compare.ts';
import { describeValue, expectedKind, formatValue, isTensorLike } from './describe.ts';
import { asSentence } from '../format/sentence.ts';

/** The reader's top-level names, as the code runner exposes them. */
export type ReaderExports = Record<string, unknown>;

/** "sigmoid(0)", "bce([1, 0], [0.9, 0.2])". */
export function callText(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map((a) => formatValue(a)).join(', ')})`;
}

/** The thrown value in words: "TypeError: x is not defined". */
export function thrownText(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const e = error as { name?: unknown; message: string };
    return `${typeof e.name === 'string' ? e.name : 'Error'}: ${e.message}`;
  }
  return formatValue(error);
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
  return { problem: `${name} is ${describeValue(value)}, not a function. Define it at the top level of your code as \`${usage}\`.` };
}

/** True for a promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}


/** One mismatch as a sentence fragment, e.g. "sigmoid(2) returned 0.5; expected 0.8807970780". */
export function mismatchText(call: string, returned: unknown, m: Mismatch): string {
  if (m.path === '') {
    if (m.kind === 'type') {
      const tensorHint = isTensorLike(returned) ? ' (a plain JavaScript value, not a tensor: use Math functions, or read a tensor with `.arraySync()`)' : '';
      return `${call} returned ${describeValue(returned)}; it should return ${expectedKind(m.expected)}${tensorHint}`;
    }
    if (m.kind === 'length') {
      const n = (m.actual as ArrayLike<unknown>).length;
      return `${call} returned ${n === 1 ? 'an array of 1 value' : `an array of ${n} values`}, ${formatValue(returned)}; it should return ${expectedKind(m.expected)}`;
    }
    return `${call} returned ${formatValue(returned)}; expected ${formatValue(m.expected)}`;
  }
  const where = `${call} returned ${formatValue(returned)}`;
  switch (m.kind) {
    case 'missing-key':
      return `${where}, which has no ${m.path.replace(/^\./, '')}; expected ${m.path} to be ${formatValue(m.expected)}`;
    case 'length':
      return `${where}: ${m.path} has ${(m.actual as ArrayLike<unknown>).length} items; expected ${(m.expected as unknown[]).length}`;
    case 'type':
      return `${where}: ${m.path} is ${describeValue(m.actual)}; it should be ${expectedKind(m.expected)}`;
    case 'value':
      return `${where}: ${m.path} is ${formatValue(m.actual)}; expected ${formatValue(m.expected)}`;
  }
}

interface CaseOutcome {
  pass: boolean;
  line: string;
}

async function runCase(fn: (...args: unknown[]) => unknown, name: string, c: FunctionCase, tolerance: Tolerance): Promise<CaseOutcome> {
  const call = callText(name, c.args);
  let returned: unknown;
  try {
    // A fresh copy per call, so a function that changes its arguments cannot spoil later cases.
    returned = fn(...structuredClone(c.args));
    if (isThenable(returned)) returned = await returned;
  } catch (error) {
    return { pass: false, line: `${call} threw ${thrownText(error)}.${c.note ? ` ${asSentence(c.note)}` : ''}` };
  }
  let mismatch: Mismatch | null;
  try {
    mismatch = compareValues(returned, c.expected, tolerance);
  } catch (error) {
    // A proxy or a getter of the reader's that throws while being compared.
    return { pass: false, line: `${call} returned a value that could not be read: ${thrownText(error)}.` };
  }
  if (mismatch) return { pass: false, line: `${mismatchText(call, returned, mismatch)}.${c.note ? ` ${asSentence(c.note)}` : ''}` };
  return { pass: true, line: `${call} returned ${formatValue(returned)}, as expected.` };
}

/** Grades the reader's function `spec.name` on `spec.cases`. Never throws. */
export async function gradeFunction(spec: FunctionGraderSpec, exports: ReaderExports): Promise<GradeResult> {
  const found = findReaderFunction(exports, spec.name, `function ${spec.name}(…) { … }`);
  if ('problem' in found) return { pass: false, message: found.problem };
  const tolerance: Tolerance = {
    absolute: spec.tolerance ?? DEFAULT_TOLERANCE.absolute,
    relative: spec.relativeTolerance ?? DEFAULT_TOLERANCE.relative,
  };
  const outcomes: CaseOutcome[] = [];
  for (const c of spec.cases) outcomes.push(await runCase(found.fn, spec.name, c, tolerance));
  const failed = outcomes.filter((o) => !o.pass);
  const total = outcomes.length;
  const details = outcomes.map((o) => `${o.pass ? 'Pass' : 'Fail'}: ${o.line}`);
  if (failed.length === 0) {
    return { pass: true, message: `All ${total} test ${total === 1 ? 'case passes' : 'cases pass'}: ${spec.name} works.`, details };
  }
  const count = failed.length === total ? (total === 1 ? 'The test case fails' : `All ${total} test cases fail`) : `${failed.length} of ${total} test cases ${failed.length === 1 ? 'fails' : 'fail'}`;
  return { pass: false, message: `${count}. ${failed.length > 1 ? 'The first: ' : ''}${failed[0]!.line}`, details };
}
