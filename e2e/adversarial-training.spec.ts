import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The adversarial trainer (src/widgets/adversarial-training/) on the test-only page
 * /dev/adversarial-training/ (200 training images, 1 epoch, the curves on 100 test images at
 * ε = 0, 0.1, 0.2): the figure before Start, a run to the end (live curves of the attacked batches,
 * the robust curve beside the standard one, the cost in words, the sneaker before and after), Stop,
 * a failed run that says what to do, and axe in both themes.
 */
const PAGE = './dev/adversarial-training/';
const WIDGET = 'tk-adversarial-training';

async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
}

/** Whether a canvas of the widget has something drawn (not all one colour). */
const drawn = (page: Page, name: string) =>
  page.evaluate(
    ([w, n]) => {
      const c = document.querySelector<HTMLCanvasElement>(`${w} [data-part="${n}"]`)!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return d.some((v, i) => i % 4 === 0 && v !== d[0]);
    },
    [WIDGET, name] as const,
  );

test.describe('adversarial trainer', { tag: '@dev-pages' }, () => {
  test('a figure before Start; a tiny run: the robust curve beside the standard one, the cost in words, the sneaker before and after; axe in both themes', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    // The figure: empty loss and accuracy axes, empty axes against ε for both models, the sneaker's slots.
    await expect(widget.locator('[data-part="charts"] svg')).toHaveCount(2);
    await expect(widget.locator('[data-part="curves"] .tk-chart__legend li')).toHaveText(['standard model', 'adversarially trained']);
    await expect(widget.locator('[data-part="curves"] svg[role="img"]')).toHaveAttribute('aria-label', /no data yet/);
    await expect(widget.locator('[data-part="sneaker"] canvas')).toHaveCount(4);
    await expect(widget.getByLabel('Training images')).toHaveValue('200');
    await expectNoAxeViolations(page, 'adversarial trainer before Start, light');

    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    // The live loss and accuracy charts of the attacked batches took the empty axes' place.
    await expect(widget.locator('[data-part="charts"] .tk-chart')).toHaveCount(2);
    await expect(widget.locator('[data-part="charts"] .tk-chart__legend').nth(1)).toContainText('their attacked half');
    await expect(widget.locator('[data-part="charts"] svg.tk-chart__svg--empty')).toHaveCount(0);
    await expect(widget.getByRole('status')).toHaveText(
      /^Robust accuracy at ε = 0\.1 \(FGSM\) \d+%, was \d+%; clean accuracy \d+\.\d%, was \d+\.\d%$/,
    );
    expect(await widget.getAttribute('data-tensors-left')).toBe('0');
    // Both curves, three points each, and their numbers in the table.
    for (const series of ['standard', 'trained']) {
      await expect(widget.locator(`[data-part="curves"] [data-series="${series}"] .tk-epsilon-chart__markers`)).toHaveAttribute('data-points', '3');
    }
    await expect(widget.locator('[data-part="curves"] table tbody tr')).toHaveCount(3);
    await expect(widget.locator('[data-part="outcome"]')).toHaveText(
      /^Clean accuracy (fell from \d+\.\d% to \d+\.\d%|rose from \d+\.\d% to \d+\.\d%|stayed at \d+\.\d%); at ε = 0\.1 it now classifies \d+% of 100 FGSM-attacked test images correctly, against \d+% before\.$/,
    );
    // Fine-tuning on attacked images makes the model more robust at the ε it trained on.
    expect(Number(await widget.getAttribute('data-robust-after'))).toBeGreaterThan(Number(await widget.getAttribute('data-robust-before')));
    // The sneaker, attacked before and after on the page's engine: the standard model is fooled.
    await expect(widget.locator('[data-part="sneaker"]')).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
    for (const slot of ['before-clean', 'before-attacked', 'after-clean', 'after-attacked']) expect(await drawn(page, slot)).toBe(true);
    await expect(widget.locator('[data-part="before-clean-caption"]')).toHaveText(/^Sneaker \(\d+\.\d%\)$/);
    await expect(widget.locator('[data-part="before-verdict"]')).toHaveText(/^Fooled: it now sees an? [a-z/ -]+\.$/);
    await expect(widget.locator('[data-part="after-verdict"]')).toHaveText(
      /^(Fooled: it now sees an? [a-z/ -]+|Still a sneaker: the attack failed)\.$/,
    );
    await expect(widget.locator('[data-part="after-attacked"]')).toHaveAttribute(
      'aria-label',
      /^The sneaker attacked by FGSM at ε = 0\.1; the model sees .+ \(\d+\.\d%\)\.$/,
    );

    await expectNoAxeViolations(page, 'adversarial trainer after a run, light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'adversarial trainer after a run, dark');
    expect(problems).toEqual([]);
  });

  test('keyboard: Start, then Stop ends the run without curves; focus follows', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    await widget.getByLabel('Training images').selectOption('10000'); // long enough to stop
    await widget.getByRole('button', { name: 'Start training' }).focus();
    await page.keyboard.press('Enter');
    const stop = widget.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeFocused();
    await expect(widget.getByRole('status')).toHaveText(/^Epoch 1 of 1 · adversarial batches/, { timeout: 60_000 });
    await expect(widget.getByLabel('Training images')).toBeDisabled();
    await page.keyboard.press('Space');
    await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    await expect(widget.getByRole('status')).toHaveText('Stopped before a full epoch; no curves measured');
    await expect(widget.getByRole('button', { name: 'Train again' })).toBeFocused();
    await expect(widget.locator('[data-part="curves"] svg[role="img"]')).toHaveAttribute('aria-label', /no data yet/);
    expect(problems).toEqual([]);
  });

  test('the pretrained robust model at once: its curve beside the standard one, the cost in words, the sneaker after', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    await widget.getByRole('button', { name: 'Use the pretrained robust model' }).click();
    await expect(widget).toHaveAttribute('data-model', 'pretrained-robust', { timeout: 30_000 });
    await expect(widget.getByRole('status')).toHaveText(/^The pretrained robust model: robust accuracy at ε = 0\.1 \(FGSM\) \d+%, was \d+%;/);
    for (const series of ['standard', 'trained']) {
      await expect(widget.locator(`[data-part="curves"] [data-series="${series}"] .tk-epsilon-chart__markers`)).toHaveAttribute('data-points', '11');
    }
    await expect(widget.locator('[data-part="outcome"]')).toHaveText(
      /^The pretrained robust model: the same CNN fine-tuned on .+ Clean accuracy fell from/,
    );
    await expect(widget.locator('[data-part="after-verdict"]')).toHaveText(
      /^(Fooled: it now sees an? [a-z/ -]+|Still a sneaker: the attack failed)\.$/,
    );
    expect(await drawn(page, 'after-attacked')).toBe(true);
    expect(problems).toEqual([]);
  });

  test('a model that cannot be downloaded: the run fails in words, with what to do', async ({ page }) => {
    await page.route('**/models/fashion-cnn/model.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await open(page);
    const widget = page.locator(WIDGET);
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Error: Adversarial training failed\. /);
    await expect(widget.locator('[data-part="error"]')).toBeVisible();
    await expect(widget.getByRole('button', { name: 'Start again' })).toBeEnabled();
  });
});
