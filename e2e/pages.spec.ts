import { expect, test } from '@playwright/test';
import { LESSON, MISSING, PAGES, pageBackgroundLuminance, watchForProblems } from './helpers.ts';

// Each page's status, heading, title and a load without console errors or failed requests: csp.spec.ts
// (one load per page checks both; the headers runs repeat it on the sub-path build). That no page scrolls
// sideways at 375 px: a11y.spec.ts.

test('every internal link on every page leads to a page of this site @subpath', async ({ page, baseURL }) => {
  const checked = new Map<string, number>();
  for (const { path } of PAGES) {
    await page.goto(path);
    // Resolved from the attribute: an SVG link's .href is not a string (the map of unsupervised algorithms has them).
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => new URL(a.getAttribute('href')!, document.baseURI).href));
    for (const href of hrefs) {
      const url = new URL(href);
      url.hash = '';
      if (url.origin !== new URL(baseURL!).origin || checked.has(url.href)) continue;
      // Under a sub-path build every internal link must stay under the base.
      expect(url.href.startsWith(baseURL!), `${url.href} (on ${path}) is outside the site's base ${baseURL}`).toBe(true);
      checked.set(url.href, (await page.request.get(url.href)).status());
    }
  }
  const broken = [...checked].filter(([, status]) => status !== 200).map(([href, status]) => `${status} ${href}`);
  expect(checked.size, 'internal links found').toBeGreaterThan(2);
  expect(broken).toEqual([]);
});

test('a missing page answers 404 with the site’s own 404 page @subpath', async ({ page }) => {
  // The browser logs the 404 of the document itself; that one is expected.
  const problems = watchForProblems(page, (p) => p.includes('this-page-does-not-exist') && /404/.test(p));
  const response = await page.goto(MISSING);
  expect(response?.status()).toBe(404);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1')).toContainText(/not found|404|does not exist/i);
  // It offers a way back to the course.
  await expect(page.getByRole('link', { name: /course|home|start/i }).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe('the lesson page @subpath', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(LESSON);
  });

  test('renders maths with KaTeX, inline and display, without errors', async ({ page }) => {
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.locator('.katex-display').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // KaTeX ships its own fonts and CSS; unstyled output would show the MathML and HTML twice.
    const mathmlHidden = await page
      .locator('.katex-mathml')
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.width <= 1 && r.height <= 1;
      });
    expect(mathmlHidden, 'KaTeX CSS is loaded (the MathML copy is visually hidden)').toBe(true);
  });

  test('has a table of contents linking to its headings, and previous/next navigation', async ({ page }) => {
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const targets = await toc.locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(1)));
    expect(targets.length, 'the table of contents lists the sections').toBeGreaterThan(0);
    for (const id of targets) await expect(page.locator(`[id="${id}"]`), `heading #${id}`).toHaveCount(1);
    // Every section heading of the lesson body is in the table of contents.
    const sections = await page.locator('.lesson-body h2[id]').evaluateAll((els) => els.map((el) => el.id));
    expect(sections.length).toBeGreaterThan(0);
    expect(targets).toEqual(expect.arrayContaining(sections));

    const pager = page.getByRole('navigation', { name: /previous and next/i });
    await expect(pager).toBeVisible();
    await expect(pager.getByRole('link').first()).toBeVisible();
  });
});

test('the theme toggle switches light/dark and is remembered across a reload @subpath', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(LESSON);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await pageBackgroundLuminance(page), 'light by default under a light system setting').toBeGreaterThan(0.5);

  // ThemeToggle.astro: each press changes the theme in use (system → dark → light → system here).
  const toggle = page.locator('button[data-theme-toggle]').first();
  await expect(toggle).toHaveAccessibleName(/^Theme:/);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await pageBackgroundLuminance(page), 'dark after toggling').toBeLessThan(0.2);

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await pageBackgroundLuminance(page), 'still dark after a reload').toBeLessThan(0.2);
  await page.goto('./');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await pageBackgroundLuminance(page), 'still dark on the course map').toBeLessThan(0.2);

  // And back, from the keyboard this time.
  await page.locator('button[data-theme-toggle]').first().focus();
  await page.keyboard.press('Enter');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('the site follows a dark system setting until the reader chooses', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await pageBackgroundLuminance(page)).toBeLessThan(0.2);
});

test('the internal benchmark page (used by npm run bench) loads without errors', { tag: '@dev-pages' }, async ({ page }) => {
  const problems = watchForProblems(page);
  const response = await page.goto('./dev/bench/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('the browser loader reads the full Fashion-MNIST training set, then serves it from its cache', { tag: '@dev-pages' }, async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchForProblems(page);
  await page.goto('./dev/bench/');
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
  type Summary = { count: number; rows: number; cols: number; fromCache: boolean; firstLabels: number[]; firstImageMean: number };
  const load = () =>
    page.evaluate(async () => {
      const bench = (window as unknown as { tinkerBench: { loadSplitSummary(d: string, s: string): Promise<Summary> } }).tinkerBench;
      return bench.loadSplitSummary('fashion-mnist', 'train');
    });
  const first = await load();
  // The first ten labels of Fashion-MNIST's training set: ankle boot, T-shirt, T-shirt, dress, T-shirt, pullover, sneaker, pullover, sandal, sandal.
  expect(first).toMatchObject({ count: 60_000, rows: 28, cols: 28, fromCache: false, firstLabels: [9, 0, 0, 3, 0, 2, 7, 2, 5, 5] });
  expect(first.firstImageMean).toBeGreaterThan(0);
  const second = await load();
  expect(second).toEqual({ ...first, fromCache: true });
  expect(problems).toEqual([]);
});
