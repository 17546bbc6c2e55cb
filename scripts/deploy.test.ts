/**
 * deploy/nginx.conf and the header files it includes against the single source of truth,
 * src/lib/csp/policy.ts: the types it sends, which location each kind of file lands in, the
 * caching and security headers there, and the policy itself (no inline script, no eval); the
 * Dockerfile against nginx.conf; the GitHub Pages workflow's build (run with a stand-in npm).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GENERATED } from './deploy-headers.ts';
import {
  CODE_WORKER_HEADERS,
  CONTENT_TYPES,
  EVAL_WORKER_NGINX,
  EVAL_WORKER_PATTERN,
  META_CSP,
  PAGE_CSP,
  SECURITY_HEADERS,
  cacheControlFor,
  contentTypeFor,
  headersFor,
  serializePolicy,
} from '../src/lib/csp/policy.ts';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const NGINX = read('deploy/nginx.conf').replace(/#.*$/gm, '');

/** The headers an nginx include file adds: name → value. */
function addHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.replace(/#.*$/gm, '').matchAll(/add_header\s+(\S+)\s+"([^"]*)"\s+always\s*;/g)) out[m[1]!] = m[2]!;
  return out;
}

interface Location {
  modifier: string;
  pattern: string;
  body: string;
}

/** The server's location blocks, in order (no nested blocks in this file). */
function locations(conf: string): Location[] {
  return [...conf.matchAll(/location\s+(~\*?|=|\^~)?\s*(\S+)\s*\{([^{}]*)\}/g)].map((m) => ({ modifier: m[1] ?? '', pattern: m[2]!, body: m[3]! }));
}

/** The location nginx picks for a URI: an exact match, else the first matching regex, else the longest prefix. */
function locationFor(uri: string, all: Location[]): Location {
  const exact = all.find((l) => l.modifier === '=' && l.pattern === uri);
  if (exact) return exact;
  const regex = all.find((l) => l.modifier.startsWith('~') && new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(uri));
  if (regex) return regex;
  const prefixes = all.filter((l) => l.modifier === '' && uri.startsWith(l.pattern)).sort((a, b) => b.pattern.length - a.pattern.length);
  if (!prefixes[0]) throw new Error(`no location of deploy/nginx.conf serves ${uri}`);
  return prefixes[0];
}

/** Everything a location sends: its includes (the generated files) and its own add_header lines. */
function headersOf(location: Location): Record<string, string> {
  const included = [...location.body.matchAll(/include\s+\/etc\/nginx\/tinker\/(\S+)\s*;/g)].map((m) => read(`deploy/${m[1]}`));
  return Object.assign({}, ...included.map(addHeaders), addHeaders(location.body));
}

const SAMPLE_PATHS = [
  '/',
  '/index.html',
  '/lessons/start-here/',
  '/lessons/start-here/index.html',
  '/404.html',
  '/sw.js',
  '/manifest.webmanifest',
  '/favicon.svg',
  '/pagefind/pagefind.js',
  '/pagefind/wasm.en.pagefind',
  '/data/mnist/train-images-idx3-ubyte.gz',
  '/_astro/Base.yY6YEFp8.css',
  '/_astro/client.DVRVjFgs.js',
  '/_astro/tfjs-backend-wasm-simd.C1b2x3.wasm',
  '/_astro/KaTeX_Main-Regular.B22Nviop.woff2',
  '/_astro/code.worker-B66uni91.js',
  '/_astro/train.worker-DYUjZmAS.js',
  '/tinker/_astro/code.worker-B66uni91.js',
];

describe('the page policy', () => {
  it('allows scripts from the site only, WebAssembly but no eval, and no inline script or handler', () => {
    expect(PAGE_CSP['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(PAGE_CSP['script-src-attr']).toEqual(["'none'"]);
    expect(PAGE_CSP['worker-src']).toEqual(["'self'"]);
    expect(PAGE_CSP['object-src']).toEqual(["'none'"]);
    expect(PAGE_CSP['base-uri']).toEqual(["'self'"]);
    expect(PAGE_CSP['form-action']).toEqual(["'self'"]);
    const page = SECURITY_HEADERS['Content-Security-Policy']!;
    expect(page).not.toMatch(/'unsafe-eval'|'unsafe-hashes'|blob:[^;]*;.*script|\*/);
    const scriptSrc = page.split(';').find((d) => d.trim().startsWith('script-src '))!;
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(page).toContain("frame-ancestors 'none'");
  });

  it('is the same in the page, less what only a header can carry', () => {
    expect(META_CSP).toBe(serializePolicy(PAGE_CSP).replace("; frame-ancestors 'none'", ''));
    expect(META_CSP).not.toContain('frame-ancestors');
  });

  it('gives only the code-cell worker eval, and that worker cannot start workers', () => {
    expect(CODE_WORKER_HEADERS['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(CODE_WORKER_HEADERS['Content-Security-Policy']).toContain("worker-src 'none'");
    expect(headersFor('/_astro/code.worker-B66uni91.js')['Content-Security-Policy']).toBe(CODE_WORKER_HEADERS['Content-Security-Policy']);
    for (const path of ['/_astro/train.worker-DYUjZmAS.js', '/_astro/code-runner.abc.js', '/code.worker-x.js', '/lessons/start-here/'])
      expect(headersFor(path)['Content-Security-Policy'], path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });
});

describe('deploy/nginx.conf', () => {
  const all = locations(NGINX);

  it('includes header files that match the policy (node scripts/deploy-headers.ts --write regenerates them)', () => {
    for (const [file, text] of Object.entries(GENERATED)) expect(read(file), file).toBe(text);
    expect(addHeaders(read('deploy/security-headers.conf'))).toEqual(SECURITY_HEADERS);
    expect(addHeaders(read('deploy/code-worker-headers.conf'))).toEqual(CODE_WORKER_HEADERS);
  });

  it('adds no header outside a location (nginx would drop it wherever a location adds its own)', () => {
    const outside = NGINX.replace(/location\s[^{]*\{[^{}]*\}/g, '');
    expect(outside).not.toMatch(/add_header/);
  });

  it('sends every file with the security headers and the caching the policy gives it', () => {
    for (const path of SAMPLE_PATHS) {
      const sent = headersOf(locationFor(path, all));
      const expected = headersFor(path);
      const { 'Content-Type': _type, ...rest } = expected;
      expect(sent, path).toEqual(rest);
    }
    expect(cacheControlFor('/_astro/x.abc.js')).toMatch(/immutable/);
    for (const path of ['/sw.js', '/manifest.webmanifest', '/index.html', '/lessons/start-here/'])
      expect(cacheControlFor(path), path).toBe('no-cache');
  });

  it('matches the code worker exactly as the policy does', () => {
    const worker = all.find((l) => l.body.includes('code-worker-headers.conf'))!;
    expect(worker.pattern).toBe(EVAL_WORKER_NGINX);
    for (const path of SAMPLE_PATHS) expect(new RegExp(worker.pattern).test(path), path).toBe(EVAL_WORKER_PATTERN.test(path));
  });

  it('declares the content type of every kind of file the site serves, .wasm and .mjs included', () => {
    const block = /types\s*\{([^}]*)\}/.exec(NGINX)![1]!;
    const types: Record<string, string> = {};
    for (const line of block.split(';')) {
      const [type, ...exts] = line.trim().split(/\s+/);
      for (const ext of exts) types[`.${ext}`] = type!;
    }
    const expected = Object.fromEntries(Object.entries(CONTENT_TYPES).map(([ext, type]) => [ext, type.split(';')[0]]));
    expect(types).toEqual(expected);
    expect(types['.wasm']).toBe('application/wasm');
    expect(types['.mjs']).toBe('text/javascript');
    expect(contentTypeFor('/a/b.unknown')).toBe('application/octet-stream');
  });

  it('compresses text but never the .gz datasets, serves directory pages and its own 404 page', () => {
    expect(NGINX).toMatch(/gzip\s+on;/);
    const gzipTypes = /gzip_types([^;]*);/.exec(NGINX)![1]!.trim().split(/\s+/);
    expect(gzipTypes).toEqual(expect.arrayContaining(['text/css', 'text/javascript', 'application/wasm', 'application/json']));
    expect(gzipTypes).not.toContain('application/gzip');
    expect(locationFor('/lessons/start-here/', all).body).toMatch(/try_files\s+\$uri\s+\$uri\/\s+=404;/);
    expect(NGINX).toMatch(/error_page\s+404\s+\/404\.html;/);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');

  it('installs nginx.conf and the header files where nginx.conf includes them, and serves dist/', () => {
    expect(dockerfile).toMatch(/^FROM nginx:[\w.-]*alpine/m);
    expect(dockerfile).toMatch(/^COPY deploy\/nginx\.conf \/etc\/nginx\/conf\.d\/default\.conf$/m);
    const includes = [...NGINX.matchAll(/include\s+(\/etc\/nginx\/tinker\/\S+)\s*;/g)].map((m) => m[1]!);
    const copied = /^COPY ((?:deploy\/\S+ )+)\/etc\/nginx\/tinker\/$/m.exec(dockerfile)![1]!.trim().split(' ');
    expect(new Set(includes)).toEqual(new Set(copied.map((f) => `/etc/nginx/tinker/${f.replace('deploy/', '')}`)));
    const root = /root\s+(\S+);/.exec(NGINX)![1]!;
    expect(dockerfile).toMatch(new RegExp(`^COPY dist/ ${root}/$`, 'm'));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${/listen\s+(\d+);/.exec(NGINX)![1]}$`, 'm'));
    // Its build context holds only what it copies.
    const ignore = read('deploy/Dockerfile.dockerignore');
    for (const file of ['dist/', 'deploy/nginx.conf', ...copied]) expect(ignore, file).toContain(`!${file}`);
  });
});

describe('.github/workflows/pages.yml', () => {
  const workflow = parse(read('.github/workflows/pages.yml')) as {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { name?: string; run?: string; uses?: string; with?: Record<string, string> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('uploads the production build and deploys it with the Pages actions', () => {
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist');
    expect(steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('npm run datasets'))).toBe(true);
    expect(steps.map((s) => s.run ?? '').join('\n')).not.toContain('build:test');
  });

  it('builds under /<repository>/ for a project site and at / for <owner>.github.io', () => {
    const build = steps.find((s) => s.name === 'Build')!.run!;
    // Run the step's script with an `npm` that reports what it was asked to do.
    const bin = mkdtempSync(join(tmpdir(), 'tinker-pages-'));
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm $* with BASE_PATH=$BASE_PATH"\n', { mode: 0o755 });
    const runBuild = (repository: string) =>
      execFileSync('bash', ['-e', '-c', build], {
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          GITHUB_REPOSITORY: repository,
          GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
        },
        encoding: 'utf8',
      });
    try {
      expect(runBuild('someone/tinker')).toContain('npm run build with BASE_PATH=/tinker/');
      expect(runBuild('someone/someone.github.io')).toContain('npm run build with BASE_PATH=/\n');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('scripts/serve-nginx.ts', () => {
  it('runs deploy/nginx.conf itself, with only its port, root, include folder and 404 path changed', async () => {
    const { localSiteConf } = await import('./serve-nginx.ts');
    const conf = read('deploy/nginx.conf');
    const local = localSiteConf(conf, { port: 4999, root: '/tmp/www', deployDir: '/repo/deploy', base: '/tinker/' });
    expect(local).toContain('listen 127.0.0.1:4999;');
    expect(local).toContain('include /repo/deploy/security-headers.conf;');
    expect(local).toContain('error_page 404 /tinker/404.html;');
    // Everything else is the same text.
    const strip = (text: string) =>
      text
        .split('\n')
        .filter((l) => !/listen|root |include|error_page/.test(l))
        .join('\n');
    expect(strip(local)).toBe(strip(conf));
  });
});
