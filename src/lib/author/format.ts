/**
 * The editor's toolbar and shortcut edits, as pure functions of (text, selection).
 *
 * `applyFormat` returns the changes to make (in the coordinates of the document before the edit,
 * sorted and non-overlapping, as CodeMirror's `changes` takes them) and the selection to set
 * afterwards (in the new document).
 */

export interface TextSelection {
  from: number;
  to: number;
}

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface TextEdit {
  changes: TextChange[];
  selection: TextSelection;
}

export type FormatCommand = 'bold' | 'italic' | 'link' | 'inline-math' | 'display-math' | 'code-block' | 'heading';

/** The commands, in toolbar order, with their CodeMirror key and the label a tooltip shows. */
export const FORMAT_COMMANDS: readonly { command: FormatCommand; label: string; key: string; keyLabel: string }[] = [
  { command: 'bold', label: 'Bold', key: 'Mod-b', keyLabel: 'Ctrl+B' },
  { command: 'italic', label: 'Italic', key: 'Mod-i', keyLabel: 'Ctrl+I' },
  { command: 'link', label: 'Link', key: 'Mod-k', keyLabel: 'Ctrl+K' },
  { command: 'inline-math', label: 'Inline maths', key: 'Mod-Shift-m', keyLabel: 'Ctrl+Shift+M' },
  { command: 'display-math', label: 'Display maths', key: 'Mod-Shift-d', keyLabel: 'Ctrl+Shift+D' },
  { command: 'code-block', label: 'Code block', key: 'Mod-Shift-x', keyLabel: 'Ctrl+Shift+X' },
  { command: 'heading', label: 'Heading', key: 'Mod-Shift-h', keyLabel: 'Ctrl+Shift+H' },
];

/** Applies a formatting command to `doc` with selection `sel` (from may be after to). */
export function applyFormat(command: FormatCommand, doc: string, sel: TextSelection): TextEdit {
  const from = clamp(Math.min(sel.from, sel.to), doc.length);
  const to = clamp(Math.max(sel.from, sel.to), doc.length);
  switch (command) {
    case 'bold':
      return toggleInline(doc, from, to, '**', true);
    case 'italic':
      return toggleInline(doc, from, to, '_', true);
    case 'inline-math':
      return toggleInline(doc, from, to, '$', false);
    case 'link':
      return link(doc, from, to);
    case 'display-math':
      return fencedBlock(doc, from, to, 'math');
    case 'code-block':
      return fencedBlock(doc, from, to, 'code');
    case 'heading':
      return heading(doc, from, to);
    default: {
      const unknown: never = command;
      throw new Error(`applyFormat: unknown command "${String(unknown)}"; use one of ${FORMAT_COMMANDS.map((c) => c.command).join(', ')}.`);
    }
  }
}

const clamp = (pos: number, length: number): number => Math.max(0, Math.min(length, Math.trunc(pos) || 0));

/** Where `pos` of the old text lands in the new one (after insertions at pos when `after`). */
function mapPos(pos: number, changes: readonly TextChange[], after: boolean): number {
  let delta = 0;
  for (const change of changes) {
    if (change.from > pos || (change.from === pos && change.to === pos && !after)) break;
    if (change.to <= pos) delta += change.insert.length - (change.to - change.from);
    else return change.from + delta + (after ? change.insert.length : 0); // pos inside a replaced range
  }
  return pos + delta;
}

/** Another marker that means the same (italic: `*` as well as `_`). */
const ALTERNATES: Record<string, string[]> = { '**': ['**', '__'], _: ['_', '*'], $: ['$'] };

/** Whether `text` is wrapped in `marker` (and, for a single `*`, not really bold `**`). */
function wrappedIn(text: string, marker: string): boolean {
  if (text.length < marker.length * 2 + 1 || !text.startsWith(marker) || !text.endsWith(marker)) return false;
  if (marker === '*' && (text.startsWith('**') || text.endsWith('**')) && !text.startsWith('***')) return false;
  return true;
}

/** Line prefix that formatting keeps outside the markers: indentation, list marker, quote, heading. */
const LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+)?/;

/**
 * Bold, italic and inline maths: wraps the selection in `marker`, or removes the markers when the
 * selection is already wrapped (inside or just outside it). With `perLine`, a selection over several
 * lines wraps each line's text on its own (emphasis cannot span paragraphs or list items).
 */
function toggleInline(doc: string, from: number, to: number, marker: string, perLine: boolean): TextEdit {
  const markers = ALTERNATES[marker] ?? [marker];
  const text = doc.slice(from, to);

  if (from === to) {
    // Cursor between an empty pair (just inserted): take the pair away again.
    for (const m of markers) {
      if (doc.slice(from - m.length, from) === m && doc.slice(to, to + m.length) === m) {
        const changes = [{ from: from - m.length, to: to + m.length, insert: '' }];
        return { changes, selection: { from: from - m.length, to: from - m.length } };
      }
    }
    const changes = [{ from, to, insert: marker + marker }];
    return { changes, selection: { from: from + marker.length, to: from + marker.length } };
  }

  if (perLine && /\r?\n|\r/.test(text)) return toggleLines(doc, from, to, marker);

  // Already wrapped inside the selection: `**bold**` selected.
  for (const m of markers) {
    if (wrappedIn(text, m)) {
      const changes = [
        { from, to: from + m.length, insert: '' },
        { from: to - m.length, to, insert: '' },
      ];
      return { changes, selection: { from, to: to - 2 * m.length } };
    }
  }
  // Wrapped just outside the selection: `bold` selected in `**bold**`.
  for (const m of markers) {
    const outer = doc.slice(from - m.length, to + m.length);
    // A single `*` or `_` next to another one is part of a `**` / `__` (bold), not italic.
    const single = m.length === 1 && m !== '$';
    if (single && (doc[from - m.length - 1] === m || doc[to + m.length] === m)) continue;
    if (from >= m.length && wrappedIn(outer, m)) {
      const changes = [
        { from: from - m.length, to: from, insert: '' },
        { from: to, to: to + m.length, insert: '' },
      ];
      return { changes, selection: { from: from - m.length, to: to - m.length } };
    }
  }
  // Wrap the selection, leaving out spaces at its ends (`** bold**` is not bold in Markdown).
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  const start = from + lead;
  const end = Math.max(start, to - trail);
  const changes = [
    { from: start, to: start, insert: marker },
    { from: end, to: end, insert: marker },
  ];
  return { changes, selection: { from: start + marker.length, to: end + marker.length } };
}

/** Bold/italic over several lines: each non-blank line's text (after its prefix) on its own. */
function toggleLines(doc: string, from: number, to: number, marker: string): TextEdit {
  const markers = ALTERNATES[marker] ?? [marker];
  const spans: { from: number; to: number }[] = [];
  const lineBreak = /\r\n?|\n/g;
  let lineStart = doc.lastIndexOf('\n', from - 1) + 1;
  for (;;) {
    lineBreak.lastIndex = lineStart;
    const brk = lineBreak.exec(doc);
    const lineEnd = brk ? brk.index : doc.length;
    const line = doc.slice(lineStart, lineEnd);
    const prefix = LINE_PREFIX.exec(line)?.[0].length ?? 0;
    const start = Math.max(from, lineStart + prefix);
    const end = Math.min(to, lineEnd);
    const part = doc.slice(start, end);
    const lead = part.length - part.trimStart().length;
    const trail = part.length - part.trimEnd().length;
    if (end - start > lead) spans.push({ from: start + lead, to: end - trail });
    if (!brk || brk.index + brk[0].length > to) break;
    lineStart = brk.index + brk[0].length;
    if (lineStart >= to) break;
  }
  if (spans.length === 0) return { changes: [], selection: { from, to } };

  const unwrapWith = markers.find((m) => spans.every((s) => wrappedIn(doc.slice(s.from, s.to), m)));
  const changes: TextChange[] = [];
  for (const span of spans) {
    if (unwrapWith) {
      changes.push({ from: span.from, to: span.from + unwrapWith.length, insert: '' });
      changes.push({ from: span.to - unwrapWith.length, to: span.to, insert: '' });
    } else if (!markers.some((m) => wrappedIn(doc.slice(span.from, span.to), m))) {
      // Some lines wrapped, some not: wrap the others.
      changes.push({ from: span.from, to: span.from, insert: marker });
      changes.push({ from: span.to, to: span.to, insert: marker });
    }
  }
  // The selection keeps its text, inside the first and last markers.
  return { changes, selection: { from: mapPos(from, changes, true), to: mapPos(to, changes, false) } };
}

/** `[text](https://)` with the URL selected; an empty selection gets "link text", selected. */
function link(doc: string, from: number, to: number): TextEdit {
  const text = doc.slice(from, to);
  if (text === '' || /^https?:\/\/\S+$/.test(text.trim()) || /[\r\n]/.test(text)) {
    const url = /^https?:\/\/\S+$/.test(text.trim()) ? text.trim() : 'https://';
    const label = text !== '' && !/^https?:\/\//.test(text.trim()) ? text.replace(/\s+/g, ' ').trim() : 'link text';
    const insert = `[${label}](${url})`;
    return { changes: [{ from, to, insert }], selection: { from: from + 1, to: from + 1 + label.length } };
  }
  const insert = `[${text}](https://)`;
  const urlStart = from + text.length + 3;
  return { changes: [{ from, to, insert }], selection: { from: urlStart, to: urlStart + 'https://'.length } };
}

/**
 * Display maths or a code block: `$$` / ```js on their own lines around the selection (or an empty
 * block with the cursor inside), with a blank line before and after it.
 */
function fencedBlock(doc: string, from: number, to: number, kind: 'math' | 'code'): TextEdit {
  let inner = doc.slice(from, to);
  // A selection ending with its line break leaves the break where it is.
  const endBreak = /(?:\r\n?|\n)$/.exec(inner);
  if (endBreak) {
    to -= endBreak[0].length;
    inner = inner.slice(0, -endBreak[0].length);
  }
  let open: string;
  let close: string;
  if (kind === 'math') {
    // `$x$` selected becomes a display formula without its dollars.
    const inline = /^\$([^$]+)\$$/.exec(inner.trim());
    if (inline) inner = inline[1]!.trim();
    open = '$$';
    close = '$$';
  } else {
    // A fence longer than any backtick run inside the code.
    const longest = Math.max(2, ...Array.from(inner.matchAll(/`+/g), (m) => m[0].length));
    open = '`'.repeat(longest + 1) + 'js';
    close = '`'.repeat(longest + 1);
  }
  // Spaces between the block and the text beside it on the same line go.
  while (from > 0 && (doc[from - 1] === ' ' || doc[from - 1] === '\t')) from--;
  while (to < doc.length && (doc[to] === ' ' || doc[to] === '\t')) to++;
  const before = doc.slice(0, from);
  const after = doc.slice(to);
  const prefix = before === '' || /(?:^|\n)[ \t]*\n$/.test(before) ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const suffix = after === '' ? '' : /^\n[ \t]*(?:\n|$)/.test(after) ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const insert = `${prefix}${open}\n${inner}\n${close}${suffix}`;
  const innerStart = from + prefix.length + open.length + 1;
  return { changes: [{ from, to, insert }], selection: { from: innerStart, to: innerStart + inner.length } };
}

/** Cycles the lines of the selection through `##` → `###` → plain → `##`. */
function heading(doc: string, from: number, to: number): TextEdit {
  const lineStartOf = (pos: number): number => Math.max(doc.lastIndexOf('\n', pos - 1), doc.lastIndexOf('\r', pos - 1)) + 1;
  // A selection ending at the start of a line does not take that line.
  const last = to > from && lineStartOf(to) === to ? to - 1 : to;
  const lines: { start: number; text: string }[] = [];
  let start = lineStartOf(from);
  for (;;) {
    const brk = /\r\n?|\n/g;
    brk.lastIndex = start;
    const match = brk.exec(doc);
    const end = match ? match.index : doc.length;
    lines.push({ start, text: doc.slice(start, end) });
    if (!match || match.index + match[0].length > last) break;
    start = match.index + match[0].length;
  }
  const HASHES = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)/;
  const content = lines.filter((l) => l.text.trim() !== '');
  const firstLevel = HASHES.exec((content[0] ?? lines[0]!).text)?.[1]!.length ?? 0;
  const next = firstLevel === 2 ? '### ' : firstLevel === 3 ? '' : '## ';
  const changes: TextChange[] = [];
  for (const line of lines) {
    if (line.text.trim() === '' && lines.length > 1) continue;
    const existing = HASHES.exec(line.text)?.[0].length ?? 0;
    if (line.text.slice(0, existing) !== next) changes.push({ from: line.start, to: line.start + existing, insert: next });
  }
  if (from === to) {
    // Keep the cursor on the same character of the title (at its start if it was in the old #'s).
    const pos = mapPos(from, changes, true);
    return { changes, selection: { from: pos, to: pos } };
  }
  return { changes, selection: { from: mapPos(from, changes, true), to: mapPos(to, changes, true) } };
}
