/**
 * Sharing: the head tags of every page (description, canonical, Open Graph, Twitter card), the
 * social card PNG of each lesson and of the site, the sitemap and robots.txt, checked in the built
 * site. The build and this run share SITE_URL (like BASE_PATH): with it, canonical URLs, og:url,
 * og:image and the sitemap must name that address; without it, the build must claim no address.
 * `npm run test:subpath` runs this file against a /tinker/ build made with SITE_URL.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { MISSING, PAGES } from './helpers.ts';

const SITE = process.env.SITE_URL?.trim().replace(/\/+$/, '') || undefined;

/** The lesson pages, as the course map links to them: absolute URLs on the test server. */
async function lessonUrls(page: Page): Promise<string[]> {
  await page.goto('./');
  const hrefs = await page.locator('a[href*="/lessons/"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href.split('#')[0]!));
  const unique = [...new Set(hrefs)];
  expect(unique.length, 'lessons linked from the course map').toBeGreaterThanOrEqual(4);
  return unique;
}

/** The public address of a page of the test server (SITE_URL in place of the test server's origin). */
const publicUrl = (local: string) => `${SITE}${new URL(local).pathname}`;
/** The test server's address for a public URL of the site. */
const localUrl = (pub: string, baseURL: string) => `${new URL(baseURL).origin}${new URL(pub).pathname}`;

const meta = (page: Page, key: string) =>
  page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('content')));

/** Checks that a response is a PNG of 1200×630 (from its IHDR chunk). */
async function expectCardPng(request: APIRequestContext, address: string): Promise<void> {
  const response = await request.get(address);
  expect(response.status(), address).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^image\/png/);
  const bytes = await response.body();
  expect([...bytes.subarray(0, 8)], `${address} is a PNG`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }, address).toEqual({ width: 1200, height: 630 });
}

test('every lesson has its summary as description, Open Graph and Twitter tags, and its own 1200×630 card @subpath', async ({
  page,
  request,
  baseURL,
}) => {
  for (const lesson of await lessonUrls(page)) {
    await page.goto(lesson);
    const slug = new URL(lesson).pathname.split('/').filter(Boolean).pop()!;
    const title = (await page.locator('h1').textContent())!.trim();
    const summary = (await page.locator('.lesson-head .lede').textContent())!.trim();
    expect(await meta(page, 'description'), lesson).toEqual([summary]);
    expect(await meta(page, 'og:description')).toEqual([summary]);
    expect(await meta(page, 'og:title')).toEqual([`${title} · Tinker`]);
    expect(await meta(page, 'og:type')).toEqual(['article']);
    const card = new URL(`og/lessons/${slug}.png`, baseURL).href;
    await expectCardPng(request, card);
    if (SITE) {
      await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', publicUrl(lesson));
      expect(await meta(page, 'og:url')).toEqual([publicUrl(lesson)]);
      expect(await meta(page, 'og:image')).toEqual([publicUrl(card)]);
      expect(await meta(page, 'og:image:width')).toEqual(['1200']);
      expect(await meta(page, 'og:image:height')).toEqual(['630']);
      const alt = await meta(page, 'og:image:alt');
      expect(alt[0]).toContain(title);
      expect(await meta(page, 'twitter:card')).toEqual(['summary_large_image']);
    } else {
      // No address is claimed when the build does not know it.
      await expect(page.locator('head link[rel="canonical"]')).toHaveCount(0);
      expect(await meta(page, 'og:url')).toEqual([]);
      expect(await meta(page, 'og:image')).toEqual([]);
      expect(await meta(page, 'twitter:card')).toEqual(['summary']);
    }
  }
});

test('every other page has a description, Open Graph tags and, with SITE_URL, its canonical URL and the site card @subpath', async ({
  page,
  request,
  baseURL,
}) => {
  await expectCardPng(request, new URL('og/site.png', baseURL).href);
  for (const { path } of PAGES.filter((p) => !p.path.includes('/lessons/'))) {
    await page.goto(path);
    const description = await meta(page, 'description');
    expect(description, path).toHaveLength(1);
    expect(description[0]!.length, `description of ${path}`).toBeGreaterThan(50);
    expect(await meta(page, 'og:description')).toEqual(description);
    expect(await meta(page, 'og:title')).toEqual([await page.title()]);
    expect(await meta(page, 'og:type')).toEqual(['website']);
    if (SITE) {
      await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', publicUrl(page.url()));
      expect(await meta(page, 'og:image')).toEqual([publicUrl(new URL('og/site.png', baseURL).href)]);
    } else {
      await expect(page.locator('head link[rel="canonical"]')).toHaveCount(0);
    }
  }
  // The 404 page has no address of its own.
  await page.goto(MISSING);
  await expect(page.locator('h1')).toHaveText('Page not found');
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(0);
  expect(await meta(page, 'og:url')).toEqual([]);
});

test('the sitemap lists every lesson and reader page, and no dev/ page or 404; robots.txt names it @subpath', async ({ page, request, baseURL }) => {
  const lessons = await lessonUrls(page);
  const robots = await request.get(new URL('robots.txt', baseURL).href);
  expect(robots.status()).toBe(200);
  const robotsText = await robots.text();
  expect(robotsText).toContain(`Disallow: ${new URL(baseURL!).pathname}data/`);
  expect(robotsText).not.toContain('dev/');
  const index = await request.get(new URL('sitemap-index.xml', baseURL).href);
  if (!SITE) {
    // The sitemap needs absolute URLs: without SITE_URL there is none, and robots.txt names none.
    expect(index.status()).toBe(404);
    expect(robotsText).not.toMatch(/Sitemap:/);
    return;
  }
  expect(robotsText).toContain(`Sitemap: ${publicUrl(new URL('sitemap-index.xml', baseURL).href)}`);
  expect(index.status()).toBe(200);
  const parts = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(parts.length).toBeGreaterThan(0);
  const listed: string[] = [];
  for (const part of parts) {
    expect(part.startsWith(`${SITE}${new URL(baseURL!).pathname}`), `${part} is under the site`).toBe(true);
    const xml = await (await request.get(localUrl(part, baseURL!))).text();
    listed.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
  }
  for (const lesson of lessons) expect(listed, 'sitemap URLs').toContain(publicUrl(lesson));
  expect(listed).toContain(publicUrl(baseURL!));
  expect(listed).toContain(publicUrl(new URL('about/', baseURL).href));
  expect(listed.filter((u) => /\/dev\/|404/.test(u))).toEqual([]);
  // Every listed URL is a page of the build.
  for (const u of listed) expect((await request.get(localUrl(u, baseURL!))).status(), u).toBe(200);
});
