import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mulberry32 } from '../src/lib/runtime/shuffle.ts';
import { newSnakeGame } from '../src/lib/rl/snake.ts';
import { watchForProblems } from './helpers.ts';

/**
 * <tk-snake-player> on the Q-learning lesson: train the reference agent (~1 s on the main thread),
 * watch it replay a full winning 3×3 game, and play yourself with the keyboard and the buttons.
 */
const PAGE = './lessons/q-learning-snake/';
const WIDGET = 'tk-snake-player';
/** Must match GAME_SEED_BASE in src/widgets/snake-player/element.ts: game n uses seed 9000 + n. */
const GAME_SEED_BASE = 9_000;

// The lesson page is heavy (KaTeX, several widgets) and the machine is shared: allow time to load.
test.setTimeout(90_000);

async function open(page: Page) {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  return widget;
}

test('trains an agent, then the replay plays a full winning game with Q-values shown', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await open(page);
  const status = widget.locator('[data-part="status"]');
  await widget.getByRole('button', { name: 'Train an agent' }).click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const trained = (await status.innerText()).replace(/\s+/g, ' ');
  expect(trained).toMatch(/^Agent trained: [\d,]+ games in \d+\.\d s of training; it wins \d+\.\d% of 1,000 test games/);
  const winRate = Number(await widget.getAttribute('data-win-rate'));
  const trainedMs = Number(await widget.getAttribute('data-trained-ms'));
  const summary = `SnakePlayer: ${await widget.getAttribute('data-episodes')} episodes in ${trainedMs} ms of training, greedy win rate ${(winRate * 100).toFixed(1)}%`;
  console.log(summary);
  test.info().annotations.push({ type: 'snake-player', description: summary });
  expect(winRate).toBeGreaterThanOrEqual(0.99);

  // Q-values of the first position: four numbers, one marked best.
  await expect(widget.locator('[data-part="q-value"]').first()).toHaveText(/^-?\d+\.\d\d$/);
  await expect(widget.locator('[data-part="q-mark"]', { hasText: 'best' })).toHaveCount(1);

  // Step once, then play the rest at the fastest speed. With ≥ 99% wins a loss is rare; a lost game
  // is followed by the next seeded game (at most 5), and one full winning game must be seen.
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(/^Move 1: The agent moved (up|down|left|right) \(the largest Q-value\)\.$/);
  await widget.getByLabel('Speed').selectOption({ label: 'Fast' });
  let won = false;
  for (let attempt = 0; attempt < 5 && !won; attempt++) {
    if (attempt > 0) await widget.getByRole('button', { name: 'New game' }).click();
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect(widget).toHaveAttribute('data-result', /won|lost/, { timeout: 20_000 });
    won = (await widget.getAttribute('data-result')) === 'won';
  }
  expect(won, 'the agent wins a full game').toBe(true);
  await expect(status).toHaveText(/^The agent won: the snake filled all 9 cells in \d+ moves\.$/);
  await expect(widget.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the reader plays with arrow keys, WASD and the on-screen buttons', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await open(page);
  const status = widget.locator('[data-part="status"]');
  const board = widget.getByRole('group', { name: /Snake board/ });
  await expect(widget.locator('[data-part="game-label"]')).toHaveText('Game 1 (seed 9001)');

  // Game 1 is seeded: compute where the snake starts, and pick moves that stay on the board.
  const game = newSnakeGame(3, mulberry32(GAME_SEED_BASE + 1));
  const head = game.body[0]!;
  const row = Math.floor(head / 3);
  const col = head % 3;
  const vertical = row === 0 ? { key: 'ArrowDown', name: 'down' } : { key: 'ArrowUp', name: 'up' };
  const horizontal = col === 0 ? { key: 'd', name: 'right' } : { key: 'a', name: 'left' };

  await board.focus();
  await page.keyboard.press(vertical.key);
  await expect(status).toHaveText(new RegExp(`^Move 1: ${vertical.name}\\.`));
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(`Move 1: You moved ${vertical.name}.`);
  await page.keyboard.press(horizontal.key);
  await expect(status).toHaveText(new RegExp(`^Move 2: ${horizontal.name}\\.`));
  // The on-screen buttons move too (this one back the way the keys went: a legal move, or a loss
  // into the body when the snake has grown, which the status line explains).
  await widget.getByRole('button', { name: vertical.name === 'up' ? 'Down' : 'Up', exact: true }).click();
  await expect(status).toHaveText(/^(Move 3: (up|down)\.|You lost after 3 moves: the snake ran into its own body)/);

  // Walk into a wall in a fresh game with W (up): the loss cause is announced.
  await widget.getByRole('button', { name: 'New game' }).click();
  await expect(widget).toHaveAttribute('data-game', '2');
  await board.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('w');
  await expect(widget).toHaveAttribute('data-result', 'lost');
  await expect(status).toHaveText(/^You lost after [1-3] moves?: the snake hit the wall/);
  // Further keys do not move a finished game.
  await page.keyboard.press('ArrowDown');
  await expect(status).toHaveText('Game 2 is over. Press New game to play another.');
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the snake player (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const widget = await open(page);
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).include(WIDGET).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
      expect(report, `axe violations: ${label} (${colorScheme})`).toEqual([]);
    };
    await check('before training');
    await widget.getByRole('button', { name: 'Train an agent' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await widget.getByRole('button', { name: 'Step' }).click();
    await check('trained, one move played');
  });
}
