/**
 * Lighthouse on every page of the built site (npm run audit). Not part of `npm test`: the scores
 * depend on the machine, so they are printed, never asserted.
 *
 *   node scripts/audit.ts [--dist DIR] [--preset desktop|mobile|both] [--only TEXT] [--json FILE] [--reports DIR]
 *
 * --only keeps the pages whose path contains TEXT; --json writes the scores and failing audits;
 * --reports DIR writes each page's full Lighthouse report (JSON, open it in the Lighthouse viewer).
 *
 * Builds the site when DIR (default dist) has no build, serves it the way a static host does
 * (gzip for text, long-lived caching for hashed /_astro/ files, 404.html with status 404 for a
 * missing page; BASE_PATH honoured), and runs Lighthouse 12.2.3 in headless Chromium (CHROMIUM_PATH,
 * else /usr/bin/chromium, else Playwright's own) on every page: the course map, each lesson, the
 * author, progress and about pages, every other page of the build except the dev/ harnesses, and
 * the 404 page (at /404.html: Lighthouse refuses a response with status 404). Prints one table per preset with the
 * four category scores, then every audit that kept a score below 100, so you can fix it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CONTENT_TYPES } from '../src/lib/csp/policy.ts';
import { CHROMIUM_TEST_ARGS, findChromium } from './check-browser.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const HEADERS: Record<Category, string> = {
  performance: 'Perf',
  accessibility: 'A11y',
  'best-practices': 'Best pr.',
  seo: 'SEO',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.xml', '.svg', '.txt', '.wasm']);

/** Serves a build like a static host would; `base` is the site's base path ('/' or '/tinker/'). */
function serveBuild(root: string, base: string): Promise<{ server: Server; url: string }> {
  const rootDir = resolve(root);
  const send = (res: import('node:http').ServerResponse, file: string, status: number, gzip: boolean) => {
    const ext = extname(file);
    let body = readFileSync(file);
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream' };
    if (gzip && COMPRESSIBLE.has(ext)) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      headers['vary'] = 'Accept-Encoding';
    }
    headers['cache-control'] = relative(rootDir, file).startsWith(`_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    headers['content-length'] = String(body.length);
    res.writeHead(status, headers).end(body);
  };
  const server = createServer((req, res) => {
    const address = new URL(req.url ?? '/', 'http://localhost');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const path = decodeURIComponent(address.pathname);
    const notFound = () => {
      const page = join(rootDir, '404.html');
      if (existsSync(page)) send(res, page, 404, gzip);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };
    if (!path.startsWith(base) && `${path}/` !== base) return notFound();
    let file = normalize(join(rootDir, path.slice(base.length)));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound();
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${address.pathname}/${address.search}` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) return notFound();
    send(res, file, 200, gzip);
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({ server, url: `http://127.0.0.1:${port}${base}` });
    });
  });
}

/** Site-relative paths of every page in a build ('', 'lessons/start-here/', …), dev/ harnesses left out. */
export function pagesOf(root: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        const rel = relative(root, full).split(sep).join('/');
        if (rel === 'dev' || rel === '_astro' || rel === 'data' || rel === 'pagefind') continue;
        walk(full);
      } else if (entry.name === 'index.html') {
        const rel = relative(root, dir).split(sep).join('/');
        pages.push(rel ? `${rel}/` : '');
      }
    }
  };
  walk(root);
  // The course map first, then the rest by path.
  return pages.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
}

interface PageResult {
  page: string;
  scores: Record<Category, number | null>;
  /** Audits below a full score that count towards a category: "id (score): title". */
  failing: string[];
}

function table(preset: string, results: PageResult[]): string {
  const nameWidth = Math.max(4, ...results.map((r) => r.page.length));
  const head = `| ${'Page'.padEnd(nameWidth)} | ${CATEGORIES.map((c) => HEADERS[c].padStart(8)).join(' | ')} |`;
  const rule = `| ${'-'.repeat(nameWidth)} | ${CATEGORIES.map(() => '-------:').join(' | ')} |`;
  const rows = results.map(
    (r) =>
      `| ${r.page.padEnd(nameWidth)} | ${CATEGORIES.map((c) => (r.scores[c] === null ? 'n/a' : String(Math.round(r.scores[c]! * 100))).padStart(8)).join(' | ')} |`,
  );
  return [`Lighthouse 12.2.3, ${preset} preset`, head, rule, ...rows].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      preset: { type: 'string', default: 'both' },
      only: { type: 'string' },
      json: { type: 'string' },
      reports: { type: 'string' },
    },
  });
  const presets = values.preset === 'both' ? ['desktop', 'mobile'] : [values.preset!];
  if (presets.some((p) => p !== 'desktop' && p !== 'mobile')) {
    console.error(`--preset must be desktop, mobile or both, got ${values.preset}.`);
    return 2;
  }
  const dist = resolve(values.dist!);
  if (!existsSync(join(dist, 'index.html'))) {
    // dist/ is built by `npm run build` (which prepares the datasets first); another folder by astro build --outDir.
    const [command, args]: [string, string[]] =
      values.dist === 'dist' ? ['npm', ['run', 'build']] : ['npx', ['astro', 'build', '--outDir', values.dist!]];
    console.log(`No build in ${values.dist}/: building it first (${command} ${args.join(' ')})…`);
    const built = spawnSync(command, args, { stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('The build failed; fix it and run the audit again.');
      return 1;
    }
  }
  const choice = findChromium();
  if (choice.kind === 'none') {
    console.error(`${choice.reason} Set CHROMIUM_PATH or run \`npx playwright install chromium\`.`);
    return 1;
  }
  const chromePath = choice.path;

  const rawBase = process.env.BASE_PATH ?? '/';
  const base = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  let pages = pagesOf(dist);
  // Lighthouse will not audit a response with status 404, so the 404 page is audited at its file (status 200).
  if (existsSync(join(dist, '404.html'))) pages.push('404.html');
  if (values.only) pages = pages.filter((p) => p.includes(values.only!));
  if (pages.length === 0) {
    console.error(`No page matches --only ${values.only}.`);
    return 2;
  }

  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');
  const { server, url } = await serveBuild(dist, base);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', ...CHROMIUM_TEST_ARGS],
    logLevel: 'silent',
  });
  const report: Record<string, PageResult[]> = {};
  try {
    console.log(`Auditing ${pages.length} pages of ${values.dist}/ at ${url} with ${chromePath} (${presets.join(' and ')})…`);
    for (const preset of presets) {
      const results: PageResult[] = [];
      for (const page of pages) {
        const runner = await lighthouse(
          `${url}${page}`,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        if (!runner) throw new Error(`Lighthouse returned nothing for ${page}.`);
        const lhr = runner.lhr;
        if (values.reports) {
          mkdirSync(values.reports, { recursive: true });
          const file = `${preset}-${page.replace(/\/$/, '').replace(/[^a-z0-9.-]+/gi, '_') || 'index'}.json`;
          writeFileSync(join(values.reports, file), JSON.stringify(lhr));
        }
        if (lhr.runtimeError) console.log(`  ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as PageResult['scores'];
        const failing: string[] = [];
        for (const c of CATEGORIES) {
          for (const ref of lhr.categories[c]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
            const shown = audit.displayValue ? ` — ${audit.displayValue}` : '';
            failing.push(`${c}: ${ref.id} (${Math.round(audit.score * 100)})${shown}: ${audit.title}`);
          }
        }
        const name = `/${page}`;
        results.push({ page: name, scores, failing });
        console.log(
          `  ${preset} ${name}: ${CATEGORIES.map((c) => `${HEADERS[c]} ${scores[c] === null ? 'n/a' : Math.round(scores[c]! * 100)}`).join(', ')}`,
        );
      }
      report[preset] = results;
    }
  } finally {
    chrome.kill();
    server.close();
  }
  for (const preset of presets) {
    const results = report[preset]!;
    console.log(`\n${table(preset, results)}`);
    const withIssues = results.filter((r) => r.failing.length > 0);
    if (withIssues.length) {
      console.log(`\nAudits below 100 (${preset}):`);
      for (const r of withIssues) {
        console.log(`  ${r.page}`);
        for (const f of r.failing) console.log(`    ${f}`);
      }
    }
  }
  console.log(
    '\nPerformance is measured with simulated throttling on this machine: on a small or busy machine it varies by several points between runs.',
  );
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
