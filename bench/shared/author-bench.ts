/**
 * The authoring benchmark (`npm run bench -- --only author`): how long the live preview takes on a
 * long lesson (the caller passes benchDocument() from bench-document.ts: 5,000 words, 100 formulas).
 *
 * It renders the lesson once with a new renderer (cold), then makes a series of typical edits,
 * rendering after each one as the editor does: typing a character in a paragraph in the middle,
 * typing in a formula (inline and display in turn), typing in a heading, deleting a line, pasting a
 * new paragraph. Each update is timed with performance.now(); an optional `apply` step (the page
 * puts the changed blocks into the DOM) is timed too, so that figure includes the DOM update.
 *
 * Depends only on the renderer's interface (types.ts), not on render.ts: the caller passes a factory.
 * Pure: no DOM here (the browser side passes `apply`). No timing assertions anywhere: this measures.
 */
import { splitBlocks } from '../../src/lib/author/blocks.ts';
import type { PreviewStats, SourceBlock } from '../../src/lib/author/types.ts';

/** What the bench needs of a render result (a PreviewResult has all of it). */
export interface BenchRenderResult {
  blocks: readonly { key: string; html: string }[];
  stats?: Partial<Pick<PreviewStats, 'blocks' | 'rendered' | 'formulas' | 'formulasRendered' | 'words'>>;
}

/** What the bench needs of a renderer (a PreviewRenderer has it). */
export interface BenchRenderer {
  render(source: string): BenchRenderResult;
}

export type AuthorEditKind = 'paragraph' | 'formula' | 'heading' | 'delete-line' | 'paste';

export const AUTHOR_EDIT_KINDS: readonly { kind: AuthorEditKind; label: string }[] = [
  { kind: 'paragraph', label: 'type a character in a paragraph' },
  { kind: 'formula', label: 'type a character in a formula' },
  { kind: 'heading', label: 'type a character in a heading' },
  { kind: 'delete-line', label: 'delete a line' },
  { kind: 'paste', label: 'paste a paragraph' },
];

export interface AuthorBenchOptions {
  /** Updates to time after the cold render (default 60), the edit kinds in turn. */
  updates?: number;
  /** Runs after each render, timed separately (the page applies the changed blocks to the DOM). */
  apply?: (result: BenchRenderResult) => void;
  /** The clock (default performance.now). */
  now?: () => number;
}

export interface TimingSummary {
  count: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

export interface AuthorBenchKindResult {
  kind: AuthorEditKind;
  label: string;
  /** Render plus apply, per update. */
  total: TimingSummary;
  /** Render alone. */
  render: TimingSummary;
}

export interface AuthorBenchResult {
  /** The lesson measured; words and formulas as the renderer counted them (null when its result has no stats). */
  lesson: { chars: number; blocks: number; words: number | null; formulas: number | null };
  /** First render with a new renderer (nothing cached), and its apply step (0 without one). */
  coldMs: number;
  coldApplyMs: number;
  /** Rendering the same text again straight after (everything cached). */
  unchangedMs: number;
  updates: number;
  perKind: AuthorBenchKindResult[];
  overall: { total: TimingSummary; render: TimingSummary; apply: TimingSummary };
  /** Per update, on average: blocks and formulas rendered afresh (from the result's stats, when given). */
  meanBlocksRendered: number | null;
  meanFormulasRendered: number | null;
  /** Whether an apply step was timed. */
  applied: boolean;
}

/** median, p95 (nearest rank), max and mean of a list of times. */
export function summarize(times: readonly number[]): TimingSummary {
  if (times.length === 0) return { count: 0, median: 0, p95: 0, max: 0, mean: 0 };
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { count: sorted.length, median, p95, max: sorted[sorted.length - 1]!, mean: sorted.reduce((s, t) => s + t, 0) / sorted.length };
}

/** The body's blocks (frontmatter skipped), with offsets into the whole source. */
function bodyBlocks(doc: string): SourceBlock[] {
  const fence = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(doc);
  const offset = fence ? fence[0].length : 0;
  const line = fence ? fence[0].split('\n').length : 1;
  return splitBlocks(doc.slice(offset), offset, line);
}

const isProse = (b: SourceBlock): boolean => /^[A-Za-z*_]/.test(b.text) && !b.text.startsWith('import ');
const isHeading = (b: SourceBlock): boolean => /^#{2,3} /.test(b.text);
const isDisplayMath = (b: SourceBlock): boolean => b.text.startsWith('$$');

/** The block of `blocks` matching `test` nearest to the middle of the list (searching down, then up). */
function nearMiddle(blocks: readonly SourceBlock[], test: (b: SourceBlock) => boolean, skip = 0): SourceBlock | undefined {
  const mid = blocks.length >> 1;
  const matches = [...blocks.slice(mid), ...blocks.slice(0, mid).reverse()].filter(test);
  return matches[skip % Math.max(1, matches.length)];
}

/** Characters typed in turn (prose, then TeX that stays valid after each character). */
const TYPED_PROSE = ' and the weights settle';
const TYPED_TEX = ' + a';

/** A paragraph to paste: new text each time (so nothing is cached), with two inline formulas. */
function pastedParagraph(n: number): string {
  return (
    `Pasted note ${n}: when the learning rate is $\\eta_{${n}} = 0.0${(n % 9) + 1}$, every step moves each\n` +
    `weight by a small fraction of its gradient, and after ${n + 2} epochs the loss is close to\n` +
    `$L_{${n}} \\approx ${(n % 7) + 1}.${n % 10}$. Halving the rate makes training slower but steadier, which\n` +
    'is often the better trade when the loss curve jumps around from one batch to the next.'
  );
}

export interface Edit {
  from: number;
  to: number;
  insert: string;
}

/** The `n`-th edit of a kind (n counts that kind's edits so far), on the current text. */
function makeEdit(kind: AuthorEditKind, doc: string, n: number): Edit {
  const blocks = bodyBlocks(doc);
  switch (kind) {
    case 'paragraph': {
      const block = nearMiddle(blocks, isProse);
      if (!block) break;
      // Type at the end of the paragraph's first line, one character after another.
      const eol = block.text.search(/\r?\n|$/);
      const at = block.from + eol;
      return { from: at, to: at, insert: TYPED_PROSE[n % TYPED_PROSE.length]! };
    }
    case 'formula': {
      const char = TYPED_TEX[n % TYPED_TEX.length]!;
      if (n % (2 * TYPED_TEX.length) < TYPED_TEX.length) {
        // Display maths: type at the end of the formula's first line.
        const block = nearMiddle(blocks, isDisplayMath);
        if (block) {
          const at = block.from + block.text.lastIndexOf('\n');
          return { from: at, to: at, insert: char };
        }
      }
      // Inline maths: type just before the closing $ of a paragraph's first formula.
      const block = nearMiddle(blocks, (b) => isProse(b) && /\$[^$\n]+\$/.test(b.text));
      if (block) {
        const match = /\$([^$\n]+)\$/.exec(block.text)!;
        const at = block.from + match.index + 1 + match[1]!.length;
        return { from: at, to: at, insert: char };
      }
      break;
    }
    case 'heading': {
      const block = nearMiddle(blocks, isHeading);
      if (!block) break;
      return { from: block.to, to: block.to, insert: TYPED_PROSE[n % TYPED_PROSE.length]! };
    }
    case 'delete-line': {
      // The second line of a paragraph with several lines, a different paragraph each time.
      const block = nearMiddle(blocks, (b) => isProse(b) && /\n[^\n]*\n/.test(b.text), n);
      if (!block) break;
      const start = block.from + block.text.indexOf('\n') + 1;
      const end = block.from + block.text.indexOf('\n', start - block.from) + 1;
      return { from: start, to: end, insert: '' };
    }
    case 'paste': {
      const block = nearMiddle(blocks, isProse, n);
      if (!block) break;
      return { from: block.from, to: block.from, insert: `${pastedParagraph(n)}\n\n` };
    }
  }
  // A lesson without such a block: type at its end instead.
  return { from: doc.length, to: doc.length, insert: 'x' };
}

/**
 * Runs the benchmark with renderers from `createRenderer` (one for the whole run, as the page keeps
 * one). Never asserts anything about time: it reports what it measured.
 */
export function runAuthorBench(createRenderer: () => BenchRenderer, source: string, options: AuthorBenchOptions = {}): AuthorBenchResult {
  const now = options.now ?? (() => performance.now());
  const updates = options.updates ?? 60;
  if (!Number.isInteger(updates) || updates < 1) {
    throw new Error(`runAuthorBench: updates must be a whole number from 1 up (got ${updates}).`);
  }
  const apply = options.apply;

  const renderer = createRenderer();
  let t0 = now();
  let result = renderer.render(source);
  const coldMs = now() - t0;
  const lesson = {
    chars: source.length,
    blocks: bodyBlocks(source).length,
    words: result.stats?.words ?? null,
    formulas: result.stats?.formulas ?? null,
  };
  t0 = now();
  apply?.(result);
  const coldApplyMs = apply ? now() - t0 : 0;

  t0 = now();
  result = renderer.render(source);
  const unchangedMs = now() - t0;
  apply?.(result);

  const totals = new Map<AuthorEditKind, number[]>(AUTHOR_EDIT_KINDS.map((k) => [k.kind, []]));
  const renders = new Map<AuthorEditKind, number[]>(AUTHOR_EDIT_KINDS.map((k) => [k.kind, []]));
  const applies: number[] = [];
  let blocksRendered = 0;
  let formulasRendered = 0;
  let withStats = 0;
  // The edits are made before the clock starts: only render (and apply) are timed.
  for (const { kind, doc } of benchEdits(source, updates)) {
    const start = now();
    result = renderer.render(doc);
    const rendered = now();
    apply?.(result);
    const done = now();
    renders.get(kind)!.push(rendered - start);
    totals.get(kind)!.push(done - start);
    applies.push(done - rendered);
    if (result.stats?.rendered !== undefined) {
      withStats++;
      blocksRendered += result.stats.rendered;
      formulasRendered += result.stats.formulasRendered ?? 0;
    }
  }

  const all = (map: Map<AuthorEditKind, number[]>): number[] => [...map.values()].flat();
  return {
    lesson,
    coldMs,
    coldApplyMs,
    unchangedMs,
    updates,
    perKind: AUTHOR_EDIT_KINDS.map(({ kind, label }) => ({
      kind,
      label,
      total: summarize(totals.get(kind)!),
      render: summarize(renders.get(kind)!),
    })),
    overall: { total: summarize(all(totals)), render: summarize(all(renders)), apply: summarize(applies) },
    meanBlocksRendered: withStats ? blocksRendered / withStats : null,
    meanFormulasRendered: withStats ? formulasRendered / withStats : null,
    applied: apply !== undefined,
  };
}

/**
 * The benchmark's edits in turn, from `source`: each with its kind and the text after it.
 * Deterministic: the same source and count give the same edits.
 */
export function* benchEdits(source: string, updates: number): Generator<{ kind: AuthorEditKind; edit: Edit; doc: string }> {
  let doc = source;
  const counts = new Map<AuthorEditKind, number>();
  for (let u = 0; u < updates; u++) {
    const { kind } = AUTHOR_EDIT_KINDS[u % AUTHOR_EDIT_KINDS.length]!;
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    const edit = makeEdit(kind, doc, n);
    doc = doc.slice(0, edit.from) + edit.insert + doc.slice(edit.to);
    yield { kind, edit, doc };
  }
}
