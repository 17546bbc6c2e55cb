import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The CNN trainer (src/widgets/cnn-trainer/) on the test-only page /dev/cnn-trainer/ (5,000 training
 * images, 1 epoch, 1,000 test images): the figure before Start, the pretrained model's filters,
 * confusion matrix, mistakes and feature maps, a small training run past 75% with filters that
 * change as they learn, and axe in both themes.
 */
const PAGE = './dev/cnn-trainer/';
const WIDGET = 'tk-cnn-trainer';

async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
}

/** The filter canvases' pixels, one string per canvas. */
const filterPixels = (page: Page) =>
  page.evaluate(
    (w) =>
      [...document.querySelectorAll<HTMLCanvasElement>(`${w} [data-part="filter-list"] canvas`)].map((c) =>
        Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(','),
      ),
    WIDGET,
  );

/** How many canvases of the feature-map view have something drawn (not all one colour). */
const drawnMaps = (page: Page) =>
  page.evaluate(
    (w) =>
      [...document.querySelectorAll<HTMLCanvasElement>(`${w} [data-part="maps"] canvas`)].filter((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        return d.some((v, i) => i % 4 === 0 && v !== d[0]);
      }).length,
    WIDGET,
  );

test.describe('CNN trainer', { tag: '@dev-pages' }, () => {
  test('a figure before Start; the pretrained model: filters, confusion matrix, mistakes, feature maps; axe in both themes', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    // The figure: the layers with their parameters, eight empty filter slots, the empty curves.
    await expect(widget.locator('.tk-cnn__layers tfoot')).toContainText('9,098');
    await expect(widget.locator('.tk-cnn__layers tbody tr')).toHaveCount(7);
    await expect(widget.locator('[data-part="filter-list"] canvas')).toHaveCount(8);
    await expect(widget.locator('[data-part="charts"] svg')).toHaveCount(2);
    await expectNoAxeViolations(page, 'CNN trainer before Start, light');

    await widget.getByRole('button', { name: 'Use the pretrained model' }).click();
    await expect(widget).toHaveAttribute('data-model', 'pretrained', { timeout: 60_000 });
    await expect(widget.getByRole('status')).toHaveText(/^The pretrained model: test accuracy \d+\.\d% on 1,000 test images\.$/);
    const filters = await filterPixels(page);
    expect(filters).toHaveLength(8);
    expect(new Set(filters).size).toBe(8); // eight different learned filters
    await expect(widget.locator('[data-part="filters-caption"]')).toContainText('of the pretrained model');
    // The confusion matrix adds up to the test images, with the class names on its sides.
    const total = await widget
      .locator('[data-part="confusion"] tbody td')
      .evaluateAll((cells) => cells.reduce((s, c) => s + Number(c.textContent), 0));
    expect(total).toBe(1000);
    await expect(widget.locator('[data-part="confusion"] thead')).toContainText('Ankle boot');
    await expect(widget.locator('[data-part="mistakes"] button').first()).toBeVisible();
    await expect(widget.locator('[data-part="mistakes-caption"]')).toHaveText(/^The pretrained model got \d+ of 1,000 test images wrong/);

    // A mistake, chosen from the keyboard, opens its feature maps: two conv and two pool layers.
    await widget.locator('[data-part="mistakes"] button').first().focus();
    await page.keyboard.press('Enter');
    await expect(widget.locator('[data-part="maps"] figure')).toHaveCount(4);
    await expect(widget.locator('[data-part="maps"] figcaption')).toHaveText([
      'Convolution 1: 8 maps of 28×28',
      'Max pool 1: 8 maps of 14×14',
      'Convolution 2: 16 maps of 14×14',
      'Max pool 2: 16 maps of 7×7',
    ]);
    expect(await drawnMaps(page)).toBeGreaterThan(10);
    // Next image: another image's maps.
    const before = await widget.locator('[data-part="maps"]').getAttribute('data-index');
    await widget.getByRole('button', { name: 'Next image' }).click();
    await expect(widget.locator('[data-part="maps"]')).toHaveAttribute('data-index', String(Number(before) + 1));
    // The strip: one image per class.
    await expect(widget.locator('[data-part="strip"] button')).toHaveCount(10);
    await widget.locator('[data-part="strip"] button', { hasText: 'Sneaker' }).click();
    await expect(widget.locator('[data-part="strip"] button', { hasText: 'Sneaker' })).toHaveAttribute('aria-pressed', 'true');
    await expect(widget.locator('[data-part="maps-caption"]')).toContainText('a Sneaker');

    await expectNoAxeViolations(page, 'CNN trainer with the pretrained model, light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'CNN trainer with the pretrained model, dark');
    expect(problems).toEqual([]);
  });

  test('a small run reaches 75% test accuracy; its filters change as they learn; its model replaces the pretrained one for comparison', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    // The defaults as a reader finds them (5,000 images, 1 epoch, learning rate 0.01, backend auto);
    // the test page asks for 1,000 test images to keep the test short.
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
    // The initial filters, then later ones: the drawing changes while training.
    await expect(widget.locator('[data-part="filter-list"]')).toHaveAttribute('data-drawn', /.+/);
    const first = await filterPixels(page);
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Test accuracy \d+\.\d% on 1,000 test images after 1 epoch$/);
    const accuracy = Number(await widget.getAttribute('data-test-accuracy'));
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
    expect(await widget.getAttribute('data-tensors-left')).toBe('0');
    expect(Number(await widget.locator('[data-part="filter-list"]').getAttribute('data-drawn'))).toBeGreaterThanOrEqual(2);
    const last = await filterPixels(page);
    expect(last).not.toEqual(first);
    // The reader's model is loaded for the results: its confusion matrix and mistakes.
    await expect(widget).toHaveAttribute('data-model', 'own', { timeout: 60_000 });
    await expect(widget.locator('[data-part="mistakes-caption"]')).toHaveText(/^Your model got \d+ of 1,000 test images wrong/);
    await expect(widget.locator('[data-part="comparison"]')).toHaveText(/your model: \d+\.\d%/);
    expect(problems).toEqual([]);
  });
});
