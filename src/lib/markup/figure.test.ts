import { describe, expect, it } from 'vitest';
import { figureHtml, figureWidth, isFigureWidth } from './figure.ts';

describe('figureHtml', () => {
  it('wraps the body, with no figcaption when there is no caption', () => {
    expect(figureHtml({}, '<img src="a.png" alt="A">')).toBe(
      '<figure class="figure"><div class="figure-body"><img src="a.png" alt="A"></div></figure>',
    );
  });

  it('adds the width class: page and screen; prose has none', () => {
    expect(figureHtml({ width: 'page' }, 'x')).toMatch(/^<figure class="figure figure-page">/);
    expect(figureHtml({ width: 'screen' }, 'x')).toMatch(/^<figure class="figure figure-screen">/);
    expect(figureHtml({ width: 'prose' }, 'x')).toMatch(/^<figure class="figure">/);
  });

  it('reads the older wide flag as the page width', () => {
    expect(figureHtml({ wide: true }, 'x')).toMatch(/^<figure class="figure figure-page">/);
    expect(figureHtml({ wide: false }, 'x')).toMatch(/^<figure class="figure">/);
  });

  it('escapes a plain caption', () => {
    const html = figureHtml({ caption: 'Ten <script>alert("x")</script> digits' }, 'x');
    expect(html).toContain('<figcaption>Ten &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; digits</figcaption>');
    expect(html).not.toContain('<script>');
  });

  it('puts rich caption HTML after the caption text, or alone', () => {
    expect(figureHtml({ caption: 'A & B.' }, 'x', ' <em>More.</em>')).toContain('<figcaption>A &amp; B. <em>More.</em></figcaption>');
    expect(figureHtml({}, 'x', '<span>Only rich</span>')).toContain('<figcaption><span>Only rich</span></figcaption>');
  });

  it('treats an empty caption as none', () => {
    expect(figureHtml({ caption: '' }, 'x', '')).not.toContain('figcaption');
  });
});

describe('figureWidth', () => {
  it('prefers a valid width over the wide flag', () => {
    expect(figureWidth({ width: 'screen', wide: true })).toBe('screen');
    expect(figureWidth({ width: 'prose', wide: true })).toBe('prose');
  });

  it('falls back to wide, then to prose, for a missing or unknown width', () => {
    expect(figureWidth({ width: 'huge', wide: true })).toBe('page');
    expect(figureWidth({ width: 3 })).toBe('prose');
    expect(figureWidth({})).toBe('prose');
  });

  it('knows the three widths only', () => {
    expect(['prose', 'page', 'screen'].every(isFigureWidth)).toBe(true);
    expect(isFigureWidth('wide')).toBe(false);
    expect(isFigureWidth(undefined)).toBe(false);
  });
});
