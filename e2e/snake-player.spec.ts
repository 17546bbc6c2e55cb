import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mulberry32 } from '../src/lib/runtime/shuffle.ts';
import { newSnakeGame } from '../src/lib/rl/snake.ts';
import { watchForProblems } from './helpers.ts';

/**
 * <tk-snake-player> opens the Q-learning lesson ("play first"): when it comes into view it trains the
 * reference agent (~1 s on the main thread, in short slices) and watches it play, game after game;
 * with reduced motion it waits for Play. The reader plays with the keyboard, a swipe or the buttons.
 */
const PAGE = './lessons/q-learning-snake/';
const WIDGET = 'tk-snake-player';
/** Must match GAME_SEED_BASE in src/widgets/snake-player/markup.ts: game n uses seed 9000 + n. */
const GAME_SEED_BASE = 9_000;

// The lesson page is heavy (KaTeX, several widgets) and the machine is shared: allow time to load.
test.setTimeout(90_000);

async function open(page: Page, reducedMotion: 'reduce' | 'no-preference' = 'no-preference') {
  await page.emulateMedia({ reducedMotion });
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

test('before any script runs, it shows the board of game 1', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const board = page.locator(`${WIDGET} [data-part="board"] svg[role="img"]`);
  await expect(board).toHaveAttribute('aria-label', /^Board: /);
  await expect(board.locator('.tk-snake-svg__head')).toHaveCount(1);
  await expect(board.locator('.tk-snake-svg__food')).toHaveCount(1);
  await context.close();
});

test('in view, it trains an agent for you and watches it play game after game; a key takes over', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await open(page);
  const status = widget.locator('[data-part="status"]');
  // It trains by itself, then plays: the training result, then each game's result.
  await expect(widget).toHaveAttribute('data-win-rate', /\d/, { timeout: 30_000 });
  const winRate = Number(await widget.getAttribute('data-win-rate'));
  const trainedMs = Number(await widget.getAttribute('data-trained-ms'));
  const summary = `SnakePlayer: ${await widget.getAttribute('data-episodes')} episodes in ${trainedMs} ms of training, greedy win rate ${(winRate * 100).toFixed(1)}%`;
  console.log(summary);
  test.info().annotations.push({ type: 'snake-player', description: summary });
  expect(winRate).toBeGreaterThanOrEqual(0.99);
  await expect(widget).toHaveAttribute('data-state', 'running');
  await expect(status).toHaveText(/^Watching a trained agent: game 1, (won|lost) in \d+ moves\.$/, { timeout: 30_000 });
  await expect(widget).toHaveAttribute('data-game', '2', { timeout: 10_000 });
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(/^Move \d+: The agent moved (up|down|left|right) \(the largest Q-value\)\.$/);
  // Q-values of the position on the board: four numbers, one marked best (in words, in its row).
  await expect(widget.locator('[data-part="q-mark"]', { hasText: 'best' })).toHaveCount(1);
  for (const cell of await widget.locator('[data-part="q-value"]').all()) await expect(cell).toHaveText(/^-?\d+\.\d\d$/);
  await expect(widget.locator('tbody tr').first().locator('td')).toHaveCount(1);

  // A key on the board: the reader takes over and the agent stops playing by itself.
  await widget.getByRole('group', { name: /Snake board/ }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(/^Move \d+: You moved up/);
  const game = await widget.getAttribute('data-game');
  await page.waitForTimeout(2_000); // longer than a move at Normal speed and the pause between games
  await expect(widget).toHaveAttribute('data-game', game ?? '');
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(/^Move \d+: You moved up/);
  await expect(widget.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('with reduced motion nothing moves by itself: Play replays a full winning game', async ({ page }) => {
  const problems = watchForProblems(page);
  const widget = await open(page, 'reduce');
  const status = widget.locator('[data-part="status"]');
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(status).toHaveText(
    /^Agent trained: [\d,]+ games in \d+\.\d s of training; it wins \d+\.\d% of 1,000 test games\. Press Play to watch it\.$/,
  );
  await expect(widget.locator('[data-part="last-move"]')).toHaveText('No move yet.');
  await expect(widget).toHaveAttribute('data-game', '1');

  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(/^Move 1: The agent moved (up|down|left|right) \(the largest Q-value\)\.$/);
  await widget.getByText('Speed and training').click();
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

test('the reader plays with arrow keys, WASD, a swipe and the on-screen buttons', async ({ page }) => {
  const problems = watchForProblems(page);
  // Reduced motion: the agent does not play game 1 before the reader does. Let its training end first
  // (its result would take the status line); then each move is also judged against its Q-values.
  const widget = await open(page, 'reduce');
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const yours = (move: number, name: string) => new RegExp(`^Move ${move}: You moved ${name} \\((not )?the largest Q-value\\)\\.$`);
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
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(yours(1, vertical.name));
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

  // A swipe on the board (touch) moves too: game 3, one swipe toward the middle row.
  await widget.getByRole('button', { name: 'New game' }).click();
  await expect(widget).toHaveAttribute('data-game', '3');
  const box = (await board.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const headRow = Math.floor(newSnakeGame(3, mulberry32(GAME_SEED_BASE + 3)).body[0]! / 3);
  const dy = headRow === 0 ? 60 : -60;
  await board.dispatchEvent('pointerdown', { pointerType: 'touch', clientX: cx, clientY: cy, isPrimary: true });
  await board.dispatchEvent('pointerup', { pointerType: 'touch', clientX: cx, clientY: cy + dy, isPrimary: true });
  await expect(widget.locator('[data-part="last-move"]')).toHaveText(yours(1, dy > 0 ? 'down' : 'up'));
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the snake player (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const widget = await open(page, 'reduce');
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).include(WIDGET).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
      expect(report, `axe violations: ${label} (${colorScheme})`).toEqual([]);
    };
    await check('as the page opens');
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await widget.getByRole('button', { name: 'Step' }).click();
    await check('trained, one move played');
  });
}
