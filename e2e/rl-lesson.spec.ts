/**
 * The lesson "Reinforcement learning: Q-learning wins Snake" as a whole: its maths renders without
 * KaTeX errors (the return, the Bellman optimality equation, the Q-learning update), its sections,
 * widgets, exercise and quizzes are in place, each quiz accepts the answer its explanation gives,
 * the exact-optimum figures in the prose match what the trainer widget states, the course map lists
 * the lesson with its exercise and quizzes, and axe passes with the quiz explanations shown, in both
 * themes. The widgets have their own specs (snake-trainer, snake-player, snake-dqn, tictactoe); the
 * exercise's starter and solution are graded by e2e/code-cell.spec.ts on /dev/exercises/ (and in Node
 * by src/lib/exercises/q-learning-snake.test.ts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, lessonProse, quizById, watchForProblems } from './helpers.ts';

const RL_LESSON = './lessons/q-learning-snake/';
const TITLE = 'Reinforcement learning: Q-learning wins Snake';
const EXERCISES = ['q-learning-snake'];
const QUIZZES = [
  'snake-markov-state',
  'rl-discounted-return',
  'q-update-arithmetic',
  'q-terminal-target',
  'epsilon-greedy-probability',
  'snake-tail-rule',
  'table-no-generalisation',
  'rl-vs-supervised',
  'q-learning-off-policy',
  'table-generalisation',
  'dqn-replay-buffer',
  'tictactoe-sign-flip',
];
const WIDGETS = ['SnakeTrainer', 'SnakePlayer', 'StateCount', 'SnakeDqn', 'TicTacToe'];

/** Answers every quiz of the lesson with the answer its explanation gives (formula options are picked by position). */
async function answerQuizzes(page: Page): Promise<Locator[]> {
  return [
    await answerQuiz(page, 'snake-markov-state', { at: [1] }),
    await answerQuiz(page, 'rl-discounted-return', { type: '10' }),
    await answerQuiz(page, 'q-update-arithmetic', { type: '3.3' }),
    await answerQuiz(page, 'q-terminal-target', { at: [0] }),
    await answerQuiz(page, 'epsilon-greedy-probability', { type: '92.5' }),
    await answerQuiz(page, 'snake-tail-rule', { at: [0] }),
    await answerQuiz(page, 'table-no-generalisation', { at: [0] }),
    await answerQuiz(page, 'rl-vs-supervised', { at: [1] }),
    await answerQuiz(page, 'q-learning-off-policy', { at: [1] }),
    await answerQuiz(page, 'table-generalisation', { at: [0, 1] }),
    await answerQuiz(page, 'dqn-replay-buffer', { at: [0] }),
    await answerQuiz(page, 'tictactoe-sign-flip', { type: '-0.95' }),
  ];
}

test.describe('the lesson "Reinforcement learning: Q-learning wins Snake"', () => {
  test('renders its maths with KaTeX, inline and display, without errors', async ({ page }) => {
    await page.goto(RL_LESSON);
    await expect(page.locator('h1')).toHaveText(TITLE);
    await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
    expect(await page.locator('.lesson-body .katex-display').count(), 'display formulas').toBeGreaterThanOrEqual(12);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    const display = (tex: string) => page.locator('.lesson-body .katex-display annotation').filter({ hasText: tex });
    // The recursion of the return, the Bellman optimality equation and the Q-learning update.
    await expect(display('G_t = R_{t+1} + \\gamma\\, G_{t+1}')).toHaveCount(1);
    await expect(display("Q^*(s, a) = \\sum_{s'} P(s' \\mid s, a)")).toHaveCount(1);
    await expect(display("Q(s, a) \\leftarrow Q(s, a) + \\eta \\Big[\\, r + \\gamma \\max_{a'} Q(s', a') - Q(s, a)")).toHaveCount(1);
    // The derivation of the negamax sign flip for tic-tac-toe.
    await expect(display("r + \\gamma \\cdot \\big(-V(s')\\big) = r - \\gamma \\max_{a'} Q(s', a')")).toHaveCount(1);
  });

  test('has its sections, widgets, exercise and quizzes in place', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(RL_LESSON);
    const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
    for (const heading of [
      'Try it: an agent that learned Snake by itself',
      'Learning from rewards',
      'The Markov decision process',
      'Values and the Bellman equation',
      'Q-learning',
      'Snake on a 3×3 board',
      'Training the agent',
      'Watching the agent again',
      'Why a table works for 3×3, and not for 10×10',
      'Deep Q-networks: the bridge to deep reinforcement learning',
      'Tic-tac-toe by self-play',
      'Exercise: Q-learning that wins Snake',
      'Check yourself',
      'Summary',
      "What's next",
    ]) {
      expect(sections, `section "${heading}"`).toContain(heading);
    }
    for (const id of EXERCISES) {
      await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="exercise"]`), `exercise ${id}`).toHaveCount(1);
    }
    for (const id of QUIZZES) {
      await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
    }
    // Each of the five widgets sits in a figure with a caption (none is left as a skeleton placeholder).
    expect(await page.locator('.lesson-body figure figcaption').count()).toBeGreaterThanOrEqual(WIDGETS.length);
    const prose = await lessonProse(page);
    for (const name of WIDGETS) expect(prose, `${name} is no longer a placeholder`).not.toContain(`${name} (coming in this lesson)`);
    expect(prose).not.toContain('Skeleton');
    // Play first: the lesson opens with the agent's board, before any section of theory, and places it once.
    expect(sections[0]).toBe('Try it: an agent that learned Snake by itself');
    await expect(page.locator('.lesson-body h2').first().locator('xpath=following-sibling::*[1]').locator('tk-snake-player')).toHaveCount(1);
    await expect(page.locator('.lesson-body tk-snake-player')).toHaveCount(1);
    // Links back to it lead somewhere.
    for (const href of await page.locator('.lesson-body a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
      await expect(page.locator(href), `the target of the link ${href}`).toHaveCount(1);
    }
    expect(problems).toEqual([]);
  });

  test('every quiz accepts the answer its explanation gives', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(RL_LESSON);
    for (const q of await answerQuizzes(page)) {
      await expect(q).toHaveAttribute('data-answer', 'correct');
      await expect(q.locator('[data-part="explanation"]')).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test('the sign-flip quiz answers the forgotten minus sign and the extra discount with their own feedback', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(RL_LESSON);
    const q = await answerQuiz(page, 'tictactoe-sign-flip', { type: '0.95' });
    const status = q.getByRole('status');
    await expect(status).toContainText(/^Not quite: 0\.95\. That is the one-player target .* to X it is worth the opposite\.$/);
    await q.getByRole('button', { name: 'Try again' }).click();
    await q.getByRole('textbox').fill('-0.9025');
    await q.getByRole('button', { name: 'Check answer' }).click();
    await expect(status).toContainText(/^Not quite: -0\.9025\. That discounts twice/);
    expect(problems).toEqual([]);
  });

  test('quotes the exact optimum the trainer widget states: 2,040 states, 100% wins', async ({ page }) => {
    await page.goto(RL_LESSON);
    const prose = await lessonProse(page);
    expect(prose).toContain('the answer is 2,040 states, 72 of them starting positions');
    expect(prose).toContain('the answer is 100%');
    // The trainer says the same (its figure comes from src/lib/rl, not from the prose).
    await expect(page.locator('.lesson-body [data-part="optimum"]').first()).toContainText(/2,040 reachable states, wins 100% of games/);
  });

  test('is listed on the course map in the reinforcement-learning track, with its exercise and quizzes', async ({ page }) => {
    await page.goto('./');
    const link = page.getByRole('link', { name: TITLE, exact: true });
    await expect(link).toBeVisible();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(/\/lessons\/q-learning-snake\/$/);
    const card = page.locator('[data-lesson-progress="q-learning-snake"]');
    expect((await card.getAttribute('data-exercises'))?.split(' ')).toEqual(expect.arrayContaining(EXERCISES));
    expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(QUIZZES));
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with the quizzes answered and their explanations shown (${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(RL_LESSON);
      await answerQuizzes(page);
      await expectNoAxeViolations(page, `lesson "${TITLE}" (${colorScheme})`);
    });
  }
});
