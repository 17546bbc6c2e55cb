/**
 * Finds and checks the frontmatter of a lesson draft: the `---` … `---` block at the top.
 *
 * The YAML is parsed with `yaml`'s parseDocument and a LineCounter, so every problem can be
 * shown at its own line: a YAML syntax error at the line it is on, a bad field at the line of
 * its key (an objectives item at the line of that item), an unknown field at its key, and a
 * missing field at the opening `---`. The fields are validated with the real lessonSchema, so
 * the editor reports exactly what `astro build` would refuse.
 *
 * Lines are 1-based and offsets are UTF-16 indexes into the whole source, BOM included (see
 * types.ts). Line ends may be LF, CRLF or CR.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { lessonSchema, type LessonFrontmatter } from '../content/lesson-schema.ts';
import type { AuthorDiagnostic, FrontmatterResult } from './types.ts';

export const NO_FRONTMATTER_MESSAGE =
  'This draft has no frontmatter: start it with a --- block holding title, summary, order, track, objectives and minutes (see the cheat sheet).';

export const UNCLOSED_FRONTMATTER_MESSAGE =
  'The frontmatter block opened with --- on line 1 is never closed: add a line holding just --- after its last field.';

/** The fields a lesson's frontmatter may have, in the schema's order. */
export const FRONTMATTER_FIELDS: readonly string[] = Object.keys(lessonSchema.shape);

const FENCE = /^---[ \t]*$/;

interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character (before the line break). */
  end: number;
  /** Offset of the next line (past the line break). */
  next: number;
}

/** The lines of `source` from `from`, with their offsets (LF, CRLF and CR all end a line). */
function splitLines(source: string, from: number): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n|\r|\n/g;
  breaks.lastIndex = from;
  let start = from;
  for (let match = breaks.exec(source); match !== null; match = breaks.exec(source)) {
    lines.push({ start, end: match.index, next: match.index + match[0].length });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: source.length, next: source.length });
  return lines;
}

/** Parses the frontmatter of `source` and validates it against the lesson schema. Never throws. */
export function parseFrontmatter(source: string): FrontmatterResult {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = splitLines(source, bom);
  const first = lines[0]!;
  if (!FENCE.test(source.slice(first.start, first.end))) {
    // No frontmatter: the body is the whole document (after the BOM, if any).
    return {
      present: false,
      yaml: '',
      bodyOffset: bom,
      bodyStartLine: 1,
      data: null,
      raw: null,
      diagnostics: [{ source: 'frontmatter', severity: 'error', line: 1, field: null, message: NO_FRONTMATTER_MESSAGE }],
    };
  }
  const closeIndex = lines.findIndex((line, i) => i > 0 && FENCE.test(source.slice(line.start, line.end)));
  if (closeIndex < 0) {
    // Unclosed: nothing is taken as YAML; the body starts after the opening fence.
    return {
      present: true,
      yaml: '',
      bodyOffset: first.next,
      bodyStartLine: 2,
      data: null,
      raw: null,
      diagnostics: [
        {
          source: 'frontmatter',
          severity: 'error',
          line: 1,
          from: first.start,
          to: first.end,
          field: null,
          message: UNCLOSED_FRONTMATTER_MESSAGE,
        },
      ],
    };
  }
  const close = lines[closeIndex]!;
  const yamlStart = first.next;
  const yaml = source.slice(yamlStart, close.start);
  const found = checkYaml(yaml, yamlStart, closeIndex);
  return {
    present: true,
    yaml,
    bodyOffset: close.next,
    bodyStartLine: closeIndex + 2,
    data: found.data,
    raw: found.raw,
    diagnostics: found.diagnostics,
  };
}

/**
 * Parses and validates the YAML between the fences. `yamlStart` is its offset in the source; its
 * first line is source line 2; `lastLine` is the last source line of the YAML (the line before
 * the closing fence).
 */
function checkYaml(
  yaml: string,
  yamlStart: number,
  lastLine: number,
): { data: LessonFrontmatter | null; raw: Record<string, unknown> | null; diagnostics: AuthorDiagnostic[] } {
  // The YAML parser only knows LF and CRLF; a lone CR becomes LF (same length: offsets still match).
  const text = yaml.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false });
  const diagnostics: AuthorDiagnostic[] = [];

  /** The source line of an offset into the YAML text, kept inside the block. */
  const lineAt = (offset: number): number => {
    const line = lineCounter.linePos(Math.min(Math.max(offset, 0), text.length)).line + 1;
    return Math.min(Math.max(line, 2), Math.max(lastLine, 2));
  };
  const at = (node: YamlNode | null | undefined) =>
    node?.range ? { line: lineAt(node.range[0]), from: yamlStart + node.range[0], to: yamlStart + node.range[1] } : null;

  for (const error of doc.errors) diagnostics.push(yamlDiagnostic(doc, error, 'error', lineAt, yamlStart));
  for (const warning of doc.warnings) diagnostics.push(yamlDiagnostic(doc, warning, 'warning', lineAt, yamlStart));

  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    value = null; // the YAML errors above say why
  }
  const raw = isPlainObject(value) ? value : null;

  const parsed = lessonSchema.safeParse(value ?? undefined);
  if (!parsed.success) {
    // One problem per place: zod may report several checks of one value (type and length).
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = JSON.stringify(path);
      if (issue.code !== 'unrecognized_keys') {
        if (seen.has(where)) continue;
        seen.add(where);
      }
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const place = at(findKey(doc.contents, path, key)) ?? { line: 1 };
          diagnostics.push({
            source: 'frontmatter',
            severity: 'error',
            ...place,
            field: path.length > 0 ? String(path[0]) : key,
            message:
              `${key}: unknown frontmatter field "${key}": the allowed fields are ${FRONTMATTER_FIELDS.join(', ')}. ` +
              'Fix its spelling or remove it.',
          });
        }
        continue;
      }
      const field = typeof path[0] === 'string' ? path[0] : null;
      // The deepest node of the path that exists; a missing field is shown at the opening fence.
      const place = (field !== null && raw !== null && Object.hasOwn(raw, field) ? at(findPath(doc.contents, path)) : null) ?? {
        line: 1,
      };
      diagnostics.push({
        source: 'frontmatter',
        severity: 'error',
        ...place,
        field,
        message: field === null ? capitalise(issue.message) : `${describePath(path)}: ${issue.message}`,
      });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line);
  const ok = parsed.success && !diagnostics.some((d) => d.severity === 'error');
  return { data: ok ? parsed.data : null, raw, diagnostics };
}

function yamlDiagnostic(
  doc: Document,
  error: YAMLError,
  severity: 'error' | 'warning',
  lineAt: (offset: number) => number,
  yamlStart: number,
): AuthorDiagnostic {
  let [from, to] = error.pos;
  if (error.code === 'MISSING_CHAR') {
    // An unclosed quote or bracket is only noticed where the text ends: point at where it opened.
    const opened = innermostNodeAt(doc, from);
    if (opened?.range) [from, to] = [opened.range[0], Math.max(to, opened.range[1])];
  }
  const plain = error.message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const advice =
    error.code === 'DUPLICATE_KEY'
      ? 'each field may appear only once: keep one of them'
      : 'check the indentation, the colon after each field name, and the quotes on this line';
  return {
    source: 'frontmatter',
    severity,
    line: lineAt(from),
    from: yamlStart + from,
    to: yamlStart + Math.max(to, from),
    field: null,
    message: `YAML ${severity === 'error' ? 'error' : 'warning'} in the frontmatter: ${plain}; ${advice}.`,
  };
}

/** The innermost node whose range holds `offset` (its start before it, its end at or after it). */
function innermostNodeAt(doc: Document, offset: number): YamlNode | null {
  let found: YamlNode | null = null;
  visit(doc, (_key, node) => {
    const range = (node as YamlNode).range;
    if (range && range[0] < offset && range[1] >= offset) found = node as YamlNode;
  });
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `objectives` → "objectives"; `objectives, 1` → "objectives, item 2". */
function describePath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `item ${part + 1}` : i === 0 ? part : `"${part}"`)).join(', ');
}

function keyName(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/** The deepest node along `path` (the key node for a mapping field, the item for a list index). */
function findPath(root: unknown, path: readonly (string | number)[]): YamlNode | null {
  let node: unknown = root;
  let best: YamlNode | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyName(p.key)) === String(part));
      if (!pair) break;
      if (isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key)) best = pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!item || typeof item !== 'object' || !('range' in item)) break;
      best = item as YamlNode;
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/** The key node of `key` in the mapping at `path`. */
function findKey(root: unknown, path: readonly (string | number)[], key: string): YamlNode | null {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node)) node = node.items.find((p) => String(keyName(p.key)) === String(part))?.value;
    else if (isSeq(node) && typeof part === 'number') node = node.items[part];
    else return null;
  }
  if (!isMap(node)) return null;
  const pair = node.items.find((p) => String(keyName(p.key)) === key);
  return pair && isScalar(pair.key) ? pair.key : null;
}
