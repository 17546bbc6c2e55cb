import type { Program } from 'estree';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { mdxjs } from 'micromark-extension-mdxjs';
import { describe, expect, it } from 'vitest';
import { describeProp, literalOf, programExpression, readJsxProps } from './mdx-props.ts';

const element = (jsx: string) => fromMarkdown(jsx, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] }).children[0] as MdxJsxFlowElement;

describe('readJsxProps', () => {
  it('reads strings, flags and literal expressions', () => {
    const { props, problems } = readJsxProps(
      element('<X a="text" flag n={-1.5} p={+2} t={true} s={null} l={["a", 1, [2]]} o={{ k: "v", "q": 3, 4: [] }} tpl={`plain`} />').attributes,
    );
    expect(problems).toEqual([]);
    expect(props).toEqual({ a: 'text', flag: true, n: -1.5, p: 2, t: true, s: null, l: ['a', 1, [2]], o: { k: 'v', q: 3, 4: [] }, tpl: 'plain' });
  });

  it('refuses code and leaves it out', () => {
    const { props, problems } = readJsxProps(
      element('<X ok="1" v={x} c={f()} t={`a${b}`} arr={[...x]} sh={{ x }} m={{ f() {} }} r={/a/} neg={-x} {...spread} />').attributes,
    );
    expect(props).toEqual({ ok: '1' });
    expect(problems.map((p) => p.name)).toEqual(['v', 'c', 't', 'arr', 'sh', 'm', 'r', 'neg', '{…}']);
  });

  it('never lets __proto__ change an object', () => {
    const { props } = readJsxProps(element('<X o={{ __proto__: { polluted: true } }} />').attributes);
    const o = props.o as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('helpers', () => {
  it('programExpression takes one expression statement only', () => {
    expect(programExpression(undefined)).toBeNull();
    expect(programExpression({ type: 'Program', sourceType: 'module', body: [] } as Program)).toBeNull();
    const e = programExpression({
      type: 'Program',
      sourceType: 'module',
      body: [{ type: 'ExpressionStatement', expression: { type: 'Literal', value: 1 } }],
    } as Program);
    expect(e && literalOf(e)).toEqual({ ok: true, value: 1 });
  });

  it('describeProp shows values as source', () => {
    expect(describeProp('a')).toBe('"a"');
    expect(describeProp(3)).toBe('{3}');
    expect(describeProp(['a'])).toBe('{["a"]}');
    expect(describeProp(true)).toBe('');
  });
});
