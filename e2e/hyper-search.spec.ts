import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The hyperparameter search (src/widgets/hyper-search/ on the test-only page /dev/hyper-search/):
 * empty axes before Start; a tiny search (4 trials, 2 workers, 1,000 + 500 images, 3 epochs) runs
 * two trials at once and fills the plot and the table; sorting, the keyboard filter, the axis move
 * buttons and "Open in the builder" work; axe passes in both themes.
 */
const PAGE = './dev/hyper-search/';
const WIDGET = 'tk-hyper-search';

async function runTinySearch(page: Page): Promise<void> {
  const widget = page.locator(WIDGET);
  await widget.getByRole('combobox', { name: /^Trials/ }).selectOption('4');
  await widget.getByRole('combobox', { name: /^Parallel workers/ }).selectOption('2');
  await widget.getByRole('combobox', { name: /^Most epochs per trial/ }).selectOption('3');
  await widget.getByText('More settings').click();
  await widget.getByRole('combobox', { name: /^Training images/ }).selectOption('1000');
  await widget.getByRole('combobox', { name: /^Validation images/ }).selectOption('500');
  await widget.getByRole('button', { name: 'Start search' }).click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
}

const accuracies = async (page: Page): Promise<number[]> =>
  (await page.locator(`${WIDGET} [data-part="tbody"] tr:not([hidden]) td:nth-child(7)`).allTextContents()).map((t) => Number.parseFloat(t));

test.describe('hyperparameter search', { tag: '@dev-pages' }, () => {
  test.setTimeout(240_000);

  test('before Start: empty parallel axes with their labels, an empty table, axe clean', async ({ page }) => {
    await page.goto(PAGE);
    const widget = page.locator(WIDGET);
    await expect(widget).toHaveAttribute('data-state', 'idle');
    const titles = widget.locator('[data-axis-title]');
    await expect(titles).toHaveText(['Learning rate', 'Hidden units', 'Dropout', 'Batch size', 'Validation accuracy']);
    await expect(widget.locator('.tk-hp__line')).toHaveCount(0);
    await expect(widget.locator('[data-part="tbody"]')).toHaveText(/No trials yet/);
    // The keyboard's way to drag an axis works before any run.
    await widget.getByRole('button', { name: 'Move Dropout left' }).click();
    await expect(titles).toHaveText(['Learning rate', 'Dropout', 'Hidden units', 'Batch size', 'Validation accuracy']);
    await expect(widget.getByRole('button', { name: 'Move Dropout left' })).toBeFocused();
    await expectNoAxeViolations(page, 'hyper-search idle');
  });

  test('a tiny search runs on two workers at once and fills the plot and the table; sort, filter and open work', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(PAGE);
    await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
    const widget = page.locator(WIDGET);
    await runTinySearch(page);

    // Two trials trained at the same time, one line and one row per trial.
    expect(Number(await widget.getAttribute('data-most-running'))).toBeGreaterThanOrEqual(2);
    await expect(widget.locator('path.tk-hp__line')).toHaveCount(4);
    await expect(widget.locator('[data-part="tbody"] tr[data-trial]')).toHaveCount(4);
    await expect(widget.getByRole('status')).toHaveText(
      /^4 trials, .*best \d+\.\d% \(trial \d: lr [\d.e−]+, \d+ units, dropout [\d.]+, batch \d+\)$/,
    );
    await expect(widget.locator('[data-part="compute"]')).toHaveText(/^Successive halving ran \d+ epochs? instead of 12/);
    for (const row of await widget.locator('[data-part="tbody"] tr td:nth-child(8)').allTextContents())
      expect(row).toMatch(/^(finished|stopped early at 1 epoch)$/);

    // Sorting: by validation accuracy, best first, then the other way.
    const sortAcc = widget.getByRole('button', { name: 'Validation accuracy', exact: true });
    const accHeader = widget.locator('th:has([data-sort="accuracy"])');
    await sortAcc.click();
    await expect(accHeader).toHaveAttribute('aria-sort', 'descending');
    const desc = await accuracies(page);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await widget.getByRole('button', { name: 'Validation accuracy', exact: true }).click();
    await expect(accHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(await accuracies(page)).toEqual([...desc].reverse());

    // Filter with the keyboard alternative of a brush: only trials at or above the best accuracy stay.
    const best = desc[0]!;
    await widget.getByLabel('Min Validation accuracy (0–1)').fill(String((best - 0.05) / 100));
    await widget.getByLabel('Min Validation accuracy (0–1)').press('Tab');
    const kept = desc.filter((a) => a >= best - 0.05).length;
    await expect(widget.locator('[data-part="tbody"] tr[data-trial]:not([hidden])')).toHaveCount(kept);
    await expect(widget.locator('path.tk-hp__line--dim')).toHaveCount(4 - kept);
    await expect(widget.locator('caption', { hasText: 'Trials' })).toHaveText(
      kept < 4 ? `Trials: ${kept} of 4 shown (the others are outside the filters)` : 'Trials',
    );

    // Open the best trial in the builder: the event carries its spec.
    const detail = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('tk-open-in-builder', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );
    await widget.getByRole('button', { name: 'Open the best trial in the builder' }).click();
    const spec = (await detail) as { layers: { kind: string; units?: number }[]; optimizer: string; epochs: number; learningRate: number };
    const bestRow = widget.locator('[data-part="tbody"] tr', { has: page.locator('.tk-hp__best') });
    expect(spec.layers[0]).toMatchObject({ kind: 'dense', units: Number(await bestRow.locator('td:nth-child(3)').textContent()) });
    expect(spec).toMatchObject({ optimizer: 'adam', epochs: 3 });

    // Hovering a row highlights its line.
    await bestRow.hover();
    const id = await bestRow.getAttribute('data-trial');
    await expect(widget.locator(`path.tk-hp__line--hl[data-trial="${id}"]`)).toHaveCount(1);

    // With the mouse: brushing the accuracy axis sets its filter; dragging a title moves its axis.
    await widget.getByLabel('Min Validation accuracy (0–1)').fill('');
    await widget.getByLabel('Min Validation accuracy (0–1)').press('Tab');
    await expect(widget.locator('path.tk-hp__line--dim')).toHaveCount(0);
    await widget.locator('svg.tk-hp__plot').scrollIntoViewIfNeeded();
    const overlay = (await widget.locator('[data-brush="accuracy"] .overlay').boundingBox())!;
    await page.mouse.move(overlay.x + overlay.width / 2, overlay.y + 2);
    await page.mouse.down();
    await page.mouse.move(overlay.x + overlay.width / 2, overlay.y + overlay.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(widget.getByLabel('Min Validation accuracy (0–1)')).not.toHaveValue('');
    const title = (await widget.locator('[data-axis-title="batchSize"]').boundingBox())!;
    const first = (await widget.locator('[data-axis-title="learningRate"]').boundingBox())!;
    await page.mouse.move(title.x + title.width / 2, title.y + title.height / 2);
    await page.mouse.down();
    await page.mouse.move(first.x, first.y + first.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(widget.locator('[data-axis-title]').first()).toHaveText('Batch size');

    await expectNoAxeViolations(page, 'hyper-search done, light');
    await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
    await expectNoAxeViolations(page, 'hyper-search done, dark');
    expect(problems).toEqual([]);
  });

  test('Stop ends every worker at once: running trials say so, the status starts with Stopped', async ({ page }) => {
    await page.goto(PAGE);
    await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
    const widget = page.locator(WIDGET);
    await widget.getByRole('combobox', { name: /^Trials/ }).selectOption('8');
    await widget.getByRole('combobox', { name: /^Parallel workers/ }).selectOption('2');
    await widget.getByText('More settings').click();
    await widget.getByRole('combobox', { name: /^Training images/ }).selectOption('1000');
    await widget.getByRole('combobox', { name: /^Validation images/ }).selectOption('500');
    await widget.getByRole('button', { name: 'Start search' }).click();
    await expect(widget).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await expect(widget.locator('[data-part="tbody"] tr[data-status="running"]').first()).toBeVisible({ timeout: 60_000 });
    await widget.getByRole('button', { name: 'Stop' }).click();
    await expect(widget).toHaveAttribute('data-state', 'idle');
    await expect(widget.getByRole('status')).toHaveText(/^Stopped: 8 trials/);
    await expect(widget.locator('[data-part="tbody"] tr[data-status="running"]')).toHaveCount(0);
    await expect(widget.locator('[data-part="tbody"] td', { hasText: 'stopped by you' }).first()).toBeVisible();
    await expect(widget).toHaveAttribute('data-running', '0');
  });
});

test('far down its lesson, the search loads its script only when the reader nears it, and a quick first click still starts it', async ({ page }) => {
  await page.goto('./lessons/inspect-and-tune/');
  const widget = page.locator(WIDGET);
  await expect(page.locator('tk-model-inspector')).toHaveAttribute('data-state', /.+/);
  // Loaded with the page: the inspector at the top. Not yet: the search, screens below (src/widgets/shared/load-when-near.ts).
  expect(await page.evaluate(() => customElements.get('tk-hyper-search') === undefined)).toBe(true);
  // Playwright scrolls it into view and clicks at once, before or while its script arrives.
  await widget.getByRole('button', { name: 'Start search' }).click();
  await expect(widget).toHaveAttribute('data-state', /^(loading|running)$/);
  await widget.getByRole('button', { name: /^Stop/ }).click();
  await expect(widget).toHaveAttribute('data-state', /^(idle|done)$/, { timeout: 60_000 });
});
