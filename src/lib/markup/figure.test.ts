import { describe, expect, it } from 'vitest';
import { figureHtml } from './figure.ts';

describe('figureHtml', () => {
  it('wraps the body, with no figcaption when there is no caption', () => {
    expect(figureHtml({}, '<img src="a.png" alt="A">')).toBe(
      '<figure class="figure"><div class="figure-body"><img src="a.png" alt="A"></div></figure>',
    );
  });

  it('adds the wide class', () => {
    expect(figureHtml({ wide: true }, 'x')).toMatch(/^<figure class="figure wide">/);
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
