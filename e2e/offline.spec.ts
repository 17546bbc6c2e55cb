import { existsSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from './static-server.ts';

/**
 * Offline use and installability (src/integrations/offline.ts, src/components/UpdatePrompt.astro,
 * src/pages/offline.astro). These tests serve the build with their own small server (not the
 * preview server the other specs share) so that they can stop it: offline then really means no
 * server, on top of Playwright's emulated offline mode. Run under `/` and under `/tinker/`.
 */
test.describe.configure({ mode: 'serial' });
// The other specs block service workers (playwright.config.ts); these test it.
test.use({ serviceWorkers: 'allow' });

const BASE = (() => {
  const b = process.env.BASE_PATH ?? '/';
  return b.endsWith('/') ? b : `${b}/`;
})();
// The same build the other specs get from playwright.config.ts: the test build unless E2E_DIST names another.
const DIST = process.env.E2E_DIST ?? 'dist-test';
const PORT = Number(process.env.E2E_PORT ?? 4321) + 100;
const LESSONS = ['start-here', 'images-are-matrices', 'neuron-from-scratch', 'network-from-scratch', 'q-learning-snake'];

let server: StaticServer;

test.beforeEach(async () => {
  if (!existsSync(join(DIST, 'sw.js')))
    throw new Error(`${DIST}/sw.js is missing: build the site first (npm run build:test, or set E2E_DIST to a build folder).`);
  server = await serveStatic(DIST, BASE, PORT);
});

test.afterEach(async () => {
  await server.close();
});

const at = (path = '') => `${server.origin}${BASE}${path}`;

/** Waits until the service worker is installed, active and controls the page. */
async function workerInCharge(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return !!registration.active && !!navigator.serviceWorker.controller;
  });
}

async function goOffline(context: BrowserContext): Promise<void> {
  await server.close();
  await context.setOffline(true);
}

test('after one visit every lesson reloads offline, and the MNIST widget trains from the kept data @subpath', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto(at('lessons/start-here/'));
  await workerInCharge(page);

  // Keep the datasets with the "Use Tinker offline" page (through the verified loader).
  await page.goto(at('offline/'));
  const root = page.locator('[data-offline-page]');
  await expect(root).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('[data-part="total"]')).toHaveText(/\d+(\.\d)? MB/);
  await page.getByRole('button', { name: 'Download everything for offline use' }).click();
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(root.getByRole('status')).toContainText('Everything is on this device');
  await expect(page.locator('[data-part="data"] li')).toHaveCount(8);
  await expect(page.locator('[data-part="data"] li', { hasText: 'not kept' })).toHaveCount(0);
  await expect(page.locator('[data-part="site"]')).toHaveText(/^(\d+) of \1 files kept/);

  await goOffline(context);
  for (const lesson of LESSONS) {
    await page.goto(at(`lessons/${lesson}/`));
    await expect(page.locator('h1').first()).toBeVisible();
    await expect(page.locator('[data-pagefind-body]')).toBeVisible();
  }
  // Search works offline too.
  await page.locator('body').press('/');
  await page.getByRole('searchbox', { name: 'Words or a phrase' }).fill('softmax');
  await expect(page.locator('[data-search-results] a').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Train the MNIST widget, briefly, with no server and no network.
  await page.goto(at('lessons/start-here/'));
  const widget = page.locator('tk-mnist-trainer');
  await page.waitForFunction(() => customElements.get('tk-mnist-trainer') !== undefined);
  await widget.getByText('More settings').click(); // the number of images is a secondary setting
  await widget.getByLabel('Training images').selectOption('10000');
  await widget.getByLabel('Epochs').selectOption('1');
  await widget.getByRole('button', { name: /start/i }).click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('tk-mnist-trainer')?.getAttribute('data-state') ?? ''), null, {
    timeout: 180_000,
    polling: 500,
  });
  const status = await widget.getByRole('status').first().innerText();
  expect(await widget.getAttribute('data-state'), status).toBe('done');
  expect(status).toMatch(/Test accuracy \d+(\.\d+)?% after 1 epoch/);

  // Still offline: the offline page lists the kept datasets and removes them on request.
  await page.goto(at('offline/'));
  await expect(root).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('[data-part="data"] li', { hasText: 'kept, checked' })).toHaveCount(8);
  await page.getByRole('button', { name: 'Remove the cached datasets' }).click();
  await expect(page.locator('[data-part="data"] li', { hasText: 'not kept' })).toHaveCount(8);
  await expect(root.getByRole('status')).toContainText('The cached datasets are removed');
  expect(await page.evaluate(() => caches.has('tinker-data-v1'))).toBe(false);
});

test('a new deployment shows the update banner; Reload switches to it and keeps saved progress @subpath', async ({ page }) => {
  await page.goto(at('lessons/start-here/'));
  await workerInCharge(page);
  await page.evaluate(() => localStorage.setItem('tinker-e2e-kept', 'yes'));
  const banner = page.locator('[data-update-prompt]');
  await expect(banner).toHaveRole('status');
  await expect(banner.getByText('A new version of Tinker is available')).toBeHidden();

  server.setWorkerSuffix(`// deployment ${Date.now()}`);
  // Browsers look for a new worker on navigation (and when the tab comes back); ask now.
  await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  await expect(banner.getByText('A new version of Tinker is available')).toBeVisible({ timeout: 30_000 });
  const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
  expect(waiting).toBe(true);

  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
  await workerInCharge(page);
  const after = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: !!registration?.waiting, kept: localStorage.getItem('tinker-e2e-kept'), url: navigator.serviceWorker.controller?.scriptURL };
  });
  expect(after).toEqual({ waiting: false, kept: 'yes', url: before });
  await expect(page.getByText('A new version of Tinker is available')).toBeHidden();
});

test('the web app manifest is valid: fields, scope under the base, icons of the declared sizes @subpath', async ({ page }) => {
  await page.goto(at());
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe(`${BASE}manifest.webmanifest`);
  const response = await page.request.get(new URL(href!, at()).href);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toMatch(/manifest\+json|json/);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: expect.stringContaining('Tinker'),
    short_name: 'Tinker',
    start_url: BASE,
    scope: BASE,
    display: 'standalone',
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const purposes = new Set<string>();
  const sizes = new Set<string>();
  for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]) {
    expect(icon.src.startsWith(BASE), icon.src).toBe(true);
    const file = join(DIST, icon.src.slice(BASE.length));
    expect(existsSync(file), file).toBe(true);
    const png = PNG.sync.read(readFileSync(file));
    expect(`${png.width}x${png.height}`).toBe(icon.sizes);
    expect(icon.type).toBe('image/png');
    purposes.add(icon.purpose);
    sizes.add(icon.sizes);
  }
  expect([...sizes].sort()).toEqual(['192x192', '512x512']);
  expect(purposes).toEqual(new Set(['any', 'maskable']));
});
