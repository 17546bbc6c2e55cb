// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { parseSiteUrl } from './src/lib/share/site-url.ts';
import { movedLessonRedirects } from './src/lib/content/moved-lessons.ts';
import { rehypeScrollRegions } from './src/lib/markup/scroll-region.ts';
import search from './src/integrations/search.ts';
import offline from './src/integrations/offline.ts';
// The hidden /dev/ test and benchmark pages of bench/pages/: `astro dev` and test builds only, never `npm run build`.
import devPages from './src/integrations/dev-pages.ts';

// The site can live under a sub-path of a static host: BASE_PATH=/tinker/ npm run build
const base = process.env.BASE_PATH ?? '/';
// The site's public origin (SITE_URL=https://example.org): canonical URLs, og:url, og:image, the sitemap
// and robots.txt's Sitemap line are made only when it is known. A malformed value stops the build.
const site = parseSiteUrl(process.env.SITE_URL);

/**
 * Built file names of src/workers/<name>/<file>.ts, which all share a few file names: a worker
 * entry becomes `<name>.worker-<hash>.js` (deploy/nginx.conf and src/lib/csp/policy.ts give the
 * code worker its own policy by that name), another file `<name>-<file>.<hash>.js` (the e2e tests
 * check which of them a page loads, and when). Everything else keeps Astro's names.
 * @param {{ name: string; facadeModuleId: string | null; moduleIds?: string[] }} chunk
 * @param {'worker' | 'chunk'} kind
 * @returns {string}
 */
function workerFileName(chunk, kind) {
  const file = /\/src\/workers\/([a-z-]+)\/([a-z-]+)\.ts$/;
  // A chunk shared by several pages has no facade: it is named after its main module.
  const ids = chunk.facadeModuleId ? [chunk.facadeModuleId] : (chunk.moduleIds ?? []);
  const m = ids
    .map((/** @type {string} */ id) => file.exec(id.replaceAll('\\', '/')))
    .find((x) => x && (chunk.facadeModuleId || x[2] === chunk.name));
  if (m) return kind === 'worker' ? `${m[1]}.worker` : `${m[1]}-${m[2]}`;
  // Astro's own rule (cleanChunkName in astro/dist/core/build/util.js).
  return chunk.name.replace(/[^\w.\-/]/g, '_');
}

export default defineConfig({
  base,
  ...(site ? { site } : {}),
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // A lesson that was split or renamed keeps its old address (src/lib/content/moved-lessons.ts).
  redirects: movedLessonRedirects(base),
  integrations: [
    mdx(),
    devPages(new URL('./', import.meta.url)),
    // sitemap-index.xml + sitemap-0.xml; it needs `site`, so only with SITE_URL. Hidden dev/ pages are left out
    // (the 404 page is left out by the integration itself).
    ...(site ? [sitemap({ filter: (page) => !new URL(page).pathname.includes('/dev/') })] : []),
    // Order matters: the search index is built before the service worker precaches it.
    search(),
    offline(),
  ],
  markdown: {
    // Astro 7's default Markdown processor ignores remark/rehype plugins; the unified
    // processor runs them, so maths is rendered at build time by KaTeX. The MDX integration
    // inherits this processor and its plugins (mdx()'s own rehypePlugins option is deprecated in Astro 7).
    // rehypeScrollRegions runs after KaTeX (and after Shiki, which Astro runs first): display formulas,
    // tables and code blocks scroll sideways in their own focusable, named box (src/lib/markup/scroll-region.ts).
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { throwOnError: true }], rehypeScrollRegions],
    }),
    syntaxHighlight: 'shiki',
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-default' } },
  },
  vite: {
    worker: { format: 'es', rolldownOptions: { output: { entryFileNames: (chunk) => `_astro/${workerFileName(chunk, 'worker')}-[hash].js` } } },
    environments: {
      client: { build: { rolldownOptions: { output: { chunkFileNames: (chunk) => `_astro/${workerFileName(chunk, 'chunk')}.[hash].js` } } } },
    },
    build: {
      // Never inline a script into the page (Astro inlines small ones by default): the
      // Content-Security-Policy (src/lib/csp/policy.ts) allows scripts from the site's own files only.
      assetsInlineLimit: (file) => (/\.[cm]?js$/.test(file) ? false : undefined),
    },
  },
});
