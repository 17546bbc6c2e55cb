/** author: the /author preview on a long lesson (bench/shared/author-bench.ts), in the page and in this Node process. */
import { AUTHOR_EDIT_KINDS, type AuthorBenchOptions, type AuthorBenchResult } from '../shared/author-bench.ts';
import type { AuthorPageBenchResult } from '../browser/author-page.ts';
import { fmt, type Benchmark, type Row } from './types.ts';
import { errorText } from '../../src/lib/format/error-text.ts';

const AUTHOR_UPDATES = 60;

/** Rows for one AuthorBenchResult, labelled with where it ran. */
function authorRows(where: string, r: AuthorBenchResult): Row[] {
  const ms = (n: number): string => `${fmt(n, 1)} ms`;
  const what = r.applied ? 'render + DOM' : 'render';
  const rows: Row[] = [
    { label: `[${where}] cold render (new renderer)`, value: r.applied ? `${ms(r.coldMs)} + DOM ${ms(r.coldApplyMs)}` : ms(r.coldMs) },
    { label: `[${where}] re-render, no change`, value: ms(r.unchangedMs) },
  ];
  for (const k of r.perKind) {
    rows.push({
      label: `[${where}] ${k.label} (${what}, ${k.total.count}×)`,
      value: `median ${ms(k.total.median)}, p95 ${ms(k.total.p95)}, max ${ms(k.total.max)}`,
      goal: '< 50 ms',
      met: k.total.p95 < 50,
    });
  }
  const o = r.overall;
  rows.push(
    {
      label: `[${where}] any edit, median (${what}, ${o.total.count} updates)`,
      value: `${ms(o.total.median)}${r.applied ? `  (render ${ms(o.render.median)}, DOM ${ms(o.apply.median)})` : ''}`,
      goal: '< 50 ms',
      met: o.total.median < 50,
    },
    {
      label: `[${where}] any edit, p95 / max`,
      value: `${ms(o.total.p95)} / ${ms(o.total.max)}${r.applied ? `  (render p95 ${ms(o.render.p95)}, DOM p95 ${ms(o.apply.p95)})` : ''}`,
      goal: '< 50 ms',
      met: o.total.p95 < 50,
    },
  );
  if (r.meanBlocksRendered !== null) {
    rows.push({
      label: `[${where}] rendered afresh per update`,
      value: `${fmt(r.meanBlocksRendered, 2)} blocks, ${fmt(r.meanFormulasRendered ?? 0, 2)} formulas (the rest from the cache)`,
    });
  }
  return rows;
}

/** The same measurement in this Node process (render only: no DOM here). */
async function nodeAuthorBench(options: AuthorBenchOptions): Promise<AuthorBenchResult> {
  const [{ runAuthorBench }, { createPreviewRenderer }, { benchDocument }] = await Promise.all([
    import('../shared/author-bench.ts'),
    import('../../src/lib/author/render.ts'),
    import('../shared/bench-document.ts'),
  ]);
  return runAuthorBench(() => createPreviewRenderer(), benchDocument(), options);
}

export const authorBench: Benchmark = {
  name: 'author',
  title: `The /author live preview on benchDocument() (~5,000 words, 100 formulas): cold render, then ${AUTHOR_UPDATES} updates after typical edits (${AUTHOR_EDIT_KINDS.map((k) => k.label).join(', ')}, in turn); in the page (render + the /author page's DOM update + layout) and in Node (render only)`,
  async run({ page }) {
    const options: AuthorBenchOptions = { updates: AUTHOR_UPDATES };
    const browser = (await page.evaluate(
      (o) => (window as unknown as { tinkerBench: { author(o: object): Promise<unknown> } }).tinkerBench.author(o),
      options,
    )) as AuthorPageBenchResult;
    const d = browser.lesson;
    const rows: Row[] = [
      {
        label: 'document',
        value: `${fmt(d.chars)} characters, ${fmt(d.blocks)} blocks; the renderer counts ${fmt(d.words ?? 0)} words and ${fmt(d.formulas ?? 0)} formulas; no code highlighter (plain <pre>)`,
      },
      ...authorRows('browser', browser),
      {
        label: '[browser] DOM per update',
        value: `${fmt(browser.domCreatedPerUpdate, 2)} blocks put into the DOM; layout median ${fmt(browser.layoutMedianMs, 1)} ms (site and KaTeX CSS loaded)`,
      },
    ];
    try {
      rows.push(...authorRows(`node ${process.version}`, await nodeAuthorBench(options)));
    } catch (err) {
      rows.push({ label: `[node ${process.version}] FAILED`, value: errorText(err) });
    }
    return rows;
  },
};
