import { describe, expect, it } from 'vitest';
import { staticCodeMarkup, tokenLines, tokenize } from './static-code.ts';

/** Text content of markup: tags removed, entities decoded (enough for these tests). */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function codeOf(markup: string): string {
  const m = /<pre class="tk-code-static__code"(?: tabindex="0")?><code>([\s\S]*)<\/code><\/pre>/.exec(markup);
  if (!m) throw new Error('no code element');
  return m[1]!;
}

describe('tokenize', () => {
  const samples = [
    'const x = 1;\nfunction f(a, b) { return a + b; } // sum',
    "let s = 'it\\'s'; /* block\ncomment */ `tpl ${x}\nline` obj?.prop.call(1e-3, 0x1f, .5)",
    'unterminated "string\nnext line',
    '',
  ];
  it('gives back the input exactly when the tokens are joined', () => {
    for (const code of samples)
      expect(
        tokenize(code)
          .map((t) => t.text)
          .join(''),
      ).toBe(code);
  });

  it('colours keywords, strings, numbers, comments, calls and properties', () => {
    const types = (code: string) =>
      Object.fromEntries(
        tokenize(code)
          .filter((t) => t.type)
          .map((t) => [t.text, t.type]),
      );
    expect(types('const model = tf.sequential(); // build')).toEqual({
      const: 'keyword',
      '=': 'operator',
      sequential: 'function',
      '// build': 'comment',
    });
    expect(types("return model.layers.length + 'x' + 42 + true")).toMatchObject({
      return: 'keyword',
      layers: 'property',
      length: 'property',
      "'x'": 'string',
      '42': 'number',
      true: 'atom',
    });
    expect(types('function sigmoid(z) {}')).toMatchObject({ function: 'keyword', sigmoid: 'function' });
    expect(types('const m = new Map()')).toMatchObject({ new: 'keyword', Map: 'function' });
    expect(types('x instanceof Foo')).toMatchObject({ instanceof: 'keyword' });
  });

  it('does not treat a property named like a keyword as a keyword', () => {
    const t = tokenize('obj.default');
    expect(t.find((x) => x.text === 'default')?.type).toBe('property');
  });
});

describe('tokenLines', () => {
  it('splits multi-line tokens so every line closes its own spans', () => {
    const lines = tokenLines('/* a\nb */ x');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual([{ text: '/* a', type: 'comment' }]);
    expect(lines[1]![0]).toEqual({ text: 'b */', type: 'comment' });
  });
});

describe('staticCodeMarkup', () => {
  it('escapes HTML so code cannot inject markup', () => {
    const code = 'const s = "<script>alert(\'x\')</script>" && a < b & c > d;';
    const markup = staticCodeMarkup(code);
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;');
    expect(text(codeOf(markup))).toBe(code);
  });

  it('numbers every line in a gutter hidden from assistive technology', () => {
    const markup = staticCodeMarkup('a\nb\nc');
    expect(markup).toContain('<div class="tk-code-static__gutter" aria-hidden="true"><span>1</span><span>2</span><span>3</span></div>');
  });

  it('keeps the code text exact (so copying it gives the code) and normalises CRLF', () => {
    const code = 'let a = 1;\r\n\r\n  if (a) {\r\n    a++;\r\n  }';
    expect(text(codeOf(staticCodeMarkup(code)))).toBe(code.replace(/\r\n/g, '\n'));
  });

  it('draws the empty last line of code that ends with a newline, like the editor', () => {
    const markup = staticCodeMarkup('x\n');
    expect(markup).toContain('<span>2</span>');
    // A <pre> ignores one final newline, so there are two.
    expect(codeOf(markup)).toBe('x\n\n');
  });

  it('names read-only code as a region by its title when given one', () => {
    expect(staticCodeMarkup('x', { labelledBy: 'cell-solution-title' })).toContain(
      '<pre class="tk-code-static__code" tabindex="0" role="region" aria-labelledby="cell-solution-title">',
    );
    expect(staticCodeMarkup('x', { labelledBy: '"><script>' })).not.toContain('<script>');
  });

  it('makes the code focusable unless told not to, so long lines can be scrolled from the keyboard', () => {
    expect(staticCodeMarkup('x')).toContain('<pre class="tk-code-static__code" tabindex="0">');
    expect(staticCodeMarkup('x', { focusable: false })).toContain('<pre class="tk-code-static__code"><code>');
  });

  it('uses the syntax classes of the editor', () => {
    expect(staticCodeMarkup('return 1')).toContain('<span class="tk-tok-keyword">return</span> <span class="tk-tok-number">1</span>');
  });
});
