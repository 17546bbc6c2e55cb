import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { createPreviewRenderer } from './render.ts';

const FRONTMATTER = `---
title: A test lesson
summary: Everything the preview can show.
track: supervised
order: 1
minutes: 10
objectives: [Read a preview]
datasets: [mnist]
---
`;
const BODY_LINE = 11; // first line after the frontmatter

const doc = (body: string) => `${FRONTMATTER}\n${body}`;
const htmlOf = (body: string) =>
  createPreviewRenderer()
    .render(doc(body))
    .blocks.map((b) => b.html)
    .join('\n');

describe('createPreviewRenderer: Markdown', () => {
  it('renders paragraphs, emphasis, lists, links and smart punctuation', () => {
    const html = htmlOf('Some *emphasis* and **bold** -- "quoted"...\n\n- one\n- [two](https://example.org/)\n\n1. first');
    expect(html).toContain('<p>Some <em>emphasis</em> and <strong>bold</strong> — “quoted”…</p>');
    expect(html).toContain('<li><a href="https://example.org/">two</a></li>');
    expect(html).toContain('<ol>');
  });

  it('renders GFM tables and strikethrough', () => {
    const html = htmlOf('| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~gone~~');
    expect(html).toMatch(/<table>[\s\S]*<th>a<\/th>[\s\S]*<td align="right">2<\/td>/);
    expect(html).toContain('<del>gone</del>');
  });

  it('puts a table in a scroll region, as a built lesson does, and never lets a document forge one', () => {
    const html = htmlOf('| a | b |\n|---|--:|\n| 1 | 2 |');
    expect(html).toMatch(
      /^<div class="tk-scroll tk-scroll--table" data-scroll-region="table" tabindex="0" role="group" aria-label="Table, scrolls sideways"><table>/,
    );
    const forged = htmlOf('<div class="tk-scroll" data-scroll-region="table" tabindex="0" role="group" aria-label="x">text</div>');
    expect(forged).not.toContain('data-scroll-region');
    expect(forged).not.toContain('tk-scroll');
  });

  it('renders the lesson header from valid frontmatter, with site links', () => {
    const result = createPreviewRenderer({ siteUrl: (p) => `/base/${p}` }).render(doc('Text.'));
    // The page has its own h1: the lesson title keeps its look but is announced at level 2.
    expect(result.headHtml).toContain('<p class="h1" role="heading" aria-level="2">A test lesson</p>');
    expect(result.headHtml).toContain('href="/base/#supervised"');
    expect(result.headHtml).toContain('href="/base/about/#datasets"');
    expect(result.diagnostics).toEqual([]);
  });

  it('shows a best-effort header and the frontmatter problems when invalid', () => {
    const result = createPreviewRenderer().render('---\ntitle: Half <done>\nminutes: many\n---\n\nBody text.');
    expect(result.headHtml).toContain('<p class="h1" role="heading" aria-level="2">Half &lt;done&gt;</p>');
    expect(result.headHtml).toContain('role="note"');
    expect(result.headHtml).toContain('minutes');
    expect(result.diagnostics.some((d) => d.source === 'frontmatter')).toBe(true);
    expect(result.blocks[0]!.html).toBe('<p>Body text.</p>');
  });

  it('gives headings Astro-like ids (duplicates -1, -2) and lists depth 2-3', () => {
    const result = createPreviewRenderer().render(doc('# Top\n\n## Set up\n\n### Details\n\n## Set up\n\n#### Deep\n\n## Set up'));
    const html = result.blocks.map((b) => b.html).join('');
    expect(html).toContain('<h2 id="set-up">Set up</h2>');
    expect(html).toContain('<h2 id="set-up-1">Set up</h2>');
    expect(html).toContain('<h2 id="set-up-2">Set up</h2>');
    expect(result.headings).toEqual([
      { depth: 2, slug: 'set-up', text: 'Set up' },
      { depth: 3, slug: 'details', text: 'Details' },
      { depth: 2, slug: 'set-up-1', text: 'Set up' },
      { depth: 2, slug: 'set-up-2', text: 'Set up' },
    ]);
    expect(new Set(result.blocks.map((b) => b.key)).size).toBe(result.blocks.length);
  });

  it('renders code blocks plainly, or with the highlighter, and drops cached code on setHighlighter', () => {
    const renderer = createPreviewRenderer();
    const source = doc('```js\nconst a = 1 < 2;\n```\n\nText.');
    // Focusable like Shiki's blocks, so a long line can be scrolled from the keyboard.
    // Marked as a scroll region (src/lib/markup/scroll-region.ts): named, and focusable while it overflows.
    const region = 'data-scroll-region="code" tabindex="0" role="group" aria-label="Code, scrolls sideways"';
    expect(renderer.render(source).blocks[0]!.html).toBe(`<pre ${region}><code class="language-js">const a = 1 &lt; 2;\n</code></pre>`);
    renderer.setHighlighter((code, lang, meta) => `<pre class="astro-code">${lang}:${meta}:${code.length}</pre>`);
    const result = renderer.render(source);
    expect(result.blocks[0]!.html).toBe(`<pre ${region} class="astro-code">js:null:16</pre>`);
    expect(result.stats.rendered).toBe(1);
  });
});

describe('createPreviewRenderer: maths', () => {
  it('renders inline and display maths exactly as KaTeX does', () => {
    const html = htmlOf('The sum $\\sum_i x_i$ here.\n\n$$\n\\frac{a}{b}\n$$\n\n```math\ny = mx\n```');
    expect(html).toContain(`<p>The sum ${katex.renderToString('\\sum_i x_i', { throwOnError: true })} here.</p>`);
    expect(html).toContain(katex.renderToString('\\frac{a}{b}', { throwOnError: true, displayMode: true }));
    expect(html).toContain(katex.renderToString('y = mx', { throwOnError: true, displayMode: true }));
  });

  it('puts each display formula (not inline maths, not a broken formula) in a scroll region, as a built lesson does', () => {
    const html = htmlOf('The sum $x$ here.\n\n$$\n\\frac{a}{b}\n$$\n\n$$\n\\frac{1}{\n$$');
    const display = katex.renderToString('\\frac{a}{b}', { throwOnError: true, displayMode: true });
    expect(html).toContain(`aria-label="Formula, scrolls sideways">${display}</div>`);
    expect(html.match(/data-scroll-region/g)).toHaveLength(1);
  });

  it('shows a broken formula in red with its message and line, and renders the rest', () => {
    const result = createPreviewRenderer().render(doc('First $x$.\n\nBroken $\\frac{1}{$ here.\n\nLast paragraph.'));
    const html = result.blocks.map((b) => b.html).join('\n');
    expect(html).toContain('class="author-math-error"');
    expect(html).toContain('<code>$\\frac{1}{$</code>');
    expect(html).toContain('<p>Last paragraph.</p>');
    expect(html).toContain(katex.renderToString('x', { throwOnError: true }));
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'math', severity: 'error', line: BODY_LINE + 2 })]);
  });
});

describe('createPreviewRenderer: MDX', () => {
  it('turns a syntax error in one block into an error box with its line; the rest renders', () => {
    const result = createPreviewRenderer().render(doc('Before.\n\nAn {unclosed\nexpression\n\nAfter.'));
    expect(result.blocks[0]!.html).toBe('<p>Before.</p>');
    expect(result.blocks[1]!.html).toContain('author-problem-error');
    expect(result.blocks[1]!.html).toContain(`line ${BODY_LINE + 3}`);
    expect(result.blocks[2]!.html).toBe('<p>After.</p>');
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'mdx', line: BODY_LINE + 3 })]);
  });

  it('renders a Callout like the component, with Markdown and maths inside', () => {
    const html = htmlOf('<Callout kind="tip" title="Try this">\n\nSome **bold** and $x$.\n\n</Callout>');
    expect(html).toMatch(/^<div class="callout callout-tip" role="note" aria-label="Try this">/);
    expect(html).toContain('<div class="callout-body"><p>Some <strong>bold</strong> and <span class="katex">');
    const inline = htmlOf('<Callout>One line</Callout>');
    expect(inline).toContain('<strong>Note</strong>');
    expect(inline).toContain('<div class="callout-body">One line</div>');
  });

  it('reports a Callout kind it does not know', () => {
    const result = createPreviewRenderer().render(doc('<Callout kind="danger">x</Callout>'));
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'component', line: BODY_LINE })]);
    expect(result.blocks[0]!.html).toContain('callout-note');
  });

  it('renders a Figure with caption, wide, and a rich caption slot', () => {
    const html = htmlOf(
      '<Figure caption="Ten digits" wide>\n  <img src="https://example.org/a.png" alt="Digits" />\n  <span slot="caption"> with *style*</span>\n</Figure>',
    );
    expect(html).toBe(
      '<figure class="figure figure-page"><div class="figure-body"><img src="https://example.org/a.png" alt="Digits"></div>' +
        '<figcaption>Ten digits<span> with <em>style</em></span></figcaption></figure>',
    );
  });

  it('renders a Figure width, and reports a width it does not know', () => {
    expect(htmlOf('<Figure width="screen">x</Figure>')).toMatch(/^<figure class="figure figure-screen">/);
    const result = createPreviewRenderer().render(doc('<Figure width="huge" wide>x</Figure>'));
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'component', line: BODY_LINE })]);
    expect(result.diagnostics[0]!.message).toContain('"prose", "page" or "screen"');
    expect(result.blocks[0]!.html).toMatch(/^<figure class="figure figure-page">/);
  });

  it('renders a Quiz in preview mode, with maths in its texts and the explanation from children', () => {
    const html = htmlOf('<Quiz id="sum" question="What is $1+1$?" options={["1", "2", "`3`"]} answer={1}>\n\nBecause **maths**.\n\n</Quiz>');
    expect(html).toContain('data-preview');
    expect(html).toContain(katex.renderToString('1+1', { throwOnError: true }));
    expect(html).toContain('<span class="tk-quiz__text"><code>3</code></span>');
    expect(html).toContain('<p>Because <strong>maths</strong>.</p>');
    expect(html).toContain('"answer":[1]');
  });

  it("renders a Quiz's feedback, maths included, and refuses feedback the build would refuse", () => {
    const html = htmlOf(
      '<Quiz id="sum" question="Q?" numeric answer={2} feedback={[{ value: 11, text: "Digits $1+1$ side by side" }, { max: 0, text: "Positive" }]}>x</Quiz>',
    );
    expect(html).toContain(
      `<template data-part="feedback" data-feedback="0">Digits ${katex.renderToString('1+1', { throwOnError: true })} side by side</template>`,
    );
    expect(html).toContain('"feedback":[{"value":11,"tolerance":0},{"min":null,"max":0}]');
    const result = createPreviewRenderer().render(doc('<Quiz id="sum" question="Q?" numeric answer={2} feedback={[{ value: 2, text: "Right" }]} />'));
    expect(result.blocks[0]!.html).toContain('author-problem-error');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ source: 'component', severity: 'error', message: expect.stringContaining('value 2 counts as a right answer') }),
    ]);
    const maths = createPreviewRenderer().render(
      doc('<Quiz id="sum" question="Q?" options={["a", "b"]} answer={0} feedback={[{ option: 1, text: "$\\frac{1}{$" }]} />'),
    );
    expect(maths.diagnostics).toEqual([
      expect.objectContaining({ source: 'math', message: expect.stringContaining('<Quiz id="sum">, feedback 0: KaTeX cannot render') }),
    ]);
  });

  it('shows a quiz the build would reject as an error box with a diagnostic', () => {
    const result = createPreviewRenderer().render(doc('<Quiz id="Bad Id" question="Q?" options={["a"]} answer={3} />'));
    expect(result.blocks[0]!.html).toContain('author-problem-error');
    expect(result.blocks[0]!.html).toContain('at least 2 options');
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'component', severity: 'error', line: BODY_LINE })]);
  });

  it('shows widgets as a placeholder with name, description and literal props', () => {
    const html = htmlOf('<CodeCell id="c1" rows={4} tags={["a", "b"]} readonly />');
    expect(html).toContain('class="author-placeholder"');
    expect(html).toContain('&lt;CodeCell&gt;');
    expect(html).toContain('An editable, runnable JavaScript cell or graded exercise.');
    expect(html).toContain('<code>id=&quot;c1&quot;</code>');
    expect(html).toContain('<code>rows={4}</code>');
    expect(html).toContain('<code>tags={[&quot;a&quot;,&quot;b&quot;]}</code>');
    expect(html).toContain('<code>readonly</code>');
    expect(html).toContain('shown in the published lesson');
  });

  it('warns about a component Tinker does not have', () => {
    const result = createPreviewRenderer().render(doc('Text.\n\n<Chart data="x" />'));
    expect(result.blocks[1]!.html).toContain('Tinker has no component Chart');
    expect(result.diagnostics).toEqual([expect.objectContaining({ source: 'component', line: BODY_LINE + 2 })]);
    expect(result.diagnostics[0]!.message).toContain('Callout, Figure, Quiz');
  });

  it('reads literal props only, and reports code in props', () => {
    const result = createPreviewRenderer().render(
      doc('<Figure caption={`Plain ${"x"}`} wide={true}>x</Figure>\n\n<Figure caption={"Neg"} wide={-1 > 0}>y</Figure>'),
    );
    expect(result.blocks[0]!.html).toContain('<figure class="figure figure-page">');
    expect(result.blocks[0]!.html).not.toContain('figcaption');
    expect(result.blocks[1]!.html).toContain('<figcaption>Neg</figcaption>');
    expect(result.diagnostics.map((d) => d.line)).toEqual([BODY_LINE, BODY_LINE + 2]);
  });

  it('renders nothing for imports and comments, and a placeholder for expressions', () => {
    const result = createPreviewRenderer().render(
      doc("import Callout from '../../src/components/Callout.astro';\n\n{/* a comment */}\n\nSum: {1 + 2}."),
    );
    expect(result.blocks[0]!.html).toBe('');
    expect(result.blocks[1]!.html).toBe('');
    expect(result.blocks[2]!.html).toContain('<p>Sum: <span class="author-expression"');
    expect(result.blocks[2]!.html).toContain('>{…}</span>.</p>');
  });

  it('keeps lower-case tags with their attributes (sanitised)', () => {
    expect(htmlOf('Press <kbd>Ctrl</kbd> and x<sup title="squared">2</sup>.')).toBe(
      '<p>Press <kbd>Ctrl</kbd> and x<sup title="squared">2</sup>.</p>',
    );
  });
});

describe('createPreviewRenderer: caching and stats', () => {
  const body = 'Para one with $a$.\n\nPara two with $b$ and $c$.\n\n## Head\n\nPara three.';

  it('renders nothing again for the same document, and only the edited block after an edit', () => {
    const renderer = createPreviewRenderer();
    const first = renderer.render(doc(body));
    expect(first.stats).toMatchObject({ blocks: 4, rendered: 4, formulas: 3, formulasRendered: 3 });
    const second = renderer.render(doc(body));
    expect(second.stats).toMatchObject({ blocks: 4, rendered: 0, formulas: 3, formulasRendered: 0 });
    expect(second.blocks.map((b) => b.key)).toEqual(first.blocks.map((b) => b.key));
    const edited = renderer.render(doc(body.replace('Para two', 'Para 2')));
    expect(edited.stats).toMatchObject({ rendered: 1, formulasRendered: 0 });
    expect(edited.blocks[1]!.html).toContain('Para 2');
    expect(edited.blocks[0]!.key).toBe(first.blocks[0]!.key);
  });

  it('counts prose words outside code and maths', () => {
    const result = createPreviewRenderer().render(doc('One two $x$ three.\n\n```js\nnot words here\n```'));
    expect(result.stats.words).toBe(3);
  });

  it('gives repeated identical blocks distinct keys', () => {
    const result = createPreviewRenderer().render(doc('Same.\n\nSame.\n\nSame.'));
    expect(new Set(result.blocks.map((b) => b.key)).size).toBe(3);
    expect(result.stats.rendered).toBe(1);
  });

  it('never throws, whatever the input', () => {
    const renderer = createPreviewRenderer();
    for (const source of ['', '---', '---\n---', '<', '{', '$$', '<Quiz', '```', '\uE000', 'a\n\n<Callout>\n\n</Figure>']) {
      expect(() => renderer.render(source)).not.toThrow();
    }
  });
});

describe('createPreviewRenderer: word and formula counts', () => {
  const source = [
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
    expect(createPreviewRenderer().render(source).stats.formulas).toBe(3);
  });

  it('counts prose words only', () => {
    // "Two", "and", "here.", "a", "item".
    expect(createPreviewRenderer().render(source).stats.words).toBe(5);
  });
});
