import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { markCodeBlockHtml, rehypeScrollRegions, scrollRegionHtml, wrapScrollRegions } from './scroll-region.ts';
import { MIN_FORMULA_SCALE, formulaScale } from './scroll-rules.ts';

const transform = (html: string): string => {
  const tree = fromHtml(html, { fragment: true });
  rehypeScrollRegions()(tree);
  return toHtml(tree);
};

const FORMULA = '<span class="katex-display"><span class="katex">x</span></span>';

describe('wrapScrollRegions', () => {
  it('wraps a display formula in a focusable, named group', () => {
    expect(transform(`<p>Text</p>${FORMULA}`)).toBe(
      '<p>Text</p><div class="tk-scroll tk-scroll--formula" data-scroll-region="formula" tabindex="0" role="group" aria-label="Formula, scrolls sideways">' +
        `${FORMULA}</div>`,
    );
  });

  it('wraps KaTeX display output as rehype-katex makes it, and leaves inline maths alone', () => {
    const display = katex.renderToString('a^2 + b^2 = c^2', { displayMode: true });
    const inline = katex.renderToString('x', { displayMode: false });
    const html = transform(`<p>So ${inline} is</p>${display}`);
    expect(html.match(/data-scroll-region="formula"/g)).toHaveLength(1);
    expect(html).toContain(`<p>So ${inline} is</p><div class="tk-scroll tk-scroll--formula"`);
  });

  it('uses a <span> where a <div> would break the paragraph', () => {
    expect(transform(`<p>See ${FORMULA}</p>`)).toMatch(/^<p>See <span class="tk-scroll tk-scroll--formula" [^>]*>/);
  });

  it('wraps a table, named by its caption when it has one', () => {
    expect(transform('<table><tr><td>1</td></tr></table>')).toBe(
      '<div class="tk-scroll tk-scroll--table" data-scroll-region="table" tabindex="0" role="group" aria-label="Table, scrolls sideways">' +
        '<table><tbody><tr><td>1</td></tr></tbody></table></div>',
    );
    expect(transform('<table><caption>Symbols  &amp; meanings</caption><tr><td>1</td></tr></table>')).toContain(
      'aria-label="Symbols &#x26; meanings (table, scrolls sideways)"',
    );
  });

  it('marks a code block itself (it scrolls on its own) and keeps its attributes', () => {
    expect(transform('<pre class="astro-code" tabindex="0" data-language="js"><code>x</code></pre>')).toBe(
      '<pre class="astro-code" tabindex="0" data-language="js" data-scroll-region="code" role="group" aria-label="Code, scrolls sideways"><code>x</code></pre>',
    );
  });

  it('finds formulas and tables at any depth, inside MDX components too', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'mdxJsxFlowElement',
          name: 'Callout',
          attributes: [],
          children: [
            fromHtml(`<div><section>${FORMULA}<table><tr><td>1</td></tr></table></section></div>`, { fragment: true }).children[0] as Element,
          ],
        } as unknown as Element,
      ],
    };
    wrapScrollRegions(tree);
    const html = toHtml((tree.children[0] as unknown as { children: Element[] }).children);
    expect(html).toContain('data-scroll-region="formula"');
    expect(html).toContain('data-scroll-region="table"');
  });

  it('changes nothing the second time', () => {
    const once = transform(`${FORMULA}<table><tr><td>1</td></tr></table><pre><code>x</code></pre>`);
    expect(transform(once)).toBe(once);
  });

  it('leaves other markup alone', () => {
    const html = '<p>A <code>b</code> and <span class="katex">x</span></p><div class="figure"><img src="a.png" alt="a"></div>';
    expect(transform(html)).toBe(html);
  });
});

describe('string helpers for the /author preview', () => {
  it('wraps HTML like the plugin does', () => {
    expect(scrollRegionHtml('formula', FORMULA)).toBe(transform(FORMULA));
  });

  it('marks a Shiki or plain code block, once, with one tab stop', () => {
    const shiki = '<pre class="astro-code" style="x" tabindex="0"><code>a</code></pre>';
    const marked = markCodeBlockHtml(shiki);
    expect(marked).toBe(
      '<pre data-scroll-region="code" tabindex="0" role="group" aria-label="Code, scrolls sideways" class="astro-code" style="x"><code>a</code></pre>',
    );
    expect(markCodeBlockHtml(marked)).toBe(marked);
    expect(markCodeBlockHtml('<pre><code>a</code></pre>')).toContain('<pre data-scroll-region="code" tabindex="0" role="group"');
    expect(markCodeBlockHtml('<div class="error">x</div>')).toBe('<div class="error">x</div>');
  });
});

describe('formulaScale', () => {
  it('is 1 when the formula fits', () => {
    expect(formulaScale(300, 300)).toBe(1);
    expect(formulaScale(300, 120)).toBe(1);
  });

  it('shrinks a formula that is a little too wide just enough, rounded down', () => {
    expect(formulaScale(300, 330)).toBe(0.9);
    expect(formulaScale(300, 301)).toBe(0.99);
  });

  it('never goes below the readable minimum (the rest scrolls)', () => {
    expect(formulaScale(300, 900)).toBe(MIN_FORMULA_SCALE);
    expect(formulaScale(300, 900, 0.5)).toBe(0.5);
  });

  it('does nothing while the box has no width (hidden, not laid out)', () => {
    expect(formulaScale(0, 500)).toBe(1);
    expect(formulaScale(Number.NaN, 500)).toBe(1);
  });
});
