/**
 * Cuts an MDX body into top-level blocks, so that the preview can re-parse and re-render only the
 * block an edit touched.
 *
 * The cut is made at blank lines, but only where the whole document's parser is back at the top
 * level: each block must parse on its own exactly as it does inside the whole document (micromark
 * with MDX, GFM and maths). So a block keeps together, across blank lines:
 *
 * - fenced code (``` or ~~~, closed by a fence of the same character at least as long; an unclosed
 *   fence runs to the end, as in Markdown),
 * - `$$` display maths (to the closing `$$`; unclosed runs to the end),
 * - JSX elements over several lines (`<Callout>` … `</Callout>`, nested same-name tags counted,
 *   opening tags over several lines whose attribute values may hold `>`, braces or blank lines),
 * - `{…}` expressions and ESM (`import`/`export`) whose brackets are still open,
 * - lists whose items are separated by blank lines, and anything indented after a blank line.
 *
 * An unclosed JSX element or expression cannot be parsed by MDX at all; rather than swallowing the
 * rest of the document into one broken block, it then ends at the next blank line (the renderer
 * shows its error there, and everything after it still previews).
 *
 * Linear in the length of the body; never throws.
 */
import type { SourceBlock } from './types.ts';

/** Opening fence of fenced code: indentation (any: MDX turns indented code off), then ``` or ~~~. */
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
/** Opening `$$` of display maths (two or more dollars; the rest of the line may not hold a `$`). */
const MATH_OPEN = /^[ \t]*(\${2,})([^$]*)$/;
/** A list item marker at the start of a line (indented at most 3). */
const LIST_MARKER = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A line starting with indentation. */
const INDENTED = /^[ \t]/;
/** ESM at the start of a line. */
const ESM_START = /^(?:import|export)[ \t{*]/;
/** Characters that may start a JSX name (or `>` of a fragment, `/` of a closing tag). */
const JSX_NAME_START = /[A-Za-z_$]/;
const JSX_NAME_CHAR = /[\w$.:-]/;

interface Line {
  /** Offset of the first character (relative to the body). */
  start: number;
  /** Offset just past the last character, line ending excluded. */
  end: number;
  /** Offset of the next line's first character (or body length). */
  next: number;
}

/** Splits text into lines, recognising \n, \r\n and \r as line endings. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const ending = /\r\n?|\n/g;
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = ending.exec(text)) !== null) {
    lines.push({ start, end: match.index, next: match.index + match[0].length });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/**
 * Cuts `body` into top-level blocks. `offset` and `firstLine` say where the body starts in the whole
 * source (after the frontmatter), so the blocks' offsets and lines refer to the whole source.
 */
export function splitBlocks(body: string, offset = 0, firstLine = 1): SourceBlock[] {
  const lines = splitLines(body);
  const n = lines.length;
  const lineText = (i: number): string => {
    const line = lines[i]!;
    return body.slice(line.start, line.end);
  };
  const isBlank = (i: number): boolean => /^[ \t]*$/.test(lineText(i));

  /** Index of the line holding offset `pos` (binary search). */
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /**
   * If line i opens a fence (code or maths), the index of the line after its closing fence (or n when
   * unclosed); else -1.
   */
  const fenceEnd = (i: number): number => {
    const text = lineText(i);
    let closing: RegExp | null = null;
    const code = FENCE_OPEN.exec(text);
    if (code) {
      const fence = code[1]!;
      // A backtick fence's info string may not hold a backtick (else it is inline code).
      if (fence[0] === '`' && code[2]!.includes('`')) return -1;
      const char = fence[0] === '`' ? '`' : '~';
      closing = new RegExp(`^[ \\t]*${char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    } else {
      const math = MATH_OPEN.exec(text);
      if (!math) return -1;
      closing = new RegExp(`^[ \\t]*\\\${${math[1]!.length},}[ \\t]*$`);
    }
    for (let j = i + 1; j < n; j++) {
      if (closing.test(lineText(j))) return j + 1;
    }
    return n;
  };

  /**
   * Skips a JavaScript expression starting at the `{` at `pos` (strings, template literals and
   * comments understood). Returns the offset just past the matching `}`, or -1 when unclosed.
   */
  const skipBraces = (pos: number): number => {
    const stack: ('{' | '`')[] = [];
    let i = pos;
    const len = body.length;
    while (i < len) {
      const c = body[i]!;
      const top = stack[stack.length - 1];
      if (top === '`') {
        // Inside a template literal: only `, ${ and escapes matter.
        if (c === '\\') i += 2;
        else if (c === '`') {
          stack.pop();
          i++;
        } else if (c === '$' && body[i + 1] === '{') {
          stack.push('{');
          i += 2;
        } else i++;
        continue;
      }
      if (c === '{' || c === '(' || c === '[') {
        // Parens and brackets are not tracked separately: only braces decide the end.
        if (c === '{') stack.push('{');
        i++;
      } else if (c === '}') {
        stack.pop();
        i++;
        if (stack.length === 0) return i;
      } else if (c === '"' || c === "'") {
        i++;
        while (i < len && body[i] !== c && body[i] !== '\n' && body[i] !== '\r') i += body[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '`') {
        stack.push('`');
        i++;
      } else if (c === '/' && body[i + 1] === '/') {
        while (i < len && body[i] !== '\n' && body[i] !== '\r') i++;
      } else if (c === '/' && body[i + 1] === '*') {
        const close = body.indexOf('*/', i + 2);
        if (close < 0) return -1;
        i = close + 2;
      } else i++;
    }
    return -1;
  };

  interface Tag {
    name: string;
    closing: boolean;
    selfClosing: boolean;
    /** Offset just past the tag's `>`. */
    end: number;
  }

  /** Reads a JSX tag at the `<` at `pos`, or null when it is not one (or never ends). */
  const readTag = (pos: number): Tag | null => {
    let i = pos + 1;
    const len = body.length;
    const skipSpace = (): void => {
      while (i < len && /\s/.test(body[i]!)) i++;
    };
    skipSpace();
    let closing = false;
    if (body[i] === '/') {
      closing = true;
      i++;
      skipSpace();
    }
    const nameStart = i;
    if (i < len && JSX_NAME_START.test(body[i]!)) {
      i++;
      while (i < len && JSX_NAME_CHAR.test(body[i]!)) i++;
    } else if (body[i] !== '>') return null; // not a tag (`a < b`), nor a fragment `<>`
    const name = body.slice(nameStart, i);
    while (i < len) {
      const c = body[i]!;
      if (c === '>') return { name, closing, selfClosing: false, end: i + 1 };
      if (c === '/') {
        i++;
        skipSpace();
        if (body[i] === '>') return { name, closing, selfClosing: true, end: i + 1 };
        continue;
      }
      if (c === '"' || c === "'") {
        const close = body.indexOf(c, i + 1);
        if (close < 0) return null;
        i = close + 1;
      } else if (c === '{') {
        const close = skipBraces(i);
        if (close < 0) return null;
        i = close;
      } else i++;
    }
    return null;
  };

  /** Last offset of `</name` in the body, per name (so unclosed elements fail fast). */
  const lastClose = new Map<string, number>();
  const lastCloseOf = (name: string): number => {
    let at = lastClose.get(name);
    if (at === undefined) {
      at = body.lastIndexOf(`</${name}`);
      lastClose.set(name, at);
    }
    return at;
  };

  /**
   * Finds the end of the JSX element whose opening tag is at `pos`. Inside the element only tags of
   * the same name count (fenced code and inline code are skipped). Returns the offset just past the
   * element, or -1 when it is not closed.
   */
  const skipElement = (pos: number): number => {
    const open = readTag(pos);
    if (!open || open.closing) return -1;
    if (open.selfClosing) return open.end;
    const name = open.name;
    if (lastCloseOf(name) < open.end) return -1;
    let depth = 1;
    let i = open.end;
    const len = body.length;
    let line = lineOf(i);
    while (i < len) {
      // At the start of a line: skip fenced code and display maths.
      if (line < n && i === lines[line]!.start) {
        const end = fenceEnd(line);
        if (end >= 0) {
          if (end >= n) return -1;
          line = end;
          i = lines[end]!.start;
          continue;
        }
      }
      const c = body[i]!;
      if (c === '\n' || c === '\r') {
        i = lines[line]!.next;
        line++;
        continue;
      }
      if (c === '`') {
        // Inline code: a run of backticks closed by a run of the same length.
        let run = 1;
        while (body[i + run] === '`') run++;
        const ticks = '`'.repeat(run);
        // A code span cannot run past a blank line: look no further than the paragraph's end.
        const blank = /\n[ \t]*(?:\r?\n|\r|$)/g;
        blank.lastIndex = i;
        const limit = blank.exec(body)?.index ?? len;
        let search = i + run;
        let close = -1;
        while ((close = body.indexOf(ticks, search)) >= 0 && close < limit && body[close + run] === '`') {
          search = close + run;
          while (body[search] === '`') search++;
        }
        if (close >= 0 && close < limit) {
          i = close + run;
          line = lineOf(i);
        } else i += run;
        continue;
      }
      if (c === '<') {
        const tag = readTag(i);
        if (tag && tag.name === name) {
          if (tag.closing) depth--;
          else if (!tag.selfClosing) depth++;
          i = tag.end;
          line = lineOf(i);
          if (depth === 0) return i;
          continue;
        }
      }
      i++;
    }
    return -1;
  };

  /**
   * Consumes the construct starting on line i and returns the index of the line after it (a single
   * line unless it opens a fence, maths, a JSX element, an expression or ESM that runs further).
   */
  const consume = (i: number): number => {
    const fence = fenceEnd(i);
    if (fence >= 0) return fence;
    const line = lines[i]!;
    const text = lineText(i);
    const indent = text.length - text.trimStart().length;
    const first = line.start + indent;
    const c = body[first];
    let end = -1;
    if (c === '<') end = skipElement(first);
    else if (c === '{') end = skipBraces(first);
    else if (indent === 0 && ESM_START.test(text)) end = esmEnd(i);
    if (end < 0) return i + 1;
    // The construct ends on some line; the block goes on from the line after that one.
    return Math.max(i + 1, lineOf(Math.max(first, end - 1)) + 1);
  };

  /**
   * ESM runs until a blank line where its brackets are balanced (MDX keeps reading while the code
   * could still be completed). Returns the offset where it ends, or -1 when it ends on its own line.
   */
  const esmEnd = (i: number): number => {
    let depth = 0;
    let j = i;
    for (; j < n; j++) {
      if (isBlank(j) && depth <= 0) break;
      const text = lineText(j);
      for (const ch of text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '')) {
        if (ch === '{' || ch === '(' || ch === '[') depth++;
        else if (ch === '}' || ch === ')' || ch === ']') depth--;
      }
    }
    return j === i + 1 ? -1 : lines[j - 1]!.end;
  };

  /** Whether lines [from, to) hold a list item marker (outside fences): the block may end in a list. */
  const hasList = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (LIST_MARKER.test(lineText(i))) return true;
    return false;
  };

  const blocks: SourceBlock[] = [];
  let i = 0;
  while (i < n) {
    if (isBlank(i)) {
      i++;
      continue;
    }
    const start = i;
    let list = false;
    let segment = i;
    for (;;) {
      // Within a block: one construct after another until a blank line.
      while (i < n && !isBlank(i)) i = consume(i);
      list = list || hasList(segment, i);
      // At a blank line (or the end): does the next non-blank line continue this block?
      let next = i;
      while (next < n && isBlank(next)) next++;
      if (next >= n) break;
      const nextText = lineText(next);
      if (INDENTED.test(nextText) || (list && LIST_MARKER.test(nextText))) {
        i = next;
        segment = next;
        continue;
      }
      break;
    }
    // The block ends at its last non-blank line (a fence may have run to the end).
    let last = i - 1;
    while (last > start && isBlank(last)) last--;
    const from = lines[start]!.start;
    const to = lines[last]!.end;
    blocks.push({
      text: body.slice(from, to),
      startLine: firstLine + start,
      endLine: firstLine + last,
      from: offset + from,
      to: offset + to,
    });
  }
  return blocks;
}
