import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHOR_COMPONENTS } from './components.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { createPreviewRenderer } from './render.ts';
import { CHEAT_SHEET, SAMPLE_DOCUMENT } from './sample.ts';

const frontmatter = parseFrontmatter(SAMPLE_DOCUMENT);
const body = SAMPLE_DOCUMENT.slice(frontmatter.bodyOffset);
const frontmatterBlock = SAMPLE_DOCUMENT.slice(0, frontmatter.bodyOffset);

describe('SAMPLE_DOCUMENT', () => {
  it('has valid lesson frontmatter and is a draft', () => {
    expect(frontmatter.diagnostics).toEqual([]);
    expect(frontmatter.data).toMatchObject({ title: 'My first lesson', track: 'foundations', draft: true });
    expect(frontmatter.data?.objectives.length).toBeGreaterThan(0);
  });

  it('uses every component the preview renders, and a widget placeholder', () => {
    for (const component of AUTHOR_COMPONENTS.filter((c) => c.preview === 'rendered')) {
      expect(body, component.name).toContain(`<${component.name}`);
    }
    const placeholders = AUTHOR_COMPONENTS.filter((c) => c.preview === 'placeholder' && body.includes(`<${c.name}`));
    expect(placeholders.length).toBeGreaterThan(0);
    for (const kind of ['note', 'tip', 'warning']) expect(body).toContain(`<Callout kind="${kind}"`);
  });

  it('shows inline and display maths, a code block, a table, a list, a link, a blockquote and headings', () => {
    expect(body).toMatch(/[^$]\$[^$\n]+\$[^$]/); // inline
    expect(body).toMatch(/^\$\$\n[^$]+\n\$\$$/m); // display
    expect(body).toMatch(/^```js\n[\s\S]+?\n```$/m);
    expect(body).toMatch(/^\| .+ \|\n\| -+:? \|/m);
    expect(body).toMatch(/^- /m);
    expect(body).toMatch(/^1\. /m);
    expect(body).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(body).toMatch(/^> /m);
    expect(body).toMatch(/^## /m);
    expect(body).toMatch(/^### /m);
  });

  it('has a quiz id no lesson in content/lessons uses', () => {
    const ids = [...body.matchAll(/<Quiz id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    const lessons = new URL('../../../content/lessons/', import.meta.url);
    const used = readdirSync(lessons)
      .filter((f) => f.endsWith('.mdx'))
      .flatMap((f) => [...readFileSync(new URL(f, lessons), 'utf8').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    for (const id of ids) expect(used).not.toContain(id);
  });

  it('renders in the preview with no diagnostic, no problem box and every feature present', () => {
    const result = createPreviewRenderer().render(SAMPLE_DOCUMENT);
    expect(result.diagnostics).toEqual([]);
    const html = result.headHtml + result.blocks.map((b) => b.html).join('\n');
    expect(html).not.toContain('author-problem');
    expect(html).not.toContain('author-expression'); // the comment is hidden, not a placeholder
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<table');
    expect(html).toContain('<blockquote');
    expect(html).toContain('<pre');
    expect(html).toContain('author-placeholder');
    expect(html).toContain('My first lesson');
    expect(result.stats.formulas).toBeGreaterThanOrEqual(10);
    expect(result.headings.map((h) => h.text)).toEqual(expect.arrayContaining(['Text', 'Lists and tables', 'Maths', 'Code', 'Components']));
  });
});

describe('CHEAT_SHEET', () => {
  it('covers every feature the editor supports', () => {
    const labels = CHEAT_SHEET.map((e) => e.label);
    for (const label of [
      'Heading',
      'Bold',
      'Italic',
      'Link',
      'Image',
      'List',
      'Table',
      'Inline maths',
      'Display maths',
      'Code block',
      'Callout',
      'Figure',
      'Quiz (choice)',
      'Quiz (numeric)',
      'Comment',
      'Widgets',
    ]) {
      expect(labels).toContain(label);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(CHEAT_SHEET.map((e) => [e.label, e.syntax] as const))('%s renders with no error', (label, syntax) => {
    const result = createPreviewRenderer().render(`${frontmatterBlock}\n${syntax}\n`);
    expect(result.diagnostics).toEqual([]);
    const html = result.blocks.map((b) => b.html).join('\n');
    expect(html).not.toContain('author-problem');
    // A comment shows nothing at all; everything else shows something.
    if (label === 'Comment') expect(html.trim()).toBe('');
    else expect(html.trim()).not.toBe('');
  });
});
