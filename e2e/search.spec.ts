import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * Full-text search (src/components/SiteSearch.astro, index built by src/integrations/search.ts):
 * a phrase from each lesson finds its section, and following the result, keyboard only, lands on
 * that section's heading. Runs under `/` and under BASE_PATH=/tinker/ (scripts/test-subpath.ts).
 */
const FINDS = [
  { lesson: 'start-here', query: 'Training repeats one step many times', heading: 'learning-small-steps-downhill' },
  { lesson: 'images-are-matrices', query: 'Padding means deciding what the kernel reads outside', heading: 'border-handling' },
  // A quiz question, not prose.
  { lesson: 'neuron-from-scratch', query: 'classifier ignores the image and always answers', heading: 'the-lazy-classifier' },
  { lesson: 'q-learning-snake', query: 'A table needs one row per state', heading: 'why-a-table-works-for-33-and-not-for-1010' },
] as const;

async function openWithSlash(page: Page) {
  await expect(page.locator('[data-site-search]')).toHaveAttribute('data-ready', 'true');
  await page.locator('body').press('/');
  const input = page.getByRole('searchbox', { name: 'Words or a phrase' });
  await expect(input).toBeFocused();
  return input;
}

for (const find of FINDS) {
  test(`search finds "${find.query}" and jumps to its heading in ${find.lesson}, keyboard only @subpath`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto('./');
    const input = await openWithSlash(page);
    await input.pressSequentially(find.query, { delay: 10 });
    const status = page.getByRole('dialog', { name: 'Search the lessons' }).getByRole('status');
    await expect(status).toHaveText(new RegExp(`^\\d+ sections? in \\d+ lessons? match(es)? “${find.query}”\\.$`));
    const first = page.locator('[data-search-results] a').first();
    await expect(first).toHaveAttribute('href', new RegExp(`/lessons/${find.lesson}/#${find.heading}$`));

    await page.keyboard.press('ArrowDown');
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(new RegExp(`/lessons/${find.lesson}/#${find.heading}$`));
    const heading = page.locator(`[id="${find.heading}"]`);
    await expect(heading).toBeInViewport();
    // The new page jumps to the section (no glide down the lesson); a contents link the reader uses glides.
    const scrollBehavior = () => page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    expect(await scrollBehavior()).toBe('auto');
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link').first().focus();
    expect(await scrollBehavior()).toBe('smooth');
    expect(problems).toEqual([]);
  });
}

test('formulas are found by their words: "gamma" (only ever written \\gamma) finds the Q-learning lesson @subpath', async ({ page }) => {
  await page.goto('./');
  const input = await openWithSlash(page);
  await input.fill('gamma');
  const hits = page.locator('[data-search-results] a');
  await expect(hits.first()).toBeVisible();
  const hrefs = await hits.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  expect(new Set(hrefs)).toEqual(new Set([expect.stringMatching(/\/lessons\/q-learning-snake\/$/)]));
});

test('only lessons are indexed: no result leads to another page, and nonsense finds nothing @subpath', async ({ page }) => {
  await page.goto('./');
  const input = await openWithSlash(page);
  // Words from the about and progress pages.
  await input.fill('licence');
  const status = page.getByRole('dialog').getByRole('status');
  await expect(status).not.toHaveText(/Type a word/);
  const hrefs = await page.locator('[data-search-results] a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  for (const href of hrefs) expect(href).toMatch(/\/lessons\/[a-z0-9-]+\/$/);
  // Quotes ask Pagefind for the exact phrase (without them it also matches word beginnings).
  await input.fill('"ridiculous zebra quartz"');
  await expect(status).toHaveText('No lesson mentions “"ridiculous zebra quartz"”.');
  await expect(page.locator('[data-search-results] a')).toHaveCount(0);
});

test('"/" types a slash in a text field instead of opening search; Escape closes and returns focus', async ({ page }) => {
  await page.goto('./lessons/start-here/');
  await expect(page.locator('[data-site-search]')).toHaveAttribute('data-ready', 'true');
  const opener = page.getByRole('button', { name: 'Search' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search the lessons' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // In the lesson's code editor, "/" is a character.
  const cell = page.locator('tk-code-cell').first();
  await cell.locator('[data-part="static"], .cm-content').first().click();
  const editor = cell.locator('.cm-content');
  await expect(editor).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('//');
  await expect(dialog).toBeHidden();
  await expect(editor).toContainText('//');
});

test('the open search box passes axe', async ({ page }) => {
  await page.goto('./lessons/start-here/');
  const input = await openWithSlash(page);
  await input.fill('softmax');
  await expect(page.locator('[data-search-results] a').first()).toBeVisible();
  await expectNoAxeViolations(page, 'search dialog with results');
});
