/**
 * The `custom` grader: an exercise's own `grader.js`, compiled as the body of an async
 * function that receives `{ returned, exports, tf, datasets, print }` and returns
 * `{ pass, message, figure?, figureText?, details? }`.
 *
 * A grader that does not compile, throws, or returns something else is a bug in the
 * exercise, not in the reader's code, and the result says so. Grader authors should check
 * the reader's values themselves and return `{ pass: false, message }` for bad ones.
 */
import type { GradeResult } from '../exercises/types.ts';
import { errorText } from '../format/error-text.ts';
import { describeValue } from './describe.ts';

/** What a custom grader receives (tf and datasets are passed through untouched). */
export interface CustomGraderContext {
  /** What the reader's code returned. */
  returned: unknown;
  /** The reader's top-level names listed in the spec's `expose`. */
  exports: Record<string, unknown>;
  tf: unknown;
  datasets: unknown;
  /** Writes to the cell's output, like the reader's print. */
  print: (...args: unknown[]) => void;
}

type CompiledGrader = (context: CustomGraderContext) => Promise<unknown>;
type GraderBody = (returned: unknown, exports: unknown, tf: unknown, datasets: unknown, print: unknown) => Promise<unknown>;
type AsyncFunctionConstructor = new (...args: string[]) => GraderBody;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

/** Compiles a grader.js body; throws a SyntaxError naming the problem. */
export function compileCustomGrader(source: string): CompiledGrader {
  // Plain parameters (not a destructuring pattern), so the body may run in strict mode.
  const body = new AsyncFunction('returned', 'exports', 'tf', 'datasets', 'print', `'use strict';\n${source}`);
  return (c) => body(c.returned, c.exports, c.tf, c.datasets, c.print);
}

/** Checks that a custom grader's return value is a GradeResult; the problem in words otherwise. */
export function checkGradeResult(value: unknown): { result: GradeResult } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `it returned ${describeValue(value)} instead of an object { pass, message }` };
  }
  const v = value as Record<string, unknown>;
  if (typeof v.pass !== 'boolean') return { problem: `its result's "pass" is ${describeValue(v.pass)}, not true or false` };
  if (typeof v.message !== 'string' || v.message.trim() === '') {
    return { problem: `its result's "message" is ${describeValue(v.message)}, not a non-empty string` };
  }
  if (v.figure !== undefined && (typeof v.figure !== 'number' || !Number.isFinite(v.figure))) {
    return { problem: `its result's "figure" is ${describeValue(v.figure)}, not a finite number` };
  }
  if (v.figureText !== undefined && typeof v.figureText !== 'string') {
    return { problem: `its result's "figureText" is ${describeValue(v.figureText)}, not a string` };
  }
  if (v.details !== undefined && !(Array.isArray(v.details) && v.details.every((d) => typeof d === 'string'))) {
    return { problem: `its result's "details" is ${describeValue(v.details)}, not a list of strings` };
  }
  const known = new Set(['pass', 'message', 'figure', 'figureText', 'details']);
  const unknown = Object.keys(v).filter((k) => !known.has(k));
  if (unknown.length) return { problem: `its result has unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}` };
  const result: GradeResult = { pass: v.pass, message: v.message };
  if (v.figure !== undefined) result.figure = v.figure as number;
  if (v.figureText !== undefined) result.figureText = v.figureText as string;
  if (v.details !== undefined) result.details = [...(v.details as string[])];
  return { result };
}

function graderBug(problem: string): GradeResult {
  return {
    pass: false,
    message:
      `The grader of this exercise failed: ${problem}. This is a bug in the exercise, not in your code; ` +
      'please report it. You can still compare your code with the solution.',
  };
}

/** Runs a custom grader. Never throws: a failing grader gives a result that blames the grader. */
export async function runCustomGrader(source: string, context: CustomGraderContext): Promise<GradeResult> {
  let grader: CompiledGrader;
  try {
    grader = compileCustomGrader(source);
  } catch (error) {
    return graderBug(`grader.js does not compile (${errorText(error)})`);
  }
  let value: unknown;
  try {
    value = await grader(context);
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ` : '';
    return graderBug(`it threw ${name}${errorText(error)}`);
  }
  const checked = checkGradeResult(value);
  return 'result' in checked ? checked.result : graderBug(checked.problem);
}
