import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonSlug } from './course.ts';
import { lessonLinks, linkSpans, proseOf, unlinkedPromises } from './promises.ts';

const phrases = (mdx: string) => unlinkedPromises(mdx).map((p) => p.phrase.toLowerCase());

describe('unlinkedPromises', () => {
  it('finds each kind of promise phrase when nothing links it', () => {
    expect(phrases('You will meet it again in the next lesson, inside a neuron.')).toEqual(['in the next lesson']);
    expect(phrases('The next lessons build such a network.')).toEqual(['the next lessons']);
    expect(phrases('Dropout, which later lessons use, helps.')).toEqual(['later lessons']);
    expect(phrases('We return to TensorFlow.js soon.')).toEqual(['we return to']);
    expect(phrases('More on this in a later lesson.')).toEqual(['in a later lesson']);
    expect(phrases('The coming lessons go further.')).toEqual(['the coming lessons']);
    expect(phrases('As we saw in lesson 2, it works.')).toEqual(['in lesson 2']);
    expect(phrases('The 785 of the neuron in the previous lesson.')).toEqual(['the previous lesson']);
  });

  it('accepts a phrase inside a Markdown or JSX link', () => {
    expect(phrases('Read [the next lesson](/lessons/x/) first.')).toEqual([]);
    expect(phrases("Read <a href={siteUrl('lessons/x/')}>the next lesson</a> first.")).toEqual([]);
  });

  it('accepts a phrase followed by a link in the same sentence', () => {
    expect(phrases("You meet it in the next lesson, <a href={siteUrl('lessons/x/')}>A neural network</a>.")).toEqual([]);
    expect(phrases('The next lesson, [Snake](/lessons/snake/), keeps that promise.')).toEqual([]);
  });

  it('does not let a link in another sentence, or before the phrase, excuse it', () => {
    expect(phrases('See [the map](/). The next lesson builds it.')).toEqual(['the next lesson']);
    expect(phrases('The next lesson builds it.\n\nSee [the map](/).')).toEqual(['the next lesson']);
    expect(phrases('After [Start here](/lessons/start-here/) we return to it later.')).toEqual(['we return to']);
  });

  it('ignores code, comments, frontmatter and imports, and points within the same lesson', () => {
    const mdx = [
      '---',
      'summary: the next lesson',
      '---',
      "import X from './next-lesson';",
      '{/* the next lesson is not written yet */}',
      '```js',
      '// in the next lesson',
      '```',
      'Call `nextLesson()` or `the next lesson`.',
      'Hold that thought: we come back to it below.',
      '<CodeCell code={`// later lessons`} />',
    ].join('\n');
    expect(phrases(mdx)).toEqual([]);
  });

  it('reports the line and the whole sentence', () => {
    const [hit, ...rest] = unlinkedPromises('First line.\n\nA second. Then the next lessons\nbuild it. Done.');
    expect(rest).toEqual([]);
    expect(hit).toEqual({ phrase: 'the next lessons', sentence: 'Then the next lessons build it.', line: 3 });
  });
});

describe('helpers', () => {
  it('keeps offsets when blanking non-prose', () => {
    const mdx = 'a `code` b';
    expect(proseOf(mdx)).toHaveLength(mdx.length);
    expect(proseOf(mdx)).toBe('a        b');
  });

  it('finds Markdown and JSX links', () => {
    const text = "x [a](/b) y <a href={siteUrl('c/')}>d</a> z";
    expect(linkSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(['[a](/b)', "<a href={siteUrl('c/')}>d</a>"]);
  });

  it('lists the lesson slugs a text links to', () => {
    const text = "<a href={siteUrl('lessons/start-here/')}>S</a> [N](/lessons/neural-network-from-scratch/#part-1) <a href={siteUrl()}>map</a>";
    expect(lessonLinks(text).sort()).toEqual(['neural-network-from-scratch', 'start-here']);
  });
});

describe('the lessons in content/lessons', () => {
  const dir = join(import.meta.dirname, '../../../content/lessons');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  const slugs = new Set(files.map((f) => lessonSlug(f.replace(/\.mdx$/, ''))));

  it('promise no lesson without linking the lesson that keeps the promise', () => {
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((file) =>
      unlinkedPromises(readFileSync(join(dir, file), 'utf8')).map((p) => `${file}:${p.line}: "${p.phrase}" in: ${p.sentence}`),
    );
    expect(problems).toEqual([]);
  });

  it('link only to lessons that exist', () => {
    for (const file of files) {
      for (const slug of lessonLinks(readFileSync(join(dir, file), 'utf8'))) {
        expect(slugs.has(slug), `${file} links to lessons/${slug}/, which is not a lesson`).toBe(true);
      }
    }
  });

  it('each link to the notation page', () => {
    for (const file of files) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toMatch(/href=\{siteUrl\('notation\/'\)\}/);
    }
  });

  it('are all linked from the notation page, which promises nothing either', () => {
    const notation = readFileSync(join(dir, '../notation.mdx'), 'utf8');
    expect(unlinkedPromises(notation)).toEqual([]);
    expect(new Set(lessonLinks(notation))).toEqual(slugs);
  });
});
