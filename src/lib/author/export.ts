/**
 * Getting a draft out of the editor and back in:
 * - exportDraft: the `.mdx` text to drop into content/lessons/ as is (LF line ends, one final
 *   newline, an import line for each Tinker component the body uses and does not import yet);
 * - exportFileName: `NN-slug.mdx`, named so the lesson is served at /lessons/<slug>/;
 * - readImportedFile: checks and decodes a `.md`/`.mdx` file the author opens.
 */
import { plural } from '../format/numbers.ts';
import { authorComponent, componentImport } from './components.ts';
import type { AuthorDiagnostic } from './types.ts';
import { parseFrontmatter, UNCLOSED_FRONTMATTER_MESSAGE } from './frontmatter.ts';

/** The largest file readImportedFile accepts. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const MARKDOWN_EXTENSION = /\.(md|mdx|markdown)$/i;

/** Strips a leading BOM and turns CRLF and CR line ends into LF. */
export function normalizeText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------------------------------------
// Scanning the body: which components it uses as tags, which names it imports.

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const IMPORT_LINE = /^import\s/;

/**
 * The lines of the body that are MDX (not inside fenced code or `$$` display maths), each with
 * inline code and inline maths blanked out, so that `<Quiz` in a code sample is not a tag.
 */
function proseLines(body: string): string[] {
  const out: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let inMath = false;
  for (const line of body.split('\n')) {
    if (fence) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (inMath) {
      if (line.includes('$$')) inMath = false;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('$$')) {
      // `$$ x $$` on one line is a whole formula; a lone `$$` opens a block.
      if (!trimmed.slice(2).includes('$$')) inMath = true;
      continue;
    }
    out.push(blankInlineCode(line));
  }
  return out;
}

/** The line with inline code spans (any backtick run length) and `$…$` maths replaced by spaces. */
function blankInlineCode(line: string): string {
  let result = line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (m) => ' '.repeat(m.length));
  result = result.replace(/\$\$[^$]*\$\$|\$[^$\s][^$]*\$/g, (m) => ' '.repeat(m.length));
  return result;
}

/** Component names used as JSX tags (`<Name …`, `<Name>`, `<Name/>`, `<Name` ending a line), in order of first use. */
export function usedComponentTags(body: string): string[] {
  const names: string[] = [];
  const tag = /(^|[^\w\\])<([A-Z][A-Za-z0-9_]*)(?=[\s/>]|$)/g;
  for (const line of proseLines(body)) {
    if (IMPORT_LINE.test(line)) continue;
    for (const match of line.matchAll(tag)) {
      const name = match[2]!;
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Local names bound by the `import` lines of the body (default, named, namespace). */
export function importedNames(body: string): Set<string> {
  const names = new Set<string>();
  for (const line of proseLines(body)) {
    const match = /^import\s+(.+?)\s+from\s+['"]/.exec(line);
    if (!match) continue;
    const clause = match[1]!;
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named ? named[1]!.split(',') : []) {
      const local = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (local) names.add(local);
    }
    const rest = clause.replace(/\{[^}]*\}/, '').replace(/\*\s*as\s+/, '');
    for (const part of rest.split(',')) {
      const local = part.trim();
      if (/^[A-Za-z_$][\w$]*$/.test(local)) names.add(local);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * The `.mdx` text for content/lessons/: no BOM, LF line ends, exactly one final newline, and an
 * import line (componentImport) for every known component the body uses as a tag but does not
 * import. New imports go at the end of the import lines at the top of the body when there are
 * some, else right after the frontmatter and a blank line (or at the very top without
 * frontmatter), followed by a blank line. With an unclosed frontmatter block nothing is added
 * (there is no safe place; the editor shows that error). Idempotent.
 */
export function exportDraft(source: string): string {
  const text = normalizeText(source).replace(/\n+$/, '') + '\n';
  const frontmatter = parseFrontmatter(text);
  if (frontmatter.diagnostics.some((d) => d.message === UNCLOSED_FRONTMATTER_MESSAGE)) return text;
  const head = text.slice(0, frontmatter.bodyOffset);
  const body = text.slice(frontmatter.bodyOffset);
  const imported = importedNames(body);
  const missing = usedComponentTags(body).filter((name) => authorComponent(name) && !imported.has(name));
  if (missing.length === 0) return text;
  const lines = missing.sort().map(componentImport);

  // The import group at the top of the body: blank lines, then consecutive `import` lines.
  const bodyLines = body.split('\n');
  let first = 0;
  while (first < bodyLines.length && bodyLines[first]!.trim() === '') first++;
  let end = first;
  while (end < bodyLines.length && IMPORT_LINE.test(bodyLines[end]!)) end++;
  if (end > first) {
    bodyLines.splice(end, 0, ...lines);
    return head + bodyLines.join('\n');
  }
  const rest = body.replace(/^\n+/, '');
  const separator = frontmatter.present ? '\n' : '';
  return head + separator + lines.join('\n') + '\n' + (rest.length > 0 ? '\n' + rest : '');
}

// ---------------------------------------------------------------------------------------------
// File name

/** Letters that NFKD does not fold to ASCII. */
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

const MAX_SLUG = 60;

/**
 * The URL slug for a lesson title: lower-case ASCII words joined by `-` (accents folded), at
 * most 60 characters cut at a word boundary where possible; "untitled-lesson" when nothing is left.
 */
export function titleSlug(title: string): string {
  const folded = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^ -~]/g, (c) => FOLDS[c] ?? ' ');
  let slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG + 1);
    const dash = cut.lastIndexOf('-');
    slug = (dash > MAX_SLUG / 2 ? cut.slice(0, dash) : cut.slice(0, MAX_SLUG)).replace(/-+$/, '');
  }
  return slug.length > 0 ? slug : 'untitled-lesson';
}

/**
 * `NN-slug.mdx` for a draft: NN is the frontmatter `order` with two digits at least (00 when
 * missing or not a whole number from 0), slug is titleSlug of the title. The site serves the
 * lesson at /lessons/<slug>/ (lessonSlug in src/lib/content/course.ts strips the `NN-`).
 */
export function exportFileName(source: string): string {
  const raw = parseFrontmatter(normalizeText(source)).raw;
  const order = raw?.order;
  const nn = typeof order === 'number' && Number.isInteger(order) && order >= 0 ? String(order).padStart(2, '0') : '00';
  const title = typeof raw?.title === 'string' ? raw.title : '';
  return `${nn}-${titleSlug(title)}.mdx`;
}

// ---------------------------------------------------------------------------------------------
// Import

export type ImportedFile = { ok: true; text: string } | { ok: false; message: string };

/**
 * Checks and decodes a file the author opens: a `.md`, `.mdx` or `.markdown` name, at most 2 MB,
 * valid UTF-8 without NUL bytes. The text comes back without a BOM and with LF line ends.
 */
export function readImportedFile(name: string, bytes: Uint8Array): ImportedFile {
  const shown = `"${name}"`;
  if (!MARKDOWN_EXTENSION.test(name)) {
    return { ok: false, message: `${shown} is not a Markdown file: choose a .md or .mdx file.` };
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = (bytes.byteLength / (1024 * 1024)).toFixed(1);
    return {
      ok: false,
      message: `${shown} is ${mb} MB, more than the 2 MB a lesson draft may have: choose a smaller file or split the lesson.`,
    };
  }
  const binary = {
    ok: false as const,
    message: `${shown} looks like a binary file, not Markdown (it is not UTF-8 text): choose a .md or .mdx file saved as UTF-8 text.`,
  };
  if (bytes.includes(0)) return binary;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return binary;
  }
  return { ok: true, text: normalizeText(text) };
}

// ---------------------------------------------------------------------------------------------
// Problems to warn about before an export

/**
 * The problems of a draft the site's build would stop on (frontmatter, MDX syntax, KaTeX,
 * Quiz checks, unknown components), plus HTML the preview refused to show: every error the
 * editor found, in line order. Warnings are left out (the lesson builds with them).
 */
export function exportProblems(diagnostics: readonly AuthorDiagnostic[]): AuthorDiagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error').sort((a, b) => a.line - b.line);
}

/** One problem as the export warning lists it: "Line 5: minutes: expected a number…" (a frontmatter message starts with its field). */
export function exportProblemText(problem: AuthorDiagnostic): string {
  return `Line ${problem.line}: ${problem.message}`;
}

/** The status line after an export, saying how many problems the file has. */
export function exportStatus(fileName: string, problems: number): string {
  if (problems === 0) return `Exported ${fileName}: put it in content/lessons/.`;
  return `Exported ${fileName} with ${plural(problems, 'problem')}: the site will not build with it until ${problems === 1 ? 'it is' : 'they are'} fixed (see Problems beside the preview).`;
}
