import { expect, test } from '@playwright/test';
import { META_CSP } from '../src/lib/csp/policy.ts';
import { cspViolations, recordCspViolations } from './csp-helpers.ts';
import { LESSON, PAGES, watchForProblems } from './helpers.ts';

/**
 * The Content-Security-Policy every page carries in a <meta http-equiv> (src/lib/csp/policy.ts):
 * each page has it, loads without a single violation, and script a sanitiser bug might let into
 * the page (an inline event handler, an inline <script>, a javascript: URL) does not run. That the
 * policy never allows eval is checked on its text (src/lib/csp/policy.test.ts): Playwright's own
 * evaluation is exempt from the page's policy, so a test cannot call eval as page code would.
 */

test.beforeEach(async ({ page }) => {
  await recordCspViolations(page);
});

for (const { name, path } of PAGES) {
  // Also the page's own checks (one load per page, see e2e/README.md): status, one h1, the site's title.
  // @page-load: under the deployment's headers e2e/headers.run.ts loads each page instead (playwright.headers.config.ts).
  test(`${name} loads without console errors or failed requests, carries the policy and has no CSP violation @page-load`, async ({ page }) => {
    const problems = watchForProblems(page);
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path}`).toBe(200);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page).toHaveTitle(/Tinker/);
    const metas = page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(metas).toHaveCount(1);
    expect(await metas.getAttribute('content')).toBe(META_CSP);
    // In the served HTML the policy comes before any script or stylesheet, so it governs them all.
    const html = (await response!.text()).toLowerCase();
    const policyAt = html.indexOf('<meta http-equiv="content-security-policy"');
    const firstResource = Math.min(...['<script', '<link rel="stylesheet"', '<style'].map((tag) => html.indexOf(tag)).filter((i) => i >= 0));
    expect(policyAt, 'the policy is in the page').toBeGreaterThan(0);
    expect(policyAt, 'the policy comes before the first script or stylesheet').toBeLessThan(firstResource);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('an injected inline event handler is blocked and reported as a violation', async ({ page }) => {
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __handlerRan?: boolean };
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.disposition}`), { once: true }),
    );
    // What a sanitiser bug would let through: markup with an event handler, parsed into the page.
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:image/gif;base64,AAAA" onerror="window.__handlerRan = true">';
    document.body.append(holder);
    const directive = await violation;
    // Give the (blocked) error event time to have fired.
    await new Promise((r) => setTimeout(r, 300));
    return { directive, handlerRan: w.__handlerRan === true };
  });
  expect(outcome.directive).toBe('script-src-attr enforce');
  expect(outcome.handlerRan).toBe(false);
});

test('an injected inline <script> and a javascript: URL do not run', async ({ page }) => {
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean; __linkRan?: boolean };
    const directives: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => directives.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const link = document.createElement('a');
    link.href = 'javascript:window.__linkRan = true';
    document.body.append(link);
    link.click();
    await new Promise((r) => setTimeout(r, 300));
    return { inlineRan: w.__inlineRan === true, linkRan: w.__linkRan === true, directives };
  });
  expect(outcome.inlineRan).toBe(false);
  expect(outcome.linkRan).toBe(false);
  // Both were refused and reported, the inline <script> and the javascript: URL (each once per
  // policy in force: twice where a server also sends the policy as a header).
  expect([...new Set(outcome.directives)]).toEqual(['script-src-elem']);
  expect(outcome.directives.length).toBeGreaterThanOrEqual(2);
});

test('the scripts that used to be inline still run from their files: theme before paint, table of contents', async ({ page }) => {
  // theme-init.js applies a remembered theme; toc-open.js opens the contents on wide screens only.
  await page.addInitScript(() => localStorage.setItem('tinker-theme', 'dark'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(LESSON);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme-choice', 'dark');
  const toc = page.locator('details[data-toc]');
  await expect(toc).toHaveJSProperty('open', true);
  await page.setViewportSize({ width: 600, height: 800 });
  await expect(toc).toHaveJSProperty('open', false);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(toc).toHaveJSProperty('open', false);
  expect(await cspViolations(page)).toEqual([]);
});
