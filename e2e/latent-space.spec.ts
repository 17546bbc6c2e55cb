import { expect, test, type Locator, type Page } from '@playwright/test';
import { routeMissingLatentFiles } from '../bench/shared/latent-fake.ts';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The 3-D latent space (src/widgets/latent-space/, on the test-only page /dev/latent-space/): 10,000
 * points drawn, turned from the keyboard, a keyboard-chosen point decoded to an image, the embedding
 * switch, the canvas-2D fallback without WebGL2, and axe in both themes. While the pretrained files are
 * not in the build, stand-ins in the same formats are served (bench/shared/latent-fake.ts).
 */
const PAGE = './dev/latent-space/';
const WIDGET = 'tk-latent-space';
const DIST = process.env.E2E_DIST ?? 'dist-test';

async function open(page: Page): Promise<Locator> {
  await routeMissingLatentFiles(page, DIST);
  await page.goto(PAGE);
  const widget = page.locator(WIDGET);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(widget.getByRole('status')).toHaveText(/click a point, or move the cursor, to decode it/);
  return widget;
}

/** Whether a canvas holds more than one colour (not blank). */
const notBlank = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const first = data.slice(0, 4).join();
    for (let o = 4; o < data.length; o += 4) if (data.slice(o, o + 4).join() !== first) return true;
    return false;
  });

test.describe('latent space', { tag: '@dev-pages' }, () => {
  test('draws 10,000 points with WebGL2, turns from the keyboard and decodes a keyboard-chosen point; axe in both themes', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page);
    const view = widget.locator('[data-part="view"]');
    await expect(view).toHaveAttribute('data-points', '10000');
    await expect(view).toHaveAttribute('data-renderer', 'webgl2');
    await expect(widget.locator('[data-part="words"] li')).toHaveCount(11);
    await expect(widget.locator('[data-part="words"] li').first()).toHaveText(/^T-shirt\/top: 1,000 images centred at \(/);

    const angle = await view.getAttribute('data-angle');
    await view.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await expect(view).not.toHaveAttribute('data-angle', angle!);
    const [yaw, pitch] = (await view.getAttribute('data-angle'))!.split(',').map(Number);
    const [yaw0, pitch0] = angle!.split(',').map(Number);
    expect(yaw).toBe(yaw0! + 5);
    expect(pitch).toBe(pitch0! + 5);

    // The cursor moves along x; Enter picks the image nearest to it and decodes it.
    const slider = widget.getByRole('slider', { name: 'Cursor x' });
    const before = await slider.inputValue();
    await page.keyboard.press('x');
    await expect(slider).not.toHaveValue(before);
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-selected', /^\d+$/);
    const decoded = widget.locator('[data-part="decoded"]');
    await expect(decoded).toHaveAttribute('aria-label', /^Decoded from image [\d,]+ \(.+\) at \(/);
    expect(await notBlank(decoded)).toBe(true);

    // A and B: the strip between them.
    await widget.getByRole('button', { name: 'Use as A' }).click();
    await view.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Y');
    await page.keyboard.press('Enter');
    await widget.getByRole('button', { name: 'Use as B' }).click();
    await expect(widget.locator('[data-part="strip"]')).toHaveAttribute('aria-label', /^From A, image .* to B, image .*: 8 images decoded/);
    expect(await notBlank(widget.locator('[data-part="strip"]'))).toBe(true);

    await expectNoAxeViolations(page, 'latent space');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'latent space, dark');
    expect(problems).toEqual([]);
  });

  test('the embedding switch moves the points and the words; a click on a point decodes it', async ({ page }) => {
    const widget = await open(page);
    const words = widget.locator('[data-part="words"] li').first();
    const vaeWords = await words.textContent();
    await widget.getByRole('combobox', { name: 'Embedding' }).selectOption('pca');
    await expect(widget).toHaveAttribute('data-embedding', 'pca');
    await expect(words).not.toHaveText(vaeWords!);
    await expect(widget.getByRole('status')).toHaveText(/^PCA, first 3 components: 10,000 test images drawn with WebGL2/);

    // Turn the view a little, then click where image 0 is drawn once the camera has settled: the id-colour
    // pick buffer, drawn once the camera stopped and not while it turned, finds a point there and decodes it.
    const turned = await widget.evaluate((el) => {
      const scene = (el as unknown as { scene: { rotateBy(dYaw: number, dPitch: number): void; drawNow(): void; renderer: { pickReady: boolean } } })
        .scene;
      scene.rotateBy(0.05, 0);
      scene.drawNow();
      return scene.renderer.pickReady;
    });
    expect(turned).toBe(false);
    await expect
      .poll(() => widget.evaluate((el) => (el as unknown as { scene: { renderer: { pickReady: boolean } } }).scene.renderer.pickReady))
      .toBe(true);
    const at = await widget.evaluate((el) => {
      const scene = (el as unknown as { scene: { screenPosition(p: number[]): { x: number; y: number } } }).scene;
      const points = (el as unknown as { points: Float32Array }).points;
      return scene.screenPosition([points[0]!, points[1]!, points[2]!]);
    });
    const box = (await widget.locator('[data-part="view"]').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect(widget).toHaveAttribute('data-selected', /^\d+$/);
    await expect(widget.locator('[data-part="decoded"]')).toHaveAttribute('aria-label', /^Decoded from image /);

    // The GPU context lost (a driver reset): the view goes on, on the 2-D canvas.
    await widget
      .locator('canvas.tk-latent__points')
      .evaluate((c: HTMLCanvasElement) => c.getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext());
    await expect(widget.locator('[data-part="view"]')).toHaveAttribute('data-renderer', 'canvas2d');
    await expect(widget.getByRole('status')).toHaveText(/drawn on a 2-D canvas because WebGL2 is not available here \(the WebGL2 context was lost\)/);
  });

  test('retraining the VAE here moves the points as epochs end', async ({ page }) => {
    const widget = await open(page);
    const words = widget.locator('[data-part="words"] li').first();
    const pretrained = await words.textContent();
    // A tiny run (640 images, 1 epoch): enough to see the points replaced.
    await widget.evaluate((el: HTMLElement) => Object.assign(el.dataset, { retrainImages: '640', retrainEpochs: '1' }));
    await widget.getByRole('button', { name: 'Retrain the VAE here' }).click();
    await expect(widget).toHaveAttribute('data-state', 'running');
    await expect(widget.getByRole('combobox', { name: 'Embedding' })).toBeDisabled();
    await expect(widget).toHaveAttribute('data-retrain-epochs', '1', { timeout: 60_000 });
    await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    await expect(widget.getByRole('status')).toHaveText(
      /^Retrained for 1 epoch; test loss [\d.]+ per image\. The points show the new model's means\.$/,
    );
    await expect(words).not.toHaveText(pretrained!);
    await expect(widget.locator('[data-part="decoded-panel-caption"]')).toHaveText(/^Decoding is off/);
    // Back to the pretrained VAE: its positions and its decoder.
    await widget.getByRole('button', { name: 'Back to the pretrained VAE' }).click();
    await expect(words).toHaveText(pretrained!);
    await expect(widget.getByRole('button', { name: 'Retrain the VAE here' })).toBeVisible();
  });

  test('without WebGL2 it draws on a 2-D canvas and says so', async ({ page }) => {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        if (type === 'webgl2') return null;
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
    const widget = await open(page);
    const view = widget.locator('[data-part="view"]');
    await expect(view).toHaveAttribute('data-renderer', 'canvas2d');
    await expect(widget.getByRole('status')).toHaveText(/drawn on a 2-D canvas because WebGL2 is not available here \(this browser has no WebGL2\)/);
    expect(await notBlank(view.locator('canvas.tk-latent__points'))).toBe(true);
    await view.focus();
    await page.keyboard.press('Enter');
    await expect(widget.locator('[data-part="decoded"]')).toHaveAttribute('aria-label', /^Decoded from image /);
  });
});
