import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchForProblems } from './helpers.ts';

/**
 * <tk-snake-trainer> on the Q-learning lesson: tabular Q-learning on 3×3 Snake in a worker,
 * with live curves, the states discovered, the exact optimum and a Q-table inspector.
 */
test.describe.configure({ mode: 'serial' });

const PAGE = './lessons/q-learning-snake/';
const WIDGET = 'tk-snake-trainer';

async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  await expect(page.locator(WIDGET)).toHaveAttribute('data-state', 'idle');
}

const state = (page: Page) => page.locator(WIDGET).getAttribute('data-state');

test('with the defaults, Q-learning wins 3×3 Snake at least 99% of the time, and the inspector shows Q-values', async ({ page }) => {
  test.setTimeout(2 * 60_000);
  const problems = watchForProblems(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await open(page);
  await page.waitForLoadState('networkidle');
  expect(
    // Chunk names, matched from the path's last slash: a content hash may contain "d3" by chance.
    scripts.filter((s) => /\/(?:rl-client|rl\.worker|line-chart|d3(?:-[a-z]+)?)[.-]/.test(s)),
    'no worker or d3 before Start',
  ).toEqual([]);

  const widget = page.locator(WIDGET);
  const status = widget.getByRole('status').first();
  // Before Start, the figure: both charts' empty axes, the dashed stop-early target, and a board.
  const charts = widget.locator('[data-part="charts"]');
  await expect(charts.locator('svg[role="img"]').first()).toHaveAttribute(
    'aria-label',
    /^Greedy win rate chart, empty until training starts: .*100%/,
  );
  await expect(charts.locator('svg[role="img"]').nth(1)).toHaveAttribute('aria-label', /^Average game length chart, empty/);
  await expect(charts.locator('[data-part="target-line"]')).toHaveCount(1);
  await expect(charts.getByText('Training time (s)').first()).toBeVisible();
  await expect(widget.locator('[data-part="sample"] svg[role="img"]')).toHaveAttribute('aria-label', /^Board: snake of length 3 on 3×3/);
  // The target follows "Stop early at": none when training uses the whole time.
  await widget.getByLabel('Stop early at').selectOption('0');
  await expect(charts.locator('[data-part="target-line"]')).toHaveCount(0);
  await widget.getByLabel('Stop early at').selectOption('1');
  await expect(charts.locator('[data-part="target-line"]')).toHaveCount(1);
  // Keyboard: a labelled slider moves with the arrow keys and shows its value.
  const alpha = widget.getByRole('slider', { name: /learning rate η/i });
  const alphaValue = widget.locator('[data-part="alpha-value"]');
  const alpha0 = Number(await alphaValue.innerText()); // DEFAULT_Q_CONFIG.alpha
  await alpha.focus();
  await page.keyboard.press(alpha0 < 1 ? 'ArrowRight' : 'ArrowLeft');
  await expect(alphaValue).toHaveText((alpha0 < 1 ? alpha0 + 0.05 : alpha0 - 0.05).toFixed(2));
  await page.keyboard.press(alpha0 < 1 ? 'ArrowLeft' : 'ArrowRight');
  await expect(alphaValue).toHaveText(alpha0.toFixed(2));
  for (const name of [
    /discount γ/i,
    /ε at the start/i,
    /ε at the end/i,
    /ε decay/i,
    /reward: food/i,
    /reward: win/i,
    /reward: loss/i,
    /reward: each step/i,
  ]) {
    await expect(widget.getByRole('slider', { name })).toBeVisible();
  }

  // Start from the keyboard.
  await widget.getByRole('button', { name: /start training/i }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => state(page), { timeout: 30_000, message: 'training starts' }).toMatch(/running|done/);
  // Focus follows the run: on Stop while it trains, back on Start once it is done (a default run can
  // end within a second, so read the state and the focus together).
  const focus = await page.evaluate(
    (w) => ({
      state: document.querySelector<HTMLElement>(w)?.dataset.state,
      part: (document.activeElement as HTMLElement | null)?.dataset.part,
    }),
    WIDGET,
  );
  expect(focus.part, `focus while the widget is ${focus.state}`).toBe(focus.state === 'done' ? 'start' : 'stop');
  await page.waitForFunction((w) => ['done', 'error', 'idle'].includes(document.querySelector(w)?.getAttribute('data-state') ?? ''), WIDGET, {
    timeout: 60_000,
    polling: 250,
  });
  const text = (await status.innerText()).replace(/\s+/g, ' ');
  expect(await state(page), `widget ended in: ${text}`).toBe('done');
  const match = /^Greedy win rate (\d+\.\d)% after (\d+\.\d) s of training \(([\d,]+) episodes\); ([\d,]+) of 2,040 states seen$/.exec(text);
  expect(match, `status states the win rate and states seen in words: "${text}"`).not.toBeNull();
  const winRate = Number(match![1]);
  const seen = Number(match![4]!.replace(/,/g, ''));
  expect(winRate).toBeGreaterThanOrEqual(99);
  expect(seen).toBeGreaterThan(100);
  expect(seen).toBeLessThanOrEqual(2040);

  const timeTo99 = Number(await widget.getAttribute('data-time-to99'));
  expect(timeTo99, 'data-time-to99 is set').toBeGreaterThan(0);
  await expect(widget.locator('[data-part="summary"]')).toContainText(/First reached 99% greedy wins after \d+\.\d s of training/);
  await expect(widget.locator('[data-part="optimum"]')).toContainText(/all 2,040 reachable states .* wins 100\.0% of games/);
  const summary = `SnakeTrainer: ${text}; first ≥ 99% after ${timeTo99} ms of training`;
  console.log(summary);
  test.info().annotations.push({ type: 'snake-trainer', description: summary });
  expect(
    scripts.some((s) => /rl\.worker/.test(s)),
    'the worker was loaded on Start',
  ).toBe(true);

  // Two curves with a text alternative.
  await expect(widget.locator('svg[role="img"]').first()).toHaveAttribute('aria-label', /Greedy win rate chart: greedy win rate \d+%/);
  await expect(widget.locator('svg[role="img"]').nth(1)).toHaveAttribute('aria-label', /Average game length chart/);
  // The charts end where the data ends: no x tick beyond the last training time measured.
  const trainedSeconds = Number(await widget.getAttribute('data-training-ms')) / 1000;
  const ticks = await widget.locator('[data-part="charts"] .tk-chart').first().locator('.tick text').allTextContents();
  const xs = ticks.map(Number).filter((x) => Number.isFinite(x));
  expect(Math.max(...xs), `x ticks ${ticks.join(', ')} for ${trainedSeconds} s of training`).toBeLessThanOrEqual(trainedSeconds + 1e-9);
  expect(Math.max(...xs)).toBeGreaterThan(trainedSeconds / 2);

  // The Q-table inspector: four values, the best marked, and stepping with the keyboard.
  const inspector = widget.locator('[data-part="inspector"]');
  await expect(inspector).toBeVisible();
  for (let a = 0; a < 4; a++) await expect(inspector.locator(`[data-part="q-${a}"]`)).toHaveText(/^-?\d+\.\d{3}( ★ best)?$/);
  await expect(inspector.getByText('★ best')).toHaveCount(1);
  await expect(inspector.locator('[data-part="inspect-where"]')).toContainText(/^Move 1 of \d+/);
  const next = inspector.getByRole('button', { name: /next move/i });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(inspector.locator('[data-part="inspect-where"]')).toContainText(/^Move 2 of \d+/);
  await inspector.getByLabel('Evaluation game').selectOption({ index: 2 });
  await expect(inspector.locator('[data-part="inspect-where"]')).toContainText(/^Move 1 of \d+/);
  await expect(inspector.locator('canvas')).toHaveAttribute(
    'aria-label',
    /^Board: snake of length 1 on 3×3.*the greedy move is (up|down|left|right)$/,
  );

  // axe on the widget with its results showing, in the light and the dark theme.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include(WIDGET).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const report = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(report, `axe violations in the trained widget (${colorScheme})`).toEqual([]);
  }
  expect(problems).toEqual([]);
});

test('Stop ends a long run early, and Reset restores the defaults', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchForProblems(page);
  await open(page);
  const widget = page.locator(WIDGET);
  const status = widget.getByRole('status').first();
  await widget.getByRole('combobox', { name: 'Board' }).selectOption('5');
  await widget.getByRole('combobox', { name: 'Training time' }).selectOption('60');
  await widget.getByRole('button', { name: /start training/i }).click();
  await expect.poll(() => state(page), { timeout: 30_000, message: 'training starts' }).toBe('running');
  await expect(widget.getByRole('button', { name: /^reset$/i })).toBeDisabled();
  await widget.getByRole('button', { name: /^stop$/i }).click();
  await expect.poll(() => state(page), { timeout: 10_000, message: 'training stops' }).toBe('idle');
  await expect(status).toHaveText(/^Stopped\. Greedy win rate \d+\.\d% after \d+\.\d s of training \([\d,]+ episodes?\); [\d,]+ states seen$/);
  await expect(widget.getByRole('button', { name: /train again/i })).toBeEnabled();
  await expect(widget.getByRole('button', { name: /^stop$/i })).toBeDisabled();

  const gammaValue = widget.locator('[data-part="gamma-value"]');
  const gamma0 = await gammaValue.innerText(); // DEFAULT_Q_CONFIG.gamma
  await widget.getByRole('slider', { name: /discount γ/i }).fill('0.42');
  await expect(gammaValue).toHaveText('0.42');
  await widget.getByRole('button', { name: /^reset$/i }).click();
  await expect(widget.getByRole('combobox', { name: 'Board' })).toHaveValue('3');
  await expect(gammaValue).toHaveText(gamma0);
  await expect(widget.locator('[data-part="inspector"]')).toBeHidden();
  // The figure before a run is back: two empty charts and the 3×3 board.
  await expect(widget.locator('[data-part="charts"] .tk-empty-chart')).toHaveCount(2);
  await expect(widget.locator('[data-part="sample"] svg[role="img"]')).toHaveAttribute('aria-label', /on 3×3/);
  await expect(status).toHaveText(/^Ready/);
  expect(problems).toEqual([]);
});
