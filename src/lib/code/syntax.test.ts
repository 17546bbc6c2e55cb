import { describe, expect, it } from 'vitest';
import { checkSyntax } from './syntax.ts';

describe('checkSyntax', () => {
  it('accepts valid scripts with top-level await and return', () => {
    expect(checkSyntax('const x = await Promise.resolve(1);\nreturn x * 2;')).toBeNull();
    expect(checkSyntax('for await (const v of [1]) print(v);')).toBeNull();
    expect(checkSyntax('class A { #p = 1; static { } }\nconst y = a?.b ?? 2;')).toBeNull();
    expect(checkSyntax('')).toBeNull();
  });

  it('reports the line and 1-based column of the problem', () => {
    const p = checkSyntax('const a = 1;\nconst b = ;\n');
    expect(p).toMatchObject({ line: 2, column: 11 });
    expect(p?.message).toMatch(/^Unexpected token/);
    expect(p?.message).not.toMatch(/\(\d+:\d+\)/);
  });

  it('reports an unclosed block at the end of the code', () => {
    const p = checkSyntax('function f() {\n  return 1;\n');
    expect(p?.line).toBe(3);
  });

  it('explains unterminated strings in plain words', () => {
    expect(checkSyntax("print('hello);")).toMatchObject({ line: 1, message: expect.stringMatching(/quote is missing/) });
  });

  it('rejects duplicate declarations and module syntax (code runs as a script)', () => {
    expect(checkSyntax('let a = 1;\nlet a = 2;')?.line).toBe(2);
    expect(checkSyntax("import x from 'y';")).not.toBeNull();
  });
});
