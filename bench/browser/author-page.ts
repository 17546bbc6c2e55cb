/**
 * Browser side of the `author` benchmark (window.tinkerBench.author, installed on demand by the
 * bench page bench/pages/bench.astro): runs bench/shared/author-bench.ts with the real preview
 * renderer on the page's main thread, and puts each result into the DOM with the /author page's own
 * KeyedBlocks (preview-dom.ts), followed by a forced layout (reading offsetHeight) as the preview
 * pane needs for scroll sync, with the site's and KaTeX's styles loaded. So the figure is the
 * page's: the same renderer and the same DOM update.
 */
// The styles the /author preview has, so the layout measured is the real one (loaded with this module).
import 'katex/dist/katex.min.css';
import '../../src/styles/global.css';
import '../../src/styles/lesson.css';
import type { AuthorBenchOptions, AuthorBenchResult } from '../shared/author-bench.ts';
import { KeyedBlocks } from '../../src/widgets/author/preview-dom.ts';

export interface AuthorPageBenchResult extends AuthorBenchResult {
  /** Blocks whose nodes were created per update on average (after the cold render), and the median layout time of an update. */
  domCreatedPerUpdate: number;
  layoutMedianMs: number;
}

export async function authorBench(options: Omit<AuthorBenchOptions, 'apply' | 'now'> = {}): Promise<AuthorPageBenchResult> {
  const [{ runAuthorBench, summarize }, { createPreviewRenderer }, { benchDocument }] = await Promise.all([
    import('../shared/author-bench.ts'),
    import('../../src/lib/author/render.ts'),
    import('../shared/bench-document.ts'),
  ]);
  const container = document.createElement('div');
  container.className = 'lesson-body prose';
  container.style.maxWidth = '48rem';
  document.body.append(container);
  try {
    const blocks = new KeyedBlocks(container);
    const layoutMs: number[] = [];
    let created = 0;
    let createdBeforeUpdates = 0;
    let applies = 0;
    const result = runAuthorBench(() => createPreviewRenderer(), benchDocument(), {
      ...options,
      apply: (r) => {
        created += blocks.apply(r.blocks).created;
        const t0 = performance.now();
        void container.offsetHeight;
        layoutMs.push(performance.now() - t0);
        // The first two applies are the cold render and the unchanged re-render.
        if (++applies === 2) createdBeforeUpdates = created;
      },
    });
    return {
      ...result,
      domCreatedPerUpdate: (created - createdBeforeUpdates) / result.updates,
      layoutMedianMs: summarize(layoutMs.slice(2)).median,
    };
  } finally {
    container.remove();
  }
}
