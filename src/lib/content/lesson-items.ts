/**
 * What a lesson contains that the reader's progress counts: its code exercises, free code cells
 * and quizzes, read from the lesson's MDX source at build time (the course map and the progress
 * page need them without rendering the lesson).
 *
 * Recognised, in document order:
 *   <CodeCell exercise="sigmoid">…</CodeCell>     an exercise (its code is saved under its id)
 *   <CodeCell id="first-tensor" code={`…`} />     a free cell
 *   <Quiz id="loss-basics" …>                      a quiz
 * Tags inside fenced code blocks, inline code and comments are examples, not content, and are
 * skipped. Ids must be plain strings ("…", '…' or {"…"}), because progress is keyed by them.
 */

export interface LessonItems {
  /** Exercise ids (`<CodeCell exercise="…">`). */
  exercises: string[];
  /** Ids of free cells (`<CodeCell id="…">` without an exercise). */
  freeCells: string[];
  /** Quiz ids (`<Quiz id="…">`). */
  quizzes: string[];
}

/** Replaces fenced code blocks and comments by spaces (keeping offsets and line numbers). */
function blankOutNonContent(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  // Fenced code blocks: a line of 3+ backticks or tildes opens one; the same character, at least
  // as many times, closes it (an unclosed fence runs to the end, as in CommonMark).
  let fence: { char: string; length: number } | null = null;
  const lines = source.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null) {
      if (marker !== undefined) {
        fence = { char: marker[0] ?? '`', length: marker.length };
        return blank(line);
      }
      return line;
    }
    const closes = marker !== undefined && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker;
    if (closes) fence = null;
    return blank(line);
  });
  return lines
    .join('\n')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** True when `index` is inside an inline code span (an odd number of backticks before it on its line). */
function inInlineCode(source: string, index: number): boolean {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  const before = source.slice(lineStart, index);
  return ((before.match(/`/g) ?? []).length & 1) === 1;
}

type AttributeValue = { kind: 'string'; value: string } | { kind: 'expression'; text: string } | { kind: 'boolean' };

/**
 * Reads the attributes of the opening tag whose name ends at `start`. Handles strings, and
 * expressions in braces containing strings and template literals.
 */
function readAttributes(source: string, start: number): Map<string, AttributeValue> {
  const attributes = new Map<string, AttributeValue>();
  let i = start;
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  };
  while (i < source.length) {
    skipSpace();
    const c = source[i];
    if (c === undefined || c === '>' || c === '/') break;
    if (c === '{') {
      // A spread ({...props}): skip it.
      i = skipBraces(source, i);
      continue;
    }
    const name = /^[A-Za-z_:][\w:.-]*/.exec(source.slice(i))?.[0];
    if (!name) break; // not a tag we understand; stop rather than guess
    i += name.length;
    skipSpace();
    if (source[i] !== '=') {
      attributes.set(name, { kind: 'boolean' });
      continue;
    }
    i++;
    skipSpace();
    const q = source[i];
    if (q === '"' || q === "'") {
      const end = source.indexOf(q, i + 1);
      if (end === -1) break;
      attributes.set(name, { kind: 'string', value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (q === '{') {
      const end = skipBraces(source, i);
      const text = source.slice(i + 1, end - 1);
      const literal = /^\s*(["'`])([^"'`\\$]*)\1\s*$/.exec(text);
      attributes.set(name, literal ? { kind: 'string', value: literal[2] ?? '' } : { kind: 'expression', text: text.trim() });
      i = end;
    } else {
      break;
    }
  }
  return attributes;
}

/** The index just after the brace that closes the one at `open`, skipping strings inside. */
function skipBraces(source: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return source.length;
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

/** A plain-string attribute, or a clear error when it is computed. */
function stringAttribute(attrs: Map<string, AttributeValue>, name: string, where: string): string | undefined {
  const attr = attrs.get(name);
  if (attr === undefined) return undefined;
  if (attr.kind === 'string') return attr.value;
  throw new Error(
    `${where}: ${name} must be a plain string such as ${name}="my-id", because saved progress is keyed by it ` +
      `(found ${attr.kind === 'expression' ? `{${attr.text}}` : 'no value'}).`,
  );
}

/**
 * Lists the exercises, free cells and quizzes of a lesson, in document order. `lessonId` (e.g.
 * "00-start-here") only names the lesson in error messages.
 */
export function lessonItems(source: string, lessonId = 'lesson'): LessonItems {
  const items: LessonItems = { exercises: [], freeCells: [], quizzes: [] };
  const content = blankOutNonContent(source);
  const tag = /<(CodeCell|Quiz)(?=[\s/>])/g;
  for (let match = tag.exec(content); match !== null; match = tag.exec(content)) {
    if (inInlineCode(content, match.index)) continue;
    const where = `Lesson "${lessonId}", line ${lineOf(content, match.index)}: <${match[1]}>`;
    const attrs = readAttributes(content, match.index + match[0].length);
    if (match[1] === 'Quiz') {
      const id = stringAttribute(attrs, 'id', where);
      if (id) items.quizzes.push(id);
    } else {
      const exercise = stringAttribute(attrs, 'exercise', where);
      const id = stringAttribute(attrs, 'id', where);
      if (exercise) items.exercises.push(exercise);
      else if (id) items.freeCells.push(id);
    }
  }
  return items;
}

/**
 * Throws a build error when an id is used twice in the course: an exercise or cell id (code is
 * saved under it; exercises and free cells share one name space) or a quiz id. Names both lessons.
 */
export function assertUniqueItemIds(lessons: readonly { id: string; items: LessonItems }[]): void {
  const cells = new Map<string, string>();
  const quizzes = new Map<string, string>();
  const claim = (seen: Map<string, string>, id: string, lesson: string, what: string, fix: string) => {
    const other = seen.get(id);
    if (other !== undefined) {
      const place = other === lesson ? `twice in lesson "${lesson}"` : `in lessons "${other}" and "${lesson}"`;
      throw new Error(`The ${what} id "${id}" is used ${place}. The reader's saved progress is keyed by it, so it must be unique in the course: ${fix}`);
    }
    seen.set(id, lesson);
  };
  for (const { id: lesson, items } of lessons) {
    for (const id of items.exercises) {
      claim(cells, id, lesson, 'exercise', 'place each exercise in one lesson only, and give free cells ids that no exercise uses.');
    }
    for (const id of items.freeCells) {
      claim(cells, id, lesson, 'code cell', 'rename one of the <CodeCell id="…"> (an exercise with this name counts too).');
    }
    for (const id of items.quizzes) claim(quizzes, id, lesson, 'quiz', 'rename one of the <Quiz id="…">.');
  }
}
