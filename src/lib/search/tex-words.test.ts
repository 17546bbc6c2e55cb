import { describe, expect, it } from 'vitest';
import { formulasAsWords, indexableHtml, texWords } from './tex-words.ts';

describe('texWords', () => {
  it('names Greek letters by symbol and word and drops layout commands', () => {
    expect(texWords('\\sigma(z) = \\frac{1}{1 + e^{-z}}')).toBe('σ sigma (z) = 1 1 + e -z');
  });

  it('keeps the words of \\text, \\mathrm and \\operatorname', () => {
    expect(texWords('\\mathrm{relu}(z) = \\max(0, z)')).toBe('relu (z) = max (0, z)');
    expect(texWords('(\\text{TP} + \\text{TN}) / N')).toBe('( TP + TN ) / N');
    expect(texWords('\\operatorname{softmax}(z)_i')).toBe('softmax (z) i');
  });

  it('reads operators as words', () => {
    expect(texWords('-\\log 0.9 \\approx 0.105')).toBe('- log 0.9 approximately 0.105');
    expect(texWords('\\sum_{i=0}^{9} p_i')).toBe('sum i=0 9 p i');
    expect(texWords("Q(s, a) \\gets r + \\gamma \\max_{a'} Q(s', a')")).toBe("Q(s, a) gets r + γ gamma max a' Q(s', a')");
  });

  it('drops spacing, alignment and line breaks', () => {
    expect(texWords('a \\quad b \\\\ c & d\\,e')).toBe('a b c d e');
  });

  it('does not treat inherited object keys as commands', () => {
    expect(texWords('\\constructor x \\toString')).toBe('x');
  });
});

describe('formulasAsWords', () => {
  it('replaces each MathML formula with the words of its TeX source, decoding entities once', () => {
    const html =
      '<p>Loss <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>η</mi></mrow>' +
      '<annotation encoding="application/x-tex">\\eta &lt; Q(s&#x27;, a) &amp; x</annotation></semantics></math></span>' +
      '<span class="katex-html" aria-hidden="true">η</span></span> here.</p>';
    expect(formulasAsWords(html)).toBe(
      '<p>Loss <span class="katex"><span class="katex-mathml"><span data-formula>η eta &lt; Q(s\', a) x</span></span>' +
        '<span class="katex-html" aria-hidden="true">η</span></span> here.</p>',
    );
  });

  it('leaves a formula without a TeX annotation as it is', () => {
    const html = '<math><mi>x</mi></math>';
    expect(formulasAsWords(html)).toBe(html);
  });
});

describe('indexableHtml', () => {
  it('turns forms into blocks so a quiz question is indexed, and formulas into words', () => {
    const html =
      '<form class="q" novalidate><legend>Which <math><annotation encoding="application/x-tex">\\alpha</annotation></math>?</legend></form>';
    expect(indexableHtml(html)).toBe('<div class="q" novalidate><legend>Which <span data-formula>α alpha</span>?</legend></div>');
  });
});
