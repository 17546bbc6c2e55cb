import { expect, test, type Locator, type Page } from '@playwright/test';
import { outputSize, type AxisSetting } from '../src/lib/nn/conv-geometry.ts';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';
import { findOverflow, overflowReport } from './overflow.ts';

/**
 * The convolution explorer (src/widgets/conv-explorer/, on the test-only page /dev/conv-explorer/):
 * every control redraws it, an impossible typed setting is explained and changes nothing, the
 * formula's number is the drawn output size, hover and focus link output cells and input patches,
 * pooling pools, tf.conv2d on a real sneaker gives the formula's shape, axe in both themes, 375 px.
 */
const PAGE = './dev/conv-explorer/';

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction(() => customElements.get('tk-conv-explorer') !== undefined);
  const widget = page.locator('tk-conv-explorer');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  return widget;
}

const outputCells = (w: Locator) => w.locator('[data-part="output"] [role="gridcell"]');
const inputCells = (w: Locator) => w.locator('[data-part="input"] [role="gridcell"]');
const slider = (w: Locator, label: string) => w.getByRole('slider', { name: label, exact: true });
const typed = (w: Locator, label: string) => w.getByLabel(`${label}, typed`, { exact: true });

/** What the widget draws: the output grid's side, and the number the formula ends with. */
async function drawn(w: Locator): Promise<{ side: number; formula: number }> {
  const count = await outputCells(w).count();
  const formula = Number(await w.locator('[data-part="formula-numbers"] [data-slot="out"]').innerText());
  return { side: Math.sqrt(count), formula };
}

async function typeSetting(w: Locator, setting: Partial<AxisSetting>): Promise<void> {
  const labels: Record<keyof AxisSetting, string> = { n: 'Input size', k: 'Kernel size', s: 'Stride', p: 'Padding', d: 'Dilation' };
  for (const [name, value] of Object.entries(setting)) {
    const field = typed(w, labels[name as keyof AxisSetting]);
    await field.fill(String(value));
    await field.press('Enter');
  }
}

test.describe('convolution explorer', { tag: '@dev-pages' }, () => {
  test.describe('before any script runs', () => {
    test.use({ javaScriptEnabled: false });
    test('the default setting is drawn: grids, formula, status, im2col and code', async ({ page }) => {
      await page.goto(PAGE);
      const w = page.locator('tk-conv-explorer');
      await expect(w.getByRole('status')).toHaveText('5 × 5 input, 3 × 3 kernel, stride 2, padding 1: 3 × 3 output');
      await expect(inputCells(w)).toHaveCount(49);
      await expect(outputCells(w)).toHaveCount(9);
      await expect(w.locator('svg.tk-convx__axis circle')).toHaveCount(9);
      await expect(w.locator('.tk-convx__formula .katex')).toHaveCount(2);
      await expect(w.locator('[data-part="im2col"] tbody tr')).toHaveCount(9);
      await expect(w.locator('[data-part="code"]')).toContainText("tf.conv2d(x, kernel, [2, 2], 1, 'NHWC', [1, 1])");
    });
  });

  test('responds to every control, and the formula’s number is always the drawn output size', async ({ page }) => {
    const problems = watchForProblems(page);
    const w = await open(page);
    const status = w.getByRole('status');
    expect(await drawn(w)).toEqual({ side: 3, formula: 3 });

    const settings: AxisSetting[] = [
      { n: 7, k: 3, s: 1, p: 0, d: 1 },
      { n: 9, k: 2, s: 3, p: 1, d: 1 },
      { n: 7, k: 3, s: 1, p: 2, d: 2 },
      { n: 4, k: 4, s: 1, p: 3, d: 1 },
    ];
    for (const setting of settings) {
      await typeSetting(w, setting);
      const out = outputSize(setting);
      expect(await drawn(w), JSON.stringify(setting)).toEqual({ side: out, formula: out });
      await expect(status).toContainText(`: ${out} × ${out} output`);
      await expect(inputCells(w)).toHaveCount((setting.n + 2 * setting.p) ** 2);
    }

    // Each slider, moved from the keyboard, redraws (and its typed twin follows).
    await typeSetting(w, { n: 5, k: 3, s: 2, p: 1, d: 1 });
    for (const [label, expectText] of [
      ['Input size', '6 × 6 input'],
      ['Kernel size', '4 × 4 kernel'],
      ['Stride', 'stride 3'],
      ['Padding', 'padding 2'],
      ['Dilation', 'dilation 2'],
    ] as const) {
      await slider(w, label).focus();
      await page.keyboard.press('ArrowRight');
      await expect(status, label).toContainText(expectText);
      const side = (await drawn(w)).side;
      expect((await drawn(w)).formula).toBe(side);
    }
    await expect(typed(w, 'Dilation')).toHaveValue('2');

    // The kernel picker changes the kernel's weights and the output's values.
    await typeSetting(w, { n: 5, k: 3, s: 2, p: 1, d: 1 });
    const before = await outputCells(w).allInnerTexts();
    await w.getByRole('combobox', { name: /^Kernel/ }).selectOption('blur');
    await expect(w.locator('[data-part="kernel-grid"] .tk-convx__cell').first()).toHaveText('1');
    expect(await outputCells(w).allInnerTexts()).not.toEqual(before);

    // The sliders' ranges follow each other: with kernel 1 no padding is possible.
    await typeSetting(w, { k: 1, p: 0 });
    await expect(slider(w, 'Padding')).toHaveAttribute('max', '0');
    await typeSetting(w, { k: 3 });
    await expect(slider(w, 'Padding')).toHaveAttribute('max', '2');

    // Play steps the window by itself; Pause stops it; Step and Reset.
    await w.getByRole('button', { name: 'Step' }).click();
    await expect(w.locator('[data-part="output"] .is-source')).toHaveAttribute('data-x', '0');
    await w.getByRole('button', { name: 'Step' }).click();
    await expect(w.locator('[data-part="output"] .is-source')).toHaveAttribute('data-x', '1');
    await w.getByRole('button', { name: 'Play' }).click();
    await expect(w.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
    await expect(w.locator('[data-part="output"] .is-source')).not.toHaveAttribute('data-x', '1');
    await w.getByRole('button', { name: 'Pause' }).click();
    await w.getByRole('button', { name: 'Reset' }).click();
    await expect(w.locator('.is-source')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('an impossible typed setting is explained, kept as typed, and the drawing stays', async ({ page }) => {
    const w = await open(page);
    const status = w.getByRole('status');
    const outputBefore = await outputCells(w).allInnerTexts();
    const kernel = typed(w, 'Kernel size');
    await kernel.fill('9');
    await kernel.press('Enter');
    const problem = w.locator('[data-part="problem"]');
    await expect(problem).toBeVisible();
    await expect(problem).toContainText('The kernel spans 9 cells (dilation 1 × (9 − 1) + 1) but the padded input has only 7 (5 + 2 × 1)');
    await expect(problem).toContainText('The drawing still shows the last possible setting.');
    await expect(kernel).toHaveValue('9');
    await expect(kernel).toHaveAttribute('aria-invalid', 'true');
    await expect(status).toHaveText('5 × 5 input, 3 × 3 kernel, stride 2, padding 1: 3 × 3 output');
    expect(await outputCells(w).allInnerTexts()).toEqual(outputBefore);
    expect(await drawn(w)).toEqual({ side: 3, formula: 3 });

    // Not a whole number, and not a number at all.
    const stride = typed(w, 'Stride');
    await stride.fill('1.5');
    await stride.press('Enter');
    await expect(problem).toContainText('The stride must be a whole number of at least 1 (got 1.5).');
    await expect(problem).toContainText('The kernel spans 9 cells');
    await stride.fill('2');
    await stride.press('Enter');

    // A value typed in range clears its problem; one that does not fit yet is applied once the rest makes room for it.
    await typeSetting(w, { k: 3 });
    await expect(problem).toBeHidden();
    await typeSetting(w, { p: 3 });
    await expect(problem).toContainText("Padding 3 is as wide as the kernel's span (3)");
    await expect(typed(w, 'Padding')).toHaveValue('3');
    await typeSetting(w, { k: 4 });
    await expect(problem).toBeHidden();
    await expect(status).toHaveText('5 × 5 input, 4 × 4 kernel, stride 2, padding 3: 4 × 4 output');
    await expect(typed(w, 'Padding')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(slider(w, 'Padding')).toHaveValue('3');
  });

  test('hovering or focusing an output cell lights its input patch and im2col row; an input cell lights its readers', async ({ page }) => {
    const w = await open(page);
    await w.locator('[data-part="output"] [data-y="1"][data-x="1"]').hover();
    const lit = w.locator('[data-part="input"] .is-lit');
    await expect(lit).toHaveCount(9);
    expect(await lit.evaluateAll((cells) => cells.map((c) => `${c.getAttribute('data-y')},${c.getAttribute('data-x')}`))).toEqual([
      '1,1',
      '1,2',
      '1,3',
      '2,1',
      '2,2',
      '2,3',
      '3,1',
      '3,2',
      '3,3',
    ]);
    await expect(w.locator('[data-part="im2col"] tr.is-lit')).toHaveAttribute('data-row', '4');
    await expect(w.locator('[data-part="readout"]')).toContainText('Output row 1, column 1');

    // Input (1, 1) sits where four windows overlap (stride 2 < kernel 3).
    await w.locator('[data-part="input"] [data-y="1"][data-x="1"]').hover();
    await expect(w.locator('[data-part="output"] .is-lit')).toHaveCount(4);
    await expect(w.locator('[data-part="readout"]')).toContainText('is read by 4 output cells');

    // From the keyboard: Tab into the output grid, arrows move, the patch follows.
    const first = w.locator('[data-part="output"] [data-y="0"][data-x="0"]');
    await first.focus();
    await expect(w.locator('[data-part="input"] .is-lit')).toHaveCount(9);
    await page.keyboard.press('ArrowRight');
    await expect(w.locator('[data-part="output"] [data-y="0"][data-x="1"]')).toBeFocused();
    await expect(w.locator('[data-part="output"] [data-y="0"][data-x="1"]')).toHaveClass(/is-source/);
    await expect(w.locator('[data-part="input"] [data-y="-1"][data-x="1"]')).toHaveClass(/is-lit/);
    await expect(w.locator('[data-part="im2col"] tr.is-lit')).toHaveAttribute('data-row', '1');
  });

  test('pooling mode takes the max or the average of each window’s input cells', async ({ page }) => {
    const w = await open(page);
    await w.getByRole('combobox', { name: /^Operation/ }).selectOption('max');
    await expect(w.getByRole('status')).toHaveText('5 × 5 input, 3 × 3 max pooling, stride 2, padding 1: 3 × 3 output');
    await expect(w.getByRole('combobox', { name: /^Kernel/ })).toBeHidden();
    await expect(w.locator('[data-part="code"]')).toContainText('tf.maxPool(x, [3, 3], [2, 2], 1)');
    const inputAt = async (y: number, x: number) => Number(await w.locator(`[data-part="input"] [data-y="${y}"][data-x="${x}"]`).innerText());
    const patch = async () => {
      const values: number[] = [];
      for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) values.push(await inputAt(y, x));
      return values;
    };
    const middle = w.locator('[data-part="output"] [data-y="1"][data-x="1"]');
    const values = await patch();
    await expect(middle).toHaveText(String(Math.max(...values)));
    await w.getByRole('combobox', { name: /^Operation/ }).selectOption('avg');
    const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    await expect(middle).toHaveText(Number.isInteger(mean) ? String(mean) : mean.toFixed(1));
    // The corner window holds 4 input cells and 5 padding cells; the average leaves padding out.
    const corner = [await inputAt(0, 0), await inputAt(0, 1), await inputAt(1, 0), await inputAt(1, 1)];
    const cornerMean = Math.round((corner.reduce((a, b) => a + b, 0) / 4) * 10) / 10;
    await expect(w.locator('[data-part="output"] [data-y="0"][data-x="0"]')).toHaveText(
      Number.isInteger(cornerMean) ? String(cornerMean) : cornerMean.toFixed(1),
    );
  });

  test('tf.conv2d on the sneaker gives the formula’s shape; pooling too; a refused setting is said in words', async ({ page }) => {
    const problems = watchForProblems(page);
    const w = await open(page);
    await w.locator('summary', { hasText: 'Run it for real' }).click();
    await expect(w).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
    const shape = w.locator('[data-part="real-shape"]');
    const expectShape = async (setting: AxisSetting) => {
      const out = outputSize({ ...setting, n: 28 });
      await expect(shape, JSON.stringify(setting)).toHaveText(`Output shape [1, ${out}, ${out}, 1]`);
      await expect(w.locator('[data-part="real-note"]')).toContainText(`[1, ${out}, ${out}, 1]`);
    };
    await expectShape({ n: 5, k: 3, s: 2, p: 1, d: 1 });
    await expect(w.getByRole('status')).toContainText('tf.conv2d on the sneaker gave an output of shape [1, 14, 14, 1]');
    await typeSetting(w, { k: 3, s: 1, p: 2, d: 3 });
    await expectShape({ n: 5, k: 3, s: 1, p: 2, d: 3 });
    await w.getByRole('combobox', { name: /^Operation/ }).selectOption('max');
    await typeSetting(w, { k: 2, s: 2, p: 0, d: 1 });
    await expectShape({ n: 5, k: 2, s: 2, p: 0, d: 1 });
    await expect(w.getByRole('status')).toContainText('tf.maxPool on the sneaker gave an output of shape [1, 14, 14, 1]');

    // Stride and dilation both above 1: tf.conv2d refuses, and the view says so instead of failing.
    await w.getByRole('combobox', { name: /^Operation/ }).selectOption('conv');
    await typeSetting(w, { k: 2, s: 2, p: 0, d: 2 });
    await expect(w.locator('[data-part="real-note"]')).toContainText('tf.conv2d refuses a stride above 1 together with a dilation above 1');
    await expect(shape).toHaveText('Not run: see above.');
    await expect(w).toHaveAttribute('data-state', 'done');
    expect(problems).toEqual([]);
  });

  test('a failed download is said in the view, and the grids keep working', async ({ page }) => {
    await page.route('**/fashion-mnist/t10k-images-idx3-ubyte.gz', (route) => route.fulfill({ status: 404, body: 'missing' }));
    const w = await open(page);
    await w.locator('summary', { hasText: 'Run it for real' }).click();
    await expect(w).toHaveAttribute('data-state', 'error');
    const error = w.locator('[data-part="error"]');
    await expect(error).toBeVisible();
    await expect(error).toContainText('The sneaker could not be loaded');
    await expect(error).toContainText('t10k-images-idx3-ubyte');
    await typeSetting(w, { s: 1 });
    expect(await drawn(w)).toEqual({ side: 5, formula: 5 });
  });

  test('the code can be copied', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const w = await open(page);
    await w.getByRole('button', { name: 'Copy the code' }).click();
    await expect(w.locator('[data-part="copy-status"]')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("tf.conv2d(x, kernel, [2, 2], 1, 'NHWC', [1, 1])");
  });

  test('axe finds nothing in either theme, with cells lit and a problem shown', async ({ page }) => {
    const w = await open(page);
    await w.locator('[data-part="output"] [data-y="1"][data-x="1"]').hover();
    await typed(w, 'Kernel size').fill('9');
    await typed(w, 'Kernel size').press('Enter');
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      await expectNoAxeViolations(page, `the convolution explorer (${theme})`);
    }
  });

  test('at 375 px nothing runs past the screen: the grids and the matrix scroll in named, focusable boxes', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const w = await open(page);
    await typeSetting(w, { n: 9, k: 4, s: 1, p: 3, d: 1 });
    expect(await drawn(w)).toEqual({ side: 12, formula: 12 });
    expect(overflowReport(await findOverflow(page))).toEqual([]);
  });
});
