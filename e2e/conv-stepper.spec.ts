/**
 * The convolution stepper on the image lesson: stepping, the worked sum against src/lib/image's
 * convolve on the widget's own demo image, border modes at a corner, keyboard use, and axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { convolve } from '../src/lib/image/convolve.ts';
import { KERNEL_PRESETS } from '../src/lib/image/kernels.ts';
import type { BorderMode } from '../src/lib/image/types.ts';
import { demoImage } from '../src/widgets/conv-stepper/demo.ts';
import { formatValue, type StepperKernel } from '../src/widgets/conv-stepper/model.ts';
import { watchForProblems } from './helpers.ts';

const LESSON = './lessons/images-are-matrices/';
const img = demoImage();

/** What the widget should show as out(x, y), computed here with the library. */
function expected(kernel: StepperKernel, border: BorderMode, x: number, y: number): string {
  return formatValue(convolve(img, KERNEL_PRESETS[kernel].kernel, border).data[y * img.width + x]!);
}

async function openStepper(page: Page): Promise<Locator> {
  await page.goto(LESSON);
  const stepper = page.locator('tk-conv-stepper');
  await stepper.scrollIntoViewIfNeeded();
  await expect(stepper).toHaveAttribute('data-x', '0'); // set once the element has upgraded
  return stepper;
}

const status = (stepper: Locator) => stepper.getByRole('status');
const result = (stepper: Locator) => stepper.locator('[data-part="result"]');
const cell = (stepper: Locator, x: number, y: number) => stepper.locator(`[role="gridcell"][data-x="${x}"][data-y="${y}"]`);

test('Step and Back move the kernel, and the worked sum is the output convolve computes', async ({ page }) => {
  const problems = watchForProblems(page);
  const stepper = await openStepper(page);
  await expect(status(stepper)).toHaveText(
    `Output at (0, 0) = ${expected('box', 'zero', 0, 0)}: 9 products summed; 5 cells read outside the image (border: zero).`,
  );
  const step = stepper.getByRole('button', { name: 'Step' });
  for (let i = 0; i < 3; i++) await step.click();
  await expect(stepper).toHaveAttribute('data-x', '3');
  await expect(result(stepper)).toHaveText(expected('box', 'zero', 3, 0));
  await expect(stepper.locator('.tk-conv__grid--output .tk-conv__cell:not(.tk-conv__cell--empty)')).toHaveCount(4);

  await stepper.locator('[data-part="kernel"]').selectOption('sobelX');
  // Onto the second row: the edge between the dark background and the bright square.
  await cell(stepper, 3, 4).click();
  await expect(status(stepper)).toContainText(`Output at (3, 4) = ${expected('sobelX', 'zero', 3, 4)}: 9 products summed; no cells`);
  await expect(result(stepper)).toHaveText(expected('sobelX', 'zero', 3, 4));
  // The nine products in the worked sum add up to the shown result.
  const terms = await stepper.locator('.tk-conv__term').allTextContents();
  expect(terms).toHaveLength(9);
  const total = terms
    .map((t) =>
      t
        .replace(/\u2212/g, '-')
        .replace(/[()]/g, '')
        .split('×')
        .map(Number),
    )
    .reduce((sum, [a, b]) => sum + a! * b!, 0);
  expect(formatValue(total)).toBe(expected('sobelX', 'zero', 3, 4));

  await stepper.getByRole('button', { name: 'Back' }).click();
  await expect(stepper).toHaveAttribute('data-x', '2');
  await expect(result(stepper)).toHaveText(expected('sobelX', 'zero', 2, 4));
  await stepper.getByRole('button', { name: 'Reset' }).click();
  await expect(stepper).toHaveAttribute('data-x', '0');
  await expect(stepper).toHaveAttribute('data-y', '0');
  await expect(stepper.getByRole('button', { name: 'Back' })).toBeDisabled();
  expect(problems).toEqual([]);
});

test('border modes change the result at a corner as expected', async ({ page }) => {
  const stepper = await openStepper(page);
  await cell(stepper, 7, 7).click();
  const border = stepper.locator('[data-part="border"]');
  const values: Record<string, number> = {};
  for (const mode of ['zero', 'clamp', 'reflect'] as const) {
    await border.selectOption(mode);
    const want = expected('box', mode, 7, 7);
    await expect(result(stepper)).toHaveText(want);
    await expect(status(stepper)).toHaveText(`Output at (7, 7) = ${want}: 9 products summed; 5 cells read outside the image (border: ${mode}).`);
    values[mode] = Number(want.replace('\u2212', '-'));
  }
  // Zero padding pulls the bright corner's blur towards black; clamp and reflect keep it bright.
  expect(values.zero).toBeLessThan(120);
  expect(values.clamp).toBeGreaterThan(200);
  expect(values.reflect).toBeGreaterThan(200);
  expect(values.clamp).not.toBe(values.reflect);
  // Each mode says where the corner cell outside the image came from.
  await expect(stepper.locator('.tk-conv__notes')).toContainText('I(8, 8) reads 226, mirror of (6, 6)');
  await border.selectOption('clamp');
  await expect(stepper.locator('.tk-conv__notes')).toContainText('I(8, 8) reads 220, copy of (7, 7)');
  await border.selectOption('zero');
  await expect(stepper.locator('.tk-conv__notes')).toContainText('I(8, 8) reads 0 (zero padding)');
});

test('the grid works from the keyboard', async ({ page }) => {
  const stepper = await openStepper(page);
  // The grid has one tab stop: the pixel under the kernel.
  await cell(stepper, 0, 0).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(stepper).toHaveAttribute('data-x', '1');
  await expect(stepper).toHaveAttribute('data-y', '1');
  await expect(cell(stepper, 1, 1)).toBeFocused();
  await expect(cell(stepper, 1, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(result(stepper)).toHaveText(expected('box', 'zero', 1, 1));
  await page.keyboard.press('End');
  await expect(stepper).toHaveAttribute('data-x', '7');
  await page.keyboard.press('Control+End');
  await expect(stepper).toHaveAttribute('data-y', '7');
  await expect(stepper).toHaveAttribute('data-state', 'done');
  await expect(stepper.getByRole('button', { name: 'Step' })).toBeDisabled();
  await page.keyboard.press('Control+Home');
  await expect(cell(stepper, 0, 0)).toBeFocused();
  // Tab leaves the grid (one tab stop) for the first enabled button below it.
  await page.keyboard.press('Tab');
  await expect(stepper.getByRole('button', { name: 'Step' })).toBeFocused();
});

test('Play animates across the image and Pause stops it', async ({ page }) => {
  const stepper = await openStepper(page);
  await stepper.getByRole('button', { name: 'Play' }).click();
  await expect(stepper).toHaveAttribute('data-state', 'running');
  await expect(stepper).not.toHaveAttribute('data-x', '0');
  await stepper.getByRole('button', { name: 'Pause' }).click();
  await expect(stepper).toHaveAttribute('data-state', 'idle');
  const x = Number(await stepper.getAttribute('data-x'));
  const y = Number(await stepper.getAttribute('data-y'));
  await expect(result(stepper)).toHaveText(expected('box', 'zero', x, y));
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the stepper (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const stepper = await openStepper(page);
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).include('tk-conv-stepper').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
      expect(report, `axe violations: ${label} (${colorScheme})`).toEqual([]);
    };
    await check('first pixel');
    await stepper.locator('[data-part="kernel"]').selectOption('sobelX');
    await stepper.locator('[data-part="border"]').selectOption('reflect');
    await cell(stepper, 7, 7).click();
    await check('Sobel x, reflect, last pixel');
    await page.setViewportSize({ width: 375, height: 800 });
    await check('375 px wide');
  });
}
