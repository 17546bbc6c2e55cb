/**
 * The code cell's parts on their hidden harness page (bench/pages/code-cell-parts.astro):
 * the CodeMirror editor (typing, undo, Ctrl+Enter, leaving with Escape then Tab, error marks),
 * the static code it replaces, the compare view, and the output view with every kind of item.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

const PAGE = './dev/code-cell-parts/';

async function open(page: Page): Promise<string[]> {
  const problems = watchForProblems(page);
  await page.goto(PAGE);
  await expect(page.locator('html')).toHaveAttribute('data-parts-ready', 'true');
  return problems;
}

const code = (page: Page) => page.evaluate(() => window.codeCellParts!.editor.getCode());
const content = (page: Page) => page.locator('#editor-host .cm-content');
const focusedIsEditor = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('cm-content') === true);

test.describe('editor', () => {
  test('is named, takes typing, and undoes it', async ({ page }) => {
    const problems = await open(page);
    await expect(content(page)).toHaveAttribute('aria-label', 'Code for: Write sigmoid');
    await expect(content(page)).toHaveAttribute('aria-describedby', 'editor-help');
    const before = await code(page);

    await content(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('const answer = (42');
    // Close brackets inserted the ")" for us.
    expect(await code(page)).toBe(`${before}const answer = (42)`);
    expect(await page.evaluate(() => window.codeCellParts!.changes)).toBeGreaterThan(0);

    await page.keyboard.press('Control+z');
    expect(await code(page)).toBe(before);
    await page.keyboard.press('Control+y');
    expect(await code(page)).toBe(`${before}const answer = (42)`);
    expect(problems).toEqual([]);
  });

  test('Ctrl+Enter runs instead of inserting a line', async ({ page }) => {
    await open(page);
    const before = await code(page);
    await content(page).click();
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('#runs')).toHaveText('Runs: 1');
    expect(await code(page)).toBe(before);
  });

  test('Tab indents; Escape then Tab leaves the editor (and Escape then Shift+Tab goes back)', async ({ page }) => {
    await open(page);
    await content(page).click();
    await page.keyboard.press('Control+Home');
    const before = await code(page);
    await page.keyboard.press('Tab');
    expect(await focusedIsEditor(page)).toBe(true);
    expect(await code(page)).toBe(`  ${before}`);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(page.locator('#after-editor')).toBeFocused();

    // Back into the editor with Shift+Tab, then out backwards with Escape, Shift+Tab.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedIsEditor(page)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedIsEditor(page)).toBe(false);
    expect(await code(page)).toBe(`  ${before}`);
  });

  test('marks an error on the right line, in words, until the code changes', async ({ page }) => {
    await open(page);
    await page.click('#mark-error');
    const line = page.locator('#editor-host .cm-line.tk-cm-error-line');
    await expect(line).toHaveCount(1);
    await expect(line).toHaveText('  return 1 / (1 + Math.exp(-z));');
    await expect(page.locator('#editor-host .tk-cm-error-gutter')).toHaveText('3');
    await expect(page.locator('#editor-host .tk-cm-error-message')).toHaveText('Error on line 3: TypeError: Math.exp is not a function');
    // The message is also part of the editor's accessible description.
    const described = await content(page).getAttribute('aria-describedby');
    const ids = (described ?? '').split(' ');
    expect(ids).toContain('editor-help');
    const errorId = ids.find((id) => id !== 'editor-help')!;
    await expect(page.locator(`#${errorId}`)).toHaveText('Error on line 3: TypeError: Math.exp is not a function');

    // Typing clears the mark.
    await content(page).click();
    await page.keyboard.type('x');
    await expect(line).toHaveCount(0);
    await expect(page.locator('#editor-host .tk-cm-error-message')).toHaveCount(0);
    await expect(content(page)).toHaveAttribute('aria-describedby', 'editor-help');

    // markError(null) clears too.
    await page.click('#mark-error');
    await expect(line).toHaveCount(1);
    await page.click('#clear-error');
    await expect(line).toHaveCount(0);
  });

  test('"Show line 3" puts the reader in the editor on that line', async ({ page }) => {
    await open(page);
    await page.getByRole('button', { name: 'Show line 3 in the editor' }).click();
    expect(await focusedIsEditor(page)).toBe(true);
    await expect(page.locator('#editor-host .cm-activeLine')).toHaveText('  return 1 / (1 + Math.exp(-z));');
    const head = await page.evaluate(() => {
      const { view } = window.codeCellParts!.editor;
      const pos = view.state.selection.main.head;
      return { line: view.state.doc.lineAt(pos).number, column: pos - view.state.doc.lineAt(pos).from };
    });
    expect(head).toEqual({ line: 3, column: 2 });
  });

  test('setCode replaces the code as one undoable change', async ({ page }) => {
    await open(page);
    const before = await code(page);
    await page.click('#set-code');
    expect(await code(page)).toContain('// TODO');
    await content(page).click();
    await page.keyboard.press('Control+z');
    expect(await code(page)).toBe(before);
  });

  test('the static code has the same size as the editor that replaces it', async ({ page }) => {
    await open(page);
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const staticBox = await box('#static-host .tk-code-static');
    const editorBox = await box('#editor-host .cm-editor');
    expect(Math.abs(staticBox.height - editorBox.height)).toBeLessThanOrEqual(1);
    expect(Math.abs(staticBox.width - editorBox.width)).toBeLessThanOrEqual(1);
    // Same gutter width and same first-line position.
    const staticGutter = await box('#static-host .tk-code-static__gutter');
    const editorGutter = await box('#editor-host .cm-gutters');
    expect(Math.abs(staticGutter.width - editorGutter.width)).toBeLessThanOrEqual(1);
    await expect(page.locator('#static-host .tk-code-static__gutter span')).toHaveCount(
      await page.locator('#editor-host .cm-lineNumbers .cm-gutterElement:not([style*="visibility: hidden"])').count(),
    );
  });
});

test('compare view shows both versions side by side, and one column on narrow screens', async ({ page }) => {
  await open(page);
  const compare = page.locator('#compare-host');
  await expect(compare.locator('.tk-compare__summary')).toHaveText('Your code and new starter differ in 1 place.');
  await expect(compare.locator('.cm-content[aria-label="Your code (read-only)"]')).toHaveAttribute('aria-readonly', 'true');
  await expect(compare.locator('.cm-content[aria-label="New starter (read-only)"]')).toHaveCount(1);
  await expect(compare.locator('.cm-changedLine').first()).toBeVisible();

  await page.setViewportSize({ width: 400, height: 800 });
  await expect(compare.locator('.tk-compare__unified')).toHaveCount(1);
  await expect(compare.locator('.cm-content')).toHaveCount(1);
  await expect(compare.locator('.cm-deletedChunk').first()).toBeVisible();
  await expect(compare.locator('.tk-compare__legend')).toContainText('lines only in your code');
});

test.describe('output', () => {
  test('shows text, plots, images, a table, progress and the error', async ({ page }) => {
    const problems = await open(page);
    const out = page.locator('#output-host');
    const log = out.getByRole('region', { name: 'Output' });
    await expect(log).toBeVisible();
    await expect(log).not.toHaveAttribute('aria-live', /.+/);

    // Text streams differ by a word, not colour alone.
    await expect(out.locator('.tk-out-text--warn')).toHaveText(/^Warning: The learning rate/);
    await expect(out.locator('.tk-out-text--error')).toHaveText('Error: NaN loss at epoch 3');
    await expect(out.locator('.tk-out-text--log')).toHaveText('Tensor\n  [[1, 2],\n   [3, 4]]');

    // The loss plot was sent twice with the same key: one plot, with the later data.
    const plots = out.locator('.tk-plot');
    await expect(plots).toHaveCount(2);
    const loss = plots.filter({ hasText: 'Loss while training' });
    await expect(loss.locator('svg[role="img"]')).toHaveAttribute('aria-label', /training: 13 points/);
    await expect(loss.locator('.tk-plot__legend li')).toHaveText(['training', 'test']);
    await expect(loss.locator('.tk-plot__axis-title--x')).toHaveText('epoch');
    await expect(loss.locator('path.tk-plot__line')).toHaveCount(2);
    const scatter = plots.filter({ hasText: 'Three clusters' });
    await expect(scatter.locator('.tk-plot__legend li')).toHaveCount(3);
    await expect(scatter.locator('path.tk-plot__markers')).toHaveCount(3);

    // Images: one crisp canvas per picture, labelled, with pixels drawn.
    const canvases = out.locator('.tk-out-images canvas');
    await expect(canvases).toHaveCount(12);
    await expect(canvases.first()).toHaveAttribute('aria-label', 'Image 1 of 12: 0');
    await expect(canvases.first()).toHaveCSS('image-rendering', 'pixelated');
    await expect(canvases.first()).toHaveCSS('width', '84px');
    const inked = await canvases.first().evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(10);

    // A real table.
    const table = out.locator('table');
    await expect(table.locator('caption')).toHaveText('Accuracy per class');
    await expect(table.locator('th[scope="col"]')).toHaveText(['class', 'accuracy', 'examples', 'hard?']);
    await expect(table.locator('tbody tr')).toHaveCount(4);
    await expect(table.locator('tbody tr').nth(2).locator('td').nth(1)).toHaveText('0.912346');

    // One progress bar, updated in place.
    await expect(out.locator('progress')).toHaveCount(1);
    await expect(out.getByRole('progressbar', { name: 'Training 60%' })).toHaveJSProperty('value', 0.6);

    await expect(out.locator('.tk-out-notice--truncated')).toHaveText('Output limit reached: 1,234 more lines were not shown.');
    await expect(out.locator('.tk-out-error')).toContainText('Error on line 3');

    expect(await page.evaluate(() => window.codeCellParts!.output.describe())).toBe('6 lines of output, 2 plots, 12 images and 1 table');
    expect(problems).toEqual([]);
  });

  test('keeps the page light under a flood of lines and follows the newest output', async ({ page }) => {
    await open(page);
    await page.evaluate(() => {
      window.codeCellParts!.flood(2500);
      window.codeCellParts!.flood(2500);
    });
    const out = page.locator('#output-host');
    await expect(out.locator('.tk-out-text').last()).toHaveText('line 2500');
    // 6 sample lines + 5,000 flooded: only the last 1,000 stay in the page.
    await expect(out.locator('.tk-out-text')).toHaveCount(1000);
    await expect(out.locator('.tk-out-notice').first()).toHaveText('4,006 earlier lines are not shown (the output keeps the last 1,000).');
    // The reader was at the bottom, so the log followed.
    const log = out.locator('.tk-out-log');
    const gap = await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap).toBeLessThan(8);

    // A reader who scrolled up to read is left where they are.
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.evaluate(() => window.codeCellParts!.flood(50));
    await expect(out.locator('.tk-out-text').last()).toHaveText('line 50');
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
  });

  test('grades say pass or fail in words with the figure and details', async ({ page }) => {
    await open(page);
    const pass = page.locator('#grade-pass-host .tk-grade');
    await expect(pass.locator('.tk-grade__verdict')).toHaveText('Passed');
    await expect(pass.locator('.tk-grade__figure')).toHaveText('92.4% on the 10,000 test images');
    await expect(pass.locator('.tk-grade__message')).toHaveText('Your model beats 90%. Well done!');
    const fail = page.locator('#grade-fail-host .tk-grade');
    await expect(fail.locator('.tk-grade__verdict')).toHaveText('Not passed yet');
    await expect(fail.locator('.tk-grade__details li')).toHaveCount(2);
    // The grader's Markdown is rendered (code, emphasis), and anything like HTML stays text.
    const message = fail.locator('.tk-grade__message');
    await expect(message.locator('code')).toHaveText('Math.exp(-x)');
    await expect(message.locator('em')).toHaveText('then');
    await expect(message).toContainText('run it again <img src=x>.');
    await expect(message.locator('img')).toHaveCount(0);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the parts page (${colorScheme}), wide and narrow`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await open(page);
    await page.click('#mark-error');
    await expect(page.locator('#editor-host .tk-cm-error-message')).toBeVisible();
    await expectNoAxeViolations(page, `code cell parts (${colorScheme})`);
    // Narrow: the unified compare view, and code lines that scroll sideways.
    await page.setViewportSize({ width: 400, height: 800 });
    await expect(page.locator('.tk-compare__unified .cm-deletedChunk').first()).toBeVisible();
    await expectNoAxeViolations(page, `code cell parts, narrow (${colorScheme})`);
  });
}
