import { describe, expect, it } from 'vitest';
import { CALLOUT_KINDS, CALLOUT_TITLES, calloutHtml, isCalloutKind } from './callout.ts';

describe('calloutHtml', () => {
  it('defaults to a note titled "Note" around the body', () => {
    const html = calloutHtml({}, '<p>Body</p>');
    expect(html).toMatch(/^<div class="callout callout-note" role="note" aria-label="Note">/);
    expect(html).toContain('<strong>Note</strong>');
    expect(html).toContain('<div class="callout-body"><p>Body</p></div></div>');
    expect(html).toContain('<circle cx="12" cy="12" r="9"></circle>');
  });

  it('gives each kind its class, default title and own icon', () => {
    const icons = new Set<string>();
    for (const kind of CALLOUT_KINDS) {
      const html = calloutHtml({ kind }, '');
      expect(html).toContain(`class="callout callout-${kind}"`);
      expect(html).toContain(`aria-label="${CALLOUT_TITLES[kind]}"`);
      expect(html).toContain(`<strong>${CALLOUT_TITLES[kind]}</strong>`);
      const svg = /<svg[^>]*aria-hidden="true" focusable="false">(.*?)<\/svg>/.exec(html);
      expect(svg).not.toBeNull();
      icons.add(svg![1]!);
    }
    expect(icons.size).toBe(CALLOUT_KINDS.length);
    expect(CALLOUT_TITLES).toEqual({ note: 'Note', tip: 'Tip', warning: 'Warning' });
  });

  it('escapes a hostile title in the label and the heading', () => {
    const html = calloutHtml({ kind: 'warning', title: "\"><script>alert(1)</script> & 'x'" }, '');
    expect(html).not.toContain('<script>');
    expect(html).toContain('aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;"');
    expect(html).toContain('<strong>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;</strong>');
  });

  it('keeps the body as given (it is already rendered HTML)', () => {
    expect(calloutHtml({ kind: 'tip', title: 'Try' }, '<p><em>x</em></p>')).toContain('<div class="callout-body"><p><em>x</em></p></div>');
  });

  it('tells the kinds from other values', () => {
    expect(CALLOUT_KINDS.every(isCalloutKind)).toBe(true);
    expect(isCalloutKind('danger')).toBe(false);
    expect(isCalloutKind(undefined)).toBe(false);
  });
});
