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

/**
 * The editor's text, read from CodeMirror's lines (the DOM holds only the visible ones; ours are
 * short), without the problem notes the editor shows at the end of a line.
 */
async function editorText(page: Page): Promise<string> {
  return editorContent(page).evaluate((el) =>
    Array.from(el.querySelectorAll('.cm-line'), (line) => {
      const copy = line.cloneNode(true) as Element;
      for (const note of copy.querySelectorAll('.tk-author-note')) note.remove();
      return copy.textContent ?? '';
    }).join('\n'),
  );
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

  test('the page ends at its footer: nothing in the long preview or the cheat sheet hangs below it', async ({ page }) => {
    await openAuthor(page);
    const blankBelowFooter = () =>
      page.evaluate(() => {
        const footer = document.querySelector('.site-footer')!.getBoundingClientRect().bottom + window.scrollY;
        return document.documentElement.scrollHeight - footer;
      });
    expect(await blankBelowFooter(), 'px of page below the footer').toBeLessThanOrEqual(1);
    await page.locator('.author-cheats summary').click();
    await expect(page.getByRole('region', { name: 'Cheat sheet' })).toBeVisible();
    expect(await blankBelowFooter(), 'px of page below the footer, cheat sheet open').toBeLessThanOrEqual(1);
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
    await previewBody(page)
      .locator('p', { hasText: 'Last paragraph' })
      .evaluate((el) => ((el as unknown as { __kept: boolean }).__kept = true));
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

    await page
      .getByLabel('Import .md or .mdx')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'text/markdown', buffer: Buffer.from(exported) });
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

  test('raw-text and SVG elements cannot close early and run script, typed or imported', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await openAuthor(page);
    // The class of payload that ran before: an attribute value holding the end tag of a raw-text or
    // RCDATA element the sanitiser let through (inside or outside <svg>), so that the serialised
    // HTML re-parsed into a live <img onerror> or <iframe srcdoc>.
    const run = 'window.__xss=1;alert(1)';
    const payloads = [
      `<svg><style><img title="</style><img src=x onerror=${run}>" /></style></svg>`,
      `<svg><title><img title="</title><img src=x onerror=${run}>" /></title></svg>`,
      `<title><img title="</title><img src=x onerror=${run}>" /></title>`,
      `<svg><desc><img title="</desc><img src=x onerror=${run}>" /></desc></svg>`,
      ...['textarea', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'style', 'script'].map(
        (tag) => `<${tag}><img title="</${tag}><img src=x onerror=${run}><iframe srcdoc='<script>${run}</script>'>" /></${tag}>`,
      ),
      `<math><mtext><table><mglyph><style><img title="</style><img src=x onerror=${run}>" /></style></mglyph></table></mtext></math>`,
      `<svg><p><style><img title="</style><img src=x onerror=${run}>" /></style></p></svg>`,
    ];
    const body = payloads.join('\n\n');
    const live = () =>
      previewBody(page).evaluate((root) => {
        const all = [root, ...root.querySelectorAll('*')];
        return all
          .filter((el) => Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith('on') || a.name.toLowerCase() === 'srcdoc'))
          .map((el) => el.outerHTML.slice(0, 80))
          .concat(
            // HTML elements only: an SVG <title> inside an <svg> is allowed (it is not raw text there).
            Array.from(root.querySelectorAll('script, iframe, object, embed, style, title, textarea, noscript, xmp, noembed, noframes, plaintext'))
              .filter((el) => el.namespaceURI === 'http://www.w3.org/1999/xhtml')
              .map((el) => el.outerHTML.slice(0, 80)),
          );
      });

    // Typed into the editor.
    await setSource(page, `${FRONTMATTER}\n${body}\n`);
    await previewUpToDate(page);
    expect(await live()).toEqual([]);

    // Imported as a shared .mdx draft.
    await page
      .getByLabel('Import .md or .mdx')
      .setInputFiles({ name: 'shared.mdx', mimeType: 'text/markdown', buffer: Buffer.from(`${FRONTMATTER}\n${body}\n`) });
    await expect(fileStatus(page)).toContainText('as a new draft');
    await previewUpToDate(page);
    expect(await live()).toEqual([]);
    await page.waitForTimeout(300); // give an injected handler the chance to run (it must not)
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
  });

  test('HTML the browser would read differently is refused with an error, and the page checks again before inserting', async ({ page }) => {
    await openAuthor(page);
    await setSource(page, `${FRONTMATTER}\nBefore.\n\nText <div title="a">inside a paragraph</div> more.\n`);
    await previewUpToDate(page);
    await expect(previewBody(page).getByText('This HTML was not shown')).toBeVisible();
    await expect(previewBody(page).getByText('inside a paragraph')).toHaveCount(0);
    await expect(previewBody(page).getByText('Before.')).toBeVisible();
    await expect(problems(page)).toContainText('The browser would read this HTML differently');

    // The second wall, in the page: the browser's own parse of HTML is checked before it is inserted.
    const refusal = (html: string) =>
      page.locator('tk-author').evaluate((el, h) => (el as HTMLElement & { refusalOf(html: string): string | null }).refusalOf(h), html);
    expect(await refusal('<p class="x">Fine <strong>text</strong></p>')).toBeNull();
    expect(await refusal('<img src="x" onerror="alert(1)">')).toContain('event handler');
    // Parsing that handler, even in the inert <template>, makes Chromium report it against the page's
    // Content-Security-Policy (script-src-attr 'none'): the third wall. That one report is expected.
    await expect.poll(() => found.filter((p) => /inline event handler violates the following Content Security Policy/.test(p)).length).toBe(1);
    found.splice(
      found.findIndex((p) => /inline event handler violates/.test(p)),
      1,
    );
    expect(await refusal('<iframe srcdoc="x"></iframe>')).toContain('<iframe>');
    expect(await refusal('<a href=" java\tscript:alert(1)">x</a>')).toContain('URL');
    expect(await refusal('<a href="data:text/html,x">x</a>')).toContain('URL');
    expect(await refusal('<form></form>')).toContain('<form> element outside a quiz');
    expect(await refusal('<tk-quiz><form><button formaction="https://example.org/">Go</button></form></tk-quiz>')).toContain('formaction');
    expect(await refusal('<script type="application/json">{}</script>')).toBeNull();
    expect(await refusal('<script>1</script>')).toContain('<script>');
  });

  test('exporting a draft with problems warns first and lists them', async ({ page }) => {
    await openAuthor(page);
    const broken =
      FRONTMATTER.replace('minutes: 5', 'minutes: 50 minutes') +
      '\nA broken formula $\\frac{1}{$ here.\n\n<Quiz id="q" question="Pick one" options={["a"]} answer={3} />\n';
    await setSource(page, broken);
    await previewUpToDate(page);

    // Cancel: nothing is downloaded.
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export .mdx' }).click();
    const dialog = page.getByRole('dialog', { name: /This draft has 3 problems/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveCount(3);
    await expect(dialog.getByRole('listitem').first()).toContainText('Line 8: minutes');
    await expect(dialog).toContainText('KaTeX');
    await expect(dialog).toContainText('answer');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectNoAxeViolations(page, 'the export warning');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(fileStatus(page)).toContainText('Export cancelled');
    expect(downloads).toBe(0);

    // Export anyway: the file comes, and the status says how many problems it has.
    await page.getByRole('button', { name: 'Export .mdx' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export anyway' }).click()]);
    expect(await readFile(await download.path(), 'utf8')).toContain('minutes: 50 minutes');
    await expect(fileStatus(page)).toContainText(`Exported ${download.suggestedFilename()} with 3 problems`);

    // A draft without problems exports at once.
    await setSource(page, `${FRONTMATTER}\nAll good.\n`);
    const [clean] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .mdx' }).click()]);
    await expect(fileStatus(page)).toHaveText(`Exported ${clean.suggestedFilename()}: put it in content/lessons/.`);
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
