import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { renderInline, renderQuizTexts } from './inline.ts';
import { validateQuizProps } from './validate.ts';

const fake = (tex: string) => `[${tex}]`;
const real = (tex: string) => katex.renderToString(tex, { throwOnError: true });

describe('renderInline', () => {
  it('escapes plain text', () => {
    expect(renderInline('a < b & "c"', fake)).toBe('a &lt; b &amp; &quot;c&quot;');
  });

  it('renders inline maths and code', () => {
    expect(renderInline('Is $p_k > 0$ for `softmax(z)`?', fake)).toBe('Is [p_k > 0] for <code>softmax(z)</code>?');
    expect(renderInline('$a$$b$', fake)).toBe('[a][b]');
  });

  it('keeps escaped dollars, in text and in maths', () => {
    expect(renderInline('It costs \\$5', fake)).toBe('It costs $5');
    expect(renderInline('$\\$x$ and \\$', fake)).toBe('[\\$x] and $');
  });

  it('refuses unclosed maths, empty maths, display maths and unclosed code', () => {
    expect(() => renderInline('costs $5', fake)).toThrow(/"\$" at character 7 starts maths that never ends/);
    expect(() => renderInline('$$x$$', fake)).toThrow(/display maths/);
    expect(() => renderInline('a $ $ b', fake)).toThrow(/empty maths/);
    expect(() => renderInline('`code', fake)).toThrow(/code that never ends/);
  });

  it('uses KaTeX output as given', () => {
    const html = renderInline('Sum $\\sum_j p_j$', real);
    expect(html.startsWith('Sum <span class="katex">')).toBe(true);
    expect(html).toContain('<math');
  });
});

describe('renderQuizTexts', () => {
  it('renders the question and every option', () => {
    const quiz = validateQuizProps({ id: 'q', question: 'Which is $\\frac{1}{2}$?', options: ['$0.5$', '`2`'], answer: 0 });
    const texts = renderQuizTexts(quiz, fake);
    expect(texts).toEqual({ question: 'Which is [\\frac{1}{2}]?', options: ['[0.5]', '<code>2</code>'], feedback: [] });
  });

  it('renders feedback texts with the same markup, and names the entry at fault', () => {
    const quiz = validateQuizProps({
      id: 'q',
      question: 'q',
      numeric: true,
      answer: 4,
      feedback: [{ value: 3, text: 'Count $H \\times W$ with `alpha` & <b>' }],
    });
    expect(renderQuizTexts(quiz, fake).feedback).toEqual(['Count [H \\times W] with <code>alpha</code> &amp; &lt;b&gt;']);
    const broken = validateQuizProps({
      id: 'bad-feedback',
      question: 'q',
      options: ['a', 'b'],
      answer: 0,
      feedback: [{ option: 1, text: 'costs $5' }],
    });
    expect(() => renderQuizTexts(broken, fake)).toThrow(/^<Quiz id="bad-feedback">, feedback 0: "\$" at character 7 starts maths that never ends/);
  });

  it('names the quiz and the text when KaTeX refuses a formula', () => {
    const quiz = validateQuizProps({ id: 'broken-maths', question: 'Fine', options: ['ok', '$\\frac{1}{$'], answer: 0 });
    expect(() => renderQuizTexts(quiz, real)).toThrow(/^<Quiz id="broken-maths">, option 1: KaTeX parse error/);
  });
});
