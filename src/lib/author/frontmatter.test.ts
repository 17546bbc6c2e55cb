import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FRONTMATTER_MESSAGE, parseFrontmatter } from './frontmatter.ts';

const LESSONS = join(import.meta.dirname, '../../../content/lessons');
const lessonFiles = readdirSync(LESSONS).filter((f) => f.endsWith('.mdx'));

const GOOD_FIELDS = [
  'title: Hello there',
  'summary: A short summary of the lesson.',
  'order: 3',
  'track: supervised',
  'objectives:',
  '  - Train a network',
  '  - Read a formula',
  'minutes: 20',
];
const doc = (fields: string[], body = '# Body\n') => ['---', ...fields, '---', body].join('\n');

/** The diagnostics as `line field: start of message` for compact assertions. */
const brief = (source: string) => parseFrontmatter(source).diagnostics.map((d) => ({ line: d.line, field: d.field, severity: d.severity }));

describe('parseFrontmatter', () => {
  it('finds real lessons valid, with the body just after the closing fence', () => {
    expect(lessonFiles.length).toBeGreaterThan(0);
    for (const file of lessonFiles) {
      const source = readFileSync(join(LESSONS, file), 'utf8');
      const result = parseFrontmatter(source);
      expect(result.diagnostics, file).toEqual([]);
      expect(result.present).toBe(true);
      expect(result.data?.title.length).toBeGreaterThan(2);
      expect(result.raw?.title).toBe(result.data?.title);
      const lines = source.split('\n');
      const close = lines.indexOf('---', 1);
      expect(result.bodyStartLine).toBe(close + 2);
      expect(result.bodyOffset).toBe(lines.slice(0, close + 1).join('\n').length + 1);
      expect(result.yaml).toBe(lines.slice(1, close).join('\n') + '\n');
    }
  });

  it('fills defaults for a valid draft and reports nothing', () => {
    const result = parseFrontmatter(doc(GOOD_FIELDS));
    expect(result.diagnostics).toEqual([]);
    expect(result.data).toEqual({
      title: 'Hello there',
      summary: 'A short summary of the lesson.',
      order: 3,
      track: 'supervised',
      objectives: ['Train a network', 'Read a formula'],
      minutes: 20,
      datasets: [],
      draft: false,
    });
    expect(result.bodyStartLine).toBe(11);
    expect(doc(GOOD_FIELDS).slice(result.bodyOffset)).toBe('# Body\n');
  });

  it('accepts trailing spaces on the fences', () => {
    const source = ['---  ', ...GOOD_FIELDS, '--- \t', 'Body'].join('\n');
    const result = parseFrontmatter(source);
    expect(result.diagnostics).toEqual([]);
    expect(source.slice(result.bodyOffset)).toBe('Body');
  });

  it('says when there is no frontmatter at all', () => {
    const result = parseFrontmatter('# Just a heading\n\nText.');
    expect(result.present).toBe(false);
    expect(result.bodyOffset).toBe(0);
    expect(result.bodyStartLine).toBe(1);
    expect(result.raw).toBeNull();
    expect(result.diagnostics).toEqual([{ source: 'frontmatter', severity: 'error', line: 1, field: null, message: NO_FRONTMATTER_MESSAGE }]);
    // A fence that is not on the first line does not count.
    expect(parseFrontmatter('\n---\ntitle: x\n---\n').present).toBe(false);
    expect(parseFrontmatter('').diagnostics[0]?.message).toBe(NO_FRONTMATTER_MESSAGE);
  });

  it('says when the block is never closed', () => {
    const result = parseFrontmatter('---\ntitle: Hello\nsummary: something long\n\n# Body');
    expect(result.present).toBe(true);
    expect(result.data).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 1, field: null, severity: 'error' });
    expect(result.diagnostics[0]?.message).toMatch(/never closed.*---/);
    expect(result.bodyStartLine).toBe(2);
    expect(result.bodyOffset).toBe(4);
  });

  it('shows a wrong value at the line of its key, with the field first', () => {
    const fields = GOOD_FIELDS.map((l) => (l.startsWith('order') ? 'order: three' : l));
    const result = parseFrontmatter(doc(fields));
    expect(result.data).toBeNull();
    expect(result.raw?.order).toBe('three');
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ source: 'frontmatter', severity: 'error', line: 4, field: 'order' });
    expect(d?.message).toMatch(/^order: expected a whole number .*found "three"$/);
    // The range covers the key `order`.
    expect(doc(fields).slice(d?.from, d?.to)).toBe('order');
  });

  it('shows one problem per field even when several checks fail', () => {
    const fields = GOOD_FIELDS.map((l) => (l.startsWith('title') ? 'title: [a, b]' : l));
    expect(brief(doc(fields))).toEqual([{ line: 2, field: 'title', severity: 'error' }]);
  });

  it('shows a bad list item at the line of that item', () => {
    const fields = [...GOOD_FIELDS.slice(0, 6), '  - ok', '  - Read a formula', 'minutes: 20'];
    const result = parseFrontmatter(doc(fields));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 8, field: 'objectives' });
    expect(result.diagnostics[0]?.message).toMatch(/^objectives, item 2: expected each objective to be a sentence/);
    const flow = parseFrontmatter(doc([...GOOD_FIELDS, 'datasets: [mnist, cifar]']));
    expect(flow.diagnostics).toHaveLength(1);
    expect(flow.diagnostics[0]).toMatchObject({ line: 10, field: 'datasets' });
    expect(flow.diagnostics[0]?.message).toMatch(/^datasets, item 2: expected one of mnist.*found "cifar"/);
  });

  it('shows a missing field at the opening fence', () => {
    const fields = GOOD_FIELDS.filter((l) => !l.startsWith('minutes'));
    const result = parseFrontmatter(doc(fields));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 1, field: 'minutes' });
    expect(result.diagnostics[0]?.message).toMatch(/^minutes: missing: add a whole number of minutes/);
  });

  it('reports each unknown field at its own line', () => {
    const result = parseFrontmatter(doc(['colour: red', ...GOOD_FIELDS, 'author: Ada']));
    expect(result.diagnostics.map((d) => [d.line, d.field])).toEqual([
      [2, 'colour'],
      [11, 'author'],
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^colour: unknown frontmatter field "colour": the allowed fields are title, summary/);
    expect(result.raw?.colour).toBe('red');
  });

  it('reports YAML syntax errors at their line and keeps checking the rest', () => {
    const fields = GOOD_FIELDS.map((l) => (l.startsWith('summary') ? 'summary: "unclosed quote' : l));
    const result = parseFrontmatter(doc(fields));
    expect(result.data).toBeNull();
    const yamlErrors = result.diagnostics.filter((d) => d.message.startsWith('YAML error'));
    expect(yamlErrors.length).toBeGreaterThan(0);
    expect(yamlErrors[0]?.line).toBe(3);
    expect(yamlErrors.every((d) => d.severity === 'error' && d.field === null)).toBe(true);
    // The fields after the broken line were still checked (the schema found the summary swallowed them).
    expect(result.diagnostics.some((d) => d.field === 'order' && d.line === 1)).toBe(true);
    const nested = parseFrontmatter(doc(['title: Hello: there', ...GOOD_FIELDS.slice(1)]));
    expect(nested.diagnostics.filter((d) => d.message.startsWith('YAML error')).map((d) => d.line)).toEqual([2]);
    expect(nested.diagnostics.find((d) => d.line === 2 && d.field === null)?.message).toMatch(
      /Nested mappings are not allowed.*check the indentation/,
    );
  });

  it('reports a repeated field at its second appearance', () => {
    const result = parseFrontmatter(doc([...GOOD_FIELDS, 'order: 4']));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 10, field: null });
    expect(result.diagnostics[0]?.message).toMatch(/only once/);
  });

  it('says the frontmatter must be a mapping when it is a list or empty', () => {
    const list = parseFrontmatter('---\n- a\n- b\n---\n');
    expect(list.raw).toBeNull();
    expect(list.diagnostics).toHaveLength(1);
    expect(list.diagnostics[0]).toMatchObject({ line: 1, field: null });
    expect(list.diagnostics[0]?.message).toMatch(/^The frontmatter must be a YAML mapping/);
    const empty = parseFrontmatter('---\n---\nBody');
    expect(empty.yaml).toBe('');
    expect(empty.bodyStartLine).toBe(3);
    expect(empty.diagnostics[0]?.message).toMatch(/YAML mapping/);
  });

  it('handles CRLF line ends with the same lines as LF', () => {
    const fields = GOOD_FIELDS.map((l) => (l.startsWith('minutes') ? 'minutes: 0' : l));
    const lf = doc(fields);
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseFrontmatter(lf);
    const b = parseFrontmatter(crlf);
    expect(b.diagnostics.map((d) => [d.line, d.field, d.message])).toEqual(a.diagnostics.map((d) => [d.line, d.field, d.message]));
    expect(b.diagnostics[0]?.line).toBe(9);
    expect(b.bodyStartLine).toBe(a.bodyStartLine);
    expect(crlf.slice(b.bodyOffset)).toBe('# Body\r\n');
    expect(crlf.slice(b.diagnostics[0]?.from, b.diagnostics[0]?.to)).toBe('minutes');
    const good = parseFrontmatter(doc(GOOD_FIELDS).replace(/\n/g, '\r\n'));
    expect(good.diagnostics).toEqual([]);
    expect(good.data?.objectives).toEqual(['Train a network', 'Read a formula']);
  });

  it('handles a leading BOM (offsets count it)', () => {
    const source = '\uFEFF' + doc(GOOD_FIELDS);
    const result = parseFrontmatter(source);
    expect(result.present).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(source.slice(result.bodyOffset)).toBe('# Body\n');
    const bad = '\uFEFF' + doc(['colour: red', ...GOOD_FIELDS]);
    const d = parseFrontmatter(bad).diagnostics[0];
    expect(d?.line).toBe(2);
    expect(bad.slice(d?.from, d?.to)).toBe('colour');
    // Without frontmatter the body starts after the BOM.
    expect(parseFrontmatter('\uFEFF# Hi').bodyOffset).toBe(1);
  });

  it('puts the body at the end when the closing fence is the last line', () => {
    const source = ['---', ...GOOD_FIELDS, '---'].join('\n');
    const result = parseFrontmatter(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.bodyOffset).toBe(source.length);
    expect(result.bodyStartLine).toBe(11);
  });
});
