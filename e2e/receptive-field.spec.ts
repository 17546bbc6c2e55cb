import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * The receptive-field widget (src/widgets/receptive-field/, on the test-only page /dev/receptive-field/):
 * a figure before any script, the stack select and a unit (click, arrow keys, a click on the image)
 * change the squares and the status in words, axe in both themes, and a 375 px wide screen.
 */
const PAGE = './dev/receptive-field/';

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction(() => customElements.get('tk-receptive-field') !== undefined);
  const widget = page.locator('tk-receptive-field').first();
  await expect(widget).toHaveAttribute('data-unit', '3,3');
  return widget;
}

const unit = (widget: Locator, x: number, y: number) => widget.locator(`[role="gridcell"][data-x="${x}"][data-y="${y}"]`);
/** The squares drawn over the image: "layer:field@x,y" for each layer. */
const squares = (widget: Locator) =>
  widget
    .locator('[data-part="squares"] > g')
    .evaluateAll((gs) =>
      gs.map(
        (g) =>
          `${g.getAttribute('data-layer')}:${g.getAttribute('data-field')}@${g.lastElementChild!.getAttribute('x')},${g.lastElementChild!.getAttribute('y')}`,
      ),
    );

test.describe('receptive field', { tag: '@dev-pages' }, () => {
  test('the figure and the numbers are there before any script runs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    const widget = page.locator('tk-receptive-field').first();
    await expect(widget.locator('svg[data-part="image"] rect').first()).toBeVisible();
    await expect(widget.locator('[data-part="squares"] > g')).toHaveCount(4);
    await expect(widget.getByRole('status')).toHaveText(
      /^After layer 4 \(max pool 2 × 2\), unit \(3, 3\) of the 7 × 7 grid sees a 10 × 10 patch of the 28 × 28 image/,
    );
    await expect(widget.locator('[data-part="table"] tbody tr')).toHaveCount(5);
    await context.close();
  });

  test('a click on a unit, then on the image, moves the squares and the status', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page);
    const status = widget.getByRole('status');
    const before = await squares(widget);
    expect(before).toEqual(['1:3@12,12', '2:4@11,11', '3:8@9,9', '4:10@9,9']);
    await unit(widget, 0, 6).click();
    await expect(widget).toHaveAttribute('data-unit', '0,6');
    await expect(status).toHaveText(
      'After layer 4 (max pool 2 × 2), unit (0, 6) of the 7 × 7 grid sees a 10 × 10 patch of the 28 × 28 image ' +
        '(rows 21–27, columns 0–6; the rest of its square is padding beyond the edge). Layer by layer: 3, 4, 8, 10 pixels wide.',
    );
    expect(await squares(widget)).not.toEqual(before);
    await expect(unit(widget, 0, 6)).toHaveAttribute('aria-selected', 'true');
    await expect(unit(widget, 3, 3)).toHaveAttribute('aria-selected', 'false');
    // The image's top-right corner: the unit whose field is centred nearest it.
    const image = widget.locator('svg[data-part="image"]');
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: box.width * 0.9, y: box.height * 0.12 } });
    await expect(widget).toHaveAttribute('data-unit', '6,0');
    expect(problems).toEqual([]);
  });

  test('the stack select redraws the grid, the squares, the table and the status', async ({ page }) => {
    const widget = await open(page);
    await widget.getByLabel('Stack of layers').selectOption('deeper');
    await expect(widget).toHaveAttribute('data-field', '24');
    await expect(widget.locator('[data-part="squares"] > g')).toHaveCount(7);
    await expect(widget.locator('[data-part="table"] tbody tr')).toHaveCount(8);
    await expect(widget.getByRole('status')).toHaveText(
      /^After layer 7 \(conv 3 × 3\), unit \(3, 3\) of the 7 × 7 grid sees a 24 × 24 patch .* 3, 5, 6, 10, 14, 16, 24 pixels wide\.$/,
    );
    await widget.getByLabel('Stack of layers').selectOption('lenet');
    await expect(widget.locator('[role="gridcell"]')).toHaveCount(16);
    await expect(widget).toHaveAttribute('data-unit', '1,1');
    await expect(widget.getByRole('status')).toContainText('of the 4 × 4 grid sees a 16 × 16 patch');
  });

  test('keyboard: Tab reaches the stack and the chosen unit; arrow keys move the unit', async ({ page }) => {
    const widget = await open(page);
    await widget.getByLabel('Stack of layers').focus();
    await page.keyboard.press('Shift+Tab');
    await expect(unit(widget, 3, 3)).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await expect(widget).toHaveAttribute('data-unit', '5,2');
    await expect(unit(widget, 5, 2)).toBeFocused();
    await expect(widget.getByRole('status')).toContainText(
      'unit (5, 2) of the 7 × 7 grid sees a 10 × 10 patch of the 28 × 28 image (rows 5–14, columns 17–26)',
    );
    await page.keyboard.press('End');
    await expect(widget).toHaveAttribute('data-unit', '6,2');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations (${colorScheme}), also 375 px wide`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const widget = await open(page);
      const check = async (label: string) => {
        const results = await new AxeBuilder({ page }).include('tk-receptive-field').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
        expect(report, `axe violations: ${label} (${colorScheme})`).toEqual([]);
      };
      await check('default stack');
      await unit(widget, 1, 5).click();
      await widget.getByLabel('Stack of layers').selectOption('deeper');
      await check('deeper stack');
      await page.setViewportSize({ width: 375, height: 800 });
      await check('375 px');
      // Nothing sticks out sideways on a phone.
      const overflow = await widget.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
