import { describe, expect, it } from 'vitest';
import { AUTHOR_EDIT_KINDS, benchEdits, runAuthorBench, summarize, type BenchRenderer } from './author-bench.ts';
import { benchDocument } from './bench-document.ts';
import { splitBlocks } from '../../src/lib/author/blocks.ts';

/** A stand-in renderer: blocks by splitBlocks, HTML cached by block text, stats like the real one. */
function standIn(): BenchRenderer & { calls: number } {
  const cache = new Map<string, string>();
  const renderer = {
    calls: 0,
    render(source: string) {
      renderer.calls++;
      let rendered = 0;
      const blocks = splitBlocks(source).map((block, index) => {
        let html = cache.get(block.text);
        if (html === undefined) {
          rendered++;
          html = `<p>${block.text.length}</p>`;
          cache.set(block.text, html);
        }
        return { key: `${index}:${block.text.length}`, html };
      });
      return { blocks, stats: { blocks: blocks.length, rendered, formulas: 100, formulasRendered: 0, words: 5000 } };
    },
  };
  return renderer;
}

/** A clock that moves 1 ms at every reading. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

const body = (doc: string) => doc.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('summarize', () => {
  it('gives median, p95, max and mean', () => {
    const times = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    expect(summarize(times)).toEqual({ count: 20, median: 10.5, p95: 19, max: 20, mean: 10.5 });
    expect(summarize([3, 1, 2])).toEqual({ count: 3, median: 2, p95: 3, max: 3, mean: 2 });
    expect(summarize([])).toEqual({ count: 0, median: 0, p95: 0, max: 0, mean: 0 });
  });
});

describe('runAuthorBench', () => {
  it('times a cold render, then each update, per kind and overall', () => {
    const renderer = standIn();
    const applied: number[] = [];
    const result = runAuthorBench(() => renderer, benchDocument(), {
      updates: 60,
      now: tickingClock(),
      apply: (r) => applied.push(r.blocks.length),
    });
    expect(renderer.calls).toBe(62); // cold, unchanged, 60 updates
    expect(applied).toHaveLength(62);
    expect(result.updates).toBe(60);
    expect(result.applied).toBe(true);
    // With a clock that ticks once per reading, each timed span is exactly 1 ms.
    expect(result.coldMs).toBe(1);
    expect(result.coldApplyMs).toBe(1);
    expect(result.unchangedMs).toBe(1);
    expect(result.perKind.map((k) => k.kind)).toEqual(AUTHOR_EDIT_KINDS.map((k) => k.kind));
    for (const k of result.perKind) {
      expect(k.total.count).toBe(12);
      expect(k.render.median).toBe(1);
      expect(k.total.median).toBe(2);
    }
    expect(result.overall.total.count).toBe(60);
    expect(result.overall.apply.max).toBe(1);
    expect(result.lesson.formulas).toBe(100); // from the stand-in's stats
    expect(result.lesson.words).toBe(5000);
    expect(result.lesson.blocks).toBe(splitBlocks(body(benchDocument())).length);
    // Each edit touches one block (a paste adds one), so about one block renders per update.
    expect(result.meanBlocksRendered).toBeGreaterThanOrEqual(1);
    expect(result.meanBlocksRendered).toBeLessThanOrEqual(1.5);
  });

  it('works without an apply step or stats, and uses a new renderer from the factory', () => {
    let made = 0;
    const result = runAuthorBench(
      () => {
        made++;
        return { render: () => ({ blocks: [] }) };
      },
      benchDocument({ words: 400, formulas: 10 }),
      { updates: 5 },
    );
    expect(made).toBe(1);
    expect(result.applied).toBe(false);
    expect(result.coldApplyMs).toBe(0);
    expect(result.meanBlocksRendered).toBeNull();
    expect(result.lesson.words).toBeNull();
    expect(result.perKind.map((k) => k.total.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('rejects a bad number of updates', () => {
    expect(() => runAuthorBench(standIn, 'text', { updates: 0 })).toThrow(/updates/);
  });
});

describe('benchEdits', () => {
  const doc = benchDocument();
  const edits = [...benchEdits(doc, 60)];

  it('is deterministic', () => {
    expect([...benchEdits(doc, 60)].map((e) => e.edit)).toEqual(edits.map((e) => e.edit));
  });

  it('makes each kind of edit where it belongs', () => {
    let before = doc;
    for (const { kind, edit, doc: after } of edits) {
      const lineStart = before.lastIndexOf('\n', edit.from - 1) + 1;
      const line = before.slice(lineStart, before.indexOf('\n', edit.from));
      switch (kind) {
        case 'paragraph':
          expect(edit.insert).toHaveLength(1);
          expect(line).toMatch(/^[A-Za-z*_]/);
          break;
        case 'formula': {
          expect(edit.insert).toHaveLength(1);
          // Inside maths: an odd number of $ before it on the line, or a display formula's line.
          const dollars = (before.slice(lineStart, edit.from).match(/\$/g) ?? []).length;
          const nextLine = before.slice(edit.from + 1, before.indexOf('\n', edit.from + 1));
          expect(dollars % 2 === 1 || nextLine === '$$').toBe(true);
          break;
        }
        case 'heading':
          expect(line).toMatch(/^#{2,3} /);
          expect(edit.from).toBe(lineStart + line.length);
          break;
        case 'delete-line':
          expect(edit.insert).toBe('');
          expect(before.slice(edit.from, edit.to)).toMatch(/^[^\n]+\n$/);
          break;
        case 'paste':
          expect(edit.insert).toMatch(/^Pasted note \d+:[\s\S]*\n\n$/);
          expect(edit.from).toBe(lineStart);
          break;
      }
      expect(after).toBe(before.slice(0, edit.from) + edit.insert + before.slice(edit.to));
      before = after;
    }
  });

  it('changes one block per edit (a paste adds one)', () => {
    let blocks = new Set(splitBlocks(body(doc)).map((b) => b.text));
    for (const { kind, doc: after } of edits) {
      const next = splitBlocks(body(after)).map((b) => b.text);
      const fresh = next.filter((t) => !blocks.has(t));
      expect(fresh.length, kind).toBeLessThanOrEqual(1);
      expect(fresh.length, kind).toBeGreaterThanOrEqual(1);
      blocks = new Set(next);
    }
  });
});
