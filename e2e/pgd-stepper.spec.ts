import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';
import { findOverflow, overflowReport } from './overflow.ts';

/**
 * The PGD stepper (src/widgets/pgd-stepper/, on the test-only page /dev/pgd-stepper/): a figure before
 * any script (the chart's axes, the 2-pixel ε-ball); once the pretrained CNN and the lesson's sneaker
 * are loaded, Step advances the step and changes the image, the projection and clipping counts are
 * said, Run ends when the model sees a Bag, Reset goes back to step 0. Assertions read the element's
 * data attributes and the status line; the image change is read from the canvas's pixels.
 */
const PAGE = './dev/pgd-stepper/';
const WIDGET = 'tk-pgd-stepper';

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  return widget;
}

/** The adversarial image's pixels, as a string to compare. */
const pixels = (widget: Locator): Promise<string> =>
  widget.locator('[data-part="adversarial"]').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return Array.from(data.filter((_, i) => i % 4 === 0)).join(',');
  });

test.describe('PGD stepper', { tag: '@dev-pages' }, () => {
  test('a figure before any script: the chart’s axes and the 2-pixel ε-ball', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    const widget = page.locator(WIDGET);
    await expect(widget).toHaveAttribute('data-state', 'idle');
    await expect(widget.locator('.tk-ball rect.tk-ball__square')).toHaveCount(1);
    await expect(widget.locator('.tk-ball')).toHaveAttribute('aria-label', /2-pixel illustration of one PGD step/);
    await expect(widget.locator('svg.tk-chart__svg--empty')).toHaveAttribute('aria-label', /probability against step/);
    await context.close();
  });

  test('Step advances the step and changes the image; the counts are said; Run ends on Bag; Reset goes back to step 0', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page);
    const status = widget.getByRole('status');
    await expect(widget).toHaveAttribute('data-state', 'idle');
    await expect(widget).toHaveAttribute('data-predicted', 'Sneaker');
    await expect(status).toHaveText(/^Step 0: Sneaker \d+%, Bag .*\. Step takes one step of PGD towards Bag\.$/);
    const before = await pixels(widget);

    await widget.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(widget).toHaveAttribute('data-step', '1');
    // α = ε/4: one step cannot leave the ε-ball, so the projection has nothing to do yet; clipping at 0 does.
    await expect(status).toHaveText(
      /^Step 1: Sneaker \d+%, Bag [\d.]+%; the projection pulled back 0 pixels \(no step went past ε yet\), clipping [1-9]\d*\.$/,
    );
    expect(await pixels(widget)).not.toBe(before);
    await expect(widget.locator('[data-part="projected-caption"]')).toHaveText('Projection pulled back 0 pixels to ±ε');
    await expect(widget.locator('[data-part="clipped-caption"]')).toHaveText(/^Clipping moved \d+ pixels? back into \[0, 1\]$/);
    expect(Number(await widget.getAttribute('data-distance'))).toBeLessThanOrEqual(0.1 + 1e-6);

    await widget.getByRole('button', { name: 'Run' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    await expect(widget).toHaveAttribute('data-reached', 'true');
    await expect(widget).toHaveAttribute('data-predicted', 'Bag');
    await expect(status).toHaveText(/^Step \d+: Bag \d+%, Sneaker .*The model now sees a Bag\.$/);
    await expect(widget.locator('.tk-chart__line[data-series="rival"]')).toHaveAttribute('d', /L/);

    await widget.getByRole('button', { name: 'Reset' }).click();
    await expect(widget).toHaveAttribute('data-step', '0');
    await expect(widget).toHaveAttribute('data-state', 'idle');
    await expect(status).toHaveText(/^Step 0: Sneaker/);
    expect(await pixels(widget)).toBe(before);
    expect(problems).toEqual([]);
  });

  test('untargeted from the keyboard: any other class; α = 2ε makes the projection pull pixels back', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    await widget.getByLabel('Make it a').selectOption('any');
    await widget.getByLabel('Step size α').selectOption('2');
    await expect(status).toHaveText(/^Step 0: .*Step takes one step of PGD away from Sneaker\.$/);
    await widget.getByRole('button', { name: 'Step', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-step', '1');
    expect(Number(await widget.getAttribute('data-projected'))).toBeGreaterThan(0);
    await expect(status).toHaveText(/^Step 1: .*the projection pulled back [1-9]\d* pixels/);
  });

  test('axe clean in both themes after a step; nothing past the edge of a 375 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const widget = await open(page);
    await widget.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(widget).toHaveAttribute('data-step', '1');
    await expectNoAxeViolations(page, 'PGD stepper');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'PGD stepper, dark');
    expect(overflowReport(await findOverflow(page))).toEqual([]);
  });
});
