import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * <tk-tictactoe> on the Q-learning lesson: self-play training until the exhaustive check passes,
 * then games played from the keyboard (as X and as O); the agent never loses.
 */
const PAGE = './lessons/q-learning-snake/';
const WIDGET = 'tk-tictactoe';

test.setTimeout(90_000);

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  return widget;
}

async function train(widget: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Train by self-play' }).click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

/**
 * Plays one game from the keyboard only: focus moves with the arrow keys to the next empty cell
 * (reading order, wrapping), Enter plays there. Returns the result (you / agent / draw).
 */
async function playByKeyboard(page: Page, widget: Locator): Promise<string> {
  const cells = widget.locator('[data-part="cell"]');
  await cells.first().focus();
  let position = 0;
  for (let turn = 0; turn < 9; turn++) {
    const result = await widget.getAttribute('data-result');
    if (result) return result;
    // Find the next empty cell from the current focus, stepping with ArrowRight / ArrowDown.
    for (let tries = 0; tries < 9; tries++) {
      if ((await cells.nth(position).getAttribute('aria-disabled')) !== 'true') break;
      if (position % 3 < 2) {
        await page.keyboard.press('ArrowRight');
        position += 1;
      } else if (position < 6) {
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        position += 1;
      } else {
        for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
        for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
        position = 0;
      }
    }
    await expect(cells.nth(position)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cells.nth(position)).toHaveAttribute('aria-disabled', 'true');
  }
  return (await widget.getAttribute('data-result')) ?? 'unfinished';
}

test('trains by self-play until it never loses, then a keyboard game as X and as O', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await open(page);
  const status = widget.locator('[data-part="status"]');
  // Before training the board is drawn (its lines and nine cells) but its buttons are disabled.
  await expect(widget.locator('[data-part="grid"] svg path')).toHaveAttribute('d', /^M/);
  await expect(widget.locator('[data-part="cell"]')).toHaveCount(9);
  for (const cell of await widget.locator('[data-part="cell"]').all()) {
    const box = (await cell.boundingBox())!;
    expect(Math.min(box.width, box.height), 'a cell is a comfortable tap target').toBeGreaterThanOrEqual(44);
  }
  await expect(widget.locator('[data-part="cell"]').first()).toBeDisabled();
  await train(widget);
  const check = widget.locator('[data-part="check"]');
  await expect(check).toHaveText(/^Checked: against all [\d,]+ opponent strategies \([\d,]+ with the agent as X, [\d,]+ as O\) it never loses/);
  const episodes = Number(await widget.getAttribute('data-episodes'));
  const strategies = Number(await widget.getAttribute('data-strategies'));
  const summary = `TicTacToe: never loses after ${episodes} self-play games; ${strategies} opponent strategies checked`;
  console.log(summary);
  test.info().annotations.push({ type: 'tictactoe', description: summary });
  expect(episodes).toBeGreaterThan(0);
  expect(strategies).toBeGreaterThan(100);
  await expect(status).toHaveText(/^Trained by self-play: [\d,]+ games in \d+\.\d s\. It never loses/);

  // As X (the default): the reader moves first.
  const asX = await playByKeyboard(page, widget);
  expect(['draw', 'agent']).toContain(asX);
  await expect(status).toHaveText(/(Draw: nobody got three in a row|The agent won: three in a row)\. Press New game to play again\.$/);

  // As O: choosing the side starts a new game with the agent's opening move.
  await widget.getByRole('radio', { name: /^O/ }).check();
  await expect(status).toHaveText(/^New game: you play O\. The agent \(X\) played row \d, column \d\. Your move\.$/);
  const asO = await playByKeyboard(page, widget);
  expect(['draw', 'agent']).toContain(asO);
  // A finished game refuses further moves in words (taken and finished cells stay focusable, aria-disabled).
  await widget.locator('[data-part="cell"]').first().focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('The game is over. Press New game to play again.');
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the tic-tac-toe widget (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const widget = await open(page);
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).include(WIDGET).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
      expect(report, `axe violations: ${label} (${colorScheme})`).toEqual([]);
    };
    await check('before training');
    await train(widget);
    await widget.locator('[data-part="cell"]').nth(4).click();
    await check('trained, one move each');
  });
}
