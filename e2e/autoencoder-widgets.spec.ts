import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The autoencoder trainer and the denoiser (src/widgets/autoencoder-trainer/, src/widgets/denoiser/)
 * on their test-only pages: useful before Start (the pretrained models load, reconstruct and restore),
 * their controls respond (bottleneck slider, corruption, strength, images, scribble by pointer and by
 * keyboard), a short retraining (1,000 images, 1 epoch) redraws the reconstructions, and axe passes
 * in both themes.
 */

async function open(page: Page, path: string, tag: string): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction((w) => customElements.get(w) !== undefined, tag);
  return widget;
}

/** How many of the canvases under `selector` have something drawn (more than one colour). */
const drawnCanvases = (widget: Locator, selector: string) =>
  widget
    .locator(selector)
    .evaluateAll((canvases) =>
      (canvases as HTMLCanvasElement[]).filter((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        return d.some((v, i) => i % 4 === 0 && v !== d[0]);
      }),
    )
    .then((list) => list.length);

const numberData = async (widget: Locator, name: string): Promise<number> => Number(await widget.getAttribute(`data-${name}`));

async function axeBothThemes(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, `${label}, light`);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expectNoAxeViolations(page, `${label}, dark`);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

test.describe('autoencoder widgets', { tag: '@dev-pages' }, () => {
  test('autoencoder trainer: the pretrained model reconstructs and places the test set; the slider redraws; a short run retrains', async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    const widget = await open(page, './dev/autoencoder-trainer/', 'tk-autoencoder-trainer');
    await expect(widget).toHaveAttribute('data-model', 'pretrained', { timeout: 60_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Pretrained autoencoder, 3-D bottleneck, .*test loss \d+\.\d per image/);
    expect(await drawnCanvases(widget, '[data-part="pairs"] canvas')).toBe(16);
    const pretrainedError = await numberData(widget, 'pair-error');
    expect(pretrainedError).toBeGreaterThan(0);
    expect(pretrainedError).toBeLessThan(0.1);
    // The 10,000 codes on the plane; hovering a point shows its image.
    const plot = widget.locator('.tk-ae__canvas');
    await expect(plot).toHaveAttribute('data-points', '10000');
    await expect(widget.locator('[data-part="latent-box-caption"]')).toContainText('principal components of the 3-D codes');
    // Sweep the pointer across the plot until it is over a point: its image and class are shown.
    await plot.scrollIntoViewIfNeeded();
    const hoverText = widget.locator('[data-part="hover-text"]');
    const sweep = async (): Promise<string> => {
      const box = (await plot.boundingBox())!;
      for (let k = 1; k < 40; k++) {
        await page.mouse.move(box.x + (box.width * k) / 40, box.y + box.height * 0.5);
        const text = (await hoverText.textContent()) ?? '';
        if (text.startsWith('Test image')) return text;
      }
      return '';
    };
    await expect.poll(sweep).toMatch(/^Test image [\d,]+: (T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot)$/);
    expect(await drawnCanvases(widget, '[data-part="hover-image"]')).toBe(1);
    await axeBothThemes(page, 'autoencoder trainer with the pretrained model');

    // The bottleneck slider, from the keyboard: the network and its caption follow.
    const slider = widget.getByLabel('Bottleneck size');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveValue('3');
    await expect(widget.locator('[data-part="network-caption"]')).toHaveText(/^Encoder → a bottleneck of 3 numbers → decoder: [\d,]+ parameters$/);
    await page.keyboard.press('ArrowLeft');

    // A short run: 1,000 images, 1 epoch, a 2-D bottleneck drawn as it is.
    await widget.getByLabel('Training images').selectOption('1000');
    await widget.getByLabel('Epochs').selectOption('1');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(widget).toHaveAttribute('data-model', 'own');
    expect(await numberData(widget, 'samples')).toBeGreaterThanOrEqual(2);
    await expect(widget.getByRole('status')).toHaveText(/^Your autoencoder \(2-D bottleneck\) after 1 epoch: test loss \d+\.\d per image$/);
    await expect(widget.locator('[data-part="pairs-box-caption"]')).toContainText('your autoencoder (2-D bottleneck)');
    await expect(widget.locator('[data-part="latent-box-caption"]')).toContainText('the 2 numbers of each code');
    expect(await numberData(widget, 'pair-error')).not.toBe(pretrainedError);
    expect(problems).toEqual([]);
  });

  test('denoiser: the autoencoder beats the noise; corruption, strength, images and scribbles respond; a short run retrains', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page, './dev/denoiser/', 'tk-denoiser');
    await expect(widget).toHaveAttribute('data-model', 'pretrained', { timeout: 60_000 });
    await expect(widget).toHaveAttribute('data-error-restored', /\d/);
    const corrupted = await numberData(widget, 'error-corrupted');
    const restored = await numberData(widget, 'error-restored');
    expect(restored).toBeLessThan(corrupted);
    await expect(widget.getByRole('status')).toHaveText(
      /^Mean squared error vs the clean image: corrupted 0\.\d{3}, blurred 0\.\d{3}, denoised 0\.\d{3}/,
    );
    expect(await drawnCanvases(widget, '.tk-figure canvas')).toBe(4);
    await axeBothThemes(page, 'denoiser with the pretrained model');

    // Stronger noise, from the keyboard: more error.
    const strength = widget.getByLabel('Strength');
    await strength.focus();
    await page.keyboard.press('ArrowRight');
    await expect(strength).toHaveValue('0.45');
    await expect.poll(() => numberData(widget, 'error-corrupted')).toBeGreaterThan(corrupted);
    // Another kind and another image.
    await widget.getByLabel('Corruption').selectOption('square');
    await expect(widget.locator('[data-part="corrupted-box-caption"]')).toHaveText(/^Corrupted \(draw on it\): error 0\.\d{3}$/);
    await widget.getByRole('button', { name: 'Next image' }).click();
    await expect(widget).toHaveAttribute('data-image', '1');
    await expect(widget.locator('[data-part="clean-box-caption"]')).toHaveText(/^Clean: test image 2 of 10,000, /);

    // Scribble only: a stroke with the mouse, then a line with the keyboard, each adds error.
    await widget.getByLabel('Corruption').selectOption('none');
    await expect.poll(() => numberData(widget, 'error-corrupted')).toBe(0);
    const pad = widget.locator('[data-part="corrupted"]');
    await pad.scrollIntoViewIfNeeded();
    const p = (await pad.boundingBox())!;
    await page.mouse.move(p.x + p.width * 0.2, p.y + p.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(p.x + p.width * 0.8, p.y + p.height * 0.7, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => numberData(widget, 'error-corrupted')).toBeGreaterThan(0);
    const afterMouse = await numberData(widget, 'error-corrupted');
    await pad.focus();
    for (let k = 0; k < 6; k++) await page.keyboard.press('Shift+ArrowUp');
    await expect(widget.getByRole('status')).toHaveText('Pen at row 9, column 15, drawing');
    await expect.poll(() => numberData(widget, 'error-corrupted')).toBeGreaterThan(afterMouse);
    await widget.getByRole('button', { name: 'Clear scribble' }).click();
    await expect.poll(() => numberData(widget, 'error-corrupted')).toBe(0);

    // Retraining, short: its samples are drawn as it learns.
    await widget.getByLabel('Training images').selectOption('1000');
    await widget.getByLabel('Epochs').selectOption('1');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    expect(await numberData(widget, 'samples')).toBeGreaterThanOrEqual(2);
    expect(await drawnCanvases(widget, '[data-part="samples"] canvas')).toBe(16);
    await expect(widget.getByRole('status')).toHaveText(/^Your denoiser trained for 1 epoch: test loss \d+\.\d per image$/);
    expect(problems).toEqual([]);
  });
});
