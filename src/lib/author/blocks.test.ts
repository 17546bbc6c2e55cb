import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import { mdxjs } from 'micromark-extension-mdxjs';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from './blocks.ts';
import { benchDocument } from '../../../bench/shared/bench-document.ts';

/** The texts of the blocks of `body`. */
const texts = (body: string): string[] => splitBlocks(body).map((b) => b.text);

/** Top-level mdast node types of `text`, parsed as the site parses MDX. */
function topTypes(text: string): string[] {
  const tree = fromMarkdown(text, {
    extensions: [mdxjs(), gfm(), math()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown(), mathFromMarkdown()],
  });
  return tree.children.map((node) => node.type);
}

/** Body of an .mdx file: everything after the frontmatter's closing fence line. */
function stripFrontmatter(source: string): { body: string; offset: number; line: number } {
  const match = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { body: source, offset: 0, line: 1 };
  const offset = match[0].length;
  return { body: source.slice(offset), offset, line: match[0].split('\n').length };
}

/** Checks every block parses on its own to the same top-level nodes as the whole body. */
function expectSameParse(body: string): void {
  const whole = topTypes(body);
  const pieces = splitBlocks(body).flatMap((block) => topTypes(block.text));
  expect(pieces).toEqual(whole);
}

describe('splitBlocks', () => {
  it('cuts paragraphs and headings at blank lines, with lines and offsets', () => {
    const body = '# Title\n\nFirst line\nsecond line\n\n\nLast';
    const blocks = splitBlocks(body);
    expect(blocks).toEqual([
      { text: '# Title', startLine: 1, endLine: 1, from: 0, to: 7 },
      { text: 'First line\nsecond line', startLine: 3, endLine: 4, from: 9, to: 31 },
      { text: 'Last', startLine: 7, endLine: 7, from: 34, to: 38 },
    ]);
  });

  it('offsets and lines refer to the whole source', () => {
    const source = '---\ntitle: x\n---\nHello\n\nWorld\n';
    const offset = source.indexOf('Hello');
    const blocks = splitBlocks(source.slice(offset), offset, 4);
    expect(blocks.map((b) => [b.startLine, b.endLine, b.from, b.to])).toEqual([
      [4, 4, offset, offset + 5],
      [6, 6, offset + 7, offset + 12],
    ]);
    for (const b of blocks) expect(source.slice(b.from, b.to)).toBe(b.text);
  });

  it('returns no blocks for an empty or blank body', () => {
    expect(splitBlocks('')).toEqual([]);
    expect(splitBlocks('\n  \n\t\n')).toEqual([]);
  });

  it('treats whitespace-only lines as blank and leaves them out of blocks', () => {
    expect(texts('a  \n   \nb\n \t \n')).toEqual(['a  ', 'b']);
  });

  it('handles CRLF and CR line endings', () => {
    const body = 'one\r\ntwo\r\n\r\n```js\r\nx\r\n\r\ny\r\n```\r\n\r\nthree';
    const blocks = splitBlocks(body);
    expect(blocks.map((b) => b.text)).toEqual(['one\r\ntwo', '```js\r\nx\r\n\r\ny\r\n```', 'three']);
    expect(blocks.map((b) => [b.startLine, b.endLine])).toEqual([
      [1, 2],
      [4, 8],
      [10, 10],
    ]);
    expect(texts('a\r\rb\rc')).toEqual(['a', 'b\rc']);
  });

  it('keeps fenced code together across blank lines', () => {
    const body = 'Intro\n\n```js\nconst a = 1;\n\n\nconst b = 2;\n```\n\nAfter';
    expect(texts(body)).toEqual(['Intro', '```js\nconst a = 1;\n\n\nconst b = 2;\n```', 'After']);
    expectSameParse(body);
  });

  it('closes a fence only with the same character and at least the same length', () => {
    const body = '````md\n```\n\n~~~~\n\n````\n\nafter';
    expect(texts(body)).toEqual(['````md\n```\n\n~~~~\n\n````', 'after']);
    const tilde = '~~~\n```\n\nstill code\n  ~~~~  \n\nafter';
    expect(texts(tilde)).toEqual(['~~~\n```\n\nstill code\n  ~~~~  ', 'after']);
    expectSameParse(body);
    expectSameParse(tilde);
  });

  it('runs an unclosed fence to the end', () => {
    const body = 'a\n\n```python\nx = 1\n\n\ny = 2\n\n';
    expect(texts(body)).toEqual(['a', '```python\nx = 1\n\n\ny = 2']);
  });

  it('does not take a backtick line with a backtick in its info string for a fence', () => {
    expect(texts('```a`b\n\nc')).toEqual(['```a`b', 'c']);
  });

  it('keeps $$ display maths together', () => {
    const body = 'Text\n\n$$\na = b\n\n+ c\n$$\n\nMore';
    expect(texts(body)).toEqual(['Text', '$$\na = b\n\n+ c\n$$', 'More']);
    expectSameParse(body);
    expect(texts('$$\nx\n\n')).toEqual(['$$\nx']);
  });

  it('keeps a JSX element with blank lines inside together', () => {
    const body = 'Before\n\n<Callout kind="tip" title="Look">\n  First paragraph.\n\n  Second paragraph.\n</Callout>\n\nAfter';
    expect(texts(body)).toEqual(['Before', '<Callout kind="tip" title="Look">\n  First paragraph.\n\n  Second paragraph.\n</Callout>', 'After']);
    expectSameParse(body);
  });

  it('counts nested elements of the same name', () => {
    const body = '<Box>\n\n<Box>\n\ninner\n\n</Box>\n\nouter\n\n</Box>\n\nafter';
    expect(texts(body)).toEqual(['<Box>\n\n<Box>\n\ninner\n\n</Box>\n\nouter\n\n</Box>', 'after']);
    expectSameParse(body);
  });

  it('reads opening tags over several lines with > and blank lines in attribute values', () => {
    const body = [
      '<Quiz',
      '  id="q"',
      '  question="Is 2 > 1?"',
      '  options={["yes > no", "no"]}',
      '  answer={0}',
      '>',
      '  Because.',
      '',
      '  Really.',
      '</Quiz>',
      '',
      '<CodeCell',
      '  code={`const a = 1;',
      '',
      'if (a > 0) { print("}"); }',
      '`}',
      '/>',
      '',
      'end',
    ].join('\n');
    const blocks = texts(body);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/^<Quiz[\s\S]*<\/Quiz>$/);
    expect(blocks[1]).toMatch(/^<CodeCell[\s\S]*\/>$/);
    expect(blocks[2]).toBe('end');
    expectSameParse(body);
  });

  it('ends a self-closing element on its own line', () => {
    expect(texts('<Figure src="a.png" />\n\nText')).toEqual(['<Figure src="a.png" />', 'Text']);
  });

  it('skips a closing tag inside fenced code or inline code within an element', () => {
    const body = '<Callout>\n\nUse `</Callout>` or `<Callout>`.\n\n```mdx\n</Callout>\n```\n\n</Callout>\n\nafter';
    expect(texts(body)).toEqual([body.slice(0, body.lastIndexOf('\n\nafter')), 'after']);
    expectSameParse(body);
  });

  it('keeps {…} expressions and comments over blank lines together', () => {
    const body = "{/* a comment\n\nover lines with a } in it */}\n\n{\n  ['a', '}'].join(`\n\n`)\n}\n\nText";
    expect(texts(body)).toEqual(['{/* a comment\n\nover lines with a } in it */}', "{\n  ['a', '}'].join(`\n\n`)\n}", 'Text']);
    expectSameParse(body);
  });

  it('keeps lists with blank lines between items together', () => {
    const body = 'Intro\n\n- one\n\n- two\n\n  more of two\n\n- three\n\nAfter\n\n1. a\n\n2. b';
    expect(texts(body)).toEqual(['Intro', '- one\n\n- two\n\n  more of two\n\n- three', 'After', '1. a\n\n2. b']);
    expectSameParse(body);
  });

  it('joins a list that starts after a paragraph line with its later items', () => {
    const body = 'Items:\n- a\n\n- b\n\nend';
    expect(texts(body)).toEqual(['Items:\n- a\n\n- b', 'end']);
    expectSameParse(body);
  });

  it('joins an indented block to the one before it', () => {
    const body = '- item\n\n  ```js\n  a\n\n  b\n  ```\n\nnext';
    expect(texts(body)).toEqual(['- item\n\n  ```js\n  a\n\n  b\n  ```', 'next']);
    expectSameParse(body);
  });

  it('keeps ESM together while its brackets are open', () => {
    const body = "import A from 'a';\nimport B from 'b';\n\nexport const x = {\n\n  a: 1,\n};\n\nText";
    expect(texts(body)).toEqual(["import A from 'a';\nimport B from 'b';", 'export const x = {\n\n  a: 1,\n};', 'Text']);
    expectSameParse(body);
  });

  it('ends an unclosed element or expression at the next blank line', () => {
    expect(texts('<Callout kind="tip">\nText\n\nMore\n\n## Head')).toEqual(['<Callout kind="tip">\nText', 'More', '## Head']);
    expect(texts('<Quiz\n  id="q"\n\nText')).toEqual(['<Quiz\n  id="q"', 'Text']);
    expect(texts('{ a\n\nb')).toEqual(['{ a', 'b']);
    expect(texts('<Callout question="unclosed\n\nText')).toEqual(['<Callout question="unclosed', 'Text']);
    expect(texts('{/* unclosed\n\nText')).toEqual(['{/* unclosed', 'Text']);
  });

  it('never throws on odd input', () => {
    const odd = ['<', '{', '`', '<>', '</>', '<a', '<a b={', '$$', '```', '- ', '\r', '<a>`</a>', '<A>\n\n<A/>\n\n</A', '{`${'];
    for (const a of odd) for (const b of odd) expect(() => splitBlocks(`${a}\n\n${b}\n${a}`)).not.toThrow();
  });

  it('covers the body: every non-blank line is in exactly one block, and blocks are in order', () => {
    const body = benchDocument().replace(/^---[\s\S]*?\n---\n/, '');
    const blocks = splitBlocks(body);
    let lastLine = 0;
    for (const block of blocks) {
      expect(block.startLine).toBeGreaterThan(lastLine);
      expect(body.slice(block.from, block.to)).toBe(block.text);
      lastLine = block.endLine;
    }
    const covered = new Set(blocks.flatMap((b) => Array.from({ length: b.endLine - b.startLine + 1 }, (_, k) => b.startLine + k)));
    body.split('\n').forEach((line, index) => {
      if (line.trim() !== '') expect(covered.has(index + 1)).toBe(true);
    });
  });

  it('parses each block of every lesson the same as the whole lesson', () => {
    const dir = join(import.meta.dirname, '../../../content/lessons');
    const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { body, offset, line } = stripFrontmatter(readFileSync(join(dir, file), 'utf8'));
      const blocks = splitBlocks(body, offset, line);
      expect(blocks.length).toBeGreaterThan(10);
      expect(
        blocks.flatMap((block) => topTypes(block.text)),
        file,
      ).toEqual(topTypes(body));
    }
  });

  it('parses each block of the bench document the same as the whole document', () => {
    expectSameParse(benchDocument().replace(/^---[\s\S]*?\n---\n/, ''));
  });
});
