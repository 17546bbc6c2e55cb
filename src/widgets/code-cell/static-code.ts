/**
 * The code of a cell as plain HTML, shown before CodeMirror loads. It has the editor's box model
 * (same font, line height, paddings, gutter with line numbers; see `.tk-code-static` and the
 * editor theme in shared/cm-theme.ts), so swapping it for the real editor does not move the page, and a
 * small tokenizer gives it the editor's syntax colours (the same `tk-tok-*` classes).
 *
 * Pure string code: no DOM, no CodeMirror, cheap to import at page load.
 */

import { escapeHtml } from '../../lib/format/html.ts';

/** Token classes shared with the CodeMirror highlighter (shared/cm-theme.ts) and styled in code-cell.css. */
export type TokenClass = 'keyword' | 'atom' | 'number' | 'string' | 'regexp' | 'comment' | 'function' | 'property' | 'type' | 'operator';

export interface Token {
  text: string;
  /** Undefined for plain text (names, punctuation, spaces). */
  type?: TokenClass;
}

const KEYWORDS = new Set(
  (
    'get set async static for while do if else switch try catch finally return throw break continue default case ' +
    'in of await yield void typeof delete instanceof let var const using function class extends import export from ' +
    'with debugger new'
  ).split(' '),
);
const ATOMS = new Set(['true', 'false', 'null', 'this', 'super']);

const IDENT_START = /[A-Za-z_$\u00c0-\uffff]/;
const IDENT = /[\w$\u00c0-\uffff]/;

/**
 * Split JavaScript into coloured tokens, approximating the Lezer grammar the editor uses:
 * comments, strings (template strings included, without nesting), numbers, keywords, atoms,
 * called or declared functions, properties after `.`, classes after `new`/`class`, operators.
 * Regular expression literals are not recognised (they render as plain text). Concatenating the
 * tokens' text gives back the input exactly.
 */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  const n = code.length;
  let i = 0;
  // The previous significant (non-space, non-comment) token, for context-dependent names.
  let prev: Token | undefined;
  const push = (text: string, type?: TokenClass) => {
    const last = tokens[tokens.length - 1];
    // Merge runs of plain text so the markup stays small.
    if (last && last.type === undefined && type === undefined) last.text += text;
    else tokens.push(type ? { text, type } : { text });
    if (text.trim() !== '' && type !== 'comment') prev = type ? { text, type } : { text };
  };

  while (i < n) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      push(code.slice(i, stop), 'comment');
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      push(code.slice(i, stop), 'comment');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && code[j] !== c && (c === '`' || code[j] !== '\n')) j += code[j] === '\\' ? 2 : 1;
      const stop = Math.min(n, j + 1);
      push(code.slice(i, stop), 'string');
      i = stop;
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      const m = /^(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)n?/.exec(code.slice(i));
      const text = m && m[0].length > 0 ? m[0] : c;
      push(text, 'number');
      i += text.length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT.test(code[j]!)) j++;
      const word = code.slice(i, j);
      const afterDot = prev?.text === '.' || prev?.text === '?.';
      let k = j;
      while (k < n && (code[k] === ' ' || code[k] === '\t')) k++;
      const called = code[k] === '(' || code[k] === '`';
      let type: TokenClass | undefined;
      if (!afterDot && KEYWORDS.has(word)) type = 'keyword';
      else if (!afterDot && ATOMS.has(word)) type = 'atom';
      else if (called) type = 'function';
      else if (afterDot) type = 'property';
      else if (prev?.text === 'function') type = 'function';
      else if (prev?.text === 'new' || prev?.text === 'class' || prev?.text === 'extends') type = 'type';
      push(word, type);
      i = j;
    } else if (c === '?' && next === '.' && !/[0-9]/.test(code[i + 2] ?? '')) {
      push('?.');
      i += 2;
    } else if ('+-*/%=<>!&|^~?'.includes(c)) {
      let j = i + 1;
      while (j < n && '+-*/%=<>!&|^~?'.includes(code[j]!) && !(code[j] === '/' && (code[j + 1] === '/' || code[j + 1] === '*'))) j++;
      const text = code.slice(i, j);
      // `=>` is punctuation in the grammar; plain `=` is the definition operator (coloured too).
      push(text, text === '=>' ? undefined : 'operator');
      i = j;
    } else {
      push(c);
      i++;
    }
  }
  return tokens;
}

/** One line's HTML: escaped text, coloured tokens as `<span class="tk-tok-…">`. */
function tokensHtml(tokens: Token[]): string {
  return tokens.map((t) => (t.type ? `<span class="tk-tok-${t.type}">${escapeHtml(t.text)}</span>` : escapeHtml(t.text))).join('');
}

/** Split tokens at newlines, so each line's markup is self-contained (a token may span lines). */
export function tokenLines(code: string): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokenize(code)) {
    const parts = token.text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push(token.type ? { text: part, type: token.type } : { text: part });
    });
  }
  return lines;
}

export interface StaticCodeOptions {
  /**
   * Make the `<pre>` focusable (tabindex="0"; default true). Long lines scroll sideways, and a
   * scrolling region must be reachable from the keyboard (WCAG 2.1.1, axe
   * "scrollable-region-focusable"). Pass false only when a focusable ancestor handles the keyboard
   * AND nothing can overflow.
   */
  focusable?: boolean;
  /**
   * Present the code as the (not yet loaded) editor: the `<pre>` gets role="textbox" with this
   * accessible name, so keyboard and screen-reader users meet the same control before and after
   * CodeMirror replaces it.
   */
  editorLabel?: string;
  /** Id of an element describing the editor (e.g. its keyboard help). */
  describedBy?: string;
  /**
   * Read-only code with a title elsewhere (e.g. "A solution"): the `<pre>` becomes a region named
   * by the element with this id, so a keyboard user who tabs to it hears what it is.
   */
  labelledBy?: string;
}

/**
 * The code as HTML that looks like the editor: a gutter of line numbers (hidden from assistive
 * technology and from copying) beside a `<pre>` holding the code. Windows line endings are
 * normalised like CodeMirror does. Needs `.tk-code-static` from code-cell.css.
 */
export function staticCodeMarkup(code: string, options: StaticCodeOptions = {}): string {
  const lines = tokenLines(code.replace(/\r\n?/g, '\n'));
  const numbers = lines.map((_, i) => `<span>${i + 1}</span>`).join('');
  // A <pre> does not draw a line after a final newline; CodeMirror does, so add one more.
  const trailing = lines.length > 1 && lines[lines.length - 1]!.length === 0 ? '\n' : '';
  const body = lines.map(tokensHtml).join('\n') + trailing;
  const tabindex = options.focusable === false ? '' : ' tabindex="0"';
  const role = options.editorLabel
    ? ` role="textbox" aria-multiline="true" aria-label="${escapeHtml(options.editorLabel)}"` +
      (options.describedBy ? ` aria-describedby="${escapeHtml(options.describedBy)}"` : '')
    : options.labelledBy
      ? ` role="region" aria-labelledby="${escapeHtml(options.labelledBy)}"`
      : '';
  return (
    `<div class="tk-code-static">` +
    `<div class="tk-code-static__gutter" aria-hidden="true">${numbers}</div>` +
    `<pre class="tk-code-static__code"${tabindex}${role}><code>${body}</code></pre>` +
    `</div>`
  );
}
