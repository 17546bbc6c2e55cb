/**
 * Astro integration: builds the full-text search index with Pagefind after `astro build`
 * (`astro:build:done`), into `<outDir>/pagefind/`, so `npm run build` gives a searchable site.
 *
 * Only lesson pages are indexed (`<outDir>/lessons/<slug>/index.html`): the course map, about,
 * author, progress, 404 and any dev/test page never appear in results. Inside a lesson the
 * indexer reads the `data-pagefind-body` article (Lesson.astro) minus the table of contents, the
 * pager and KaTeX's visual copy of each formula; formulas are indexed by the words of their TeX
 * source, and quiz forms count as text (indexableHtml in src/lib/search/tex-words.ts).
 * URLs are stored without the site's base: the search box sets Pagefind's `baseUrl` to it,
 * so one index works under BASE_PATH. The search box that reads the index is src/components/SiteSearch.astro.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { indexableHtml } from '../lib/search/tex-words.ts';

/** Parts of a lesson page that are navigation or duplicates, not lesson text. */
const EXCLUDE = ['.toc', '.lesson-foot', '.katex-html', '.reading-progress', 'script', 'style', 'template'];

export default function search(): AstroIntegration {
  return {
    name: 'tinker-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const lessonsDir = join(outDir, 'lessons');
        const slugs: string[] = [];
        for (const entry of await readdir(lessonsDir).catch(() => [] as string[])) {
          const page = join(lessonsDir, entry, 'index.html');
          if (
            await stat(page).then(
              (s) => s.isFile(),
              () => false,
            )
          )
            slugs.push(entry);
        }
        if (slugs.length === 0) throw new Error(`Search index: no lesson pages under ${lessonsDir}; nothing to index.`);

        const indexed: string[] = [];
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDE });
        if (!index) throw new Error(`Search index: Pagefind could not start: ${errors.join('; ')}`);
        try {
          for (const slug of slugs.sort()) {
            const html = await readFile(join(lessonsDir, slug, 'index.html'), 'utf8');
            // The old address of a moved lesson is a redirect page, not a lesson (src/lib/content/moved-lessons.ts).
            if (!html.includes('data-pagefind-body')) continue;
            indexed.push(slug);
            const added = await index.addHTMLFile({ url: `/lessons/${slug}/`, content: indexableHtml(html) });
            if (added.errors.length > 0) throw new Error(`Search index: lessons/${slug}/: ${added.errors.join('; ')}`);
          }
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Search index: ${written.errors.join('; ')}`);
        } finally {
          await pagefind.close();
        }
        logger.info(`Indexed ${indexed.length} lessons for search into pagefind/.`);
      },
    },
  };
}
