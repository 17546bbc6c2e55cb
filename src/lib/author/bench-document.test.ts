import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lessonSchema } from '../content/lesson-schema.ts';
import { benchDocument, countFormulas, countWords } from './bench-document.ts';

describe('benchDocument', () => {
  const doc = benchDocument();

  it('is the same on every call', () => {
    expect(benchDocument()).toBe(doc);
  });

  it('has valid lesson frontmatter', () => {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(doc);
    expect(match).not.toBeNull();
    expect(lessonSchema.safeParse(parse(match![1]!)).success).toBe(true);
  });

  it('has at least 5,000 words and exactly 100 formulas by default', () => {
    expect(countWords(doc)).toBeGreaterThanOrEqual(5000);
    expect(countWords(doc)).toBeLessThan(5600);
    expect(countFormulas(doc)).toBe(100);
  });

  it('has sections, display maths, lists, code, a Callout, a Figure and a Quiz', () => {
    expect((doc.match(/^## /gm) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(doc).toMatch(/^### /m);
    expect((doc.match(/^\$\$$/gm) ?? []).length).toBeGreaterThanOrEqual(20);
    expect(doc).toMatch(/^1\. /m);
    expect(doc).toMatch(/^- /m);
    expect(doc).toMatch(/^```js$/m);
    expect(doc).toMatch(/^<Callout kind="tip"/m);
    expect(doc).toMatch(/^<Figure caption=/m);
    expect(doc).toMatch(/^<Quiz$/m);
  });

  it('follows the options', () => {
    const small = benchDocument({ words: 500, formulas: 7 });
    expect(countWords(small)).toBeGreaterThanOrEqual(500);
    expect(countWords(small)).toBeLessThan(1500);
    expect(countFormulas(small)).toBe(7);
    expect(countFormulas(benchDocument({ words: 300, formulas: 0 }))).toBe(0);
    expect(() => benchDocument({ formulas: -1 })).toThrow(/formulas/);
  });
});

describe('countFormulas and countWords', () => {
  const doc = [
    '---',
    'title: $x$ words in frontmatter',
    '---',
    'Two $a$ and $b + c$ here.',
    '',
    '$$',
    'x = 1',
    '$$',
    '',
    '```js',
    'const price = "$5 and $6";',
    '```',
    '',
    '- a `code $y$` item',
  ].join('\n');

  it('counts inline and display maths outside frontmatter and code', () => {
    expect(countFormulas(doc)).toBe(4);
  });

  it('counts prose words only', () => {
    // "Two", "and", "here.", "a", "item".
    expect(countWords(doc)).toBe(5);
  });
});
