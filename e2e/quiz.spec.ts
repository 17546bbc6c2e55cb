/**
 * Quizzes (<Quiz>, src/widgets/quiz/element.ts) in the lesson "Start here": answering with the
 * keyboard alone, partial feedback, numeric tolerance and input errors, the explanation, saved
 * answers restored after a reload, and axe with the quizzes answered in both themes. The author's
 * feedback for anticipated mistakes (the `feedback` prop) in the status line, for a choice quiz here
 * and a numeric one in the images lesson, next to the generic verdict for an unanticipated answer.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON, expectNoAxeViolations, watchForProblems } from './helpers.ts';

const quiz = (page: Page, id: string) => page.locator(`tk-quiz#quiz-${id}`);
const status = (q: Locator) => q.getByRole('status');
const explanation = (q: Locator) => q.locator('[data-part="explanation"]');
/** Option `i` (from 0); its accessible name grows a mark ("Right answer") once answered. */
const option = (q: Locator, i: number) => q.locator('input[data-part="choice"]').nth(i);
/** The author's feedback texts shown in the status line. */
const feedbackTexts = (q: Locator) => status(q).locator('[data-part="feedback-text"]');
const IMAGES_LESSON = './lessons/images-are-matrices/';

/** Presses Tab until `target` has focus, as a keyboard user would reach it (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()} in ${max} presses`);
}

async function answerChoices(q: Locator, labels: string[]): Promise<void> {
  for (const label of labels) await q.getByRole('checkbox', { name: label }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
}

async function answerNumber(q: Locator, text: string): Promise<void> {
  await q.getByRole('textbox').fill(text);
  await q.getByRole('button', { name: 'Check answer' }).click();
}

test.describe('quizzes in the lesson "Start here"', () => {
  let problems: string[];
  test.beforeEach(async ({ page }) => {
    problems = watchForProblems(page);
    await page.goto(LESSON);
  });
  test.afterEach(() => {
    expect(problems, 'problems on the page').toEqual([]);
  });

  test('the markup is there before any answer, with the explanation hidden', async ({ page }) => {
    const q = quiz(page, 'softmax-sum');
    await expect(q.getByRole('group', { name: /What do the ten outputs .* of softmax add up to\?/ })).toBeVisible();
    await expect(q.getByRole('radio')).toHaveCount(4);
    await expect(q.locator('legend .katex')).toHaveCount(1); // maths rendered at build time
    await expect(explanation(q)).toBeHidden();
    await expect(q).toHaveAttribute('data-answer', 'unanswered');
  });

  test('single choice: wrong, then right, with the keyboard only', async ({ page }) => {
    const q = quiz(page, 'softmax-sum');
    const first = q.getByRole('radio', { name: '0', exact: true });
    await tabTo(page, first);

    // Check with nothing chosen: a message, not an attempt.
    await page.keyboard.press('Tab');
    await expect(q.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(status(q)).toHaveText('Choose an answer first.');
    await expect(first).toBeFocused();
    await expect(q).toHaveAttribute('data-answer', 'unanswered');

    // Choose "0" (wrong) and check.
    await page.keyboard.press('Space');
    await expect(first).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(q).toHaveAttribute('data-answer', 'wrong');
    // The author's feedback for this option follows the verdict, in the same status line, maths included.
    await expect(status(q)).toContainText(/^Not quite\. Every .* is .* divided by a sum of positive numbers, so each one is above 0/);
    await expect(feedbackTexts(q)).toHaveCount(1);
    await expect(feedbackTexts(q).locator('.katex')).toHaveCount(2);
    await expect(explanation(q)).toBeHidden();
    await expect(option(q, 0)).toBeDisabled();
    const retry = q.getByRole('button', { name: 'Try again' });
    await expect(retry).toBeFocused();
    await expect(q.getByRole('button', { name: 'Show the answer' })).toBeVisible();

    // Try again: focus returns to the chosen option; arrow to "1" and check.
    await page.keyboard.press('Enter');
    await expect(first).toBeFocused();
    await expect(status(q)).toHaveText('');
    await expect(feedbackTexts(q)).toHaveCount(0);
    await page.keyboard.press('ArrowDown');
    await expect(q.getByRole('radio', { name: '1', exact: true })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(q.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(q).toHaveAttribute('data-answer', 'correct');
    await expect(status(q)).toHaveText('Right.');
    await expect(explanation(q)).toBeVisible();
    await expect(explanation(q)).toBeFocused();
    await expect(explanation(q)).toContainText('Always 1.');
    await expect(q.locator('[data-part="mark"][data-option="1"]')).toHaveText('Right');
    await expect(q.getByRole('button', { name: 'Try again' })).toBeHidden();
  });

  test('multiple choice: partial feedback, then show the answer', async ({ page }) => {
    const q = quiz(page, 'hyperparameters');
    await expect(q.getByRole('checkbox')).toHaveCount(5);
    await answerChoices(q, ['The learning rate, 0.001', 'The weights of the hidden layer', 'The batch size, 64']);
    // The count, then the feedback for the wrong option chosen and for the right one left out, in the order written.
    await expect(status(q)).toContainText(/^Not quite: 2 of 3 right choices, 1 wrong\. /);
    await expect(feedbackTexts(q)).toHaveText([/^The hidden layer's weights are parameters/, /^The number of epochs is a setting as well/]);
    // The marks beside the options stay empty until the answer is shown.
    await expect(q.locator('[data-part="mark"]:not(:empty)')).toHaveCount(0);

    await q.getByRole('button', { name: 'Show the answer' }).click();
    await expect(q).toHaveAttribute('data-answer', 'revealed');
    await expect(status(q)).toHaveText('The 3 right answers are marked.');
    await expect(explanation(q)).toBeVisible();
    await expect(explanation(q)).toBeFocused();
    const marks = q.locator('[data-part="mark"]');
    await expect(marks).toHaveText(['Right answer', 'Not right', 'Right answer', 'Right answer', '']);
  });

  test('multiple choice: right only with exactly the right set', async ({ page }) => {
    const q = quiz(page, 'hyperparameters');
    await answerChoices(q, ['The learning rate, 0.001', 'The batch size, 64']);
    await expect(status(q)).toContainText(/^Not quite: 2 of 3 right choices, none wrong\. The number of epochs is a setting/);
    await q.getByRole('button', { name: 'Try again' }).click();
    await answerChoices(q, ['The number of epochs']);
    await expect(status(q)).toHaveText('Right: you found all 3 right choices.');
    await expect(explanation(q)).toContainText('The learning rate, the batch size and the number of epochs are settings');
  });

  test('numeric: refuses text, judges with the tolerance, spots a fraction', async ({ page }) => {
    const q = quiz(page, 'always-seven');
    const input = q.getByRole('textbox', { name: 'Your answer (in percent)' });
    await expect(input).toBeVisible();
    const check = q.getByRole('button', { name: 'Check answer' });
    const retry = q.getByRole('button', { name: 'Try again' });

    await input.fill('abc');
    await check.click();
    await expect(status(q)).toHaveText('Type a number, e.g. 25 for 25%');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toBeFocused();
    await expect(q).toHaveAttribute('data-answer', 'unanswered');

    // 0.12 away from 10.28: outside the tolerance of 0.1. Enter in the input checks too.
    await input.fill('10.4');
    await input.press('Enter');
    await expect(q).toHaveAttribute('data-answer', 'wrong');
    await expect(status(q)).toHaveText('Not quite: 10.4% is too high.');
    await expect(input).not.toHaveAttribute('aria-invalid', 'true');
    await expect(explanation(q)).toBeHidden();

    await retry.click();
    await expect(input).toBeFocused();
    await input.fill('0.1028');
    await check.click();
    await expect(status(q)).toHaveText(/asks for a percentage, and 0.1028 looks like a fraction/);

    // An anticipated mistake: every digit equally common.
    await retry.click();
    await input.fill('10');
    await check.click();
    await expect(status(q)).toHaveText(
      'Not quite: 10%. That is what it would score if the ten digits were equally common. They are not: count the sevens in the test set, 1,028 of 10,000.',
    );

    await retry.click();
    await input.fill(' 10,2 % ');
    await check.click();
    await expect(q).toHaveAttribute('data-answer', 'correct');
    await expect(status(q)).toHaveText('Right. The exact answer is 10.28%.');
    await expect(explanation(q)).toBeVisible();
    await expect(explanation(q)).toContainText('1,028 of 10,000 test digits');
  });

  test('numeric feedback: a known mistake gets its own text, an unanticipated value the generic verdict, by keyboard', async ({ page }) => {
    await page.goto(IMAGES_LESSON);
    const q = quiz(page, 'image-numbers');
    const input = q.getByRole('textbox', { name: 'Your answer' });
    // (Reaching a quiz by Tab is tested above; this lesson has hundreds of widget controls before it.)
    await input.focus();
    // RGB without alpha: the mistake the lesson warns about. Enter checks.
    await page.keyboard.type('720 000');
    await page.keyboard.press('Enter');
    await expect(q).toHaveAttribute('data-answer', 'wrong');
    await expect(status(q)).toContainText(
      /^Not quite: 720000\. That is .*: red, green and blue\. The canvas hands over RGBA, four numbers per pixel/,
    );
    await expect(status(q)).not.toContainText('too low');
    await expect(feedbackTexts(q).locator('.katex')).toHaveCount(1);
    await expect(q.getByRole('button', { name: 'Try again' })).toBeFocused();

    // Try again with the keyboard: a value no feedback anticipates gets the generic verdict.
    await page.keyboard.press('Enter');
    await expect(input).toBeFocused();
    await page.keyboard.type('720001');
    await page.keyboard.press('Enter');
    await expect(status(q)).toHaveText('Not quite: 720001 is too low.');
    await expect(feedbackTexts(q)).toHaveCount(0);

    await page.keyboard.press('Enter');
    await page.keyboard.type('960000');
    await page.keyboard.press('Enter');
    await expect(q).toHaveAttribute('data-answer', 'correct');
    await expect(status(q)).toHaveText('Right: 960000.');
    await expect(explanation(q)).toBeFocused();
  });

  test('another tab follows: an answer given there shows here, and a reset there clears it here', async ({ page, context }) => {
    const other = await context.newPage();
    await other.goto(LESSON);
    const there = quiz(other, 'softmax-sum');
    await there.getByRole('radio', { name: '1', exact: true }).check();
    await there.getByRole('button', { name: 'Check answer' }).click();
    await expect(there).toHaveAttribute('data-answer', 'correct');

    const here = quiz(page, 'softmax-sum');
    await expect(here).toHaveAttribute('data-answer', 'correct');
    await expect(option(here, 1)).toBeChecked();

    await other.evaluate(() => localStorage.removeItem('tinker-progress'));
    await expect(here).toHaveAttribute('data-answer', 'unanswered');
    await expect(option(here, 1)).not.toBeChecked();
    await other.close();
  });

  test('answers are saved and restored, with their feedback, after a reload', async ({ page }) => {
    const single = quiz(page, 'softmax-sum');
    await single.getByRole('radio', { name: '1', exact: true }).check();
    await single.getByRole('button', { name: 'Check answer' }).click();
    await expect(single).toHaveAttribute('data-answer', 'correct');
    const multi = quiz(page, 'hyperparameters');
    await answerChoices(multi, ['The learning rate, 0.001', 'The biases of the output layer']);
    await expect(multi).toHaveAttribute('data-answer', 'wrong');
    await answerNumber(quiz(page, 'always-seven'), '10.3%');
    await expect(quiz(page, 'always-seven')).toHaveAttribute('data-answer', 'correct');

    await page.reload();

    await expect(single).toHaveAttribute('data-answer', 'correct');
    await expect(option(single, 1)).toBeChecked();
    await expect(option(single, 0)).not.toBeChecked();
    await expect(status(single)).toHaveText('Right.');
    await expect(explanation(single)).toBeVisible();

    await expect(multi).toHaveAttribute('data-answer', 'wrong');
    for (const [i, checked] of [true, false, false, false, true].entries()) {
      await expect(option(multi, i)).toBeChecked({ checked });
    }
    await expect(status(multi)).toContainText(/^Not quite: 1 of 3 right choices, 1 wrong\. /);
    await expect(feedbackTexts(multi)).toHaveText([/^Biases are parameters too/, /^The number of epochs/]);
    await expect(multi.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(explanation(multi)).toBeHidden();

    const numeric = quiz(page, 'always-seven');
    await expect(numeric).toHaveAttribute('data-answer', 'correct');
    await expect(numeric.getByRole('textbox')).toHaveValue('10.3');
    await expect(status(numeric)).toHaveText('Right. The exact answer is 10.28%.');

    // What is stored is the documented QuizAnswer shape.
    const stored = await page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const text = localStorage.getItem(localStorage.key(i) ?? '') ?? '';
        if (text.includes('"quizzes"')) return JSON.parse(text).quizzes as Record<string, unknown>;
      }
      return null;
    });
    expect(stored).toMatchObject({
      'softmax-sum': { answer: { kind: 'choice', selected: [1] }, correct: true },
      hyperparameters: { answer: { kind: 'choice', selected: [0, 4] }, correct: false },
      'always-seven': { answer: { kind: 'numeric', value: 10.3 }, correct: true },
    });
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    test('axe finds no violations with the quizzes answered', async ({ page }) => {
      const problems = watchForProblems(page);
      await page.goto(LESSON);
      // One right, one revealed (marks right and wrong), one wrong with feedback (error colours).
      const single = quiz(page, 'softmax-sum');
      await single.getByRole('radio', { name: '1', exact: true }).check();
      await single.getByRole('button', { name: 'Check answer' }).click();
      const multi = quiz(page, 'hyperparameters');
      await answerChoices(multi, ['The weights of the hidden layer', 'The batch size, 64']);
      await multi.getByRole('button', { name: 'Show the answer' }).click();
      // A wrong answer with the author's feedback in the status line.
      await answerNumber(quiz(page, 'always-seven'), '10');
      await expect(quiz(page, 'always-seven')).toHaveAttribute('data-answer', 'wrong');
      await expect(feedbackTexts(quiz(page, 'always-seven'))).toHaveCount(1);
      await expectNoAxeViolations(page, `lesson with answered quizzes (${colorScheme})`);
      expect(problems).toEqual([]);
    });
  });
}
