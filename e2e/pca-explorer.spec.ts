import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';
import { findOverflow, overflowReport } from './overflow.ts';

/**
 * The PCA explorer (src/widgets/pca-explorer/, on the test-only page /dev/pca-explorer/): a figure
 * and the scatter in words before any script; Load draws the 10,000 test images and the component
 * images; hovering a point and picking one from the keyboard show its image; more components rebuild
 * the chosen image with a smaller error; axe in both themes; nothing past the screen at 375 px.
 */
const PAGE = './dev/pca-explorer/';

async function openLoaded(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  const w = page.locator('tk-pca-explorer');
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => customElements.get('tk-pca-explorer') !== undefined);
  await w.getByRole('button', { name: 'Load the test images' }).click();
  await expect(w).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(w.locator('[data-part="scatter"]')).toHaveAttribute('data-points', '10000');
  return w;
}

const slider = (w: Locator) => w.getByRole('slider', { name: 'Components m' });

async function setComponents(w: Locator, m: number): Promise<number> {
  await slider(w).fill(String(m));
  await expect(w.locator('[data-part="rebuilt-caption"]')).toHaveText(`Rebuilt from ${m} component${m === 1 ? '' : 's'}`);
  return Number(await w.getAttribute('data-error'));
}

test.describe('PCA explorer', { tag: '@dev-pages' }, () => {
  test.describe('before any script runs', () => {
    test.use({ javaScriptEnabled: false });
    test('shows the class spreads, the variance chart, the scatter in words and the idle status', async ({ page }) => {
      await page.goto(PAGE);
      const w = page.locator('tk-pca-explorer');
      await expect(w.locator('svg.tk-pca__spread ellipse')).toHaveCount(10);
      await expect(w.locator('svg.tk-pca__variance .tk-pca__bars rect')).toHaveCount(64);
      await expect(w.locator('[data-part="variance-label"]')).toHaveText('10 components: 72.0%');
      await expect(w.locator('.tk-pca__words li')).toHaveCount(12);
      await expect(w.locator('.tk-pca__words li').first()).toContainText('component 1 across (29.0% of the variance)');
      await expect(w.locator('[data-part="status"]')).toContainText('Load the test images');
    });
  });

  test('draws 10,000 points and the components; hover and keyboard picks show an image; more components, smaller error', async ({ page }) => {
    const problems = watchForProblems(page);
    const w = await openLoaded(page);
    await expect(w.getByRole('status').last()).toContainText('10,000 test images on the first two components, which keep 46.8% of the variance');
    // The component images are drawn (not the blank canvas) with the diverging colours.
    const pc1 = await w.locator('[data-part="pc-0"]').evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return new Set(Array.from({ length: 784 }, (_, i) => data[i * 4]! * 65536 + data[i * 4 + 1]! * 256 + data[i * 4 + 2]!)).size;
    });
    expect(pc1).toBeGreaterThan(20);

    // Hover: move over the plot until a point is under the pointer; its image and class appear.
    const canvas = w.locator('[data-part="scatter"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const hoverText = w.locator('[data-part="hover-text"]');
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(box.x + box.width * (0.3 + 0.01 * i), box.y + box.height * 0.5);
      if (/^Test image/.test(await hoverText.innerText())) break;
    }
    await expect(hoverText).toHaveText(/^Test image [\d,]+, (T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot)\./);
    await expect(w.locator('[data-part="hover-image"]')).toHaveAttribute('aria-label', /^test image/);

    // Keyboard: focus the plot, zoom, move, and pick the point at the centre with Enter.
    await page.mouse.move(0, 0);
    await canvas.focus();
    await page.keyboard.press('+');
    await expect(canvas).toHaveAttribute('data-zoom', '1.50');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    const picked = await w.locator('[data-part="image"]').inputValue();
    await expect(w.locator('[data-part="original"]')).toHaveAttribute(
      'aria-label',
      new RegExp(`^The test image ${Number(picked).toLocaleString('en-US')}, `),
    );
    await expect(hoverText).toContainText(`Test image ${Number(picked).toLocaleString('en-US')}`);

    // The slider: more components, smaller error.
    const e1 = await setComponents(w, 1);
    const e10 = await setComponents(w, 10);
    const e50 = await setComponents(w, 50);
    expect(e1).toBeGreaterThan(e10);
    expect(e10).toBeGreaterThan(e50);
    await expect(w.locator('[data-part="variance-label"]')).toHaveText('50 components: 86.3%');
    await expect(w.locator('[data-part="rebuild-status"]')).toContainText('rebuilt from 50 numbers instead of 784', { timeout: 5000 });
    expect(problems).toEqual([]);
  });

  test('axe finds nothing in either theme once loaded, and nothing runs past the screen at 375 px', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const w = await openLoaded(page);
    expect(overflowReport(await findOverflow(page))).toEqual([]);
    await w.locator('[data-part="scatter"]').focus();
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      await expectNoAxeViolations(page, `the PCA explorer (${theme})`);
    }
  });
});
