import { expect, test } from '@playwright/test';
import { CODE_WORKER_HEADERS, META_CSP, SECURITY_HEADERS, headersFor } from '../src/lib/csp/policy.ts';
import { cspViolations, recordCspViolations } from './csp-helpers.ts';
import { LESSON, PAGES, watchForProblems } from './helpers.ts';

/**
 * The site served with exactly the headers a deployment sends (scripts/serve-headers.ts, the same
 * headers as deploy/nginx.conf, from src/lib/csp/policy.ts): every page loads, a TensorFlow.js widget
 * trains and a code cell runs, with no Content-Security-Policy violation. Run by
 * playwright.headers.config.ts (npm run test:headers; part of npm run test:subpath), not by the main
 * suite (this file's name is not *.spec.ts on purpose).
 */

test.beforeEach(async ({ page }) => {
  await recordCspViolations(page);
});

/** The site's own responses that lack a security header, as "header: url" lines. */
function watchHeaders(page: import('@playwright/test').Page, origin: string): string[] {
  const missing: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(origin)) return;
    const headers = await response.allHeaders();
    const path = new URL(response.url()).pathname;
    const expected = headersFor(path);
    for (const name of [...Object.keys(SECURITY_HEADERS), 'Cache-Control']) {
      if (headers[name.toLowerCase()] !== expected[name]) missing.push(`${name} (${headers[name.toLowerCase()] ?? 'none'}): ${response.url()}`);
    }
  });
  return missing;
}

for (const { name, path } of PAGES) {
  test(`${name} loads under the deployment headers without a CSP violation`, async ({ page, baseURL }) => {
    const problems = watchForProblems(page);
    const wrongHeaders = watchHeaders(page, new URL(baseURL!).origin);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(response?.headers()['cache-control']).toBe('no-cache');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page).toHaveTitle(/Tinker/);
    // The page's own policy, as csp.spec.ts checks it in the main run (its per-page test is left out here).
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(META_CSP);
    expect(await cspViolations(page)).toEqual([]);
    expect(wrongHeaders).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('a code cell runs the reader’s code with TensorFlow.js; only its worker may evaluate code', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchForProblems(page);
  const workerScripts: Record<string, string>[] = [];
  page.on('response', async (response) => {
    if (/\/code\.worker-[^/]+\.js$/.test(response.url())) workerScripts.push(await response.allHeaders());
  });
  await page.goto(LESSON);
  const c = page.locator('tk-code-cell[data-cell-id="first-tensors"]');
  await c.locator('[data-part="static"], .cm-content').first().click();
  await expect(c).toHaveAttribute('data-editor', 'ready');
  await c.locator('.cm-content').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText("const t = tf.tensor([1, 2, 3]);\nprint('sum ' + t.sum().dataSync()[0]);\nreturn t.mul(7).sum().dataSync()[0];");
  await c.locator('[data-part="run"]').click();
  await expect(c).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(c.locator('[data-part="output"]')).toContainText('sum 6');
  await expect(c.locator('[data-part="status"]')).toContainText(/returned .*42/);
  expect(workerScripts.length, 'the code worker was fetched').toBeGreaterThan(0);
  expect(workerScripts[0]!['content-security-policy']).toBe(CODE_WORKER_HEADERS['Content-Security-Policy']);
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('the MNIST trainer loads TensorFlow.js in its worker and trains', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchForProblems(page);
  await page.goto(LESSON);
  const widget = page.locator('tk-mnist-trainer');
  await page.waitForFunction(() => customElements.get('tk-mnist-trainer') !== undefined);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await widget.getByRole('button', { name: /start/i }).click();
  // Batches have trained once the progress bar reads "Training" with a value above 0.
  const bar = widget.locator('[data-part="progress-bar"]');
  await expect
    .poll(
      async () => ((await bar.getAttribute('aria-label')) === 'Training' ? Number(await bar.evaluate((b) => (b as HTMLProgressElement).value)) : 0),
      {
        timeout: 150_000,
        message: 'training makes progress',
      },
    )
    .toBeGreaterThan(0);
  await expect(widget).toHaveAttribute('data-state', 'running');
  await widget.getByRole('button', { name: /^stop$/i }).click();
  await expect(widget).toHaveAttribute('data-state', /^(done|idle)$/, { timeout: 30_000 });
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('no other page can frame the site (frame-ancestors, which only a header can carry)', async ({ page, baseURL }) => {
  // A page outside the site (about:blank) that frames one of its pages.
  const target = new URL('about/', baseURL).href;
  const response = page.waitForResponse(target);
  await page.setContent(`<iframe title="framing test" src="${target}"></iframe>`);
  await response;
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await frame.waitForLoadState();
  // A refused frame shows the browser's error page instead of the site's.
  expect(frame.url()).not.toBe(target);
  expect(await frame.locator('meta[http-equiv="Content-Security-Policy"]').count(), 'the site’s page is not in the frame').toBe(0);
});
