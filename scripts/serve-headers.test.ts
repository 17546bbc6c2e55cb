/** scripts/serve-headers.ts: the Node stand-in for deploy/nginx.conf that the headers e2e run uses. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_WORKER_HEADERS, IMMUTABLE, SECURITY_HEADERS } from '../src/lib/csp/policy.ts';
import { createHeadersServer } from './serve-headers.ts';

let root: string;
let origin: string;
let close: () => Promise<void>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tinker-serve-'));
  mkdirSync(join(root, 'lessons', 'a'), { recursive: true });
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, '404.html'), '<h1>not found</h1>');
  writeFileSync(join(root, 'lessons', 'a', 'index.html'), '<h1>a</h1>');
  writeFileSync(join(root, '_astro', 'app.Ab1.js'), 'export {}');
  writeFileSync(join(root, '_astro', 'code.worker-Xy_9.js'), 'export {}');
  writeFileSync(join(root, '_astro', 'm.Q1.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(root, 'sw.js'), '');
  const server = createHeadersServer(root, '/tinker/');
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((ok) => server.close(() => ok()));
});

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${origin}${path}`, { redirect: 'manual' });

describe('serve-headers', () => {
  it('serves pages with the security headers, as HTML, revalidated on every visit', async () => {
    const res = await get('/tinker/lessons/a/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<h1>a</h1>');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/tinker/sw.js')).headers.get('cache-control')).toBe('no-cache');
  });

  it('redirects a directory without its slash, keeping the base', async () => {
    const res = await get('/tinker/lessons/a');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/tinker/lessons/a/');
  });

  it('caches hashed assets for a year, types .wasm and gives only the code worker its own policy', async () => {
    const asset = await get('/tinker/_astro/app.Ab1.js');
    expect(asset.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect((await get('/tinker/_astro/m.Q1.wasm')).headers.get('content-type')).toBe('application/wasm');
    const worker = await get('/tinker/_astro/code.worker-Xy_9.js');
    expect(worker.headers.get('content-security-policy')).toBe(CODE_WORKER_HEADERS['Content-Security-Policy']);
  });

  it('answers 404 with the site’s page, with the headers, for missing files, paths outside the base and escapes', async () => {
    for (const path of ['/tinker/nope/', '/index.html', '/tinker/../index.html', '/tinker/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('<h1>not found</h1>');
      expect(res.headers.get('content-security-policy'), path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    }
  });
});
