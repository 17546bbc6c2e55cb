/**
 * The `custom` grader, in two halves (see CustomGraderSpec): the exercise's measuring script runs
 * in the code worker (measureCustom) and returns plain data; a built-in judge decides in the page
 * (judgeCustom). A script that does not compile or throws is a bug in the exercise, not in the
 * reader's code, and the result says so.
 */
import type { CustomGraderSpec, GradeResult } from '../exercises/types.ts';
import { errorText } from '../format/error-text.ts';
import { describeReturned } from './describe.ts';
import { judgeNamed, type JudgeContext } from './judges/index.ts';
import { malformedMeasurement } from './malformed.ts';
import { readSnapshot, takeSnapshot, type Snapshot } from './snapshot.ts';

/** What the measuring script receives (tf and datasets are passed through untouched). */
export interface CustomGraderContext {
  /** What the reader's code returned. */
  returned: unknown;
  /** The reader's top-level names listed in the spec's `expose`. */
  exports: Record<string, unknown>;
  tf: unknown;
  datasets: unknown;
  /** The code cell's pretrained models (`models.load('fashion-cnn')`); absent where there are none (Node tests). */
  models?: unknown;
  /** Writes to the cell's output, like the reader's print. */
  print: (...args: unknown[]) => void;
}

/** What the worker is asked to measure: the script and the judge's input. */
export interface CustomPlan {
  kind: 'custom';
  source: string;
  input: unknown;
}

export type CustomMeasurement = { kind: 'custom'; measured: Snapshot } | { kind: 'custom'; bug: string };

type MeasureBody = (
  returned: unknown,
  exports: unknown,
  tf: unknown,
  datasets: unknown,
  print: unknown,
  input: unknown,
  models: unknown,
) => Promise<unknown>;
type AsyncFunctionConstructor = new (...args: string[]) => MeasureBody;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

/** Compiles a measuring script body (code worker only: it needs eval); throws a SyntaxError naming the problem. */
export function compileMeasureScript(source: string): (c: CustomGraderContext, input: unknown) => Promise<unknown> {
  // Plain parameters (not a destructuring pattern), so the body may run in strict mode.
  const body = new AsyncFunction('returned', 'exports', 'tf', 'datasets', 'print', 'input', 'models', `'use strict';\n${source}`);
  return (c, input) => body(c.returned, c.exports, c.tf, c.datasets, c.print, input, c.models);
}

/** The plan for a custom grader, with its judge's input (null when the judge does not exist). */
export function customPlan(spec: CustomGraderSpec): CustomPlan | null {
  const judge = judgeNamed(spec.judge);
  return judge ? { kind: 'custom', source: spec.source, input: judge.input() } : null;
}

/** Runs in the code worker: the exercise's measuring script, its result copied into plain data. Never throws. */
export async function measureCustom(plan: CustomPlan, context: CustomGraderContext): Promise<CustomMeasurement> {
  let script: ReturnType<typeof compileMeasureScript>;
  try {
    script = compileMeasureScript(plan.source);
  } catch (error) {
    return { kind: 'custom', bug: `its measuring script does not compile (${errorText(error)})` };
  }
  try {
    return { kind: 'custom', measured: takeSnapshot(await script(context, plan.input)) };
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ` : '';
    return { kind: 'custom', bug: `its measuring script threw ${name}${errorText(error)}` };
  }
}

/** No labels: the context of a judge run where the page has no data (a judge that needs labels then fails, blaming the exercise). */
const NO_DATA: JudgeContext = { labels: () => Promise.reject(new Error('no dataset labels are available here')) };

/** Runs in the page: checks the measurement and lets the exercise's judge decide. Never rejects. */
export async function judgeCustom(spec: CustomGraderSpec, measurement: unknown, context: JudgeContext = NO_DATA): Promise<GradeResult> {
  const judge = judgeNamed(spec.judge);
  if (!judge) return graderBug(`it names a judge "${spec.judge}" that does not exist`);
  const m = measurement as { kind?: unknown; bug?: unknown; measured?: unknown } | null;
  if (typeof m !== 'object' || m === null || m.kind !== 'custom') return malformedMeasurement('it is not a custom measurement');
  if (typeof m.bug === 'string') return graderBug(m.bug);
  if (!('measured' in m)) return malformedMeasurement('it holds no measured value');
  const read = readSnapshot(m.measured);
  if ('problem' in read) return malformedMeasurement(read.problem);
  let result: unknown;
  try {
    result = await judge.judge(judge.input(), read.value, context);
  } catch (error) {
    return graderBug(`its judge threw ${errorText(error)}`);
  }
  const checked = checkGradeResult(result);
  return 'result' in checked ? checked.result : graderBug(checked.problem);
}

/** Grades with a custom grader: measure (as the worker does), copy as a message would, judge (as the page does). */
export async function gradeCustom(spec: CustomGraderSpec, context: CustomGraderContext, judgeContext?: JudgeContext): Promise<GradeResult> {
  const plan = customPlan(spec);
  if (!plan) return judgeCustom(spec, null, judgeContext);
  return judgeCustom(spec, structuredClone(await measureCustom(plan, context)), judgeContext);
}

/** Checks that a custom grader's return value is a GradeResult; the problem in words otherwise. */
export function checkGradeResult(value: unknown): { result: GradeResult } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `it returned ${describeReturned(value)} instead of an object { pass, message }` };
  }
  const v = value as Record<string, unknown>;
  if (typeof v.pass !== 'boolean') return { problem: `its result's "pass" is ${describeReturned(v.pass)}, not true or false` };
  if (typeof v.message !== 'string' || v.message.trim() === '') {
    return { problem: `its result's "message" is ${describeReturned(v.message)}, not a non-empty string` };
  }
  if (v.figure !== undefined && (typeof v.figure !== 'number' || !Number.isFinite(v.figure))) {
    return { problem: `its result's "figure" is ${describeReturned(v.figure)}, not a finite number` };
  }
  if (v.figureText !== undefined && typeof v.figureText !== 'string') {
    return { problem: `its result's "figureText" is ${describeReturned(v.figureText)}, not a string` };
  }
  if (v.details !== undefined && !(Array.isArray(v.details) && v.details.every((d) => typeof d === 'string'))) {
    return { problem: `its result's "details" is ${describeReturned(v.details)}, not a list of strings` };
  }
  if (v.detailsTitle !== undefined && (typeof v.detailsTitle !== 'string' || v.detailsTitle.trim() === '')) {
    return { problem: `its result's "detailsTitle" is ${describeReturned(v.detailsTitle)}, not a non-empty string` };
  }
  const known = new Set(['pass', 'message', 'figure', 'figureText', 'details', 'detailsTitle', 'cases']);
  const unknown = Object.keys(v).filter((k) => !known.has(k));
  if (unknown.length) return { problem: `its result has unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}` };
  const result: GradeResult = { pass: v.pass, message: v.message };
  if (v.figure !== undefined) result.figure = v.figure as number;
  if (v.figureText !== undefined) result.figureText = v.figureText as string;
  if (v.details !== undefined) result.details = [...(v.details as string[])];
  if (v.detailsTitle !== undefined) result.detailsTitle = v.detailsTitle as string;
  if (v.cases !== undefined) {
    if (!(Array.isArray(v.cases) && v.cases.every((c) => typeof c === 'boolean')))
      return { problem: `its result's "cases" is ${describeReturned(v.cases)}, not a list of true or false` };
    result.cases = [...(v.cases as boolean[])];
  }
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
