/**
 * The component list of the authoring preview (components.ts) against the site: every name is a
 * real component file, every component the lessons use is known, and the preview draws each one
 * as its `preview` kind says (rendered markup, or a labelled placeholder listing the props).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHOR_COMPONENTS, authorComponent, componentImport } from './components.ts';
import { createPreviewRenderer } from './render.ts';

const root = new URL('../../../', import.meta.url);
const NAMES = AUTHOR_COMPONENTS.map((c) => c.name);

/** Components imported by the lessons in content/lessons/. */
function componentsUsedByLessons(): Set<string> {
  const used = new Set<string>();
  const dir = new URL('content/lessons/', root);
  const walk = (url: URL) => {
    for (const entry of readdirSync(url, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, url));
      else if (entry.name.endsWith('.mdx')) {
        const text = readFileSync(new URL(entry.name, url), 'utf8');
        for (const m of text.matchAll(/from '[./]*\/src\/components\/(\w+)\.astro'/g)) used.add(m[1]!);
      }
    }
  };
  walk(dir);
  return used;
}

const FRONTMATTER = `---
title: A test lesson
summary: Components in the preview.
track: supervised
order: 1
minutes: 10
objectives: [Read a preview]
datasets: [mnist]
---
`;
const render = (body: string) => createPreviewRenderer().render(`${FRONTMATTER}\n${body}`);
const htmlOf = (body: string) =>
  render(body)
    .blocks.map((b) => b.html)
    .join('\n');

describe('AUTHOR_COMPONENTS', () => {
  it('names each component once, each a file in src/components', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    for (const name of NAMES) {
      expect(existsSync(new URL(`src/components/${name}.astro`, root)), `src/components/${name}.astro`).toBe(true);
    }
  });

  it('knows every component the lessons use', () => {
    const used = componentsUsedByLessons();
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(NAMES, `${name} is used by a lesson`).toContain(name);
  });

  it('renders Callout, Figure, MarginNote, Quiz and SourceLink, and shows every other one as a placeholder', () => {
    const rendered = AUTHOR_COMPONENTS.filter((c) => c.preview === 'rendered').map((c) => c.name);
    expect(rendered.sort()).toEqual(['Callout', 'Figure', 'MarginNote', 'Quiz', 'SourceLink']);
    for (const c of AUTHOR_COMPONENTS) expect(['rendered', 'placeholder']).toContain(c.preview);
  });

  it('describes each component in one line that ends with a full stop', () => {
    for (const c of AUTHOR_COMPONENTS) {
      expect(c.description, c.name).toMatch(/^[A-Z].*\.$/);
      expect(c.description, c.name).not.toContain('\n');
    }
  });
});

describe('authorComponent and componentImport', () => {
  it('finds a component by its exact name only', () => {
    expect(authorComponent('Callout')).toEqual(AUTHOR_COMPONENTS.find((c) => c.name === 'Callout'));
    expect(authorComponent('callout')).toBeUndefined();
    expect(authorComponent('NoSuchWidget')).toBeUndefined();
    expect(authorComponent('')).toBeUndefined();
  });

  it('writes the import line a lesson in content/lessons/ needs', () => {
    expect(componentImport('MnistTrainer')).toBe("import MnistTrainer from '../../src/components/MnistTrainer.astro';");
  });
});

describe('the preview of each component', () => {
  for (const c of AUTHOR_COMPONENTS.filter((c) => c.preview === 'placeholder')) {
    it(`shows <${c.name}> as a labelled placeholder with its description`, () => {
      const result = render(`<${c.name} />`);
      const html = result.blocks.map((b) => b.html).join('\n');
      expect(html).toContain(`class="author-placeholder"`);
      expect(html).toContain(`aria-label="${c.name} placeholder"`);
      expect(html).toContain(`&lt;${c.name}&gt;`);
      expect(html).toContain(c.description.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
      expect(html).toContain('Interactive: shown in the published lesson.');
      expect(result.diagnostics).toEqual([]);
    });
  }

  it('lists a placeholder’s literal props: as written: numbers in braces, strings quoted, bare flags by name', () => {
    const html = htmlOf('<MnistTrainer epochs={3} dataset="fashion-mnist" compact />');
    expect(html).toContain('class="author-placeholder-props"');
    expect(html).toContain('<code>epochs={3}</code>');
    expect(html).toContain('<code>dataset=&quot;fashion-mnist&quot;</code>');
    expect(html).toContain('<code>compact</code>');
  });

  it('leaves the props line out of a placeholder without props', () => {
    expect(htmlOf('<TicTacToe />')).not.toContain('author-placeholder-props');
  });

  it('draws an inline placeholder as a span and a block one as a div', () => {
    expect(htmlOf('<StateCount />')).toMatch(/<div class="author-placeholder"/);
    expect(htmlOf('Text with <StateCount /> inside.')).toMatch(/<span class="author-placeholder"/);
  });

  it('draws the rendered components with their own markup, never as a placeholder', () => {
    const callout = htmlOf('<Callout kind="tip" title="Try this">Body text.</Callout>');
    expect(callout).not.toContain('author-placeholder');
    expect(callout).toContain('Try this');
    expect(callout).toContain('Body text.');
    expect(htmlOf('<SourceLink>src/lib/nn/kernels.ts</SourceLink>')).toContain('<span class="source-name">');
    expect(htmlOf('<Figure caption="A cat.">Picture</Figure>')).not.toContain('author-placeholder');
  });

  it('reports an unknown component as an error naming the known ones', () => {
    const result = render('<NoSuchWidget />');
    const html = result.blocks.map((b) => b.html).join('\n');
    expect(html).toContain('Unknown component &lt;NoSuchWidget&gt;');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ source: 'component', severity: 'error' });
    for (const name of NAMES) expect(result.diagnostics[0]!.message).toContain(name);
  });
});
