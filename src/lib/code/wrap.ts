/**
 * Turning the reader's code into a function we can call, and mapping the lines of its errors
 * back to the reader's code.
 *
 * The reader's code (already checked by `checkSyntax`) becomes the body of an async arrow
 * inside an AsyncFunction whose parameters are the APIs (tf, datasets, print, …):
 *
 *     (async function anonymous(tf, datasets, …, __tinkerExpose__
 *     ) {                                                     ← engine's header (measured, not assumed)
 *     return (async () => { __tinkerExpose__({ f: () => f });  ← our prelude: one line
 *     …the reader's code, line for line…
 *     })();
 *     //# sourceURL=your-code.js
 *
 * - The inner arrow gives the reader's top level its own scope, so `let tf = …` or
 *   `const print = …` shadows an API as it would a global in a script, instead of
 *   clashing with a parameter name.
 * - The prelude hands the grader getters for the names it needs before any of the reader's
 *   code runs, so they can be read even when the code returns early; a `let` still in its
 *   temporal dead zone, or a name never declared, just reads as absent.
 * - `sourceURL` names the code in stack traces, so its frames are easy to find.
 *
 * `parseStackLocation` finds the reader's frame in a V8 (Chrome, Edge, Node), SpiderMonkey
 * (Firefox) or JavaScriptCore (Safari) stack; `measureLineOffset` finds, by running a probe,
 * how many lines the engine and our prelude add before the reader's first line.
 */

/** The names the reader's code sees as APIs, in parameter order. */
export const API_NAMES = ['tf', 'datasets', 'print', 'plot', 'show', 'progress', 'console', 'models'] as const;

/** Name of the code in stack traces and devtools. */
export const SOURCE_URL = 'your-code.js';

/** The hidden last parameter receiving the grader's getters (unlikely to clash with a reader's name). */
export const EXPOSE_PARAM = '__tinkerExpose__';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval'
  ).split(' '),
);

/** Getters for the exposed names, as the prelude hands them over. */
export type ExposeGetters = Record<string, () => unknown>;

/** The function the reader's code becomes: call it with the APIs in API_NAMES order, then the expose callback. */
export type ReaderFunction = (...args: unknown[]) => Promise<unknown>;

/** Throws when a name handed to the grader is not a plain identifier (it is pasted into code). */
export function assertExposableName(name: string): void {
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
    throw new Error(`"${name}" cannot be handed to the grader: it is not a plain JavaScript name.`);
  }
}

/** The function body for the reader's code (see the module comment). */
export function wrapCode(code: string, expose: readonly string[] = []): string {
  for (const name of expose) assertExposableName(name);
  const getters = expose.map((name) => `${name}: () => ${name}`).join(', ');
  // The reader's code keeps its own lines; a trailing `//` comment cannot swallow our closing line.
  return `return (async () => { ${EXPOSE_PARAM}({ ${getters} });\n${code}\n})();\n//# sourceURL=${SOURCE_URL}`;
}

type AsyncFunctionConstructor = new (...argsAndBody: string[]) => ReaderFunction;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as AsyncFunctionConstructor;

/**
 * Compiles the reader's code into a function. The code must have passed `checkSyntax`;
 * an engine that still rejects it throws its SyntaxError here.
 */
export function compileReaderCode(code: string, expose: readonly string[] = []): ReaderFunction {
  return new AsyncFunction(...API_NAMES, EXPOSE_PARAM, wrapCode(code, expose));
}

/** A place in the reader's code (1-based line and column). */
export interface CodeLocation {
  line: number;
  column?: number;
}

/**
 * Patterns of a frame in code compiled from a string, with the line (and column) in that code:
 *  - `your-code.js:3:7`            V8 `at f (your-code.js:3:7)`, Firefox/Safari `f@your-code.js:3:7`
 *  - `> Function:3:7` / `> eval:3:7`  Firefox without sourceURL: `f@https://…/w.js line 9 > Function:3:7`
 *  - `<anonymous>:3:7`              V8 without sourceURL: `at eval (eval at … , <anonymous>:3:7)`
 */
const FRAME_PATTERNS: readonly RegExp[] = [
  new RegExp(`${SOURCE_URL.replace(/[.]/g, '\\.')}:(\\d+)(?::(\\d+))?`),
  /> (?:Function|eval):(\d+)(?::(\d+))?/,
  /<anonymous>:(\d+)(?::(\d+))?/,
];

/**
 * The first (innermost) frame of a stack that lies in the reader's code, as a line/column in
 * the reader's code: `offset` is the number of lines before the reader's first line (see
 * measureLineOffset), `lineCount` the number of lines of the reader's code (frames outside it,
 * e.g. in our wrapper, are skipped). Null when no frame is in the reader's code.
 */
export function parseStackLocation(stack: string | undefined, offset: number, lineCount: number): CodeLocation | null {
  if (!stack) return null;
  for (const frame of stack.split('\n')) {
    for (const pattern of FRAME_PATTERNS) {
      const m = pattern.exec(frame);
      if (!m) continue;
      const line = Number(m[1]) - offset;
      if (line >= 1 && line <= lineCount) {
        return m[2] !== undefined ? { line, column: Number(m[2]) } : { line };
      }
      break;
    }
  }
  return null;
}

/** Raw line (in the compiled source) of the first frame that lies in code compiled from a string. */
function rawFrameLine(stack: string | undefined): number | null {
  const loc = parseStackLocation(stack, 0, Number.MAX_SAFE_INTEGER);
  return loc ? loc.line : null;
}

/**
 * How many lines the engine's function header and our prelude put before the reader's first
 * line, measured by compiling a probe that throws on its first line (V8: 3; another engine
 * may differ). Null when the engine's stacks carry no usable line.
 */
export async function measureLineOffset(): Promise<number | null> {
  const probe = compileReaderCode('throw new Error("line probe");');
  try {
    await probe(...API_NAMES.map(() => undefined), () => {});
  } catch (err) {
    const raw = rawFrameLine(err instanceof Error ? err.stack : undefined);
    return raw === null ? null : raw - 1;
  }
  return null;
}

/** Where an error thrown by the reader's code happened, when its stack says so. */
export function locateError(error: unknown, offset: number | null, code: string): CodeLocation | null {
  if (offset === null || !(error instanceof Error)) return null;
  return parseStackLocation(error.stack, offset, countLines(code));
}

export function countLines(code: string): number {
  let n = 1;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) n++;
  return n;
}

/** Reads the exposed names after a run; a name that is undeclared or still in its TDZ is left out. */
export function readExposed(getters: ExposeGetters | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!getters) return out;
  for (const [name, get] of Object.entries(getters)) {
    try {
      out[name] = get();
    } catch {
      /* not declared, or declared with let/const/class below where the code stopped */
    }
  }
  return out;
}
