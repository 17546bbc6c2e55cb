import { describe, expect, it } from 'vitest';
import { inlineMarkdownText, parseInlineMarkdown, safeHref } from './inline-markdown.ts';

describe('parseInlineMarkdown', () => {
  it('reads code, emphasis, strong and links', () => {
    expect(parseInlineMarkdown('Loop while `budget.timeLeft() > 0`, *then* **stop**; see [the lesson](/lessons/q-learning-snake/#update).')).toEqual([
      { kind: 'text', text: 'Loop while ' },
      { kind: 'code', text: 'budget.timeLeft() > 0' },
      { kind: 'text', text: ', ' },
      { kind: 'em', text: 'then' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'stop' },
      { kind: 'text', text: '; see ' },
      { kind: 'link', text: 'the lesson', href: '/lessons/q-learning-snake/#update' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps markup-like text as text: HTML, unclosed markers, products and unsafe links', () => {
    for (const text of [
      '<img src=x onerror=alert(1)>',
      'a `b',
      '2 * x * 3',
      'x*y*z',
      '*',
      '[a](javascript:alert(1))',
      '[a](data:text/html,x)',
      '[a](//evil.example)',
    ]) {
      const pieces = parseInlineMarkdown(text);
      expect(pieces, text).toEqual([{ kind: 'text', text }]);
    }
  });

  it('code wins over emphasis inside it, and backslash escapes a marker', () => {
    expect(parseInlineMarkdown('`a * b * c`')).toEqual([{ kind: 'code', text: 'a * b * c' }]);
    expect(parseInlineMarkdown('\\*not em\\*')).toEqual([{ kind: 'text', text: '*not em*' }]);
  });

  it('gives the plain words for a status line', () => {
    expect(inlineMarkdownText('Check that `update()` *stores* a value.')).toBe('Check that update() stores a value.');
  });
});

describe('safeHref', () => {
  it('allows http(s) and paths on this site only', () => {
    expect(safeHref('https://example.org/x')).toBe('https://example.org/x');
    expect(safeHref('../notation/')).toBe('../notation/');
    expect(safeHref('#top')).toBe('#top');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('/x:y')).toBeNull();
  });
});
