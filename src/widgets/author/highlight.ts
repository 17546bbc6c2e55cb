/**
 * Code highlighting for the /author preview: the same `<pre class="astro-code …">` markup that Astro's
 * Shiki step gives a fenced code block in a published lesson, so the preview's code looks (light and
 * dark theme) exactly like the lesson's.
 *
 * Astro highlights with `createShikiHighlighter` (@astrojs/internal-helpers/shiki): the full Shiki
 * bundle, every language and theme loadable on demand, on the Oniguruma WebAssembly engine. In the
 * browser that would add hundreds of lazy chunks to the build and half a megabyte of wasm, so this
 * module builds a small highlighter instead, from `shiki/core`, the JavaScript regex engine (no wasm),
 * the two themes of astro.config.mjs and the languages lessons use, and replays Astro's transformer
 * and options (see `highlight()` below). highlight.test.ts checks the result against Astro's own
 * highlighter, character for character.
 *
 * A language outside LANGUAGES falls back to plain text, exactly as Astro does for a language Shiki
 * does not know: the block keeps the lesson's code box and colours, only without token colours (the
 * published lesson colours the languages Shiki has beyond these).
 *
 * Everything loads with dynamic import(), only when the /author page asks for it.
 */
import type { Element } from 'hast';
import type { ShikiTransformer } from 'shiki/core';
import type { CodeHighlighter } from '../../lib/author/types.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { pauseForPaint } from '../../lib/runtime/yield.ts';

/** The themes of `markdown.shikiConfig` in astro.config.mjs (global.css switches to the dark one). */
export const HIGHLIGHT_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-default' } as const;

/**
 * Shiki grammars the preview colours, with the names a fence may use for them (Shiki's own aliases:
 * js, ts, py, sh, bash, shell, zsh, md, yml, …). `html` brings JavaScript and CSS for its embedded code.
 */
export const LANGUAGES = ['javascript', 'typescript', 'json', 'python', 'shellscript', 'markdown', 'html', 'css', 'yaml', 'diff'] as const;

/** Languages Astro never highlights (`defaultExcludeLanguages` of @astrojs/internal-helpers/markdown). */
const EXCLUDED_LANGUAGES = ['math'];

/** How Astro reads a code element's language from its `language-…` class (@astrojs/markdown-remark highlight.js). */
const LANGUAGE_CLASS = /\blanguage-(\S+)\b/;

/** A typical snippet per language (see the warm-up in createHighlighter). */
const WARM_UP: Record<(typeof LANGUAGES)[number], string> = {
  javascript: [
    "import { a } from './a.js';",
    'const b = `t ${a + 1}` + /r+e/g.source; // c',
    "export async function f(x = {}) { return x?.y ?? (await g([1, 'two', true])); }",
    'class C extends D { #p = 0; get q() { return this.#p; } }',
  ].join('\n'),
  typescript: [
    "import type { A } from './a.ts';",
    'interface B<T extends number = 1> { f(x: T[]): Promise<void> }',
    "export const c = (x: unknown): x is string => typeof x === 'string';",
    'type D = { [K in keyof A]?: A[K] };',
  ].join('\n'),
  json: '{ "a": [1, 2.5e-3, true, null], "b": { "c": "d" } }',
  python: [
    'import numpy as np',
    '@dataclass',
    'class A(B):',
    '    def f(self, x: int = 1) -> list[int]:',
    '        """Doc."""',
    '        return [i ** 2 for i in range(x) if i % 2]  # c',
    'print(f"{x!r:>4}", r"\\d")',
  ].join('\n'),
  shellscript: ['#!/usr/bin/env bash', 'set -e', 'for f in *.gz; do echo "$f: $(wc -c < "$f")"; done', 'X=${Y:-1} npm run a -- --b && exit 0'].join(
    '\n',
  ),
  markdown: '# A\n\nSome *b* and **c**, `d`, [e](f).\n\n- g\n> h\n\n```js\nlet i;\n```',
  html: '<!doctype html>\n<p class="a" id=b>c &amp; d</p>\n<script>let e = 1 < 2;</script>\n<style>.f { color: red }</style>',
  css: '@media (min-width: 1px) { .a > b:hover::before { color: var(--c, #fff); margin: 0 auto !important; } }',
  yaml: 'a: 1\nb:\n  - "c"\n  - { d: e }\nf: |\n  g\n# h',
  diff: '--- a\n+++ b\n@@ -1 +1 @@\n-c\n+d',
};

let loading: Promise<CodeHighlighter> | undefined;

/**
 * Loads Shiki, the two themes and LANGUAGES (once; later calls share the same promise) and returns a
 * synchronous highlighter. It returns null for a block Astro would not highlight (` ```math `), or if
 * Shiki throws on a block; the renderer then shows a plain `<pre><code>`.
 * Rejects with a clear error when a chunk cannot be loaded (e.g. offline after a deploy); a later
 * call tries again.
 */
export async function loadHighlighter(): Promise<CodeHighlighter> {
  loading ??= createHighlighter().catch((err: unknown) => {
    loading = undefined;
    const reason = errorText(err);
    throw new Error(`Code highlighting could not be loaded (${reason}). Code blocks show without colours; reload the page to try again.`);
  });
  return loading;
}

async function createHighlighter(): Promise<CodeHighlighter> {
  // One import() per file, with literal paths, so Vite bundles exactly these and nothing else of Shiki.
  const [core, engine, light, dark, ...langs] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('shiki/themes/github-light-high-contrast.mjs'),
    import('shiki/themes/github-dark-default.mjs'),
    import('shiki/langs/javascript.mjs'),
    import('shiki/langs/typescript.mjs'),
    import('shiki/langs/json.mjs'),
    import('shiki/langs/python.mjs'),
    import('shiki/langs/shellscript.mjs'),
    import('shiki/langs/markdown.mjs'),
    import('shiki/langs/html.mjs'),
    import('shiki/langs/css.mjs'),
    import('shiki/langs/yaml.mjs'),
    import('shiki/langs/diff.mjs'),
  ]);
  const shiki = await core.createHighlighterCore({
    themes: [light.default, dark.default],
    langs: langs.map((l) => l.default),
    engine: engine.createJavaScriptRegexEngine(),
  });
  const loaded = new Set(shiki.getLoadedLanguages());

  // Warm up: the JavaScript engine compiles each grammar rule the first time a line reaches it, and
  // the first block of a language can take longer than Shiki's 500 ms per-line limit (Astro's too),
  // which would leave that block half coloured. Tokenising a typical snippet of each language now,
  // without the limit, compiles the common rules; between languages the page gets the main thread back.
  for (const [lang, snippet] of Object.entries(WARM_UP)) {
    shiki.codeToTokens(snippet, { lang, themes: HIGHLIGHT_THEMES, tokenizeTimeLimit: 0 });
    await pauseForPaint();
  }

  return (code, lang, meta) => {
    // What Astro's highlightCodeBlocks does: the language from the `language-…` class, else plaintext.
    let language = LANGUAGE_CLASS.exec(`language-${lang}`)?.[1] || 'plaintext';
    if (EXCLUDED_LANGUAGES.includes(language)) return null;
    // Astro's createShikiHighlighter: an unknown language becomes plaintext (also in data-language).
    const resolved = language;
    if (!core.isSpecialLang(language) && !loaded.has(language)) language = 'plaintext';
    try {
      return shiki.codeToHtml(code.replace(/(?:\r\n|\r|\n)$/, ''), {
        themes: HIGHLIGHT_THEMES,
        defaultColor: undefined,
        lang: language,
        meta: meta ? { __raw: meta } : undefined,
        transformers: [astroTransformer(language, resolved)],
      });
    } catch {
      return null;
    }
  };
}

/**
 * Astro's transformer for a block (not inline code, no extra attributes, `wrap: false`): the class
 * `shiki` becomes `astro-code`, `data-language` names the language, the style gains `overflow-x: auto`,
 * and in a diff the leading +/- of each line goes into its own unselectable span.
 */
function astroTransformer(lang: string, resolvedLang: string): ShikiTransformer {
  return {
    pre(node) {
      node.properties.class = (asString(node.properties.class) ?? '').replace(/shiki/g, 'astro-code');
      node.properties.dataLanguage = lang;
      node.properties.style = (asString(node.properties.style) ?? '') + '; overflow-x: auto;';
    },
    line(node) {
      if (resolvedLang !== 'diff') return;
      const inner = node.children[0];
      const text = inner?.type === 'element' ? inner.children[0] : undefined;
      if (inner?.type !== 'element' || text?.type !== 'text') return;
      const start = text.value[0];
      if (start !== '+' && start !== '-') return;
      text.value = text.value.slice(1);
      const marker: Element = {
        type: 'element',
        tagName: 'span',
        properties: { style: 'user-select: none;' },
        children: [{ type: 'text', value: start }],
      };
      inner.children.unshift(marker);
    },
  };
}

function asString(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : undefined;
}
