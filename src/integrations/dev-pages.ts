/**
 * Astro integration: the hidden test and benchmark pages of bench/pages/ (served at /dev/<name>/)
 * exist only in `astro dev` and in test builds (TINKER_DEV_PAGES=1: `npm run build:test`); a
 * production build (`npm run build`) never contains them. scripts/dev-pages.test.ts checks the
 * rule, and `npm run test:subpath` checks a real production build.
 */
import { readdirSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

/** Where the pages are, relative to the project root. */
export const DEV_PAGES_DIR = 'bench/pages';

/** Whether a run of Astro gets the /dev/ pages: `astro dev`, or a build with TINKER_DEV_PAGES=1. */
export function wantsDevPages(command: string, env: Record<string, string | undefined>): boolean {
  return command === 'dev' || env['TINKER_DEV_PAGES'] === '1';
}

/** The routes to inject: one /dev/<name> per .astro file of `files`. */
export function devPageRoutes(files: string[]): Array<{ pattern: string; entrypoint: string }> {
  return files
    .filter((file) => file.endsWith('.astro'))
    .sort()
    .map((file) => ({ pattern: `/dev/${file.slice(0, -'.astro'.length)}`, entrypoint: `./${DEV_PAGES_DIR}/${file}` }));
}

export default function devPages(root: URL, env: Record<string, string | undefined> = process.env): AstroIntegration {
  return {
    name: 'tinker-dev-pages',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (!wantsDevPages(command, env)) return;
        for (const route of devPageRoutes(readdirSync(new URL(`${DEV_PAGES_DIR}/`, root)))) injectRoute(route);
      },
    },
  };
}
