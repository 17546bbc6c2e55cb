import { createShikiHighlighter } from '@astrojs/markdown-remark/shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_THEMES, loadHighlighter } from './highlight.ts';

/**
 * The preview's highlighter must give exactly what Astro's build gives a fenced code block: Astro's
 * own createShikiHighlighter with the options of astro.config.mjs and the ones rehype-shiki passes
 * (`wrap: false` is Astro's default; no defaultColor, no extra transformers).
 */
async function astroHtml(code: string, lang: string, meta?: string): Promise<string> {
  const astro = await createShikiHighlighter({ themes: { ...HIGHLIGHT_THEMES } });
  return astro.codeToHtml(code, lang, { meta, wrap: false, defaultColor: undefined, transformers: [] });
}

const JS = `const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
// the nudging recipe
await model.fit(xs, ys, { batchSize: 64, epochs: 1 }); // −log p_y
const s = \`template \${1 + 2}\` + /re+gex/g.source;
`;

const PYTHON = `import numpy as np

def softmax(z: np.ndarray) -> np.ndarray:
    """Stable softmax over the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)  # sums to 1

print(f"{softmax(np.array([1.0, 2.0]))!r}")
`;

const BASH = `#!/usr/bin/env bash
set -euo pipefail
DATASETS_DIR=\${DATASETS_DIR:-../shared/datasets} npm run datasets -- --only mnist
for f in public/data/*/*.gz; do echo "$f: $(wc -c < "$f")"; done
`;

const TS = `interface Layer<T extends number = number> { forward(x: Float32Array): T[] }
export function relu(x: number): number { return x > 0 ? x : 0; }
enum Kind { A = 1 }
`;

const MARKUP = `<p class="x" onclick="alert(1)">a &amp; b</p>\n<script>let a = 1 < 2;</script>\n<style>.x { color: red }</style>\n`;

/** [code, the fence's language as the renderer passes it, meta]. */
const CASES: [string, string, string | null][] = [
  [JS, 'js', null],
  [JS, 'javascript', 'title="model.js" {2}'],
  [PYTHON, 'python', null],
  [PYTHON, 'py', null],
  [BASH, 'bash', null],
  [BASH, 'sh', null],
  [TS, 'ts', null],
  ['{ "a": [1, 2.5e-3, true, null], "b": "\\u00e9" }\n', 'json', null],
  ['# Title\n\nSome *emphasis* and `code`, $x$.\n\n- item\n', 'md', null],
  [MARKUP, 'html', null],
  ['.astro-code { overflow-x: auto; --shiki-dark: #fff; }\n', 'css', null],
  ['title: Sigmoid\nhints:\n  - The sigmoid of $x$\ngrader: { kind: function }\n', 'yaml', null],
  ['+added line\n-removed line\n unchanged\n', 'diff', null],
  ['no colours here <b>\r\n', 'plaintext', null],
  ['plain text, a & b\n', 'text', null],
  ['fn main() { println!("hi"); }\n', 'nosuchlanguage', null],
  ['x = 1\n', '', null],
  ['', 'js', null],
  ['trailing newlines\n\n\n', 'js', null],
];

describe('loadHighlighter', () => {
  // Shiki stops colouring a line after 500 ms (tokenizeTimeLimit), and the first block of a language
  // compiles its grammar: on a busy machine Astro's reference highlighter can hit that limit itself.
  // Highlighting every case once first, with both highlighters, makes each what a warm build produces.
  beforeAll(async () => {
    const highlight = await loadHighlighter();
    for (const [code, lang, meta] of CASES) {
      await astroHtml(code, lang || 'plaintext', meta ?? undefined);
      highlight(code, lang, meta);
    }
  });

  it.each(CASES)('gives the same HTML as Astro for %#: lang "%s"', async (code, lang, meta) => {
    const highlight = await loadHighlighter();
    // Astro reads a missing language as 'plaintext' (highlightCodeBlocks), then highlights.
    const expected = await astroHtml(code, lang || 'plaintext', meta ?? undefined);
    expect(highlight(code, lang, meta)).toBe(expected);
  });

  it('marks the block as Astro does, so the dark theme CSS applies', async () => {
    const html = (await loadHighlighter())('const a = 1;\n', 'js', null) ?? '';
    expect(html).toMatch(/^<pre class="astro-code astro-code-themes github-light-high-contrast github-dark-default"/);
    expect(html).toContain('--shiki-dark-bg:#0d1117');
    expect(html).toContain('--shiki-dark:#');
    expect(html).toContain('overflow-x: auto;');
    expect(html).toContain('data-language="js"');
    expect(html).not.toContain('\n</code>');
  });

  it('falls back to plaintext for a language it does not know', async () => {
    const html = (await loadHighlighter())('a b c\n', 'brainfuck-ish', null) ?? '';
    expect(html).toContain('data-language="plaintext"');
    expect(html).toContain('a b c');
  });

  it('leaves maths blocks alone, as Astro does', async () => {
    expect((await loadHighlighter())('x^2\n', 'math', null)).toBeNull();
  });

  it('loads once and shares the highlighter', async () => {
    const [a, b] = await Promise.all([loadHighlighter(), loadHighlighter()]);
    expect(a).toBe(b);
  });
});
