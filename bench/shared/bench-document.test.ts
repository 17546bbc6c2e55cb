import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lessonSchema } from '../../src/lib/content/lesson-schema.ts';
import { benchDocument } from './bench-document.ts';
import { createPreviewRenderer } from '../../src/lib/author/render.ts';

/** Prose words and formulas as the preview counts them (the figures the bench prints). */
function counts(source: string): { words: number; formulas: number } {
  const { stats } = createPreviewRenderer().render(source);
  return { words: stats.words, formulas: stats.formulas };
}
const countWords = (source: string): number => counts(source).words;
const countFormulas = (source: string): number => counts(source).formulas;

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
