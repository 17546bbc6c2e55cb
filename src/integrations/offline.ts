/**
 * Astro integration: makes the built site work offline. After `astro build` (`astro:build:done`,
 * after the search index is written) it
 *
 * 1. writes `offline-files.json`: every file the service worker keeps (URL relative to the base,
 *    bytes) and every dataset file with its size, for the "Use Tinker offline" page;
 * 2. generates `sw.js` with workbox-build's generateSW: it precaches the pages (HTML), CSS, JS,
 *    wasm, woff2 fonts, images, icons, the manifest, Pagefind's index and any model weights
 *    (`.json`/`.bin`), with revisions, and serves them cache-first.
 *
 * Datasets (`data/**`) are deliberately NOT handled by the service worker: the data loader
 * (src/lib/data/load.ts) keeps its own verified copy in the Cache Storage cache `tinker-data-v1`
 * and reads it before the network, so a dataset is only ever served from that SHA-256-checked
 * copy, never from a second unverified one. The worker never calls skipWaiting on its own: a new
 * deployment waits until the reader presses Reload in the update banner
 * (src/components/UpdatePrompt.astro), which posts SKIP_WAITING.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW, getManifest } from 'workbox-build';

/** What the service worker precaches (relative to the build folder). */
const GLOB_PATTERNS = ['**/*.{html,css,js,mjs,wasm,woff2,png,jpg,jpeg,svg,webp,webmanifest,json,bin}', 'pagefind/**/*'];
/**
 * What it leaves out: datasets (the verified loader's cache holds them), test-only pages, source
 * maps, fallback font formats every browser that runs service workers skips, Pagefind's own UI
 * bundles (the site has its own search box) and the index for pages without a language.
 */
const GLOB_IGNORES = [
  'data/**',
  'dev/**',
  '**/*.map',
  'sw.js',
  'workbox-*.js',
  'pagefind/pagefind-ui.*',
  'pagefind/pagefind-modular-ui.*',
  'pagefind/pagefind-component-ui.*',
  'pagefind/pagefind-highlight.js',
  'pagefind/wasm.unknown.pagefind',
];

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export default function offline(): AstroIntegration {
  return {
    name: 'tinker-offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const rel = (file: string) => relative(outDir, file).split(sep).join('/');

        // The datasets, for the offline page (fetched there through the verified loader).
        const dataDir = join(outDir, 'data');
        const datasets = await walk(dataDir).catch(() => [] as string[]);
        const dataFiles = await Promise.all(
          datasets
            .filter((f) => f.endsWith('.gz'))
            .sort()
            .map(async (f) => ({ url: rel(f), bytes: (await stat(f)).size })),
        );

        // The list of what the worker keeps, with sizes, for the offline page. Written before the
        // worker is generated so that the list is itself precached.
        const listFile = join(outDir, 'offline-files.json');
        await writeFile(listFile, JSON.stringify({ site: [], data: dataFiles }));
        const files = {
          globDirectory: outDir,
          globPatterns: GLOB_PATTERNS,
          globIgnores: GLOB_IGNORES,
          // The tfjs chunks and wasm binaries run to a few MB each.
          maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
          // Files with a content hash in their name need no revision of their own.
          dontCacheBustURLsMatching: /\/_astro\/.+\.[A-Za-z0-9_-]{8}\./,
        };
        const { manifestEntries } = await getManifest(files);
        const site = await Promise.all(
          (manifestEntries ?? []).map(async (entry) => ({ url: entry.url, bytes: (await stat(join(outDir, entry.url))).size })),
        );
        await writeFile(listFile, JSON.stringify({ site, data: dataFiles }));

        const { count, size, warnings } = await generateSW({
          ...files,
          swDest: join(outDir, 'sw.js'),
          // "/lessons/x/" is served from "lessons/x/index.html".
          directoryIndex: 'index.html',
          // Pagefind asks for pagefind-entry.json?ts=<time>: the precached copy answers any ts.
          ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/],
          cleanupOutdatedCaches: true,
          skipWaiting: false,
          clientsClaim: true,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(`Service worker: ${count} files (${(size / 1024 / 1024).toFixed(1)} MB) precached; datasets left to the verified loader.`);
      },
    },
  };
}
