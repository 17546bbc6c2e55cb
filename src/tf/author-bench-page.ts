/**
 * Browser side of the `author` benchmark (window.tinkerBench.author, loaded on demand by
 * bench-harness.ts): runs src/lib/author/author-bench.ts with the real preview renderer on the
 * page's main thread, and times putting each result into the DOM too: a keyed replace of the
 * changed blocks' HTML inside a div (blocks whose key is unchanged keep their element; a changed
 * block's HTML replaces the old one's in the same element), followed
 * by a forced layout (reading offsetHeight), as a preview pane would, with the site's and KaTeX's
 * styles loaded.
 */
// The styles the /author preview has, so the layout measured is the real one (loaded with this module).
import 'katex/dist/katex.min.css';
import '../styles/global.css';
import type { AuthorBenchOptions, AuthorBenchResult, BenchRenderResult } from '../lib/author/author-bench.ts';

export interface KeyedApplier {
  apply(result: BenchRenderResult): void;
  /** Blocks whose HTML was put in the DOM so far (one per new key), and the layout time of each apply. */
  created: number;
  layoutMs: number[];
}

/** Keeps `container`'s children in step with the rendered blocks, reusing elements by key. */
export function keyedApplier(container: HTMLElement): KeyedApplier {
  const byKey = new Map<string, HTMLElement>();
  const applier: KeyedApplier = {
    created: 0,
    layoutMs: [],
    apply(result) {
      const keep = new Set(result.blocks.map((b) => b.key));
      let cursor = container.firstElementChild as HTMLElement | null;
      for (const block of result.blocks) {
        let el = byKey.get(block.key);
        if (!el) {
          // A changed block: replace the HTML of the element in its place when that one is going,
          // else add a new element.
          const oldKey = cursor?.dataset['key'];
          if (cursor && oldKey !== undefined && !keep.has(oldKey)) {
            el = cursor;
            byKey.delete(oldKey);
          } else el = document.createElement('div');
          el.dataset['key'] = block.key;
          el.innerHTML = block.html;
          byKey.set(block.key, el);
          applier.created++;
        }
        if (el === cursor) cursor = cursor.nextElementSibling as HTMLElement | null;
        else container.insertBefore(el, cursor);
      }
      for (const [key, el] of byKey) {
        if (!keep.has(key)) {
          el.remove();
          byKey.delete(key);
        }
      }
      // Layout, as the page needs it (scroll sync reads the blocks' positions).
      const t0 = performance.now();
      void container.offsetHeight;
      applier.layoutMs.push(performance.now() - t0);
    },
  };
  return applier;
}

export interface AuthorPageBenchResult extends AuthorBenchResult {
  /** Elements created per update on average (after the cold render), and the median layout time of an update. */
  domCreatedPerUpdate: number;
  layoutMedianMs: number;
}

export async function authorBench(options: Omit<AuthorBenchOptions, 'apply' | 'now'> = {}): Promise<AuthorPageBenchResult> {
  const [{ runAuthorBench, summarize }, { createPreviewRenderer }, { benchDocument }] = await Promise.all([
    import('../lib/author/author-bench.ts'),
    import('../lib/author/render.ts'),
    import('../lib/author/bench-document.ts'),
  ]);
  const container = document.createElement('div');
  container.className = 'bench-author-preview';
  container.style.maxWidth = '48rem';
  document.body.append(container);
  try {
    const applier = keyedApplier(container);
    let createdBeforeUpdates = 0;
    let applies = 0;
    const result = runAuthorBench(() => createPreviewRenderer(), benchDocument(), {
      ...options,
      apply: (r) => {
        applier.apply(r);
        // The first two applies are the cold render and the unchanged re-render.
        if (++applies === 2) createdBeforeUpdates = applier.created;
      },
    });
    return {
      ...result,
      domCreatedPerUpdate: (applier.created - createdBeforeUpdates) / result.updates,
      layoutMedianMs: summarize(applier.layoutMs.slice(2)).median,
    };
  } finally {
    container.remove();
  }
}
