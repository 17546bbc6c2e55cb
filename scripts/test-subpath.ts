/**
 * Proves the production site works under a sub-path of a static host and under the deployment's
 * headers: builds with `npm run build`'s production settings and BASE_PATH=/tinker/ into dist-subpath/,
 * checks that the build holds none of the /dev/ test pages (no dev/ folder, no link or sitemap entry
 * to one), runs the end-to-end tests tagged @subpath against it (those tagged @dev-pages need the test
 * build and are left out), then serves it with exactly the headers of deploy/nginx.conf
 * (scripts/serve-headers.ts) and runs playwright.headers.config.ts (every page's headers, the CSP tests),
 * and once more under nginx with deploy/nginx.conf itself when nginx is installed.
 * It builds with a SITE_URL, so canonical URLs and the sitemap must carry both the site's address and the base.
 *
 * Which tests are tagged @subpath (e2e/README.md): those that exercise what a base path can break, i.e.
 * URLs the site makes (links, asset, font, worker, wasm, dataset and model URLs, search results, the
 * service worker's scope and the manifest, canonical URLs, the sitemap) and what differs in a production
 * build (the JavaScript budget). The rest (layout, accessibility, keyboard, storage, grading) sees the same
 * markup as in the main run, so it runs once, there.
 * Part of `npm test`; run alone with `npm run test:subpath`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNginx } from './serve-nginx.ts';

const BASE_PATH = '/tinker/';
const OUT_DIR = 'dist-subpath';
// A reserved example address (RFC 2606): the build claims it in canonical URLs and the sitemap, and
// e2e/share.spec.ts checks them against it. Only this test build uses it.
const SITE_URL = 'https://example.org';

function run(command: string, args: string[], env: Record<string, string>): void {
  console.log(
    `\n> ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} ${command} ${args.join(' ')}`,
  );
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Every text file of a build that could name a page: HTML, sitemaps, the manifest. */
function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(html|xml|webmanifest|txt)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** What in a production build points at a /dev/ page: a dev/ folder, a link or a sitemap entry. */
export function devPagesIn(dir: string, base: string): string[] {
  const found: string[] = [];
  if (existsSync(join(dir, 'dev'))) found.push(`${dir}/dev/ exists`);
  const devPath = new RegExp(`${base.replace(/[/]/g, '\\/')}dev\\/`);
  for (const file of pageFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const match = devPath.exec(text);
    if (match) found.push(`${file} names ${text.slice(Math.max(0, match.index - 40), match.index + 30).replace(/\s+/g, ' ')}`);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // A production build: TINKER_DEV_PAGES is cleared in case the caller's shell has it.
  run('npx', ['astro', 'build', '--outDir', OUT_DIR], { BASE_PATH, SITE_URL, TINKER_DEV_PAGES: '' });
  const dev = devPagesIn(OUT_DIR, BASE_PATH);
  if (dev.length > 0) {
    console.error(`\nThe production build holds /dev/ test pages:\n  ${dev.join('\n  ')}\nThey belong to the test build only (npm run build:test).`);
    process.exit(1);
  }
  console.log(`\n${OUT_DIR}/ holds no /dev/ page (no folder, link or sitemap entry).`);
  run('npx', ['playwright', 'test', '--grep', '@subpath', '--grep-invert', '@dev-pages'], {
    BASE_PATH,
    SITE_URL,
    E2E_DIST: OUT_DIR,
    E2E_PORT: '4322',
  });
  run('npx', ['playwright', 'test', '-c', 'playwright.headers.config.ts'], { BASE_PATH, E2E_DIST: OUT_DIR, E2E_PORT: '4324' });
  // And under nginx with deploy/nginx.conf itself, where nginx is installed (.ci/run installs it).
  if (findNginx()) {
    run('npx', ['playwright', 'test', '-c', 'playwright.headers.config.ts'], { BASE_PATH, E2E_DIST: OUT_DIR, E2E_PORT: '4325', E2E_SERVER: 'nginx' });
  } else {
    console.warn(
      '\nnginx is not installed, so deploy/nginx.conf was checked by scripts/deploy.test.ts but not served.\n' +
        'Install it (Debian/Ubuntu: apt-get install nginx-light) to run the headers tests under nginx too; .ci/run does.',
    );
  }
}
