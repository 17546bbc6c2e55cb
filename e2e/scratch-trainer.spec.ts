import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TFJS_SIGNATURE, watchForProblems } from './helpers.ts';

/**
 * The <tk-scratch-trainer> widgets on the "A network from scratch" lesson: the ten-digit network
 * trained by the lesson's own engine (no tfjs) reaches 97% on the test images, the 500-image run shows
 * validation loss turning upward and early stopping keeping the best epoch, and Stop works from the keyboard.
 * The training runs are CPU-heavy, so the tests run one after the other.
 */
test.describe.configure({ mode: 'serial' });

const LESSON = './lessons/network-from-scratch/';
const MNIST = 'tk-scratch-trainer[variant="mnist"]';
const OVERFIT = 'tk-scratch-trainer[variant="overfit"]';

interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationAccuracy: number | null;
}

async function openLesson(page: Page): Promise<void> {
  await page.goto(LESSON);
  await page.waitForFunction(() => customElements.get('tk-scratch-trainer') !== undefined);
  for (const selector of [MNIST, OVERFIT]) await expect(page.locator(selector)).toHaveAttribute('data-state', 'idle');
  // Record every data-state each widget goes through, so short-lived states are not missed.
  await page.evaluate(() => {
    const w = window as unknown as { __states: Record<string, string[]> };
    w.__states = {};
    for (const el of document.querySelectorAll('tk-scratch-trainer')) {
      const seen = [el.getAttribute('data-state') ?? ''];
      w.__states[el.getAttribute('variant') ?? ''] = seen;
      new MutationObserver(() => {
        const s = el.getAttribute('data-state') ?? '';
        if (seen[seen.length - 1] !== s) seen.push(s);
      }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
    }
  });
}

const statesSeen = (page: Page, variant: string) =>
  page.evaluate((v) => (window as unknown as { __states: Record<string, string[]> }).__states[v] ?? [], variant);

/** Waits until the widget settles in `done` (or `error`, reported with the widget's own message). */
async function waitForDone(page: Page, selector: string, timeout: number): Promise<void> {
  await page.waitForFunction((s) => ['done', 'error'].includes(document.querySelector(s)?.getAttribute('data-state') ?? ''), selector, {
    timeout,
    polling: 500,
  });
  const status = await page.locator(selector).getByRole('status').first().innerText();
  expect(await page.locator(selector).getAttribute('data-state'), `widget ended in error: ${status}`).toBe('done');
}

const history = (widget: Locator) => widget.evaluate((el) => (el as unknown as { history(): EpochPoint[] }).history());

async function expectWidgetAxeClean(page: Page, selector: string, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, `axe violations in ${label}`).toEqual([]);
}

test('mnist: the default network reaches at least 97% test accuracy, with a confusion matrix', async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const problems = watchForProblems(page);
  // Scripts fetched: no training worker before Start, and never TensorFlow.js.
  const scripts: string[] = [];
  const tfjs: string[] = [];
  page.on('response', async (response) => {
    if (!/\.m?js$/.test(new URL(response.url()).pathname)) return;
    scripts.push(response.url());
    const body = await response.body().catch(() => null);
    if (body?.includes(TFJS_SIGNATURE)) tfjs.push(response.url());
  });
  await openLesson(page);
  await page.waitForLoadState('networkidle');
  expect(
    scripts.filter((u) => /nn\.worker|nn-client/.test(u)),
    'no training code before Start',
  ).toEqual([]);

  const widget = page.locator(MNIST);
  const status = widget.getByRole('status').first();
  // The code listing mirrors the settings.
  const code = widget.locator('[data-part="code"]');
  await expect(code).toContainText('new Dense(784, 128)');
  await expect(code).toContainText('new Adam(0.001)');
  await widget.getByLabel('Optimiser').selectOption('momentum');
  await expect(code).toContainText('new Momentum(0.01, 0.9)');
  await expect(widget.getByLabel('Learning rate')).toHaveValue('0.01');
  await widget.getByLabel('Optimiser').selectOption('adam');
  await expect(code).toContainText('new Adam(0.001)');

  const started = Date.now();
  await widget.getByRole('button', { name: /start/i }).click();
  await expect.poll(() => widget.getAttribute('data-state'), { timeout: 120_000, message: 'training starts' }).toBe('running');
  await expect(widget.locator('[data-part="speed"]')).toContainText(/images per second/);
  await waitForDone(page, MNIST, 7 * 60_000);
  const seconds = (Date.now() - started) / 1000;

  const seen = await statesSeen(page, 'mnist');
  expect(seen.slice(0, 4), `states seen: ${seen.join(' → ')}`).toEqual(['idle', 'loading', 'running', 'done']);
  const text = (await status.innerText()).replace(/\s+/g, ' ');
  const match = /^Test accuracy (\d+(?:\.\d+)?)% after (\d+) epochs? \(55,000 training images\)$/.exec(text);
  expect(match, `status states the test accuracy in words: "${text}"`).not.toBeNull();
  const accuracy = Number(match![1]);
  expect(accuracy).toBeGreaterThanOrEqual(97);
  expect(Number(await widget.getAttribute('data-test-accuracy'))).toBeCloseTo(accuracy / 100, 3);
  // The lesson quotes this figure: it must be the one the widget produces.
  expect(await page.locator('main').textContent(), 'the lesson quotes the measured test accuracy').toContain(`${accuracy}%`);
  const epochs = await history(widget);
  expect(epochs.length).toBe(Number(match![2]));
  for (const e of epochs) expect(e.validationAccuracy).not.toBeNull();
  const summary = (await widget.locator('[data-part="summary"]').innerText()).replace(/\s+/g, ' ');
  test.info().annotations.push({ type: 'mnist run', description: `${text}; ${seconds.toFixed(0)} s from Start; ${summary}` });
  console.log(`[scratch-trainer] ${text}; ${seconds.toFixed(0)} s from Start. ${summary}`);

  // The confusion matrix: an accessible table, 10 rows of 10 counts that add up to the test set.
  const table = widget.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toContainText('Confusion matrix on 10,000 test images');
  await expect(table.locator('thead th[scope="col"]')).toHaveCount(12);
  await expect(table.locator('tbody th[scope="row"]')).toHaveCount(10);
  const total = await table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.reduce(
        (sum, row) => sum + [...row.querySelectorAll('td')].slice(0, 10).reduce((s, td) => s + Number(td.textContent!.replace(/,/g, '')), 0),
        0,
      ),
    );
  expect(total).toBe(10_000);
  // Two charts with text alternatives stating the latest values (the figure's other drawings are not charts).
  const charts = widget.locator('[data-part="charts"] svg[role="img"]');
  await expect(charts).toHaveCount(2);
  await expect(charts.first()).toHaveAttribute('aria-label', /validation loss/);

  expect(tfjs, 'no TensorFlow.js anywhere in the from-scratch path').toEqual([]);
  expect(problems).toEqual([]);

  // Axe on the finished widget (charts and table shown), in both themes.
  await expectWidgetAxeClean(page, MNIST, 'the finished mnist widget (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectWidgetAxeClean(page, MNIST, 'the finished mnist widget (dark)');
});

test('overfit: validation loss turns upward and early stopping keeps the best epoch', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const problems = watchForProblems(page);
  await openLesson(page);
  const widget = page.locator(OVERFIT);
  const status = widget.getByRole('status').first();
  await expect(widget.getByRole('checkbox', { name: 'Early stopping' })).toBeChecked();
  await expect(widget.getByRole('radio', { name: /good/i })).toBeChecked();

  const started = Date.now();
  await widget.getByRole('button', { name: /start/i }).click();
  await waitForDone(page, OVERFIT, 4 * 60_000);
  const seconds = (Date.now() - started) / 1000;

  const text = (await status.innerText()).replace(/\s+/g, ' ');
  const match = /^Early stopping after epoch (\d+) kept the best epoch, (\d+): validation loss (\d+\.\d+), validation accuracy (\d+\.\d)%$/.exec(
    text,
  );
  expect(match, `status states the best epoch: "${text}"`).not.toBeNull();
  const [stoppedAfter, best] = [Number(match![1]), Number(match![2])];
  expect(stoppedAfter).toBe(best + 10); // patience 10
  expect(await widget.getAttribute('data-best-epoch')).toBe(String(best));
  // The lesson quotes the best epoch, its validation loss and accuracy, and where the run stopped.
  const prose = (await page.locator('main').textContent()) ?? '';
  for (const figure of [
    `epoch ${best}`,
    `${match![3]!.replace(/0+$/, '')},`,
    `${match![4]}% of the 10,000 validation images`,
    `after epoch ${stoppedAfter}`,
  ]) {
    expect(prose, `the lesson text quotes "${figure}", as the widget measured`).toContain(figure);
  }

  // The curves: validation loss has a minimum at the best epoch and rises after it, while training loss keeps falling.
  const epochs = await history(widget);
  expect(epochs.length).toBe(stoppedAfter);
  const bestPoint = epochs[best - 1]!;
  const last = epochs[epochs.length - 1]!;
  for (const e of epochs) expect(e.validationLoss!).toBeGreaterThanOrEqual(bestPoint.validationLoss!);
  expect(last.validationLoss!, 'validation loss rose after its minimum').toBeGreaterThan(bestPoint.validationLoss!);
  expect(last.trainLoss, 'training loss kept falling').toBeLessThan(bestPoint.trainLoss);
  expect(bestPoint.validationLoss!.toFixed(2)).toBe(match![3]);
  await expect(widget.locator('[data-part="summary"]')).toContainText(`restored epoch ${best}`);
  await expect(widget.locator('[data-part="charts"] svg[role="img"]').first()).toHaveAttribute('aria-label', /best epoch/);
  test.info().annotations.push({ type: 'overfit run', description: `${text}; ${seconds.toFixed(0)} s from Start` });
  console.log(`[scratch-trainer] ${text}; ${seconds.toFixed(0)} s from Start`);
  expect(problems).toEqual([]);

  await expectWidgetAxeClean(page, OVERFIT, 'the finished overfit widget (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectWidgetAxeClean(page, OVERFIT, 'the finished overfit widget (dark)');
});

test('keyboard only: pick the too-large learning rate, turn early stopping off, start and stop', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = watchForProblems(page);
  await openLesson(page);
  const widget = page.locator(OVERFIT);
  const status = widget.getByRole('status').first();
  const code = widget.locator('[data-part="code"]');

  // Arrow keys move through the radio group; Space toggles the checkbox.
  await widget.getByRole('radio', { name: /good/i }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('radio', { name: /too large/i })).toBeChecked();
  await expect(code).toContainText('new Adam(0.2)');
  await widget.getByRole('checkbox', { name: 'Early stopping' }).focus();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('checkbox', { name: 'Early stopping' })).not.toBeChecked();
  await expect(widget.getByLabel('Patience')).toBeDisabled();
  await expect(code).not.toContainText('best');

  await widget.getByRole('button', { name: /start/i }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => widget.getAttribute('data-state'), { timeout: 120_000, message: 'training starts' }).toBe('running');
  // Focus moved to Stop when Start was pressed from the keyboard.
  await expect(widget.getByRole('button', { name: 'Stop' })).toBeFocused();
  await expect.poll(async () => (await history(widget)).length, { timeout: 60_000, message: 'a few epochs train' }).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Space');
  await expect.poll(() => widget.getAttribute('data-state'), { timeout: 30_000, message: 'training stops' }).toBe('idle');
  await expect(status).toContainText(/^Stopped after \d+ epochs?/);
  await expect(widget.getByRole('button', { name: /train again/i })).toBeFocused();
  // The too-large rate bounces: the first epoch's training loss is far above the 2.3 a network starts from.
  const epochs = await history(widget);
  expect(epochs[0]!.trainLoss).toBeGreaterThan(2.3);
  expect(Math.max(...epochs.map((e) => e.validationAccuracy ?? 0))).toBeLessThan(0.8);
  expect(problems).toEqual([]);
});

test('a download that fails is reported in plain words, and Start works again', async ({ page }) => {
  // The 404s themselves, and the other downloads cut short when the failed run ends, are expected.
  const problems = watchForProblems(page, (p) => /(HTTP 404|request failed): .*\/data\/mnist\//.test(p));
  await page.route('**/data/mnist/**', (route) => route.fulfill({ status: 404, body: 'missing' }));
  await openLesson(page);
  const widget = page.locator(MNIST);
  await widget.getByRole('button', { name: /start/i }).click();
  await expect.poll(() => widget.getAttribute('data-state'), { timeout: 60_000, message: 'the run fails' }).toBe('error');
  await expect(widget.getByRole('status').first()).toContainText(/^Error: The MNIST images could not be loaded\./);
  const panel = widget.locator('[data-part="error"]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Check your connection');
  console.log(`[scratch-trainer] error panel: ${(await panel.innerText()).replace(/\s+/g, ' ')}`);
  await expect(widget.getByRole('button', { name: /start again/i })).toBeEnabled();
  await expect(widget.getByRole('button', { name: 'Stop' })).toBeDisabled();
  expect(problems).toEqual([]);
});
