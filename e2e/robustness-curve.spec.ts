import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';
import { findOverflow, overflowReport } from './overflow.ts';

/**
 * The robustness curve (src/widgets/robustness-curve/) on its test-only page /dev/robustness-curve/,
 * attacking only 100 test images so that it stays quick: a figure before Start (the empty curve and
 * the empty matrix with the class names), then the adversarial worker attacks at every ε with
 * progress, the curve has one point per ε and the attack's success rate rises with ε, the matrix
 * under attack fills and follows the ε select, the sentence names the class that flips most
 * easily; Stop ends a PGD run. Axe in both themes, and nothing past the edge of a 375 px screen.
 */
const PAGE = './dev/robustness-curve/';
const WIDGET = 'tk-robustness-curve';
const EPSILON_COUNT = 11;

async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  await expect(page.locator(WIDGET)).toHaveAttribute('data-state', 'idle');
  // Record every status sentence, so short-lived ones (progress) are not missed.
  await page.evaluate((w) => {
    const status = document.querySelector(`${w} [data-part="status"]`)!;
    const seen: string[] = [];
    (window as unknown as { __said: string[] }).__said = seen;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  }, WIDGET);
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { __said: string[] }).__said);

async function axeBothThemes(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, `${label}, light`);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expectNoAxeViolations(page, `${label}, dark`);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

/** The numbers table: [ε, success rate, robust accuracy] per row, as numbers (percentages as fractions). */
async function curveTable(page: Page): Promise<number[][]> {
  const cells = await page
    .locator(`${WIDGET} .tk-epsilon-chart__table tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  return cells.map((row) => row.map((c) => (c.endsWith('%') ? Number(c.slice(0, -1)) / 100 : Number(c))));
}

test.describe('robustness curve', { tag: '@dev-pages' }, () => {
  test('is a figure before Start: the empty axes against ε and the empty matrix with the class names', async ({ page }) => {
    await open(page);
    const widget = page.locator(WIDGET);
    await expect(widget.getByRole('img', { name: /no data yet: share of test images against ε from 0 to 0\.3/ })).toBeVisible();
    const matrix = widget.getByRole('grid', { name: /rows are the original classes/ });
    await expect(matrix.getByRole('rowheader', { name: 'Shirt', exact: true })).toBeVisible();
    await expect(matrix.getByRole('button')).toHaveCount(0);
    await expect(widget.getByRole('combobox', { name: /^Matrix at/ })).toHaveValue('0.1');
    await expect(widget.getByRole('combobox', { name: /^Test images/ })).toHaveValue('100');
    await axeBothThemes(page, 'the robustness curve before Start');
  });

  test('FGSM on 100 images: progress, one point per ε, the rate rises with ε, the matrix fills and follows the ε chosen', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    const status = widget.getByRole('status');
    await widget.getByRole('button', { name: 'Start the attack' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    expect(await said(page)).toContainEqual(expect.stringMatching(/^Attacking with FGSM: \d+ of 100 images at all 11 values of ε$/));
    await expect(status).toHaveText(
      /^FGSM on 100 images \(clean accuracy \d+\.\d%\): at ε = 0\.1 the attack flips \d+\.\d% of the \d+ images the model got right/,
    );
    await expect(widget).toHaveAttribute('data-points', String(EPSILON_COUNT));
    await expect(widget.locator('[data-series="success"] .tk-epsilon-chart__markers')).toHaveAttribute('data-points', String(EPSILON_COUNT));
    await expect(widget.locator('[data-series="robust"] .tk-epsilon-chart__markers')).toHaveAttribute('data-points', String(EPSILON_COUNT));

    const table = await curveTable(page);
    expect(table.map((r) => r[0])).toEqual([0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3]);
    const success = table.map((r) => r[1]!);
    const robust = table.map((r) => r[2]!);
    expect(success[0]).toBe(0); // no attack, nothing flips
    expect(success.at(-1)!).toBeGreaterThan(0.5);
    expect(success[6]!).toBeGreaterThan(success[1]!);
    expect(robust.at(-1)!).toBeLessThan(robust[0]!);

    // The matrix at the lesson's ε: 100 cells, named with the class names; the sentence says which class flips most.
    await expect(widget).toHaveAttribute('data-matrix', '0.1');
    const cells = widget.getByRole('grid').getByRole('button');
    await expect(cells).toHaveCount(100);
    await expect(widget.locator('[data-part="flips"]')).toHaveText(/^\S.* flip most easily: \d+% at ε = 0\.1, mostly into \S/);
    // The keyboard moves inside the matrix, and a chosen cell is said in words.
    await cells.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(cells.nth(1)).toBeFocused();
    await expect(cells.nth(1)).toHaveAccessibleName(/^T-shirt\/top → Trouser: \d+ images?$/);
    await page.keyboard.press('Enter');
    await expect(widget.locator('[data-part="cell"]')).toHaveText(
      /^At ε = 0\.1, \d+ of the \d+ images? of T-shirt\/top the model got right became Trouser\.$/,
    );

    // At ε = 0 nothing flips: the matrix is all on its diagonal.
    await widget.getByRole('combobox', { name: /^Matrix at/ }).selectOption('0');
    await expect(widget).toHaveAttribute('data-matrix', '0');
    await expect(widget.locator('[data-part="flips"]')).toHaveText(/^No image flipped at ε = 0/);
    await expect(widget.getByRole('img', { name: /attack success rate 0\.0% at ε = 0, \d+\.\d% at ε = 0\.3/ })).toBeVisible();

    await axeBothThemes(page, 'the robustness curve with its results');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(overflowReport(await findOverflow(page))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('Stop ends a PGD run: back to idle, no new curve', async ({ page }) => {
    await open(page);
    const widget = page.locator(WIDGET);
    await widget.getByRole('combobox', { name: /^Attack/ }).selectOption('pgd');
    await widget.getByRole('button', { name: 'Start the attack' }).click();
    await expect(widget.getByRole('status')).toHaveText(/Attacking with PGD \(10 steps\)/, { timeout: 60_000 });
    await widget.getByRole('button', { name: 'Stop' }).click();
    await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Stopped/);
    await expect(widget).not.toHaveAttribute('data-points', /./);
    await expect(widget.getByRole('button', { name: 'Attack again' })).toBeEnabled();
  });
});
