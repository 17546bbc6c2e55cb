import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonSlug } from '../content/course.ts';
import { componentImport } from './components.ts';
import { createPreviewRenderer } from './render.ts';
import { SAMPLE_DOCUMENT } from './sample.ts';
import {
  exportDraft,
  exportFileName,
  exportProblems,
  exportProblemText,
  exportStatus,
  importedNames,
  MAX_IMPORT_BYTES,
  readImportedFile,
  titleSlug,
  usedComponentTags,
} from './export.ts';

const LESSONS = join(import.meta.dirname, '../../../content/lessons');
const lessons = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.mdx'))
  .map((file) => ({ file, text: readFileSync(join(LESSONS, file), 'utf8') }));

const COMPONENT_IMPORT = /^import \w+ from '\.\.\/\.\.\/src\/components\/.*\n/gm;
const utf8 = (text: string) => new TextEncoder().encode(text);

const FRONT = [
  '---',
  'title: Hello there',
  'summary: A short summary.',
  'order: 4',
  'track: foundations',
  'objectives: [Learn things]',
  'minutes: 5',
  '---',
].join('\n');

const ODD_INPUTS = [
  '',
  '\n\n\n',
  '\uFEFF' + FRONT + '\r\n\r\n<Callout kind="tip">\r\nHi\r\n</Callout>\r\n\r\n\r\n',
  FRONT + '\rText with old Mac line ends\r<Quiz\r  question="Q"\r/>',
  '# No frontmatter\n\n<Figure caption="x">\n  <PixelInspector image="chelsea" />\n</Figure>',
  FRONT + '\n\nimport Callout from "../../src/components/Callout.astro";\n\n<Callout>x</Callout>\n<Quiz />',
  '---\ntitle: Unclosed\n\n<Quiz />\n',
  FRONT + '\n\n```mdx\n<Quiz />\n```\n\nUse `<Callout>` like this. Maths $a <B$ too.',
  FRONT + '\n\nÜnïcödé ✓ 漢字 and an emoji 🧠\n\n<CodeCell\n  code="x"\n/>',
];

describe('exportDraft', () => {
  it('leaves the real lessons exactly as they are', () => {
    expect(lessons.length).toBeGreaterThan(0);
    for (const { file, text } of lessons) expect(exportDraft(text), file).toBe(text);
  });

  it('restores the import lines of a real lesson whose imports were removed', () => {
    for (const { file, text } of lessons) {
      const stripped = text.replace(COMPONENT_IMPORT, '');
      expect(stripped).not.toBe(text);
      const exported = exportDraft(stripped);
      // Only the components the lesson uses (lesson 02 imports Callout without using it).
      const wanted = (text.match(COMPONENT_IMPORT) ?? []).filter((line) => text.includes(`<${line.split(' ')[1]}`));
      const got = exported.match(COMPONENT_IMPORT) ?? [];
      expect([...got].sort(), file).toEqual([...wanted].sort());
    }
  });

  it('normalises line ends, the BOM and the final newline', () => {
    expect(exportDraft('\uFEFFa\r\nb\rc')).toBe('a\nb\nc\n');
    expect(exportDraft('text\n\n\n\n')).toBe('text\n');
    expect(exportDraft('')).toBe('\n');
  });

  it('adds imports after the frontmatter and a blank line, sorted, then a blank line', () => {
    const source = `${FRONT}\n\n# Title\n\n<Quiz question="q" />\n\n<Callout kind="note">\n  <ImageDifference />\n</Callout>\n`;
    expect(exportDraft(source)).toBe(
      `${FRONT}\n\n${componentImport('Callout')}\n${componentImport('ImageDifference')}\n${componentImport('Quiz')}\n\n# Title\n\n<Quiz question="q" />\n\n<Callout kind="note">\n  <ImageDifference />\n</Callout>\n`,
    );
  });

  it('puts new imports with the existing ones and keeps those as they are', () => {
    const source = `${FRONT}\n\nimport Quiz from '../../src/components/Quiz.astro';\nimport Foo from './foo.ts';\n\n<Quiz />\n<Figure caption="c">x</Figure>\n`;
    expect(exportDraft(source)).toBe(
      `${FRONT}\n\nimport Quiz from '../../src/components/Quiz.astro';\nimport Foo from './foo.ts';\n${componentImport('Figure')}\n\n<Quiz />\n<Figure caption="c">x</Figure>\n`,
    );
  });

  it('ignores unknown components, code, inline code and maths', () => {
    const source = `${FRONT}\n\n<Widget />\n\n\`\`\`jsx\n<Quiz />\n\`\`\`\n\n~~~~\n<Callout>\n~~~~\n\nWrite \`<Figure>\` or \`\`<CodeCell>\`\` for that. $x <Quiz$\n\n$$\na <Callout b\n$$\n`;
    expect(exportDraft(source)).toBe(source);
  });

  it('counts tags at the start of a line, after text or indentation, self-closing or open', () => {
    expect(usedComponentTags('<Quiz\n  question="x"\n/>\ntext <Callout>a</Callout>\n  <Figure/>\n<CodeCell exercise="e"/>')).toEqual([
      'Quiz',
      'Callout',
      'Figure',
      'CodeCell',
    ]);
    expect(usedComponentTags('a<b and 2 <3 and \\<Quiz> and <Quizzy> <div>')).toEqual(['Quizzy']);
  });

  it('reads default, named and namespace imports', () => {
    expect(
      [...importedNames("import A from 'a';\nimport { B, C as D } from \"b\";\nimport E, { F } from 'e';\nimport * as G from 'g';")].sort(),
    ).toEqual(['A', 'B', 'D', 'E', 'F', 'G']);
  });

  it('adds nothing when the frontmatter is unclosed (there is no safe place)', () => {
    expect(exportDraft('---\ntitle: x\n\n<Quiz />')).toBe('---\ntitle: x\n\n<Quiz />\n');
  });

  it('adds imports at the top of a draft without frontmatter', () => {
    expect(exportDraft('\n\n<Quiz />')).toBe(`${componentImport('Quiz')}\n\n<Quiz />\n`);
  });

  it('is idempotent', () => {
    for (const input of [...ODD_INPUTS, ...lessons.map((l) => l.text), ...lessons.map((l) => l.text.replace(COMPONENT_IMPORT, ''))]) {
      const once = exportDraft(input);
      expect(exportDraft(once)).toBe(once);
      expect(once.endsWith('\n') && !once.endsWith('\n\n')).toBe(once !== '\n' || input.trim() === '');
      expect(once).not.toMatch(/\r|\uFEFF/);
    }
  });
});

describe('titleSlug and exportFileName', () => {
  it('makes kebab-case ASCII with accents folded', () => {
    expect(titleSlug('Reinforcement learning: Q-learning wins Snake')).toBe('reinforcement-learning-q-learning-wins-snake');
    expect(titleSlug('Crème brûlée à la Straße, Æsop & Łódź')).toBe('creme-brulee-a-la-strasse-aesop-lodz');
    expect(titleSlug('  --Hello,   World!--  ')).toBe('hello-world');
    expect(titleSlug('')).toBe('untitled-lesson');
    expect(titleSlug('漢字 🧠')).toBe('untitled-lesson');
  });

  it('keeps slugs to 60 characters, cut at a word', () => {
    const slug = titleSlug('A very long title about neural networks that goes on and on and on without stopping');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('a-very-long-title-about-neural-networks-that-goes-on-and-on');
    expect(titleSlug('x'.repeat(100))).toBe('x'.repeat(60));
  });

  it('names the file NN-slug.mdx from order and title', () => {
    expect(exportFileName(FRONT)).toBe('04-hello-there.mdx');
    expect(exportFileName(FRONT.replace('order: 4', 'order: 123'))).toBe('123-hello-there.mdx');
    expect(exportFileName(FRONT.replace('order: 4', 'order: -1'))).toBe('00-hello-there.mdx');
    expect(exportFileName(FRONT.replace('order: 4', 'order: 2.5'))).toBe('00-hello-there.mdx');
    expect(exportFileName(FRONT.replace('order: 4\n', ''))).toBe('00-hello-there.mdx');
    expect(exportFileName('# no frontmatter')).toBe('00-untitled-lesson.mdx');
    expect(exportFileName('\uFEFF' + FRONT.replace(/\n/g, '\r\n'))).toBe('04-hello-there.mdx');
  });

  it('gives the slug the site serves the lesson at', () => {
    for (const title of ['Hello there', '3 ways to fail', '2048', 'Q-learning', 'Ünïcode']) {
      const name = exportFileName(FRONT.replace('Hello there', JSON.stringify(title)));
      expect(lessonSlug(name.replace(/\.mdx$/, ''))).toBe(titleSlug(title));
    }
  });

  it('names the real lessons with their order', () => {
    for (const { file, text } of lessons) {
      const order = /^order: (\d+)$/m.exec(text)?.[1];
      expect(exportFileName(text).slice(0, 3), file).toBe(`${order?.padStart(2, '0')}-`);
      expect(exportFileName(text)).toMatch(/^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.mdx$/);
    }
  });
});

describe('readImportedFile', () => {
  it('accepts .md, .mdx and .markdown in any case, stripping the BOM and CRs', () => {
    for (const name of ['a.md', 'b.MDX', 'c.Markdown']) {
      expect(readImportedFile(name, utf8('\uFEFFx\r\ny\rz'))).toEqual({ ok: true, text: 'x\ny\nz' });
    }
  });

  it('refuses other extensions', () => {
    const result = readImportedFile('notes.txt', utf8('hi'));
    expect(result).toEqual({ ok: false, message: '"notes.txt" is not a Markdown file: choose a .md or .mdx file.' });
    expect(readImportedFile('md', utf8('hi')).ok).toBe(false);
  });

  it('refuses files over 2 MB', () => {
    const result = readImportedFile('big.md', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(97));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^"big\.md" is 2\.0 MB, more than the 2 MB/);
    expect(readImportedFile('edge.md', new Uint8Array(MAX_IMPORT_BYTES).fill(97)).ok).toBe(true);
  });

  it('refuses bytes that are not UTF-8 or contain NUL', () => {
    for (const bytes of [new Uint8Array([0x89, 0x50, 0x4e, 0x47]), new Uint8Array([0x61, 0xc3]), utf8('a\u0000b')]) {
      const result = readImportedFile('img.md', bytes);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/^"img\.md" looks like a binary file, not Markdown/);
    }
  });

  it('round-trips exported drafts', () => {
    for (const input of [...ODD_INPUTS, ...lessons.map((l) => l.text)]) {
      const exported = exportDraft(input);
      const back = readImportedFile(exportFileName(input), utf8(exported));
      expect(back).toEqual({ ok: true, text: exported });
    }
  });
});

describe('problems to warn about before an export', () => {
  const draft = [
    '---',
    'title: Broken draft',
    'summary: A draft with every kind of problem.',
    'track: foundations',
    'order: 7',
    'minutes: 50 minutes',
    'objectives: [Find the problems before the build does]',
    '---',
    '',
    'A broken formula $\\frac{1}{$ here.',
    '',
    '<Quiz id="q" question="Pick one" options={["a"]} answer={3} />',
    '',
    '<Widgetz />',
    '',
    '<Callout title={["not", "text"]}>Body</Callout>',
    '',
  ].join('\n');

  it('lists the errors the editor found, in line order, and leaves warnings out', () => {
    const result = createPreviewRenderer().render(draft);
    const problems = exportProblems(result.diagnostics);
    expect(problems.map((p) => p.source)).toEqual(['frontmatter', 'math', 'component', 'component']);
    expect(problems.map((p) => p.line)).toEqual([6, 10, 12, 14]);
    expect(result.diagnostics.some((d) => d.severity === 'warning')).toBe(true); // the Callout title
    expect(exportProblemText(problems[0]!)).toMatch(/^Line 6: minutes: /);
    expect(exportProblems(createPreviewRenderer().render(SAMPLE_DOCUMENT).diagnostics)).toEqual([]);
  });

  it('says how many problems the exported file has', () => {
    expect(exportStatus('07-broken-draft.mdx', 0)).toBe('Exported 07-broken-draft.mdx: put it in content/lessons/.');
    expect(exportStatus('07-broken-draft.mdx', 1)).toContain('with 1 problem: the site will not build with it until it is fixed');
    expect(exportStatus('07-broken-draft.mdx', 4)).toContain('with 4 problems: the site will not build with it until they are fixed');
  });
});
