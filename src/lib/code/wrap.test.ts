import { describe, expect, it } from 'vitest';
import {
  API_NAMES,
  compileReaderCode,
  countLines,
  locateError,
  measureLineOffset,
  parseStackLocation,
  readExposed,
  wrapCode,
  type ExposeGetters,
} from './wrap.ts';

/** Runs the reader's code with fake APIs; returns what it returned (or threw) and the exposed names. */
async function run(code: string, expose: string[] = [], apis: Partial<Record<(typeof API_NAMES)[number], unknown>> = {}) {
  let getters: ExposeGetters | null = null;
  const fn = compileReaderCode(code, expose);
  const args = API_NAMES.map((n) => apis[n]);
  try {
    const returned = await fn(...args, (g: ExposeGetters) => (getters = g));
    return { returned, exports: readExposed(getters) };
  } catch (thrown) {
    return { thrown, exports: readExposed(getters) };
  }
}

describe('compileReaderCode', () => {
  it('runs top-level await and return, with the APIs as names', async () => {
    const logged: unknown[] = [];
    const r = await run('const v = await Promise.resolve(20);\nprint(v);\nreturn v + 1;', [], { print: (x: unknown) => logged.push(x) });
    expect(r.returned).toBe(21);
    expect(logged).toEqual([20]);
  });

  it('lets the reader shadow an API with their own declaration', async () => {
    const r = await run('const print = 5;\nlet tf = 2;\nreturn print * tf;');
    expect(r.returned).toBe(10);
  });

  it('exposes functions, variables and classes to the grader, even after an early return', async () => {
    const r = await run('function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }\nconst k = 3;\nreturn 1;\nlet late = 4;', [
      'sigmoid',
      'k',
      'late',
      'missing',
    ]);
    expect(r.returned).toBe(1);
    expect(Object.keys(r.exports).sort()).toEqual(['k', 'sigmoid']);
    expect((r.exports.sigmoid as (x: number) => number)(0)).toBe(0.5);
    expect(r.exports.k).toBe(3);
  });

  it('exposes names declared before the code threw', async () => {
    const r = await run('const a = 1;\nthrow new Error("boom");\nconst b = 2;', ['a', 'b']);
    expect((r.thrown as Error).message).toBe('boom');
    expect(r.exports).toEqual({ a: 1 });
  });

  it('keeps a trailing line comment from swallowing the wrapper', async () => {
    expect((await run('return 7 // done')).returned).toBe(7);
  });

  it('refuses names that are not identifiers', () => {
    expect(() => wrapCode('1', ['a-b'])).toThrow(/not a plain JavaScript name/);
    expect(() => wrapCode('1', ['x: () => 1, y'])).toThrow();
    expect(() => wrapCode('1', ['class'])).toThrow();
  });
});

describe('line mapping', () => {
  it('measures the header offset in this engine and maps errors back to the reader line', async () => {
    const offset = await measureLineOffset();
    expect(offset).not.toBeNull();
    const code = 'const a = 1;\n\nfunction f() {\n  return undefinedName + 1;\n}\nf();';
    const r = await run(code);
    expect(locateError(r.thrown, offset, code)).toEqual({ line: 4, column: expect.any(Number) });
    const code2 = 'await null;\nconst t = 1;\n  null.x;';
    expect(locateError((await run(code2)).thrown, offset, code2)).toEqual({ line: 3, column: 8 });
  });

  it('parses V8 stack frames (with sourceURL, async frames, and without sourceURL)', () => {
    const stack = [
      'TypeError: Cannot read properties of undefined',
      '    at Object.dataSync (http://localhost/_astro/tf.js:1:2345)',
      '    at sig (your-code.js:6:18)',
      '    at async your-code.js:9:3',
    ].join('\n');
    expect(parseStackLocation(stack, 3, 10)).toEqual({ line: 3, column: 18 });
    const noUrl = 'Error: x\n    at eval (eval at run (http://h/w.js:10:5), <anonymous>:5:7)';
    expect(parseStackLocation(noUrl, 3, 10)).toEqual({ line: 2, column: 7 });
  });

  it('parses Firefox and Safari stack frames', () => {
    const firefox = 'sig@http://localhost/_astro/code.worker.js line 12 > Function:7:9\n@http://localhost/_astro/code.worker.js:40:3';
    expect(parseStackLocation(firefox, 3, 10)).toEqual({ line: 4, column: 9 });
    const withUrl = 'sig@your-code.js:4:9\nasync*@your-code.js:8:1';
    expect(parseStackLocation(withUrl, 2, 10)).toEqual({ line: 2, column: 9 });
    const safari = 'sig@your-code.js:5\nglobal code@your-code.js:9';
    expect(parseStackLocation(safari, 3, 10)).toEqual({ line: 2 });
  });

  it('skips frames outside the reader code (the wrapper lines) and gives null without any', () => {
    expect(parseStackLocation('Error\n    at eval (your-code.js:2:5)\n    at eval (your-code.js:5:1)', 3, 4)).toEqual({ line: 2, column: 1 });
    expect(parseStackLocation('Error\n    at f (http://x/a.js:3:1)', 3, 4)).toBeNull();
    expect(parseStackLocation(undefined, 3, 4)).toBeNull();
    expect(locateError('a string', 3, 'x')).toBeNull();
  });

  it('counts lines', () => {
    expect(countLines('')).toBe(1);
    expect(countLines('a\nb\n')).toBe(3);
  });
});
