/**
 * Known XSS payloads through the whole preview pipeline: whatever a draft holds, the HTML the
 * preview puts in the page must not be able to run script.
 */
import katex from 'katex';
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseHtmlTree, treeDifference, unsafeInTree } from './html-tree.ts';
import { createPreviewRenderer } from './render.ts';
import { SAMPLE_DOCUMENT } from './sample.ts';

const FRONTMATTER = `---
title: Payloads
summary: Every known way to sneak script into a page.
track: foundations
order: 0
minutes: 5
objectives: [Stay safe]
---

`;

/** The preview HTML of a body (header and every block). */
function preview(body: string): string {
  const result = createPreviewRenderer().render(FRONTMATTER + body);
  return result.headHtml + result.blocks.map((b) => b.html).join('\n');
}

const BAD_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'style',
  'meta',
  'base',
  'link',
  'frame',
  'frameset',
  'applet',
  'foreignobject',
  'use',
  'animate',
  'set',
  'noscript',
  'template',
  'body',
  'html',
  'head',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'srcset',
  'xlink:href',
  'data',
  'poster',
  'background',
  'cite',
  'longdesc',
  'dynsrc',
  'lowsrc',
]);
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|[^:]*$)/i;

/**
 * Asserts nothing in `html` can run script. The HTML is parsed the way a browser would (parse5),
 * so escaped text that merely looks like a payload does not count; every element and attribute
 * the browser would create is checked.
 */
function expectInert(html: string): void {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    const tag = node.tagName.toLowerCase();
    if (tag === 'script') {
      // The quiz's JSON spec is the only <script> the preview makes: data, never run.
      expect(node.properties.type).toBe('application/json');
      return;
    }
    if (tag === 'template' && node.properties.dataPart === 'feedback' && node.content) {
      // A quiz's feedback text (src/lib/markup/quiz.ts): inert, and its content is checked like the rest.
      expectInert(toHtml(node.content));
      return;
    }
    expect(BAD_TAGS.has(tag), `<${tag}> in ${html}`).toBe(false);
    if (tag === 'math') expect(node.properties.href).toBeUndefined();
    // The quiz's own <form> submits nowhere; an author's form is dropped (no action, ever).
    if (tag === 'form') expect(node.properties.action, 'a form with an action').toBeUndefined();
    for (const [property, value] of Object.entries(node.properties)) {
      const attribute = property.toLowerCase();
      expect(attribute.startsWith('on'), `${attribute} on <${tag}>`).toBe(false);
      expect(attribute).not.toBe('srcdoc');
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      if (attribute === 'style') expect(text).not.toMatch(/url\(|expression\(|javascript:/i);
      if (URL_ATTRIBUTES.has(attribute) || attribute === 'xlinkhref' || attribute === 'srcset') {
        // Browsers ignore leading spaces and strip tabs/newlines inside URLs.
        // eslint-disable-next-line no-control-regex -- the very characters a browser drops
        const url = text.replace(/[\u0000-\u0020]/g, '');
        expect(SAFE_URL.test(url), `${attribute}="${text}" on <${tag}>`).toBe(true);
      }
    }
  });
}

const PAYLOADS: Record<string, string> = {
  script: '<script>alert(1)</script>',
  'inline script': 'Text <script>{"alert(1)"}</script> more',
  'img onError': '<img src="x" onError="alert(1)" />',
  'img onerror lower': '<img src="x" onerror="alert(1)" />',
  'a javascript href': '<a href="javascript:alert(1)">x</a>',
  'markdown javascript link': '[x](javascript:alert(1))',
  'markdown mixed case': '[x](JaVaScRiPt:alert(1))',
  'markdown vbscript': '[x](vbscript:msgbox(1))',
  'markdown image javascript': '![x](javascript:alert(1))',
  'reference link': '[x][r]\n\n[r]: javascript:alert(1)',
  'autolink javascript': '<javascript:alert(1)>',
  'leading spaces': '<a href="  javascript:alert(1)">x</a>',
  'entity tab as text': 'Text <a href="java&#09;script:alert(1)">x</a>',
  'entity in markdown link': '[x](java&#09;script:alert(1))',
  'entity colon': '[x](javascript&#58;alert(1))',
  iframe: '<iframe src="https://evil.example/" />',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>" />',
  'svg onload': '<svg onload="alert(1)" />',
  'svg script': '<svg><script>alert(1)</script></svg>',
  'svg a href': '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
  'svg use': '<svg><use href="data:image/svg+xml,<svg onload=alert(1)>" /></svg>',
  'svg animate': '<svg><animate attributeName="href" to="javascript:alert(1)" /></svg>',
  'svg foreignObject': '<svg><foreignObject><iframe src="javascript:alert(1)" /></foreignObject></svg>',
  'style url': '<div style="background:url(javascript:alert(1))">x</div>',
  'style tag': '<style>{"body{background:url(javascript:alert(1))}"}</style>',
  'data html link': '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  'data html markdown': '[x](data:text/html;base64,PHNjcmlwdD4=)',
  'img srcSet': '<img srcSet="javascript:alert(1)" />',
  'object data': '<object data="javascript:alert(1)" />',
  embed: '<embed src="javascript:alert(1)" />',
  'form action': '<form action="javascript:alert(1)"><button>Go</button></form>',
  'button formaction': '<button formAction="javascript:alert(1)">Go</button>',
  'meta refresh': '<meta httpEquiv="refresh" content="0;url=javascript:alert(1)" />',
  'meta refresh dashed': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" />',
  base: '<base href="javascript:alert(1)//" />',
  link: '<link rel="stylesheet" href="javascript:alert(1)" />',
  'math href': '<math href="javascript:alert(1)"><mi>x</mi></math>',
  'math xlink': '<math><maction actiontype="statusline" xlinkHref="javascript:alert(1)">x</maction></math>',
  'details ontoggle': '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  'input autofocus onfocus': '<input autoFocus onFocus="alert(1)" />',
  'video poster': '<video poster="javascript:alert(1)" />',
  'body onload': '<body onload="alert(1)" />',
  'expression attribute': '<a href={"javascript:alert(1)"}>x</a>',
  'template attribute': '<a href={`javascript:alert(1)`}>x</a>',
  'non-literal attribute': '<img src="x" onError={() => alert(1)} />',
  'spread attribute': '<img {...{onError: "alert(1)"}} />',
  'callout title': '<Callout title={"<img src=x onerror=alert(1)>"}>Body</Callout>',
  'callout body': '<Callout>\n\n<img src="x" onError="alert(1)" />\n\n</Callout>',
  'figure caption html': '<Figure caption="<script>alert(1)</script>">x</Figure>',
  'figure rich caption': '<Figure caption="c">\n  x\n  <span slot="caption" onClick="alert(1)"><script>alert(1)</script>y</span>\n</Figure>',
  'quiz option script':
    '<Quiz id="q" question="Q <script>alert(1)</script>?" options={["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]} answer={0} />',
  'quiz explanation': '<Quiz id="q" question="Q?" options={["a", "b"]} answer={0}>\n\n<img src="x" onError="alert(1)" />\n\n</Quiz>',
  'quiz json breakout': '<Quiz id="q" question="</script><script>alert(1)</script>" options={["a", "b"]} answer={0} />',
  'placeholder props': '<CodeCell code="</code><script>alert(1)</script>" onRun={"alert(1)"} />',
  'katex href': '$\\href{javascript:alert(1)}{x}$',
  'katex url': '$\\url{javascript:alert(1)}$',
  'katex html class': '$\\htmlClass{x}{y}$ $\\htmlData{onclick=alert(1)}{y}$',
  'katex error tex': '$\\frac{<img src=x onerror=alert(1)>$',
  'code block': '```html\n<script>alert(1)</script>\n```',
  'inline code': '`<img src=x onerror=alert(1)>`',
  'unknown component': '<Evil onClick="alert(1)"><script>alert(1)</script></Evil>',
  'frontmatter-ish body': '<div dangerouslySetInnerHTML={{ __html: "<img src=x onerror=alert(1)>" }} />',
  noscript: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
  'entities in text': '&lt;script&gt;alert(1)&lt;/script&gt;',
  // Raw-text and RCDATA elements whose end an attribute value could fake (mutation XSS).
  'svg style breakout': '<svg><style><img title="</style><img src=x onerror=alert(1)>" /></style></svg>',
  'title outside svg': '<title><img title="</title><img src=x onerror=alert(1)>" /></title>',
  'svg title with element': '<svg><title><img title="</title><img src=x onerror=alert(1)>" /></title></svg>',
  'desc outside svg': '<desc><img title="</desc><img src=x onerror=alert(1)>" /></desc>',
  textarea: '<textarea><img title="</textarea><img src=x onerror=alert(1)>" /></textarea>',
  xmp: '<xmp><img title="</xmp><img src=x onerror=alert(1)>" /></xmp>',
  'iframe raw text': '<iframe><img title="</iframe><iframe srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;>" /></iframe>',
  noembed: '<noembed><img title="</noembed><img src=x onerror=alert(1)>" /></noembed>',
  noframes: '<noframes><img title="</noframes><img src=x onerror=alert(1)>" /></noframes>',
  plaintext: '<plaintext><img title="</plaintext><img src=x onerror=alert(1)>" /></plaintext>',
  'svg html breakout': '<svg><p><style><img title="</style><img src=x onerror=alert(1)>" /></style></p></svg>',
  'math breakout': '<math><mtext><table><mglyph><style><img title="</style><img src=x onerror=alert(1)>" /></style></mglyph></table></mtext></math>',
  'text element outside svg': '<text><img title="</text><img src=x onerror=alert(1)>" /></text>',
};

describe('sanitiser payloads', () => {
  it('the check itself catches live payloads', () => {
    for (const live of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<a href=" java\tscript:alert(1)">x</a>',
      '<iframe src=x></iframe>',
      '<form action="https://evil.example/"></form>',
      '<div style="background:url(x)"></div>',
    ]) {
      expect(() => expectInert(live), live).toThrow();
    }
  });

  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(`makes ${name} inert`, () => {
      expectInert(preview(payload));
    });
  }

  it('keeps harmless markup around a payload', () => {
    const html = preview('Before <a href="javascript:alert(1)">link</a> after <strong>bold</strong>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('link');
    expect(html).not.toContain('javascript');
  });

  it('keeps safe links and images', () => {
    const html = preview('[ok](https://example.org/) <img src="https://example.org/a.png" alt="A" />');
    expect(html).toContain('href="https://example.org/"');
    expect(html).toContain('src="https://example.org/a.png"');
  });

  it('prefixes author ids so they cannot clobber the page', () => {
    expect(preview('<span id="app" name="x">x</span>')).toContain('id="user-content-app"');
  });

  it('keeps a static SVG diagram but not its style', () => {
    const html = preview(
      '<svg viewBox="0 0 10 10" width="10" style={{ maxWidth: "100%" }} role="img" aria-label="Box"><g stroke-width="2"><rect x="1" y="1" width="8" height="8" /></g></svg>',
    );
    expect(html).toContain(
      '<svg viewBox="0 0 10 10" width="10" role="img" aria-label="Box"><g stroke-width="2"><rect x="1" y="1" width="8" height="8"></rect></g></svg>',
    );
  });

  it('shows escaped text where a payload was text', () => {
    expect(preview('`<img src=x onerror=alert(1)>`')).toContain('<code>&#x3C;img src=x onerror=alert(1)>');
    expect(preview('<Callout title={"<img src=x onerror=alert(1)>"}>Body</Callout>')).toContain(
      '<strong>&lt;img src=x onerror=alert(1)&gt;</strong>',
    );
  });

  it('renders KaTeX \\href as text, never a link (trust is off)', () => {
    const renderer = createPreviewRenderer();
    const html = renderer.render(FRONTMATTER + '$\\href{javascript:alert(1)}{x}$').blocks[0]!.html;
    expect(html).not.toMatch(/<a\b/);
    expect(html).toContain(katex.renderToString('\\href{javascript:alert(1)}{x}', { throwOnError: true }));
  });

  it('cannot forge the trusted placeholders', () => {
    const renderer = createPreviewRenderer();
    const first = renderer.render(FRONTMATTER + 'A formula $x$ here.').blocks[0]!.html;
    expect(first).toContain('katex');
    // Whatever token format an author guesses, private-use characters are neutralised before parsing.
    const forged = renderer.render(FRONTMATTER + 'Forged \uE0000\uE001 and \uE000abc1\uE001 and <span>\uE0000\uE001</span>').blocks[0]!.html;
    expect(forged).not.toContain('katex');
    expect(forged).not.toMatch(/[\uE000\uE001]/);
    // A heading-id or line marker look-alike stays plain text.
    const ids = renderer.render(FRONTMATTER + '<p id="h0">user-content-h0 l1</p>').blocks[0]!.html;
    expect(ids).toContain('id="user-content-h0"');
  });

  it('allows SVG-only elements only inside <svg>, and keeps a diagram whole', () => {
    // Outside <svg>, <title> and <text> are unwrapped: their content stays, as text and safe elements.
    expect(preview('<title>Loose <b>title</b></title>')).toContain('Loose <b>title</b>');
    expect(preview('<title>Loose</title>')).not.toContain('<title>');
    // Inside <svg>, an SVG <title> keeps its text only, and HTML elements are unwrapped.
    expect(preview('<svg><title>A <b>bold</b> title</title><p>x</p></svg>')).toContain('<svg><title>A bold title</title>x</svg>');
    expect(preview('<svg viewBox="0 0 4 4" role="img" aria-label="Dot"><title>Dot</title><circle cx="2" cy="2" r="1" /></svg>')).toContain(
      '<svg viewBox="0 0 4 4" role="img" aria-label="Dot"><title>Dot</title><circle cx="2" cy="2" r="1"></circle></svg>',
    );
  });

  it('refuses a block whose HTML would parse into another tree, with a clear error', () => {
    // <p> cannot hold a <div>: the browser closes the paragraph early, so the block is refused.
    const result = createPreviewRenderer().render(FRONTMATTER + 'Intro.\n\nText <div>inside</div> more');
    const html = result.blocks[1]!.html;
    expect(html).toContain('This HTML was not shown');
    expect(html).not.toContain('inside</div>');
    const problem = result.diagnostics.find((d) => d.source === 'html');
    expect(problem?.severity).toBe('error');
    expect(problem?.line).toBe(12);
    expect(problem?.message).toContain('expected <div> inside <p>');
    // The block before it is untouched.
    expect(result.blocks[0]!.html).toBe('<p>Intro.</p>');
  });

  it('previews every lesson of the course without refusing any block', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../../content/lessons/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
    expect(files.length).toBeGreaterThan(0);
    const renderer = createPreviewRenderer();
    for (const file of files) {
      const result = renderer.render(readFileSync(new URL(file, dir), 'utf8'));
      expect(
        result.diagnostics.filter((d) => d.source === 'html'),
        file,
      ).toEqual([]);
      expectInert(result.blocks.map((b) => b.html).join('\n'));
    }
  });
});

describe('the browser-side rules (unsafeInTree)', () => {
  const check = (html: string) => unsafeInTree(parseHtmlTree(html, 'template'));
  it('passes the preview of the sample lesson, quiz form and JSON spec included', () => {
    const result = createPreviewRenderer().render(SAMPLE_DOCUMENT);
    expect(result.blocks.some((b) => b.html.includes('<form'))).toBe(true);
    for (const block of result.blocks) expect(check(block.html), block.html.slice(0, 80)).toBeNull();
    expect(check(result.headHtml)).toBeNull();
  });

  it('refuses what can run script or load a page', () => {
    expect(check('<img src="x" onerror="alert(1)">')).toContain('event handler');
    expect(check('<iframe srcdoc="x"></iframe>')).toContain('<iframe>');
    expect(check('<p><a href=" java\tscript:alert(1)">x</a></p>')).toContain('URL');
    expect(check('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')).toContain('URL');
    expect(check('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBeNull();
    expect(check('<form></form>')).toContain('outside a quiz');
    expect(check('<tk-quiz><form action="https://example.org/"></form></tk-quiz>')).toContain('action');
    expect(check('<script>1</script>')).toContain('<script>');
    expect(check('<script type="application/json" src="x.js"></script>')).toContain('<script>');
    expect(check('<svg><use href="#a"></use></svg>')).toContain('<use>');
    expect(check('<span style="background:url(x)">x</span>')).toContain('style');
    expect(check('<title>x</title>')).toContain('<title>');
    expect(check('<svg><title>x</title></svg>')).toBeNull();
  });

  it('names the first difference between two trees', () => {
    expect(treeDifference(parseHtmlTree('<p>a</p>', 'div'), parseHtmlTree('<p>a</p>', 'div'))).toBeNull();
    expect(treeDifference(parseHtmlTree('<p><b>a</b></p>', 'div'), parseHtmlTree('<p><i>a</i></p>', 'div'))).toBe(
      'expected <b> inside <p>, the browser would make <i> inside <p>',
    );
  });
});
