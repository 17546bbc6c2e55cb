import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The model inspector (src/widgets/model-inspector/, on the test-only page /dev/model-inspector/,
 * quick model of 2,000 images): with no saved model it trains a quick one and fills the confusion
 * matrix; a cell shows its images and one opens in the pad; a drawn stroke (pointer events) is
 * classified; after a reload the model comes back from IndexedDB with the same predictions;
 * download → load back round-trips, also with a renamed weights file; a corrupt model.json gets
 * its message and the saved model stays; axe passes in both themes. One test: each step needs the
 * model of the one before (a fresh browser context would start without it).
 */
const PAGE = './dev/model-inspector/';
const WIDGET = 'tk-model-inspector';

/** Draws a "7" across the pad with the mouse (Chromium turns it into pointer events). */
async function drawSeven(pad: Locator, page: Page): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (const [x, y] of [
    [0.45, 0.2],
    [0.7, 0.2],
    [0.6, 0.45],
    [0.5, 0.65],
    [0.42, 0.85],
  ] as const) {
    await page.mouse.move(...at(x, y), { steps: 4 });
  }
  await page.mouse.up();
}

/** What the bars say: the probability of each digit, in words. */
const barsLabel = (widget: Locator) => widget.locator('svg.tk-bars').getAttribute('aria-label');

test.describe('model inspector', { tag: '@dev-pages' }, () => {
  test('quick model → matrix → images → pad → reload → download and load back → corrupt file → axe', async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    const problems = watchForProblems(page);
    await page.goto(PAGE);
    const widget = page.locator(WIDGET);
    const status = widget.locator('[data-part="status"]');
    const padStatus = widget.locator('[data-part="pad-status"]');
    const pad = widget.locator('canvas[data-part="pad"]');

    // Before anything: the empty matrix outline with its axes and the empty bars.
    await expect(widget.getByRole('grid')).toContainText('Predicted digit');
    await expect(widget.locator('svg.tk-bars')).toHaveAttribute('aria-label', /nothing drawn yet/);
    await expect(status).toHaveText(/^No saved model in this browser yet/);

    await test.step('a quick model fills the confusion matrix', async () => {
      await widget.getByRole('button', { name: 'Train a quick model' }).click();
      await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
      await expect(status).toHaveText(/^Quick model trained on 2,000 images and saved in this browser: \d+\.\d% on the test set$/);
      const cells = widget.getByRole('grid').locator('button');
      await expect(cells).toHaveCount(100);
      const counts = await cells.allTextContents();
      expect(counts.reduce((sum, c) => sum + Number(c.replace(/,/g, '')), 0)).toBe(10_000);
    });

    await test.step('a cell shows its images and one opens in the pad', async () => {
      const cell = widget.getByRole('button', { name: /^true 1, predicted 1: / });
      await cell.click();
      await expect(widget.locator('[data-part="pair-caption"]')).toHaveText(/images of 1 predicted right; the first 40 are shown/);
      const thumbs = widget.locator('.tk-thumb');
      await expect(thumbs).toHaveCount(40);
      await thumbs.first().click();
      await expect(padStatus).toHaveText(/^Test image \d+ \(a 1\): the model says 1 \(\d+\.\d% sure\)$/);
      await expect(pad).toBeFocused();
      // The keyboard edits the pad: the arrow keys move, Space paints, each announced.
      await pad.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await expect(padStatus).toHaveText(/^Row 15, column 16: painted$|^Test image \d+ \(a 1\): the model says/);
      // A cell from the keyboard: the grid is one Tab stop, the arrow keys move in it.
      await cell.focus();
      await page.keyboard.press('ArrowRight');
      await expect(widget.getByRole('button', { name: /^true 1, predicted 2: / })).toBeFocused();
    });

    let drawn = '';
    await test.step('a drawn stroke is classified', async () => {
      await widget.getByRole('button', { name: 'Clear' }).click();
      await expect(widget.locator('svg.tk-bars')).toHaveAttribute('aria-label', /nothing drawn yet/);
      await drawSeven(pad, page);
      await expect(padStatus).toHaveText(/^The model says \d \(\d+\.\d% sure\)$/);
      drawn = (await barsLabel(widget))!;
      expect(drawn).toMatch(/^Probability of each digit: 0: \d+\.\d%/);
    });

    await test.step('after a reload the model comes back from IndexedDB and says the same', async () => {
      await page.reload();
      await expect(status).toHaveText(/^Your model from .+: \d+\.\d% on the test set$/, { timeout: 60_000 });
      await expect(widget).toHaveAttribute('data-state', 'done');
      await drawSeven(pad, page);
      await expect(padStatus).toHaveText(/^The model says/);
      expect(await barsLabel(widget)).toBe(drawn);
    });

    const files: Record<string, Buffer> = {};
    await test.step('download gives model.json and its weights', async () => {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await widget.getByRole('button', { name: 'Download model files' }).click();
      await expect.poll(() => downloads.length).toBe(2);
      for (const d of downloads) files[d.suggestedFilename()] = await readFile((await d.path())!);
      expect(Object.keys(files).sort()).toEqual(['model.json', 'model.weights.bin']);
      expect(files['model.weights.bin']!.length).toBe((784 * 128 + 128 + 128 * 10 + 10) * 4);
      await expect(status).toHaveText(/^Downloaded model.json and model.weights.bin/);
    });

    const input = widget.getByLabel('Load model files (model.json and its weights)');
    for (const weightsName of ['model.weights.bin', 'model (1).weights.bin']) {
      await test.step(`load back model.json + '${weightsName}': the same predictions`, async () => {
        await input.setInputFiles([
          { name: 'model.json', mimeType: 'application/json', buffer: files['model.json']! },
          { name: weightsName, mimeType: 'application/octet-stream', buffer: files['model.weights.bin']! },
        ]);
        await expect(status).toHaveText(/^Loaded model.json \(784 → 128 → 10\): \d+\.\d% on the test set\./);
        if (weightsName !== 'model.weights.bin') await expect(status).toContainText(`Used '${weightsName}' as the weights for model.json`);
        await expect(widget).toHaveAttribute('data-state', 'done');
        await expect(padStatus).toHaveText(/^The model says/);
        expect(await barsLabel(widget)).toBe(drawn);
      });
    }

    await test.step('a loaded model is saved in the browser after a confirmation', async () => {
      await widget.getByRole('button', { name: 'Save in this browser' }).click();
      await expect(widget.locator('[data-part="confirm-text"]')).toHaveText(/replaces the model saved in this browser/);
      await expect(widget.getByRole('button', { name: 'Replace the saved model' })).toBeFocused();
      await widget.getByRole('button', { name: 'Replace the saved model' }).click();
      await expect(status).toHaveText(/^Saved in this browser: Your model from .+: \d+\.\d% on the test set$/);
      await expect(widget.getByRole('button', { name: 'Save in this browser' })).toBeHidden();
    });

    await test.step('a corrupt model.json gets its message and the saved model stays', async () => {
      await input.setInputFiles([
        { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": {"class_name": "Seq') },
        { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: files['model.weights.bin']! },
      ]);
      await expect(widget).toHaveAttribute('data-state', 'error');
      await expect(widget.locator('[data-part="error"]')).toContainText("'model.json' is not a model.json file: its text is not valid JSON");
      await expect(widget.locator('[data-part="error"]')).toContainText('Choose the model.json downloaded from this page');
      await page.reload();
      await expect(status).toHaveText(/^Your model from .+: \d+\.\d% on the test set$/, { timeout: 60_000 });
    });

    await test.step('axe passes in both themes', async () => {
      await widget.getByRole('button', { name: /^true 7, predicted 7: / }).click();
      await expect(widget.locator('.tk-thumb').first()).toBeVisible();
      await expectNoAxeViolations(page, `${PAGE} (light)`);
      await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
      await expectNoAxeViolations(page, `${PAGE} (dark)`);
      await page.screenshot({ path: testInfo.outputPath('inspector-dark.png'), fullPage: true });
    });
    expect(problems).toEqual([]);
  });
});
