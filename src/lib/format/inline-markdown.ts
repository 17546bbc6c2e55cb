/**
 * A small, forgiving inline Markdown for texts made at run time, such as a grader's message:
 * `code`, *emphasis*, **strong** and [links](https://…). It returns pieces, never HTML: the
 * widget builds DOM nodes from them (text stays text), so nothing in the text can become markup.
 * Unlike the quiz renderer (lib/quiz/inline.ts, which checks authored text at build time), it never
 * throws: a marker that is not closed is shown as it is.
 */

export type InlinePiece =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string };

/** Link targets that are safe to follow: http(s), or a path on this site. Anything else stays text. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(h)) return h;
  if (/^(\/(?!\/)|\.\.?\/|#)[^\s:]*$/.test(h)) return h;
  return null;
}

const WORD = /[\p{L}\p{N}_]/u;

/** Splits `text` into pieces; adjacent plain text is merged. */
export function parseInlineMarkdown(text: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let plain = '';
  const push = (piece: InlinePiece) => {
    if (plain) pieces.push({ kind: 'text', text: plain });
    plain = '';
    pieces.push(piece);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '`*[]\\'.includes(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '*') {
      const strong = text[i + 1] === '*';
      const marker = strong ? '**' : '*';
      const open = i + marker.length;
      const before = i > 0 ? text[i - 1]! : ' ';
      if (!WORD.test(before) && open < text.length && !/\s/.test(text[open]!)) {
        const end = closing(text, open, marker);
        if (end > open) {
          push({ kind: strong ? 'strong' : 'em', text: text.slice(open, end) });
          i = end + marker.length;
          continue;
        }
      }
    }
    if (c === '[') {
      const close = text.indexOf(']', i + 1);
      if (close > i + 1 && text[close + 1] === '(') {
        const end = text.indexOf(')', close + 2);
        const href = end > 0 ? safeHref(text.slice(close + 2, end)) : null;
        if (href) {
          push({ kind: 'link', text: text.slice(i + 1, close), href });
          i = end + 1;
          continue;
        }
      }
    }
    plain += c;
    i++;
  }
  if (plain) pieces.push({ kind: 'text', text: plain });
  return pieces;
}

/** Where `marker` closes emphasis opened before `from` (not after a space, not inside a word), or -1. */
function closing(text: string, from: number, marker: string): number {
  for (let j = text.indexOf(marker, from); j >= 0; j = text.indexOf(marker, j + 1)) {
    const after = text[j + marker.length];
    if (!/\s/.test(text[j - 1]!) && (after === undefined || !WORD.test(after)) && (marker === '**' || text[j + 1] !== '*')) return j;
  }
  return -1;
}

/** The text without its markup, for a status line or a screen reader's short summary. */
export function inlineMarkdownText(text: string): string {
  return parseInlineMarkdown(text)
    .map((p) => p.text)
    .join('');
}
