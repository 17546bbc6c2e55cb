/**
 * The /author page (src/pages/author.astro, <tk-author>): live preview of Markdown and maths, a
 * broken formula that shows its error while the rest renders, frontmatter errors at their field,
 * autosave across a reload, export → import round trip, the sanitiser, toolbar and shortcut
 * formatting, tabs on a narrow screen, axe in both themes, and no console errors anywhere.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

const AUTHOR = './author/';

const FRONTMATTER = [
  '---',
  'title: Testing the editor',
  'summary: A lesson typed by the end-to-end tests.',
  'order: 7',
  'track: foundations',
  'objectives:',
  '  - See the preview follow the text',
  'minutes: 5',
  '---',
  '',
].join('\n');

const editorContent = (page: Page): Locator => page.getByRole('textbox', { name: 'Lesson source (Markdown and LaTeX)' });
const preview = (page: Page): Locator => page.locator('tk-author .author-preview');
/** The lesson's title in the preview: an h1's look, a level-2 heading (the page's own h1 is "Write a lesson"). */
const previewTitle = (page: Page): Locator => preview(page).getByRole('heading', { level: 2 }).first();
const previewBody = (page: Page): Locator => page.locator('tk-author .author-preview .lesson-body');
const problems = (page: Page): Locator => page.locator('tk-author [data-ui="problems"]');
const status = (page: Page): Locator => page.locator('tk-author [data-ui="status"]');
const saveStatus = (page: Page): Locator => page.locator('tk-author [data-ui="save-status"]');
const fileStatus = (page: Page): Locator => page.locator('tk-author [data-ui="file-status"]');

/** The editor's text, read from CodeMirror's lines (the DOM holds only the visible ones; ours are short). */
async function editorText(page: Page): Promise<string> {
  return editorContent(page).evaluate((el) => Array.from(el.querySelectorAll('.cm-line'), (line) => line.textContent ?? '').join('\n'));
}

/** Replaces the whole document, as a paste would. */
async function setSource(page: Page, text: string): Promise<void> {
  await editorContent(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
  await previewUpToDate(page);
}

/** Waits until the preview has caught up with the editor. */
async function previewUpToDate(page: Page): Promise<void> {
  await expect(page.locator('tk-author')).toHaveAttribute('data-preview', 'current');
  await expect(status(page)).toContainText('Preview up to date');
}

async function openAuthor(page: Page): Promise<void> {
  await page.goto(AUTHOR);
  await expect(page.locator('tk-author')).toHaveAttribute('data-state', 'ready');
  await previewUpToDate(page);
}

test.describe('the lesson editor at /author', () => {
  let found: string[];
  test.beforeEach(async ({ page }) => {
    // The sanitiser test's <img src="x"> is fetched (and missing): that 404 is expected.
    found = watchForProblems(page, (p) => /\/author\/x\b/.test(p));
  });
  test.afterEach(() => {
    expect(found, 'problems on the page').toEqual([]);
  });

  test('opens the sample document and previews it', async ({ page }) => {
    await openAuthor(page);
    await expect(page).toHaveTitle(/Write a lesson/);
    await expect(page.getByRole('heading', { level: 1, name: 'Write a lesson' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'about page' })).toHaveAttribute('href', /about\/$/);
    expect((await editorText(page)).startsWith('---')).toBe(true);
    // The sample shows the supported components: at least a callout, a formula and a quiz.
    await expect(previewBody(page).locator('.callout').first()).toBeVisible();
    await expect(previewBody(page).locator('.katex').first()).toBeVisible();
    await expect(previewBody(page).locator('tk-quiz').first()).toBeVisible();
    await expect(previewTitle(page)).toBeVisible();
    await expect(status(page)).toContainText(/\d+ words? · \d+ formulas?/);
  });

  test('typed Markdown and a formula are rendered', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, `${FRONTMATTER}\nSome **bold claim** with $x^2 + 1$ in it.\n\n## A section\n`);
    await expect(previewBody(page).locator('strong')).toHaveText('bold claim');
    await expect(previewBody(page).locator('.katex')).toHaveCount(1);
    await expect(previewBody(page).locator('h2')).toHaveText('A section');
    await expect(previewTitle(page)).toHaveText('Testing the editor');
    await expect(problems(page)).toBeHidden();
    await expect(status(page)).toContainText('no problems');
  });

  test('an edit replaces only the blocks it touched; code gets highlighted', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, `${FRONTMATTER}\nFirst paragraph.\n\n\`\`\`js\nconst answer = 42;\n\`\`\`\n\nLast paragraph.\n`);
    // Shiki loads after the first render and re-renders code blocks as a lesson shows them.
    await expect(previewBody(page).locator('pre.astro-code')).toHaveCount(1);
    await previewBody(page).locator('p', { hasText: 'Last paragraph' }).evaluate((el) => ((el as unknown as { __kept: boolean }).__kept = true));
    await page.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.insertText(' Edited.');
    await previewUpToDate(page);
    await expect(previewBody(page).locator('p').first()).toHaveText('First paragraph. Edited.');
    const kept = await previewBody(page)
      .locator('p', { hasText: 'Last paragraph' })
      .evaluate((el) => (el as unknown as { __kept?: boolean }).__kept === true);
    expect(kept, 'the untouched paragraph is the same DOM node').toBe(true);
  });

  test('scrolling the editor scrolls the preview, unless sync is off', async ({ page }) => {
    await openAuthor(page);
    const scroller = page.locator('tk-author [data-ui="preview-scroller"]');
    const editorScroller = page.locator('tk-author .cm-scroller');
    await editorScroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    // And back: the preview to the top brings the editor to the top.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => editorScroller.evaluate((el) => el.scrollTop)).toBeLessThan(5);

    await page.getByLabel('Sync scrolling').uncheck();
    await editorScroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(300); // a sync would happen on the next frame
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  });

  test('a broken formula shows its error while the rest renders', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, `${FRONTMATTER}\nGood: $a + b$ and **still bold**.\n\nBroken: $\\frac{1}{$ here.\n\nAfter it: $c^2$.\n`);
    await expect(previewBody(page).locator('strong')).toHaveText('still bold');
    await expect(previewBody(page).locator('.katex')).toHaveCount(2);
    await expect(previewBody(page)).toContainText('After it');
    // The problem is listed with its line, and the list's button takes the cursor there.
    await expect(problems(page)).toBeVisible();
    const item = problems(page).getByRole('button').first();
    await expect(item).toContainText('line 13');
    await item.click();
    await expect(editorContent(page)).toBeFocused();
    await expect(page.locator('.cm-activeLine')).toContainText('Broken');
  });

  test('a frontmatter error is shown at its field and goes away when fixed', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, FRONTMATTER.replace('minutes: 5', 'minutes: lots') + '\nText.\n');
    await expect(problems(page)).toBeVisible();
    const item = problems(page).getByRole('button').first();
    await expect(item).toContainText('line 8');
    await expect(item).toContainText('minutes');
    // Next to the field in the editor, too.
    await expect(page.locator('.cm-line', { hasText: 'minutes: lots' }).locator('.tk-author-note')).toContainText('minutes');
    await expect(status(page)).toContainText('1 problem');

    await setSource(page, FRONTMATTER + '\nText.\n');
    await expect(problems(page)).toBeHidden();
    await expect(page.locator('.tk-author-note')).toHaveCount(0);
    await expect(previewTitle(page)).toHaveText('Testing the editor');
  });

  test('autosave keeps the draft across a reload', async ({ page }) => {
    await openAuthor(page);
    const text = `${FRONTMATTER}\nA sentence to keep: saved-${Date.now()}.\n`;
    await setSource(page, text);
    await expect(saveStatus(page)).toHaveText('Saved in this browser.');
    await page.reload();
    await expect(page.locator('tk-author')).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => editorText(page)).toBe(text);
    await previewUpToDate(page);
    await expect(previewBody(page)).toContainText('A sentence to keep');
  });

  test('export downloads an .mdx file that imports back as a new draft', async ({ page }) => {
    await openAuthor(page);
    const text = `${FRONTMATTER}\nRound trip with $e^{i\\pi} = -1$ and a **bold** word.\n\n<Callout kind="tip">A tip.</Callout>\n`;
    await setSource(page, text);
    await previewUpToDate(page);
    const before = (await previewBody(page).innerText()).trim();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .mdx' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.mdx$/);
    const path = await download.path();
    const exported = await readFile(path, 'utf8');
    expect(exported).toContain('Round trip with');
    expect(exported).toContain("import Callout from '../../src/components/Callout.astro';");

    // Drafts before the import.
    const drafts = page.locator('[data-ui="drafts"]');
    await drafts.locator('summary').click();
    const count = await page.locator('[data-ui="draft-list"] > li').count();

    await page.getByLabel('Import .md or .mdx').setInputFiles({ name: download.suggestedFilename(), mimeType: 'text/markdown', buffer: Buffer.from(exported) });
    await expect(fileStatus(page)).toContainText('as a new draft');
    await expect.poll(() => editorText(page)).toBe(exported);
    await previewUpToDate(page);
    expect((await previewBody(page).innerText()).trim()).toBe(before);
    await expect(page.locator('[data-ui="draft-list"] > li')).toHaveCount(count + 1);
  });

  test('the preview never runs script from the document', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await openAuthor(page);
    await setSource(
      page,
      `${FRONTMATTER}\n<img src="x" onError="window.__xss=1" />\n\n<a href="javascript:window.__xss=2">x marks the spot</a>\n\n<script>window.__xss=3</script>\n`,
    );
    await previewUpToDate(page);
    const link = previewBody(page).getByText('x marks the spot');
    await expect(link).toBeVisible();
    await link.click();
    await page.waitForTimeout(300); // give an injected handler the chance to run (it must not)
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    await expect(previewBody(page).locator('script, [onerror], [href^="javascript:"]')).toHaveCount(0);
  });

  test('bold from the toolbar and from the keyboard', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, `${FRONTMATTER}\nmake this loud\n`);
    // Select "loud" (the last word): End, then Shift+Ctrl+Left.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ControlOrMeta+ArrowLeft');
    const bold = page.locator('tk-author button[data-command="bold"]');
    await expect(bold).toHaveAttribute('aria-keyshortcuts', /B$/);
    await bold.click();
    await expect(previewBody(page).locator('strong')).toHaveText('loud');
    await expect(editorContent(page)).toBeFocused();

    // The shortcut, on "make".
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ControlOrMeta+ArrowRight');
    await page.keyboard.press('ControlOrMeta+B');
    await expect(previewBody(page).locator('strong')).toHaveText(['make', 'loud']);
  });

  test('on a narrow screen the editor and the preview are tabs', async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 900 });
    await openAuthor(page);
    const tabs = page.getByRole('tablist', { name: 'Editor or preview' });
    await expect(tabs).toBeVisible();
    const edit = tabs.getByRole('tab', { name: 'Edit' });
    const show = tabs.getByRole('tab', { name: 'Preview' });
    await expect(edit).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Edit' })).toBeVisible();
    await expect(preview(page)).toBeHidden();

    await edit.focus();
    await page.keyboard.press('ArrowRight');
    await expect(show).toBeFocused();
    await expect(show).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Preview' })).toBeVisible();
    await expect(preview(page)).toBeVisible();
    await expect(editorContent(page)).toBeHidden();
    await page.keyboard.press('ArrowLeft');
    await expect(edit).toHaveAttribute('aria-selected', 'true');
    await expect(editorContent(page)).toBeVisible();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations (${colorScheme} theme)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openAuthor(page);
      // With a problem listed, the drafts and cheat sheet open, and code highlighted if Shiki loaded.
      await setSource(page, `${FRONTMATTER.replace('minutes: 5', 'minutes: lots')}\nText with $x$.\n\n\`\`\`js\nconst a = 1;\n\`\`\`\n`);
      await expect(problems(page)).toBeVisible();
      await page.locator('[data-ui="drafts"] summary').click();
      await page.locator('.author-cheats summary').click();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, `/author (${colorScheme})`);
    });
  }
});
