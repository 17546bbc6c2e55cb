import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON, expectNoAxeViolations, watchForProblems } from './helpers.ts';

// "Continue where you left off" (src/widgets/continue/, rules in src/lib/progress/continue.ts) and
// the table of contents' scroll spy (rule in src/lib/content/scroll-spy.ts). Sections are picked
// from the lesson's own table of contents, so the tests follow the lesson as it is edited.
const KEY = 'tinker-progress';
const SLUG = 'start-here';

const toc = (page: Page) => page.getByRole('navigation', { name: 'On this page' });
const hero = (page: Page) => page.locator('a[data-continue="hero"]');
const heroText = (page: Page) => hero(page).locator('[data-continue-text]');
const header = (page: Page) => page.locator('a[data-continue="header"]');
const stored = async (page: Page) => JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? 'null') as unknown;

interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** The table of contents' entries in page order: heading id, link text, and whether it is an h2 or an h3 entry. */
async function tocEntries(page: Page): Promise<TocEntry[]> {
  return toc(page)
    .locator('a[href^="#"]')
    .evaluateAll((links) =>
      links.map((a) => ({
        id: decodeURIComponent((a as HTMLAnchorElement).hash.slice(1)),
        text: a.textContent?.trim() ?? '',
        depth: a.closest('ol ol') ? (3 as const) : (2 as const),
      })),
    );
}

/** Puts the heading `id` at the top of the window, as a reader scrolling to it would. */
async function scrollToHeading(page: Page, id: string): Promise<void> {
  await page.evaluate((headingId) => document.getElementById(headingId)?.scrollIntoView({ block: 'start' }), id);
}

const link = (page: Page, id: string): Locator => toc(page).locator(`a[href="#${id}"]`);

test.describe('the table of contents highlights the section in view', () => {
  test('the link of the section in view is aria-current="location", and it follows the scrolling', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(LESSON);
    const entries = await tocEntries(page);
    const h2s = entries.filter((e) => e.depth === 2);
    expect(h2s.length, 'the lesson has several sections').toBeGreaterThan(3);
    const current = toc(page).locator('[aria-current]');

    const second = h2s[1]!;
    await scrollToHeading(page, second.id);
    await expect(link(page, second.id)).toHaveAttribute('aria-current', 'location');
    await expect(current).toHaveCount(1);

    // Further down: the highlight moves on.
    const third = h2s[2]!;
    await scrollToHeading(page, third.id);
    await expect(link(page, third.id)).toHaveAttribute('aria-current', 'location');
    await expect(link(page, second.id)).not.toHaveAttribute('aria-current', /.*/);
    await expect(current).toHaveCount(1);

    // An h3 section: its own link is current, and its h2's link is marked as its parent.
    const h3Index = entries.findIndex((e) => e.depth === 3);
    expect(h3Index, 'the lesson has an h3 section').toBeGreaterThan(0);
    const h3 = entries[h3Index]!;
    const parent = entries.slice(0, h3Index).findLast((e) => e.depth === 2)!;
    await scrollToHeading(page, h3.id);
    await expect(link(page, h3.id)).toHaveAttribute('aria-current', 'location');
    await expect(link(page, parent.id)).toHaveAttribute('data-toc-parent', '');
    await expect(current).toHaveCount(1);

    // Back above the first heading: no section is current.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(current).toHaveCount(0);

    // The bottom of the page: the last entry, even if its section is too short to reach the top.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(link(page, entries.at(-1)!.id)).toHaveAttribute('aria-current', 'location');
    expect(problems).toEqual([]);
  });

  test('in the collapsed table of contents of a phone too', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(LESSON);
    await expect(toc(page).locator('details')).not.toHaveAttribute('open', /.*/);
    const h2s = (await tocEntries(page)).filter((e) => e.depth === 2);
    const [second, third] = [h2s[1]!, h2s[2]!];
    await scrollToHeading(page, second.id);
    await expect(link(page, second.id)).toHaveAttribute('aria-current', 'location');
    // Opened, it keeps following the reading.
    await page.evaluate(() => window.scrollTo(0, 0));
    await toc(page).locator('summary').click();
    await expect(link(page, third.id)).toBeVisible();
    await scrollToHeading(page, third.id);
    await expect(link(page, third.id)).toHaveAttribute('aria-current', 'location');
    await expect(toc(page).locator('[aria-current]')).toHaveCount(1);
  });
});

test.describe('continue where you left off', () => {
  test('with nothing saved, the course map says "Start the course" and the header offers nothing', async ({ page }) => {
    await page.goto('./');
    await expect(hero(page)).toHaveText(/^Start the course/);
    await expect(hero(page)).toHaveAttribute('href', /lessons\/start-here\/$/);
    await expect(header(page)).toBeHidden();
  });

  test('the course map and the header lead back to the lesson and section last visited', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(LESSON);
    const title = (await page.locator('h1').textContent())?.trim() ?? '';
    const section = (await tocEntries(page)).filter((e) => e.depth === 2)[2]!;
    await scrollToHeading(page, section.id);
    await expect(link(page, section.id)).toHaveAttribute('aria-current', 'location');
    // Saved once the reader stays in the section (debounced), not on every scroll event.
    await expect
      .poll(() => stored(page))
      .toMatchObject({ version: 2, last: { slug: SLUG, section: section.id, sectionTitle: section.text, at: expect.any(String) } });

    await page.goto('./');
    const words = `Continue: ${title} — ${section.text}`;
    await expect(heroText(page)).toHaveText(words);
    await expect(hero(page)).toHaveAttribute('href', new RegExp(`lessons/${SLUG}/#${section.id}$`));
    await expect(header(page)).toBeVisible();
    await expect(header(page)).toHaveAccessibleName(words);
    await expect(header(page)).toHaveAttribute('href', new RegExp(`lessons/${SLUG}/#${section.id}$`));
    // The lesson's card is on the path as in progress.
    await expect(page.locator('.step').filter({ has: page.locator(`[data-lesson-progress="${SLUG}"]`) })).toHaveAttribute(
      'data-state',
      'in-progress',
    );

    // The header offers it on other pages too, and it leads there.
    await page.goto('./about/');
    await header(page).click();
    await expect(page).toHaveURL(new RegExp(`lessons/${SLUG}/#${section.id}$`));
    await expect(page.locator(`[id="${section.id}"]`)).toBeInViewport();
    // A lesson page's header has none: the reader is in the course already.
    await expect(header(page)).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('after a lesson is finished, the map no longer says "Start the course": it offers the next lesson', async ({ page }) => {
    await page.goto(LESSON);
    const mark = page.locator('[data-lesson-read]');
    await mark.scrollIntoViewIfNeeded();
    await expect(mark.getByRole('status')).toHaveText('You have read this lesson.');
    const nextTitle =
      (await page
        .getByRole('navigation', { name: /previous and next/i })
        .getByRole('link')
        .last()
        .textContent()) ?? '';

    await page.goto('./');
    await expect(hero(page)).not.toHaveText(/Start the course/);
    await expect(heroText(page)).toHaveText(/^Continue: /);
    const nextLesson = ((await heroText(page).textContent()) ?? '').replace(/^Continue: /, '');
    expect(nextLesson.length).toBeGreaterThan(0);
    expect(nextTitle, 'the pager names the same next lesson').toContain(nextLesson);
    await expect(page.locator('.step').filter({ has: page.locator(`[data-lesson-progress="${SLUG}"]`) })).toHaveAttribute('data-state', 'read');
  });

  test('at 375 px the header stays as compact as without it, saying just "Continue"', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('./');
    const height = async () => (await page.locator('.site-header').boundingBox())!.height;
    const without = await height();
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      KEY,
      JSON.stringify({
        version: 2,
        lessons: {},
        exercises: {},
        quizzes: {},
        cells: {},
        last: { slug: SLUG, section: '', sectionTitle: '', at: '2025-01-01T00:00:00.000Z' },
      }),
    ] as const);
    await page.reload();
    await expect(header(page)).toBeVisible();
    expect(await height()).toBeLessThanOrEqual(without);
    const box = (await header(page).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    // It shows just "Continue" (narrow); the lesson is in its name for screen readers.
    expect(box.width).toBeLessThan(140);
    await expect(header(page)).toHaveAccessibleName(/^Continue: Start here$/);
  });

  test('the course map with a place to continue passes axe in both themes', async ({ page }) => {
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      KEY,
      JSON.stringify({
        version: 2,
        lessons: { 'start-here': { readAt: '2025-01-01T00:00:00.000Z' } },
        exercises: {},
        quizzes: {},
        cells: {},
        last: { slug: 'images-are-matrices', section: 'x', sectionTitle: 'Channels', at: '2025-01-01T00:00:00.000Z' },
      }),
    ] as const);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('./');
      await expect(header(page)).toBeVisible();
      await expect(page.locator('.step[data-state="read"]')).toHaveCount(1);
      await expect(page.locator('.step[data-state="in-progress"]')).toHaveCount(1);
      await expectNoAxeViolations(page, `the course map with progress (${theme})`);
    }
  });
});
