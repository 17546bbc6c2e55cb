import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The optimiser race (src/widgets/optimizer-race/, on the test-only page /dev/optimizer-race/):
 * a figure before Play, Step moves all four paths, a surface switch redraws the plot, the start point
 * moves from the keyboard, and the status reports losses that fall on the valley.
 */
const PAGE = './dev/optimizer-race/';
const WIDGET = 'tk-optimizer-race';

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  return widget;
}

/** The end point of each drawn path, by optimiser. */
const pathEnds = (widget: Locator) =>
  widget
    .locator('.tk-race__runner')
    .evaluateAll((groups) =>
      Object.fromEntries(groups.map((g) => [g.getAttribute('data-kind'), g.querySelector('path')!.getAttribute('d')!.split('L').at(-1)])),
    );

/** The losses in the status line, in the order SGD, Momentum, RMSProp, Adam. */
async function statusLosses(status: Locator): Promise<number[]> {
  const text = (await status.textContent()) ?? '';
  const match = text.match(/loss: SGD ([\d.]+), Momentum ([\d.]+), RMSProp ([\d.]+), Adam ([\d.]+)\./);
  expect(match, text).not.toBeNull();
  return match!.slice(1).map(Number);
}

test.describe('optimiser race', { tag: '@dev-pages' }, () => {
  test('before Play it is a figure: contours, the start, the minimum and the legend', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page);
    expect(await widget.locator('.tk-race__band').count()).toBeGreaterThanOrEqual(10);
    await expect(widget.locator('.tk-race__start')).toBeVisible();
    await expect(widget.locator('.tk-race__min')).toBeVisible();
    await expect(widget.locator('.tk-race__runner')).toHaveCount(0);
    await expect(widget.locator('.tk-race__legend li')).toHaveText([/^SGD/, /^Momentum/, /^RMSProp/, /^Adam/]);
    await expect(widget.getByRole('status')).toHaveText(/^Ready: long narrow valley, start \(−4\.5, 1\.2\), loss 3\.89; the minimum is at \(0, 0\)/);
    await expectNoAxeViolations(page, 'optimiser race');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'optimiser race, dark');
    expect(problems).toEqual([]);
  });

  test('Step moves all four paths; the losses fall on the valley; Reset clears them', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    const step = widget.getByRole('button', { name: 'Step' });
    await step.click();
    await expect(widget).toHaveAttribute('data-steps', '1');
    await expect(widget.locator('.tk-race__runner')).toHaveCount(4);
    const first = await pathEnds(widget);
    await expect(status).toHaveText(/^After 1 step, loss: /);
    const lossesAfter1 = await statusLosses(status);
    lossesAfter1.forEach((loss) => expect(loss).toBeLessThan(3.89));

    for (let i = 0; i < 9; i++) await step.click();
    await expect(widget).toHaveAttribute('data-steps', '10');
    const tenth = await pathEnds(widget);
    for (const kind of ['sgd', 'momentum', 'rmsprop', 'adam']) expect(tenth[kind], kind).not.toBe(first[kind]);
    await expect(status).toHaveText(/^After 10 steps, loss: /);
    const lossesAfter10 = await statusLosses(status);
    lossesAfter10.forEach((loss, i) => expect(loss).toBeLessThan(lossesAfter1[i]!));

    await widget.getByRole('button', { name: 'Reset' }).click();
    await expect(widget.locator('.tk-race__runner')).toHaveCount(0);
    await expect(status).toHaveText(/^Ready/);
  });

  test('Play runs the race to the end and says who reached the minimum first', async ({ page }) => {
    const widget = await open(page);
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(widget).toHaveAttribute('data-steps', '400');
    await expect(widget.getByRole('status')).toHaveText(/After 400 steps, loss: .* First to the minimum: Momentum at step \d+\. The race is over/);
    await expect(widget.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  test('reduced motion: nothing moves by itself; Play draws the whole race at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const widget = await open(page);
    await expect(widget).toHaveAttribute('data-steps', '0');
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done');
    await expect(widget).toHaveAttribute('data-steps', '400');
    await expect(widget.locator('.tk-race__runner')).toHaveCount(4);
  });

  test('switching surface redraws the contours, the start and the minimum', async ({ page }) => {
    const widget = await open(page);
    const before = await widget.locator('.tk-race__band').first().getAttribute('d');
    await widget.getByRole('button', { name: 'Step' }).click();
    await widget.getByLabel('Surface').selectOption('rosenbrock');
    await expect(widget.locator('.tk-race__plot')).toHaveAttribute('data-surface', 'rosenbrock');
    await expect.poll(() => widget.locator('.tk-race__band').first().getAttribute('d')).not.toBe(before);
    await expect(widget.locator('.tk-race__runner')).toHaveCount(0);
    await expect(widget.getByLabel('Learning rate')).toHaveAttribute('aria-valuetext', '0.002');
    await expect(widget.getByRole('status')).toHaveText(/^Ready: rosenbrock, start \(−1\.2, 1\), loss 24\.20; the minimum is at \(1, 1\)/);
    await widget.getByLabel('Surface').selectOption('saddle');
    await expect(widget.getByRole('status')).toHaveText(/the minima are at \(0, 1\) and \(0, −1\)/);
  });

  test('keyboard: the start point moves with the arrow keys, the sliders and buttons work without a mouse', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    const plot = widget.locator('.tk-race__plot');
    await plot.focus();
    await page.keyboard.press('ArrowRight'); // x −4.5 → −4.25 (a fortieth of the 10-wide region)
    await page.keyboard.press('ArrowDown'); // y 1.2 → 1.1
    await expect(status).toHaveText(/^Ready: long narrow valley, start \(−4\.25, 1\.1\)/);
    await expect(plot).toHaveAttribute('aria-label', /^Start point \(−4\.25, 1\.1\)/);
    await page.keyboard.press('Home');
    await expect(status).toHaveText(/start \(−4\.5, 1\.2\)/);

    const rate = widget.getByLabel('Learning rate');
    await rate.focus();
    await page.keyboard.press('ArrowRight');
    await expect(rate).toHaveAttribute('aria-valuetext', '0.2');
    await widget.getByRole('button', { name: 'Step' }).focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-steps', '1');
    await expect(widget.locator('.tk-race__runner')).toHaveCount(4);

    // A click places the start too: the centre of the plot is (0, 0), the minimum.
    await widget.locator('[data-part="area"]').click();
    await expect(status).toHaveText(/start \(−?0(\.0\d)?, −?0(\.0\d)?\)/);
  });
});
