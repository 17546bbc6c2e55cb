/**
 * Lesson prose must never promise a lesson that a reader cannot open. A sentence that points to
 * another lesson ("the next lesson", "later lessons", "we return to …") must link to the lesson that
 * keeps the promise, either on the phrase itself or later in the same sentence; otherwise it is
 * reworded until that lesson exists. `unlinkedPromises` finds the sentences that break the rule,
 * and `lessonLinks` lists the lesson pages a text links to, so a test can check that they exist.
 *
 * Pure string work over the MDX source (no Astro, no DOM): src/lib/content/promises.test.ts runs it
 * on every file of content/lessons/.
 */

/** Phrases that point to another lesson. Each needs a link in its sentence. */
export const PROMISE_PATTERNS: readonly RegExp[] = [
  /\b(?:the |a |our )?next lessons?\b/i,
  /\b(?:the |a )?(?:later|coming|upcoming|future|following|previous|earlier) lessons?\b/i,
  /\blessons? (?:still )?to come\b/i,
  /\ba later (?:lesson|chapter|part|section of the course)\b/i,
  /\bwe(?:'ll| will)? (?:return|come back) to\b(?! (?:it|this|them|that) (?:below|above|later in this lesson))/i,
  /\bin (?:a |the )?(?:later|next|coming) (?:lesson|chapter|track)s?\b/i,
  /\bin lesson \d+\b/i,
];

export interface UnlinkedPromise {
  /** The words that make the promise, as written. */
  phrase: string;
  /** The whole sentence, with whitespace collapsed. */
  sentence: string;
  /** 1-based line of the phrase in the text. */
  line: number;
}

/** Replaces a span by spaces of the same length (newlines kept), so offsets and lines still match. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));
}

/**
 * The prose of an MDX lesson with everything that is not prose blanked out: the frontmatter,
 * import lines, MDX comments, fenced code, inline code and the code of code cells.
 */
export function proseOf(mdx: string): string {
  let text = blank(mdx, /^---\n[\s\S]*?\n---\n/);
  text = blank(text, /^import .*$/gm);
  text = blank(text, /\{\/\*[\s\S]*?\*\/\}/g);
  text = blank(text, /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm);
  text = blank(text, /\bcode=\{`(?:\\[\s\S]|[^`\\])*`\}/g);
  text = blank(text, /`[^`\n]*`/g);
  return text;
}

/** The spans [start, end) of links: Markdown `[text](url)` and JSX/HTML `<a …>…</a>`. */
export function linkSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/\[[^\]\n]*\]\([^)\s]+(?:\s+"[^"]*")?\)|<a\b[^>]*\bhref=[^>]*>[\s\S]*?<\/a>/g)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** The sentences of a text as [start, end) spans: paragraphs split at . ! ? followed by a space. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const boundary = /(?<=[.!?])["”’)*_]*\s+(?=[A-Z<[*_$"“(])|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+] |\d+\. |#|\||<[A-Z/]))/g;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, text.length]);
  return spans;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Every promise phrase of an MDX lesson that has no link on it or after it in its sentence. */
export function unlinkedPromises(mdx: string): UnlinkedPromise[] {
  const text = proseOf(mdx);
  const links = linkSpans(text);
  const found: UnlinkedPromise[] = [];
  for (const [start, end] of sentenceSpans(text)) {
    const sentence = text.slice(start, end);
    // Every match of every pattern; where two overlap ("in the next lesson", "the next lesson"), the first and longest.
    const matches = PROMISE_PATTERNS.flatMap((pattern) =>
      [...sentence.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => ({
        at: start + m.index,
        text: m[0],
      })),
    ).sort((a, b) => a.at - b.at || b.text.length - a.text.length);
    let coveredTo = -1;
    for (const m of matches) {
      if (m.at < coveredTo) continue;
      coveredTo = m.at + m.text.length;
      const linked = links.some(([ls, le]) => (ls <= m.at && m.at < le) || (ls >= m.at && ls < end));
      if (!linked) {
        found.push({ phrase: m.text, sentence: sentence.replace(/\s+/g, ' ').trim(), line: lineAt(mdx, m.at) });
      }
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * The slugs of the lesson pages a text links to: `siteUrl('lessons/<slug>/')` (or `url(…)`) in an
 * href, and Markdown links to `lessons/<slug>/`.
 */
export function lessonLinks(mdx: string): string[] {
  const slugs = new Set<string>();
  for (const m of mdx.matchAll(/\b(?:siteUrl|url)\(\s*['"`]\/?lessons\/([^/'"`#?]+)\/?(?:#[^'"`]*)?['"`]\s*\)/g)) slugs.add(m[1]!);
  for (const m of mdx.matchAll(/\]\(\/?(?:\.\.\/)*lessons\/([^/)#?\s]+)\/?[^)]*\)/g)) slugs.add(m[1]!);
  return [...slugs];
}
