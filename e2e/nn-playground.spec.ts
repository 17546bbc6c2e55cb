/**
 * The in-page widgets of the from-scratch lessons: the decision-boundary playground of "A network from
 * scratch" (circles with a tanh hidden layer reaches 95%; a linear model stays near chance on XOR and is
 * shown to be one linear map) and the gradient check of "A neuron from scratch" (the chain rule against
 * a centred difference), keyboard use, console errors and axe in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gradientReport, type NeuronPoint } from '../src/lib/nn/neuron-gradient.ts';
import { DEFAULT_POINT } from '../src/widgets/gradient-check/markup.ts';
import { watchForProblems } from './helpers.ts';

const LESSON = './lessons/network-from-scratch/';
const NEURON_LESSON = './lessons/neuron-from-scratch/';

async function openPlayground(page: Page): Promise<Locator> {
  await page.goto(LESSON);
  const widget = page.locator('tk-boundary-playground');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'idle');
  return widget;
}

const accuracyOf = async (widget: Locator) => Number(await widget.getAttribute('data-accuracy'));
const epochOf = async (widget: Locator) => Number(await widget.getAttribute('data-epoch'));

test('circles with one tanh hidden layer reaches 95% training accuracy within seconds', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await openPlayground(page);
  await expect(widget.getByLabel('Dataset')).toHaveValue('circles');
  await expect(widget.getByLabel('Architecture')).toHaveValue('tanh');
  const started = Date.now();
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(widget).toHaveAttribute('data-state', 'running');
  await expect.poll(() => accuracyOf(widget), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.95);
  const seconds = (Date.now() - started) / 1000;
  const epochs = await epochOf(widget);
  test.info().annotations.push({ type: 'circles-tanh', description: `≥ 95% after ${epochs} epochs, ${seconds.toFixed(1)} s` });
  console.log(`Playground: circles + tanh reached 95% after ${epochs} epochs, ${seconds.toFixed(1)} s from pressing Play`);

  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'done');
  const status = widget.locator('[data-part="status"]');
  await expect(status).toHaveText(/^Epoch [\d,]+: training accuracy (9[5-9]|100)\.\d%, loss \d/);
  // The figures beside the plot say the same as the status line.
  const acc = await accuracyOf(widget);
  await expect(widget.locator('[data-part="accuracy"]')).toHaveText(`${(acc * 100).toFixed(1)}%`);
  // The loss curve is drawn, and a non-linear model says it bends.
  await expect(widget.locator('[data-part="chart"] svg.tk-chart__svg')).toHaveCount(1);
  await expect(widget.locator('[data-part="collapse"]')).toContainText('the map bends');
  expect(problems).toEqual([]);
});

test('XOR: a linear model stays near chance, and two linear layers are one linear map', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await openPlayground(page);
  await widget.getByLabel('Dataset').selectOption('xor');
  await widget.getByLabel('Architecture').selectOption('linear');
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(widget), { timeout: 20_000 }).toBeGreaterThanOrEqual(200);
  await widget.getByRole('button', { name: 'Pause' }).click();
  expect(await accuracyOf(widget)).toBeLessThan(0.7);
  await expect(widget.locator('[data-part="collapse"]')).toContainText('one neuron');

  // Two stacked linear layers: the collapsed map gives the network's outputs.
  await widget.getByLabel('Architecture').selectOption('linear-linear');
  await expect(widget).toHaveAttribute('data-epoch', '0');
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(widget), { timeout: 20_000 }).toBeGreaterThanOrEqual(200);
  await widget.getByRole('button', { name: 'Pause' }).click();
  expect(await accuracyOf(widget)).toBeLessThan(0.7);
  const collapse = widget.locator('[data-part="collapse"]');
  await expect(collapse).toContainText('The learned map is one linear map');
  await expect(collapse).toContainText(/W.*\(2 × 8\)/);
  expect(Number(await widget.getAttribute('data-collapse-difference'))).toBeLessThan(1e-4);
  // The straight boundary is drawn dashed whenever it crosses the plotted square, and the legend says so.
  const drawn = /dashed on the plot/.test((await collapse.textContent()) ?? '');
  await expect(widget.locator('[data-part="line-legend"]')).toBeVisible({ visible: drawn });

  // With ReLU the same data is solved.
  await widget.getByLabel('Architecture').selectOption('relu');
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => accuracyOf(widget), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.9);
  await widget.getByRole('button', { name: 'Pause' }).click();
  expect(problems).toEqual([]);
});

test('the playground works from the keyboard', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await openPlayground(page);
  const play = widget.getByRole('button', { name: 'Play' });
  await play.focus();
  await page.keyboard.press('Tab');
  const step = widget.getByRole('button', { name: 'Step' });
  await expect(step).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-epoch', '1');
  await page.keyboard.press('Space');
  await expect(widget).toHaveAttribute('data-epoch', '2');
  await expect(widget.locator('[data-part="status"]')).toHaveText(/^Epoch 2: training accuracy \d+\.\d%, loss /);
  await expect(widget).toHaveAttribute('data-state', 'done');

  // Reset, from the keyboard, goes back to epoch 0.
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Reset' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-epoch', '0');
  await expect(widget).toHaveAttribute('data-state', 'idle');

  // Play and Pause with the keyboard.
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'running');
  await expect.poll(() => epochOf(widget)).toBeGreaterThan(5);
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'done');

  // The noise slider moves with arrow keys and makes new points (training starts over).
  const noise = widget.getByLabel('Noise');
  await noise.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('[data-part="noise-value"]')).toHaveText('0.10');
  await expect(widget).toHaveAttribute('data-epoch', '0');
  expect(problems).toEqual([]);
});

test('the gradient check: chain rule against the centred difference, tiny error at a moderate h', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(NEURON_LESSON);
  const check = page.locator('tk-gradient-check');
  await check.scrollIntoViewIfNeeded();
  await expect(check).toHaveAttribute('data-state', 'done');
  await expect(check).toHaveAttribute('data-h', '0.0001');
  const relError = async () => Number(await check.getAttribute('data-rel-error'));
  expect(await relError()).toBeLessThan(1e-7);
  expect(Number(await check.getAttribute('data-max-rel-error'))).toBeLessThan(1e-7);
  await expect(check.locator('[data-part="status"]')).toContainText(/relative error \d\.\de−\d+/);

  // The table's chain-rule column is (ŷ − y)·xᵢ from the library.
  const expected = gradientReport(DEFAULT_POINT, 1e-4);
  const cells = check.locator('tbody tr td:first-of-type');
  await expect(cells).toHaveCount(5);
  const shown = (await cells.allTextContents()).map((t) => Number(t.replace('\u2212', '-')));
  shown.forEach((v, i) => expect(v).toBeCloseTo(expected.rows[i]!.analytic, 6));

  // The h slider, by keyboard: End is h = 1e−1 (truncation error), Home is 1e−7 (rounding).
  const h = check.getByLabel(/Step h/);
  await h.focus();
  await page.keyboard.press('End');
  await expect(check).toHaveAttribute('data-h', '0.1');
  const large = await relError();
  await page.keyboard.press('Home');
  await expect(check).toHaveAttribute('data-h', '1e-7');
  const tiny = await relError();
  // Somewhere between, near h = 1e−5, the error is smaller than at either end.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(check).toHaveAttribute('data-h', '0.00001');
  const best = await relError();
  expect(large).toBeGreaterThan(1e-6);
  expect(best).toBeLessThan(large / 1e4);
  expect(tiny).toBeGreaterThan(best);
  console.log(
    `Gradient check (w₀): relative error ${large.toExponential(1)} at h = 1e-1, ${best.toExponential(1)} at 1e-5, ${tiny.toExponential(1)} at 1e-7`,
  );

  // Change x₀ and the label: the numbers follow the library.
  await check.getByLabel('Input x₀').fill('2');
  await check.getByLabel('Label y').selectOption('0');
  const point: NeuronPoint = { ...DEFAULT_POINT, x: [2, ...DEFAULT_POINT.x.slice(1)], y: 0 };
  const after = gradientReport(point, 1e-5);
  const first = Number((await cells.first().textContent())!.replace('\u2212', '-'));
  expect(first).toBeCloseTo(after.rows[0]!.analytic, 6);
  expect(await relError()).toBeLessThan(1e-8);

  // A field that is not a number says so.
  await check.getByLabel('Weight w₁').fill('');
  await expect(check).toHaveAttribute('data-state', 'error');
  await expect(check.locator('[data-part="status"]')).toHaveText('Enter a number between −1000 and 1000 for w₁.');
  await check.getByLabel('Weight w₁').fill('0.1');
  await expect(check).toHaveAttribute('data-state', 'done');
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing in the playground and the gradient check (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const widget = await openPlayground(page);
    // Trained, with the collapse panel and the chart showing.
    await widget.getByLabel('Architecture').selectOption('linear-linear');
    await widget.getByRole('button', { name: 'Step' }).click();
    await expect(widget.locator('[data-part="collapse"]')).toContainText('one linear map');
    const axe = async (selector: string) => {
      const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    };
    expect(await axe('tk-boundary-playground')).toEqual([]);
    // The gradient check lives in "A neuron from scratch".
    await page.goto(NEURON_LESSON);
    await expect(page.locator('tk-gradient-check')).toHaveAttribute('data-state', 'done');
    expect(await axe('tk-gradient-check')).toEqual([]);
  });
}
