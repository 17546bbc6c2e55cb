import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TFJS_SIGNATURE, watchForProblems } from './helpers.ts';

/** axe (WCAG 2.0/2.1 A and AA) on this spec's widgets only; the lesson page as a whole is checked by rl-lesson.spec.ts. */
async function expectWidgetsAxeClean(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include(WIDGET)
    .include('tk-state-count')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(report, `axe violations in the DQN and state-count widgets (${label})`).toEqual([]);
}

/**
 * <tk-snake-dqn> and <tk-state-count> on the Q-learning lesson: a deep Q-network learns Snake on
 * 5×5 in a worker (tfjs loads only on Start) and eats far more food than a random player; Stop
 * ends the run with a last evaluation. The state-count table is static, built at build time.
 */
test.describe.configure({ mode: 'serial' });

const PAGE = './lessons/q-learning-snake/';
const WIDGET = 'tk-snake-dqn';

const state = (page: Page) => page.locator(WIDGET).getAttribute('data-state');

test('the state-count table shows the explosion in numbers', async ({ page }) => {
  await page.goto(PAGE);
  const table = page.locator('tk-state-count table');
  await expect(table.getByRole('rowheader', { name: '3×3' })).toBeVisible();
  await expect(table.locator('tr', { hasText: '3×3' })).toContainText('2,040');
  await expect(table.locator('tr', { hasText: '5×5' })).toContainText('22.1 million');
  await expect(page.locator('tk-state-count').getByRole('status')).toContainText('2,040 positions');
});

test('the DQN learns to eat far more than random, Stop works, no errors, axe clean', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const problems = watchForProblems(page);
  const scripts: string[] = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const body = await r.text().catch(() => '');
    if (body.includes(TFJS_SIGNATURE)) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await widget.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  expect(scripts, 'tfjs is not loaded before Start').toEqual([]);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  // Before Start, the figure: the empty chart with its axes, and a 5×5 board.
  await expect(widget.locator('[data-part="chart"] svg[role="img"]')).toHaveAttribute(
    'aria-label',
    /^Food eaten per game chart, empty until training starts/,
  );
  await expect(widget.locator('.tk-snake-dqn__board svg[role="img"]')).toHaveAttribute('aria-label', /^Board: snake of length 4 on 5×5/);

  // Until Stop: the figure must rise well above random on its own.
  await widget.getByLabel('Train for').selectOption('0');
  const start = widget.getByRole('button', { name: /start training/i });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => state(page), { timeout: 60_000, message: 'training starts' }).toBe('running');
  await expect(widget.locator('[data-part="backend"]')).toContainText(/Backend: (WebAssembly|CPU)/);
  const stop = widget.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeFocused();

  const randomFood = Number(await widget.getAttribute('data-random-food'));
  expect(randomFood).toBeLessThan(1);
  const started = Date.now();
  await expect
    .poll(async () => Number((await widget.getAttribute('data-average-food')) ?? 0), {
      timeout: 150_000,
      intervals: [1000],
      message: 'the agent eats more than 3 pieces per game',
    })
    .toBeGreaterThan(3);
  const seconds = Number(await widget.getAttribute('data-seconds'));
  const food = Number(await widget.getAttribute('data-average-food'));
  const summary = `SnakeDqn: ${food.toFixed(2)} food per greedy game after ${seconds} s of training (random ${randomFood.toFixed(2)}); ${((Date.now() - started) / 1000).toFixed(0)} s wall from the first evaluation; backend ${await widget.getAttribute('data-backend')}`;
  console.log(summary);
  test.info().annotations.push({ type: 'snake-dqn', description: summary });
  await expect(widget.getByRole('status').first()).toContainText(
    /After \d+ s: the agent eats \d+\.\d pieces? of food per game on average \(random: \d\.\d\)/,
  );
  await expect(widget.locator('canvas[data-part="board"]')).toHaveAttribute('aria-label', /.+/);
  await expect(widget.locator('svg[role="img"]')).toHaveCount(1);

  await stop.click();
  await expect.poll(() => state(page), { timeout: 30_000, message: 'Stop ends the run' }).toBe('idle');
  await expect(widget.getByRole('status').first()).toContainText(/^Stopped\. After \d+ s/);
  await expect(widget.getByRole('button', { name: /train again/i })).toBeEnabled();
  await expect(widget.getByRole('button', { name: /train again/i })).toBeFocused();

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expectWidgetsAxeClean(page, theme);
  }
  expect(problems).toEqual([]);
});
