/**
 * KaTeX for the /author preview, with a cache of formulas.
 *
 * Each formula is rendered with the options the site build uses (astro.config.mjs: rehype-katex
 * with throwOnError; `trust` stays off, so `\href{javascript:…}` and friends never become links),
 * so the preview's maths is the built lesson's maths. A formula KaTeX rejects becomes its TeX in
 * red with KaTeX's message (class `author-math-error`), never an exception.
 *
 * The cache is bounded by use: `sweep()` (called at the end of each document render) drops every
 * formula that was neither asked for nor kept (`keep`, for blocks reused whole) since the previous
 * sweep.
 */
import katex from 'katex';
import { escapeHtml } from '../format/html.ts';
import { errorText } from '../format/error-text.ts';

export interface MathResult {
  html: string;
  /** KaTeX's message in plain words, or null when the formula rendered. */
  error: string | null;
}

/** KaTeX's message without its "KaTeX parse error: " prefix. */
export function katexMessage(error: unknown): string {
  const message = errorText(error);
  return message.replace(/^KaTeX parse error:\s*/, '');
}

/** The red box a rejected formula shows in the preview: its TeX and the reason. */
export function mathErrorHtml(tex: string, display: boolean, message: string): string {
  const tag = display ? 'div' : 'span';
  const source = display ? `$$${tex}$$` : `$${tex}$`;
  return (
    `<${tag} class="author-math-error${display ? ' author-math-error-display' : ''}" role="note" title="${escapeHtml(message)}">` +
    `<code>${escapeHtml(source)}</code> <span class="author-math-error-message">${escapeHtml(message)}</span></${tag}>`
  );
}

/** The cache key of a formula. */
export function formulaKey(tex: string, display: boolean): string {
  return (display ? 'D' : 'I') + tex;
}

export interface MathRenderer {
  render(tex: string, display: boolean): MathResult;
  /** Keeps cached formulas (of a block reused from the block cache) through the next sweep. */
  keep(keys: readonly string[]): void;
  /** Formulas asked for / rendered by KaTeX since the last sweep. */
  readonly used: number;
  readonly rendered: number;
  /** Forgets formulas not used since the last sweep and resets the counters. */
  sweep(): void;
}

export function createMathRenderer(): MathRenderer {
  let cache = new Map<string, MathResult>();
  let live = new Map<string, MathResult>();
  let used = 0;
  let rendered = 0;
  return {
    render(tex, display) {
      used++;
      const key = formulaKey(tex, display);
      let result = live.get(key) ?? cache.get(key);
      if (!result) {
        rendered++;
        try {
          result = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }), error: null };
        } catch (error) {
          const message = katexMessage(error);
          result = { html: mathErrorHtml(tex, display, message), error: message };
        }
      }
      live.set(key, result);
      return result;
    },
    keep(keys) {
      for (const key of keys) {
        const result = cache.get(key);
        if (result) live.set(key, result);
      }
    },
    get used() {
      return used;
    },
    get rendered() {
      return rendered;
    },
    sweep() {
      cache = live;
      live = new Map();
      used = 0;
      rendered = 0;
    },
  };
}
