import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { createMathRenderer, formulaKey, katexMessage, mathErrorHtml } from './math.ts';

describe('createMathRenderer', () => {
  it('renders like the build (KaTeX, throwOnError) and caches', () => {
    const math = createMathRenderer();
    expect(math.render('x^2', false)).toEqual({ html: katex.renderToString('x^2', { throwOnError: true }), error: null });
    expect(math.render('x^2', true).html).toBe(katex.renderToString('x^2', { throwOnError: true, displayMode: true }));
    math.render('x^2', false);
    expect([math.used, math.rendered]).toEqual([3, 2]);
  });

  it('turns a KaTeX error into a red, escaped box with the message', () => {
    const result = createMathRenderer().render('\\frac{<b>}{', false);
    expect(result.error).toMatch(/^Unexpected end of input/);
    expect(result.html).toContain('class="author-math-error"');
    expect(result.html).toContain('<code>$\\frac{&lt;b&gt;}{$</code>');
    expect(result.html).not.toContain('<b>');
  });

  it('sweeps formulas neither used nor kept since the last sweep', () => {
    const math = createMathRenderer();
    math.render('a', false);
    math.render('b', false);
    math.sweep();
    math.keep([formulaKey('a', false)]);
    math.sweep();
    math.render('a', false);
    math.render('b', false);
    expect(math.rendered).toBe(1); // a was kept, b was dropped
  });

  it('helpers', () => {
    expect(katexMessage(new Error('KaTeX parse error: Bad'))).toBe('Bad');
    expect(mathErrorHtml('x', true, 'm')).toMatch(/^<div class="author-math-error author-math-error-display" role="note"/);
  });
});
